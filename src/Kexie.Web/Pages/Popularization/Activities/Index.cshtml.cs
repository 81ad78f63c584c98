using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Activities;

/// <summary>科普活动: the public calendar of activities with registration and check-in counts.</summary>
public sealed class IndexModel(ActivityService activities, KexieDbContext db, RecommendationService recommendations) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public PagedResult<ActivityDto> Result { get; private set; } = new([], 0, 1, 20);

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public string? FilterError { get; private set; }

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Popularization/Activities", new Dictionary<string, string?> { ["q"] = Q, ["region"] = Region, ["kind"] = Kind });

    /// <summary>为你推荐 for a signed-in user (first page, no filter).</summary>
    public RecommendationsDto? Recommended { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Actor.IsAuthenticated && PageNumber is null or 1 && string.IsNullOrEmpty(Q))
        {
            Recommended = await recommendations.ForAsync(Actor, ct);
        }

        try
        {
            ActivityKind? kind = string.IsNullOrEmpty(Kind) ? null : ParseEnum<ActivityKind>(Kind, "kind", "活动类型");
            Result = await activities.ListAsync(new ActivityFilter(Q, Region, kind, null, null, null, PageNumber, 20), ct);
        }
        catch (DomainValidationException e)
        {
            FilterError = e.Message;
        }

        RegionNames = await Lookups.RegionNamesAsync(db, Result.Items.Select(i => i.RegionCode), ct);
    }
}
