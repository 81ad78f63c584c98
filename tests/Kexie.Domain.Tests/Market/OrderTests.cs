using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using static Kexie.Domain.Tests.Market.MarketFixtures;

namespace Kexie.Domain.Tests.Market;

public class OrderTests
{
    private static readonly DateTimeOffset T = Monday0900;

    private static Order NewOrder() => Order.Create(OrderData(), Buyer, T);

    /// <summary>Drives a fresh order into <paramref name="status"/> through legal steps by the proper parties.</summary>
    private static Order OrderIn(OrderStatus status)
    {
        var order = NewOrder();
        if (status == OrderStatus.Cancelled)
        {
            order.Cancel(Buyer, "需求变更", T);
        }
        else if (status != OrderStatus.Inquiry)
        {
            order.Propose(Provider, 30_000m, null, "contracts/c-1.pdf", T);
            order.Confirm(Buyer, T);
            if (status is OrderStatus.InDelivery or OrderStatus.Accepted or OrderStatus.Settled or OrderStatus.Disputed)
            {
                order.StartDelivery(Provider, null, T);
            }

            if (status == OrderStatus.Disputed)
            {
                order.Dispute(Buyer, "交付进度严重滞后", T);
            }

            if (status is OrderStatus.Accepted or OrderStatus.Settled)
            {
                order.Accept(Buyer, null, T);
            }

            if (status == OrderStatus.Settled)
            {
                order.Settle(Provider, null, T);
            }
        }

        Assert.Equal(status, order.Status);
        return order;
    }

    private static Actor Provider => Worker;

    // The county admin is the Administrator party and administers the region: allowed for every step by party,
    // so the matrix below tests status rules alone.
    private static readonly Dictionary<string, (Action<Order> Act, OrderStatus[] From, OrderStatus? To)> Steps = new()
    {
        ["agree"] = (o => o.Agree(CountyAdmin, 1000m, "contracts/x.pdf", T), [OrderStatus.Inquiry], OrderStatus.Agreed),
        ["startDelivery"] = (o => o.StartDelivery(CountyAdmin, null, T), [OrderStatus.Agreed], OrderStatus.InDelivery),
        ["accept"] = (o => o.Accept(CountyAdmin, null, T), [OrderStatus.InDelivery], OrderStatus.Accepted),
        ["settle"] = (o => o.Settle(CountyAdmin, null, T), [OrderStatus.Accepted], OrderStatus.Settled),
        ["cancel"] = (o => o.Cancel(CountyAdmin, "调解后取消", T), [OrderStatus.Inquiry, OrderStatus.Agreed, OrderStatus.InDelivery, OrderStatus.Disputed], OrderStatus.Cancelled),
        ["dispute"] = (o => o.Dispute(CountyAdmin, "双方对验收标准有分歧", T), [OrderStatus.Agreed, OrderStatus.InDelivery, OrderStatus.Accepted], OrderStatus.Disputed),
        ["resolve"] = (o => o.ResolveDispute(CountyAdmin, "双方同意继续履约", T), [OrderStatus.Disputed], null),
    };

    public static TheoryData<string, OrderStatus> AllStepsFromAllStatuses()
    {
        var data = new TheoryData<string, OrderStatus>();
        foreach (var step in Steps.Keys)
        {
            foreach (var status in Enum.GetValues<OrderStatus>())
            {
                data.Add(step, status);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllStepsFromAllStatuses))]
    public void Each_step_is_legal_exactly_from_its_source_statuses(string step, OrderStatus from)
    {
        var order = OrderIn(from);
        var (act, sources, to) = Steps[step];
        var version = order.Version;
        var events = order.Events.Count;
        if (sources.Contains(from))
        {
            act(order);
            Assert.Equal(to ?? OrderStatus.InDelivery, order.Status); // disputes in OrderIn are opened during delivery
            Assert.Equal(version + 1, order.Version);
            Assert.Equal(events + 1, order.Events.Count);
            Assert.Equal(from, order.Events[^1].From);
            Assert.Equal(order.Status, order.Events[^1].To);
        }
        else
        {
            var ex = Assert.Throws<InvalidTransitionException>(() => act(order));
            Assert.Contains($"“{from.Chinese()}”", ex.Message);
            Assert.Equal(from, order.Status);
            Assert.Equal(version, order.Version);
            Assert.Equal(events, order.Events.Count);
        }
    }

    [Fact]
    public void The_happy_path_records_amount_contract_times_parties_and_versions()
    {
        var order = NewOrder();
        Assert.Equal(OrderStatus.Inquiry, order.Status);
        Assert.Equal(OrderParty.Buyer, order.InitiatedBy);
        Assert.Equal(0, order.Version);
        Assert.Null(Assert.Single(order.Events).From);

        order.Propose(Buyer, 30_000.50m, " 三个月内完成工艺改进 ", " contracts/c-1.pdf ", T.AddHours(12));
        Assert.Null(order.ContractAmount);
        Assert.Equal(OrderStatus.Inquiry, order.Status);
        Assert.Equal(1, order.Version);
        order.Confirm(Provider, T.AddDays(1));
        Assert.Equal(30_000.50m, order.ContractAmount);
        Assert.Equal("三个月内完成工艺改进", order.Terms);
        Assert.Equal("contracts/c-1.pdf", order.ContractFileRef);
        Assert.Equal(T.AddDays(1), order.AgreedAt);
        Assert.True(order.IsDeal);
        Assert.Equal(2, order.Version);

        order.StartDelivery(Provider, "已进场", T.AddDays(2));
        Assert.Equal(T.AddDays(2), order.DeliveryStartedAt);
        Assert.Equal(3, order.Version);

        order.Accept(Buyer, "验收合格", T.AddDays(30));
        Assert.Equal(T.AddDays(30), order.AcceptedAt);
        Assert.Equal(4, order.Version);

        order.Settle(Provider, "已收到全部款项", T.AddDays(40));
        Assert.Equal(T.AddDays(40), order.SettledAt);
        Assert.True(order.IsFinal);
        Assert.Equal(5, order.Version);

        Assert.Equal(
            [OrderParty.Buyer, OrderParty.Provider, OrderParty.Provider, OrderParty.Buyer, OrderParty.Provider],
            order.Events.Select(e => e.Party));
        Assert.Equal("验收合格", order.Events[3].Note);
        Assert.Equal("u-buyer", order.Events[3].ActorUserId);
    }

    public static TheoryData<string, string, bool> PartyRules() => new()
    {
        // step, actor, allowed
        { "agree", "buyer", false }, { "agree", "provider", false }, { "agree", "staff", true }, { "agree", "stranger", false }, { "agree", "otherCounty", false },
        { "startDelivery", "buyer", false }, { "startDelivery", "provider", true }, { "startDelivery", "staff", true }, { "startDelivery", "stranger", false },
        { "accept", "buyer", true }, { "accept", "provider", false }, { "accept", "staff", true }, { "accept", "stranger", false },
        { "settle", "buyer", false }, { "settle", "provider", true }, { "settle", "staff", true }, { "settle", "otherCounty", false },
        { "cancelInquiry", "buyer", true }, { "cancelInquiry", "provider", true }, { "cancelInquiry", "staff", true }, { "cancelInquiry", "stranger", false },
        { "cancelAgreed", "buyer", true }, { "cancelAgreed", "provider", true }, { "cancelAgreed", "staff", true },
        { "cancelInDelivery", "buyer", false }, { "cancelInDelivery", "provider", false }, { "cancelInDelivery", "staff", true },
        { "cancelDisputed", "buyer", false }, { "cancelDisputed", "provider", false }, { "cancelDisputed", "admin", true },
        { "dispute", "buyer", true }, { "dispute", "provider", true }, { "dispute", "staff", true }, { "dispute", "stranger", false },
        { "resolve", "buyer", false }, { "resolve", "provider", false }, { "resolve", "staff", true }, { "resolve", "admin", true }, { "resolve", "cityAdmin", true }, { "resolve", "otherCounty", false },
    };

    private static Actor ActorNamed(string name) => name switch
    {
        "buyer" => Buyer,
        "provider" => Provider,
        "staff" => Staff,
        "admin" => CountyAdmin,
        "cityAdmin" => CityAdmin,
        "otherCounty" => OtherCountyAdmin,
        _ => OtherWorker,
    };

    [Theory]
    [MemberData(nameof(PartyRules))]
    public void Each_step_may_be_taken_only_by_its_parties(string step, string actorName, bool allowed)
    {
        var actor = ActorNamed(actorName);
        var (order, act) = step switch
        {
            "agree" => (OrderIn(OrderStatus.Inquiry), (Action<Order>)(o => o.Agree(actor, 100m, "c.pdf", T))),
            "startDelivery" => (OrderIn(OrderStatus.Agreed), o => o.StartDelivery(actor, null, T)),
            "accept" => (OrderIn(OrderStatus.InDelivery), o => o.Accept(actor, null, T)),
            "settle" => (OrderIn(OrderStatus.Accepted), o => o.Settle(actor, null, T)),
            "cancelInquiry" => (OrderIn(OrderStatus.Inquiry), o => o.Cancel(actor, "原因", T)),
            "cancelAgreed" => (OrderIn(OrderStatus.Agreed), o => o.Cancel(actor, "原因", T)),
            "cancelInDelivery" => (OrderIn(OrderStatus.InDelivery), o => o.Cancel(actor, "原因", T)),
            "cancelDisputed" => (OrderIn(OrderStatus.Disputed), o => o.Cancel(actor, "原因", T)),
            "dispute" => (OrderIn(OrderStatus.InDelivery), o => o.Dispute(actor, "原因", T)),
            "resolve" => (OrderIn(OrderStatus.Disputed), o => o.ResolveDispute(actor, "继续履约", T)),
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };
        var before = order.Status;
        var version = order.Version;
        if (allowed)
        {
            act(order);
            Assert.NotEqual(before, order.Status);
            Assert.Equal(version + 1, order.Version);
        }
        else
        {
            var ex = Assert.Throws<NotPermittedException>(() => act(order));
            Assert.StartsWith(step.StartsWith("cancel", StringComparison.Ordinal) && actorName is "buyer" or "provider" ? "订单" : "只有", ex.Message);
            Assert.Equal(before, order.Status);
            Assert.Equal(version, order.Version);
        }
    }

    [Fact]
    public void PartyOf_tells_the_side_of_an_actor()
    {
        var order = NewOrder();
        Assert.Equal(OrderParty.Buyer, order.PartyOf(Buyer));
        Assert.Equal(OrderParty.Provider, order.PartyOf(Worker));
        Assert.Equal(OrderParty.Administrator, order.PartyOf(Staff));
        Assert.Equal(OrderParty.Administrator, order.PartyOf(CityAdmin));
        Assert.Null(order.PartyOf(OtherWorker));
        Assert.Null(order.PartyOf(OtherBuyer));
        Assert.Null(order.PartyOf(OtherCountyStaff));
        Assert.Null(order.PartyOf(Actor.Public));
    }

    [Theory]
    [InlineData("cancel")]
    [InlineData("dispute")]
    [InlineData("resolve")]
    public void Cancel_dispute_and_resolution_require_a_reason(string step)
    {
        foreach (var reason in new[] { null, "", "  " })
        {
            var order = OrderIn(step == "cancel" ? OrderStatus.Inquiry : step == "dispute" ? OrderStatus.InDelivery : OrderStatus.Disputed);
            var before = order.Status;
            Action act = step switch
            {
                "cancel" => () => order.Cancel(Buyer, reason, T),
                "dispute" => () => order.Dispute(Buyer, reason, T),
                _ => () => order.ResolveDispute(CountyAdmin, reason, T),
            };
            Assert.Equal("reason", Assert.Throws<DomainValidationException>(act).Field);
            Assert.Equal(before, order.Status);
        }
    }

    [Fact]
    public void Cancelling_keeps_the_reason_and_is_final()
    {
        var order = OrderIn(OrderStatus.Agreed);
        order.Cancel(Provider, "专家临时无法承接", T.AddDays(1));
        Assert.Equal("专家临时无法承接", order.CancelReason);
        Assert.Equal(T.AddDays(1), order.CancelledAt);
        Assert.True(order.IsFinal);
        Assert.False(order.IsDeal);
        Assert.Equal("专家临时无法承接", order.Events[^1].Note);
    }

    [Theory]
    [InlineData(OrderStatus.Agreed)]
    [InlineData(OrderStatus.InDelivery)]
    [InlineData(OrderStatus.Accepted)]
    public void A_resolved_dispute_resumes_where_it_was_opened(OrderStatus openedIn)
    {
        var order = OrderIn(openedIn);
        order.Dispute(Provider, "尾款迟迟未付", T);
        Assert.Equal(OrderStatus.Disputed, order.Status);
        Assert.Equal(openedIn, order.StatusBeforeDispute);
        Assert.Equal("尾款迟迟未付", order.DisputeReason);

        order.ResolveDispute(CountyAdmin, "经调解，需方同意一周内付款", T.AddDays(1));
        Assert.Equal(openedIn, order.Status);
        Assert.Null(order.StatusBeforeDispute);
        Assert.Equal(OrderParty.Administrator, order.Events[^1].Party);
        Assert.Equal("经调解，需方同意一周内付款", order.Events[^1].Note);
    }

    [Theory]
    [InlineData(-1, "contractAmount", "不能为负数")]
    [InlineData(0.001, "contractAmount", "两位小数")]
    [InlineData(10_000_000_001, "contractAmount", "100亿元")]
    public void Contract_amounts_are_validated_in_yuan(double amount, string field, string message)
    {
        var order = NewOrder();
        var ex = Assert.Throws<DomainValidationException>(() => order.Propose(Buyer, (decimal)amount, null, "c.pdf", T));
        Assert.Equal(field, ex.Field);
        Assert.Contains(message, ex.Message);
        Assert.Equal(OrderStatus.Inquiry, order.Status);
        Assert.Null(order.ContractAmount);
        Assert.Equal(0, order.Version);
    }

    [Fact]
    public void The_contract_file_is_required_and_free_services_may_cost_nothing()
    {
        var order = NewOrder();
        Assert.Equal("contractFileRef", Assert.Throws<DomainValidationException>(() => order.Propose(Buyer, 100m, null, " ", T)).Field);
        Assert.Equal("terms", Assert.Throws<DomainValidationException>(() => order.Propose(Buyer, 100m, new string('条', OrderProposal.TermsMaxLength + 1), "c.pdf", T)).Field);
        order.Propose(Buyer, 0m, null, "contracts/free.pdf", T);
        order.Confirm(Provider, T);
        Assert.Equal(0m, order.ContractAmount);
    }

    [Fact]
    public void Each_transition_bumps_the_version_once_and_a_repeated_step_is_rejected()
    {
        // Optimistic concurrency: each transition bumps Version exactly once, so a second writer that loaded the
        // same version and saves with it as the original value is rejected by the store.
        var order = OrderIn(OrderStatus.InDelivery);
        var loaded = order.Version;
        order.Accept(Buyer, null, T);
        Assert.Equal(loaded + 1, order.Version);
        Assert.Throws<InvalidTransitionException>(() => order.Accept(Buyer, null, T));
        Assert.Equal(loaded + 1, order.Version);
    }

    [Fact]
    public void Both_sides_rate_each_other_once_after_acceptance()
    {
        var order = OrderIn(OrderStatus.Accepted);
        var version = order.Version;
        var rating = order.Rate(Buyer, 5, " 专家非常专业 ", T);
        Assert.Equal(5, rating.Stars);
        Assert.Equal("专家非常专业", order.BuyerRating!.Comment);
        Assert.Equal("u-buyer", order.BuyerRating.ByUserId);
        Assert.Null(order.ProviderRating);
        Assert.Equal(version + 1, order.Version);

        var again = Assert.Throws<InvalidTransitionException>(() => order.Rate(Buyer, 1, null, T));
        Assert.Contains("只能评价一次", again.Message);
        Assert.Equal(5, order.BuyerRating.Stars);

        order.Settle(Provider, null, T);
        order.Rate(Provider, 4, null, T);
        Assert.Equal(4, order.ProviderRating!.Stars);
        Assert.Null(order.ProviderRating.Comment);
        Assert.Throws<InvalidTransitionException>(() => order.Rate(Provider, 4, null, T));
    }

    [Theory]
    [InlineData(OrderStatus.Inquiry)]
    [InlineData(OrderStatus.Agreed)]
    [InlineData(OrderStatus.InDelivery)]
    [InlineData(OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Disputed)]
    public void No_rating_before_acceptance(OrderStatus status)
    {
        var order = OrderIn(status);
        Assert.Throws<InvalidTransitionException>(() => order.Rate(Buyer, 5, null, T));
        Assert.Throws<InvalidTransitionException>(() => order.Rate(Provider, 5, null, T));
        Assert.Null(order.BuyerRating);
        Assert.Null(order.ProviderRating);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-3)]
    public void Stars_are_one_to_five(int stars)
    {
        var order = OrderIn(OrderStatus.Accepted);
        Assert.Equal("stars", Assert.Throws<DomainValidationException>(() => order.Rate(Buyer, stars, null, T)).Field);
        Assert.Null(order.BuyerRating);
    }

    [Fact]
    public void Rating_comments_are_bounded_and_only_the_two_sides_rate()
    {
        var order = OrderIn(OrderStatus.Settled);
        Assert.Equal("comment", Assert.Throws<DomainValidationException>(() => order.Rate(Buyer, 3, new string('好', 501), T)).Field);
        Assert.Throws<NotPermittedException>(() => order.Rate(CountyAdmin, 3, null, T));
        Assert.Throws<NotPermittedException>(() => order.Rate(OtherWorker, 3, null, T));
        Assert.Null(order.BuyerRating);
    }

    public static TheoryData<OrderData, string> InvalidOrders()
    {
        var ok = OrderData();
        return new()
        {
            { ok with { Title = "" }, "title" },
            { ok with { BuyerOrganizationId = Guid.Empty }, "buyerOrganizationId" },
            { ok with { ProviderWorkerId = Guid.Empty }, "providerWorkerId" },
            { ok with { RegionCode = "5" }, "regionCode" },
            { ok with { OfferKind = (OfferKind)8 }, "offerKind" },
            { ok with { Note = new string('询', 1001) }, "note" },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidOrders))]
    public void Invalid_orders_are_rejected_naming_the_field(OrderData data, string field)
    {
        Assert.Equal(field, Assert.Throws<DomainValidationException>(() => Order.Create(data, Buyer, T)).Field);
    }

    [Fact]
    public void Only_parties_or_region_managers_create_orders()
    {
        Assert.Throws<NotPermittedException>(() => Order.Create(OrderData(), OtherBuyer, T));
        Assert.Throws<NotPermittedException>(() => Order.Create(OrderData(), OtherCountyStaff, T));
        Assert.Equal(OrderParty.Provider, Order.Create(OrderData(), Worker, T).InitiatedBy);
        Assert.Equal(OrderParty.Administrator, Order.Create(OrderData(), Staff, T).InitiatedBy);
        var direct = Order.Create(OrderData() with { FairId = Guid.Empty, OfferId = Guid.Empty }, Buyer, T);
        Assert.Null(direct.FairId);
        Assert.Null(direct.OfferId);
    }

    [Fact]
    public void An_order_from_a_published_offer_and_need_links_both_and_the_fair()
    {
        var offer = PublishedOffer(AchievementOfferData());
        var (need, _) = PublishedNeed();
        var fairId = Guid.NewGuid();
        var order = Order.ForOffer(offer, OrganizationId, "510923100", Buyer, need, fairId, "希望获得许可", T);

        Assert.Equal(offer.Id, order.OfferId);
        Assert.Equal(OfferKind.Achievement, order.OfferKind);
        Assert.Equal(need.Id, order.NeedId);
        Assert.Equal(fairId, order.FairId);
        Assert.Equal(WorkerId, order.ProviderWorkerId);
        Assert.Equal(need.RegionCode, order.RegionCode); // the need's region wins over the buyer's
        Assert.Equal(offer.Title, order.Title);
        Assert.Equal("希望获得许可", order.Events[0].Note);

        var withoutNeed = Order.ForOffer(offer, OrganizationId, DayingTownship, Buyer, at: T);
        Assert.Equal(DayingTownship, withoutNeed.RegionCode);
        Assert.Null(withoutNeed.NeedId);
    }

    [Fact]
    public void Orders_need_a_published_offer_and_the_buyers_own_published_need()
    {
        Assert.Throws<InvalidTransitionException>(() => Order.ForOffer(DraftOffer(), OrganizationId, DayingCounty, Buyer, at: T));
        var offer = PublishedOffer();
        Assert.Throws<InvalidTransitionException>(() => Order.ForOffer(offer, OrganizationId, DayingCounty, Buyer, DraftNeed(), at: T));
        var (need, _) = PublishedNeed();
        var ex = Assert.Throws<DomainValidationException>(() => Order.ForOffer(offer, OtherOrganizationId, DayingCounty, OtherBuyer, need, at: T));
        Assert.Equal("needId", ex.Field);
    }

    [Fact]
    public void Chinese_names()
    {
        Assert.Equal("履约中", OrderStatus.InDelivery.Chinese());
        Assert.Equal("需方", OrderParty.Buyer.Chinese());
        Assert.All(Enum.GetValues<OrderStatus>(), s => Assert.NotEqual(s.ToString(), s.Chinese()));
    }

    [Fact]
    public void One_side_proposes_the_other_counters_and_only_the_side_that_did_not_make_the_last_proposal_confirms()
    {
        var order = NewOrder();
        Assert.Null(order.PendingProposal);
        Assert.Throws<InvalidTransitionException>(() => order.Confirm(Provider, T));

        var first = order.Propose(Buyer, 50_000m, "首付30%", "contracts/b.pdf", T);
        Assert.Equal(OrderParty.Buyer, first.Party);
        Assert.Equal(OrderParty.Provider, order.AwaitingConfirmationBy);
        var own = Assert.Throws<NotPermittedException>(() => order.Confirm(Buyer, T));
        Assert.Contains("须由供方确认", own.Message);
        Assert.Throws<NotPermittedException>(() => order.Confirm(OtherWorker, T));
        Assert.Throws<NotPermittedException>(() => order.Confirm(CountyAdmin, T));
        Assert.Throws<NotPermittedException>(() => order.Propose(Staff, 1m, null, "c.pdf", T));
        Assert.Equal(OrderStatus.Inquiry, order.Status);

        // The provider counter-proposes: the buyer's proposal is replaced and now the buyer must answer.
        var counter = order.Propose(Provider, 60_000m, "首付50%", "contracts/p.pdf", T.AddHours(1));
        Assert.Equal(ProposalOutcome.Superseded, first.Outcome);
        Assert.Equal(2, counter.Number);
        Assert.Same(counter, order.PendingProposal);
        Assert.Equal(OrderParty.Buyer, order.AwaitingConfirmationBy);
        Assert.Throws<NotPermittedException>(() => order.Confirm(Provider, T));

        order.Confirm(Buyer, T.AddHours(2));
        Assert.Equal(OrderStatus.Agreed, order.Status);
        Assert.Equal(ProposalOutcome.Confirmed, counter.Outcome);
        Assert.Equal("u-buyer", counter.DecidedByUserId);
        Assert.Equal(60_000m, order.ContractAmount);
        Assert.Equal("首付50%", order.Terms);
        Assert.Equal("contracts/p.pdf", order.ContractFileRef);
        Assert.Null(order.PendingProposal);
        Assert.Equal(OrderParty.Buyer, order.Events[^1].Party);
        Assert.Contains("供方提出", order.Events[^1].Note);

        // Agreed: no more proposals or confirmations.
        Assert.Throws<InvalidTransitionException>(() => order.Propose(Buyer, 1m, null, "c.pdf", T));
        Assert.Throws<InvalidTransitionException>(() => order.Confirm(Provider, T));
    }

    [Fact]
    public void Cancelling_or_an_administrator_recording_the_contract_lapses_the_pending_proposal()
    {
        var cancelled = NewOrder();
        var proposal = cancelled.Propose(Provider, 10m, null, "c.pdf", T);
        cancelled.Cancel(Buyer, "不再需要", T);
        Assert.Equal(ProposalOutcome.Lapsed, proposal.Outcome);
        Assert.Null(cancelled.PendingProposal);

        var offline = NewOrder();
        var pending = offline.Propose(Provider, 10m, null, "c.pdf", T);
        offline.Agree(Staff, 12m, "contracts/signed.pdf", T, "线下签订");
        Assert.Equal(ProposalOutcome.Lapsed, pending.Outcome);
        Assert.Equal(12m, offline.ContractAmount);
        Assert.Equal(OrderParty.Administrator, offline.Events[^1].Party);
    }

    [Fact]
    public void An_agreed_order_closes_its_published_need_once()
    {
        var need = PublishedNeed().Need;
        var order = Order.Create(OrderData() with { NeedId = need.Id }, Buyer, T);
        Assert.Throws<InvalidTransitionException>(() => need.CloseOnDeal(order, T));
        order.Propose(Provider, 8_000m, null, "c.pdf", T);
        order.Confirm(Buyer, T.AddHours(1));
        Assert.True(need.CloseOnDeal(order, T.AddHours(1)));
        Assert.Equal(ReviewStatus.Closed, need.Status);
        Assert.False(need.IsPublished);
        Assert.Contains("已对接", need.ReviewHistory[^1].Reason);
        Assert.False(need.CloseOnDeal(order, T.AddHours(2)));

        var unrelated = OrderIn(OrderStatus.Agreed);
        Assert.Throws<InvalidTransitionException>(() => PublishedNeed().Need.CloseOnDeal(unrelated, T));
    }
}
