using Kexie.Web.Features.Directory;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.Talent;

/// <summary>/api/v1/surveys: questionnaires (科技工作者状况调查 and the like).</summary>
public static class SurveyEndpoints
{
    public static RouteGroupBuilder MapSurveys(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/surveys").WithTags("问卷调查");
        g.MapGet("/", (HttpContext http, SurveyService s, string? region, int? year, int? page, int? pageSize, CancellationToken ct) =>
            s.ListAsync(http.User.ToActor(), region, year, page, pageSize, ct)).WithSummary("查询问卷（管理人员：本地区全部；公众：收集中的公开问卷）");
        g.MapGet("/statistics", (SurveyService s, string? region, int? year, CancellationToken ct) => s.StatisticsAsync(region, year, ct))
            .WithSummary("问卷调查统计（发放、回收、有效问卷与意见建议）");
        g.MapGet("/template", () => Kexie.Domain.Talent.Survey.ScienceWorkerTemplate).WithSummary("科技工作者状况调查模板题目");
        g.MapGet("/{id:guid}", (HttpContext http, SurveyService s, Guid id, CancellationToken ct) => s.GetAsync(http.User.ToActor(), id, ct))
            .WithSummary("问卷与题目（收集中的问卷公开）");
        g.MapGet("/{id:guid}/results", (HttpContext http, SurveyService s, Guid id, CancellationToken ct) => s.ResultsAsync(http.User.ToActor(), id, ct))
            .RequireAuthorization().WithSummary("问卷结果（回收与有效问卷、样本结构、各题统计、意见建议；本地区管理人员）");
        g.MapGet("/{id:guid}/export", async (HttpContext http, SurveyService s, Guid id, CancellationToken ct) =>
            TypedResults.File(await s.ExportAsync(http.User.ToActor(), id, ct), DirectoryEndpoints.ExcelContentType, "问卷答卷.xlsx"))
            .RequireAuthorization().WithSummary("导出答卷（Excel）");
        g.MapGet("/{id:guid}/invitations", (HttpContext http, SurveyService s, Guid id, CancellationToken ct) => s.InvitationsAsync(http.User.ToActor(), id, ct))
            .RequireAuthorization().WithSummary("邀请链接（本地区管理人员）");
        g.MapPost("/", async (HttpContext http, SurveyService s, SurveyRequest body, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(http.User.ToActor(), body, ct);
            return TypedResults.Created($"/api/v1/surveys/{created.Id}", created);
        }).RequireAuthorization().WithSummary("创建问卷（本地区科协管理员；可使用科技工作者状况调查模板）").RequirePermission(TalentPermissions.ManageSurveys);
        g.MapPut("/{id:guid}", (HttpContext http, SurveyService s, Guid id, SurveyRequest body, CancellationToken ct) =>
            s.UpdateAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct))
            .RequireAuthorization().WithSummary("修改问卷（题目仅草稿时可改）").RequirePermission(TalentPermissions.ManageSurveys);
        g.MapPost("/{id:guid}/status", (HttpContext http, SurveyService s, Guid id, SurveyStatusRequest body, CancellationToken ct) =>
            s.MoveAsync(http.User.ToActor(), id, body.Status, ct)).RequireAuthorization().WithSummary("发放或结束问卷").RequirePermission(TalentPermissions.ManageSurveys);
        g.MapPost("/{id:guid}/invitations", (HttpContext http, SurveyService s, Guid id, SurveyInviteRequest body, CancellationToken ct) =>
            s.InviteAsync(http.User.ToActor(), id, body, ct)).RequireAuthorization().WithSummary("生成邀请链接（每个链接填写一次）").RequirePermission(TalentPermissions.ManageSurveys);
        g.MapPost("/{id:guid}/responses", (SurveyService s, Guid id, SurveyAnswerRequest body, CancellationToken ct) => s.AnswerAsync(id, body, ct))
            .AllowAnonymous().WithSummary("填写问卷（任何人凭链接；邀请问卷凭邀请链接）").RequirePermission(TalentPermissions.AnswerSurveys);
        return api;
    }
}
