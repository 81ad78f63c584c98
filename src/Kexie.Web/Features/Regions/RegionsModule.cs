using Kexie.Domain.Authorization;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.Regions;

/// <summary>The region tree and the code tables (read-only).</summary>
public sealed class RegionsModule : IFeatureModule
{
    public IReadOnlyList<Permission> Permissions => [];

    public IReadOnlyList<NavEntry> Navigation => [new("行政区划", "/Regions", 10)];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<RegionQueries>();
        services.AddSingleton<PinyinSource>();
        services.AddSingleton<LookupIndex>();
        services.AddSingleton<RegionOptionsCache>();
        services.AddHostedService<LookupWarmUp>();
    }

    public void MapEndpoints(RouteGroupBuilder api) => api.MapRegions();
}
