using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Talent;
using Kexie.Domain.ThinkTank;
using Kexie.Web.Pages;
using Kexie.Web.Features.Market;
using Kexie.Web.Features.Notifications;
using Kexie.Web.Features.ThinkTank;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Talent;

/// <summary>
/// Assigns experts of the 专家库 (a panel) to a call's nominations: every panel expert to every nomination waiting, or
/// <paramref name="PerNomination"/> of them to each (the least loaded first); <paramref name="NominationIds"/> narrows the nominations.
/// </summary>
public sealed record AssignHonourExpertsRequest(IReadOnlyList<Guid>? ExpertIds, IReadOnlyList<Guid>? NominationIds = null, int? PerNomination = null);

/// <summary>The call's 评审指标 (weights adding up to 100; none: 创新性40、贡献30、影响30).</summary>
public sealed record HonourRubricRequest(IReadOnlyList<ReviewCriterionData>? Rubric);

public sealed record HonourCriterionDto(string Name, int Weight, int MaxScore);

public sealed record NominationAssignmentDto(
    Guid Id, Guid NominationId, string ExpertName, AssignmentStatus Status, string StatusName, decimal? Total, string? Opinion,
    DateTimeOffset AssignedAt, DateTimeOffset? ScoredAt, IReadOnlyList<CriterionScoreDto> Scores, int Version)
{
    public static NominationAssignmentDto From(NominationAssignment a) => new(
        a.Id, a.NominationId, a.ExpertName, a.Status, a.Status.Chinese(), a.Total, a.Opinion, a.CreatedAt, a.ScoredAt,
        [.. a.Scores.OrderBy(s => s.Position).Select(s => new CriterionScoreDto(s.Name, s.Weight, s.MaxScore, s.Score))], a.Version);
}

/// <summary>A nomination in the experts' ranking: rank (null: not scored yet), mean, how many scored of how many assigned, spread, its sheets.</summary>
public sealed record RankedNominationDto(
    Guid NominationId, string NomineeName, string RegionName, string NominatedBy, NominationStatus Status, string StatusName, int? Rank, decimal? MeanScore,
    int Scored, int Assigned, decimal? Spread, IReadOnlyList<NominationAssignmentDto> Assignments);

/// <summary>One decision in the call's history, with the standing it was taken against.</summary>
public sealed record NominationDecisionDto(string NomineeName, string ResultName, int? Rank, decimal? MeanScore, string? AgainstRanking, string? Reason, string? DecidedByName, DateTimeOffset DecidedAt);

/// <summary>The expert review of a call for its region: the rubric, whether experts score now, progress, the ranking and the decisions so far.</summary>
public sealed record HonourReviewDto(
    Guid CallId, IReadOnlyList<HonourCriterionDto> Rubric, bool RubricLocked, bool ReviewOpen, string ReviewStateName, int Assigned, int Scored,
    IReadOnlyList<RankedNominationDto> Nominations, IReadOnlyList<NominationDecisionDto> History);

public sealed record HonourAssignedDto(string NomineeName, string ExpertName);

/// <summary>A nomination an expert was left out of, and why (利益冲突回避, already assigned).</summary>
public sealed record HonourSkippedDto(Guid NominationId, string NomineeName, string ExpertName, string Reason);

public sealed record HonourAssignResultDto(IReadOnlyList<HonourAssignedDto> Assigned, IReadOnlyList<HonourSkippedDto> Skipped);

/// <summary>What an assigned expert sees: the nomination (nominee, unit, reason), the rubric and their own sheet.</summary>
/// <param name="StateName">待评分, 已评分, or 本轮已结束 once the review is closed or the nomination decided.</param>
public sealed record MyNominationReviewDto(
    Guid Id, Guid CallId, string CallName, string KindName, int Year, string NomineeName, string? NomineeOrganization, string RegionName, string NominatedBy,
    string Reason, bool MayScore, string StateName, NominationAssignmentDto Assignment);

/// <summary>
/// 荣誉推荐的专家评审: the call's region (<c>talent.honours.review</c>) sets the 评审指标 and assigns experts of the 专家库 to the
/// nominations, the nominee, their unit's experts, the nominating unit's people and declared conflicts left out with the reason — the same
/// picker (<see cref="ExpertPool"/>) and declarations (<see cref="ExpertConflict.Covers(Guid?, IEnumerable{string?}, IEnumerable{string?})"/>)
/// as contests; each expert scores their own nominations (<c>talent.honours.score</c>). The region sees the ranking and still decides
/// (<see cref="HonourService.DecideAsync"/>), giving a reason when it goes against the ranking.
/// </summary>
public sealed class HonourReviewService(KexieDbContext db, Notifier notifier, AccessPolicy policy)
{
    public const int MaxPanel = 50;

    public async Task<HonourReviewDto> ReviewAsync(Actor actor, Guid callId, CancellationToken ct = default)
    {
        var call = await ReviewedCallAsync(actor, callId, ct);
        var nominations = await db.Nominations.AsNoTracking().Where(n => n.CallId == callId).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Take(1000).ToListAsync(ct);
        var sheets = (await db.NominationAssignments.AsNoTracking().Where(a => a.CallId == callId).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(ct)).ToLookup(a => a.NominationId);
        var names = await Lookups.RegionNamesAsync(db, nominations.SelectMany(n => new[] { n.RegionCode, n.NominatedByRegionCode }), ct);
        var standings = nominations.Select(n => new NominationStanding(n.Id, n.NomineeName, HonourRanking.Mean(Totals(sheets[n.Id])), n.Status)).ToList();
        var ranks = HonourRanking.Ranks(standings);
        var rows = nominations.Select((n, i) =>
        {
            var mine = sheets[n.Id].ToList();
            var totals = Totals(mine);
            return new RankedNominationDto(n.Id, n.NomineeName, names.GetValueOrDefault(n.RegionCode, "未知地区"),
                Nomination.NominatedByText(n.NominatedByUnitName, names.GetValueOrDefault(n.NominatedByRegionCode, "未知地区")), n.Status, n.Status.Chinese(),
                ranks.TryGetValue(n.Id, out var rank) ? rank : null, standings[i].Mean, totals.Count, mine.Count, HonourRanking.Spread(totals),
                [.. mine.Select(NominationAssignmentDto.From)]);
        }).OrderBy(r => r.Rank ?? int.MaxValue).ToList();
        var history = await db.NominationDecisions.AsNoTracking().Where(d => d.CallId == callId).OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(200).ToListAsync(ct);
        var all = sheets.SelectMany(g => g).ToList();
        return new HonourReviewDto(call.Id, Rubric(call), all.Count > 0, call.ReviewOpen, call.ReviewOpen ? "评审中" : "本轮已结束",
            all.Count, all.Count(a => a.Status == AssignmentStatus.Scored), rows,
            [.. history.Select(d => new NominationDecisionDto(d.NomineeName, d.Selected ? "入选" : "未入选", d.Rank, d.MeanScore, d.AgainstRanking, d.Reason, d.DecidedByName, d.CreatedAt))]);
    }

    public static IReadOnlyList<HonourCriterionDto> Rubric(HonourCall call) => [.. call.Rubric.Select(c => new HonourCriterionDto(c.Name, c.Weight, c.MaxScore))];

    /// <summary>Each nomination of the call with its experts' mean (for the ranking a decision is checked against).</summary>
    public static async Task<IReadOnlyList<NominationStanding>> StandingsAsync(KexieDbContext db, Guid callId, CancellationToken ct)
    {
        var nominations = await db.Nominations.AsNoTracking().Where(n => n.CallId == callId).Select(n => new { n.Id, n.NomineeName, n.Status }).Take(1000).ToListAsync(ct);
        var totals = (await db.NominationAssignments.AsNoTracking().Where(a => a.CallId == callId && a.Status == AssignmentStatus.Scored)
            .Select(a => new { a.NominationId, a.Total }).ToListAsync(ct)).ToLookup(a => a.NominationId, a => a.Total!.Value);
        return [.. nominations.Select(n => new NominationStanding(n.Id, n.NomineeName, HonourRanking.Mean([.. totals[n.Id]]), n.Status))];
    }

    /// <summary>Sets the call's 评审指标 while no expert is assigned.</summary>
    public async Task<HonourReviewDto> SetRubricAsync(Actor actor, Guid callId, HonourRubricRequest r, CancellationToken ct = default)
    {
        var call = await ReviewedCallAsync(actor, callId, ct, tracked: true);
        // A sheet keeps the rubric it was assigned on: once experts are assigned, the rubric stays.
        call.SetRubric(r.Rubric, await db.NominationAssignments.AnyAsync(a => a.CallId == callId, ct), actor);
        await db.SaveChangesAsync(ct);
        return await ReviewAsync(actor, callId, ct);
    }

    /// <summary>结束专家评审: the experts stop scoring (本轮已结束); the region decides on what was scored.</summary>
    public async Task<HonourReviewDto> CloseReviewAsync(Actor actor, Guid callId, CancellationToken ct = default)
    {
        var call = await ReviewedCallAsync(actor, callId, ct, tracked: true);
        call.CloseReview(actor);
        await db.SaveChangesAsync(ct);
        return await ReviewAsync(actor, callId, ct);
    }

    /// <summary>Active experts of the 专家库 the region may pick (the contests' picker), the call's region first.</summary>
    public async Task<IReadOnlyList<ContestExpertOptionDto>> ExpertOptionsAsync(Actor actor, Guid callId, CancellationToken ct = default)
    {
        var call = await ReviewedCallAsync(actor, callId, ct);
        var rows = await ExpertPool.CandidatesAsync(db, actor, call.RegionCode, ct);
        return [.. rows.Select(x => new ContestExpertOptionDto(x.Expert.Id, x.Worker.Name, x.Worker.Title, x.Worker.Employer, x.Expert.Level.Chinese(), x.Expert.Expertise))];
    }

    /// <summary>
    /// Assigns the panel to the nominations waiting (or those named): each expert where no conflict stands, or <c>PerNomination</c> of
    /// them per nomination, the least loaded first. Pairs left out are answered with the reason; nothing assigned at all answers the
    /// reasons on <c>expertIds</c>. Each expert is told.
    /// </summary>
    public async Task<HonourAssignResultDto> AssignAsync(Actor actor, Guid callId, AssignHonourExpertsRequest r, CancellationToken ct = default)
    {
        var call = await ReviewedCallAsync(actor, callId, ct);
        var ids = (r.ExpertIds ?? []).Where(i => i != Guid.Empty).Distinct().ToList();
        if (ids.Count == 0)
        {
            throw new DomainValidationException("expertIds", "请从专家库中选择评审专家");
        }

        if (ids.Count > MaxPanel)
        {
            throw new DomainValidationException("expertIds", $"评审专家一次最多选择{MaxPanel}名");
        }

        var panel = new List<PooledExpert>();
        foreach (var id in ids)
        {
            try
            {
                panel.Add(await ExpertPool.PickAsync(db, actor, id, ct));
            }
            catch (DomainValidationException e)
            {
                throw new DomainValidationException("expertIds", e.Message);
            }
        }

        if (r.PerNomination is { } per && (per < 1 || per > panel.Count))
        {
            throw new DomainValidationException("perNomination", $"每名推荐人选的评审专家人数应为1到{panel.Count}之间的整数");
        }

        var query = db.Nominations.AsNoTracking().Where(n => n.CallId == callId);
        if (r.NominationIds is { Count: > 0 } wanted)
        {
            var some = wanted.Distinct().Take(1000).ToList();
            query = query.Where(n => some.Contains(n.Id));
        }
        else
        {
            query = query.Where(n => n.Status == NominationStatus.Nominated);
        }

        var nominations = await query.OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Take(1000).ToListAsync(ct);
        if (nominations.Count == 0)
        {
            throw new DomainValidationException(r.NominationIds is { Count: > 0 } ? "nominationIds" : "expertIds", "没有待评审的推荐人选");
        }

        var nominationIds = nominations.Select(n => n.Id).ToList();
        var existing = (await db.NominationAssignments.AsNoTracking().Where(a => nominationIds.Contains(a.NominationId)).ToListAsync(ct)).ToLookup(a => a.NominationId);
        var expertIds = panel.Select(p => p.Expert.Id).ToList();
        var standing = (await db.ExpertConflicts.AsNoTracking().Where(c => expertIds.Contains(c.ExpertId)).ToListAsync(ct)).ToLookup(c => c.ExpertId);
        var load = await db.NominationAssignments.AsNoTracking().Where(a => a.CallId == callId && expertIds.Contains(a.ExpertId))
            .GroupBy(a => a.ExpertId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var parties = await PartiesAsync(nominations, panel, ct);

        var assigned = new List<NominationAssignment>();
        var skipped = new List<HonourSkippedDto>();
        foreach (var n in nominations)
        {
            var eligible = new List<(PooledExpert Expert, NominationAssignment Sheet)>();
            foreach (var e in panel)
            {
                try
                {
                    var sheet = NominationAssignment.Assign(call, n, parties[(n.Id, e.Expert.Id)], e.Candidate, [.. existing[n.Id]], [.. standing[e.Expert.Id]], actor);
                    eligible.Add((e, sheet));
                }
                catch (Exception x) when (x is DomainValidationException or InvalidTransitionException)
                {
                    skipped.Add(new HonourSkippedDto(n.Id, n.NomineeName, e.Worker.Name, x.Message));
                }
            }

            var need = r.PerNomination is { } each ? Math.Max(0, each - existing[n.Id].Count()) : eligible.Count;
            foreach (var (e, sheet) in eligible.OrderBy(x => load.GetValueOrDefault(x.Expert.Expert.Id)).ThenBy(x => x.Expert.Worker.Name, StringComparer.Ordinal).Take(need))
            {
                assigned.Add(sheet);
                load[e.Expert.Id] = load.GetValueOrDefault(e.Expert.Id) + 1;
            }
        }

        if (assigned.Count == 0)
        {
            throw new DomainValidationException("expertIds", skipped.Count == 0 ? "每名推荐人选已有足够的评审专家" : string.Join("；", skipped.Select(s => s.Reason).Distinct().Take(5)));
        }

        db.NominationAssignments.AddRange(assigned);
        foreach (var group in assigned.GroupBy(a => a.ExpertWorkerId))
        {
            var accounts = await notifier.WorkerAccountsAsync(group.Key, ct);
            notifier.Add(accounts, NotificationKind.PlanAssigned, "新的荣誉推荐评审任务",
                $"您被指派评审“{call.Name}”的{group.Count()}名推荐人选，请在“我的荣誉评审”中按评审指标打分。", "/Talent/Honours/Reviews", DateTimeOffset.UtcNow, except: actor.UserId);
        }

        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        var nominees = nominations.ToDictionary(n => n.Id, n => n.NomineeName);
        return new HonourAssignResultDto([.. assigned.Select(a => new HonourAssignedDto(nominees[a.NominationId], a.ExpertName))], skipped);
    }

    /// <summary>The caller's own honour assignments as an expert, newest first (only these: an expert sees what they are assigned).</summary>
    public async Task<IReadOnlyList<MyNominationReviewDto>> MineAsync(Actor actor, CancellationToken ct = default)
    {
        MarketSupport.RequireSignedIn(actor);
        if (actor.ScienceWorkerId is not { } worker)
        {
            return [];
        }

        var sheets = await db.NominationAssignments.AsNoTracking().Where(a => a.ExpertWorkerId == worker).OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id).Take(200).ToListAsync(ct);
        return await MyDtosAsync(actor, sheets, ct);
    }

    /// <summary>The assigned expert's scores (one per criterion, in order) and comment; others' sheets are "不存在".</summary>
    public async Task<MyNominationReviewDto> ScoreAsync(Actor actor, Guid id, ScoreRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        MarketSupport.RequireSignedIn(actor);
        var sheet = await db.NominationAssignments.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (sheet is null || !sheet.IsExpert(actor))
        {
            throw new NotFoundException("评审任务不存在");
        }

        MarketSupport.CheckVersion(sheet.Version, expectedVersion);
        var call = await db.HonourCalls.AsNoTracking().FirstAsync(c => c.Id == sheet.CallId, ct);
        var nomination = await db.Nominations.AsNoTracking().FirstAsync(n => n.Id == sheet.NominationId, ct);
        sheet.Score(call, nomination, r.Scores, r.Opinion, actor);
        await db.SaveChangesAsync(ct);
        return (await MyDtosAsync(actor, [sheet], ct))[0];
    }

    private async Task<List<MyNominationReviewDto>> MyDtosAsync(Actor actor, IReadOnlyList<NominationAssignment> sheets, CancellationToken ct)
    {
        var nominationIds = sheets.Select(a => a.NominationId).Distinct().ToList();
        var nominations = await db.Nominations.AsNoTracking().Where(n => nominationIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, ct);
        var callIds = sheets.Select(a => a.CallId).Distinct().ToList();
        var calls = await db.HonourCalls.AsNoTracking().Where(c => callIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var workerIds = nominations.Values.Where(n => n.WorkerId != null).Select(n => n.WorkerId!.Value).Distinct().ToList();
        var employers = await db.ScienceWorkers.AsNoTracking().Where(w => workerIds.Contains(w.Id)).Select(w => new { w.Id, w.Employer }).ToDictionaryAsync(w => w.Id, w => w.Employer, ct);
        var names = await Lookups.RegionNamesAsync(db, nominations.Values.SelectMany(n => new[] { n.RegionCode, n.NominatedByRegionCode }), ct);
        return [.. sheets.Select(a =>
        {
            var n = nominations[a.NominationId];
            var c = calls[a.CallId];
            var open = a.Open(c, n) && a.MayScore(actor);
            var state = a.Status == AssignmentStatus.Scored ? "已评分" : open ? "待评分" : "本轮已结束";
            return new MyNominationReviewDto(a.Id, c.Id, c.Name, c.Kind.Chinese(), c.Year, n.NomineeName,
                n.WorkerId is { } w ? employers.GetValueOrDefault(w) : null, names.GetValueOrDefault(n.RegionCode, "未知地区"),
                Nomination.NominatedByText(n.NominatedByUnitName, names.GetValueOrDefault(n.NominatedByRegionCode, "未知地区")), n.Reason, open, state,
                NominationAssignmentDto.From(a));
        })];
    }

    /// <summary>
    /// For each nomination and panel expert, who the nomination concerns: the nominee's unit (the worker's employer, or the unit
    /// nominated), the nominating unit (the society, or the nominating region's 科协) and whether the expert is the society's member.
    /// </summary>
    private async Task<Dictionary<(Guid, Guid), NominationParties>> PartiesAsync(IReadOnlyList<Nomination> nominations, IReadOnlyList<PooledExpert> panel, CancellationToken ct)
    {
        var workerIds = nominations.Where(n => n.WorkerId != null).Select(n => n.WorkerId!.Value).Distinct().ToList();
        var employers = await db.ScienceWorkers.AsNoTracking().Where(w => workerIds.Contains(w.Id)).Select(w => new { w.Id, w.Employer }).ToDictionaryAsync(w => w.Id, w => w.Employer, ct);
        var regions = nominations.Where(n => n.NominatedByAssociationId == null).Select(n => n.NominatedByRegionCode).Distinct().ToList();
        var kexie = (await db.Associations.AsNoTracking().Where(a => a.Kind == AssociationKind.Kexie && regions.Contains(a.RegionCode)).Select(a => new { a.RegionCode, a.Name }).ToListAsync(ct))
            .GroupBy(a => a.RegionCode).ToDictionary(g => g.Key, g => g.First().Name);
        var societies = nominations.Where(n => n.NominatedByAssociationId != null).Select(n => n.NominatedByAssociationId!.Value).Distinct().ToList();
        var panelWorkers = panel.Select(p => p.Worker.Id).ToList();
        var members = societies.Count == 0 ? [] : (await db.Set<AssociationMember>().AsNoTracking()
            .Where(m => societies.Contains(m.AssociationId) && m.ScienceWorkerId != null && panelWorkers.Contains(m.ScienceWorkerId!.Value))
            .Select(m => new { m.AssociationId, Worker = m.ScienceWorkerId!.Value }).ToListAsync(ct)).Select(m => (m.AssociationId, m.Worker)).ToHashSet();
        var result = new Dictionary<(Guid, Guid), NominationParties>();
        foreach (var n in nominations)
        {
            var organization = n.OrganizationId is not null ? n.NomineeName : n.WorkerId is { } w ? employers.GetValueOrDefault(w) : null;
            var unit = n.NominatedByUnitName ?? kexie.GetValueOrDefault(n.NominatedByRegionCode);
            foreach (var e in panel)
            {
                var member = n.NominatedByAssociationId is { } society && members.Contains((society, e.Worker.Id));
                result[(n.Id, e.Expert.Id)] = new NominationParties(n.OrganizationId, organization, unit, member);
            }
        }

        return result;
    }

    private static List<decimal> Totals(IEnumerable<NominationAssignment> sheets) =>
        [.. sheets.Where(a => a.Status == AssignmentStatus.Scored).Select(a => a.Total!.Value)];

    /// <summary>
    /// A call whose review the actor organizes: a manager of the call's region (the domain's rule) whose role holds
    /// <c>talent.honours.review</c> there; any other call is "不存在", naming nothing.
    /// </summary>
    private async Task<HonourCall> ReviewedCallAsync(Actor actor, Guid id, CancellationToken ct, bool tracked = false)
    {
        MarketSupport.RequireSignedIn(actor);
        var call = await (tracked ? db.HonourCalls : db.HonourCalls.AsNoTracking()).FirstOrDefaultAsync(c => c.Id == id, ct);
        return call is not null && call.MayDecide(actor) && policy.Can(actor, TalentPermissions.ReviewHonours, call.RegionCode)
            ? call
            : throw new NotFoundException("评选不存在");
    }
}
