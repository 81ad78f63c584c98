using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Market;

public sealed record OfferFilter(
    string? Q = null,
    string? Region = null,
    OfferKind? Kind = null,
    string? Discipline = null,
    string? Industry = null,
    decimal? PriceMin = null,
    decimal? PriceMax = null,
    ReviewStatus? Status = null,
    Guid? Provider = null,
    [property: System.ComponentModel.Description("起始日期（yyyy-MM-dd，按发布日）；留空不限")] string? From = null,
    [property: System.ComponentModel.Description("结束日期（yyyy-MM-dd，按发布日）；留空不限")] string? To = null,
    string? Sort = null,
    int? Page = null,
    int? PageSize = null,
    [property: System.ComponentModel.Description("翻页游标：上一页回应的 nextCursor（仅按发布时间排序 newest/oldest 时可用）；给出时从游标之后取一页，不再按 page 跳过")] string? After = null,
    [property: System.ComponentModel.Description("向前翻页游标：本页回应的 previousCursor（仅按发布时间排序 newest/oldest 时可用）；给出时取游标之前的一页（上一页）")] string? Before = null)
{
    /// <summary>The days of <see cref="From"/> and <see cref="To"/> as typed in the query, read by <see cref="Kexie.Web.Infrastructure.QueryDay"/>:
    /// blank is no date, an unreadable day a validation error naming the field.</summary>
    public (DateOnly? From, DateOnly? To) Days() => Kexie.Web.Infrastructure.QueryDay.Range(From, To);
}

public sealed record OfferRequest(
    OfferKind Kind,
    string? Title,
    string? Description,
    Guid? ProviderWorkerId,
    string? TeamName,
    Guid? StorefrontId,
    string[]? DisciplineCodes,
    string[]? IndustryCodes,
    string? RegionCode,
    PriceMode PriceMode,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(NullableYuanJsonConverter))] decimal? PriceMin = null,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(NullableYuanJsonConverter))] decimal? PriceMax = null,
    string? PriceUnit = null,
    MaturityStage? MaturityStage = null,
    string[]? PatentNumbers = null,
    TransferModes TransferModes = TransferModes.None);

public sealed record ReviewRecordDto(DateTimeOffset At, string? ActorName, ReviewStatus FromStatus, ReviewStatus ToStatus, string ToName, string? Reason)
{
    public static ReviewRecordDto From(ReviewRecord r) => new(r.At, r.ActorName, r.From, r.To, r.To.Chinese(), r.Reason);
}

public sealed record AttachmentDto(Guid Id, string FileName, long SizeBytes, string ContentType, DateTimeOffset UploadedAt)
{
    public static AttachmentDto From(Attachment a) => new(a.Id, a.FileName, a.SizeBytes, a.ContentType, a.UploadedAt);
}

public sealed record OfferSummaryDto(
    Guid Id,
    OfferKind Kind,
    string KindName,
    string Title,
    Guid ProviderWorkerId,
    string? TeamName,
    string[] DisciplineCodes,
    string[] IndustryCodes,
    string RegionCode,
    PriceMode PriceMode,
    decimal? PriceMin,
    decimal? PriceMax,
    string? PriceUnit,
    ReviewStatus Status,
    string StatusName,
    DateTimeOffset? PublishedAt,
    DateTimeOffset UpdatedAt);

public sealed record OfferDto(
    Guid Id,
    OfferKind Kind,
    string KindName,
    string Title,
    string Description,
    Guid ProviderWorkerId,
    string? TeamName,
    Guid? StorefrontId,
    string[] DisciplineCodes,
    string[] IndustryCodes,
    string RegionCode,
    PriceMode PriceMode,
    decimal? PriceMin,
    decimal? PriceMax,
    string? PriceUnit,
    MaturityStage? MaturityStage,
    string[] PatentNumbers,
    TransferModes TransferModes,
    string? TransferModesName,
    ReviewStatus Status,
    string StatusName,
    string? StatusReason,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version,
    IReadOnlyList<ReviewRecordDto>? ReviewHistory,
    IReadOnlyList<AttachmentDto> Attachments,
    IReadOnlyList<string> Actions)
{
    public static OfferDto From(Offer o, bool withHistory, IReadOnlyList<string>? actions = null) => new(
        o.Id, o.Kind, o.Kind.Chinese(), o.Title, o.Description, o.ProviderWorkerId, o.TeamName, o.StorefrontId,
        o.DisciplineCodes, o.IndustryCodes, o.RegionCode, o.PriceMode, o.PriceMin, o.PriceMax, o.PriceUnit,
        o.MaturityStage, o.PatentNumbers, o.TransferModes, o.TransferModes == TransferModes.None ? null : o.TransferModes.Chinese(),
        o.Status, o.Status.Chinese(), o.StatusReason, o.SubmittedAt, o.PublishedAt, o.CreatedAt, o.UpdatedAt, o.Version,
        withHistory ? o.ReviewHistory.Select(ReviewRecordDto.From).ToList() : null,
        o.Attachments.Select(AttachmentDto.From).ToList(),
        actions ?? []);
}

/// <summary>
/// 科技所能: drafted by the providing worker (or region staff on their behalf), reviewed by the region's
/// association, public once published. Every write goes through the domain's <see cref="Offer"/> rules; the
/// description is rich text, cleaned by <see cref="RichTextSanitizer"/> first.
/// </summary>
public sealed class OfferService(
    KexieDbContext db,
    ReferenceCodesCache reference,
    RichTextSanitizer richText,
    Kexie.Web.Features.Directory.Parties parties,
    Kexie.Web.Features.Notifications.Notifier notifier,
    Kexie.Domain.Authorization.AccessPolicy policy)
{
    /// <summary>
    /// The caller's actions on <paramref name="offer"/>: the domain's rules, less those the role lacks the permission for; and
    /// <see cref="OfferActions.Inquire"/> where the caller may ask for a price (<see cref="Offer.MayInquire"/>, <c>market.orders.trade</c>).
    /// </summary>
    public IReadOnlyList<string> ActionsFor(Actor actor, Offer offer)
    {
        var actions = MarketActions.Allowed(policy, actor, offer.ActionsFor(actor), MarketPermissions.EditOffers, MarketPermissions.ReviewOffers);
        return offer.MayInquire(actor) && policy.Can(actor, MarketPermissions.TradeOrders) ? [.. actions, OfferActions.Inquire] : actions;
    }

    /// <summary>Published offers for everyone; drafts and the rest to the provider and the region's managers.</summary>
    public IQueryable<Offer> Visible(Actor actor)
    {
        var scope = actor.ManagedScope;
        var worker = actor.ScienceWorkerId;
        return db.Offers.AsNoTracking().Where(o =>
            o.Status == ReviewStatus.Published
            || (worker != null && o.ProviderWorkerId == worker)
            || (scope != null && RegionScope.Within(o.RegionCode, scope)));
    }

    public async Task<PagedResult<OfferSummaryDto>> ListAsync(Actor actor, OfferFilter filter, CancellationToken ct = default)
    {
        var page = PageRequest.Of(filter.Page, filter.PageSize);
        var query = Visible(actor);
        if (MarketSupport.RegionFilter(filter.Region) is { } region)
        {
            query = query.Where(o => RegionScope.Within(o.RegionCode, region));
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            query = query.WhereAnyContains(db.Provider, filter.Q.Trim(), o => o.Title, o => o.Description);
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(o => o.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(filter.Discipline))
        {
            var discipline = filter.Discipline.Trim();
            query = query.Where(o => o.DisciplineCodes.Any(c => c.StartsWith(discipline)));
        }

        if (!string.IsNullOrWhiteSpace(filter.Industry))
        {
            var industry = filter.Industry.Trim();
            query = query.Where(o => o.IndustryCodes.Any(c => c.StartsWith(industry)));
        }

        if (filter.PriceMin is { } min)
        {
            query = query.Where(o => o.PriceMax != null && o.PriceMax >= min);
        }

        if (filter.PriceMax is { } max)
        {
            query = query.Where(o => o.PriceMin != null && o.PriceMin <= max);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(o => o.Status == status);
        }

        if (filter.Provider is { } provider)
        {
            query = query.Where(o => o.ProviderWorkerId == provider);
        }

        var (fromDay, toDay) = filter.Days();
        var (start, end) = MarketSupport.ChinaPeriod(fromDay, toDay);
        if (start is { } s)
        {
            query = query.Where(o => (o.PublishedAt ?? o.CreatedAt) >= s);
        }

        if (end is { } e)
        {
            query = query.Where(o => (o.PublishedAt ?? o.CreatedAt) < e);
        }

        var count = await ListCount.CountAsync(query, ct, string.IsNullOrWhiteSpace(filter.Q) ? ListCount.Cap : ListCount.SearchCap);
        var sort = filter.Sort?.Trim().ToLowerInvariant();
        var keyset = sort is null or "" or "newest" or "oldest";
        var (after, before) = (ListCursor.ParseTime(filter.After), ListCursor.ParseTime(filter.Before, "before"));
        if (!keyset && (after ?? before) is not null)
        {
            var field = after is null ? "before" : "after";
            throw new DomainValidationException(field, $"翻页游标（{field}）只能用于按发布时间排序（sort 为 newest 或 oldest）");
        }

        var order = sort switch
        {
            null or "" or "newest" => KeysetOrder<Offer>.ByTime(o => o.PublishedAt ?? o.CreatedAt, o => o.Id, oldestFirst: false),
            "oldest" => KeysetOrder<Offer>.ByTime(o => o.PublishedAt ?? o.CreatedAt, o => o.Id, oldestFirst: true),
            "price" => new KeysetOrder<Offer>((q, _) => q.OrderBy(o => o.PriceMin == null).ThenBy(o => o.PriceMin).ThenBy(o => o.Id)),
            "price_desc" => new KeysetOrder<Offer>((q, _) => q.OrderBy(o => o.PriceMax == null).ThenByDescending(o => o.PriceMax).ThenBy(o => o.Id)),
            "title" => new KeysetOrder<Offer>((q, _) => q.OrderBy(o => o.Title).ThenBy(o => o.Id)),
            _ => throw new DomainValidationException("sort", "排序方式应为 newest、oldest、price、price_desc 或 title"),
        };
        // A range of the list-order index (IX_*_ListOrder) after or before a cursor, not a skip over every earlier row;
        // one row more than the page says whether a further page exists. Keys first (rowsById): a region's page sorts
        // the region index's entries (INCLUDE of status, times and id, migration Db14ListIndexes), then reads its 20 rows.
        var rows = await query.PageAsync(
            order,
            o => new
            {
                Item = new OfferSummaryDto(
                    o.Id, o.Kind, string.Empty, o.Title, o.ProviderWorkerId, o.TeamName, o.DisciplineCodes, o.IndustryCodes, o.RegionCode,
                    o.PriceMode, o.PriceMin, o.PriceMax, o.PriceUnit, o.Status, string.Empty, o.PublishedAt, o.UpdatedAt),
                At = o.PublishedAt ?? o.CreatedAt,
            },
            keyset ? r => ListCursor.ByTime(r.At, r.Item.Id) : null,
            after,
            before,
            page,
            ct,
            db.Offers.AsNoTracking());
        return ListCount.Page(rows.Map(r => r.Item with { KindName = r.Item.Kind.Chinese(), StatusName = r.Item.Status.Chinese() }), count, page.PageSize);
    }

    public async Task<OfferDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var offer = await db.Offers.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (offer is null || !offer.IsVisibleTo(actor))
        {
            throw new NotFoundException("科技所能不存在");
        }

        return OfferDto.From(offer, offer.MayEdit(actor) || offer.MayReview(actor), ActionsFor(actor, offer));
    }

    /// <param name="formErrors">the form's own refusals (a field it could not read), reported together with the offer's.</param>
    public async Task<OfferDto> CreateAsync(Actor actor, OfferRequest request, CancellationToken ct = default, FieldErrors? formErrors = null)
    {
        var codes = await reference.GetAsync(db, ct);
        var errors = formErrors ?? new FieldErrors();
        var data = await errors.CheckAsync(() => ToDataAsync(actor, request, ct));
        var offer = data is null ? null : errors.Check(() => Offer.Create(data, actor, MarketSupport.Codes(codes)));
        errors.ThrowIfAny();
        codes.RequireRegion(offer!.RegionCode);
        db.Offers.Add(offer);
        await db.SaveChangesAsync(ct);
        return OfferDto.From(offer, true, ActionsFor(actor, offer));
    }

    public async Task<OfferDto> UpdateAsync(Actor actor, Guid id, OfferRequest request, int? expectedVersion, CancellationToken ct = default, FieldErrors? formErrors = null)
    {
        var offer = await FindAsync(actor, id, expectedVersion, ct);
        var codes = await reference.GetAsync(db, ct);
        var errors = formErrors ?? new FieldErrors();
        var data = await errors.CheckAsync(() => ToDataAsync(actor, request with { ProviderWorkerId = request.ProviderWorkerId ?? offer.ProviderWorkerId }, ct));
        if (data is not null)
        {
            errors.Check(() => offer.Update(data, actor, MarketSupport.Codes(codes)));
        }

        errors.ThrowIfAny();
        codes.RequireRegion(offer.RegionCode);
        if (!offer.IsOwnedBy(actor) && !policy.Can(actor, MarketPermissions.ActForOthers, offer.RegionCode))
        {
            throw new NotPermittedException("不能把科技所能移到本地区以外");
        }

        await db.SaveChangesAsync(ct);
        return OfferDto.From(offer, true, ActionsFor(actor, offer));
    }

    /// <summary>Applies one review-workflow step (submit, publish, return, reject, withdraw, close).</summary>
    public async Task<OfferDto> TransitionAsync(Actor actor, Guid id, Action<Offer> step, int? expectedVersion, CancellationToken ct = default)
    {
        var offer = await FindAsync(actor, id, expectedVersion, ct);
        var before = offer.Status;
        step(offer);
        await notifier.ReviewStepAsync(offer, before, "科技所能", offer.Title, c => notifier.WorkerAccountsAsync(offer.ProviderWorkerId, c), $"/Market/Offers/Details/{offer.Id}", actor, offer.UpdatedAt, MarketPermissions.ReviewOffers, ct);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return OfferDto.From(offer, true, ActionsFor(actor, offer));
    }

    /// <summary>Deletes a draft that was never submitted (owner or region staff).</summary>
    public async Task DeleteAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var offer = await FindAsync(actor, id, null, ct);
        if (!offer.MayEdit(actor))
        {
            throw new NotPermittedException("只有发布者或本地区服务人员可以删除该科技所能");
        }

        if (offer.Status != ReviewStatus.Draft)
        {
            throw new InvalidTransitionException($"只能删除草稿（当前状态：“{offer.Status.Chinese()}”），已提交的请撤回或关闭");
        }

        db.Offers.Remove(offer);
        await db.SaveChangesAsync(ct);
    }

    private async Task<Offer> FindAsync(Actor actor, Guid id, int? expectedVersion, CancellationToken ct)
    {
        var offer = await db.Offers.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (offer is null || !offer.IsVisibleTo(actor))
        {
            throw new NotFoundException("科技所能不存在");
        }

        MarketSupport.CheckVersion(offer.Version, expectedVersion);
        return offer;
    }

    private async Task<OfferData> ToDataAsync(Actor actor, OfferRequest r, CancellationToken ct)
    {
        var providerId = r.ProviderWorkerId ?? actor.ScienceWorkerId
            ?? throw new DomainValidationException("providerWorkerId", "请指定提供者（科技工作者）");

        // The provider is resolved through what the caller may see and act for; the offer stays in the provider's county.
        var providerRef = await parties.WorkerToActForAsync(actor, providerId, "providerWorkerId", "提供者（科技工作者）", "发布科技所能", ct);
        var provider = providerRef.Id;
        var region = Kexie.Domain.Authorization.RegionScope.PlaceFor(providerRef.RegionCode, r.RegionCode);

        if (r.StorefrontId is { } storefront && storefront != Guid.Empty
            && !await db.Storefronts.AnyAsync(s => s.Id == storefront && (s.OwnerWorkerId == provider || s.MemberWorkerIds.Contains(provider)), ct))
        {
            throw new DomainValidationException("storefrontId", "科创工作室不存在或不属于该科技工作者");
        }

        return new OfferData(
            r.Kind, r.Title, richText.Clean(r.Description), provider, r.TeamName, r.StorefrontId, r.DisciplineCodes, r.IndustryCodes, region,
            r.PriceMode, r.PriceMin, r.PriceMax, r.PriceUnit, r.MaturityStage, r.PatentNumbers, r.TransferModes);
    }
}
