using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Features.Popularization;

/// <summary>
/// /api/v1 for 全民科学素质纲要实施工作成员单位: the list (public, contacts only for the region's managers), a year's count, tasks
/// and assessments, the Excel export; writes by the region's managers (<see cref="PopularizationPermissions.ManageMemberUnits"/>).
/// The list is imported through /api/v1/imports/member-units.
/// </summary>
public static class LiteracyMemberUnitEndpoints
{
    private const string ExcelContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const long UploadRequestLimit = Kexie.Domain.Market.Attachment.MaxSizeBytes + (1024 * 1024);

    public static void MapMemberUnits(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/science-literacy/member-units").WithTags("公民科学素质");
        g.MapGet("/", ListUnits).WithSummary("纲要实施成员单位（region 地区子树；all=true 含已退出的；联系人仅本地区管理员可见）");
        g.MapGet("/year", UnitYear).WithSummary("某地区某年的成员单位：年末个数、上年末个数、新加入和退出、任务完成数、考核情况，及各单位一行");
        g.MapGet("/export.xlsx", ExportUnits).RequireAuthorization().WithSummary("导出成员单位名单（Excel，列与导入模板相同）").RequirePermission(PopularizationPermissions.ManageMemberUnits);
        g.MapGet("/{id:guid}", GetUnit).WithSummary("成员单位详情（任务、历年考核）");
        g.MapGet("/{id:guid}/assessments/{assessmentId:guid}/evidence", DownloadEvidence).RequireAuthorization()
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").WithSummary("下载考核佐证材料（仅本地区管理员）");
        g.MapPost("/", CreateUnit).RequireAuthorization().WithSummary("登记成员单位（单位名称或名录中的单位、加入日期、联系人）").RequirePermission(PopularizationPermissions.ManageMemberUnits);
        g.MapPut("/{id:guid}", UpdateUnit).RequireAuthorization().WithSummary("修改成员单位").RequirePermission(PopularizationPermissions.ManageMemberUnits);
        g.MapPost("/{id:guid}/leave", LeaveUnit).RequireAuthorization().WithSummary("退出成员单位（退出日期）").RequirePermission(PopularizationPermissions.ManageMemberUnits);
        g.MapPost("/{id:guid}/tasks", AssignTask).RequireAuthorization().WithSummary("分配年度任务（年份、任务内容、完成期限、目标）").RequirePermission(PopularizationPermissions.ManageMemberUnits);
        g.MapPost("/{id:guid}/tasks/{taskId:guid}/done", MarkTask).RequireAuthorization().WithSummary("标记任务完成（completedOn 为空即重新打开）").RequirePermission(PopularizationPermissions.ManageMemberUnits);
        g.MapDelete("/{id:guid}/tasks/{taskId:guid}", DeleteTask).RequireAuthorization().WithSummary("删除分配有误的任务").RequirePermission(PopularizationPermissions.ManageMemberUnits);
        g.MapPost("/{id:guid}/assessments", AssessUnit).RequireAuthorization().WithSummary("年度考核（完成情况：完成/基本完成/未完成，得分可选，说明；同一年再次考核即更正）").RequirePermission(PopularizationPermissions.ManageMemberUnits);
        g.MapPost("/{id:guid}/assessments/{assessmentId:guid}/evidence", UploadEvidence).RequireAuthorization().DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(UploadRequestLimit))
            .WithSummary("上传考核佐证材料（≤20MB，PDF/Office/图片；替换已上传的）").RequirePermission(PopularizationPermissions.ManageMemberUnits);
    }

    public static async Task<Ok<IReadOnlyList<MemberUnitDto>>> ListUnits(HttpContext http, LiteracyMemberUnitService s, string? region, bool? all, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), region, all ?? false, ct));

    public static async Task<Ok<MemberUnitYearDto>> UnitYear(HttpContext http, LiteracyMemberUnitService s, string? region, int? year, CancellationToken ct) =>
        TypedResults.Ok(await s.YearAsync(http.User.ToActor(), region, year, ct));

    public static async Task<Ok<MemberUnitDetailsDto>> GetUnit(HttpContext http, LiteracyMemberUnitService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(http.User.ToActor(), id, ct));

    public static async Task<FileContentHttpResult> ExportUnits(HttpContext http, LiteracyMemberUnitService s, string? region, CancellationToken ct) =>
        TypedResults.File(await s.ExportAsync(http.User.ToActor(), region, ct), ExcelContentType, "纲要实施成员单位.xlsx");

    public static async Task<FileStreamHttpResult> DownloadEvidence(HttpContext http, LiteracyMemberUnitService s, Guid id, Guid assessmentId, CancellationToken ct)
    {
        var file = await s.EvidenceAsync(http.User.ToActor(), id, assessmentId, ct);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(file.Content, file.ContentType, file.FileName, enableRangeProcessing: true);
    }

    public static async Task<Created<MemberUnitDto>> CreateUnit(HttpContext http, LiteracyMemberUnitService s, MemberUnitRequest body, CancellationToken ct)
    {
        var created = await s.CreateAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/science-literacy/member-units/{created.Id}", created);
    }

    public static async Task<Ok<MemberUnitDto>> UpdateUnit(HttpContext http, LiteracyMemberUnitService s, Guid id, MemberUnitRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.UpdateAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<MemberUnitDto>> LeaveUnit(HttpContext http, LiteracyMemberUnitService s, Guid id, MemberLeaveRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.LeaveAsync(http.User.ToActor(), id, body, ct));

    public static async Task<Created<MemberTaskDto>> AssignTask(HttpContext http, LiteracyMemberUnitService s, Guid id, MemberTaskRequest body, CancellationToken ct)
    {
        var created = await s.AssignTaskAsync(http.User.ToActor(), id, body, ct);
        return TypedResults.Created($"/api/v1/science-literacy/member-units/{id}", created);
    }

    public static async Task<Ok<MemberTaskDto>> MarkTask(HttpContext http, LiteracyMemberUnitService s, Guid id, Guid taskId, MemberTaskDoneRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.MarkTaskAsync(http.User.ToActor(), id, taskId, body, ct));

    public static async Task<NoContent> DeleteTask(HttpContext http, LiteracyMemberUnitService s, Guid id, Guid taskId, CancellationToken ct)
    {
        await s.DeleteTaskAsync(http.User.ToActor(), id, taskId, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<MemberAssessmentDto>> AssessUnit(HttpContext http, LiteracyMemberUnitService s, Guid id, MemberAssessmentRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.AssessAsync(http.User.ToActor(), id, body, ct));

    public static async Task<Ok<MemberAssessmentDto>> UploadEvidence(HttpContext http, LiteracyMemberUnitService s, Guid id, Guid assessmentId, IFormFile? file, CancellationToken ct) =>
        TypedResults.Ok(await s.AttachEvidenceAsync(http.User.ToActor(), id, assessmentId, file, ct));
}
