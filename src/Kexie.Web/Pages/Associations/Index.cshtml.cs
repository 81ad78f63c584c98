using Kexie.Data;
using Kexie.Domain.Directory;
using Kexie.Web.Features.Directory;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Associations;

public sealed class IndexModel(AssociationService associations, KexieDbContext db) : KexiePageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNumber { get; set; }

    public PagedResult<AssociationDto> Result { get; private set; } = new([], 0, 1, 20);

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public List<CodeName> RegionOptions { get; private set; } = [];

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Associations", new Dictionary<string, string?> { ["q"] = Q, ["region"] = Region, ["kind"] = Kind });

    public async Task OnGetAsync(CancellationToken ct)
    {
        AssociationKind? kind = Enum.TryParse<AssociationKind>(Kind, true, out var k) && Enum.IsDefined(k) ? k : null;
        Kind = kind?.ToString();
        Result = await associations.ListAsync(Q, Region, kind, PageNumber, 20, ct);
        RegionNames = await Lookups.RegionNamesAsync(db, Result.Items.Select(a => a.RegionCode).Append(Region?.Trim() ?? string.Empty), ct);
        RegionOptions = await Lookups.RegionOptionsAsync(db, Lookups.RootFor(Actor), ct);
    }
}
