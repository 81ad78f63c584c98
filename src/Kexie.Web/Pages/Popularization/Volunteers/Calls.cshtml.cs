using Kexie.Domain.Common;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Volunteers;

/// <summary>志愿者招募: the open calls of a region (public), each to its activity's page where a volunteer applies; the year's recruitment figures.</summary>
public sealed class CallsModel(VolunteerRecruitmentService recruitment) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public PagedResult<VolunteerCallDto>? List { get; private set; }
    public RecruitmentStatisticsDto? Stats { get; private set; }
    public string? FilterError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            List = await recruitment.OpenCallsAsync(Actor, new VolunteerCallFilter(Region, PageNumber), ct);
            var region = string.IsNullOrWhiteSpace(Region) ? Kexie.Domain.Regions.RegionCode.CountyOf(Actor.RegionCode) : Region;
            if (region is { Length: >= 2 })
            {
                Stats = await recruitment.StatisticsAsync(region, Year, ct);
            }
        }
        catch (DomainValidationException e)
        {
            FilterError = e.Message;
        }
    }
}
