using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Features.Popularization;

/// <summary>
/// /api/v1 for 科普宣传栏、宣传橱窗、科普画廊、科普宣传点: the registry, the content-refresh log with photos, the Excel export and the
/// yearly statistics. The list is imported through /api/v1/imports/science-boards.
/// </summary>
public static class ScienceBoardEndpoints
{
    private const string ExcelContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const long UploadRequestLimit = Kexie.Domain.Market.Attachment.MaxSizeBytes + (1024 * 1024);

    public static void MapScienceBoards(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/science-boards").WithTags("科普宣传栏");
        g.MapGet("/", ListBoards).WithSummary("科普宣传栏、宣传橱窗、科普画廊、科普宣传点（地区子树、类型、状态；含最近更新日期）");
        g.MapGet("/statistics", BoardStatistics).WithSummary("宣传栏统计（在用个数和块数、新开辟、新设宣传点按主题、全年更新内容期数；region 地区子树，year 年份）");
        g.MapGet("/export.xlsx", ExportBoards).RequireAuthorization().WithSummary("导出宣传栏名单（Excel，列与导入模板相同）").RequirePermission(PopularizationPermissions.ManageBoards);
        g.MapGet("/{id:guid}", GetBoard).WithSummary("宣传栏详情（含内容更新记录）");
        g.MapGet("/{id:guid}/refreshes/{refreshId:guid}/photo", DownloadPhoto).RequireAuthorization()
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").WithSummary("下载内容更新照片（仅本地区管理员）");
        g.MapPost("/", CreateBoard).RequireAuthorization().WithSummary("登记宣传栏或宣传点（名称、类型、所在乡镇/村/社区、块数、建成日期、维护单位）").RequirePermission(PopularizationPermissions.ManageBoards);
        g.MapPut("/{id:guid}", UpdateBoard).RequireAuthorization().WithSummary("修改宣传栏（含在用、停用）").RequirePermission(PopularizationPermissions.ManageBoards);
        g.MapPost("/{id:guid}/refreshes", RecordRefresh).RequireAuthorization().WithSummary("登记内容更新（日期、主题、备注）").RequirePermission(PopularizationPermissions.ManageBoards);
        g.MapDelete("/{id:guid}/refreshes/{refreshId:guid}", DeleteRefresh).RequireAuthorization().WithSummary("删除登记有误的内容更新").RequirePermission(PopularizationPermissions.ManageBoards);
        g.MapPost("/{id:guid}/refreshes/{refreshId:guid}/photo", UploadPhoto).RequireAuthorization().DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(UploadRequestLimit))
            .WithSummary("上传内容更新照片（≤20MB 图片；替换已上传的）").RequirePermission(PopularizationPermissions.ManageBoards);
    }

    public static async Task<Ok<PagedResult<ScienceBoardDto>>> ListBoards(HttpContext http, ScienceBoardService s, [AsParameters] ScienceBoardFilter f, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), f, ct));

    public static async Task<Ok<ScienceBoardStatisticsDto>> BoardStatistics(ScienceBoardService s, string? region, int? year, CancellationToken ct) =>
        TypedResults.Ok(await s.StatisticsAsync(region, year, ct));

    public static async Task<FileContentHttpResult> ExportBoards(HttpContext http, ScienceBoardService s, [AsParameters] ScienceBoardFilter f, CancellationToken ct) =>
        TypedResults.File(await s.ExportAsync(http.User.ToActor(), f, ct), ExcelContentType, "科普宣传栏.xlsx");

    public static async Task<Ok<ScienceBoardDetailsDto>> GetBoard(HttpContext http, ScienceBoardService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(http.User.ToActor(), id, ct));

    public static async Task<FileStreamHttpResult> DownloadPhoto(HttpContext http, ScienceBoardService s, Guid id, Guid refreshId, CancellationToken ct)
    {
        var file = await s.PhotoAsync(http.User.ToActor(), id, refreshId, ct);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(file.Content, file.ContentType, file.FileName, enableRangeProcessing: true);
    }

    public static async Task<Created<ScienceBoardDto>> CreateBoard(HttpContext http, ScienceBoardService s, ScienceBoardRequest body, CancellationToken ct)
    {
        var created = await s.CreateAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/science-boards/{created.Id}", created);
    }

    public static async Task<Ok<ScienceBoardDto>> UpdateBoard(HttpContext http, ScienceBoardService s, Guid id, ScienceBoardRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.UpdateAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Created<ScienceBoardRefreshDto>> RecordRefresh(HttpContext http, ScienceBoardService s, Guid id, ScienceBoardRefreshRequest body, CancellationToken ct)
    {
        var created = await s.RecordRefreshAsync(http.User.ToActor(), id, body, ct);
        return TypedResults.Created($"/api/v1/science-boards/{id}", created);
    }

    public static async Task<NoContent> DeleteRefresh(HttpContext http, ScienceBoardService s, Guid id, Guid refreshId, CancellationToken ct)
    {
        await s.DeleteRefreshAsync(http.User.ToActor(), id, refreshId, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<ScienceBoardRefreshDto>> UploadPhoto(HttpContext http, ScienceBoardService s, Guid id, Guid refreshId, IFormFile? file, CancellationToken ct) =>
        TypedResults.Ok(await s.AttachPhotoAsync(http.User.ToActor(), id, refreshId, file, ct));
}
