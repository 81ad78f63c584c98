using System.Collections.Concurrent;
using Kexie.Data.Indicators;

namespace Kexie.Web.Features.Indicators;

/// <summary>
/// Peer rankings kept by the rollups' version (<see cref="IndicatorRefresher.RollupVersionAsync"/>): a ranking is a
/// function of the rollups, the peer group, the period and the weight set, so until the next refresh every reader of
/// the same ranking (dashboard, its trend, the ranking API, the annual report) shares one computation instead of
/// reading and scoring 183 counties' rollups again. A new version empties the cache; it holds at most
/// <see cref="Capacity"/> entries. One per web node; nodes agree through the version read from the database.
/// </summary>
public sealed class RankingCache
{
    public const int Capacity = 512;

    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> entries = new(StringComparer.Ordinal);
    private string version = string.Empty;

    /// <summary>
    /// The value under <paramref name="key"/> for <paramref name="rollupVersion"/>, computed once: concurrent callers
    /// wait for the first one's computation; when it fails, it is dropped and the others compute their own.
    /// </summary>
    public async Task<T> GetAsync<T>(string rollupVersion, string key, Func<Task<T>> compute)
        where T : class
    {
        lock (entries)
        {
            if (!string.Equals(version, rollupVersion, StringComparison.Ordinal) || entries.Count >= Capacity)
            {
                entries.Clear();
                version = rollupVersion;
            }
        }

        var fullKey = rollupVersion + "|" + key;
        var mine = new Lazy<Task<object>>(async () => await compute());
        var entry = entries.GetOrAdd(fullKey, mine);
        try
        {
            return (T)await entry.Value;
        }
        catch when (!ReferenceEquals(entry, mine))
        {
            return await compute();
        }
        catch
        {
            entries.TryRemove(new KeyValuePair<string, Lazy<Task<object>>>(fullKey, entry));
            throw;
        }
    }
}
