using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;

namespace Kexie.Web.Features.Dictionaries;

/// <summary>The code lists (数据字典): everyone reads them; the platform admin extends them.</summary>
public static class DictionaryPermissions
{
    public static readonly Permission Manage = new("dictionaries.manage", "维护数据字典", "数据字典", PermissionScope.Platform, [UserRole.PlatformAdmin]);

    public static readonly IReadOnlyList<Permission> All = [Manage];
}
