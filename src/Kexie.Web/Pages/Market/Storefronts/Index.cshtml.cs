using Kexie.Data;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Pages.Market.Storefronts;

/// <summary>科创工作室: the open storefronts (search by name, region), and a worker's own (open or closed).</summary>
public sealed class IndexModel(StorefrontService storefronts, KexieDbContext db) : MarketPageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? Region { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public PagedResult<StorefrontDto> Result { get; private set; } = new([], 0, 1, 20);

    public IReadOnlyList<StorefrontDto> Mine { get; private set; } = [];

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Market/Storefronts", new Dictionary<string, string?> { ["q"] = Q, ["region"] = Region });

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Result = await storefronts.ListAsync(Actor, Region, Q, null, PageNumber, 20, ct);
        }
        catch (Kexie.Domain.Common.DomainValidationException e)
        {
            ModelState.AddModelError("Region", e.Message);
        }

        if (Actor.ScienceWorkerId is { } me)
        {
            Mine = (await storefronts.ListAsync(Actor, null, null, me, 1, 50, ct)).Items;
        }

        RegionNames = await Lookups.RegionNamesAsync(db, Result.Items.Concat(Mine).Select(s => s.RegionCode).Distinct().ToList(), ct);
    }
}
