using Kexie.Domain.Common;
using Kexie.Web.Features.Talent;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Talent.Contests;

/// <summary>大赛统计: a region's works received, recommended upward and awarded in a year, with the report's sentence.</summary>
public sealed class StatisticsModel(ContestService contests) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public ContestStatisticsDto? Stats { get; private set; }

    public string? FilterError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Region ??= HomeRegion;
        Year ??= DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).Year;
        try
        {
            Stats = await contests.StatisticsAsync(Region, Year, ct);
        }
        catch (DomainValidationException e)
        {
            FilterError = e.Message;
        }
    }
}
