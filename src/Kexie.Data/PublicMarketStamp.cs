using Kexie.Domain.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Kexie.Data;

/// <summary>
/// What the public market, as an anonymous visitor sees it (the published public needs and offers in lists, searches and detail
/// pages, with their parties' and regions' names), was read at, so those responses may be kept until one of them changes
/// (<c>Kexie.Web.Features.Market.PublicMarketCache</c>, issue 16). A sibling of <see cref="FrontPageStamp"/> in the same table
/// (<see cref="FrontPageVersion"/>), in a key space of its own: a county's row is <see cref="Prefix"/> and its code, the
/// province-wide row <see cref="Prefix"/> alone, and the stamp of a subtree is the sum of its regions' rows and the
/// province-wide one. Unlike the front page's counts it moves only when what a visitor sees may change:
/// <list type="bullet">
/// <item>a need or an offer that is, or was before the save, published (and, for a need, public): it entered or left the public
/// lists, or an edit, a close or an attachment of it changed what they show: its county's row (old and new when moved);</item>
/// <item>the name of an organization or a science worker, a worker's public flag, an expert entry (the need detail page's
/// candidates show public workers and experts of any county), a region (its name): the province-wide row (a party may have
/// moved county since it placed a record);</item>
/// <item>a write that bypasses SaveChanges through <see cref="FrontPageStamp.WriteAsync{T}"/>: the same regions as the front
/// page's (more than needed, never fewer).</item>
/// </list>
/// Drafts, submissions awaiting review, returned or rejected records, plans and their contacts, orders and their steps,
/// reviews of unpublished records, notifications: no move. The rows move with the front page's in the writing transaction,
/// just before its commit (<see cref="FrontPageStamp.Interceptor"/>), so a write on any node moves the stamp on every node; they
/// only grow. The stamp is read before the data, so a write committed in between makes the kept response newer, never older,
/// than its stamp. The front page's whole-platform stamp sums these rows too: they move only when a front-page row does.
/// </summary>
public readonly record struct PublicMarketStamp(long Version)
{
    /// <summary>
    /// The key space of the public market's rows in <see cref="FrontPageVersion"/> (no region code starts with a letter). A row
    /// is a county's (or a region's above county level): a township's record moves its county's row, as the lists of a
    /// township are kept under their county's stamp, and the key fits the column (12 characters).
    /// </summary>
    public const string Prefix = "m";

    /// <summary>
    /// The stamp of <paramref name="scope"/>'s subtree now (null: the whole platform), one statement. Read before every kept
    /// anonymous answer, so the two statements are compiled once (<c>EF.CompileAsyncQuery</c>):
    /// the same SQL and the same sum as the LINQ query, without its per-call expression walk and cache look-up (~6 % of the
    /// host's CPU under the load mix before, issue 16, perf18). An exact read on every call: no time window.
    /// </summary>
    public static async Task<PublicMarketStamp> ReadAsync(KexieDbContext db, string? scope, CancellationToken ct = default) =>
        new(string.IsNullOrEmpty(scope)
            ? await CompiledPerModel.Of(db, WholePlatform, static () => EF.CompileAsyncQuery(
                (KexieDbContext db, CancellationToken ct) => db.FrontPageVersions.AsNoTracking()
                    .Where(v => RegionScope.Within(v.RegionCode, Prefix))
                    .Sum(v => v.Version)))(db, ct)
            : await CompiledPerModel.Of(db, Subtree, static () => EF.CompileAsyncQuery(
                (KexieDbContext db, string subtree, CancellationToken ct) => db.FrontPageVersions.AsNoTracking()
                    .Where(v => v.RegionCode == Prefix || RegionScope.Within(v.RegionCode, subtree))
                    .Sum(v => v.Version)))(db, Key(scope), ct));

    /// <summary>Every public market row: the whole platform's stamp, compiled once per model.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Microsoft.EntityFrameworkCore.Metadata.IModel, Func<KexieDbContext, CancellationToken, Task<long>>> WholePlatform = new();

    /// <summary>The province-wide row and the rows of a subtree (its key, <see cref="Key"/>), compiled once per model.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Microsoft.EntityFrameworkCore.Metadata.IModel, Func<KexieDbContext, string, CancellationToken, Task<long>>> Subtree = new();

    /// <summary>The row of <paramref name="code"/>'s county, or of the region itself above county level (blank: the province-wide row).</summary>
    internal static string Key(string? code) =>
        string.IsNullOrWhiteSpace(code) ? Prefix : Prefix + Kexie.Domain.Regions.RegionCode.CountyOf(code.Trim());

    /// <summary>
    /// Adds the public market's rows that a counted change moves: <paramref name="entry"/> is the changed record, or the owner of
    /// a changed owned record (an attachment or a review step of a need).
    /// </summary>
    internal static void AddTouched(EntityEntry entry, HashSet<string> regions)
    {
        switch (entry.Entity)
        {
            case Kexie.Domain.Regions.Region or Kexie.Domain.Talent.Expert:
                regions.Add(Key(null));
                return;
            case Kexie.Domain.Directory.Organization when entry.State == EntityState.Deleted
                || (entry.State == EntityState.Modified && entry.Property(nameof(Kexie.Domain.Directory.Organization.Name)).IsModified):
                regions.Add(Key(null));
                return;
            case Kexie.Domain.Directory.ScienceWorker when entry.State == EntityState.Deleted
                || (entry.State == EntityState.Modified
                    && (entry.Property(nameof(Kexie.Domain.Directory.ScienceWorker.Name)).IsModified
                        || entry.Property(nameof(Kexie.Domain.Directory.ScienceWorker.IsPublicProfile)).IsModified)):
                regions.Add(Key(null));
                return;
            case Kexie.Domain.Market.Need or Kexie.Domain.Market.Offer:
                var region = entry.Property(nameof(Kexie.Domain.Market.Reviewable.RegionCode));
                if (entry.State != EntityState.Deleted && Shown(entry, original: false))
                {
                    regions.Add(Key(region.CurrentValue as string));
                }

                if (entry.State != EntityState.Added && Shown(entry, original: true))
                {
                    regions.Add(Key(region.OriginalValue as string));
                }

                return;
        }
    }

    /// <summary>Whether an anonymous visitor sees the record (its values before the save, or as saved).</summary>
    private static bool Shown(EntityEntry entry, bool original)
    {
        object? Value(string name) => original ? entry.Property(name).OriginalValue : entry.Property(name).CurrentValue;
        return Value(nameof(Kexie.Domain.Market.Reviewable.Status)) is Kexie.Domain.Market.ReviewStatus.Published
            && (entry.Entity is not Kexie.Domain.Market.Need
                || Value(nameof(Kexie.Domain.Market.Need.Visibility)) is Kexie.Domain.Market.NeedVisibility.Public);
    }
}
