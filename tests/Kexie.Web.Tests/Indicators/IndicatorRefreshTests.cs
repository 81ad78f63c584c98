using System.Net;

namespace Kexie.Web.Tests.Indicators;

/// <summary>
/// The platform-wide full refresh is the platform admin's alone and runs in the background: 202 with the status
/// address; requests while one runs are coalesced (at most one pending). The cheap incremental refresh stays with admins.
/// </summary>
public abstract class IndicatorRefreshTests(KexieApp app)
{
    [Fact]
    public async Task A_county_admin_may_not_start_a_full_refresh()
    {
        var daying = await app.SignInAsync("daying");
        var refused = await daying.PostAsync("/api/v1/indicators/refresh?full=true", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("平台管理员", await refused.Content.ReadAsStringAsync());

        // The incremental refresh (pending record changes only) is still an admin's.
        await (await daying.PostAsync("/api/v1/indicators/refresh", null)).OkJsonAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("worker")).PostAsync("/api/v1/indicators/refresh", null)).StatusCode);
    }

    [Fact]
    public async Task The_platform_admin_queues_a_full_refresh_and_requests_coalesce()
    {
        var admin = await app.SignInAsync("admin");
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => admin.PostAsync("/api/v1/indicators/refresh?full=true", null)));
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal("/api/v1/indicators/refresh/status", response.Headers.Location?.OriginalString);
        }

        // One running at most and one pending at most: five requests make at most two runs.
        var runs = new List<long>();
        foreach (var response in responses)
        {
            runs.Add((await response.ReadNodeAsync())["runNumber"]!.GetValue<long>());
        }

        Assert.True(runs.Distinct().Count() <= 2, string.Join(",", runs));
        var status = await IndicatorRefresh.WaitForRunAsync(admin, runs.Max());
        Assert.Null(status["lastError"]);
        Assert.True(status["lastResult"]!["full"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("daying-staff")).GetAsync("/api/v1/indicators/refresh/status")).StatusCode);
    }
}

/// <summary>Starting a full refresh as the platform admin and waiting for it, for tests that need one.</summary>
internal static class IndicatorRefresh
{
    public static async Task<System.Text.Json.Nodes.JsonNode> RunFullAsync(HttpClient platformAdmin)
    {
        var accepted = await platformAdmin.PostAsync("/api/v1/indicators/refresh?full=true", null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var status = await WaitForRunAsync(platformAdmin, (await accepted.ReadNodeAsync())["runNumber"]!.GetValue<long>());
        Assert.Null(status["lastError"]);
        return status;
    }

    public static async Task<System.Text.Json.Nodes.JsonNode> WaitForRunAsync(HttpClient admin, long run)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var status = await (await admin.GetAsync("/api/v1/indicators/refresh/status")).OkJsonAsync();
            if (status["lastCompletedRun"]!.GetValue<long>() >= run)
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, "全量重算未在3分钟内完成：" + status.ToJsonString());
            await Task.Delay(100);
        }
    }
}

public sealed class IndicatorRefreshSqliteTests(SqliteApp app) : IndicatorRefreshTests(app);

public sealed class IndicatorRefreshPostgresTests(PostgresApp app) : IndicatorRefreshTests(app);
