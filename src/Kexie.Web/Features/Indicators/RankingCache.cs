using System.Collections.Concurrent;
using Kexie.Data.Indicators;

namespace Kexie.Web.Features.Indicators;

/// <summary>
/// Peer rankings and region values kept by the rollups' version (<see cref="IndicatorRefresher.RollupVersionAsync"/>):
/// a ranking is a function of the rollups up to its period's last day, the peer group and the weight set, so until a
/// refresh changes the rollups of those days every reader of it (dashboard, its trend, the ranking API, the annual
/// report) shares one computation instead of reading and scoring 183 counties' rollups again. A refresh that rebuilt
/// only later days (a write today, under last year's ranking) keeps it (<see cref="IndicatorRefresher.Unchanged"/>); one
/// of this node that rebuilt a few regions' days of the period (a write into it) updates it: the ranking reads those
/// peers' rollups again and scores all peers (<see cref="IndicatorEngine.RerankAsync"/>), one indexed read.
/// At most <see cref="Capacity"/> entries; one cache per web node, the nodes agree through the version in the database.
/// </summary>
public sealed class RankingCache
{
    public const int Capacity = 512;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>
    /// The value under <paramref name="key"/>, which depends on rollups of days up to <paramref name="lastDay"/>, as of
    /// <paramref name="version"/>; computed once: concurrent callers wait for the first one's computation; when it
    /// fails, it is dropped and the others compute their own. With <paramref name="update"/>, a kept value whose
    /// rollups changed since in known regions only (<see cref="IndicatorRefresher.ChangesSince"/>: this node's
    /// incremental refreshes, a write into the period) is brought up to <paramref name="version"/> from the kept value
    /// and those region codes (a ranking reads the changed peers' rollups, not all 183 counties'), not computed again.
    /// </summary>
    public async Task<T> GetAsync<T>(RollupVersion version, string key, DateOnly lastDay, Func<Task<T>> compute, Func<T, IReadOnlyCollection<string>, Task<T>>? update = null)
        where T : class
    {
        Func<Task<T>> computeHere = compute;
        if (entries.TryGetValue(key, out var kept))
        {
            var changes = IndicatorRefresher.ChangesSince(kept.Version, version, lastDay);
            if (changes is { Count: 0 })
            {
                try
                {
                    return (T)await kept.Value.Value;
                }
                catch
                {
                    entries.TryRemove(new KeyValuePair<string, Entry>(key, kept));
                    return await compute();
                }
            }

            if (changes is not null && update is not null && kept.Value.IsValueCreated && kept.Value.Value.IsCompletedSuccessfully
                && kept.Value.Value.Result is T old)
            {
                computeHere = () => update(old, changes);
            }
        }

        if (entries.Count >= Capacity)
        {
            entries.Clear();
        }

        var mine = new Entry(version, new Lazy<Task<object>>(async () => await computeHere()));
        var entry = entries.AddOrUpdate(key, mine, (_, old) => IndicatorRefresher.Unchanged(old.Version, version, lastDay) ? old : mine);
        try
        {
            return (T)await entry.Value.Value;
        }
        catch when (!ReferenceEquals(entry, mine))
        {
            return await compute();
        }
        catch
        {
            entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            throw;
        }
    }

    private sealed record Entry(RollupVersion Version, Lazy<Task<object>> Value);
}
