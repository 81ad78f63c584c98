using Kexie.Domain.Common;
using Kexie.Domain.Market;
using Kexie.Domain.ThinkTank;
using static Kexie.Domain.Tests.Market.MarketFixtures;

namespace Kexie.Domain.Tests.ThinkTank;

/// <summary>专家库 experts assigned to a topic: rubric rules, conflicts of interest, scoring on the rubric, recommendation upward.</summary>
public class ExpertAssignmentTests
{
    private static ThinkTankCall Call(string region = DayingCounty, IReadOnlyList<ReviewCriterionData>? rubric = null) =>
        ThinkTankCall.Open(new ThinkTankCallData("2025年度智库课题征集", null, region, new DateOnly(2025, 3, 31), rubric), region == DayingCounty ? CountyAdmin : CityAdmin, Monday0900);

    private static ThinkTankTopic Topic(ThinkTankCall call) =>
        ThinkTankTopic.Apply(call, new ThinkTankTopicData("柠檬产业链延伸研究", "研究内容……", "张教授", "遂宁职业技术学院", DayingTownship), Worker, Monday0900);

    private static ExpertCandidate Expert(string name = "李专家", string? employer = "四川农业大学", string? userId = "u-expert") =>
        new(Guid.NewGuid(), OtherWorkerId, name, employer, userId, Active: true);

    [Fact]
    public void A_call_without_a_rubric_gets_the_default_and_a_bad_rubric_is_refused_on_its_field()
    {
        var call = Call();
        Assert.Equal(100, call.Rubric.Sum(c => c.Weight));
        Assert.Equal(ReviewRubric.Default.Count, call.Rubric.Count);
        Assert.Equal("rubric", Assert.Throws<DomainValidationException>(() => Call(rubric: [new("价值", 60, 10), new("方法", 30, 10)])).Field);
        Assert.Equal("rubric", Assert.Throws<DomainValidationException>(() => Call(rubric: [new("价值", 50, 10), new("价值", 50, 10)])).Field);
        Assert.Equal("rubric", Assert.Throws<DomainValidationException>(() => Call(rubric: [new("价值", 100, 0)])).Field);
        Assert.Single(Call(rubric: [new("综合评价", 100, 100)]).Rubric);
    }

    [Fact]
    public void Conflicts_of_interest_are_refused_with_the_reason()
    {
        var call = Call();
        var topic = Topic(call);
        Assert.Contains("申报人", Assert.Throws<DomainValidationException>(() => ExpertAssignment.Assign(topic, call.Rubric, Expert(userId: Worker.UserId), [], CountyAdmin)).Message);
        Assert.Contains("负责人", Assert.Throws<DomainValidationException>(() => ExpertAssignment.Assign(topic, call.Rubric, Expert(name: "张教授"), [], CountyAdmin)).Message);
        var unit = Assert.Throws<DomainValidationException>(() => ExpertAssignment.Assign(topic, call.Rubric, Expert(employer: " 遂宁职业技术学院 "), [], CountyAdmin));
        Assert.Equal("expertId", unit.Field);
        Assert.Contains("承担单位", unit.Message);
        Assert.Throws<DomainValidationException>(() => ExpertAssignment.Assign(topic, call.Rubric, Expert() with { Active = false }, [], CountyAdmin));
        Assert.Throws<NotPermittedException>(() => ExpertAssignment.Assign(topic, call.Rubric, Expert(), [], OtherCountyAdmin));
        Assert.Throws<NotPermittedException>(() => ExpertAssignment.Assign(topic, call.Rubric, Expert(), [], OtherCountyStaff));
        var expert = Expert();
        ExpertAssignment.Assign(topic, call.Rubric, expert, [], CountyAdmin);
        Assert.Throws<InvalidTransitionException>(() => ExpertAssignment.Assign(topic, call.Rubric, expert, [expert.ExpertId], CountyAdmin));
    }

    [Fact]
    public void Only_the_expert_scores_every_criterion_once_and_the_total_is_weighted()
    {
        var call = Call(rubric: [new("选题价值", 40, 10), new("研究方法", 30, 10), new("可行性", 30, 5)]);
        var topic = Topic(call);
        var assignment = ExpertAssignment.Assign(topic, call.Rubric, Expert(), [], CountyAdmin, Monday0900);
        var expert = OtherWorker;
        Assert.Throws<NotPermittedException>(() => assignment.Score(topic, [9, 8, 4], null, Worker));
        Assert.Throws<NotPermittedException>(() => assignment.Score(topic, [9, 8, 4], null, CountyAdmin));
        Assert.Equal("scores", Assert.Throws<DomainValidationException>(() => assignment.Score(topic, [9, 8], null, expert)).Field);
        Assert.Equal("scores", Assert.Throws<DomainValidationException>(() => assignment.Score(topic, [9, 8, 6], null, expert)).Field);
        Assert.Equal("scores", Assert.Throws<DomainValidationException>(() => assignment.Score(topic, [9, null, 4], null, expert)).Field);
        Assert.Equal(TopicStatus.Submitted, topic.Status);
        assignment.Score(topic, [9, 8, 4], "选题切合县情", expert, Monday0900);
        Assert.Equal(36m + 24m + 24m, assignment.Total);
        Assert.Equal(AssignmentStatus.Scored, assignment.Status);
        Assert.Equal(TopicStatus.UnderReview, topic.Status);
        Assert.Throws<InvalidTransitionException>(() => assignment.Score(topic, [1, 1, 1], null, expert));
        topic.Approve(CountyAdmin);
    }

    [Fact]
    public void An_approved_topic_is_recommended_once_to_an_open_call_of_a_higher_region()
    {
        var call = Call();
        var topic = Topic(call);
        var city = Call(SuiningCity);
        var other = Call(ShehongCounty);
        Assert.Throws<InvalidTransitionException>(() => topic.RecommendTo(city, CountyAdmin, Monday0900));
        topic.ReviewBy("李专家", 90, null, CountyAdmin, Monday0900);
        topic.Approve(CountyAdmin, Monday0900);
        Assert.Equal("targetCallId", Assert.Throws<DomainValidationException>(() => topic.RecommendTo(other, CountyAdmin, Monday0900)).Field);
        Assert.Equal("targetCallId", Assert.Throws<DomainValidationException>(() => topic.RecommendTo(Call(), CountyAdmin, Monday0900)).Field);
        Assert.Throws<NotPermittedException>(() => topic.RecommendTo(city, OtherCountyAdmin, Monday0900));
        Assert.Throws<InvalidTransitionException>(() => topic.RecommendTo(city, CountyAdmin, Cst(2025, 4, 10, 9)));
        var up = topic.RecommendTo(city, CountyAdmin, Monday0900);
        Assert.Equal((city.Id, SuiningCity, topic.Id, TopicStatus.Submitted, Worker.UserId), (up.CallId, up.CallRegionCode, up.SourceTopicId!.Value, up.Status, up.ApplicantUserId));
        Assert.Equal(up.Id, topic.RecommendedTopicId);
        Assert.Throws<InvalidTransitionException>(() => topic.RecommendTo(city, CountyAdmin, Monday0900));

        // Approved again by the city: the county's 立项 count (D01) does not count the same research twice.
        up.ReviewBy("王专家", 88, null, CityAdmin, Monday0900);
        up.Approve(CityAdmin, Monday0900);
        Assert.Empty(Kexie.Domain.Indicators.FactDerivation.From(up));
        var facts = Kexie.Domain.Indicators.FactDerivation.From(topic).ToList();
        Assert.Single(facts, f => f.Kind == Kexie.Domain.Indicators.FactKind.ThinkTankTopics);

        // D03: the recommendation counts once, in the region whose call the topic came from, on the day it was sent up.
        var recommended = Assert.Single(facts, f => f.Kind == Kexie.Domain.Indicators.FactKind.ThinkTankTopicsRecommended);
        Assert.Equal((call.RegionCode, 1, topic.Id), (recommended.RegionCode, recommended.Count, recommended.SourceId!.Value));
        Assert.Equal(2, facts.Count);
    }

    [Fact]
    public void A_rubric_typed_a_criterion_a_line_reads_back_and_a_malformed_line_is_refused_quoting_it()
    {
        Assert.Null(ReviewRubric.Parse("  \n "));
        var parsed = ReviewRubric.Parse("创新性,40,10\r\n贡献，40，10\n影响 20 10");
        Assert.Equal([new ReviewCriterionData("创新性", 40, 10), new("贡献", 40, 10), new("影响", 20, 10)], parsed);
        Assert.Equal(parsed, ReviewRubric.Parse(ReviewRubric.Text(parsed!.Select(c => (c.Name!, c.Weight!.Value, c.MaxScore!.Value)))));
        var refused = Assert.Throws<DomainValidationException>(() => ReviewRubric.Parse("创新性,40,10\n贡献,四十,10"));
        Assert.Equal("rubric", refused.Field);
        Assert.Contains("“贡献,四十,10”", refused.Message, StringComparison.Ordinal);
    }
}
