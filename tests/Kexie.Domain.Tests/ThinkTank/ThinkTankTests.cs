using Kexie.Domain.Common;
using Kexie.Domain.Indicators;
using Kexie.Domain.Market;
using Kexie.Domain.ThinkTank;
using static Kexie.Domain.Tests.Market.MarketFixtures;

namespace Kexie.Domain.Tests.ThinkTank;

public class ThinkTankTopicTests
{
    private static ThinkTankCall Call(DateTimeOffset? at = null) =>
        ThinkTankCall.Open(new ThinkTankCallData("2025年度智库课题征集", "围绕柠檬产业发展", DayingCounty, new DateOnly(2025, 3, 31)), CountyAdmin, at ?? Monday0900);

    private static ThinkTankTopicData Data(string region = DayingTownship) => new("柠檬产业链延伸研究", "研究内容……", "张教授", "遂宁职业技术学院", region);

    [Fact]
    public void A_topic_is_applied_reviewed_approved_and_concluded_and_counts_on_the_day_approved()
    {
        var call = Call();
        var topic = ThinkTankTopic.Apply(call, Data(), Worker, Monday0900);
        Assert.Equal(TopicStatus.Submitted, topic.Status);
        Assert.Throws<InvalidTransitionException>(() => topic.Approve(CountyAdmin)); // no expert opinion yet
        Assert.Throws<NotPermittedException>(() => topic.ReviewBy("李专家", 90, null, OtherCountyAdmin));
        Assert.Throws<NotPermittedException>(() => topic.ReviewBy("李专家", 90, null, OtherCountyStaff));
        Assert.Equal("score", Assert.Throws<DomainValidationException>(() => topic.ReviewBy("李专家", 101, null, CountyAdmin)).Field);
        topic.ReviewBy("李专家", 90, "选题切合实际", CountyAdmin, Monday0900);
        topic.ReviewBy("王专家", 85, null, CityAdmin, Monday0900);
        Assert.Equal(87.5m, topic.AverageScore);
        Assert.Throws<InvalidTransitionException>(() => topic.Withdraw(Worker));
        Assert.Empty(FactDerivation.From(topic));
        topic.Approve(CountyAdmin, Cst(2025, 4, 10, 9));
        var fact = Assert.Single(FactDerivation.From(topic));
        Assert.Equal((FactKind.ThinkTankTopics, 20250410, DayingTownship, FactSource.ThinkTankTopic), (fact.Kind, fact.Day, fact.RegionCode, fact.Source));
        Assert.Equal("result", Assert.Throws<DomainValidationException>(() => topic.Conclude(CountyAdmin, " ")).Field);
        topic.Conclude(CountyAdmin, "形成研究报告一份，获县领导批示", Cst(2025, 12, 1, 9));
        Assert.Equal(TopicStatus.Concluded, topic.Status);
        Assert.Single(FactDerivation.From(topic));
        Assert.Throws<InvalidTransitionException>(() => topic.Reject(CountyAdmin, "晚了"));
        Assert.True(FactKinds.IsImplemented(FactKind.ThinkTankTopics));
    }

    [Fact]
    public void Calls_close_and_applications_stay_within_the_call_region()
    {
        var call = Call();
        Assert.Equal("regionCode", Assert.Throws<DomainValidationException>(() => ThinkTankTopic.Apply(call, Data(ShehongCounty), Worker, Monday0900)).Field);
        Assert.Throws<InvalidTransitionException>(() => ThinkTankTopic.Apply(call, Data(), Worker, Cst(2025, 4, 1, 9))); // past the deadline
        Assert.Throws<NotPermittedException>(() => ThinkTankTopic.Apply(call, Data(), Kexie.Domain.Identity.Actor.Public, Monday0900));
        Assert.Throws<NotPermittedException>(() => call.Close(OtherCountyStaff));
        call.Close(CountyAdmin);
        Assert.Throws<InvalidTransitionException>(() => call.Close(CountyAdmin));
        Assert.Throws<InvalidTransitionException>(() => ThinkTankTopic.Apply(call, Data(), Worker, Monday0900));
        Assert.Throws<NotPermittedException>(() => ThinkTankCall.Open(new ThinkTankCallData("征集", null, DayingCounty, new DateOnly(2025, 3, 31)), OtherCountyStaff, Monday0900));
        Assert.Equal("deadline", Assert.Throws<DomainValidationException>(() => ThinkTankCall.Open(new ThinkTankCallData("征集", null, DayingCounty, new DateOnly(2025, 3, 1)), CountyAdmin, Monday0900)).Field);
    }

    [Fact]
    public void A_rejection_needs_a_reason_and_only_the_applicant_withdraws_before_review()
    {
        var topic = ThinkTankTopic.Apply(Call(), Data(), Worker, Monday0900);
        Assert.Throws<NotPermittedException>(() => topic.Withdraw(OtherWorker));
        Assert.Equal("reason", Assert.Throws<DomainValidationException>(() => topic.Reject(CountyAdmin, null)).Field);
        topic.Reject(CountyAdmin, "与征集方向不符");
        Assert.Equal(TopicStatus.Rejected, topic.Status);
        Assert.Empty(FactDerivation.From(topic));
        var other = ThinkTankTopic.Apply(Call(), Data(), Worker, Monday0900);
        other.Withdraw(Worker);
        Assert.Equal(TopicStatus.Withdrawn, other.Status);
    }
}

public class ProposalTests
{
    private static ProposalData Data() => new("关于建设柠檬产业科技小院的建议", "建议……", "张工", "大英县农业农村局", DayingCounty);

    [Fact]
    public void An_adopted_proposal_counts_on_the_day_adopted_and_is_decided_once()
    {
        var proposal = Proposal.Submit(Data(), Worker, Monday0900);
        Assert.Empty(FactDerivation.From(proposal));
        Assert.Throws<NotPermittedException>(() => proposal.Adopt(AdoptionLevel.County, "大英县人民政府", null, OtherCountyAdmin));
        Assert.Throws<NotPermittedException>(() => proposal.Adopt(AdoptionLevel.County, "大英县人民政府", null, OtherCountyStaff));
        Assert.Equal("adoptedBy", Assert.Throws<DomainValidationException>(() => proposal.Adopt(AdoptionLevel.County, "", null, CountyAdmin)).Field);
        Assert.Equal("level", Assert.Throws<DomainValidationException>(() => proposal.Adopt((AdoptionLevel)9, "大英县人民政府", null, CountyAdmin)).Field);
        proposal.Adopt(AdoptionLevel.City, "遂宁市人民政府", "市长批示", CityAdmin, Cst(2025, 6, 30, 23, 59));
        var fact = Assert.Single(FactDerivation.From(proposal));
        Assert.Equal((FactKind.ProposalsAdopted, 20250630, DayingCounty), (fact.Kind, fact.Day, fact.RegionCode));
        Assert.Throws<InvalidTransitionException>(() => proposal.Decline("重复", CountyAdmin));
    }

    [Fact]
    public void A_declined_proposal_has_a_reason_and_no_fact()
    {
        var proposal = Proposal.Submit(Data(), Staff, Monday0900);
        Assert.Equal("reason", Assert.Throws<DomainValidationException>(() => proposal.Decline(" ", CountyAdmin)).Field);
        proposal.Decline("已有同类政策", CountyAdmin);
        Assert.Equal(ProposalStatus.NotAdopted, proposal.Status);
        Assert.Empty(FactDerivation.From(proposal));
        Assert.Throws<NotPermittedException>(() => Proposal.Submit(Data(), Kexie.Domain.Identity.Actor.Public));
        Assert.Throws<NotPermittedException>(() => Proposal.Submit(Data(), OtherCountyStaff));
        Assert.Equal("content", Assert.Throws<DomainValidationException>(() => Proposal.Submit(Data() with { Content = null }, Worker)).Field);
    }
}
