using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using static Kexie.Web.Tests.Workbench.WorkbenchSteps;

namespace Kexie.Web.Tests.Market;

/// <summary>
/// The 一单一策 page reads what it shows (issue 16, perf20): the plan with its need's title, budget and organization in one
/// statement and its five collections (split query), not the whole need with its attachments and review history, and the
/// need's orders only where the 登记成交 form lists them, without a pager's count. The page shows the same before and after
/// a write: the candidates, the contacts, the history, the orders. Counted with <see cref="StatementProbe"/>.
/// </summary>
public abstract class PlanPageStatementsTests(KexieApp app)
{
    private static async Task<(string Body, List<string> Statements)> GetAsync(HttpClient client, string url)
    {
        using var probe = new StatementProbe(url);
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return (body, probe.Statements);
    }

    private static List<string> Reading(List<string> statements, string table) =>
        statements.Where(s => s.Contains($"\"{table}\"", StringComparison.Ordinal)).ToList();

    private static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);

    [Fact]
    public async Task The_plan_page_reads_the_plan_with_the_needs_fields_and_shows_contacts_history_and_orders_after_a_write()
    {
        var staff = await app.SignInAsync("daying-staff");
        var enterprise = await app.SignInAsync("enterprise");
        var title = $"一单一策页面读取{Token()}";
        var needId = await PublishedNeedAsync(app, title);
        var plan = await (await staff.GetAsync($"/api/v1/needs/{needId}/plan")).OkJsonAsync();
        var planId = Id(plan);
        var organization = await app.QueryAsync(db => db.Needs.Where(n => n.Id == Guid.Parse(needId))
            .Join(db.Organizations, n => n.OrganizationId, o => o.Id, (n, o) => o.Name).SingleAsync());
        var offer = plan["candidates"]!.AsArray().FirstOrDefault(c => Str(c!, "kind") == "Offer");
        Assert.NotNull(offer);
        var offerTitle = await app.QueryAsync(db => db.Offers.Where(o => o.Id == Guid.Parse(Str(offer!, "targetId"))).Select(o => o.Title).SingleAsync());
        var url = $"/Market/Plans/Details/{planId}?probe={Guid.NewGuid():N}";

        // New: the plan, the need's fields and the organization's name in one statement, then the five collections.
        var page = await GetAsync(staff, url);
        Assert.Contains($"一单一策：{Html(title)}", page.Body);
        Assert.Contains($"<dt>需求单位</dt><dd>{Html(organization)}</dd>", page.Body);
        Assert.Contains($"<dt>预算</dt><dd>{Html(Kexie.Web.Pages.Market.MarketText.Budget(10000m, 50000m))}</dd>", page.Body);
        Assert.Contains(Html(offerTitle), page.Body);
        Assert.Contains("id=\"contact-form\"", page.Body);
        // The page's own statements: the layout's counts (one statement, with the notifications) aside.
        var own = page.Statements.Where(s => !s.Contains("\"Notifications\"", StringComparison.Ordinal)).ToList();
        var root = Assert.Single(Reading(own, "Needs"));
        Assert.Contains("\"ResponsePlans\"", root, StringComparison.Ordinal);
        Assert.Equal(root, Assert.Single(Reading(own, "Organizations")));
        foreach (var collection in new[] { "PlanCandidates", "PlanCandidateJudgements", "PlanContacts", "PlanHandlerAssignments", "PlanStatusChanges" })
        {
            Assert.Single(Reading(own, collection));
        }

        Assert.True(Reading(own, "ResponsePlans").Count == 6, string.Join("\n----\n", own));

        Assert.Empty(Reading(own, "NeedAttachments"));
        Assert.Empty(Reading(own, "NeedReviewRecords"));
        Assert.Empty(Reading(own, "OfferAttachments"));
        Assert.Empty(Reading(own, "OfferReviewRecords"));

        // No 登记成交 form on a new plan: no orders read.
        Assert.DoesNotContain("asp-page-handler=\"Deal\"", page.Body);
        Assert.Empty(Reading(own, "Orders"));

        // A contact and an inquiry: the page shows the contact, the first response in the history and the order to choose.
        await (await staff.PostJsonAsync($"/api/v1/plans/{planId}/contacts", new { contactedName = "页面读取联系人", channel = "Phone", note = "介绍需求", candidateId = Id(offer!) })).OkJsonAsync();
        var order = await (await enterprise.PostJsonAsync("/api/v1/orders", new { offerId = Str(offer!, "targetId"), needId, note = "希望面谈" })).OkJsonAsync();
        var after = await GetAsync(staff, url);
        Assert.Contains("通过电话联系 <strong>页面读取联系人</strong>：介绍需求", after.Body);
        Assert.Contains("首次联系", after.Body);
        Assert.Contains($"<option value=\"{Id(order)}\">{Html(Str(order, "title"))}（询价中）</option>", after.Body);
        var ownAfter = after.Statements.Where(s => !s.Contains("\"Notifications\"", StringComparison.Ordinal)).ToList();
        var orders = Assert.Single(Reading(ownAfter, "Orders"));
        Assert.DoesNotContain("COUNT(", orders, StringComparison.OrdinalIgnoreCase);
        Assert.Single(Reading(ownAfter, "Needs"));

        // The need's organization reads it too (checked on the row read); another county's admin finds nothing.
        var mine = await GetAsync(enterprise, url);
        Assert.Contains("通过电话联系 <strong>页面读取联系人</strong>", mine.Body);
        var stranger = await app.SignInAsync("shehong");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url)).StatusCode);
    }
}

public sealed class PlanPageStatementsSqliteTests(SqliteApp app) : PlanPageStatementsTests(app);

public sealed class PlanPageStatementsPostgresTests(PostgresApp app) : PlanPageStatementsTests(app);
