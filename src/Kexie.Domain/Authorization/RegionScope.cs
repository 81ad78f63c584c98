using Kexie.Domain.Common;
using Kexie.Domain.Identity;

namespace Kexie.Domain.Authorization;

/// <summary>
/// The one region-scope primitive: records of the subtree an actor manages. Every list, count and look-up that is limited to
/// "my region" goes through <see cref="InScope{T}"/>; every write that names another record (an organization, a worker, a
/// need…) is checked with <see cref="MayActFor"/> against that record's own region, never against a region the caller typed.
/// </summary>
public static class RegionScope
{
    /// <summary>Records of the actor's managed subtree; nothing for an actor who manages no region.</summary>
    public static IQueryable<T> InScope<T>(this IQueryable<T> query, Actor actor)
        where T : IRegional
    {
        if (actor.ManagedScope is not { } scope)
        {
            return query.Where(_ => false);
        }

        return scope.Length == 0 ? query : query.Where(r => r.RegionCode.StartsWith(scope));
    }

    /// <summary>
    /// Whether the actor may act in the name of a party (an organization or a science worker) of <paramref name="partyRegion"/>:
    /// the party itself (<paramref name="isSelf"/>), or a region manager whose subtree holds the party.
    /// </summary>
    public static bool MayActFor(this Actor actor, string partyRegion, bool isSelf) =>
        isSelf || (actor.IsRegionManager && actor.Manages(partyRegion));

    /// <summary>
    /// The region of a record that belongs to a party: the one asked for when it lies in the party's county (or in the party's
    /// own region when that is above county level), otherwise the party's region. A record is never placed in another county
    /// than its party's, so the managers of that county are the ones who handle it.
    /// </summary>
    public static string PlaceFor(string partyRegion, string? requested, string field = "regionCode")
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return partyRegion;
        }

        var code = Regions.RegionCode.Validate(requested.Trim(), field);
        var home = partyRegion.Length > 6 ? partyRegion[..6] : partyRegion;
        return Regions.RegionCode.IsWithin(code, home)
            ? code
            : throw new DomainValidationException(field, "所在地区应在其单位或本人所在县（市、区）之内");
    }
}
