using System.Text.RegularExpressions;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Web.Tests.Workbench;

/// <summary>
/// The statements a signed-in request runs (issue 16, perf19): the layout's badge and bell in one statement, the indicator
/// pages' refresh check in one, the dashboard's weight sets and region names read once. Counted with
/// <see cref="StatementProbe"/> (EF Core's commands of that request only). Other tests write at the same time: a write that
/// queues an indicator change makes the next dashboard view apply it (more statements), so such a check is repeated (a few
/// times) until a view ran without a refresh. The staffer's county, 冕宁县 513433, is used by no other test.
/// </summary>
public abstract class SignedInStatementsTests(KexieApp app)
{
    private const string Quiet = "513433";

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

    private static int? Bell(string html) =>
        Regex.Match(html, "id=\"bell-count\">(\\d+)<") is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    private Task<Guid> NotifyAsync(string userId, string title) => app.QueryAsync(async db =>
    {
        var n = Notification.Create(userId, NotificationKind.PlanAssigned, title, "测试通知", null, DateTimeOffset.UtcNow);
        db.Add(n);
        await db.SaveChangesAsync();
        return n.Id;
    });

    [Fact]
    public async Task The_badge_and_the_bell_are_one_statement_and_show_a_new_notification_on_the_next_page()
    {
        var (staff, id) = await app.CreateUserAsync(UserRole.ServiceCenterStaff, "冕宁县服务中心 测试", Quiet);

        // The workbench (front page): its counts and the unread notifications in one statement, which the layout reuses.
        // A query of its own in each address: the probe counts by address, and the other provider's test runs beside this one.
        var probe = $"probe={Guid.NewGuid():N}";
        var home = await GetAsync(staff, $"/?{probe}");
        var counts = Assert.Single(Reading(home.Statements, "Notifications"));
        Assert.Contains("\"ResponsePlans\"", counts, StringComparison.Ordinal);
        Assert.Null(Bell(home.Body));

        // Any other page: the layout's one statement for both.
        var market = await GetAsync(staff, $"/Market?{probe}");
        counts = Assert.Single(Reading(market.Statements, "Notifications"));
        Assert.Contains("\"ResponsePlans\"", counts, StringComparison.Ordinal);

        // The features' sources that apply to a staffer (志愿者招募, 大赛) are counted in the same statement (perf20).
        Assert.Equal(counts, Assert.Single(Reading(market.Statements, "VolunteerCalls")));
        Assert.Equal(counts, Assert.Single(Reading(market.Statements, "Contests")));
        Assert.Null(Bell(market.Body));

        // A notification arrives: the next page counts it; read, it is gone from the bell.
        var first = await NotifyAsync(id, "一单一策指派：测试一");
        await NotifyAsync(id, "一单一策指派：测试二");
        Assert.Equal(2, Bell((await GetAsync(staff, $"/Market?{probe}")).Body));
        Assert.Equal(2, Bell((await GetAsync(staff, $"/?{probe}")).Body));
        await (await staff.PostAsync($"/api/v1/notifications/{first}/read", null)).OkJsonAsync();
        Assert.Equal(1, Bell((await GetAsync(staff, $"/?{probe}")).Body));
        Assert.Equal(1, Bell((await GetAsync(staff, $"/Market?{probe}")).Body));
    }

    [Fact]
    public async Task A_dashboard_view_checks_for_changes_once_and_reads_weights_and_names_once()
    {
        var daying = await app.SignInAsync("daying");
        var admin = await app.SignInAsync("admin");
        // At least one weight set in the database, whichever tests ran before: the list is then read as a split query (the
        // sets, then their entries), as it is on every platform that has created one. The defaults' weights, so other tests'
        // figures do not move.
        var defaults = Kexie.Domain.Indicators.WeightSet.BuiltInDefault;
        async Task<int> CreateDefaultsAsync() => (await (await admin.PostJsonAsync("/api/v1/indicators/weight-sets", new
        {
            name = "默认权重",
            groupWeights = defaults.GroupWeights.ToDictionary(g => g.Key.ToString(), g => g.Value),
            indicatorWeights = defaults.IndicatorWeights,
        })).OkJsonAsync())["version"]!.GetValue<int>();
        await CreateDefaultsAsync();
        var url = $"/Indicators?Region={WorkbenchSteps.DaYing}&period={DateTime.UtcNow.Year}&probe={Guid.NewGuid():N}";
        (string Body, List<string> Statements) view = (string.Empty, []);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await GetAsync(daying, url);
            view = await GetAsync(daying, url);
            if (Reading(view.Statements, "IndicatorRefreshState").Count == 1 && Reading(view.Statements, "Regions").Count == 2)
            {
                break;
            }
        }

        // Whether a refresh is due: the last refresh's time, the outbox and the plans past their deadline in one statement.
        var check = Assert.Single(Reading(view.Statements, "IndicatorRefreshState"));
        Assert.Contains("\"IndicatorOutbox\"", check, StringComparison.Ordinal);
        Assert.Contains("\"ResponsePlans\"", check, StringComparison.Ordinal);
        Assert.Single(Reading(view.Statements, "IndicatorOutbox"));

        // The weight sets once (the list, whose newest ranks: the sets, then their entries); region names once (the region,
        // then the peers with it).
        var weights = Reading(view.Statements, "WeightSets");
        Assert.Single(weights, w => w.Contains("\"CreatedByName\"", StringComparison.Ordinal));
        Assert.True(weights.Count == 2, string.Join("\n----\n", weights));
        Assert.True(Reading(view.Statements, "Regions").Count == 2, string.Join("\n----\n", view.Statements));
        Assert.Single(Reading(view.Statements, "Notifications"));

        // The ranking is the newest weight set's: a new version ranks on the next view.
        var version = await CreateDefaultsAsync();
        var after = await GetAsync(daying, url);
        var shown = Regex.Match(after.Body, "权重方案 v(\\d+)「");
        Assert.True(shown.Success);
        Assert.True(int.Parse(shown.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= version);
    }

    [Fact]
    public async Task A_ranking_request_reads_the_region_the_newest_weights_the_refresh_state_and_the_names()
    {
        var daying = await app.SignInAsync("daying");
        var url = $"/api/v1/indicators/rankings?region={WorkbenchSteps.DaYing}&period={DateTime.UtcNow.Year}&probe={Guid.NewGuid():N}";
        List<string> statements = [];
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await GetAsync(daying, url);
            statements = (await GetAsync(daying, url)).Statements;
            // A view that computed its ranking afresh (another test's write or weight set) counts the computation too.
            if (statements.Count - Reading(statements, "WeightSets").Count == 3)
            {
                break;
            }
        }

        // The newest weight set: one statement while none was created, two once one exists (its entries, a split query).
        var weights = Reading(statements, "WeightSets").Count;
        Assert.InRange(weights, 1, 2);
        Assert.True(statements.Count - weights == 3, string.Join("\n----\n", statements));
        Assert.Single(Reading(statements, "IndicatorRefreshState"));
        Assert.Equal(2, Reading(statements, "Regions").Count);
    }
}

public sealed class SignedInStatementsSqliteTests(SqliteApp app) : SignedInStatementsTests(app);

public sealed class SignedInStatementsPostgresTests(PostgresApp app) : SignedInStatementsTests(app);
