using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;

namespace Kexie.Web.Features.Account;

/// <summary>Signing in and out.</summary>
public static class AccountPermissions
{
    public static readonly Permission SignIn = new("account.signin", "登录和退出", "账号", PermissionScope.Anyone, Permission.Everyone);

    public static readonly Permission RevokeOwnTokens = new("account.tokens.revoke", "注销本人的全部登录凭据", "账号", PermissionScope.SignedIn, Permission.Everyone);

    public static readonly IReadOnlyList<Permission> All = [SignIn, RevokeOwnTokens];
}
