using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Market;

/// <summary>A storefront to create or edit. <see cref="OwnerWorkerId"/> defaults to the signed-in worker (staff name the worker).</summary>
public sealed record StorefrontRequest(string? Name, string? TeamName, string? Introduction, string? RegionCode, Guid[]? MemberWorkerIds = null, Guid? OwnerWorkerId = null);

public sealed record StorefrontDto(
    Guid Id, Guid OwnerWorkerId, string OwnerName, string Name, string? TeamName, bool IsTeam, string? Introduction, string RegionCode,
    Guid[] MemberWorkerIds, bool IsOpen, int PublishedOffers, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<string> Actions);

/// <summary>The public page of a 科创工作室: the storefront and its published offers, newest first.</summary>
public sealed record StorefrontPageDto(StorefrontDto Storefront, IReadOnlyList<OfferSummaryDto> Offers);

/// <summary>
/// 科创工作室: created and edited by the owning worker or the region's managers (domain <see cref="Storefront"/>), opened
/// and closed by them. Open storefronts are public with their published offers; a closed one is seen only by those
/// who may manage it.
/// </summary>
public sealed class StorefrontService(
    KexieDbContext db, ReferenceCodesCache reference, RichTextSanitizer richText, TimeProvider clock, Kexie.Web.Features.Directory.Parties parties,
    Kexie.Domain.Authorization.AccessPolicy policy)
{
    public const int MaxOffersOnPage = 200;

    public async Task<PagedResult<StorefrontDto>> ListAsync(Actor actor, string? region, string? q, Guid? owner, int? page, int? pageSize, CancellationToken ct = default)
    {
        var paging = PageRequest.Of(page, pageSize);
        var scope = actor.ManagedScope;
        var worker = actor.ScienceWorkerId;
        var query = db.Storefronts.AsNoTracking().Where(s => s.IsOpen || (worker != null && s.OwnerWorkerId == worker) || (scope != null && RegionScope.Within(s.RegionCode, scope)));
        if (MarketSupport.RegionFilter(region) is { } code)
        {
            query = query.Where(s => RegionScope.Within(s.RegionCode, code));
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(s => s.Name.Contains(text) || (s.TeamName != null && s.TeamName.Contains(text)));
        }

        if (owner is { } o)
        {
            query = query.Where(s => s.OwnerWorkerId == o);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(s => s.UpdatedAt).ThenBy(s => s.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var items = new List<StorefrontDto>();
        foreach (var storefront in rows)
        {
            items.Add(await ToDtoAsync(actor, storefront, ct));
        }

        return new PagedResult<StorefrontDto>(items, total, paging.Page, paging.PageSize);
    }

    public async Task<StorefrontPageDto> GetPageAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var storefront = await db.Storefronts.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (storefront is null || (!storefront.IsOpen && !storefront.MayManage(actor)))
        {
            throw new NotFoundException("科创工作室不存在或已关闭");
        }

        var offers = await db.Offers.AsNoTracking()
            .Where(o => o.StorefrontId == id && o.Status == ReviewStatus.Published)
            .OrderByDescending(o => o.PublishedAt).ThenBy(o => o.Id)
            .Take(MaxOffersOnPage)
            .Select(o => new OfferSummaryDto(
                o.Id, o.Kind, string.Empty, o.Title, o.ProviderWorkerId, o.TeamName, o.DisciplineCodes, o.IndustryCodes, o.RegionCode,
                o.PriceMode, o.PriceMin, o.PriceMax, o.PriceUnit, o.Status, string.Empty, o.PublishedAt, o.UpdatedAt))
            .ToListAsync(ct);
        return new StorefrontPageDto(
            await ToDtoAsync(actor, storefront, ct),
            offers.Select(i => i with { KindName = i.Kind.Chinese(), StatusName = i.Status.Chinese() }).ToList());
    }

    public async Task<StorefrontDto> CreateAsync(Actor actor, StorefrontRequest r, CancellationToken ct = default)
    {
        MarketSupport.RequireSignedIn(actor);
        var ownerId = r.OwnerWorkerId ?? actor.ScienceWorkerId
            ?? throw new DomainValidationException("ownerWorkerId", "请指定工作室负责人（科技工作者）");
        var owner = await parties.WorkerToActForAsync(actor, ownerId, "ownerWorkerId", "工作室负责人（科技工作者）", "开设科创工作室", ct);
        var storefront = Storefront.Create(owner.Id, await ToDataAsync(actor, owner, r, ct), actor, clock.GetUtcNow());
        (await reference.GetAsync(db, ct)).RequireRegion(storefront.RegionCode);
        db.Storefronts.Add(storefront);
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(actor, storefront, ct);
    }

    public async Task<StorefrontDto> UpdateAsync(Actor actor, Guid id, StorefrontRequest r, CancellationToken ct = default)
    {
        var storefront = await FindAsync(actor, id, ct);
        if (!storefront.MayManage(actor))
        {
            // Decided before the body is looked at: a visitor of an open storefront learns nothing from validation.
            throw new NotPermittedException("只有工作室负责人或本地区服务人员可以管理该工作室");
        }

        if (r.OwnerWorkerId is { } owner && owner != storefront.OwnerWorkerId)
        {
            throw new DomainValidationException("ownerWorkerId", "不能更改工作室负责人");
        }

        var ownerRef = await parties.WorkerAsync(Actor.System, storefront.OwnerWorkerId, "ownerWorkerId", "工作室负责人（科技工作者）", ct);
        storefront.Update(await ToDataAsync(actor, ownerRef, r, ct), actor, clock.GetUtcNow());
        (await reference.GetAsync(db, ct)).RequireRegion(storefront.RegionCode);
        if (actor.ScienceWorkerId != storefront.OwnerWorkerId && !actor.Manages(storefront.RegionCode))
        {
            throw new NotPermittedException("不能把科创工作室移到本地区以外");
        }

        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(actor, storefront, ct);
    }

    public async Task<StorefrontDto> SetOpenAsync(Actor actor, Guid id, bool open, CancellationToken ct = default)
    {
        var storefront = await FindAsync(actor, id, ct);
        storefront.SetOpen(open, actor, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(actor, storefront, ct);
    }

    private async Task<Storefront> FindAsync(Actor actor, Guid id, CancellationToken ct)
    {
        MarketSupport.RequireSignedIn(actor);
        var storefront = await db.Storefronts.FirstOrDefaultAsync(s => s.Id == id, ct);
        return storefront is not null && (storefront.IsOpen || storefront.MayManage(actor))
            ? storefront
            : throw new NotFoundException("科创工作室不存在或已关闭");
    }

    /// <summary>Members are checked through the caller's visibility; the storefront stays in its owner's county.</summary>
    private async Task<StorefrontData> ToDataAsync(Actor actor, Kexie.Web.Features.Directory.PartyRef owner, StorefrontRequest r, CancellationToken ct)
    {
        var members = (r.MemberWorkerIds ?? []).Distinct().ToList();
        if (members.Count > 0 && members.Count <= Storefront.MaxMembers && !await parties.AllWorkersVisibleAsync(actor, members, ct))
        {
            throw new DomainValidationException("memberWorkerIds", "团队成员中有不存在的科技工作者");
        }

        var region = Kexie.Domain.Authorization.RegionScope.PlaceFor(owner.RegionCode, r.RegionCode);
        return new StorefrontData(r.Name, r.TeamName, richText.Clean(r.Introduction), region, members);
    }

    /// <summary>The storefront with the caller's actions: the domain's (<see cref="Storefront.ActionsFor"/>) where the role holds <c>market.storefronts.edit</c>.</summary>
    private async Task<StorefrontDto> ToDtoAsync(Actor actor, Storefront s, CancellationToken ct)
    {
        var ownerName = await db.ScienceWorkers.AsNoTracking().Where(w => w.Id == s.OwnerWorkerId).Select(w => w.Name).FirstOrDefaultAsync(ct) ?? string.Empty;
        var offers = await db.Offers.CountAsync(o => o.StorefrontId == s.Id && o.Status == ReviewStatus.Published, ct);
        return new StorefrontDto(s.Id, s.OwnerWorkerId, ownerName, s.Name, s.TeamName, s.IsTeam, s.Introduction, s.RegionCode, s.MemberWorkerIds, s.IsOpen, offers, s.CreatedAt, s.UpdatedAt,
            policy.Can(actor, MarketPermissions.EditStorefronts) ? s.ActionsFor(actor) : []);
    }
}
