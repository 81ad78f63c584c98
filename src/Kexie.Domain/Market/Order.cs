using Kexie.Domain.Common;
using Kexie.Domain.Identity;

namespace Kexie.Domain.Market;

/// <summary>Status of a 交易订单.</summary>
public enum OrderStatus
{
    /// <summary>询价/意向.</summary>
    Inquiry = 1,

    /// <summary>已签约: contract amount and contract file recorded.</summary>
    Agreed = 2,

    /// <summary>履约中.</summary>
    InDelivery = 3,

    /// <summary>已验收.</summary>
    Accepted = 4,

    /// <summary>已结算: final.</summary>
    Settled = 5,

    /// <summary>已取消: final, with a reason.</summary>
    Cancelled = 6,

    /// <summary>争议中: with a reason; an admin resolves it (resume or cancel).</summary>
    Disputed = 7,
}

/// <summary>The side an actor takes on an order.</summary>
public enum OrderParty
{
    /// <summary>需方: a member of the buyer organization.</summary>
    Buyer = 1,

    /// <summary>供方: the providing science worker.</summary>
    Provider = 2,

    /// <summary>管理方: service-centre staff or association admin of the order's region (platform admin everywhere).</summary>
    Administrator = 3,
}

public static class OrderNames
{
    public static string Chinese(this OrderStatus status) => status switch
    {
        OrderStatus.Inquiry => "询价中",
        OrderStatus.Agreed => "已签约",
        OrderStatus.InDelivery => "履约中",
        OrderStatus.Accepted => "已验收",
        OrderStatus.Settled => "已结算",
        OrderStatus.Cancelled => "已取消",
        OrderStatus.Disputed => "争议中",
        _ => status.ToString(),
    };

    public static string Chinese(this OrderParty party) => party switch
    {
        OrderParty.Buyer => "需方",
        OrderParty.Provider => "供方",
        OrderParty.Administrator => "管理方",
        _ => party.ToString(),
    };
}

/// <summary>The facts of a new order. <see cref="RegionCode"/> is where the deal counts (the need's, else the buyer's region).</summary>
public sealed record OrderData(
    string? Title,
    Guid BuyerOrganizationId,
    Guid ProviderWorkerId,
    string? RegionCode,
    Guid? OfferId = null,
    OfferKind? OfferKind = null,
    Guid? NeedId = null,
    Guid? FairId = null,
    string? Note = null);

/// <summary>One transition of an order: who (and as which party) moved it from which status to which.</summary>
public sealed class OrderEvent
{
    internal OrderEvent(OrderStatus? from, OrderStatus to, Actor actor, OrderParty party, string? note, DateTimeOffset at)
    {
        From = from;
        To = to;
        ActorUserId = actor.UserId;
        ActorName = actor.Name;
        Party = party;
        Note = note;
        At = at;
    }

    private OrderEvent()
    {
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public DateTimeOffset At { get; private set; }

    public string? ActorUserId { get; private set; }

    public string? ActorName { get; private set; }

    public OrderParty Party { get; private set; }

    /// <summary>Null for the creation event.</summary>
    public OrderStatus? From { get; private set; }

    public OrderStatus To { get; private set; }

    public string? Note { get; private set; }
}

/// <summary>What became of a proposal of contract terms.</summary>
public enum ProposalOutcome
{
    /// <summary>待确认: the latest proposal, waiting for the other side.</summary>
    Pending = 1,

    /// <summary>已确认: the other side confirmed it; the order was agreed on it.</summary>
    Confirmed = 2,

    /// <summary>已被替代: a later proposal (a counter-proposal or a revision) replaced it.</summary>
    Superseded = 3,

    /// <summary>已失效: the order was cancelled or recorded as agreed by an administrator before it was confirmed.</summary>
    Lapsed = 4,
}

/// <summary>
/// 合同条件提议: the contract amount (元), the main terms and the contract file one side proposes; the other side
/// confirms it (the order is agreed on it) or counter-proposes.
/// </summary>
public sealed class OrderProposal
{
    public const int TermsMaxLength = 2000;

    private OrderProposal()
    {
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    /// <summary>1, 2, … in the order they were made.</summary>
    public int Number { get; private set; }

    /// <summary>The side that proposed it (buyer or provider).</summary>
    public OrderParty Party { get; private set; }

    public string? ByUserId { get; private set; }

    public decimal Amount { get; private set; }

    /// <summary>合同主要条款 (scope, schedule, payment), optional.</summary>
    public string? Terms { get; private set; }

    public string ContractFileRef { get; private set; } = string.Empty;

    public DateTimeOffset At { get; private set; }

    public ProposalOutcome Outcome { get; private set; } = ProposalOutcome.Pending;

    /// <summary>When it was confirmed, superseded or lapsed.</summary>
    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecidedByUserId { get; private set; }

    internal static OrderProposal Create(int number, OrderParty party, Actor actor, decimal amount, string? terms, string fileRef, DateTimeOffset at) => new()
    {
        Number = number,
        Party = party,
        ByUserId = actor.UserId,
        Amount = amount,
        Terms = terms,
        ContractFileRef = fileRef,
        At = at,
    };

    internal void Decide(ProposalOutcome outcome, Actor actor, DateTimeOffset at)
    {
        Outcome = outcome;
        DecidedAt = at;
        DecidedByUserId = actor.UserId;
    }
}

public static class ProposalOutcomeNames
{
    public static string Chinese(this ProposalOutcome outcome) => outcome switch
    {
        ProposalOutcome.Pending => "待对方确认",
        ProposalOutcome.Confirmed => "已确认",
        ProposalOutcome.Superseded => "已被新提议替代",
        ProposalOutcome.Lapsed => "已失效",
        _ => outcome.ToString(),
    };
}

/// <summary>A rating one side gives the other after acceptance: 1–5 stars and an optional comment.</summary>
public sealed class OrderRating
{
    public const int MaxCommentLength = 500;

    private OrderRating()
    {
    }

    public int Stars { get; private set; }

    public string? Comment { get; private set; }

    public string? ByUserId { get; private set; }

    public DateTimeOffset At { get; private set; }

    internal static OrderRating Create(int stars, string? comment, Actor actor, DateTimeOffset at)
    {
        if (stars is < 1 or > 5)
        {
            throw new DomainValidationException("stars", "评分应为1至5星");
        }

        return new OrderRating
        {
            Stars = stars,
            Comment = Guard.Optional(comment, "comment", "评价内容", MaxCommentLength),
            ByUserId = actor.UserId,
            At = at,
        };
    }
}

/// <summary>The steps of an order as DTOs name them (<c>actions</c>: ["propose","confirm",…]), the same as the API's paths.</summary>
public static class OrderActions
{
    public const string Propose = "propose";
    public const string Confirm = "confirm";
    public const string Agree = "agree";
    public const string Deliver = "deliver";
    public const string Accept = "accept";
    public const string Settle = "settle";
    public const string Cancel = "cancel";
    public const string Dispute = "dispute";
    public const string Resolve = "resolve";
    public const string Rate = "rate";

    /// <summary>Resolving a dispute is the mediator's (the resolve permission); the rest are trading steps.</summary>
    public static bool IsResolve(string action) => action == Resolve;
}

/// <summary>
/// 交易订单. The state machine and who may take each step:
/// <code>
/// step               from                          to           who
/// Create/ForOffer    —                             Inquiry      Buyer, Provider, Administrator
/// Propose(amount,…)  Inquiry                       (same)       Buyer, Provider: proposes or counter-proposes terms
/// Confirm            Inquiry, a pending proposal   Agreed       the side (Buyer/Provider) that did NOT make the proposal
/// Agree(amount,file) Inquiry                       Agreed       Administrator only: records a contract both sides signed offline
/// StartDelivery      Agreed                        InDelivery   Provider, Administrator
/// Accept             InDelivery                    Accepted     Buyer, Administrator
/// Settle             Accepted                      Settled      Provider (payment received), Administrator
/// Cancel(reason)     Inquiry | Agreed              Cancelled    Buyer, Provider, Administrator
/// Cancel(reason)     InDelivery | Disputed         Cancelled    Administrator only (after mediation)
/// Dispute(reason)    Agreed | InDelivery | Accepted Disputed    Buyer, Provider, Administrator
/// ResolveDispute     Disputed                      (status before the dispute)  association admin
/// Rate(stars)        Accepted | Settled            (same)       Buyer rates provider, Provider rates buyer; once each
/// </code>
/// Neither side agrees alone: one proposes the amount, terms and contract file, the other confirms exactly that
/// proposal (or counter-proposes, which replaces it and waits for the first side). Settled and Cancelled are final. Once work has started, one side cannot walk away alone: it disputes,
/// and an admin resolves (resume) or cancels. <see cref="Version"/> increments on every change and is meant
/// as the optimistic concurrency token, so that of two concurrent writers only the first wins.
/// </summary>
public sealed class Order : Entity, IRegional
{
    private readonly List<OrderEvent> events = [];
    private readonly List<OrderProposal> proposals = [];

    private Order()
    {
    }

    public string Title { get; private set; } = string.Empty;

    public Guid BuyerOrganizationId { get; private set; }

    public Guid ProviderWorkerId { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    public Guid? OfferId { get; private set; }

    /// <summary>The kind of the offer ordered, when from an offer (counts achievements transferred).</summary>
    public OfferKind? OfferKind { get; private set; }

    public Guid? NeedId { get; private set; }

    /// <summary>The 科创会 the deal is attributed to, if any.</summary>
    public Guid? FairId { get; private set; }

    public OrderParty InitiatedBy { get; private set; }

    public OrderStatus Status { get; private set; } = OrderStatus.Inquiry;

    /// <summary>合同金额 in 元, set on agreement.</summary>
    public decimal? ContractAmount { get; private set; }

    /// <summary>Reference of the contract file in the file store.</summary>
    public string? ContractFileRef { get; private set; }

    /// <summary>合同主要条款 as agreed (the confirmed proposal's terms).</summary>
    public string? Terms { get; private set; }

    public DateTimeOffset? AgreedAt { get; private set; }

    public DateTimeOffset? DeliveryStartedAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public DateTimeOffset? SettledAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public string? CancelReason { get; private set; }

    public string? DisputeReason { get; private set; }

    /// <summary>The status the order had when the dispute was opened; resumed on resolution.</summary>
    public OrderStatus? StatusBeforeDispute { get; private set; }

    /// <summary>The buyer's rating of the provider.</summary>
    public OrderRating? BuyerRating { get; private set; }

    /// <summary>The provider's rating of the buyer.</summary>
    public OrderRating? ProviderRating { get; private set; }

    /// <summary>Concurrency token: incremented on every change.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<OrderEvent> Events => events;

    /// <summary>Every proposal of contract terms, in the order made.</summary>
    public IReadOnlyList<OrderProposal> Proposals => proposals;

    /// <summary>The proposal waiting for the other side's confirmation, if any.</summary>
    public OrderProposal? PendingProposal => Status == OrderStatus.Inquiry ? proposals.LastOrDefault(p => p.Outcome == ProposalOutcome.Pending) : null;

    /// <summary>The side that must answer the pending proposal (confirm or counter-propose), if any.</summary>
    public OrderParty? AwaitingConfirmationBy => PendingProposal?.Party switch
    {
        OrderParty.Buyer => OrderParty.Provider,
        OrderParty.Provider => OrderParty.Buyer,
        _ => null,
    };

    public bool IsFinal => Status is OrderStatus.Settled or OrderStatus.Cancelled;

    /// <summary>A deal: agreed and not cancelled (counts toward deal value).</summary>
    public bool IsDeal => AgreedAt is not null && Status != OrderStatus.Cancelled;

    /// <summary>Creates an inquiry. The actor must be the buyer, the provider or a manager of the order's region.</summary>
    public static Order Create(OrderData data, Actor actor, DateTimeOffset? at = null)
    {
        var order = new Order
        {
            Title = Guard.Required(data.Title, "title", "订单名称", MarketRules.TitleMaxLength),
            BuyerOrganizationId = data.BuyerOrganizationId != Guid.Empty
                ? data.BuyerOrganizationId
                : throw new DomainValidationException("buyerOrganizationId", "需方单位不能为空"),
            ProviderWorkerId = data.ProviderWorkerId != Guid.Empty
                ? data.ProviderWorkerId
                : throw new DomainValidationException("providerWorkerId", "供方（科技工作者）不能为空"),
            RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode"),
            OfferId = data.OfferId == Guid.Empty ? null : data.OfferId,
            OfferKind = data.OfferKind is { } kind ? MarketRules.Defined(kind, "offerKind", "所能类型") : null,
            NeedId = data.NeedId == Guid.Empty ? null : data.NeedId,
            FairId = data.FairId == Guid.Empty ? null : data.FairId,
        };
        var note = Guard.Optional(data.Note, "note", "询价说明", MarketRules.NoteMaxLength);
        var party = order.PartyOf(actor) ?? throw new NotPermittedException("只有需方、供方或本地区管理人员可以创建订单");
        var when = at ?? DateTimeOffset.UtcNow;
        order.InitiatedBy = party;
        order.CreatedAt = when;
        order.UpdatedAt = when;
        order.events.Add(new OrderEvent(null, OrderStatus.Inquiry, actor, party, note, when));
        return order;
    }

    /// <summary>
    /// An inquiry on a published offer, optionally answering a published need of the same buyer and attributed
    /// to a fair. The region is the need's, else <paramref name="buyerRegionCode"/>.
    /// </summary>
    public static Order ForOffer(Offer offer, Guid buyerOrganizationId, string? buyerRegionCode, Actor actor, Need? need = null, Guid? fairId = null, string? note = null, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(offer);
        if (!offer.IsPublished)
        {
            throw new InvalidTransitionException("只能对已发布的科技所能发起询价");
        }

        if (need is not null)
        {
            if (!need.IsPublished)
            {
                throw new InvalidTransitionException("只能针对已发布的科技需求下单");
            }

            if (need.OrganizationId != buyerOrganizationId)
            {
                throw new DomainValidationException("needId", "该科技需求不属于需方单位");
            }
        }

        var data = new OrderData(
            offer.Title,
            buyerOrganizationId,
            offer.ProviderWorkerId,
            need?.RegionCode ?? buyerRegionCode,
            offer.Id,
            offer.Kind,
            need?.Id,
            fairId,
            note);
        return Create(data, actor, at);
    }

    /// <summary>Buyer if the actor belongs to the buyer organization, Provider if they are the worker, Administrator if they manage the region; else null.</summary>
    public OrderParty? PartyOf(Actor actor)
    {
        if (actor.OrganizationId is { } organizationId && organizationId == BuyerOrganizationId)
        {
            return OrderParty.Buyer;
        }

        if (actor.ScienceWorkerId is { } workerId && workerId == ProviderWorkerId)
        {
            return OrderParty.Provider;
        }

        return actor.Manages(RegionCode) ? OrderParty.Administrator : null;
    }

    /// <summary>
    /// What <paramref name="actor"/> may do to the order in its present status, by the rules of the steps below (who:
    /// <see cref="PartyOf"/>; when: the status, the pending proposal, the ratings given). DTOs carry this list so pages and
    /// clients show exactly the buttons the endpoints then allow; the web layer removes those the actor's role lacks the
    /// permission for (<see cref="OrderActions.IsResolve"/>).
    /// </summary>
    public IReadOnlyList<string> ActionsFor(Actor actor)
    {
        var actions = new List<string>();
        if (PartyOf(actor) is not { } party)
        {
            return actions;
        }

        var side = party is OrderParty.Buyer or OrderParty.Provider;
        var admin = party == OrderParty.Administrator;
        void When(bool allowed, string action)
        {
            if (allowed)
            {
                actions.Add(action);
            }
        }

        When(Status == OrderStatus.Inquiry && side, OrderActions.Propose);
        When(Status == OrderStatus.Inquiry && side && PendingProposal is { } pending && pending.Party != party, OrderActions.Confirm);
        When(Status == OrderStatus.Inquiry && admin, OrderActions.Agree);
        When(Status == OrderStatus.Agreed && party is OrderParty.Provider or OrderParty.Administrator, OrderActions.Deliver);
        When(Status == OrderStatus.InDelivery && party is OrderParty.Buyer or OrderParty.Administrator, OrderActions.Accept);
        When(Status == OrderStatus.Accepted && party is OrderParty.Provider or OrderParty.Administrator, OrderActions.Settle);
        When(Status is OrderStatus.Inquiry or OrderStatus.Agreed || (Status is OrderStatus.InDelivery or OrderStatus.Disputed && admin), OrderActions.Cancel);
        When(Status is OrderStatus.Agreed or OrderStatus.InDelivery or OrderStatus.Accepted, OrderActions.Dispute);
        When(Status == OrderStatus.Disputed && actor.Manages(RegionCode), OrderActions.Resolve);
        When(Status is OrderStatus.Accepted or OrderStatus.Settled && side && (party == OrderParty.Buyer ? BuyerRating : ProviderRating) is null, OrderActions.Rate);
        return actions;
    }

    /// <summary>
    /// One side (buyer or provider) proposes the contract amount (元), the main terms and the contract file uploaded to
    /// the order; while the order is an inquiry. A proposal still pending is replaced (a counter-proposal by the other
    /// side, a revision by the same side). The order is agreed only when the other side <see cref="Confirm"/>s it.
    /// </summary>
    public OrderProposal Propose(Actor actor, decimal contractAmount, string? terms, string? contractFileRef, DateTimeOffset? at = null)
    {
        var party = Require(actor, "提出合同条件", OrderParty.Buyer, OrderParty.Provider);
        RequireStatus("提出合同条件", OrderStatus.Inquiry);
        var amount = Guard.Yuan(contractAmount, "contractAmount", "合同金额");
        var text = Guard.Optional(terms, "terms", "合同主要条款", OrderProposal.TermsMaxLength);
        var file = Guard.Required(contractFileRef, "contractFileRef", "合同文件", 200);
        var when = at ?? DateTimeOffset.UtcNow;
        PendingProposal?.Decide(ProposalOutcome.Superseded, actor, when);
        var proposal = OrderProposal.Create(proposals.Count + 1, party, actor, amount, text, file, when);
        proposals.Add(proposal);
        Touch(when);
        return proposal;
    }

    /// <summary>
    /// The side that did not make the pending proposal confirms it: Inquiry → Agreed on exactly its amount, terms and
    /// contract file. The proposer cannot confirm its own proposal; administrators do not confirm for a side.
    /// </summary>
    public void Confirm(Actor actor, DateTimeOffset? at = null)
    {
        var party = Require(actor, "确认合同条件", OrderParty.Buyer, OrderParty.Provider);
        RequireStatus("确认合同条件", OrderStatus.Inquiry);
        var proposal = PendingProposal ?? throw new InvalidTransitionException("还没有待确认的合同条件，请先由一方提出合同金额和合同文件");
        if (proposal.Party == party)
        {
            throw new NotPermittedException($"这是{party.Chinese()}自己提出的合同条件，须由{(party == OrderParty.Buyer ? OrderParty.Provider : OrderParty.Buyer).Chinese()}确认");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        proposal.Decide(ProposalOutcome.Confirmed, actor, when);
        ContractAmount = proposal.Amount;
        Terms = proposal.Terms;
        ContractFileRef = proposal.ContractFileRef;
        AgreedAt = when;
        Move(OrderStatus.Agreed, actor, party, $"确认{proposal.Party.Chinese()}提出的合同条件，合同金额{proposal.Amount:0.00}元", when);
    }

    /// <summary>
    /// Inquiry → Agreed, recorded by an administrator of the order's region (a contract both sides signed offline, its
    /// file uploaded as evidence). A pending proposal lapses.
    /// </summary>
    public void Agree(Actor actor, decimal contractAmount, string? contractFileRef, DateTimeOffset? at = null, string? terms = null)
    {
        var party = Require(actor, "代为登记签约", OrderParty.Administrator);
        RequireStatus("签约", OrderStatus.Inquiry);
        var amount = Guard.Yuan(contractAmount, "contractAmount", "合同金额");
        var file = Guard.Required(contractFileRef, "contractFileRef", "合同文件", 200);
        var text = Guard.Optional(terms, "terms", "合同主要条款", OrderProposal.TermsMaxLength);
        var when = at ?? DateTimeOffset.UtcNow;
        PendingProposal?.Decide(ProposalOutcome.Lapsed, actor, when);
        ContractAmount = amount;
        ContractFileRef = file;
        Terms = text;
        AgreedAt = when;
        Move(OrderStatus.Agreed, actor, party, $"合同金额{amount:0.00}元（管理方登记线下签订的合同）", when);
    }

    /// <summary>Agreed → InDelivery (provider or administrator).</summary>
    public void StartDelivery(Actor actor, string? note = null, DateTimeOffset? at = null)
    {
        var party = Require(actor, "开始履约", OrderParty.Provider, OrderParty.Administrator);
        RequireStatus("开始履约", OrderStatus.Agreed);
        var when = at ?? DateTimeOffset.UtcNow;
        DeliveryStartedAt = when;
        Move(OrderStatus.InDelivery, actor, party, Note(note), when);
    }

    /// <summary>InDelivery → Accepted (buyer or administrator).</summary>
    public void Accept(Actor actor, string? note = null, DateTimeOffset? at = null)
    {
        var party = Require(actor, "验收", OrderParty.Buyer, OrderParty.Administrator);
        RequireStatus("验收", OrderStatus.InDelivery);
        var when = at ?? DateTimeOffset.UtcNow;
        AcceptedAt = when;
        Move(OrderStatus.Accepted, actor, party, Note(note), when);
    }

    /// <summary>Accepted → Settled, final (provider confirming payment, or administrator).</summary>
    public void Settle(Actor actor, string? note = null, DateTimeOffset? at = null)
    {
        var party = Require(actor, "结算", OrderParty.Provider, OrderParty.Administrator);
        RequireStatus("结算", OrderStatus.Accepted);
        var when = at ?? DateTimeOffset.UtcNow;
        SettledAt = when;
        Move(OrderStatus.Settled, actor, party, Note(note), when);
    }

    /// <summary>
    /// → Cancelled with a reason, final. From Inquiry or Agreed by either side or an administrator; from
    /// InDelivery or Disputed by an administrator only.
    /// </summary>
    public void Cancel(Actor actor, string? reason, DateTimeOffset? at = null)
    {
        var party = PartyOf(actor) ?? throw new NotPermittedException("只有订单双方或本地区管理人员可以取消订单");
        RequireStatus("取消", OrderStatus.Inquiry, OrderStatus.Agreed, OrderStatus.InDelivery, OrderStatus.Disputed);
        if (Status is OrderStatus.InDelivery or OrderStatus.Disputed && party != OrderParty.Administrator)
        {
            throw new NotPermittedException($"订单{Status.Chinese()}，一方不能单独取消，请提出争议由管理人员处理");
        }

        var text = MarketRules.Reason(reason, "取消原因");
        var when = at ?? DateTimeOffset.UtcNow;
        PendingProposal?.Decide(ProposalOutcome.Lapsed, actor, when);
        CancelReason = text;
        CancelledAt = when;
        Move(OrderStatus.Cancelled, actor, party, text, when);
    }

    /// <summary>Agreed, InDelivery or Accepted → Disputed with a reason (either side or an administrator).</summary>
    public void Dispute(Actor actor, string? reason, DateTimeOffset? at = null)
    {
        var party = Require(actor, "提出争议", OrderParty.Buyer, OrderParty.Provider, OrderParty.Administrator);
        RequireStatus("提出争议", OrderStatus.Agreed, OrderStatus.InDelivery, OrderStatus.Accepted);
        var text = MarketRules.Reason(reason, "争议原因");
        StatusBeforeDispute = Status;
        DisputeReason = text;
        Move(OrderStatus.Disputed, actor, party, text, at ?? DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Disputed → the status before the dispute, with the resolution: a manager of the order's region (which managers — by
    /// default the association admins — is <c>market.orders.resolve</c>'s grant).
    /// </summary>
    public void ResolveDispute(Actor actor, string? resolution, DateTimeOffset? at = null)
    {
        if (!actor.Manages(RegionCode))
        {
            throw new NotPermittedException("只有本地区（含下级）的管理人员可以处理该订单的争议");
        }

        RequireStatus("处理争议", OrderStatus.Disputed);
        var text = MarketRules.Reason(resolution, "处理结果");
        var back = StatusBeforeDispute ?? OrderStatus.Agreed;
        StatusBeforeDispute = null;
        Move(back, actor, OrderParty.Administrator, text, at ?? DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// The buyer rates the provider, or the provider the buyer: 1–5 stars, after acceptance (Accepted or
    /// Settled), once per side.
    /// </summary>
    public OrderRating Rate(Actor actor, int stars, string? comment = null, DateTimeOffset? at = null)
    {
        var party = PartyOf(actor);
        if (party is not (OrderParty.Buyer or OrderParty.Provider))
        {
            throw new NotPermittedException("只有订单双方可以评价");
        }

        if (Status is not (OrderStatus.Accepted or OrderStatus.Settled))
        {
            throw new InvalidTransitionException($"订单验收后才能评价（当前状态：“{Status.Chinese()}”）");
        }

        if ((party == OrderParty.Buyer ? BuyerRating : ProviderRating) is not null)
        {
            throw new InvalidTransitionException("您已评价过该订单，每方只能评价一次");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        var rating = OrderRating.Create(stars, comment, actor, when);
        if (party == OrderParty.Buyer)
        {
            BuyerRating = rating;
        }
        else
        {
            ProviderRating = rating;
        }

        Touch(when);
        return rating;
    }

    private static string? Note(string? note) => Guard.Optional(note, "note", "备注", MarketRules.NoteMaxLength);

    private OrderParty Require(Actor actor, string verb, params OrderParty[] allowed)
    {
        var party = PartyOf(actor);
        if (party is { } p && allowed.Contains(p))
        {
            return p;
        }

        throw new NotPermittedException($"只有{string.Join("或", allowed.Select(a => a.Chinese()))}可以{verb}");
    }

    private void RequireStatus(string verb, params OrderStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new InvalidTransitionException(
                $"订单当前状态为“{Status.Chinese()}”，不能{verb}（仅限{string.Join("、", allowed.Select(s => $"“{s.Chinese()}”"))}状态）");
        }
    }

    private void Move(OrderStatus to, Actor actor, OrderParty party, string? note, DateTimeOffset when)
    {
        events.Add(new OrderEvent(Status, to, actor, party, note, when));
        Status = to;
        Touch(when);
    }

    private void Touch(DateTimeOffset when)
    {
        UpdatedAt = when;
        Version++;
    }
}
