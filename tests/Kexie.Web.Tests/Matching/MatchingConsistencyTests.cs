using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kexie.Data;
using Kexie.Web.Features.Matching;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kexie.Web.Tests.Matching;

/// <summary>
/// Two web nodes on one database, as behind nginx (issue 16): documents written through node A reach node B's
/// matches by B's own background poll of the match outbox within the documented bound, both nodes then give the same
/// candidates in the same order, a withdrawal on A leaves B's answers at once (checked against the database) and its
/// index by the next poll, and a node started after the writes (index rebuilt from the tables) agrees with the nodes
/// that followed them entry by entry.
/// </summary>
public abstract class MatchingConsistencyTests : IAsyncLifetime
{
    /// <summary>The nodes poll every second here (the default is 1.5 s; docs/architecture.md "Polling").</summary>
    private const double PollSeconds = 1;

    /// <summary>
    /// A write is in another node's answers after at most one poll interval plus the poll itself; the bound allows a
    /// poll of a few entries some seconds on the shared two-core test machine.
    /// </summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2 * PollSeconds + 8);

    private readonly List<Node> nodes = [];

    protected abstract DatabaseProvider Provider { get; }

    protected abstract string ConnectionString { get; }

    public async ValueTask InitializeAsync()
    {
        // One node at a time: the first migrates and seeds, as the first node of a deployment does.
        await StartNodeAsync();
        await StartNodeAsync();
    }

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private async Task<Node> StartNodeAsync()
    {
        var node = new Node(Provider, ConnectionString);
        nodes.Add(node);
        (await node.CreateClient().GetAsync("/api/v1/health")).EnsureSuccessStatusCode();
        await node.Services.GetRequiredService<MatchIndexHost>().WhenReadyAsync();
        return node;
    }

    [Fact]
    public async Task Writes_on_one_node_reach_the_other_nodes_matches_within_the_poll_bound_and_both_agree()
    {
        var (a, b) = (nodes[0], nodes[1]);
        var token = "c" + Guid.NewGuid().ToString("N")[..7];
        var worker = await SignInAsync(a, "worker");
        var daying = await SignInAsync(a, "daying");
        var enterprise = await SignInAsync(a, "enterprise");

        // A need served by nothing yet, then three offers for it, all written through node A.
        var need = await PublishNeedAsync(enterprise, daying, $"茶园茶小绿叶蝉绿色防控{token}", "茶园茶小绿叶蝉危害严重，需要绿色防控和生物防治技术。");
        var offers = new List<string>();
        foreach (var (title, text) in new[]
        {
            ($"茶小绿叶蝉绿色防控技术{token}", "茶园茶小绿叶蝉、茶饼病的绿色防控与生物防治技术服务。"),
            ($"茶园病虫害生物防治{token}", "茶园病虫害生物防治，天敌释放，色板诱杀茶小绿叶蝉。"),
            ($"茶叶种植技术指导{token}", "茶叶种植、修剪与茶园管理技术指导。"),
        })
        {
            offers.Add(await PublishOfferAsync(worker, daying, title, text));
        }

        // Node B learns of them by its own background poll (nobody calls PollOnceAsync here).
        var watch = Stopwatch.StartNew();
        var onB = await WaitForAsync(b, $"/api/v1/needs/{need}/matches?top=50", ids => offers.All(ids.Contains));
        Assert.True(watch.Elapsed <= Bound, $"节点 B 用了 {watch.Elapsed.TotalSeconds:N1} 秒才看到节点 A 的写入（上限 {Bound.TotalSeconds} 秒）");

        // Node A sees its own writes the same way; once both are caught up they answer the same list in the same order.
        await WaitForAsync(a, $"/api/v1/needs/{need}/matches?top=50", ids => offers.All(ids.Contains));
        await CaughtUpAsync(a, b);
        var listA = Ids(await (await a.CreateClient().GetAsync($"/api/v1/needs/{need}/matches?top=50")).OkJsonAsync());
        var listB = Ids(await (await b.CreateClient().GetAsync($"/api/v1/needs/{need}/matches?top=50")).OkJsonAsync());
        Assert.Equal(listA, listB);
        Assert.Equal(offers[0], Ids(onB).First(offers.Contains));

        // A need written on A is recommended to A's offer by node B.
        var second = await PublishNeedAsync(enterprise, daying, $"茶小绿叶蝉生物防治需求{token}", "需要茶小绿叶蝉的生物防治技术和色板诱杀方案。");
        watch.Restart();
        await WaitForAsync(b, $"/api/v1/offers/{offers[1]}/recommended-needs?top=50", ids => ids.Contains(second));
        Assert.True(watch.Elapsed <= Bound, $"节点 B 用了 {watch.Elapsed.TotalSeconds:N1} 秒才推荐节点 A 的新需求");

        // A withdrawal on A: B never shows the offer again (its answers are checked against the database), and B's index
        // drops it by its next poll.
        await (await worker.PostJsonAsync($"/api/v1/offers/{offers[0]}/withdraw", new { reason = "暂停服务" })).OkJsonAsync();
        var atOnce = Ids(await (await b.CreateClient().GetAsync($"/api/v1/needs/{need}/matches?top=50")).OkJsonAsync());
        Assert.DoesNotContain(offers[0], atOnce);
        watch.Restart();
        var bHost = b.Services.GetRequiredService<MatchIndexHost>();
        while (bHost.Index.Contains(MatchIds.Offer(Guid.Parse(offers[0]))))
        {
            Assert.True(watch.Elapsed <= Bound, "节点 B 的匹配索引没有在轮询上限内删除节点 A 撤回的成果");
            await Task.Delay(100);
        }

        // Both nodes and a node started now (its index rebuilt from the tables) give the same top candidates.
        await CaughtUpAsync(a, b);
        var c = await StartNodeAsync();
        await CaughtUpAsync(a, b, c);
        var lists = new List<List<string>>();
        foreach (var node in new[] { a, b, c })
        {
            lists.Add(Ids(await (await node.CreateClient().GetAsync($"/api/v1/needs/{need}/matches?top=50")).OkJsonAsync()));
        }

        Assert.DoesNotContain(offers[0], lists[0]);
        Assert.Contains(offers[1], lists[0]);
        Assert.Equal(lists[0], lists[1]);
        Assert.Equal(lists[0], lists[2]);
    }

    private static List<string> Ids(JsonNode list) => [.. list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>())];

    /// <summary>Asks <paramref name="node"/> until its answer satisfies <paramref name="done"/> (fails after twice the bound).</summary>
    private static async Task<JsonNode> WaitForAsync(Node node, string url, Func<List<string>, bool> done)
    {
        var client = node.CreateClient();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var answer = await (await client.GetAsync(url)).OkJsonAsync();
            if (done(Ids(answer)))
            {
                return answer;
            }

            Assert.True(watch.Elapsed <= 2 * Bound, $"{url} 在 {watch.Elapsed.TotalSeconds:N0} 秒内没有出现预期的结果");
            await Task.Delay(100);
        }
    }

    /// <summary>Each node has applied every outbox entry written so far (as its background poll would, a little later).</summary>
    private static async Task CaughtUpAsync(params Node[] nodes)
    {
        foreach (var node in nodes)
        {
            var host = node.Services.GetRequiredService<MatchIndexHost>();
            await host.PollOnceAsync();
            await host.WhenDisciplinesReadAsync();
        }
    }

    private static async Task<string> PublishNeedAsync(HttpClient enterprise, HttpClient reviewer, string title, string problem)
    {
        var id = (await (await enterprise.PostJsonAsync("/api/v1/needs", MatchingTests.Need(title, problem, "21060", "0164"))).OkJsonAsync())["id"]!.GetValue<string>();
        await (await enterprise.PostAsync($"/api/v1/needs/{id}/submit", null)).OkJsonAsync();
        await (await reviewer.PostAsync($"/api/v1/needs/{id}/publish", null)).OkJsonAsync();
        return id;
    }

    private static async Task<string> PublishOfferAsync(HttpClient worker, HttpClient reviewer, string title, string description)
    {
        var id = (await (await worker.PostJsonAsync("/api/v1/offers", MatchingTests.Offer(title, description, "21060", "0164"))).OkJsonAsync())["id"]!.GetValue<string>();
        await (await worker.PostAsync($"/api/v1/offers/{id}/submit", null)).OkJsonAsync();
        await (await reviewer.PostAsync($"/api/v1/offers/{id}/publish", null)).OkJsonAsync();
        return id;
    }

    private static async Task<HttpClient> SignInAsync(Node node, string userName)
    {
        var client = node.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        (await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = "Kexie@2026" })).EnsureSuccessStatusCode();
        return client;
    }

    private sealed class Node(DatabaseProvider provider, string connection) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", provider.ToString());
            builder.UseSetting("ConnectionStrings:Kexie", connection);
            builder.UseSetting("Demo:Seed", "true");
            builder.UseSetting("Matching:PollSeconds", PollSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (Environment.GetEnvironmentVariable("KEXIE_DATA") is { Length: > 0 } data)
            {
                builder.UseSetting("SharedData:Path", data);
            }
        }
    }
}

public sealed class MatchingConsistencySqliteTests : MatchingConsistencyTests
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"kexie-consistency-{Guid.NewGuid():N}.db");

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string ConnectionString => $"Data Source={file}";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(file + suffix);
        }
    }
}

/// <summary>On a database of its own on the server of <c>KEXIE_TEST_POSTGRES</c>, dropped afterwards.</summary>
public sealed class MatchingConsistencyPostgresTests : MatchingConsistencyTests
{
    private readonly string database = $"kexie_nodes_{Guid.NewGuid():N}";
    private readonly string server = Environment.GetEnvironmentVariable("KEXIE_TEST_POSTGRES")
        ?? throw new InvalidOperationException("未设置 KEXIE_TEST_POSTGRES：PostgreSQL 测试需要一个数据库服务器。");

    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override string ConnectionString => new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
