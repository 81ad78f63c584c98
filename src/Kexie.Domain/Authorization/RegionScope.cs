using Kexie.Domain.Common;
using Kexie.Domain.Identity;

namespace Kexie.Domain.Authorization;

/// <summary>
/// The one region-scope primitive: records of the subtree an actor manages. Every list, count and look-up that is limited to
/// "my region" goes through <see cref="InScope{T}"/>; every write that names another record (an organization, a worker, a
/// need…) is checked with <see cref="MayActFor"/> against that record's own region, never against a region the caller typed.
/// A filter by a chosen region (a statistic of 遂宁市, a list of 大英县's records) and a rule that combines a subtree with
/// other conditions use <see cref="Within"/>. This class is the one place in the code that knows a subtree is a code prefix;
/// a test fails when a hand-written <c>RegionCode.StartsWith</c> appears anywhere else.
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
    /// Whether <paramref name="code"/> lies in the subtree of <paramref name="region"/> (the region itself or below it); false for
    /// no code. Usable inside a query's predicate, alone or combined
    /// (<c>Where(s =&gt; s.IsOpen || RegionScope.Within(s.RegionCode, scope))</c>): the data layer translates it to the same
    /// prefix test as <see cref="InScope{T}"/> (<c>LIKE 'code%'</c>, an index range on PostgreSQL).
    /// </summary>
    public static bool Within(string? code, string region) => code is not null && code.StartsWith(region, StringComparison.Ordinal);

    /// <summary>The prefix test <see cref="Within"/> stands for, as an expression over its two arguments, for the query translator.</summary>
    public static System.Linq.Expressions.Expression WithinAsPrefixTest(System.Linq.Expressions.Expression code, System.Linq.Expressions.Expression region) =>
        System.Linq.Expressions.Expression.Call(code, typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!, region);

    /// <summary>
    /// Whether the actor may act in the name of a party (an organization or a science worker) of <paramref name="partyRegion"/>:
    /// the party itself (<paramref name="isSelf"/>), or a region manager whose subtree holds the party.
    /// </summary>
    public static bool MayActFor(this Actor actor, string partyRegion, bool isSelf) =>
        isSelf || (actor.Manages(partyRegion));

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
        var home = Regions.RegionCode.CountyOf(partyRegion);
        return Regions.RegionCode.IsWithin(code, home)
            ? code
            : throw new DomainValidationException(field, "所在地区应在其单位或本人所在县（市、区）之内");
    }
}
