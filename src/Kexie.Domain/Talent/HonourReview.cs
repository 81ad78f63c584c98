using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.ThinkTank;

namespace Kexie.Domain.Talent;

/// <summary>The 评审指标 of honour calls: weighted criteria (weights adding up to 100, through <see cref="ReviewRubric"/>), a default when a call sets none.</summary>
public static class HonourRubric
{
    /// <summary>创新性 40%、贡献 30%、影响 30%, each scored 0–10: the weighted total is 0–100.</summary>
    public static readonly IReadOnlyList<ReviewCriterionData> Default =
    [
        new("创新性", 40, 10),
        new("贡献", 30, 10),
        new("影响", 30, 10),
    ];

    public static IReadOnlyList<ReviewCriterion> Build(IReadOnlyList<ReviewCriterionData>? data) => ReviewRubric.Build(data, Default);
}

/// <summary>
/// Who a nomination concerns besides the nominee, as the service found them: the nominee's organization (the worker's employer, or
/// the unit nominated) and the nominating unit (the society, or the nominating region's association), and whether the expert is
/// one of the nominating society's members.
/// </summary>
public sealed record NominationParties(Guid? NomineeOrganizationId, string? NomineeOrganization, string? NominatingUnit, bool ExpertInNominatingUnit);

/// <summary>
/// 荣誉推荐的专家评审: an expert of the 专家库 assigned by the call's region to score one nomination on the call's 评审指标 from their
/// own page. Conflicts of interest are refused when assigning (<see cref="ConflictOf"/>): the nominee themself, an expert of the
/// nominee's organization, the nominating unit's people, and the expert's standing declarations (<see cref="ExpertConflict"/>).
/// The nomination's standing is the mean of the submitted totals (<see cref="HonourRanking"/>); the region still decides.
/// </summary>
public sealed class NominationAssignment : RubricSheet
{
    private readonly List<CriterionScore> scores = [];

    private NominationAssignment()
    {
    }

    public Guid CallId { get; private set; }

    public Guid NominationId { get; private set; }

    public override IReadOnlyList<CriterionScore> Scores => scores;

    protected override List<CriterionScore> Sheet => scores;

    /// <summary>
    /// Assigns <paramref name="expert"/> to score <paramref name="nomination"/>; <paramref name="others"/> are the nomination's sheets so
    /// far, <paramref name="standing"/> the expert's standing declarations (长期回避).
    /// </summary>
    public static NominationAssignment Assign(HonourCall call, Nomination nomination, NominationParties parties, ExpertCandidate expert, IReadOnlyCollection<NominationAssignment> others,
        IReadOnlyCollection<ExpertConflict>? standing, Actor actor, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(nomination);
        ArgumentNullException.ThrowIfNull(parties);
        ArgumentNullException.ThrowIfNull(expert);
        ArgumentNullException.ThrowIfNull(others);
        if (!call.MayDecide(actor))
        {
            throw new NotPermittedException("只有举办评选地区的管理人员可以指派评审专家");
        }

        if (nomination.CallId != call.Id)
        {
            throw new InvalidOperationException("推荐与评选不一致");
        }

        if (!call.ReviewOpen)
        {
            throw new InvalidTransitionException(call.Status == HonourCallStatus.Open ? "专家评审已结束，不能再指派" : "该评选已结束，不能再指派评审专家");
        }

        if (nomination.Status != NominationStatus.Nominated)
        {
            throw new InvalidTransitionException($"{nomination.NomineeName}已评定为“{nomination.Status.Chinese()}”，无需再评审");
        }

        if (!expert.Active)
        {
            throw new DomainValidationException("expertIds", $"{expert.Name}已退出专家库，不能指派");
        }

        if (ConflictOf(nomination, parties, expert, standing) is { } conflict)
        {
            throw new DomainValidationException("expertIds", conflict);
        }

        if (others.Any(a => a.ExpertId == expert.ExpertId))
        {
            throw new InvalidTransitionException($"{expert.Name}已被指派评审{nomination.NomineeName}");
        }

        var assignment = new NominationAssignment { CallId = call.Id, NominationId = nomination.Id };
        assignment.Start(call.RegionCode, call.Rubric, expert, actor, at);
        return assignment;
    }

    /// <summary>Why <paramref name="expert"/> must stand aside from <paramref name="nomination"/> (利益冲突回避), or null.</summary>
    public static string? ConflictOf(Nomination nomination, NominationParties parties, ExpertCandidate expert, IEnumerable<ExpertConflict>? standing = null)
    {
        ArgumentNullException.ThrowIfNull(nomination);
        ArgumentNullException.ThrowIfNull(parties);
        ArgumentNullException.ThrowIfNull(expert);
        if (nomination.WorkerId is { } nominee && nominee == expert.WorkerId)
        {
            return $"{expert.Name}是本推荐的被推荐人，须回避";
        }

        if (standing?.FirstOrDefault(c => c.ExpertId == expert.ExpertId
                && c.Covers(parties.NomineeOrganizationId, [parties.NomineeOrganization, parties.NominatingUnit], [nomination.NomineeName])) is { } declared)
        {
            return declared.Why;
        }

        if (ScoreSheet.Same(expert.Employer, parties.NomineeOrganization))
        {
            return $"{expert.Name}所在单位（{expert.Employer!.Trim()}）是被推荐人的单位，须回避";
        }

        if (parties.ExpertInNominatingUnit || ScoreSheet.Same(expert.Employer, parties.NominatingUnit))
        {
            return $"{expert.Name}是推荐单位（{parties.NominatingUnit}）的人员，须回避";
        }

        return ScoreSheet.Same(expert.Name, nomination.NominatedByName) ? $"{expert.Name}是本推荐的推荐人，须回避" : null;
    }

    /// <summary>The expert's scores, one per criterion in order (each 0 to its 满分), and a comment; Assigned → Scored.</summary>
    public void Score(HonourCall call, Nomination nomination, IReadOnlyList<decimal?>? values, string? opinion, Actor actor, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(nomination);
        if (!IsExpert(actor))
        {
            throw new NotPermittedException("只有被指派的评审专家本人可以评分");
        }

        if (call.Id != CallId || nomination.Id != NominationId)
        {
            throw new InvalidOperationException("评审任务与推荐不一致");
        }

        if (Status != AssignmentStatus.Assigned)
        {
            throw new InvalidTransitionException("您已提交过该推荐人选的评分");
        }

        if (!call.ReviewOpen)
        {
            throw new InvalidTransitionException("本轮已结束，不能再评分");
        }

        if (nomination.Status != NominationStatus.Nominated)
        {
            throw new InvalidTransitionException($"{nomination.NomineeName}已评定为“{nomination.Status.Chinese()}”，本轮已结束");
        }

        Record(values, opinion, at);
    }

    /// <summary>Whether the expert may still score this sheet: waiting, the call's review open and the nomination not yet decided.</summary>
    public bool Open(HonourCall call, Nomination nomination) =>
        Status == AssignmentStatus.Assigned && call.ReviewOpen && nomination.Status == NominationStatus.Nominated;
}

/// <summary>A nomination as the ranking sees it: its experts' mean score (null: none scored yet) and its result so far.</summary>
public sealed record NominationStanding(Guid Id, string Name, decimal? Mean, NominationStatus Status);

/// <summary>
/// The experts' ranking of a call's nominations: the mean of the submitted totals, the spread (highest − lowest), and whether a
/// decision goes against the ranking — the region decides, but says why when it selects below a nomination it leaves out.
/// </summary>
public static class HonourRanking
{
    /// <summary>The mean of the totals, one decimal (null: none).</summary>
    public static decimal? Mean(IReadOnlyCollection<decimal> totals) =>
        totals is null || totals.Count == 0 ? null : decimal.Round(totals.Average(), 1);

    /// <summary>Highest minus lowest total (null: none).</summary>
    public static decimal? Spread(IReadOnlyCollection<decimal> totals) =>
        totals is null || totals.Count == 0 ? null : totals.Max() - totals.Min();

    /// <summary>Ranks by mean, highest first, ties sharing a rank (1, 1, 3); nominations without a score have none.</summary>
    public static IReadOnlyDictionary<Guid, int> Ranks(IEnumerable<NominationStanding> all)
    {
        ArgumentNullException.ThrowIfNull(all);
        var scored = all.Where(s => s.Mean is not null).OrderByDescending(s => s.Mean).ToList();
        return scored.ToDictionary(s => s.Id, s => scored.Count(o => o.Mean > s.Mean) + 1);
    }

    /// <summary>
    /// Why deciding <paramref name="id"/> as <paramref name="selected"/> goes against the experts' ranking, or null: selecting it while a
    /// nomination with a higher mean is not selected, or leaving it out while one with a lower mean is selected. Unscored ones never count.
    /// </summary>
    public static string? AgainstRanking(IReadOnlyCollection<NominationStanding> all, Guid id, bool selected)
    {
        ArgumentNullException.ThrowIfNull(all);
        var me = all.FirstOrDefault(s => s.Id == id);
        if (me?.Mean is not { } mine)
        {
            return null;
        }

        if (selected)
        {
            var above = all.Where(s => s.Id != id && s.Mean > mine && s.Status != NominationStatus.Selected).OrderByDescending(s => s.Mean).FirstOrDefault();
            return above is null ? null : $"专家评分更高的{above.Name}（{above.Mean:0.#}分）未入选，{me.Name}（{mine:0.#}分）入选与专家评分排名不一致";
        }

        var below = all.Where(s => s.Id != id && s.Mean < mine && s.Status == NominationStatus.Selected).OrderBy(s => s.Mean).FirstOrDefault();
        return below is null ? null : $"专家评分较低的{below.Name}（{below.Mean:0.#}分）已入选，{me.Name}（{mine:0.#}分）未入选与专家评分排名不一致";
    }
}

/// <summary>
/// 评定记录: one decision of the call's region on a nomination (入选/未入选), with the experts' standing at that moment (rank, mean) and,
/// when it went against the ranking, what it went against and the reason given — kept as the call's history.
/// </summary>
public sealed class NominationDecision : Entity, IRegional
{
    private NominationDecision()
    {
    }

    public Guid CallId { get; private set; }

    public Guid NominationId { get; private set; }

    /// <summary>The call's region.</summary>
    public string RegionCode { get; private set; } = string.Empty;

    public string NomineeName { get; private set; } = string.Empty;

    public bool Selected { get; private set; }

    public int? Rank { get; private set; }

    public decimal? MeanScore { get; private set; }

    /// <summary>What the decision went against (<see cref="HonourRanking.AgainstRanking"/>), null when it follows the ranking.</summary>
    public string? AgainstRanking { get; private set; }

    /// <summary>The reason given for going against the ranking.</summary>
    public string? Reason { get; private set; }

    public string? DecidedByName { get; private set; }

    /// <summary>
    /// Records the decision; going against the ranking (<paramref name="against"/>) needs <paramref name="reason"/>, refused on
    /// <c>rankingReason</c> with what it goes against.
    /// </summary>
    public static NominationDecision Record(HonourCall call, Nomination nomination, bool selected, int? rank, decimal? mean, string? against, string? reason, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(nomination);
        var why = Guard.Optional(reason, "rankingReason", "与专家评分排名不一致的理由", 500);
        if (against is not null && why is null)
        {
            throw new DomainValidationException("rankingReason", $"{against}，请填写理由");
        }

        return new NominationDecision
        {
            CallId = call.Id, NominationId = nomination.Id, RegionCode = call.RegionCode, NomineeName = nomination.NomineeName, Selected = selected,
            Rank = rank, MeanScore = mean, AgainstRanking = against, Reason = against is null ? null : why, DecidedByName = actor.Name,
        };
    }
}
