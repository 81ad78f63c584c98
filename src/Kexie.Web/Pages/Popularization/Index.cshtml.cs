using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization;

/// <summary>科普资源库: published articles, videos and rumour rebuttals; managers also see their region's drafts.</summary>
public sealed class IndexModel(ScienceContentService contents, KexieDbContext db, RecommendationService recommendations) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public PagedResult<ScienceContentSummaryDto> Result { get; private set; } = new([], 0, 1, 20);

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public string? FilterError { get; private set; }

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Popularization", new Dictionary<string, string?> { ["q"] = Q, ["region"] = Region, ["kind"] = Kind, ["status"] = Status });

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
            ScienceContentKind? kind = string.IsNullOrEmpty(Kind) ? null : ParseEnum<ScienceContentKind>(Kind, "kind", "内容类型");
            ReviewStatus? status = string.IsNullOrEmpty(Status) ? null : ParseEnum<ReviewStatus>(Status, "status", "状态");
            Result = await contents.ListAsync(Actor, new ScienceContentFilter(Q, Region, kind, status, PageNumber, 20), ct);
        }
        catch (DomainValidationException e)
        {
            FilterError = e.Message;
        }

        RegionNames = await Lookups.RegionNamesAsync(db, Result.Items.Select(i => i.RegionCode), ct);
    }
}
