using Kexie.Domain.Authorization;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kexie.Web.Features.Workbench;

/// <summary>我的工作台: what waits for the signed-in user (read-only; it lists only what the caller may act on).</summary>
public sealed class WorkbenchModule : IFeatureModule
{
    public IReadOnlyList<Permission> Permissions => [];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SiteOptions>(configuration.GetSection("Site"));
        services.AddScoped<WorkbenchService>();
        services.AddSingleton<FrontPageCache>();
    }

    public void MapEndpoints(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/workbench").WithTags("我的工作台").RequireAuthorization();
        g.MapGet("/", GetWorkbench)
            .WithSummary("我的待办：待审核、一单一策、订单、联动任务、近期活动（截止时间近的在前，北京时间）；审计员另有审计关注事项和本地区近期变更（新的在前）");
        g.MapGet("/counts", GetCounts)
            .WithSummary("各类待办的数量（导航栏角标）");
    }

    public static async Task<Ok<WorkbenchDto>> GetWorkbench(HttpContext http, WorkbenchService s, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(http.User.ToActor(), ct));

    public static async Task<Ok<WorkbenchCounts>> GetCounts(HttpContext http, WorkbenchService s, CancellationToken ct) =>
        TypedResults.Ok(await s.CountAsync(http.User.ToActor(), ct));
}
