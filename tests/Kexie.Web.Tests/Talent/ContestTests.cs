using System.Net;
using System.Text.Json.Nodes;
using Kexie.Domain.Directory;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Talent;

/// <summary>青少年科技创新大赛 through the real host: a county edition, schools' works, review, awards, recommendation to the city, counts.</summary>
public abstract class ContestTests(KexieApp app)
{
    private const string DaYing = "510923";

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    [Fact]
    public async Task A_school_enters_works_the_county_reviews_awards_and_recommends_one_to_the_city_within_its_quota()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var year = TestYears.Past(app.Provider); // a year of its own: the region-year counts below would take in the works other contest tests enter in 大英县
        var daying = await app.SignInAsync("daying");
        var staff = await app.SignInAsync("daying-staff");
        var suining = await app.SignInAsync("suining");
        var shehong = await app.SignInAsync("shehong");

        // The city and the county hold their editions; staff and other counties may not hold one for 大英县.
        var cityBody = new { name = $"第35届遂宁市青少年科技创新大赛{token}", year, regionCode = "5109", categories = new[] { "科技创新成果", "科幻绘画" }, recommendQuota = 50 };
        var city = await (await suining.PostJsonAsync("/api/v1/contests", cityBody)).OkJsonAsync();
        Assert.Equal("Prefectural", city["level"]!.GetValue<string>());
        var countyBody = new { name = $"大英县青少年科技创新大赛{token}", year, regionCode = DaYing, categories = new[] { "科技创新成果", "科幻绘画", "科技实践活动" }, recommendQuota = 1 };
        await (await daying.PostJsonAsync("/api/v1/contests", countyBody with { categories = Array.Empty<string>() })).AssertValidationProblemAsync("categories");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostJsonAsync("/api/v1/contests", countyBody)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostJsonAsync("/api/v1/contests", countyBody)).StatusCode);
        var county = await (await daying.PostJsonAsync("/api/v1/contests", countyBody)).OkJsonAsync();
        var countyId = Id(county);
        Assert.Equal("县级", county["levelName"]!.GetValue<string>());

        // A school's own account enters its works; it may not enter in another school's name, nor a category the edition lacks.
        var schools = new List<(string Id, string Name)>();
        foreach (var name in new[] { $"大英县实验小学{token}", $"大英县育才中学{token}" })
        {
            var created = await (await daying.PostJsonAsync("/api/v1/organizations", new { name, kind = "School", creditCode = AccessScopeTests.NewCreditCode(DaYing), industryCode = "8334", regionCode = "510923100" })).OkJsonAsync();
            schools.Add((Id(created), name));
        }

        var enterprise = await app.QueryAsync(db => db.Organizations.Where(o => o.RegionCode.StartsWith(DaYing) && o.Kind == OrganizationKind.Enterprise).Select(o => o.Id).FirstAsync());
        var login = $"school-{token}";
        await (await daying.PostJsonAsync("/api/v1/users", new { userName = login, displayName = $"{schools[0].Name}科技教师", password = "Kexie@2026", role = "OrganizationMember", regionCode = DaYing, organizationId = schools[0].Id })).OkJsonAsync();
        var school = await app.SignInAsync(login);
        var options = (await (await school.GetAsync($"/api/v1/contests/{countyId}/school-options")).OkJsonAsync()).AsArray();
        Assert.Equal([schools[0].Name], options.Select(o => o!["name"]!.GetValue<string>()));

        var work = new { schoolId = schools[0].Id, title = $"柠檬皮的妙用{token}", category = "科技创新成果", students = new[] { "张小明", "李小红" }, teacher = "王老师" };
        // Another school is hidden from this school's account: it answers "不存在" like a missing one.
        await (await school.PostJsonAsync($"/api/v1/contests/{countyId}/entries", work with { schoolId = schools[1].Id })).AssertValidationProblemAsync("schoolId");
        await (await school.PostJsonAsync($"/api/v1/contests/{countyId}/entries", work with { category = "机器人" })).AssertValidationProblemAsync("category");
        await (await daying.PostJsonAsync($"/api/v1/contests/{countyId}/entries", work with { schoolId = enterprise.ToString() })).AssertValidationProblemAsync("schoolId");
        await (await shehong.PostJsonAsync($"/api/v1/contests/{countyId}/entries", work)).AssertValidationProblemAsync("schoolId");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostJsonAsync($"/api/v1/contests/{countyId}/entries", work)).StatusCode);
        var first = Id(await (await school.PostJsonAsync($"/api/v1/contests/{countyId}/entries", work)).OkJsonAsync());
        var second = Id(await (await school.PostJsonAsync($"/api/v1/contests/{countyId}/entries", work with { title = $"太空农场{token}", category = "科幻绘画" })).OkJsonAsync());
        var third = Id(await (await daying.PostJsonAsync($"/api/v1/contests/{countyId}/entries", work with { schoolId = schools[1].Id, title = $"水质调查{token}" })).OkJsonAsync());

        // The county's staff review; another county's admin cannot find the work; a rejection needs an opinion.
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.PostJsonAsync($"/api/v1/contest-entries/{first}/review", new { passed = true, score = 90 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await school.PostJsonAsync($"/api/v1/contest-entries/{first}/review", new { passed = true, score = 90 })).StatusCode);
        await (await staff.PostJsonAsync($"/api/v1/contest-entries/{third}/review", new { passed = false, score = 50 })).AssertValidationProblemAsync("opinion");
        await (await staff.PostJsonAsync($"/api/v1/contest-entries/{first}/review", new { passed = true, score = 92.5, opinion = "选题贴近生活" })).OkJsonAsync();
        await (await staff.PostJsonAsync($"/api/v1/contest-entries/{second}/review", new { passed = true, score = 85 })).OkJsonAsync();
        await (await staff.PostJsonAsync($"/api/v1/contest-entries/{third}/review", new { passed = false, score = 50, opinion = "数据不足" })).OkJsonAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostJsonAsync($"/api/v1/contest-entries/{third}/award", new { award = "Third" })).StatusCode);
        var awarded = await (await staff.PostJsonAsync($"/api/v1/contest-entries/{first}/award", new { award = "First" })).OkJsonAsync();
        Assert.Equal("一等奖", awarded["awardName"]!.GetValue<string>());

        // Recommended upward: to the city's edition, once, within the quota of 1; the other county's contests are no target.
        var targets = (await (await daying.GetAsync($"/api/v1/contests/{countyId}/upward-targets")).OkJsonAsync()).AsArray();
        Assert.Contains(targets, t => Id(t!) == Id(city));
        var recommended = await (await staff.PostJsonAsync($"/api/v1/contest-entries/{first}/recommend", new { targetContestId = Id(city) })).OkJsonAsync();
        Assert.Equal(cityBody.name, recommended["recommendedTo"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostJsonAsync($"/api/v1/contest-entries/{first}/recommend", new { targetContestId = Id(city) })).StatusCode);
        var quota = await staff.PostJsonAsync($"/api/v1/contest-entries/{second}/recommend", new { targetContestId = Id(city) });
        Assert.Equal(HttpStatusCode.Conflict, quota.StatusCode);
        Assert.Contains("推荐名额", await quota.Content.ReadAsStringAsync());

        // The city sees the work in its edition, with where it came from, and reviews it; the county cannot review it there.
        var cityEntries = await (await suining.GetAsync($"/api/v1/contests/{Id(city)}/entries")).OkJsonAsync();
        var arrived = Assert.Single(cityEntries["items"]!.AsArray())!;
        Assert.Equal(work.title, arrived["title"]!.GetValue<string>());
        Assert.Equal(countyBody.name, arrived["recommendedFrom"]!.GetValue<string>());
        Assert.Equal(["张小明", "李小红"], arrived["students"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NotFound, (await daying.PostJsonAsync($"/api/v1/contest-entries/{Id(arrived)}/review", new { passed = true })).StatusCode);
        await (await suining.PostJsonAsync($"/api/v1/contest-entries/{Id(arrived)}/review", new { passed = true, score = 88 })).OkJsonAsync();
        await (await suining.PostJsonAsync($"/api/v1/contest-entries/{Id(arrived)}/award", new { award = "Second" })).OkJsonAsync();

        // The public sees awarded works only, without the students; the school sees its own works.
        var open = await (await app.Anonymous().GetAsync($"/api/v1/contests/{countyId}/entries")).OkJsonAsync();
        var shown = Assert.Single(open["items"]!.AsArray())!;
        Assert.Equal(first, Id(shown));
        Assert.Null(shown["students"]);
        Assert.Equal(2, (await (await school.GetAsync($"/api/v1/contests/{countyId}/entries")).OkJsonAsync())["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/api/v1/contest-entries/{third}")).StatusCode);

        // Counts of the year for 大英县: received, recommended, awarded at each level, by category and school.
        var stats = await (await app.Anonymous().GetAsync($"/api/v1/contests/statistics?region={DaYing}&year={year}")).OkJsonAsync();
        Assert.Equal(3, stats["received"]!.GetValue<int>());
        Assert.Equal(2, stats["accepted"]!.GetValue<int>());
        Assert.Equal(1, stats["recommended"]!.GetValue<int>());
        var awards = stats["awards"]!.AsArray();
        Assert.Equal(2, awards.Count);
        Assert.Equal("市级", awards[0]!["levelName"]!.GetValue<string>());
        Assert.Equal(2, stats["bySchool"]!.AsArray().Count);
        Assert.Equal(2, stats["byCategory"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "科技创新成果")!["entries"]!.GetValue<int>());
        var summary = stats["summary"]!.GetValue<string>();
        Assert.Contains($"{year}年，大英县青少年科技创新大赛共收获3件作品，推荐1件作品参加{cityBody.name}", summary);
        Assert.Contains($"1件作品在{cityBody.name}上获奖（二等奖1件）", summary);
        Assert.Contains($"1件作品在{countyBody.name}上获奖（一等奖1件）", summary);

        var listed = await (await app.Anonymous().GetAsync($"/api/v1/contests?region={DaYing}&year={year}")).OkJsonAsync();
        var row = Assert.Single(listed["items"]!.AsArray());
        Assert.Equal(3, row!["entries"]!.GetValue<int>());
        Assert.Equal(1, row["recommended"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_counts_go_by_school_and_township_and_an_awarded_work_has_a_certificate_naming_it()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var year = TestYears.Past(app.Provider); // a year of its own: the region-year counts below would take in the works other contest tests enter in 大英县
        var daying = await app.SignInAsync("daying");
        var name = $"大英县青少年科技创新大赛证书{token}";
        var contest = Id(await (await daying.PostJsonAsync("/api/v1/contests", new { name, year, regionCode = DaYing, categories = new[] { "科技创新成果", "科幻绘画" } })).OkJsonAsync());

        // Two schools in two townships: 蓬莱镇 enters three works, 隆盛镇 one.
        async Task<string> SchoolAsync(string school, string township) =>
            Id(await (await daying.PostJsonAsync("/api/v1/organizations", new { name = school, kind = "School", creditCode = AccessScopeTests.NewCreditCode(DaYing), industryCode = "8334", regionCode = township })).OkJsonAsync());
        string penglai = $"蓬莱镇中心小学{token}", longsheng = $"隆盛镇初级中学{token}";
        var a = await SchoolAsync(penglai, "510923100");
        var b = await SchoolAsync(longsheng, "510923101");
        async Task<string> EnterAsync(string school, string title, string category) =>
            Id(await (await daying.PostJsonAsync($"/api/v1/contests/{contest}/entries", new { schoolId = school, title, category, students = new[] { "周小雨", "陈一鸣" }, teacher = "刘老师" })).OkJsonAsync());
        var awarded = await EnterAsync(a, $"会唱歌的雨量计{token}", "科技创新成果");
        var plain = await EnterAsync(a, $"月球菜园{token}", "科幻绘画");
        await EnterAsync(a, $"校园鸟类调查{token}", "科技创新成果");
        await EnterAsync(b, $"秸秆再利用{token}", "科技创新成果");
        foreach (var id in new[] { awarded, plain })
        {
            await (await daying.PostJsonAsync($"/api/v1/contest-entries/{id}/review", new { passed = true, score = 90 })).OkJsonAsync();
        }

        await (await daying.PostJsonAsync($"/api/v1/contest-entries/{awarded}/award", new { award = "Second" })).OkJsonAsync();

        // By school and by township (the school's 乡镇), with the awarded works of each.
        var stats = await (await app.Anonymous().GetAsync($"/api/v1/contests/statistics?region={DaYing}&year={year}")).OkJsonAsync();
        Assert.Equal(4, stats["received"]!.GetValue<int>());
        var bySchool = stats["bySchool"]!.AsArray().Select(c => (c!["name"]!.GetValue<string>(), c["entries"]!.GetValue<int>(), c["awarded"]!.GetValue<int>())).ToList();
        Assert.Equal([(penglai, 3, 1), (longsheng, 1, 0)], bySchool);
        var byTownship = stats["byRegion"]!.AsArray().Select(c => (c!["key"]!.GetValue<string>(), c["name"]!.GetValue<string>(), c["entries"]!.GetValue<int>(), c["awarded"]!.GetValue<int>())).ToList();
        Assert.Equal([("510923100", "四川省 遂宁市 大英县 蓬莱镇", 3, 1), ("510923101", "四川省 遂宁市 大英县 隆盛镇", 1, 0)], byTownship);
        Assert.Equal([("科技创新成果", 3), ("科幻绘画", 1)], stats["byCategory"]!.AsArray().Select(c => (c!["name"]!.GetValue<string>(), c["entries"]!.GetValue<int>())));
        Assert.EndsWith($"共收获4件作品；1件作品在{name}上获奖（二等奖1件）。", stats["summary"]!.GetValue<string>());

        // The certificate (.docx) names the students, the school, the work, the award, the edition and the issuing association.
        var download = await daying.GetAsync($"/api/v1/contest-entries/{awarded}/certificate");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"获奖证书-会唱歌的雨量计{token}.docx", download.Content.Headers.ContentDisposition!.FileNameStar);
        string text;
        using (var docx = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await download.Content.ReadAsByteArrayAsync()), false))
        {
            text = docx.MainDocumentPart!.Document!.Body!.InnerText;
        }

        Assert.Contains("荣 誉 证 书", text);
        Assert.Contains($"周小雨、陈一鸣同学（{penglai}）", text);
        Assert.Contains($"你的作品《会唱歌的雨量计{token}》（科技创新成果，指导教师：刘老师）在{name}中荣获二等奖。", text);
        Assert.Contains("大英县科学技术协会", text);

        // No award, no certificate; the public does not find one (it names the students).
        Assert.Equal(HttpStatusCode.Conflict, (await daying.GetAsync($"/api/v1/contest-entries/{plain}/certificate")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/api/v1/contest-entries/{awarded}/certificate")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("shehong")).GetAsync($"/api/v1/contest-entries/{awarded}/certificate")).StatusCode);
    }

    [Fact]
    public async Task An_editions_eligibility_rules_refuse_the_works_that_break_them_naming_the_field_on_the_api_and_the_page()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var year = TestYears.Next(app.Provider);
        var daying = await app.SignInAsync("daying");
        var name = $"大英县小学初中科技创新大赛{token}";
        var rules = new { stages = new[] { "Primary", "Junior" }, maxStudents = 2, onePerStudent = true, teacherRequired = true };
        var body = new { name, year, regionCode = DaYing, categories = new[] { "科技创新成果", "科幻绘画" }, eligibility = rules };
        await (await daying.PostJsonAsync("/api/v1/contests", body with { eligibility = rules with { maxStudents = 0 } })).AssertValidationProblemAsync("maxStudents");
        var created = await (await daying.PostJsonAsync("/api/v1/contests", body)).OkJsonAsync();
        var contest = Id(created);
        Assert.Equal("限小学、初中学生；每件作品作者最多2人；每名学生每个类别限报1件；须有指导教师", created["eligibility"]!["text"]!.GetValue<string>());
        Assert.Equal(["小学", "初中"], created["eligibility"]!["stageNames"]!.AsArray().Select(n => n!.GetValue<string>()));

        var school = Id(await (await daying.PostJsonAsync("/api/v1/organizations", new { name = $"大英县城南小学{token}", kind = "School", creditCode = AccessScopeTests.NewCreditCode(DaYing), industryCode = "8334", regionCode = "510923100" })).OkJsonAsync());
        var other = Id(await (await daying.PostJsonAsync("/api/v1/organizations", new { name = $"大英县城北小学{token}", kind = "School", creditCode = AccessScopeTests.NewCreditCode(DaYing), industryCode = "8334", regionCode = "510923100" })).OkJsonAsync());
        var work = new { schoolId = school, title = $"节水小卫士{token}", category = "科技创新成果", students = new[] { "王小丫", "赵大宝" }, teacher = (string?)"孙老师", stage = (string?)"Primary" };
        string Entries() => $"/api/v1/contests/{contest}/entries";

        // Each rule broken is refused with a Chinese message naming its field.
        Assert.Contains("请选择作者所在学段（本届大赛限小学、初中学生参加）", await (await daying.PostJsonAsync(Entries(), work with { stage = null })).AssertValidationProblemAsync("stage"));
        Assert.Contains("不接受高中学生的作品", await (await daying.PostJsonAsync(Entries(), work with { stage = "Senior" })).AssertValidationProblemAsync("stage"));
        Assert.Contains("每件作品作者最多2人，现填写了3人", await (await daying.PostJsonAsync(Entries(), work with { students = new[] { "王小丫", "赵大宝", "钱多多" } })).AssertValidationProblemAsync("students"));
        Assert.Contains("本届大赛要求填写指导教师", await (await daying.PostJsonAsync(Entries(), work with { teacher = null })).AssertValidationProblemAsync("teacher"));
        var first = await (await daying.PostJsonAsync(Entries(), work)).OkJsonAsync();
        Assert.Equal("小学", first["stageName"]!.GetValue<string>());

        // One work per student per category: 赵大宝 again in 科技创新成果 is refused; in 科幻绘画, or a namesake at another school, is fine.
        var again = await daying.PostJsonAsync(Entries(), work with { title = $"雨水花园{token}", students = new[] { "赵大宝" } });
        Assert.Contains($"学生“赵大宝”已在本届大赛“科技创新成果”类别报送作品《节水小卫士{token}》，每名学生每个类别限报1件", await again.AssertValidationProblemAsync("students"));
        await (await daying.PostJsonAsync(Entries(), work with { title = $"未来城市{token}", category = "科幻绘画", students = new[] { "赵大宝" } })).OkJsonAsync();
        await (await daying.PostJsonAsync(Entries(), work with { schoolId = other, title = $"雨水花园{token}", students = new[] { "赵大宝" }, stage = "Junior" })).OkJsonAsync();

        // Editing the edition without rules keeps them; the page shows them and says the broken rule next to its field.
        var kept = await (await daying.PutJsonAsync($"/api/v1/contests/{contest}", new { name, year, regionCode = DaYing, categories = new[] { "科技创新成果", "科幻绘画" } })).OkJsonAsync();
        Assert.Equal(created["eligibility"]!["text"]!.GetValue<string>(), kept["eligibility"]!["text"]!.GetValue<string>());
        var page = $"/Talent/Contests/Details/{contest}";
        var html = await daying.GetStringAsync(page);
        Assert.Contains("参赛条件：限小学、初中学生；每件作品作者最多2人；每名学生每个类别限报1件；须有指导教师", html);
        var form = new Dictionary<string, string>
        {
            ["Input.SchoolId"] = school, ["Input.Title"] = $"会说话的垃圾桶{token}", ["Input.Category"] = "科幻绘画", ["Input.Students"] = "李小花",
            ["Input.Teacher"] = "", ["Input.Stage"] = "Primary", ["__RequestVerificationToken"] = Security.LoginTestSupport.TokenOf(html),
        };
        var posted = await (await daying.PostAsync(page, new FormUrlEncodedContent(form))).Content.ReadAsStringAsync();
        Assert.Matches("data-valmsg-for=\"Input.Teacher\"[^>]*>本届大赛要求填写指导教师", posted);
        form["Input.Teacher"] = "孙老师";
        form["Input.Stage"] = "";
        posted = await (await daying.PostAsync(page, new FormUrlEncodedContent(form))).Content.ReadAsStringAsync();
        Assert.Matches("data-valmsg-for=\"Input.Stage\"[^>]*>请选择作者所在学段", posted);
        Assert.Equal(3, (await (await daying.GetAsync(Entries())).OkJsonAsync())["total"]!.GetValue<int>());

        // The edit page keeps the rules ticked, and an authors' limit out of range is said next to its field.
        var editPage = $"/Talent/Contests/Edit/{contest}";
        var editHtml = await daying.GetStringAsync(editPage);
        Assert.Matches("name=\"Input.Stages\" value=\"Junior\" checked=\"checked\"", editHtml);
        var edit = new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.Year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.RegionCode"] = DaYing, ["Input.Categories"] = "科技创新成果、科幻绘画",
            ["Input.Rubric"] = "创新性30、科学性30、实用性20、表达20", ["Input.Stages"] = "Primary", ["Input.MaxStudents"] = "11", ["Input.OnePerStudent"] = "true",
            ["Version"] = kept["version"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture), ["__RequestVerificationToken"] = Security.LoginTestSupport.TokenOf(editHtml),
        };
        var refused = await (await daying.PostAsync(editPage, new FormUrlEncodedContent(edit))).Content.ReadAsStringAsync();
        Assert.Matches("data-valmsg-for=\"Input.MaxStudents\"[^>]*>每件作品作者人数上限应为1到10之间的整数", refused);
        edit["Input.MaxStudents"] = "3";
        Assert.Equal(HttpStatusCode.Redirect, (await daying.PostAsync(editPage, new FormUrlEncodedContent(edit))).StatusCode);
        Assert.Equal("限小学学生；每件作品作者最多3人；每名学生每个类别限报1件", (await (await daying.GetAsync($"/api/v1/contests/{contest}")).OkJsonAsync())["eligibility"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_holding_admin_moves_the_edition_to_review_and_works_are_then_refused()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var daying = await app.SignInAsync("daying");
        var contest = await (await daying.PostJsonAsync("/api/v1/contests", new { name = $"大英县科幻画比赛{token}", year = TestYears.Next(app.Provider), regionCode = DaYing, categories = new[] { "科幻绘画" } })).OkJsonAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("shehong")).PostJsonAsync($"/api/v1/contests/{Id(contest)}/status", new { status = "Reviewing" })).StatusCode);
        var moved = await (await daying.PostJsonAsync($"/api/v1/contests/{Id(contest)}/status", new { status = "Reviewing" })).OkJsonAsync();
        Assert.Equal("评审中", moved["statusName"]!.GetValue<string>());
        var school = await app.QueryAsync(db => db.Organizations.Where(o => o.RegionCode.StartsWith(DaYing) && o.Kind == OrganizationKind.School).Select(o => o.Id).FirstAsync());
        var refused = await daying.PostJsonAsync($"/api/v1/contests/{Id(contest)}/entries", new { schoolId = school, title = "迟到的作品", category = "科幻绘画", students = new[] { "赵同学" } });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("不再接受作品", await refused.Content.ReadAsStringAsync());
    }
}

public sealed class ContestSqliteTests(SqliteApp app) : ContestTests(app);

public sealed class ContestPostgresTests(PostgresApp app) : ContestTests(app);
