using System.Collections.Concurrent;
using Kexie.Data;
using Kexie.Web.Pages;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Regions;

/// <summary>
/// The region pick lists (<see cref="Lookups.RegionOptionsAsync"/>) kept per root. Every list and edit page asks for one
/// (about 240 times in 20 s of the province load benchmark, 12–15 ms each: the whole country's provinces and prefectures
/// are read from a 45k-row table for every anonymous visitor). Regions change only when the region tree is seeded, at
/// start-up before the first request; a writer added later (an import, an admin edit) calls <see cref="Invalidate"/>.
/// A list is read again after <see cref="Lifetime"/> at the latest, so an edit made outside this node (another node,
/// SQL) shows within minutes.
/// </summary>
public sealed class RegionOptionsCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Entry> lists = new(StringComparer.Ordinal);

    /// <summary>A copy of the list for <paramref name="root"/> (callers may add to theirs).</summary>
    public async Task<List<CodeName>> GetAsync(string root, Func<Task<List<CodeName>>> read)
    {
        var now = clock.GetUtcNow();
        if (lists.TryGetValue(root, out var kept) && now - kept.ReadAt < Lifetime)
        {
            return [.. kept.Options];
        }

        var options = await read();
        lists[root] = new Entry(options, now);
        return [.. options];
    }

    /// <summary>Drops every kept list: call after the region table changed.</summary>
    public void Invalidate() => lists.Clear();

    private sealed record Entry(List<CodeName> Options, DateTimeOffset ReadAt);
}
