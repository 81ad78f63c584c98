using System.Net;
using System.Text.Json.Nodes;
using Kexie.Data;
using Kexie.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Workbench;

/// <summary>Shared steps of the workbench and notification tests: needs and offers through the real API.</summary>
internal static class WorkbenchSteps
{
    public const string DaYing = "510923";
    public const string SheHong = "510981";

    public static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    public static string Token() => Guid.NewGuid().ToString("N")[..8];

    public static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    public static string Str(JsonNode node, string name) => node[name]!.GetValue<string>();

    public static async Task<string> SubmittedNeedAsync(KexieApp app, string title)
    {
        var enterprise = await app.SignInAsync("enterprise");
        var id = Id(await (await enterprise.PostJsonAsync("/api/v1/needs", new
        {
            title,
            problem = "含盐废水处理成本高，希望找到降低处理成本的工艺方案。",
            industryCodes = new[] { "2614" },
            disciplineCodes = new[] { "21030" },
            budgetMin = 10000m,
            budgetMax = 50000m,
            deadline = ChinaToday.AddDays(60),
            regionCode = DaYing,
        })).OkJsonAsync());
        await (await enterprise.PostAsync($"/api/v1/needs/{id}/submit", null)).OkJsonAsync();
        return id;
    }

    public static async Task<string> PublishedNeedAsync(KexieApp app, string title)
    {
        var id = await SubmittedNeedAsync(app, title);
        await (await (await app.SignInAsync("daying")).PostAsync($"/api/v1/needs/{id}/publish", null)).OkJsonAsync();
        return id;
    }

    public static async Task<string> SubmittedOfferAsync(KexieApp app, string title, string account = "worker")
    {
        var worker = await app.SignInAsync(account);
        var id = Id(await (await worker.PostJsonAsync("/api/v1/offers", new
        {
            kind = "Service",
            title,
            description = "提供化工废水处理工艺改进方面的技术咨询。",
            disciplineCodes = new[] { "21030" },
            industryCodes = new[] { "2614" },
            regionCode = DaYing,
            priceMode = "Negotiable",
        })).OkJsonAsync());
        await (await worker.PostAsync($"/api/v1/offers/{id}/submit", null)).OkJsonAsync();
        return id;
    }

    public static async Task<JsonNode> WorkbenchAsync(HttpClient client) => await (await client.GetAsync("/api/v1/workbench")).OkJsonAsync();

    public static JsonNode? Item(JsonNode workbench, string link) =>
        workbench["items"]!.AsArray().FirstOrDefault(i => Str(i!, "link") == link);

    /// <summary>A new account of <paramref name="role"/> in <paramref name="region"/> (for scope tests); returns its user name.</summary>
    /// <summary>A science worker of 大英县 with a public profile and an account of their own (nobody else's orders in their lists).</summary>
    public static async Task<string> NewWorkerAccountAsync(KexieApp app, string displayName)
    {
        var worker = Kexie.Domain.Directory.ScienceWorker.Create(
            new Kexie.Domain.Directory.ScienceWorkerData(displayName, Kexie.Domain.Directory.Gender.Male, 1980, "大英县农业农村局", "高级工程师", ["21030"], "大学本科", null, KexieApp.NewPhone(), DaYing, true),
            _ => true);
        await app.QueryAsync(db => { db.ScienceWorkers.Add(worker); return db.SaveChangesAsync(); });
        var name = await NewAccountAsync(app, UserRole.ScienceWorker, DaYing, displayName, worker.Id);
        await app.QueryAsync(async db =>
        {
            var userId = await db.Users.Where(u => u.UserName == name).Select(u => u.Id).SingleAsync();
            return await db.ScienceWorkers.Where(w => w.Id == worker.Id).ExecuteUpdateAsync(u => u.SetProperty(w => w.UserId, userId));
        });
        return name;
    }

    public static async Task<string> NewAccountAsync(KexieApp app, UserRole role, string region, string displayName, Guid? scienceWorkerId = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var name = $"t-{role.ToString().ToLowerInvariant()}-{Token()}";
        var result = await users.CreateAsync(new AppUser { UserName = name, DisplayName = displayName, Role = role, RegionCode = region, ScienceWorkerId = scienceWorkerId, EmailConfirmed = true }, Kexie.Data.Seeding.DemoSeeder.DemoPassword);
        Assert.True(result.Succeeded, string.Join("；", result.Errors.Select(e => e.Description)));
        return name;
    }
}

/// <summary>我的工作台: what each role sees, limited to what it may act on and to its region; the home page and the navigation count.</summary>
public abstract class WorkbenchTests(KexieApp app)
{
    [Fact]
    public async Task Admins_see_their_regions_review_queue_and_others_do_not()
    {
        var title = $"待审核需求{WorkbenchSteps.Token()}";
        var needId = await WorkbenchSteps.SubmittedNeedAsync(app, title);
        var offerTitle = $"待审核所能{WorkbenchSteps.Token()}";
        var offerId = await WorkbenchSteps.SubmittedOfferAsync(app, offerTitle);
        var daying = await app.SignInAsync("daying");

        var bench = await WorkbenchSteps.WorkbenchAsync(daying);
        var item = WorkbenchSteps.Item(bench, $"/Market/Needs/Details/{needId}");
        Assert.NotNull(item);
        Assert.Equal(title, WorkbenchSteps.Str(item!, "title"));
        Assert.Equal("待审核科技需求", WorkbenchSteps.Str(item!, "kindName"));
        Assert.EndsWith("大英县", WorkbenchSteps.Str(item!, "regionName"));
        Assert.NotNull(WorkbenchSteps.Item(bench, $"/Market/Offers/Details/{offerId}"));
        var review = bench["counts"]!["review"]!.GetValue<int>();
        Assert.True(review >= 2);
        var counts = await (await daying.GetAsync("/api/v1/workbench/counts")).OkJsonAsync();
        Assert.True(counts["review"]!.GetValue<int>() >= 2);

        // The province's admin sees it too (subtree); 射洪's admin, the staffer (no review permission), the parties do not.
        Assert.NotNull(WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(await app.SignInAsync("sichuan")), $"/Market/Needs/Details/{needId}"));
        foreach (var user in new[] { "shehong", "daying-staff", "worker", "enterprise" })
        {
            Assert.Null(WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(await app.SignInAsync(user)), $"/Market/Needs/Details/{needId}"));
        }

        // The navigation shows the count on every page; publishing takes the item off the queue.
        var home = await (await daying.GetAsync("/Market")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"nav-workbench-count\"", home);
        var shown = System.Text.RegularExpressions.Regex.Match(home, "data-review=\"(\\d+)\"");
        Assert.True(shown.Success && int.Parse(shown.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 2, "the navigation carries the review count");
        await (await daying.PostAsync($"/api/v1/needs/{needId}/publish", null)).OkJsonAsync();
        Assert.Null(WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(daying), $"/Market/Needs/Details/{needId}"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/workbench")).StatusCode);
    }

    [Fact]
    public async Task Staff_see_the_plans_they_handle_with_the_deadline_in_China_time_and_only_in_their_region()
    {
        var title = $"工作台计划{WorkbenchSteps.Token()}";
        var needId = await WorkbenchSteps.PublishedNeedAsync(app, title);

        // A handler of its own: the demo staffer's list (50 per section, nearest deadline first) fills up with other tests' plans.
        var handler = await WorkbenchSteps.NewAccountAsync(app, UserRole.ServiceCenterStaff, WorkbenchSteps.DaYing, "大英县科技云服务中心 何平");
        var staff = await app.SignInAsync(handler);
        var planId0 = WorkbenchSteps.Id(await (await staff.GetAsync($"/api/v1/needs/{needId}/plan")).OkJsonAsync());
        await (await (await app.SignInAsync("daying")).PostJsonAsync($"/api/v1/plans/{planId0}/handler", new { handlerUserId = handler })).OkJsonAsync();
        var plan = await (await staff.GetAsync($"/api/v1/needs/{needId}/plan")).OkJsonAsync();
        var link = $"/Market/Plans/Details/{WorkbenchSteps.Id(plan)}";

        var item = WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(staff), link);
        Assert.NotNull(item);
        Assert.Equal(title, WorkbenchSteps.Str(item!, "title"));
        Assert.EndsWith("大英县", WorkbenchSteps.Str(item!, "regionName"));
        Assert.EndsWith("+08:00", WorkbenchSteps.Str(item!, "dueAt"));
        Assert.Equal(DateTimeOffset.Parse(WorkbenchSteps.Str(plan, "responseDueAt"), System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(WorkbenchSteps.Str(item!, "dueAt"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(item!["overdue"]!.GetValue<bool>());

        // A 射洪 staffer does not see 大英's plan; 大英's admin sees it only once it is overdue.
        var sheHongStaff = await WorkbenchSteps.NewAccountAsync(app, UserRole.ServiceCenterStaff, WorkbenchSteps.SheHong, "射洪市科技云服务中心 刘洋");
        var other = await app.SignInAsync(sheHongStaff);
        Assert.Null(WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(other), link));
        Assert.Null(WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(await app.SignInAsync("daying")), link));
        var planId = Guid.Parse(WorkbenchSteps.Id(plan));
        await app.QueryAsync(db => db.ResponsePlans.Where(p => p.Id == planId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ResponseDueAt, DateTimeOffset.UtcNow.AddHours(-3))));
        var overdue = WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(await app.SignInAsync("daying")), link);
        Assert.NotNull(overdue);
        Assert.True(overdue!["overdue"]!.GetValue<bool>());
        Assert.Null(WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(await app.SignInAsync("shehong")), link));
        Assert.Null(WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(other), link));

        // Answered plans leave the queue of their region's managers but stay with their handler.
        await (await staff.PostJsonAsync($"/api/v1/plans/{planId}/contacts", new { contactedName = "张伟", channel = "Phone", note = "已电话联系" })).OkJsonAsync();
        Assert.Null(WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(await app.SignInAsync("daying")), link));
        var handled = WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(staff), link);
        Assert.NotNull(handled);
        Assert.Equal("已响应", WorkbenchSteps.Str(handled!, "note"));

        // The home page lists it by name with its deadline.
        var html = await (await staff.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains("我的工作台", html);
        Assert.Contains(title, html);
        Assert.DoesNotContain(planId.ToString(), html.Replace(link, string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Orders_wait_for_the_party_whose_step_is_next()
    {
        var offerTitle = $"订单待办所能{WorkbenchSteps.Token()}";
        // A provider of its own: the demo worker's list (50 per section, longest-waiting first) fills up with other tests' orders.
        var provider = await WorkbenchSteps.NewWorkerAccountAsync(app, "王建国");
        var offerId = await WorkbenchSteps.SubmittedOfferAsync(app, offerTitle, provider);
        await (await (await app.SignInAsync("daying")).PostAsync($"/api/v1/offers/{offerId}/publish", null)).OkJsonAsync();
        var enterprise = await app.SignInAsync("enterprise");
        var orderId = WorkbenchSteps.Id(await (await enterprise.PostJsonAsync("/api/v1/orders", new { offerId })).OkJsonAsync());
        var link = $"/Market/Orders/Details/{orderId}";

        var forWorker = WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(await app.SignInAsync(provider)), link);
        Assert.NotNull(forWorker);
        Assert.Equal(offerTitle, WorkbenchSteps.Str(forWorker!, "title"));
        Assert.Equal("询价待确认签约", WorkbenchSteps.Str(forWorker!, "note"));
        Assert.Null(WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(enterprise), link));

        // The provider's notice of the inquiry names the buyer's person, not their login name.
        var body = await app.QueryAsync(db => db.Set<Kexie.Domain.Market.Notification>().Where(n => n.Link == link && n.Kind == Kexie.Domain.Market.NotificationKind.OrderInquiry).Select(n => n.Body).SingleAsync());
        Assert.StartsWith("四川大英天润化工有限公司 张伟就", body);
    }

    [Fact]
    public async Task The_front_pages_badge_is_the_workbench_own_count_and_a_later_page_counts_afresh()
    {
        // The front page counts once and its navigation badge reuses those counts (same request); the next page counts again.
        var offerTitle = $"角标所能{WorkbenchSteps.Token()}";
        var provider = await WorkbenchSteps.NewWorkerAccountAsync(app, "赵明远");
        var offerId = await WorkbenchSteps.SubmittedOfferAsync(app, offerTitle, provider);
        await (await (await app.SignInAsync("daying")).PostAsync($"/api/v1/offers/{offerId}/publish", null)).OkJsonAsync();
        var enterprise = await app.SignInAsync("enterprise");
        await (await enterprise.PostJsonAsync("/api/v1/orders", new { offerId })).OkJsonAsync();
        var worker = await app.SignInAsync(provider);

        static int Badge(string html)
        {
            var m = System.Text.RegularExpressions.Regex.Match(html, "id=\"nav-workbench-count\"[^>]*>(\\d+)<");
            return m.Success ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        }

        static int Section(string html, string key)
        {
            var m = System.Text.RegularExpressions.Regex.Match(html, $"data-count=\"{key}\"><b>(\\d+)</b>");
            return m.Success ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        }

        var home = await (await worker.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Equal(1, Section(home, "orders"));
        Assert.Equal(1, Badge(home));
        Assert.Contains(offerTitle, home);

        // A second inquiry: the next front page and any other page count it, as the API does.
        await (await enterprise.PostJsonAsync("/api/v1/orders", new { offerId })).OkJsonAsync();
        home = await (await worker.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Equal(2, Section(home, "orders"));
        Assert.Equal(2, Badge(home));
        Assert.Equal(2, Badge(await (await worker.GetAsync("/Market")).Content.ReadAsStringAsync()));
        var counts = await (await worker.GetAsync("/api/v1/workbench/counts")).OkJsonAsync();
        Assert.Equal(2, counts["orders"]!.GetValue<int>());
        Assert.Equal(0, counts["plans"]!.GetValue<int>());
        Assert.Equal(2, (await WorkbenchSteps.WorkbenchAsync(worker))["items"]!.AsArray().Count(i => WorkbenchSteps.Str(i!, "title") == offerTitle));
    }

    [Fact]
    public async Task Visitors_get_the_public_front_page_and_the_api_reference_is_in_the_footer()
    {
        var html = await (await app.Anonymous().GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains("大英县科协科技服务云", html);
        Assert.Contains("发布科技需求", html);
        Assert.Contains("发布科技所能", html);
        Assert.Contains("报名科普活动", html);
        Assert.Contains("data-stat=\"workers\"", html);
        Assert.DoesNotContain("我的工作台", html);
        Assert.Contains("id=\"footer-api\"", html);
        var nav = html[html.IndexOf("<nav", StringComparison.Ordinal)..html.IndexOf("</nav>", StringComparison.Ordinal)];
        Assert.DoesNotContain("/api/docs", nav);
    }
}

public sealed class WorkbenchSqliteTests(SqliteApp app) : WorkbenchTests(app);

public sealed class WorkbenchPostgresTests(PostgresApp app) : WorkbenchTests(app);
