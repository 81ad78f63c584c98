using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Features.Market;

/// <summary>
/// /api/v1 for attachments (offers, needs, fair projects), order files (contracts) and storefronts (科创工作室).
/// Uploads are <c>multipart/form-data</c> with one part named <c>file</c>; downloads come back with the uploader's
/// file name as an attachment.
/// </summary>
public static class MarketFileAndStorefrontEndpoints
{
    /// <summary>A little over the 20 MB a file may have, for the multipart framing; larger requests are cut off by the server.</summary>
    private const long UploadRequestLimit = Kexie.Domain.Market.Attachment.MaxSizeBytes + (1024 * 1024);

    public static void MapMarketFiles(RouteGroupBuilder api)
    {
        MapAttachments(api, "/offers/{id:guid}/attachments", AttachmentOwner.Offer, "科技所能");
        MapAttachments(api, "/needs/{id:guid}/attachments", AttachmentOwner.Need, "科技需求");
        MapAttachments(api, "/fairs/{fairId:guid}/projects/{id:guid}/attachments", AttachmentOwner.FairProject, "科创会");

        var orders = api.MapGroup("/orders/{id:guid}/files").WithTags("交易订单").RequireAuthorization();
        orders.MapGet("/", (HttpContext http, AttachmentService s, Guid id, CancellationToken ct) => s.OrderFilesAsync(http.User.ToActor(), id, ct))
            .WithSummary("订单文件（合同等）列表，订单双方及管理人员可见");
        orders.MapPost("/", async (HttpContext http, AttachmentService s, Guid id, IFormFile? file, CancellationToken ct) =>
        {
            var stored = await s.UploadOrderFileAsync(http.User.ToActor(), id, file, ct);
            return TypedResults.Created($"/api/v1/orders/{id}/files/{stored.Id}", stored);
        }).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(UploadRequestLimit))
            .WithSummary("上传订单文件（合同），返回的 id 用于签约的 contractFileId；≤20MB，PDF/Office/图片/文本/zip，按文件内容校验类型").RequirePermission(MarketPermissions.EditFiles);
        orders.MapGet("/{fileId:guid}", async (HttpContext http, AttachmentService s, Guid id, Guid fileId, CancellationToken ct) =>
            Send(http, await s.DownloadOrderFileAsync(http.User.ToActor(), id, fileId, ct))).WithSummary("下载订单文件");
        orders.MapDelete("/{fileId:guid}", async (HttpContext http, AttachmentService s, Guid id, Guid fileId, CancellationToken ct) =>
        {
            await s.DeleteOrderFileAsync(http.User.ToActor(), id, fileId, ct);
            return TypedResults.NoContent();
        }).WithSummary("删除订单文件（已作为签约合同的文件不能删除）").RequirePermission(MarketPermissions.EditFiles);
    }

    public static void MapStorefronts(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/storefronts").WithTags("科创工作室");
        g.MapGet("/", (HttpContext http, StorefrontService s, string? region, string? q, Guid? owner, int? page, int? pageSize, CancellationToken ct) =>
            s.ListAsync(http.User.ToActor(), region, q, owner, page, pageSize, ct)).WithSummary("科创工作室列表（公众见营业中的；负责人和本地区管理人员也见已关闭的）");
        g.MapGet("/{id:guid}", (HttpContext http, StorefrontService s, Guid id, CancellationToken ct) => s.GetPageAsync(http.User.ToActor(), id, ct))
            .WithSummary("工作室主页：简介、团队与已发布的科技所能");
        g.MapPost("/", async (HttpContext http, StorefrontService s, StorefrontRequest body, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(http.User.ToActor(), body, ct);
            return TypedResults.Created($"/api/v1/storefronts/{created.Id}", created);
        }).RequireAuthorization().WithSummary("开设科创工作室（科技工作者本人，或本地区服务人员代为开设）").RequirePermission(MarketPermissions.EditStorefronts);
        g.MapPut("/{id:guid}", (HttpContext http, StorefrontService s, Guid id, StorefrontRequest body, CancellationToken ct) => s.UpdateAsync(http.User.ToActor(), id, body, ct))
            .RequireAuthorization().WithSummary("修改工作室信息（简介为富文本，按安全标签清洗）").RequirePermission(MarketPermissions.EditStorefronts);
        g.MapPost("/{id:guid}/open", (HttpContext http, StorefrontService s, Guid id, CancellationToken ct) => s.SetOpenAsync(http.User.ToActor(), id, true, ct))
            .RequireAuthorization().WithSummary("开门营业").RequirePermission(MarketPermissions.EditStorefronts);
        g.MapPost("/{id:guid}/close", (HttpContext http, StorefrontService s, Guid id, CancellationToken ct) => s.SetOpenAsync(http.User.ToActor(), id, false, ct))
            .RequireAuthorization().WithSummary("关闭工作室（不再公开展示）").RequirePermission(MarketPermissions.EditStorefronts);
    }

    private static void MapAttachments(RouteGroupBuilder api, string route, AttachmentOwner owner, string tag)
    {
        var g = api.MapGroup(route).WithTags(tag);
        g.MapPost("/", async (HttpContext http, AttachmentService s, Guid id, Guid? fairId, IFormFile? file, CancellationToken ct) =>
        {
            var attachment = await s.UploadAsync(http.User.ToActor(), owner, id, fairId, file, ct);
            return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{attachment.Id}", attachment);
        }).RequireAuthorization().DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(UploadRequestLimit))
            .WithSummary("上传附件（草稿、已退回、已撤回时；每项最多10个，≤20MB，PDF/Office/图片/文本/zip，按文件内容校验类型）").RequirePermission(MarketPermissions.EditFiles);
        g.MapGet("/{attachmentId:guid}", async (HttpContext http, AttachmentService s, Guid id, Guid? fairId, Guid attachmentId, CancellationToken ct) =>
            Send(http, await s.DownloadAsync(http.User.ToActor(), owner, id, fairId, attachmentId, ct)))
            .WithSummary("下载附件（已发布的公开；否则仅发布者与本地区管理人员）");
        g.MapDelete("/{attachmentId:guid}", async (HttpContext http, AttachmentService s, Guid id, Guid? fairId, Guid attachmentId, CancellationToken ct) =>
        {
            await s.DeleteAsync(http.User.ToActor(), owner, id, fairId, attachmentId, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization().WithSummary("删除附件").RequirePermission(MarketPermissions.EditFiles);
    }

    private static IResult Send(HttpContext http, FileDownload file)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(file.Content, file.ContentType, file.FileName, enableRangeProcessing: true);
    }
}
