using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;

namespace Kexie.Web.Features.Admin;

/// <summary>Accounts and the audit trail.</summary>
public static class AdminPermissions
{
    public static readonly Permission ManageUsers = new("admin.users.manage", "管理账号", "系统管理", PermissionScope.Region, Permission.Admins);

    public static readonly Permission ReadLogs = new("admin.logs.read", "查看本地区的审计日志、登录日志和操作日志", "系统管理", PermissionScope.Region, [.. Permission.Admins, UserRole.Auditor]);

    public static readonly IReadOnlyList<Permission> All = [ManageUsers, ReadLogs];
}
