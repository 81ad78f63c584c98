using Kexie.Domain.Authorization;

namespace Kexie.Web.Infrastructure;

/// <summary>
/// A feature of the platform registers itself in one place: its permissions, its services, its /api/v1 endpoints and its
/// menu entries (in the manner of OrchardCore's modules). <see cref="WebSetup"/> only walks <see cref="FeatureModules.All"/>.
/// </summary>
public interface IFeatureModule
{
    /// <summary>What the feature lets people do, with the roles that hold it by default.</summary>
    IReadOnlyList<Permission> Permissions { get; }

    void AddServices(IServiceCollection services, IConfiguration configuration);

    void MapEndpoints(RouteGroupBuilder api);

    /// <summary>
    /// The feature's entries in the site menu (<see cref="Navigation"/>): the layout shows those the user's permissions
    /// allow, so a grant or revocation in the settings changes the menu. None by default.
    /// </summary>
    IReadOnlyList<NavEntry> Navigation => [];
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
