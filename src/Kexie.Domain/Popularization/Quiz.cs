using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.Popularization;

public sealed record QuizQuestionData(string? RegionCode, string? Tag, string? Stem, IReadOnlyList<string>? Options, int? Answer, string? Explanation);

/// <summary>
/// A question of a region's 知识竞答 bank: a topic (<see cref="ScienceTopics"/>), a stem, 2–6 options, the right one and
/// why. Kiosks of the region and of its sub-regions draw from it (双向互动); retiring a question keeps past attempts.
/// </summary>
public sealed class QuizQuestion : Entity, IRegional
{
    public const int MinOptions = 2;

    public const int MaxOptions = 6;

    public const int OptionMaxLength = 100;

    private QuizQuestion()
    {
    }

    public string RegionCode { get; private set; } = string.Empty;

    /// <summary>主题 (one of <see cref="ScienceTopics.All"/>).</summary>
    public string Tag { get; private set; } = string.Empty;

    /// <summary>题干.</summary>
    public string Stem { get; private set; } = string.Empty;

    /// <summary>选项, in the order shown.</summary>
    public List<string> Options { get; private set; } = [];

    /// <summary>正确选项 (0-based index into <see cref="Options"/>).</summary>
    public int Answer { get; private set; }

    /// <summary>答案解析, shown after the visitor answers.</summary>
    public string? Explanation { get; private set; }

    public string? CreatedByUserId { get; private set; }

    public DateTimeOffset? RetiredAt { get; private set; }

    public bool IsActive => RetiredAt is null;

    public static bool MayManage(Actor actor, string regionCode) => actor.UserId is not null && actor.Manages(regionCode);

    public static QuizQuestion Create(QuizQuestionData data, Actor actor, DateTimeOffset? at = null)
    {
        var region = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        if (!MayManage(actor, region))
        {
            throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以维护知识竞答题库");
        }

        var (tag, stem, options, answer, explanation) = Validate(data);
        var when = at ?? DateTimeOffset.UtcNow;
        return new QuizQuestion
        {
            RegionCode = region,
            Tag = tag,
            Stem = stem,
            Options = options,
            Answer = answer,
            Explanation = explanation,
            CreatedByUserId = actor.UserId,
            CreatedAt = when,
            UpdatedAt = when,
        };
    }

    /// <summary>
    /// Corrects the topic, stem, options, right answer and 解析 (the region stays). Past attempts keep their score and
    /// topics as graded; a retired question may be corrected too (it stays retired).
    /// </summary>
    public void Edit(QuizQuestionData data, Actor actor, DateTimeOffset? at = null)
    {
        if (!MayManage(actor, RegionCode))
        {
            throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以维护知识竞答题库");
        }

        (Tag, Stem, Options, Answer, Explanation) = Validate(data);
        UpdatedAt = at ?? DateTimeOffset.UtcNow;
    }

    /// <summary>Puts a retired question back into the bank: kiosks draw it again.</summary>
    public void Reinstate(Actor actor, DateTimeOffset? at = null)
    {
        if (!MayManage(actor, RegionCode))
        {
            throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以维护知识竞答题库");
        }

        if (RetiredAt is null)
        {
            throw new InvalidTransitionException("该题目未停用");
        }

        RetiredAt = null;
        UpdatedAt = at ?? DateTimeOffset.UtcNow;
    }

    private static (string Tag, string Stem, List<string> Options, int Answer, string? Explanation) Validate(QuizQuestionData data)
    {
        var tag = Guard.Required(data.Tag, "tag", "主题", 20);
        if (!ScienceTopics.All.Contains(tag))
        {
            throw new DomainValidationException("tag", "主题不在科普主题标签中");
        }

        var options = (data.Options ?? []).Select(o => o?.Trim() ?? string.Empty).ToList();
        if (options.Count is < MinOptions or > MaxOptions)
        {
            throw new DomainValidationException("options", $"选项须为{MinOptions}至{MaxOptions}个");
        }

        for (var i = 0; i < options.Count; i++)
        {
            options[i] = Guard.Required(options[i], "options", $"选项{(char)('A' + i)}", OptionMaxLength);
        }

        if (options.Distinct(StringComparer.Ordinal).Count() != options.Count)
        {
            throw new DomainValidationException("options", "选项不能重复");
        }

        if (data.Answer is not { } answer || answer < 0 || answer >= options.Count)
        {
            throw new DomainValidationException("answer", "请选择正确答案");
        }

        return (tag, Guard.Required(data.Stem, "stem", "题干", 300), options, answer, Guard.Optional(data.Explanation, "explanation", "答案解析", 500));
    }

    public void Retire(Actor actor, DateTimeOffset? at = null)
    {
        if (!MayManage(actor, RegionCode))
        {
            throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以维护知识竞答题库");
        }

        if (RetiredAt is not null)
        {
            throw new InvalidTransitionException("该题目已停用");
        }

        RetiredAt = at ?? DateTimeOffset.UtcNow;
        UpdatedAt = RetiredAt.Value;
    }

    /// <summary>The region codes whose questions a station of <paramref name="regionCode"/> may draw: its own and its ancestors'.</summary>
    public static IReadOnlyList<string> BankRegionsFor(string regionCode) => [.. Regions.RegionCode.Ancestry(regionCode)];
}

/// <summary>
/// One quiz a visitor finished on a 科普e站 kiosk (anonymous) or on the website (a <see cref="WebQuiz"/>): how many questions, how many right, and the topic of each
/// answered question (repeated per question), which feeds the station's and the region's 科普需求画像.
/// The station's day counts it once, as one kiosk quiz (<see cref="EStationUsage.KioskQuizzes"/>).
/// </summary>
public sealed class QuizAttempt : Entity, IRegional
{
    /// <summary>Questions a kiosk quiz draws.</summary>
    public const int Size = 5;

    private QuizAttempt()
    {
    }

    /// <summary>The 科普e站 whose kiosk took it; null for an attempt on the website (<see cref="WebQuizId"/>).</summary>
    public Guid? StationId { get; private set; }

    public Guid? DeviceId { get; private set; }

    /// <summary>The 网上知识竞赛 taken on the website; null for a kiosk's.</summary>
    public Guid? WebQuizId { get; private set; }

    /// <summary>Who took it on the website when signed in; null when anonymous (and on kiosks).</summary>
    public string? UserId { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    public int Questions { get; private set; }

    public int Correct { get; private set; }

    /// <summary>The topic of each answered question (one entry per question).</summary>
    public List<string> Topics { get; private set; } = [];

    /// <summary>Score out of 100.</summary>
    public int Score => Questions == 0 ? 0 : (int)Math.Round(100m * Correct / Questions, MidpointRounding.AwayFromZero);

    /// <summary>Grades the visitor's answers (question, chosen option) against the questions they were shown.</summary>
    public static QuizAttempt Grade(EStation station, Guid deviceId, IReadOnlyList<(QuizQuestion Question, int Choice)> answers, DateTimeOffset? at = null)
    {
        var attempt = Graded(station.RegionCode, answers, at);
        attempt.StationId = station.Id;
        attempt.DeviceId = deviceId;
        return attempt;
    }

    /// <summary>Grades a website visitor's answers to a 网上知识竞赛 (<paramref name="userId"/> null when anonymous): an attempt of the quiz's region.</summary>
    public static QuizAttempt GradeOnWeb(WebQuiz quiz, string? userId, IReadOnlyList<(QuizQuestion Question, int Choice)> answers, DateTimeOffset? at = null)
    {
        var attempt = Graded(quiz.RegionCode, answers, at);
        attempt.WebQuizId = quiz.Id;
        attempt.UserId = userId;
        return attempt;
    }

    private static QuizAttempt Graded(string regionCode, IReadOnlyList<(QuizQuestion Question, int Choice)> answers, DateTimeOffset? at)
    {
        if (answers.Count == 0)
        {
            throw new DomainValidationException("answers", "请至少回答一道题");
        }

        if (answers.Count > Size)
        {
            throw new DomainValidationException("answers", $"每次最多回答{Size}道题");
        }

        if (answers.Select(a => a.Question.Id).Distinct().Count() != answers.Count)
        {
            throw new DomainValidationException("answers", "同一道题只能回答一次");
        }

        foreach (var (question, choice) in answers)
        {
            if (choice < 0 || choice >= question.Options.Count)
            {
                throw new DomainValidationException("answers", "所选选项不存在");
            }
        }

        var when = at ?? DateTimeOffset.UtcNow;
        return new QuizAttempt
        {
            RegionCode = regionCode,
            Questions = answers.Count,
            Correct = answers.Count(a => a.Choice == a.Question.Answer),
            Topics = [.. answers.Select(a => a.Question.Tag)],
            CreatedAt = when,
            UpdatedAt = when,
        };
    }
}
