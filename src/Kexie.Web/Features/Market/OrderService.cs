using Kexie.Data;
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

public sealed record AgreeRequest(decimal ContractAmount, string? ContractFileRef);

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
    OrderRatingDto? BuyerRating,
    OrderRatingDto? ProviderRating,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version,
    IReadOnlyList<OrderEventDto> Events)
{
    public static OrderDto From(Order o) => new(
        o.Id, o.Title, o.BuyerOrganizationId, o.ProviderWorkerId, o.RegionCode, o.OfferId, o.OfferKind, o.NeedId, o.FairId, o.InitiatedBy,
        o.Status, o.Status.Chinese(), o.ContractAmount, o.ContractFileRef, o.AgreedAt, o.DeliveryStartedAt, o.AcceptedAt, o.SettledAt,
        o.CancelledAt, o.CancelReason, o.DisputeReason,
        o.BuyerRating is { } b ? new OrderRatingDto(b.Stars, b.Comment, b.At) : null,
        o.ProviderRating is { } p ? new OrderRatingDto(p.Stars, p.Comment, p.At) : null,
        o.CreatedAt, o.UpdatedAt, o.Version,
        o.Events.OrderBy(e => e.At).Select(e => new OrderEventDto(e.At, e.ActorName, e.Party, e.Party.Chinese(), e.From, e.To, e.To.Chinese(), e.Note)).ToList());
}

public sealed record OrderSummaryDto(Guid Id, string Title, string RegionCode, OrderStatus Status, string StatusName, decimal? ContractAmount, Guid BuyerOrganizationId, Guid ProviderWorkerId, DateTimeOffset CreatedAt, int Version);

/// <summary>
/// 交易订单. The state machine is the domain's <see cref="Order"/>; this service loads, applies one step and saves.
/// <c>Version</c> is a concurrency token: the UPDATE compares it with the version read, so of two concurrent
/// steps only one is written and the other gets 409; a client may also send the version it last read in
/// <c>If-Match</c> to be refused when it acted on a stale page.
/// </summary>
public sealed class OrderService(KexieDbContext db)
{
    public IQueryable<Order> Visible(Actor actor)
    {
        var scope = actor.ManagedScope;
        var organization = actor.OrganizationId;
        var worker = actor.ScienceWorkerId;
        return db.Orders.AsNoTracking().Where(o =>
            (organization != null && o.BuyerOrganizationId == organization)
            || (worker != null && o.ProviderWorkerId == worker)
            || (scope != null && o.RegionCode.StartsWith(scope)));
    }

    public async Task<PagedResult<OrderSummaryDto>> ListAsync(Actor actor, OrderFilter filter, CancellationToken ct = default)
    {
        var page = PageRequest.Of(filter.Page, filter.PageSize);
        var query = Visible(actor);
        if (MarketSupport.RegionFilter(filter.Region) is { } region)
        {
            query = query.Where(o => o.RegionCode.StartsWith(region));
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
        var items = await query.OrderByDescending(o => o.CreatedAt).ThenBy(o => o.Id).Skip(page.Skip).Take(page.PageSize)
            .Select(o => new OrderSummaryDto(o.Id, o.Title, o.RegionCode, o.Status, string.Empty, o.ContractAmount, o.BuyerOrganizationId, o.ProviderWorkerId, o.CreatedAt, o.Version))
            .ToListAsync(ct);
        return new PagedResult<OrderSummaryDto>(items.Select(i => i with { StatusName = i.Status.Chinese() }).ToList(), total, page.Page, page.PageSize);
    }

    public async Task<OrderDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null || order.PartyOf(actor) is null)
        {
            throw new NotFoundException("订单不存在");
        }

        return OrderDto.From(order);
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
        var buyer = await db.Organizations.AsNoTracking().Where(o => o.Id == buyerId).Select(o => new { o.RegionCode }).FirstOrDefaultAsync(ct)
            ?? throw new DomainValidationException("buyerOrganizationId", "需方单位不存在");
        if (r.OfferId is { } offerId && offerId != Guid.Empty)
        {
            var offer = await db.Offers.AsNoTracking().FirstOrDefaultAsync(o => o.Id == offerId, ct);
            if (offer is null || !offer.IsVisibleTo(actor))
            {
                throw new DomainValidationException("offerId", "科技所能不存在");
            }

            order = Order.ForOffer(offer, buyerId, buyer.RegionCode, actor, need, r.FairId, r.Note);
        }
        else
        {
            var provider = r.ProviderWorkerId ?? actor.ScienceWorkerId
                ?? throw new DomainValidationException("providerWorkerId", "请指定供方（科技工作者）");
            if (!await db.ScienceWorkers.AnyAsync(w => w.Id == provider, ct))
            {
                throw new DomainValidationException("providerWorkerId", "供方（科技工作者）不存在");
            }

            if (need is not null && need.OrganizationId != buyerId)
            {
                throw new DomainValidationException("needId", "该科技需求不属于需方单位");
            }

            order = Order.Create(new OrderData(r.Title ?? need?.Title, buyerId, provider, r.RegionCode ?? need?.RegionCode ?? buyer.RegionCode, null, null, need?.Id, r.FairId, r.Note), actor);
        }

        db.Orders.Add(order);
        await db.SaveChangesAsync(ct);
        return OrderDto.From(order);
    }

    /// <summary>Applies one state-machine step and saves it; a concurrent or stale step is refused with 409.</summary>
    public async Task<OrderDto> TransitionAsync(Actor actor, Guid id, Action<Order> step, int? expectedVersion, CancellationToken ct = default)
    {
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null || order.PartyOf(actor) is null)
        {
            throw new NotFoundException("订单不存在");
        }

        MarketSupport.CheckVersion(order.Version, expectedVersion);
        step(order);
        await db.SaveChangesAsync(ct);
        return OrderDto.From(order);
    }
}
