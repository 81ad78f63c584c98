using System.Net;
using Kexie.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Security;

/// <summary>
/// The auditor (审计员, 纪检/财务审计) of 大英县: created by an admin for their own subtree and not above it; reads the county's
/// operation log, orders with their money, 一单一策 plans, unpublished needs and the indicators; sees a private worker's name but
/// not the phone; gets no action on any record and a 403 on a write; its menu and the 系统管理 tabs show only what it may open.
/// (Every write endpoint refusing it is <see cref="WriteMatrixTests"/>' part.)
/// </summary>
public abstract class AuditorTests(KexieApp app)
{
    private const string DaYing = "510923";

    [Fact]
    public async Task An_admin_creates_an_auditor_for_their_own_subtree_and_not_above_it()
    {
        var daying = await app.SignInAsync("daying");
        var name = $"aud{Guid.NewGuid():N}"[..14];
        var created = await (await daying.PostJsonAsync("/api/v1/users", new { userName = name, displayName = "大英县审计测试", password = "Kexie@2026", role = "Auditor", regionCode = DaYing })).OkJsonAsync();
        Assert.Equal("审计员", created["roleName"]!.GetValue<string>());
        Assert.Equal(UserRole.Auditor, await app.QueryAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.Role).SingleAsync()));

        var above = await daying.PostJsonAsync("/api/v1/users", new { userName = name + "x", displayName = "越级审计测试", password = "Kexie@2026", role = "Auditor", regionCode = "5109" });
        Assert.Equal(HttpStatusCode.Forbidden, above.StatusCode);
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.UserName == name + "x")));

        // The account form offers the role by its Chinese name.
        Assert.Contains("<option value=\"Auditor\">审计员</option>", await daying.GetStringAsync("/Admin/Users"));
    }

    [Fact]
    public async Task The_auditor_reads_the_countys_books_and_no_private_phone_and_takes_no_action()
    {
        var auditor = await app.SignInAsync("daying-auditor");

        // An unpublished need of the county: read, with no action, and a write is refused.
        var enterprise = await app.SignInAsync("enterprise");
        var title = $"审计可见的草稿需求{Guid.NewGuid():N}"[..20];
        var need = (await (await enterprise.PostJsonAsync("/api/v1/needs", ProblemDetailsTests.NeedBody(title))).OkJsonAsync())["id"]!.GetValue<string>();
        var read = await (await auditor.GetAsync($"/api/v1/needs/{need}")).OkJsonAsync();
        Assert.Equal(title, read["title"]!.GetValue<string>());
        Assert.Empty(read["actions"]!.AsArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostJsonAsync($"/api/v1/needs/{need}/submit", new { })).StatusCode);
        Assert.Contains(title, await auditor.GetStringAsync("/Market/Needs?status=Draft"));

        // Orders of the county with their money, and no step on them.
        var orders = (await (await auditor.GetAsync("/api/v1/orders?pageSize=100")).OkJsonAsync())["items"]!.AsArray();
        Assert.NotEmpty(orders);
        Assert.All(orders, o => Assert.StartsWith(DaYing, o!["regionCode"]!.GetValue<string>()));
        Assert.Contains(orders, o => o!["contractAmount"] is not null);
        var order = await (await auditor.GetAsync($"/api/v1/orders/{orders[0]!["id"]!.GetValue<string>()}")).OkJsonAsync();
        Assert.Empty(order["actions"]!.AsArray());

        // 一单一策: the list and a plan, on the API and the pages, without a handling form.
        var plans = (await (await auditor.GetAsync("/api/v1/plans")).OkJsonAsync())["items"]!.AsArray();
        Assert.NotEmpty(plans);
        var plan = plans[0]!["id"]!.GetValue<string>();
        await (await auditor.GetAsync($"/api/v1/plans/{plan}")).OkJsonAsync();
        var plansPage = await auditor.GetAsync("/Market/Plans");
        Assert.Equal(HttpStatusCode.OK, plansPage.StatusCode);
        var planPage = await auditor.GetStringAsync($"/Market/Plans/Details/{plan}");
        Assert.DoesNotMatch("<form method=\"post\"(?![^>]*action=\"/Account/Logout\")", planPage);

        // The operation log and the audit trail of the county; the indicators.
        await (await auditor.GetAsync("/api/v1/admin/operation-log")).OkJsonAsync();
        await (await auditor.GetAsync("/api/v1/audit")).OkJsonAsync();
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/Indicators?region={DaYing}")).StatusCode);

        // A private worker of the county: the name, not the phone.
        var worker = await app.QueryAsync(db => db.ScienceWorkers.Where(w => w.RegionCode.StartsWith(DaYing) && !w.IsPublicProfile && w.Phone != "")
            .OrderBy(w => w.Id).Select(w => new { w.Id, w.Name, w.Phone }).FirstAsync());
        var profile = await auditor.GetStringAsync($"/api/v1/workers/{worker.Id}");
        Assert.Contains(worker.Name, profile);
        Assert.DoesNotContain(worker.Phone!, profile);
        Assert.Contains(worker.Phone!, await (await app.SignInAsync("daying")).GetStringAsync($"/api/v1/workers/{worker.Id}"));

        // Nothing of another county.
        var shehongOrder = await app.QueryAsync(db => db.Orders.Where(o => o.RegionCode.StartsWith("510981")).Select(o => (Guid?)o.Id).FirstOrDefaultAsync());
        if (shehongOrder is { } other)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync($"/api/v1/orders/{other}")).StatusCode);
        }
    }

    [Fact]
    public async Task The_auditors_menu_and_admin_tabs_show_only_what_it_may_open()
    {
        var auditor = await app.SignInAsync("daying-auditor");
        var home = await auditor.GetStringAsync("/");
        var menu = home[home.IndexOf("<nav class=\"mainnav\"", StringComparison.Ordinal)..];
        menu = menu[..menu.IndexOf("</nav>", StringComparison.Ordinal)];
        Assert.Contains("href=\"/Admin\"", menu);
        Assert.Contains("href=\"/Indicators\"", menu);
        Assert.DoesNotContain("href=\"/Imports\"", menu);

        var admin = await auditor.GetAsync("/Admin");
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.Equal("/Admin/OperationLog", admin.Headers.Location!.OriginalString);
        var log = await auditor.GetStringAsync("/Admin/OperationLog");
        Assert.Contains("href=\"/Admin/Audit\"", log);
        Assert.DoesNotContain("href=\"/Admin/Users\"", log);
        Assert.DoesNotContain("href=\"/Admin/TextMessages\"", log);
        Assert.DoesNotContain("href=\"/Admin/OrganizationApplications\"", log);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/Admin/Users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/Admin/TextMessages")).StatusCode);

        // The market's management entries it may open, and none for work it cannot do.
        var market = await auditor.GetStringAsync("/Market");
        Assert.Contains("href=\"/Market/Plans\"", market);
        Assert.DoesNotContain("href=\"/Market/Needs/Edit\"", market);
        Assert.DoesNotContain("href=\"/Market/Tickets\"", market);
        Assert.DoesNotContain("href=\"/Market/Review\"", market);

        // The admins still land on their accounts.
        var daying = await app.SignInAsync("daying");
        Assert.Equal("/Admin/Users", (await daying.GetAsync("/Admin")).Headers.Location!.OriginalString);
    }
}

public sealed class AuditorSqliteTests(SqliteApp app) : AuditorTests(app);

public sealed class AuditorPostgresTests(PostgresApp app) : AuditorTests(app);
