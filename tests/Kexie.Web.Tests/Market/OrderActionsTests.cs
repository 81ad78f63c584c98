using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Market;

/// <summary>
/// An order's <c>actions</c> are what its endpoints then allow: for each role (the buyer organization, the providing
/// worker, the county's staff and association admin, another county's admin) and each stage of the order, a step listed
/// succeeds and one not listed is refused (403/404/409).
/// </summary>
public abstract class OrderActionsTests(KexieApp app)
{
    private const string DaYing = "510923";

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        var perStage = new Dictionary<string, string[]>
        {
            ["Inquiry"] = ["propose", "confirm", "agree", "deliver", "cancel"],
            ["Proposed"] = ["confirm", "propose", "agree"],
            ["Agreed"] = ["deliver", "accept", "dispute", "cancel"],
            ["InDelivery"] = ["accept", "settle", "cancel", "dispute"],
            ["Accepted"] = ["settle", "rate", "dispute"],
            ["Disputed"] = ["resolve", "cancel"],
            ["Settled"] = ["rate", "cancel"],
        };
        foreach (var user in new[] { "enterprise", "worker", "daying-staff", "daying", "shehong" })
        {
            foreach (var (stage, actions) in perStage)
            {
                foreach (var action in actions)
                {
                    data.Add(user, stage, action);
                }
            }
        }

        return data;
    }

    /// <summary>A direct order between the demo enterprise and the demo worker in 大英县, walked to <paramref name="stage"/>; returns its id and a contract file on it.</summary>
    private async Task<(string Id, string Contract)> OrderAsync(string stage)
    {
        var (organization, workerId) = await app.QueryAsync(async db => (
            (await db.Users.Where(u => u.UserName == "enterprise").Select(u => u.OrganizationId).SingleAsync())!.Value,
            (await db.Users.Where(u => u.UserName == "worker").Select(u => u.ScienceWorkerId).SingleAsync())!.Value));
        var enterprise = await app.SignInAsync("enterprise");
        var worker = await app.SignInAsync("worker");
        var id = (await (await enterprise.PostJsonAsync("/api/v1/orders", new { title = $"操作清单{Guid.NewGuid():N}", buyerOrganizationId = organization, providerWorkerId = workerId, regionCode = DaYing })).OkJsonAsync())["id"]!.GetValue<string>();
        var contract = await MarketFiles.ContractAsync(enterprise, id);
        async Task Step(HttpClient client, string path, object body) =>
            Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync($"/api/v1/orders/{id}/{path}", body)).StatusCode);

        if (stage == "Proposed")
        {
            await Step(worker, "proposals", new { contractAmount = 5000, contractFileId = contract });
        }

        if (stage is "Agreed" or "InDelivery" or "Accepted" or "Disputed" or "Settled")
        {
            await MarketFiles.AgreeAsync(worker, enterprise, id, 5000, contract);
        }

        if (stage is "InDelivery" or "Accepted" or "Settled")
        {
            await Step(worker, "deliver", new { note = "已进场" });
        }

        if (stage is "Accepted" or "Settled")
        {
            await Step(enterprise, "accept", new { note = "验收合格" });
        }

        if (stage == "Settled")
        {
            await Step(worker, "settle", new { note = "已收款" });
        }

        if (stage == "Disputed")
        {
            await Step(enterprise, "dispute", new { reason = "交付延期" });
        }

        return (id, contract);
    }

    private static async Task<string[]> ActionsAsync(HttpClient client, string id) =>
        (await (await client.GetAsync($"/api/v1/orders/{id}")).OkJsonAsync())["actions"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_step_is_listed_exactly_when_its_endpoint_allows_it(string user, string stage, string action)
    {
        var (id, contract) = await OrderAsync(stage);
        var caller = await app.SignInAsync(user);
        var read = await caller.GetAsync($"/api/v1/orders/{id}");
        var listed = false;
        var pending = 1;
        if (read.StatusCode == HttpStatusCode.OK)
        {
            var order = await read.OkJsonAsync();
            listed = order["actions"]!.AsArray().Select(a => a!.GetValue<string>()).Contains(action);
            pending = order["proposals"]!.AsArray().LastOrDefault()?["number"]?.GetValue<int>() ?? 1;
        }

        object body = action switch
        {
            "propose" or "agree" => new { contractAmount = 6000, contractFileId = contract },
            "confirm" => new { proposalNumber = pending },
            "rate" => new { stars = 5, comment = "专业" },
            "deliver" or "accept" or "settle" => new { note = "备注" },
            _ => new { reason = "测试原因" },
        };
        var response = await caller.PostJsonAsync($"/api/v1/orders/{id}/{(action == "propose" ? "proposals" : action)}", body);

        var code = (int)response.StatusCode;
        if (listed)
        {
            Assert.True(code is >= 200 and < 300, $"{user} {stage} {action}: listed, but {code} {await response.Content.ReadAsStringAsync()}");
        }
        else
        {
            Assert.True(code is 403 or 404 or 409, $"{user} {stage} {action}: not listed, but {code} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task Each_side_sees_its_own_next_steps_and_the_page_offers_the_same_buttons()
    {
        var enterprise = await app.SignInAsync("enterprise");
        var worker = await app.SignInAsync("worker");
        var daying = await app.SignInAsync("daying");
        var (id, _) = await OrderAsync("Proposed");
        Assert.Equal(["propose", "confirm", "cancel"], await ActionsAsync(enterprise, id));
        Assert.Equal(["propose", "cancel"], await ActionsAsync(worker, id));
        Assert.Equal(["agree", "cancel"], await ActionsAsync(daying, id));

        (id, _) = await OrderAsync("Agreed");
        Assert.Equal(["cancel", "dispute"], await ActionsAsync(enterprise, id));
        Assert.Contains("deliver", await ActionsAsync(worker, id));
        var providerPage = await (await worker.GetAsync($"/Market/Orders/Details/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("handler=Deliver", providerPage);
        Assert.DoesNotContain("handler=Accept", providerPage);
        var buyerPage = await (await enterprise.GetAsync($"/Market/Orders/Details/{id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("handler=Deliver", buyerPage);
        Assert.Contains("handler=Dispute", buyerPage);

        (id, _) = await OrderAsync("Disputed");
        Assert.Contains("resolve", await ActionsAsync(daying, id));
        Assert.DoesNotContain("resolve", await ActionsAsync(await app.SignInAsync("daying-staff"), id));
    }
}

public sealed class OrderActionsSqliteTests(SqliteApp app) : OrderActionsTests(app);

public sealed class OrderActionsPostgresTests(PostgresApp app) : OrderActionsTests(app);
