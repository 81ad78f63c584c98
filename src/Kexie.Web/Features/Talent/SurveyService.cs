using Kexie.Data;
using Kexie.Data.Exchange;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Talent;

/// <param name="Template">True: start from the 科技工作者状况调查 template when no questions are given.</param>
public sealed record SurveyRequest(
    string? Name, int? Year, string? RegionCode, SurveyDistribution? Distribution, int? Distributed = null, string? Description = null, int? MinSeconds = null,
    IReadOnlyList<SurveyQuestionData>? Questions = null, bool Template = false)
{
    public SurveyData ToData() => new(Name, Year, RegionCode, Distribution, Distributed, Description, MinSeconds);
}

public sealed record SurveyStatusRequest(SurveyStatus? Status);

public sealed record SurveyInviteRequest(int? Count, IReadOnlyList<string>? Labels = null);

/// <param name="Answers">Question number → the chosen options, the scale value or the text (one item).</param>
/// <param name="RespondentKey">The browser's own random key: the same key answering again is a duplicate.</param>
public sealed record SurveyAnswerRequest(Dictionary<int, string[]>? Answers, string? Token = null, string? RespondentKey = null, int? SecondsSpent = null);

public sealed record SurveyAnswerResult(bool Valid, string Message);

/// <param name="Rule">The question's validation rule (null: none); <paramref name="RuleText"/> words it ("18–80之间的整数", "至多选3项").</param>
public sealed record SurveyQuestionDto(
    int Number, string Text, SurveyQuestionKind Kind, string KindName, IReadOnlyList<string> Options, bool Required, int ScaleMax, SurveyProfile Profile,
    string ProfileName, int? ShowIfNumber, string? ShowIfOption, SurveyRuleData? Rule = null, string? RuleText = null);

public sealed record SurveyDto(
    Guid Id, string Name, int Year, string RegionCode, string RegionName, string? Description, SurveyDistribution Distribution, string DistributionName,
    int Distributed, int MinSeconds, SurveyStatus Status, string StatusName, IReadOnlyList<SurveyQuestionDto> Questions, int Version);

public sealed record SurveyListItem(Guid Id, string Name, int Year, string RegionName, SurveyStatus Status, string StatusName, string DistributionName, int? Returned, int? Valid);

public sealed record SurveyInvitationDto(string Token, string? Label, bool Responded);

public sealed record OptionCount(string Option, int Count, decimal Percent);

public sealed record SurveyStructure(SurveyProfile Profile, string Name, int QuestionNumber, IReadOnlyList<OptionCount> Counts);

public sealed record SurveyQuestionResult(int Number, string Text, string KindName, int Answered, IReadOnlyList<OptionCount> Counts, decimal? Average);

/// <param name="Id">The response the suggestion came with (what a manager tags).</param>
/// <param name="Topics">The topics the suggestion is tagged with: the one a manager chose, else those its words give (<see cref="SuggestionTopics"/>).</param>
/// <param name="Automatic">True: <see cref="Topics"/> are the automatic ones (the page marks them 自动).</param>
/// <param name="ProposalId">The 建言献策 it was forwarded as.</param>
public sealed record SurveySuggestion(
    DateTimeOffset SubmittedAt, string Text, IReadOnlyList<string> Topics, Guid Id, bool Automatic,
    SuggestionState State, string StateName, Guid? ProposalId);

/// <param name="Topic">A topic of the survey's list (or 自动/empty: back to the automatic tags); null: unchanged.</param>
/// <param name="State">待处理 / 已采纳 / 已转交 (已转交 submits it to 建言献策 once); null: unchanged.</param>
public sealed record SuggestionTagRequest(string? Topic, SuggestionState? State);

public sealed record SurveyTopicRequest(string? Topic);

/// <param name="TopicChoices">The survey's topic list a suggestion may be tagged with (the shipped ones, the survey's own, 其他).</param>
/// <param name="SuggestionStates">Suggestions per state (待处理, 已采纳, 已转交).</param>
/// <param name="Filtered">Suggestions of the chosen topic and state (all of them listed up to 50 in <see cref="LatestSuggestions"/>).</param>
public sealed record SurveyResultsDto(
    Guid Id, string Name, int Distributed, int Invitations, int Returned, int Valid, IReadOnlyList<NamedCount> Invalid, int Suggestions,
    IReadOnlyList<SurveyStructure> Structure, IReadOnlyList<SurveyQuestionResult> Questions, IReadOnlyList<SurveySuggestion> LatestSuggestions, string Summary,
    IReadOnlyList<NamedCount>? SuggestionTopics = null, string? Topic = null, IReadOnlyList<string>? TopicChoices = null,
    IReadOnlyList<NamedCount>? SuggestionStates = null, SuggestionState? State = null, int Filtered = 0, bool Collecting = false);

/// <summary>One cell of a cross-tab: how many respondents of the row chose the column, and their share of the row (%).</summary>
public sealed record CrossTabCell(int Count, decimal Percent);

/// <param name="Total">Respondents of the row (who answered both questions).</param>
public sealed record CrossTabRow(string Label, int Total, IReadOnlyList<CrossTabCell> Cells);

/// <summary>
/// A cross-tab (交叉分析) of valid responses: rows are the options of the dimension <see cref="ByNumber"/> (a structure question or another
/// choice question), columns the answers to question <see cref="QuestionNumber"/>; percentages are of the row's respondents (a
/// multiple-choice question's may add up to more than 100%). <see cref="Total"/> counts each respondent once.
/// </summary>
public sealed record SurveyCrossTabDto(
    int QuestionNumber, string Question, int ByNumber, string By, IReadOnlyList<string> Columns, IReadOnlyList<CrossTabRow> Rows, CrossTabRow Total, int Respondents);

public sealed record SurveyStatisticsDto(string RegionCode, string RegionName, int Year, int Surveys, int Distributed, int Returned, int Valid, int Suggestions, string Summary);

/// <summary>
/// Questionnaires (问卷调查): the 科技工作者状况调查 template, built and sent out by a region's admins, answered by anyone with the link
/// (or an invitation), counted as returned and valid, with the respondents' structure and their suggestions; results only for the
/// region's managers.
/// </summary>
public sealed class SurveyService(KexieDbContext db, ReferenceCodesCache reference)
{
    public const int MaxInvitationsPerCall = 5000;

    public async Task<PagedResult<SurveyListItem>> ListAsync(Actor actor, string? region, int? year, int? page, int? pageSize, CancellationToken ct = default)
    {
        var paging = PageRequest.Of(page, pageSize);
        var managed = actor.ManagedScope is not null;
        var query = managed ? db.Surveys.AsNoTracking().InScope(actor) : db.Surveys.AsNoTracking().Where(s => s.Status == SurveyStatus.Open && s.Distribution == SurveyDistribution.Anonymous);
        if (MarketSupport.RegionFilter(region) is { } code)
        {
            query = query.Where(s => RegionScope.Within(s.RegionCode, code));
        }

        if (year is { } y)
        {
            query = query.Where(s => s.Year == y);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.IgnoreAutoIncludes().OrderByDescending(s => s.Year).ThenBy(s => s.Status).ThenBy(s => s.Name).ThenBy(s => s.Id)
            .Skip(paging.Skip).Take(paging.PageSize).Select(s => new { s.Id, s.Name, s.Year, s.RegionCode, s.Status, s.Distribution }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var counts = managed
            ? await db.SurveyResponses.Where(r => ids.Contains(r.SurveyId)).GroupBy(r => r.SurveyId)
                .Select(g => new { g.Key, Returned = g.Count(), Valid = g.Count(r => r.Valid) }).ToDictionaryAsync(g => g.Key, ct)
            : [];
        var names = await Lookups.RegionNamesAsync(db, rows.Select(r => r.RegionCode), ct);
        return new PagedResult<SurveyListItem>(rows.Select(r => new SurveyListItem(
            r.Id, r.Name, r.Year, names.GetValueOrDefault(r.RegionCode, "未知地区"), r.Status, r.Status.Chinese(), r.Distribution.Chinese(),
            managed ? counts.GetValueOrDefault(r.Id)?.Returned ?? 0 : null, managed ? counts.GetValueOrDefault(r.Id)?.Valid ?? 0 : null)).ToList(), total, paging.Page, paging.PageSize);
    }

    /// <summary>A survey: to its region's managers always; to anyone while it collects answers.</summary>
    public async Task<SurveyDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null || (survey.Status != SurveyStatus.Open && !survey.MayRead(actor)))
        {
            throw new NotFoundException("问卷不存在");
        }

        return await ToDtoAsync(survey, ct);
    }

    public async Task<SurveyDto> CreateAsync(Actor actor, SurveyRequest r, CancellationToken ct = default)
    {
        var questions = r.Questions ?? (r.Template ? Survey.ScienceWorkerTemplate : []);
        var survey = Survey.Create(r.ToData(), questions, actor);
        (await reference.GetAsync(db, ct)).RequireRegion(survey.RegionCode);
        db.Surveys.Add(survey);
        await db.SaveChangesAsync(ct);
        return await GetAsync(actor, survey.Id, ct);
    }

    /// <summary>Changes the name, year, distribution and counts; the questions too while a draft (when given).</summary>
    public async Task<SurveyDto> UpdateAsync(Actor actor, Guid id, SurveyRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var survey = await db.Surveys.InScope(actor).FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("问卷不存在");
        MarketSupport.CheckVersion(survey.Version, expectedVersion);
        survey.Update(r.ToData(), actor);
        (await reference.GetAsync(db, ct)).RequireRegion(survey.RegionCode);
        if (r.Questions is { } questions)
        {
            survey.ReplaceQuestions(questions, actor);
        }

        await db.SaveChangesAsync(ct);
        return await GetAsync(actor, id, ct);
    }

    public async Task<SurveyDto> MoveAsync(Actor actor, Guid id, SurveyStatus? status, CancellationToken ct = default)
    {
        var survey = await db.Surveys.InScope(actor).FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("问卷不存在");
        switch (status)
        {
            case SurveyStatus.Open:
                survey.Open(actor);
                break;
            case SurveyStatus.Closed:
                survey.Close(actor);
                break;
            default:
                throw new DomainValidationException("status", "请选择发放（收集中）或结束");
        }

        await db.SaveChangesAsync(ct);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>Creates invitation links (each answered once), optionally one per named invitee.</summary>
    public async Task<IReadOnlyList<SurveyInvitationDto>> InviteAsync(Actor actor, Guid id, SurveyInviteRequest r, CancellationToken ct = default)
    {
        var survey = await db.Surveys.InScope(actor).IgnoreAutoIncludes().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("问卷不存在");
        survey.RequireManager(actor);
        if (survey.Distribution != SurveyDistribution.Invitation)
        {
            throw new DomainValidationException("count", "该问卷通过公开链接填写，无需生成邀请链接");
        }

        if (survey.Status == SurveyStatus.Closed)
        {
            throw new InvalidTransitionException("问卷已结束");
        }

        var labels = (r.Labels ?? []).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        var count = labels.Count > 0 ? labels.Count : r.Count ?? 0;
        if (count is < 1 or > MaxInvitationsPerCall)
        {
            throw new DomainValidationException(labels.Count > 0 ? "labels" : "count", $"每次生成1到{MaxInvitationsPerCall}个邀请链接");
        }

        var created = Enumerable.Range(0, count).Select(i => SurveyInvitation.New(id, labels.Count > 0 ? labels[i] : null)).ToList();
        db.SurveyInvitations.AddRange(created);
        await db.SaveChangesAsync(ct);
        return created.Select(i => new SurveyInvitationDto(i.Token, i.Label, false)).ToList();
    }

    public async Task<IReadOnlyList<SurveyInvitationDto>> InvitationsAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        await ReadableAsync(actor, id, ct);
        return await db.SurveyInvitations.AsNoTracking().Where(i => i.SurveyId == id).OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)
            .Select(i => new SurveyInvitationDto(i.Token, i.Label, i.RespondedAt != null)).ToListAsync(ct);
    }

    /// <summary>
    /// The link a QR code of the survey carries: the public fill link while it collects answers (to anyone; its region's managers
    /// also before it is sent out, to print posters), or an invitation's own link (managers only). Anything else is not found.
    /// </summary>
    public async Task<string> QrLinkAsync(Actor actor, Guid id, string? token, string baseUrl, CancellationToken ct = default)
    {
        var survey = await db.Surveys.AsNoTracking().IgnoreAutoIncludes().FirstOrDefaultAsync(s => s.Id == id, ct);
        var manager = survey is not null && survey.MayRead(actor);
        if (survey is null || (!manager && (survey.Status != SurveyStatus.Open || !string.IsNullOrWhiteSpace(token))))
        {
            throw new NotFoundException("问卷不存在");
        }

        if (string.IsNullOrWhiteSpace(token))
        {
            if (survey.Distribution == SurveyDistribution.Invitation)
            {
                throw new DomainValidationException("t", "该问卷凭邀请链接填写，请生成邀请链接后使用各链接的二维码");
            }

            return SurveyLinks.FillUrl(baseUrl, id);
        }

        var t = token.Trim();
        return await db.SurveyInvitations.AnyAsync(i => i.SurveyId == id && i.Token == t, ct)
            ? SurveyLinks.FillUrl(baseUrl, id, t)
            : throw new NotFoundException("邀请链接不存在");
    }

    /// <summary>
    /// One respondent's answers. Open surveys take them from anyone (an invitation survey only with an unused invitation); a required
    /// answer missing is refused; a second answer from the same browser key, or one given faster than the survey's minimum, is
    /// returned but not valid.
    /// </summary>
    public async Task<SurveyAnswerResult> AnswerAsync(Guid id, SurveyAnswerRequest r, CancellationToken ct = default)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("问卷不存在");
        if (survey.Status == SurveyStatus.Draft)
        {
            throw new NotFoundException("问卷不存在");
        }

        SurveyInvitation? invitation = null;
        if (survey.Distribution == SurveyDistribution.Invitation && survey.Status == SurveyStatus.Open)
        {
            var token = r.Token?.Trim();
            invitation = string.IsNullOrEmpty(token) ? null : await db.SurveyInvitations.FirstOrDefaultAsync(i => i.SurveyId == id && i.Token == token, ct);
            if (invitation is null)
            {
                throw new DomainValidationException("token", "该问卷凭邀请链接填写，请使用收到的链接");
            }

            invitation.MarkResponded(DateTimeOffset.UtcNow);
        }

        var key = invitation?.Token ?? (string.IsNullOrWhiteSpace(r.RespondentKey) ? null : r.RespondentKey.Trim());
        if (key is { Length: > 200 })
        {
            throw new DomainValidationException("respondentKey", "答题标识过长");
        }

        var hash = key is null ? null : SurveyResponse.Hash(id, key);
        var duplicate = hash is not null && await db.SurveyResponses.AnyAsync(x => x.SurveyId == id && x.RespondentKey == hash, ct);
        var answers = (r.Answers ?? []).ToDictionary(a => a.Key, a => (IReadOnlyList<string>)(a.Value ?? []));
        var response = survey.Answer(answers, key, duplicate, r.SecondsSpent, invitation?.Id, DateTimeOffset.UtcNow);
        db.SurveyResponses.Add(response);
        await db.SaveChangesAsync(ct);
        return new SurveyAnswerResult(response.Valid, response.Valid ? "提交成功，感谢您的参与！" : "提交成功，感谢您的参与！（本次提交未计入有效问卷）");
    }

    /// <summary>Returned and valid counts, the respondents' structure, each question's answers and the latest suggestions.</summary>
    /// <param name="topic">Only the suggestions tagged with this topic in <see cref="SurveyResultsDto.LatestSuggestions"/> (the counts stay whole).</param>
    /// <param name="state">Only the suggestions in this state (待处理, 已采纳, 已转交) there.</param>
    public async Task<SurveyResultsDto> ResultsAsync(Actor actor, Guid id, CancellationToken ct = default, string? topic = null, SuggestionState? state = null)
    {
        var survey = await ReadableAsync(actor, id, ct);
        topic = string.IsNullOrWhiteSpace(topic) ? null : topic.Trim();
        if (topic is not null && !SuggestionTopics.IsKnown(survey, topic))
        {
            throw new DomainValidationException("topic", $"没有“{topic}”这一意见建议主题（可选：{string.Join("、", survey.Topics)}）");
        }

        if (state is { } st && !Enum.IsDefined(st))
        {
            throw new DomainValidationException("state", "处理状态应为待处理、已采纳或已转交");
        }

        var returned = await db.SurveyResponses.CountAsync(r => r.SurveyId == id, ct);
        var invalid = await db.SurveyResponses.Where(r => r.SurveyId == id && !r.Valid).GroupBy(r => r.InvalidReason)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var answers = await db.SurveyResponses.AsNoTracking().Where(r => r.SurveyId == id && r.Valid).Select(r => r.Answers).ToListAsync(ct);
        // Every suggestion is tagged, by hand or else by its words: the topics are counted over all, the latest 50 (of a topic and state when chosen) listed.
        var tagged = await TaggedAsync(id, ct);
        var suggestions = tagged.Count;
        var chosen = tagged.Where(r => (topic is null || r.Topics!.Contains(topic)) && (state is null || r.State == state)).ToList();
        var latest = chosen.Take(50).ToList();
        var topics = TopicCounts(survey, tagged).Where(c => c.Entries > 0).ToList();
        var states = Enum.GetValues<SuggestionState>().Select(x => new NamedCount(x.ToString(), x.Chinese(), tagged.Count(r => r.State == x), 0)).ToList();
        var invitations = await db.SurveyInvitations.CountAsync(i => i.SurveyId == id, ct);
        var questions = survey.Questions.OrderBy(q => q.Number).Select(q => Result(q, answers)).ToList();
        var structure = survey.Questions.Where(q => q.Statistic is not (SurveyProfile.None or SurveyProfile.Suggestion)).OrderBy(q => q.Statistic)
            .Select(q => new SurveyStructure(q.Statistic, q.Statistic.Chinese(), q.Number, questions[q.Number - 1].Counts)).ToList();
        var valid = answers.Count;
        var distributed = Distributed(survey.Distributed, invitations);
        var region = (await Lookups.RegionNamesAsync(db, [survey.RegionCode], ct)).GetValueOrDefault(survey.RegionCode, "所选地区");
        return new SurveyResultsDto(
            survey.Id, survey.Name, distributed, invitations, returned, valid,
            invalid.OrderByDescending(i => i.Count).Select(i => new NamedCount(i.Key ?? "其他", i.Key ?? "其他", i.Count, 0)).ToList(), suggestions,
            structure, questions, latest, Summary(survey.Year, region, [survey.Name], distributed, valid, suggestions), topics, topic, survey.Topics, states, state, chosen.Count,
            survey.Status == SurveyStatus.Open);
    }

    /// <summary>
    /// The results' entity tag: a hash of everything they say, so a results page polling with If-None-Match gets 304 until an answer
    /// comes in, a suggestion is tagged or the survey closes (the counting is done again each time; the transfer is saved).
    /// </summary>
    public static string ETag(SurveyResultsDto results)
    {
        var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(results, ETagJson);
        return $"\"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes).AsSpan(0, 16)).ToLowerInvariant()}\"";
    }

    private static readonly System.Text.Json.JsonSerializerOptions ETagJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>
    /// A manager of the survey's region tags one suggestion by hand: its topic (from the survey's list; 自动 for the automatic ones) and its
    /// state; 已转交 submits it to 建言献策 of the survey's region once (the proposer named as the survey's respondent, the text as given).
    /// </summary>
    public async Task<SurveySuggestion> TagSuggestionAsync(Actor actor, Guid id, Guid responseId, SuggestionTagRequest r, CancellationToken ct = default)
    {
        var survey = await db.Surveys.InScope(actor).FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("问卷不存在");
        var response = await db.SurveyResponses.FirstOrDefaultAsync(x => x.Id == responseId && x.SurveyId == id, ct) ?? throw new NotFoundException("意见建议不存在");
        if (r.Topic is null && r.State is null)
        {
            throw new DomainValidationException("topic", "请选择主题或处理状态");
        }

        survey.TagSuggestion(response, r.Topic, r.State, actor);
        if (r.State == SuggestionState.Forwarded && response.ProposalId is null)
        {
            var text = response.Suggestion!;
            var title = $"{survey.Name}意见建议：{(text.Length > 30 ? text[..30] + "…" : text)}";
            title = title.Length > MarketRules.TitleMaxLength ? title[..(MarketRules.TitleMaxLength - 1)] + "…" : title;
            var proposal = Kexie.Domain.ThinkTank.Proposal.Submit(new Kexie.Domain.ThinkTank.ProposalData(
                title, text.Length > MarketRules.DescriptionMaxLength ? text[..MarketRules.DescriptionMaxLength] : text, "问卷填答人（匿名）", survey.Name, survey.RegionCode), actor);
            db.Proposals.Add(proposal);
            response.Forwarded(proposal.Id);
        }

        await db.SaveChangesAsync(ct);
        return ToSuggestion(response.Id, response.SubmittedAt, response.Suggestion!, response.SuggestionTopic, response.SuggestionState, response.ProposalId);
    }

    /// <summary>Adds a topic to the survey's list (then suggestions may be tagged with it); returns the list.</summary>
    public async Task<IReadOnlyList<string>> AddTopicAsync(Actor actor, Guid id, SurveyTopicRequest r, CancellationToken ct = default)
    {
        var survey = await db.Surveys.InScope(actor).FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("问卷不存在");
        survey.AddTopic(r.Topic, actor);
        await db.SaveChangesAsync(ct);
        return survey.Topics;
    }

    /// <summary>Every valid suggestion of a survey, newest first, with its topics (by hand or automatic) and state.</summary>
    private async Task<List<SurveySuggestion>> TaggedAsync(Guid id, CancellationToken ct) =>
        (await db.SurveyResponses.AsNoTracking().Where(r => r.SurveyId == id && r.Valid && r.Suggestion != null)
            .OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id)
            .Select(r => new { r.Id, r.SubmittedAt, Text = r.Suggestion!, r.SuggestionTopic, r.SuggestionState, r.ProposalId }).ToListAsync(ct))
        .Select(r => ToSuggestion(r.Id, r.SubmittedAt, r.Text, r.SuggestionTopic, r.SuggestionState, r.ProposalId)).ToList();

    private static SurveySuggestion ToSuggestion(Guid id, DateTimeOffset at, string text, string? topic, SuggestionState state, Guid? proposal) =>
        new(at, text, topic is null ? SuggestionTopics.Of(text) : [topic], id, topic is null, state, state.Chinese(), proposal);

    /// <summary>Suggestions per topic of the survey's list (a suggestion tagged automatically may count under several).</summary>
    private static List<NamedCount> TopicCounts(Survey survey, IReadOnlyList<SurveySuggestion> tagged) =>
        [.. survey.Topics.Select(t => new NamedCount(t, t, tagged.Count(r => r.Topics!.Contains(t)), 0))];

    /// <summary>
    /// Crosses question <paramref name="question"/> (a choice or scale question) with <paramref name="by"/>: a structure dimension by
    /// name (<c>AgeBand</c>, <c>Title</c>…) or the number of another choice question. Only valid responses count.
    /// </summary>
    public async Task<SurveyCrossTabDto> CrossTabAsync(Actor actor, Guid id, int? question, string? by, CancellationToken ct = default)
    {
        var survey = await ReadableAsync(actor, id, ct);
        var answers = await db.SurveyResponses.AsNoTracking().Where(r => r.SurveyId == id && r.Valid).Select(r => r.Answers).ToListAsync(ct);
        return CrossTab(survey, question, by, answers);
    }

    public static SurveyCrossTabDto CrossTab(Survey survey, int? question, string? by, IReadOnlyList<string[]> answers)
    {
        ArgumentNullException.ThrowIfNull(survey);
        var q = survey.Questions.FirstOrDefault(x => x.Number == question) ?? throw new DomainValidationException("question", "请选择要交叉分析的题目");
        if (q.Kind == SurveyQuestionKind.Text)
        {
            throw new DomainValidationException("question", $"第{q.Number}题为填空题，不能交叉分析");
        }

        var text = by?.Trim() ?? string.Empty;
        var x = int.TryParse(text, out var n) ? survey.Questions.FirstOrDefault(e => e.Number == n)
            : Enum.TryParse<SurveyProfile>(text, true, out var p) && p is not (SurveyProfile.None or SurveyProfile.Suggestion)
                ? survey.Questions.FirstOrDefault(e => e.Statistic == p) : null;
        if (x is null)
        {
            throw new DomainValidationException("by", "请选择交叉维度（问卷中的样本结构题或另一道选择题）");
        }

        if (x.Kind is not (SurveyQuestionKind.Single or SurveyQuestionKind.Multiple))
        {
            throw new DomainValidationException("by", $"交叉维度应为选择题，第{x.Number}题是{x.Kind.Chinese()}题");
        }

        if (x.Number == q.Number)
        {
            throw new DomainValidationException("by", "交叉维度不能是所分析的同一道题");
        }

        var values = q.Kind == SurveyQuestionKind.Scale ? Enumerable.Range(1, q.ScaleMax).Select(v => v.ToString()).ToList() : q.Options.ToList();
        var columns = q.Kind == SurveyQuestionKind.Scale ? values.Select(v => $"{v}分").ToList() : values;
        var column = values.Select((v, i) => (v, i)).ToDictionary(c => c.v, c => c.i, StringComparer.Ordinal);
        var row = x.Options.Select((v, i) => (v, i)).ToDictionary(c => c.v, c => c.i, StringComparer.Ordinal);
        var counts = new int[x.Options.Length, values.Count];
        var rowTotals = new int[x.Options.Length];
        var totals = new int[values.Count];
        var respondents = 0;
        static string[] Given(string[] a, int number) => number - 1 < a.Length && a[number - 1].Length > 0 ? a[number - 1].Split('\n') : [];
        foreach (var a in answers)
        {
            var cs = Given(a, q.Number).Where(column.ContainsKey).Select(v => column[v]).Distinct().ToList();
            var rs = Given(a, x.Number).Where(row.ContainsKey).Select(v => row[v]).Distinct().ToList();
            if (cs.Count == 0 || rs.Count == 0)
            {
                continue;
            }

            respondents++;
            cs.ForEach(c => totals[c]++);
            foreach (var r in rs)
            {
                rowTotals[r]++;
                cs.ForEach(c => counts[r, c]++);
            }
        }

        static decimal Percent(int count, int of) => of == 0 ? 0m : Math.Round(count * 100m / of, 1);
        var rows = x.Options.Select((o, r) => new CrossTabRow(o, rowTotals[r], values.Select((_, c) => new CrossTabCell(counts[r, c], Percent(counts[r, c], rowTotals[r]))).ToList())).ToList();
        var total = new CrossTabRow("合计", respondents, totals.Select(t => new CrossTabCell(t, Percent(t, respondents))).ToList());
        return new SurveyCrossTabDto(q.Number, q.Text, x.Number, x.Statistic is SurveyProfile.None ? x.Text : x.Statistic.Chinese(), columns, rows, total, respondents);
    }

    /// <summary>
    /// Every returned questionnaire as one row of an .xlsx sheet (one column per question); with <paramref name="question"/> and
    /// <paramref name="by"/>, their cross-tab of valid responses as a second sheet (交叉分析); each valid suggestion's topics in a column
    /// (意见建议主题) and, when there are suggestions, the count per topic as the last sheet (<see cref="TopicSheet"/>), as the results page counts them.
    /// </summary>
    public async Task<byte[]> ExportAsync(Actor actor, Guid id, CancellationToken ct = default, int? question = null, string? by = null)
    {
        var survey = await ReadableAsync(actor, id, ct);
        SurveyCrossTabDto? cross = null;
        if (question is not null || !string.IsNullOrWhiteSpace(by))
        {
            cross = await CrossTabAsync(actor, id, question, by, ct);
        }

        var rows = await db.SurveyResponses.AsNoTracking().Where(r => r.SurveyId == id).OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id).ToListAsync(ct);
        var columns = new List<(string Header, Func<SurveyResponse, object?> Value)>
        {
            ("提交时间", r => MarketRules.ChinaDate(r.SubmittedAt).ToString("yyyy-MM-dd") + " " + r.SubmittedAt.ToOffset(TimeSpan.FromHours(8)).ToString("HH:mm")),
            ("是否有效", r => r.Valid ? "有效" : "无效"),
            ("无效原因", r => r.InvalidReason),
            ("答题用时（秒）", r => r.SecondsSpent),
        };
        foreach (var q in survey.Questions.OrderBy(q => q.Number))
        {
            var index = q.Number - 1;
            columns.Add(($"{q.Number}. {q.Text}", r => index < r.Answers.Length && r.Answers[index].Length > 0 ? r.Answers[index].Replace("\n", "；", StringComparison.Ordinal) : null));
        }

        columns.Add(("意见建议主题", r => r.Valid && r.Suggestion is not null ? string.Join("、", r.Topics) : null));
        columns.Add(("主题来源", r => r.Valid && r.Suggestion is not null ? r.SuggestionTopic is null ? "自动" : "人工" : null));
        columns.Add(("建议处理状态", r => r.Valid && r.Suggestion is not null ? r.SuggestionState.Chinese() : null));
        var sheets = new List<(string, List<Dictionary<string, object?>>)> { ("问卷", ExcelExport.Table(rows, columns)) };
        if (cross is not null)
        {
            sheets.Add((CrossTabSheet, CrossTabTable(cross)));
        }

        var tagged = rows.Where(r => r.Valid && r.Suggestion is not null)
            .Select(r => ToSuggestion(r.Id, r.SubmittedAt, r.Suggestion!, r.SuggestionTopic, r.SuggestionState, r.ProposalId)).ToList();
        if (tagged.Count > 0)
        {
            sheets.Add((TopicSheet, [.. TopicCounts(survey, tagged)
                .Select(t => new Dictionary<string, object?> { ["主题"] = t.Name, ["意见建议（条）"] = t.Entries })
                .Append(new Dictionary<string, object?> { ["主题"] = "意见建议合计", ["意见建议（条）"] = tagged.Count })]));
        }

        return sheets.Count == 1 ? ExcelExport.ToXlsx(rows, columns, "问卷") : ExcelExport.ToXlsxSheets(sheets);
    }

    public const string CrossTabSheet = "交叉分析";

    /// <summary>The export's sheet of suggestion counts per topic (a suggestion may count under several).</summary>
    public const string TopicSheet = "意见建议主题";

    /// <summary>The cross-tab as sheet rows: the dimension's option, then each answer's count and row %, then the row's respondents; a 合计 row last.</summary>
    private static List<Dictionary<string, object?>> CrossTabTable(SurveyCrossTabDto t)
    {
        var first = $"{t.By} × 第{t.QuestionNumber}题";
        return [.. t.Rows.Append(t.Total).Select(r =>
        {
            var record = new Dictionary<string, object?> { [first] = r.Label };
            for (var c = 0; c < t.Columns.Count; c++)
            {
                record[$"{t.Columns[c]}（人数）"] = r.Cells[c].Count;
                record[$"{t.Columns[c]}（行%）"] = r.Cells[c].Percent;
            }

            record["小计（人数）"] = r.Total;
            return record;
        })];
    }

    /// <summary>The surveys of a region subtree and year: given out, returned, valid, suggestions, and the report's sentence.</summary>
    public async Task<SurveyStatisticsDto> StatisticsAsync(string? region, int? year, CancellationToken ct = default)
    {
        var code = MarketSupport.RegionFilter(region) ?? throw new DomainValidationException("region", "请选择地区");
        var y = year ?? MarketRules.ChinaDate(DateTimeOffset.UtcNow).Year;
        if (y is < 1980 or > 2100)
        {
            throw new DomainValidationException("year", "年份不正确");
        }

        var surveys = await db.Surveys.AsNoTracking().IgnoreAutoIncludes().Where(s => RegionScope.Within(s.RegionCode, code) && s.Year == y && s.Status != SurveyStatus.Draft)
            .OrderBy(s => s.Name).Select(s => new { s.Id, s.Name, s.Distributed }).ToListAsync(ct);
        var ids = surveys.Select(s => s.Id).ToList();
        var responses = await db.SurveyResponses.Where(r => ids.Contains(r.SurveyId)).GroupBy(r => r.SurveyId)
            .Select(g => new { g.Key, Returned = g.Count(), Valid = g.Count(r => r.Valid), Suggestions = g.Count(r => r.Valid && r.Suggestion != null) }).ToListAsync(ct);
        var invitations = await db.SurveyInvitations.Where(i => ids.Contains(i.SurveyId)).GroupBy(i => i.SurveyId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var distributed = surveys.Sum(s => Distributed(s.Distributed, invitations.GetValueOrDefault(s.Id)));
        var returned = responses.Sum(r => r.Returned);
        var valid = responses.Sum(r => r.Valid);
        var suggestions = responses.Sum(r => r.Suggestions);
        var name = (await db.Regions.AsNoTracking().Where(r => r.Code == code).Select(r => r.Name).FirstOrDefaultAsync(ct)) ?? "所选地区";
        return new SurveyStatisticsDto(code, name, y, surveys.Count, distributed, returned, valid, suggestions,
            Summary(y, name, surveys.Select(s => s.Name).ToList(), distributed, valid, suggestions));
    }

    /// <summary>"2025年，大英县开展全县科技工作者状况调查，发放问卷3000份，回收有效问卷2463份，征集到意见和建议共500余条。"</summary>
    public static string Summary(int year, string regionName, IReadOnlyList<string> surveys, int distributed, int valid, int suggestions)
    {
        if (surveys.Count == 0)
        {
            return $"{year}年，{regionName}未开展问卷调查。";
        }

        var what = surveys.Count == 1 ? surveys[0] : $"问卷调查{surveys.Count}项";
        var parts = new List<string>();
        if (distributed > 0)
        {
            parts.Add($"发放问卷{distributed}份");
        }

        parts.Add($"回收有效问卷{valid}份");
        if (suggestions > 0)
        {
            parts.Add($"征集到意见和建议共{SurveyNames.About(suggestions, "条")}");
        }

        return $"{year}年，{regionName}开展{what}，{string.Join("，", parts)}。";
    }

    private static int Distributed(int recorded, int invitations) => recorded > 0 ? recorded : invitations;

    private static SurveyQuestionResult Result(SurveyQuestion q, IReadOnlyList<string[]> answers)
    {
        var index = q.Number - 1;
        var given = answers.Select(a => index < a.Length ? a[index] : string.Empty).Where(a => a.Length > 0).ToList();
        decimal Percent(int n) => given.Count == 0 ? 0m : Math.Round(n * 100m / given.Count, 1);
        switch (q.Kind)
        {
            case SurveyQuestionKind.Single or SurveyQuestionKind.Multiple:
                var chosen = given.SelectMany(a => a.Split('\n')).GroupBy(a => a, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
                return new SurveyQuestionResult(q.Number, q.Text, q.Kind.Chinese(), given.Count,
                    q.Options.Select(o => new OptionCount(o, chosen.GetValueOrDefault(o), Percent(chosen.GetValueOrDefault(o)))).ToList(), null);
            case SurveyQuestionKind.Scale:
                var scores = given.Select(a => int.TryParse(a, out var s) ? s : 0).Where(s => s > 0).ToList();
                return new SurveyQuestionResult(q.Number, q.Text, q.Kind.Chinese(), given.Count,
                    Enumerable.Range(1, q.ScaleMax).Select(s => new OptionCount($"{s}分", scores.Count(x => x == s), Percent(scores.Count(x => x == s)))).ToList(),
                    scores.Count == 0 ? null : Math.Round((decimal)scores.Average(), 2));
            default:
                return new SurveyQuestionResult(q.Number, q.Text, q.Kind.Chinese(), given.Count, [], null);
        }
    }

    private async Task<Survey> ReadableAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().InScope(actor).FirstOrDefaultAsync(s => s.Id == id, ct);
        return survey is not null && survey.MayRead(actor) ? survey : throw new NotFoundException("问卷不存在");
    }

    private async Task<SurveyDto> ToDtoAsync(Survey s, CancellationToken ct)
    {
        var region = (await Lookups.RegionNamesAsync(db, [s.RegionCode], ct)).GetValueOrDefault(s.RegionCode, "未知地区");
        return new SurveyDto(
            s.Id, s.Name, s.Year, s.RegionCode, region, s.Description, s.Distribution, s.Distribution.Chinese(), s.Distributed, s.MinSeconds, s.Status, s.Status.Chinese(),
            s.Questions.OrderBy(q => q.Number).Select(q => new SurveyQuestionDto(
                q.Number, q.Text, q.Kind, q.Kind.Chinese(), q.Options, q.Required, q.ScaleMax, q.Statistic, q.Statistic.Chinese(), q.ShowIfNumber, q.ShowIfOption,
                q.Rule?.ToData(), q.Rule?.Describe(MarketRules.ChinaDate(DateTimeOffset.UtcNow).Year))).ToList(),
            s.Version);
    }
}
