using Kexie.Domain.Authorization;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.ThinkTank;

/// <summary>Think tank (智库) calls and topics, proposals (建言献策).</summary>
public sealed class ThinkTankModule : IFeatureModule
{
    public IReadOnlyList<Permission> Permissions => ThinkTankPermissions.All;

    public IReadOnlyList<NavEntry> Navigation => [new("智库建言", "/ThinkTank", 100, Id: "nav-thinktank")];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ThinkTankService>();
        services.AddScoped<ProposalService>();
        services.AddScoped<ExpertReviewService>();
        services.AddScoped<ThinkTankStatistics>();
        services.AddScoped<Indicators.Report.IReportStatisticSource, ThinkTankReportSource>();
    }

    public void MapEndpoints(RouteGroupBuilder api) => ThinkTankEndpoints.MapThinkTank(api);
}
