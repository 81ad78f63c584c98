using Kexie.Domain.Common;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Kexie.Web.Pages.Popularization.Venues;

/// <summary>科普阵地: bases and venues by kind and level, with what they received.</summary>
public sealed class IndexModel(VenueService venues) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public PagedResult<VenueDto> Result { get; private set; } = new([], 0, 1, 20);

    public string? FilterError { get; private set; }

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Popularization/Venues", new Dictionary<string, string?> { ["q"] = Q, ["region"] = Region, ["kind"] = Kind, ["level"] = Level });

    /// <summary>The export of what the list shows (same filter, every page).</summary>
    public string ExportUrl => QueryHelpers.AddQueryString("/api/v1/venues/export.xlsx",
        new Dictionary<string, string?> { ["q"] = Q, ["region"] = Region, ["kind"] = Kind, ["level"] = Level }.Where(p => !string.IsNullOrEmpty(p.Value)));

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            VenueKind? kind = string.IsNullOrEmpty(Kind) ? null : ParseEnum<VenueKind>(Kind, "kind", "阵地类型");
            VenueLevel? level = string.IsNullOrEmpty(Level) ? null : ParseEnum<VenueLevel>(Level, "level", "级别");
            Result = await venues.ListAsync(new VenueFilter(Q, Region, kind, level, null, PageNumber, 20), ct);
        }
        catch (DomainValidationException e)
        {
            FilterError = e.Message;
        }
    }
}
