using Kexie.Domain.Dictionaries;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Data;

/// <summary>
/// Process-wide cache of the code lists (<see cref="DictionaryEntry"/>). Each read asks the database for the lists'
/// stamp (entry count and latest change, one small query): a change made on this node or any other is seen by the next
/// import or form; the entries themselves are re-read only when the stamp moved.
/// </summary>
public sealed class DictionaryCache
{
    private readonly Lock gate = new();
    private (int Count, DateTimeOffset Latest) stamp;
    private DictionaryLookup? lookup;

    public async Task<DictionaryLookup> GetAsync(KexieDbContext db, CancellationToken ct = default)
    {
        var count = await db.DictionaryEntries.CountAsync(ct);
        var latest = count == 0
            ? default
            : await db.DictionaryEntries.OrderByDescending(e => e.UpdatedAt).Select(e => e.UpdatedAt).FirstAsync(ct);
        lock (gate)
        {
            if (lookup is not null && stamp == (count, latest))
            {
                return lookup;
            }
        }

        var entries = await db.DictionaryEntries.AsNoTracking().ToListAsync(ct);
        var fresh = new DictionaryLookup(entries);
        lock (gate)
        {
            (lookup, stamp) = (fresh, (count, latest));
        }

        return fresh;
    }

    /// <summary>Forgets the lists (after a change on this node).</summary>
    public void Invalidate()
    {
        lock (gate)
        {
            lookup = null;
        }
    }
}
