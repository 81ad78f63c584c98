using Kexie.Domain.Common;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Talent;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Talent.Stations;

/// <summary>工作站与基地: 院士(专家)工作站、科技小院、专家服务团、产学研合作项目, with the region's year-end counts.</summary>
public sealed class IndexModel(WorkstationService stations) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public PagedResult<WorkstationDto> Result { get; private set; } = new([], 0, 1, 20);

    public WorkstationStatisticsDto? Stats { get; private set; }

    public string? FilterError { get; private set; }

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Talent/Stations", new Dictionary<string, string?> { ["q"] = Q, ["region"] = Region, ["kind"] = Kind });

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            WorkstationKind? kind = string.IsNullOrEmpty(Kind) ? null : ParseEnum<WorkstationKind>(Kind, "kind", "类型");
            Result = await stations.ListAsync(Actor, Region, kind, Q, PageNumber, 20, ct);
            Stats = await stations.StatisticsAsync(Region ?? HomeRegion, Year, ct);
        }
        catch (DomainValidationException e)
        {
            FilterError = e.Message;
        }
    }
}
