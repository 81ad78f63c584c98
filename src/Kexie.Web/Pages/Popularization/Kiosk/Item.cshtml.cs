using Kexie.Web.Features.Popularization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Kiosk;

/// <summary>An item opened on the kiosk: each opening counts a view of the item and of the station's day; a visitor may like it.</summary>
[AllowAnonymous]
public sealed class ItemModel(KioskService kiosks) : KexiePageModel
{
    public KioskItemDetailDto Item { get; private set; } = null!;

    public string Token { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string token, string source, Guid id, CancellationToken ct)
    {
        Token = token;
        Item = await kiosks.OpenAsync(token, KioskSupport.Source(source), id, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.UseEStations))]
    public async Task<IActionResult> OnPostLikeAsync(string token, string source, Guid id, CancellationToken ct)
    {
        await kiosks.LikeAsync(token, KioskSupport.Source(source), id, ct);
        Notice = "感谢点赞！";
        return Redirect($"/Popularization/Kiosk/{token}");
    }
}
