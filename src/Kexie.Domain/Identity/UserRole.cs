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

    /// <summary>
    /// 审计员 (纪检/财务审计): reads, within the region subtree of the account, what an association admin reads for oversight —
    /// the operation log, orders and their money, 一单一策 plans, unpublished needs and offers, indicators and reports — and
    /// holds no write permission (the catalogue's defaults; docs/security.md).
    /// </summary>
    Auditor = 7,
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
        UserRole.Auditor => "审计员",
        _ => role.ToString(),
    };
}
