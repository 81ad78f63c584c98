using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;

namespace Kexie.Web.Features.Account;

/// <summary>Signing in and out.</summary>
public static class AccountPermissions
{
    public static readonly Permission SignIn = new("account.signin", "登录和退出", "账号", PermissionScope.Anyone, Permission.Everyone);

    public static readonly IReadOnlyList<Permission> All = [SignIn];
}
