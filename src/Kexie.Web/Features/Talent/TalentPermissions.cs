using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;

namespace Kexie.Web.Features.Talent;

/// <summary>Talent: the expert database (专家库).</summary>
public static class TalentPermissions
{
    public static readonly Permission ManageExperts = new("talent.experts.manage", "管理专家库", "人才", PermissionScope.Region, Permission.Admins);

    public static readonly IReadOnlyList<Permission> All = [ManageExperts];
}
