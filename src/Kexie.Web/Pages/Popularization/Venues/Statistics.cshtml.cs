using Kexie.Domain.Common;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Venues;

/// <summary>科普阵地统计: counts by kind and level and the year's visitors of a region subtree, with the report's sentence.</summary>
public sealed class StatisticsModel(VenueService venues) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public VenueStatisticsDto? Stats { get; private set; }

    public string? FilterError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Region ??= HomeRegion;
        Year ??= DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).Year;
        try
        {
            Stats = await venues.StatisticsAsync(Region, Year, null, ct);
        }
        catch (DomainValidationException e)
        {
            FilterError = e.Message;
        }
    }
}
