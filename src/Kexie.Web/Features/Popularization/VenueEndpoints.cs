using Kexie.Web.Features.Directory;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kexie.Web.Features.Popularization;

/// <summary>/api/v1 for 科普阵地: the registry of bases and venues, their visitor records and the yearly statistics.</summary>
public static class VenueEndpoints
{
    public static void MapVenues(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/venues").WithTags("科普阵地");
        g.MapGet("/", ListVenues)
            .WithSummary("科普阵地（科普教育基地、科技馆、流动科技馆、中学科技馆、科普活动室、科普大篷车…；地区子树、类型、级别、状态；含累计接待）");
        g.MapGet("/statistics", VenueStatistics)
            .WithSummary("科普阵地统计（按类型、级别计数，全年接待团队、观众人次、服务场次；region 地区子树，year 年份，kinds 逗号分隔的类型）");
        g.MapGet("/export.xlsx", ExportVenues).RequireAuthorization().Produces<byte[]>(StatusCodes.Status200OK, DirectoryEndpoints.ExcelContentType)
            .WithSummary("导出科普阵地（Excel；筛选同列表，全部页；列与导入模板相同，类型、级别、状态为中文名称，另附所在地区和累计接待；经 /api/v1/imports/venues 导回）")
            .RequirePermission(PopularizationPermissions.ManageVenues);
        g.MapGet("/visits/export.xlsx", ExportVisits).RequireAuthorization().Produces<byte[]>(StatusCodes.Status200OK, DirectoryEndpoints.ExcelContentType)
            .WithSummary("导出接待记录（Excel；venue 某一阵地，或 region 地区子树；from、to 起止日期；列与导入模板相同，经 /api/v1/imports/venue-visits 导回）")
            .RequirePermission(PopularizationPermissions.ManageVenues);
        g.MapGet("/{id:guid}", GetVenue).WithSummary("科普阵地详情");
        g.MapGet("/{id:guid}/visits", ListVisits)
            .WithSummary("接待记录（日期、团队、观众人次、服务地点；year 按年份）");
        g.MapPost("/", CreateVenue).RequireAuthorization().WithSummary("登记科普阵地（本地区服务人员或科协管理员）").RequirePermission(PopularizationPermissions.ManageVenues);
        g.MapPut("/{id:guid}", UpdateVenue).RequireAuthorization().WithSummary("修改科普阵地（含在建、开放、停止运行）").RequirePermission(PopularizationPermissions.ManageVenues);
        g.MapPost("/{id:guid}/visits", RecordVisit).RequireAuthorization().WithSummary("登记接待记录（日期、团队数、观众人次；流动科技馆、大篷车须填服务地点）").RequirePermission(PopularizationPermissions.ManageVenues);
        g.MapDelete("/{id:guid}/visits/{visitId:guid}", DeleteVisit).RequireAuthorization().WithSummary("删除登记有误的接待记录").RequirePermission(PopularizationPermissions.ManageVenues);
    }

    public static async Task<Ok<PagedResult<VenueDto>>> ListVenues(VenueService s, [AsParameters] VenueFilter f, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(f, ct));

    public static async Task<FileContentHttpResult> ExportVenues(VenueService s, [AsParameters] VenueFilter f, CancellationToken ct) =>
        TypedResults.File(await s.ExportAsync(f, ct), DirectoryEndpoints.ExcelContentType, "科普阵地.xlsx");

    public static async Task<FileContentHttpResult> ExportVisits(VenueService s, string? region, Guid? venue, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        TypedResults.File(await s.ExportVisitsAsync(region, venue, from, to, ct), DirectoryEndpoints.ExcelContentType, "科普阵地接待记录.xlsx");

    public static async Task<Ok<VenueStatisticsDto>> VenueStatistics(VenueService s, string? region, int? year, string? kinds, CancellationToken ct) =>
        TypedResults.Ok(await s.StatisticsAsync(region, year, kinds, ct));

    public static async Task<Ok<VenueDto>> GetVenue(VenueService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(id, ct));

    public static async Task<Ok<IReadOnlyList<VenueVisitDto>>> ListVisits(VenueService s, Guid id, int? year, CancellationToken ct) =>
        TypedResults.Ok(await s.VisitsAsync(id, year, ct));

    public static async Task<Created<VenueDto>> CreateVenue(HttpContext http, VenueService s, VenueRequest body, CancellationToken ct)
    {
        var created = await s.CreateAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/venues/{created.Id}", created);
    }

    public static async Task<Ok<VenueDto>> UpdateVenue(HttpContext http, VenueService s, Guid id, VenueRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.UpdateAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Created<VenueVisitDto>> RecordVisit(HttpContext http, VenueService s, Guid id, VenueVisitRequest body, CancellationToken ct)
    {
        var created = await s.RecordVisitAsync(http.User.ToActor(), id, body, ct);
        return TypedResults.Created($"/api/v1/venues/{id}/visits", created);
    }

    public static async Task<NoContent> DeleteVisit(HttpContext http, VenueService s, Guid id, Guid visitId, CancellationToken ct)
    {
        await s.DeleteVisitAsync(http.User.ToActor(), id, visitId, ct);
        return TypedResults.NoContent();
    }
}
