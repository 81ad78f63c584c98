using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Talent;

namespace Kexie.Domain.Tests.Talent;

public class ContestTests
{
    private static readonly Actor DaYingAdmin = new("u1", "daying", UserRole.AssociationAdmin, "510923", DisplayName: "大英县科协");
    private static readonly Actor DaYingStaff = new("u2", "staff", UserRole.ServiceCenterStaff, "510923", DisplayName: "大英县服务中心");
    private static readonly Actor SuiNingAdmin = new("u3", "suining", UserRole.AssociationAdmin, "5109", DisplayName: "遂宁市科协");
    private static readonly Actor SheHongAdmin = new("u4", "shehong", UserRole.AssociationAdmin, "510981", DisplayName: "射洪市科协");
    private static readonly Actor School = new("u5", "school", UserRole.OrganizationMember, "510923", OrganizationId: Guid.NewGuid(), DisplayName: "大英中学");

    private static Contest County(int? quota = 2) =>
        Contest.Create(new ContestData("2023年大英县青少年科技创新大赛", 2023, "510923", ["科技创新成果", "科幻绘画", "科幻绘画", " "], quota), DaYingAdmin);

    private static Contest City(int year = 2023) =>
        Contest.Create(new ContestData("第35届遂宁市青少年科技创新大赛", year, "5109", ["科技创新成果", "科技实践活动"], 10), SuiNingAdmin);

    private static ContestEntry Entry(Contest contest, string category = "科技创新成果") =>
        ContestEntry.Submit(contest, Guid.NewGuid(), "大英中学", "510923100", new ContestEntryData("柠檬皮的妙用", category, ["张小明", " 李小红 ", "张小明"], "王老师"), School);

    [Fact]
    public void An_edition_takes_its_level_from_its_region_and_keeps_distinct_categories()
    {
        var county = County();
        Assert.Equal(ContestLevel.County, county.Level);
        Assert.Equal(["科技创新成果", "科幻绘画"], county.Categories);
        Assert.Equal(ContestLevel.Prefectural, City().Level);
        Assert.Equal(ContestStatus.Open, county.Status);
    }

    [Fact]
    public void Only_a_manager_of_the_holding_region_holds_or_changes_an_edition()
    {
        Assert.Throws<NotPermittedException>(() => Contest.Create(new ContestData("x", 2023, "510923", ["a"], null), SheHongAdmin));
        Assert.Throws<NotPermittedException>(() => Contest.Create(new ContestData("x", 2023, "510923", ["a"], null), School));
        // Which of the region's managers hold a contest is the permission's decision (talent.contests.manage, admins by
        // default; the web tests refuse staff without a grant): the domain asks only for a manager of the region.
        Assert.NotNull(Contest.Create(new ContestData("x", 2023, "510923", ["a"], null), DaYingStaff));
        var county = County();
        Assert.Throws<NotPermittedException>(() => county.MoveTo(ContestStatus.Reviewing, SheHongAdmin));
        county.MoveTo(ContestStatus.Reviewing, DaYingAdmin);
        Assert.Throws<InvalidTransitionException>(() => county.MoveTo(ContestStatus.Reviewing, DaYingAdmin));
    }

    [Theory]
    [InlineData("name", "大赛名称")]
    [InlineData("year", "年份")]
    [InlineData("categories", "类别")]
    [InlineData("recommendQuota", "推荐名额")]
    public void Bad_edition_input_names_the_field_in_Chinese(string field, string words)
    {
        var data = field switch
        {
            "name" => new ContestData(" ", 2023, "510923", ["a"], null),
            "year" => new ContestData("x", 1900, "510923", ["a"], null),
            "categories" => new ContestData("x", 2023, "510923", [" "], null),
            _ => new ContestData("x", 2023, "510923", ["a"], -1),
        };
        var e = Assert.Throws<DomainValidationException>(() => Contest.Create(data, DaYingAdmin));
        Assert.Equal(field, e.Field);
        Assert.Contains(words, e.Message);
    }

    [Fact]
    public void A_school_enters_a_work_of_a_category_of_the_edition_within_its_region()
    {
        var county = County();
        var entry = Entry(county);
        Assert.Equal(["张小明", "李小红"], entry.Students);
        Assert.Equal(ContestEntryStatus.Submitted, entry.Status);
        Assert.Equal("510923100", entry.RegionCode);

        var wrong = Assert.Throws<DomainValidationException>(() => Entry(county, "机器人"));
        Assert.Equal("category", wrong.Field);
        Assert.Contains("科幻绘画", wrong.Message);
        var outside = Assert.Throws<DomainValidationException>(() =>
            ContestEntry.Submit(county, Guid.NewGuid(), "射洪中学", "510981", new ContestEntryData("x", "科幻绘画", ["a"], null), School));
        Assert.Equal("schoolId", outside.Field);
        var noStudents = Assert.Throws<DomainValidationException>(() =>
            ContestEntry.Submit(county, Guid.NewGuid(), "大英中学", "510923", new ContestEntryData("x", "科幻绘画", [" "], null), School));
        Assert.Equal("students", noStudents.Field);

        county.MoveTo(ContestStatus.Reviewing, DaYingAdmin);
        Assert.Throws<InvalidTransitionException>(() => Entry(county));
    }

    [Fact]
    public void The_holding_region_reviews_and_awards_and_a_rejection_needs_an_opinion()
    {
        var county = County();
        var entry = Entry(county);
        Assert.Throws<NotPermittedException>(() => entry.Review(county, true, 90, null, SheHongAdmin));
        Assert.Throws<InvalidTransitionException>(() => entry.SetAward(county, AwardGrade.First, DaYingStaff));
        Assert.Equal("opinion", Assert.Throws<DomainValidationException>(() => entry.Review(county, false, 40, " ", DaYingStaff)).Field);
        Assert.Equal("score", Assert.Throws<DomainValidationException>(() => entry.Review(county, true, 101, null, DaYingStaff)).Field);

        entry.Review(county, true, 92.46m, "创意好", DaYingStaff);
        Assert.Equal(ContestEntryStatus.Accepted, entry.Status);
        Assert.Equal(92.5m, entry.Score);
        entry.SetAward(county, AwardGrade.First, DaYingStaff);
        Assert.Equal(AwardGrade.First, entry.Award);
        Assert.Throws<InvalidTransitionException>(() => entry.Review(county, false, 10, "改判", DaYingStaff));
        entry.SetAward(county, null, DaYingStaff);
        Assert.Null(entry.Award);
    }

    [Fact]
    public void A_passed_work_is_recommended_once_to_a_higher_edition_holding_the_region_within_the_quota()
    {
        var county = County(quota: 1);
        var city = City();
        var entry = Entry(county);
        Assert.Throws<InvalidTransitionException>(() => entry.RecommendTo(county, city, 0, DaYingAdmin));
        entry.Review(county, true, 88, null, DaYingAdmin);

        var other = Contest.Create(new ContestData("射洪市大赛", 2023, "510981", ["科技创新成果"], null), SheHongAdmin);
        Assert.Equal("targetContestId", Assert.Throws<DomainValidationException>(() => entry.RecommendTo(county, other, 0, DaYingAdmin)).Field);
        Assert.Equal("targetContestId", Assert.Throws<DomainValidationException>(() => entry.RecommendTo(county, City(2025), 0, DaYingAdmin)).Field);
        Assert.Contains("推荐名额（1件）", Assert.Throws<InvalidTransitionException>(() => entry.RecommendTo(county, city, 1, DaYingAdmin)).Message);

        var copy = entry.RecommendTo(county, city, 0, DaYingAdmin);
        Assert.Equal(city.Id, copy.ContestId);
        Assert.Equal(entry.Id, copy.SourceEntryId);
        Assert.Equal(copy.Id, entry.RecommendedEntryId);
        Assert.Equal(ContestEntryStatus.Submitted, copy.Status);
        Assert.Equal(entry.Students, copy.Students);
        Assert.Equal("大英中学", copy.SchoolName);
        Assert.Throws<InvalidTransitionException>(() => entry.RecommendTo(county, city, 0, DaYingAdmin));

        // The city reviews the recommended work; the county does not.
        Assert.Throws<NotPermittedException>(() => copy.Review(city, true, 90, null, DaYingAdmin));
        copy.Review(city, true, 90, null, SuiNingAdmin);
        copy.SetAward(city, AwardGrade.Second, SuiNingAdmin);
        Assert.Equal(AwardGrade.Second, copy.Award);
    }

    [Fact]
    public void A_category_the_higher_edition_lacks_cannot_be_recommended()
    {
        var county = County();
        var entry = Entry(county, "科幻绘画");
        entry.Review(county, true, 80, null, DaYingAdmin);
        var e = Assert.Throws<DomainValidationException>(() => entry.RecommendTo(county, City(), 0, DaYingAdmin));
        Assert.Contains("科幻绘画", e.Message);
    }

    [Fact]
    public void Top_n_per_category_advances_ties_together_and_leaves_the_rest_and_unscored_works_behind()
    {
        var contest = Contest.Create(new ContestData("大英县青少年科技创新大赛", 2023, "510923", ["科技创新成果", "科幻绘画"], null, Rounds: ["初评", " ", "终评", "初评"]), DaYingAdmin);
        Assert.Equal(["初评", "终评"], contest.RoundNames);
        Assert.Equal("初评", contest.RoundName(contest.CurrentRound));
        var entries = new[] { (decimal?)90, 80, 80, 70, null }.Select(score =>
        {
            var e = Entry(contest);
            e.SetExpertScore(score);
            return e;
        }).ToList();
        var painting = Entry(contest, "科幻绘画");
        painting.SetExpertScore(60);
        entries.Add(painting);
        contest.MoveTo(ContestStatus.Reviewing, DaYingAdmin);
        Assert.Throws<NotPermittedException>(() => contest.Advance(entries, new ContestAdvanceData(2, null, true, "按评分"), SheHongAdmin));

        var decision = contest.Advance(entries, new ContestAdvanceData(2, null, true, "按评分"), DaYingAdmin);

        // 科技创新成果: 90 and the two tied at 80 go on; 70 and the unscored work stay; 科幻绘画's only work goes on.
        Assert.Equal((4, 2), (decision.Advanced, decision.NotAdvanced));
        Assert.Equal("每个类别专家评分前2名（并列者同时晋级）", decision.Rule);
        Assert.Equal([2, 2, 2, 1, 1, 2], entries.Select(e => e.Round));
        Assert.All(entries.Where(e => e.Round == 2), e => Assert.Null(e.ExpertScore));
        Assert.Equal("未进入终评", entries[3].StatusName(contest));
        Assert.Equal(ContestEntryStatus.NotAdvanced, entries[4].Status);
        Assert.True(contest.InFinalRound);
        Assert.Throws<InvalidTransitionException>(() => contest.Advance(entries, new ContestAdvanceData(1, null, false, "再晋级"), DaYingAdmin));
    }
}
