using Kexie.Domain.Common;
using Kexie.Web.Features.Talent;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Talent.Contests;

/// <summary>青少年科技创新大赛: editions by region and year, with their works, recommendations and awards.</summary>
public sealed class IndexModel(ContestService contests) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public PagedResult<ContestDto> Result { get; private set; } = new([], 0, 1, 20);

    public string? FilterError { get; private set; }

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Talent/Contests", new Dictionary<string, string?> { ["q"] = Q, ["region"] = Region, ["year"] = Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Result = await contests.ListAsync(Region, Year, Q, PageNumber, 20, ct);
        }
        catch (DomainValidationException e)
        {
            FilterError = e.Message;
        }
    }
}
