using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kexie.Web.Features.Popularization;

/// <summary>/api/v1 for an activity's partner units (主办/承办/协办/支持); they are read with the activity (<c>partners</c>).</summary>
public static class ActivityPartnerEndpoints
{
    public static void MapActivityPartners(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/popularization-activities").WithTags("科普活动");
        g.MapPost("/{id:guid}/partners", AddPartner).RequireAuthorization()
            .WithSummary("添加合作单位（role：Host 主办、Organizer 承办、CoOrganizer 协办、Supporter 支持；organizationId 选名录中的单位，或只填 name）").RequirePermission(PopularizationPermissions.ManageActivities);
        g.MapDelete("/{id:guid}/partners/{partnerId:guid}", RemovePartner).RequireAuthorization().WithSummary("移除合作单位").RequirePermission(PopularizationPermissions.ManageActivities);
    }

    public static async Task<Created<ActivityPartnerDto>> AddPartner(HttpContext http, ActivityService s, Guid id, ActivityPartnerRequest body, CancellationToken ct)
    {
        var created = await s.AddPartnerAsync(http.User.ToActor(), id, body, ct);
        return TypedResults.Created($"/api/v1/popularization-activities/{id}", created);
    }

    public static async Task<NoContent> RemovePartner(HttpContext http, ActivityService s, Guid id, Guid partnerId, CancellationToken ct)
    {
        await s.RemovePartnerAsync(http.User.ToActor(), id, partnerId, ct);
        return TypedResults.NoContent();
    }
}
