using Kexie.Domain.Authorization;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.Indicators;

/// <summary>Indicators (精准绩效管理): values, rankings, trace, weights, linkage tasks, the annual report, the refresh queue.</summary>
public sealed class IndicatorsModule : IFeatureModule
{
    public IReadOnlyList<Permission> Permissions => IndicatorPermissions.All;

    public IReadOnlyList<NavEntry> Navigation => [new("绩效排名", "/Indicators", 110, Id: "nav-indicators", Permission: IndicatorPermissions.ViewDashboards)];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Kexie.Data.Indicators.IndicatorRefresher>();
        services.AddScoped<Kexie.Data.Indicators.IndicatorEngine>();
        services.AddScoped<IndicatorService>();
        services.AddSingleton<RankingCache>();
        services.AddSingleton<IndicatorFreshness>();
        services.AddSingleton<IndicatorRefreshQueue>();
        services.AddHostedService<IndicatorRefreshWorker>();
        services.AddScoped<LinkageService>();
        services.AddScoped<AnnualReportService>();
        services.AddScoped<Report.ReportTemplateService>();
        services.AddScoped<Report.ReportHistoryService>();
        services.AddScoped<ReportStatistics>();
        services.AddScoped<Report.IReportStatisticSource, Report.ResourceReportSource>();
        services.AddScoped<Report.IReportStatisticSource, Report.LinkageReportSource>();
    }

    public void MapEndpoints(RouteGroupBuilder api) => api.MapIndicators();
}
