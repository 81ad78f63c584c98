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

    // GetRecentAsync's values, apart from GetAsync's (their keys never meet: rankings go through one or the other).
    private readonly ConcurrentDictionary<string, Slot> recent = new(StringComparer.Ordinal);

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
    /// The value under <paramref name="key"/> for a reader at <paramref name="version"/> that accepts an answer up to
    /// <paramref name="maxStale"/> old (<see cref="IndicatorFreshness"/>; zero: only a current one), with the time it is true
    /// as of. The last value computed is current when the rollups of its days did not change since (or it was computed at a
    /// version at least as new as the reader's): true as of the reader's <paramref name="asOf"/>. When they changed, the last
    /// value is answered as long as it is no older than <paramref name="maxStale"/>, with its own time, and a newer one is
    /// computed meanwhile (from it and the changed regions when they are known, <paramref name="update"/>), not before the
    /// last is a quarter of <paramref name="maxStale"/> old (at most four computations per key and period of N seconds however
    /// often the rollups change). Older than that, or none yet, the reader waits for a current value. <b>One computation per
    /// key at a time on this node</b>: a reader that needs a newer value than the one being computed waits for it to end
    /// and then starts the next one (one reader does; the others wait for that one), so a cold start or a burst of readers
    /// after a write never scores the same peers twice at once. <paramref name="compute"/> and <paramref name="update"/> must
    /// not use the request's scope: they may run on after it ended (<see cref="IndicatorFreshness.DetachedAsync{T}"/>).
    /// </summary>
    public async Task<(T Value, DateTimeOffset AsOf)> GetRecentAsync<T>(
        RollupVersion version, DateTimeOffset asOf, string key, DateOnly lastDay, DateTimeOffset now, TimeSpan maxStale,
        Func<Task<T>> compute, Func<T, IReadOnlyCollection<string>, Task<T>>? update = null)
        where T : class
    {
        if (recent.Count >= Capacity && !recent.ContainsKey(key))
        {
            recent.Clear();
        }

        var slot = recent.GetOrAdd(key, _ => new Slot());
        var othersFailed = 0;
        while (true)
        {
            Run? wait;
            Run? started = null;
            Func<Task<T>>? work = null;
            Done? answer = null;
            var current = false;
            lock (slot)
            {
                var last = slot.Last;
                if (last is not null && AtLeastAsNew(last.Version, version, lastDay))
                {
                    return ((T)last.Value, asOf);
                }

                wait = slot.Running;
                if (last is not null && maxStale > TimeSpan.Zero && last.AsOf >= now - maxStale)
                {
                    // Recent enough: answered now; a newer value is computed meanwhile unless one is running or the last is young.
                    if (wait is null && last.AsOf < now - (maxStale / 4))
                    {
                        started = slot.Running = new Run(version, asOf);
                        work = Next(last);
                    }

                    wait = null;
                    answer = last;
                }
                else if (wait is not null)
                {
                    // The one running: current for this reader when at its version (or newer), else awaited before the next starts.
                    current = AtLeastAsNew(wait.Version, version, lastDay);
                }
                else
                {
                    started = wait = slot.Running = new Run(version, asOf);
                    work = Next(last);
                    current = true;
                }
            }

            if (started is not null)
            {
                _ = ExecuteAsync(slot, started, work!);
            }

            if (answer is not null)
            {
                return ((T)answer.Value, answer.AsOf);
            }

            try
            {
                var value = await wait!.Completion.Task;
                if (current)
                {
                    return ((T)value, asOf);
                }
            }
            catch when (!ReferenceEquals(wait, started) && othersFailed++ < 1)
            {
                // Another reader's computation failed: this one looks again (and starts its own).
            }
        }

        Func<Task<T>> Next(Done? last)
        {
            var changes = last is null ? null : IndicatorRefresher.ChangesSince(last.Version, version, lastDay);
            if (last is not null && changes is not null && update is not null)
            {
                var from = (T)last.Value;
                return () => update(from, changes);
            }

            return compute;
        }
    }

    /// <summary>Whether a value computed at <paramref name="kept"/> is what a reader at <paramref name="reader"/> would compute: no change to its days since, or computed at a version at least as new.</summary>
    private static bool AtLeastAsNew(RollupVersion kept, RollupVersion reader, DateOnly lastDay) =>
        IndicatorRefresher.ChangesSince(kept, reader, lastDay) is { Count: 0 }
        || (kept.Generation >= reader.Generation && kept.Stamp >= reader.Stamp);

    /// <summary>Runs <paramref name="run"/>'s computation; when done, its value becomes the slot's last (unless a newer one is there) and the slot is free for the next.</summary>
    private static async Task ExecuteAsync<T>(Slot slot, Run run, Func<Task<T>> work)
        where T : class
    {
        try
        {
            var value = await work();
            lock (slot)
            {
                // Runs of a key follow one another, each at the version of the reader that started it: the last to end is
                // kept unless the one kept is strictly newer (a reader that had read an older version started it).
                if (slot.Last is not { } last || last.Version == run.Version
                    || !(last.Version.Generation >= run.Version.Generation && last.Version.Stamp >= run.Version.Stamp))
                {
                    slot.Last = new Done(run.Version, run.AsOf, value);
                }

                slot.Running = ReferenceEquals(slot.Running, run) ? null : slot.Running;
            }

            run.Completion.SetResult(value);
        }
        catch (Exception e)
        {
            lock (slot)
            {
                slot.Running = ReferenceEquals(slot.Running, run) ? null : slot.Running;
            }

            run.Completion.SetException(e);
            _ = run.Completion.Task.Exception; // a computation started for later readers may have none waiting: observed here
        }
    }

    /// <summary>One key's values for <see cref="GetRecentAsync{T}"/>: the last one computed and the one being computed (one at a time).</summary>
    private sealed class Slot
    {
        public Done? Last { get; set; }

        public Run? Running { get; set; }
    }

    /// <summary>A computation at <paramref name="Version"/>, true as of <paramref name="AsOf"/> when done.</summary>
    private sealed record Run(RollupVersion Version, DateTimeOffset AsOf)
    {
        public TaskCompletionSource<object> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record Entry(RollupVersion Version, Lazy<Task<object>> Value);

    /// <summary>A value computed at <paramref name="Version"/>, true as of <paramref name="AsOf"/>.</summary>
    private sealed record Done(RollupVersion Version, DateTimeOffset AsOf, object Value);
}
