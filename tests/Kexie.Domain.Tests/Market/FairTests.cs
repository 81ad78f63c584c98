using Kexie.Domain.Common;
using Kexie.Domain.Market;
using static Kexie.Domain.Tests.Market.MarketFixtures;

namespace Kexie.Domain.Tests.Market;

public class FairTests
{
    private static readonly DateTimeOffset T = Monday0900;

    private static Fair OpenFair() => Fair.Open(new FairData("大英县科创会", "常态化科创会", DayingCounty, AssociationId), CountyAdmin, T);

    private static FairProjectData ProjectData(FairCategory category = FairCategory.AchievementToCommercialise) =>
        new(category, "柠檬保鲜技术", "可延长柠檬货架期30天。", WorkerId, null, DayingTownship, ["520"], ["C13"]);

    private static FairProject SubmittedProject(Fair fair, FairProjectData? data = null)
    {
        var submitter = data?.OrganizationId is null ? Worker : Buyer;
        var project = FairProject.Create(fair, data ?? ProjectData(), submitter, Codes, T);
        project.Submit(submitter, T);
        return project;
    }

    [Fact]
    public void An_association_admin_opens_a_fair()
    {
        var fair = OpenFair();
        Assert.True(fair.IsOpen);
        Assert.Equal(T, fair.OpenedAt);
        Assert.Equal("u-admin", fair.OpenedByUserId);
        Assert.Throws<NotPermittedException>(() => Fair.Open(new FairData("科创会", null, DayingCounty, AssociationId), OtherCountyStaff, T));
        Assert.Throws<NotPermittedException>(() => Fair.Open(new FairData("科创会", null, DayingCounty, AssociationId), OtherCountyAdmin, T));
        Assert.Equal("associationId", Assert.Throws<DomainValidationException>(() => Fair.Open(new FairData("科创会", null, DayingCounty, Guid.Empty), CountyAdmin, T)).Field);
        Assert.Equal("name", Assert.Throws<DomainValidationException>(() => Fair.Open(new FairData(" ", null, DayingCounty, AssociationId), CountyAdmin, T)).Field);
    }

    [Fact]
    public void A_fair_closes_and_reopens_and_keeps_its_region()
    {
        var fair = OpenFair();
        fair.Close(CountyAdmin, T.AddDays(30));
        Assert.False(fair.IsOpen);
        Assert.Equal(T.AddDays(30), fair.ClosedAt);
        Assert.Throws<InvalidTransitionException>(() => fair.Close(CountyAdmin, T));
        Assert.Throws<InvalidTransitionException>(() => FairProject.Create(fair, ProjectData(), Worker, Codes, T));
        fair.Reopen(CountyAdmin, T.AddDays(31));
        Assert.True(fair.IsOpen);
        Assert.Null(fair.ClosedAt);
        Assert.Throws<InvalidTransitionException>(() => fair.Reopen(CountyAdmin, T));
        Assert.Throws<NotPermittedException>(() => fair.Close(Worker, T));

        Assert.Equal("regionCode", Assert.Throws<DomainValidationException>(() => fair.Update(new FairData("新名称", null, ShehongCounty, AssociationId), CountyAdmin, T)).Field);
        fair.Update(new FairData("大英县第二届科创会", null, DayingCounty, AssociationId), CountyAdmin, T);
        Assert.Equal("大英县第二届科创会", fair.Name);
    }

    [Fact]
    public void Projects_are_selected_or_rejected_by_the_fairs_admin_and_the_catalogue_shows_selected_ones()
    {
        var fair = OpenFair();
        var selected = SubmittedProject(fair);
        var problem = SubmittedProject(fair, ProjectData(FairCategory.ProblemToSolve) with { ScienceWorkerId = null, OrganizationId = OrganizationId });
        var rejected = SubmittedProject(fair, ProjectData(FairCategory.TechnologyToPromote));
        var pending = SubmittedProject(fair);
        var otherFair = OpenFair();
        var elsewhere = SubmittedProject(otherFair);

        Assert.Throws<NotPermittedException>(() => selected.Select(OtherCountyStaff, T));
        selected.Select(CountyAdmin, T.AddHours(1));
        problem.Select(CountyAdmin, T.AddHours(2));
        rejected.Reject(CountyAdmin, "技术不成熟", T);
        elsewhere.Select(CountyAdmin, T);

        Assert.True(selected.IsSelected);
        Assert.Equal(ReviewStatus.Rejected, rejected.Status);
        Assert.Equal("技术不成熟", rejected.StatusReason);

        var all = new[] { selected, problem, rejected, pending, elsewhere };
        Assert.Equal([problem, selected], fair.Catalogue(all));
        Assert.Equal([problem], fair.Catalogue(all, FairCategory.ProblemToSolve));
        Assert.Empty(fair.Catalogue(all, FairCategory.TechnologyToPromote));
        Assert.Throws<InvalidTransitionException>(() => rejected.Select(CountyAdmin, T));
    }

    [Fact]
    public void A_county_admin_inside_a_city_fair_does_not_review_it()
    {
        var cityFair = Fair.Open(new FairData("遂宁市科创会", null, SuiningCity, AssociationId), CityAdmin, T);
        var project = SubmittedProject(cityFair);
        Assert.False(project.MayReview(CountyAdmin));
        Assert.Throws<NotPermittedException>(() => project.Select(CountyAdmin, T));
        project.Select(CityAdmin, T);
        Assert.True(project.IsSelected);
    }

    public static TheoryData<FairProjectData, string> InvalidProjects()
    {
        var ok = ProjectData();
        return new()
        {
            { ok with { Category = (FairCategory)4 }, "category" },
            { ok with { Title = null }, "title" },
            { ok with { Description = "" }, "description" },
            { ok with { ScienceWorkerId = null }, "scienceWorkerId" },
            { ok with { OrganizationId = OrganizationId }, "scienceWorkerId" },
            { ok with { RegionCode = ShehongCounty }, "regionCode" },
            { ok with { IndustryCodes = ["??"] }, "industryCodes" },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidProjects))]
    public void Invalid_projects_are_rejected_naming_the_field(FairProjectData data, string field)
    {
        Assert.Equal(field, Assert.Throws<DomainValidationException>(() => FairProject.Create(OpenFair(), data, Worker, Codes, T)).Field);
    }

    [Fact]
    public void Only_the_submitter_or_region_staff_enter_and_edit_a_project()
    {
        var fair = OpenFair();
        Assert.Throws<NotPermittedException>(() => FairProject.Create(fair, ProjectData(), OtherWorker, Codes, T));
        var project = FairProject.Create(fair, ProjectData(), Staff, Codes, T);
        Assert.Equal(fair.Id, project.FairId);
        Assert.True(project.IsOwnedBy(Worker));
        project.Update(ProjectData() with { Title = "柠檬保鲜技术（第二版）" }, Worker, Codes, T);
        Assert.Equal("柠檬保鲜技术（第二版）", project.Title);
        Assert.Equal("scienceWorkerId", Assert.Throws<DomainValidationException>(() => project.Update(ProjectData() with { ScienceWorkerId = OtherWorkerId }, Worker, Codes, T)).Field);
        Assert.Equal("成果转化", FairCategory.AchievementToCommercialise.Chinese());
    }
}
