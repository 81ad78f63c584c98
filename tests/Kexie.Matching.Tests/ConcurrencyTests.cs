using System.Collections.Concurrent;

namespace Kexie.Matching.Tests;

public class ConcurrencyTests
{
    [Fact]
    public async Task Readers_run_safely_while_a_writer_adds_updates_and_removes()
    {
        var index = Docs.IndexOf(Docs.Filler(100));
        var errors = new ConcurrentQueue<Exception>();
        var seenIds = new ConcurrentDictionary<string, byte>();
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(() =>
        {
            var queries = 0;
            while (!stop.IsCancellationRequested || queries < 50)
            {
                try
                {
                    foreach (var result in index.Search(new MatchQuery { Text = "茶叶加工 桥梁", Top = 50 }))
                    {
                        seenIds.TryAdd(result.Id, 0);
                        Assert.Equal(result.Score, result.Explanation.Contributions.Sum(c => c.Score), 6);
                    }
                    _ = index.Count;
                }
                catch (Exception e)
                {
                    errors.Enqueue(e);
                }
                queries++;
            }
        }, TestContext.Current.CancellationToken)).ToArray();

        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 300; i++)
            {
                index.Upsert(Docs.Offer($"tea-{i}", $"茶叶加工第{i}号", "绿茶"));
                if (i % 3 == 0)
                {
                    index.Upsert(Docs.Offer($"tea-{i / 2}", "茶叶加工升级版"));
                }
                if (i % 5 == 0)
                {
                    index.Remove($"tea-{i / 5}");
                }
            }
        }, TestContext.Current.CancellationToken);
        await writer;
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Empty(errors);
        Assert.All(seenIds.Keys, id => Assert.True(id.StartsWith("tea-", StringComparison.Ordinal) || id.StartsWith("filler-", StringComparison.Ordinal)));
        var final = index.Search(new MatchQuery { Text = "茶叶加工", Top = 1000 }).Select(r => r.Id).ToHashSet();
        // Replay the writer's operations on a set to get the exact expected state.
        var model = new HashSet<string>();
        for (var i = 0; i < 300; i++)
        {
            model.Add($"tea-{i}");
            if (i % 3 == 0)
            {
                model.Add($"tea-{i / 2}");
            }
            if (i % 5 == 0)
            {
                model.Remove($"tea-{i / 5}");
            }
        }
        Assert.Equal(model.Order(), final.Order());
        Assert.Equal(100 + model.Count, index.Count);
    }

    [Fact]
    public async Task Concurrent_writers_are_serialised()
    {
        var index = new MatchIndex();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                index.Upsert(Docs.Offer($"w{w}-{i}", "茶叶加工"));
            }
        }, TestContext.Current.CancellationToken)));
        Assert.Equal(400, index.Count);
        Assert.Equal(400, index.Search(new MatchQuery { Text = "茶叶", Top = 1000 }).Count);
    }

    [Fact]
    public void A_query_sees_one_consistent_version()
    {
        var index = Docs.IndexOf([Docs.Offer("a", "茶叶")]);
        var before = index.Version;
        index.Remove("a");
        Assert.Equal(before + 1, index.Version);
        Assert.Empty(index.Search(new MatchQuery { Text = "茶叶" }));
    }
}
