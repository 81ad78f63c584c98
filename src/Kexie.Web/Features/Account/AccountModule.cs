using Kexie.Domain.Authorization;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.Account;

/// <summary>Sign-in (cookie and bearer tokens), lockout and rate limits.</summary>
public sealed class AccountModule : IFeatureModule
{
    public IReadOnlyList<Permission> Permissions => AccountPermissions.All;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<SignInService>();
        services.AddSingleton<LoginThrottle>();
        services.AddKexieRateLimits(configuration);
    }

    public void MapEndpoints(RouteGroupBuilder api) => api.MapAuth();
}
