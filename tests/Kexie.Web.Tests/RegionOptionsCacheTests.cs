using Kexie.Web.Features.Regions;
using Kexie.Web.Pages;

namespace Kexie.Web.Tests;

/// <summary>The region pick lists kept per root: read once, copies handed out, read again after the lifetime or an invalidation.</summary>
public sealed class RegionOptionsCacheTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task A_list_is_read_once_per_root_until_it_expires_or_is_invalidated()
    {
        var clock = new Clock();
        var cache = new RegionOptionsCache(clock);
        var reads = 0;
        Task<List<CodeName>> Read(string name)
        {
            reads++;
            return Task.FromResult(new List<CodeName> { new("51", name) });
        }

        var first = await cache.GetAsync("", () => Read("四川省"));
        first.Insert(0, new CodeName("00", "调用方自己加的"));
        var second = await cache.GetAsync("", () => Read("改名"));
        Assert.Equal(1, reads);
        Assert.Equal([new CodeName("51", "四川省")], second);

        await cache.GetAsync("51", () => Read("四川省"));
        Assert.Equal(2, reads);

        clock.Now += RegionOptionsCache.Lifetime;
        Assert.Equal("改名", (await cache.GetAsync("", () => Read("改名")))[0].Name);
        Assert.Equal(3, reads);

        cache.Invalidate();
        Assert.Equal("再改", (await cache.GetAsync("", () => Read("再改")))[0].Name);
        Assert.Equal(4, reads);
    }
}
