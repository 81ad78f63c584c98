using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.ThinkTank;

namespace Kexie.Domain.Talent;

/// <summary>The level of a contest edition: which association holds it.</summary>
public enum ContestLevel
{
    /// <summary>全国.</summary>
    National = 1,

    /// <summary>省级.</summary>
    Provincial = 2,

    /// <summary>市（州）级.</summary>
    Prefectural = 3,

    /// <summary>县（市、区）级.</summary>
    County = 4,
}

public enum ContestStatus
{
    /// <summary>征集中: schools enter works.</summary>
    Open = 1,

    /// <summary>评审中: no new works; reviews, awards and recommendations go on.</summary>
    Reviewing = 2,

    /// <summary>已结束.</summary>
    Closed = 3,
}

public enum ContestEntryStatus
{
    /// <summary>已报送, waiting for the review.</summary>
    Submitted = 1,

    /// <summary>评审通过 (may be awarded and recommended upward).</summary>
    Accepted = 2,

    /// <summary>未通过.</summary>
    Rejected = 3,

    /// <summary>未晋级: left behind when the reviewers chose the works of the next round (未进入终评); its round says which.</summary>
    NotAdvanced = 4,
}

/// <summary>The kind of a contest: 青少年科技创新大赛 and the other youth activities the seeds name.</summary>
public enum ContestKind
{
    /// <summary>青少年科技创新大赛 (青创赛).</summary>
    Innovation = 1,

    /// <summary>青少年科技创新成果市长奖评选.</summary>
    MayorAward = 2,

    /// <summary>青少年科技教育“金钥匙”活动（科技竞赛）.</summary>
    GoldenKey = 3,

    /// <summary>科幻绘画竞赛.</summary>
    SciFiPainting = 4,

    /// <summary>青少年科学调查体验活动.</summary>
    ScienceSurvey = 5,
}

/// <summary>学段 of a work's authors (参赛条件 may limit an edition to some).</summary>
public enum SchoolStage
{
    /// <summary>小学.</summary>
    Primary = 1,

    /// <summary>初中.</summary>
    Junior = 2,

    /// <summary>高中（含中职）.</summary>
    Senior = 4,
}

/// <summary>奖项等次 of a contest level.</summary>
public enum AwardGrade
{
    First = 1,
    Second = 2,
    Third = 3,

    /// <summary>优秀奖.</summary>
    Excellence = 4,
}

public static class ContestNames
{
    public static string Chinese(this ContestLevel level) => level switch
    {
        ContestLevel.National => "全国",
        ContestLevel.Provincial => "省级",
        ContestLevel.Prefectural => "市级",
        _ => "县级",
    };

    public static string Chinese(this ContestStatus status) => status switch
    {
        ContestStatus.Open => "征集中",
        ContestStatus.Reviewing => "评审中",
        _ => "已结束",
    };

    public static string Chinese(this ContestEntryStatus status) => status switch
    {
        ContestEntryStatus.Submitted => "待评审",
        ContestEntryStatus.Accepted => "评审通过",
        ContestEntryStatus.NotAdvanced => "未晋级",
        _ => "未通过",
    };

    public static string Chinese(this ContestKind kind) => kind switch
    {
        ContestKind.MayorAward => "青少年科技创新成果市长奖评选",
        ContestKind.GoldenKey => "青少年科技教育“金钥匙”活动",
        ContestKind.SciFiPainting => "科幻绘画竞赛",
        ContestKind.ScienceSurvey => "青少年科学调查体验活动",
        _ => "青少年科技创新大赛",
    };

    public static string Chinese(this SchoolStage stage) => stage switch
    {
        SchoolStage.Primary => "小学",
        SchoolStage.Junior => "初中",
        _ => "高中",
    };

    public static string Chinese(this AwardGrade grade) => grade switch
    {
        AwardGrade.First => "一等奖",
        AwardGrade.Second => "二等奖",
        AwardGrade.Third => "三等奖",
        _ => "优秀奖",
    };

    /// <summary>The contest level that matches a region's level (51 → 省级, 5109 → 市级, 510923 → 县级).</summary>
    public static ContestLevel LevelFor(string regionCode) => regionCode.Length switch
    {
        0 => ContestLevel.National,
        2 => ContestLevel.Provincial,
        4 => ContestLevel.Prefectural,
        _ => ContestLevel.County,
    };

    /// <summary>The categories a new 青少年科技创新大赛 starts with.</summary>
    public static readonly IReadOnlyList<string> DefaultCategories = ["科技创新成果", "科幻绘画", "科技实践活动", "少年儿童科学幻想绘画", "青少年科学调查体验"];
}

/// <param name="Name">e.g. 第35届四川省青少年科技创新大赛.</param>
/// <param name="RecommendQuota">推荐名额: how many works this edition may recommend to the next level (null: no limit).</param>
/// <param name="Rubric">评分标准 (items adding up to 100): null keeps the edition's (a new one gets <see cref="ContestRubric.Default"/>).</param>
/// <param name="Eligibility">参赛条件: null keeps the edition's (a new one has none).</param>
/// <param name="Rounds">评审轮次 in order (e.g. 初评、终评): null keeps the edition's (a new one has one round); one name or none is one round.</param>
/// <param name="Kind">大赛类型: null keeps the edition's (a new one is a 青少年科技创新大赛).</param>
public sealed record ContestData(string? Name, int? Year, string? RegionCode, IReadOnlyList<string>? Categories, int? RecommendQuota, string? Note = null, IReadOnlyList<ContestCriterionData>? Rubric = null,
    ContestEligibility? Eligibility = null, IReadOnlyList<string>? Rounds = null, ContestKind? Kind = null);

/// <summary>
/// How the works of a round advance to the next (晋级): the <paramref name="Top"/> best expert scores (of the edition, or of each category
/// when <paramref name="PerCategory"/>; works tied with the last one advance with it), or every work scoring at least
/// <paramref name="MinScore"/>; one of the two, with the reviewers' <paramref name="Reason"/>.
/// </summary>
public sealed record ContestAdvanceData(int? Top, decimal? MinScore, bool PerCategory, string? Reason);

/// <summary>
/// 参赛条件 of an edition, for the works of every category: which 学段 may enter (none listed: every one), at most how many authors a work
/// has (<paramref name="MaxStudents"/>, null: <see cref="ContestEntry.MaxStudents"/>), whether a student enters at most one work per
/// category (<paramref name="OnePerStudent"/>: the same name at the same school), whether a 指导教师 is required.
/// </summary>
public sealed record ContestEligibility(IReadOnlyList<SchoolStage>? Stages = null, int? MaxStudents = null, bool OnePerStudent = false, bool TeacherRequired = false);

/// <param name="TeacherOrganization">指导教师所在单位 when not the school (a conflict of interest for its experts).</param>
/// <param name="Stage">学段 of the authors: required when the edition limits the stages.</param>
public sealed record ContestEntryData(string? Title, string? Category, IReadOnlyList<string>? Students, string? Teacher, string? Summary = null, string? TeacherOrganization = null, SchoolStage? Stage = null);

/// <summary>
/// A contest edition (青少年科技创新大赛 and the like) held by one region's association in one year, at that region's level,
/// with its categories. Schools enter works (<see cref="ContestEntry"/>); the region reviews and awards them and recommends
/// up to <see cref="RecommendQuota"/> of them to an edition of a higher level whose region holds this one.
/// </summary>
public sealed class Contest : Entity, IRegional
{
    public const int MaxCategories = 20;

    private readonly List<ReviewCriterion> criteria = [];

    private Contest()
    {
    }

    /// <summary>The 评分标准 as stored; empty for editions held before rubrics (they use <see cref="ContestRubric.Default"/>).</summary>
    public IReadOnlyList<ReviewCriterion> Criteria => criteria;

    /// <summary>The items experts score this edition's works on, in order; their maxima add up to 100.</summary>
    public IReadOnlyList<ReviewCriterion> Rubric => criteria.Count > 0 ? [.. criteria.OrderBy(c => c.Position)] : ContestRubric.Build(null);

    public string Name { get; private set; } = string.Empty;

    public int Year { get; private set; }

    public ContestLevel Level { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    public string[] Categories { get; private set; } = [];

    public int? RecommendQuota { get; private set; }

    public string? Note { get; private set; }

    public ContestStatus Status { get; private set; } = ContestStatus.Open;

    /// <summary>参赛条件: the 学段 that may enter, as a sum of <see cref="SchoolStage"/> values (0: every stage).</summary>
    public int StageMask { get; private set; }

    /// <summary>参赛条件: at most this many authors per work (null: <see cref="ContestEntry.MaxStudents"/>).</summary>
    public int? MaxStudentsPerEntry { get; private set; }

    /// <summary>参赛条件: a student enters at most one work per category.</summary>
    public bool OneEntryPerStudent { get; private set; }

    /// <summary>参赛条件: every work names its 指导教师.</summary>
    public bool TeacherRequired { get; private set; }

    /// <summary>The 学段 that may enter (empty: every stage).</summary>
    public IReadOnlyList<SchoolStage> Stages => [.. Enum.GetValues<SchoolStage>().Where(s => (StageMask & (int)s) != 0)];

    /// <summary>The 参赛条件 in words ("限小学、初中学生；每件作品作者最多3人；每名学生每个类别限报1件；须有指导教师"), or null when there are none.</summary>
    public string? EligibilityText
    {
        get
        {
            var parts = new List<string>();
            if (Stages.Count > 0)
            {
                parts.Add($"限{string.Join("、", Stages.Select(s => s.Chinese()))}学生");
            }

            if (MaxStudentsPerEntry is { } max)
            {
                parts.Add($"每件作品作者最多{max}人");
            }

            if (OneEntryPerStudent)
            {
                parts.Add("每名学生每个类别限报1件");
            }

            if (TeacherRequired)
            {
                parts.Add("须有指导教师");
            }

            return parts.Count == 0 ? null : string.Join("；", parts);
        }
    }

    /// <summary>大赛类型 (青少年科技创新大赛, 金钥匙, 科幻绘画, 科学调查体验, 市长奖).</summary>
    public ContestKind Kind { get; private set; } = ContestKind.Innovation;

    /// <summary>评审轮次 in order (初评、终评…); empty: one round.</summary>
    public string[] RoundNames { get; private set; } = [];

    /// <summary>The round the review is in (1-based).</summary>
    public int CurrentRound { get; private set; } = 1;

    /// <summary>Whether the reviewers closed the current round (no assigning or scoring until they open it again or advance).</summary>
    public bool RoundClosed { get; private set; }

    /// <summary>
    /// The categories that run their own review round (评审轮次按类别推进): a category named here is in round
    /// <see cref="CategoryRoundNumbers"/> (same position), open or closed as <see cref="ClosedRoundCategories"/> says; the others follow
    /// the edition's <see cref="CurrentRound"/> and <see cref="RoundClosed"/>.
    /// </summary>
    public string[] RoundCategories { get; private set; } = [];

    /// <summary>The round (1-based) of each category of <see cref="RoundCategories"/>, in the same order.</summary>
    public int[] CategoryRoundNumbers { get; private set; } = [];

    /// <summary>The categories of <see cref="RoundCategories"/> whose current round the reviewers closed.</summary>
    public string[] ClosedRoundCategories { get; private set; } = [];

    /// <summary>The round <paramref name="category"/>'s works are in: its own, or the edition's for a category that follows it.</summary>
    public int RoundOf(string? category)
    {
        var i = category is null ? -1 : Array.IndexOf(RoundCategories, category);
        return i >= 0 && i < CategoryRoundNumbers.Length ? CategoryRoundNumbers[i] : CurrentRound;
    }

    /// <summary>Whether <paramref name="category"/> runs its own round (closed, opened or advanced on its own).</summary>
    public bool HasOwnRound(string? category) => category is not null && RoundCategories.Contains(category);

    /// <summary>Whether the reviewers closed <paramref name="category"/>'s current round (its own, or the edition's).</summary>
    public bool RoundClosedFor(string? category) => HasOwnRound(category) ? ClosedRoundCategories.Contains(category!) : RoundClosed;

    /// <summary>Whether <paramref name="category"/> is in the last round: its scores make the category's results and awards.</summary>
    public bool InFinalRoundFor(string? category) => RoundOf(category) >= RoundCount;

    /// <summary>Whether any category has gone past the first round (the rounds can no longer be renamed).</summary>
    public bool ReviewStarted => CurrentRound > 1 || CategoryRoundNumbers.Any(r => r > 1);

    /// <summary>Whether every category has reached the last round (the whole edition's results may be published).</summary>
    public bool AllCategoriesInFinalRound => Categories.All(InFinalRoundFor);

    /// <summary>How many rounds the review has (1 when none are named).</summary>
    public int RoundCount => Math.Max(1, RoundNames.Length);

    /// <summary>Whether the edition reviews in several rounds (初评 → 终评).</summary>
    public bool HasRounds => RoundCount > 1;

    /// <summary>Whether the current round is the last one: its scores make the results and awards.</summary>
    public bool InFinalRound => CurrentRound >= RoundCount;

    public int Version { get; private set; }

    /// <summary>The name of round <paramref name="round"/> (1-based): its given name, or 评审 for a one-round edition.</summary>
    public string RoundName(int round) => round >= 1 && round <= RoundNames.Length ? RoundNames[round - 1] : "评审";

    public static Contest Create(ContestData data, Actor actor)
    {
        var contest = new Contest();
        contest.Apply(data);
        contest.RequireAdmin(actor);
        return contest;
    }

    public void Update(ContestData data, Actor actor)
    {
        RequireAdmin(actor);
        var region = RegionCode;
        Apply(data);
        if (region != RegionCode)
        {
            throw new DomainValidationException("regionCode", "大赛的举办地区不能修改");
        }

        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }

    /// <summary>征集中 → 评审中 → 已结束, or back to 征集中 from 评审中.</summary>
    public void MoveTo(ContestStatus status, Actor actor)
    {
        RequireAdmin(actor);
        var allowed = (Status, status) is (ContestStatus.Open, ContestStatus.Reviewing) or (ContestStatus.Reviewing, ContestStatus.Closed)
            or (ContestStatus.Reviewing, ContestStatus.Open) or (ContestStatus.Open, ContestStatus.Closed);
        if (!allowed)
        {
            throw new InvalidTransitionException($"大赛{Status.Chinese()}，不能改为{status.Chinese()}");
        }

        Status = status;
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }

    /// <summary>
    /// Whether the actor holds, edits and moves this edition: a manager of the holding region. Which managers is the
    /// permission's decision (`talent.contests.manage`, admins by default), so a grant to staff works.
    /// </summary>
    public bool MayManage(Actor actor) => actor.Manages(RegionCode);

    /// <summary>Whether the actor reviews, awards and recommends this edition's works: a manager of the holding region
    /// (`talent.contests.review` says which; admins and staff by default).</summary>
    public bool MayReview(Actor actor) => actor.Manages(RegionCode);

    public void RequireAdmin(Actor actor)
    {
        if (!MayManage(actor))
        {
            throw new NotPermittedException("只有举办地区的管理人员可以管理该大赛");
        }
    }

    public void RequireReviewer(Actor actor)
    {
        if (!MayReview(actor))
        {
            throw new NotPermittedException("只有举办地区的管理人员可以评审该大赛的作品");
        }
    }

    /// <summary>Refuses assigning and scoring while the work's category's round is closed, or a work that is not in its category's current round.</summary>
    public void RequireRoundOpen(ContestEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var round = RoundOf(entry.Category);
        if (RoundClosedFor(entry.Category))
        {
            throw new InvalidTransitionException($"{Label(entry.Category)}{RoundName(round)}已结束，不能再指派专家或评分");
        }

        if (entry.Round != round)
        {
            throw new InvalidTransitionException($"作品“{entry.Title}”不在{RoundName(round)}");
        }
    }

    /// <summary>
    /// 结束本轮: the experts stop scoring the current round (the reviewers may open it again until they advance) — of one
    /// <paramref name="category"/>, or (null) of the edition's round, which every category without its own round follows.
    /// </summary>
    public void CloseRound(Actor actor, string? category = null)
    {
        RequireReviewer(actor);
        RequireNotClosed();
        var own = category is null ? null : OwnRound(category);
        if (RoundClosedFor(own))
        {
            throw new InvalidTransitionException($"{Label(own)}{RoundName(RoundOf(own))}已结束");
        }

        if (own is null)
        {
            RoundClosed = true;
        }
        else
        {
            ClosedRoundCategories = [.. ClosedRoundCategories, own];
        }

        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }

    /// <summary>开启本轮: the experts score the current round again (of one <paramref name="category"/>, or of the edition's round).</summary>
    public void OpenRound(Actor actor, string? category = null)
    {
        RequireReviewer(actor);
        RequireNotClosed();
        var own = category is null ? null : OwnRound(category);
        if (!RoundClosedFor(own))
        {
            throw new InvalidTransitionException($"{Label(own)}{RoundName(RoundOf(own))}正在进行");
        }

        if (own is null)
        {
            RoundClosed = false;
        }
        else
        {
            ClosedRoundCategories = [.. ClosedRoundCategories.Where(c => c != own)];
        }

        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }

    /// <summary>"“科幻绘画”类别" for a category, nothing for the edition's round.</summary>
    private static string Label(string? category) => category is null ? string.Empty : $"“{category}”类别";

    /// <summary>The category (checked) made to run its own round, starting where the edition's round is.</summary>
    private string OwnRound(string category)
    {
        var name = RequireCategory(category);
        if (!HasOwnRound(name))
        {
            RoundCategories = [.. RoundCategories, name];
            CategoryRoundNumbers = [.. CategoryRoundNumbers, CurrentRound];
            if (RoundClosed)
            {
                ClosedRoundCategories = [.. ClosedRoundCategories, name];
            }
        }

        return name;
    }

    private void SetCategoryRound(string category, int round)
    {
        var i = Array.IndexOf(RoundCategories, category);
        var numbers = CategoryRoundNumbers.ToArray();
        numbers[i] = round;
        CategoryRoundNumbers = numbers;
        ClosedRoundCategories = [.. ClosedRoundCategories.Where(c => c != category)];
    }

    /// <summary>
    /// 晋级: the works of the current round chosen by <paramref name="rule"/> go on to the next round (their expert score starts again),
    /// the rest of the round's waiting works are 未进入{next}; the round closes, the next one opens, and the decision (rule, reason,
    /// counts) is recorded. <paramref name="entries"/>: the edition's works (those of the current round waiting for the review take part).
    /// </summary>
    /// <remarks>
    /// With <paramref name="category"/> only that category's works take part and only that category goes on (the others stay where they
    /// are: 科幻绘画 may be in 终评 while 科技创新成果 is still in 初评); without, the works of every category that follows the edition's
    /// round take part and the edition's round goes on.
    /// </remarks>
    public ContestRoundDecision Advance(IReadOnlyList<ContestEntry> entries, ContestAdvanceData rule, Actor actor, string? category = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(rule);
        RequireReviewer(actor);
        if (Status != ContestStatus.Reviewing)
        {
            throw new InvalidTransitionException($"大赛{Status.Chinese()}，须在评审中确定晋级作品");
        }

        var own = category is null ? null : RequireCategory(category);
        var current = RoundOf(own);
        if (current >= RoundCount)
        {
            throw new InvalidTransitionException(own is null
                ? $"{RoundName(current)}是最后一轮评审，其结果即为大赛结果，不再晋级"
                : $"“{own}”类别已在{RoundName(current)}（最后一轮评审），其结果即为该类别的结果，不再晋级");
        }

        if (own is null && Categories.All(HasOwnRound))
        {
            throw new InvalidTransitionException("各类别已分别推进评审，请按类别确定晋级作品");
        }

        if (rule.Top is null && rule.MinScore is null)
        {
            throw new DomainValidationException("top", "请填写晋级名额或晋级分数线");
        }

        if (rule.Top is not null && rule.MinScore is not null)
        {
            throw new DomainValidationException("top", "晋级名额与晋级分数线只能选填一项");
        }

        if (rule.Top is { } top && top is < 1 or > 100_000)
        {
            throw new DomainValidationException("top", "晋级名额应为1到100000之间的整数");
        }

        if (rule.MinScore is { } min && min is < 0 or > 100)
        {
            throw new DomainValidationException("minScore", "晋级分数线应在0到100之间");
        }

        var reason = Guard.Required(rule.Reason, "reason", "晋级理由", 500);
        var next = RoundName(current + 1);
        var waiting = entries.Where(e => e.ContestId == Id && e.Round == current && e.Status == ContestEntryStatus.Submitted
            && (own is null ? !HasOwnRound(e.Category) : e.Category == own)).ToList();
        if (waiting.Count == 0)
        {
            throw new InvalidTransitionException($"{Label(own)}{RoundName(current)}没有待评审的作品");
        }

        var chosen = new HashSet<Guid>();
        if (rule.Top is { } n)
        {
            foreach (var group in rule.PerCategory ? waiting.GroupBy(e => e.Category) : waiting.GroupBy(_ => string.Empty))
            {
                var scored = group.Where(e => e.ExpertScore is not null).OrderByDescending(e => e.ExpertScore).ToList();
                var cut = scored.Count <= n ? null : scored[n - 1].ExpertScore;
                chosen.UnionWith(scored.Where(e => cut is null || e.ExpertScore >= cut).Select(e => e.Id));
            }
        }
        else
        {
            chosen.UnionWith(waiting.Where(e => e.ExpertScore >= rule.MinScore).Select(e => e.Id));
        }

        if (chosen.Count == 0)
        {
            throw new DomainValidationException(rule.Top is not null ? "top" : "minScore", $"按此规则没有作品进入{next}（尚无专家评分的作品不能晋级）");
        }

        foreach (var entry in waiting)
        {
            if (chosen.Contains(entry.Id))
            {
                entry.AdvanceTo(current + 1);
            }
            else
            {
                entry.StopBefore(current + 1);
            }
        }

        var text = rule.Top is { } t
            ? $"{(own is not null ? $"“{own}”类别" : rule.PerCategory ? "每个类别" : "")}专家评分前{t}名（并列者同时晋级）"
            : $"{(own is not null ? $"“{own}”类别" : "")}专家评分不低于{rule.MinScore!.Value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}分";
        var decision = ContestRoundDecision.Record(this, current, RoundName(current), next, text, reason, chosen.Count, waiting.Count - chosen.Count, actor, own);
        if (own is not null)
        {
            OwnRound(own);
            SetCategoryRound(own, current + 1);
        }
        else
        {
            CurrentRound++;
            RoundClosed = false;
        }

        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
        return decision;
    }

    /// <summary>The category named <paramref name="category"/> of this edition (exact name).</summary>
    public string RequireCategory(string? category)
    {
        var name = Guard.Required(category, "category", "作品类别", 30);
        return Categories.Contains(name)
            ? name
            : throw new DomainValidationException("category", $"本届大赛没有“{name}”类别（可选：{string.Join("、", Categories)}）");
    }

    private void RequireNotClosed()
    {
        if (Status == ContestStatus.Closed)
        {
            throw new InvalidTransitionException("大赛已结束，评审已停止");
        }
    }

    private void ApplyRounds(IReadOnlyList<string>? rounds)
    {
        if (rounds is null)
        {
            return;
        }

        var names = new List<string>();
        foreach (var r in rounds)
        {
            var name = Guard.Optional(r, "rounds", "评审轮次名称", 10);
            if (name is not null && !names.Contains(name))
            {
                names.Add(name);
            }
        }

        if (names.Count > 5)
        {
            throw new DomainValidationException("rounds", "评审轮次最多5轮");
        }

        var given = names.Count > 1 ? names.ToArray() : [];
        if (ReviewStarted && !given.SequenceEqual(RoundNames))
        {
            throw new DomainValidationException("rounds", $"大赛已进入{RoundName(Math.Max(CurrentRound, CategoryRoundNumbers.DefaultIfEmpty(1).Max()))}，评审轮次不能再修改");
        }

        RoundNames = given;
    }

    private void Apply(ContestData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Name = Guard.Required(data.Name, "name", "大赛名称", 100);
        ApplyRounds(data.Rounds);
        Kind = data.Kind switch
        {
            null => Kind,
            { } k when Enum.IsDefined(k) => k,
            _ => throw new DomainValidationException("kind", "大赛类型不正确"),
        };
        Year = data.Year is { } year and >= 1980 and <= 2100 ? year : throw new DomainValidationException("year", "请填写举办年份（如 2023）");
        RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        Level = ContestNames.LevelFor(RegionCode);
        var categories = new List<string>();
        foreach (var c in data.Categories ?? [])
        {
            var name = Guard.Optional(c, "categories", "作品类别", 30);
            if (name is not null && !categories.Contains(name))
            {
                categories.Add(name);
            }
        }

        if (categories.Count == 0)
        {
            throw new DomainValidationException("categories", "请至少设置一个作品类别");
        }

        Categories = categories.Count <= MaxCategories ? [.. categories] : throw new DomainValidationException("categories", $"作品类别最多{MaxCategories}个");
        var kept = RoundCategories.Select((c, i) => (c, i)).Where(x => categories.Contains(x.c)).ToList();
        if (kept.Count != RoundCategories.Length)
        {
            if (RoundCategories.Where(c => !categories.Contains(c)).Any(c => RoundOf(c) > 1))
            {
                throw new DomainValidationException("categories", "已进入下一轮评审的类别不能删除");
            }

            CategoryRoundNumbers = [.. kept.Select(x => CategoryRoundNumbers[x.i])];
            RoundCategories = [.. kept.Select(x => x.c)];
            ClosedRoundCategories = [.. ClosedRoundCategories.Where(categories.Contains)];
        }

        RecommendQuota = data.RecommendQuota switch
        {
            null => null,
            < 0 or > 100_000 => throw new DomainValidationException("recommendQuota", "推荐名额应为0到100000之间的整数"),
            var q => q,
        };
        Note = Guard.Optional(data.Note, "note", "备注", 500);
        if (data.Eligibility is { } rules)
        {
            var mask = 0;
            foreach (var stage in rules.Stages ?? [])
            {
                mask |= Enum.IsDefined(stage) ? (int)stage : throw new DomainValidationException("stages", "学段应为小学、初中或高中");
            }

            StageMask = mask;
            MaxStudentsPerEntry = rules.MaxStudents switch
            {
                null => null,
                < 1 or > ContestEntry.MaxStudents => throw new DomainValidationException("maxStudents", $"每件作品作者人数上限应为1到{ContestEntry.MaxStudents}之间的整数"),
                var n => n,
            };
            OneEntryPerStudent = rules.OnePerStudent;
            TeacherRequired = rules.TeacherRequired;
        }

        if (data.Rubric is not null || criteria.Count == 0)
        {
            var rubric = ContestRubric.Build(data.Rubric);
            criteria.Clear();
            criteria.AddRange(rubric);
        }
    }
}

/// <summary>
/// A work entered in one contest edition by a school (named by the school's directory record, its name kept with the work): title,
/// category, students, teacher. The edition's region reviews it (通过/未通过, a score), awards it, and may recommend it upward:
/// the recommendation is a new entry of the higher edition (<see cref="SourceEntryId"/>), which that edition's region then reviews.
/// </summary>
public sealed class ContestEntry : Entity, IRegional
{
    public const int MaxStudents = 10;

    private readonly List<Attachment> attachments = [];

    private ContestEntry()
    {
    }

    /// <summary>The work's files (研究报告、照片、图纸…): the entrant uploads and removes them while the work may be edited.</summary>
    public IReadOnlyList<Attachment> Attachments => attachments;

    public Guid ContestId { get; private set; }

    /// <summary>The school's region (scope of the school's own records).</summary>
    public string RegionCode { get; private set; } = string.Empty;

    public string Title { get; private set; } = string.Empty;

    public string Category { get; private set; } = string.Empty;

    public string[] Students { get; private set; } = [];

    /// <summary>指导教师.</summary>
    public string? Teacher { get; private set; }

    /// <summary>指导教师所在单位, when given (conflict of interest for its experts).</summary>
    public string? TeacherOrganization { get; private set; }

    public string? Summary { get; private set; }

    /// <summary>学段 of the authors (given when the edition limits the stages, or when the entrant says).</summary>
    public SchoolStage? Stage { get; private set; }

    /// <summary>The school's directory record (null once that record is deleted; the name stays).</summary>
    public Guid? SchoolId { get; private set; }

    public string SchoolName { get; private set; } = string.Empty;

    public ContestEntryStatus Status { get; private set; } = ContestEntryStatus.Submitted;

    /// <summary>评审得分 (0–100): the reviewers' figure, or the experts' score when they give none.</summary>
    public decimal? Score { get; private set; }

    /// <summary>专家评分: <see cref="ContestRubric.Mean"/> of the submitted expert totals, while the work waits for the review.</summary>
    public decimal? ExpertScore { get; private set; }

    public string? Opinion { get; private set; }

    public AwardGrade? Award { get; private set; }

    /// <summary>The entry of the lower edition this one was recommended from.</summary>
    public Guid? SourceEntryId { get; private set; }

    /// <summary>The entry of the higher edition this one was recommended to.</summary>
    public Guid? RecommendedEntryId { get; private set; }

    public string? SubmittedByName { get; private set; }

    /// <summary>The review round the work is in (1-based; a work 未晋级 stays in the round it left).</summary>
    public int Round { get; private set; } = 1;

    public int Version { get; private set; }

    /// <summary>A school's work for an open edition; the school must lie within the edition's region.</summary>
    public static ContestEntry Submit(Contest contest, Guid schoolId, string schoolName, string schoolRegion, ContestEntryData data, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(contest);
        if (contest.Status != ContestStatus.Open)
        {
            throw new InvalidTransitionException($"该大赛{contest.Status.Chinese()}，不再接受作品报送");
        }

        if (contest.CurrentRound > 1)
        {
            throw new InvalidTransitionException($"该大赛已进入{contest.RoundName(contest.CurrentRound)}，不再接受作品报送");
        }

        if (!Regions.RegionCode.IsWithin(schoolRegion, contest.RegionCode))
        {
            throw new DomainValidationException("schoolId", "学校不在本届大赛的举办地区之内");
        }

        var entry = new ContestEntry { ContestId = contest.Id, SchoolId = schoolId, SchoolName = schoolName, RegionCode = schoolRegion, SubmittedByName = actor.Name };
        entry.Apply(contest, data);
        if (contest.RoundOf(entry.Category) > 1)
        {
            throw new DomainValidationException("category", $"“{entry.Category}”类别已进入{contest.RoundName(contest.RoundOf(entry.Category))}，不再接受作品报送");
        }

        return entry;
    }

    public void Edit(Contest contest, ContestEntryData data)
    {
        if (Status != ContestEntryStatus.Submitted || contest.Status != ContestStatus.Open)
        {
            throw new InvalidTransitionException("作品已评审或大赛已停止征集，不能修改");
        }

        Apply(contest, data);
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }

    /// <summary>Whether the work may still change: waiting for the review in an edition still collecting works.</summary>
    public bool IsEditable(Contest contest) => Status == ContestEntryStatus.Submitted && contest.Status == ContestStatus.Open && contest.Id == ContestId;

    /// <summary>Whether the actor enters works in the school's name: a member of the school or a manager of the school's region.</summary>
    public bool IsEntrant(Actor actor) => actor.IsAuthenticated && ((actor.OrganizationId is { } o && o == SchoolId) || actor.Manages(RegionCode));

    /// <summary>Whether the actor may upload or remove the work's files now (<see cref="IsEntrant"/> and <see cref="IsEditable"/>).</summary>
    public bool MayEditFiles(Contest contest, Actor actor) => IsEditable(contest) && IsEntrant(actor);

    /// <summary>Adds a file (checked like every attachment: ≤20MB, PDF/Office/images/text/zip) while the work may be edited; at most <see cref="Attachment.MaxPerItem"/>.</summary>
    public Attachment AddAttachment(Contest contest, AttachmentData data, Actor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(contest);
        ArgumentNullException.ThrowIfNull(data);
        RequireFileEditor(contest, actor);
        if (attachments.Count >= Attachment.MaxPerItem)
        {
            throw new DomainValidationException("file", $"每件作品最多上传{Attachment.MaxPerItem}个附件");
        }

        var attachment = Attachment.From(data, actor, at);
        attachments.Add(attachment);
        UpdatedAt = at;
        Version++;
        return attachment;
    }

    /// <summary>Removes a file while the work may be edited (before the review); returns its storage key.</summary>
    public string RemoveAttachment(Contest contest, Guid attachmentId, Actor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(contest);
        var attachment = attachments.FirstOrDefault(a => a.Id == attachmentId) ?? throw new NotFoundException("附件不存在");
        RequireFileEditor(contest, actor);
        attachments.Remove(attachment);
        UpdatedAt = at;
        Version++;
        return attachment.StorageKey;
    }

    /// <summary>Refuses, saying why, an actor who may not change the work's files now.</summary>
    public void RequireFileEditor(Contest contest, Actor actor)
    {
        if (!IsEntrant(actor))
        {
            throw new NotPermittedException("只有报送学校或学校所在地区的管理人员可以上传、删除作品附件");
        }

        if (!IsEditable(contest))
        {
            throw new InvalidTransitionException(contest.Status != ContestStatus.Open ? $"大赛{contest.Status.Chinese()}，作品附件不能再修改" : $"作品已{Status.Chinese()}，附件不能再修改");
        }
    }

    /// <summary>The edition's review: passed or not, with a score (0–100) and an opinion (required when not passed); in the last round only.</summary>
    public void Review(Contest contest, bool passed, decimal? score, string? opinion, Actor actor)
    {
        contest.RequireReviewer(actor);
        RequireOwnContest(contest);
        if (contest.Status == ContestStatus.Closed)
        {
            throw new InvalidTransitionException("大赛已结束，不能再评审");
        }

        if (Status == ContestEntryStatus.NotAdvanced)
        {
            throw new InvalidTransitionException($"作品“{Title}”未进入{contest.RoundName(Round + 1)}，不能评定结果");
        }

        if (Round < contest.RoundCount)
        {
            throw new InvalidTransitionException($"作品“{Title}”尚在{contest.RoundName(Round)}，结果和奖项由{contest.RoundName(contest.RoundCount)}评定");
        }

        if (RecommendedEntryId is not null || Award is not null)
        {
            throw new InvalidTransitionException("作品已获奖或已推荐，不能重新评审");
        }

        Score = score switch
        {
            null => ExpertScore,
            < 0 or > 100 => throw new DomainValidationException("score", "评审得分应在0到100之间"),
            var s => decimal.Round(s.Value, 1),
        };
        Opinion = passed ? Guard.Optional(opinion, "opinion", "评审意见", 500) : Guard.Required(opinion, "opinion", "评审意见", 500);
        Status = passed ? ContestEntryStatus.Accepted : ContestEntryStatus.Rejected;
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }

    /// <summary>The status in words, naming the round a work did not enter (未进入终评).</summary>
    public string StatusName(Contest contest) => Status == ContestEntryStatus.NotAdvanced ? $"未进入{contest.RoundName(Round + 1)}" : Status.Chinese();

    /// <summary>Goes on to round <paramref name="round"/>: its expert score starts again from that round's panel.</summary>
    internal void AdvanceTo(int round)
    {
        Round = round;
        ExpertScore = null;
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }

    /// <summary>Stays behind: 未进入 round <paramref name="round"/>.</summary>
    internal void StopBefore(int round)
    {
        Status = ContestEntryStatus.NotAdvanced;
        Round = round - 1;
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }

    /// <summary>Records the experts' score (<see cref="ContestRubric.Mean"/> of the submitted totals) of a work waiting for the review.</summary>
    public void SetExpertScore(decimal? score)
    {
        if (Status != ContestEntryStatus.Submitted)
        {
            throw new InvalidTransitionException("作品已评审，专家评审已结束");
        }

        ExpertScore = score;
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }

    /// <summary>Sets or clears (null) the award of this edition; only a work that passed the review is awarded.</summary>
    public void SetAward(Contest contest, AwardGrade? grade, Actor actor)
    {
        contest.RequireReviewer(actor);
        RequireOwnContest(contest);
        if (grade is { } g && !Enum.IsDefined(g))
        {
            throw new DomainValidationException("award", "奖项等次不正确");
        }

        if (grade is not null && Status != ContestEntryStatus.Accepted)
        {
            throw new InvalidTransitionException("只有评审通过的作品可以获奖");
        }

        Award = grade;
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }

    /// <summary>
    /// 推荐参加上级大赛: a work that passed is entered in <paramref name="target"/>, an open edition of a higher level and the
    /// same or next year whose region holds this edition's; at most the edition's quota (<paramref name="alreadyRecommended"/>
    /// counts those already sent). Returns the new entry of the higher edition.
    /// </summary>
    /// <param name="targetEntries">The works the school already has in <paramref name="target"/> (for its rule "每名学生每个类别限报1件").</param>
    public ContestEntry RecommendTo(Contest contest, Contest target, int alreadyRecommended, Actor actor, IEnumerable<ContestEntry>? targetEntries = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        contest.RequireReviewer(actor);
        RequireOwnContest(contest);
        if (Status != ContestEntryStatus.Accepted)
        {
            throw new InvalidTransitionException("只有评审通过的作品可以推荐参加上级大赛");
        }

        if (RecommendedEntryId is not null)
        {
            throw new InvalidTransitionException("该作品已推荐参加上级大赛");
        }

        if (target.Level >= contest.Level || target.RegionCode == contest.RegionCode || !Regions.RegionCode.IsWithin(contest.RegionCode, target.RegionCode))
        {
            throw new DomainValidationException("targetContestId", "只能推荐参加本地区的上级大赛");
        }

        if (target.Year < contest.Year || target.Year > contest.Year + 1)
        {
            throw new DomainValidationException("targetContestId", "上级大赛应为同一年度或下一年度");
        }

        if (target.Status != ContestStatus.Open)
        {
            throw new InvalidTransitionException($"上级大赛{target.Status.Chinese()}，不接受推荐作品");
        }

        if (target.CurrentRound > 1)
        {
            throw new InvalidTransitionException($"上级大赛已进入{target.RoundName(target.CurrentRound)}，不接受推荐作品");
        }

        if (target.RoundOf(Category) > 1)
        {
            throw new InvalidTransitionException($"上级大赛“{Category}”类别已进入{target.RoundName(target.RoundOf(Category))}，不接受推荐作品");
        }

        if (contest.RecommendQuota is { } quota && alreadyRecommended >= quota)
        {
            throw new InvalidTransitionException($"本届大赛的推荐名额（{quota}件）已用完");
        }

        var category = target.Categories.Contains(Category)
            ? Category
            : throw new DomainValidationException("targetContestId", $"上级大赛没有“{Category}”类别");
        RequireEligibleFor(target, targetEntries ?? []);
        var copy = new ContestEntry
        {
            ContestId = target.Id, RegionCode = RegionCode, Title = Title, Category = category, Students = [.. Students], Teacher = Teacher, TeacherOrganization = TeacherOrganization, Summary = Summary, Stage = Stage,
            SchoolId = SchoolId, SchoolName = SchoolName, SourceEntryId = Id, SubmittedByName = actor.Name,
        };
        // The files go with the work (the same stored bytes; the store keeps them while any work names them).
        copy.attachments.AddRange(attachments.Select(a => Attachment.From(new AttachmentData(a.FileName, a.SizeBytes, a.ContentType, a.StorageKey), actor, a.UploadedAt)));
        RecommendedEntryId = copy.Id;
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
        return copy;
    }

    /// <summary>
    /// 参赛条件 "每名学生每个类别限报1件": refuses this work when one of its authors (the same name) already wrote another work of the same
    /// school in the same category of the edition, naming the student and that work. <paramref name="others"/>: the school's works of the edition.
    /// </summary>
    public void RequireOnePerStudent(Contest contest, IEnumerable<ContestEntry> others)
    {
        ArgumentNullException.ThrowIfNull(contest);
        ArgumentNullException.ThrowIfNull(others);
        if (!contest.OneEntryPerStudent)
        {
            return;
        }

        foreach (var other in others.Where(o => o.Id != Id && o.ContestId == ContestId && o.SchoolId == SchoolId && o.Category == Category))
        {
            if (other.Students.FirstOrDefault(Students.Contains) is { } name)
            {
                throw new DomainValidationException("students", $"学生“{name}”已在本届大赛“{Category}”类别报送作品《{other.Title}》，每名学生每个类别限报1件");
            }
        }
    }

    /// <summary>
    /// 上级大赛的参赛条件, checked before a work is recommended to <paramref name="target"/>: its 学段, authors' limit, 指导教师 and one work
    /// per student and category (<paramref name="targetEntries"/>: the school's works already there). An ineligible work is refused
    /// naming the rule (学段不符…).
    /// </summary>
    public void RequireEligibleFor(Contest target, IEnumerable<ContestEntry> targetEntries)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(targetEntries);
        var prefix = $"不符合{target.Name}的参赛条件：";
        if (target.Stages is { Count: > 0 } stages)
        {
            var allowed = string.Join("、", stages.Select(s => s.Chinese()));
            if (Stage is not { } stage)
            {
                throw new DomainValidationException("targetContestId", $"{prefix}学段不符（限{allowed}学生参加，作品“{Title}”未填写学段）");
            }

            if (!stages.Contains(stage))
            {
                throw new DomainValidationException("targetContestId", $"{prefix}学段不符（限{allowed}学生参加，作品“{Title}”为{stage.Chinese()}学生作品）");
            }
        }

        if (target.MaxStudentsPerEntry is { } max && Students.Length > max)
        {
            throw new DomainValidationException("targetContestId", $"{prefix}作者人数不符（每件作品作者最多{max}人，作品“{Title}”有{Students.Length}人）");
        }

        if (target.TeacherRequired && Teacher is null)
        {
            throw new DomainValidationException("targetContestId", $"{prefix}须有指导教师（作品“{Title}”未填写指导教师）");
        }

        if (target.OneEntryPerStudent)
        {
            foreach (var other in targetEntries.Where(o => o.ContestId == target.Id && o.SchoolId == SchoolId && o.Category == Category))
            {
                if (other.Students.FirstOrDefault(Students.Contains) is { } name)
                {
                    throw new DomainValidationException("targetContestId", $"{prefix}每名学生每个类别限报1件（学生“{name}”已有作品《{other.Title}》参加“{Category}”类别）");
                }
            }
        }
    }

    private void RequireOwnContest(Contest contest)
    {
        if (contest.Id != ContestId)
        {
            throw new InvalidOperationException("作品与大赛不一致");
        }
    }

    private void Apply(Contest contest, ContestEntryData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireOwnContest(contest);
        Title = Guard.Required(data.Title, "title", "作品名称", 100);
        Category = contest.RequireCategory(data.Category);
        var students = new List<string>();
        foreach (var s in data.Students ?? [])
        {
            var name = Guard.Optional(s, "students", "学生姓名", 20);
            if (name is not null && !students.Contains(name))
            {
                students.Add(name);
            }
        }

        if (students.Count == 0)
        {
            throw new DomainValidationException("students", "请填写作者（学生）姓名");
        }

        Students = students.Count <= MaxStudents ? [.. students] : throw new DomainValidationException("students", $"作者最多{MaxStudents}人");
        if (contest.MaxStudentsPerEntry is { } max && students.Count > max)
        {
            throw new DomainValidationException("students", $"本届大赛每件作品作者最多{max}人，现填写了{students.Count}人");
        }

        Stage = data.Stage is { } stage && !Enum.IsDefined(stage) ? throw new DomainValidationException("stage", "学段应为小学、初中或高中") : data.Stage;
        if (contest.Stages is { Count: > 0 } stages)
        {
            var allowed = string.Join("、", stages.Select(s => s.Chinese()));
            if (Stage is not { } given)
            {
                throw new DomainValidationException("stage", $"请选择作者所在学段（本届大赛限{allowed}学生参加）");
            }

            if (!stages.Contains(given))
            {
                throw new DomainValidationException("stage", $"本届大赛限{allowed}学生参加，不接受{given.Chinese()}学生的作品");
            }
        }

        Teacher = Guard.Optional(data.Teacher, "teacher", "指导教师", 50);
        if (contest.TeacherRequired && Teacher is null)
        {
            throw new DomainValidationException("teacher", "本届大赛要求填写指导教师");
        }

        TeacherOrganization = Guard.Optional(data.TeacherOrganization, "teacherOrganization", "指导教师单位", 100);
        Summary = Guard.Optional(data.Summary, "summary", "作品简介", 1000);
    }
}
