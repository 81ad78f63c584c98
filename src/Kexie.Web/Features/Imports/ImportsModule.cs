using Kexie.Domain.Authorization;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.Imports;

/// <summary>Batch imports of the directory and the 专家库.</summary>
public sealed class ImportsModule : IFeatureModule
{
    public IReadOnlyList<Permission> Permissions => ImportPermissions.All;

    public IReadOnlyList<NavEntry> Navigation => [new("批量导入", "/Imports", 120, ImportPermissions.Run)];

    public void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddScoped<Kexie.Data.Exchange.DirectoryImporter>();

    public void MapEndpoints(RouteGroupBuilder api) => api.MapImports();
}
