using Kexie.Web.Features.Workbench;

namespace Kexie.Web.Tests.Workbench;

public sealed class FrontPageCacheTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed record Box(int Value);

    [Fact]
    public async Task Counts_are_computed_once_per_minute_per_region_and_a_failure_is_not_kept()
    {
        var clock = new ManualClock();
        var cache = new FrontPageCache(clock);
        var computed = 0;
        Task<Box> Compute() => Task.FromResult(new Box(++computed));

        Assert.Equal(1, (await cache.GetAsync("front-page:510923", Compute)).Value);
        clock.Now += (FrontPageCache.Lifetime / 2) - TimeSpan.FromSeconds(1);
        Assert.Equal(1, (await cache.GetAsync("front-page:510923", Compute)).Value);
        Assert.Equal(2, (await cache.GetAsync("front-page:510981", Compute)).Value);

        // Nobody asked in the entry's second half: it expires, and the next visitor computes.
        clock.Now += FrontPageCache.Lifetime;
        Assert.Equal(3, (await cache.GetAsync("front-page:510923", Compute)).Value);

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync<Box>("front-page:51", () => throw new InvalidOperationException("数据库不可用")));
        Assert.Equal(4, (await cache.GetAsync("front-page:51", Compute)).Value);
    }

    [Fact]
    public async Task Concurrent_visitors_share_one_computation()
    {
        var cache = new FrontPageCache(new ManualClock());
        var computed = 0;
        var gate = new TaskCompletionSource();
        async Task<Box> Compute()
        {
            Interlocked.Increment(ref computed);
            await gate.Task;
            return new Box(7);
        }

        var visitors = Enumerable.Range(0, 10).Select(_ => cache.GetAsync("front-page:510923", Compute)).ToList();
        gate.SetResult();
        Assert.All(await Task.WhenAll(visitors), b => Assert.Equal(7, b.Value));
        Assert.Equal(1, computed);
    }

    [Fact]
    public async Task In_the_second_half_of_its_life_one_visitor_computes_the_next_value_while_the_others_read_the_current_one()
    {
        var clock = new ManualClock();
        var cache = new FrontPageCache(clock);
        var computed = 0;
        var gate = new TaskCompletionSource();
        async Task<Box> Compute()
        {
            var n = Interlocked.Increment(ref computed);
            if (n == 2)
            {
                await gate.Task;
            }

            return new Box(n);
        }

        Assert.Equal(1, (await cache.GetAsync("front-page:510923", Compute)).Value);
        clock.Now += (FrontPageCache.Lifetime / 2) + TimeSpan.FromSeconds(1);

        // The first visitor of the second half computes (and waits for) the next value …
        var refresher = cache.GetAsync("front-page:510923", Compute);
        Assert.False(refresher.IsCompleted);
        // … the others are answered at once from the current value, and start no second computation.
        for (var i = 0; i < 5; i++)
        {
            var other = cache.GetAsync("front-page:510923", Compute);
            Assert.True(other.IsCompletedSuccessfully);
            Assert.Equal(1, (await other).Value);
        }

        gate.SetResult();
        Assert.Equal(2, (await refresher).Value);
        Assert.Equal(2, computed);
        // The new value is kept for a lifetime from its computation: past the old entry's end (and before the new one's
        // second half) it is served without a computation.
        clock.Now += (FrontPageCache.Lifetime / 2) - TimeSpan.FromMilliseconds(500);
        Assert.Equal(2, (await cache.GetAsync("front-page:510923", Compute)).Value);
        Assert.Equal(2, computed);
    }

    [Fact]
    public async Task A_failed_refresh_keeps_the_current_value_within_its_lifetime_and_the_next_visitor_tries_again()
    {
        var clock = new ManualClock();
        var cache = new FrontPageCache(clock);
        var calls = 0;
        Task<Box> Compute() => ++calls == 2 ? throw new InvalidOperationException("数据库不可用") : Task.FromResult(new Box(calls));

        Assert.Equal(1, (await cache.GetAsync("front-page:51", Compute)).Value);
        clock.Now += (FrontPageCache.Lifetime / 2) + TimeSpan.FromSeconds(1);
        Assert.Equal(1, (await cache.GetAsync("front-page:51", Compute)).Value);
        Assert.Equal(3, (await cache.GetAsync("front-page:51", Compute)).Value);

        // Never older than the lifetime: an entry past it is not served, even if its refresh failed.
        clock.Now += FrontPageCache.Lifetime + TimeSpan.FromSeconds(1);
        Assert.Equal(4, (await cache.GetAsync("front-page:51", Compute)).Value);
    }

    [Fact]
    public async Task Signed_in_counts_are_kept_under_their_stamp_and_recomputed_when_it_changes_or_after_the_lifetime()
    {
        var clock = new ManualClock();
        var cache = new FrontPageCache(clock);
        var computed = 0;
        Task<Box> Compute() => Task.FromResult(new Box(++computed));
        var stamp = new Kexie.Data.FrontPageStamp(7);

        Assert.Equal(1, (await cache.GetAsync("signed-in:510923", stamp, Compute)).Value);
        Assert.Equal(1, (await cache.GetAsync("signed-in:510923", new Kexie.Data.FrontPageStamp(7), Compute)).Value);
        // A write in the viewer's subtree (or one whose region cannot be named) moves the subtree's stamp.
        Assert.Equal(2, (await cache.GetAsync("signed-in:510923", stamp with { Version = 8 }, Compute)).Value);
        Assert.Equal(2, (await cache.GetAsync("signed-in:510923", stamp with { Version = 8 }, Compute)).Value);
        // Another viewer's key is computed for them.
        Assert.Equal(3, (await cache.GetAsync("signed-in:510981", stamp, Compute)).Value);

        // The lifetime bounds an unchanged stamp too (what no write shows: a plan's response deadline passing).
        clock.Now += FrontPageCache.Lifetime;
        Assert.Equal(4, (await cache.GetAsync("signed-in:510923", stamp with { Version = 8 }, Compute)).Value);
    }

    [Fact]
    public async Task Expired_entries_of_many_viewers_are_swept()
    {
        var clock = new ManualClock();
        var cache = new FrontPageCache(clock);
        for (var i = 0; i <= FrontPageCache.SweepAbove; i++)
        {
            await cache.GetAsync($"signed-in:{i}", 1L, () => Task.FromResult(new Box(i)));
        }

        clock.Now += FrontPageCache.Lifetime;
        await cache.GetAsync("signed-in:new", 1L, () => Task.FromResult(new Box(0)));
        Assert.Equal(1, cache.Count);
    }
}
