using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Market;

public sealed record AssignHandlerRequest(string? HandlerUserId, string? Note);

public sealed record CandidateRequest(CandidateKind Kind, Guid TargetId, string? Explanation, double? Score = null);

public sealed record DealRequest(Guid? OrderId, string? Note);

public sealed record ContactRequest(
    string? ContactedName,
    ContactChannel Channel,
    string? Note,
    Guid? CandidateId = null,
    Guid? ScienceWorkerId = null,
    Guid? OrganizationId = null,
    DateTimeOffset? ContactedAt = null);

public sealed record PlanCandidateDto(Guid Id, CandidateKind Kind, Guid TargetId, double Score, string Explanation, string? ProposedByUserId, DateTimeOffset ProposedAt);

public sealed record ContactDto(Guid Id, DateTimeOffset ContactedAt, string? ByName, string ContactedName, ContactChannel Channel, string? Note, Guid? CandidateId);

public sealed record HandlerAssignmentDto(DateTimeOffset At, string? FromUserId, string ToUserId, string? ToName, string? ByUserId, string? Note);

public sealed record PlanStatusChangeDto(DateTimeOffset At, string? ByName, ResponsePlanStatus FromStatus, ResponsePlanStatus ToStatus, string ToName, string? Note);

public sealed record ResponsePlanDto(
    Guid Id,
    Guid NeedId,
    string RegionCode,
    ResponsePlanStatus Status,
    string StatusName,
    string? HandlerUserId,
    string? HandlerName,
    DateTimeOffset ResponseDueAt,
    bool IsOverdue,
    DateTimeOffset? FirstRespondedAt,
    bool? RespondedLate,
    DateTimeOffset? ClosedAt,
    string? CloseReason,
    Guid? DealOrderId,
    DateTimeOffset CreatedAt,
    int Version,
    IReadOnlyList<PlanCandidateDto> Candidates,
    IReadOnlyList<ContactDto> Contacts,
    IReadOnlyList<HandlerAssignmentDto> HandlerHistory,
    IReadOnlyList<PlanStatusChangeDto> StatusHistory)
{
    public static ResponsePlanDto From(ResponsePlan p, DateTimeOffset now) => new(
        p.Id, p.NeedId, p.RegionCode, p.Status, p.Status.Chinese(), p.HandlerUserId, p.HandlerName, p.ResponseDueAt, p.IsOverdue(now),
        p.FirstRespondedAt, p.RespondedLate, p.ClosedAt, p.CloseReason, p.DealOrderId, p.CreatedAt, p.Version,
        p.Candidates.OrderByDescending(c => c.Score).Select(c => new PlanCandidateDto(c.Id, c.Kind, c.TargetId, c.Score, c.Explanation, c.ProposedByUserId, c.ProposedAt)).ToList(),
        p.Contacts.OrderBy(c => c.ContactedAt).Select(c => new ContactDto(c.Id, c.ContactedAt, c.ByName, c.ContactedName, c.Channel, c.Note, c.CandidateId)).ToList(),
        p.HandlerHistory.OrderBy(h => h.At).Select(h => new HandlerAssignmentDto(h.At, h.FromUserId, h.ToUserId, h.ToName, h.ByUserId, h.Note)).ToList(),
        p.StatusHistory.OrderBy(s => s.At).Select(s => new PlanStatusChangeDto(s.At, s.ByName, s.From, s.To, s.To.Chinese(), s.Note)).ToList());
}

public sealed record OverduePlanDto(Guid PlanId, Guid NeedId, string NeedTitle, string RegionCode, string? HandlerName, DateTimeOffset? PublishedAt, DateTimeOffset ResponseDueAt, double HoursOverdue);

public sealed record OverdueRegionDto(string RegionCode, string RegionName, int Count);

public sealed record OverdueReportDto(string RegionCode, DateTimeOffset AsOf, int Total, IReadOnlyList<OverdueRegionDto> ByRegion, IReadOnlyList<OverduePlanDto> Items);

public sealed record PlanSummaryDto(Guid Id, Guid NeedId, string RegionCode, ResponsePlanStatus Status, string StatusName, string? HandlerName, DateTimeOffset ResponseDueAt, bool IsOverdue, int CandidateCount, int ContactCount);

/// <summary>
/// 一单一策: the tracked response to each published need. The handler and the region's managers act on it;
/// the need's organization may read it. Overdue lists are per region, for the region's managers.
/// </summary>
public sealed class ResponsePlanService(KexieDbContext db, ICandidateSource candidates, TimeProvider clock, Kexie.Web.Features.Notifications.Notifier notifier)
{
    public async Task<ResponsePlanDto> GetByNeedAsync(Actor actor, Guid needId, CancellationToken ct = default)
    {
        var plan = await db.ResponsePlans.AsNoTracking().FirstOrDefaultAsync(p => p.NeedId == needId, ct)
            ?? throw new NotFoundException("该科技需求尚未建立一单一策（发布后自动建立）");
        await EnsureReadableAsync(actor, plan, ct);
        return ResponsePlanDto.From(plan, clock.GetUtcNow());
    }

    public async Task<ResponsePlanDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var plan = await db.ResponsePlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("一单一策不存在");
        await EnsureReadableAsync(actor, plan, ct);
        return ResponsePlanDto.From(plan, clock.GetUtcNow());
    }

    /// <summary>Plans of the actor's region (or a sub-region), optionally only those the actor handles.</summary>
    public async Task<PagedResult<PlanSummaryDto>> ListAsync(Actor actor, string? region, ResponsePlanStatus? status, bool mine, int? page, int? pageSize, CancellationToken ct = default)
    {
        var scope = actor.ManagedScope ?? throw new AccessDeniedException("只有服务中心工作人员和科协管理员可以查看一单一策列表");
        var paging = PageRequest.Of(page, pageSize);
        var query = db.ResponsePlans.AsNoTracking().Where(p => p.RegionCode.StartsWith(scope));
        if (MarketSupport.RegionFilter(region) is { } code)
        {
            query = query.Where(p => p.RegionCode.StartsWith(code));
        }

        if (status is { } s)
        {
            query = query.Where(p => p.Status == s);
        }

        if (mine)
        {
            query = query.Where(p => p.HandlerUserId == actor.UserId);
        }

        var total = await query.CountAsync(ct);
        var now = clock.GetUtcNow();
        var rows = await query.OrderBy(p => p.ResponseDueAt).ThenBy(p => p.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(p => new { p.Id, p.NeedId, p.RegionCode, p.Status, p.HandlerName, p.ResponseDueAt, Candidates = p.Candidates.Count, Contacts = p.Contacts.Count })
            .ToListAsync(ct);
        return new PagedResult<PlanSummaryDto>(
            rows.Select(r => new PlanSummaryDto(r.Id, r.NeedId, r.RegionCode, r.Status, r.Status.Chinese(), r.HandlerName, r.ResponseDueAt,
                r.Status == ResponsePlanStatus.New && now > r.ResponseDueAt, r.Candidates, r.Contacts)).ToList(),
            total, paging.Page, paging.PageSize);
    }

    public async Task<ResponsePlanDto> AssignHandlerAsync(Actor actor, Guid id, AssignHandlerRequest request, int? expectedVersion, CancellationToken ct = default)
    {
        var plan = await FindAsync(actor, id, expectedVersion, ct);
        var userId = Guard.Required(request.HandlerUserId, "handlerUserId", "处理人", 100);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId || u.UserName == userId, ct);

        // One answer for "no such account" and "not eligible": the field never tells whether an account exists elsewhere.
        if (user is null || user.Role is not (UserRole.ServiceCenterStaff or UserRole.AssociationAdmin) || !user.ToActor().Manages(plan.RegionCode))
        {
            throw new DomainValidationException("handlerUserId", "处理人须为需求所在地区的服务中心工作人员或科协管理员");
        }

        plan.AssignHandler(actor, user.Id, user.DisplayName, request.Note);
        var title = await db.Needs.AsNoTracking().Where(n => n.Id == plan.NeedId).Select(n => n.Title).FirstAsync(ct);
        await notifier.PlanAssignedAsync(plan, title, actor, ct);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return ResponsePlanDto.From(plan, clock.GetUtcNow());
    }

    public async Task<ResponsePlanDto> LogContactAsync(Actor actor, Guid id, ContactRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var plan = await FindAsync(actor, id, expectedVersion, ct);
        plan.LogContact(actor, new ContactData(r.ContactedName, r.Channel, r.Note, r.CandidateId, r.ScienceWorkerId, r.OrganizationId, r.ContactedAt?.ToUniversalTime()), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return ResponsePlanDto.From(plan, clock.GetUtcNow());
    }

    /// <summary>A handler proposes a candidate by hand (an offer or a worker that exists).</summary>
    public async Task<ResponsePlanDto> AddCandidateAsync(Actor actor, Guid id, CandidateRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var plan = await FindAsync(actor, id, expectedVersion, ct);
        var exists = r.Kind switch
        {
            CandidateKind.Offer => await db.Offers.AnyAsync(o => o.Id == r.TargetId && o.Status == ReviewStatus.Published, ct),
            CandidateKind.Worker => await db.ScienceWorkers.Where(Kexie.Domain.Authorization.DirectoryAccess.WorkersVisibleTo(actor)).AnyAsync(w => w.Id == r.TargetId, ct),
            _ => throw new DomainValidationException("kind", "候选类型应为 Offer 或 Worker"),
        };
        if (!exists)
        {
            throw new DomainValidationException("targetId", r.Kind == CandidateKind.Offer ? "科技所能不存在或未发布" : "科技工作者不存在");
        }

        var added = plan.ProposeCandidates([new CandidateProposal(r.Kind, r.TargetId, r.Score ?? 0, r.Explanation)], actor, clock.GetUtcNow());
        var need = await db.Needs.AsNoTracking().FirstAsync(n => n.Id == plan.NeedId, ct);
        await NeedService.NotifyCandidatesAsync(notifier, need, plan, added, actor, ct);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return ResponsePlanDto.From(plan, clock.GetUtcNow());
    }

    /// <summary>Asks the candidate source again (e.g. after new offers were published).</summary>
    public async Task<ResponsePlanDto> RefreshCandidatesAsync(Actor actor, Guid id, int? expectedVersion, CancellationToken ct = default)
    {
        var plan = await FindAsync(actor, id, expectedVersion, ct);
        if (!plan.MayHandle(actor))
        {
            throw new NotPermittedException("只有处理人或本地区服务中心、科协工作人员可以刷新候选");
        }

        var need = await db.Needs.AsNoTracking().FirstAsync(n => n.Id == plan.NeedId, ct);
        var added = plan.ProposeCandidates(await candidates.ProposeAsync(need, NeedService.InitialCandidates, ct), null, clock.GetUtcNow());
        await NeedService.NotifyCandidatesAsync(notifier, need, plan, added, actor, ct);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return ResponsePlanDto.From(plan, clock.GetUtcNow());
    }

    public async Task<ResponsePlanDto> TransitionAsync(Actor actor, Guid id, Action<ResponsePlan, DateTimeOffset> step, int? expectedVersion, CancellationToken ct = default)
    {
        var plan = await FindAsync(actor, id, expectedVersion, ct);
        step(plan, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return ResponsePlanDto.From(plan, clock.GetUtcNow());
    }

    public async Task<ResponsePlanDto> RecordDealAsync(Actor actor, Guid id, DealRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var plan = await FindAsync(actor, id, expectedVersion, ct);
        if (r.OrderId is { } orderId && orderId != Guid.Empty && !await db.Orders.AnyAsync(o => o.Id == orderId && o.NeedId == plan.NeedId, ct))
        {
            throw new DomainValidationException("orderId", "订单不存在或不属于该科技需求");
        }

        plan.RecordDeal(actor, r.OrderId, r.Note, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return ResponsePlanDto.From(plan, clock.GetUtcNow());
    }

    /// <summary>Plans still New past their first-response deadline in a region subtree, counted per county.</summary>
    public async Task<OverdueReportDto> OverdueAsync(Actor actor, string? region, CancellationToken ct = default)
    {
        var scope = actor.ManagedScope ?? throw new AccessDeniedException("只有科协管理员和服务中心工作人员可以查看超期清单");
        var code = MarketSupport.RegionFilter(region) ?? scope;
        if (!actor.Manages(code))
        {
            throw new AccessDeniedException("只能查看本地区（含下级）的超期清单");
        }

        var now = clock.GetUtcNow();
        var rows = await db.ResponsePlans.AsNoTracking()
            .Where(ResponsePlan.OverdueAt(now))
            .Where(p => p.RegionCode.StartsWith(code))
            .Join(db.Needs, p => p.NeedId, n => n.Id, (p, n) => new { p.Id, p.NeedId, n.Title, p.RegionCode, p.HandlerName, n.PublishedAt, p.ResponseDueAt })
            .OrderBy(r => r.ResponseDueAt)
            .Take(1000)
            .ToListAsync(ct);
        var counties = rows.Select(r => r.RegionCode.Length > 6 ? r.RegionCode[..6] : r.RegionCode).Distinct().ToList();
        var names = await db.Regions.AsNoTracking().Where(r => counties.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        var byRegion = rows
            .GroupBy(r => r.RegionCode.Length > 6 ? r.RegionCode[..6] : r.RegionCode)
            .Select(g => new OverdueRegionDto(g.Key, names.GetValueOrDefault(g.Key, g.Key), g.Count()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.RegionCode, StringComparer.Ordinal)
            .ToList();
        var items = rows.Select(r => new OverduePlanDto(r.Id, r.NeedId, r.Title, r.RegionCode, r.HandlerName, r.PublishedAt, r.ResponseDueAt, Math.Round((now - r.ResponseDueAt).TotalHours, 1))).ToList();
        return new OverdueReportDto(code, now, items.Count, byRegion, items);
    }

    private async Task EnsureReadableAsync(Actor actor, ResponsePlan plan, CancellationToken ct)
    {
        if (plan.MayHandle(actor))
        {
            return;
        }

        if (actor.OrganizationId is { } org && await db.Needs.AnyAsync(n => n.Id == plan.NeedId && n.OrganizationId == org, ct))
        {
            return;
        }

        throw new NotFoundException("一单一策不存在");
    }

    private async Task<ResponsePlan> FindAsync(Actor actor, Guid id, int? expectedVersion, CancellationToken ct)
    {
        var plan = await db.ResponsePlans.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("一单一策不存在");
        await EnsureReadableAsync(actor, plan, ct);
        MarketSupport.CheckVersion(plan.Version, expectedVersion);
        return plan;
    }
}
