using Kexie.Domain.Directory;
using Kexie.Domain.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Data.Matching;

/// <summary>What a <see cref="MatchOutboxEntry"/> is about: a record the match index holds a document for.</summary>
public enum MatchEntityKind
{
    /// <summary>科技所能.</summary>
    Offer = 1,

    /// <summary>科技需求.</summary>
    Need = 2,

    /// <summary>科技工作者 (profile, or its track record after an order change; its expert entry follows it).</summary>
    ScienceWorker = 3,

    /// <summary>专家库 entry.</summary>
    Expert = 4,
}

/// <summary>How the record changed (informative: the index always re-reads the record's current state).</summary>
public enum MatchChange
{
    Added = 1,
    Modified = 2,
    Deleted = 3,
}

/// <summary>
/// One change of a matchable record, appended in the same transaction as the change. Append-only: every web node
/// reads the entries after its own cursor (<see cref="Sequence"/>) and brings its in-memory match index up to date;
/// nobody consumes or deletes an entry except the retention pruning of old ones.
/// </summary>
public sealed class MatchOutboxEntry
{
    /// <summary>Database-assigned, increasing.</summary>
    public long Sequence { get; set; }

    public MatchEntityKind Kind { get; set; }

    public Guid EntityId { get; set; }

    public MatchChange Change { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>
/// Called by <see cref="KexieDbContext"/> on every SaveChanges, so no service can change an offer, need, worker or expert
/// without the match index hearing of it. An order change queues its provider (the track record may have changed).
/// </summary>
internal static class MatchOutbox
{
    public static void Record(DbContext context)
    {
        var changes = new List<(MatchEntityKind Kind, Guid Id, MatchChange Change)>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var change = entry.State switch
            {
                EntityState.Added => MatchChange.Added,
                EntityState.Deleted => MatchChange.Deleted,
                _ => MatchChange.Modified,
            };
            switch (entry.Entity)
            {
                case Offer offer:
                    changes.Add((MatchEntityKind.Offer, offer.Id, change));
                    break;
                case Need need:
                    changes.Add((MatchEntityKind.Need, need.Id, change));
                    break;
                case ScienceWorker worker:
                    changes.Add((MatchEntityKind.ScienceWorker, worker.Id, change));
                    break;
                case Kexie.Domain.Talent.Expert expert:
                    changes.Add((MatchEntityKind.Expert, expert.Id, change));
                    break;
                case Order order:
                    changes.Add((MatchEntityKind.ScienceWorker, order.ProviderWorkerId, MatchChange.Modified));
                    break;
            }
        }

        if (changes.Count == 0)
        {
            return;
        }

        var now = DateTimeOffset.UtcNow;
        foreach (var (kind, id, change) in changes.DistinctBy(c => (c.Kind, c.Id)))
        {
            context.Add(new MatchOutboxEntry { Kind = kind, EntityId = id, Change = change, At = now });
        }
    }
}
