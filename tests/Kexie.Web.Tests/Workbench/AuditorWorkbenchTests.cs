using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kexie.Domain.Auditing;
using Kexie.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Workbench;

/// <summary>
/// 审计员's 我的工作台: the region's recent writes by kind (近期变更) and what deserves an auditor's eye (审计关注: contract amounts,
/// published records withdrawn, deletions, account changes, failed sign-ins), all of the auditor's region only, by name, each
/// linking to a log page the auditor may open; other roles do not get them.
/// </summary>
public abstract partial class AuditorWorkbenchTests(KexieApp app)
{
    /// <summary>涪城区 (绵阳): a county no other test writes in, so its auditor's counts are exactly this test's.</summary>
    private const string Quiet = "510703";

    /// <summary>彭山区 (眉山): a county no other test writes in, for the audit log's date filter.</summary>
    private const string Dated = "511403";

    private static IEnumerable<JsonNode> Items(JsonNode bench, string section) =>
        bench["items"]!.AsArray().Select(i => i!).Where(i => WorkbenchSteps.Str(i, "section") == section);

    private static JsonNode? ByTitle(JsonNode bench, string kind, string title) =>
        bench["items"]!.AsArray().Select(i => i!).FirstOrDefault(i => WorkbenchSteps.Str(i, "kindName") == kind && WorkbenchSteps.Str(i, "title") == title);

    /// <summary>An order agreed in <paramref name="region"/>: its audit rows as the audit trail writes them (created, then the amount set).</summary>
    /// <param name="byUserId">Who agreed it (null: the demo's buyer); the system's own id for a deal recorded by the platform.</param>
    private Task<string> AgreedOrderAsync(string region, string title, decimal amount, string? byUserId = null) => app.QueryAsync(async db =>
    {
        var id = Guid.NewGuid().ToString();
        var buyer = byUserId ?? await db.Users.Where(u => u.UserName == "enterprise").Select(u => u.Id).SingleAsync();
        db.AuditEntries.Add(new AuditEntry { At = DateTimeOffset.UtcNow, UserId = buyer, Action = "Added", EntityType = "Order", EntityId = id, RegionCode = region, After = $"{{\"Id\":\"{id}\",\"Title\":\"{title}\",\"Status\":1,\"ContractAmount\":null}}" });
        db.AuditEntries.Add(new AuditEntry { At = DateTimeOffset.UtcNow, UserId = buyer, Action = "Modified", EntityType = "Order", EntityId = id, RegionCode = region, Before = $"{{\"Id\":\"{id}\",\"Status\":1,\"ContractAmount\":null}}", After = $"{{\"Id\":\"{id}\",\"Status\":2,\"ContractAmount\":{amount}}}" });
        await db.SaveChangesAsync();
        return id;
    });

    [Fact]
    public async Task An_auditor_sees_their_regions_changes_and_what_deserves_an_eye_by_name_and_can_open_every_link()
    {
        var token = WorkbenchSteps.Token();
        var auditorName = await WorkbenchSteps.NewAccountAsync(app, UserRole.Auditor, WorkbenchSteps.DaYing, $"大英审计员{token}");
        var otherAuditorName = await WorkbenchSteps.NewAccountAsync(app, UserRole.Auditor, WorkbenchSteps.SheHong, $"射洪审计员{token}");

        // A published need withdrawn by its owner (the way a published record is changed after approval).
        var withdrawnTitle = $"发布后撤回的需求{token}";
        var withdrawn = await WorkbenchSteps.PublishedNeedAsync(app, withdrawnTitle);
        var enterprise = await app.SignInAsync("enterprise");
        await (await enterprise.PostJsonAsync($"/api/v1/needs/{withdrawn}/withdraw", new { reason = "补充技术指标" })).OkJsonAsync();

        // A draft deleted.
        var deletedTitle = $"删除的草稿{token}";
        var draft = WorkbenchSteps.Id(await (await enterprise.PostJsonAsync("/api/v1/needs", new
        {
            title = deletedTitle,
            problem = "草稿：含盐废水处理成本高，希望找到降低处理成本的工艺方案。",
            industryCodes = new[] { "2614" },
            disciplineCodes = new[] { "21030" },
            deadline = WorkbenchSteps.ChinaToday.AddDays(60),
            regionCode = WorkbenchSteps.DaYing,
        })).OkJsonAsync());
        Assert.True((await enterprise.DeleteAsync($"/api/v1/needs/{draft}")).IsSuccessStatusCode);

        // An account created by the county's admin, then three failed sign-ins on it.
        var person = $"新账号{token}";
        var login = $"acct{token}";
        var daying = await app.SignInAsync("daying");
        Assert.Equal(HttpStatusCode.Created, (await daying.PostJsonAsync("/api/v1/users", new { userName = login, displayName = person, password = Kexie.Data.Seeding.DemoSeeder.DemoPassword, role = "ScienceWorker", regionCode = WorkbenchSteps.DaYing })).StatusCode);
        for (var i = 0; i < 3; i++)
        {
            Assert.False((await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { userName = login, password = "WrongPassword1" })).IsSuccessStatusCode);
        }

        // Orders agreed in 大英 and in 射洪.
        var orderTitle = $"大英订单{token}";
        await AgreedOrderAsync(WorkbenchSteps.DaYing, orderTitle, 80000m);
        var otherOrderTitle = $"射洪订单{token}";
        await AgreedOrderAsync(WorkbenchSteps.SheHong, otherOrderTitle, 120000m);

        var auditor = await app.SignInAsync(auditorName);
        var bench = await WorkbenchSteps.WorkbenchAsync(auditor);

        var withdrawal = ByTitle(bench, "发布后撤回", withdrawnTitle);
        Assert.NotNull(withdrawal);
        Assert.Equal($"/Admin/Audit?entityType=Need&entityId={withdrawn}", WorkbenchSteps.Str(withdrawal!, "link"));
        Assert.Equal("已发布的科技需求被撤回（可修改后重新提交），操作人：四川大英天润化工有限公司 张伟", WorkbenchSteps.Str(withdrawal!, "note"));
        Assert.EndsWith("大英县", WorkbenchSteps.Str(withdrawal!, "regionName"));

        var deletion = ByTitle(bench, "删除记录", deletedTitle);
        Assert.NotNull(deletion);
        Assert.Equal("科技需求被删除，操作人：四川大英天润化工有限公司 张伟", WorkbenchSteps.Str(deletion!, "note"));

        var account = ByTitle(bench, "账号与角色变更", person);
        Assert.NotNull(account);
        Assert.Equal("新建账号，角色：科技工作者，操作人：大英县科协管理员", WorkbenchSteps.Str(account!, "note"));

        var failures = ByTitle(bench, "登录失败", person);
        Assert.NotNull(failures);
        Assert.EndsWith("登录失败3次（密码错误3次）", WorkbenchSteps.Str(failures!, "note"));
        Assert.StartsWith("/Admin/LoginLog?outcome=failure&from=", WorkbenchSteps.Str(failures!, "link"));

        var order = ByTitle(bench, "订单签约金额", orderTitle);
        Assert.NotNull(order);
        Assert.Equal("签约，合同金额 80000 元，操作人：四川大英天润化工有限公司 张伟", WorkbenchSteps.Str(order!, "note"));
        Assert.Null(ByTitle(bench, "订单签约金额", otherOrderTitle));

        var needs = ByTitle(bench, "近期变更", "科技需求");
        Assert.NotNull(needs);
        // The kind's audit log from the day the period starts (China date), not its whole history.
        Assert.Matches("^/Admin/Audit\\?entityType=Need&from=\\d{4}-\\d{2}-\\d{2}$", WorkbenchSteps.Str(needs!, "link"));
        Assert.Matches("^自\\d+月\\d+日 \\d\\d:\\d\\d以来：新增\\d+条、修改\\d+条、删除\\d+条（\\d+人操作）$", WorkbenchSteps.Str(needs!, "note"));

        // Counts: at least what is listed (each source lists at most 50), and the badge agrees with the page.
        Assert.True(bench["counts"]!["oversight"]!.GetValue<int>() >= 5);
        Assert.True(bench["counts"]!["changes"]!.GetValue<int>() >= 3);
        Assert.True(bench["counts"]!["total"]!.GetValue<int>() >= bench["counts"]!["oversight"]!.GetValue<int>());

        // People see names: no item shows an id or a login name (links carry ids; they are not shown).
        var logins = new[] { login, auditorName, "enterprise", "daying" };
        foreach (var item in Items(bench, "Oversight").Concat(Items(bench, "Changes")))
        {
            foreach (var field in new[] { "kindName", "title", "regionName", "note" })
            {
                var text = WorkbenchSteps.Str(item, field);
                Assert.DoesNotMatch(GuidPattern(), text);
                Assert.DoesNotMatch("^\\d{6}$", text);
                Assert.DoesNotContain(text, logins, StringComparer.Ordinal);
                Assert.DoesNotContain("acct" + token, text, StringComparison.Ordinal);
            }
        }

        // Nothing listed that the auditor cannot open: every link renders for them, and a record's history names it.
        foreach (var link in new[] { withdrawal!, deletion!, account!, failures!, order!, needs! }.Select(i => WorkbenchSteps.Str(i, "link")))
        {
            var page = await auditor.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        Assert.Contains(withdrawnTitle, await auditor.GetStringAsync(WorkbenchSteps.Str(withdrawal!, "link")));
        Assert.Contains(person, await auditor.GetStringAsync(WorkbenchSteps.Str(failures!, "link")));
        Assert.Contains(withdrawnTitle, await auditor.GetStringAsync(WorkbenchSteps.Str(needs!, "link")));

        // The front page shows the counts and the items, and links to the logs.
        var home = await auditor.GetStringAsync("/");
        Assert.Contains("项审计关注", home);
        Assert.Contains(withdrawnTitle, home);
        Assert.Contains("href=\"/Admin/Audit\"", home);
        Assert.Contains("监督范围：四川省 遂宁市 大英县", home);

        // 射洪's auditor sees none of 大英's, but its own order.
        var other = await WorkbenchSteps.WorkbenchAsync(await app.SignInAsync(otherAuditorName));
        Assert.NotNull(ByTitle(other, "订单签约金额", otherOrderTitle));
        foreach (var title in new[] { withdrawnTitle, deletedTitle, person, orderTitle })
        {
            Assert.DoesNotContain(other["items"]!.AsArray(), i => WorkbenchSteps.Str(i!, "title") == title);
        }

        Assert.All(Items(other, "Oversight"), i => Assert.Contains("射洪市", WorkbenchSteps.Str(i, "regionName")));

        // The county's admin and staff have no auditor's workbench (the catalogue grants it to auditors).
        foreach (var user in new[] { "daying", "daying-staff" })
        {
            var theirs = await WorkbenchSteps.WorkbenchAsync(await app.SignInAsync(user));
            Assert.Empty(Items(theirs, "Oversight"));
            Assert.Empty(Items(theirs, "Changes"));
            Assert.Equal(0, theirs["counts"]!["oversight"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task An_auditors_counts_are_their_regions_items_only()
    {
        var token = WorkbenchSteps.Token();
        var quietAuditor = await WorkbenchSteps.NewAccountAsync(app, UserRole.Auditor, Quiet, $"涪城审计员{token}");
        var quietOrder = $"涪城订单{token}";
        await AgreedOrderAsync(Quiet, quietOrder, 50000m, Actor.System.UserId);
        await AgreedOrderAsync(WorkbenchSteps.DaYing, $"大英订单{token}", 70000m);

        var client = await app.SignInAsync(quietAuditor);
        var bench = await WorkbenchSteps.WorkbenchAsync(client);

        // In the county: the order's amount and the auditor's own account (created by the system, so named as such); nothing of 大英.
        Assert.Contains(Items(bench, "Oversight"), i => WorkbenchSteps.Str(i, "note") == "新建账号，角色：审计员，操作人：系统");
        Assert.Contains(Items(bench, "Oversight"), i => WorkbenchSteps.Str(i, "note") == "签约，合同金额 50000 元，操作人：系统");
        Assert.Equal(
            [("订单签约金额", quietOrder), ("账号与角色变更", $"涪城审计员{token}")],
            Items(bench, "Oversight").Select(i => (WorkbenchSteps.Str(i, "kindName"), WorkbenchSteps.Str(i, "title"))).OrderBy(i => i.Item1, StringComparer.Ordinal).ToArray());
        Assert.Equal(["订单", "账号"], Items(bench, "Changes").Select(i => WorkbenchSteps.Str(i, "title")).Order(StringComparer.Ordinal).ToArray());
        var orders = Items(bench, "Changes").Single(i => WorkbenchSteps.Str(i, "title") == "订单");
        Assert.Matches("^自\\d+月\\d+日 \\d\\d:\\d\\d以来：新增1条、修改1条（系统操作）$", WorkbenchSteps.Str(orders, "note"));
        var counts = await (await client.GetAsync("/api/v1/workbench/counts")).OkJsonAsync();
        Assert.Equal(2, counts["oversight"]!.GetValue<int>());
        Assert.Equal(2, counts["changes"]!.GetValue<int>());
        Assert.Equal(2, counts["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_audit_log_is_filtered_by_china_dates_and_says_which_date_is_wrong()
    {
        var token = WorkbenchSteps.Token();
        var auditor = await app.SignInAsync(await WorkbenchSteps.NewAccountAsync(app, UserRole.Auditor, Dated, $"彭山审计员{token}"));
        var recent = await AgreedOrderAsync(Dated, $"彭山近期订单{token}", 30000m, Actor.System.UserId);
        var old = Guid.NewGuid().ToString();
        var oldAt = DateTimeOffset.UtcNow.AddDays(-40);
        await app.QueryAsync(async db =>
        {
            db.AuditEntries.Add(new AuditEntry { At = oldAt, UserId = Actor.System.UserId, Action = "Added", EntityType = "Order", EntityId = old, RegionCode = Dated, After = $"{{\"Id\":\"{old}\",\"Title\":\"彭山旧订单{token}\",\"Status\":1}}" });
            await db.SaveChangesAsync();
            return 0;
        });

        var today = WorkbenchSteps.ChinaToday;
        var oldDay = oldAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");
        async Task<string[]> IdsAsync(string query) =>
            [.. (await (await auditor.GetAsync($"/api/v1/audit?entityType=Order&pageSize=100&{query}")).OkJsonAsync())["items"]!.AsArray().Select(i => WorkbenchSteps.Str(i!, "entityId"))];

        var lastWeek = await IdsAsync($"from={today.AddDays(-7):yyyy-MM-dd}");
        Assert.Contains(recent, lastWeek);
        Assert.DoesNotContain(old, lastWeek);
        var thatDay = await IdsAsync($"from={oldDay}&to={oldDay}");
        Assert.Equal([old], thatDay);
        Assert.Contains(old, await IdsAsync(string.Empty));

        // The page: the same filter, the dates kept in the form and the pager; a start after the end is said, not applied.
        var page = await auditor.GetStringAsync($"/Admin/Audit?entityType=Order&from={oldDay}&to={oldDay}");
        Assert.Contains($"彭山旧订单{token}", page);
        Assert.DoesNotContain($"彭山近期订单{token}", page);
        Assert.Contains($"value=\"{oldDay}\"", page);
        var wrong = await auditor.GetStringAsync($"/Admin/Audit?entityType=Order&from={today:yyyy-MM-dd}&to={oldDay}");
        Assert.Contains("结束日期不能早于开始日期，未按日期筛选。", wrong);
        Assert.Contains($"彭山旧订单{token}", wrong);

        // The API: problem details naming the field, in Chinese.
        var reversed = await auditor.GetAsync($"/api/v1/audit?from={today:yyyy-MM-dd}&to={oldDay}");
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Contains("结束日期不能早于开始日期", await reversed.Content.ReadAsStringAsync());
        var malformed = await auditor.GetAsync("/api/v1/audit?from=2026-13-01");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var problem = await malformed.Content.ReadFromJsonAsync<JsonObject>();
        Assert.NotNull(problem!["errors"]!["from"]);
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();
}

public sealed class AuditorWorkbenchSqliteTests(SqliteApp app) : AuditorWorkbenchTests(app);

public sealed class AuditorWorkbenchPostgresTests(PostgresApp app) : AuditorWorkbenchTests(app);
