using Kexie.Domain.Authorization;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.Directory;

/// <summary>The directory: science workers, organizations, associations, service agencies; the party resolver every write uses.</summary>
public sealed class DirectoryModule : IFeatureModule
{
    public IReadOnlyList<Permission> Permissions => DirectoryPermissions.All;

    public IReadOnlyList<NavEntry> Navigation =>
    [
        new("科技工作者", "/Workers", 20),
        new("企事业单位", "/Organizations", 30),
        new("科协组织", "/Associations", 40),
        new("服务机构", "/Agencies", 50),
    ];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Parties>();
        services.AddScoped<ScienceWorkerService>();
        services.AddScoped<OrganizationService>();
        services.AddScoped<AssociationService>();
        services.AddScoped<ServiceAgencyService>();
    }

    public void MapEndpoints(RouteGroupBuilder api) => api.MapDirectory();
}
