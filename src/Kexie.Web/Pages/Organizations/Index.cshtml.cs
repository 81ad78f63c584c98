using Kexie.Data;
using Kexie.Domain.Directory;
using Kexie.Web.Features.Directory;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Organizations;

public sealed class IndexModel(OrganizationService organizations, KexieDbContext db) : KexiePageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Industry { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Verified { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNumber { get; set; }

    /// <summary>The cursor of “下一页” (the previous page's last row); the page number then only labels the page.</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    /// <summary>The cursor of “上一页” (this page's first row): the page before it is read backwards from there.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    /// <summary>“翻页位置已失效，已回到第一页” when the cursor in the address led nowhere and the first page is shown.</summary>
    public string? CursorNotice { get; private set; }

    public PagedResult<OrganizationDto> Result { get; private set; } = new([], 0, 1, 20);

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public List<CodeName> RegionOptions { get; private set; } = [];

    public PagerModel Pager => PagerModel.Of(Result, "/Organizations", Query());

    public string ExportUrl
    {
        get
        {
            var query = new QueryBuilder();
            foreach (var (key, value) in Query())
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    query.Add(key, value.Trim());
                }
            }

            return "/api/v1/organizations/export.xlsx" + query.ToQueryString().Value;
        }
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        OrganizationKind? kind = Enum.TryParse<OrganizationKind>(Kind, true, out var k) && Enum.IsDefined(k) ? k : null;
        Kind = kind?.ToString();
        bool? verified = Verified switch { "true" => true, "false" => false, _ => null };
        Verified = verified?.ToString().ToLowerInvariant();
        (Result, CursorNotice) = await PagerModel.ByCursorOrFirstPageAsync(After ?? Before, byCursor => organizations.ListAsync(Actor, new OrganizationFilter(Q, Region, kind, Industry, verified, byCursor ? PageNumber : 1, 20, byCursor ? After : null, byCursor ? Before : null), ct));
        RegionNames = await Lookups.RegionNamesAsync(db, Result.Items.Select(o => o.RegionCode).Append(Region?.Trim() ?? string.Empty), ct);
        RegionOptions = await Lookups.RegionOptionsAsync(db, Lookups.RootFor(Actor), ct);
    }

    private Dictionary<string, string?> Query() => new()
    {
        ["q"] = Q,
        ["region"] = Region,
        ["kind"] = Kind,
        ["industry"] = Industry,
        ["verified"] = Verified,
    };
}
