using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kexie.Web.Features.Popularization;

/// <summary>/api/v1 for 志愿者招募: an activity's call for N volunteers, applications, acceptance, open calls and the statistics.</summary>
public static class VolunteerRecruitmentEndpoints
{
    public static void MapVolunteerRecruitment(RouteGroupBuilder api)
    {
        var calls = api.MapGroup("/volunteer-calls").WithTags("科技志愿者");
        calls.MapGet("/", OpenCalls).WithSummary("正在招募的志愿者招募（未截止；region 地区子树；按截止日期）");
        calls.MapGet("/statistics", RecruitmentStatistics)
            .WithSummary("志愿者招募统计（当年开始的活动的招募：招募次数、招募人数、报名人数、录用人数、满员率；按活动、活动系列和下级地区；region 地区子树，year 年份）");
        calls.MapGet("/mine", MyApplications).RequireAuthorization().WithSummary("我的志愿者报名（活动、状态、未录用原因）");

        var a = api.MapGroup("/popularization-activities").WithTags("科技志愿者");
        a.MapGet("/{id:guid}/volunteer-call", GetCall).WithSummary("活动的志愿者招募（招募人数、岗位、专长要求、截止日期、已录用人数；登录的志愿者另见本人报名；未发布招募时无内容）");
        a.MapPut("/{id:guid}/volunteer-call", PublishCall).RequireAuthorization()
            .WithSummary("发布或修改活动的志愿者招募（活动所在地区管理人员；slots 招募人数，deadline 报名截止日期，duties 服务岗位，skills 专长要求）")
            .RequirePermission(PopularizationPermissions.ManageRecruitment);
        a.MapPost("/{id:guid}/volunteer-call/close", CloseCall).RequireAuthorization().WithSummary("结束招募（已录用的志愿者不变）").RequirePermission(PopularizationPermissions.ManageRecruitment);
        a.MapGet("/{id:guid}/volunteer-call/applications", Applications).RequireAuthorization()
            .WithSummary("报名的志愿者（活动所在地区管理人员；姓名、服务队、专长、已确认服务时长、报名说明、状态）")
            .RequirePermission(PopularizationPermissions.ManageRecruitment);
        a.MapPost("/{id:guid}/volunteer-call/applications", Apply).RequireAuthorization()
            .WithSummary("报名志愿者招募（已注册的科技志愿者本人；note 报名说明）").RequirePermission(PopularizationPermissions.ApplyAsVolunteer);
        a.MapPost("/{id:guid}/volunteer-call/applications/{applicationId:guid}/withdraw", Withdraw).RequireAuthorization()
            .WithSummary("撤回报名（录用前，志愿者本人）").RequirePermission(PopularizationPermissions.ApplyAsVolunteer);
        a.MapPost("/{id:guid}/volunteer-call/applications/{applicationId:guid}/accept", Accept).RequireAuthorization()
            .WithSummary("录用志愿者（录满招募人数为止；通知志愿者）").RequirePermission(PopularizationPermissions.ManageRecruitment);
        a.MapPost("/{id:guid}/volunteer-call/applications/{applicationId:guid}/decline", Decline).RequireAuthorization()
            .WithSummary("不予录用（须填原因；通知志愿者）").RequirePermission(PopularizationPermissions.ManageRecruitment);
    }

    public static async Task<Ok<PagedResult<VolunteerCallDto>>> OpenCalls(HttpContext http, VolunteerRecruitmentService s, [AsParameters] VolunteerCallFilter f, CancellationToken ct) =>
        TypedResults.Ok(await s.OpenCallsAsync(http.User.ToActor(), f, ct));

    public static async Task<Ok<RecruitmentStatisticsDto>> RecruitmentStatistics(VolunteerRecruitmentService s, string? region, int? year, CancellationToken ct) =>
        TypedResults.Ok(await s.StatisticsAsync(region, year, ct));

    public static async Task<Ok<IReadOnlyList<MyRecruitmentDto>>> MyApplications(HttpContext http, VolunteerRecruitmentService s, CancellationToken ct) =>
        TypedResults.Ok(await s.MineAsync(http.User.ToActor(), ct));

    /// <summary>The activity's call, or 204 when it has none.</summary>
    public static async Task<Results<Ok<VolunteerCallDto>, NoContent>> GetCall(HttpContext http, VolunteerRecruitmentService s, Guid id, CancellationToken ct) =>
        await s.CallOfAsync(http.User.ToActor(), id, ct) is { } call ? TypedResults.Ok(call) : TypedResults.NoContent();

    public static async Task<Ok<VolunteerCallDto>> PublishCall(HttpContext http, VolunteerRecruitmentService s, Guid id, VolunteerCallRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.PublishAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<VolunteerCallDto>> CloseCall(HttpContext http, VolunteerRecruitmentService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.CloseAsync(http.User.ToActor(), id, ct));

    public static async Task<Ok<IReadOnlyList<VolunteerApplicationDto>>> Applications(HttpContext http, VolunteerRecruitmentService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.ApplicationsAsync(http.User.ToActor(), id, ct));

    public static async Task<Created<MyVolunteerApplicationDto>> Apply(HttpContext http, VolunteerRecruitmentService s, Guid id, VolunteerApplyRequest? body, CancellationToken ct)
    {
        var created = await s.ApplyAsync(http.User.ToActor(), id, body ?? new VolunteerApplyRequest(), ct);
        return TypedResults.Created($"/api/v1/popularization-activities/{id}/volunteer-call", created);
    }

    public static async Task<Ok<MyVolunteerApplicationDto>> Withdraw(HttpContext http, VolunteerRecruitmentService s, Guid id, Guid applicationId, CancellationToken ct) =>
        TypedResults.Ok(await s.WithdrawAsync(http.User.ToActor(), id, applicationId, ct));

    public static async Task<Ok<VolunteerApplicationDto>> Accept(HttpContext http, VolunteerRecruitmentService s, Guid id, Guid applicationId, CancellationToken ct) =>
        TypedResults.Ok(await s.AcceptAsync(http.User.ToActor(), id, applicationId, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<VolunteerApplicationDto>> Decline(HttpContext http, VolunteerRecruitmentService s, Guid id, Guid applicationId, ReasonRequest? r, CancellationToken ct) =>
        TypedResults.Ok(await s.DeclineAsync(http.User.ToActor(), id, applicationId, r?.Reason, MarketSupport.ExpectedVersion(http), ct));
}
