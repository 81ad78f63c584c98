using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Talent;

namespace Kexie.Domain.Tests.Talent;

public sealed class AssociationManagementTests
{
    private static readonly Actor DaYing = new("u1", "daying", UserRole.AssociationAdmin, "510923");
    private static readonly Actor Staff = new("u2", "daying-staff", UserRole.ServiceCenterStaff, "510923");
    private static readonly Actor SheHong = new("u3", "shehong", UserRole.AssociationAdmin, "510981");
    private static readonly Actor Member = new("u4", "daying-member", UserRole.ScienceWorker, "510923");
    private static readonly DateOnly Today = new(2026, 6, 30);
    private static readonly ManagedAssociation Society = new(Guid.NewGuid(), "大英县医学会", "510923");

    [Fact]
    public void An_inspection_is_decided_once_by_a_manager_of_the_societys_region_with_an_opinion_unless_passed()
    {
        Assert.Throws<NotPermittedException>(() => Inspection.Submit(Society, new InspectionData(2025, 600, 10, null, null), SheHong, Today));
        Assert.Throws<NotPermittedException>(() => Inspection.Submit(Society, new InspectionData(2025, 600, 10, null, null), Member, Today));
        // Which of the county's managers submit and decide is the permission's grant (by default the admins), not a role test here.
        Assert.True(Inspection.MaySubmit(Staff, Society.RegionCode, leadsSociety: false));
        Assert.Equal("year", Assert.Throws<DomainValidationException>(() => Inspection.Submit(Society, new InspectionData(2027, 600, 10, null, null), DaYing, Today)).Field);
        Assert.Equal("groupMembers", Assert.Throws<DomainValidationException>(() => Inspection.Submit(Society, new InspectionData(2025, 600, null, null, null), DaYing, Today)).Field);

        var inspection = Inspection.Submit(Society, new InspectionData(2025, 612, 18, "年度工作报告", new DateOnly(2026, 3, 18)), DaYing, Today);
        Assert.Equal(InspectionStatus.Submitted, inspection.Status);
        Assert.Equal("opinion", Assert.Throws<DomainValidationException>(() => inspection.Decide(InspectionStatus.Failed, new DateOnly(2026, 4, 1), null, DaYing, Today)).Field);
        Assert.Equal("result", Assert.Throws<DomainValidationException>(() => inspection.Decide(InspectionStatus.Submitted, null, null, DaYing, Today)).Field);
        Assert.Equal("decidedOn", Assert.Throws<DomainValidationException>(() => inspection.Decide(InspectionStatus.Passed, new DateOnly(2026, 3, 1), null, DaYing, Today)).Field);
        Assert.Throws<NotPermittedException>(() => inspection.Decide(InspectionStatus.Passed, null, null, SheHong, Today));
        inspection.Decide(InspectionStatus.BasicallyPassed, new DateOnly(2026, 4, 22), "会员名册未及时更新", DaYing, Today);
        Assert.Equal("基本合格", inspection.Status.Chinese());
        Assert.Throws<InvalidTransitionException>(() => inspection.Decide(InspectionStatus.Passed, null, null, DaYing, Today));
    }

    [Fact]
    public void Three_formal_party_members_require_an_independent_party_organization()
    {
        Assert.Equal("form", Assert.Throws<DomainValidationException>(() =>
            PartyBuilding.Create(Society, new PartyBuildingData("王志强", 2, PartyOrganizationForm.Independent, new DateOnly(2019, 7, 1)), DaYing, Today)).Field);
        var joint = PartyBuilding.Create(Society, new PartyBuildingData("王志强", 2, PartyOrganizationForm.Joint, new DateOnly(2019, 7, 1)), DaYing, Today);
        Assert.False(joint.MustEstablish);
        joint.Update(new PartyBuildingData("王志强", 3, PartyOrganizationForm.Joint, new DateOnly(2019, 7, 1)), DaYing, Today);
        Assert.True(joint.MustEstablish);
        Assert.Equal("establishedOn", Assert.Throws<DomainValidationException>(() => joint.Update(new PartyBuildingData("李红梅", 3, PartyOrganizationForm.Independent, null), DaYing, Today)).Field);
        Assert.Equal(("王志强", PartyOrganizationForm.Joint), (joint.InstructorName, joint.Form));
        joint.Update(new PartyBuildingData("王志强", 3, PartyOrganizationForm.Independent, new DateOnly(2026, 6, 1)), DaYing, Today);
        Assert.False(joint.MustEstablish);
        Assert.Null(PartyBuilding.Create(Society, new PartyBuildingData(null, 0, PartyOrganizationForm.None, new DateOnly(2019, 7, 1)), DaYing, Today).EstablishedOn);
    }

    [Fact]
    public void Posts_end_once_after_they_start_and_congress_terms_are_unique()
    {
        var post = LeadershipPost.Appoint(Society, new LeadershipPostData("何建军", LeadershipKind.FullTimeViceChair, "县科协专职副主席", new DateOnly(2021, 9, 28)), DaYing, Today);
        Assert.True(post.HeldOn(new DateOnly(2025, 12, 31)));
        Assert.Equal("until", Assert.Throws<DomainValidationException>(() => post.End(new DateOnly(2021, 1, 1), DaYing, Today)).Field);
        post.End(new DateOnly(2025, 6, 30), DaYing, Today);
        Assert.False(post.HeldOn(new DateOnly(2025, 12, 31)));
        Assert.Throws<InvalidTransitionException>(() => post.End(null, DaYing, Today));

        var congress = Congress.Record(Society, new CongressData(8, new DateOnly(2021, 9, 28), null, null), [7], DaYing, Today);
        Assert.Equal(new DateOnly(2026, 9, 28), congress.NextDueOn);
        Assert.Throws<InvalidTransitionException>(() => Congress.Record(Society, new CongressData(8, new DateOnly(2021, 9, 28), 5, null), [8], DaYing, Today));
        Assert.Equal("termYears", Assert.Throws<DomainValidationException>(() => Congress.Record(Society, new CongressData(9, new DateOnly(2026, 1, 1), 11, null), [8], DaYing, Today)).Field);
    }
}
