using Kexie.Data;
using Kexie.Domain.Market;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Market.Offers;

/// <summary>An anonymous visitor's page is kept per node under the stamp of the region it shows (<see cref="PublicMarketCache"/>).</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublicMarketCache.Name)]
public sealed class IndexModel(OfferService offers, KexieDbContext db) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Discipline { get; set; }
    [BindProperty(SupportsGet = true)] public string? Industry { get; set; }
    [BindProperty(SupportsGet = true)] public string? PriceMin { get; set; }
    [BindProperty(SupportsGet = true)] public string? PriceMax { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }

    /// <summary>“我的所能”: only the signed-in worker's own offers, in every status.</summary>
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    /// <summary>The cursor of “下一页” (the previous page's last row); the page number then only labels the page.</summary>
    [BindProperty(SupportsGet = true)] public string? After { get; set; }

    /// <summary>The cursor of “上一页” (this page's first row): the page before it is read backwards from there.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    /// <summary>“翻页位置已失效，已回到第一页” when the cursor in the address led nowhere and the first page is shown.</summary>
    public string? CursorNotice { get; private set; }

    public PagedResult<OfferSummaryDto> Result { get; private set; } = new([], 0, 1, 20);

    public string? FilterError { get; private set; }

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public Dictionary<Guid, string> ProviderNames { get; private set; } = [];

    public List<CodeName> RegionOptions { get; private set; } = [];

    public List<CodeName> DisciplineOptions { get; private set; } = [];

    public List<CodeName> IndustryOptions { get; private set; } = [];

    public PagerModel Pager => PagerModel.Of(Result, "/Market/Offers", new Dictionary<string, string?>
    {
        ["q"] = Q, ["region"] = Region, ["kind"] = Kind, ["discipline"] = Discipline, ["industry"] = Industry,
        ["priceMin"] = PriceMin, ["priceMax"] = PriceMax, ["status"] = Status, ["sort"] = Sort, ["mine"] = Mine ? "true" : null,
    });

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            OfferKind? kind = Enum.TryParse<OfferKind>(Kind, true, out var k) && Enum.IsDefined(k) ? k : null;
            ReviewStatus? status = Enum.TryParse<ReviewStatus>(Status, true, out var s) && Enum.IsDefined(s) ? s : null;
            var provider = Mine ? Actor.ScienceWorkerId ?? Guid.Empty : (Guid?)null;
            (Result, CursorNotice) = await PagerModel.ByCursorOrFirstPageAsync(After ?? Before, byCursor => offers.ListAsync(Actor, new OfferFilter(
                Q, Region, kind, Discipline, Industry, ParseYuan(PriceMin, "priceMin", "最低价格"), ParseYuan(PriceMax, "priceMax", "最高价格"),
                Mine || Can(Kexie.Web.Features.Market.MarketPermissions.Oversee) ? status : ReviewStatus.Published, provider, Sort: Sort, Page: byCursor ? PageNumber : 1, PageSize: 20, After: byCursor ? After : null, Before: byCursor ? Before : null), ct));
        }
        catch (Kexie.Domain.Common.DomainValidationException e)
        {
            FilterError = e.Message;
        }

        RegionNames = await Lookups.RegionNamesAsync(db, Result.Items.Select(o => o.RegionCode).Append(Region?.Trim() ?? string.Empty), ct);
        ProviderNames = await MarketText.WorkerNamesAsync(db, Result.Items.Select(o => o.ProviderWorkerId), Actor, ct: ct);
        RegionOptions = await Lookups.RegionOptionsAsync(db, Lookups.RootFor(Actor), ct);
        DisciplineOptions = await Lookups.DisciplinesAsync(db, 1, ct);
        IndustryOptions = (await Lookups.IndustriesAsync(db, ct)).Where(i => i.Code.Length <= 2).ToList();
    }
}
