using Kexie.Domain.Indicators;
using Kexie.Domain.Market;
using Kexie.Domain.Tests.Market;

namespace Kexie.Domain.Tests.Indicators;

public sealed class FactDerivationTests
{
    [Fact]
    public void A_published_offer_counts_by_kind_on_its_CST_publication_day()
    {
        var offer = MarketFixtures.PublishedOffer(MarketFixtures.AchievementOfferData());
        var fact = Assert.Single(FactDerivation.From(offer));
        Assert.Equal(FactKind.AchievementPublished, fact.Kind);
        Assert.Equal(20250303, fact.Day);
        Assert.Equal(offer.Id, fact.SourceId);
        Assert.Empty(FactDerivation.From(MarketFixtures.DraftOffer()));
    }

    [Fact]
    public void A_plan_settles_when_answered_or_when_its_deadline_passes()
    {
        var (_, plan) = MarketFixtures.PublishedNeed();
        Assert.Empty(FactDerivation.From(plan, plan.ResponseDueAt.AddMinutes(-1)));

        var late = FactDerivation.From(plan, plan.ResponseDueAt.AddMinutes(1)).Select(f => f.Kind).ToList();
        Assert.Equal([FactKind.NeedResponseSettled, FactKind.NeedAnsweredLate], late);

        plan.LogContact(MarketFixtures.Staff, new ContactData("张工", ContactChannel.Phone, "已电话沟通"), plan.ResponseDueAt.AddHours(-1));
        var inTime = FactDerivation.From(plan, plan.ResponseDueAt.AddDays(5)).ToList();
        Assert.Equal([FactKind.NeedResponseSettled, FactKind.NeedAnsweredInTime], inTime.Select(f => f.Kind));
        Assert.All(inTime, f => Assert.Equal(ChinaTime.DayKey(plan.CreatedAt), f.Day));
    }

    [Fact]
    public void An_agreed_order_is_a_deal_for_the_region_and_for_the_provider_dated_by_its_agreement()
    {
        var order = Order.Create(MarketFixtures.OrderData(), MarketFixtures.Buyer, MarketFixtures.Monday0900);
        Assert.Empty(FactDerivation.From(order, "510981"));
        order.Propose(MarketFixtures.Buyer, 12_345.67m, null, "合同-001", MarketFixtures.Monday0900);
        Assert.Empty(FactDerivation.From(order, "510981")); // a proposal is no deal yet
        // 2025-03-31T16:30Z is 2025-04-01 in China Standard Time
        order.Confirm(MarketFixtures.Worker, new DateTimeOffset(2025, 3, 31, 16, 30, 0, TimeSpan.Zero));
        var facts = FactDerivation.From(order, "510981").ToList();
        Assert.Equal([FactKind.DealClosed, FactKind.DealTakenByWorker], facts.Select(f => f.Kind));
        Assert.Equal(["510923", "510981"], facts.Select(f => f.RegionCode));
        Assert.All(facts, f => Assert.Equal(1_234_567L, f.AmountFen));
        Assert.All(facts, f => Assert.Equal(20250401, f.Day));

        // Delivery and acceptance months later do not move the deal: it counts on the day of agreement (decision 27).
        order.StartDelivery(MarketFixtures.Worker, null, new DateTimeOffset(2025, 5, 1, 1, 0, 0, TimeSpan.Zero));
        order.Accept(MarketFixtures.Buyer, null, new DateTimeOffset(2025, 6, 1, 1, 0, 0, TimeSpan.Zero));
        Assert.All(FactDerivation.From(order, "510981"), f => Assert.Equal(20250401, f.Day));
    }

    [Fact]
    public void A_deal_on_an_achievement_is_also_a_transfer()
    {
        var order = Order.Create(MarketFixtures.OrderData() with { OfferKind = OfferKind.Achievement }, MarketFixtures.Buyer, MarketFixtures.Monday0900);
        order.Propose(MarketFixtures.Buyer, 80_000m, null, "合同-003", MarketFixtures.Monday0900);
        order.Confirm(MarketFixtures.Worker, MarketFixtures.Monday0900.AddHours(1));
        var facts = FactDerivation.From(order, "510981").ToList();
        Assert.Equal([FactKind.DealClosed, FactKind.AchievementTransferred, FactKind.DealTakenByWorker], facts.Select(f => f.Kind));
        Assert.Equal(8_000_000L, facts.Single(f => f.Kind == FactKind.AchievementTransferred).AmountFen);
    }

    [Fact]
    public void An_agreed_order_cancelled_later_is_no_deal()
    {
        var order = Order.Create(MarketFixtures.OrderData(), MarketFixtures.Buyer, MarketFixtures.Monday0900);
        order.Propose(MarketFixtures.Buyer, 5_000m, null, "合同-002", MarketFixtures.Monday0900);
        order.Confirm(MarketFixtures.Worker, MarketFixtures.Monday0900.AddHours(1));
        Assert.NotEmpty(FactDerivation.From(order, "510981"));
        order.Cancel(MarketFixtures.Buyer, "双方协商取消", MarketFixtures.Monday0900.AddHours(2));
        Assert.Empty(FactDerivation.From(order, "510981"));
        Assert.False(StatisticDefinitions.IsDeal.Compile()(order));
    }
}
