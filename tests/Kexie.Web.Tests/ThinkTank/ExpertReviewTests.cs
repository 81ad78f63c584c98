using System.Net;
using System.Text.Json.Nodes;

namespace Kexie.Web.Tests.ThinkTank;

/// <summary>
/// 智库课题的专家评审 through the real host: the call's admins pick experts from the 专家库 (conflicts of interest refused with a
/// reason), each expert scores on the call's rubric from their own assignments (seeing no one else's), the topic's score is the
/// mean with a per-criterion breakdown, and the approved topic is recommended to the city's call. In 船山区 (510903) under 遂宁市.
/// </summary>
public abstract class ExpertReviewTests(KexieApp app)
{
    private const string County = "510903";
    private const string City = "5109";
    private const string Api = "/api/v1/think-tank";

    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static string Str(JsonNode node, string name) => node[name]!.GetValue<string>();

    /// <summary>A science worker of 船山区 with an account, admitted to the 专家库 by the city.</summary>
    private async Task<(string ExpertId, HttpClient Client)> ExpertAsync(HttpClient city, string name, string employer, string token)
    {
        var worker = Id(await (await city.PostJsonAsync("/api/v1/workers", new { name, gender = "Female", birthYear = 1970, employer, title = "正高级", phone = KexieApp.NewPhone(), regionCode = County, isPublicProfile = false })).OkJsonAsync());
        var login = $"er-{token}-{Guid.NewGuid():N}"[..20];
        await (await (await app.SignInAsync("admin")).PostJsonAsync("/api/v1/users", new { userName = login, displayName = name, password = "Kexie@2026", role = "ScienceWorker", regionCode = County, scienceWorkerId = worker })).OkJsonAsync();
        var expert = Id(await (await city.PostJsonAsync("/api/v1/experts", new { workerId = worker, level = "Municipal", expertise = "农业经济", researchDirections = new[] { "县域经济" } })).OkJsonAsync());
        return (expert, await app.SignInAsync(login, "Kexie@2026"));
    }

    [Fact]
    public async Task Experts_of_the_database_score_a_topic_on_the_rubric_and_the_approved_topic_is_recommended_to_the_city()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var city = await app.SignInAsync("suining");
        var daying = await app.SignInAsync("daying");
        var (a, expertA) = await ExpertAsync(city, $"甲专家{token}", "遂宁市农业科学研究所", token);
        var (b, expertB) = await ExpertAsync(city, $"乙专家{token}", "四川省农业科学院", token);
        var (c, _) = await ExpertAsync(city, $"丙专家{token}", $"船山区农业技术推广中心{token}", token);
        var (d, applicant) = await ExpertAsync(city, $"丁专家{token}", "西南大学", token);

        // A call with its own rubric (weights must add up to 100); the city's call to recommend to uses the default.
        var rubric = new[] { new { name = "选题价值", weight = 40, maxScore = 10 }, new { name = "研究方法", weight = 30, maxScore = 10 }, new { name = "可行性", weight = 30, maxScore = 10 } };
        var callBody = new { title = $"船山区智库课题征集{token}", regionCode = County, deadline = ChinaToday.AddDays(30), rubric = rubric.Take(2).ToArray() };
        await (await city.PostJsonAsync($"{Api}/calls", callBody)).AssertValidationProblemAsync("rubric");
        var call = await (await city.PostJsonAsync($"{Api}/calls", callBody with { rubric = rubric })).OkJsonAsync();
        Assert.Equal(3, call["rubric"]!.AsArray().Count);
        var upper = await (await city.PostJsonAsync($"{Api}/calls", new { title = $"遂宁市智库课题征集{token}", regionCode = City, deadline = ChinaToday.AddDays(30) })).OkJsonAsync();
        Assert.Equal(4, upper["rubric"]!.AsArray().Count);

        // 丁专家 applies for a topic of 丙专家's unit.
        var topic = Id(await (await applicant.PostJsonAsync($"{Api}/calls/{Id(call)}/topics", new { title = $"船山区数字乡村研究{token}", summary = "研究数字乡村建设路径", leaderName = "张研究员", leaderOrganization = $"船山区农业技术推广中心{token}", regionCode = County })).OkJsonAsync());

        // Candidates come from the 专家库, with the reason some must stand aside.
        var candidates = (await (await city.GetAsync($"{Api}/topics/{topic}/expert-candidates")).OkJsonAsync()).AsArray();
        Assert.Null(Assert.Single(candidates, x => Str(x!, "expertId") == a)!["unavailable"]);
        Assert.Contains("承担单位", Str(Assert.Single(candidates, x => Str(x!, "expertId") == c)!, "unavailable"), StringComparison.Ordinal);
        Assert.Contains("申报人", Str(Assert.Single(candidates, x => Str(x!, "expertId") == d)!, "unavailable"), StringComparison.Ordinal);

        // Assigning: conflicts refused with the reason, on the field; a made-up expert is not found; another county does not find the topic.
        var assign = $"{Api}/topics/{topic}/assignments";
        var conflict = await (await city.PostJsonAsync(assign, new { expertId = c })).AssertValidationProblemAsync("expertId");
        Assert.Contains("回避", conflict, StringComparison.Ordinal);
        Assert.Contains("申报人", await (await city.PostJsonAsync(assign, new { expertId = d })).AssertValidationProblemAsync("expertId"), StringComparison.Ordinal);
        await (await city.PostJsonAsync(assign, new { expertId = Guid.NewGuid() })).AssertValidationProblemAsync("expertId");
        Assert.Equal(HttpStatusCode.NotFound, (await daying.PostJsonAsync(assign, new { expertId = a })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await expertA.PostJsonAsync(assign, new { expertId = a })).StatusCode);
        var assignmentA = await (await city.PostJsonAsync(assign, new { expertId = a })).OkJsonAsync();
        var assignmentB = await (await city.PostJsonAsync(assign, new { expertId = b })).OkJsonAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await city.PostJsonAsync(assign, new { expertId = a })).StatusCode);

        // Each expert sees only their own assignment; not the admins' review page, not another's assignment.
        var mineA = Assert.Single((await (await expertA.GetAsync($"{Api}/assignments/mine")).OkJsonAsync()).AsArray())!;
        Assert.Equal($"船山区数字乡村研究{token}", Str(mineA, "topicTitle"));
        Assert.True(mineA["mayScore"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, (await expertA.GetAsync($"{Api}/assignments/{Id(assignmentB)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await expertA.GetAsync($"{Api}/topics/{topic}/expert-review")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await daying.GetAsync($"{Api}/assignments/{Id(assignmentA)}")).StatusCode);

        // The expert's page lists the assignment with the rubric to score; another's assignment is not found there.
        var page = await expertA.GetStringAsync($"/ThinkTank/Reviews/{Id(assignmentA)}", TestContext.Current.CancellationToken);
        Assert.Contains($"船山区数字乡村研究{token}", page, StringComparison.Ordinal);
        Assert.Contains("选题价值（满分10，权重40%）", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await expertA.GetAsync($"/ThinkTank/Reviews/{Id(assignmentB)}")).StatusCode);

        // Scoring: one score per criterion within its 满分; once; only by the expert.
        var scoreA = $"{Api}/assignments/{Id(assignmentA)}/score";
        await (await expertA.PostJsonAsync(scoreA, new { scores = new decimal?[] { 9, 8 } })).AssertValidationProblemAsync("scores");
        await (await expertA.PostJsonAsync(scoreA, new { scores = new decimal?[] { 11, 8, 7 } })).AssertValidationProblemAsync("scores");
        Assert.Equal(HttpStatusCode.NotFound, (await expertB.PostJsonAsync(scoreA, new { scores = new decimal?[] { 1, 1, 1 } })).StatusCode);
        var scored = await (await expertA.PostJsonAsync(scoreA, new { scores = new decimal?[] { 9, 8, 7 }, opinion = "选题切合区情" })).OkJsonAsync();
        Assert.Equal(81.0m, scored["assignment"]!["total"]!.GetValue<decimal>());
        Assert.False(scored["mayScore"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Conflict, (await expertA.PostJsonAsync(scoreA, new { scores = new decimal?[] { 9, 8, 7 } })).StatusCode);
        await (await expertB.PostJsonAsync($"{Api}/assignments/{Id(assignmentB)}/score", new { scores = new decimal?[] { 7, 6, 5 } })).OkJsonAsync();

        // The result: the mean of the totals, with each criterion's mean.
        var review = await (await city.GetAsync($"{Api}/topics/{topic}/expert-review")).OkJsonAsync();
        Assert.Equal(2, review["scored"]!.GetValue<int>());
        Assert.Equal(71.0m, review["meanTotal"]!.GetValue<decimal>());
        Assert.Equal(new[] { 8.0m, 7.0m, 6.0m }, review["breakdown"]!.AsArray().Select(x => x!["mean"]!.GetValue<decimal>()).ToArray());
        Assert.Equal("专家评审中", Str(review, "statusName"));
        var topicPage = await city.GetStringAsync($"/ThinkTank/Topics/{topic}", TestContext.Current.CancellationToken);
        Assert.Contains("已评分 2 / 2 位专家，平均分 71.0", topicPage, StringComparison.Ordinal);
        Assert.Contains($"甲专家{token}", topicPage, StringComparison.Ordinal);
        Assert.Contains("加权总分 <strong>81.0</strong>", await expertA.GetStringAsync("/ThinkTank/Reviews", TestContext.Current.CancellationToken), StringComparison.Ordinal);

        // Approved, then recommended to the city's open call: once, and only upward.
        Assert.Equal(HttpStatusCode.Conflict, (await city.PostJsonAsync($"{Api}/topics/{topic}/recommend", new { targetCallId = Id(upper) })).StatusCode);
        await (await city.PostAsync($"{Api}/topics/{topic}/approve", null)).OkJsonAsync();
        async Task<(int Recommended, int Selected, JsonNode Stats)> RecommendedAsync()
        {
            var stats = await (await app.Anonymous().GetAsync($"{Api}/statistics?region={County}&year={ChinaToday.Year}")).OkJsonAsync();
            return (stats["recommended"]!.GetValue<int>(), stats["selected"]!.GetValue<int>(), stats);
        }

        var before = await RecommendedAsync();
        var upward = (await (await city.GetAsync($"{Api}/topics/{topic}/upward-calls")).OkJsonAsync()).AsArray();
        Assert.Contains(upward, x => Id(x!) == Id(upper));
        Assert.DoesNotContain(upward, x => Id(x!) == Id(call));
        await (await city.PostJsonAsync($"{Api}/topics/{topic}/recommend", new { targetCallId = Id(call) })).AssertValidationProblemAsync("targetCallId");
        Assert.Equal(HttpStatusCode.NotFound, (await daying.PostJsonAsync($"{Api}/topics/{topic}/recommend", new { targetCallId = Id(upper) })).StatusCode);
        var recommended = await (await city.PostJsonAsync($"{Api}/topics/{topic}/recommend", new { targetCallId = Id(upper) })).OkJsonAsync();
        Assert.Equal(Id(upper), Str(recommended, "callId"));
        Assert.Equal(topic, Str(recommended, "sourceTopicId"));
        Assert.Equal("已申报", Str(recommended, "statusName"));
        Assert.Equal(HttpStatusCode.Conflict, (await city.PostJsonAsync($"{Api}/topics/{topic}/recommend", new { targetCallId = Id(upper) })).StatusCode);
        var source = await (await city.GetAsync($"{Api}/topics/{topic}")).OkJsonAsync();
        Assert.Equal(Id(recommended), Str(source, "recommendedTopicId"));

        // The applicant sees the recommended topic among theirs; the city's call lists it.
        var applicantTopics = (await (await applicant.GetAsync($"{Api}/topics?pageSize=50")).OkJsonAsync())["items"]!.AsArray();
        Assert.Contains(applicantTopics, x => Id(x!) == Id(recommended));
        var upperTopics = (await (await city.GetAsync($"{Api}/topics?callId={Id(upper)}")).OkJsonAsync())["items"]!.AsArray();
        Assert.Single(upperTopics);

        // The county's year counts the topic it sent up ("向上级推荐智库课题N个"); once the city takes it on, it counts as selected at 市级.
        var sent = await RecommendedAsync();
        Assert.Equal((before.Recommended + 1, before.Selected), (sent.Recommended, sent.Selected));
        Assert.StartsWith($"{ChinaToday.Year}年，船山区向上级推荐智库课题{sent.Recommended}个", sent.Stats["summary"]!.GetValue<string>());
        await (await city.PostJsonAsync($"{Api}/topics/{Id(recommended)}/reviews", new { expertName = $"市级评审专家{token}", score = 88, opinion = "选题有推广价值" })).OkJsonAsync();
        await (await city.PostAsync($"{Api}/topics/{Id(recommended)}/approve", null)).OkJsonAsync();
        var taken = await RecommendedAsync();
        Assert.Equal((before.Recommended + 1, before.Selected + 1), (taken.Recommended, taken.Selected));
        Assert.Contains("个课题入选上级选题（市级", taken.Stats["summary"]!.GetValue<string>());
        await (await app.Anonymous().GetAsync($"{Api}/statistics?region={County}&year=1970")).AssertValidationProblemAsync("year");
    }

    [Fact]
    public async Task The_call_form_takes_a_rubric_line_by_line_and_points_at_a_bad_line()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var city = await app.SignInAsync("suining");
        var form = await city.GetStringAsync("/ThinkTank", TestContext.Current.CancellationToken);
        var antiforgery = System.Text.RegularExpressions.Regex.Match(form, @"name=""__RequestVerificationToken"" type=""hidden"" value=""([^""]+)""").Groups[1].Value;
        Dictionary<string, string> Fields(string rubric) => new()
        {
            ["__RequestVerificationToken"] = antiforgery, ["Input.Title"] = $"表单课题征集{token}", ["Input.RegionCode"] = County,
            ["Input.Deadline"] = ChinaToday.AddDays(20).ToString("yyyy-MM-dd"), ["Input.Rubric"] = rubric,
        };
        var bad = await city.PostAsync("/ThinkTank", new FormUrlEncodedContent(Fields("选题价值,40\n研究方法,60,10")));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("评审指标“选题价值,40”应写作“名称,权重,满分”", await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var good = await city.PostAsync("/ThinkTank", new FormUrlEncodedContent(Fields("选题价值，40，10\r\n研究方法,60,20")));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var call = await (await city.GetAsync("/api/v1" + good.Headers.Location!.OriginalString.Replace("/ThinkTank/Calls/", "/think-tank/calls/", StringComparison.Ordinal))).OkJsonAsync();
        Assert.Equal(["选题价值", "研究方法"], call["rubric"]!.AsArray().Select(c => Str(c!, "name")).ToArray());
        Assert.Equal(20, call["rubric"]![1]!["maxScore"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_published_calls_rubric_cannot_be_changed()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var city = await app.SignInAsync("suining");
        var call = Id(await (await city.PostJsonAsync($"{Api}/calls", new { title = $"船山区评审指标测试{token}", regionCode = County, deadline = ChinaToday.AddDays(30) })).OkJsonAsync());
        var body = new { rubric = new[] { new { name = "选题价值", weight = 100, maxScore = 10 } } };
        var refused = await city.PutJsonAsync($"{Api}/calls/{call}/rubric", body);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("评审指标不能再修改", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("daying")).PutJsonAsync($"{Api}/calls/{call}/rubric", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PutJsonAsync($"{Api}/calls/{call}/rubric", body)).StatusCode);
        var unchanged = await (await city.GetAsync($"{Api}/calls/{call}")).OkJsonAsync();
        Assert.Equal(4, unchanged["rubric"]!.AsArray().Count);
    }
}

public sealed class ExpertReviewSqliteTests(SqliteApp app) : ExpertReviewTests(app);

public sealed class ExpertReviewPostgresTests(PostgresApp app) : ExpertReviewTests(app);
