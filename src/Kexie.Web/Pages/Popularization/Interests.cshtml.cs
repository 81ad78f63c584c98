using Kexie.Web.Features.Popularization;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization;

/// <summary>科普需求画像 for the region's staff: the topics its people subscribe to, read and ask about, by target group, and what is pushed to them.</summary>
[Authorize]
public sealed class InterestsModel(InterestProfileService profiles) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    public InterestProfileDto Profile { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Profile = await profiles.ProfileAsync(Actor, Region, ct);
        return Page();
    }
}
