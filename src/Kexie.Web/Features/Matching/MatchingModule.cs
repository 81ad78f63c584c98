using Kexie.Domain.Authorization;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.Matching;

/// <summary>The per-node match index, its outbox poller, candidates and recommendations.</summary>
public sealed class MatchingModule : IFeatureModule
{
    public IReadOnlyList<Permission> Permissions => MatchingPermissions.All;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MatchingOptions>(configuration.GetSection("Matching"));
        services.AddSingleton<MatchIndexHost>();
        services.AddHostedService<MatchIndexService>();
        services.AddHealthChecks().AddCheck<MatchIndexReadiness>("匹配索引", tags: [HealthEndpoints.ReadyTag]);
        services.AddScoped<MatchingService>();
        services.AddScoped<MatchResultFilter>();
        services.AddScoped<Kexie.Domain.Market.ICandidateSource, EngineCandidateSource>();
    }

    public void MapEndpoints(RouteGroupBuilder api) => api.MapMatching();
}
