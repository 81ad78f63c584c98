using Kexie.Domain.Authorization;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.Directory;

/// <summary>The directory: science workers, organizations, associations, service agencies; the party resolver every write uses.</summary>
public sealed class DirectoryModule : IFeatureModule
{
    public IReadOnlyList<Permission> Permissions => DirectoryPermissions.All;

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
