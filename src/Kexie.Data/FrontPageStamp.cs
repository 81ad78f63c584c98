using Kexie.Data.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Data;

/// <summary>
/// What the front page's counts (science workers, organizations, associations, agencies, experts, the market's
/// counters) were computed at, so a signed-in user's counts may be kept until a record they count changes
/// (<c>Kexie.Web.Features.Workbench.FrontPageCache</c>). Two parts:
/// <list type="bullet">
/// <item>the database's: the indicators' last refresh time and the newest indicator outbox row. Every change of an
/// indicator source record (workers, organizations, associations, needs, offers, orders, plans, service tickets…)
/// adds an outbox row in its own transaction, and a refresh deletes rows only in the transaction that moves the refresh
/// time, so the pair changes with every such write on any node and never comes back to an earlier value;</item>
/// <item>this process's: a count of saves that changed a counted record the outbox does not carry (服务机构, 专家,
/// 成果展项目, regions) — a write on another node shows there within the cache's lifetime.</item>
/// </list>
/// Both are read before the counts, so a write committed in between makes the kept counts newer, never older, than
/// their stamp.
/// </summary>
public readonly record struct FrontPageStamp(long RefreshedAt, long? Outbox, long Local)
{
    private static long local;

    /// <summary>The stamp now: one statement (null when the indicators were never refreshed: nothing to key by).</summary>
    public static async Task<FrontPageStamp?> ReadAsync(KexieDbContext db, CancellationToken ct = default)
    {
        var saves = Interlocked.Read(ref local);
        var row = await db.IndicatorRefreshStates.AsNoTracking()
            .Select(s => new { s.LastRefreshedAt, Outbox = db.IndicatorOutbox.Max(o => (long?)o.Id) })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : new FrontPageStamp(row.LastRefreshedAt.UtcTicks, row.Outbox, saves);
    }

    /// <summary>Whether the pending changes of <paramref name="context"/> touch a counted record that the outbox does not carry.</summary>
    internal static bool Touches(DbContext context) => context.ChangeTracker.Entries()
        .Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && CountedOutsideOutbox(e.Entity));

    /// <summary>Called after a save that <see cref="Touches"/> counted records has committed.</summary>
    internal static void Saved() => Interlocked.Increment(ref local);

    private static bool CountedOutsideOutbox(object entity) =>
        entity is Kexie.Domain.Directory.ServiceAgency or Kexie.Domain.Talent.Expert or Kexie.Domain.Market.FairProject or Kexie.Domain.Regions.Region
        || (IndicatorOutbox.SourceOf(entity) is not null && TalentFactSources.IdOf(entity) is null);
}
