using Kexie.Domain.Identity;

namespace Kexie.Domain.Authorization;

/// <summary>How far a permission reaches once a role holds it.</summary>
public enum PermissionScope
{
    /// <summary>Anyone, anonymous visitors included (registering for an activity, signing in).</summary>
    Anyone = 1,

    /// <summary>Any signed-in holder; which records it may touch is the domain's rule (owner, party, or manager of the record's region).</summary>
    SignedIn = 2,

    /// <summary>Holders act on records of the region subtree they manage, checked against the record's own region.</summary>
    Region = 3,

    /// <summary>Only holders who manage the whole country (platform operations).</summary>
    Platform = 4,
}

/// <summary>
/// One thing a user may do, declared by the feature that owns it (e.g. <c>market.needs.write</c>), with the roles that hold it
/// unless the deployment's grants say otherwise. Names are stable identifiers; <see cref="DisplayName"/> is what people see.
/// </summary>
public sealed record Permission(string Name, string DisplayName, string Feature, PermissionScope Scope, IReadOnlyList<UserRole> DefaultRoles)
{
    public override string ToString() => Name;

    /// <summary>Every role that manages a region: platform admin, association admin, service-centre staff.</summary>
    public static readonly UserRole[] Managers = [UserRole.PlatformAdmin, UserRole.AssociationAdmin, UserRole.ServiceCenterStaff];

    /// <summary>Platform and association admins.</summary>
    public static readonly UserRole[] Admins = [UserRole.PlatformAdmin, UserRole.AssociationAdmin];

    /// <summary>Every role.</summary>
    public static readonly UserRole[] Everyone = Enum.GetValues<UserRole>();

    /// <summary>Every role that takes part in the platform's business (trades, applies, submits, scores): all but the auditor, who only reads.</summary>
    public static readonly UserRole[] Participants = Enum.GetValues<UserRole>().Where(r => r != UserRole.Auditor).ToArray();

    /// <summary>The region managers and the auditor: who read a region's records for oversight.</summary>
    public static readonly UserRole[] Overseers = [.. Managers, UserRole.Auditor];
}

/// <summary>
/// Which roles hold which permissions: the features' defaults, changed by the deployment's settings
/// (<c>Authorization:Grants:{Role}</c> adds, <c>Authorization:Revokes:{Role}</c> removes). Giving a role a new power is a
/// change of data, not of code.
/// </summary>
public sealed class PermissionGrants
{
    private readonly Dictionary<string, Permission> byName;
    private readonly Dictionary<UserRole, HashSet<string>> held;

    public PermissionGrants(IEnumerable<Permission> catalogue, IReadOnlyDictionary<UserRole, IReadOnlyCollection<string>>? grants = null, IReadOnlyDictionary<UserRole, IReadOnlyCollection<string>>? revokes = null)
    {
        byName = new Dictionary<string, Permission>(StringComparer.Ordinal);
        foreach (var permission in catalogue)
        {
            if (byName.TryGetValue(permission.Name, out var existing) && !ReferenceEquals(existing, permission))
            {
                throw new InvalidOperationException($"Permission {permission.Name} is declared twice.");
            }

            byName[permission.Name] = permission;
        }

        held = Enum.GetValues<UserRole>().ToDictionary(r => r, _ => new HashSet<string>(StringComparer.Ordinal));
        foreach (var permission in byName.Values)
        {
            foreach (var role in permission.DefaultRoles)
            {
                held[role].Add(permission.Name);
            }
        }

        Apply(grants, add: true);
        Apply(revokes, add: false);
    }

    /// <summary>The catalogue, in name order.</summary>
    public IReadOnlyList<Permission> All => byName.Values.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();

    public bool Holds(UserRole role, Permission permission) => held[role].Contains(permission.Name);

    /// <summary>The roles that hold <paramref name="permission"/> (whom a notification about it can reach).</summary>
    public IReadOnlyList<UserRole> RolesHolding(Permission permission) => Enum.GetValues<UserRole>().Where(r => Holds(r, permission)).ToList();

    /// <summary>The permissions <paramref name="role"/> holds, in name order.</summary>
    public IReadOnlyList<Permission> Of(UserRole role) => held[role].Select(n => byName[n]).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();

    private void Apply(IReadOnlyDictionary<UserRole, IReadOnlyCollection<string>>? changes, bool add)
    {
        foreach (var (role, names) in changes ?? new Dictionary<UserRole, IReadOnlyCollection<string>>())
        {
            foreach (var name in names)
            {
                if (!byName.ContainsKey(name))
                {
                    throw new InvalidOperationException($"Authorization settings name an unknown permission “{name}” for role {role}.");
                }

                if (add)
                {
                    held[role].Add(name);
                }
                else
                {
                    held[role].Remove(name);
                }
            }
        }
    }
}

/// <summary>The one place that decides whether an actor may use a permission, on a record of a region or at all.</summary>
public sealed class AccessPolicy(PermissionGrants grants)
{
    public PermissionGrants Grants => grants;

    /// <summary>
    /// Whether the actor may use <paramref name="permission"/> at all (before looking at any record): anonymous visitors only
    /// <see cref="PermissionScope.Anyone"/> ones; signed-in users when their role holds it (and, for platform permissions,
    /// when they manage the whole country).
    /// </summary>
    public AccessDecision Decide(Actor actor, Permission permission)
    {
        if (permission.Scope == PermissionScope.Anyone)
        {
            return AccessDecision.Allowed;
        }

        if (actor.Role is not { } role)
        {
            return AccessDecision.SignInRequired;
        }

        if (!grants.Holds(role, permission))
        {
            return AccessDecision.Denied;
        }

        return permission.Scope == PermissionScope.Platform && actor.ManagedScope != Regions.RegionCode.Country
            ? AccessDecision.Denied
            : AccessDecision.Allowed;
    }

    /// <summary>Whether the actor may use <paramref name="permission"/> on a record of <paramref name="regionCode"/>.</summary>
    public bool Can(Actor actor, Permission permission, string regionCode) =>
        Decide(actor, permission) == AccessDecision.Allowed
        && (permission.Scope is not (PermissionScope.Region or PermissionScope.Platform) || actor.Manages(regionCode));

    public bool Can(Actor actor, Permission permission) => Decide(actor, permission) == AccessDecision.Allowed;
}

public enum AccessDecision
{
    Allowed = 1,
    SignInRequired = 2,
    Denied = 3,
}
