using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Market;

/// <summary>
/// An offer's <c>actions</c> are what its endpoints then allow: for each role (the providing worker, the county's staff
/// and admin, an enterprise, another county's admin) and each status, an action listed succeeds and one not listed is
/// refused. <c>inquire</c> (发起询价) is the buyer's: it opens an order on the offer for the enterprise's company.
/// </summary>
public abstract class OfferActionsTests(KexieApp app)
{
    private static object OfferBody(string title) => new
    {
        kind = "Service",
        title,
        description = "提供柑橘保鲜、化工废水处理工艺改进方面的技术咨询与现场指导。",
        disciplineCodes = new[] { "21030" },
        industryCodes = new[] { "2614" },
        regionCode = "510923",
        priceMode = "Range",
        priceMin = 1000m,
        priceMax = 5000m,
        priceUnit = "每次",
    };

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        var perStatus = new Dictionary<string, string[]>
        {
            ["Draft"] = ["submit", "delete", "publish", "close", "inquire"],
            ["Submitted"] = ["publish", "return", "reject", "withdraw", "inquire"],
            ["Published"] = ["close", "withdraw", "submit", "inquire"],
        };
        foreach (var user in new[] { "worker", "daying-staff", "daying", "enterprise", "shehong" })
        {
            foreach (var (status, actions) in perStatus)
            {
                // The provider opens orders on their own offer from the order page (as the provider), not by inquiring.
                foreach (var action in actions.Where(a => !(user == "worker" && a == "inquire")))
                {
                    data.Add(user, status, action);
                }
            }
        }

        return data;
    }

    private async Task<string> OfferAsync(string status)
    {
        var worker = await app.SignInAsync("worker");
        var daying = await app.SignInAsync("daying");
        var id = (await (await worker.PostJsonAsync("/api/v1/offers", OfferBody($"操作清单{Guid.NewGuid():N}"))).OkJsonAsync())["id"]!.GetValue<string>();
        if (status is "Submitted" or "Published")
        {
            Assert.Equal(HttpStatusCode.OK, (await worker.PostAsync($"/api/v1/offers/{id}/submit", null)).StatusCode);
        }

        if (status == "Published")
        {
            Assert.Equal(HttpStatusCode.OK, (await daying.PostAsync($"/api/v1/offers/{id}/publish", null)).StatusCode);
        }

        return id;
    }

    private static async Task<string[]> ActionsAsync(HttpClient client, string id) =>
        (await (await client.GetAsync($"/api/v1/offers/{id}")).OkJsonAsync())["actions"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_action_is_listed_exactly_when_its_endpoint_allows_it(string user, string status, string action)
    {
        var id = await OfferAsync(status);
        var caller = await app.SignInAsync(user);
        var read = await caller.GetAsync($"/api/v1/offers/{id}");
        var listed = read.StatusCode == HttpStatusCode.OK
            && (await read.OkJsonAsync())["actions"]!.AsArray().Select(a => a!.GetValue<string>()).Contains(action);

        var buyer = await app.QueryAsync(db => db.Users.Where(u => u.UserName == "enterprise").Select(u => u.OrganizationId).SingleAsync());
        var response = action switch
        {
            "inquire" => await caller.PostJsonAsync("/api/v1/orders", new { offerId = id, buyerOrganizationId = buyer }),
            "delete" => await caller.DeleteAsync($"/api/v1/offers/{id}"),
            "submit" or "publish" => await caller.PostAsync($"/api/v1/offers/{id}/{action}", null),
            _ => await caller.PostJsonAsync($"/api/v1/offers/{id}/{action}", new { reason = "测试原因" }),
        };

        var code = (int)response.StatusCode;
        if (listed)
        {
            Assert.True(code is >= 200 and < 300, $"{user} {status} {action}: listed, but {code} {await response.Content.ReadAsStringAsync()}");
        }
        else
        {
            // An offer the caller cannot see, named in an order's body, is a 400 on that field (like an unknown one).
            Assert.True(code is 403 or 404 or 409 || (action == "inquire" && code == 400), $"{user} {status} {action}: not listed, but {code}");
        }
    }

    [Fact]
    public async Task The_provider_sees_its_draft_actions_and_the_admin_its_review_actions_on_the_page_too()
    {
        var worker = await app.SignInAsync("worker");
        var daying = await app.SignInAsync("daying");
        var id = await OfferAsync("Draft");
        Assert.Equal(["edit", "submit", "delete"], await ActionsAsync(worker, id));
        await worker.PostAsync($"/api/v1/offers/{id}/submit", null);
        Assert.Equal(["withdraw"], await ActionsAsync(worker, id));
        Assert.Equal(["withdraw", "publish", "return", "reject"], await ActionsAsync(daying, id));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("shehong")).GetAsync($"/api/v1/offers/{id}")).StatusCode);

        var page = await (await daying.GetAsync($"/Market/Offers/Details/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("handler=Publish", page);
        Assert.DoesNotContain("handler=Submit", page);
        var owner = await (await worker.GetAsync($"/Market/Offers/Details/{id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("handler=Publish", owner);
        Assert.Contains("handler=Withdraw", owner);
    }

    [Fact]
    public async Task The_inquiry_button_follows_the_offers_actions()
    {
        var enterprise = await app.SignInAsync("enterprise");
        var worker = await app.SignInAsync("worker");
        var draft = await OfferAsync("Draft");
        Assert.DoesNotContain("inquire", await ActionsAsync(worker, draft));
        Assert.DoesNotContain("id=\"inquire\"", await (await (await app.SignInAsync("daying")).GetAsync($"/Market/Offers/Details/{draft}")).Content.ReadAsStringAsync());

        var published = await OfferAsync("Published");
        Assert.Contains("inquire", await ActionsAsync(enterprise, published));
        Assert.DoesNotContain("inquire", await ActionsAsync(worker, published));
        Assert.DoesNotContain("inquire", await ActionsAsync(await app.SignInAsync("shehong"), published));
        Assert.Contains("id=\"inquire\"", await (await enterprise.GetAsync($"/Market/Offers/Details/{published}")).Content.ReadAsStringAsync());
        Assert.DoesNotContain("id=\"inquire\"", await (await worker.GetAsync($"/Market/Offers/Details/{published}")).Content.ReadAsStringAsync());
    }
}

public sealed class OfferActionsSqliteTests(SqliteApp app) : OfferActionsTests(app);

public sealed class OfferActionsPostgresTests(PostgresApp app) : OfferActionsTests(app);
