using Kexie.Domain.Authorization;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.Dictionaries;

/// <summary>The code lists 学历, 政治面貌, 职称 with their synonyms.</summary>
public sealed class DictionariesModule : IFeatureModule
{
    public IReadOnlyList<Permission> Permissions => DictionaryPermissions.All;

    public void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddScoped<DictionaryService>();

    public void MapEndpoints(RouteGroupBuilder api) => api.MapDictionaries();
}
