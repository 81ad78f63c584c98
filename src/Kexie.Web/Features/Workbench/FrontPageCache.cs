using System.Collections.Concurrent;

namespace Kexie.Web.Features.Workbench;

/// <summary>
/// The front page's counts (science workers, organizations, associations, agencies, experts, the market's totals),
/// kept per node. At province scale they are counts over hundreds of thousands of rows (about 25 statements a view)
/// and the front page is the most visited page.
/// <list type="bullet">
/// <item>Visitors (<see cref="GetAsync{T}(string, Func{Task{T}})"/>): never older than <see cref="Lifetime"/>; a visitor
/// seeing a new public record a minute late loses nothing. Refreshed ahead: the first visitor after half the lifetime
/// computes the next value while the others are still answered from the current one, so under steady traffic no visitor
/// but that one waits for the counts (before, every visitor arriving while an expired entry was recomputed waited for it:
/// the anonymous front page's p99 under the load mix). An entry nobody asked for in its second half expires and the next
/// visitors share one computation, as before.</item>
/// <item>Signed-in users (<see cref="GetAsync{T}(string, object, Func{Task{T}})"/>): kept under the stamp of the region
/// subtree they count (<see cref="Kexie.Data.FrontPageStamp"/>, in the database) and recomputed when it changes, so a
/// staffer who has just added a record sees it counted on the next view on any node, while a write in another county
/// leaves their counts kept; the lifetime bounds what no write shows (a plan's response deadline passing).</item>
/// </list>
/// </summary>
public sealed class FrontPageCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>Entries past which expired ones are swept when a new one is added (signed-in keys are per viewer).</summary>
    internal const int SweepAbove = 5_000;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>The cached value for <paramref name="key"/>, or a new one from <paramref name="compute"/> (one computation at a time per key).</summary>
    public Task<T> GetAsync<T>(string key, Func<Task<T>> compute) where T : class => GetAsync(key, null, compute);

    /// <summary>
    /// The value kept for <paramref name="key"/> if it was computed at <paramref name="stamp"/> and is younger than
    /// <see cref="Lifetime"/>; otherwise a new one from <paramref name="compute"/>, kept under <paramref name="stamp"/>.
    /// The caller reads the stamp before computing.
    /// </summary>
    public async Task<T> GetAsync<T>(string key, object? stamp, Func<Task<T>> compute) where T : class
    {
        var now = clock.GetUtcNow();
        if (stamp is null && entries.TryGetValue(key, out var current) && current.Stamp is null && current.Until > now
            && now >= current.Until - (Lifetime / 2) && current.Value.IsCompletedSuccessfully && current.TryClaimRefresh())
        {
            return await RefreshAheadAsync(key, current, compute);
        }

        var fresh = new Entry(now + Lifetime, stamp, new Lazy<Task<object>>(async () => await compute()));
        var entry = entries.AddOrUpdate(key, fresh, (_, old) => old.Until > now && Equals(old.Stamp, stamp) ? old : fresh);
        if (ReferenceEquals(entry, fresh) && entries.Count > SweepAbove)
        {
            Sweep(now);
        }

        try
        {
            return (T)await entry.Value;
        }
        catch
        {
            // A failed computation is not kept: the next request tries again.
            entries.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
    }

    /// <summary>
    /// The one visitor that claimed <paramref name="current"/>'s refresh computes the next value (in its own request, with its
    /// own services) and keeps it for a new lifetime; the others go on reading <paramref name="current"/> meanwhile. A failed
    /// refresh keeps the current value (still within its lifetime) and lets the next visitor try again.
    /// </summary>
    private async Task<T> RefreshAheadAsync<T>(string key, Entry current, Func<Task<T>> compute) where T : class
    {
        T value;
        try
        {
            value = await compute();
        }
        catch
        {
            current.ReleaseRefresh();
            return (T)current.Value.Result;
        }

        entries.TryUpdate(key, new Entry(clock.GetUtcNow() + Lifetime, null, new Lazy<Task<object>>(Task.FromResult<object>(value))), current);
        return value;
    }

    internal int Count => entries.Count;

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, entry) in entries)
        {
            if (entry.Until <= now)
            {
                entries.TryRemove(KeyValuePair.Create(key, entry));
            }
        }
    }

    private sealed class Entry(DateTimeOffset until, object? stamp, Lazy<Task<object>> lazy)
    {
        private int refreshing;

        public DateTimeOffset Until { get; } = until;

        public object? Stamp { get; } = stamp;

        public Task<object> Value => lazy.Value;

        /// <summary>True for the one caller that is to compute this entry's successor.</summary>
        public bool TryClaimRefresh() => Interlocked.CompareExchange(ref refreshing, 1, 0) == 0;

        public void ReleaseRefresh() => Volatile.Write(ref refreshing, 0);
    }
}
