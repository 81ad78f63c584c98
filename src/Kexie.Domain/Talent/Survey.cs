using System.Security.Cryptography;
using System.Text;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.Talent;

public enum SurveyQuestionKind
{
    /// <summary>单选.</summary>
    Single = 1,

    /// <summary>多选.</summary>
    Multiple = 2,

    /// <summary>量表 (1..ScaleMax).</summary>
    Scale = 3,

    /// <summary>填空.</summary>
    Text = 4,
}

/// <summary>What a question tells about the respondent: the structure statistics (从业、年龄、职称、学历、政治面貌) and the suggestions.</summary>
public enum SurveyProfile
{
    /// <summary>一般题目.</summary>
    None = 0,

    /// <summary>从业领域.</summary>
    Field = 1,

    /// <summary>年龄段.</summary>
    AgeBand = 2,

    /// <summary>职称.</summary>
    Title = 3,

    /// <summary>学历.</summary>
    Education = 4,

    /// <summary>政治面貌.</summary>
    Political = 5,

    /// <summary>意见和建议 (a text question).</summary>
    Suggestion = 6,
}

public enum SurveyStatus
{
    /// <summary>草稿: questions may change.</summary>
    Draft = 1,

    /// <summary>收集中.</summary>
    Open = 2,

    /// <summary>已结束.</summary>
    Closed = 3,
}

/// <summary>What its survey's managers did with a suggestion.</summary>
public enum SuggestionState
{
    /// <summary>待处理.</summary>
    Pending = 0,

    /// <summary>已采纳.</summary>
    Adopted = 1,

    /// <summary>已转交 (to 建言献策).</summary>
    Forwarded = 2,
}

public enum SurveyDistribution
{
    /// <summary>公开链接，匿名填写.</summary>
    Anonymous = 1,

    /// <summary>凭邀请链接填写，每个链接一份.</summary>
    Invitation = 2,
}

public static class SurveyNames
{
    public static string Chinese(this SurveyQuestionKind kind) => kind switch
    {
        SurveyQuestionKind.Single => "单选",
        SurveyQuestionKind.Multiple => "多选",
        SurveyQuestionKind.Scale => "量表",
        _ => "填空",
    };

    public static string Chinese(this SurveyProfile profile) => profile switch
    {
        SurveyProfile.Field => "从业领域",
        SurveyProfile.AgeBand => "年龄结构",
        SurveyProfile.Title => "职称结构",
        SurveyProfile.Education => "学历结构",
        SurveyProfile.Political => "政治面貌",
        SurveyProfile.Suggestion => "意见和建议",
        _ => "一般题目",
    };

    public static string Chinese(this SurveyStatus status) => status switch
    {
        SurveyStatus.Draft => "草稿",
        SurveyStatus.Open => "收集中",
        _ => "已结束",
    };

    public static string Chinese(this SuggestionState state) => state switch
    {
        SuggestionState.Adopted => "已采纳",
        SuggestionState.Forwarded => "已转交",
        _ => "待处理",
    };

    public static string Chinese(this SurveyRuleKind kind) => kind switch
    {
        SurveyRuleKind.Number => "数字",
        SurveyRuleKind.Phone => "手机号码",
        SurveyRuleKind.Email => "电子邮箱",
        SurveyRuleKind.IdCard => "身份证号",
        SurveyRuleKind.Year => "年份",
        SurveyRuleKind.Length => "自定义长度",
        SurveyRuleKind.Choices => "选择项数",
        _ => "无",
    };

    public static string Chinese(this SurveyDistribution distribution) => distribution == SurveyDistribution.Anonymous ? "公开链接（匿名）" : "邀请链接（每人一份）";

    /// <summary>"512条" → "500余条" as reports round counts.</summary>
    public static string About(int count, string unit) =>
        count >= 100 && count % 100 != 0 ? $"{count / 100 * 100}余{unit}" : $"{count}{unit}";
}

/// <param name="ShowIfNumber">Skip logic: shown only when question <c>ShowIfNumber</c> (an earlier choice question) was answered <c>ShowIfOption</c>.</param>
/// <param name="Rule">The question's validation rule (校验规则): a text answer's format or a multiple choice's 至少选/至多选; null: none.</param>
public sealed record SurveyQuestionData(
    string? Text, SurveyQuestionKind? Kind, IReadOnlyList<string>? Options = null, bool Required = false, int? ScaleMax = null,
    SurveyProfile? Profile = null, int? ShowIfNumber = null, string? ShowIfOption = null, SurveyRuleData? Rule = null);

public sealed record SurveyData(string? Name, int? Year, string? RegionCode, SurveyDistribution? Distribution, int? Distributed = null, string? Description = null, int? MinSeconds = null);

/// <summary>One question of a <see cref="Survey"/>, numbered from 1.</summary>
public sealed class SurveyQuestion : Entity
{
    public const int MaxOptions = 30;

    private SurveyQuestion()
    {
    }

    public Guid SurveyId { get; private set; }

    public int Number { get; private set; }

    public string Text { get; private set; } = string.Empty;

    public SurveyQuestionKind Kind { get; private set; }

    public string[] Options { get; private set; } = [];

    public bool Required { get; private set; }

    public int ScaleMax { get; private set; }

    public SurveyProfile Statistic { get; private set; }

    public int? ShowIfNumber { get; private set; }

    public string? ShowIfOption { get; private set; }

    /// <summary>The validation rule's kind (<see cref="SurveyRuleKind.None"/>: none); its bounds below, read through <see cref="Rule"/>.</summary>
    public SurveyRuleKind RuleKind { get; private set; }

    public decimal? RuleMin { get; private set; }

    public decimal? RuleMax { get; private set; }

    public int RuleDecimals { get; private set; }

    /// <summary>The question's validation rule; null: none.</summary>
    public SurveyRule? Rule => RuleKind == SurveyRuleKind.None ? null : new SurveyRule(RuleKind, RuleMin, RuleMax, RuleDecimals);

    internal static SurveyQuestion From(Guid surveyId, int number, SurveyQuestionData d, IReadOnlyList<SurveyQuestion> earlier)
    {
        ArgumentNullException.ThrowIfNull(d);
        var field = $"questions[{number - 1}]";
        var q = new SurveyQuestion { SurveyId = surveyId, Number = number };
        q.Text = Guard.Required(d.Text, field + ".text", $"第{number}题的题目", 200);
        q.Kind = d.Kind is { } kind && Enum.IsDefined(kind) ? kind : throw new DomainValidationException(field + ".kind", $"请选择第{number}题的题型");
        q.Required = d.Required;
        q.Statistic = d.Profile is { } p && Enum.IsDefined(p) ? p : SurveyProfile.None;
        if (q.Kind is SurveyQuestionKind.Single or SurveyQuestionKind.Multiple)
        {
            var options = (d.Options ?? []).Select(o => o?.Trim() ?? string.Empty).Where(o => o.Length > 0).ToArray();
            if (options.Length is < 2 or > MaxOptions)
            {
                throw new DomainValidationException(field + ".options", $"第{number}题请填写2到{MaxOptions}个选项");
            }

            if (options.Any(o => o.Length > 100 || o.Contains('\n') || o.Contains('\r')))
            {
                throw new DomainValidationException(field + ".options", $"第{number}题的选项每项不超过100个字");
            }

            if (options.Distinct(StringComparer.Ordinal).Count() != options.Length)
            {
                throw new DomainValidationException(field + ".options", $"第{number}题的选项有重复");
            }

            q.Options = options;
        }
        else if (q.Kind == SurveyQuestionKind.Scale)
        {
            q.ScaleMax = d.ScaleMax ?? 5;
            if (q.ScaleMax is < 2 or > 10)
            {
                throw new DomainValidationException(field + ".scaleMax", $"第{number}题的量表分值应为2到10");
            }
        }

        if (q.Statistic == SurveyProfile.Suggestion ? q.Kind != SurveyQuestionKind.Text : q.Statistic != SurveyProfile.None && q.Kind != SurveyQuestionKind.Single)
        {
            throw new DomainValidationException(field + ".profile", $"第{number}题：结构统计题须为单选题，意见和建议须为填空题");
        }

        if (q.Statistic != SurveyProfile.None && earlier.Any(e => e.Statistic == q.Statistic))
        {
            throw new DomainValidationException(field + ".profile", $"第{number}题：问卷中已有“{q.Statistic.Chinese()}”题");
        }

        if (d.ShowIfNumber is { } showIf)
        {
            var source = earlier.FirstOrDefault(e => e.Number == showIf);
            if (source is null || source.Kind is not (SurveyQuestionKind.Single or SurveyQuestionKind.Multiple))
            {
                throw new DomainValidationException(field + ".showIfNumber", $"第{number}题的显示条件应为前面的一道选择题");
            }

            var option = d.ShowIfOption?.Trim();
            if (option is null || !source.Options.Contains(option, StringComparer.Ordinal))
            {
                throw new DomainValidationException(field + ".showIfOption", $"第{number}题的显示条件应为第{showIf}题的一个选项");
            }

            q.ShowIfNumber = showIf;
            q.ShowIfOption = option;
        }

        if (SurveyRule.From(d.Rule, q.Kind, q.Options.Length, number) is { } rule)
        {
            (q.RuleKind, q.RuleMin, q.RuleMax, q.RuleDecimals) = (rule.Kind, rule.Min, rule.Max, rule.Decimals);
        }

        return q;
    }

    public SurveyQuestionData ToData() => new(Text, Kind, Options, Required, Kind == SurveyQuestionKind.Scale ? ScaleMax : null, Statistic, ShowIfNumber, ShowIfOption, Rule?.ToData());

    /// <summary>Whether the question applies given the earlier answers (skip logic).</summary>
    public bool IsShown(IReadOnlyDictionary<int, string[]> answers) =>
        ShowIfNumber is not { } n || (answers.TryGetValue(n, out var given) && given.Contains(ShowIfOption, StringComparer.Ordinal));
}

/// <summary>
/// A questionnaire (问卷) held by a region's admins: 科技工作者状况调查 and the like. Built in 草稿, opened for answers by a public link
/// (anonymous) or by invitation links (one answer each), closed. Each returned answer is a <see cref="SurveyResponse"/>, valid or not
/// (duplicate, answered too fast); the structure questions (从业、年龄、职称、学历、政治面貌) and the suggestions are counted.
/// </summary>
public sealed class Survey : Entity, IRegional
{
    public const int MaxQuestions = 100;

    private Survey()
    {
    }

    public string Name { get; private set; } = string.Empty;

    public int Year { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public SurveyDistribution Distribution { get; private set; }

    /// <summary>发放问卷份数 (paper and links given out; 0: not recorded).</summary>
    public int Distributed { get; private set; }

    /// <summary>An answer given in fewer seconds is returned but not valid (0: no limit).</summary>
    public int MinSeconds { get; private set; }

    public SurveyStatus Status { get; private set; } = SurveyStatus.Draft;

    public List<SurveyQuestion> Questions { get; private set; } = [];

    /// <summary>The topics its managers added to <see cref="SuggestionTopics.All"/> for tagging suggestions by hand (e.g. 乡村振兴).</summary>
    public string[] ExtraTopics { get; private set; } = [];

    public int Version { get; private set; }

    /// <summary>The topics a suggestion of this survey may be tagged with: the shipped ones, those its managers added, then 其他.</summary>
    public IReadOnlyList<string> Topics => [.. SuggestionTopics.All.Select(t => t.Topic), .. ExtraTopics, SuggestionTopics.Other];

    /// <summary>Adds a topic to the survey's list (a manager of its region), for tagging suggestions by hand.</summary>
    public string AddTopic(string? topic, Actor actor)
    {
        RequireManager(actor);
        var name = Guard.Required(topic, "topic", "主题名称", SuggestionTopics.MaxLength);
        if (name.Contains('\n') || name.Contains('\r') || name == SuggestionTopics.Automatic)
        {
            throw new DomainValidationException("topic", $"主题名称不能为“{SuggestionTopics.Automatic}”或包含换行");
        }

        if (Topics.Contains(name, StringComparer.Ordinal))
        {
            throw new DomainValidationException("topic", $"问卷已有“{name}”这一主题");
        }

        if (ExtraTopics.Length >= SuggestionTopics.MaxExtra)
        {
            throw new DomainValidationException("topic", $"每份问卷最多自定{SuggestionTopics.MaxExtra}个主题");
        }

        ExtraTopics = [.. ExtraTopics, name];
        Touch();
        return name;
    }

    /// <summary>
    /// A manager of the survey's region tags one of its suggestions by hand: <paramref name="topic"/> one of <see cref="Topics"/>
    /// (<see cref="SuggestionTopics.Automatic"/> or empty: back to the automatic tags; null: unchanged) and <paramref name="state"/>
    /// (null: unchanged). Forwarding to 建言献策 is the caller's (<see cref="SurveyResponse.Forwarded"/>).
    /// </summary>
    public void TagSuggestion(SurveyResponse response, string? topic, SuggestionState? state, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(response);
        RequireManager(actor);
        if (response.SurveyId != Id || !response.Valid || response.Suggestion is null)
        {
            throw new NotFoundException("意见建议不存在");
        }

        if (topic is not null)
        {
            var t = topic.Trim();
            if (t.Length > 0 && t != SuggestionTopics.Automatic && !Topics.Contains(t, StringComparer.Ordinal))
            {
                throw new DomainValidationException("topic", $"请从问卷的主题中选择（{string.Join("、", Topics)}），或先添加该主题");
            }

            response.SetTopic(t.Length == 0 || t == SuggestionTopics.Automatic ? null : t);
        }

        if (state is { } st)
        {
            if (!Enum.IsDefined(st))
            {
                throw new DomainValidationException("state", "请选择处理状态（待处理、已采纳或已转交）");
            }

            if (response.ProposalId is not null && st != SuggestionState.Forwarded)
            {
                throw new InvalidTransitionException("该建议已转交建言献策，不能改为其他状态");
            }

            response.SetState(st);
        }
    }

    public static Survey Create(SurveyData data, IReadOnlyList<SurveyQuestionData> questions, Actor actor)
    {
        var survey = new Survey();
        survey.Apply(data);
        survey.RequireManager(actor);
        survey.Questions = Build(survey.Id, questions);
        return survey;
    }

    public void Update(SurveyData data, Actor actor)
    {
        RequireManager(actor);
        var region = RegionCode;
        Apply(data);
        if (RegionCode != region && Status != SurveyStatus.Draft)
        {
            throw new InvalidTransitionException("问卷发放后不能更改所属地区");
        }

        RequireManager(actor);
        Touch();
    }

    /// <summary>Replaces the questions; only while a draft (answers refer to the numbers).</summary>
    public IReadOnlyList<SurveyQuestion> ReplaceQuestions(IReadOnlyList<SurveyQuestionData> questions, Actor actor)
    {
        RequireManager(actor);
        if (Status != SurveyStatus.Draft)
        {
            throw new InvalidTransitionException("问卷已发放，题目不能再修改");
        }

        var old = Questions.ToList();
        var built = Build(Id, questions);
        Questions.Clear();
        Questions.AddRange(built);
        Touch();
        return old;
    }

    public void Open(Actor actor)
    {
        RequireManager(actor);
        if (Status == SurveyStatus.Open)
        {
            throw new InvalidTransitionException("问卷已在收集中");
        }

        if (Questions.Count == 0)
        {
            throw new DomainValidationException("questions", "请至少添加一道题目");
        }

        Status = SurveyStatus.Open;
        Touch();
    }

    public void Close(Actor actor)
    {
        RequireManager(actor);
        if (Status != SurveyStatus.Open)
        {
            throw new InvalidTransitionException("只有收集中的问卷可以结束");
        }

        Status = SurveyStatus.Closed;
        Touch();
    }

    /// <summary>The region's managers read the answers.</summary>
    public bool MayRead(Actor actor) => actor.Manages(RegionCode);

    /// <summary>
    /// A manager of the survey's region (its subtree) creates, changes, opens, closes and invites. Which managers — by default
    /// the association admins — is <c>talent.surveys.manage</c>'s grant, decided by the <c>AccessPolicy</c> before this rule is asked.
    /// </summary>
    public void RequireManager(Actor actor)
    {
        if (!actor.Manages(RegionCode))
        {
            throw new NotPermittedException("只有问卷所属地区（含上级）的管理人员可以管理该问卷");
        }
    }

    /// <summary>
    /// Checks one respondent's answers (question number → chosen options or the text) against the questions, their rules and the skip logic, and
    /// returns the response: valid, or returned but not valid as a duplicate of <paramref name="respondentKey"/>'s earlier answer or
    /// answered in fewer than <see cref="MinSeconds"/> seconds. A missing required answer, or one its question's rule refuses, is refused (nothing is returned).
    /// </summary>
    public SurveyResponse Answer(IReadOnlyDictionary<int, IReadOnlyList<string>>? raw, string? respondentKey, bool duplicate, int? secondsSpent, Guid? invitationId, DateTimeOffset now)
    {
        if (Status != SurveyStatus.Open)
        {
            throw new InvalidTransitionException(Status == SurveyStatus.Draft ? "问卷尚未发放" : "问卷已结束，感谢您的关注");
        }

        raw ??= new Dictionary<int, IReadOnlyList<string>>();
        if (raw.Keys.Any(k => Questions.All(q => q.Number != k)))
        {
            throw new DomainValidationException("answers", "答案中有不存在的题目");
        }

        var given = new Dictionary<int, string[]>();
        var stored = new string[Questions.Count];
        var thisYear = now.ToOffset(TimeSpan.FromHours(8)).Year;
        foreach (var q in Questions.OrderBy(q => q.Number))
        {
            var field = $"q{q.Number}";
            var values = (raw.GetValueOrDefault(q.Number) ?? []).Select(v => v?.Trim() ?? string.Empty).Where(v => v.Length > 0).ToArray();
            if (!q.IsShown(given))
            {
                values = [];
            }
            else if (values.Length == 0 && q.Required)
            {
                throw new DomainValidationException(field, $"第{q.Number}题“{q.Text}”为必答题");
            }

            switch (q.Kind)
            {
                case SurveyQuestionKind.Single when values.Length > 1 || values.Any(v => !q.Options.Contains(v, StringComparer.Ordinal)):
                    throw new DomainValidationException(field, $"第{q.Number}题请从选项中选择一项");
                case SurveyQuestionKind.Multiple when values.Any(v => !q.Options.Contains(v, StringComparer.Ordinal)):
                    throw new DomainValidationException(field, $"第{q.Number}题请从选项中选择");
                case SurveyQuestionKind.Scale when values.Length > 1 || values.Any(v => !int.TryParse(v, out var s) || s < 1 || s > q.ScaleMax):
                    throw new DomainValidationException(field, $"第{q.Number}题请选择1到{q.ScaleMax}分");
                case SurveyQuestionKind.Text when values.Length > 1 || values.Any(v => v.Length > 2000):
                    throw new DomainValidationException(field, $"第{q.Number}题不超过2000个字");
            }

            values = values.Distinct(StringComparer.Ordinal).ToArray();
            if (q.Rule is { } rule)
            {
                values = rule.Check(values, q.Number, q.Text, thisYear);
            }

            given[q.Number] = values;
            stored[q.Number - 1] = string.Join('\n', values);
        }

        string? Profile(SurveyProfile p) => Questions.FirstOrDefault(q => q.Statistic == p) is { } q && stored[q.Number - 1].Length > 0 ? stored[q.Number - 1] : null;
        var reason = duplicate ? "重复提交" : MinSeconds > 0 && secondsSpent is { } s && s < MinSeconds ? "答题用时过短" : null;
        return new SurveyResponse
        {
            SurveyId = Id, RegionCode = RegionCode, SubmittedAt = now, Answers = stored, Valid = reason is null, InvalidReason = reason,
            RespondentKey = respondentKey is null ? null : SurveyResponse.Hash(Id, respondentKey), InvitationId = invitationId,
            SecondsSpent = secondsSpent is { } sec ? Math.Clamp(sec, 0, 1_000_000) : null,
            Field = Profile(SurveyProfile.Field), AgeBand = Profile(SurveyProfile.AgeBand), Title = Profile(SurveyProfile.Title),
            Education = Profile(SurveyProfile.Education), Political = Profile(SurveyProfile.Political), Suggestion = Profile(SurveyProfile.Suggestion),
        };
    }

    private static List<SurveyQuestion> Build(Guid surveyId, IReadOnlyList<SurveyQuestionData>? questions)
    {
        var list = new List<SurveyQuestion>();
        if ((questions?.Count ?? 0) > MaxQuestions)
        {
            throw new DomainValidationException("questions", $"题目最多{MaxQuestions}道");
        }

        foreach (var d in questions ?? [])
        {
            list.Add(SurveyQuestion.From(surveyId, list.Count + 1, d, list));
        }

        return list;
    }

    private void Apply(SurveyData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Name = Guard.Required(data.Name, "name", "问卷名称", 100);
        Year = data.Year is { } y and >= 1980 and <= 2100 ? y : throw new DomainValidationException("year", "请填写调查年份");
        RegionCode = string.IsNullOrWhiteSpace(data.RegionCode) ? throw new DomainValidationException("regionCode", "请选择问卷所属地区") : data.RegionCode.Trim();
        Distribution = data.Distribution is { } d && Enum.IsDefined(d) ? d : throw new DomainValidationException("distribution", "请选择发放方式");
        Distributed = data.Distributed switch
        {
            null => 0,
            < 0 or > 10_000_000 => throw new DomainValidationException("distributed", "发放份数应为0到10000000之间的整数"),
            { } n => n,
        };
        MinSeconds = data.MinSeconds switch
        {
            null => 0,
            < 0 or > 3600 => throw new DomainValidationException("minSeconds", "最短答题时间应为0到3600秒"),
            { } n => n,
        };
        Description = Guard.Optional(data.Description, "description", "说明", 1000);
    }

    private void Touch()
    {
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }

    /// <summary>The 科技工作者状况调查 as it ships: respondents' structure (从业、年龄、职称、学历、政治面貌), their work, what they ask of the association, and suggestions.</summary>
    public static IReadOnlyList<SurveyQuestionData> ScienceWorkerTemplate { get; } =
    [
        new("您的性别", SurveyQuestionKind.Single, ["男", "女"], true),
        new("您的年龄", SurveyQuestionKind.Single, ["30岁及以下", "31—40岁", "41—50岁", "51—60岁", "61岁及以上"], true, Profile: SurveyProfile.AgeBand),
        new("您的最高学历", SurveyQuestionKind.Single, ["博士研究生", "硕士研究生", "大学本科", "大学专科", "中专及以下"], true, Profile: SurveyProfile.Education),
        new("您的职称", SurveyQuestionKind.Single, ["正高级", "副高级", "中级", "初级", "无职称"], true, Profile: SurveyProfile.Title),
        new("您的政治面貌", SurveyQuestionKind.Single, ["中共党员", "民主党派", "共青团员", "群众"], true, Profile: SurveyProfile.Political),
        new("您从事的专业领域", SurveyQuestionKind.Single, ["工程技术", "农业技术", "卫生健康", "教学", "科学研究", "企业经营与技术服务", "其他"], true, Profile: SurveyProfile.Field),
        new("您所在单位的类型", SurveyQuestionKind.Single, ["企业", "事业单位", "学校", "医疗卫生机构", "党政机关", "其他"], true),
        new("您对当前工作环境和条件的满意程度（1分最低，5分最高）", SurveyQuestionKind.Scale, null, true, 5),
        new("您最希望科协提供哪些服务？（可多选，最多选3项）", SurveyQuestionKind.Multiple, ["学术交流", "继续教育和培训", "技术咨询与项目对接", "人才评价与推荐", "科普活动", "权益保障"], true,
            Rule: new(SurveyRuleKind.Choices, Max: 3)),
        new("近三年您是否参加过科协组织的活动？", SurveyQuestionKind.Single, ["是", "否"], true),
        new("您参加过哪些活动？（可多选）", SurveyQuestionKind.Multiple, ["学术交流", "科技活动周", "科技下乡", "培训讲座", "其他"], true, ShowIfNumber: 10, ShowIfOption: "是"),
        new("您对科协工作的意见和建议", SurveyQuestionKind.Text, null, false, Profile: SurveyProfile.Suggestion, Rule: new(SurveyRuleKind.Length, Max: 500)),
    ];
}

/// <summary>
/// One returned questionnaire. Not an audited record (answers are anonymous): the answers by question number (several options one per
/// line), the respondent's structure answers copied out for counting, valid or the reason it is not.
/// </summary>
public sealed class SurveyResponse : IRegional
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid SurveyId { get; init; }

    public string RegionCode { get; init; } = string.Empty;

    public DateTimeOffset SubmittedAt { get; init; }

    public string[] Answers { get; init; } = [];

    public bool Valid { get; init; }

    /// <summary>重复提交 / 答题用时过短.</summary>
    public string? InvalidReason { get; init; }

    /// <summary>SHA-256 of the survey and the browser's key: the same browser answering again is a duplicate.</summary>
    public string? RespondentKey { get; init; }

    public Guid? InvitationId { get; init; }

    public int? SecondsSpent { get; init; }

    public string? Field { get; init; }

    public string? AgeBand { get; init; }

    public string? Title { get; init; }

    public string? Education { get; init; }

    public string? Political { get; init; }

    public string? Suggestion { get; init; }

    /// <summary>The topic its survey's managers tagged the suggestion with (null: <see cref="SuggestionTopics.Of"/>, the automatic ones).</summary>
    public string? SuggestionTopic { get; private set; }

    /// <summary>待处理, 已采纳 or 已转交 (to 建言献策: <see cref="ProposalId"/>).</summary>
    public SuggestionState SuggestionState { get; private set; }

    /// <summary>The 建言献策 the suggestion was forwarded as.</summary>
    public Guid? ProposalId { get; private set; }

    /// <summary>The suggestion's topics: the one tagged by hand, else those its words give.</summary>
    public IReadOnlyList<string> Topics => SuggestionTopic is { } t ? [t] : SuggestionTopics.Of(Suggestion);

    internal void SetTopic(string? topic) => SuggestionTopic = topic;

    internal void SetState(SuggestionState state) => SuggestionState = state;

    /// <summary>Records the 建言献策 the suggestion became (once); its state is 已转交.</summary>
    public void Forwarded(Guid proposalId)
    {
        if (ProposalId is not null)
        {
            throw new InvalidTransitionException("该建议已转交建言献策");
        }

        ProposalId = proposalId;
        SuggestionState = SuggestionState.Forwarded;
    }

    public static string Hash(Guid surveyId, string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{surveyId:N}:{key}")));
}

/// <summary>An invitation link (邀请链接) of a survey: answered once. Not audited (its token is the link's secret).</summary>
public sealed class SurveyInvitation
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid SurveyId { get; init; }

    public string Token { get; init; } = string.Empty;

    /// <summary>被邀请人或单位 (optional).</summary>
    public string? Label { get; init; }

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;

    public DateTimeOffset? RespondedAt { get; private set; }

    public static SurveyInvitation New(Guid surveyId, string? label) => new()
    {
        SurveyId = surveyId,
        Token = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant(),
        Label = string.IsNullOrWhiteSpace(label) ? null : label.Trim().Length <= 100 ? label.Trim() : throw new DomainValidationException("labels", "被邀请人名称不超过100个字"),
    };

    public void MarkResponded(DateTimeOffset now)
    {
        if (RespondedAt is not null)
        {
            throw new InvalidTransitionException("该邀请链接已填写过问卷，每个链接只能填写一次");
        }

        RespondedAt = now;
    }
}

/// <summary>
/// The topics a survey's 意见和建议 are tagged with, by the words in them (a suggestion may carry several; one that matches none is
/// 其他): what the results page counts and filters by, so 500 suggestions read as "培训与继续教育 120 条、职称与评价 80 条…".
/// </summary>
public static class SuggestionTopics
{
    public const string Other = "其他";

    /// <summary>What a page shows for (and a request gives to go back to) the automatic tags.</summary>
    public const string Automatic = "自动";

    public const int MaxLength = 20;

    public const int MaxExtra = 20;

    /// <summary>Whether <paramref name="topic"/> is one of <paramref name="survey"/>'s topics (the shipped ones, its own, 其他).</summary>
    public static bool IsKnown(Survey survey, string? topic) => survey.Topics.Contains(topic, StringComparer.Ordinal);

    /// <summary>Topic and the words that put a suggestion under it, in the order the results page lists them.</summary>
    public static IReadOnlyList<(string Topic, string[] Words)> All { get; } =
    [
        ("培训与继续教育", ["培训", "继续教育", "课程", "进修", "学习", "研修"]),
        ("职称与评价", ["职称", "评审", "评价", "考核", "晋升"]),
        ("人才支持与激励", ["人才", "激励", "奖励", "补贴", "青年"]),
        ("项目与经费", ["项目", "经费", "资金", "申报", "科研条件"]),
        ("交流与合作", ["交流", "合作", "对接", "高校", "院所", "学术"]),
        ("宣传与表彰", ["宣传", "表彰", "事迹", "荣誉", "典型"]),
        ("服务与权益保障", ["权益", "保障", "待遇", "之家", "服务", "减负"]),
    ];

    /// <summary>The topics of a suggestion; <see cref="Other"/> when none of the words occur.</summary>
    public static IReadOnlyList<string> Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [Other];
        }

        var topics = All.Where(t => t.Words.Any(w => text.Contains(w, StringComparison.Ordinal))).Select(t => t.Topic).ToList();
        return topics.Count > 0 ? topics : [Other];
    }

    /// <summary>Whether <paramref name="topic"/> is one of the topics (or <see cref="Other"/>).</summary>
    public static bool IsKnown(string? topic) => topic == Other || All.Any(t => t.Topic == topic);
}
