using Kexie.Domain.Market;
using Kexie.Web.Features.Notifications;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Notifications;

/// <summary>通知设置: per kind, e-mail and text message (in-app is always on); the daily digest for staff and admins.</summary>
[Authorize]
public sealed class SettingsModel(NotificationPreferences preferences) : KexiePageModel
{
    public NotificationSettingsDto Settings { get; private set; } = new([], false, false, false, false);

    public async Task OnGetAsync(CancellationToken ct) => Settings = await preferences.GetAsync(Actor, ct);

    [RequiresPermission(typeof(NotificationPermissions), nameof(NotificationPermissions.EditSettings))]
    public async Task<IActionResult> OnPostAsync([FromForm] List<NotificationKind> email, [FromForm] List<NotificationKind> text, [FromForm] bool dailyDigest, CancellationToken ct)
    {
        await preferences.SaveAsync(Actor, new NotificationSettingsRequest(email, text, dailyDigest), ct);
        TempData["Notice"] = "通知设置已保存";
        return RedirectToPage();
    }
}
