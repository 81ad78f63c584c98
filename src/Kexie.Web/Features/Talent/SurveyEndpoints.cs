using Kexie.Domain.Talent;
using Kexie.Web.Features.Directory;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kexie.Web.Features.Talent;

/// <summary>/api/v1/surveys: questionnaires (科技工作者状况调查 and the like).</summary>
public static class SurveyEndpoints
{
    public static RouteGroupBuilder MapSurveys(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/surveys").WithTags("问卷调查");
        g.MapGet("/", ListSurveys).WithSummary("查询问卷（管理人员：本地区全部；公众：收集中的公开问卷）");
        g.MapGet("/statistics", SurveyStatistics)
            .WithSummary("问卷调查统计（发放、回收、有效问卷与意见建议）");
        g.MapGet("/template", SurveyTemplate).WithSummary("科技工作者状况调查模板题目");
        g.MapGet("/{id:guid}", GetSurvey)
            .WithSummary("问卷与题目（收集中的问卷公开）");
        g.MapGet("/{id:guid}/results", SurveyResults).Produces(StatusCodes.Status304NotModified)
            .RequireAuthorization().WithSummary("问卷结果（带 ETag：请求头 If-None-Match 与之相同时返回 304，结果页据此每10秒刷新；回收与有效问卷、样本结构、各题统计、意见建议及其主题分类，topic=主题、state=处理状态 Pending/Adopted/Forwarded：只列该主题或状态的意见建议；本地区管理人员）");
        g.MapGet("/{id:guid}/crosstab", SurveyCrossTab)
            .RequireAuthorization().WithSummary("交叉分析（question=题号 × by=样本结构 AgeBand/Title/Education/Political/Field 或另一道选择题的题号：人数、行百分比与合计；有效问卷）");
        g.MapGet("/{id:guid}/export", ExportSurvey)
            .RequireAuthorization().WithSummary("导出答卷（Excel；给出 question 与 by 时另附“交叉分析”工作表）");
        g.MapGet("/{id:guid}/qr.png", SurveyQrCode).Produces<byte[]>(StatusCodes.Status200OK, "image/png")
            .WithSummary("填写链接二维码（PNG；收集中的公开问卷任何人可取，t=邀请码：该邀请链接的二维码，本地区管理人员）");
        g.MapGet("/{id:guid}/invitations", ListSurveyInvitations)
            .RequireAuthorization().WithSummary("邀请链接（本地区管理人员）");
        g.MapPost("/", CreateSurvey).RequireAuthorization().WithSummary("创建问卷（本地区科协管理员；可使用科技工作者状况调查模板）").RequirePermission(TalentPermissions.ManageSurveys);
        g.MapPut("/{id:guid}", UpdateSurvey)
            .RequireAuthorization().WithSummary("修改问卷（题目仅草稿时可改）").RequirePermission(TalentPermissions.ManageSurveys);
        g.MapPost("/{id:guid}/status", MoveSurvey).RequireAuthorization().WithSummary("发放或结束问卷").RequirePermission(TalentPermissions.ManageSurveys);
        g.MapPost("/{id:guid}/invitations", InviteToSurvey).RequireAuthorization().WithSummary("生成邀请链接（每个链接填写一次）").RequirePermission(TalentPermissions.ManageSurveys);
        g.MapPost("/{id:guid}/suggestions/{responseId:guid}", TagSuggestion).RequireAuthorization()
            .WithSummary("整理一条意见建议：改主题（从问卷的主题中选，“自动”恢复按词语归类）、标记已采纳或已转交（转交即提交建言献策）").RequirePermission(TalentPermissions.TagSurveySuggestions);
        g.MapPost("/{id:guid}/topics", AddSurveyTopic).RequireAuthorization().WithSummary("为问卷添加意见建议主题").RequirePermission(TalentPermissions.TagSurveySuggestions);
        g.MapPost("/{id:guid}/responses", AnswerSurvey)
            .AllowAnonymous().WithSummary("填写问卷（任何人凭链接；邀请问卷凭邀请链接）").RequirePermission(TalentPermissions.AnswerSurveys);
        return api;
    }

    public static async Task<Ok<PagedResult<SurveyListItem>>> ListSurveys(HttpContext http, SurveyService s, string? region, int? year, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), region, year, page, pageSize, ct));

    public static async Task<Ok<SurveyStatisticsDto>> SurveyStatistics(SurveyService s, string? region, int? year, CancellationToken ct) =>
        TypedResults.Ok(await s.StatisticsAsync(region, year, ct));

    public static Ok<IReadOnlyList<SurveyQuestionData>> SurveyTemplate() => TypedResults.Ok(Survey.ScienceWorkerTemplate);

    public static async Task<Ok<SurveyDto>> GetSurvey(HttpContext http, SurveyService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(http.User.ToActor(), id, ct));

    /// <summary>The results with their ETag; 304 when the caller's If-None-Match already names them (the live results page polls this).</summary>
    public static async Task<Results<Ok<SurveyResultsDto>, StatusCodeHttpResult>> SurveyResults(HttpContext http, SurveyService s, Guid id, string? topic, string? state, CancellationToken ct)
    {
        var results = await s.ResultsAsync(http.User.ToActor(), id, ct, topic, ParseState(state));
        var etag = SurveyService.ETag(results);
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "private, no-cache";
        var match = Microsoft.Net.Http.Headers.EntityTagHeaderValue.TryParseList(http.Request.Headers.IfNoneMatch, out var tags)
            && tags.Any(t => t.Tag.Equals(etag, StringComparison.Ordinal) || t.Tag == "*");
        return match ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(results);
    }

    public static async Task<Ok<SurveySuggestion>> TagSuggestion(HttpContext http, SurveyService s, Guid id, Guid responseId, SuggestionTagRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.TagSuggestionAsync(http.User.ToActor(), id, responseId, body, ct));

    public static async Task<Ok<IReadOnlyList<string>>> AddSurveyTopic(HttpContext http, SurveyService s, Guid id, SurveyTopicRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.AddTopicAsync(http.User.ToActor(), id, body, ct));

    /// <summary>A state by its name (Pending/Adopted/Forwarded) or its Chinese (待处理/已采纳/已转交); empty: any.</summary>
    public static SuggestionState? ParseState(string? state)
    {
        if (string.IsNullOrWhiteSpace(state))
        {
            return null;
        }

        var text = state.Trim();
        return Enum.TryParse<SuggestionState>(text, true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(text, out _) ? parsed
            : Enum.GetValues<SuggestionState>().FirstOrDefault(x => x.Chinese() == text) is var named && named.Chinese() == text ? named
            : throw new Kexie.Domain.Common.DomainValidationException("state", "处理状态应为待处理、已采纳或已转交");
    }

    public static async Task<Ok<SurveyCrossTabDto>> SurveyCrossTab(HttpContext http, SurveyService s, Guid id, int? question, string? by, CancellationToken ct) =>
        TypedResults.Ok(await s.CrossTabAsync(http.User.ToActor(), id, question, by, ct));

    public static async Task<FileContentHttpResult> ExportSurvey(HttpContext http, SurveyService s, Guid id, int? question, string? by, CancellationToken ct) =>
        TypedResults.File(await s.ExportAsync(http.User.ToActor(), id, ct, question, by), DirectoryEndpoints.ExcelContentType, "问卷答卷.xlsx");

    public static async Task<FileContentHttpResult> SurveyQrCode(HttpContext http, SurveyService s, SurveyLinks links, Guid id, string? t, bool? download, CancellationToken ct)
    {
        var png = SurveyLinks.Png(await s.QrLinkAsync(http.User.ToActor(), id, t, links.BaseUrl(http.Request), ct));
        return TypedResults.File(png, "image/png", download == true ? "问卷二维码.png" : null);
    }

    public static async Task<Ok<IReadOnlyList<SurveyInvitationDto>>> ListSurveyInvitations(HttpContext http, SurveyService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.InvitationsAsync(http.User.ToActor(), id, ct));

    public static async Task<Created<SurveyDto>> CreateSurvey(HttpContext http, SurveyService s, SurveyRequest body, CancellationToken ct)
    {
        var created = await s.CreateAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/surveys/{created.Id}", created);
    }

    public static async Task<Ok<SurveyDto>> UpdateSurvey(HttpContext http, SurveyService s, Guid id, SurveyRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.UpdateAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<SurveyDto>> MoveSurvey(HttpContext http, SurveyService s, Guid id, SurveyStatusRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.MoveAsync(http.User.ToActor(), id, body.Status, ct));

    public static async Task<Ok<IReadOnlyList<SurveyInvitationDto>>> InviteToSurvey(HttpContext http, SurveyService s, Guid id, SurveyInviteRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.InviteAsync(http.User.ToActor(), id, body, ct));

    public static async Task<Ok<SurveyAnswerResult>> AnswerSurvey(SurveyService s, Guid id, SurveyAnswerRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.AnswerAsync(id, body, ct));
}
