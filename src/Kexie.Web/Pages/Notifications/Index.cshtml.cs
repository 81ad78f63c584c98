using Kexie.Domain.Common;
using Kexie.Web.Features.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Notifications;

/// <summary>通知: the signed-in user's notifications, newest first; all or unread only; mark one or all read; open one.</summary>
[Authorize]
public sealed class IndexModel(NotificationService notifications) : KexiePageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public bool Unread { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNumber { get; set; }

    public NotificationPage Result { get; private set; } = new([], 0, 1, PageSize, 0);

    public int PageCount => Result.PageSize == 0 ? 0 : (Result.Total + Result.PageSize - 1) / Result.PageSize;

    public PagerModel Pager => new(Result.Page, PageCount, "/Notifications", new Dictionary<string, string?> { ["unread"] = Unread ? "true" : null });

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await notifications.ListAsync(Actor, Unread, null, PageNumber, PageSize, ct);
    }

    /// <summary>Marks the notification read and goes where it points (only within this site).</summary>
    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Notifications.NotificationPermissions), nameof(Kexie.Web.Features.Notifications.NotificationPermissions.ReadOwn))]
    public async Task<IActionResult> OnPostOpenAsync(Guid notificationId, CancellationToken ct)
    {
        var n = await notifications.MarkReadAsync(Actor, notificationId, ct);
        return n.Link is { Length: > 0 } link && Url.IsLocalUrl(link) ? LocalRedirect(link) : Back();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Notifications.NotificationPermissions), nameof(Kexie.Web.Features.Notifications.NotificationPermissions.ReadOwn))]
    public async Task<IActionResult> OnPostReadAsync(Guid notificationId, CancellationToken ct)
    {
        await notifications.MarkReadAsync(Actor, notificationId, ct);
        return Back();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Notifications.NotificationPermissions), nameof(Kexie.Web.Features.Notifications.NotificationPermissions.ReadOwn))]
    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var count = await notifications.MarkAllReadAsync(Actor, ct);
        Notice = count == 0 ? "没有未读通知" : $"已将 {count} 条通知标记为已读";
        return Back();
    }

    private RedirectResult Back() => Redirect(ThisPageUrl());
}
