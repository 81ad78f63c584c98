using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Indicators;

/// <summary>
/// The stored report template (a region's wording, validated, versioned, used by its report) and the five-year history,
/// through the real host. Fixtures in Hubei: 曾都区 421303 and 随县 421321 for templates, 广水市 421381 for the history,
/// 十堰市 4203 and its counties for a city's template used by its counties.
/// </summary>
public abstract class ReportTemplateTests(KexieApp app)
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private async Task<HttpClient> StaffOfAsync(string region, UserRole role = UserRole.ServiceCenterStaff)
    {
        var admin = await app.SignInAsync("admin");
        var userName = $"tpl-{region}-{Guid.NewGuid():N}"[..30];
        await (await admin.PostJsonAsync("/api/v1/users", new { userName, displayName = $"{region}工作人员", password = "Kexie@2026x", role = role.ToString(), regionCode = region })).OkJsonAsync();
        return await app.SignInAsync(userName, "Kexie@2026x");
    }

    private Task AddWorkersAsync(string region, params DateTimeOffset[] createdAt) => app.QueryAsync(async db =>
    {
        foreach (var at in createdAt)
        {
            var worker = ScienceWorker.Create(
                new ScienceWorkerData("模板测试", Gender.Male, 1980, "测试单位", "工程师", [], "大学本科", null, KexieApp.NewPhone(), region, false), _ => true);
            worker.CreatedAt = at.ToUniversalTime();
            db.Add(worker);
        }

        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Staff_word_their_report_every_placeholder_is_checked_and_versions_are_kept()
    {
        await AddWorkersAsync("421303", new DateTimeOffset(2025, 4, 1, 9, 0, 0, Cst));
        var staff = await StaffOfAsync("421303");

        var initial = await (await staff.GetAsync("/api/v1/indicators/report-template?region=421303")).OkJsonAsync();
        Assert.True(initial["isDefault"]!.GetValue<bool>());
        Assert.Equal(0, initial["version"]!.GetValue<int>());
        Assert.Contains(initial["placeholders"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "累计注册科技工作者");
        Assert.Contains(initial["paragraphs"]!.AsArray(), p => p!["part"]!.GetValue<string>() == "服务科技工作者");

        // An unknown placeholder is refused, named, in Chinese; nothing is saved.
        var wrong = await staff.PutJsonAsync("/api/v1/indicators/report-template?region=421303", new { text = "# 服务科技工作者\n{截至}，注册{注册人数}。" });
        Assert.Contains("服务科技工作者第1段）：占位符“{注册人数}”不存在", await wrong.AssertValidationProblemAsync("text"));
        await (await staff.PutJsonAsync("/api/v1/indicators/report-template?region=421303", new { text = "# 科技工作\n{截至}" })).AssertValidationProblemAsync("text");

        var first = await (await staff.PutJsonAsync("/api/v1/indicators/report-template?region=421303", new { text = "# 服务科技工作者\n{截至}，{全域}共有科技工作者{累计注册科技工作者}（初稿）。", note = "初稿" })).OkJsonAsync();
        Assert.Equal((1, false), (first["version"]!.GetValue<int>(), first["isDefault"]!.GetValue<bool>()));
        var second = await (await staff.PutJsonAsync("/api/v1/indicators/report-template?region=421303", new { text = "# 服务科技工作者\n{截至}，{全域}共有科技工作者{累计注册科技工作者}，本区模板。\n# 自身建设\n{截至}，{全域}登记学会、协会{学会协会}。" })).OkJsonAsync();
        Assert.Equal(2, second["version"]!.GetValue<int>());
        Assert.Equal([2, 1], second["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<int>()));
        Assert.Equal("初稿", second["versions"]![1]!["note"]!.GetValue<string>());

        // The report uses the region's newest version; its statistics from the records.
        var report = await staff.GetAsync("/api/v1/indicators/reports/annual?region=421303&year=2025");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        using (var docx = WordprocessingDocument.Open(new MemoryStream(await report.Content.ReadAsByteArrayAsync()), false))
        {
            var text = string.Join("\n", docx.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
            Assert.Contains("一、服务科技工作者\n截至2025年12月31日，全区共有科技工作者1人，本区模板。", text);
            Assert.DoesNotContain("初稿", text);
            Assert.DoesNotContain("服务创新驱动发展", text); // not in this template
            Assert.DoesNotContain("自身建设", text); // in the template, but no societies: left out
        }

        // Another county still has the default; staff of another county neither read nor write this one's.
        Assert.True((await (await staff.GetAsync("/api/v1/indicators/report-template?region=421303")).OkJsonAsync())["versions"]!.AsArray().Count == 2);
        var neighbour = await StaffOfAsync("421321");
        Assert.True((await (await neighbour.GetAsync("/api/v1/indicators/report-template?region=421321")).OkJsonAsync())["isDefault"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Forbidden, (await neighbour.GetAsync("/api/v1/indicators/report-template?region=421303")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await neighbour.PutJsonAsync("/api/v1/indicators/report-template?region=421303", new { text = "# 自身建设\n{截至}" })).StatusCode);
        Assert.Equal(2, (await (await staff.GetAsync("/api/v1/indicators/report-template?region=421303")).OkJsonAsync())["version"]!.GetValue<int>());

        // The page: paragraph by paragraph; a wrong placeholder is shown in Chinese, a good edit is the next version.
        var page = await staff.GetStringAsync("/Indicators/ReportTemplate?region=421303");
        Assert.Contains("曾都区年度报告模板", page);
        Assert.Contains("第2版", page);
        Assert.Contains("{累计注册科技工作者}", page);
        async Task<HttpResponseMessage> PostAsync(string paragraph) => await staff.PostAsync("/Indicators/ReportTemplate?region=421303", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = LoginTestSupport.TokenOf(page),
            ["Region"] = "421303",
            ["Paragraphs[0].Part"] = "服务科技工作者",
            ["Paragraphs[0].Text"] = paragraph,
            ["Paragraphs[1].Part"] = "自身建设",
            ["Paragraphs[1].Text"] = string.Empty,
            ["Note"] = "页面修改",
        }));
        var refused = await (await PostAsync("{截至}，{全域}共有{科技工作者人数}。")).Content.ReadAsStringAsync();
        Assert.Contains("占位符“{科技工作者人数}”不存在", refused);
        await PostAsync("{截至}，{全域}共有科技工作者{累计注册科技工作者}，页面修改。");
        var third = await (await staff.GetAsync("/api/v1/indicators/report-template?region=421303")).OkJsonAsync();
        Assert.Equal(3, third["version"]!.GetValue<int>());
        Assert.Equal("# 服务科技工作者\n{截至}，{全域}共有科技工作者{累计注册科技工作者}，页面修改。", third["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_county_without_a_template_uses_its_citys_and_the_page_says_so()
    {
        // 十堰市 4203 and its first two counties: no other test writes there, so the county has exactly the worker added here.
        var (cityName, counties) = await app.QueryAsync(async db => (
            await db.Regions.Where(r => r.Code == "4203").Select(r => r.Name).SingleAsync(),
            await db.Regions.Where(r => r.ParentCode == "4203").OrderBy(r => r.Code).Select(r => r.Code).Take(2).ToListAsync()));
        var (county, sibling) = (counties[0], counties[1]);
        await AddWorkersAsync(county, new DateTimeOffset(2025, 4, 1, 9, 0, 0, Cst));
        var cityStaff = await StaffOfAsync("4203");
        await (await cityStaff.PutJsonAsync("/api/v1/indicators/report-template?region=4203", new { text = "# 服务科技工作者\n{截至}，{全域}共有科技工作者{累计注册科技工作者}，市级模板。" })).OkJsonAsync();

        // The county has no version of its own: the city's is in use, said so, and its report is worded by it.
        var countyStaff = await StaffOfAsync(county);
        var inherited = await (await countyStaff.GetAsync($"/api/v1/indicators/report-template?region={county}")).OkJsonAsync();
        Assert.Equal((0, false, "4203", cityName), (inherited["version"]!.GetValue<int>(), inherited["isDefault"]!.GetValue<bool>(), inherited["inheritedFromCode"]!.GetValue<string>(), inherited["inheritedFromName"]!.GetValue<string>()));
        Assert.Contains("市级模板", inherited["text"]!.GetValue<string>());
        Assert.Empty(inherited["versions"]!.AsArray());
        Assert.Contains($"正在使用<strong>{cityName}的模板</strong>（第1版）", await countyStaff.GetStringAsync($"/Indicators/ReportTemplate?region={county}"));
        string ReportText(byte[] bytes)
        {
            using var docx = WordprocessingDocument.Open(new MemoryStream(bytes), false);
            return docx.MainDocumentPart!.Document!.Body!.InnerText;
        }

        Assert.Contains("共有科技工作者1人，市级模板。", ReportText(await countyStaff.GetByteArrayAsync($"/api/v1/indicators/reports/annual?region={county}&year=2025")));

        // Once the county saves its own, its report uses it; the sibling county still uses the city's.
        await (await countyStaff.PutJsonAsync($"/api/v1/indicators/report-template?region={county}", new { text = "# 服务科技工作者\n{截至}，{全域}共有科技工作者{累计注册科技工作者}，县级模板。" })).OkJsonAsync();
        var own = await (await countyStaff.GetAsync($"/api/v1/indicators/report-template?region={county}")).OkJsonAsync();
        Assert.Equal(1, own["version"]!.GetValue<int>());
        Assert.Null(own["inheritedFromName"]?.GetValue<string>());
        var countyReport = ReportText(await countyStaff.GetByteArrayAsync($"/api/v1/indicators/reports/annual?region={county}&year=2025"));
        Assert.Contains("县级模板", countyReport);
        Assert.DoesNotContain("市级模板", countyReport);
        await AddWorkersAsync(sibling, new DateTimeOffset(2025, 4, 1, 9, 0, 0, Cst));
        Assert.Contains("市级模板", ReportText(await cityStaff.GetByteArrayAsync($"/api/v1/indicators/reports/annual?region={sibling}&year=2025")));
    }

    [Fact]
    public async Task The_history_sets_five_years_side_by_side_and_exports_them()
    {
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Cst).DateTime);
        var first = today.Year - 4;
        await AddWorkersAsync(
            "421381",
            new DateTimeOffset(first - 2, 6, 1, 9, 0, 0, Cst),
            new DateTimeOffset(first, 6, 1, 9, 0, 0, Cst),
            new DateTimeOffset(first + 2, 3, 1, 9, 0, 0, Cst),
            new DateTimeOffset(first + 2, 12, 31, 23, 0, 0, Cst));
        var staff = await StaffOfAsync("421381");

        var history = await (await staff.GetAsync("/api/v1/indicators/history?region=421381")).OkJsonAsync();
        var years = history["years"]!.AsArray().Select(y => y!["year"]!.GetValue<int>()).ToList();
        Assert.Equal(Enumerable.Range(first, 5), years);
        decimal?[] Row(string code) => history["rows"]!.AsArray().First(r => r!["code"]!.GetValue<string>() == code)!["values"]!.AsArray().Select(v => v?.GetValue<decimal?>()).ToArray();
        Assert.Equal([2m, 2m, 4m, 4m, 4m], Row("W01"));
        Assert.Equal([1m, 0m, 2m, 0m, 0m], Row("W02"));
        Assert.Contains(history["rows"]!.AsArray(), r => r!["code"]!.GetValue<string>() == "R04"); // the record-counted statistics too
        Assert.Equal(today is { Month: 12, Day: 31 } ? $"{today.Year}年" : $"{today.Year}年（截至{today.Month}月{today.Day}日）", history["years"]![4]!["label"]!.GetValue<string>()); // never a day to come

        var export = await staff.GetAsync("/api/v1/indicators/history/export.xlsx?region=421381");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var rows = MiniExcelLibs.MiniExcel.Query(await export.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var w01 = rows.First(r => Equals(r["代码"], "W01"));
        Assert.Equal((2m, 4m), (Convert.ToDecimal(w01[$"{first}年"]), Convert.ToDecimal(w01[$"{first + 2}年"])));
        Assert.Equal("人", w01["单位"]);

        var page = await staff.GetStringAsync("/Indicators/History?region=421381");
        Assert.Contains("广水市近5年主要统计", page);
        Assert.Contains("累计注册科技工作者", page);
        // A country-wide account without a region of its own gets the first region it may pick, not an error.
        var admin = await app.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Indicators/History")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Indicators/ReportTemplate")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await StaffOfAsync("421303")).GetAsync("/api/v1/indicators/history?region=421381")).StatusCode);
        await (await staff.GetAsync("/api/v1/indicators/history?region=421381&years=50")).AssertValidationProblemAsync("years");
    }
}

public sealed class ReportTemplateSqliteTests(SqliteApp app) : ReportTemplateTests(app);

public sealed class ReportTemplatePostgresTests(PostgresApp app) : ReportTemplateTests(app);
