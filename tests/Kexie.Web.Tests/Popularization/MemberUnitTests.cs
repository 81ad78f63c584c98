using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Kexie.Web.Tests.Market;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Kexie.Web.Tests.Popularization;

/// <summary>
/// 全民科学素质纲要实施工作成员单位 through the real host: the county admin adds units (by name or linked to the directory), records
/// who left, and the year's count comes out "由N个增加到M个"; tasks and year-end assessments with evidence; Excel export and
/// import; the pages. Each test works in its own township of 大英县, so the demo's county list is not touched.
/// </summary>
public abstract class MemberUnitTests(KexieApp app)
{
    private const string DaYing = "510923";
    private const string SheHong = "510981";
    private const string Units = "/api/v1/science-literacy/member-units";

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    /// <summary>The directory's organization the link test uses (its township is left to that test).</summary>
    private Task<(Guid Id, string Name, string RegionCode)> LinkOrganizationAsync() => app.QueryAsync(async db =>
    {
        var o = await db.Organizations.Where(o => o.RegionCode.StartsWith(DaYing) && o.RegionCode.Length == 9 && o.IsVerified).OrderBy(o => o.Id).Select(o => new { o.Id, o.Name, o.RegionCode }).FirstAsync();
        return (o.Id, o.Name, o.RegionCode);
    });

    /// <summary>A township of 大英县 no other test of this class uses.</summary>
    private async Task<string> TownshipAsync(int index)
    {
        var linked = (await LinkOrganizationAsync()).RegionCode;
        return await app.QueryAsync(db => db.Regions.Where(r => r.ParentCode == DaYing && r.Code != linked).OrderBy(r => r.Code).Skip(index).Select(r => r.Code).FirstAsync());
    }

    /// <summary>
    /// A township of 射洪市 for the tests that assess units in 2020: 大英县's 2020 assessments are the demo's (S10's exact
    /// share, ScienceBoardDemoTests), so no test assesses there.
    /// </summary>
    private Task<string> SheHongTownshipAsync(int index) =>
        app.QueryAsync(db => db.Regions.Where(r => r.ParentCode == SheHong).OrderBy(r => r.Code).Skip(index).Select(r => r.Code).FirstAsync());

    private static async Task<JsonNode> Add(HttpClient client, string region, string name, string joinedOn, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["regionCode"] = region, ["name"] = name, ["joinedOn"] = joinedOn, ["contactName"] = "王科长", ["contactPhone"] = "13800000001" };
        return await (await client.PostJsonAsync(Units, body)).OkJsonAsync();
    }

    [Fact]
    public async Task The_demo_county_grows_from_24_to_30_units_in_2020_and_the_report_says_so()
    {
        var anonymous = app.Anonymous();
        var y2020 = await (await anonymous.GetAsync($"{Units}/year?region={DaYing}&year=2020")).OkJsonAsync();
        Assert.Equal((30, 24, 6), (y2020["count"]!.GetValue<int>(), y2020["previousCount"]!.GetValue<int>(), y2020["joined"]!.GetValue<int>()));
        Assert.Equal((60, 56), (y2020["tasksTotal"]!.GetValue<int>(), y2020["tasksDone"]!.GetValue<int>()));
        Assert.Equal((30, 27, 2, 1), (y2020["assessed"]!.GetValue<int>(), y2020["completed"]!.GetValue<int>(), y2020["mostlyCompleted"]!.GetValue<int>(), y2020["notCompleted"]!.GetValue<int>()));
        Assert.Equal("纲要实施成员单位由24个增加到30个", y2020["summary"]!.GetValue<string>());
        var names = y2020["units"]!.AsArray().Select(u => u!["unit"]!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("县教育局", names);
        Assert.Contains("县农业农村局", names);
        Assert.Contains("县卫生健康局", names);
        Assert.Equal("纲要实施成员单位24个", (await (await anonymous.GetAsync($"{Units}/year?region={DaYing}&year=2019")).OkJsonAsync())["summary"]!.GetValue<string>());

        // The popularization paragraph's sentence, and the placeholder a staff template may use (the validator knows it).
        await using var scope = app.Services.CreateAsyncScope();
        var report = scope.ServiceProvider.GetRequiredService<Kexie.Web.Features.Popularization.PopularizationReport>();
        var period = new Kexie.Domain.Indicators.DayRange(new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31));
        Assert.Contains("纲要实施成员单位由24个增加到30个，分解落实年度任务60项、已完成56项，年度考核完成27个、基本完成2个、未完成1个。",
            await report.SentencesAsync(DaYing, period, CancellationToken.None));
        var templates = scope.ServiceProvider.GetRequiredService<Kexie.Web.Features.Indicators.Report.ReportTemplateService>();
        var known = templates.Placeholders.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("纲要实施成员单位", known);
        Assert.Single(Kexie.Web.Features.Indicators.Report.ReportTemplate.Parse("# 服务全民科学素质提升\n{期间}，纲要实施成员单位{纲要实施成员单位}。", known));
        var values = new List<Kexie.Web.Features.Indicators.Report.ReportValue>();
        foreach (var source in scope.ServiceProvider.GetServices<Kexie.Web.Features.Indicators.Report.IReportStatisticSource>())
        {
            values.AddRange(await source.ValuesAsync(new Kexie.Web.Features.Indicators.Report.ReportScope(DaYing, "大英县", period.First, period.Last), CancellationToken.None));
        }

        var count = Assert.Single(values, v => v.Name == "纲要实施成员单位");
        Assert.Equal("由24个增加到30个", count.Text);
        Assert.True(count.HasData);

        // The literacy page of the county tells the year's units.
        var page = await anonymous.GetStringAsync($"/Popularization/Literacy?region={DaYing}&year=2020");
        Assert.Contains("由 24 个到 30 个", page);
        Assert.Contains("年度任务完成 56 / 60 项", page);
    }

    [Fact]
    public async Task The_admin_keeps_the_list_and_the_year_counts_the_units_at_its_end()
    {
        var town = await TownshipAsync(1);
        var daying = await app.SignInAsync("daying");
        foreach (var name in new[] { "镇教育办", "镇农业服务中心", "镇卫生院" })
        {
            await Add(daying, town, name, "2019-03-01");
        }

        var school = await Add(daying, town, "镇中心小学", "2020-04-01");
        await Add(daying, town, "镇文化站", "2020-05-01");
        var leaving = await Add(daying, town, "镇供销社", "2019-01-15");
        var left = await (await daying.PostJsonAsync($"{Units}/{Id(leaving)}/leave", new { leftOn = "2020-06-30" })).OkJsonAsync();
        Assert.Equal("2020-06-30", left["leftOn"]!.GetValue<string>());
        Assert.False(left["isMember"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Conflict, (await daying.PostJsonAsync($"{Units}/{Id(leaving)}/leave", new { leftOn = "2020-07-30" })).StatusCode);

        var y2019 = await (await app.Anonymous().GetAsync($"{Units}/year?region={town}&year=2019")).OkJsonAsync();
        Assert.Equal(4, y2019["count"]!.GetValue<int>());
        var y2020 = await (await app.Anonymous().GetAsync($"{Units}/year?region={town}&year=2020")).OkJsonAsync();
        Assert.Equal((5, 4, 2, 1), (y2020["count"]!.GetValue<int>(), y2020["previousCount"]!.GetValue<int>(), y2020["joined"]!.GetValue<int>(), y2020["left"]!.GetValue<int>()));
        Assert.Equal("纲要实施成员单位由4个增加到5个", y2020["summary"]!.GetValue<string>());
        // Every unit that was a member on some day of 2020 has a row, the one that left included.
        Assert.Equal(6, y2020["units"]!.AsArray().Count);

        // The public list names the units without their contacts; the admin sees them.
        var open = (await (await app.Anonymous().GetAsync($"{Units}?region={town}")).OkJsonAsync()).AsArray();
        Assert.Equal(5, open.Count);
        Assert.All(open, u => Assert.Null(u!["contactPhone"]));
        Assert.All(open, u => Assert.Empty(u!["actions"]!.AsArray()));
        var mine = (await (await daying.GetAsync($"{Units}?region={town}&all=true")).OkJsonAsync()).AsArray();
        Assert.Equal(6, mine.Count);
        Assert.All(mine, u => Assert.Equal("13800000001", u!["contactPhone"]!.GetValue<string>()));

        // Edits keep the region; a bad field is named.
        var edited = await (await daying.PutJsonAsync($"{Units}/{Id(school)}", new { name = "镇中心小学（科技教育）", joinedOn = "2020-04-01", contactName = "李老师" })).OkJsonAsync();
        Assert.Equal("镇中心小学（科技教育）", edited["name"]!.GetValue<string>());
        Assert.Equal(town, edited["regionCode"]!.GetValue<string>());
        await (await daying.PutJsonAsync($"{Units}/{Id(school)}", new { name = "镇中心小学", joinedOn = "2020-04-01", contactPhone = "12345" })).AssertValidationProblemAsync("contactPhone");
        await (await daying.PostJsonAsync(Units, new { regionCode = town, name = "镇司法所" })).AssertValidationProblemAsync("joinedOn");
        await (await daying.PostJsonAsync(Units, new { regionCode = town, name = "镇教育办", joinedOn = "2021-01-01" })).AssertValidationProblemAsync("name");
        await (await daying.PostJsonAsync($"{Units}/{Id(school)}/leave", new { leftOn = "2019-01-01" })).AssertValidationProblemAsync("leftOn");

    }

    [Fact]
    public async Task A_unit_linked_to_the_directory_takes_its_name_and_must_lie_in_its_region()
    {
        var town = await TownshipAsync(6);
        var daying = await app.SignInAsync("daying");
        var org = await LinkOrganizationAsync();
        var linked = await (await daying.PostJsonAsync(Units, new { regionCode = org.RegionCode, organizationId = org.Id, joinedOn = "2020-01-01" })).OkJsonAsync();
        Assert.Equal(org.Name, linked["name"]!.GetValue<string>());
        Assert.Equal(org.Id.ToString(), linked["organizationId"]!.GetValue<string>());
        await (await daying.PostJsonAsync(Units, new { regionCode = town, organizationId = org.Id, joinedOn = "2020-01-01" })).AssertValidationProblemAsync("organizationId");
        var other = await app.QueryAsync(db => db.Organizations.Where(o => o.RegionCode.StartsWith("510981") && o.IsVerified).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());
        await (await daying.PostJsonAsync(Units, new { regionCode = town, organizationId = other, joinedOn = "2020-01-01" })).AssertValidationProblemAsync("organizationId");
        var unknown = await (await daying.PostJsonAsync(Units, new { regionCode = town, organizationId = Guid.NewGuid(), joinedOn = "2020-01-01" })).AssertValidationProblemAsync("organizationId");
        Assert.Contains("所选单位不存在", unknown);
        Assert.Equal(0, await app.QueryAsync(db => db.LiteracyMemberUnits.CountAsync(u => u.RegionCode == town)));

        // The page offers the organizations of the region the admin can see.
        var page = await daying.GetStringAsync($"/Popularization/Literacy/MemberUnits?region={org.RegionCode}&year=2020");
        Assert.Contains($"<option value=\"{org.Id}\">", page);
    }

    [Fact]
    public async Task Only_the_county_admin_writes_and_others_change_nothing()
    {
        var town = await TownshipAsync(2);
        var daying = await app.SignInAsync("daying");
        var unit = await Add(daying, town, "镇科协", "2018-01-01");
        var body = new { regionCode = town, name = "冒名单位", joinedOn = "2020-01-01" };
        // The permission is the admins' by default: the county's own staff may not.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("daying-staff")).PostJsonAsync(Units, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("shehong")).PostJsonAsync(Units, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("shehong")).PostJsonAsync($"{Units}/{Id(unit)}/leave", new { leftOn = "2020-01-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("worker")).PostJsonAsync(Units, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostJsonAsync(Units, body)).StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.LiteracyMemberUnits.CountAsync(u => u.RegionCode == town)));
        Assert.Null(await app.QueryAsync(db => db.LiteracyMemberUnits.Where(u => u.RegionCode == town).Select(u => u.LeftOn).SingleAsync()));
    }

    [Fact]
    public async Task Tasks_and_the_year_end_assessment_with_its_evidence()
    {
        var town = await SheHongTownshipAsync(0);
        var admin = await app.SignInAsync("shehong");
        var unit = await Add(admin, town, "镇农业服务中心", "2019-01-01");
        var url = $"{Units}/{Id(unit)}";
        var t1 = await (await admin.PostJsonAsync($"{url}/tasks", new { year = 2020, text = "开展农村实用技术培训", dueOn = "2020-11-30", target = "培训10场次" })).OkJsonAsync();
        await (await admin.PostJsonAsync($"{url}/tasks", new { year = 2020, text = "组织全国科普日活动" })).OkJsonAsync();
        await (await admin.PostJsonAsync($"{url}/tasks", new { year = 2018, text = "加入前的任务" })).AssertValidationProblemAsync("year");
        await (await admin.PostJsonAsync($"{url}/tasks", new { year = 2020, text = "" })).AssertValidationProblemAsync("text");
        var done = await (await admin.PostJsonAsync($"{url}/tasks/{Id(t1)}/done", new { completedOn = "2020-11-20" })).OkJsonAsync();
        Assert.True(done["done"]!.GetValue<bool>());

        await (await admin.PostJsonAsync($"{url}/assessments", new { year = 2020, result = "优秀" })).AssertValidationProblemAsync("result");
        await (await admin.PostJsonAsync($"{url}/assessments", new { year = 2020, result = "完成", score = 120 })).AssertValidationProblemAsync("score");
        await (await admin.PostJsonAsync($"{url}/assessments", new { year = 2099, result = "完成" })).AssertValidationProblemAsync("year");
        var assessed = await (await admin.PostJsonAsync($"{url}/assessments", new { year = 2020, result = "基本完成", score = 82, note = "科普日活动未按期举办" })).OkJsonAsync();
        Assert.Equal("基本完成", assessed["resultName"]!.GetValue<string>());
        var corrected = await (await admin.PostJsonAsync($"{url}/assessments", new { year = 2020, result = "Completed", score = 95 })).OkJsonAsync();
        Assert.Equal(Id(assessed), Id(corrected));
        Assert.Equal("完成", corrected["resultName"]!.GetValue<string>());

        var evidenceUrl = $"{url}/assessments/{Id(assessed)}/evidence";
        var uploaded = await (await MarketFiles.UploadAsync(admin, evidenceUrl, MarketFiles.Pdf, "2020年度考核表.pdf")).OkJsonAsync();
        Assert.Equal("2020年度考核表.pdf", uploaded["evidenceFileName"]!.GetValue<string>());
        var download = await admin.GetAsync(evidenceUrl);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(MarketFiles.Pdf, await download.Content.ReadAsByteArrayAsync());
        var refused = await (await app.SignInAsync("daying")).GetAsync(evidenceUrl);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("考核表", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync(evidenceUrl)).StatusCode);
        await (await MarketFiles.UploadAsync(admin, evidenceUrl, Encoding.ASCII.GetBytes("MZ not a pdf"), "x.exe", "application/octet-stream")).AssertValidationProblemAsync("file");

        var year = await (await app.Anonymous().GetAsync($"{Units}/year?region={town}&year=2020")).OkJsonAsync();
        Assert.Equal((2, 1, 1, 1), (year["tasksTotal"]!.GetValue<int>(), year["tasksDone"]!.GetValue<int>(), year["assessed"]!.GetValue<int>(), year["completed"]!.GetValue<int>()));
        var details = await (await app.Anonymous().GetAsync(url)).OkJsonAsync();
        Assert.Equal(2, details["tasks"]!.AsArray().Count);
        Assert.Equal(95, details["assessments"]!.AsArray().Single()!["score"]!.GetValue<int>());

        // The literacy page shows the year's units, tasks and assessments; the unit's page its tasks and the evidence link for the admin.
        var literacy = await app.Anonymous().GetStringAsync($"/Popularization/Literacy?region={town}&year=2020");
        Assert.Contains("年度任务完成 1 / 2 项", literacy);
        Assert.Contains("已考核 1 个单位", literacy);
        var page = await admin.GetStringAsync($"/Popularization/Literacy/MemberUnit/{Id(unit)}?year=2020");
        Assert.Contains("开展农村实用技术培训", page);
        Assert.Contains("2020年度考核表.pdf", page);
        Assert.DoesNotContain("2020年度考核表.pdf", await app.Anonymous().GetStringAsync($"/Popularization/Literacy/MemberUnit/{Id(unit)}"));
    }

    [Fact]
    public async Task The_list_is_exported_and_imported_back_without_duplicates()
    {
        var town = await TownshipAsync(4);
        var daying = await app.SignInAsync("daying");
        await Add(daying, town, "镇妇联", "2019-02-01");
        var export = await daying.GetAsync($"{Units}/export.xlsx?region={town}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using (var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync()))
        {
            var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal("镇妇联", rows.Single()["单位名称"]);
            Assert.Equal("13800000001", rows.Single()["联系电话"]);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("worker")).GetAsync($"{Units}/export.xlsx?region={town}")).StatusCode);

        var csv = "单位名称,行政区划代码,加入日期,退出日期,联系人,联系电话\n"
            + $"镇妇联,{town},2019-02-01,,赵主席,13800000002\n"
            + $"镇团委,{town},2020/3/1,,,\n"
            + $"镇残联,{town},2016年5月1日,2020-12-31,,\n"
            + $"射洪单位,510981,2020-01-01,,,\n"
            + $"坏日期,{town},去年,,,\n";
        async Task<JsonNode> Import(bool dryRun)
        {
            using var content = new MultipartFormDataContent();
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, "file", "units.csv");
            return await (await daying.PostAsync($"/api/v1/imports/member-units?dryRun={dryRun.ToString().ToLowerInvariant()}", content)).OkJsonAsync();
        }

        var first = await Import(dryRun: false);
        Assert.Equal((2, 1), (first["created"]!.GetValue<int>(), first["updated"]!.GetValue<int>()));
        var errors = first["errors"]!.AsArray().Select(e => (e!["row"]!.GetValue<int>(), e["column"]!.GetValue<string>())).ToList();
        Assert.Equal([(5, "行政区划代码"), (6, "加入日期")], errors);
        var again = await Import(dryRun: false);
        Assert.Equal((0, 0, 3), (again["created"]!.GetValue<int>(), again["updated"]!.GetValue<int>(), again["unchanged"]!.GetValue<int>()));
        var units = await app.QueryAsync(db => db.LiteracyMemberUnits.Where(u => u.RegionCode == town).OrderBy(u => u.Name).ToListAsync());
        Assert.Equal(3, units.Count);
        Assert.Equal("赵主席", units.Single(u => u.Name == "镇妇联").ContactName);
        Assert.Equal(new DateOnly(2020, 12, 31), units.Single(u => u.Name == "镇残联").LeftOn);
        Assert.Equal(new DateOnly(2020, 3, 1), units.Single(u => u.Name == "镇团委").JoinedOn);

        var template = await daying.GetByteArrayAsync("/api/v1/imports/member-units/template.xlsx");
        using var t = new MemoryStream(template);
        Assert.Equal(["单位名称", "行政区划代码", "加入日期", "退出日期", "联系人", "联系电话", "备注"], t.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().First().Keys);
    }

    [Fact]
    public async Task The_page_adds_a_unit_and_shows_a_bad_field_next_to_it()
    {
        var town = await TownshipAsync(5);
        var daying = await app.SignInAsync("daying");
        var url = $"/Popularization/Literacy/MemberUnits?region={town}&year=2020";
        var page = await daying.GetStringAsync(url);
        Assert.Contains("id=\"unit-form\"", page);
        Assert.DoesNotContain("id=\"unit-form\"", await (await app.SignInAsync("daying-staff")).GetStringAsync(url));
        Assert.DoesNotContain("id=\"unit-form\"", await app.Anonymous().GetStringAsync(url));

        var bad = await daying.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Security.LoginTestSupport.TokenOf(page),
            ["Input.Name"] = "镇水利站",
            ["Input.JoinedOn"] = "2020-02-01",
            ["Input.ContactPhone"] = "123",
        }));
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Matches("data-valmsg-for=\"Input.ContactPhone\"[^>]*>[^<]*联系电话“123”格式不正确", html);

        var good = await daying.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Security.LoginTestSupport.TokenOf(page),
            ["Input.Name"] = "镇水利站",
            ["Input.JoinedOn"] = "2020-02-01",
        }));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var after = await daying.GetStringAsync(url);
        Assert.Contains("镇水利站", after);
        Assert.Contains("id=\"member-count\">1<", after);

        var staff = await app.SignInAsync("daying-staff");
        var forged = await staff.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Security.LoginTestSupport.TokenOf(await staff.GetStringAsync(url)),
            ["Input.Name"] = "冒名",
            ["Input.JoinedOn"] = "2020-02-01",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }

    [Fact]
    public async Task The_task_assessment_and_leave_forms_show_a_bad_field_next_to_it()
    {
        var town = await SheHongTownshipAsync(1);
        var admin = await app.SignInAsync("shehong");
        var unit = await Add(admin, town, "镇气象站", "2020-01-01");
        var url = $"/Popularization/Literacy/MemberUnit/{Id(unit)}?year=2020";
        var page = await admin.GetStringAsync(url);
        Assert.Contains("name=\"TaskForm.Year\"", page);

        async Task<string> Post(string handler, Dictionary<string, string> form)
        {
            form["__RequestVerificationToken"] = Security.LoginTestSupport.TokenOf(page);
            var response = await admin.PostAsync($"{url}&handler={handler}", new FormUrlEncodedContent(form));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        var task = await Post("Task", new() { ["TaskForm.Year"] = "2020", ["TaskForm.Text"] = "组织科普日活动", ["TaskForm.DueOn"] = "2025-01-01" });
        Assert.Matches("data-valmsg-for=\"TaskForm.DueOn\"[^>]*>[^<]*完成期限应在2020年或次年", task);
        Assert.Contains("value=\"组织科普日活动\"", task);
        var year = await Post("Task", new() { ["TaskForm.Year"] = "二〇二〇", ["TaskForm.Text"] = "组织科普日活动" });
        Assert.Matches("data-valmsg-for=\"TaskForm.Year\"[^>]*>[^<]*年份“二〇二〇”不是有效的数字", year);

        var assess = await Post("Assess", new() { ["AssessForm.Year"] = "2020", ["AssessForm.Result"] = "完成", ["AssessForm.Score"] = "150" });
        Assert.Matches("data-valmsg-for=\"AssessForm.Score\"[^>]*>[^<]*考核得分应在0至100之间", assess);
        Assert.DoesNotMatch("data-valmsg-for=\"TaskForm.Year\"[^>]*>[^<]+<", assess);

        var leave = await Post("Leave", new() { ["LeaveForm.LeftOn"] = "2019-06-01" });
        Assert.Matches("data-valmsg-for=\"LeaveForm.LeftOn\"[^>]*>[^<]*退出日期不能早于加入日期", leave);

        // Nothing was written; a good assessment still goes through the same form.
        var good = await admin.PostAsync($"{url}&handler=Assess", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Security.LoginTestSupport.TokenOf(page),
            ["AssessForm.Year"] = "2020",
            ["AssessForm.Result"] = "基本完成",
            ["AssessForm.Score"] = "85",
        }));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var details = await (await admin.GetAsync($"{Units}/{Id(unit)}")).OkJsonAsync();
        Assert.Empty(details["tasks"]!.AsArray());
        Assert.Equal("基本完成", details["assessments"]!.AsArray().Single()!["resultName"]!.GetValue<string>());
    }
}

public sealed class MemberUnitSqliteTests(SqliteApp app) : MemberUnitTests(app);

public sealed class MemberUnitPostgresTests(PostgresApp app) : MemberUnitTests(app);
