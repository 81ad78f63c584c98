using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Stations;

/// <summary>科普e站: stations with their accumulated visits and interactions.</summary>
public sealed class IndexModel(EStationService stations, KexieDbContext db) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? SiteKind { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public PagedResult<EStationDto> Result { get; private set; } = new([], 0, 1, 20);

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public string? FilterError { get; private set; }

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Popularization/Stations", new Dictionary<string, string?> { ["q"] = Q, ["region"] = Region, ["siteKind"] = SiteKind });

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            EStationSiteKind? kind = string.IsNullOrEmpty(SiteKind) ? null : ParseEnum<EStationSiteKind>(SiteKind, "siteKind", "站点类型");
            Result = await stations.ListAsync(Actor, new EStationFilter(Q, Region, kind, null, PageNumber, 20), ct);
        }
        catch (DomainValidationException e)
        {
            FilterError = e.Message;
        }

        RegionNames = await Lookups.RegionNamesAsync(db, Result.Items.Select(i => i.RegionCode), ct);
    }
}
