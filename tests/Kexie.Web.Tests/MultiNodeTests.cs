using System.Net;
using System.Net.Http.Json;
using Kexie.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kexie.Web.Tests;

/// <summary>
/// Two web nodes over one database, as behind a load balancer: a sign-in on one node is honoured
/// by the other (shared data-protection keys) and a write on one is read on the other.
/// </summary>
public sealed class MultiNodeTests : IAsyncLifetime
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"kexie-nodes-{Guid.NewGuid():N}.db");
    private Node? first;
    private Node? second;

    public async ValueTask InitializeAsync()
    {
        first = new Node(file);
        (await first.CreateClient().GetAsync("/api/v1/health")).EnsureSuccessStatusCode();
        second = new Node(file);
        (await second.CreateClient().GetAsync("/api/v1/health")).EnsureSuccessStatusCode();
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
    public async Task A_cookie_issued_by_one_node_is_accepted_by_the_other()
    {
        var login = first!.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var response = await login.PostAsJsonAsync("/api/v1/auth/login", new { userName = "daying", password = "Kexie@2026" });
        response.EnsureSuccessStatusCode();
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("kexie.auth=", StringComparison.Ordinal)).Split(';')[0];

        var other = second!.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        request.Headers.Add("Cookie", cookie);
        var me = await (await other.SendAsync(request)).OkJsonAsync();
        Assert.Equal("daying", me["userName"]!.GetValue<string>());

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        forged.Headers.Add("Cookie", cookie[..^8] + "AAAAAAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.SendAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task A_write_on_one_node_is_read_on_the_other()
    {
        var writer = first!.CreateClient();
        (await writer.PostAsJsonAsync("/api/v1/auth/login", new { userName = "daying", password = "Kexie@2026" })).EnsureSuccessStatusCode();
        var phone = KexieApp.NewPhone();
        var created = await (await writer.PostJsonAsync("/api/v1/workers", new { name = "两节点", gender = "Male", phone, regionCode = "510923", isPublicProfile = true })).OkJsonAsync();
        var id = created["id"]!.GetValue<string>();
        var read = await (await second!.CreateClient().GetAsync($"/api/v1/workers/{id}")).OkJsonAsync();
        Assert.Equal("两节点", read["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_kiosk_reload_that_reaches_the_other_node_counts_no_second_view()
    {
        var staff = first!.CreateClient();
        (await staff.PostAsJsonAsync("/api/v1/auth/login", new { userName = "daying-staff", password = "Kexie@2026" })).EnsureSuccessStatusCode();
        var station = (await (await staff.PostJsonAsync("/api/v1/e-stations", new { name = "两节点e站", siteKind = "Community", regionCode = "510923", address = "测试社区" })).OkJsonAsync())["id"]!.GetValue<string>();
        var token = (await (await staff.PostJsonAsync($"/api/v1/e-stations/{station}/devices", new { name = "大厅触摸屏" })).OkJsonAsync())["token"]!.GetValue<string>();
        var post = (await (await staff.PostJsonAsync($"/api/v1/e-stations/{station}/posts", new { title = "两节点浏览", body = "正文" })).OkJsonAsync())["id"]!.GetValue<string>();

        var onFirst = await (await first.CreateClient().GetAsync($"/api/v1/e-station-kiosks/{token}/items/post/{post}")).OkJsonAsync();
        Assert.Equal(1, onFirst["views"]!.GetValue<long>());
        var onSecond = await (await second!.CreateClient().GetAsync($"/api/v1/e-station-kiosks/{token}/items/post/{post}")).OkJsonAsync();
        Assert.Equal(1, onSecond["views"]!.GetValue<long>());
        Assert.Equal(1, (await (await second.CreateClient().GetAsync($"/api/v1/e-stations/{station}/usage-summary")).OkJsonAsync())["kioskViews"]!.GetValue<long>());
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
