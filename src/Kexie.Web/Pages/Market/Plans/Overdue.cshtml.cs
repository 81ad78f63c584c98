using Kexie.Web.Features.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Market.Plans;

[Authorize]
public sealed class OverdueModel(ResponsePlanService plans) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    public OverdueReportDto? Report { get; private set; }

    public string? FilterError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            Report = await plans.OverdueAsync(Actor, Region, ct);
        }
        catch (Kexie.Domain.Common.DomainValidationException e)
        {
            FilterError = e.Message;
        }

        return Page();
    }
}
