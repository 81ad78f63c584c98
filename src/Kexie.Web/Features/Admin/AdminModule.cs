using Kexie.Domain.Authorization;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.Admin;

/// <summary>Accounts, the audit trail, the permission catalogue, the login and operation logs.</summary>
public sealed class AdminModule : IFeatureModule
{
    public IReadOnlyList<Permission> Permissions => AdminPermissions.All;

    public IReadOnlyList<NavEntry> Navigation => [new("系统管理", "/Admin/Users", 130, AdminPermissions.ManageUsers, Active: "/Admin")];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddKexieSecurityLogs();
        services.AddScoped<UserAdminService>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<AuditPresenter>();
    }

    public void MapEndpoints(RouteGroupBuilder api) => api.MapAdmin();
}
