using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Talent;
using Kexie.Domain.ThinkTank;
using Kexie.Web.Features.Market;
using Kexie.Web.Features.Notifications;
using Kexie.Web.Features.ThinkTank;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Talent;

/// <summary>Assigns one expert of the 专家库 to the works of a category, or to the works named.</summary>
public sealed record AssignContestExpertRequest(Guid? ExpertId, string? Category, IReadOnlyList<Guid>? EntryIds);

public sealed record DeclineReviewRequest(string? Reason);

public sealed record ContestCriterionDto(string Name, int MaxScore);

/// <param name="Round">The review round of the sheet (1-based) and <paramref name="RoundName"/> its name (初评、终评; 评审 for one round).</param>
public sealed record ContestAssignmentDto(
    Guid Id, Guid EntryId, Guid ExpertId, string ExpertName, AssignmentStatus Status, string StatusName, decimal? Total, string? Opinion,
    DateTimeOffset AssignedAt, DateTimeOffset? ScoredAt, IReadOnlyList<CriterionScoreDto> Scores, int Version, int Round = 1, string? RoundName = null)
{
    public static ContestAssignmentDto From(ContestAssignment a, Contest? contest = null) => new(
        a.Id, a.EntryId, a.ExpertId, a.ExpertName, a.Status, a.Status.Chinese(), a.Total, a.Opinion, a.CreatedAt, a.ScoredAt,
        [.. a.Scores.OrderBy(s => s.Position).Select(s => new CriterionScoreDto(s.Name, s.Weight, s.MaxScore, s.Score))], a.Version, a.Round, contest?.RoundName(a.Round));
}

/// <summary>A work's expert review in its round: who is assigned, how many have scored, the experts' score (<see cref="ContestRubric.Mean"/>).</summary>
/// <param name="Assignments">The sheets of the work's own round (earlier rounds' sheets are kept, not listed).</param>
public sealed record EntryReviewDto(
    Guid EntryId, string Title, string Category, string SchoolName, ContestEntryStatus Status, string StatusName, decimal? ExpertScore,
    int Assigned, int Scored, IReadOnlyList<ContestAssignmentDto> Assignments, int Round = 1, string? RoundName = null);

/// <summary>A decided round: the rule, the reason, how many works advanced and how many did not, who decided and when.</summary>
public sealed record ContestRoundDecisionDto(int Round, string RoundName, string NextRoundName, string Rule, string Reason, int Advanced, int NotAdvanced, string? DecidedByName, DateTimeOffset DecidedAt, string? Category = null);

/// <summary>One review round: its name, state (未开始、进行中、已暂停、已结束) and, once decided, the decision.</summary>
public sealed record ContestRoundDto(int Round, string Name, string StateName, bool Current, bool Open, ContestRoundDecisionDto? Decision);

/// <summary>
/// One category's review round: where it is (its own round, or the edition's it follows), whether experts score now, whether it is the
/// last round (its results may be decided), its works waiting and scored, and the decisions taken for it alone.
/// </summary>
public sealed record ContestCategoryRoundDto(string Category, int Round, string RoundName, string StateName, bool Own, bool Open, bool FinalRound,
    int Waiting, int Assigned, int Scored, IReadOnlyList<ContestRoundDecisionDto> Decisions);

/// <summary>The expert review of an edition for its reviewers: the rubric, the rounds, the current rounds' progress (N of M scored) and each work's panel.</summary>
/// <param name="CategoryRounds">Each category's round (a category may be in 终评 while another is still in 初评).</param>
public sealed record ContestReviewDto(Guid ContestId, IReadOnlyList<ContestCriterionDto> Rubric, int Assigned, int Scored, int Declined, IReadOnlyList<EntryReviewDto> Entries,
    int CurrentRound = 1, string? CurrentRoundName = null, bool RoundOpen = true, bool FinalRound = true, IReadOnlyList<ContestRoundDto>? Rounds = null,
    IReadOnlyList<ContestCategoryRoundDto>? CategoryRounds = null);

/// <summary>晋级: the top <paramref name="Top"/> expert scores (of the edition, or of each category when <paramref name="PerCategory"/>), or those scoring at least <paramref name="MinScore"/>; with the reason.</summary>
/// <param name="Category">One category advanced on its own (null: the edition's round, for every category that follows it).</param>
public sealed record AdvanceRoundRequest(int? Top, decimal? MinScore, bool? PerCategory, string? Reason, string? Category = null);

/// <summary>What an advance did: the decision and the works that went on.</summary>
public sealed record AdvanceResultDto(ContestRoundDecisionDto Decision, IReadOnlyList<string> Advanced);

/// <summary>A work left out when assigning, and why (利益冲突回避, already assigned, already reviewed).</summary>
public sealed record SkippedEntryDto(Guid EntryId, string Title, string Reason);

public sealed record AssignResultDto(string ExpertName, IReadOnlyList<string> Assigned, IReadOnlyList<SkippedEntryDto> Skipped);

/// <summary>An expert the reviewers may pick (the 专家库 entries they may see).</summary>
public sealed record ContestExpertOptionDto(Guid ExpertId, string Name, string? Title, string? Employer, string LevelName, string Expertise);

/// <summary>What an assigned expert sees: the work (title, category, summary, school and authors, to judge a conflict), the rubric and their own score.</summary>
/// <param name="RoundName">The round the expert scores in (初评、终评), null for an edition of one round.</param>
public sealed record MyContestReviewDto(
    Guid Id, Guid ContestId, string ContestName, Guid EntryId, string EntryTitle, string Category, string? Summary, string SchoolName,
    IReadOnlyList<string> Students, bool MayScore, ContestAssignmentDto Assignment, IReadOnlyList<AttachmentDto>? Attachments = null, string? RoundName = null);

/// <summary>
/// 大赛作品的专家评审: the holding region's reviewers (<c>talent.contests.review</c>) assign experts of the 专家库 to a category's works or
/// to single works, conflicts of interest left out with the reason; each assigned expert scores a work on the edition's 评分标准 from
/// their own page (<c>talent.contests.score</c>), or declares a conflict; the work's expert score is <see cref="ContestRubric.Mean"/>.
/// The reviewers then pass, award and recommend as before (<see cref="ContestService"/>).
/// </summary>
public sealed class ContestReviewService(KexieDbContext db, Notifier notifier, AccessPolicy policy)
{
    public async Task<ContestReviewDto> ReviewAsync(Actor actor, Guid contestId, CancellationToken ct = default)
    {
        var contest = await ReviewedContestAsync(actor, contestId, ct);
        var entries = await db.ContestEntries.AsNoTracking().Where(e => e.ContestId == contestId).OrderBy(e => e.Category).ThenBy(e => e.CreatedAt).ThenBy(e => e.Id).Take(1000).ToListAsync(ct);
        var all = await db.ContestAssignments.AsNoTracking().Where(a => a.ContestId == contestId).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(ct);
        var byEntry = all.ToLookup(a => (a.EntryId, a.Round));
        var rows = entries.Select(e =>
        {
            var sheets = byEntry[(e.Id, e.Round)].ToList();
            var mine = sheets.Where(a => a.Status != AssignmentStatus.Declined).ToList();
            return new EntryReviewDto(e.Id, e.Title, e.Category, e.SchoolName, e.Status, e.StatusName(contest), e.ExpertScore, mine.Count,
                mine.Count(a => a.Status == AssignmentStatus.Scored), [.. sheets.Select(a => ContestAssignmentDto.From(a, contest))], e.Round, contest.RoundName(e.Round));
        }).ToList();
        var categoryOf = entries.ToDictionary(e => e.Id, e => e.Category);
        var assignments = all.Where(a => categoryOf.TryGetValue(a.EntryId, out var c) && a.Round == contest.RoundOf(c)).ToList();
        var decisions = await db.ContestRoundDecisions.AsNoTracking().Where(d => d.ContestId == contest.Id).OrderBy(d => d.Round).ThenBy(d => d.CreatedAt).ToListAsync(ct);
        var categoryRounds = contest.Categories.Select(c =>
        {
            var round = contest.RoundOf(c);
            var open = !contest.RoundClosedFor(c) && contest.Status != ContestStatus.Closed;
            var sheets = assignments.Where(a => categoryOf[a.EntryId] == c && a.Status != AssignmentStatus.Declined).ToList();
            return new ContestCategoryRoundDto(c, round, contest.RoundName(round), open ? "进行中" : "已结束", contest.HasOwnRound(c), open, contest.InFinalRoundFor(c),
                entries.Count(e => e.Category == c && e.Status == ContestEntryStatus.Submitted && e.Round == round), sheets.Count, sheets.Count(a => a.Status == AssignmentStatus.Scored),
                [.. decisions.Where(d => d.Category == c).Select(DecisionDto)]);
        }).ToList();
        return new ContestReviewDto(contest.Id, Rubric(contest), assignments.Count(a => a.Status != AssignmentStatus.Declined),
            assignments.Count(a => a.Status == AssignmentStatus.Scored), assignments.Count(a => a.Status == AssignmentStatus.Declined), rows,
            contest.CurrentRound, contest.RoundName(contest.CurrentRound), !contest.RoundClosed && contest.Status != ContestStatus.Closed, contest.InFinalRound,
            Rounds(contest, decisions), categoryRounds);
    }

    /// <summary>The edition's rounds in order with their state and decisions.</summary>
    /// <remarks>These are the edition's rounds, which the categories without their own round follow; <see cref="ContestReviewDto.CategoryRounds"/> says where each category is.</remarks>
    public async Task<IReadOnlyList<ContestRoundDto>> RoundsAsync(Contest contest, CancellationToken ct = default) =>
        Rounds(contest, await db.ContestRoundDecisions.AsNoTracking().Where(d => d.ContestId == contest.Id).ToListAsync(ct));

    private static List<ContestRoundDto> Rounds(Contest contest, List<ContestRoundDecision> decisions)
    {
        return [.. Enumerable.Range(1, contest.RoundCount).Select(n =>
        {
            var d = decisions.FirstOrDefault(x => x.Round == n && x.Category == null);
            var open = n == contest.CurrentRound && !contest.RoundClosed && contest.Status != ContestStatus.Closed;
            var state = n < contest.CurrentRound ? "已结束" : n > contest.CurrentRound ? "未开始" : open ? "进行中" : "已结束";
            return new ContestRoundDto(n, contest.RoundName(n), state, n == contest.CurrentRound, open, d is null ? null : DecisionDto(d));
        })];
    }

    /// <summary>结束本轮: the experts of the current round stop scoring (the reviewers may open it again until they advance).</summary>
    /// <param name="category">One category's round (null: the edition's round, which the categories without their own follow).</param>
    public async Task<ContestReviewDto> CloseRoundAsync(Actor actor, Guid contestId, CancellationToken ct = default, string? category = null)
    {
        var contest = await ReviewedContestAsync(actor, contestId, ct, tracked: true);
        contest.CloseRound(actor, Blank(category));
        await db.SaveChangesAsync(ct);
        return await ReviewAsync(actor, contestId, ct);
    }

    /// <summary>开启本轮: the current round's experts score again.</summary>
    /// <param name="category">One category's round (null: the edition's round).</param>
    public async Task<ContestReviewDto> OpenRoundAsync(Actor actor, Guid contestId, CancellationToken ct = default, string? category = null)
    {
        var contest = await ReviewedContestAsync(actor, contestId, ct, tracked: true);
        contest.OpenRound(actor, Blank(category));
        await db.SaveChangesAsync(ct);
        return await ReviewAsync(actor, contestId, ct);
    }

    /// <summary>
    /// 晋级: the current round's works chosen by the rule (前N名 or 分数线) go on to the next round, the rest are 未进入{next}; the decision is
    /// kept with the reason. All in one save: a refusal writes nothing.
    /// </summary>
    public async Task<AdvanceResultDto> AdvanceAsync(Actor actor, Guid contestId, AdvanceRoundRequest r, CancellationToken ct = default)
    {
        var contest = await ReviewedContestAsync(actor, contestId, ct, tracked: true);
        var category = Blank(r.Category);
        var round = contest.RoundOf(category is null ? null : contest.RequireCategory(category));
        var entries = await db.ContestEntries.Where(e => e.ContestId == contestId && e.Round == round && e.Status == ContestEntryStatus.Submitted).ToListAsync(ct);
        var decision = contest.Advance(entries, new ContestAdvanceData(r.Top, r.MinScore, r.PerCategory ?? false, r.Reason), actor, category);
        db.ContestRoundDecisions.Add(decision);
        await db.SaveChangesAsync(ct);
        return new AdvanceResultDto(DecisionDto(decision), [.. entries.Where(e => e.Round > round).OrderByDescending(e => e.Category).Select(e => e.Title)]);
    }

    private static string? Blank(string? category) => string.IsNullOrWhiteSpace(category) ? null : category.Trim();

    private static ContestRoundDecisionDto DecisionDto(ContestRoundDecision d) =>
        new(d.Round, d.RoundName, d.NextRoundName, d.Rule, d.Reason, d.Advanced, d.NotAdvanced, d.DecidedByName, d.CreatedAt, d.Category);

    public static IReadOnlyList<ContestCriterionDto> Rubric(Contest contest) => [.. contest.Rubric.Select(c => new ContestCriterionDto(c.Name, c.MaxScore))];

    /// <summary>Active experts of the 专家库 the reviewer may pick, the edition's region first.</summary>
    public async Task<IReadOnlyList<ContestExpertOptionDto>> ExpertOptionsAsync(Actor actor, Guid contestId, CancellationToken ct = default)
    {
        var contest = await ReviewedContestAsync(actor, contestId, ct);
        var rows = await ExpertPool.CandidatesAsync(db, actor, contest.RegionCode, ct);
        return [.. rows.Select(x => new ContestExpertOptionDto(x.Expert.Id, x.Worker.Name, x.Worker.Title, x.Worker.Employer, x.Expert.Level.Chinese(), x.Expert.Expertise))];
    }

    /// <summary>
    /// Assigns the expert to every work of the category waiting for the review, or to the works named; a work where the expert must stand
    /// aside is left out with the reason. Nothing assigned at all answers the reasons on the expert field. The expert is told.
    /// </summary>
    public async Task<AssignResultDto> AssignAsync(Actor actor, Guid contestId, AssignContestExpertRequest r, CancellationToken ct = default)
    {
        var contest = await ReviewedContestAsync(actor, contestId, ct);
        var expert = await ExpertPool.PickAsync(db, actor, r.ExpertId, ct);
        var query = db.ContestEntries.Where(e => e.ContestId == contestId);
        if (r.EntryIds is { Count: > 0 } ids)
        {
            var wanted = ids.Distinct().Take(500).ToList();
            query = query.Where(e => wanted.Contains(e.Id));
        }
        else if (!string.IsNullOrWhiteSpace(r.Category))
        {
            var category = contest.RequireCategory(r.Category);
            query = query.Where(e => e.Category == category && e.Status == ContestEntryStatus.Submitted);
        }
        else
        {
            throw new DomainValidationException("category", "请选择要评审的作品类别或作品");
        }

        var entries = await query.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync(ct);
        if (entries.Count == 0)
        {
            throw new DomainValidationException(r.EntryIds is { Count: > 0 } ? "entryIds" : "category", "没有待评审的作品");
        }

        var entryIds = entries.Select(e => e.Id).ToList();
        var existing = (await db.ContestAssignments.AsNoTracking().Where(a => entryIds.Contains(a.EntryId)).ToListAsync(ct)).ToLookup(a => a.EntryId);
        var candidate = expert.Candidate;
        var standing = await db.ExpertConflicts.AsNoTracking().Where(c => c.ExpertId == candidate.ExpertId).ToListAsync(ct);
        var assigned = new List<ContestAssignment>();
        var skipped = new List<SkippedEntryDto>();
        foreach (var entry in entries)
        {
            try
            {
                assigned.Add(ContestAssignment.Assign(contest, entry, candidate, [.. existing[entry.Id]], actor, standing: standing));
            }
            catch (Exception e) when (e is DomainValidationException or InvalidTransitionException)
            {
                skipped.Add(new SkippedEntryDto(entry.Id, entry.Title, e.Message));
            }
        }

        if (assigned.Count == 0)
        {
            throw new DomainValidationException("expertId", string.Join("；", skipped.Select(s => s.Reason).Distinct().Take(5)));
        }

        db.ContestAssignments.AddRange(assigned);
        var accounts = await notifier.WorkerAccountsAsync(expert.Worker.Id, ct);
        notifier.Add(accounts, NotificationKind.PlanAssigned, "新的大赛作品评审任务",
            $"您被指派评审“{contest.Name}”的{assigned.Count}件作品，请在“我的大赛评审”中按评分标准打分。", "/Talent/Contests/Reviews", DateTimeOffset.UtcNow, except: actor.UserId);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        var titles = entries.ToDictionary(e => e.Id, e => e.Title);
        return new AssignResultDto(expert.Worker.Name, [.. assigned.Select(a => titles[a.EntryId])], skipped);
    }

    /// <summary>The actor's own contest assignments as an expert, newest first.</summary>
    public async Task<IReadOnlyList<MyContestReviewDto>> MineAsync(Actor actor, CancellationToken ct = default)
    {
        MarketSupport.RequireSignedIn(actor);
        if (actor.ScienceWorkerId is not { } worker)
        {
            return [];
        }

        var assignments = await db.ContestAssignments.AsNoTracking().Where(a => a.ExpertWorkerId == worker).OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id).Take(200).ToListAsync(ct);
        return await MyDtosAsync(actor, assignments, ct);
    }

    /// <summary>One assignment, for its expert (others: not found).</summary>
    public async Task<MyContestReviewDto> MyReviewAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var assignment = await MineAsync(actor, id, tracked: false, ct);
        return (await MyDtosAsync(actor, [assignment], ct))[0];
    }

    /// <summary>The assigned expert's scores, one per item in the rubric's order; the work's expert score follows.</summary>
    public async Task<MyContestReviewDto> ScoreAsync(Actor actor, Guid id, ScoreRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var assignment = await MineAsync(actor, id, tracked: true, ct);
        MarketSupport.CheckVersion(assignment.Version, expectedVersion);
        var (contest, entry) = await WorkAsync(assignment, ct);
        assignment.Score(contest, entry, r.Scores, r.Opinion, actor);
        var round = assignment.Round;
        var totals = await db.ContestAssignments.Where(a => a.EntryId == entry.Id && a.Round == round && a.Id != assignment.Id && a.Status == AssignmentStatus.Scored).Select(a => a.Total!.Value).ToListAsync(ct);
        totals.Add(assignment.Total!.Value);
        entry.SetExpertScore(ContestRubric.Mean(totals));
        await db.SaveChangesAsync(ct);
        return (await MyDtosAsync(actor, [assignment], ct))[0];
    }

    /// <summary>The assigned expert declares a conflict of interest instead of scoring (with the reason).</summary>
    public async Task<MyContestReviewDto> DeclineAsync(Actor actor, Guid id, DeclineReviewRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var assignment = await MineAsync(actor, id, tracked: true, ct);
        MarketSupport.CheckVersion(assignment.Version, expectedVersion);
        var (contest, entry) = await WorkAsync(assignment, ct);
        assignment.Decline(contest, entry, r.Reason, actor);
        await db.SaveChangesAsync(ct);
        return (await MyDtosAsync(actor, [assignment], ct))[0];
    }

    private async Task<ContestAssignment> MineAsync(Actor actor, Guid id, bool tracked, CancellationToken ct)
    {
        MarketSupport.RequireSignedIn(actor);
        var query = tracked ? db.ContestAssignments : db.ContestAssignments.AsNoTracking();
        var assignment = await query.FirstOrDefaultAsync(a => a.Id == id, ct);
        return assignment is not null && assignment.IsExpert(actor) ? assignment : throw new NotFoundException("评审任务不存在");
    }

    private async Task<(Contest Contest, ContestEntry Entry)> WorkAsync(ContestAssignment a, CancellationToken ct) =>
        (await db.Contests.FirstAsync(c => c.Id == a.ContestId, ct), await db.ContestEntries.FirstAsync(e => e.Id == a.EntryId, ct));

    private async Task<List<MyContestReviewDto>> MyDtosAsync(Actor actor, IReadOnlyList<ContestAssignment> assignments, CancellationToken ct)
    {
        var entryIds = assignments.Select(a => a.EntryId).Distinct().ToList();
        var entries = await db.ContestEntries.AsNoTracking().Where(e => entryIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var contestIds = assignments.Select(a => a.ContestId).Distinct().ToList();
        var contests = await db.Contests.AsNoTracking().Where(c => contestIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        return [.. assignments.Select(a =>
        {
            var e = entries[a.EntryId];
            var c = contests[a.ContestId];
            var open = c.Status != ContestStatus.Closed && e.Status == ContestEntryStatus.Submitted && a.InOpenRound(c, e.Category) && e.Round == a.Round;
            return new MyContestReviewDto(a.Id, c.Id, c.Name, e.Id, e.Title, e.Category, e.Summary, e.SchoolName, e.Students, open && a.MayScore(actor), ContestAssignmentDto.From(a, c),
                a.Status == AssignmentStatus.Declined ? [] : [.. e.Attachments.OrderBy(x => x.UploadedAt).Select(AttachmentDto.From)], c.HasRounds ? c.RoundName(a.Round) : null);
        })];
    }

    /// <summary>
    /// An edition whose works the actor reviews: a manager of the holding region (the domain's rule) whose role holds
    /// <c>talent.contests.review</c>; others that may not review it are refused, an unknown one is not found.
    /// </summary>
    private async Task<Contest> ReviewedContestAsync(Actor actor, Guid id, CancellationToken ct, bool tracked = false)
    {
        MarketSupport.RequireSignedIn(actor);
        var contest = await (tracked ? db.Contests : db.Contests.AsNoTracking()).FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("大赛不存在");
        return contest.MayReview(actor) && policy.Can(actor, TalentPermissions.ReviewContests, contest.RegionCode)
            ? contest
            : throw new AccessDeniedException("只有举办地区有“评审大赛作品”权限的管理人员可以组织专家评审");
    }
}
