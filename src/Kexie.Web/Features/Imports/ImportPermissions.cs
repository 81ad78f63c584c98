using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;

namespace Kexie.Web.Features.Imports;

/// <summary>Batch imports of the directory.</summary>
public static class ImportPermissions
{
    public static readonly Permission Run = new("imports.run", "批量导入名录", "批量导入", PermissionScope.Region, Permission.Admins);

    public static readonly IReadOnlyList<Permission> All = [Run];
}
