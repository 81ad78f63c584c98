using Kexie.Domain.Common;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Directory;
using Kexie.Web.Features.Talent;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Talent.Surveys;

/// <summary>One survey for its region's managers: questions (edited while a draft), sending out, invitation links, results and export.</summary>
[Authorize]
public sealed class DetailsModel(SurveyService surveys, SurveyLinks links) : MarketPageModel
{
    public sealed class QuestionInput
    {
        public string? Text { get; set; }
        public string? Kind { get; set; }
        public string? Options { get; set; }
        public bool Required { get; set; } = true;
        public string? ScaleMax { get; set; }
        public string? Statistic { get; set; }
        public string? ShowIfNumber { get; set; }
        public string? ShowIfOption { get; set; }

        /// <summary>校验规则: a <see cref="SurveyRuleKind"/> name (empty or None: none), its bounds and a number's decimal places.</summary>
        public string? RuleKind { get; set; }
        public string? RuleMin { get; set; }
        public string? RuleMax { get; set; }
        public string? RuleDecimals { get; set; }

        public SurveyRuleData? ToRule()
        {
            var kind = ParseEnum<SurveyRuleKind>(RuleKind, "rule.kind", "校验规则", SurveyRuleKind.None);
            return kind == SurveyRuleKind.None ? null
                : new SurveyRuleData(kind, ParseDecimal(RuleMin, "rule.min", "最小值"), ParseDecimal(RuleMax, "rule.max", "最大值"), ParseInt(RuleDecimals, "rule.decimals", "小数位数"));
        }
    }

    public sealed class SettingsInput
    {
        public string? Name { get; set; }
        public string? Distributed { get; set; }
        public string? MinSeconds { get; set; }
    }

    [BindProperty] public QuestionInput Question { get; set; } = new();

    [BindProperty] public SettingsInput Settings { get; set; } = new();

    public SurveyDto Survey { get; private set; } = null!;

    public SurveyResultsDto? Results { get; private set; }

    public IReadOnlyList<SurveyInvitationDto> Invitations { get; private set; } = [];

    /// <summary>The cross-tab asked for (<c>?question=&amp;by=</c>), its choices and the error next to the field.</summary>
    public SurveyCrossTabDto? CrossTab { get; private set; }

    public int? CrossQuestion { get; private set; }

    public string? CrossBy { get; private set; }

    public (string Field, string Message)? CrossTabError { get; private set; }

    public bool MayManage => Can(Kexie.Web.Features.Talent.TalentPermissions.ManageSurveys, Survey.RegionCode);

    /// <summary>Whether the caller may add topics and tag the suggestions (the service centre's staff as well as the admins).</summary>
    public bool MayTag => Can(Kexie.Web.Features.Talent.TalentPermissions.TagSurveySuggestions, Survey.RegionCode);

    public string FillUrl => links.FillUrl(Request, Survey.Id);

    /// <summary>The suggestion topic chosen (<c>?topic=</c>): only its suggestions are listed.</summary>
    public string? Topic { get; private set; }

    /// <summary>The suggestion state chosen (<c>?state=</c>): only suggestions in it are listed.</summary>
    public SuggestionState? State { get; private set; }

    /// <summary>The link to the suggestions of a topic and state (null: any), as the filters combine.</summary>
    public string SuggestionsUrl(string? topic, SuggestionState? state)
    {
        var query = new List<string>();
        if (topic is not null)
        {
            query.Add("topic=" + Uri.EscapeDataString(topic));
        }

        if (state is { } st)
        {
            query.Add("state=" + st);
        }

        return $"/Talent/Surveys/Details/{Survey.Id}{(query.Count > 0 ? "?" + string.Join("&", query) : string.Empty)}#suggestions";
    }

    public async Task<IActionResult> OnGetAsync(Guid id, int? question, string? by, string? topic, string? state, CancellationToken ct)
    {
        Topic = string.IsNullOrWhiteSpace(topic) ? null : topic.Trim();
        State = Enum.TryParse<SuggestionState>(state, true, out var st) && Enum.IsDefined(st) ? st : null;
        if (!await LoadAsync(id, ct))
        {
            return Redirect($"/Talent/Surveys/Fill/{id}");
        }

        CrossQuestion = question;
        CrossBy = by;
        if (question is not null || !string.IsNullOrWhiteSpace(by))
        {
            try
            {
                CrossTab = await surveys.CrossTabAsync(Actor, id, question, by, ct);
            }
            catch (DomainValidationException e)
            {
                CrossTabError = (e.Field, e.Message);
            }
        }

        Question = new QuestionInput { Kind = nameof(SurveyQuestionKind.Single) };
        Settings = new SettingsInput { Name = Survey.Name, Distributed = Survey.Distributed > 0 ? Survey.Distributed.ToString() : null, MinSeconds = Survey.MinSeconds.ToString() };
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(Guid id, int? question, string? by, CancellationToken ct) =>
        File(await surveys.ExportAsync(Actor, id, ct, question, by), DirectoryEndpoints.ExcelContentType, "问卷答卷.xlsx");

    /// <summary>The QR code (PNG) of the public fill link, or of invitation <paramref name="t"/>; <paramref name="download"/>: as a file for posters.</summary>
    public async Task<IActionResult> OnGetQrAsync(Guid id, string? t, bool download, CancellationToken ct)
    {
        var png = SurveyLinks.Png(await surveys.QrLinkAsync(Actor, id, t, links.BaseUrl(Request), ct));
        return download ? File(png, "image/png", string.IsNullOrEmpty(t) ? "问卷二维码.png" : $"问卷邀请二维码-{t[..Math.Min(6, t.Length)]}.png") : File(png, "image/png");
    }

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ManageSurveys))]
    public async Task<IActionResult> OnPostStatusAsync(Guid id, string? status, CancellationToken ct)
    {
        try
        {
            var moved = await surveys.MoveAsync(Actor, id, Enum.TryParse<SurveyStatus>(status, out var s) ? s : null, ct);
            return BackWithNotice(moved.Status == SurveyStatus.Open ? "问卷已发放，可将填写链接发给调查对象" : "问卷已结束");
        }
        catch (Exception e) when (e is DomainValidationException or InvalidTransitionException)
        {
            return BackWithAlert(e.Message);
        }
    }

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ManageSurveys))]
    public async Task<IActionResult> OnPostSettingsAsync(Guid id, CancellationToken ct)
    {
        var current = await surveys.GetAsync(Actor, id, ct);
        try
        {
            await surveys.UpdateAsync(Actor, id, new SurveyRequest(
                Settings.Name, current.Year, current.RegionCode, current.Distribution, ParseInt(Settings.Distributed, "distributed", "发放份数"), current.Description,
                ParseInt(Settings.MinSeconds, "minSeconds", "最短答题时间")), null, ct);
            return BackWithNotice("已保存");
        }
        catch (Exception e) when (e is DomainValidationException or InvalidTransitionException)
        {
            return BackWithAlert(e.Message);
        }
    }

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ManageSurveys))]
    public async Task<IActionResult> OnPostAddQuestionAsync(Guid id, CancellationToken ct)
    {
        var current = await surveys.GetAsync(Actor, id, ct);
        try
        {
            var added = new SurveyQuestionData(
                Question.Text, ParseEnum<SurveyQuestionKind>(Question.Kind, "kind", "题型"),
                (Question.Options ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), Question.Required,
                ParseInt(Question.ScaleMax, "scaleMax", "量表最高分"), ParseEnum<SurveyProfile>(Question.Statistic, "statistic", "统计项", SurveyProfile.None),
                ParseInt(Question.ShowIfNumber, "showIfNumber", "显示条件题号"), string.IsNullOrWhiteSpace(Question.ShowIfOption) ? null : Question.ShowIfOption,
                Question.ToRule());
            await SaveQuestionsAsync(current, [.. current.Questions.Select(ToData), added], ct);
            return BackWithNotice("已添加题目");
        }
        catch (Exception e) when (e is DomainValidationException or InvalidTransitionException)
        {
            return BackWithAlert(e.Message);
        }
    }

    /// <summary>编辑题目的校验规则 (while a draft): question <paramref name="number"/>'s rule replaced by the form's (无: none).</summary>
    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ManageSurveys))]
    public async Task<IActionResult> OnPostRuleAsync(Guid id, int number, CancellationToken ct)
    {
        var current = await surveys.GetAsync(Actor, id, ct);
        try
        {
            if (current.Questions.All(q => q.Number != number))
            {
                throw new DomainValidationException("number", "题目不存在");
            }

            var rule = Question.ToRule();
            await SaveQuestionsAsync(current, [.. current.Questions.Select(q => q.Number == number ? ToData(q) with { Rule = rule } : ToData(q))], ct);
            return BackWithNotice(rule is null ? $"已取消第{number}题的校验规则" : $"已设置第{number}题的校验规则");
        }
        catch (Exception e) when (e is DomainValidationException or InvalidTransitionException)
        {
            return BackWithAlert(e.Message);
        }
    }

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ManageSurveys))]
    public async Task<IActionResult> OnPostRemoveQuestionAsync(Guid id, int number, CancellationToken ct)
    {
        var current = await surveys.GetAsync(Actor, id, ct);
        try
        {
            // Later questions move up; a condition on the removed question goes with it.
            var kept = current.Questions.Where(q => q.Number != number).Select(q => ToData(q) with
            {
                ShowIfNumber = q.ShowIfNumber == number ? null : q.ShowIfNumber > number ? q.ShowIfNumber - 1 : q.ShowIfNumber,
                ShowIfOption = q.ShowIfNumber == number ? null : q.ShowIfOption,
            }).ToList();
            await SaveQuestionsAsync(current, kept, ct);
            return BackWithNotice($"已删除第{number}题");
        }
        catch (Exception e) when (e is DomainValidationException or InvalidTransitionException)
        {
            return BackWithAlert(e.Message);
        }
    }

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ManageSurveys))]
    public async Task<IActionResult> OnPostInviteAsync(Guid id, string? count, string? labels, CancellationToken ct)
    {
        try
        {
            var names = (labels ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var created = await surveys.InviteAsync(Actor, id, new SurveyInviteRequest(ParseInt(count, "count", "链接数量"), names), ct);
            return BackWithNotice($"已生成{created.Count}个邀请链接");
        }
        catch (Exception e) when (e is DomainValidationException or InvalidTransitionException)
        {
            return BackWithAlert(e.Message);
        }
    }

    /// <summary>A manager tags one suggestion: its topic (自动: the automatic ones) and its state (已转交 submits it to 建言献策).</summary>
    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.TagSurveySuggestions))]
    public async Task<IActionResult> OnPostTagAsync(Guid id, Guid responseId, string? topic, string? state, CancellationToken ct)
    {
        try
        {
            var tagged = await surveys.TagSuggestionAsync(Actor, id, responseId, new SuggestionTagRequest(topic, SurveyEndpoints.ParseState(state)), ct);
            return BackWithNotice(tagged.ProposalId is not null && tagged.State == SuggestionState.Forwarded ? "已保存，该建议已转交建言献策" : "已保存");
        }
        catch (Exception e) when (e is DomainValidationException or InvalidTransitionException)
        {
            return BackWithAlert(e.Message);
        }
    }

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.TagSurveySuggestions))]
    public async Task<IActionResult> OnPostAddTopicAsync(Guid id, string? newTopic, CancellationToken ct)
    {
        try
        {
            await surveys.AddTopicAsync(Actor, id, new SurveyTopicRequest(newTopic), ct);
            return BackWithNotice($"已添加主题“{newTopic?.Trim()}”");
        }
        catch (Exception e) when (e is DomainValidationException or InvalidTransitionException)
        {
            return BackWithAlert(e.Message);
        }
    }

    private static SurveyQuestionData ToData(SurveyQuestionDto q) =>
        new(q.Text, q.Kind, q.Options, q.Required, q.Kind == SurveyQuestionKind.Scale ? q.ScaleMax : null, q.Profile, q.ShowIfNumber, q.ShowIfOption, q.Rule);

    private static decimal? ParseDecimal(string? text, string field, string label) =>
        string.IsNullOrWhiteSpace(text) ? null
        : decimal.TryParse(text.Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v
        : throw new DomainValidationException(field, $"{label}“{text.Trim()}”不是有效的数字");

    /// <summary>The results API the page polls while the survey collects answers (the same topic and state), and the ETag of what it shows.</summary>
    public string ResultsUrl
    {
        get
        {
            var query = new List<string>();
            if (Topic is not null)
            {
                query.Add("topic=" + Uri.EscapeDataString(Topic));
            }

            if (State is { } st)
            {
                query.Add("state=" + st);
            }

            return $"/api/v1/surveys/{Survey.Id}/results{(query.Count > 0 ? "?" + string.Join("&", query) : string.Empty)}";
        }
    }

    public string ResultsETag => SurveyService.ETag(Results!);

    /// <summary>"已回收N份，有效M份，更新于HH:mm:ss" (China time), the line the live page keeps current.</summary>
    public string LiveLine => $"已回收{Results!.Returned}份，有效{Results.Valid}份，更新于{DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)):HH:mm:ss}";

    private Task SaveQuestionsAsync(SurveyDto s, IReadOnlyList<SurveyQuestionData> questions, CancellationToken ct) =>
        surveys.UpdateAsync(Actor, s.Id, new SurveyRequest(s.Name, s.Year, s.RegionCode, s.Distribution, s.Distributed, s.Description, s.MinSeconds, questions), null, ct);

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Survey = await surveys.GetAsync(Actor, id, ct);
        if (!Can(Kexie.Web.Features.Talent.TalentPermissions.ReadSurveyResults, Survey.RegionCode))
        {
            return false;
        }

        try
        {
            Results = await surveys.ResultsAsync(Actor, id, ct, Topic, State);
        }
        catch (DomainValidationException)
        {
            // A topic not (or no longer) of the survey's list: everything, unfiltered.
            (Topic, State) = (null, null);
            Results = await surveys.ResultsAsync(Actor, id, ct);
        }

        Invitations = Survey.Distribution == SurveyDistribution.Invitation ? await surveys.InvitationsAsync(Actor, id, ct) : [];
        return true;
    }
}
