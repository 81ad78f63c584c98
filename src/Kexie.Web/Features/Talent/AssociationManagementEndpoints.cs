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
        g.MapGet("/statistics", (AssociationManagementService s, string? region, int? year, CancellationToken ct) => s.StatisticsAsync(region, year, ct))
            .WithSummary("组织建设统计（学会及会员人数、党建、年检、领导班子、乡镇科协覆盖）");
        g.MapGet("/coverage", (AssociationManagementService s, string? region, CancellationToken ct) => s.CoverageAsync(region, ct))
            .WithSummary("乡镇（街道）科协组织覆盖情况");
        g.MapGet("/{id:guid}", (HttpContext http, AssociationManagementService s, Guid id, CancellationToken ct) => s.FileAsync(http.User.ToActor(), id, ct))
            .WithSummary("组织的年检、党建、领导班子与换届记录");
        g.MapPost("/{id:guid}/inspections", async (HttpContext http, AssociationManagementService s, Guid id, InspectionRequest body, CancellationToken ct) =>
        {
            var created = await s.SubmitInspectionAsync(http.User.ToActor(), id, body, ct);
            return TypedResults.Created($"/api/v1/association-management/{id}", created);
        }).WithSummary("报送年检（年度、会员人数、报送材料）");
        g.MapPost("/inspections/{inspectionId:guid}/decide", (HttpContext http, AssociationManagementService s, Guid inspectionId, InspectionDecisionRequest body, CancellationToken ct) =>
            s.DecideInspectionAsync(http.User.ToActor(), inspectionId, body, MarketSupport.ExpectedVersion(http), ct)).WithSummary("评定年检结论（合格、基本合格、不合格）");
        g.MapPost("/inspections/{inspectionId:guid}/return", (HttpContext http, AssociationManagementService s, Guid inspectionId, ReasonRequest? body, CancellationToken ct) =>
            s.ReturnInspectionAsync(http.User.ToActor(), inspectionId, body?.Reason, MarketSupport.ExpectedVersion(http), ct)).WithSummary("退回年检（须填原因，学会修改后重新报送）");
        g.MapPut("/{id:guid}/party", (HttpContext http, AssociationManagementService s, Guid id, PartyBuildingRequest body, CancellationToken ct) =>
            s.SetPartyAsync(http.User.ToActor(), id, body, ct)).WithSummary("登记党建情况（党建指导员、正式党员人数、党组织）");
        g.MapPost("/{id:guid}/posts", async (HttpContext http, AssociationManagementService s, Guid id, LeadershipPostRequest body, CancellationToken ct) =>
        {
            var created = await s.AppointAsync(http.User.ToActor(), id, body, ct);
            return TypedResults.Created($"/api/v1/association-management/{id}", created);
        }).WithSummary("登记领导职务（专职、挂职、兼职副主席，“三长”等）");
        g.MapPost("/posts/{postId:guid}/end", (HttpContext http, AssociationManagementService s, Guid postId, PostEndRequest body, CancellationToken ct) =>
            s.EndPostAsync(http.User.ToActor(), postId, body, ct)).WithSummary("登记离任");
        g.MapPost("/{id:guid}/congresses", async (HttpContext http, AssociationManagementService s, Guid id, CongressRequest body, CancellationToken ct) =>
        {
            var created = await s.RecordCongressAsync(http.User.ToActor(), id, body, ct);
            return TypedResults.Created($"/api/v1/association-management/{id}", created);
        }).WithSummary("登记换届（届次、日期、每届年限）");

        var own = api.MapGroup("/association-inspections").WithTags("学会年检").RequireAuthorization();
        own.MapGet("/mine", (HttpContext http, InspectionService s, CancellationToken ct) => s.MineAsync(http.User.ToActor(), ct))
            .WithSummary("本人担任会长、副会长的学会（协会）及其年检");
        own.MapPost("/associations/{associationId:guid}", async (HttpContext http, InspectionService s, Guid associationId, InspectionRequest body, CancellationToken ct) =>
        {
            var created = await s.SubmitAsync(http.User.ToActor(), associationId, body, ct);
            return TypedResults.Created($"/api/v1/association-inspections/{created.Id}", created);
        }).WithSummary("学会报送本年度年检（年度、会员人数、材料说明；材料文件另行上传）").RequirePermission(TalentPermissions.SubmitInspections);
        own.MapPost("/{id:guid}/resubmit", (HttpContext http, InspectionService s, Guid id, InspectionRequest body, CancellationToken ct) =>
            s.ResubmitAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct)).WithSummary("退回后重新报送年检").RequirePermission(TalentPermissions.SubmitInspections);
        own.MapPost("/{id:guid}/attachments", async (HttpContext http, InspectionService s, Guid id, IFormFile? file, CancellationToken ct) =>
        {
            var attachment = await s.UploadAsync(http.User.ToActor(), id, file, ct);
            return TypedResults.Created($"/api/v1/association-inspections/{id}/attachments/{attachment.Id}", attachment);
        }).DisableAntiforgery().WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(Kexie.Domain.Market.Attachment.MaxSizeBytes + (1024 * 1024)))
            .WithSummary("上传年检材料（待审核或退回时；最多10个，≤20MB，PDF/Office/图片/文本/zip）").RequirePermission(TalentPermissions.SubmitInspections);
        own.MapGet("/{id:guid}/attachments/{attachmentId:guid}", async (HttpContext http, InspectionService s, Guid id, Guid attachmentId, CancellationToken ct) =>
        {
            var file = await s.DownloadAsync(http.User.ToActor(), id, attachmentId, ct);
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            return TypedResults.File(file.Content, file.ContentType, file.FileName, enableRangeProcessing: true);
        }).WithSummary("下载年检材料（学会负责人与本地区管理人员）");

        var activities = api.MapGroup("/society-activities").WithTags("学会学术活动").RequireAuthorization();
        activities.MapPost("/associations/{associationId:guid}", RecordActivity)
            .WithSummary("登记学会（协会）活动（年会、学术交流、特色学术交流、科普、培训；学会负责人或本地区科协管理员）").RequirePermission(TalentPermissions.RecordSocietyActivities);
        return api;
    }

    private static async Task<Created<SocietyActivityDto>> RecordActivity(HttpContext http, SocietyActivityService s, Guid associationId, SocietyActivityRequest body, CancellationToken ct)
    {
        var created = await s.RecordAsync(http.User.ToActor(), associationId, body, ct);
        return TypedResults.Created($"/api/v1/association-management/{associationId}", created);
    }
}
