using Kexie.Data;
using Kexie.Domain.Market;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Market.Needs;

/// <summary>An anonymous visitor's page is kept per node under the stamp of the region it shows (<see cref="PublicMarketCache"/>).</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublicMarketCache.Name)]
public sealed class IndexModel(NeedService needs, KexieDbContext db) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Discipline { get; set; }
    [BindProperty(SupportsGet = true)] public string? Industry { get; set; }
    [BindProperty(SupportsGet = true)] public string? BudgetMin { get; set; }
    [BindProperty(SupportsGet = true)] public string? BudgetMax { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }

    /// <summary>“本单位需求”: the signed-in organization's needs in every status.</summary>
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    /// <summary>The cursor of “下一页” (the previous page's last row); the page number then only labels the page.</summary>
    [BindProperty(SupportsGet = true)] public string? After { get; set; }

    /// <summary>The cursor of “上一页” (this page's first row): the page before it is read backwards from there.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    /// <summary>“翻页位置已失效，已回到第一页” when the cursor in the address led nowhere and the first page is shown.</summary>
    public string? CursorNotice { get; private set; }

    public PagedResult<NeedSummaryDto> Result { get; private set; } = new([], 0, 1, 20);

    public string? FilterError { get; private set; }

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public Dictionary<Guid, string> OrganizationNames { get; private set; } = [];

    public List<CodeName> RegionOptions { get; private set; } = [];

    public List<CodeName> DisciplineOptions { get; private set; } = [];

    public List<CodeName> IndustryOptions { get; private set; } = [];

    public PagerModel Pager => PagerModel.Of(Result, "/Market/Needs", new Dictionary<string, string?>
    {
        ["q"] = Q, ["region"] = Region, ["discipline"] = Discipline, ["industry"] = Industry, ["budgetMin"] = BudgetMin,
        ["budgetMax"] = BudgetMax, ["status"] = Status, ["sort"] = Sort, ["mine"] = Mine ? "true" : null,
    });

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            ReviewStatus? status = Enum.TryParse<ReviewStatus>(Status, true, out var s) && Enum.IsDefined(s) ? s : null;
            var organization = Mine ? Actor.OrganizationId ?? Guid.Empty : (Guid?)null;
            (Result, CursorNotice) = await PagerModel.ByCursorOrFirstPageAsync(After ?? Before, byCursor => needs.ListAsync(Actor, new NeedFilter(
                Q, Region, Discipline, Industry, ParseYuan(BudgetMin, "budgetMin", "预算下限"), ParseYuan(BudgetMax, "budgetMax", "预算上限"),
                Mine || Can(Kexie.Web.Features.Market.MarketPermissions.Oversee) ? status : ReviewStatus.Published, organization, Sort: Sort, Page: byCursor ? PageNumber : 1, PageSize: 20, After: byCursor ? After : null, Before: byCursor ? Before : null), ct));
        }
        catch (Kexie.Domain.Common.DomainValidationException e)
        {
            FilterError = e.Message;
        }

        RegionNames = await Lookups.RegionNamesAsync(db, Result.Items.Select(o => o.RegionCode).Append(Region?.Trim() ?? string.Empty), ct);
        OrganizationNames = await MarketText.OrganizationNamesAsync(db, Result.Items.Select(n => n.OrganizationId), ct);
        RegionOptions = await Lookups.RegionOptionsAsync(db, Lookups.RootFor(Actor), ct);
        DisciplineOptions = await Lookups.DisciplinesAsync(db, 1, ct);
        IndustryOptions = (await Lookups.IndustriesAsync(db, ct)).Where(i => i.Code.Length <= 2).ToList();
    }
}
