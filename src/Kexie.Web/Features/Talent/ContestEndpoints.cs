using Kexie.Domain.Talent;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.Talent;

/// <summary>/api/v1/contests and /api/v1/contest-entries: 青少年科技创新大赛.</summary>
public static class ContestEndpoints
{
    public static RouteGroupBuilder MapContests(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/contests").WithTags("青少年科技创新大赛");
        g.MapGet("/", (ContestService s, string? region, int? year, string? q, int? page, int? pageSize, CancellationToken ct) => s.ListAsync(region, year, q, page, pageSize, ct))
            .WithSummary("查询大赛（按地区子树、年份、名称）");
        g.MapGet("/statistics", (ContestService s, string? region, int? year, CancellationToken ct) => s.StatisticsAsync(region, year, ct))
            .WithSummary("大赛统计（收获作品、推荐上级、获奖，按类别、学校、乡镇）");
        g.MapGet("/{id:guid}", (ContestService s, Guid id, CancellationToken ct) => s.GetAsync(id, ct)).WithSummary("大赛详情");
        g.MapGet("/{id:guid}/entries", (HttpContext http, ContestService s, Guid id, ContestEntryStatus? status, string? category, string? q, int? page, int? pageSize, CancellationToken ct) =>
            s.EntriesAsync(http.User.ToActor(), id, status, category, q, page, pageSize, ct)).WithSummary("大赛作品（举办地区可见全部；学校可见本校；公众可见获奖作品）");
        g.MapGet("/{id:guid}/upward-targets", (ContestService s, Guid id, CancellationToken ct) => s.UpwardTargetsAsync(id, ct))
            .WithSummary("可推荐参加的上级大赛");
        g.MapGet("/{id:guid}/school-options", (HttpContext http, ContestService s, Guid id, string? q, CancellationToken ct) => s.SchoolOptionsAsync(http.User.ToActor(), id, q, ct))
            .RequireAuthorization().WithSummary("可报送作品的学校（按名称查找）");
        g.MapPost("/", async (HttpContext http, ContestService s, ContestRequest body, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(http.User.ToActor(), body, ct);
            return TypedResults.Created($"/api/v1/contests/{created.Id}", created);
        }).RequireAuthorization().WithSummary("举办大赛（本地区科协管理员；级别随地区）").RequirePermission(TalentPermissions.ManageContests);
        g.MapPut("/{id:guid}", (HttpContext http, ContestService s, Guid id, ContestRequest body, CancellationToken ct) =>
            s.UpdateAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct)).RequireAuthorization().WithSummary("修改大赛（名称、类别、推荐名额）").RequirePermission(TalentPermissions.ManageContests);
        g.MapPost("/{id:guid}/status", (HttpContext http, ContestService s, Guid id, ContestStatusRequest body, CancellationToken ct) =>
            s.MoveAsync(http.User.ToActor(), id, body.Status, ct)).RequireAuthorization().WithSummary("变更大赛阶段（征集中、评审中、已结束）").RequirePermission(TalentPermissions.ManageContests);
        g.MapPost("/{id:guid}/entries", async (HttpContext http, ContestService s, Guid id, ContestEntryRequest body, CancellationToken ct) =>
        {
            var created = await s.SubmitAsync(http.User.ToActor(), id, body, ct);
            return TypedResults.Created($"/api/v1/contest-entries/{created.Id}", created);
        }).RequireAuthorization().WithSummary("报送作品（学校本身或学校所在地区的管理人员）").RequirePermission(TalentPermissions.EnterContests);

        var e = api.MapGroup("/contest-entries").WithTags("青少年科技创新大赛");
        e.MapGet("/{id:guid}", (HttpContext http, ContestService s, Guid id, CancellationToken ct) => s.GetEntryAsync(http.User.ToActor(), id, ct)).WithSummary("作品详情");
        e.MapPost("/{id:guid}/review", (HttpContext http, ContestService s, Guid id, EntryReviewRequest body, CancellationToken ct) =>
            s.ReviewAsync(http.User.ToActor(), id, body, ct)).RequireAuthorization().WithSummary("评审作品（通过或未通过、得分、意见）").RequirePermission(TalentPermissions.ReviewContests);
        e.MapPost("/{id:guid}/award", (HttpContext http, ContestService s, Guid id, EntryAwardRequest body, CancellationToken ct) =>
            s.AwardAsync(http.User.ToActor(), id, body, ct)).RequireAuthorization().WithSummary("评定奖项（一、二、三等奖、优秀奖，空为取消）").RequirePermission(TalentPermissions.ReviewContests);
        e.MapPost("/{id:guid}/recommend", (HttpContext http, ContestService s, Guid id, EntryRecommendRequest body, CancellationToken ct) =>
            s.RecommendAsync(http.User.ToActor(), id, body, ct)).RequireAuthorization().WithSummary("推荐参加上级大赛（不超过推荐名额）").RequirePermission(TalentPermissions.ReviewContests);
        return api;
    }
}
