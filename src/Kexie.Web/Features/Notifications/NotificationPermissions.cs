using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;

namespace Kexie.Web.Features.Notifications;

/// <summary>One's own notifications.</summary>
public static class NotificationPermissions
{
    public static readonly Permission ReadOwn = new("notifications.read", "阅读本人的消息", "消息", PermissionScope.SignedIn, Permission.Everyone);

    public static readonly Permission EditSettings = new("notifications.settings", "设置本人的通知方式", "消息", PermissionScope.SignedIn, Permission.Everyone);

    /// <summary>Who gets the daily digest e-mail of their workbench (those whose work arrives on a workbench).</summary>
    public static readonly Permission ReceiveDigest = new("notifications.digest", "接收每日待办摘要邮件", "消息", PermissionScope.SignedIn, Permission.Managers);

    public static readonly IReadOnlyList<Permission> All = [ReadOwn, EditSettings, ReceiveDigest];
}
