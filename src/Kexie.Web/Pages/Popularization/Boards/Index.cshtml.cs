using Kexie.Domain.Common;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Boards;

/// <summary>科普宣传栏、宣传点: the list with filters, the year's statistics of the region chosen, export and import for its admins.</summary>
public sealed class IndexModel(ScienceBoardService boards) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public PagedResult<ScienceBoardDto> Result { get; private set; } = new([], 0, 1, 20);

    public ScienceBoardStatisticsDto? Statistics { get; private set; }

    public string? FilterError { get; private set; }

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Popularization/Boards", new Dictionary<string, string?> { ["q"] = Q, ["region"] = Region, ["kind"] = Kind, ["status"] = Status, ["year"] = Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            ScienceBoardKind? kind = string.IsNullOrEmpty(Kind) ? null : ParseEnum<ScienceBoardKind>(Kind, "kind", "类型");
            ScienceBoardStatus? status = string.IsNullOrEmpty(Status) ? null : ParseEnum<ScienceBoardStatus>(Status, "status", "状态");
            Region = string.IsNullOrWhiteSpace(Region) ? HomeRegion : Region.Trim();
            Result = await boards.ListAsync(Actor, new ScienceBoardFilter(Q, Region, kind, status, PageNumber, 20), ct);
            if (Region is { Length: > 0 })
            {
                Statistics = await boards.StatisticsAsync(Region, Year, ct);
                Year = Statistics.Year;
            }
        }
        catch (DomainValidationException e)
        {
            FilterError = e.Message;
        }
    }
}
