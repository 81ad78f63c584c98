using System.Net;
using Kexie.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Market;

/// <summary>
/// A need's <c>actions</c> are what its endpoints then allow: for each role (the organization, the county's staff and
/// admin, a worker, another county's admin) and each status, an action listed succeeds and one not listed is refused.
/// </summary>
public abstract class NeedActionsTests(KexieApp app)
{
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        var perStatus = new Dictionary<string, string[]>
        {
            ["Draft"] = ["submit", "delete", "publish", "close"],
            ["Submitted"] = ["publish", "return", "reject", "withdraw"],
            ["Published"] = ["close", "withdraw", "submit"],
        };
        foreach (var user in new[] { "enterprise", "daying-staff", "daying", "worker", "shehong" })
        {
            foreach (var (status, actions) in perStatus)
            {
                foreach (var action in actions)
                {
                    data.Add(user, status, action);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_action_is_listed_exactly_when_its_endpoint_allows_it(string user, string status, string action)
    {
        var enterprise = await app.SignInAsync("enterprise");
        var daying = await app.SignInAsync("daying");
        var id = (await (await enterprise.PostJsonAsync("/api/v1/needs", ProblemDetailsTests.NeedBody($"操作清单{Guid.NewGuid():N}"))).OkJsonAsync())["id"]!.GetValue<string>();
        if (status is "Submitted" or "Published")
        {
            Assert.Equal(HttpStatusCode.OK, (await enterprise.PostAsync($"/api/v1/needs/{id}/submit", null)).StatusCode);
        }

        if (status == "Published")
        {
            Assert.Equal(HttpStatusCode.OK, (await daying.PostAsync($"/api/v1/needs/{id}/publish", null)).StatusCode);
        }

        var caller = await app.SignInAsync(user);
        var read = await caller.GetAsync($"/api/v1/needs/{id}");
        var listed = read.StatusCode == HttpStatusCode.OK
            && (await read.OkJsonAsync())["actions"]!.AsArray().Select(a => a!.GetValue<string>()).Contains(action);

        var response = action switch
        {
            "delete" => await caller.DeleteAsync($"/api/v1/needs/{id}"),
            "submit" or "publish" => await caller.PostAsync($"/api/v1/needs/{id}/{action}", null),
            _ => await caller.PostJsonAsync($"/api/v1/needs/{id}/{action}", new { reason = "测试原因" }),
        };

        var status2 = (int)response.StatusCode;
        if (listed)
        {
            Assert.True(status2 is >= 200 and < 300, $"{user} {status} {action}: listed, but {status2} {await response.Content.ReadAsStringAsync()}");
        }
        else
        {
            Assert.True(status2 is 403 or 404 or 409, $"{user} {status} {action}: not listed, but {status2}");
        }
    }

    [Fact]
    public async Task The_owner_sees_its_draft_actions_and_the_admin_its_review_actions()
    {
        var enterprise = await app.SignInAsync("enterprise");
        var daying = await app.SignInAsync("daying");
        var id = (await (await enterprise.PostJsonAsync("/api/v1/needs", ProblemDetailsTests.NeedBody($"操作清单{Guid.NewGuid():N}"))).OkJsonAsync())["id"]!.GetValue<string>();
        static async Task<string[]> Actions(HttpClient c, string id) =>
            (await (await c.GetAsync($"/api/v1/needs/{id}")).OkJsonAsync())["actions"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();

        Assert.Equal(["edit", "submit", "delete"], await Actions(enterprise, id));
        await enterprise.PostAsync($"/api/v1/needs/{id}/submit", null);
        Assert.Equal(["withdraw"], await Actions(enterprise, id));
        Assert.Equal(["withdraw", "publish", "return", "reject"], await Actions(daying, id));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("worker")).GetAsync($"/api/v1/needs/{id}")).StatusCode);

        // The page shows the same buttons.
        var page = await (await daying.GetAsync($"/Market/Needs/Details/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("handler=Publish", page);
        Assert.DoesNotContain("handler=Submit", page);
        var owner = await (await enterprise.GetAsync($"/Market/Needs/Details/{id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("handler=Publish", owner);
        Assert.Contains("handler=Withdraw", owner);
    }
}

/// <summary>The need detail page's one read (need, region and organization names, then its codes' names).</summary>
public abstract class NeedDetailPageTests(KexieApp app)
{
    [Fact]
    public async Task The_detail_page_names_the_region_organization_and_codes_and_hides_what_the_caller_may_not_read()
    {
        var enterprise = await app.SignInAsync("enterprise");
        var title = $"详情页名称{Guid.NewGuid():N}";
        var id = (await (await enterprise.PostJsonAsync("/api/v1/needs", ProblemDetailsTests.NeedBody(title))).OkJsonAsync())["id"]!.GetValue<string>();
        var needId = Guid.Parse(id);
        var (organization, region, industry, discipline) = await app.QueryAsync(async db =>
        {
            var need = await db.Needs.SingleAsync(n => n.Id == needId);
            var org = await db.Organizations.SingleAsync(o => o.Id == need.OrganizationId);
            var r = await db.Regions.SingleAsync(x => x.Code == "510923");
            var i = await db.Industries.SingleAsync(x => x.Code == "2614");
            var d = await db.Disciplines.SingleAsync(x => x.Code == "21030");
            return (org.Name, string.IsNullOrEmpty(r.FullName) ? r.Name : r.FullName, i.Name, d.Name);
        });

        var page = System.Net.WebUtility.HtmlDecode(await (await enterprise.GetAsync($"/Market/Needs/Details/{id}")).Content.ReadAsStringAsync());
        Assert.Contains(title, page);
        Assert.Contains($"<dd>{organization}</dd>", page);
        Assert.Contains($"<dd>{region}（510923）</dd>", page);
        Assert.Contains($"{industry}（2614）", page);
        Assert.Contains($"{discipline}（21030）", page);

        // A draft is the owner's: another caller gets the page's 404, not the need.
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/Market/Needs/Details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/Market/Needs/Details/{Guid.NewGuid()}")).StatusCode);
    }
}

public sealed class NeedDetailPageSqliteTests(SqliteApp app) : NeedDetailPageTests(app);

public sealed class NeedDetailPagePostgresTests(PostgresApp app) : NeedDetailPageTests(app);

public sealed class NeedActionsSqliteTests(SqliteApp app) : NeedActionsTests(app);

public sealed class NeedActionsPostgresTests(PostgresApp app) : NeedActionsTests(app);
