using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.ThinkTank;

/// <param name="Name">评审指标, e.g. 选题意义与价值.</param>
/// <param name="Weight">权重 in percent; a rubric's weights add up to 100.</param>
/// <param name="MaxScore">满分 of the criterion as the expert scores it.</param>
public sealed record ReviewCriterionData(string? Name, int? Weight, int? MaxScore);

/// <summary>One criterion of a call's review rubric (评审指标): a name, a weight (percent) and the maximum score.</summary>
public sealed class ReviewCriterion
{
    private ReviewCriterion()
    {
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public int Position { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public int Weight { get; private set; }

    public int MaxScore { get; private set; }

    internal static ReviewCriterion Create(int position, string name, int weight, int maxScore) =>
        new() { Position = position, Name = name, Weight = weight, MaxScore = maxScore };
}

/// <summary>The review rubric of think-tank calls: validation and the default used when a call sets none.</summary>
public static class ReviewRubric
{
    public const int MaxCriteria = 10;

    /// <summary>The rubric a call gets when its admins configure none: four criteria, 10 points each, weights adding up to 100.</summary>
    public static readonly IReadOnlyList<ReviewCriterionData> Default =
    [
        new("选题意义与价值", 30, 10),
        new("研究内容与方法", 30, 10),
        new("可行性与研究基础", 20, 10),
        new("预期成果与应用前景", 20, 10),
    ];

    /// <summary>A rubric typed as text, one criterion a line: "选题价值,40,10" (名称,权重,满分; ，、 spaces and tabs also separate);
    /// empty text is no rubric (the caller's default). A malformed line is refused on "rubric", quoting the line.</summary>
    public static List<ReviewCriterionData>? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var list = new List<ReviewCriterionData>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split([',', '，', '、', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length != 3 || !int.TryParse(parts[1], out var weight) || !int.TryParse(parts[2], out var max))
            {
                throw new DomainValidationException("rubric", $"评审指标“{line}”应写作“名称,权重,满分”，如“选题价值,40,10”");
            }

            list.Add(new(parts[0], weight, max));
        }

        return list;
    }

    /// <summary>The text <see cref="Parse"/> reads back: "名称,权重,满分" a line.</summary>
    public static string Text(IEnumerable<(string Name, int Weight, int MaxScore)> criteria) =>
        string.Join("\n", criteria.Select(c => $"{c.Name},{c.Weight},{c.MaxScore}"));

    /// <summary>Checked criteria in order: 1–10, named once each, weights 1–100 adding up to 100, maximum scores 1–100.</summary>
    public static IReadOnlyList<ReviewCriterion> Build(IReadOnlyList<ReviewCriterionData>? data) => Build(data, Default);

    /// <summary>As <see cref="Build(IReadOnlyList{ReviewCriterionData}?)"/>, with <paramref name="fallback"/> when <paramref name="data"/> is empty (a contest's rubric).</summary>
    public static IReadOnlyList<ReviewCriterion> Build(IReadOnlyList<ReviewCriterionData>? data, IReadOnlyList<ReviewCriterionData> fallback)
    {
        var source = data is { Count: > 0 } ? data : fallback;
        if (source.Count > MaxCriteria)
        {
            throw new DomainValidationException("rubric", $"评审指标最多{MaxCriteria}项");
        }

        var list = new List<ReviewCriterion>();
        foreach (var c in source)
        {
            var name = Guard.Required(c.Name, "rubric", "评审指标名称", 30);
            if (list.Any(x => x.Name == name))
            {
                throw new DomainValidationException("rubric", $"评审指标“{name}”重复");
            }

            var weight = c.Weight is { } w && w is >= 1 and <= 100 ? w : throw new DomainValidationException("rubric", $"评审指标“{name}”的权重应为1到100之间的整数");
            var max = c.MaxScore is { } m && m is >= 1 and <= 100 ? m : throw new DomainValidationException("rubric", $"评审指标“{name}”的满分应为1到100之间的整数");
            list.Add(ReviewCriterion.Create(list.Count + 1, name, weight, max));
        }

        var sum = list.Sum(x => x.Weight);
        return sum == 100 ? list : throw new DomainValidationException("rubric", $"评审指标的权重合计应为100（现为{sum}）");
    }
}

public enum AssignmentStatus
{
    /// <summary>待评审.</summary>
    Assigned = 1,

    /// <summary>已评分.</summary>
    Scored = 2,

    /// <summary>已声明回避: the expert declared a conflict of interest (contest reviews).</summary>
    Declined = 3,
}

public static class AssignmentStatusNames
{
    public static string Chinese(this AssignmentStatus status) => status switch
    {
        AssignmentStatus.Scored => "已评分",
        AssignmentStatus.Declined => "已声明回避",
        _ => "待评审",
    };
}

/// <summary>The 专家库 entry being assigned, as the service found it: whose account it is, where the expert works, whether still in the database.</summary>
public sealed record ExpertCandidate(Guid ExpertId, Guid WorkerId, string Name, string? Employer, string? UserId, bool Active);

/// <summary>One criterion's score on an assignment (a snapshot of the criterion, so a score keeps its meaning).</summary>
public sealed class CriterionScore
{
    private CriterionScore()
    {
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public int Position { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public int Weight { get; private set; }

    public int MaxScore { get; private set; }

    public decimal? Score { get; private set; }

    internal static CriterionScore From(ReviewCriterion c) => new() { Position = c.Position, Name = c.Name, Weight = c.Weight, MaxScore = c.MaxScore };

    internal void Set(decimal score) => Score = score;
}

/// <summary>
/// 专家评审指派: an expert of the 专家库 assigned by the call's admins to review a topic, who then scores it on the call's rubric from
/// their own page. Conflicts of interest are refused when assigning: the applicant, the topic's leader, or an expert working for the
/// 承担单位. The weighted total (0–100) is Σ score ÷ 满分 × 权重; the topic's expert score is the mean of the submitted totals.
/// </summary>
public sealed class ExpertAssignment : RubricSheet
{
    private readonly List<CriterionScore> scores = [];

    private ExpertAssignment()
    {
    }

    public Guid TopicId { get; private set; }

    public override IReadOnlyList<CriterionScore> Scores => scores;

    protected override List<CriterionScore> Sheet => scores;

    /// <summary>Assigns <paramref name="expert"/> to review <paramref name="topic"/> with the criteria of its call.</summary>
    public static ExpertAssignment Assign(ThinkTankTopic topic, IReadOnlyList<ReviewCriterion> rubric, ExpertCandidate expert, IReadOnlyCollection<Guid> assignedExperts, Actor actor, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(expert);
        ArgumentNullException.ThrowIfNull(assignedExperts);
        if (!topic.MayReview(actor))
        {
            throw new NotPermittedException("只有发布征集地区（含上级）的管理人员可以指派评审专家");
        }

        if (topic.Status is not (TopicStatus.Submitted or TopicStatus.UnderReview))
        {
            throw new InvalidTransitionException($"课题当前状态为“{topic.Status.Chinese()}”，不能再指派评审专家");
        }

        if (!expert.Active)
        {
            throw new DomainValidationException("expertId", $"{expert.Name}已退出专家库，不能指派");
        }

        if (ConflictOf(topic, expert) is { } conflict)
        {
            throw new DomainValidationException("expertId", conflict);
        }

        if (assignedExperts.Contains(expert.ExpertId))
        {
            throw new InvalidTransitionException($"{expert.Name}已被指派评审本课题");
        }

        var assignment = new ExpertAssignment { TopicId = topic.Id };
        assignment.Start(topic.CallRegionCode, rubric, expert, actor, at);
        return assignment;
    }

    /// <summary>Why <paramref name="expert"/> may not review <paramref name="topic"/> (利益冲突回避), or null when nothing stands in the way.</summary>
    public static string? ConflictOf(ThinkTankTopic topic, ExpertCandidate expert)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(expert);
        if (expert.UserId is not null && expert.UserId == topic.ApplicantUserId)
        {
            return $"{expert.Name}是本课题的申报人，须回避，不能担任评审专家";
        }

        if (Same(expert.Name, topic.LeaderName))
        {
            return $"{expert.Name}是本课题的负责人，须回避，不能担任评审专家";
        }

        return Same(expert.Employer, topic.LeaderOrganization)
            ? $"{expert.Name}所在单位（{expert.Employer!.Trim()}）是本课题的承担单位，须回避，不能担任评审专家"
            : null;
    }

    /// <summary>The expert's scores, one per criterion in order (each 0 to its 满分), and an opinion; Assigned → Scored. The topic goes under review.</summary>
    public void Score(ThinkTankTopic topic, IReadOnlyList<decimal?>? values, string? opinion, Actor actor, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (!IsExpert(actor))
        {
            throw new NotPermittedException("只有被指派的评审专家本人可以评分");
        }

        if (Status != AssignmentStatus.Assigned)
        {
            throw new InvalidTransitionException("您已提交过本课题的评分");
        }

        if (topic.Id != TopicId || topic.Status is not (TopicStatus.Submitted or TopicStatus.UnderReview))
        {
            throw new InvalidTransitionException($"课题当前状态为“{topic.Status.Chinese()}”，评审已结束");
        }

        topic.ExpertScored(Record(values, opinion, at));
    }

    private static bool Same(string? a, string? b) => ScoreSheet.Same(a, b);
}

/// <summary>
/// One expert's score sheet on a rubric (智库课题 <see cref="ExpertAssignment"/>, 大赛作品 <c>ContestAssignment</c>): the 专家库 expert
/// assigned, by whom, in which region, the criterion scores (a snapshot of the rubric), the total, the opinion — and the rules every
/// such sheet shares: only the expert's own account scores it, once.
/// </summary>
public abstract class RubricSheet : Entity, IRegional
{
    /// <summary>The organizing region: whose reviewers assign.</summary>
    public string RegionCode { get; protected set; } = string.Empty;

    public Guid ExpertId { get; protected set; }

    public Guid ExpertWorkerId { get; protected set; }

    public string ExpertName { get; protected set; } = string.Empty;

    public string? AssignedByName { get; protected set; }

    public AssignmentStatus Status { get; protected set; } = AssignmentStatus.Assigned;

    /// <summary>Weighted total, 0–100, once scored.</summary>
    public decimal? Total { get; protected set; }

    public string? Opinion { get; protected set; }

    public DateTimeOffset? ScoredAt { get; protected set; }

    public int Version { get; protected set; }

    public abstract IReadOnlyList<CriterionScore> Scores { get; }

    /// <summary>The mapped list behind <see cref="Scores"/> (each sheet keeps its own field for the database mapping).</summary>
    protected abstract List<CriterionScore> Sheet { get; }

    /// <summary>Whether <paramref name="actor"/> is the assigned expert (their account is the expert's science worker).</summary>
    public bool IsExpert(Actor actor) => actor.ScienceWorkerId is { } worker && worker == ExpertWorkerId;

    public bool MayScore(Actor actor) => Status == AssignmentStatus.Assigned && IsExpert(actor);

    /// <summary>Fills a new sheet: the expert, the assigning actor, the region, and one empty score per criterion.</summary>
    protected void Start(string regionCode, IReadOnlyList<ReviewCriterion> rubric, ExpertCandidate expert, Actor actor, DateTimeOffset? at)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(expert);
        var when = at ?? DateTimeOffset.UtcNow;
        RegionCode = regionCode;
        ExpertId = expert.ExpertId;
        ExpertWorkerId = expert.WorkerId;
        ExpertName = expert.Name;
        AssignedByName = actor.Name;
        CreatedAt = when;
        UpdatedAt = when;
        Sheet.AddRange(rubric.OrderBy(c => c.Position).Select(CriterionScore.From));
    }

    /// <summary>The expert's values (checked by <see cref="ScoreSheet.Fill"/>) and opinion; Assigned → Scored. Answers when.</summary>
    protected DateTimeOffset Record(IReadOnlyList<decimal?>? values, string? opinion, DateTimeOffset? at)
    {
        var (total, note) = ScoreSheet.Fill(Sheet, values, opinion);
        var when = at ?? DateTimeOffset.UtcNow;
        Total = total;
        Opinion = note;
        ScoredAt = when;
        Status = AssignmentStatus.Scored;
        UpdatedAt = when;
        Version++;
        return when;
    }

    /// <summary>Another state change of the sheet (declared conflict and the like).</summary>
    protected void Mark(AssignmentStatus status, string? opinion, DateTimeOffset? at)
    {
        Status = status;
        Opinion = opinion;
        UpdatedAt = at ?? DateTimeOffset.UtcNow;
        Version++;
    }
}

/// <summary>
/// What every expert review on a rubric shares (智库课题, 大赛作品): filling an assignment's criterion scores from the values an expert
/// submits, and the name/organization comparison behind conflict-of-interest checks.
/// </summary>
public static class ScoreSheet
{
    /// <summary>
    /// Checks one value per criterion, in order (each 0 to its 满分, the message naming the criterion), and the opinion; sets the
    /// scores and answers the weighted total (Σ score ÷ 满分 × 权重, one decimal) and the trimmed opinion. Nothing is set when a value fails.
    /// </summary>
    public static (decimal Total, string? Opinion) Fill(IReadOnlyList<CriterionScore> scores, IReadOnlyList<decimal?>? values, string? opinion)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var ordered = scores.OrderBy(s => s.Position).ToList();
        if (values is null || values.Count != ordered.Count)
        {
            throw new DomainValidationException("scores", $"请为全部{ordered.Count}项评审指标打分");
        }

        var checkedValues = new List<decimal>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var c = ordered[i];
            var v = values[i] ?? throw new DomainValidationException("scores", $"请为“{c.Name}”打分");
            if (v < 0 || v > c.MaxScore)
            {
                throw new DomainValidationException("scores", $"“{c.Name}”的得分应在0到{c.MaxScore}之间");
            }

            checkedValues.Add(decimal.Round(v, 1));
        }

        var note = Guard.Optional(opinion, "opinion", "评审意见", MarketRules.NoteMaxLength);
        var total = 0m;
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Set(checkedValues[i]);
            total += checkedValues[i] / ordered[i].MaxScore * ordered[i].Weight;
        }

        return (decimal.Round(total, 1), note);
    }

    /// <summary>Whether two names (a person, an organization) are the same once trimmed; blanks never match.</summary>
    public static bool Same(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && !string.IsNullOrWhiteSpace(b) && string.Equals(a.Trim(), b.Trim(), StringComparison.Ordinal);
}
