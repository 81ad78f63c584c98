using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kexie.Web.Features.Popularization;

/// <summary>
/// 网上科普知识竞赛 (<see cref="WebQuizService"/>): the list and a paper are public, an attempt is open to anyone (anonymous
/// attempts pass the site's per-address limit on anonymous writes); publishing and ending a quiz are the region's quiz managers'
/// (<see cref="PopularizationPermissions.ManageQuizzes"/>).
/// </summary>
public static class WebQuizEndpoints
{
    public static void MapWebQuizzes(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/web-quizzes").WithTags("网上知识竞赛");
        g.MapGet("/", ListWebQuizzes).WithSummary("网上知识竞赛（region 本地区、上级和下级地区的竞赛；open=true 只列进行中的；含参与人次）");
        g.MapGet("/{id:guid}", GetWebQuiz).WithSummary("网上知识竞赛详情和一份试卷（从本地区及上级题库随机抽题，不含答案；未开始或已结束的没有试卷）");
        g.MapPost("/{id:guid}/attempts", AnswerWebQuiz).AllowAnonymous().WithSummary("交卷（answers：questionId、choice）：返回得分、正确答案和解析；登录与否均可，每次交卷计1人次").RequirePermission(PopularizationPermissions.TakeWebQuizzes);
        g.MapPost("/", PublishWebQuiz).RequireAuthorization().WithSummary("发布网上知识竞赛（地区、名称、主题可选、开始和结束日期）").RequirePermission(PopularizationPermissions.ManageQuizzes);
        g.MapPost("/{id:guid}/close", CloseWebQuiz).RequireAuthorization().WithSummary("结束网上知识竞赛（已交的答卷仍计入）").RequirePermission(PopularizationPermissions.ManageQuizzes);
    }

    public static async Task<Ok<IReadOnlyList<WebQuizDto>>> ListWebQuizzes(WebQuizService s, string? region, bool? open, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(region, open ?? false, ct));

    public static async Task<Ok<WebQuizPaperDto>> GetWebQuiz(WebQuizService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.PaperAsync(id, null, ct));

    public static async Task<Ok<KioskQuizResultDto>> AnswerWebQuiz(HttpContext http, WebQuizService s, Guid id, KioskQuizAnswerRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.AnswerAsync(http.User.ToActor(), id, body, ct));

    public static async Task<Ok<WebQuizDto>> PublishWebQuiz(HttpContext http, WebQuizService s, WebQuizRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.PublishAsync(http.User.ToActor(), body, ct));

    public static async Task<Ok<WebQuizDto>> CloseWebQuiz(HttpContext http, WebQuizService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.CloseAsync(http.User.ToActor(), id, ct));
}
