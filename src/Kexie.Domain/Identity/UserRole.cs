namespace Kexie.Domain.Identity;

/// <summary>What a signed-in user is on the platform. Every role but the platform admin is tied to a region.</summary>
public enum UserRole
{
    /// <summary>平台管理员: runs the whole platform.</summary>
    PlatformAdmin = 1,

    /// <summary>科协管理员: runs an association of a province, city, county or township and its subtree.</summary>
    AssociationAdmin = 2,

    /// <summary>科技云服务中心工作人员: hands-on service staff of a region.</summary>
    ServiceCenterStaff = 3,

    /// <summary>科技工作者: manages their own profile and offers.</summary>
    ScienceWorker = 4,

    /// <summary>单位用户: a member of an organization (企事业单位), manages its needs.</summary>
    OrganizationMember = 5,

    /// <summary>第三方服务机构用户.</summary>
    AgencyMember = 6,
}

public static class UserRoleNames
{
    public static string Chinese(this UserRole role) => role switch
    {
        UserRole.PlatformAdmin => "平台管理员",
        UserRole.AssociationAdmin => "科协管理员",
        UserRole.ServiceCenterStaff => "服务中心工作人员",
        UserRole.ScienceWorker => "科技工作者",
        UserRole.OrganizationMember => "单位用户",
        UserRole.AgencyMember => "第三方服务机构",
        _ => role.ToString(),
    };
}
