using Kexie.Domain.Popularization;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kexie.Web.Features.Popularization;

/// <summary>/api/v1 for 科技志愿者: teams, volunteers, service records of an activity (sign-in, sign-out, confirmation) and the statistics.</summary>
public static class VolunteerEndpoints
{
    public static void MapVolunteers(RouteGroupBuilder api)
    {
        var teams = api.MapGroup("/volunteer-teams").WithTags("科技志愿者");
        teams.MapGet("/", ListTeams)
            .WithSummary("志愿服务队（科技志愿服务队、科普志愿者队伍、科普信息员队伍；region 地区子树；含队员数、确认服务时长）");
        teams.MapGet("/{id:guid}", GetTeam).WithSummary("志愿服务队详情");
        teams.MapPost("/", CreateTeam).RequireAuthorization().WithSummary("组建志愿服务队（本地区服务人员或科协管理员）").RequirePermission(PopularizationPermissions.ManageVolunteers);
        teams.MapPut("/{id:guid}", UpdateTeam).RequireAuthorization().WithSummary("修改志愿服务队").RequirePermission(PopularizationPermissions.ManageVolunteers);

        var g = api.MapGroup("/volunteers").WithTags("科技志愿者");
        g.MapGet("/", ListVolunteers)
            .RequireAuthorization().WithSummary("科技志愿者名单（仅本人管理的地区子树；q 姓名或专长，team 服务队）");
        g.MapGet("/statistics", VolunteerStatistics)
            .WithSummary("科技志愿服务统计（服务队、志愿者、服务活动场次、人次、时长；region 地区子树，year 年份）");
        g.MapGet("/me", MyVolunteering)
            .RequireAuthorization().WithSummary("我的志愿服务（服务记录与时长；不是志愿者时无内容）");
        g.MapGet("/export.xlsx", ExportVolunteers).RequireAuthorization().Produces<byte[]>(StatusCodes.Status200OK, Kexie.Web.Features.Directory.DirectoryEndpoints.ExcelContentType)
            .WithSummary("导出科技志愿者名单（Excel；本人管理的地区子树，筛选同列表；列与导入模板相同，另附所在地区、服务次数、确认服务时长）")
            .RequirePermission(PopularizationPermissions.ManageVolunteers);
        g.MapGet("/{id:guid}/service-record", DownloadServiceRecord).RequireAuthorization()
            .Produces<byte[]>(StatusCodes.Status200OK, VolunteerServiceRecord.ContentType)
            .WithSummary("志愿服务记录证明（.docx：已确认的服务活动、日期、时长及合计，由志愿者所在县科协出具；志愿者本人或本地区管理人员可下载）");
        g.MapGet("/{id:guid}", GetVolunteer)
            .RequireAuthorization().WithSummary("志愿者详情（本人或本地区管理人员）");
        g.MapPost("/", RegisterVolunteer).RequireAuthorization().WithSummary("登记科技志愿者（本地区服务人员或科协管理员；可按姓名关联科技工作者）").RequirePermission(PopularizationPermissions.ManageVolunteers);
        g.MapPost("/me", RegisterSelf).RequireAuthorization().WithSummary("本人注册为科技志愿者（科技工作者；姓名、地区取自本人档案）").RequirePermission(PopularizationPermissions.JoinVolunteers);

        var a = api.MapGroup("/popularization-activities").WithTags("科技志愿者");
        a.MapGet("/{id:guid}/service-records", ListServiceRecords)
            .RequireAuthorization().WithSummary("活动的志愿服务记录（活动所在地区管理人员见全部，志愿者见本人）");
        a.MapPost("/{id:guid}/service-records", SignIn).RequireAuthorization().WithSummary("志愿服务签到（志愿者本人，或活动所在地区管理人员代为签到；volunteerId 不填为本人）").RequirePermission(PopularizationPermissions.ServeAsVolunteer);
        a.MapPost("/{id:guid}/service-records/{recordId:guid}/sign-out", SignOut).RequireAuthorization().WithSummary("志愿服务签退（计算服务时长，待组织方确认）").RequirePermission(PopularizationPermissions.ServeAsVolunteer);
        a.MapPost("/{id:guid}/service-records/{recordId:guid}/confirm", ConfirmService).RequireAuthorization().WithSummary("确认服务时长（活动所在地区管理人员；minutes 可更正分钟数）").RequirePermission(PopularizationPermissions.ManageVolunteers);
        a.MapPost("/{id:guid}/service-records/{recordId:guid}/reject", RejectService).RequireAuthorization().WithSummary("不予确认服务时长（须填原因）").RequirePermission(PopularizationPermissions.ManageVolunteers);
    }

    public static async Task<Ok<IReadOnlyList<VolunteerTeamDto>>> ListTeams(VolunteerService s, string? region, VolunteerTeamKind? kind, CancellationToken ct) =>
        TypedResults.Ok(await s.TeamsAsync(region, kind, ct));

    public static async Task<Ok<VolunteerTeamDto>> GetTeam(VolunteerService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.TeamAsync(id, ct));

    public static async Task<Created<VolunteerTeamDto>> CreateTeam(HttpContext http, VolunteerService s, VolunteerTeamRequest body, CancellationToken ct)
    {
        var created = await s.CreateTeamAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/volunteer-teams/{created.Id}", created);
    }

    public static async Task<Ok<VolunteerTeamDto>> UpdateTeam(HttpContext http, VolunteerService s, Guid id, VolunteerTeamRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.UpdateTeamAsync(http.User.ToActor(), id, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<PagedResult<VolunteerDto>>> ListVolunteers(HttpContext http, VolunteerService s, [AsParameters] VolunteerFilter f, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), f, ct));

    public static async Task<Ok<VolunteerStatisticsDto>> VolunteerStatistics(VolunteerService s, string? region, int? year, CancellationToken ct) =>
        TypedResults.Ok(await s.StatisticsAsync(region, year, ct));

    /// <summary>The caller's volunteering, or 204 when they are no volunteer.</summary>
    public static async Task<Results<Ok<MyVolunteerDto>, NoContent>> MyVolunteering(HttpContext http, VolunteerService s, CancellationToken ct) =>
        await s.MineAsync(http.User.ToActor(), ct) is { } mine ? TypedResults.Ok(mine) : TypedResults.NoContent();

    public static async Task<FileContentHttpResult> ExportVolunteers(HttpContext http, VolunteerService s, [AsParameters] VolunteerFilter f, CancellationToken ct) =>
        TypedResults.File(await s.ExportAsync(http.User.ToActor(), f, ct), Kexie.Web.Features.Directory.DirectoryEndpoints.ExcelContentType, "科技志愿者.xlsx");

    public static async Task<FileContentHttpResult> DownloadServiceRecord(HttpContext http, VolunteerService s, Guid id, CancellationToken ct)
    {
        var (content, fileName) = await s.ServiceRecordAsync(http.User.ToActor(), id, ct);
        return TypedResults.File(content, VolunteerServiceRecord.ContentType, fileName);
    }

    public static async Task<Ok<VolunteerDto>> GetVolunteer(HttpContext http, VolunteerService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(http.User.ToActor(), id, ct));

    public static async Task<Created<VolunteerDto>> RegisterVolunteer(HttpContext http, VolunteerService s, VolunteerRequest body, CancellationToken ct)
    {
        var created = await s.RegisterAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/volunteers/{created.Id}", created);
    }

    public static async Task<Created<VolunteerDto>> RegisterSelf(HttpContext http, VolunteerService s, SelfVolunteerRequest body, CancellationToken ct)
    {
        var created = await s.RegisterSelfAsync(http.User.ToActor(), body, ct);
        return TypedResults.Created($"/api/v1/volunteers/{created.Id}", created);
    }

    public static async Task<Ok<IReadOnlyList<ServiceRecordDto>>> ListServiceRecords(HttpContext http, VolunteerService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.ActivityRecordsAsync(http.User.ToActor(), id, ct));

    public static async Task<Created<ServiceRecordDto>> SignIn(HttpContext http, VolunteerService s, Guid id, ServiceSignInRequest? body, CancellationToken ct)
    {
        var created = await s.SignInAsync(http.User.ToActor(), id, body ?? new ServiceSignInRequest(), ct);
        return TypedResults.Created($"/api/v1/popularization-activities/{id}/service-records", created);
    }

    public static async Task<Ok<ServiceRecordDto>> SignOut(HttpContext http, VolunteerService s, Guid id, Guid recordId, CancellationToken ct) =>
        TypedResults.Ok(await s.SignOutAsync(http.User.ToActor(), id, recordId, ct));

    public static async Task<Ok<ServiceRecordDto>> ConfirmService(HttpContext http, VolunteerService s, Guid id, Guid recordId, ServiceConfirmRequest? body, CancellationToken ct) =>
        TypedResults.Ok(await s.ConfirmAsync(http.User.ToActor(), id, recordId, body, MarketSupport.ExpectedVersion(http), ct));

    public static async Task<Ok<ServiceRecordDto>> RejectService(HttpContext http, VolunteerService s, Guid id, Guid recordId, ReasonRequest? r, CancellationToken ct) =>
        TypedResults.Ok(await s.RejectAsync(http.User.ToActor(), id, recordId, r?.Reason, MarketSupport.ExpectedVersion(http), ct));
}
