using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Kexie.Web.Tests.Popularization;

/// <summary>
/// 知识竞答 on the 科普e站屏 (双向互动) through the real host: the region's staff keep a question bank, a kiosk draws a
/// short quiz (the station's subscribed topics first) without the answers, a visitor hands in and sees the score, the
/// right answers and why; the attempt counts once in the station's day (S03's figure) and its topics feed the 画像.
/// Also: the station's and region's usage exported to Excel for their staff only, and 为你推荐 with its reason.
/// </summary>
public abstract class KioskQuizTests(KexieApp app)
{
    private const string DaYing = "510923";

    /// <summary>A topic no demo question and no other test's quiz uses, so the numbers for it are this class's own.</summary>
    private const string Topic = "生态环保";

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private async Task<(HttpClient Staff, string Station, string Token)> KioskAsync(string name)
    {
        var staff = await app.SignInAsync("daying-staff");
        var station = Id(await (await staff.PostJsonAsync("/api/v1/e-stations", new { name, siteKind = "Community", regionCode = DaYing, address = "测试社区" })).OkJsonAsync());
        await (await app.Anonymous().PostJsonAsync($"/api/v1/e-stations/{station}/subscriptions", new { subscriberKind = "Resident", subscriberName = "环保居民", tags = new[] { Topic } })).OkJsonAsync();
        var token = (await (await staff.PostJsonAsync($"/api/v1/e-stations/{station}/devices", new { name = "大厅触摸屏" })).OkJsonAsync())["token"]!.GetValue<string>();
        return (staff, station, token);
    }

    private async Task<int> QuizAnswersAsync(HttpClient staff)
    {
        var profile = await (await staff.GetAsync($"/api/v1/interest-profiles?region={DaYing}")).OkJsonAsync();
        return profile["topics"]!.AsArray().FirstOrDefault(t => t!["tag"]!.GetValue<string>() == Topic)?["quizAnswers"]!.GetValue<int>() ?? 0;
    }

    [Fact]
    public async Task A_visitor_takes_a_quiz_on_the_kiosk_sees_the_answers_and_it_counts_once_in_the_day_and_feeds_the_profile()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (staff, station, token) = await KioskAsync($"竞答e站{tag}");
        var shehong = await app.SignInAsync("shehong");
        var anonymous = app.Anonymous();
        var before = await QuizAnswersAsync(staff);

        // The bank: the region's staff only; the options, the answer and the topic are checked.
        var question = new { regionCode = DaYing, tag = Topic, stem = $"垃圾分类中，废电池属于？{tag}", options = new[] { "可回收物", "有害垃圾", "厨余垃圾" }, answer = 1, explanation = "废电池含重金属，属于有害垃圾。" };
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostJsonAsync("/api/v1/quiz-questions", question)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync("/api/v1/quiz-questions", question)).StatusCode);
        await (await staff.PostJsonAsync("/api/v1/quiz-questions", question with { options = new[] { "只有一个" } })).AssertValidationProblemAsync("options");
        await (await staff.PostJsonAsync("/api/v1/quiz-questions", question with { answer = 3 })).AssertValidationProblemAsync("answer");
        await (await staff.PostJsonAsync("/api/v1/quiz-questions", question with { tag = "不存在的主题" })).AssertValidationProblemAsync("tag");
        var battery = Id(await (await staff.PostJsonAsync("/api/v1/quiz-questions", question)).OkJsonAsync());
        var plastic = Id(await (await staff.PostJsonAsync("/api/v1/quiz-questions", question with { stem = $"塑料袋自然降解大约需要？{tag}", options = new[] { "1年", "数百年" }, answer = 1 })).OkJsonAsync());
        var elsewhere = Id(await (await shehong.PostJsonAsync("/api/v1/quiz-questions", question with { regionCode = "510981", stem = $"射洪的题{tag}" })).OkJsonAsync());
        var bank = (await (await staff.GetAsync($"/api/v1/quiz-questions?region={DaYing}")).OkJsonAsync()).AsArray();
        Assert.Contains(bank, q => Id(q!) == battery && q!["regionName"]!.GetValue<string>() == "大英县");
        Assert.DoesNotContain(bank, q => Id(q!) == elsewhere);
        var bankPage = await staff.GetStringAsync("/Popularization/Quizzes");
        Assert.Contains($"垃圾分类中，废电池属于？{tag}", bankPage);
        Assert.Contains("id=\"quiz-form\"", bankPage);
        Assert.DoesNotContain($"射洪的题{tag}", bankPage);

        // Drawing a quiz: the station's topic first, no answers shown, nothing counted yet.
        var quiz = await (await anonymous.GetAsync($"/api/v1/e-station-kiosks/{token}/quiz")).OkJsonAsync();
        var drawn = quiz["questions"]!.AsArray();
        Assert.InRange(drawn.Count, 2, 5);
        Assert.Equal(Topic, drawn[0]!["tag"]!.GetValue<string>());
        Assert.Contains(drawn, q => Id(q!) == battery);
        Assert.DoesNotContain(drawn, q => Id(q!) == elsewhere);
        Assert.All(drawn, q => Assert.Null(q!["answer"]));
        Assert.Equal(0, (await (await anonymous.GetAsync($"/api/v1/e-stations/{station}/usage-summary")).OkJsonAsync())["total"]!.GetValue<long>());

        // Handing in: one right, one wrong; the right answers and why come back.
        await (await anonymous.PostJsonAsync($"/api/v1/e-station-kiosks/{token}/quiz-attempts", new { answers = new object[] { new { questionId = battery, choice = (int?)null } } })).AssertValidationProblemAsync("answers");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostJsonAsync($"/api/v1/e-station-kiosks/{token}/quiz-attempts", new { answers = new[] { new { questionId = elsewhere, choice = 1 } } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostJsonAsync($"/api/v1/e-station-kiosks/{new string('a', 64)}/quiz-attempts", new { answers = new[] { new { questionId = battery, choice = 1 } } })).StatusCode);
        var result = await (await anonymous.PostJsonAsync($"/api/v1/e-station-kiosks/{token}/quiz-attempts", new { answers = new[] { new { questionId = battery, choice = 1 }, new { questionId = plastic, choice = 0 } } })).OkJsonAsync();
        Assert.Equal(2, result["questions"]!.GetValue<int>());
        Assert.Equal(1, result["correct"]!.GetValue<int>());
        Assert.Equal(50, result["score"]!.GetValue<int>());
        var wrong = result["answers"]!.AsArray().Single(a => Id(a!) == plastic)!;
        Assert.False(wrong["right"]!.GetValue<bool>());
        Assert.Equal(1, wrong["answer"]!.GetValue<int>());
        Assert.Contains("有害垃圾", result["answers"]![0]!["explanation"]!.GetValue<string>());

        // Counted once (one quiz, not two questions, not views) in the station's system-counted day, which S03 adds up.
        var summary = await (await anonymous.GetAsync($"/api/v1/e-stations/{station}/usage-summary")).OkJsonAsync();
        Assert.Equal(1, summary["kioskQuizzes"]!.GetValue<long>());
        Assert.Equal(0, summary["kioskViews"]!.GetValue<long>());
        Assert.Equal(1, summary["total"]!.GetValue<long>());
        var day = (await (await anonymous.GetAsync($"/api/v1/e-stations/{station}/usage")).OkJsonAsync()).AsArray().Single()!;
        Assert.True(day["systemCounted"]!.GetValue<bool>());
        Assert.Equal(1, day["kioskQuizzes"]!.GetValue<int>());

        // The answers feed the region's 画像 (per question's topic) and the station's tiles order.
        Assert.Equal(before + 2, await QuizAnswersAsync(staff));
        var kiosk = await (await anonymous.GetAsync($"/api/v1/e-station-kiosks/{token}")).OkJsonAsync();
        Assert.Equal(Topic, kiosk["topTopics"]![0]!.GetValue<string>());

        // Retired questions are no longer drawn; only the region's staff may retire.
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.PostAsync($"/api/v1/quiz-questions/{battery}/retire", null)).StatusCode);
        Assert.False((await (await staff.PostAsync($"/api/v1/quiz-questions/{battery}/retire", null)).OkJsonAsync())["active"]!.GetValue<bool>());
        for (var i = 0; i < 3; i++)
        {
            var again = (await (await anonymous.GetAsync($"/api/v1/e-station-kiosks/{token}/quiz")).OkJsonAsync())["questions"]!.AsArray();
            Assert.DoesNotContain(again, q => Id(q!) == battery);
        }
    }

    [Fact]
    public async Task The_regions_staff_correct_retire_and_reinstate_a_question_and_past_attempts_keep_their_score()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (staff, station, token) = await KioskAsync($"改题e站{tag}");
        var shehong = await app.SignInAsync("shehong");
        var anonymous = app.Anonymous();
        var question = new { regionCode = DaYing, tag = Topic, stem = $"一节废电池能污染多少水？{tag}", options = new[] { "很少", "约60万升" }, answer = 0, explanation = "写错的解析" };
        var id = Id(await (await staff.PostJsonAsync("/api/v1/quiz-questions", question)).OkJsonAsync());
        var attempt = await (await anonymous.PostJsonAsync($"/api/v1/e-station-kiosks/{token}/quiz-attempts", new { answers = new[] { new { questionId = id, choice = 0 } } })).OkJsonAsync();
        Assert.Equal(100, attempt["score"]!.GetValue<int>());

        // Correcting: the answer, the options and 解析 change; the region stays; bad input names the field in Chinese.
        var corrected = new { tag = Topic, stem = $"一节纽扣电池能污染多少水？{tag}", options = new[] { "很少", "约60万升", "无法估量" }, answer = 1, explanation = "纽扣电池含汞，约可污染60万升水。" };
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.PutJsonAsync($"/api/v1/quiz-questions/{id}", corrected)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutJsonAsync($"/api/v1/quiz-questions/{id}", corrected)).StatusCode);
        Assert.Contains("题干", await (await staff.PutJsonAsync($"/api/v1/quiz-questions/{id}", corrected with { stem = " " })).AssertValidationProblemAsync("stem"));
        Assert.Contains("选项", await (await staff.PutJsonAsync($"/api/v1/quiz-questions/{id}", corrected with { options = new[] { "很少", "很少" } })).AssertValidationProblemAsync("options"));
        Assert.Contains("正确答案", await (await staff.PutJsonAsync($"/api/v1/quiz-questions/{id}", corrected with { answer = 5 })).AssertValidationProblemAsync("answer"));
        var edited = await (await staff.PutJsonAsync($"/api/v1/quiz-questions/{id}", corrected)).OkJsonAsync();
        Assert.Equal(1, edited["answer"]!.GetValue<int>());
        Assert.Equal(3, edited["options"]!.AsArray().Count);
        Assert.Equal("大英县", edited["regionName"]!.GetValue<string>());
        var drawn = (await (await anonymous.GetAsync($"/api/v1/e-station-kiosks/{token}/quiz")).OkJsonAsync())["questions"]!.AsArray().Single(q => Id(q!) == id)!;
        Assert.Equal($"一节纽扣电池能污染多少水？{tag}", drawn["stem"]!.GetValue<string>());
        var graded = await (await anonymous.PostJsonAsync($"/api/v1/e-station-kiosks/{token}/quiz-attempts", new { answers = new[] { new { questionId = id, choice = 0 } } })).OkJsonAsync();
        Assert.Equal(0, graded["score"]!.GetValue<int>());
        Assert.Contains("含汞", graded["answers"]![0]!["explanation"]!.GetValue<string>());

        // The audit trail names the fields.
        var audit = await (await app.SignInAsync("daying")).GetStringAsync($"/Admin/Audit?entityType=QuizQuestion&entityId={id}");
        Assert.Contains("题干", audit);
        Assert.Contains("答案解析", audit);

        // Retiring keeps the station's counted quizzes (two attempts) and the question readable in the bank with retired=true; reinstating puts it back.
        Assert.False((await (await staff.PostAsync($"/api/v1/quiz-questions/{id}/retire", null)).OkJsonAsync())["active"]!.GetValue<bool>());
        Assert.Equal(2, (await (await anonymous.GetAsync($"/api/v1/e-stations/{station}/usage-summary")).OkJsonAsync())["kioskQuizzes"]!.GetValue<long>());
        Assert.DoesNotContain((await (await staff.GetAsync($"/api/v1/quiz-questions?region={DaYing}")).OkJsonAsync()).AsArray(), q => Id(q!) == id);
        Assert.Contains((await (await staff.GetAsync($"/api/v1/quiz-questions?region={DaYing}&retired=true")).OkJsonAsync()).AsArray(), q => Id(q!) == id);
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.PostAsync($"/api/v1/quiz-questions/{id}/reinstate", null)).StatusCode);
        Assert.True((await (await staff.PostAsync($"/api/v1/quiz-questions/{id}/reinstate", null)).OkJsonAsync())["active"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/api/v1/quiz-questions/{id}/reinstate", null)).StatusCode);

        // The page: ?edit= fills the form; an empty stem is refused next to the field with what was typed kept; a good one saves.
        var editPage = await staff.GetStringAsync($"/Popularization/Quizzes?edit={id}");
        Assert.Contains("修改题目", editPage);
        Assert.Contains($"value=\"一节纽扣电池能污染多少水？{tag}\"", editPage);
        Assert.Contains("value=\"无法估量\"", editPage);
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Kexie.Web.Tests.Security.LoginTestSupport.TokenOf(editPage), ["edit"] = id, ["tag"] = Topic, ["stem"] = "",
            ["optionA"] = "很少", ["optionB"] = "约60万升", ["optionC"] = "无法估量", ["answer"] = "1", ["explanation"] = "页面改的解析",
        };
        var refused = await staff.PostAsync("/Popularization/Quizzes", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"quiz-stem-error\"", refusedPage);
        Assert.Contains("题干", refusedPage);
        Assert.Contains("页面改的解析", refusedPage);
        form["stem"] = $"页面改过的题干{tag}";
        var saved = await staff.PostAsync("/Popularization/Quizzes", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var bank = (await (await staff.GetAsync($"/api/v1/quiz-questions?region={DaYing}")).OkJsonAsync()).AsArray().Single(q => Id(q!) == id)!;
        Assert.Equal($"页面改过的题干{tag}", bank["stem"]!.GetValue<string>());
        Assert.Equal("页面改的解析", bank["explanation"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_kiosk_quiz_page_grades_a_handed_in_quiz()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (staff, station, token) = await KioskAsync($"竞答页面e站{tag}");
        var question = Id(await (await staff.PostJsonAsync("/api/v1/quiz-questions", new { regionCode = DaYing, tag = Topic, stem = $"节约用水从哪里做起？{tag}", options = new[] { "随手关紧水龙头", "长时间冲洗" }, answer = 0, explanation = "一点一滴都是节约。" })).OkJsonAsync());
        var anonymous = app.Anonymous();

        var home = await anonymous.GetStringAsync($"/Popularization/Kiosk/{token}");
        Assert.Contains($"/Popularization/Kiosk/Quiz/{token}", home);
        var page = await anonymous.GetStringAsync($"/Popularization/Kiosk/Quiz/{token}");
        Assert.Contains("知识竞答", page);
        Assert.Contains("name=\"answers[0].QuestionId\"", page);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/Popularization/Kiosk/Quiz/{new string('b', 64)}")).StatusCode);

        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = Kexie.Web.Tests.Security.LoginTestSupport.TokenOf(page), ["answers[0].QuestionId"] = question, ["answers[0].Choice"] = "0" };
        var posted = await anonymous.PostAsync($"/Popularization/Kiosk/Quiz/{token}", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var graded = await posted.Content.ReadAsStringAsync();
        Assert.Contains("id=\"kiosk-quiz-score\">100<", graded);
        Assert.Contains("一点一滴都是节约", graded);
        Assert.Equal(1, (await (await anonymous.GetAsync($"/api/v1/e-stations/{station}/usage-summary")).OkJsonAsync())["kioskQuizzes"]!.GetValue<long>());
    }

    [Fact]
    public async Task Reloading_an_item_on_the_same_device_counts_one_view()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (staff, station, token) = await KioskAsync($"刷新e站{tag}");
        var post = Id(await (await staff.PostJsonAsync($"/api/v1/e-stations/{station}/posts", new { title = $"刷新测试{tag}", body = "正文" })).OkJsonAsync());
        var other = (await (await staff.PostJsonAsync($"/api/v1/e-stations/{station}/devices", new { name = "二楼平板" })).OkJsonAsync())["token"]!.GetValue<string>();
        var anonymous = app.Anonymous();
        Assert.Equal(1, (await (await anonymous.GetAsync($"/api/v1/e-station-kiosks/{token}/items/post/{post}")).OkJsonAsync())["views"]!.GetValue<long>());
        Assert.Equal(1, (await (await anonymous.GetAsync($"/api/v1/e-station-kiosks/{token}/items/post/{post}")).OkJsonAsync())["views"]!.GetValue<long>());
        await anonymous.GetStringAsync($"/Popularization/Kiosk/Item/{token}/post/{post}");
        Assert.Equal(2, (await (await anonymous.GetAsync($"/api/v1/e-station-kiosks/{other}/items/post/{post}")).OkJsonAsync())["views"]!.GetValue<long>());
        Assert.Equal(2, (await (await anonymous.GetAsync($"/api/v1/e-stations/{station}/usage-summary")).OkJsonAsync())["kioskViews"]!.GetValue<long>());
    }

    [Fact]
    public async Task Concurrent_opens_by_one_device_count_one_view_and_the_window_passing_counts_again()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (staff, station, token) = await KioskAsync($"并发e站{tag}");
        var post = Id(await (await staff.PostJsonAsync($"/api/v1/e-stations/{station}/posts", new { title = $"并发测试{tag}", body = "正文" })).OkJsonAsync());
        var url = $"/api/v1/e-station-kiosks/{token}/items/post/{post}";

        // Eight opens at once (as if through several nodes): the database lets exactly one of them count.
        var opens = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.Anonymous().GetAsync(url)));
        Assert.All(opens, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, (await (await app.Anonymous().GetAsync($"/api/v1/e-stations/{station}/usage-summary")).OkJsonAsync())["kioskViews"]!.GetValue<long>());

        // Once the window has passed (the device's mark is moved back 11 minutes), the next open counts again.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Kexie.Data.KexieDbContext>();
            var postId = Guid.Parse(post);
            Assert.Equal(1, await db.KioskViewMarks.Where(m => m.ItemId == postId).ExecuteUpdateAsync(u => u.SetProperty(m => m.CountedAtMs, m => m.CountedAtMs - (11 * 60 * 1000)), TestContext.Current.CancellationToken));
        }

        Assert.Equal(2, (await (await app.Anonymous().GetAsync(url)).OkJsonAsync())["views"]!.GetValue<long>());
        Assert.Equal(2, (await (await app.Anonymous().GetAsync(url)).OkJsonAsync())["views"]!.GetValue<long>());
        Assert.Equal(2, (await (await app.Anonymous().GetAsync($"/api/v1/e-stations/{station}/usage-summary")).OkJsonAsync())["kioskViews"]!.GetValue<long>());
    }

    [Fact]
    public async Task Kiosk_usage_exports_to_excel_for_the_regions_staff_only()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (staff, station, token) = await KioskAsync($"导出e站{tag}");
        var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostAsync($"/api/v1/e-station-kiosks/{token}/heartbeats", null)).StatusCode);
        await (await anonymous.PostJsonAsync($"/api/v1/e-station-kiosks/{token}/questions", new { text = $"导出测试提问{tag}" })).OkJsonAsync();

        var response = await staff.GetAsync($"/api/v1/e-stations/{station}/usage/export.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using (var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync()))
        {
            var sheets = MiniExcel.GetSheetNames(stream);
            Assert.Contains("终端心跳", sheets);
            var days = stream.Query(useHeaderRow: true, sheetName: sheets[0]).Cast<IDictionary<string, object>>().ToList();
            var today = Assert.Single(days);
            Assert.Equal($"导出e站{tag}", today["e站"]?.ToString());
            Assert.Equal("大英县", today["地区"]?.ToString());
            Assert.Equal("系统统计", today["统计方式"]?.ToString());
            Assert.Equal("1", today["终端提问"]?.ToString());
            Assert.Equal("1", today["计入指标（S03）"]?.ToString());
            var devices = stream.Query(useHeaderRow: true, sheetName: "终端心跳").Cast<IDictionary<string, object>>().ToList();
            Assert.Equal("在线", Assert.Single(devices)["状态"]?.ToString());
        }

        var region = await staff.GetAsync($"/api/v1/e-stations/usage/export.xlsx?region={DaYing}");
        Assert.Equal(HttpStatusCode.OK, region.StatusCode);
        using (var stream = new MemoryStream(await region.Content.ReadAsByteArrayAsync()))
        {
            Assert.Contains(stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>(), r => r["e站"]?.ToString() == $"导出e站{tag}");
        }

        var shehong = await app.SignInAsync("shehong");
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.GetAsync($"/api/v1/e-stations/{station}/usage/export.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.GetAsync($"/api/v1/e-stations/usage/export.xlsx?region={DaYing}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/e-stations/{station}/usage/export.xlsx")).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_user_is_recommended_content_and_activities_on_their_subscribed_topics_with_the_reason()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (staff, station, _) = await KioskAsync($"推荐e站{tag}");
        var daying = await app.SignInAsync("daying");
        var content = Id(await (await staff.PostJsonAsync("/api/v1/science-contents", new { kind = "Article", title = $"湿地保护知多少{tag}", body = "<p>湿地是地球之肾。</p>", authorOrganization = "大英县科协", regionCode = DaYing, tags = new[] { Topic } })).OkJsonAsync());
        await (await staff.PostAsync($"/api/v1/science-contents/{content}/submit", null)).OkJsonAsync();
        await (await daying.PostAsync($"/api/v1/science-contents/{content}/publish", null)).OkJsonAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var activity = Id(await (await staff.PostJsonAsync("/api/v1/popularization-activities", new { kind = "Lecture", title = $"湿地观鸟{tag}", regionCode = DaYing, venue = "郪江湿地", startsOn = today.AddDays(2), endsOn = today.AddDays(2), tags = new[] { Topic } })).OkJsonAsync());

        // A signed-in resident subscribes at two stations: their own topic leads their recommendations.
        var worker = await app.SignInAsync("worker");
        var (_, second, _) = await KioskAsync($"推荐二号e站{tag}");
        foreach (var s in new[] { station, second })
        {
            await (await worker.PostJsonAsync($"/api/v1/e-stations/{s}/subscriptions", new { subscriberKind = "ScienceWorker", subscriberName = "推荐测试人", tags = new[] { Topic } })).OkJsonAsync();
        }

        var mine = await (await worker.GetAsync("/api/v1/recommendations")).OkJsonAsync();
        Assert.Equal(Topic, mine["topics"]![0]!.GetValue<string>());
        Assert.False(mine["fromRegion"]!.GetValue<bool>());
        var recommended = mine["contents"]!.AsArray().Single(c => Id(c!) == content)!;
        Assert.Equal($"你在科普e站订阅了“{Topic}”", recommended["reason"]!.GetValue<string>());
        Assert.Contains(mine["activities"]!.AsArray(), a => Id(a!) == activity);

        var page = await worker.GetStringAsync("/Popularization");
        Assert.Contains("为你推荐", page);
        Assert.Contains($"湿地保护知多少{tag}", page);
        Assert.Contains("推荐理由：你在科普e站订阅了", page);
        Assert.Contains($"湿地观鸟{tag}", await worker.GetStringAsync("/Popularization/Activities"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/recommendations")).StatusCode);
    }
}

public sealed class KioskQuizSqliteTests(SqliteApp app) : KioskQuizTests(app);

public sealed class KioskQuizPostgresTests(PostgresApp app) : KioskQuizTests(app);
