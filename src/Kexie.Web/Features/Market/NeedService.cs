using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Features.Market;

public sealed record NeedFilter(
    string? Q = null,
    string? Region = null,
    string? Discipline = null,
    string? Industry = null,
    decimal? BudgetMin = null,
    decimal? BudgetMax = null,
    ReviewStatus? Status = null,
    Guid? Organization = null,
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

public sealed record NeedRequest(
    string? Title,
    string? Problem,
    Guid? OrganizationId,
    string[]? IndustryCodes,
    string[]? DisciplineCodes,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(NullableYuanJsonConverter))] decimal? BudgetMin,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(NullableYuanJsonConverter))] decimal? BudgetMax,
    DateOnly? Deadline,
    string? RegionCode,
    NeedVisibility Visibility = NeedVisibility.Public);

public sealed record NeedSummaryDto(
    Guid Id,
    string Title,
    Guid OrganizationId,
    string[] IndustryCodes,
    string[] DisciplineCodes,
    decimal? BudgetMin,
    decimal? BudgetMax,
    DateOnly? Deadline,
    string RegionCode,
    NeedVisibility Visibility,
    ReviewStatus Status,
    string StatusName,
    DateTimeOffset? PublishedAt,
    DateTimeOffset UpdatedAt);

public sealed record NeedDto(
    Guid Id,
    string Title,
    string Problem,
    Guid OrganizationId,
    string[] IndustryCodes,
    string[] DisciplineCodes,
    decimal? BudgetMin,
    decimal? BudgetMax,
    bool IsBudgetNegotiable,
    DateOnly? Deadline,
    string RegionCode,
    NeedVisibility Visibility,
    ReviewStatus Status,
    string StatusName,
    string? StatusReason,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? PublishedAt,
    Guid? ResponsePlanId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version,
    IReadOnlyList<ReviewRecordDto>? ReviewHistory,
    IReadOnlyList<AttachmentDto> Attachments,
    IReadOnlyList<string> Actions)
{
    public static NeedDto From(Need n, bool withHistory, IReadOnlyList<string>? actions = null) => new(
        n.Id, n.Title, n.Problem, n.OrganizationId, n.IndustryCodes, n.DisciplineCodes, n.BudgetMin, n.BudgetMax, n.IsBudgetNegotiable,
        n.Deadline, n.RegionCode, n.Visibility, n.Status, n.Status.Chinese(), n.StatusReason, n.SubmittedAt, n.PublishedAt,
        n.ResponsePlanId, n.CreatedAt, n.UpdatedAt, n.Version,
        withHistory ? n.ReviewHistory.Select(ReviewRecordDto.From).ToList() : null,
        n.Attachments.Select(AttachmentDto.From).ToList(),
        actions ?? []);
}

/// <summary>
/// 科技需求: drafted by a member of the organization (or region staff), reviewed by the region's association.
/// Publishing opens the need's 一单一策 plan in the same transaction: default handler (a service-centre staff
/// member of the need's county) and the candidates proposed by <see cref="ICandidateSource"/>.
/// </summary>
/// <summary>A need as its detail page shows it: the need, its region's and organization's names, its codes' names.</summary>
public sealed record NeedDetail(NeedDto Need, string RegionName, string OrganizationName, Dictionary<string, string> DisciplineNames, Dictionary<string, string> IndustryNames)
{
    /// <summary>The need as read (for its match candidates, without reading it again).</summary>
    public Need? Record { get; init; }

    /// <summary>Its organization's industry code, read in the same statement (the need's match document uses it).</summary>
    public string? OrganizationIndustry { get; init; }
}

public sealed class NeedService(
    KexieDbContext db,
    ReferenceCodesCache reference,
    IWorkingCalendar calendar,
    ICandidateSource candidates,
    IOptions<MarketOptions> options,
    RichTextSanitizer richText,
    Kexie.Web.Features.Directory.Parties parties,
    Kexie.Web.Features.Notifications.Notifier notifier,
    Kexie.Domain.Authorization.AccessPolicy policy)
{
    public const int InitialCandidates = 20;

    /// <summary>The caller's actions on <paramref name="need"/>: the domain's rules, less those the role lacks the permission for.</summary>
    public IReadOnlyList<string> ActionsFor(Actor actor, Need need) =>
        MarketActions.Allowed(policy, actor, need.ActionsFor(actor), MarketPermissions.EditNeeds, MarketPermissions.ReviewNeeds);

    /// <summary>Published public needs for everyone, restricted ones to signed-in users; the rest to the organization and region managers.</summary>
    public IQueryable<Need> Visible(Actor actor)
    {
        var scope = actor.ManagedScope;
        var organization = actor.OrganizationId;
        var signedIn = actor.IsAuthenticated;
        return db.Needs.AsNoTracking().Where(n =>
            (n.Status == ReviewStatus.Published && (n.Visibility == NeedVisibility.Public || signedIn))
            || (organization != null && n.OrganizationId == organization)
            || (scope != null && RegionScope.Within(n.RegionCode, scope)));
    }

    public async Task<PagedResult<NeedSummaryDto>> ListAsync(Actor actor, NeedFilter filter, CancellationToken ct = default)
    {
        var page = PageRequest.Of(filter.Page, filter.PageSize);
        var query = Visible(actor);
        if (MarketSupport.RegionFilter(filter.Region) is { } region)
        {
            query = query.Where(n => RegionScope.Within(n.RegionCode, region));
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            query = query.WhereAnyContains(db.Provider, filter.Q.Trim(), n => n.Title, n => n.Problem);
        }

        if (!string.IsNullOrWhiteSpace(filter.Discipline))
        {
            var discipline = filter.Discipline.Trim();
            query = query.Where(n => n.DisciplineCodes.Any(c => c.StartsWith(discipline)));
        }

        if (!string.IsNullOrWhiteSpace(filter.Industry))
        {
            var industry = filter.Industry.Trim();
            query = query.Where(n => n.IndustryCodes.Any(c => c.StartsWith(industry)));
        }

        if (filter.BudgetMin is { } min)
        {
            query = query.Where(n => n.BudgetMax != null && n.BudgetMax >= min);
        }

        if (filter.BudgetMax is { } max)
        {
            query = query.Where(n => n.BudgetMin != null && n.BudgetMin <= max);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(n => n.Status == status);
        }

        if (filter.Organization is { } org)
        {
            query = query.Where(n => n.OrganizationId == org);
        }

        var (fromDay, toDay) = filter.Days();
        var (start, end) = MarketSupport.ChinaPeriod(fromDay, toDay);
        if (start is { } s)
        {
            query = query.Where(n => (n.PublishedAt ?? n.CreatedAt) >= s);
        }

        if (end is { } e)
        {
            query = query.Where(n => (n.PublishedAt ?? n.CreatedAt) < e);
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
            null or "" or "newest" => KeysetOrder<Need>.ByTime(n => n.PublishedAt ?? n.CreatedAt, n => n.Id, oldestFirst: false),
            "oldest" => KeysetOrder<Need>.ByTime(n => n.PublishedAt ?? n.CreatedAt, n => n.Id, oldestFirst: true),
            "deadline" => new KeysetOrder<Need>((q, _) => q.OrderBy(n => n.Deadline == null).ThenBy(n => n.Deadline).ThenBy(n => n.Id)),
            "budget_desc" => new KeysetOrder<Need>((q, _) => q.OrderBy(n => n.BudgetMax == null).ThenByDescending(n => n.BudgetMax).ThenBy(n => n.Id)),
            "title" => new KeysetOrder<Need>((q, _) => q.OrderBy(n => n.Title).ThenBy(n => n.Id)),
            _ => throw new DomainValidationException("sort", "排序方式应为 newest、oldest、deadline、budget_desc 或 title"),
        };
        // A range of the list-order index (IX_*_ListOrder) after or before a cursor, not a skip over every earlier row;
        // one row more than the page says whether a further page exists. Keys first (rowsById): a region's page sorts
        // the region index's entries (INCLUDE of status, times and id, migration Db14ListIndexes), then reads its 20 rows.
        var rows = await query.PageAsync(
            order,
            n => new
            {
                Item = new NeedSummaryDto(
                    n.Id, n.Title, n.OrganizationId, n.IndustryCodes, n.DisciplineCodes, n.BudgetMin, n.BudgetMax, n.Deadline, n.RegionCode,
                    n.Visibility, n.Status, string.Empty, n.PublishedAt, n.UpdatedAt),
                At = n.PublishedAt ?? n.CreatedAt,
            },
            keyset ? r => ListCursor.ByTime(r.At, r.Item.Id) : null,
            after,
            before,
            page,
            ct,
            db.Needs.AsNoTracking());
        return ListCount.Page(rows.Map(r => r.Item with { StatusName = r.Item.Status.Chinese() }), count, page.PageSize);
    }

    public async Task<NeedDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var need = await db.Needs.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct);
        if (need is null || !need.IsVisibleTo(actor))
        {
            throw new NotFoundException("科技需求不存在");
        }

        return NeedDto.From(need, need.MayEdit(actor) || need.MayReview(actor), ActionsFor(actor, need));
    }

    /// <summary>
    /// The need detail page's read: the need (as <see cref="GetAsync"/>) with its organization's and region's names and the
    /// organization's industry (for the need's match document) in one statement (scalar subqueries), then the names of its
    /// discipline and industry codes in a second (one <c>UNION ALL</c>); five round trips before (issue 16). The page hands
    /// the need it read to its match candidates, which read it and the organization's industry again before.
    /// </summary>
    public async Task<NeedDetail> GetDetailAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var row = await db.Needs.AsNoTracking().Where(n => n.Id == id).Select(n => new
        {
            Need = n,
            Organization = db.Organizations.Where(o => o.Id == n.OrganizationId).Select(o => o.Name).FirstOrDefault(),
            OrganizationIndustry = db.Organizations.Where(o => o.Id == n.OrganizationId).Select(o => o.IndustryCode).FirstOrDefault(),
            Region = db.Regions.Where(r => r.Code == n.RegionCode).Select(r => r.FullName == null || r.FullName == "" ? r.Name : r.FullName).FirstOrDefault(),
        }).FirstOrDefaultAsync(ct);
        if (row is null || !row.Need.IsVisibleTo(actor))
        {
            throw new NotFoundException("科技需求不存在");
        }

        var need = row.Need;
        var (disciplines, industries) = (need.DisciplineCodes.Distinct().ToList(), need.IndustryCodes.Distinct().ToList());
        var names = disciplines.Count + industries.Count == 0
            ? []
            : await db.Disciplines.AsNoTracking().Where(d => disciplines.Contains(d.Code)).Select(d => new { Industry = false, d.Code, d.Name })
                .Concat(db.Industries.AsNoTracking().Where(i => industries.Contains(i.Code)).Select(i => new { Industry = true, i.Code, i.Name }))
                .ToListAsync(ct);
        return new NeedDetail(
            NeedDto.From(need, need.MayEdit(actor) || need.MayReview(actor), ActionsFor(actor, need)),
            row.Region ?? need.RegionCode,
            row.Organization ?? "—",
            names.Where(x => !x.Industry).ToDictionary(x => x.Code, x => x.Name),
            names.Where(x => x.Industry).ToDictionary(x => x.Code, x => x.Name))
        {
            Record = need,
            OrganizationIndustry = row.OrganizationIndustry,
        };
    }

    /// <param name="formErrors">the form's own refusals (a field it could not read), reported together with the need's.</param>
    public async Task<NeedDto> CreateAsync(Actor actor, NeedRequest request, CancellationToken ct = default, FieldErrors? formErrors = null)
    {
        var codes = await reference.GetAsync(db, ct);
        var errors = formErrors ?? new FieldErrors();
        var data = await errors.CheckAsync(() => ToDataAsync(actor, request, ct));
        var need = data is null ? null : errors.Check(() => Need.Create(data, actor, MarketSupport.Codes(codes)));
        errors.ThrowIfAny();
        codes.RequireRegion(need!.RegionCode);
        db.Needs.Add(need);
        await db.SaveChangesAsync(ct);
        return NeedDto.From(need, true, ActionsFor(actor, need));
    }

    public async Task<NeedDto> UpdateAsync(Actor actor, Guid id, NeedRequest request, int? expectedVersion, CancellationToken ct = default, FieldErrors? formErrors = null)
    {
        var need = await FindAsync(actor, id, expectedVersion, ct);
        var codes = await reference.GetAsync(db, ct);
        var errors = formErrors ?? new FieldErrors();
        var data = await errors.CheckAsync(() => ToDataAsync(actor, request with { OrganizationId = request.OrganizationId ?? need.OrganizationId }, ct));
        if (data is not null)
        {
            errors.Check(() => need.Update(data, actor, MarketSupport.Codes(codes)));
        }

        errors.ThrowIfAny();
        codes.RequireRegion(need.RegionCode);
        if (!need.IsOwnedBy(actor) && !actor.Manages(need.RegionCode))
        {
            throw new NotPermittedException("不能把科技需求移到本地区以外");
        }

        await db.SaveChangesAsync(ct);
        return NeedDto.From(need, true, ActionsFor(actor, need));
    }

    public async Task<NeedDto> TransitionAsync(Actor actor, Guid id, Action<Need> step, int? expectedVersion, CancellationToken ct = default)
    {
        var need = await FindAsync(actor, id, expectedVersion, ct);
        var before = need.Status;
        step(need);
        await NotifyReviewStepAsync(need, before, actor, ct);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return NeedDto.From(need, true, ActionsFor(actor, need));
    }

    /// <summary>
    /// Submitted → Published (association admin). On first publication the 一单一策 plan is opened with its
    /// deadline, default handler and proposed candidates, and saved with the need in one transaction.
    /// </summary>
    public async Task<NeedDto> PublishAsync(Actor actor, Guid id, int? expectedVersion, CancellationToken ct = default)
    {
        var need = await FindAsync(actor, id, expectedVersion, ct);
        var before = need.Status;
        var plan = need.Publish(actor, calendar, options.Value.ResponseWorkingDays);
        await NotifyReviewStepAsync(need, before, actor, ct);
        if (plan is not null)
        {
            if (await DefaultHandlerAsync(plan.RegionCode, ct) is { } handler)
            {
                plan.AssignHandler(actor, handler.Id, handler.DisplayName, "发布时默认指派需求所在县（区）服务中心工作人员");
                await notifier.PlanAssignedAsync(plan, need.Title, actor, ct);
            }

            // Only good matches are told of: 可能相关 candidates are for the staff (EngineCandidateSource).
            plan.ProposeCandidates(await candidates.ProposeAsync(need, InitialCandidates, ct));
            var added = plan.GoodCandidateCount;
            db.ResponsePlans.Add(plan);
            await NotifyCandidatesAsync(notifier, need, plan, added, actor, ct);
        }

        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return NeedDto.From(need, true, ActionsFor(actor, need));
    }

    private Task NotifyReviewStepAsync(Need need, ReviewStatus before, Actor actor, CancellationToken ct) =>
        notifier.ReviewStepAsync(need, before, "科技需求", need.Title, c => notifier.OrganizationMembersAsync(need.OrganizationId, c), $"/Market/Needs/Details/{need.Id}", actor, need.UpdatedAt, MarketPermissions.ReviewNeeds, ct);

    /// <summary>Tells the need's organization members that <paramref name="added"/> new candidates were proposed (nothing when none).</summary>
    internal static async Task NotifyCandidatesAsync(Kexie.Web.Features.Notifications.Notifier notifier, Need need, ResponsePlan plan, int added, Actor actor, CancellationToken ct)
    {
        if (added <= 0)
        {
            return;
        }

        notifier.Add(
            await notifier.OrganizationMembersAsync(need.OrganizationId, ct),
            NotificationKind.CandidateProposed,
            $"科技需求“{need.Title}”有{added}个新的候选",
            $"平台为您的科技需求“{need.Title}”推荐了{added}个新的候选（科技所能或科技工作者），处理人将与您和候选方联系对接，也可在一单一策中查看。",
            $"/Market/Needs/Details/{need.Id}",
            plan.UpdatedAt,
            except: actor.UserId);
    }

    public async Task DeleteAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var need = await FindAsync(actor, id, null, ct);
        if (!need.MayEdit(actor))
        {
            throw new NotPermittedException("只有发布单位或本地区服务人员可以删除该科技需求");
        }

        if (need.Status != ReviewStatus.Draft)
        {
            throw new InvalidTransitionException($"只能删除草稿（当前状态：“{need.Status.Chinese()}”），已提交的请撤回或关闭");
        }

        db.Needs.Remove(need);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The account that receives a county's new plans (<see cref="MarketPermissions.ReceivePlans"/>, by default its
    /// service-centre staff), the first by user name; failing that, of the nearest enclosing region (city, province). Null
    /// when there is none: the plan then waits for an assignment.
    /// </summary>
    private async Task<AppUser?> DefaultHandlerAsync(string regionCode, CancellationToken ct)
    {
        var levels = Kexie.Domain.Regions.RegionCode.Ancestry(Kexie.Domain.Regions.RegionCode.CountyOf(regionCode)).ToList();
        var holders = await notifier.HoldersAsync(MarketPermissions.ReceivePlans, regionCode, levels, ct);
        return holders
            .Where(u => u.LockoutEnd is null || u.LockoutEnd < DateTimeOffset.UtcNow)
            .OrderByDescending(u => u.RegionCode.Length)
            .ThenBy(u => u.UserName, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private async Task<Need> FindAsync(Actor actor, Guid id, int? expectedVersion, CancellationToken ct)
    {
        var need = await db.Needs.FirstOrDefaultAsync(n => n.Id == id, ct);
        if (need is null || !need.IsVisibleTo(actor))
        {
            throw new NotFoundException("科技需求不存在");
        }

        MarketSupport.CheckVersion(need.Version, expectedVersion);
        return need;
    }

    private async Task<NeedData> ToDataAsync(Actor actor, NeedRequest r, CancellationToken ct)
    {
        if (actor.OrganizationId is null && !policy.Can(actor, MarketPermissions.ActForOthers))
        {
            // An organization user whose sign-up waits for the county's review (or who was never linked) is told why.
            throw new NotPermittedException(await Kexie.Web.Features.SignUp.OrganizationReviews.NoOrganizationMessageAsync(db, actor, ct));
        }

        var organizationId = r.OrganizationId ?? actor.OrganizationId
            ?? throw new DomainValidationException("organizationId", "请指定需求单位");

        // The organization is resolved through what the caller may see and act for, and the need is placed in the
        // organization's county: a manager cannot post in the name of another county's company.
        var organization = await parties.OrganizationToActForAsync(actor, organizationId, "organizationId", "需求单位", "发布科技需求", ct);
        var region = Kexie.Domain.Authorization.RegionScope.PlaceFor(organization.RegionCode, r.RegionCode);
        return new NeedData(r.Title, richText.Clean(r.Problem), organization.Id, r.IndustryCodes, r.DisciplineCodes, r.BudgetMin, r.BudgetMax, r.Deadline, region, r.Visibility);
    }
}
