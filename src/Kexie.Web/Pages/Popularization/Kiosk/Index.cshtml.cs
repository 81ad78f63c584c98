using Kexie.Domain.Common;
using Kexie.Web.Features.Popularization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Kiosk;

/// <summary>
/// The kiosk of a 科普e站 (full screen, touch): opened by a device with its token, no account. Shows the station's
/// subscribed topics' published content and its own posts; a visitor opens an item, likes it or asks a question; the
/// page sends heartbeats (kiosk.js) so the station is not flagged offline.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(KioskService kiosks) : KexiePageModel
{
    public KioskDto Kiosk { get; private set; } = null!;

    public string Token { get; private set; } = string.Empty;

    public string? AskError { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        Token = token;
        Kiosk = await kiosks.KioskAsync(token, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.UseEStations))]
    public async Task<IActionResult> OnPostAskAsync(string token, string? text, CancellationToken ct)
    {
        Token = token;
        try
        {
            var question = await kiosks.AskAsync(token, new KioskAskRequest(text), ct);
            Notice = $"问题已提交，工作人员答复后可在手机上打开 {Request.Scheme}://{Request.Host}{question.ThreadLink} 查看并追问。";
            return Redirect($"/Popularization/Kiosk/{token}");
        }
        catch (DomainValidationException e)
        {
            AskError = e.Message;
        }

        Kiosk = await kiosks.KioskAsync(token, ct);
        return Page();
    }
}
