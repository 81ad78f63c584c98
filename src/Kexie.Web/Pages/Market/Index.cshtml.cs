using Kexie.Web.Features.Market;

namespace Kexie.Web.Pages.Market;

/// <summary>科技市场: the counters of the viewer's region and the ways in, by role.</summary>
public sealed class IndexModel(MarketStatsService stats) : MarketPageModel
{
    public MarketStatsDto Stats { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var root = Lookups.RootFor(Actor);
        Stats = await stats.GetAsync(root.Length == 0 ? null : root, null, null, ct);
    }
}
