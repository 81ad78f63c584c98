using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;

namespace Kexie.Web.Features.Admin;

/// <summary>Accounts and the audit trail.</summary>
public static class AdminPermissions
{
    public static readonly Permission ManageUsers = new("admin.users.manage", "管理账号", "系统管理", PermissionScope.Region, Permission.Admins);

    public static readonly Permission ReadLogs = new("admin.logs.read", "查看本地区的审计日志、登录日志和操作日志", "系统管理", PermissionScope.Region, [.. Permission.Admins, UserRole.Auditor]);

    /// <summary>
    /// 审计关注: the overseer's 我的工作台 lists the region's recent writes by kind and those that deserve an auditor's eye (read-only;
    /// its items link to the log pages, so it is offered only together with <see cref="ReadLogs"/>).
    /// </summary>
    public static readonly Permission Oversee = new("admin.oversight.watch", "在工作台查看本地区的近期变更和审计关注事项", "系统管理", PermissionScope.Region, [UserRole.Auditor]);

    public static readonly IReadOnlyList<Permission> All = [ManageUsers, ReadLogs, Oversee];
}
