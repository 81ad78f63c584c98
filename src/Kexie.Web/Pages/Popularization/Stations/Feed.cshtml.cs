using Kexie.Web.Features.Popularization;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Stations;

/// <summary>A subscriber's own page (their link, no account): the published content on their topics; change topics or cancel.</summary>
public sealed class FeedModel(EStationInteractionService interaction) : MarketPageModel
{
    public FeedDto Feed { get; private set; } = null!;

    public string Key { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct)
    {
        Key = key;
        Feed = await interaction.FeedAsync(key, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.UseEStations))]
    public async Task<IActionResult> OnPostTopicsAsync(string key, List<string>? tags, CancellationToken ct)
    {
        await interaction.ChangeTopicsAsync(key, tags, ct);
        return BackWithNotice("已更新订阅主题");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.UseEStations))]
    public async Task<IActionResult> OnPostCancelAsync(string key, CancellationToken ct)
    {
        await interaction.CancelSubscriptionAsync(key, ct);
        return BackWithNotice("已取消订阅");
    }
}
