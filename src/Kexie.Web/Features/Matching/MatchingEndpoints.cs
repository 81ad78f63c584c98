using Microsoft.AspNetCore.Http.HttpResults;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.Matching;

/// <summary>
/// /api/v1 for matching (智能匹配): need → offers and workers, worker/offer → needs (你可以承接的需求), similar needs
/// (duplicate warning, also for a draft before it is posted), discipline suggestion for a text, and this node's
/// index status. Every result explains itself (matched terms, related codes, region, one Chinese sentence).
/// </summary>
public static class MatchingEndpoints
{
    public static RouteGroupBuilder MapMatching(this RouteGroupBuilder api)
    {
        const string Tag = "智能匹配";
        api.MapGet("/needs/{id:guid}/matches", MatchesForNeed)
            .WithTags(Tag).WithSummary("为需求匹配的科技所能和科技工作者（只含已发布所能与公开的工作者资料；可按地区子树筛选），每条附匹配说明");
        api.MapGet("/workers/{id:guid}/recommended-needs", NeedsForWorker)
            .WithTags(Tag).WithSummary("你可以承接的需求：按科技工作者资料推荐已发布的需求（受限需求仅登录可见）");
        api.MapGet("/offers/{id:guid}/recommended-needs", NeedsForOffer)
            .WithTags(Tag).WithSummary("你可以承接的需求：按科技所能推荐已发布的需求（受限需求仅登录可见）");
        api.MapGet("/needs/{id:guid}/similar", SimilarNeeds)
            .WithTags(Tag).WithSummary("相似的已发布需求；likelyDuplicate 表示内容高度重合，可能重复发布");
        api.MapPost("/needs/similar", SimilarToDraft)
            .WithTags(Tag).WithSummary("发布前查重：与草稿文字相似的已发布需求").RequirePermission(MatchingPermissions.Query);
        api.MapPost("/matching/suggest-disciplines", SuggestDisciplines)
            .WithTags(Tag).WithSummary("根据文字推荐学科代码（GB/T 13745），含名称和可能性").RequirePermission(MatchingPermissions.Query);
        api.MapGet("/matching/status", IndexStatus)
            .RequireAuthorization().WithTags(Tag).WithSummary("本节点匹配索引状态：文档数、版本、变更日志读取位置、学科模型是否就绪");
        return api;
    }

    public static async Task<Ok<MatchListDto>> MatchesForNeed(HttpContext http, MatchingService s, Guid id, int? top, string? region, CancellationToken ct) =>
        TypedResults.Ok(await s.MatchesForNeedAsync(http.User.ToActor(), id, top, region, ct));

    public static async Task<Ok<MatchListDto>> NeedsForWorker(HttpContext http, MatchingService s, Guid id, int? top, string? region, CancellationToken ct) =>
        TypedResults.Ok(await s.NeedsForWorkerAsync(http.User.ToActor(), id, top, region, ct));

    public static async Task<Ok<MatchListDto>> NeedsForOffer(HttpContext http, MatchingService s, Guid id, int? top, string? region, CancellationToken ct) =>
        TypedResults.Ok(await s.NeedsForOfferAsync(http.User.ToActor(), id, top, region, ct));

    public static async Task<Ok<MatchListDto>> SimilarNeeds(HttpContext http, MatchingService s, Guid id, int? top, string? region, CancellationToken ct) =>
        TypedResults.Ok(await s.SimilarNeedsAsync(http.User.ToActor(), id, top, region, ct));

    public static async Task<Ok<MatchListDto>> SimilarToDraft(HttpContext http, MatchingService s, DraftNeedRequest body, string? region, CancellationToken ct) =>
        TypedResults.Ok(await s.SimilarToDraftAsync(http.User.ToActor(), body, region, ct));

    /// <summary>Discipline codes for a text; 503 while the discipline model is not ready on this node.</summary>
    public static async Task<Results<Ok<DisciplineSuggestionsDto>, ProblemHttpResult>> SuggestDisciplines(MatchingService s, SuggestDisciplinesRequest body, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await s.SuggestDisciplinesAsync(body, ct));
        }
        catch (MatchingUnavailableException e)
        {
            return TypedResults.Problem(title: "服务暂不可用", detail: e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    public static Ok<MatchIndexStatus> IndexStatus(MatchIndexHost host) => TypedResults.Ok(host.Status());
}
