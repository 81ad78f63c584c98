using Kexie.Domain.Authorization;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.SignUp;

/// <summary>Sign-up by phone code, password reset, organization review and invitations, account administration, the text-message outbox.</summary>
public sealed class SignUpModule : IFeatureModule
{
    public IReadOnlyList<Permission> Permissions => SignUpPermissions.All;

    public IReadOnlyList<NavEntry> Navigation => [new("邀请同事", "/Account/Invitations", 10, SignUpPermissions.InviteColleagues, NavGroup.User, When: a => a.OrganizationId is not null)];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<CodeThrottle>();
        services.AddScoped<PhoneCodes>();
        services.AddScoped<RegistrationService>();
        services.AddScoped<OrganizationReviews>();
        services.AddScoped<Invitations>();
        services.AddScoped<AccountAdministration>();
        services.AddScoped<TextMessageOutbox>();
    }

    public void MapEndpoints(RouteGroupBuilder api) => api.MapSignUp();
}
