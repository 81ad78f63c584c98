using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Market;

public sealed record AssignHandlerRequest(string? HandlerUserId, string? Note);

/// <summary>A candidate added by hand: an offer, or a worker (an expert of the 专家库 is added as their worker), with a note.</summary>
public sealed record CandidateRequest(CandidateKind Kind, Guid TargetId, string? Explanation = null, double? Score = null, string? Note = null);

/// <summary>Dropping a candidate as irrelevant: a reason from the list (<see cref="CandidateDropReason"/>) and words (required for Other).</summary>
public sealed record DropCandidateRequest(CandidateDropReason Reason, string? Note = null);

/// <summary><paramref name="CandidateId"/>: the candidate the deal was made with, when not told by the order.</summary>
public sealed record DealRequest(Guid? OrderId, string? Note, Guid? CandidateId = null);

public sealed record ContactRequest(
    string? ContactedName,
    ContactChannel Channel,
    string? Note,
    Guid? CandidateId = null,
    Guid? ScienceWorkerId = null,
    Guid? OrganizationId = null,
    DateTimeOffset? ContactedAt = null);

/// <summary>A candidate on the plan: <see cref="IsManual"/> 人工添加 (by <see cref="ProposedByName"/>), <see cref="IsWeak"/> matching's 可能相关.</summary>
public sealed record PlanCandidateDto(Guid Id, CandidateKind Kind, Guid TargetId, double Score, string Explanation, string? ProposedByUserId, DateTimeOffset ProposedAt, bool IsManual, string? ProposedByName, bool IsWeak);

/// <summary>A candidate dropped as irrelevant (已排除): who, when, why.</summary>
public sealed record DroppedCandidateDto(Guid Id, CandidateKind Kind, Guid TargetId, double Score, string Explanation, bool IsManual, DateTimeOffset DroppedAt, string? DroppedByName, CandidateDropReason Reason, string ReasonName, string? Note);

/// <summary>One judgement of a candidate (a labelled pair): what, of which candidate, by whom, when, why.</summary>
public sealed record CandidateJudgementDto(DateTimeOffset At, string? ByName, CandidateLabel Label, string LabelName, Guid? CandidateId, CandidateKind Kind, Guid TargetId, CandidateDropReason? Reason, string? ReasonName, string? Note);

/// <summary>An offer, worker or expert a staffer may add by hand, found by name.</summary>
public sealed record CandidateOptionDto(CandidateKind Kind, Guid TargetId, string Name, string KindName, string Detail, bool OnPlan);

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
    IReadOnlyList<PlanStatusChangeDto> StatusHistory,
    bool NeedsManualSearch,
    IReadOnlyList<DroppedCandidateDto> DroppedCandidates,
    IReadOnlyList<CandidateJudgementDto> Judgements)
{
    /// <summary>What the plan (and the workbench) says when matching found no good candidate.</summary>
    public const string NoGoodMatchText = "暂无合适的匹配，请人工寻找";

    /// <summary>
    /// The candidates in the order shown, each matched one's 排第N位 being its place among the matched candidates shown
    /// (manual ones have no rank): no gaps where a candidate was dropped, an expert folded into their worker or a record
    /// hidden, and the same two-decimal score as the 得分 column (<see cref="Kexie.Web.Features.Matching.MatchText"/>).
    /// </summary>
    private static List<PlanCandidateDto> Ranked(IEnumerable<PlanCandidate> shown)
    {
        var rank = 0;
        return shown.Select(c => new PlanCandidateDto(
                c.Id, c.Kind, c.TargetId, c.Score, c.IsManual ? c.Explanation : Kexie.Web.Features.Matching.MatchText.Ranked(++rank, c.Score, c.Explanation),
                c.ProposedByUserId, c.ProposedAt, c.IsManual, c.ProposedByName, c.IsWeak))
            .ToList();
    }

    public static ResponsePlanDto From(ResponsePlan p, DateTimeOffset now) => new(
        p.Id, p.NeedId, p.RegionCode, p.Status, p.Status.Chinese(), p.HandlerUserId, p.HandlerName, p.ResponseDueAt, p.IsOverdue(now),
        p.FirstRespondedAt, p.RespondedLate, p.ClosedAt, p.CloseReason, p.DealOrderId, p.CreatedAt, p.Version,
        Ranked(p.Candidates.Where(c => !c.IsDropped).OrderBy(c => c.IsWeak).ThenByDescending(c => c.IsManual).ThenByDescending(c => c.Score)),
        p.Contacts.OrderBy(c => c.ContactedAt).Select(c => new ContactDto(c.Id, c.ContactedAt, c.ByName, c.ContactedName, c.Channel, c.Note, c.CandidateId)).ToList(),
        p.HandlerHistory.OrderBy(h => h.At).Select(h => new HandlerAssignmentDto(h.At, h.FromUserId, h.ToUserId, h.ToName, h.ByUserId, h.Note)).ToList(),
        p.StatusHistory.OrderBy(s => s.At).Select(s => new PlanStatusChangeDto(s.At, s.ByName, s.From, s.To, s.To.Chinese(), s.Note)).ToList(),
        p.NeedsManualSearch,
        p.Candidates.Where(c => c.IsDropped).OrderByDescending(c => c.DroppedAt)
            .Select(c => new DroppedCandidateDto(c.Id, c.Kind, c.TargetId, c.Score, c.Explanation, c.IsManual, c.DroppedAt!.Value, c.DroppedByName, c.DropReason!.Value, c.DropReason!.Value.Chinese(), c.DropNote)).ToList(),
        p.Judgements.OrderBy(j => j.At)
            .Select(j => new CandidateJudgementDto(j.At, j.ByName, j.Label, j.Label.Chinese(), j.CandidateId, j.Kind, j.TargetId, j.Reason, j.Reason?.Chinese(), j.Note)).ToList());
}

public sealed record OverduePlanDto(Guid PlanId, Guid NeedId, string NeedTitle, string RegionCode, string? HandlerName, DateTimeOffset? PublishedAt, DateTimeOffset ResponseDueAt, double HoursOverdue);

public sealed record OverdueRegionDto(string RegionCode, string RegionName, int Count);

public sealed record OverdueReportDto(string RegionCode, DateTimeOffset AsOf, int Total, IReadOnlyList<OverdueRegionDto> ByRegion, IReadOnlyList<OverduePlanDto> Items);

public sealed record PlanSummaryDto(Guid Id, Guid NeedId, string RegionCode, ResponsePlanStatus Status, string StatusName, string? HandlerName, DateTimeOffset ResponseDueAt, bool IsOverdue, int CandidateCount, int ContactCount);

/// <summary>The need's fields the plan page shows (its title, budget and organization's name), read with the plan.</summary>
public sealed record PlanNeedDto(Guid Id, string Title, decimal? BudgetMin, decimal? BudgetMax, Guid OrganizationId, string? OrganizationName);

/// <summary>The plan page's read: the plan and the fields of its need the page shows.</summary>
public sealed record PlanPageDto(ResponsePlanDto Plan, PlanNeedDto Need);

/// <summary>An account a plan can be handed to, by the name people know it (display name and role).</summary>
public sealed record HandlerOption(string UserId, string Name);

/// <summary>
/// 一单一策: the tracked response to each published need. The handler and the region's managers act on it;
/// the need's organization may read it. Overdue lists are per region, for the region's managers.
/// </summary>
public sealed class ResponsePlanService(KexieDbContext db, ICandidateSource candidates, TimeProvider clock, Kexie.Web.Features.Notifications.Notifier notifier, Kexie.Web.Features.Directory.Parties parties, Kexie.Domain.Authorization.AccessPolicy policy)
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

    /// <summary>
    /// The plan page's read (issue 16, perf20): the plan with the need's title, budget and organization (scalar subqueries in
    /// the plan's own statement), then its five collections (owned, so read with it: the split query's five
    /// statements). Before, the page read the plan (six statements), the whole need with its attachments and review history
    /// (three) and the organization's name (one). Readable as <see cref="GetAsync"/>: by whoever may handle it, or by the
    /// need's organization (checked on the row read, no statement of its own); the need of a plan that is readable is
    /// visible to the same people (its region's managers review it, its organization edits it).
    /// </summary>
    public async Task<PlanPageDto> GetPageAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        // Scalar subqueries, not a join: the split query's collection statements repeat the root's joins, not its projection.
        var row = await db.ResponsePlans.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new
            {
                Plan = p,
                Title = db.Needs.Where(n => n.Id == p.NeedId).Select(n => n.Title).FirstOrDefault(),
                BudgetMin = db.Needs.Where(n => n.Id == p.NeedId).Select(n => n.BudgetMin).FirstOrDefault(),
                BudgetMax = db.Needs.Where(n => n.Id == p.NeedId).Select(n => n.BudgetMax).FirstOrDefault(),
                OrganizationId = db.Needs.Where(n => n.Id == p.NeedId).Select(n => n.OrganizationId).FirstOrDefault(),
                Organization = db.Needs.Where(n => n.Id == p.NeedId).Join(db.Organizations, n => n.OrganizationId, o => o.Id, (n, o) => o.Name).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (row is null || !MayRead(actor, row.Plan, row.OrganizationId))
        {
            throw new NotFoundException("一单一策不存在");
        }

        return new PlanPageDto(ResponsePlanDto.From(row.Plan, clock.GetUtcNow()), new PlanNeedDto(row.Plan.NeedId, row.Title ?? string.Empty, row.BudgetMin, row.BudgetMax, row.OrganizationId, row.Organization));
    }

    /// <summary>Plans of the actor's region (or a sub-region), optionally only those the actor handles.</summary>
    public async Task<PagedResult<PlanSummaryDto>> ListAsync(Actor actor, string? region, ResponsePlanStatus? status, bool mine, int? page, int? pageSize, CancellationToken ct = default)
    {
        var scope = actor.ManagedScope ?? throw new AccessDeniedException("只有服务中心工作人员和科协管理员可以查看一单一策列表");
        var paging = PageRequest.Of(page, pageSize);
        var query = db.ResponsePlans.AsNoTracking().Where(p => RegionScope.Within(p.RegionCode, scope));
        if (MarketSupport.RegionFilter(region) is { } code)
        {
            query = query.Where(p => RegionScope.Within(p.RegionCode, code));
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
            .Select(p => new { p.Id, p.NeedId, p.RegionCode, p.Status, p.HandlerName, p.ResponseDueAt, Candidates = p.Candidates.Count(c => c.DroppedAt == null), Contacts = p.Contacts.Count })
            .ToListAsync(ct);
        return new PagedResult<PlanSummaryDto>(
            rows.Select(r => new PlanSummaryDto(r.Id, r.NeedId, r.RegionCode, r.Status, r.Status.Chinese(), r.HandlerName, r.ResponseDueAt,
                r.Status == ResponsePlanStatus.New && now > r.ResponseDueAt, r.Candidates, r.Contacts)).ToList(),
            total, paging.Page, paging.PageSize);
    }

    /// <summary>
    /// Who a plan of <paramref name="regionCode"/> can be handed to: the accounts of its county and the levels above it that
    /// may handle its plans (<see cref="MarketPermissions.HandlePlans"/>), nearest level first, each with the name of their role.
    /// </summary>
    public async Task<List<HandlerOption>> HandlerOptionsAsync(string regionCode, CancellationToken ct = default)
    {
        var levels = Kexie.Domain.Regions.RegionCode.Ancestry(Kexie.Domain.Regions.RegionCode.CountyOf(regionCode)).ToList();
        var users = await notifier.HoldersAsync(MarketPermissions.HandlePlans, regionCode, levels, ct);
        return users.OrderByDescending(u => u.RegionCode.Length).ThenBy(u => u.Role).ThenBy(u => u.UserName, StringComparer.Ordinal)
            .Select(u => new HandlerOption(u.Id, $"{u.DisplayName}（{u.Role.Chinese()}）")).ToList();
    }

    public async Task<ResponsePlanDto> AssignHandlerAsync(Actor actor, Guid id, AssignHandlerRequest request, int? expectedVersion, CancellationToken ct = default)
    {
        var plan = await FindAsync(actor, id, expectedVersion, ct);
        var userId = Guard.Required(request.HandlerUserId, "handlerUserId", "处理人", 100);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId || u.UserName == userId, ct);

        // One answer for "no such account" and "not eligible": the field never tells whether an account exists elsewhere.
        if (user is null || !policy.Can(user.ToActor(), MarketPermissions.HandlePlans, plan.RegionCode))
        {
            throw new DomainValidationException("handlerUserId", "处理人须为可办理需求所在地区一单一策的工作人员");
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

    /// <summary>
    /// A handler adds a candidate by hand (人工添加): a published offer, or a worker (an expert as their worker) the handler
    /// may see — one they may not see answers like one that does not exist. Kept as a labelled judgement.
    /// </summary>
    public async Task<ResponsePlanDto> AddCandidateAsync(Actor actor, Guid id, CandidateRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var plan = await FindAsync(actor, id, expectedVersion, ct);
        RequireHandler(plan, actor, "添加候选");
        switch (r.Kind)
        {
            case CandidateKind.Offer:
                if (!await db.Offers.AnyAsync(o => o.Id == r.TargetId && o.Status == ReviewStatus.Published, ct))
                {
                    throw new DomainValidationException("targetId", "科技所能不存在或未发布");
                }

                break;
            case CandidateKind.Worker:
                await parties.WorkerAsync(actor, r.TargetId, "targetId", "科技工作者", ct);
                break;
            default:
                throw new DomainValidationException("kind", "候选类型应为科技所能或科技工作者");
        }

        plan.AddCandidateByHand(actor, r.Kind, r.TargetId, r.Note ?? r.Explanation, clock.GetUtcNow());
        var need = await db.Needs.AsNoTracking().FirstAsync(n => n.Id == plan.NeedId, ct);
        await NeedService.NotifyCandidatesAsync(notifier, need, plan, 1, actor, ct);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return ResponsePlanDto.From(plan, clock.GetUtcNow());
    }

    /// <summary>Drops a candidate as irrelevant, with a reason; it moves to 已排除 and is kept as a labelled judgement.</summary>
    public async Task<ResponsePlanDto> DropCandidateAsync(Actor actor, Guid id, Guid candidateId, DropCandidateRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var plan = await FindAsync(actor, id, expectedVersion, ct);
        plan.DropCandidate(actor, candidateId, r.Reason, r.Note, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return ResponsePlanDto.From(plan, clock.GetUtcNow());
    }

    /// <summary>Puts a dropped candidate back on the plan.</summary>
    public async Task<ResponsePlanDto> RestoreCandidateAsync(Actor actor, Guid id, Guid candidateId, NoteRequest? r, int? expectedVersion, CancellationToken ct = default)
    {
        var plan = await FindAsync(actor, id, expectedVersion, ct);
        plan.RestoreCandidate(actor, candidateId, r?.Note, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return ResponsePlanDto.From(plan, clock.GetUtcNow());
    }

    /// <summary>
    /// Offers (published), workers (those the handler may see) and experts of the 专家库 (public entries and the handler's
    /// region's) whose name contains <paramref name="q"/>, for adding by hand; an expert is offered as their worker.
    /// </summary>
    public async Task<IReadOnlyList<CandidateOptionDto>> CandidateOptionsAsync(Actor actor, Guid id, string? q, CandidateKind? kind, CancellationToken ct = default)
    {
        var plan = await db.ResponsePlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("一单一策不存在");
        await EnsureReadableAsync(actor, plan, ct);
        RequireHandler(plan, actor, "查找候选");
        var text = q?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return [];
        }

        if (text.Length > 50)
        {
            throw new DomainValidationException("q", "查找的名称不能超过50个字");
        }

        const int Top = 20;
        var options = new List<CandidateOptionDto>();
        var onPlan = plan.Candidates.Select(c => (c.Kind, c.TargetId)).ToHashSet();
        if (kind is null or CandidateKind.Offer)
        {
            var offers = await db.Offers.AsNoTracking().Where(o => o.Status == ReviewStatus.Published && (o.Title.Contains(text) || (o.TeamName != null && o.TeamName.Contains(text))))
                .OrderBy(o => o.Title).ThenBy(o => o.Id).Take(Top)
                .Join(db.ScienceWorkers, o => o.ProviderWorkerId, w => w.Id, (o, w) => new { o.Id, o.Title, o.Kind, o.RegionCode, Provider = o.TeamName ?? w.Name })
                .ToListAsync(ct);
            var regions = await Kexie.Web.Pages.Lookups.RegionNamesAsync(db, offers.Select(o => o.RegionCode), ct);
            options.AddRange(offers.Select(o => new CandidateOptionDto(CandidateKind.Offer, o.Id, o.Title, o.Kind.Chinese(),
                $"{o.Provider} · {regions.GetValueOrDefault(o.RegionCode, "—")}", onPlan.Contains((CandidateKind.Offer, o.Id)))));
        }

        if (kind is null or CandidateKind.Worker)
        {
            var workers = await db.ScienceWorkers.AsNoTracking().Where(Kexie.Domain.Authorization.DirectoryAccess.WorkersVisibleTo(actor))
                .Where(w => w.Name.Contains(text) || (w.Employer != null && w.Employer.Contains(text)))
                .OrderBy(w => w.Name).ThenBy(w => w.Id).Take(Top)
                .Select(w => new { w.Id, w.Name, w.Title, w.Employer, w.RegionCode }).ToListAsync(ct);
            var expertIds = workers.Select(w => w.Id).ToList();
            var experts = await db.Experts.AsNoTracking().Where(e => expertIds.Contains(e.WorkerId) && e.Status == Kexie.Domain.Talent.ExpertStatus.Active)
                .Select(e => new { e.WorkerId, e.Expertise }).ToDictionaryAsync(e => e.WorkerId, e => e.Expertise, ct);

            // Experts found by their expertise, as their workers (the worker must be visible to the handler as well).
            var byExpertise = await Kexie.Web.Features.Talent.ExpertService.PublicEntries(db).Where(x => x.Expert.Expertise.Contains(text))
                .OrderBy(x => x.Worker.Name).ThenBy(x => x.Worker.Id).Select(x => x.Worker.Id).Take(Top).ToListAsync(ct);
            var more = byExpertise.Except(expertIds).ToList();
            if (more.Count > 0)
            {
                var extra = await db.ScienceWorkers.AsNoTracking().Where(Kexie.Domain.Authorization.DirectoryAccess.WorkersVisibleTo(actor)).Where(w => more.Contains(w.Id))
                    .Select(w => new { w.Id, w.Name, w.Title, w.Employer, w.RegionCode }).ToListAsync(ct);
                workers.AddRange(extra);
                foreach (var e in await db.Experts.AsNoTracking().Where(e => more.Contains(e.WorkerId)).Select(e => new { e.WorkerId, e.Expertise }).ToListAsync(ct))
                {
                    experts[e.WorkerId] = e.Expertise;
                }
            }

            var regions = await Kexie.Web.Pages.Lookups.RegionNamesAsync(db, workers.Select(w => w.RegionCode), ct);
            options.AddRange(workers.Select(w =>
            {
                var isExpert = experts.TryGetValue(w.Id, out var expertise);
                var parts = new[] { isExpert ? $"专长：{expertise}" : null, w.Title, w.Employer, regions.GetValueOrDefault(w.RegionCode, "—") }.Where(x => !string.IsNullOrWhiteSpace(x));
                return new CandidateOptionDto(CandidateKind.Worker, w.Id, w.Name, isExpert ? "专家" : "科技工作者", string.Join(" · ", parts), onPlan.Contains((CandidateKind.Worker, w.Id)));
            }));
        }

        return options;
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
        // Only new good matches are told of (a 可能相关 candidate is for the staff, see EngineCandidateSource).
        var before = plan.GoodCandidateCount;
        plan.ProposeCandidates(await candidates.ProposeAsync(need, NeedService.InitialCandidates, ct), null, clock.GetUtcNow());
        var added = Math.Max(0, plan.GoodCandidateCount - before);
        await NeedService.NotifyCandidatesAsync(notifier, need, plan, added, actor, ct);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return ResponsePlanDto.From(plan, clock.GetUtcNow());
    }

    /// <summary>
    /// The seeded demo's open plans that never had a candidate (<see cref="Kexie.Data.Seeding.MarketDemoSeeder"/> cannot ask
    /// the match index) are asked the candidate source as 重新匹配候选 does, without notifying anyone (the demo's needs were
    /// published long ago). Returns how many plans were given candidates. See <see cref="DemoPlanMatching"/>.
    /// </summary>
    public async Task<int> ProposeDemoCandidatesAsync(CancellationToken ct = default)
    {
        var titles = Kexie.Data.Seeding.MarketDemoSeeder.CountyNeeds.Select(n => n.Title).ToList();
        var needs = await db.Needs.AsNoTracking().Where(n => titles.Contains(n.Title)).ToDictionaryAsync(n => n.Id, ct);
        var needIds = needs.Keys.ToList();
        var plans = await db.ResponsePlans
            .Where(p => needIds.Contains(p.NeedId) && !p.Candidates.Any()
                && (p.Status == ResponsePlanStatus.New || p.Status == ResponsePlanStatus.Responded || p.Status == ResponsePlanStatus.Negotiating))
            .ToListAsync(ct);
        var filled = 0;
        foreach (var plan in plans)
        {
            var proposals = await candidates.ProposeAsync(needs[plan.NeedId], NeedService.InitialCandidates, ct);
            if (proposals.Count > 0)
            {
                plan.ProposeCandidates(proposals, null, clock.GetUtcNow());
                filled++;
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another node (or a staffer) got there first: their candidates stand.
            return 0;
        }

        return filled;
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
        DealCounterpart? with = r.CandidateId is { } candidate && candidate != Guid.Empty ? new DealCounterpart(candidate) : null;
        if (r.OrderId is { } orderId && orderId != Guid.Empty)
        {
            var order = await db.Orders.AsNoTracking().Where(o => o.Id == orderId && o.NeedId == plan.NeedId).Select(o => new { o.OfferId, o.ProviderWorkerId }).FirstOrDefaultAsync(ct)
                ?? throw new DomainValidationException("orderId", "订单不存在或不属于该科技需求");
            with = new DealCounterpart(with?.CandidateId, order.OfferId, order.ProviderWorkerId);
        }

        plan.RecordDeal(actor, r.OrderId, r.Note, clock.GetUtcNow(), with);
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
            .Where(p => RegionScope.Within(p.RegionCode, code))
            .Join(db.Needs, p => p.NeedId, n => n.Id, (p, n) => new { p.Id, p.NeedId, n.Title, p.RegionCode, p.HandlerName, n.PublishedAt, p.ResponseDueAt })
            .OrderBy(r => r.ResponseDueAt)
            .Take(1000)
            .ToListAsync(ct);
        var counties = rows.Select(r => Kexie.Domain.Regions.RegionCode.CountyOf(r.RegionCode)).Distinct().ToList();
        var names = await db.Regions.AsNoTracking().Where(r => counties.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        var byRegion = rows
            .GroupBy(r => Kexie.Domain.Regions.RegionCode.CountyOf(r.RegionCode))
            .Select(g => new OverdueRegionDto(g.Key, names.GetValueOrDefault(g.Key, g.Key), g.Count()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.RegionCode, StringComparer.Ordinal)
            .ToList();
        var items = rows.Select(r => new OverduePlanDto(r.Id, r.NeedId, r.Title, r.RegionCode, r.HandlerName, r.PublishedAt, r.ResponseDueAt, Math.Round((now - r.ResponseDueAt).TotalHours, 1))).ToList();
        return new OverdueReportDto(code, now, items.Count, byRegion, items);
    }

    private static void RequireHandler(ResponsePlan plan, Actor actor, string verb)
    {
        if (!plan.MayHandle(actor))
        {
            throw new NotPermittedException($"只有处理人或本地区服务中心、科协工作人员可以{verb}");
        }
    }

    /// <summary>
    /// Who may read a plan: whoever may handle it (<see cref="ResponsePlan.MayHandle"/>), or the need's organization
    /// (<paramref name="needOrganizationId"/>: the organization of the plan's need).
    /// </summary>
    private static bool MayRead(Actor actor, ResponsePlan plan, Guid? needOrganizationId) =>
        plan.MayHandle(actor) || (actor.OrganizationId is { } org && org == needOrganizationId);

    private async Task EnsureReadableAsync(Actor actor, ResponsePlan plan, CancellationToken ct)
    {
        // The need's organization is read only for an organization's account that may not handle the plan.
        var needOrganization = plan.MayHandle(actor) || actor.OrganizationId is null
            ? null
            : await db.Needs.Where(n => n.Id == plan.NeedId).Select(n => (Guid?)n.OrganizationId).FirstOrDefaultAsync(ct);
        if (!MayRead(actor, plan, needOrganization))
        {
            throw new NotFoundException("一单一策不存在");
        }
    }

    private async Task<ResponsePlan> FindAsync(Actor actor, Guid id, int? expectedVersion, CancellationToken ct)
    {
        var plan = await db.ResponsePlans.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("一单一策不存在");
        await EnsureReadableAsync(actor, plan, ct);
        MarketSupport.CheckVersion(plan.Version, expectedVersion);
        return plan;
    }
}
