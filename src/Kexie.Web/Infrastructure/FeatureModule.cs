using Kexie.Domain.Authorization;

namespace Kexie.Web.Infrastructure;

/// <summary>
/// A feature of the platform registers itself in one place: its permissions, its services and its /api/v1 endpoints
/// (in the manner of OrchardCore's modules). <see cref="WebSetup"/> only walks <see cref="FeatureModules.All"/>.
/// </summary>
public interface IFeatureModule
{
    /// <summary>What the feature lets people do, with the roles that hold it by default.</summary>
    IReadOnlyList<Permission> Permissions { get; }

    void AddServices(IServiceCollection services, IConfiguration configuration);

    void MapEndpoints(RouteGroupBuilder api);
}

/// <summary>The platform's features, in registration order (hosted services start in this order).</summary>
public static class FeatureModules
{
    public static readonly IReadOnlyList<IFeatureModule> All =
    [
        new Features.Account.AccountModule(),
        new Features.Regions.RegionsModule(),
        new Features.Directory.DirectoryModule(),
        new Features.Imports.ImportsModule(),
        new Features.Dictionaries.DictionariesModule(),
        new Features.Admin.AdminModule(),
        new Features.Matching.MatchingModule(),
        new Features.Market.MarketModule(),
        new Features.Popularization.PopularizationModule(),
        new Features.ThinkTank.ThinkTankModule(),
        new Features.Talent.TalentModule(),
        new Features.Indicators.IndicatorsModule(),
        new Features.Notifications.NotificationsModule(),
        new Features.SignUp.SignUpModule(),
        new Features.Workbench.WorkbenchModule(),
    ];
}
