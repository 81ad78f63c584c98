using Kexie.Domain.Identity;
using Microsoft.AspNetCore.Identity;

namespace Kexie.Data;

/// <summary>A platform account: one role, one region; optionally linked to a worker or organization.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    public UserRole Role { get; set; }

    /// <summary>The region the account belongs to and, for admins and staff, manages.</summary>
    public string RegionCode { get; set; } = string.Empty;

    public Guid? ScienceWorkerId { get; set; }

    public Guid? OrganizationId { get; set; }

    /// <summary>单位管理员: the organization's first (county-approved) user; invites colleagues.</summary>
    public bool IsOrganizationAdmin { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public Actor ToActor() => new(Id, UserName, Role, RegionCode, ScienceWorkerId, OrganizationId, DisplayName);
}
