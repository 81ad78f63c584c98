using Microsoft.AspNetCore.Http.HttpResults;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.Talent;

/// <summary>/api/v1/experts: the expert database (专家库).</summary>
public static class TalentEndpoints
{
    public static RouteGroupBuilder MapTalent(this RouteGroupBuilder api)
    {
        var experts = api.MapGroup("/experts").WithTags("专家库");
        experts.MapGet("/", ListExperts)
            .WithSummary("查询专家库（按地区子树、级别、状态、关键词筛选，分页）");
        experts.MapGet("/{id:guid}", GetExpert);
        experts.MapPost("/", AdmitExpert).RequireAuthorization().WithSummary("将本地区的科技工作者纳入专家库").RequirePermission(TalentPermissions.ManageExperts);
        experts.MapPut("/{id:guid}", UpdateExpert).RequireAuthorization().RequirePermission(TalentPermissions.ManageExperts);
        experts.MapPost("/{id:guid}/withdraw", WithdrawExpert).RequireAuthorization().WithSummary("退出专家库（须填写原因）").RequirePermission(TalentPermissions.ManageExperts);
        experts.MapPost("/{id:guid}/reinstate", ReinstateExpert).RequireAuthorization().WithSummary("重新入库").RequirePermission(TalentPermissions.ManageExperts);
        return api;
    }

    public static async Task<Ok<PagedResult<ExpertDto>>> ListExperts(HttpContext http, ExpertService s, string? q, string? region, ExpertLevel? level, ExpertStatus? status, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), q, region, level, status, page, pageSize, ct));

    public static async Task<Ok<ExpertDto>> GetExpert(HttpContext http, ExpertService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(http.User.ToActor(), id, ct));

    public static async Task<Created<ExpertDto>> AdmitExpert(HttpContext http, ExpertService s, ExpertRequest body, CancellationToken ct)
    {
        var created = await s.AdmitAsync(http.User.ToActor(), body.WorkerId, body.ToData(), ct);
        return TypedResults.Created($"/api/v1/experts/{created.Id}", created);
    }

    public static async Task<Ok<ExpertDto>> UpdateExpert(HttpContext http, ExpertService s, Guid id, ExpertRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.UpdateAsync(http.User.ToActor(), id, body.ToData(), ct));

    public static async Task<Ok<ExpertDto>> WithdrawExpert(HttpContext http, ExpertService s, Guid id, ReasonRequest? body, CancellationToken ct) =>
        TypedResults.Ok(await s.WithdrawAsync(http.User.ToActor(), id, body?.Reason, ct));

    public static async Task<Ok<ExpertDto>> ReinstateExpert(HttpContext http, ExpertService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.ReinstateAsync(http.User.ToActor(), id, ct));
}
