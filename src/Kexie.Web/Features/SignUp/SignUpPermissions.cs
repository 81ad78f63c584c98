using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;

namespace Kexie.Web.Features.SignUp;

/// <summary>Registering, codes, password reset and invitations. Reviewing organizations uses the directory's review permission.</summary>
public static class SignUpPermissions
{
    public const string Feature = "账号";

    public static readonly Permission Register = new("account.register", "注册账号、获取短信验证码、找回密码", Feature, PermissionScope.Anyone, Permission.Everyone);

    public static readonly Permission InviteColleagues = new("account.invitations.manage", "邀请本单位同事注册（单位管理员）", Feature, PermissionScope.SignedIn, [UserRole.OrganizationMember]);

    public static readonly IReadOnlyList<Permission> All = [Register, InviteColleagues];
}
