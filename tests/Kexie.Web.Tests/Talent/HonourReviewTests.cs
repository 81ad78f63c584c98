using System.Net;
using System.Text.Json.Nodes;
using Kexie.Domain.Talent;
using Kexie.Web.Tests.Security;

namespace Kexie.Web.Tests.Talent;

/// <summary>
/// 荣誉推荐的专家评审 through the real host, in 游仙区 (510704, a county no other test writes in), in a year of its own: the county's call
/// with its 评审指标, a panel of 专家库 experts with conflicts left out (said why, in Chinese), each expert scoring only their own
/// nominations, the ranking on the decision page, a decision against the ranking asking for a reason kept in the history, 本轮已结束.
/// </summary>
public abstract class HonourReviewTests(KexieApp app)
{
    private const string County = "510704";

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static string Str(JsonNode node, string name) => node[name]!.GetValue<string>();

    private static async Task<string> WorkerAsync(HttpClient county, string name, string employer) =>
        Id(await (await county.PostJsonAsync("/api/v1/workers", new { name, gender = "Male", birthYear = 1975, employer, title = "正高级", phone = KexieApp.NewPhone(), regionCode = County, isPublicProfile = false })).OkJsonAsync());

    /// <summary>A science worker of 游仙区 with an account, admitted to the 专家库 by the county.</summary>
    private async Task<(string ExpertId, HttpClient Client)> ExpertAsync(HttpClient county, string name, string employer, string token, string? worker = null)
    {
        worker ??= await WorkerAsync(county, name, employer);
        var login = $"hr-{token}-{Random.Shared.Next(1000, 9999)}";
        await (await (await app.SignInAsync("admin")).PostJsonAsync("/api/v1/users", new { userName = login, displayName = name, password = "Kexie@2026", role = "ScienceWorker", regionCode = County, scienceWorkerId = worker })).OkJsonAsync();
        var expert = Id(await (await county.PostJsonAsync("/api/v1/experts", new { workerId = worker, level = "County", expertise = "科技人才评价", researchDirections = new[] { "人才评价" } })).OkJsonAsync());
        return (expert, await app.SignInAsync(login, "Kexie@2026"));
    }

    private static async Task<JsonNode> ScoreAsync(HttpClient expert, string nominee, int each)
    {
        var mine = (await (await expert.GetAsync("/api/v1/honours/reviews/mine")).OkJsonAsync()).AsArray();
        var sheet = mine.Single(r => Str(r!, "nomineeName") == nominee)!;
        return await (await expert.PostJsonAsync($"/api/v1/honours/reviews/{Id(sheet)}/score", new { scores = new[] { each, each, each }, opinion = $"{nominee}事迹扎实" })).OkJsonAsync();
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = LoginTestSupport.TokenOf(await client.GetStringAsync(page));
        return await client.PostAsync($"{page}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public void Ranks_share_ties_and_a_decision_against_the_ranking_says_what_it_goes_against()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        List<NominationStanding> all = [new(a, "甲", 80m, NominationStatus.Nominated), new(b, "乙", 85m, NominationStatus.Nominated), new(c, "丙", null, NominationStatus.Nominated)];
        var ranks = HonourRanking.Ranks(all);
        Assert.Equal(2, ranks[a]);
        Assert.Equal(1, ranks[b]);
        Assert.False(ranks.ContainsKey(c));
        Assert.Equal(1, HonourRanking.Ranks([new(a, "甲", 80m, NominationStatus.Nominated), new(b, "乙", 80m, NominationStatus.Nominated)])[b]);
        Assert.Equal("专家评分更高的乙（85分）未入选，甲（80分）入选与专家评分排名不一致", HonourRanking.AgainstRanking(all, a, selected: true));
        Assert.Null(HonourRanking.AgainstRanking(all, b, selected: true));
        Assert.Null(HonourRanking.AgainstRanking(all, c, selected: true));
        Assert.Equal(85m, HonourRanking.Mean([80m, 90m]));
        Assert.Equal(10m, HonourRanking.Spread([80m, 90m]));
        Assert.Null(HonourRanking.Mean([]));
        Assert.Equal(["创新性", "贡献", "影响"], HonourRubric.Build(null).Select(x => x.Name));
        Assert.Equal(100, HonourRubric.Build(null).Sum(x => x.Weight));
    }

    [Fact]
    public async Task A_panel_of_experts_scores_the_countys_nominations_conflicts_stand_aside_and_the_county_decides_on_the_ranking_with_a_reason_when_it_departs()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var year = TestYears.Next(app.Provider);
        var countyLogin = $"yx-{token}";
        await (await (await app.SignInAsync("admin")).PostJsonAsync("/api/v1/users", new { userName = countyLogin, displayName = $"游仙区科协管理员{token}", password = "Kexie@2026", role = "AssociationAdmin", regionCode = County })).OkJsonAsync();
        var county = await app.SignInAsync(countyLogin, "Kexie@2026");
        var shehong = await app.SignInAsync("shehong");

        var callId = Id(await (await county.PostJsonAsync("/api/v1/honours/calls", new { name = $"游仙区{year}年优秀科技工作者评选{token}", kind = "OutstandingTalent", year, regionCode = County, quota = 1 })).OkJsonAsync());

        // The rubric on the call's page: a criterion a line; a malformed line is refused next to the field with the text kept.
        var callPage = $"/Talent/Honours/Details/{callId}";
        Assert.Contains("id=\"rubric-form\"", await county.GetStringAsync(callPage), StringComparison.Ordinal);
        var badForm = System.Net.WebUtility.HtmlDecode(await (await PostFormAsync(county, callPage, "Rubric", new() { ["rubric"] = "创新性,60,10\n贡献 三十 10" })).Content.ReadAsStringAsync());
        Assert.Contains("评审指标“贡献 三十 10”应写作“名称,权重,满分”", badForm, StringComparison.Ordinal);
        Assert.Contains("创新性,60,10\n贡献 三十 10", badForm, StringComparison.Ordinal);
        Assert.Contains("id=\"rubric-error\"", badForm, StringComparison.Ordinal);
        await PostFormAsync(county, callPage, "Rubric", new() { ["rubric"] = "创新性,40,10\n贡献,40,10\n影响,20,10" });
        var fromPage = await (await county.GetAsync($"/api/v1/honours/calls/{callId}/expert-review")).OkJsonAsync();
        Assert.Equal([40, 40, 20], fromPage["rubric"]!.AsArray().Select(r => r!["weight"]!.GetValue<int>()));

        // The rubric: weights must add up to 100; the county sets its own before assigning.
        await (await county.PutJsonAsync($"/api/v1/honours/calls/{callId}/rubric", new { rubric = new[] { new { name = "创新性", weight = 60, maxScore = 10 }, new { name = "贡献", weight = 30, maxScore = 10 } } })).AssertValidationProblemAsync("rubric");
        var set = await (await county.PutJsonAsync($"/api/v1/honours/calls/{callId}/rubric", new { rubric = new[] { new { name = "创新性", weight = 50, maxScore = 10 }, new { name = "贡献", weight = 30, maxScore = 10 }, new { name = "影响", weight = 20, maxScore = 10 } } })).OkJsonAsync();
        Assert.Equal([50, 30, 20], set["rubric"]!.AsArray().Select(r => r!["weight"]!.GetValue<int>()));

        var unitA = $"游仙区农科所{token}";
        var (nameA, nameB, nameC) = ($"甲候选{token}", $"乙候选{token}", $"丙候选{token}");
        var workerA = await WorkerAsync(county, nameA, unitA);
        var workerB = await WorkerAsync(county, nameB, $"游仙区人民医院{token}");
        var workerC = await WorkerAsync(county, nameC, $"游仙区实验中学{token}");
        var (self, _) = await ExpertAsync(county, nameA, unitA, token, workerA);
        var (sameUnit, _) = await ExpertAsync(county, $"同单位专家{token}", unitA, token);
        var (declarer, expertD) = await ExpertAsync(county, $"丁专家{token}", "绵阳市科技馆", token);
        var (x, expertX) = await ExpertAsync(county, $"戊专家{token}", "西南科技大学", token);
        var (y, expertY) = await ExpertAsync(county, $"己专家{token}", "绵阳师范学院", token);
        await (await expertD.PostJsonAsync("/api/v1/expert-conflicts", new { kind = "Person", personName = nameB, reason = "近亲属" })).OkJsonAsync();

        var nA = Id(await (await county.PostJsonAsync($"/api/v1/honours/calls/{callId}/nominations", new { workerId = workerA, reason = "主持水稻新品种选育" })).OkJsonAsync());
        var nB = Id(await (await county.PostJsonAsync($"/api/v1/honours/calls/{callId}/nominations", new { workerId = workerB, reason = "开展乡村义诊" })).OkJsonAsync());
        var nC = Id(await (await county.PostJsonAsync($"/api/v1/honours/calls/{callId}/nominations", new { workerId = workerC, reason = "指导学生科技创新" })).OkJsonAsync());

        // The picker is the contests' one; the nominee and their unit's expert are refused with the reason on the field.
        var options = (await (await county.GetAsync($"/api/v1/honours/calls/{callId}/expert-options")).OkJsonAsync()).AsArray();
        Assert.Contains(options, o => Str(o!, "expertId") == x);
        var refused = await county.PostJsonAsync($"/api/v1/honours/calls/{callId}/assignments", new { expertIds = new[] { self }, nominationIds = new[] { nA } });
        await refused.AssertValidationProblemAsync("expertIds");
        Assert.Contains("是本推荐的被推荐人，须回避", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        refused = await county.PostJsonAsync($"/api/v1/honours/calls/{callId}/assignments", new { expertIds = new[] { sameUnit }, nominationIds = new[] { nA } });
        await refused.AssertValidationProblemAsync("expertIds");
        Assert.Contains($"所在单位（{unitA}）是被推荐人的单位，须回避", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await (await county.PostJsonAsync($"/api/v1/honours/calls/{callId}/assignments", new { expertIds = new[] { x, y }, perNomination = 3 })).AssertValidationProblemAsync("perNomination");

        // Another county's admin finds neither the review nor the call to assign to; the expert never sees the panel.
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.GetAsync($"/api/v1/honours/calls/{callId}/expert-review")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.PostJsonAsync($"/api/v1/honours/calls/{callId}/assignments", new { expertIds = new[] { x } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await expertX.GetAsync($"/api/v1/honours/calls/{callId}/expert-review")).StatusCode);

        // The whole panel: the declared conflict leaves 丁 out of 乙's nomination, with the reason.
        var panel = await (await county.PostJsonAsync($"/api/v1/honours/calls/{callId}/assignments", new { expertIds = new[] { x, y, declarer } })).OkJsonAsync();
        Assert.Equal(8, panel["assigned"]!.AsArray().Count);
        var skipped = Assert.Single(panel["skipped"]!.AsArray())!;
        Assert.Equal(nameB, Str(skipped, "nomineeName"));
        Assert.Contains($"已声明长期回避{nameB}（近亲属），须回避", Str(skipped, "reason"), StringComparison.Ordinal);
        await (await county.PutJsonAsync($"/api/v1/honours/calls/{callId}/rubric", new { rubric = (object?)null })).AssertValidationProblemAsync("rubric");
        Assert.DoesNotContain("id=\"rubric-form\"", await county.GetStringAsync(callPage), StringComparison.Ordinal);

        // The expert is told and has it on the workbench; they see only their own.
        Assert.Contains("新的荣誉推荐评审任务", await (await expertX.GetAsync("/api/v1/notifications")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var bench = Kexie.Web.Tests.Workbench.WorkbenchSteps.Item(await Kexie.Web.Tests.Workbench.WorkbenchSteps.WorkbenchAsync(expertX), "/Talent/Honours/Reviews");
        Assert.NotNull(bench);
        Assert.Equal("荣誉评审：3名推荐人选待评分", Str(bench!, "title"));
        var mineD = (await (await expertD.GetAsync("/api/v1/honours/reviews/mine")).OkJsonAsync()).AsArray();
        Assert.Equal(new[] { nameA, nameC }.Order(StringComparer.Ordinal), mineD.Select(r => Str(r!, "nomineeName")).Order(StringComparer.Ordinal));
        var sheetOfX = Id((await (await expertX.GetAsync("/api/v1/honours/reviews/mine")).OkJsonAsync()).AsArray()[0]!);
        Assert.Equal(HttpStatusCode.NotFound, (await expertY.PostJsonAsync($"/api/v1/honours/reviews/{sheetOfX}/score", new { scores = new[] { 1, 1, 1 } })).StatusCode);
        await (await expertX.PostJsonAsync($"/api/v1/honours/reviews/{sheetOfX}/score", new { scores = new[] { 11, 1, 1 } })).AssertValidationProblemAsync("scores");

        // Scores: 甲 90/70/80 (mean 80, spread 20), 乙 80/90 (85), 丙 50/60 with 丁 not scoring (55, 2 of 3).
        Assert.Equal(90m, (await ScoreAsync(expertX, nameA, 9))["assignment"]!["total"]!.GetValue<decimal>());
        await ScoreAsync(expertY, nameA, 7);
        await ScoreAsync(expertD, nameA, 8);
        await ScoreAsync(expertX, nameB, 8);
        await ScoreAsync(expertY, nameB, 9);
        await ScoreAsync(expertX, nameC, 5);
        await ScoreAsync(expertY, nameC, 6);

        var review = await (await county.GetAsync($"/api/v1/honours/calls/{callId}/expert-review")).OkJsonAsync();
        var ranked = review["nominations"]!.AsArray();
        Assert.Equal([nameB, nameA, nameC], ranked.Select(r => Str(r!, "nomineeName")));
        Assert.Equal([1, 2, 3], ranked.Select(r => r!["rank"]!.GetValue<int>()));
        Assert.Equal([85m, 80m, 55m], ranked.Select(r => r!["meanScore"]!.GetValue<decimal>()));
        Assert.Equal([2, 3, 2], ranked.Select(r => r!["scored"]!.GetValue<int>()));
        Assert.Equal([10m, 20m, 10m], ranked.Select(r => r!["spread"]!.GetValue<decimal>()));
        Assert.Equal(7, review["scored"]!.GetValue<int>());

        // 甲 over 乙 goes against the ranking: refused until a reason is given, which the history keeps.
        var against = await county.PostJsonAsync($"/api/v1/honours/nominations/{nA}/decide", new { selected = true });
        await against.AssertValidationProblemAsync("rankingReason");
        Assert.Contains($"专家评分更高的{nameB}（85分）未入选", await against.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await (await county.PostJsonAsync($"/api/v1/honours/nominations/{nA}/decide", new { selected = true, rankingReason = "新品种已在全县推广，贡献更突出" })).OkJsonAsync();
        await (await county.PostJsonAsync($"/api/v1/honours/nominations/{nB}/decide", new { selected = false, rankingReason = "名额仅1名" })).OkJsonAsync();
        await (await county.PostJsonAsync($"/api/v1/honours/nominations/{nC}/decide", new { selected = false })).OkJsonAsync();
        var history = (await (await county.GetAsync($"/api/v1/honours/calls/{callId}/expert-review")).OkJsonAsync())["history"]!.AsArray();
        Assert.Equal(3, history.Count);
        var first = history.Single(h => Str(h!, "nomineeName") == nameA)!;
        Assert.Equal("新品种已在全县推广，贡献更突出", Str(first, "reason"));
        Assert.Equal(2, first["rank"]!.GetValue<int>());
        Assert.Null(history.Single(h => Str(h!, "nomineeName") == nameC)!["againstRanking"]);

        // The review closes: 丁's sheet of 丙 is 本轮已结束 and takes no score; the workbench item is gone.
        await (await county.PostAsync($"/api/v1/honours/calls/{callId}/expert-review/close", null)).OkJsonAsync();
        var left = (await (await expertD.GetAsync("/api/v1/honours/reviews/mine")).OkJsonAsync()).AsArray().Single(r => Str(r!, "nomineeName") == nameC)!;
        Assert.Equal("本轮已结束", Str(left, "stateName"));
        Assert.False(left["mayScore"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Conflict, (await expertD.PostJsonAsync($"/api/v1/honours/reviews/{Id(left)}/score", new { scores = new[] { 5, 5, 5 } })).StatusCode);
        Assert.Null(Kexie.Web.Tests.Workbench.WorkbenchSteps.Item(await Kexie.Web.Tests.Workbench.WorkbenchSteps.WorkbenchAsync(expertD), "/Talent/Honours/Reviews"));

        // The county's page shows the ranking and the history with the reason; the expert's page lists only theirs.
        var page = await (await county.GetAsync($"/Talent/Honours/Details/{callId}")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"ranking\"", page, StringComparison.Ordinal);
        Assert.Contains("新品种已在全县推广，贡献更突出", page, StringComparison.Ordinal);
        Assert.Contains("本轮已结束", page, StringComparison.Ordinal);
        var expertPage = await (await expertD.GetAsync("/Talent/Honours/Reviews")).Content.ReadAsStringAsync();
        Assert.Contains(nameC, expertPage, StringComparison.Ordinal);
        Assert.DoesNotContain(nameB, expertPage, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"ranking\"", await (await shehong.GetAsync($"/Talent/Honours/Details/{callId}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class HonourReviewSqliteTests(SqliteApp app) : HonourReviewTests(app);

public sealed class HonourReviewPostgresTests(PostgresApp app) : HonourReviewTests(app);
