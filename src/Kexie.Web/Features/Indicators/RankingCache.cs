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

    /// <summary>
    /// The value under <paramref name="key"/> (as <see cref="GetAsync{T}"/>) for a reader that accepts an answer up to
    /// <paramref name="maxStale"/> old (<see cref="IndicatorFreshness"/>), with the time it is true as of. A value kept at
    /// the reader's version (or one only later days changed) is current: it is true as of the reader's
    /// <paramref name="asOf"/>. When the rollups changed since, the last value computed is answered as long as it is no
    /// older than <paramref name="maxStale"/>, with its own time; a newer one is computed meanwhile (from it and the
    /// changed regions when they are known), one at a time per key, and not before the last is a quarter of
    /// <paramref name="maxStale"/> old (at most four computations per key and period of N seconds, however often the
    /// rollups change). Older than that, the reader waits for the newer value. <paramref name="compute"/> and
    /// <paramref name="update"/> must not use the request's scope: they may run on after it ended
    /// (<see cref="IndicatorFreshness.DetachedAsync{T}"/>).
    /// </summary>
    public async Task<(T Value, DateTimeOffset AsOf)> GetRecentAsync<T>(
        RollupVersion version, DateTimeOffset asOf, string key, DateOnly lastDay, DateTimeOffset now, TimeSpan maxStale,
        Func<Task<T>> compute, Func<T, IReadOnlyCollection<string>, Task<T>>? update = null)
        where T : class
    {
        Func<Task<T>> computeHere = compute;
        Done? last = null;
        if (entries.TryGetValue(key, out var kept))
        {
            last = kept.LastDone;
            var changes = IndicatorRefresher.ChangesSince(kept.Version, version, lastDay);
            if (changes is { Count: 0 })
            {
                if (kept.Succeeded)
                {
                    return ((T)kept.Value.Value.Result, asOf);
                }

                if (!kept.Failed)
                {
                    if (last is not null && last.AsOf >= now - maxStale)
                    {
                        return ((T)last.Value, last.AsOf);
                    }

                    try
                    {
                        return ((T)await kept.Value.Value, asOf);
                    }
                    catch
                    {
                        // The computation of another reader failed: this reader computes its own, below.
                    }
                }
            }
            else if (last is not null && last.AsOf >= now - maxStale)
            {
                // Recent enough: answered now. A newer value is computed meanwhile unless one is being computed or the
                // last is younger than a quarter of the allowance.
                if (kept.Running || last.AsOf >= now - maxStale / 4)
                {
                    return ((T)last.Value, last.AsOf);
                }

                var lastChanges = IndicatorRefresher.ChangesSince(last.Version, version, lastDay);
                var from = (T)last.Value;
                Func<Task<T>> next = lastChanges is not null && update is not null ? () => update(from, lastChanges) : compute;
                var started = new Entry(version, asOf, new Lazy<Task<object>>(async () => await next()), last);
                if (entries.TryUpdate(key, started, kept))
                {
                    _ = started.Value.Value.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }

                return ((T)last.Value, last.AsOf);
            }
            else if (kept.Running && kept.AsOf >= now - maxStale)
            {
                // None done yet (a cold start): the one being computed is awaited, not a second one started beside it.
                try
                {
                    return ((T)await kept.Value.Value, kept.AsOf);
                }
                catch
                {
                    // It failed: this reader computes its own, below.
                }
            }
            else if (changes is not null && update is not null && kept.Succeeded)
            {
                var from = (T)kept.Value.Value.Result;
                computeHere = () => update(from, changes);
            }
        }

        if (entries.Count >= Capacity)
        {
            entries.Clear();
        }

        var mine = new Entry(version, asOf, new Lazy<Task<object>>(async () => await computeHere()), last);
        var entry = entries.AddOrUpdate(key, mine, (_, old) => IndicatorRefresher.Unchanged(old.Version, version, lastDay) && !old.Failed ? old : mine);
        try
        {
            return ((T)await entry.Value.Value, asOf);
        }
        catch when (!ReferenceEquals(entry, mine))
        {
            return (await compute(), asOf);
        }
        catch
        {
            entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            throw;
        }
    }

    /// <summary>A value under <paramref name="Version"/>, true as of <paramref name="AsOf"/>; <paramref name="Previous"/>: the last value done before it.</summary>
    private sealed record Entry(RollupVersion Version, DateTimeOffset AsOf, Lazy<Task<object>> Value, Done? Previous = null)
    {
        public Entry(RollupVersion version, Lazy<Task<object>> value)
            : this(version, DateTimeOffset.MinValue, value)
        {
        }

        public bool Succeeded => Value.IsValueCreated && Value.Value.IsCompletedSuccessfully;

        public bool Failed => Value.IsValueCreated && Value.Value.IsCompleted && !Value.Value.IsCompletedSuccessfully;

        public bool Running => !Value.IsValueCreated || !Value.Value.IsCompleted;

        /// <summary>This value when done, else the last one done before it.</summary>
        public Done? LastDone => Succeeded ? new Done(Version, AsOf, Value.Value.Result) : Previous;
    }

    private sealed record Done(RollupVersion Version, DateTimeOffset AsOf, object Value);
}
