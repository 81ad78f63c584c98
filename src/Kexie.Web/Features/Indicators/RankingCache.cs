using System.Collections.Concurrent;
using Kexie.Data.Indicators;

namespace Kexie.Web.Features.Indicators;

/// <summary>
/// Peer rankings and region values kept by the rollups' version (<see cref="IndicatorRefresher.RollupVersionAsync"/>):
/// a ranking is a function of the rollups up to its period's last day, the peer group and the weight set, so until a
/// refresh changes the rollups of those days every reader of it (dashboard, its trend, the ranking API, the annual
/// report) shares one computation instead of reading and scoring 183 counties' rollups again. A refresh that rebuilt
/// only later days (a write today, under last year's ranking) keeps it (<see cref="IndicatorRefresher.Unchanged"/>).
/// At most <see cref="Capacity"/> entries; one cache per web node, the nodes agree through the version in the database.
/// </summary>
public sealed class RankingCache
{
    public const int Capacity = 512;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>
    /// The value under <paramref name="key"/>, which depends on rollups of days up to <paramref name="lastDay"/>, as of
    /// <paramref name="version"/>; computed once: concurrent callers wait for the first one's computation; when it
    /// fails, it is dropped and the others compute their own.
    /// </summary>
    public async Task<T> GetAsync<T>(RollupVersion version, string key, DateOnly lastDay, Func<Task<T>> compute)
        where T : class
    {
        if (entries.TryGetValue(key, out var kept) && IndicatorRefresher.Unchanged(kept.Version, version, lastDay))
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

        if (entries.Count >= Capacity)
        {
            entries.Clear();
        }

        var mine = new Entry(version, new Lazy<Task<object>>(async () => await compute()));
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
