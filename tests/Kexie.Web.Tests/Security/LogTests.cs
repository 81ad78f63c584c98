using System.Net;
using System.Text.Json.Nodes;
using Kexie.Data.Security;
using Kexie.Web.Features.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Security;

/// <summary>
/// The login log and the operation log (等保): every sign-in attempt and every state-changing request (API and page
/// handlers) with user, region, operation, status, address, user agent and duration; visible to admins within their
/// region subtree (the platform admin sees all, anonymous rows included), filterable, exportable to Excel; old rows pruned.
/// </summary>
public abstract class LogTests(KexieApp app)
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task Writes_are_in_the_operation_log_visible_to_admins_of_the_users_region()
    {
        var (dayingUser, dayingName, dayingIp) = await NewAdminAsync("daying", "510923");
        var (shehongUser, _, _) = await NewAdminAsync("shehong", "510981");
        var township = await TownshipOfAsync("510923");

        var d = app.From(dayingIp);
        await (await d.LoginAsync(dayingUser, Password)).OkJsonAsync();
        Assert.Equal(HttpStatusCode.Created, (await d.PostJsonAsync("/api/v1/workers", new { name = "日志工作者", gender = "Male", phone = KexieApp.NewPhone(), regionCode = township })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await d.PostJsonAsync("/api/v1/workers", new { name = "", gender = "Male", phone = KexieApp.NewPhone(), regionCode = township })).StatusCode);
        var logoutForm = await d.GetStringAsync("/Account/Logout");
        var logout = await d.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = LoginTestSupport.TokenOf(logoutForm) }));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        var s = app.From(LoginTestSupport.NewIp());
        await (await s.LoginAsync(shehongUser, Password)).OkJsonAsync();
        Assert.Equal(HttpStatusCode.Created, (await s.PostJsonAsync("/api/v1/workers", new { name = "射洪日志工作者", gender = "Female", phone = KexieApp.NewPhone(), regionCode = await TownshipOfAsync("510981") })).StatusCode);

        var anonymousIp = LoginTestSupport.NewIp();
        Assert.Equal(HttpStatusCode.NotFound, (await app.From(anonymousIp).PostJsonAsync($"/api/v1/popularization-activities/{Guid.NewGuid()}/registrations", new { name = "路人", phone = KexieApp.NewPhone() })).StatusCode);

        var daying = await app.SignInAsync("daying");
        var rows = await WaitForRowsAsync(daying, $"/api/v1/admin/operation-log?user={dayingUser}&pageSize=50", 4);
        Assert.Contains(rows, r => r["route"]!.GetValue<string>() == "/api/v1/auth/login" && r["statusCode"]!.GetValue<int>() == 200); // signed in by then
        var created = rows.Single(r => r["statusCode"]!.GetValue<int>() == 201);
        Assert.Equal("POST", created["method"]!.GetValue<string>());
        Assert.Equal("/api/v1/workers", created["route"]!.GetValue<string>());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", created["operation"]!.GetValue<string>());
        Assert.Equal(dayingName, created["displayName"]!.GetValue<string>());
        Assert.Equal(await app.QueryAsync(db => db.Regions.Where(r => r.Code == township).Select(r => r.Name).SingleAsync()), created["regionName"]!.GetValue<string>());
        Assert.Equal(township, created["regionCode"]!.GetValue<string>());
        Assert.Equal(dayingIp, created["ip"]!.GetValue<string>());
        Assert.Equal(LoginTestSupport.UserAgent, created["userAgent"]!.GetValue<string>());
        Assert.True(created["durationMs"]!.GetValue<int>() >= 0);
        Assert.True(created["succeeded"]!.GetValue<bool>());
        Assert.Contains(rows, r => r["statusCode"]!.GetValue<int>() == 400 && !r["succeeded"]!.GetValue<bool>());
        var page = rows.Single(r => r["route"]!.GetValue<string>() == "/Account/Logout");
        Assert.Equal(302, page["statusCode"]!.GetValue<int>());
        Assert.Equal(dayingName, page["displayName"]!.GetValue<string>());

        // Filters: outcome and date (China dates).
        var failures = (await (await daying.GetAsync($"/api/v1/admin/operation-log?user={dayingUser}&outcome=failure")).OkJsonAsync())["items"]!.AsArray();
        Assert.Equal(400, Assert.Single(failures)!["statusCode"]!.GetValue<int>());
        var today = DateTimeOffset.UtcNow.ToOffset(Cst).ToString("yyyy-MM-dd");
        var tomorrow = DateTimeOffset.UtcNow.ToOffset(Cst).AddDays(1).ToString("yyyy-MM-dd");
        Assert.Equal(4, (await (await daying.GetAsync($"/api/v1/admin/operation-log?user={dayingUser}&from={today}&to={today}")).OkJsonAsync())["total"]!.GetValue<int>());
        Assert.Equal(0, (await (await daying.GetAsync($"/api/v1/admin/operation-log?user={dayingUser}&from={tomorrow}")).OkJsonAsync())["total"]!.GetValue<int>());

        // Region scope: 大英县's admin does not see 射洪市's user; 遂宁市's sees both; the platform admin sees anonymous rows.
        await WaitForRowsAsync(await app.SignInAsync("suining"), $"/api/v1/admin/operation-log?user={shehongUser}", 2);
        Assert.Equal(0, (await (await daying.GetAsync($"/api/v1/admin/operation-log?user={shehongUser}")).OkJsonAsync())["total"]!.GetValue<int>());
        // By its client address: other tests' failures would push it off any page of all failures.
        var all = await WaitForAsync(await app.SignInAsync("admin"), $"/api/v1/admin/operation-log?outcome=failure&ip={anonymousIp}",
            items => items.Any(r => r["ip"]?.GetValue<string>() == anonymousIp));
        Assert.All(all, r => Assert.Equal(anonymousIp, r["ip"]!.GetValue<string>()));
        var anonymous = all.First(r => r["ip"]?.GetValue<string>() == anonymousIp);
        Assert.Null(anonymous["displayName"]);
        Assert.Equal(404, anonymous["statusCode"]!.GetValue<int>());
        Assert.Equal("/api/v1/popularization-activities/{id:guid}/registrations", anonymous["route"]!.GetValue<string>());

        // Not for staff or users.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("daying-staff")).GetAsync("/api/v1/admin/operation-log")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("worker")).GetAsync("/api/v1/admin/login-log")).StatusCode);

        // The page shows names, not login names; the export has the same rows.
        var html = await (await daying.GetAsync($"/Admin/OperationLog?user={dayingUser}")).Content.ReadAsStringAsync();
        Assert.Contains(dayingName, html);
        Assert.Contains("操作日志", html);
        var export = await daying.GetAsync($"/api/v1/admin/operation-log/export.xlsx?user={dayingUser}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var sheet = MiniExcelLibs.MiniExcel.Query(await export.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(4, sheet.Count);
        Assert.All(sheet, r => Assert.Equal(dayingName, r["操作人"]));
        Assert.Contains(sheet, r => r["请求"]?.ToString() == "POST /api/v1/workers");
    }

    [Fact]
    public async Task A_write_to_no_endpoint_is_logged_without_the_ids_in_its_path()
    {
        // No route matches, so the log keeps the path; the record id (or token) in it is masked, since people read the log.
        var ip = LoginTestSupport.NewIp();
        var id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await app.From(ip).PostJsonAsync($"/api/v1/workers/{id}/nowhere/{Convert.ToHexString(new byte[32])}", new { })).StatusCode);
        var rows = await WaitForAsync(await app.SignInAsync("admin"), $"/api/v1/admin/operation-log?ip={ip}", items => items.Count > 0);
        var route = Assert.Single(rows)!["route"]!.GetValue<string>();
        Assert.Equal("/api/v1/workers/{id}/nowhere/{id}", route);
        Assert.DoesNotContain(id.ToString(), await (await app.SignInAsync("admin")).GetStringAsync($"/Admin/OperationLog?ip={ip}"));
    }

    [Fact]
    public async Task Sign_ins_are_in_the_login_log_visible_to_admins_of_the_users_region()
    {
        var (userName, displayName, ip) = await NewAdminAsync("daying", "510923");
        var client = app.From(ip);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync(userName, "wrong-password")).StatusCode);
        await (await client.LoginAsync(userName, Password)).OkJsonAsync();

        var daying = await app.SignInAsync("daying");
        var log = await (await daying.GetAsync($"/api/v1/admin/login-log?user={userName}")).OkJsonAsync();
        var items = log["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.Equal("成功", items[0]!["result"]!.GetValue<string>()); // newest first
        Assert.Equal("失败", items[1]!["result"]!.GetValue<string>());
        Assert.Equal("密码错误", items[1]!["reason"]!.GetValue<string>());
        Assert.Equal(displayName, items[0]!["displayName"]!.GetValue<string>());
        Assert.Equal(ip, items[0]!["ip"]!.GetValue<string>());
        Assert.Equal(LoginTestSupport.UserAgent, items[0]!["userAgent"]!.GetValue<string>());
        Assert.Equal(1, (await (await daying.GetAsync($"/api/v1/admin/login-log?user={userName}&outcome=failure")).OkJsonAsync())["total"]!.GetValue<int>());
        Assert.Equal(0, (await (await (await app.SignInAsync("shehong")).GetAsync($"/api/v1/admin/login-log?user={userName}")).OkJsonAsync())["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, (await daying.GetAsync("/api/v1/admin/login-log?outcome=maybe")).StatusCode);

        // Unknown names are only the platform admin's to see, masked.
        var unknownIp = LoginTestSupport.NewIp();
        await app.From(unknownIp).LoginAsync("q" + Guid.NewGuid().ToString("N")[..10], "wrong-password");
        var platform = (await (await (await app.SignInAsync("admin")).GetAsync("/api/v1/admin/login-log?user=q***&pageSize=200")).OkJsonAsync())["items"]!.AsArray();
        var unknown = platform.First(r => r!["ip"]?.GetValue<string>() == unknownIp)!;
        Assert.Equal("q***", unknown["userName"]!.GetValue<string>());
        Assert.Equal("用户名不存在", unknown["reason"]!.GetValue<string>());

        var html = await (await daying.GetAsync($"/Admin/LoginLog?user={userName}")).Content.ReadAsStringAsync();
        Assert.Contains(displayName, html);
        Assert.Contains("/Admin/OperationLog", html); // the admin navigation links both logs

        // A start after the end: the page says so and lists without the dates (the API refuses it, naming the field).
        var reversed = await daying.GetAsync($"/Admin/LoginLog?user={userName}&from=2026-12-05&to=2026-12-01");
        Assert.Equal(HttpStatusCode.OK, reversed.StatusCode);
        var reversedHtml = await reversed.Content.ReadAsStringAsync();
        Assert.Contains("结束日期不能早于开始日期，未按日期筛选。", reversedHtml);
        Assert.Contains(displayName, reversedHtml);
        Assert.Contains("结束日期不能早于开始日期", await (await daying.GetAsync("/Admin/OperationLog?from=2026-12-05&to=2026-12-01")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await daying.GetAsync("/api/v1/admin/login-log?from=2026-12-05&to=2026-12-01")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("worker")).GetAsync("/Admin/LoginLog")).StatusCode);
        var export = await daying.GetAsync($"/api/v1/admin/login-log/export.xlsx?user={userName}");
        var sheet = MiniExcelLibs.MiniExcel.Query(await export.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["失败", "成功"], sheet.Select(r => r["结果"]?.ToString()).Order());
        Assert.All(sheet, r => Assert.Equal(ip, r["IP地址"]));
    }

    [Fact]
    public async Task Rows_older_than_the_retention_are_pruned()
    {
        var marker = "retention-" + Guid.NewGuid().ToString("N")[..8];
        var old = DateTimeOffset.UtcNow.AddDays(-181);
        var recent = DateTimeOffset.UtcNow.AddDays(-179);
        await app.QueryAsync(db =>
        {
            db.LoginLog.AddRange(
                new LoginLogEntry { At = old, UserName = marker, UserKey = marker, Outcome = LoginOutcome.WrongPassword },
                new LoginLogEntry { At = recent, UserName = marker, UserKey = marker, Outcome = LoginOutcome.WrongPassword });
            db.OperationLog.AddRange(
                new OperationLogEntry { At = old, UserName = marker, Method = "POST", Route = "/x", StatusCode = 200 },
                new OperationLogEntry { At = recent, UserName = marker, Method = "POST", Route = "/x", StatusCode = 200 });
            return db.SaveChangesAsync();
        });

        await app.Services.GetRequiredService<SecurityLogRetention>().PruneAsync(CancellationToken.None);

        var keptLogins = await app.QueryAsync(db => db.LoginLog.Where(l => l.UserName == marker).Select(l => l.At).ToListAsync());
        var keptOperations = await app.QueryAsync(db => db.OperationLog.Where(l => l.UserName == marker).Select(l => l.At).ToListAsync());
        Assert.True(Assert.Single(keptLogins) > DateTimeOffset.UtcNow.AddDays(-180));
        Assert.True(Assert.Single(keptOperations) > DateTimeOffset.UtcNow.AddDays(-180));
    }

    private const string Password = "Logs2026x";

    /// <summary>
    /// A fresh association admin (so the test's rows are the only ones under its name) of a township of the county,
    /// created by the county's demo admin. A township, so that no test that counts the county's own admins sees it.
    /// </summary>
    private async Task<(string UserName, string DisplayName, string Ip)> NewAdminAsync(string creator, string county)
    {
        var region = await TownshipOfAsync(county);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var userName = "log" + suffix;
        var displayName = "日志测试" + suffix;
        var admin = await app.SignInAsync(creator);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync("/api/v1/users", new { userName, displayName, password = Password, role = "AssociationAdmin", regionCode = region })).StatusCode);
        return (userName, displayName, LoginTestSupport.NewIp());
    }

    private Task<string> TownshipOfAsync(string county) =>
        app.QueryAsync(db => db.Regions.Where(r => r.ParentCode == county).OrderBy(r => r.Code).Select(r => r.Code).FirstAsync());

    private static async Task<List<JsonNode>> WaitForRowsAsync(HttpClient client, string url, int count) =>
        await WaitForAsync(client, url, items => items.Count >= count);

    /// <summary>Operation-log rows are written by a background writer: wait until they are there.</summary>
    private static async Task<List<JsonNode>> WaitForAsync(HttpClient client, string url, Func<List<JsonNode>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var items = (await (await client.GetAsync(url)).OkJsonAsync())["items"]!.AsArray().Select(i => i!).ToList();
            if (done(items))
            {
                return items;
            }

            Assert.True(DateTime.UtcNow < deadline, "操作日志未在20秒内写入：" + string.Join("\n", items.Select(i => i.ToJsonString())));
            await Task.Delay(100);
        }
    }
}

public sealed class LogSqliteTests(SqliteApp app) : LogTests(app);

public sealed class LogPostgresTests(PostgresApp app) : LogTests(app);
