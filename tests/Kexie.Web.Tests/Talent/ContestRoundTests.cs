using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Talent;

/// <summary>
/// Review rounds (初评 → 终评), the higher edition's 参赛条件 on recommendation upward, and the contest kinds, through the real host in
/// 青神县 (511425) under 眉山市 (5114), which no other test uses: each round has its own panel and scores, the reviewers close, reopen and
/// advance a round (前N名 or 分数线, with the reason kept and audited), the rest are 未进入终评, results come from the last round; an
/// ineligible work is refused upward naming the rule and nothing is written; a 金钥匙 edition is counted apart from the 青创赛.
/// </summary>
public abstract class ContestRoundTests(KexieApp app)
{
    private const string County = "511425";
    private const string City = "5114";

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static string Str(JsonNode node, string name) => node[name]!.GetValue<string>();

    private async Task<HttpClient> AdminOfAsync(string region, string token, string label)
    {
        var login = $"qs-{region}-{token}";
        await (await (await app.SignInAsync("admin")).PostJsonAsync("/api/v1/users", new { userName = login, displayName = $"{label}科协管理员{token}", password = "Kexie@2026", role = "AssociationAdmin", regionCode = region })).OkJsonAsync();
        return await app.SignInAsync(login, "Kexie@2026");
    }

    private async Task<(string ExpertId, HttpClient Client)> ExpertAsync(HttpClient city, string name, string token)
    {
        var worker = Id(await (await city.PostJsonAsync("/api/v1/workers", new { name, gender = "Female", birthYear = 1975, employer = "眉山市科技馆", title = "正高级", phone = KexieApp.NewPhone(), regionCode = County, isPublicProfile = false })).OkJsonAsync());
        var login = $"qe-{token}-{Random.Shared.Next(1000, 9999)}";
        await (await (await app.SignInAsync("admin")).PostJsonAsync("/api/v1/users", new { userName = login, displayName = name, password = "Kexie@2026", role = "ScienceWorker", regionCode = County, scienceWorkerId = worker })).OkJsonAsync();
        var expert = Id(await (await city.PostJsonAsync("/api/v1/experts", new { workerId = worker, level = "Municipal", expertise = "青少年科技教育", researchDirections = new[] { "科技创新教育" } })).OkJsonAsync());
        return (expert, await app.SignInAsync(login, "Kexie@2026"));
    }

    private static async Task<JsonNode> TaskOfAsync(HttpClient expert, string entryId, string round) =>
        (await (await expert.GetAsync("/api/v1/contest-assignments/mine")).OkJsonAsync()).AsArray()
            .Single(x => Str(x!, "entryId") == entryId && x!["assignment"]!["roundName"]!.GetValue<string>() == round)!;

    [Fact]
    public async Task A_two_round_review_advances_the_best_works_to_the_final_round_whose_panel_makes_the_result()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var year = TestYears.Next(app.Provider);
        var county = await AdminOfAsync(County, token, "青神");
        var city = await AdminOfAsync(City, token, "眉山");
        var shehong = await app.SignInAsync("shehong");

        var name = $"青神县青少年科技创新大赛{token}";
        var contest = await (await county.PostJsonAsync("/api/v1/contests", new { name, year, regionCode = County, categories = new[] { "科技创新成果" }, rounds = new[] { "初评", "终评" } })).OkJsonAsync();
        var contestId = Id(contest);
        Assert.Equal(["初评", "终评"], contest["rounds"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("初评", Str(contest, "currentRoundName"));

        var school = Id(await (await county.PostJsonAsync("/api/v1/organizations", new { name = $"青神中学{token}", kind = "School", creditCode = AccessScopeTests.NewCreditCode(County), industryCode = "8334", regionCode = County })).OkJsonAsync());
        async Task<string> EnterAsync(string title, string student) =>
            Id(await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/entries", new { schoolId = school, title = $"{title}{token}", category = "科技创新成果", students = new[] { student }, teacher = "周老师" })).OkJsonAsync());
        var first = await EnterAsync("竹编机器人", "王小竹");
        var second = await EnterAsync("岷江水质", "李小江");
        var third = await EnterAsync("茶叶烘干", "张小茶");

        var (a, expertA) = await ExpertAsync(city, $"甲评委{token}", token);
        var (b, expertB) = await ExpertAsync(city, $"乙评委{token}", token);
        var (c, expertC) = await ExpertAsync(city, $"丙评委{token}", token);

        // 初评: A scores all three; B is assigned the third; C declares a conflict on the first.
        Assert.Equal(3, (await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/assignments", new { expertId = a, category = "科技创新成果" })).OkJsonAsync())["assigned"]!.AsArray().Count);
        await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/assignments", new { expertId = b, entryIds = new[] { third } })).OkJsonAsync();
        await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/assignments", new { expertId = c, entryIds = new[] { first } })).OkJsonAsync();
        Assert.Equal("初评", Str(Assert.Single((await (await expertC.GetAsync("/api/v1/contest-assignments/mine")).OkJsonAsync()).AsArray())!, "roundName"));
        await (await expertC.PostJsonAsync($"/api/v1/contest-assignments/{Id(await TaskOfAsync(expertC, first, "初评"))}/decline", new { reason = "作者是本人亲属" })).OkJsonAsync();
        foreach (var (entry, scores) in new[] { (first, new[] { 28, 27, 18, 17 }), (second, new[] { 20, 20, 15, 15 }), (third, new[] { 24, 25, 16, 15 }) })
        {
            await (await expertA.PostJsonAsync($"/api/v1/contest-assignments/{Id(await TaskOfAsync(expertA, entry, "初评"))}/score", new { scores })).OkJsonAsync();
        }

        // The result is not given in 初评; nobody advances while works are still coming in.
        var early = await county.PostJsonAsync($"/api/v1/contest-entries/{first}/review", new { passed = true });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("结果和奖项由终评评定", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await county.PostJsonAsync($"/api/v1/contests/{contestId}/rounds/advance", new { top = 2, reason = "按专家评分" })).StatusCode);
        await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/status", new { status = "Reviewing" })).OkJsonAsync();

        // Closing the round stops scoring; reopening lets it go on.
        var closed = await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/rounds/close", new { })).OkJsonAsync();
        Assert.False(closed["roundOpen"]!.GetValue<bool>());
        var taskB = Id(await TaskOfAsync(expertB, third, "初评"));
        Assert.Equal(HttpStatusCode.Conflict, (await expertB.PostJsonAsync($"/api/v1/contest-assignments/{taskB}/score", new { scores = new[] { 30, 30, 20, 20 } })).StatusCode);
        Assert.True((await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/rounds/open", new { })).OkJsonAsync())["roundOpen"]!.GetValue<bool>());

        // The rule and the reason are checked and named; another county may not advance this edition.
        await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/rounds/advance", new { top = 2 })).AssertValidationProblemAsync("reason");
        await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/rounds/advance", new { top = 2, minScore = 80, reason = "x" })).AssertValidationProblemAsync("top");
        await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/rounds/advance", new { minScore = 99, reason = "x" })).AssertValidationProblemAsync("minScore");
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostJsonAsync($"/api/v1/contests/{contestId}/rounds/advance", new { top = 2, reason = "越权" })).StatusCode);

        // 前2名 go on to 终评 (90 and 80); the third (70) is 未进入终评; the decision is kept with its reason.
        var advanced = await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/rounds/advance", new { top = 2, reason = $"按初评专家评分排序，经评审委员会研究确定{token}" })).OkJsonAsync();
        Assert.Equal(2, advanced["decision"]!["advanced"]!.GetValue<int>());
        Assert.Equal(1, advanced["decision"]!["notAdvanced"]!.GetValue<int>());
        Assert.Equal("专家评分前2名（并列者同时晋级）", Str(advanced["decision"]!, "rule"));
        var left = await (await county.GetAsync($"/api/v1/contest-entries/{second}")).OkJsonAsync();
        Assert.Equal("未进入终评", Str(left, "statusName"));
        var on = await (await county.GetAsync($"/api/v1/contest-entries/{first}")).OkJsonAsync();
        Assert.Equal("终评", Str(on, "roundName"));
        Assert.Null(on["expertScore"]);
        var review = await (await county.GetAsync($"/api/v1/contests/{contestId}/expert-review")).OkJsonAsync();
        Assert.Equal("终评", Str(review, "currentRoundName"));
        Assert.True(review["finalRound"]!.GetValue<bool>());
        var rounds = review["rounds"]!.AsArray();
        Assert.Equal($"按初评专家评分排序，经评审委员会研究确定{token}", Str(rounds[0]!["decision"]!, "reason"));
        Assert.Equal(["已结束", "进行中"], rounds.Select(r => Str(r!, "stateName")));
        var reason = $"经评审委员会研究确定{token}";
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync(x => x.EntityType == "ContestRoundDecision" && x.RegionCode == County && x.After!.Contains(reason))));

        // 终评 has its own panel: A again (the work left behind is not assigned), C still stands aside from the work they declared on;
        // B's 初评 sheet is over.
        var final = await (await county.PostJsonAsync($"/api/v1/contests/{contestId}/assignments", new { expertId = a, category = "科技创新成果" })).OkJsonAsync();
        Assert.Equal(2, final["assigned"]!.AsArray().Count);
        var aside = await county.PostJsonAsync($"/api/v1/contests/{contestId}/assignments", new { expertId = c, entryIds = new[] { first } });
        await aside.AssertValidationProblemAsync("expertId");
        Assert.Contains("已声明与本作品存在利益冲突", await aside.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await expertB.PostJsonAsync($"/api/v1/contest-assignments/{taskB}/score", new { scores = new[] { 30, 30, 20, 20 } })).StatusCode);
        var behind = await county.PostJsonAsync($"/api/v1/contests/{contestId}/assignments", new { expertId = b, entryIds = new[] { second } });
        await behind.AssertValidationProblemAsync("expertId");
        Assert.Contains("未进入终评", await behind.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The 终评 score alone is the work's expert score (not the mean with 初评's 90), and the result passes on it; the last round does not advance.
        var finalTask = await TaskOfAsync(expertA, first, "终评");
        Assert.True(finalTask["mayScore"]!.GetValue<bool>());
        Assert.False((await TaskOfAsync(expertA, first, "初评"))["mayScore"]!.GetValue<bool>());
        await (await expertA.PostJsonAsync($"/api/v1/contest-assignments/{Id(finalTask)}/score", new { scores = new[] { 26, 26, 18, 18 } })).OkJsonAsync();
        Assert.Equal(88m, (await (await county.GetAsync($"/api/v1/contest-entries/{first}")).OkJsonAsync())["expertScore"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.Conflict, (await county.PostJsonAsync($"/api/v1/contests/{contestId}/rounds/advance", new { top = 1, reason = "再晋级" })).StatusCode);
        var passed = await (await county.PostJsonAsync($"/api/v1/contest-entries/{first}/review", new { passed = true })).OkJsonAsync();
        Assert.Equal(88m, passed["score"]!.GetValue<decimal>());
        await (await county.PostJsonAsync($"/api/v1/contest-entries/{first}/award", new { award = "First" })).OkJsonAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await county.PostJsonAsync($"/api/v1/contest-entries/{second}/review", new { passed = true })).StatusCode);

        // The rounds stay once past 初评.
        await (await county.PutJsonAsync($"/api/v1/contests/{contestId}", new { name, year, regionCode = County, categories = new[] { "科技创新成果" }, rounds = new[] { "初评", "复评", "终评" } }))
            .AssertValidationProblemAsync("rounds");
    }

    [Fact]
    public async Task A_work_recommended_upward_meets_the_city_editions_rules_or_is_refused_naming_the_rule_with_nothing_written()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var year = TestYears.Next(app.Provider);
        var county = await AdminOfAsync(County, token, "青神");
        var city = await AdminOfAsync(City, token, "眉山");

        var cityEdition = Id(await (await city.PostJsonAsync("/api/v1/contests", new
        {
            name = $"眉山市青少年科技创新大赛{token}", year, regionCode = City, categories = new[] { "科技创新成果" },
            eligibility = new { stages = new[] { "Primary", "Junior" }, teacherRequired = true },
        })).OkJsonAsync());
        var countyEdition = Id(await (await county.PostJsonAsync("/api/v1/contests", new { name = $"青神县青少年科技创新大赛{token}", year, regionCode = County, categories = new[] { "科技创新成果" }, recommendQuota = 5 })).OkJsonAsync());
        var school = Id(await (await county.PostJsonAsync("/api/v1/organizations", new { name = $"青神县城区小学{token}", kind = "School", creditCode = AccessScopeTests.NewCreditCode(County), industryCode = "8334", regionCode = County })).OkJsonAsync());
        async Task<string> PassedAsync(string title, string stage, string? teacher)
        {
            var id = Id(await (await county.PostJsonAsync($"/api/v1/contests/{countyEdition}/entries", new { schoolId = school, title = $"{title}{token}", category = "科技创新成果", students = new[] { "刘小禾" }, teacher, stage })).OkJsonAsync());
            await (await county.PostJsonAsync($"/api/v1/contest-entries/{id}/review", new { passed = true, score = 90 })).OkJsonAsync();
            return id;
        }

        var senior = await PassedAsync("高中组作品", "Senior", "周老师");
        var untaught = await PassedAsync("无指导教师作品", "Junior", null);
        var fine = await PassedAsync("初中组作品", "Junior", "周老师");

        var refused = await county.PostJsonAsync($"/api/v1/contest-entries/{senior}/recommend", new { targetContestId = cityEdition });
        await refused.AssertValidationProblemAsync("targetContestId");
        var message = await refused.Content.ReadAsStringAsync();
        Assert.Contains("学段不符", message, StringComparison.Ordinal);
        Assert.Contains("限小学、初中学生参加", message, StringComparison.Ordinal);
        var noTeacher = await county.PostJsonAsync($"/api/v1/contest-entries/{untaught}/recommend", new { targetContestId = cityEdition });
        await noTeacher.AssertValidationProblemAsync("targetContestId");
        Assert.Contains("须有指导教师", await noTeacher.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Nothing half-written: the refused works are not marked sent, the city has none of them, the quota is untouched.
        Assert.Null((await (await county.GetAsync($"/api/v1/contest-entries/{senior}")).OkJsonAsync())["recommendedTo"]);
        Assert.Equal(0, (await (await city.GetAsync($"/api/v1/contests/{cityEdition}/entries")).OkJsonAsync())["total"]!.GetValue<int>());
        Assert.Equal(0, (await (await county.GetAsync($"/api/v1/contests/{countyEdition}")).OkJsonAsync())["recommended"]!.GetValue<int>());

        // An eligible work goes up and the city sees it.
        await (await county.PostJsonAsync($"/api/v1/contest-entries/{fine}/recommend", new { targetContestId = cityEdition })).OkJsonAsync();
        var arrived = Assert.Single((await (await city.GetAsync($"/api/v1/contests/{cityEdition}/entries")).OkJsonAsync())["items"]!.AsArray())!;
        Assert.Equal($"初中组作品{token}", Str(arrived, "title"));
    }

    [Fact]
    public async Task A_golden_key_edition_is_its_own_kind_and_the_statistics_count_it_apart_from_the_innovation_contest()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var year = TestYears.Next(app.Provider);
        var county = await AdminOfAsync(County, token, "青神");
        var school = Id(await (await county.PostJsonAsync("/api/v1/organizations", new { name = $"青神县实验小学{token}", kind = "School", creditCode = AccessScopeTests.NewCreditCode(County), industryCode = "8334", regionCode = County })).OkJsonAsync());
        var innovation = Id(await (await county.PostJsonAsync("/api/v1/contests", new { name = $"青神县青创赛{token}", year, regionCode = County, categories = new[] { "科技创新成果" } })).OkJsonAsync());
        var golden = await (await county.PostJsonAsync("/api/v1/contests", new { name = $"青神县“金钥匙”科技竞赛{token}", year, regionCode = County, categories = new[] { "小学组" }, kind = "GoldenKey" })).OkJsonAsync();
        Assert.Equal("青少年科技教育“金钥匙”活动", Str(golden, "kindName"));
        await (await county.PostJsonAsync($"/api/v1/contests/{innovation}/entries", new { schoolId = school, title = $"创新作品{token}", category = "科技创新成果", students = new[] { "甲" } })).OkJsonAsync();
        foreach (var n in new[] { "一", "二" })
        {
            await (await county.PostJsonAsync($"/api/v1/contests/{Id(golden)}/entries", new { schoolId = school, title = $"金钥匙作品{n}{token}", category = "小学组", students = new[] { $"学生{n}" } })).OkJsonAsync();
        }

        var stats = await (await app.Anonymous().GetAsync($"/api/v1/contests/statistics?region={County}&year={year}")).OkJsonAsync();
        Assert.Equal(1, stats["received"]!.GetValue<int>());
        var kind = Assert.Single(stats["byKind"]!.AsArray())!;
        Assert.Equal(("GoldenKey", 2), (Str(kind, "key"), kind["entries"]!.GetValue<int>()));
        Assert.Equal($"{year}年，青神县青少年科技创新大赛共收获1件作品；组织参加青少年科技教育“金钥匙”活动2件作品。", Str(stats, "summary"));
    }
}

public sealed class ContestRoundSqliteTests(SqliteApp app) : ContestRoundTests(app);

public sealed class ContestRoundPostgresTests(PostgresApp app) : ContestRoundTests(app);
