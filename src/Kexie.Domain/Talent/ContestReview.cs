using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.ThinkTank;

namespace Kexie.Domain.Talent;

/// <param name="Name">评分项, e.g. 创新性.</param>
/// <param name="MaxScore">满分 of the item; a contest's items add up to 100.</param>
public sealed record ContestCriterionData(string? Name, int? MaxScore);

/// <summary>
/// The 评分标准 of a contest: items with a Chinese name and a maximum (满分) adding up to 100, so an expert's total is the plain sum of
/// the items (kept as <see cref="ReviewCriterion"/> with the weight equal to the maximum, scored through <see cref="ScoreSheet"/>).
/// </summary>
public static class ContestRubric
{
    /// <summary>The 青少年科技创新大赛 default: 创新性 30, 科学性 30, 实用性 20, 表达 20.</summary>
    public static readonly IReadOnlyList<ContestCriterionData> Default =
    [
        new("创新性", 30),
        new("科学性", 30),
        new("实用性", 20),
        new("表达", 20),
    ];

    /// <summary>Checked items in order: each 满分 1–100, adding up to 100, named once each; none given → <see cref="Default"/>.</summary>
    public static IReadOnlyList<ReviewCriterion> Build(IReadOnlyList<ContestCriterionData>? data)
    {
        var source = data is { Count: > 0 } ? data : Default;
        foreach (var c in source)
        {
            if (c.MaxScore is not (>= 1 and <= 100))
            {
                throw new DomainValidationException("rubric", $"评分项“{c.Name?.Trim()}”的满分应为1到100之间的整数");
            }
        }

        var sum = source.Sum(c => c.MaxScore!.Value);
        if (sum != 100)
        {
            throw new DomainValidationException("rubric", $"评分标准各项满分合计应为100分（现为{sum}分）");
        }

        return ReviewRubric.Build([.. source.Select(c => new ReviewCriterionData(c.Name, c.MaxScore, c.MaxScore))], []);
    }

    /// <summary>
    /// The entry's expert score from the submitted totals: none → null; fewer than five → their mean (one score is the score);
    /// five or more → the mean after dropping one highest and one lowest (去掉一个最高分和一个最低分). One decimal.
    /// </summary>
    public static decimal? Mean(IReadOnlyList<decimal> totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        if (totals.Count == 0)
        {
            return null;
        }

        var kept = totals.Count >= 5 ? totals.Order().Skip(1).Take(totals.Count - 2).ToList() : [.. totals];
        return decimal.Round(kept.Average(), 1);
    }
}

/// <summary>
/// 大赛作品的专家评审: an expert of the 专家库 assigned by the holding region's reviewers to score one work on the contest's 评分标准,
/// from their own page. Conflicts of interest are refused when assigning (<see cref="ConflictOf"/>): the expert works at the entering
/// school or at the teacher's organization, is the teacher or a student, or has declared a conflict on this work (<see cref="Decline"/>).
/// </summary>
public sealed class ContestAssignment : RubricSheet
{
    private readonly List<CriterionScore> scores = [];

    private ContestAssignment()
    {
    }

    public Guid ContestId { get; private set; }

    public Guid EntryId { get; private set; }

    /// <summary>The review round (1-based) the expert scores the work in: each round has its own panel.</summary>
    public int Round { get; private set; } = 1;

    /// <summary>The item scores; <see cref="RubricSheet.Total"/> is their plain sum (weights equal the maxima). <see cref="RubricSheet.Opinion"/> is the reason when declined.</summary>
    public override IReadOnlyList<CriterionScore> Scores => scores;

    protected override List<CriterionScore> Sheet => scores;

    /// <summary>
    /// Assigns <paramref name="expert"/> to score <paramref name="entry"/>; <paramref name="others"/> are the work's assignments so far,
    /// <paramref name="standing"/> the expert's standing declarations (长期回避).
    /// </summary>
    public static ContestAssignment Assign(Contest contest, ContestEntry entry, ExpertCandidate expert, IReadOnlyCollection<ContestAssignment> others, Actor actor, DateTimeOffset? at = null, IReadOnlyCollection<ExpertConflict>? standing = null)
    {
        ArgumentNullException.ThrowIfNull(contest);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(expert);
        ArgumentNullException.ThrowIfNull(others);
        contest.RequireReviewer(actor);
        RequireOpen(contest, entry);
        contest.RequireRoundOpen(entry);
        if (!expert.Active)
        {
            throw new DomainValidationException("expertId", $"{expert.Name}已退出专家库，不能指派");
        }

        if (ConflictOf(entry, expert, others, standing) is { } conflict)
        {
            throw new DomainValidationException("expertId", conflict);
        }

        var round = contest.RoundOf(entry.Category);
        if (others.Any(a => a.ExpertId == expert.ExpertId && a.Round == round))
        {
            throw new InvalidTransitionException(contest.HasRounds ? $"{expert.Name}已被指派在{contest.RoundName(round)}评审作品“{entry.Title}”" : $"{expert.Name}已被指派评审作品“{entry.Title}”");
        }

        var assignment = new ContestAssignment { ContestId = contest.Id, EntryId = entry.Id, Round = round };
        assignment.Start(contest.RegionCode, contest.Rubric, expert, actor, at);
        return assignment;
    }

    /// <summary>
    /// Why <paramref name="expert"/> must stand aside from <paramref name="entry"/> (利益冲突回避), or null: a declaration on this work,
    /// a standing declaration (<paramref name="standing"/>, the expert's own) covering its school or teacher, the expert's employer, name.
    /// </summary>
    public static string? ConflictOf(ContestEntry entry, ExpertCandidate expert, IEnumerable<ContestAssignment>? others = null, IEnumerable<ExpertConflict>? standing = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(expert);
        if (standing?.FirstOrDefault(c => c.ExpertId == expert.ExpertId && c.Covers(entry)) is { } declaredOnce)
        {
            return declaredOnce.Why;
        }

        if (others?.FirstOrDefault(a => a.ExpertId == expert.ExpertId && a.Status == AssignmentStatus.Declined) is { } declared)
        {
            return $"{expert.Name}已声明与本作品存在利益冲突（{declared.Opinion}），须回避";
        }

        if (ScoreSheet.Same(expert.Employer, entry.SchoolName))
        {
            return $"{expert.Name}所在单位（{expert.Employer!.Trim()}）是报送本作品的学校，须回避";
        }

        if (ScoreSheet.Same(expert.Employer, entry.TeacherOrganization))
        {
            return $"{expert.Name}所在单位（{expert.Employer!.Trim()}）是本作品指导教师的单位，须回避";
        }

        if (ScoreSheet.Same(expert.Name, entry.Teacher))
        {
            return $"{expert.Name}是本作品的指导教师，须回避";
        }

        return entry.Students.Any(s => ScoreSheet.Same(s, expert.Name)) ? $"{expert.Name}是本作品的作者，须回避" : null;
    }

    /// <summary>The expert's score, one value per item in order (each 0 to its 满分); Assigned → Scored.</summary>
    public void Score(Contest contest, ContestEntry entry, IReadOnlyList<decimal?>? values, string? opinion, Actor actor, DateTimeOffset? at = null)
    {
        RequireMine(contest, entry, actor);
        Record(values, opinion, at);
    }

    /// <summary>The expert declares a conflict of interest (声明回避) with a reason instead of scoring; they are not assigned this work again.</summary>
    public void Decline(Contest contest, ContestEntry entry, string? reason, Actor actor, DateTimeOffset? at = null)
    {
        RequireMine(contest, entry, actor);
        Mark(AssignmentStatus.Declined, Guard.Required(reason, "reason", "回避理由", 200), at);
    }

    private void RequireMine(Contest contest, ContestEntry entry, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(contest);
        ArgumentNullException.ThrowIfNull(entry);
        if (!IsExpert(actor))
        {
            throw new NotPermittedException("只有被指派的评审专家本人可以评分");
        }

        if (contest.Id != ContestId || entry.Id != EntryId)
        {
            throw new InvalidOperationException("评审任务与作品不一致");
        }

        if (Status != AssignmentStatus.Assigned)
        {
            throw new InvalidTransitionException(Status == AssignmentStatus.Scored ? "您已提交过本作品的评分" : "您已声明回避本作品");
        }

        RequireOpen(contest, entry);
        if (Round != contest.RoundOf(entry.Category))
        {
            throw new InvalidTransitionException($"{contest.RoundName(Round)}已结束，不能再评分");
        }

        contest.RequireRoundOpen(entry);
    }

    /// <summary>Whether the round this sheet belongs to is the current, open one of the work's category (<paramref name="category"/>).</summary>
    public bool InOpenRound(Contest contest, string? category = null) => contest is not null && Round == contest.RoundOf(category) && !contest.RoundClosedFor(category);

    private static void RequireOpen(Contest contest, ContestEntry entry)
    {
        if (contest.Status == ContestStatus.Closed)
        {
            throw new InvalidTransitionException("大赛已结束，评审已停止");
        }

        if (entry.ContestId != contest.Id)
        {
            throw new InvalidOperationException("作品与大赛不一致");
        }

        if (entry.Status == ContestEntryStatus.NotAdvanced)
        {
            throw new InvalidTransitionException($"作品“{entry.Title}”未进入{contest.RoundName(entry.Round + 1)}，专家评审已结束");
        }

        if (entry.Status != ContestEntryStatus.Submitted)
        {
            throw new InvalidTransitionException($"作品“{entry.Title}”已{entry.Status.Chinese()}，专家评审已结束");
        }
    }
}

/// <summary>
/// 晋级记录: the holding region's reviewers decided which works of a round go on to the next (<see cref="Contest.Advance"/>): the rule
/// (前N名 or 分数线), the reason, how many advanced and how many did not, who decided and when.
/// </summary>
public sealed class ContestRoundDecision : Entity, IRegional
{
    private ContestRoundDecision()
    {
    }

    public Guid ContestId { get; private set; }

    /// <summary>The holding region.</summary>
    public string RegionCode { get; private set; } = string.Empty;

    /// <summary>The round decided (1-based) and its name (初评).</summary>
    public int Round { get; private set; }

    public string RoundName { get; private set; } = string.Empty;

    /// <summary>The round the chosen works entered (终评).</summary>
    public string NextRoundName { get; private set; } = string.Empty;

    /// <summary>The rule in words ("每个类别专家评分前10名（并列者同时晋级）", "专家评分不低于80分").</summary>
    public string Rule { get; private set; } = string.Empty;

    public string Reason { get; private set; } = string.Empty;

    public int Advanced { get; private set; }

    public int NotAdvanced { get; private set; }

    public string? DecidedByName { get; private set; }

    /// <summary>The category decided on its own (null: the edition's round, for every category following it).</summary>
    public string? Category { get; private set; }

    internal static ContestRoundDecision Record(Contest contest, int round, string roundName, string nextRoundName, string rule, string reason, int advanced, int notAdvanced, Actor actor, string? category = null) => new()
    {
        ContestId = contest.Id, RegionCode = contest.RegionCode, Round = round, RoundName = roundName, NextRoundName = nextRoundName, Rule = rule, Reason = reason,
        Advanced = advanced, NotAdvanced = notAdvanced, DecidedByName = actor.Name, Category = category,
    };
}
