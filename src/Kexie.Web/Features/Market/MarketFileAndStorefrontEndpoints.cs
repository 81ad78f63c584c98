using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
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
        MapAttachments(api, "/offers/{id:guid}/attachments", "科技所能", UploadOfferAttachment, DownloadOfferAttachment, DeleteOfferAttachment);
        MapAttachments(api, "/needs/{id:guid}/attachments", "科技需求", UploadNeedAttachment, DownloadNeedAttachment, DeleteNeedAttachment);
        MapAttachments(api, "/fairs/{fairId:guid}/projects/{id:guid}/attachments", "科创会", UploadFairProjectAttachment, DownloadFairProjectAttachment, DeleteFairProjectAttachment);

        var orders = api.MapGroup("/orders/{id:guid}/files").WithTags("交易订单").RequireAuthorization();
        orders.MapGet("/", OrderFiles)
            .WithSummary("订单文件（合同等）列表，订单双方及管理人员可见");
        orders.MapPost("/", UploadOrderFile).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(UploadRequestLimit))
            .WithSummary("上传订单文件（合同），返回的 id 用于签约的 contractFileId；≤20MB，PDF/Office/图片/文本/zip，按文件内容校验类型").RequirePermission(MarketPermissions.EditFiles);
        orders.MapGet("/{fileId:guid}", DownloadOrderFile).WithSummary("下载订单文件");
        orders.MapDelete("/{fileId:guid}", DeleteOrderFile).WithSummary("删除订单文件（已作为签约合同的文件不能删除）").RequirePermission(MarketPermissions.EditFiles);
    }

    public static void MapStorefronts(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/storefronts").WithTags("科创工作室");
        g.MapGet("/", ListStorefronts).WithSummary("科创工作室列表（公众见营业中的；负责人和本地区管理人员也见已关闭的）");
        g.MapGet("/{id:guid}", GetStorefront)
            .WithSummary("工作室主页：简介、团队与已发布的科技所能");
        g.MapPost("/", CreateStorefront).RequireAuthorization().WithSummary("开设科创工作室（科技工作者本人，或本地区服务人员代为开设）").RequirePermission(MarketPermissions.EditStorefronts);
        g.MapPut("/{id:guid}", UpdateStorefront)
            .RequireAuthorization().WithSummary("修改工作室信息（简介为富文本，按安全标签清洗）").RequirePermission(MarketPermissions.EditStorefronts);
        g.MapPost("/{id:guid}/open", OpenStorefront)
            .RequireAuthorization().WithSummary("开门营业").RequirePermission(MarketPermissions.EditStorefronts);
        g.MapPost("/{id:guid}/close", CloseStorefront)
            .RequireAuthorization().WithSummary("关闭工作室（不再公开展示）").RequirePermission(MarketPermissions.EditStorefronts);
    }

    /// <summary>Upload, download and delete for one kind of owner; the handlers differ only in the <see cref="AttachmentOwner"/> they pass on.</summary>
    private static void MapAttachments(RouteGroupBuilder api, string route, string tag, Delegate upload, Delegate download, Delegate delete)
    {
        var g = api.MapGroup(route).WithTags(tag);
        g.MapPost("/", upload).RequireAuthorization().DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(UploadRequestLimit))
            .WithSummary("上传附件（草稿、已退回、已撤回时；每项最多10个，≤20MB，PDF/Office/图片/文本/zip，按文件内容校验类型）").RequirePermission(MarketPermissions.EditFiles);
        g.MapGet("/{attachmentId:guid}", download)
            .WithSummary("下载附件（已发布的公开；否则仅发布者与本地区管理人员）");
        g.MapDelete("/{attachmentId:guid}", delete).RequireAuthorization().WithSummary("删除附件").RequirePermission(MarketPermissions.EditFiles);
    }

    private static FileStreamHttpResult Send(HttpContext http, FileDownload file)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(file.Content, file.ContentType, file.FileName, enableRangeProcessing: true);
    }

    public static async Task<Ok<IReadOnlyList<StoredFileDto>>> OrderFiles(HttpContext http, AttachmentService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.OrderFilesAsync(http.User.ToActor(), id, ct));

    public static async Task<Created<StoredFileDto>> UploadOrderFile(HttpContext http, AttachmentService s, Guid id, IFormFile? file, CancellationToken ct)
    {
        var stored = await s.UploadOrderFileAsync(http.User.ToActor(), id, file, ct);
        return TypedResults.Created($"/api/v1/orders/{id}/files/{stored.Id}", stored);
    }

    public static async Task<FileStreamHttpResult> DownloadOrderFile(HttpContext http, AttachmentService s, Guid id, Guid fileId, CancellationToken ct) =>
        Send(http, await s.DownloadOrderFileAsync(http.User.ToActor(), id, fileId, ct));

    public static async Task<NoContent> DeleteOrderFile(HttpContext http, AttachmentService s, Guid id, Guid fileId, CancellationToken ct)
    {
        await s.DeleteOrderFileAsync(http.User.ToActor(), id, fileId, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<PagedResult<StorefrontDto>>> ListStorefronts(HttpContext http, StorefrontService s, string? region, string? q, Guid? owner, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), region, q, owner, page, pageSize, ct));

    public static async Task<Ok<StorefrontPageDto>> GetStorefront(HttpContext http, StorefrontService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetPageAsync(http.User.ToActor(), id, ct));

    public static async Task<Created<StorefrontDto>> CreateStorefront(HttpContext http, StorefrontService s, StorefrontRequest body, CancellationToken ct)
    {
        var created = await s.CreateAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/storefronts/{created.Id}", created);
    }

    public static async Task<Ok<StorefrontDto>> UpdateStorefront(HttpContext http, StorefrontService s, Guid id, StorefrontRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.UpdateAsync(http.User.ToActor(), id, body, ct));

    public static async Task<Ok<StorefrontDto>> OpenStorefront(HttpContext http, StorefrontService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.SetOpenAsync(http.User.ToActor(), id, true, ct));

    public static async Task<Ok<StorefrontDto>> CloseStorefront(HttpContext http, StorefrontService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.SetOpenAsync(http.User.ToActor(), id, false, ct));

    public static Task<Created<AttachmentDto>> UploadOfferAttachment(HttpContext http, AttachmentService s, Guid id, Guid? fairId, IFormFile? file, CancellationToken ct) =>
        UploadAttachment(http, s, AttachmentOwner.Offer, id, fairId, file, ct);

    public static Task<FileStreamHttpResult> DownloadOfferAttachment(HttpContext http, AttachmentService s, Guid id, Guid? fairId, Guid attachmentId, CancellationToken ct) =>
        DownloadAttachment(http, s, AttachmentOwner.Offer, id, fairId, attachmentId, ct);

    public static Task<NoContent> DeleteOfferAttachment(HttpContext http, AttachmentService s, Guid id, Guid? fairId, Guid attachmentId, CancellationToken ct) =>
        DeleteAttachment(http, s, AttachmentOwner.Offer, id, fairId, attachmentId, ct);

    public static Task<Created<AttachmentDto>> UploadNeedAttachment(HttpContext http, AttachmentService s, Guid id, Guid? fairId, IFormFile? file, CancellationToken ct) =>
        UploadAttachment(http, s, AttachmentOwner.Need, id, fairId, file, ct);

    public static Task<FileStreamHttpResult> DownloadNeedAttachment(HttpContext http, AttachmentService s, Guid id, Guid? fairId, Guid attachmentId, CancellationToken ct) =>
        DownloadAttachment(http, s, AttachmentOwner.Need, id, fairId, attachmentId, ct);

    public static Task<NoContent> DeleteNeedAttachment(HttpContext http, AttachmentService s, Guid id, Guid? fairId, Guid attachmentId, CancellationToken ct) =>
        DeleteAttachment(http, s, AttachmentOwner.Need, id, fairId, attachmentId, ct);

    public static Task<Created<AttachmentDto>> UploadFairProjectAttachment(HttpContext http, AttachmentService s, Guid id, Guid? fairId, IFormFile? file, CancellationToken ct) =>
        UploadAttachment(http, s, AttachmentOwner.FairProject, id, fairId, file, ct);

    public static Task<FileStreamHttpResult> DownloadFairProjectAttachment(HttpContext http, AttachmentService s, Guid id, Guid? fairId, Guid attachmentId, CancellationToken ct) =>
        DownloadAttachment(http, s, AttachmentOwner.FairProject, id, fairId, attachmentId, ct);

    public static Task<NoContent> DeleteFairProjectAttachment(HttpContext http, AttachmentService s, Guid id, Guid? fairId, Guid attachmentId, CancellationToken ct) =>
        DeleteAttachment(http, s, AttachmentOwner.FairProject, id, fairId, attachmentId, ct);

    private static async Task<Created<AttachmentDto>> UploadAttachment(HttpContext http, AttachmentService s, AttachmentOwner owner, Guid id, Guid? fairId, IFormFile? file, CancellationToken ct)
    {
        var attachment = await s.UploadAsync(http.User.ToActor(), owner, id, fairId, file, ct);
        return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{attachment.Id}", attachment);
    }

    private static async Task<FileStreamHttpResult> DownloadAttachment(HttpContext http, AttachmentService s, AttachmentOwner owner, Guid id, Guid? fairId, Guid attachmentId, CancellationToken ct) =>
        Send(http, await s.DownloadAsync(http.User.ToActor(), owner, id, fairId, attachmentId, ct));

    private static async Task<NoContent> DeleteAttachment(HttpContext http, AttachmentService s, AttachmentOwner owner, Guid id, Guid? fairId, Guid attachmentId, CancellationToken ct)
    {
        await s.DeleteAsync(http.User.ToActor(), owner, id, fairId, attachmentId, ct);
        return TypedResults.NoContent();
    }
}
