using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kexie.Web.Features.Popularization;

/// <summary>/api/v1 for 活动系列 (科技活动周, 全国科普日… of a region and year) and their figures by township.</summary>
public static class SeriesEndpoints
{
    public static void MapSeries(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/activity-series").WithTags("科普活动");
        g.MapGet("/", ListSeries).WithSummary("活动系列（科技活动周、全国科普日、科普月…；region 地区子树，year 年份）");
        g.MapGet("/{id:guid}", GetSeries).WithSummary("活动系列详情：所含活动，按乡镇汇总的场次、人次、咨询、展板、资料、丛书、实物和报名、签到");
        g.MapPost("/", CreateSeries).RequireAuthorization().WithSummary("新建活动系列（本地区服务人员或科协管理员）").RequirePermission(PopularizationPermissions.ManageActivities);
        g.MapPut("/{id:guid}", UpdateSeries).RequireAuthorization().WithSummary("修改活动系列（地区、年份不变）").RequirePermission(PopularizationPermissions.ManageActivities);
    }

    public static async Task<Ok<IReadOnlyList<ActivitySeriesDto>>> ListSeries(HttpContext http, SeriesService s, string? region, int? year, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), region, year, ct));

    public static async Task<Ok<ActivitySeriesDetailsDto>> GetSeries(HttpContext http, SeriesService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(http.User.ToActor(), id, ct));

    public static async Task<Created<ActivitySeriesDto>> CreateSeries(HttpContext http, SeriesService s, ActivitySeriesRequest body, CancellationToken ct)
    {
        var created = await s.CreateAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/activity-series/{created.Id}", created);
    }

    public static async Task<Ok<ActivitySeriesDto>> UpdateSeries(HttpContext http, SeriesService s, Guid id, ActivitySeriesRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.UpdateAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));
}
