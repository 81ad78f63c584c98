using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Security;

/// <summary>
/// Pages ask the authorization model (<c>KexiePageModel.Can</c>, the DTOs' actions, the directory's visibility rules) instead of
/// deciding from the role by hand: no page or view tests a role, and what a page shows follows the region a record is in.
/// </summary>
public abstract partial class PageAuthorizationTests(KexieApp app)
{
    private const string DaYing = "510923";

    [GeneratedRegex(@"\.IsRegionManager\b|\.IsAdmin\b|\.Manages\(|\.Administers\(|\.Role\s*(==|!=|is\b)|Role\s*==\s*(Kexie\.Domain\.Identity\.)?UserRole\.")]
    private static partial Regex RoleTest();

    [Fact]
    public void No_page_or_view_decides_from_the_role_by_hand()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Kexie.slnx")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var pages = Path.Combine(root.FullName, "src", "Kexie.Web", "Pages");
        var files = Directory.EnumerateFiles(pages, "*.cshtml*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cshtml.cs", StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count > 100, $"only {files.Count} pages found under {pages}");
        var offending = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root.FullName, f), Line: i + 1, Text: line.Trim())))
            .Where(x => RoleTest().IsMatch(x.Text))
            .Select(x => $"{x.File}:{x.Line}: {x.Text}")
            .ToList();
        Assert.True(offending.Count == 0, "页面请用 Can(权限, 地区) 或记录携带的可执行操作，不要按角色手写判断：\n" + string.Join("\n", offending));

        // The scan would find what it forbids (so it cannot pass by looking at nothing).
        Assert.Matches(RoleTest(), "if (Actor.IsRegionManager && Actor.Manages(x.RegionCode))");
        Assert.Matches(RoleTest(), "public bool CanEdit => Actor.Role == UserRole.PlatformAdmin;");
    }

    /// <summary>
    /// The county's auditor (审计员) opens the pages of the county's records — an unpublished need, an order with its money, a
    /// 一单一策 plan — and finds no button or form for an action: its role holds no write permission, and the pages draw their
    /// buttons from the same grants (the DTOs' actions, <c>Can</c>).
    /// </summary>
    [Fact]
    public async Task The_countys_auditor_sees_the_records_pages_without_a_button_for_any_action()
    {
        var auditor = await app.SignInAsync("daying-auditor");
        var title = $"审计页面草稿需求{Guid.NewGuid():N}"[..20];
        var need = (await (await (await app.SignInAsync("enterprise")).PostJsonAsync("/api/v1/needs", ProblemDetailsTests.NeedBody(title))).OkJsonAsync())["id"]!.GetValue<string>();
        var order = await app.QueryAsync(db => db.Orders.Where(o => o.RegionCode.StartsWith(DaYing) && o.ContractAmount != null).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());
        var plan = await app.QueryAsync(db => db.ResponsePlans.Where(p => p.RegionCode.StartsWith(DaYing)).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        foreach (var (url, named) in new[] { ($"/Market/Needs/Details/{need}", title), ($"/Market/Orders/Details/{order}", "元"), ($"/Market/Plans/Details/{plan}", "一单一策") })
        {
            var response = await auditor.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains(named, html);
            Assert.DoesNotMatch("<form method=\"post\"(?![^>]*action=\"/Account/Logout\")", html);
            Assert.DoesNotContain("/Edit?id=", html);
            Assert.DoesNotContain("/Edit/", html);
        }
    }

    [Fact]
    public async Task Another_countys_staff_see_a_private_providers_name_nowhere_on_the_market_pages()
    {
        // A 大英 worker with a private profile, whose offer 大英's admin files and publishes for them.
        var worker = await app.QueryAsync(db => db.ScienceWorkers
            .Where(w => w.RegionCode.StartsWith(DaYing) && !w.IsPublicProfile)
            .OrderBy(w => w.Name).Select(w => new { w.Id, w.Name }).FirstAsync());
        var daying = await app.SignInAsync("daying");
        var title = $"私密专家所能{Guid.NewGuid():N}"[..20];
        var created = await (await daying.PostJsonAsync("/api/v1/offers", new
        {
            kind = "Service",
            title,
            description = "提供柑橘病虫害绿色防控技术咨询与现场指导服务。",
            providerWorkerId = worker.Id,
            disciplineCodes = new[] { "21030" },
            priceMode = "Negotiable",
        })).OkJsonAsync();
        var id = created["id"]!.GetValue<Guid>();
        await (await daying.PostAsync($"/api/v1/offers/{id}/submit", null)).OkJsonAsync();
        await (await daying.PostAsync($"/api/v1/offers/{id}/publish", null)).OkJsonAsync();

        // 大英's own admin manages the worker's region and sees the name.
        Assert.Contains(worker.Name, await daying.GetStringAsync($"/Market/Offers/Details/{id}"));

        // 射洪's admin manages another county: the offer is public, its private provider's name is not.
        var shehong = await app.SignInAsync("shehong");
        var details = await shehong.GetAsync($"/Market/Offers/Details/{id}");
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        var detailsHtml = await details.Content.ReadAsStringAsync();
        Assert.Contains(title, detailsHtml);
        Assert.DoesNotContain(worker.Name, detailsHtml);
        Assert.Contains("未公开姓名", detailsHtml);

        var list = await shehong.GetStringAsync($"/Market/Offers?q={Uri.EscapeDataString(title)}");
        Assert.Contains(title, list);
        Assert.DoesNotContain(worker.Name, list);

        // Published, it cannot be edited by anyone (409); withdrawn, only its county edits it and 射洪 cannot even read it.
        Assert.Equal(HttpStatusCode.Conflict, (await daying.GetAsync($"/Market/Offers/Edit/{id}")).StatusCode);
        await (await daying.PostAsync($"/api/v1/offers/{id}/withdraw", null)).OkJsonAsync();
        Assert.Equal(HttpStatusCode.OK, (await daying.GetAsync($"/Market/Offers/Edit/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.GetAsync($"/Market/Offers/Edit/{id}")).StatusCode);
    }

    [Fact]
    public async Task Edit_pages_follow_the_region_of_the_record_not_the_role()
    {
        // Records 射洪 may read (public profiles, verified organizations, published popularization records), so the answer
        // is the refusal to edit them, not a 404.
        var records = await app.QueryAsync(async db => new
        {
            Worker = await db.ScienceWorkers.Where(w => w.RegionCode.StartsWith(DaYing) && w.IsPublicProfile).OrderBy(w => w.Name).Select(w => w.Id).FirstAsync(),
            Organization = await db.Organizations.Where(o => o.RegionCode.StartsWith(DaYing) && o.IsVerified).OrderBy(o => o.Name).Select(o => o.Id).FirstAsync(),
            Venue = await db.Venues.Where(v => v.RegionCode.StartsWith(DaYing)).OrderBy(v => v.Name).Select(v => v.Id).FirstAsync(),
            Station = await db.EStations.Where(s => s.RegionCode.StartsWith(DaYing)).OrderBy(s => s.Name).Select(s => s.Id).FirstAsync(),
            Activity = await db.PopularizationActivities.Where(a => a.RegionCode.StartsWith(DaYing)).OrderBy(a => a.Title).Select(a => a.Id).FirstAsync(),
        });
        var pages = new[]
        {
            $"/Workers/Edit/{records.Worker}", $"/Organizations/Edit/{records.Organization}", $"/Popularization/Venues/Edit/{records.Venue}",
            $"/Popularization/Stations/Edit/{records.Station}", $"/Popularization/Activities/Edit/{records.Activity}",
        };

        var daying = await app.SignInAsync("daying");
        var shehong = await app.SignInAsync("shehong");
        foreach (var page in pages)
        {
            Assert.True((await daying.GetAsync(page)).StatusCode == HttpStatusCode.OK, $"大英县科协 {page}");
            Assert.True((await shehong.GetAsync(page)).StatusCode == HttpStatusCode.Forbidden, $"射洪市科协 {page}");
        }

        // The registration buttons follow the permission: staff see them, a science worker does not.
        Assert.Contains("/Workers/Edit", await daying.GetStringAsync("/Workers"));
        Assert.DoesNotContain("href=\"/Workers/Edit\"", await (await app.SignInAsync("worker")).GetStringAsync("/Workers"));
    }
}

public sealed class PageAuthorizationSqliteTests(SqliteApp app) : PageAuthorizationTests(app);

public sealed class PageAuthorizationPostgresTests(PostgresApp app) : PageAuthorizationTests(app);
