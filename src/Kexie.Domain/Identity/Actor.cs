using Kexie.Domain.Regions;

namespace Kexie.Domain.Identity;

/// <summary>
/// Who is acting, and over which region subtree. Anonymous visitors are <see cref="Public"/>.
/// All access decisions of the platform go through this type.
/// </summary>
public sealed record Actor(string? UserId, string? UserName, UserRole? Role, string RegionCode, Guid? ScienceWorkerId = null, Guid? OrganizationId = null, string? DisplayName = null)
{
    public static readonly Actor Public = new(null, null, null, RegionCode: "-");

    public static Actor System { get; } = new("system", "system", UserRole.PlatformAdmin, Regions.RegionCode.Country, DisplayName: "系统");

    /// <summary>
    /// The name people see for this actor in histories, notifications and logs: the account's display name, never the
    /// login name (an account without one shows its role).
    /// </summary>
    public string Name => !string.IsNullOrWhiteSpace(DisplayName) ? DisplayName : Role?.Chinese() ?? "访客";

    public bool IsAuthenticated => Role is not null;

    /// <summary>Platform admins, association admins and service-centre staff manage a region subtree.</summary>
    public bool IsRegionManager => Role is UserRole.PlatformAdmin or UserRole.AssociationAdmin or UserRole.ServiceCenterStaff;

    /// <summary>Admins (not staff) may review, import and manage users.</summary>
    public bool IsAdmin => Role is UserRole.PlatformAdmin or UserRole.AssociationAdmin;

    /// <summary>
    /// The code prefix this actor manages; null when it manages no region. An auditor's subtree is in scope for reading like a
    /// manager's; what it may change is nothing, because its role holds no write permission (the catalogue decides, not this).
    /// </summary>
    public string? ManagedScope => Role switch
    {
        UserRole.PlatformAdmin => Regions.RegionCode.Country,
        UserRole.AssociationAdmin or UserRole.ServiceCenterStaff or UserRole.Auditor => RegionCode,
        _ => null,
    };

    /// <summary>True when the actor manages records of <paramref name="regionCode"/>.</summary>
    public bool Manages(string regionCode) =>
        ManagedScope is { } scope && Regions.RegionCode.IsWithin(regionCode, scope);

    /// <summary>True when the actor may manage (not only view) a record of <paramref name="regionCode"/> as an admin.</summary>
    public bool Administers(string regionCode) => IsAdmin && Manages(regionCode);
}
