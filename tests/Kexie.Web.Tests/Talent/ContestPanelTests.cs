using System.Net;
using System.Text.Json.Nodes;
using Kexie.Web.Tests.Workbench;

namespace Kexie.Web.Tests.Talent;

/// <summary>
/// The contest review around the panel, in 船山区 (510903): the expert's workbench item ("大赛评审：N件作品待评分", gone once all are
/// scored), the holding county's 评审进度 item while the edition is in review, and standing conflict declarations (长期回避) that keep
/// an expert off a school's or a teacher's works in every edition — said why — while per-work declarations keep working.
/// </summary>
public abstract class ContestPanelTests(KexieApp app)
{
    private const string County = "510903";

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static string Str(JsonNode node, string name) => node[name]!.GetValue<string>();

    private async Task<HttpClient> CountyAsync(string token)
    {
        var login = $"cp-{token}";
        await (await (await app.SignInAsync("admin")).PostJsonAsync("/api/v1/users", new { userName = login, displayName = $"船山区科协评审{token}", password = "Kexie@2026", role = "AssociationAdmin", regionCode = County })).OkJsonAsync();
        return await app.SignInAsync(login, "Kexie@2026");
    }

    private async Task<(string ExpertId, HttpClient Client)> ExpertAsync(HttpClient city, string name, string token)
    {
        var worker = Id(await (await city.PostJsonAsync("/api/v1/workers", new { name, gender = "Male", birthYear = 1970, employer = "遂宁市教育科学研究所", title = "正高级", phone = KexieApp.NewPhone(), regionCode = County, isPublicProfile = false })).OkJsonAsync());
        var login = $"cpe-{token}-{Random.Shared.Next(1000, 9999)}";
        await (await (await app.SignInAsync("admin")).PostJsonAsync("/api/v1/users", new { userName = login, displayName = name, password = "Kexie@2026", role = "ScienceWorker", regionCode = County, scienceWorkerId = worker })).OkJsonAsync();
        var expert = Id(await (await city.PostJsonAsync("/api/v1/experts", new { workerId = worker, level = "Municipal", expertise = "青少年科技教育", researchDirections = new[] { "科技创新教育" } })).OkJsonAsync());
        return (expert, await app.SignInAsync(login, "Kexie@2026"));
    }

    private static async Task<(string Contest, string School, List<string> Entries)> EditionAsync(HttpClient county, string token, int year, string schoolName, params (string Title, string Teacher)[] works)
    {
        var contest = Id(await (await county.PostJsonAsync("/api/v1/contests", new { name = $"船山区评审测试大赛{token}{year}", year, regionCode = County, categories = new[] { "科技创新成果" } })).OkJsonAsync());
        var school = Id(await (await county.PostJsonAsync("/api/v1/organizations", new { name = schoolName, kind = "School", creditCode = AccessScopeTests.NewCreditCode(County), industryCode = "8334", regionCode = County })).OkJsonAsync());
        var entries = new List<string>();
        foreach (var (title, teacher) in works)
        {
            entries.Add(Id(await (await county.PostJsonAsync($"/api/v1/contests/{contest}/entries", new { schoolId = school, title, category = "科技创新成果", students = new[] { "李小龙" }, teacher })).OkJsonAsync()));
        }

        return (contest, school, entries);
    }

    [Fact]
    public async Task The_demo_countys_current_edition_is_in_review_with_scores_a_mean_a_standing_conflict_and_the_2025_figures_unchanged()
    {
        var year = Kexie.Data.Seeding.ContestDemoSeeder.Year;
        var daying = await app.SignInAsync("daying");
        var edition = Assert.Single((await (await daying.GetAsync($"/api/v1/contests?region=510923&year={year}&q=大英县第")).OkJsonAsync())["items"]!.AsArray(),
            c => Str(c!, "name") == $"大英县第{23 + year - 2025}届青少年科技创新大赛")!;
        Assert.Equal("Reviewing", Str(edition, "status"));
        Assert.Equal(Kexie.Data.Seeding.ContestDemoSeeder.Works, edition["entries"]!.GetValue<int>());

        // Experts assigned, scores in, means shown; one declared conflict on a work, and the standing one kept its expert off the first school.
        var review = await (await daying.GetAsync($"/api/v1/contests/{Id(edition)}/expert-review")).OkJsonAsync();
        Assert.True(review["scored"]!.GetValue<int>() > 0 && review["scored"]!.GetValue<int>() < review["assigned"]!.GetValue<int>());
        Assert.Equal(1, review["declined"]!.GetValue<int>());
        Assert.Contains(review["entries"]!.AsArray(), e => e!["expertScore"] is not null);
        var experts = review["entries"]!.AsArray().Where(e => e!["assignments"]!.AsArray().Count > 0)
            .GroupBy(e => Str(e!, "schoolName")).ToDictionary(g => g.Key, g => g.SelectMany(e => e!["assignments"]!.AsArray()).Select(a => Str(a!, "expertName")).Distinct().Count());
        Assert.True(experts.Values.Min() < experts.Values.Max(), "one school's works have one expert fewer (长期回避)");

        // The demo expert has works waiting on his workbench; the county sees the progress.
        var worker = await WorkbenchSteps.WorkbenchAsync(await app.SignInAsync("worker"));
        Assert.Matches("^大赛评审：\\d+件作品待评分$", Str(WorkbenchSteps.Item(worker, "/Talent/Contests/Reviews")!, "title"));
        Assert.StartsWith("评审进度：专家已评分", Str(WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(daying), $"/Talent/Contests/Details/{Id(edition)}#expert-review")!, "note"));

        // 2025's figures stay what the seeds say.
        var stats = await (await app.Anonymous().GetAsync("/api/v1/contests/statistics?region=510923&year=2025")).OkJsonAsync();
        Assert.StartsWith("2025年，大英县青少年科技创新大赛共收获827件作品，推荐85件作品参加", Str(stats, "summary"));
        var current = await (await app.Anonymous().GetAsync($"/api/v1/contests/statistics?region=510923&year={year}")).OkJsonAsync();
        Assert.True(current["received"]!.GetValue<int>() >= Kexie.Data.Seeding.ContestDemoSeeder.Works);
    }

    [Fact]
    public async Task The_expert_sees_works_to_score_on_the_workbench_until_scored_and_the_county_sees_the_progress_while_in_review()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var year = TestYears.Next(app.Provider);
        var city = await app.SignInAsync("suining");
        var county = await CountyAsync(token);
        var (contest, _, _) = await EditionAsync(county, token, year, $"船山工作台中学{token}", ($"风力发电模型{token}", "吴老师"), ($"雨水回收系统{token}", "郑老师"));
        var (expert, expertClient) = await ExpertAsync(city, $"工作台专家{token}", token);
        await (await county.PostJsonAsync($"/api/v1/contests/{contest}/assignments", new { expertId = expert, category = "科技创新成果" })).OkJsonAsync();

        var bench = await WorkbenchSteps.WorkbenchAsync(expertClient);
        var item = WorkbenchSteps.Item(bench, "/Talent/Contests/Reviews")!;
        Assert.Equal("大赛评审：2件作品待评分", Str(item, "title"));
        Assert.Equal("待我评分的大赛作品", Str(item, "kindName"));
        Assert.Contains("船山区评审测试大赛", Str(item, "note"), StringComparison.Ordinal);
        Assert.True((await (await expertClient.GetAsync("/api/v1/workbench/counts")).OkJsonAsync())["review"]!.GetValue<int>() >= 1);

        // The county's 评审进度 appears once the edition is in review (the city, holding nothing here, and another county do not see it).
        var progressLink = $"/Talent/Contests/Details/{contest}#expert-review";
        Assert.Null(WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(county), progressLink));
        await (await county.PostJsonAsync($"/api/v1/contests/{contest}/status", new { status = "Reviewing" })).OkJsonAsync();
        var progress = WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(county), progressLink)!;
        Assert.Equal("大赛评审进度", Str(progress, "kindName"));
        Assert.Equal("评审进度：专家已评分0/2份，待评审作品2件", Str(progress, "note"));
        Assert.Null(WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(city), progressLink));
        Assert.Null(WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(await app.SignInAsync("shehong")), progressLink));

        // One scored: one left; both scored: the item is gone; the county's note follows.
        var mine = (await (await expertClient.GetAsync("/api/v1/contest-assignments/mine")).OkJsonAsync()).AsArray();
        await (await expertClient.PostJsonAsync($"/api/v1/contest-assignments/{Id(mine[0]!)}/score", new { scores = new[] { 25, 25, 15, 15 } })).OkJsonAsync();
        Assert.Equal("大赛评审：1件作品待评分", Str(WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(expertClient), "/Talent/Contests/Reviews")!, "title"));
        await (await expertClient.PostJsonAsync($"/api/v1/contest-assignments/{Id(mine[1]!)}/score", new { scores = new[] { 20, 20, 15, 15 } })).OkJsonAsync();
        Assert.Null(WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(expertClient), "/Talent/Contests/Reviews"));
        Assert.Equal("评审进度：专家已评分2/2份，待评审作品2件", Str(WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(county), progressLink)!, "note"));

        // The home page (the workbench) shows the county's item by name.
        var home = await (await county.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains($"船山区评审测试大赛{token}{year}", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_standing_declaration_keeps_the_expert_off_a_schools_and_a_teachers_works_in_every_edition()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var year = TestYears.Next(app.Provider);
        var city = await app.SignInAsync("suining");
        var county = await CountyAsync(token);
        var schoolName = $"船山回避中学{token}";
        var teacher = $"钱老师{token}";
        var (first, _, firstEntries) = await EditionAsync(county, token, year, schoolName, ($"太阳能小车{token}", "冯老师"));
        var (second, _, secondEntries) = await EditionAsync(county, token, year + 1, $"船山另一中学{token}", ($"植物生长观察{token}", teacher), ($"声控台灯{token}", "陈老师"));
        var (expert, expertClient) = await ExpertAsync(city, $"回避专家{token}", token);
        var (_, notExpert) = await ExpertAsync(city, $"普通专家{token}", token + "n");

        // Declarations need a reason and an object, in Chinese on the field; only the expert sees their own.
        await (await expertClient.PostJsonAsync("/api/v1/expert-conflicts", new { kind = "Organization", organizationName = schoolName, reason = " " })).AssertValidationProblemAsync("reason");
        await (await expertClient.PostJsonAsync("/api/v1/expert-conflicts", new { kind = "Person", reason = "亲属" })).AssertValidationProblemAsync("personName");
        await (await expertClient.PostJsonAsync("/api/v1/expert-conflicts", new { reason = "亲属" })).AssertValidationProblemAsync("kind");
        var school = await (await expertClient.PostJsonAsync("/api/v1/expert-conflicts", new { kind = "Organization", organizationName = schoolName, reason = "本人在该校兼职任教" })).OkJsonAsync();
        var person = await (await expertClient.PostJsonAsync("/api/v1/expert-conflicts", new { kind = "Person", personName = teacher, reason = "该教师是本人配偶" })).OkJsonAsync();
        await (await expertClient.PostJsonAsync("/api/v1/expert-conflicts", new { kind = "Person", personName = teacher, reason = "重复" })).AssertValidationProblemAsync("personName");
        Assert.Equal(2, (await (await expertClient.GetAsync("/api/v1/expert-conflicts/mine")).OkJsonAsync()).AsArray().Count);
        Assert.Empty((await (await notExpert.GetAsync("/api/v1/expert-conflicts/mine")).OkJsonAsync()).AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await notExpert.DeleteAsync($"/api/v1/expert-conflicts/{Id(person)}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await (await app.SignInAsync("enterprise")).PostJsonAsync("/api/v1/expert-conflicts", new { kind = "Person", personName = "某人", reason = "冒名" })).StatusCode);

        // The school's work of the first edition is refused with the reason; in the second edition the teacher's work is left out and the other assigned.
        var refused = await county.PostJsonAsync($"/api/v1/contests/{first}/assignments", new { expertId = expert, entryIds = firstEntries });
        await refused.AssertValidationProblemAsync("expertId");
        Assert.Contains($"已声明长期回避“{schoolName}”（本人在该校兼职任教），须回避", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var partial = await (await county.PostJsonAsync($"/api/v1/contests/{second}/assignments", new { expertId = expert, category = "科技创新成果" })).OkJsonAsync();
        Assert.Equal([$"声控台灯{token}"], partial["assigned"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Contains($"已声明长期回避{teacher}（该教师是本人配偶）", Str(Assert.Single(partial["skipped"]!.AsArray())!, "reason"), StringComparison.Ordinal);

        // Per-work declarations keep working next to the standing ones.
        var task = (await (await expertClient.GetAsync("/api/v1/contest-assignments/mine")).OkJsonAsync()).AsArray().Single()!;
        await (await expertClient.PostJsonAsync($"/api/v1/contest-assignments/{Id(task)}/decline", new { reason = "作者是本人邻居" })).OkJsonAsync();
        var again = await county.PostJsonAsync($"/api/v1/contests/{second}/assignments", new { expertId = expert, entryIds = new[] { secondEntries[1] } });
        Assert.Contains("已声明与本作品存在利益冲突", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Withdrawn, the school's works may be assigned again.
        Assert.Equal(HttpStatusCode.NoContent, (await expertClient.DeleteAsync($"/api/v1/expert-conflicts/{Id(school)}")).StatusCode);
        Assert.Single((await (await county.PostJsonAsync($"/api/v1/contests/{first}/assignments", new { expertId = expert, entryIds = firstEntries })).OkJsonAsync())["assigned"]!.AsArray());

        // The page: the declarations listed; an empty reason shown next to its field.
        var page = await expertClient.GetAsync("/Talent/Contests/Reviews");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(teacher, html, StringComparison.Ordinal);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["kind"] = "Organization", ["organizationName"] = "某某学校", ["reason"] = "", ["__RequestVerificationToken"] = Security.LoginTestSupport.TokenOf(html),
        });
        var posted = await (await expertClient.PostAsync("/Talent/Contests/Reviews?handler=DeclareConflict", form)).Content.ReadAsStringAsync();
        Assert.Matches("id=\"conflict-reason\"[^>]*/>\\s*<span class=\"field-validation-error\" role=\"alert\">回避理由不能为空", posted);
    }
}

public sealed class ContestPanelSqliteTests(SqliteApp app) : ContestPanelTests(app);

public sealed class ContestPanelPostgresTests(PostgresApp app) : ContestPanelTests(app);
