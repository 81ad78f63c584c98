using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Features.Popularization;

/// <summary>/api/v1 for the 佐证材料 of a tally: photos and scans (JPG, PNG, PDF) for the staff of the tally's place and the managers above.</summary>
public static class EventTallyEvidenceEndpoints
{
    private const long UploadRequestLimit = Kexie.Domain.Market.Attachment.MaxSizeBytes + (1024 * 1024);

    public static void MapTallyEvidence(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/popularization-activities").WithTags("科普活动");
        g.MapPost("/{id:guid}/tallies/{tallyId:guid}/evidence", UploadEvidence).RequireAuthorization().DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(UploadRequestLimit))
            .WithSummary("上传活动统计的佐证材料（表单字段 file；JPG、PNG照片或PDF，≤20MB，每条统计最多20份）").RequirePermission(PopularizationPermissions.ManageActivities);
        g.MapGet("/{id:guid}/tallies/{tallyId:guid}/evidence/{evidenceId:guid}", DownloadEvidence).RequireAuthorization()
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").WithSummary("下载佐证材料（统计地点及上级的管理人员）");
        g.MapDelete("/{id:guid}/tallies/{tallyId:guid}/evidence/{evidenceId:guid}", DeleteEvidence).RequireAuthorization().WithSummary("删除佐证材料").RequirePermission(PopularizationPermissions.ManageActivities);
    }

    public static async Task<Created<TallyEvidenceDto>> UploadEvidence(HttpContext http, EventTallyService s, Guid id, Guid tallyId, IFormFile? file, CancellationToken ct)
    {
        var created = await s.AttachEvidenceAsync(http.User.ToActor(), id, tallyId, file, ct);
        return TypedResults.Created($"/api/v1/popularization-activities/{id}/tallies/{tallyId}/evidence/{created.Id}", created);
    }

    public static async Task<FileStreamHttpResult> DownloadEvidence(HttpContext http, EventTallyService s, Guid id, Guid tallyId, Guid evidenceId, CancellationToken ct)
    {
        var file = await s.EvidenceAsync(http.User.ToActor(), id, tallyId, evidenceId, ct);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(file.Content, file.ContentType, file.FileName, enableRangeProcessing: true);
    }

    public static async Task<NoContent> DeleteEvidence(HttpContext http, EventTallyService s, Guid id, Guid tallyId, Guid evidenceId, CancellationToken ct)
    {
        await s.DeleteEvidenceAsync(http.User.ToActor(), id, tallyId, evidenceId, ct);
        return TypedResults.NoContent();
    }
}
