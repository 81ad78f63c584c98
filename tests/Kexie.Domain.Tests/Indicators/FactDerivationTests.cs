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
    public void An_accepted_order_is_a_deal_for_the_region_and_for_the_provider()
    {
        var order = Order.Create(MarketFixtures.OrderData(), MarketFixtures.Buyer, MarketFixtures.Monday0900);
        Assert.Empty(FactDerivation.From(order, "510981"));
        order.Propose(MarketFixtures.Buyer, 12_345.67m, null, "合同-001", MarketFixtures.Monday0900);
        order.Confirm(MarketFixtures.Worker, MarketFixtures.Monday0900.AddHours(1));
        order.StartDelivery(MarketFixtures.Worker, null, MarketFixtures.Monday0900.AddHours(2));
        // 2025-03-31T16:30Z is 2025-04-01 in China Standard Time
        order.Accept(MarketFixtures.Buyer, null, new DateTimeOffset(2025, 3, 31, 16, 30, 0, TimeSpan.Zero));
        var facts = FactDerivation.From(order, "510981").ToList();
        Assert.Equal([FactKind.DealClosed, FactKind.DealTakenByWorker], facts.Select(f => f.Kind));
        Assert.Equal(["510923", "510981"], facts.Select(f => f.RegionCode));
        Assert.All(facts, f => Assert.Equal(1_234_567L, f.AmountFen));
        Assert.All(facts, f => Assert.Equal(20250401, f.Day));
    }
}
