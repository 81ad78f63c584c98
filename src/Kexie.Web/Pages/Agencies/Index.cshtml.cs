using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Web.Features.Directory;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Agencies;

public sealed class IndexModel(ServiceAgencyService agencies, KexieDbContext db) : KexiePageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNumber { get; set; }

    public PagedResult<ServiceAgencyDto> Result { get; private set; } = new([], 0, 1, 20);

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Agencies", new Dictionary<string, string?> { ["q"] = Q, ["region"] = Region });

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await agencies.ListAsync(Actor, Q, Region, PageNumber, 20, ct);
        RegionNames = await Lookups.RegionNamesAsync(db, Result.Items.Select(a => a.RegionCode), ct);
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Directory.DirectoryPermissions), nameof(Kexie.Web.Features.Directory.DirectoryPermissions.ManageAgencies))]
    public Task<IActionResult> OnPostAdmitAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(async () => $"已同意“{(await agencies.AdmitAsync(Actor, id, ct)).Name}”入驻");

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Directory.DirectoryPermissions), nameof(Kexie.Web.Features.Directory.DirectoryPermissions.ManageAgencies))]
    public Task<IActionResult> OnPostSuspendAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(async () => $"已暂停“{(await agencies.SuspendAsync(Actor, id, ct)).Name}”");

    private async Task<IActionResult> ChangeAsync(Func<Task<string>> change)
    {
        try
        {
            Notice = await change();
        }
        catch (InvalidTransitionException e)
        {
            Alert = e.Message;
        }

        return RedirectToPage(new { q = Q, region = Region, p = PageNumber });
    }
}
