using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Talent;

/// <summary>Surveys through the real host: the 状况调查 template, anonymous and invited answers, valid vs returned, structure, suggestions, export.</summary>
public abstract class SurveyTests(KexieApp app)
{
    private const string DaYing = "510923";

    /// <summary>The year of the surveys these tests open in 大英县 and find by id: one of their own, not the demo's current year (TestYears).</summary>
    private int OwnYear => TestYears.OwnYear(nameof(SurveyTests), app.Provider);

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static Dictionary<string, string[]> Answers(string age, string title, string takesPart, string? suggestion, params string[] activities)
    {
        var a = new Dictionary<string, string[]>
        {
            ["1"] = ["男"], ["2"] = [age], ["3"] = ["大学本科"], ["4"] = [title], ["5"] = ["群众"], ["6"] = ["农业技术"], ["7"] = ["企业"], ["8"] = ["4"],
            ["9"] = ["学术交流", "科普活动"], ["10"] = [takesPart], ["11"] = activities,
        };
        if (suggestion is not null)
        {
            a["12"] = [suggestion];
        }

        return a;
    }

    [Fact]
    public async Task The_status_survey_counts_valid_answers_the_respondents_structure_and_the_suggestions()
    {
        var year = TestYears.Past(app.Provider); // the region-year summary below counts every 大英县 survey of its year: a year no other test writes in
        var daying = await app.SignInAsync("daying");
        var shehong = await app.SignInAsync("shehong");
        var body = new { name = "全县科技工作者状况调查", year, regionCode = DaYing, distribution = "Anonymous", distributed = 3000, template = true };
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("worker")).PostJsonAsync("/api/v1/surveys", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostJsonAsync("/api/v1/surveys", body)).StatusCode);
        var survey = await (await daying.PostJsonAsync("/api/v1/surveys", body)).OkJsonAsync();
        var id = Id(survey);
        Assert.Equal(12, survey["questions"]!.AsArray().Count);
        Assert.Equal("草稿", survey["statusName"]!.GetValue<string>());

        // A draft is not public and takes no answers; 射洪市 cannot open it.
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/api/v1/surveys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().PostJsonAsync($"/api/v1/surveys/{id}/responses", new { answers = Answers("31—40岁", "中级", "否", null) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.PostJsonAsync($"/api/v1/surveys/{id}/status", new { status = "Open" })).StatusCode);
        await (await daying.PostJsonAsync($"/api/v1/surveys/{id}/status", new { status = "Open" })).OkJsonAsync();

        // Questions are fixed once sent out.
        var changed = await daying.PutJsonAsync($"/api/v1/surveys/{id}", body);
        await changed.OkJsonAsync();
        var locked = await daying.PutJsonAsync($"/api/v1/surveys/{id}", new { name = "改题", year, regionCode = DaYing, distribution = "Anonymous", questions = new[] { new { text = "新题", kind = "Text" } } });
        Assert.Equal(HttpStatusCode.Conflict, locked.StatusCode);

        var anon = app.Anonymous();
        var url = $"/api/v1/surveys/{id}/responses";
        // Required answers are refused when missing, skip logic drops an answer to a hidden question, a choice must be an option.
        var missing = Answers("31—40岁", "中级", "否", null);
        missing.Remove("4");
        await (await anon.PostJsonAsync(url, new { answers = missing, respondentKey = "k0" })).AssertValidationProblemAsync("q4");
        await (await anon.PostJsonAsync(url, new { answers = Answers("31—40岁", "特级", "否", null), respondentKey = "k0" })).AssertValidationProblemAsync("q4");
        await (await anon.PostJsonAsync(url, new { answers = Answers("31—40岁", "中级", "是", null), respondentKey = "k0" })).AssertValidationProblemAsync("q11");

        var ok1 = await (await anon.PostJsonAsync(url, new { answers = Answers("31—40岁", "中级", "否", "希望多组织培训", "培训讲座"), respondentKey = "k1", secondsSpent = 200 })).OkJsonAsync();
        Assert.True(ok1["valid"]!.GetValue<bool>());
        await (await anon.PostJsonAsync(url, new { answers = Answers("41—50岁", "副高级", "是", "建议搭建交流平台", "科技下乡", "培训讲座"), respondentKey = "k2", secondsSpent = 300 })).OkJsonAsync();
        await (await anon.PostJsonAsync(url, new { answers = Answers("41—50岁", "中级", "是", null, "学术交流"), respondentKey = "k3", secondsSpent = 120 })).OkJsonAsync();
        var again = await (await anon.PostJsonAsync(url, new { answers = Answers("41—50岁", "中级", "是", "重复的意见", "学术交流"), respondentKey = "k3", secondsSpent = 120 })).OkJsonAsync();
        Assert.False(again["valid"]!.GetValue<bool>());

        // Results only for the region's managers.
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.GetAsync($"/api/v1/surveys/{id}/results")).StatusCode);
        var results = await (await (await app.SignInAsync("daying-staff")).GetAsync($"/api/v1/surveys/{id}/results")).OkJsonAsync();
        Assert.Equal(4, results["returned"]!.GetValue<int>());
        Assert.Equal(3, results["valid"]!.GetValue<int>());
        Assert.Equal(2, results["suggestions"]!.GetValue<int>());
        Assert.Equal("重复提交", Assert.Single(results["invalid"]!.AsArray())!["name"]!.GetValue<string>());
        var titles = results["structure"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "职称结构")!["counts"]!.AsArray();
        Assert.Equal(2, titles.Single(c => c!["option"]!.GetValue<string>() == "中级")!["count"]!.GetValue<int>());
        Assert.Equal(66.7m, titles.Single(c => c!["option"]!.GetValue<string>() == "中级")!["percent"]!.GetValue<decimal>());
        var activities = results["questions"]!.AsArray()[10]!;
        Assert.Equal(2, activities["answered"]!.GetValue<int>());
        Assert.Equal(4m, results["questions"]!.AsArray()[7]!["average"]!.GetValue<decimal>());

        var stats = await (await app.Anonymous().GetAsync($"/api/v1/surveys/statistics?region={DaYing}&year={year}")).OkJsonAsync();
        Assert.Equal($"{year}年，大英县开展全县科技工作者状况调查，发放问卷3000份，回收有效问卷3份，征集到意见和建议共2条。", stats["summary"]!.GetValue<string>());

        var export = await daying.GetAsync($"/api/v1/surveys/{id}/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.GetAsync($"/api/v1/surveys/{id}/export")).StatusCode);

        await (await daying.PostJsonAsync($"/api/v1/surveys/{id}/status", new { status = "Closed" })).OkJsonAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await anon.PostJsonAsync(url, new { answers = Answers("31—40岁", "中级", "否", null), respondentKey = "k9" })).StatusCode);
    }

    [Fact]
    public async Task The_demo_surveys_suggestions_are_tagged_by_topic_counted_and_listed_by_topic()
    {
        var admin = await app.SignInAsync("daying");
        var list = (await (await admin.GetAsync($"/api/v1/surveys?region={DaYing}&year=2025")).OkJsonAsync())["items"]!.AsArray();
        var id = Assert.Single(list, x => x!["name"]!.GetValue<string>() == "全县科技工作者状况调查")!["id"]!.GetValue<string>();
        var results = await (await admin.GetAsync($"/api/v1/surveys/{id}/results")).OkJsonAsync();
        Assert.Equal(512, results["suggestions"]!.GetValue<int>());
        var topics = results["suggestionTopics"]!.AsArray().ToDictionary(t => t!["name"]!.GetValue<string>(), t => t!["entries"]!.GetValue<int>());
        Assert.Contains("培训与继续教育", topics.Keys);
        Assert.Contains("职称与评价", topics.Keys);
        Assert.DoesNotContain("其他", topics.Keys); // every demo suggestion names a topic
        Assert.True(topics.Values.Sum() >= 512, "each suggestion is under one topic or more");
        Assert.All(results["latestSuggestions"]!.AsArray(), sg => Assert.NotEmpty(sg!["topics"]!.AsArray()));

        // Listed by a topic: only its suggestions, the counts unchanged; a topic that does not exist is named.
        var training = await (await admin.GetAsync($"/api/v1/surveys/{id}/results?topic={Uri.EscapeDataString("培训与继续教育")}")).OkJsonAsync();
        var listed = training["latestSuggestions"]!.AsArray();
        Assert.Equal(Math.Min(50, topics["培训与继续教育"]), listed.Count);
        Assert.All(listed, sg => Assert.Contains("培训与继续教育", sg!["topics"]!.AsArray().Select(t => t!.GetValue<string>())));
        Assert.Equal(512, training["suggestions"]!.GetValue<int>());
        await (await admin.GetAsync($"/api/v1/surveys/{id}/results?topic={Uri.EscapeDataString("天气")}")).AssertValidationProblemAsync("topic");

        var page = await admin.GetStringAsync($"/Talent/Surveys/Details/{id}?topic={Uri.EscapeDataString("职称与评价")}");
        Assert.Contains($"职称与评价 {topics["职称与评价"]} 条", page);
        Assert.Contains("“职称与评价”最近", page);
        Assert.Contains("职称评审中多考虑基层实际贡献", page);
        Assert.DoesNotContain("希望增加学术交流的机会", page);

        // The export counts the same topics on its last sheet, and names each suggestion's topics in a column.
        using var xlsx = new MemoryStream(await (await admin.GetAsync($"/api/v1/surveys/{id}/export")).Content.ReadAsByteArrayAsync());
        Assert.Equal(new[] { "问卷", "意见建议主题" }, MiniExcelLibs.MiniExcel.GetSheetNames(xlsx));
        xlsx.Position = 0;
        var counted = MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "意见建议主题").Cast<IDictionary<string, object?>>()
            .ToDictionary(r => (string)r["主题"]!, r => Convert.ToInt32(r["意见建议（条）"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(topics, t => Assert.Equal(t.Value, counted[t.Key]));
        Assert.Equal(0, counted["其他"]);
        Assert.Equal(512, counted["意见建议合计"]);
        xlsx.Position = 0;
        var tags = MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "问卷").Cast<IDictionary<string, object?>>()
            .Select(r => r["意见建议主题"] as string).Where(t => !string.IsNullOrEmpty(t)).ToList();
        Assert.Equal(512, tags.Count);
        Assert.Equal(topics["职称与评价"], tags.Count(t => t!.Split('、').Contains("职称与评价")));
    }

    [Fact]
    public async Task Survey_managers_tag_suggestions_by_hand_add_topics_mark_them_adopted_or_forwarded_and_the_counts_follow()
    {
        var year = TestYears.Next(app.Provider);
        var token = Guid.NewGuid().ToString("N")[..6];
        var daying = await app.SignInAsync("daying");
        var id = Id(await (await daying.PostJsonAsync("/api/v1/surveys", new { name = $"建议整理测试问卷{token}", year, regionCode = DaYing, distribution = "Anonymous", template = true })).OkJsonAsync());
        await (await daying.PostJsonAsync($"/api/v1/surveys/{id}/status", new { status = "Open" })).OkJsonAsync();
        var texts = new[] { $"希望多组织专业培训{token}", $"建议发展乡村特色产业{token}", $"职称评审要看实绩{token}" };
        foreach (var (text, i) in texts.Select((t, i) => (t, i)))
        {
            await (await app.Anonymous().PostJsonAsync($"/api/v1/surveys/{id}/responses", new { answers = Answers("31—40岁", "中级", "否", text), respondentKey = $"{token}-{i}" })).OkJsonAsync();
        }

        async Task<JsonNode> ResultsAsync(string query = "") => await (await daying.GetAsync($"/api/v1/surveys/{id}/results{query}")).OkJsonAsync();
        Dictionary<string, int> Topics(JsonNode r) => r["suggestionTopics"]!.AsArray().ToDictionary(t => t!["name"]!.GetValue<string>(), t => t!["entries"]!.GetValue<int>());
        var first = await ResultsAsync();
        var ids = first["latestSuggestions"]!.AsArray().ToDictionary(sg => sg!["text"]!.GetValue<string>(), sg => Id(sg!));
        Assert.All(first["latestSuggestions"]!.AsArray(), sg => Assert.True(sg!["automatic"]!.GetValue<bool>()));
        Assert.Equal(new Dictionary<string, int> { ["培训与继续教育"] = 1, ["职称与评价"] = 1, ["其他"] = 1 }, Topics(first));
        string Url(int i) => $"/api/v1/surveys/{id}/suggestions/{ids[texts[i]]}";

        // Only the survey's region's managers tag; a topic must be of the survey's list until it is added.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("shehong")).PostJsonAsync(Url(1), new { topic = "其他" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("worker")).PostJsonAsync(Url(1), new { topic = "其他" })).StatusCode);
        var anonymous = (await app.Anonymous().PostJsonAsync($"/api/v1/surveys/{id}/topics", new { topic = "乡村振兴" })).StatusCode;
        Assert.True(anonymous is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, anonymous.ToString());
        await (await daying.PostJsonAsync(Url(1), new { topic = "乡村振兴" })).AssertValidationProblemAsync("topic");
        await (await daying.PostJsonAsync(Url(1), new { })).AssertValidationProblemAsync("topic");

        // The county's service-centre staff sort the suggestions too (talent.surveys.suggestions.tag): they add the topic and tag with it,
        // while running the survey itself (talent.surveys.manage) stays with the admins.
        var staff = await app.SignInAsync("daying-staff");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostJsonAsync($"/api/v1/surveys/{id}/status", new { status = "Closed" })).StatusCode);
        var list = (await (await staff.PostJsonAsync($"/api/v1/surveys/{id}/topics", new { topic = " 乡村振兴 " })).OkJsonAsync()).AsArray().Select(t => t!.GetValue<string>()).ToList();
        Assert.Equal("乡村振兴", list[^2]);
        Assert.Equal("其他", list[^1]);
        await (await daying.PostJsonAsync($"/api/v1/surveys/{id}/topics", new { topic = "乡村振兴" })).AssertValidationProblemAsync("topic");
        await (await daying.PostJsonAsync($"/api/v1/surveys/{id}/topics", new { topic = "自动" })).AssertValidationProblemAsync("topic");

        var adopted = await (await staff.PostJsonAsync(Url(1), new { topic = "乡村振兴", state = "Adopted" })).OkJsonAsync();
        Assert.False(adopted["automatic"]!.GetValue<bool>());
        Assert.Equal("已采纳", adopted["stateName"]!.GetValue<string>());
        Assert.Equal(["乡村振兴"], adopted["topics"]!.AsArray().Select(t => t!.GetValue<string>()));

        // 已转交 submits it to 建言献策 of the survey's region, once; it cannot go back.
        var forwarded = await (await daying.PostJsonAsync(Url(0), new { state = "Forwarded" })).OkJsonAsync();
        Assert.True(forwarded["automatic"]!.GetValue<bool>());
        var proposal = await (await daying.GetAsync($"/api/v1/proposals/{forwarded["proposalId"]!.GetValue<string>()}")).OkJsonAsync();
        Assert.Equal(texts[0], proposal["content"]!.GetValue<string>());
        Assert.Equal(DaYing, proposal["regionCode"]!.GetValue<string>());
        Assert.StartsWith($"建议整理测试问卷{token}意见建议：", proposal["title"]!.GetValue<string>());
        Assert.Equal(1, await app.QueryAsync(db => db.Proposals.CountAsync(p => p.Content == texts[0])));
        Assert.Equal(HttpStatusCode.Conflict, (await daying.PostJsonAsync(Url(0), new { state = "Pending" })).StatusCode);
        await (await daying.PostJsonAsync(Url(0), new { state = "Forwarded" })).OkJsonAsync();
        Assert.Equal(1, await app.QueryAsync(db => db.Proposals.CountAsync(p => p.Content == texts[0])));

        // A hand-picked topic replaces the automatic ones in the counts; the filters combine topic and state.
        await (await daying.PostJsonAsync(Url(2), new { topic = "培训与继续教育" })).OkJsonAsync();
        var tagged = await ResultsAsync();
        Assert.Equal(new Dictionary<string, int> { ["培训与继续教育"] = 2, ["乡村振兴"] = 1 }, Topics(tagged));
        Assert.Equal(new Dictionary<string, int> { ["Pending"] = 1, ["Adopted"] = 1, ["Forwarded"] = 1 },
            tagged["suggestionStates"]!.AsArray().ToDictionary(x => x!["key"]!.GetValue<string>(), x => x!["entries"]!.GetValue<int>()));
        Assert.Contains("乡村振兴", tagged["topicChoices"]!.AsArray().Select(t => t!.GetValue<string>()));
        string[] Listed(JsonNode r) => [.. r["latestSuggestions"]!.AsArray().Select(sg => sg!["text"]!.GetValue<string>())];
        Assert.Equal([texts[1]], Listed(await ResultsAsync($"?topic={Uri.EscapeDataString("乡村振兴")}")));
        Assert.Equal([texts[1]], Listed(await ResultsAsync("?state=Adopted")));
        Assert.Equal([texts[0]], Listed(await ResultsAsync($"?topic={Uri.EscapeDataString("培训与继续教育")}&state=Forwarded")));
        Assert.Equal(2, (await ResultsAsync($"?topic={Uri.EscapeDataString("培训与继续教育")}"))["filtered"]!.GetValue<int>());
        await (await daying.GetAsync($"/api/v1/surveys/{id}/results?state=Lost")).AssertValidationProblemAsync("state");

        // The page shows the counts, the 自动 mark and the tagging form; the export counts as the page does.
        var page = await daying.GetStringAsync($"/Talent/Surveys/Details/{id}?topic={Uri.EscapeDataString("乡村振兴")}");
        Assert.Contains("乡村振兴 1 条", page);
        Assert.Contains("培训与继续教育 2 条", page);
        Assert.Contains("已采纳 1 条", page);
        Assert.Contains("name=\"newTopic\"", page);
        Assert.Contains(texts[1], page);
        Assert.DoesNotContain(texts[0], page);
        var all = await daying.GetStringAsync($"/Talent/Surveys/Details/{id}?state=Forwarded");
        Assert.Contains(">自动</span>", all);
        Assert.Contains("查看建言", all);

        using var xlsx = new MemoryStream(await (await daying.GetAsync($"/api/v1/surveys/{id}/export")).Content.ReadAsByteArrayAsync());
        var counted = MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "意见建议主题").Cast<IDictionary<string, object?>>()
            .ToDictionary(r => (string)r["主题"]!, r => Convert.ToInt32(r["意见建议（条）"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, counted["培训与继续教育"]);
        Assert.Equal(1, counted["乡村振兴"]);
        Assert.Equal(0, counted["职称与评价"]);
        Assert.Equal(3, counted["意见建议合计"]);
        xlsx.Position = 0;
        var rows = MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "问卷").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("已转交", (string)rows.Single(r => (string?)r["12. 您对科协工作的意见和建议"] == texts[0])["建议处理状态"]!);
        Assert.Equal("自动", (string)rows.Single(r => (string?)r["12. 您对科协工作的意见和建议"] == texts[0])["主题来源"]!);
        Assert.Equal("人工", (string)rows.Single(r => (string?)r["12. 您对科协工作的意见和建议"] == texts[2])["主题来源"]!);

        // 自动 puts a suggestion back under the topics its words give.
        var back = await (await daying.PostJsonAsync(Url(2), new { topic = "自动" })).OkJsonAsync();
        Assert.True(back["automatic"]!.GetValue<bool>());
        Assert.Equal(1, Topics(await ResultsAsync())["职称与评价"]);
    }

    [Fact]
    public async Task The_demo_county_reports_the_seed_sentence_of_its_status_survey()
    {
        const string Sentence = "2025年，大英县开展全县科技工作者状况调查，发放问卷3000份，回收有效问卷2463份，征集到意见和建议共500余条。";
        var stats = await (await app.Anonymous().GetAsync($"/api/v1/surveys/statistics?region={DaYing}&year=2025")).OkJsonAsync();
        Assert.Equal(Sentence, stats["summary"]!.GetValue<string>());
        Assert.Equal(512, stats["suggestions"]!.GetValue<int>());
        Assert.True(stats["returned"]!.GetValue<int>() > 2463);

        // The annual report prints it under 服务科技工作者 (TalentReportSource).
        var admin = await app.SignInAsync("daying");
        using var docx = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await (await admin.GetAsync($"/api/v1/indicators/reports/annual?region={DaYing}&year=2025")).Content.ReadAsByteArrayAsync()), false);
        var paragraphs = docx.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText).ToList();
        var survey = paragraphs.IndexOf(Sentence);
        Assert.True(survey > 0, "the survey sentence is a paragraph of the report");
        Assert.True(paragraphs.FindIndex(p => p.EndsWith("服务科技工作者", StringComparison.Ordinal)) < survey);
        Assert.True(survey < paragraphs.FindIndex(p => p.EndsWith("服务创新驱动发展", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_invitation_survey_takes_one_answer_per_link()
    {
        var daying = await app.SignInAsync("daying");
        var id = Id(await (await daying.PostJsonAsync("/api/v1/surveys", new { name = "学会会员调查", year = OwnYear, regionCode = DaYing, distribution = "Invitation", questions = new object[]
        {
            new { text = "您所在的学会", kind = "Single", options = new[] { "农学会", "医学会" }, required = true },
            new { text = "满意度", kind = "Scale", scaleMax = 3, required = true },
        } })).OkJsonAsync());
        await (await daying.PostJsonAsync($"/api/v1/surveys/{id}/status", new { status = "Open" })).OkJsonAsync();
        var links = (await (await daying.PostJsonAsync($"/api/v1/surveys/{id}/invitations", new { labels = new[] { "张三", "李四" } })).OkJsonAsync()).AsArray();
        Assert.Equal(2, links.Count);
        var token = links[0]!["token"]!.GetValue<string>();
        var answers = new Dictionary<string, string[]> { ["1"] = ["农学会"], ["2"] = ["3"] };
        var anon = app.Anonymous();
        await (await anon.PostJsonAsync($"/api/v1/surveys/{id}/responses", new { answers })).AssertValidationProblemAsync("token");
        await (await anon.PostJsonAsync($"/api/v1/surveys/{id}/responses", new { answers = new Dictionary<string, string[]> { ["1"] = ["农学会"], ["2"] = ["4"] }, token })).AssertValidationProblemAsync("q2");
        Assert.True((await (await anon.PostJsonAsync($"/api/v1/surveys/{id}/responses", new { answers, token })).OkJsonAsync())["valid"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Conflict, (await anon.PostJsonAsync($"/api/v1/surveys/{id}/responses", new { answers, token })).StatusCode);
        var listed = (await (await daying.GetAsync($"/api/v1/surveys/{id}/invitations")).OkJsonAsync()).AsArray();
        Assert.Single(listed, i => i!["responded"]!.GetValue<bool>());
        var results = await (await daying.GetAsync($"/api/v1/surveys/{id}/results")).OkJsonAsync();
        Assert.Equal(2, results["distributed"]!.GetValue<int>());
        Assert.Equal(1, results["valid"]!.GetValue<int>());
    }

    /// <summary>Width and height of a PNG after checking its signature and that its first chunk is IHDR.</summary>
    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.True(png.Length > 33, "a PNG has a signature and a header chunk");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    [Fact]
    public async Task The_QR_code_carries_the_absolute_fill_link_and_is_public_only_while_the_survey_collects_answers()
    {
        var daying = await app.SignInAsync("daying");
        var anon = app.Anonymous();
        var id = Id(await (await daying.PostJsonAsync("/api/v1/surveys", new { name = "二维码测试问卷", year = OwnYear, regionCode = DaYing, distribution = "Anonymous", template = true })).OkJsonAsync());
        var origin = $"{anon.BaseAddress!.Scheme}://{anon.BaseAddress.Authority}";
        var fillUrl = $"{origin}/Talent/Surveys/Fill/{id}";

        // A draft: its region's admin prints the poster beforehand; nobody else gets a code of it.
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync($"/api/v1/surveys/{id}/qr.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("shehong")).GetAsync($"/api/v1/surveys/{id}/qr.png")).StatusCode);
        var draft = await daying.GetAsync($"/api/v1/surveys/{id}/qr.png?download=true");
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Equal("image/png", draft.Content.Headers.ContentType!.MediaType);
        Assert.Equal("问卷二维码.png", draft.Content.Headers.ContentDisposition!.FileNameStar);

        await (await daying.PostJsonAsync($"/api/v1/surveys/{id}/status", new { status = "Open" })).OkJsonAsync();
        var response = await anon.GetAsync($"/api/v1/surveys/{id}/qr.png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var png = await response.Content.ReadAsByteArrayAsync();
        var (width, height) = PngSize(png);
        Assert.Equal(width, height);
        Assert.InRange(width, 300, 1200);
        // The code is the library's encoding of exactly the absolute fill link (no decoder at hand: the same encoder, the same bytes).
        Assert.Equal(Kexie.Web.Features.Talent.SurveyLinks.Png(fillUrl), png);
        Assert.NotEqual(Kexie.Web.Features.Talent.SurveyLinks.Png($"/Talent/Surveys/Fill/{id}"), png);
        Assert.Equal(png, await (await daying.GetAsync($"/Talent/Surveys/Details/{id}?handler=Qr")).Content.ReadAsByteArrayAsync());
        var page = await (await daying.GetAsync($"/Talent/Surveys/Details/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"fill-qr\"", page);
        Assert.Contains(fillUrl, page);

        // A guessed invitation token gets nothing, even on an open survey.
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync($"/api/v1/surveys/{id}/qr.png?t=abc")).StatusCode);

        // Closed: no longer public.
        await (await daying.PostJsonAsync($"/api/v1/surveys/{id}/status", new { status = "Closed" })).OkJsonAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync($"/api/v1/surveys/{id}/qr.png")).StatusCode);
    }

    [Fact]
    public async Task Each_invitation_link_has_its_own_QR_code_for_the_survey_managers_only()
    {
        var daying = await app.SignInAsync("daying");
        var anon = app.Anonymous();
        var id = Id(await (await daying.PostJsonAsync("/api/v1/surveys", new { name = "邀请二维码问卷", year = OwnYear, regionCode = DaYing, distribution = "Invitation", template = true })).OkJsonAsync());
        await (await daying.PostJsonAsync($"/api/v1/surveys/{id}/status", new { status = "Open" })).OkJsonAsync();
        var token = (await (await daying.PostJsonAsync($"/api/v1/surveys/{id}/invitations", new { labels = new[] { "王五" } })).OkJsonAsync()).AsArray()[0]!["token"]!.GetValue<string>();
        var origin = $"{anon.BaseAddress!.Scheme}://{anon.BaseAddress.Authority}";

        var png = await (await daying.GetAsync($"/api/v1/surveys/{id}/qr.png?t={token}")).Content.ReadAsByteArrayAsync();
        Assert.Equal(Kexie.Web.Features.Talent.SurveyLinks.Png($"{origin}/Talent/Surveys/Fill/{id}?t={token}"), png);
        Assert.True(PngSize(png).Width >= 300);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync($"/api/v1/surveys/{id}/qr.png?t={token}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("shehong")).GetAsync($"/api/v1/surveys/{id}/qr.png?t={token}")).StatusCode);
        // An invitation survey has no public link to encode.
        await (await daying.GetAsync($"/api/v1/surveys/{id}/qr.png")).AssertValidationProblemAsync("t");
        var page = await (await daying.GetAsync($"/Talent/Surveys/Details/{id}")).Content.ReadAsStringAsync();
        Assert.Contains($"handler=Qr&amp;t={token}", page);
    }

    private static int[] Counts(JsonNode row) => row["cells"]!.AsArray().Select(c => c!["count"]!.GetValue<int>()).ToArray();

    private static decimal[] Percents(JsonNode row) => row["cells"]!.AsArray().Select(c => c!["percent"]!.GetValue<decimal>()).ToArray();

    [Fact]
    public async Task A_cross_tab_counts_valid_answers_by_a_structure_dimension_or_another_choice_question()
    {
        var daying = await app.SignInAsync("daying");
        var id = Id(await (await daying.PostJsonAsync("/api/v1/surveys", new { name = "交叉分析测试问卷", year = OwnYear, regionCode = DaYing, distribution = "Anonymous", questions = new object[]
        {
            new { text = "年龄", kind = "Single", options = new[] { "30岁及以下", "31—40岁", "41岁及以上" }, required = true, profile = "AgeBand" },
            new { text = "职称", kind = "Single", options = new[] { "高级", "中级", "初级" }, profile = "Title" },
            new { text = "满意度", kind = "Scale", scaleMax = 3, required = true },
            new { text = "需要的服务", kind = "Multiple", options = new[] { "培训", "交流", "咨询" }, required = true },
            new { text = "建议", kind = "Text" },
        } })).OkJsonAsync());
        await (await daying.PostJsonAsync($"/api/v1/surveys/{id}/status", new { status = "Open" })).OkJsonAsync();
        var anon = app.Anonymous();
        async Task Answer(string key, string age, string? title, string score, params string[] services)
        {
            var a = new Dictionary<string, string[]> { ["1"] = [age], ["3"] = [score], ["4"] = services };
            if (title is not null)
            {
                a["2"] = [title];
            }

            await (await anon.PostJsonAsync($"/api/v1/surveys/{id}/responses", new { answers = a, respondentKey = key })).OkJsonAsync();
        }

        await Answer("r1", "30岁及以下", "初级", "3", "培训", "交流");
        await Answer("r2", "30岁及以下", "中级", "2", "培训");
        await Answer("r3", "31—40岁", "中级", "3", "交流");
        await Answer("r4", "31—40岁", "高级", "1", "培训", "咨询");
        await Answer("r5", "30岁及以下", "初级", "3", "咨询");
        await Answer("r7", "41岁及以上", null, "2", "交流");
        await Answer("r5", "41岁及以上", "高级", "1", "培训"); // a duplicate: returned, not valid, not counted

        // 需要的服务 (multiple) × 年龄结构: rows of 3, 2 and 1 respondents; a row's shares may add up to more than 100%.
        var byAge = await (await daying.GetAsync($"/api/v1/surveys/{id}/crosstab?question=4&by=AgeBand")).OkJsonAsync();
        Assert.Equal("年龄结构", byAge["by"]!.GetValue<string>());
        Assert.Equal(new[] { "培训", "交流", "咨询" }, byAge["columns"]!.AsArray().Select(c => c!.GetValue<string>()));
        var rows = byAge["rows"]!.AsArray();
        Assert.Equal(new[] { "30岁及以下", "31—40岁", "41岁及以上" }, rows.Select(r => r!["label"]!.GetValue<string>()));
        Assert.Equal(new[] { 3, 2, 1 }, rows.Select(r => r!["total"]!.GetValue<int>()));
        Assert.Equal(new[] { 2, 1, 1 }, Counts(rows[0]!));
        Assert.Equal(new[] { 66.7m, 33.3m, 33.3m }, Percents(rows[0]!));
        Assert.Equal(new[] { 1, 1, 1 }, Counts(rows[1]!));
        Assert.Equal(new[] { 50m, 50m, 50m }, Percents(rows[1]!));
        Assert.Equal(new[] { 0, 1, 0 }, Counts(rows[2]!));
        Assert.Equal(new[] { 0m, 100m, 0m }, Percents(rows[2]!));
        Assert.Equal(6, byAge["total"]!["total"]!.GetValue<int>());
        Assert.Equal(new[] { 3, 3, 2 }, Counts(byAge["total"]!));
        Assert.Equal(new[] { 50m, 50m, 33.3m }, Percents(byAge["total"]!));

        // 满意度 (scale) × question 2 (职称, by number): the respondent without a title is left out.
        var byTitle = await (await daying.GetAsync($"/api/v1/surveys/{id}/crosstab?question=3&by=2")).OkJsonAsync();
        Assert.Equal(new[] { "1分", "2分", "3分" }, byTitle["columns"]!.AsArray().Select(c => c!.GetValue<string>()));
        rows = byTitle["rows"]!.AsArray();
        Assert.Equal(new[] { 1, 0, 0 }, Counts(rows[0]!));
        Assert.Equal(new[] { 0, 1, 1 }, Counts(rows[1]!));
        Assert.Equal(new[] { 0m, 50m, 50m }, Percents(rows[1]!));
        Assert.Equal(new[] { 0, 0, 2 }, Counts(rows[2]!));
        Assert.Equal(new[] { 100m }, Percents(rows[2]!).Skip(2));
        Assert.Equal(5, byTitle["total"]!["total"]!.GetValue<int>());
        Assert.Equal(new[] { 1, 1, 3 }, Counts(byTitle["total"]!));
        Assert.Equal(new[] { 20m, 20m, 60m }, Percents(byTitle["total"]!));

        // What cannot be crossed is named by its field; other counties see nothing.
        await (await daying.GetAsync($"/api/v1/surveys/{id}/crosstab?question=5&by=AgeBand")).AssertValidationProblemAsync("question");
        await (await daying.GetAsync($"/api/v1/surveys/{id}/crosstab?question=4&by=5")).AssertValidationProblemAsync("by");
        await (await daying.GetAsync($"/api/v1/surveys/{id}/crosstab?question=4&by=3")).AssertValidationProblemAsync("by");
        await (await daying.GetAsync($"/api/v1/surveys/{id}/crosstab?question=4&by=Field")).AssertValidationProblemAsync("by");
        await (await daying.GetAsync($"/api/v1/surveys/{id}/crosstab?question=4&by=4")).AssertValidationProblemAsync("by");
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("shehong")).GetAsync($"/api/v1/surveys/{id}/crosstab?question=4&by=AgeBand")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync($"/api/v1/surveys/{id}/crosstab?question=4&by=AgeBand")).StatusCode);

        // The export carries the cross-tab as a second sheet.
        var xlsx = await daying.GetAsync($"/api/v1/surveys/{id}/export?question=4&by=AgeBand");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal(new[] { "问卷", "交叉分析" }, MiniExcelLibs.MiniExcel.GetSheetNames(stream).Take(2));
        stream.Position = 0;
        Assert.Equal(7, MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: "问卷").Count());
        stream.Position = 0;
        var sheet = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: "交叉分析").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(4, sheet.Count);
        Assert.Equal("30岁及以下", sheet[0]["年龄结构 × 第4题"]);
        Assert.Equal(2m, Convert.ToDecimal(sheet[0]["培训（人数）"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(66.7m, Convert.ToDecimal(sheet[0]["培训（行%）"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("合计", sheet[3]["年龄结构 × 第4题"]);
        Assert.Equal(6m, Convert.ToDecimal(sheet[3]["小计（人数）"], System.Globalization.CultureInfo.InvariantCulture));

        // The results page shows the table, and names a bad choice next to its field.
        var page = await (await daying.GetAsync($"/Talent/Surveys/Details/{id}?question=4&by=1")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"crosstab\"", page);
        Assert.Matches("data-row=\"30岁及以下\">\\s*<th scope=\"row\">30岁及以下</th>\\s*<td>2 <small class=\"muted\">（66.7%）</small>", page);
        var bad = await (await daying.GetAsync($"/Talent/Surveys/Details/{id}?question=5&by=1")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"crosstab-question-error\"", bad);
        Assert.Contains("第5题为填空题，不能交叉分析", bad);
    }

    [Fact]
    public async Task A_respondent_fills_the_survey_page_and_the_admin_page_shows_the_counts()
    {
        var daying = await app.SignInAsync("daying");
        var id = Id(await (await daying.PostJsonAsync("/api/v1/surveys", new { name = "页面测试问卷", year = OwnYear, regionCode = DaYing, distribution = "Anonymous", template = true })).OkJsonAsync());
        await (await daying.PostJsonAsync($"/api/v1/surveys/{id}/status", new { status = "Open" })).OkJsonAsync();
        var anon = app.Anonymous();
        var page = await anon.GetAsync($"/Talent/Surveys/Fill/{id}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("您的职称", html);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var started = System.Text.RegularExpressions.Regex.Match(html, "name=\"Started\"[^>]*value=\"([0-9]+)\"").Groups[1].Value;
        var form = Answers("30岁及以下", "初级", "否", "页面上的建议").SelectMany(a => a.Value.Select(v => new KeyValuePair<string, string>($"a{a.Key}", v)))
            .Append(new("__RequestVerificationToken", token)).Append(new("Started", started)).ToList();
        var posted = await anon.PostAsync($"/Talent/Surveys/Fill/{id}", new FormUrlEncodedContent(form));
        Assert.Contains("感谢您的参与", await posted.Content.ReadAsStringAsync());
        var admin = await (await daying.GetAsync($"/Talent/Surveys/Details/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("页面上的建议", admin);
        Assert.Matches("id=\"count-valid\">1 份", admin);
    }

    /// <summary>A survey of four questions with rules: 年龄 18–80 (整数), 联系电话 (手机号码), 身份证号, and a multiple choice of at most 2.</summary>
    private async Task<(HttpClient Admin, string Id)> OpenRuledSurveyAsync(string token)
    {
        var daying = await app.SignInAsync("daying");
        var questions = new object[]
        {
            new { text = "您的性别", kind = "Single", options = new[] { "男", "女" }, required = true },
            new { text = "年龄", kind = "Text", required = true, rule = new { kind = "Number", min = 18, max = 80 } },
            new { text = "联系电话", kind = "Text", rule = new { kind = "Phone" } },
            new { text = "身份证号", kind = "Text", rule = new { kind = "IdCard" } },
            new { text = "关注领域", kind = "Multiple", options = new[] { "农业", "工业", "医疗" }, rule = new { kind = "Choices", max = 2 } },
        };
        var created = await (await daying.PostJsonAsync("/api/v1/surveys", new { name = $"规则问卷{token}", year = OwnYear, regionCode = DaYing, distribution = "Anonymous", questions })).OkJsonAsync();
        var id = Id(created);
        Assert.Equal("18–80之间的整数", created["questions"]![1]!["ruleText"]!.GetValue<string>());
        Assert.Equal("Number", created["questions"]![1]!["rule"]!["kind"]!.GetValue<string>());
        Assert.Equal("至多选2项", created["questions"]![4]!["ruleText"]!.GetValue<string>());
        await (await daying.PostJsonAsync($"/api/v1/surveys/{id}/status", new { status = "Open" })).OkJsonAsync();
        return (daying, id);
    }

    [Fact]
    public async Task Question_rules_refuse_a_wrong_answer_naming_the_question_and_the_phone_page_keeps_the_answers()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var (daying, id) = await OpenRuledSurveyAsync(token);
        var anon = app.Anonymous();
        var url = $"/api/v1/surveys/{id}/responses";
        Dictionary<string, string[]> Given(string age, string phone = "", string idNumber = "", params string[] fields) =>
            new() { ["1"] = ["男"], ["2"] = [age], ["3"] = [phone], ["4"] = [idNumber], ["5"] = fields };

        Assert.Equal("第2题「年龄」须为18–80之间的整数", await (await anon.PostJsonAsync(url, new { answers = Given("17") })).AssertValidationProblemAsync("q2"));
        Assert.Equal("第2题「年龄」须为18–80之间的整数", await (await anon.PostJsonAsync(url, new { answers = Given("30.5") })).AssertValidationProblemAsync("q2"));
        Assert.Equal("第3题「联系电话」须为11位手机号码", await (await anon.PostJsonAsync(url, new { answers = Given("30", "1380013800") })).AssertValidationProblemAsync("q3"));
        Assert.Contains("校验码", await (await anon.PostJsonAsync(url, new { answers = Given("30", "13800138000", "110105194912310021") })).AssertValidationProblemAsync("q4"));
        Assert.Equal("第5题「关注领域」须至多选2项", await (await anon.PostJsonAsync(url, new { answers = Given("30", "", "", "农业", "工业", "医疗") })).AssertValidationProblemAsync("q5"));
        var ok = await (await anon.PostJsonAsync(url, new { answers = Given("80", "13800138000", "11010519491231002x", "农业", "工业"), respondentKey = token })).OkJsonAsync();
        Assert.True(ok["valid"]!.GetValue<bool>());
        Assert.Equal(1, await app.QueryAsync(db => db.SurveyResponses.CountAsync(r => r.SurveyId == Guid.Parse(id))));

        // The phone page: inputs a phone's keyboard fits, the rule as a hint, and the browser's own checks (the server checks again).
        var page = await anon.GetStringAsync($"/Talent/Surveys/Fill/{id}");
        Assert.Contains("type=\"number\" name=\"a2\"", page);
        Assert.Contains("inputmode=\"numeric\" min=\"18\" max=\"80\"", page);
        Assert.Contains("pattern=\"1[3-9][0-9]{9}\"", page);
        Assert.Contains("pattern=\"[0-9]{17}[0-9Xx]\"", page);
        Assert.Contains("data-max-choices=\"2\"", page);
        Assert.Contains("请填写18–80之间的整数", page);
        Assert.DoesNotContain("<form method=\"post\" novalidate id=\"survey-form\"", page);

        // Posted anyway (no script, an old browser): the error next to the question, every answer kept.
        var form = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", Kexie.Web.Tests.Security.LoginTestSupport.TokenOf(page)), new("a1", "女"), new("a2", "35"), new("a3", "1380013800"),
            new("a4", "11010519491231002X"), new("a5", "医疗"),
        };
        var refused = await (await anon.PostAsync($"/Talent/Surveys/Fill/{id}", new FormUrlEncodedContent(form))).Content.ReadAsStringAsync();
        Assert.Contains("id=\"q3-error\"", refused);
        Assert.Contains("第3题「联系电话」须为11位手机号码", refused);
        Assert.Contains("value=\"35\"", refused);
        Assert.Contains("value=\"1380013800\"", refused);
        Assert.Contains("value=\"11010519491231002X\"", refused);
        Assert.Matches("value=\"医疗\" checked=\"checked\"|checked=\"checked\"[^>]*value=\"医疗\"", refused);
        Assert.Equal(1, await app.QueryAsync(db => db.SurveyResponses.CountAsync(r => r.SurveyId == Guid.Parse(id))));

        // Rules are fixed with the questions once the survey is sent out: a stricter age is refused and the answer of 80 stays valid.
        var stricter = await daying.PutJsonAsync($"/api/v1/surveys/{id}", new
        {
            name = $"规则问卷{token}", year = OwnYear, regionCode = DaYing, distribution = "Anonymous",
            questions = new[] { new { text = "年龄", kind = "Text", required = true, rule = new { kind = "Number", min = 18, max = 60 } } },
        });
        Assert.Equal(HttpStatusCode.Conflict, stricter.StatusCode);
        Assert.Equal(1, (await (await daying.GetAsync($"/api/v1/surveys/{id}/results")).OkJsonAsync())["valid"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_builder_sets_and_edits_a_questions_rule_and_refuses_one_that_does_not_fit()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var daying = await app.SignInAsync("daying");
        var id = Id(await (await daying.PostJsonAsync("/api/v1/surveys", new
        {
            name = $"规则编辑问卷{token}", year = OwnYear, regionCode = DaYing, distribution = "Anonymous",
            questions = new[] { new { text = "您的性别", kind = "Single", options = new[] { "男", "女" } } },
        })).OkJsonAsync());
        var page = await daying.GetStringAsync($"/Talent/Surveys/Details/{id}");
        Assert.Contains("<option value=\"Year\">年份</option>", page);
        async Task<string> PostAsync(string handler, params (string Name, string Value)[] fields)
        {
            var current = await daying.GetStringAsync($"/Talent/Surveys/Details/{id}");
            var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
                .Append(new("__RequestVerificationToken", Kexie.Web.Tests.Security.LoginTestSupport.TokenOf(current))));
            var posted = await daying.PostAsync($"/Talent/Surveys/Details/{id}?handler={handler}", content);
            Assert.True(posted.StatusCode == HttpStatusCode.Redirect, $"{(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
            // Back on the page: its notice, or the alert naming what was refused.
            var back = await daying.GetStringAsync(posted.Headers.Location!.ToString());
            return System.Text.RegularExpressions.Regex.Match(back, "<div class=\"(?:notice|error-box)\" role=\"(?:status|alert)\">([^<]*)</div>").Groups[1].Value;
        }

        Assert.Equal("已添加题目", await PostAsync("AddQuestion", ("Question.Text", "出生年份"), ("Question.Kind", "Text"), ("Question.RuleKind", "Year"), ("Question.RuleMin", "1940")));
        var survey = await (await daying.GetAsync($"/api/v1/surveys/{id}")).OkJsonAsync();
        var added = survey["questions"]![1]!;
        Assert.Equal("Year", added["rule"]!["kind"]!.GetValue<string>());
        Assert.Equal($"1940–{DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year}之间的年份", added["ruleText"]!.GetValue<string>());

        // 编辑: the question's own form changes the rule; a rule that does not fit the question is refused and nothing changes.
        Assert.Equal("已设置第2题的校验规则", await PostAsync("Rule", ("number", "2"), ("Question.RuleKind", "Number"), ("Question.RuleMin", "0"), ("Question.RuleMax", "99.5"), ("Question.RuleDecimals", "1")));
        added = (await (await daying.GetAsync($"/api/v1/surveys/{id}")).OkJsonAsync())["questions"]![1]!;
        Assert.Equal("0–99.5之间的数（最多1位小数）", added["ruleText"]!.GetValue<string>());
        Assert.Equal("第1题：“手机号码”只能用于填空题", await PostAsync("Rule", ("number", "1"), ("Question.RuleKind", "Phone")));
        Assert.Null((await (await daying.GetAsync($"/api/v1/surveys/{id}")).OkJsonAsync())["questions"]![0]!["rule"]);
        await (await daying.PutJsonAsync($"/api/v1/surveys/{id}", new
        {
            name = $"规则编辑问卷{token}", year = OwnYear, regionCode = DaYing, distribution = "Anonymous",
            questions = new[] { new { text = "年龄", kind = "Text", rule = new { kind = "Number", min = 80, max = 18 } } },
        })).AssertValidationProblemAsync("questions[0].rule.min");
        Assert.Equal("已取消第2题的校验规则", await PostAsync("Rule", ("number", "2"), ("Question.RuleKind", "None")));
        Assert.Null((await (await daying.GetAsync($"/api/v1/surveys/{id}")).OkJsonAsync())["questions"]![1]!["rule"]);
    }

    [Fact]
    public async Task The_results_carry_an_etag_the_live_page_polls_with_and_304_until_an_answer_comes_in()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var (daying, id) = await OpenRuledSurveyAsync(token);
        var results = $"/api/v1/surveys/{id}/results";
        var first = await daying.GetAsync(results);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!;
        Assert.True((await first.OkJsonAsync())["collecting"]!.GetValue<bool>());

        async Task<HttpResponseMessage> PollAsync(System.Net.Http.Headers.EntityTagHeaderValue tag)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, results);
            request.Headers.IfNoneMatch.Add(tag);
            return await daying.SendAsync(request);
        }

        var unchanged = await PollAsync(etag);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await PollAsync(new System.Net.Http.Headers.EntityTagHeaderValue("\"other\""))).StatusCode);

        // The page shows the same results, tagged alike, and polls while the survey collects answers.
        var page = await daying.GetStringAsync($"/Talent/Surveys/Details/{id}");
        Assert.Contains($"data-etag=\"&quot;{etag.Tag.Trim('"')}&quot;\"", page);
        Assert.Contains("data-live=\"true\"", page);
        Assert.Matches("已回收0份，有效0份，更新于[0-9]{2}:[0-9]{2}:[0-9]{2}", page);

        // An answer changes them: 200 with a new tag, which then answers 304 in its turn.
        await (await app.Anonymous().PostJsonAsync($"/api/v1/surveys/{id}/responses", new { answers = new Dictionary<string, string[]> { ["1"] = ["女"], ["2"] = ["40"] } })).OkJsonAsync();
        var changed = await PollAsync(etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Equal(1, (await changed.OkJsonAsync())["returned"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotModified, (await PollAsync(changed.Headers.ETag!)).StatusCode);

        // Others still get 404 naming nothing, 304 or not.
        using (var other = new HttpRequestMessage(HttpMethod.Get, results))
        {
            other.Headers.IfNoneMatch.Add(changed.Headers.ETag!);
            Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("shehong")).SendAsync(other)).StatusCode);
        }

        // Closed: the results say so and the page no longer polls.
        await (await daying.PostJsonAsync($"/api/v1/surveys/{id}/status", new { status = "Closed" })).OkJsonAsync();
        var closed = await PollAsync(changed.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.False((await closed.OkJsonAsync())["collecting"]!.GetValue<bool>());
        Assert.Contains("data-live=\"false\"", await daying.GetStringAsync($"/Talent/Surveys/Details/{id}"));
    }
}

public sealed class SurveySqliteTests(SqliteApp app) : SurveyTests(app);

public sealed class SurveyPostgresTests(PostgresApp app) : SurveyTests(app);
