using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Market;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Market.Fairs;

/// <summary>科创会: the always-open fairs; an association admin opens one for the region.</summary>
public sealed class IndexModel(FairService fairs, KexieDbContext db) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? RegionCode { get; set; }

    public PagedResult<FairDto> Result { get; private set; } = new([], 0, 1, 20);

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public string? FilterError { get; private set; }

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Market/Fairs", new Dictionary<string, string?> { ["region"] = Region });

    public async Task OnGetAsync(CancellationToken ct)
    {
        RegionCode ??= Can(Kexie.Web.Features.Market.MarketPermissions.ManageFairs) && Actor.ManagedScope is { Length: > 0 } scope ? scope : null;
        await LoadAsync(ct);
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.ManageFairs))]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var fair = await fairs.OpenAsync(Actor, new FairRequest(Name, RichTextForm.FromEditor(Description), RegionCode, null), ct);
            Notice = $"已开设科创会“{fair.Name}”";
            return Redirect($"/Market/Fairs/Details/{fair.Id}");
        }
        catch (DomainValidationException e)
        {
            ModelState.AddModelError(e.Field switch { "name" => "Name", "description" => "Description", "regionCode" => "RegionCode", _ => string.Empty }, e.Message);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        try
        {
            Result = await fairs.ListAsync(Region, null, PageNumber, 20, ct);
        }
        catch (DomainValidationException e)
        {
            FilterError = e.Message;
        }

        RegionNames = await Lookups.RegionNamesAsync(db, Result.Items.Select(f => f.RegionCode), ct);
    }
}
