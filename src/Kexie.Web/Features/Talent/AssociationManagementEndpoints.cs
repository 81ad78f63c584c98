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
        return api;
    }
}
