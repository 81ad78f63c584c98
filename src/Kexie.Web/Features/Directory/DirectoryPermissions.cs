using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;

namespace Kexie.Web.Features.Directory;

/// <summary>The region's directory: science workers, organizations, associations, service agencies.</summary>
public static class DirectoryPermissions
{
    private const string Feature = "名录管理";

    public static readonly Permission EditWorkers = new("directory.workers.edit", "登记和修改科技工作者", Feature, PermissionScope.SignedIn, [.. Permission.Managers, UserRole.ScienceWorker]);
    public static readonly Permission DeleteWorkers = new("directory.workers.delete", "删除科技工作者", Feature, PermissionScope.Region, Permission.Admins);
    public static readonly Permission EditOrganizations = new("directory.organizations.edit", "登记和修改单位", Feature, PermissionScope.SignedIn, [.. Permission.Managers, UserRole.OrganizationMember]);
    public static readonly Permission ReviewOrganizations = new("directory.organizations.review", "审核和删除单位", Feature, PermissionScope.Region, Permission.Admins);
    public static readonly Permission ManageAssociations = new("directory.associations.manage", "管理学会协会及会员", Feature, PermissionScope.Region, Permission.Admins);
    public static readonly Permission ManageAgencies = new("directory.agencies.manage", "管理第三方服务机构", Feature, PermissionScope.Region, Permission.Admins);

    /// <summary>Registering other people and organizations of the region (the person or organization edits only itself).</summary>
    public static readonly Permission RegisterOthers = new("directory.register", "登记本地区的科技工作者和单位、查看未公开和待审核的名录", Feature, PermissionScope.Region, Permission.Managers);

    public static readonly IReadOnlyList<Permission> All = [RegisterOthers, EditWorkers, DeleteWorkers, EditOrganizations, ReviewOrganizations, ManageAssociations, ManageAgencies];
}
