using System.Net;
using System.Text.Json.Nodes;
using Kexie.Domain.Indicators;
using Kexie.Domain.Market;
using Kexie.Web.Features.Popularization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Popularization;

/// <summary>
/// 网上知识竞赛 on the public website: 射洪市's staff publish a quiz for a township drawing on that township's bank; anyone answers it
/// (through the API and on the phone page, signed in or not) and sees the score and the right answers; each attempt counts once, in
/// the quiz's participants and in the report's "开展科普知识竞答，N人次参与" with the kiosks'; questions outside the quiz's bank or topic
/// are refused; an ended quiz takes no more attempts; only the region's staff publish and end it. Everything happens in the second
/// township of 射洪市, where no kiosk takes quizzes and no other test writes quiz attempts.
/// </summary>
public abstract class WebQuizTests(KexieApp app)
{
    private const string SheHong = "510981";

    private static string Today => MarketRules.ChinaDate(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd");

    private static object Answers(params (string Question, int Choice)[] answers) =>
        new { answers = answers.Select(a => new { questionId = a.Question, choice = a.Choice }).ToArray() };

    private async Task<int> ReportedAsync(string region)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var report = scope.ServiceProvider.GetRequiredService<PopularizationReport>();
        var year = MarketRules.ChinaDate(DateTimeOffset.UtcNow).Year;
        var sentences = await report.SentencesAsync(region, new DayRange(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)), CancellationToken.None);
        var sentence = sentences.SingleOrDefault(s => s.Contains("开展科普知识竞答", StringComparison.Ordinal));
        return sentence is null ? 0 : int.Parse(System.Text.RegularExpressions.Regex.Match(sentence, "，(\\d+)人次参与").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Anyone_answers_a_published_quiz_sees_the_answers_and_is_counted_once_with_the_kiosks()
    {
        var town = await app.QueryAsync(db => db.Regions.Where(r => r.ParentCode == SheHong).OrderBy(r => r.Code).Skip(1).Select(r => new { r.Code, r.Name }).FirstAsync());
        var token = Guid.NewGuid().ToString("N")[..8];
        var shehong = await app.SignInAsync("shehong");
        async Task<string> QuestionAsync(string tag, string stem, int answer) =>
            (await (await shehong.PostJsonAsync("/api/v1/quiz-questions", new { regionCode = town.Code, tag, stem = stem + token, options = new[] { "甲", "乙", "丙" }, answer, explanation = "解析" + token })).OkJsonAsync())["id"]!.GetValue<string>();
        var q1 = await QuestionAsync("健康", "每天饮水量", 1);
        var q2 = await QuestionAsync("健康", "成人睡眠时长", 2);
        var offTopic = await QuestionAsync("防疫", "洗手时长", 0);
        var daYingQuestion = await app.QueryAsync(db => db.QuizQuestions.Where(q => q.RegionCode.StartsWith("510923")).Select(q => q.Id).FirstAsync());
        var before = await ReportedAsync(town.Code);

        // Only the region's staff publish it.
        var request = new { regionCode = town.Code, title = $"健康知识竞赛{token}", tag = "健康", opensOn = Today };
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostJsonAsync("/api/v1/web-quizzes", request)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("worker")).PostJsonAsync("/api/v1/web-quizzes", request)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("daying")).PostJsonAsync("/api/v1/web-quizzes", request)).StatusCode);
        await (await shehong.PostJsonAsync("/api/v1/web-quizzes", request with { title = " " })).AssertValidationProblemAsync("title");
        await (await shehong.PostJsonAsync("/api/v1/web-quizzes", new { regionCode = town.Code, title = "x", opensOn = Today, closesOn = "2000-01-01" })).AssertValidationProblemAsync("closesOn");
        var quiz = await (await shehong.PostJsonAsync("/api/v1/web-quizzes", request)).OkJsonAsync();
        var id = quiz["id"]!.GetValue<string>();
        Assert.True(quiz["isOpen"]!.GetValue<bool>());

        // The open quizzes of the township (and of the county's list) name it; a paper draws only the quiz's topic, without answers.
        var listed = (await (await app.Anonymous().GetAsync($"/api/v1/web-quizzes?region={town.Code}&open=true")).OkJsonAsync()).AsArray();
        Assert.Contains(listed, q => q!["id"]!.GetValue<string>() == id);
        Assert.Contains((await (await app.Anonymous().GetAsync($"/api/v1/web-quizzes?region={SheHong}")).OkJsonAsync()).AsArray(), q => q!["id"]!.GetValue<string>() == id);
        var paper = await (await app.Anonymous().GetAsync($"/api/v1/web-quizzes/{id}")).OkJsonAsync();
        var drawn = paper["questions"]!.AsArray();
        Assert.NotEmpty(drawn);
        Assert.All(drawn, q => Assert.Equal("健康", q!["tag"]!.GetValue<string>()));
        Assert.DoesNotContain("answer", paper.ToJsonString(), StringComparison.OrdinalIgnoreCase);

        // An anonymous visitor: one right, one wrong — the score, the right answer and why.
        var result = await (await app.Anonymous().PostJsonAsync($"/api/v1/web-quizzes/{id}/attempts", Answers((q1, 1), (q2, 0)))).OkJsonAsync();
        Assert.Equal((2, 1, 50), (result["questions"]!.GetValue<int>(), result["correct"]!.GetValue<int>(), result["score"]!.GetValue<int>()));
        var wrong = result["answers"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == q2)!;
        Assert.Equal((0, 2, false, "解析" + token), (wrong["choice"]!.GetValue<int>(), wrong["answer"]!.GetValue<int>(), wrong["right"]!.GetValue<bool>(), wrong["explanation"]!.GetValue<string>()));

        // A signed-in visitor is recorded as who took it; questions of another bank or topic are refused and count nothing.
        await (await (await app.SignInAsync("worker")).PostJsonAsync($"/api/v1/web-quizzes/{id}/attempts", Answers((q1, 1)))).OkJsonAsync();
        await (await app.Anonymous().PostJsonAsync($"/api/v1/web-quizzes/{id}/attempts", Answers((offTopic, 0)))).AssertValidationProblemAsync("answers");
        await (await app.Anonymous().PostJsonAsync($"/api/v1/web-quizzes/{id}/attempts", Answers((daYingQuestion.ToString(), 0)))).AssertValidationProblemAsync("answers");
        await (await app.Anonymous().PostJsonAsync($"/api/v1/web-quizzes/{id}/attempts", Answers())).AssertValidationProblemAsync("answers");
        var attempts = await app.QueryAsync(db => db.QuizAttempts.Where(a => a.WebQuizId == Guid.Parse(id)).ToListAsync());
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal((town.Code, (Guid?)null), (a.RegionCode, a.StationId)));
        Assert.Single(attempts, a => a.UserId is null);
        Assert.Single(attempts, a => a.UserId is not null);

        // The phone page: the list, a paper with radio buttons, an anonymous hand-in with the score and the right answers.
        var visitor = app.Anonymous();
        var list = await visitor.GetStringAsync($"/Popularization/Contests?region={town.Code}");
        Assert.Contains($"健康知识竞赛{token}", list);
        Assert.DoesNotContain("publish-quiz", list);
        var take = await visitor.GetStringAsync($"/Popularization/Contests/Take/{id}");
        Assert.Contains("web-quiz-form", take);
        var ids = System.Text.RegularExpressions.Regex.Matches(take, "name=\"answers\\[(\\d+)\\]\\.QuestionId\" value=\"([0-9a-f-]+)\"").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.NotEmpty(ids);
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = Kexie.Web.Tests.Security.LoginTestSupport.TokenOf(take) };
        foreach (var (index, question) in ids)
        {
            form[$"answers[{index}].QuestionId"] = question;
            form[$"answers[{index}].Choice"] = "0";
        }

        var handed = await visitor.PostAsync($"/Popularization/Contests/Take/{id}", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, handed.StatusCode);
        var shown = await handed.Content.ReadAsStringAsync();
        Assert.Contains("web-quiz-score", shown);
        Assert.Contains("正确答案", shown);

        // Three attempts: the quiz's participants and the report's 知识竞答 人次 (website and kiosks together) both grew by three.
        Assert.Equal(3, (await (await app.Anonymous().GetAsync($"/api/v1/web-quizzes/{id}")).OkJsonAsync())["quiz"]!["participants"]!.GetValue<int>());
        Assert.Equal(before + 3, await ReportedAsync(town.Code));

        // The staff's page publishes (a bad field comes back next to it, the input kept) and ends it; another county cannot end it.
        var staffPage = await shehong.GetStringAsync($"/Popularization/Contests?region={town.Code}");
        Assert.Contains("publish-quiz", staffPage);
        var bad = await shehong.PostAsync($"/Popularization/Contests?region={town.Code}&handler=Publish", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Kexie.Web.Tests.Security.LoginTestSupport.TokenOf(staffPage),
            ["title"] = $"保留的名称{token}", ["tag"] = "健康", ["opensOn"] = "明天",
        }));
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("开始日期“明天”不是有效的日期", badHtml);
        Assert.Contains($"value=\"保留的名称{token}\"", badHtml);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("daying")).PostAsync($"/api/v1/web-quizzes/{id}/close", null)).StatusCode);
        var closed = await (await shehong.PostAsync($"/api/v1/web-quizzes/{id}/close", null)).OkJsonAsync();
        Assert.Equal("已结束", closed["statusName"]!.GetValue<string>());
        await (await app.Anonymous().PostJsonAsync($"/api/v1/web-quizzes/{id}/attempts", Answers((q1, 1)))).AssertValidationProblemAsync("quiz");
        Assert.DoesNotContain((await (await app.Anonymous().GetAsync($"/api/v1/web-quizzes?region={town.Code}&open=true")).OkJsonAsync()).AsArray(), q => q!["id"]!.GetValue<string>() == id);
        Assert.Contains("竞赛未开始或已结束", await visitor.GetStringAsync($"/Popularization/Contests/Take/{id}"));
        Assert.Equal(before + 3, await ReportedAsync(town.Code));
    }
}

public sealed class WebQuizSqliteTests(SqliteApp app) : WebQuizTests(app);

public sealed class WebQuizPostgresTests(PostgresApp app) : WebQuizTests(app);
