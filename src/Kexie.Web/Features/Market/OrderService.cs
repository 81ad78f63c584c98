using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Market;

/// <summary>
/// A new order: from a published offer (optionally answering a published need of the buyer, attributed to a
/// fair), or directly between a buyer organization and a provider worker. The buyer defaults to the signed-in
/// organization member's organization.
/// </summary>
public sealed record CreateOrderRequest(
    Guid? OfferId = null,
    Guid? NeedId = null,
    Guid? FairId = null,
    string? Title = null,
    Guid? BuyerOrganizationId = null,
    Guid? ProviderWorkerId = null,
    string? RegionCode = null,
    string? Note = null);

/// <summary>
/// An administrator records a contract both sides signed offline: the contract amount in 元 (a number, or a string such
/// as "5万") and the id of the contract file uploaded to the order (POST /orders/{id}/files).
/// </summary>
public sealed record AgreeRequest([property: System.Text.Json.Serialization.JsonConverter(typeof(YuanJsonConverter))] decimal ContractAmount, Guid? ContractFileId, string? Terms = null);

/// <summary>
/// One side proposes (or counter-proposes) the contract: the amount in 元 (a number, or a string such as "5万", "1.2亿",
/// "3,000元"), the main terms, and the id of the contract file uploaded to the order.
/// </summary>
public sealed record ProposeRequest([property: System.Text.Json.Serialization.JsonConverter(typeof(YuanJsonConverter))] decimal ContractAmount, string? Terms, Guid? ContractFileId);

/// <summary>The other side confirms the proposal it read, by its number (a newer proposal is not confirmed unseen: 409).</summary>
public sealed record ConfirmRequest(int ProposalNumber);

public sealed record OrderProposalDto(int Number, OrderParty Party, string PartyName, decimal Amount, string? Terms, string ContractFileRef, DateTimeOffset At, ProposalOutcome Outcome, string OutcomeName, DateTimeOffset? DecidedAt);

public sealed record RateRequest(int Stars, string? Comment);

public sealed record OrderFilter(string? Region = null, OrderStatus? Status = null, Guid? Offer = null, Guid? Need = null, string? Q = null, int? Page = null, int? PageSize = null);

public sealed record OrderEventDto(DateTimeOffset At, string? ActorName, OrderParty Party, string PartyName, OrderStatus? FromStatus, OrderStatus ToStatus, string ToName, string? Note);

public sealed record OrderRatingDto(int Stars, string? Comment, DateTimeOffset At);

public sealed record OrderDto(
    Guid Id,
    string Title,
    Guid BuyerOrganizationId,
    Guid ProviderWorkerId,
    string RegionCode,
    Guid? OfferId,
    OfferKind? OfferKind,
    Guid? NeedId,
    Guid? FairId,
    OrderParty InitiatedBy,
    OrderStatus Status,
    string StatusName,
    decimal? ContractAmount,
    string? ContractFileRef,
    DateTimeOffset? AgreedAt,
    DateTimeOffset? DeliveryStartedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? SettledAt,
    DateTimeOffset? CancelledAt,
    string? CancelReason,
    string? DisputeReason,
    string? Terms,
    OrderParty? AwaitingConfirmationBy,
    IReadOnlyList<OrderProposalDto> Proposals,
    OrderRatingDto? BuyerRating,
    OrderRatingDto? ProviderRating,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version,
    IReadOnlyList<OrderEventDto> Events,
    IReadOnlyList<string> Actions)
{
    public static OrderDto From(Order o, IReadOnlyList<string>? actions = null) => new(
        o.Id, o.Title, o.BuyerOrganizationId, o.ProviderWorkerId, o.RegionCode, o.OfferId, o.OfferKind, o.NeedId, o.FairId, o.InitiatedBy,
        o.Status, o.Status.Chinese(), o.ContractAmount, o.ContractFileRef, o.AgreedAt, o.DeliveryStartedAt, o.AcceptedAt, o.SettledAt,
        o.CancelledAt, o.CancelReason, o.DisputeReason, o.Terms, o.AwaitingConfirmationBy,
        o.Proposals.OrderBy(p => p.Number).Select(p => new OrderProposalDto(p.Number, p.Party, p.Party.Chinese(), p.Amount, p.Terms, p.ContractFileRef, p.At, p.Outcome, p.Outcome.Chinese(), p.DecidedAt)).ToList(),
        o.BuyerRating is { } b ? new OrderRatingDto(b.Stars, b.Comment, b.At) : null,
        o.ProviderRating is { } p ? new OrderRatingDto(p.Stars, p.Comment, p.At) : null,
        o.CreatedAt, o.UpdatedAt, o.Version,
        o.Events.OrderBy(e => e.At).Select(e => new OrderEventDto(e.At, e.ActorName, e.Party, e.Party.Chinese(), e.From, e.To, e.To.Chinese(), e.Note)).ToList(),
        actions ?? []);
}

public sealed record OrderSummaryDto(Guid Id, string Title, string RegionCode, OrderStatus Status, string StatusName, decimal? ContractAmount, Guid BuyerOrganizationId, Guid ProviderWorkerId, DateTimeOffset CreatedAt, int Version);

/// <summary>
/// 交易订单. The state machine is the domain's <see cref="Order"/>; this service loads, applies one step and saves.
/// <c>Version</c> is a concurrency token: the UPDATE compares it with the version read, so of two concurrent
/// steps only one is written and the other gets 409; a client may also send the version it last read in
/// <c>If-Match</c> to be refused when it acted on a stale page.
/// </summary>
public sealed class OrderService(
    KexieDbContext db,
    Kexie.Web.Features.Notifications.Notifier notifier,
    TimeProvider clock,
    Kexie.Web.Features.Directory.Parties parties,
    Kexie.Domain.Authorization.AccessPolicy policy)
{
    /// <summary>The caller's steps on <paramref name="order"/>: the domain's rules, less those the role lacks the permission for.</summary>
    public IReadOnlyList<string> ActionsFor(Actor actor, Order order)
    {
        var trade = policy.Can(actor, MarketPermissions.TradeOrders);
        var resolve = policy.Can(actor, MarketPermissions.ResolveOrders);
        return order.ActionsFor(actor).Where(a => OrderActions.IsResolve(a) ? resolve : trade).ToList();
    }

    public IQueryable<Order> Visible(Actor actor)
    {
        var scope = actor.ManagedScope;
        var organization = actor.OrganizationId;
        var worker = actor.ScienceWorkerId;
        return db.Orders.AsNoTracking().Where(o =>
            (organization != null && o.BuyerOrganizationId == organization)
            || (worker != null && o.ProviderWorkerId == worker)
            || (scope != null && RegionScope.Within(o.RegionCode, scope)));
    }

    public async Task<PagedResult<OrderSummaryDto>> ListAsync(Actor actor, OrderFilter filter, CancellationToken ct = default)
    {
        var page = PageRequest.Of(filter.Page, filter.PageSize);
        var query = Visible(actor);
        if (MarketSupport.RegionFilter(filter.Region) is { } region)
        {
            query = query.Where(o => RegionScope.Within(o.RegionCode, region));
        }

        if (filter.Status is { } status)
        {
            query = query.Where(o => o.Status == status);
        }

        if (filter.Offer is { } offer)
        {
            query = query.Where(o => o.OfferId == offer);
        }

        if (filter.Need is { } need)
        {
            query = query.Where(o => o.NeedId == need);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            query = query.Where(o => o.Title.Contains(q));
        }

        var total = await query.CountAsync(ct);
        return new PagedResult<OrderSummaryDto>(await SummariesAsync(query, page.Skip, page.PageSize, ct), total, page.Page, page.PageSize);
    }

    /// <summary>
    /// The orders of a need the actor may see, newest first, at most <paramref name="take"/>: the plan page's 成交订单
    /// choices, in one statement (<see cref="ListAsync"/> counts for a pager as well, which the choices do not show).
    /// </summary>
    public async Task<IReadOnlyList<OrderSummaryDto>> OfNeedAsync(Actor actor, Guid needId, int take, CancellationToken ct = default) =>
        await SummariesAsync(Visible(actor).Where(o => o.NeedId == needId), 0, take, ct);

    /// <summary>Orders of <paramref name="query"/>, newest first, from <paramref name="skip"/>, at most <paramref name="take"/>, as summaries.</summary>
    private static async Task<List<OrderSummaryDto>> SummariesAsync(IQueryable<Order> query, int skip, int take, CancellationToken ct)
    {
        var items = await query.OrderByDescending(o => o.CreatedAt).ThenBy(o => o.Id).Skip(skip).Take(take)
            .Select(o => new OrderSummaryDto(o.Id, o.Title, o.RegionCode, o.Status, string.Empty, o.ContractAmount, o.BuyerOrganizationId, o.ProviderWorkerId, o.CreatedAt, o.Version))
            .ToListAsync(ct);
        return items.Select(i => i with { StatusName = i.Status.Chinese() }).ToList();
    }

    public async Task<OrderDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null || order.PartyOf(actor) is null)
        {
            throw new NotFoundException("订单不存在");
        }

        return OrderDto.From(order, ActionsFor(actor, order));
    }

    public async Task<OrderDto> CreateAsync(Actor actor, CreateOrderRequest r, CancellationToken ct = default)
    {
        Order order;
        Need? need = null;
        if (r.NeedId is { } needId && needId != Guid.Empty)
        {
            need = await db.Needs.AsNoTracking().FirstOrDefaultAsync(n => n.Id == needId, ct);
            if (need is null || !need.IsVisibleTo(actor))
            {
                throw new DomainValidationException("needId", "科技需求不存在");
            }
        }

        if (r.FairId is { } fairId && fairId != Guid.Empty && !await db.Fairs.AnyAsync(f => f.Id == fairId, ct))
        {
            throw new DomainValidationException("fairId", "科创会不存在");
        }

        var buyerId = r.BuyerOrganizationId ?? need?.OrganizationId ?? actor.OrganizationId
            ?? throw new DomainValidationException("buyerOrganizationId", "请指定需方单位");
        // Both parties are resolved through what the caller may see; a region manager acts only for a buyer of the subtree
        // they manage, and the order stays in the buyer's county (its deal value counts there).
        var buyer = await parties.OrganizationAsync(actor, buyerId, "buyerOrganizationId", "需方单位", ct);
        string Region() => Kexie.Domain.Authorization.RegionScope.PlaceFor(buyer.RegionCode, r.RegionCode ?? need?.RegionCode);
        if (r.OfferId is { } offerId && offerId != Guid.Empty)
        {
            var offer = await db.Offers.AsNoTracking().FirstOrDefaultAsync(o => o.Id == offerId, ct);
            if (offer is null || !offer.IsVisibleTo(actor))
            {
                throw new DomainValidationException("offerId", "科技所能不存在");
            }

            RequireMayOrder(actor, buyer, offer.ProviderWorkerId);
            order = Order.ForOffer(offer, buyerId, Region(), actor, need, r.FairId, r.Note);
        }
        else
        {
            var provider = r.ProviderWorkerId ?? actor.ScienceWorkerId
                ?? throw new DomainValidationException("providerWorkerId", "请指定供方（科技工作者）");
            var providerRef = await parties.WorkerAsync(actor, provider, "providerWorkerId", "供方（科技工作者）", ct);
            RequireMayOrder(actor, buyer, providerRef.Id);

            if (need is not null && need.OrganizationId != buyerId)
            {
                throw new DomainValidationException("needId", "该科技需求不属于需方单位");
            }

            order = Order.Create(new OrderData(r.Title ?? need?.Title, buyerId, provider, Region(), null, null, need?.Id, r.FairId, r.Note), actor);
        }

        db.Orders.Add(order);
        await NotifyCreatedAsync(order, actor, ct);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return OrderDto.From(order, ActionsFor(actor, order));
    }

    /// <summary>The buyer's member, the provider, or a manager of the buyer's region may open an order between them.</summary>
    private static void RequireMayOrder(Actor actor, Kexie.Web.Features.Directory.PartyRef buyer, Guid providerWorkerId)
    {
        if (actor.ScienceWorkerId != providerWorkerId && !Kexie.Domain.Authorization.RegionScope.MayActFor(actor, buyer.RegionCode, buyer.IsSelf))
        {
            throw new NotPermittedException("只有需方、供方或需方所在地区的管理人员可以创建订单");
        }
    }

    /// <summary>
    /// An administrator records a contract both sides signed offline: Inquiry → Agreed with the amount and a contract file
    /// uploaded to this order. When the order answers a need, the deal is recorded on the need's 一单一策 plan and the need
    /// is closed as 已对接 in the same transaction (see <see cref="AfterAgreementAsync"/>). The sides themselves use
    /// <see cref="ProposeAsync"/> and <see cref="ConfirmAsync"/>.
    /// </summary>
    public async Task<OrderDto> AgreeAsync(Actor actor, Guid id, AgreeRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var order = await FindAsync(actor, id, expectedVersion, ct);
        if (order.Status != OrderStatus.Inquiry || order.PartyOf(actor) != OrderParty.Administrator)
        {
            // Out of order or not an administrator: the domain refuses it (409/403) whatever the file.
            return await ApplyAsync(actor, order, o => o.Agree(actor, r.ContractAmount, r.ContractFileId?.ToString(), terms: r.Terms), ct);
        }

        var fileId = await ContractFileAsync(order, r.ContractFileId, ct);
        return await ApplyAsync(actor, order, o => o.Agree(actor, r.ContractAmount, fileId.ToString(), terms: r.Terms), ct);
    }

    /// <summary>One side proposes or counter-proposes the contract amount, terms and contract file; the other side hears of it.</summary>
    public async Task<OrderDto> ProposeAsync(Actor actor, Guid id, ProposeRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var order = await FindAsync(actor, id, expectedVersion, ct);
        if (order.Status != OrderStatus.Inquiry || order.PartyOf(actor) is not (OrderParty.Buyer or OrderParty.Provider))
        {
            return await ApplyAsync(actor, order, o => o.Propose(actor, r.ContractAmount, r.Terms, r.ContractFileId?.ToString()), ct);
        }

        var fileId = await ContractFileAsync(order, r.ContractFileId, ct);
        var proposal = order.Propose(actor, r.ContractAmount, r.Terms, fileId.ToString(), clock.GetUtcNow());
        var counter = order.Proposals.Any(p => p.Number == proposal.Number - 1 && p.Party != proposal.Party);
        notifier.Add(
            await OtherSideAsync(order, proposal.Party, ct),
            NotificationKind.OrderStatusChanged,
            $"订单“{order.Title}”有待您确认的合同条件",
            $"{proposal.Party.Chinese()}{(counter ? "提出了新的合同条件（还价）" : "提出了合同条件")}：合同金额{proposal.Amount:0.00}元。请确认，或提出您的条件。",
            $"/Market/Orders/Details/{order.Id}",
            order.UpdatedAt,
            except: actor.UserId);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return OrderDto.From(order, ActionsFor(actor, order));
    }

    /// <summary>
    /// The side that did not make the pending proposal confirms it (named by its number): Inquiry → Agreed on its terms; a
    /// deal on a need is recorded on the plan and closes the need, all in one transaction.
    /// </summary>
    public async Task<OrderDto> ConfirmAsync(Actor actor, Guid id, ConfirmRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var order = await FindAsync(actor, id, expectedVersion, ct);
        return await ApplyAsync(actor, order, o =>
        {
            if (o.PendingProposal is { } pending && r.ProposalNumber != pending.Number && o.PartyOf(actor) is OrderParty.Buyer or OrderParty.Provider)
            {
                throw new InvalidTransitionException($"您确认的合同条件已被新的提议（第{pending.Number}条）替代，请查看后再确认");
            }

            o.Confirm(actor);
        }, ct);
    }

    private async Task<Guid> ContractFileAsync(Order order, Guid? contractFileId, CancellationToken ct)
    {
        if (contractFileId is not { } fileId || fileId == Guid.Empty)
        {
            throw new DomainValidationException("contractFileId", "请先上传合同文件，并填写其文件编号（contractFileId）");
        }

        if (!await db.Set<StoredFile>().AnyAsync(f => f.Id == fileId && f.OrderId == order.Id, ct))
        {
            throw new DomainValidationException("contractFileId", "合同文件不存在或不属于该订单");
        }

        return fileId;
    }

    /// <summary>Applies one state-machine step and saves it; a concurrent or stale step is refused with 409.</summary>
    public async Task<OrderDto> TransitionAsync(Actor actor, Guid id, Action<Order> step, int? expectedVersion, CancellationToken ct = default) =>
        await ApplyAsync(actor, await FindAsync(actor, id, expectedVersion, ct), step, ct);

    /// <summary>
    /// Applies the step; when it changed the status, notifies the other party and (on agreement) records the deal on
    /// the need's plan — all saved together.
    /// </summary>
    private async Task<OrderDto> ApplyAsync(Actor actor, Order order, Action<Order> step, CancellationToken ct)
    {
        var before = order.Status;
        step(order);
        if (order.Status != before)
        {
            await NotifyStatusAsync(order, before, actor, ct);
            if (order.Status == OrderStatus.Agreed && before == OrderStatus.Inquiry)
            {
                await AfterAgreementAsync(order, actor, ct);
            }
        }

        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return OrderDto.From(order, ActionsFor(actor, order));
    }

    private async Task<Order> FindAsync(Actor actor, Guid id, int? expectedVersion, CancellationToken ct)
    {
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null || order.PartyOf(actor) is null)
        {
            throw new NotFoundException("订单不存在");
        }

        MarketSupport.CheckVersion(order.Version, expectedVersion);
        return order;
    }

    /// <summary>
    /// A deal on a need: recorded on its plan (<see cref="RecordDealOnPlanAsync"/>), and the need is closed as 已对接 so it
    /// leaves the public lists and, through the match outbox written with this change, the match index (no longer
    /// recommended or matched).
    /// </summary>
    private async Task AfterAgreementAsync(Order order, Actor actor, CancellationToken ct)
    {
        await RecordDealOnPlanAsync(order, actor, ct);
        if (order.NeedId is { } needId && await db.Needs.FirstOrDefaultAsync(n => n.Id == needId, ct) is { } need)
        {
            need.CloseOnDeal(order, clock.GetUtcNow());
        }
    }

    /// <summary>
    /// The agreement of an order made from a need is that need's deal: its open plan moves to Deal naming the order,
    /// unless a deal is already recorded or the plan was closed. A plan nobody had answered yet first gets the
    /// inquiry itself logged as its first contact (the parties did talk, through the platform), since a deal
    /// presupposes a response; it is logged as of the inquiry, when the plan was in fact answered. Done by the acting person when they may handle the plan, else by the system.
    /// </summary>
    private async Task RecordDealOnPlanAsync(Order order, Actor actor, CancellationToken ct)
    {
        if (order.NeedId is not { } needId)
        {
            return;
        }

        var plan = await db.ResponsePlans.FirstOrDefaultAsync(p => p.NeedId == needId, ct);
        if (plan is null || !plan.IsOpen || plan.DealOrderId is not null)
        {
            return;
        }

        var by = plan.MayHandle(actor) ? actor : DealRecorder;
        var now = clock.GetUtcNow();
        if (plan.Status == ResponsePlanStatus.New)
        {
            var provider = await db.ScienceWorkers.AsNoTracking().Where(w => w.Id == order.ProviderWorkerId).Select(w => w.Name).FirstOrDefaultAsync(ct);
            var contactedAt = order.CreatedAt < plan.CreatedAt ? plan.CreatedAt : order.CreatedAt;
            plan.LogContact(by, new ContactData(provider ?? "供方", ContactChannel.PlatformMessage, $"通过平台订单“{order.Title}”询价洽谈", ScienceWorkerId: order.ProviderWorkerId, ContactedAt: contactedAt), contactedAt);
        }

        plan.RecordDeal(by, order.Id, $"订单签约自动登记成交（合同金额{order.ContractAmount:0.00}元）", now, new DealCounterpart(null, order.OfferId, order.ProviderWorkerId));
    }

    private static readonly Actor DealRecorder = new("system", "system", UserRole.PlatformAdmin, Kexie.Domain.Regions.RegionCode.Country, DisplayName: "系统（订单签约自动登记）");

    /// <summary>A new order: the side(s) that did not create it hear of the inquiry.</summary>
    private async Task NotifyCreatedAsync(Order order, Actor actor, CancellationToken ct)
    {
        var recipients = await OtherSideAsync(order, order.InitiatedBy, ct);
        var source = order.OfferId is null ? string.Empty : "您发布的科技所能";
        notifier.Add(
            recipients,
            NotificationKind.OrderInquiry,
            $"新的询价：{order.Title}",
            $"{actor.Name}就{source}“{order.Title}”发起了询价（{order.InitiatedBy.Chinese()}发起），请及时查看并回复。",
            $"/Market/Orders/Details/{order.Id}",
            order.CreatedAt,
            except: actor.UserId);
    }

    /// <summary>A status change: the other side(s) hear of it; when an administrator acted, both sides do.</summary>
    private async Task NotifyStatusAsync(Order order, OrderStatus before, Actor actor, CancellationToken ct)
    {
        var party = order.PartyOf(actor) ?? OrderParty.Administrator;
        var note = order.Events.Count > 0 ? order.Events[^1].Note : null;
        notifier.Add(
            await OtherSideAsync(order, party, ct),
            NotificationKind.OrderStatusChanged,
            $"订单“{order.Title}”{order.Status.Chinese()}",
            $"{party.Chinese()}将订单“{order.Title}”由“{before.Chinese()}”变更为“{order.Status.Chinese()}”{(string.IsNullOrEmpty(note) ? "。" : $"：{note}")}",
            $"/Market/Orders/Details/{order.Id}",
            order.UpdatedAt,
            except: actor.UserId);
    }

    private async Task<List<string>> OtherSideAsync(Order order, OrderParty party, CancellationToken ct)
    {
        var recipients = new List<string>();
        if (party != OrderParty.Provider)
        {
            recipients.AddRange(await notifier.WorkerAccountsAsync(order.ProviderWorkerId, ct));
        }

        if (party != OrderParty.Buyer)
        {
            recipients.AddRange(await notifier.OrganizationMembersAsync(order.BuyerOrganizationId, ct));
        }

        return recipients;
    }
}
