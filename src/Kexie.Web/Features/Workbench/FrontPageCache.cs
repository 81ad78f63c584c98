using System.Collections.Concurrent;

namespace Kexie.Web.Features.Workbench;

/// <summary>
/// The public front page's counts (science workers, organizations, associations, agencies, experts, the market's
/// totals) for visitors, computed at most once per <see cref="Lifetime"/> per region on each node. At province scale
/// they are counts over hundreds of thousands of rows and the front page is the most visited page; a visitor seeing a
/// new public record a minute late loses nothing. Signed-in users are not served from it: a staffer who has just added
/// a record sees it counted at once.
/// </summary>
public sealed class FrontPageCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>The cached value for <paramref name="key"/>, or a new one from <paramref name="compute"/> (one computation at a time per key).</summary>
    public async Task<T> GetAsync<T>(string key, Func<Task<T>> compute) where T : class
    {
        var now = clock.GetUtcNow();
        var fresh = new Entry(now + Lifetime, new Lazy<Task<object>>(async () => await compute()));
        var entry = entries.AddOrUpdate(key, fresh, (_, old) => old.Until > now ? old : fresh);
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

    private sealed record Entry(DateTimeOffset Until, Lazy<Task<object>> Lazy)
    {
        public Task<object> Value => Lazy.Value;
    }
}
