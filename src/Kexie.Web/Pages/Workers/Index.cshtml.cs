using Kexie.Data;
using Kexie.Domain.Directory;
using Kexie.Web.Features.Directory;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Workers;

public sealed class IndexModel(ScienceWorkerService workers, KexieDbContext db) : KexiePageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Discipline { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Gender { get; set; }

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

    public PagedResult<ScienceWorkerDto> Result { get; private set; } = new([], 0, 1, 20);

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public Dictionary<string, string> DisciplineNames { get; private set; } = [];

    public List<CodeName> RegionOptions { get; private set; } = [];

    public List<CodeName> DisciplineOptions { get; private set; } = [];

    public PagerModel Pager => PagerModel.Of(Result, "/Workers", Query());

    public string ExportUrl => "/api/v1/workers/export.xlsx" + ExportQuery();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Gender? gender = Enum.TryParse<Gender>(Gender, true, out var g) && g != Kexie.Domain.Directory.Gender.Unspecified ? g : null;
        Gender = gender?.ToString();
        (Result, CursorNotice) = await PagerModel.ByCursorOrFirstPageAsync(After ?? Before, byCursor => workers.ListAsync(Actor, new ScienceWorkerFilter(Q, Region, Discipline, gender, byCursor ? PageNumber : 1, 20, byCursor ? After : null, byCursor ? Before : null), ct));
        RegionNames = await Lookups.RegionNamesAsync(db, Result.Items.Select(w => w.RegionCode).Append(Region?.Trim() ?? string.Empty), ct);
        DisciplineNames = await Lookups.DisciplineNamesAsync(db, Result.Items.SelectMany(w => w.DisciplineCodes), ct);
        RegionOptions = await Lookups.RegionOptionsAsync(db, Lookups.RootFor(Actor), ct);
        DisciplineOptions = await Lookups.DisciplinesAsync(db, 1, ct);
    }

    private Dictionary<string, string?> Query() => new()
    {
        ["q"] = Q,
        ["region"] = Region,
        ["discipline"] = Discipline,
        ["gender"] = Gender,
    };

    private string ExportQuery()
    {
        var query = new QueryBuilder();
        foreach (var (key, value) in Query())
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add(key, value.Trim());
            }
        }

        return query.ToQueryString().Value ?? string.Empty;
    }
}
