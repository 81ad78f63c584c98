using System.Net;
using System.Text.Json.Nodes;
using Kexie.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Talent;

/// <summary>
/// Review rounds per category, through the real host in 丹棱县 (511424), which no other test uses: one category is closed, reopened and
/// advanced to 终评 on its own while the other stays in 初评; a category in its last round has its results decided (per category), one
/// still in 初评 does not; the edition's round stays the default of the categories without their own, and once every category runs its
/// own the edition's advance says so; another region's admin may not touch a category's round. And the demo: 遂宁市's 2024 edition
/// with 初评 and 终评 holds the works 大英县 recommended, with their school and county, the decisions, scores and awards.
/// </summary>
public abstract class ContestCategoryRoundTests(KexieApp app)
{
    private const string County = "511424";

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static string Str(JsonNode node, string name) => node[name]!.GetValue<string>();

    private static JsonNode CategoryOf(JsonNode review, string category) =>
        review["categoryRounds"]!.AsArray().Single(k => Str(k!, "category") == category)!;

    private async Task<(string ExpertId, HttpClient Client)> ExpertAsync(HttpClient county, string name, string token)
    {
        var worker = Id(await (await county.PostJsonAsync("/api/v1/workers", new { name, gender = "Male", birthYear = 1972, employer = "丹棱县科技馆", title = "高级", phone = KexieApp.NewPhone(), regionCode = County, isPublicProfile = false })).OkJsonAsync());
        var login = $"dl-e-{token}-{Random.Shared.Next(1000, 9999)}";
        await (await (await app.SignInAsync("admin")).PostJsonAsync("/api/v1/users", new { userName = login, displayName = name, password = "Kexie@2026", role = "ScienceWorker", regionCode = County, scienceWorkerId = worker })).OkJsonAsync();
        var expert = Id(await (await county.PostJsonAsync("/api/v1/experts", new { workerId = worker, level = "County", expertise = "青少年科技教育", researchDirections = new[] { "科技创新教育" } })).OkJsonAsync());
        return (expert, await app.SignInAsync(login, "Kexie@2026"));
    }

    private static async Task<string> TaskOfAsync(HttpClient expert, string entryId, string round) =>
        Id((await (await expert.GetAsync("/api/v1/contest-assignments/mine")).OkJsonAsync()).AsArray()
            .Single(x => Str(x!, "entryId") == entryId && x!["assignment"]!["roundName"]!.GetValue<string>() == round)!);

    [Fact]
    public async Task One_category_closes_and_goes_to_the_final_round_on_its_own_and_its_results_come_before_the_others()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var year = TestYears.Next(app.Provider);
        var login = $"dl-{token}";
        await (await (await app.SignInAsync("admin")).PostJsonAsync("/api/v1/users", new { userName = login, displayName = $"丹棱科协管理员{token}", password = "Kexie@2026", role = "AssociationAdmin", regionCode = County })).OkJsonAsync();
        var county = await app.SignInAsync(login, "Kexie@2026");
        var contestId = Id(await (await county.PostJsonAsync("/api/v1/contests", new { name = $"丹棱县青少年科技创新大赛{token}", year, regionCode = County, categories = new[] { "科技创新成果", "科幻绘画" }, rounds = new[] { "初评", "终评" } })).OkJsonAsync());
        var school = Id(await (await county.PostJsonAsync("/api/v1/organizations", new { name = $"丹棱中学{token}", kind = "School", creditCode = AccessScopeTests.NewCreditCode(County), industryCode = "8334", regionCode = County })).OkJsonAsync());
        async Task<string> EnterAsync(string title, string category, string student) =>
            Id(await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/entries", new { schoolId = school, title = $"{title}{token}", category, students = new[] { student }, teacher = "杨老师" })).OkJsonAsync());
        var robot = await EnterAsync("柑橘采摘机器人", "科技创新成果", "王小橘");
        var filter = await EnterAsync("雨水过滤器", "科技创新成果", "李小雨");
        var moon = await EnterAsync("月球果园", "科幻绘画", "张小月");
        var ship = await EnterAsync("太空邮轮", "科幻绘画", "赵小船");

        var (a, expertA) = await ExpertAsync(county, $"甲专家{token}", token);
        var (b, expertB) = await ExpertAsync(county, $"乙专家{token}", token);
        foreach (var category in new[] { "科技创新成果", "科幻绘画" })
        {
            await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/assignments", new { expertId = a, category })).OkJsonAsync();
        }

        await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/assignments", new { expertId = b, entryIds = new[] { filter, ship } })).OkJsonAsync();
        foreach (var (entry, scores) in new[] { (robot, new[] { 28, 27, 18, 17 }), (filter, new[] { 20, 20, 15, 15 }), (moon, new[] { 25, 25, 16, 16 }), (ship, new[] { 22, 22, 15, 15 }) })
        {
            await (await expertA.PostJsonAsync($"/api/v1/contest-assignments/{await TaskOfAsync(expertA, entry, "初评")}/score", new { scores })).OkJsonAsync();
        }

        await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/status", new { status = "Reviewing" })).OkJsonAsync();

        // Closing 科幻绘画 alone: its experts stop, 科技创新成果's go on; the edition's round stays open; an unknown category is named.
        var closed = await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/rounds/close?category=科幻绘画", new { })).OkJsonAsync();
        Assert.True(closed["roundOpen"]!.GetValue<bool>());
        Assert.Equal("已结束", Str(CategoryOf(closed, "科幻绘画"), "stateName"));
        Assert.True(CategoryOf(closed, "科幻绘画")["own"]!.GetValue<bool>());
        Assert.Equal("进行中", Str(CategoryOf(closed, "科技创新成果"), "stateName"));
        Assert.False(CategoryOf(closed, "科技创新成果")["own"]!.GetValue<bool>());
        var refused = await expertB.PostJsonAsync($"/api/v1/contest-assignments/{await TaskOfAsync(expertB, ship, "初评")}/score", new { scores = new[] { 20, 20, 10, 10 } });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("“科幻绘画”类别初评已结束", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await (await expertB.PostJsonAsync($"/api/v1/contest-assignments/{await TaskOfAsync(expertB, filter, "初评")}/score", new { scores = new[] { 18, 18, 14, 14 } })).OkJsonAsync();
        await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/rounds/close?category=手工制作", new { })).AssertValidationProblemAsync("category");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("shehong")).PostJsonAsync($"/api/v1/contests/{contestId}/rounds/close?category=科技创新成果", new { })).StatusCode);

        // 科技创新成果 goes to 终评 on its own (前1名); 科幻绘画 stays in 初评.
        var advanced = await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/rounds/advance", new { top = 1, reason = $"科技创新成果类须现场答辩{token}", category = "科技创新成果" })).OkJsonAsync();
        Assert.Equal("“科技创新成果”类别专家评分前1名（并列者同时晋级）", Str(advanced["decision"]!, "rule"));
        Assert.Equal("科技创新成果", Str(advanced["decision"]!, "category"));
        Assert.Equal([$"柑橘采摘机器人{token}"], advanced["advanced"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("未进入终评", Str(await (await county.GetAsync($"/api/v1/contest-entries/{filter}")).OkJsonAsync(), "statusName"));
        Assert.Equal("初评", Str(await (await county.GetAsync($"/api/v1/contest-entries/{moon}")).OkJsonAsync(), "roundName"));
        var review = await (await county.GetAsync($"/api/v1/contests/{contestId}/expert-review")).OkJsonAsync();
        Assert.Equal("终评", Str(CategoryOf(review, "科技创新成果"), "roundName"));
        Assert.True(CategoryOf(review, "科技创新成果")["finalRound"]!.GetValue<bool>());
        Assert.Equal($"科技创新成果类须现场答辩{token}", Str(Assert.Single(CategoryOf(review, "科技创新成果")["decisions"]!.AsArray())!, "reason"));
        Assert.Equal("初评", Str(CategoryOf(review, "科幻绘画"), "roundName"));
        Assert.Equal("初评", Str(review, "currentRoundName"));
        Assert.Equal(1, await app.QueryAsync(db => db.ContestRoundDecisions.CountAsync(d => d.ContestId == Guid.Parse(contestId) && d.Category == "科技创新成果")));

        // The edition itself (API and page, for anyone who sees it) says where each category is, not only the edition's round.
        var edition = await (await app.Anonymous().GetAsync($"/api/v1/contests/{contestId}")).OkJsonAsync();
        Assert.Equal("初评", Str(edition, "currentRoundName"));
        var stages = edition["categoryRounds"]!.AsArray();
        Assert.Equal(["科技创新成果", "科幻绘画"], stages.Select(k => Str(k!, "category")));
        Assert.Equal(("终评", true, true), (Str(stages[0]!, "roundName"), stages[0]!["own"]!.GetValue<bool>(), stages[0]!["finalRound"]!.GetValue<bool>()));
        // 科幻绘画 runs its own round since it was closed alone.
        Assert.Equal(("初评", true, false), (Str(stages[1]!, "roundName"), stages[1]!["own"]!.GetValue<bool>(), stages[1]!["finalRound"]!.GetValue<bool>()));
        Assert.Equal("已结束", Str(stages[1]!, "stateName"));
        Assert.Contains("各类别当前轮次：科技创新成果 终评（进行中）；科幻绘画 初评（已结束）", await app.Anonymous().GetStringAsync($"/Talent/Contests/Details/{contestId}"), StringComparison.Ordinal);

        // Results per category: 科技创新成果's 终评 panel scores and the work passes and is awarded; 科幻绘画's works wait for their 终评.
        await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/assignments", new { expertId = b, category = "科技创新成果" })).OkJsonAsync();
        await (await expertB.PostJsonAsync($"/api/v1/contest-assignments/{await TaskOfAsync(expertB, robot, "终评")}/score", new { scores = new[] { 27, 27, 18, 18 } })).OkJsonAsync();
        Assert.Equal(90m, (await (await county.PostJsonAsync($"/api/v1/contest-entries/{robot}/review", new { passed = true })).OkJsonAsync())["score"]!.GetValue<decimal>());
        await (await county.PostJsonAsync($"/api/v1/contest-entries/{robot}/award", new { award = "First" })).OkJsonAsync();
        var early = await county.PostJsonAsync($"/api/v1/contest-entries/{moon}/review", new { passed = true });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("尚在初评", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Every category now runs its own round: the edition's advance says to go by category; 科幻绘画 reopens and advances.
        var whole = await county.PostJsonAsync($"/api/v1/contests/{contestId}/rounds/advance", new { top = 1, reason = "全部晋级" });
        Assert.Equal(HttpStatusCode.Conflict, whole.StatusCode);
        Assert.Contains("请按类别确定晋级作品", await whole.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await county.PostJsonAsync($"/api/v1/contests/{contestId}/rounds/advance", new { top = 1, reason = "再晋级", category = "科技创新成果" })).StatusCode);
        var reopened = await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/rounds/open?category=科幻绘画", new { })).OkJsonAsync();
        Assert.Equal("进行中", Str(CategoryOf(reopened, "科幻绘画"), "stateName"));
        var paintings = await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/rounds/advance", new { minScore = 80, reason = "科幻绘画类按分数线晋级", category = "科幻绘画" })).OkJsonAsync();
        Assert.Equal(1, paintings["decision"]!["advanced"]!.GetValue<int>());
        Assert.Equal("终评", Str(await (await county.GetAsync($"/api/v1/contest-entries/{moon}")).OkJsonAsync(), "roundName"));

        // The reviewers' page lists each category's round.
        var page = await county.GetStringAsync($"/Talent/Contests/Details/{contestId}");
        Assert.Contains("各类别评审轮次", page, StringComparison.Ordinal);
        Assert.Contains("data-category=\"科幻绘画\"", page, StringComparison.Ordinal);
        Assert.Contains("科技创新成果类须现场答辩", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_citys_two_round_demo_edition_holds_the_works_the_county_recommended_with_school_county_decisions_and_awards()
    {
        var listed = (await (await app.Anonymous().GetAsync("/api/v1/contests?region=5109&year=2024")).OkJsonAsync())["items"]!.AsArray();
        var city = Assert.Single(listed, c => Str(c!, "name") == ContestDemoSeeder.CityEdition2024)!;
        Assert.Equal(["初评", "终评"], city["rounds"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("已结束", Str(city, "statusName"));

        var suining = await app.SignInAsync("suining");
        var cityId = Id(city);
        var works = (await (await suining.GetAsync($"/api/v1/contests/{cityId}/entries?pageSize=100")).OkJsonAsync())["items"]!.AsArray();
        Assert.Equal(ContestDemoSeeder.Recommended2024, works.Count);
        Assert.All(works, w => Assert.StartsWith("510923", Str(w!, "regionCode")));
        Assert.All(works, w => Assert.StartsWith(ContestDemoSeeder.CountyEdition2024, Str(w!, "recommendedFrom")));
        var awarded = works.Where(w => w!["awardName"] is not null).ToList();
        Assert.Equal(3, awarded.Count(w => Str(w!, "awardName") == "一等奖"));
        Assert.Equal(5, awarded.Count(w => Str(w!, "awardName") == "二等奖"));
        Assert.Contains(works, w => Str(w!, "statusName") == "未进入终评");

        var review = await (await suining.GetAsync($"/api/v1/contests/{cityId}/expert-review")).OkJsonAsync();
        var innovation = CategoryOf(review, "科技创新成果");
        Assert.True(innovation["own"]!.GetValue<bool>());
        Assert.Equal("终评", Str(innovation, "roundName"));
        Assert.Contains("须现场答辩", Str(Assert.Single(innovation["decisions"]!.AsArray())!, "reason"), StringComparison.Ordinal);
        Assert.Contains("每个类别专家评分前3名", Str(review["rounds"]!.AsArray()[0]!["decision"]!, "rule"), StringComparison.Ordinal);
        Assert.All(review["entries"]!.AsArray(), e => Assert.True(e!["assignments"]!.AsArray().Count >= 1));

        // The city's page shows each work's school with its county; a winner's certificate downloads.
        var page = await suining.GetStringAsync($"/Talent/Contests/Details/{cityId}");
        Assert.Contains("（大英县）", page, StringComparison.Ordinal);
        var winner = Id(awarded[0]!);
        var certificate = await suining.GetAsync($"/api/v1/contest-entries/{winner}/certificate");
        Assert.Equal(HttpStatusCode.OK, certificate.StatusCode);

        // The county's 2024 summary says where it recommended its works; 2025's stays the seeds' sentence.
        var summary = Str(await (await app.Anonymous().GetAsync("/api/v1/contests/statistics?region=510923&year=2024")).OkJsonAsync(), "summary");
        Assert.StartsWith($"2024年，大英县青少年科技创新大赛共收获{ContestDemoSeeder.Works2024}件作品，推荐{ContestDemoSeeder.Recommended2024}件作品参加{ContestDemoSeeder.CityEdition2024}", summary);
        var summary2025 = Str(await (await app.Anonymous().GetAsync("/api/v1/contests/statistics?region=510923&year=2025")).OkJsonAsync(), "summary");
        Assert.StartsWith("2025年，大英县青少年科技创新大赛共收获827件作品，推荐85件作品参加四川省第35届青少年科技创新大赛；", summary2025);
    }
}

public sealed class ContestCategoryRoundSqliteTests(SqliteApp app) : ContestCategoryRoundTests(app);

public sealed class ContestCategoryRoundPostgresTests(PostgresApp app) : ContestCategoryRoundTests(app);
