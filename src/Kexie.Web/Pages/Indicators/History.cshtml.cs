using Kexie.Web.Features.Indicators.Report;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Indicators;

/// <summary>近五年主要统计: a region's headline statistics year by year, side by side, exportable to Excel.</summary>
[Authorize]
public sealed class HistoryModel(ReportHistoryService history) : KexiePageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    public ReportHistoryDto? History { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Actor.IsRegionManager)
        {
            return ForbiddenPage("只有科协管理员和服务中心工作人员可以查看历年统计");
        }

        History = await history.HistoryAsync(Actor, Region, null, ct);
        return Page();
    }
}
