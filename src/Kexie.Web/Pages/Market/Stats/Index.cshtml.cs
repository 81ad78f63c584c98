using Kexie.Domain.Common;
using Kexie.Web.Features.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Market.Stats;

/// <summary>统计: the market counters of a region subtree for a period (China dates, both inclusive).</summary>
public sealed class IndexModel(MarketStatsService stats) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public MarketStatsDto? Stats { get; private set; }

    public string? FilterError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Region ??= Lookups.RootFor(Actor) is { Length: > 0 } root ? root : null;
        try
        {
            Stats = await stats.GetAsync(Region, ParseDate(From, "from", "开始日期"), ParseDate(To, "to", "结束日期"), ct);
        }
        catch (DomainValidationException e)
        {
            FilterError = e.Message;
        }
    }
}
