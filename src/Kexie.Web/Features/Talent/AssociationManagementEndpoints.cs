using Microsoft.AspNetCore.Http.HttpResults;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.Talent;

/// <summary>/api/v1/association-management: 年检, 党建, leadership, 换届 of managed associations, township coverage and the region's counts.</summary>
public static class AssociationManagementEndpoints
{
    public static RouteGroupBuilder MapAssociationManagement(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/association-management").WithTags("学会与基层组织建设").RequireAuthorization().RequirePermission(TalentPermissions.ManageAssociations);
        g.MapGet("/statistics", BuildingStatistics)
            .WithSummary("组织建设统计（学会及会员人数、党建、年检、领导班子、乡镇科协覆盖）");
        g.MapGet("/coverage", Coverage)
            .WithSummary("乡镇（街道）科协组织覆盖情况");
        g.MapGet("/{id:guid}", AssociationFile)
            .WithSummary("组织的年检、党建、领导班子与换届记录");
        g.MapPost("/{id:guid}/inspections", SubmitInspection).WithSummary("报送年检（年度、会员人数、报送材料）");
        g.MapPost("/inspections/{inspectionId:guid}/decide", DecideInspection).WithSummary("评定年检结论（合格、基本合格、不合格）");
        g.MapPost("/inspections/{inspectionId:guid}/return", ReturnInspection).WithSummary("退回年检（须填原因，学会修改后重新报送）");
        g.MapPost("/{id:guid}/rectifications", OpenRectification)
            .WithSummary("开展学会清理整顿（年检不合格或未年检；整顿原因、整改期限）").RequirePermission(TalentPermissions.RectifySocieties);
        g.MapPost("/rectifications/{rectificationId:guid}/conclude", ConcludeRectification)
            .WithSummary("登记整改结果（整改合格、撤销（注销）、停止活动）").RequirePermission(TalentPermissions.RectifySocieties);
        g.MapPost("/rectifications/{rectificationId:guid}/accept", AcceptRectificationReport)
            .WithSummary("通过学会提交的整改报告（清理整顿结果为整改合格）").RequirePermission(TalentPermissions.RectifySocieties);
        g.MapPost("/rectifications/{rectificationId:guid}/return", ReturnRectificationReport)
            .WithSummary("退回学会提交的整改报告（须填原因，学会修改后重新提交）").RequirePermission(TalentPermissions.RectifySocieties);
        g.MapPut("/{id:guid}/party", SetParty).WithSummary("登记党建情况（党建指导员、正式党员人数、党组织）");
        g.MapPost("/{id:guid}/posts", Appoint).WithSummary("登记领导职务（专职、挂职、兼职副主席，“三长”等）");
        g.MapPost("/posts/{postId:guid}/end", EndPost).WithSummary("登记离任");
        g.MapPost("/{id:guid}/congresses", RecordCongress).WithSummary("登记换届（届次、日期、每届年限）");

        var own = api.MapGroup("/association-inspections").WithTags("学会年检").RequireAuthorization();
        own.MapGet("/mine", MyAssociations)
            .WithSummary("本人担任会长、副会长的学会（协会）及其年检");
        own.MapPost("/associations/{associationId:guid}", SubmitOwnInspection).WithSummary("学会报送本年度年检（年度、会员人数、材料说明；材料文件另行上传）").RequirePermission(TalentPermissions.SubmitInspections);
        own.MapPost("/{id:guid}/resubmit", ResubmitOwnInspection).WithSummary("退回后重新报送年检").RequirePermission(TalentPermissions.SubmitInspections);
        own.MapPost("/{id:guid}/attachments", UploadInspectionFile).DisableAntiforgery().WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(Kexie.Domain.Market.Attachment.MaxSizeBytes + (1024 * 1024)))
            .WithSummary("上传年检材料（待审核或退回时；最多10个，≤20MB，PDF/Office/图片/文本/zip）").RequirePermission(TalentPermissions.SubmitInspections);
        own.MapGet("/{id:guid}/attachments/{attachmentId:guid}", DownloadInspectionFile).WithSummary("下载年检材料（学会负责人与本地区管理人员）");

        var rectifications = api.MapGroup("/society-rectifications").WithTags("学会清理整顿").RequireAuthorization();
        rectifications.MapPost("/{id:guid}/report", SubmitRectificationReport)
            .WithSummary("学会提交清理整顿整改报告（退回后重新提交；材料文件另行上传）").RequirePermission(TalentPermissions.SubmitInspections);
        rectifications.MapPost("/{id:guid}/attachments", UploadRectificationFile).DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(Kexie.Domain.Market.Attachment.MaxSizeBytes + (1024 * 1024)))
            .WithSummary("上传整改材料（整顿期间；最多10个，≤20MB，PDF/Office/图片/文本/zip）").RequirePermission(TalentPermissions.SubmitInspections);
        rectifications.MapGet("/{id:guid}/attachments/{attachmentId:guid}", DownloadRectificationFile).WithSummary("下载整改材料（学会负责人与本地区管理人员）");

        var activities = api.MapGroup("/society-activities").WithTags("学会学术活动").RequireAuthorization();
        activities.MapPost("/associations/{associationId:guid}", RecordActivity)
            .WithSummary("登记学会（协会）活动（年会、学术交流、特色学术交流、科普、培训；学会负责人或本地区科协管理员）").RequirePermission(TalentPermissions.RecordSocietyActivities);
        activities.MapPut("/{id:guid}", AmendActivity)
            .WithSummary("修改学会（协会）活动（与登记的人相同：学会负责人或本地区科协管理员）").RequirePermission(TalentPermissions.RecordSocietyActivities);
        activities.MapDelete("/{id:guid}", DeleteActivity)
            .WithSummary("删除误登记的学会（协会）活动").RequirePermission(TalentPermissions.RecordSocietyActivities);
        return api;
    }

    public static async Task<Ok<AssociationBuildingDto>> BuildingStatistics(AssociationManagementService s, string? region, int? year, CancellationToken ct) =>
        TypedResults.Ok(await s.StatisticsAsync(region, year, ct));

    public static async Task<Ok<TownshipCoverageDto>> Coverage(AssociationManagementService s, string? region, CancellationToken ct) =>
        TypedResults.Ok(await s.CoverageAsync(region, ct));

    public static async Task<Ok<AssociationFileDto>> AssociationFile(HttpContext http, AssociationManagementService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.FileAsync(http.User.ToActor(), id, ct));

    public static async Task<Created<InspectionDto>> SubmitInspection(HttpContext http, AssociationManagementService s, Guid id, InspectionRequest body, CancellationToken ct)
    {
        var created = await s.SubmitInspectionAsync(http.User.ToActor(), id, body, ct);
        return TypedResults.Created($"/api/v1/association-management/{id}", created);
    }

    public static async Task<Ok<InspectionDto>> DecideInspection(HttpContext http, AssociationManagementService s, Guid inspectionId, InspectionDecisionRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.DecideInspectionAsync(http.User.ToActor(), inspectionId, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<InspectionDto>> ReturnInspection(HttpContext http, AssociationManagementService s, Guid inspectionId, ReasonRequest? body, CancellationToken ct) =>
        TypedResults.Ok(await s.ReturnInspectionAsync(http.User.ToActor(), inspectionId, body?.Reason, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Created<RectificationDto>> OpenRectification(HttpContext http, AssociationManagementService s, Guid id, RectificationRequest body, CancellationToken ct)
    {
        var created = await s.OpenRectificationAsync(http.User.ToActor(), id, body, ct);
        return TypedResults.Created($"/api/v1/association-management/{id}", created);
    }

    public static async Task<Ok<RectificationDto>> ConcludeRectification(HttpContext http, AssociationManagementService s, Guid rectificationId, RectificationResultRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.ConcludeRectificationAsync(http.User.ToActor(), rectificationId, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<RectificationDto>> AcceptRectificationReport(
        HttpContext http, RectificationReportService s, Guid rectificationId, RectificationAcceptRequest? body, CancellationToken ct) =>
        TypedResults.Ok(await s.AcceptAsync(http.User.ToActor(), rectificationId, body ?? new RectificationAcceptRequest(null, null), MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<RectificationDto>> ReturnRectificationReport(HttpContext http, RectificationReportService s, Guid rectificationId, ReasonRequest? body, CancellationToken ct) =>
        TypedResults.Ok(await s.ReturnAsync(http.User.ToActor(), rectificationId, body?.Reason, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<RectificationDto>> SubmitRectificationReport(HttpContext http, RectificationReportService s, Guid id, RectificationReportRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.SubmitAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Created<AttachmentDto>> UploadRectificationFile(HttpContext http, RectificationReportService s, Guid id, IFormFile? file, CancellationToken ct)
    {
        var attachment = await s.UploadAsync(http.User.ToActor(), id, file, ct);
        return TypedResults.Created($"/api/v1/society-rectifications/{id}/attachments/{attachment.Id}", attachment);
    }

    public static async Task<FileStreamHttpResult> DownloadRectificationFile(HttpContext http, RectificationReportService s, Guid id, Guid attachmentId, CancellationToken ct)
    {
        var file = await s.DownloadAsync(http.User.ToActor(), id, attachmentId, ct);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(file.Content, file.ContentType, file.FileName, enableRangeProcessing: true);
    }

    public static async Task<Ok<PartyBuildingDto>> SetParty(HttpContext http, AssociationManagementService s, Guid id, PartyBuildingRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.SetPartyAsync(http.User.ToActor(), id, body, ct));

    public static async Task<Created<LeadershipPostDto>> Appoint(HttpContext http, AssociationManagementService s, Guid id, LeadershipPostRequest body, CancellationToken ct)
    {
        var created = await s.AppointAsync(http.User.ToActor(), id, body, ct);
        return TypedResults.Created($"/api/v1/association-management/{id}", created);
    }

    public static async Task<Ok<LeadershipPostDto>> EndPost(HttpContext http, AssociationManagementService s, Guid postId, PostEndRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.EndPostAsync(http.User.ToActor(), postId, body, ct));

    public static async Task<Created<CongressDto>> RecordCongress(HttpContext http, AssociationManagementService s, Guid id, CongressRequest body, CancellationToken ct)
    {
        var created = await s.RecordCongressAsync(http.User.ToActor(), id, body, ct);
        return TypedResults.Created($"/api/v1/association-management/{id}", created);
    }

    public static async Task<Ok<IReadOnlyList<LedAssociationDto>>> MyAssociations(HttpContext http, InspectionService s, CancellationToken ct) =>
        TypedResults.Ok(await s.MineAsync(http.User.ToActor(), ct));

    public static async Task<Created<InspectionDto>> SubmitOwnInspection(HttpContext http, InspectionService s, Guid associationId, InspectionRequest body, CancellationToken ct)
    {
        var created = await s.SubmitAsync(http.User.ToActor(), associationId, body, ct);
        return TypedResults.Created($"/api/v1/association-inspections/{created.Id}", created);
    }

    public static async Task<Ok<InspectionDto>> ResubmitOwnInspection(HttpContext http, InspectionService s, Guid id, InspectionRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.ResubmitAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Created<AttachmentDto>> UploadInspectionFile(HttpContext http, InspectionService s, Guid id, IFormFile? file, CancellationToken ct)
    {
        var attachment = await s.UploadAsync(http.User.ToActor(), id, file, ct);
        return TypedResults.Created($"/api/v1/association-inspections/{id}/attachments/{attachment.Id}", attachment);
    }

    public static async Task<FileStreamHttpResult> DownloadInspectionFile(HttpContext http, InspectionService s, Guid id, Guid attachmentId, CancellationToken ct)
    {
        var file = await s.DownloadAsync(http.User.ToActor(), id, attachmentId, ct);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(file.Content, file.ContentType, file.FileName, enableRangeProcessing: true);
    }

    public static async Task<Created<SocietyActivityDto>> RecordActivity(HttpContext http, SocietyActivityService s, Guid associationId, SocietyActivityRequest body, CancellationToken ct)
    {
        var created = await s.RecordAsync(http.User.ToActor(), associationId, body, ct);
        return TypedResults.Created($"/api/v1/association-management/{associationId}", created);
    }

    public static async Task<Ok<SocietyActivityDto>> AmendActivity(HttpContext http, SocietyActivityService s, Guid id, SocietyActivityRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.AmendAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<NoContent> DeleteActivity(HttpContext http, SocietyActivityService s, Guid id, CancellationToken ct)
    {
        await s.DeleteAsync(http.User.ToActor(), id, ct);
        return TypedResults.NoContent();
    }
}
