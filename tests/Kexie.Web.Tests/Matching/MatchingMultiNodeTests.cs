using System.Net.Http.Json;
using Kexie.Data;
using Kexie.Web.Features.Matching;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Matching;

/// <summary>Two web nodes over one database: a write through node A reaches node B's match index through the outbox.</summary>
public sealed class MatchingMultiNodeTests : IAsyncLifetime
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"kexie-match-nodes-{Guid.NewGuid():N}.db");
    private Node? first;
    private Node? second;

    public async ValueTask InitializeAsync()
    {
        first = new Node(file);
        (await first.CreateClient().GetAsync("/api/v1/health")).EnsureSuccessStatusCode();
        second = new Node(file);
        (await second.CreateClient().GetAsync("/api/v1/health")).EnsureSuccessStatusCode();
        await second.Services.GetRequiredService<MatchIndexHost>().WhenReadyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await (first?.DisposeAsync() ?? ValueTask.CompletedTask);
        await (second?.DisposeAsync() ?? ValueTask.CompletedTask);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(file + suffix);
        }
    }

    [Fact]
    public async Task A_node_reports_ready_only_once_its_match_index_is_built()
    {
        // A node whose index has not been built yet is not ready (a proxy keeps traffic away from it).
        var unbuilt = ActivatorUtilities.CreateInstance<MatchIndexHost>(second!.Services);
        var check = await new MatchIndexReadiness(unbuilt).CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext());
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, check.Status);
        Assert.Equal("匹配索引建立中", check.Description);

        // The second node built its index at start-up: ready, for anonymous callers, with the check named.
        var response = await second.CreateClient().GetAsync("/api/v1/health/ready");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("就绪", body["status"]!.GetValue<string>());
        Assert.Equal("匹配索引", body["checks"]![0]!["name"]!.GetValue<string>());
        Assert.True(body["checks"]![0]!["ready"]!.GetValue<bool>());
        Assert.StartsWith("匹配索引已建立", body["checks"]![0]!["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_offer_published_on_one_node_is_matched_by_the_other_after_it_polls()
    {
        var token = "k" + Guid.NewGuid().ToString("N")[..7];
        var worker = await SignInAsync(first!, "worker");
        var daying = await SignInAsync(first!, "daying");
        var enterprise = await SignInAsync(first!, "enterprise");
        var offer = (await (await worker.PostJsonAsync("/api/v1/offers", MatchingTests.Offer($"茶树病虫害绿色防控{token}", "茶园茶小绿叶蝉、茶饼病绿色防控技术服务。", "21060", "0164"))).OkJsonAsync())["id"]!.GetValue<string>();
        await (await worker.PostAsync($"/api/v1/offers/{offer}/submit", null)).OkJsonAsync();
        await (await daying.PostAsync($"/api/v1/offers/{offer}/publish", null)).OkJsonAsync();
        var need = (await (await enterprise.PostJsonAsync("/api/v1/needs", MatchingTests.Need($"茶园茶小绿叶蝉防治{token}", "茶园茶小绿叶蝉危害严重，需要绿色防控技术。", "21060", "0164"))).OkJsonAsync())["id"]!.GetValue<string>();
        await (await enterprise.PostAsync($"/api/v1/needs/{need}/submit", null)).OkJsonAsync();
        await (await daying.PostAsync($"/api/v1/needs/{need}/publish", null)).OkJsonAsync();

        var host = second!.Services.GetRequiredService<MatchIndexHost>();
        await host.PollOnceAsync();
        Assert.True(host.Index.Contains(MatchIds.Offer(Guid.Parse(offer))));
        Assert.True(host.Index.Contains(MatchIds.Need(Guid.Parse(need))));
        var matches = await (await second.CreateClient().GetAsync($"/api/v1/needs/{need}/matches")).OkJsonAsync();
        Assert.Equal(offer, matches["items"]!.AsArray()[0]!["id"]!.GetValue<string>());

        // A withdrawal on node A leaves node B's index too.
        await (await worker.PostJsonAsync($"/api/v1/offers/{offer}/withdraw", new { reason = "暂停" })).OkJsonAsync();
        await host.PollOnceAsync();
        Assert.False(host.Index.Contains(MatchIds.Offer(Guid.Parse(offer))));
    }

    private static async Task<HttpClient> SignInAsync(Node node, string userName)
    {
        var client = node.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        (await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = "Kexie@2026" })).EnsureSuccessStatusCode();
        return client;
    }

    private sealed class Node(string file) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", nameof(DatabaseProvider.Sqlite));
            builder.UseSetting("ConnectionStrings:Kexie", $"Data Source={file}");
            if (Environment.GetEnvironmentVariable("KEXIE_DATA") is { Length: > 0 } data)
            {
                builder.UseSetting("SharedData:Path", data);
            }
        }
    }
}
