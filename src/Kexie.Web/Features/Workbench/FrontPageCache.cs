using System.Collections.Concurrent;

namespace Kexie.Web.Features.Workbench;

/// <summary>
/// The front page's counts (science workers, organizations, associations, agencies, experts, the market's totals),
/// kept per node. At province scale they are counts over hundreds of thousands of rows (about 25 statements a view)
/// and the front page is the most visited page.
/// <list type="bullet">
/// <item>Visitors (<see cref="GetAsync{T}(string, Func{Task{T}})"/>): computed at most once per <see cref="Lifetime"/>
/// per region; a visitor seeing a new public record a minute late loses nothing.</item>
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

    private sealed record Entry(DateTimeOffset Until, object? Stamp, Lazy<Task<object>> Lazy)
    {
        public Task<object> Value => Lazy.Value;
    }
}
