using System.Linq.Expressions;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;

namespace Kexie.Domain.Authorization;

/// <summary>
/// Who sees which directory records. Lists, look-ups and every write that names a worker or an organization use these
/// rules, so a record the actor cannot read is never confirmed (or named) through another door.
/// </summary>
public static class DirectoryAccess
{
    /// <summary>Public profiles, one's own, and every profile of the subtree one manages.</summary>
    public static Expression<Func<ScienceWorker, bool>> WorkersVisibleTo(Actor actor)
    {
        var scope = actor.ManagedScope;
        var self = actor.ScienceWorkerId;
        return w => w.IsPublicProfile || (self != null && w.Id == self) || (scope != null && RegionScope.Within(w.RegionCode, scope));
    }

    /// <summary>Verified organizations, one's own, and every organization of the subtree one manages.</summary>
    public static Expression<Func<Organization, bool>> OrganizationsVisibleTo(Actor actor)
    {
        var scope = actor.ManagedScope;
        var own = actor.OrganizationId;
        return o => o.IsVerified || (own != null && o.Id == own) || (scope != null && RegionScope.Within(o.RegionCode, scope));
    }

    /// <summary>
    /// Whether the actor sees a worker's private fields (phone, birth year…): the worker, or a manager of the worker's region.
    /// An auditor reads the region's records but not these: checking the books needs no one's phone.
    /// </summary>
    public static bool SeesPrivateFields(Actor actor, ScienceWorker worker) => actor.ScienceWorkerId == worker.Id || (actor.IsRegionManager && actor.Manages(worker.RegionCode));
}
