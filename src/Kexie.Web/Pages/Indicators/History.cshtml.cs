using Kexie.Web.Features.Indicators.Report;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Indicators;

/// <summary>近五年主要统计: a region's headline statistics year by year, side by side, exportable to Excel.</summary>
[Authorize]
public sealed class HistoryModel(ReportHistoryService history, Kexie.Data.KexieDbContext db) : KexiePageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    /// <summary>The regions the reader may pick (their own and those below, as on the dashboard).</summary>
    public List<CodeName> RegionOptions { get; private set; } = [];

    /// <summary>The region asked for, else the reader's own, else (a country-wide account) the first region offered.</summary>
    private async Task ChooseRegionAsync(CancellationToken ct)
    {
        RegionOptions = await Lookups.RegionOptionsAsync(db, Lookups.RootFor(Actor), ct);
        if (string.IsNullOrWhiteSpace(Region))
        {
            Region = Actor.RegionCode.Length > 0 ? Actor.RegionCode : RegionOptions.FirstOrDefault()?.Code;
        }
    }

    public ReportHistoryDto? History { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Can(Kexie.Web.Features.Indicators.IndicatorPermissions.ViewDashboards))
        {
            return ForbiddenPage("只有科协管理员和服务中心工作人员可以查看历年统计");
        }

        await ChooseRegionAsync(ct);
        History = await history.HistoryAsync(Actor, Region, null, ct);
        return Page();
    }
}
