using System.Net;
using System.Text.Json.Nodes;
using Kexie.Web.Tests.Security;

namespace Kexie.Web.Tests.Talent;

/// <summary>
/// 产学研合作协议 and 学会活动 are corrected and deleted by the people who may record them (the project's or society's region), through
/// the API and the pages, and the region's counts follow. The 产学研合作项目 page lists its agreements and records one with the
/// parties typed by name (resolved through what the caller may see), the error next to the field. In 蓬溪县 (510921) under
/// 遂宁市's admin, where no other test writes, in years no other test uses (2005, 2006; 2007 for the stale-copy test: agreements count
/// up to a year's end, so its records stay out of the others' years).
/// </summary>
public abstract class TalentRecordEditTests(KexieApp app)
{
    private const string Region = "510921";

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static async Task<int> AgreementsAsync(HttpClient client, int year)
    {
        var stats = await (await client.GetAsync($"/api/v1/workstations/statistics?region={Region}&year={year}")).OkJsonAsync();
        return stats["byKind"]!.AsArray().Single(k => k!["kind"]!.GetValue<string>() == "CooperationProject")!["agreements"]!.GetValue<int>();
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        fields["__RequestVerificationToken"] = LoginTestSupport.TokenOf(html);
        var path = page.Split('?')[0];
        return await client.PostAsync($"{path}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task A_cooperation_projects_page_records_its_agreements_and_they_are_corrected_and_deleted_with_the_counts_following()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var city = await app.SignInAsync("suining");
        var shehong = await app.SignInAsync("shehong");
        var enterprise = $"蓬溪县合作企业{token}";
        var enterpriseId = Id(await (await city.PostJsonAsync("/api/v1/organizations", new { name = enterprise, kind = "Enterprise", creditCode = AccessScopeTests.NewCreditCode(Region), industryCode = "2614", regionCode = Region })).OkJsonAsync());
        var expert = $"合作专家{token}";
        await (await city.PostJsonAsync("/api/v1/workers", new { name = expert, gender = "Male", birthYear = 1975, employer = "蓬溪县农业农村局", title = "高级", phone = KexieApp.NewPhone(), regionCode = Region })).OkJsonAsync();
        var project = Id(await (await city.PostJsonAsync("/api/v1/workstations", new { name = $"青花椒深加工产学研合作项目{token}", kind = "CooperationProject", level = "County", hostOrganizationId = enterpriseId, foundedOn = "2005-01-10" })).OkJsonAsync());
        var page = $"/Talent/Stations/Edit/{project}";

        // The page lists the agreements (none yet) and records one: an unknown party is named next to its field, nothing is saved.
        Assert.Contains("尚未登记合作协议", await city.GetStringAsync(page));
        var form = new Dictionary<string, string>
        {
            ["Agreement.Organizations"] = $"不存在的公司{token}", ["Agreement.Experts"] = expert, ["Agreement.SignedOn"] = "2005-03-01",
            ["Agreement.Subject"] = $"青花椒精油提取技术合作{token}", ["Agreement.Amount"] = "18.5",
        };
        var wrong = await PostFormAsync(city, page, "Agreement", new(form));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        Assert.Matches($"data-valmsg-for=\"Agreement.Organizations\"[^>]*>未找到单位“不存在的公司{token}”", wrongHtml);
        var amountWrong = await PostFormAsync(city, page, "Agreement", new(form) { ["Agreement.Organizations"] = enterprise, ["Agreement.Amount"] = "十八万" });
        Assert.Matches("data-valmsg-for=\"Agreement.Amount\"[^>]*>合同金额请填写数字", await amountWrong.Content.ReadAsStringAsync());
        Assert.Equal(0, await AgreementsAsync(city, 2005));

        var saved = await PostFormAsync(city, page, "Agreement", new(form) { ["Agreement.Organizations"] = enterprise });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var listed = (await (await city.GetAsync($"/api/v1/workstations/{project}")).OkJsonAsync())["agreementList"]!.AsArray();
        var agreement = Assert.Single(listed)!;
        Assert.Equal(enterprise, agreement["organizationNames"]!.GetValue<string>());
        Assert.Equal([expert], agreement["expertNames"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(18.5m, agreement["amountWan"]!.GetValue<decimal>());
        Assert.Equal(1, await AgreementsAsync(city, 2005));
        var html = await city.GetStringAsync(page);
        Assert.Contains($"青花椒精油提取技术合作{token}", html);
        Assert.Contains("18.5万元", html);

        // Corrected through the page: the form is filled with the agreement's parties by name.
        var agreementId = Id(agreement);
        var editing = await city.GetStringAsync($"{page}?agreement={agreementId}");
        Assert.Contains($"value=\"{enterprise}\"", editing);
        var amended = await PostFormAsync(city, $"{page}?agreement={agreementId}", "Agreement", new(form)
        {
            ["Agreement.Id"] = agreementId, ["Agreement.Organizations"] = enterprise, ["Agreement.SignedOn"] = "2006-02-01", ["Agreement.Amount"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, amended.StatusCode);
        Assert.Equal(0, await AgreementsAsync(city, 2005));
        Assert.Equal(1, await AgreementsAsync(city, 2006));

        // Through the API: another county finds nothing; the city corrects and deletes, and the count follows.
        var url = $"/api/v1/workstations/{project}/agreements/{agreementId}";
        var body = new { subject = $"青花椒精油提取技术合作（二期）{token}", signedOn = "2006-03-01", organizationIds = new[] { enterpriseId }, institution = "西南科技大学", amountWan = 20m };
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.PutJsonAsync(url, body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.DeleteAsync(url)).StatusCode);
        await (await city.PutJsonAsync(url, body with { organizationIds = Array.Empty<string>() })).AssertValidationProblemAsync("organizationIds");
        var put = await (await city.PutJsonAsync(url, body)).OkJsonAsync();
        Assert.Equal("西南科技大学", put["institution"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await city.DeleteAsync(url)).StatusCode);
        Assert.Equal(0, await AgreementsAsync(city, 2006));
        Assert.Equal(HttpStatusCode.NotFound, (await city.DeleteAsync(url)).StatusCode);
    }

    private static async Task<HttpResponseMessage> PutIfMatchAsync(HttpClient client, string url, object body, int version)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = System.Net.Http.Json.JsonContent.Create(body, options: Json.Options) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{version}\""));
        return await client.SendAsync(request);
    }

    private static async Task AssertStaleAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("记录已被他人修改", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_correction_made_from_a_stale_copy_of_an_agreement_or_an_activity_is_refused()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var city = await app.SignInAsync("suining");
        var enterpriseId = Id(await (await city.PostJsonAsync("/api/v1/organizations", new { name = $"蓬溪县版本企业{token}", kind = "Enterprise", creditCode = AccessScopeTests.NewCreditCode(Region), industryCode = "2614", regionCode = Region })).OkJsonAsync());
        var project = Id(await (await city.PostJsonAsync("/api/v1/workstations", new { name = $"版本测试产学研合作项目{token}", kind = "CooperationProject", level = "County", hostOrganizationId = enterpriseId, foundedOn = "2007-01-10" })).OkJsonAsync());
        var body = new { subject = $"版本测试合作{token}", signedOn = "2007-03-01", organizationIds = new[] { enterpriseId }, institution = "西南科技大学" };
        var agreement = await (await city.PostJsonAsync($"/api/v1/workstations/{project}/agreements", body)).OkJsonAsync();
        Assert.Equal(0, agreement["version"]!.GetValue<int>());
        var url = $"/api/v1/workstations/{project}/agreements/{Id(agreement)}";

        // Two editors read version 0: the first saves, the second is told to refresh and changes nothing.
        var first = await (await PutIfMatchAsync(city, url, body with { subject = $"甲的修改{token}" }, 0)).OkJsonAsync();
        Assert.Equal(1, first["version"]!.GetValue<int>());
        await AssertStaleAsync(await PutIfMatchAsync(city, url, body with { subject = $"乙的修改{token}" }, 0));
        var listed = (await (await city.GetAsync($"/api/v1/workstations/{project}")).OkJsonAsync())["agreementList"]!.AsArray();
        Assert.Equal($"甲的修改{token}", Assert.Single(listed)!["subject"]!.GetValue<string>());
        Assert.Equal(2, (await (await PutIfMatchAsync(city, url, body, 1)).OkJsonAsync())["version"]!.GetValue<int>());
        Assert.Equal(3, (await (await city.PutJsonAsync(url, body)).OkJsonAsync())["version"]!.GetValue<int>());

        var society = Id(await (await city.PostJsonAsync("/api/v1/associations", new { name = $"蓬溪县版本学会{token}", kind = "Society", regionCode = Region, establishedOn = "1990-01-01" })).OkJsonAsync());
        var activityBody = new { kind = "AcademicExchange", title = $"版本测试交流{token}", heldOn = "2007-05-20", participants = 60 };
        var activity = await (await city.PostJsonAsync($"/api/v1/society-activities/associations/{society}", activityBody)).OkJsonAsync();
        Assert.Equal(0, activity["version"]!.GetValue<int>());
        var activityUrl = $"/api/v1/society-activities/{Id(activity)}";
        async Task<int> ParticipantsAsync() =>
            (await (await city.GetAsync($"/api/v1/association-management/{society}")).OkJsonAsync())["activities"]!.AsArray().Single()!["participants"]!.GetValue<int>();
        Assert.Equal(1, (await (await PutIfMatchAsync(city, activityUrl, activityBody with { participants = 70 }, 0)).OkJsonAsync())["version"]!.GetValue<int>());
        await AssertStaleAsync(await PutIfMatchAsync(city, activityUrl, activityBody with { participants = 90 }, 0));
        Assert.Equal(70, await ParticipantsAsync());

        // The page's form carries the version it was opened with: a stale one is refused too.
        var page = $"/Talent/Organizations/Details/{society}";
        Assert.Contains("name=\"activityVersion\" value=\"1\"", await city.GetStringAsync($"{page}?activity={Id(activity)}"));
        var stale = await PostFormAsync(city, page, "Activity", new()
        {
            ["activityId"] = Id(activity), ["activityVersion"] = "0", ["activityKind"] = "AnnualMeeting", ["activityTitle"] = $"旧页面{token}", ["activityOn"] = "2007-11-20",
        });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(70, await ParticipantsAsync());

        // …on the form, not a bare error page: the message next to it, the saved values beside, what was typed kept, and the
        // current version in the form, so saving again applies what was typed.
        var staleHtml = await stale.Content.ReadAsStringAsync();
        Assert.Contains("id=\"activity-form\"", staleHtml);
        Assert.Matches("id=\"activity-stale\"[^>]*>记录已被他人修改，请刷新后再改。现保存的是：学术交流活动“版本测试交流" + token + "”，2007-05-20，参加人数70人", staleHtml);
        Assert.Contains($"value=\"旧页面{token}\"", staleHtml);
        Assert.Contains("value=\"2007-11-20\"", staleHtml);
        Assert.Matches("<option value=\"AnnualMeeting\" selected", staleHtml);
        Assert.Contains("name=\"activityVersion\" value=\"1\"", staleHtml);
        var again = await PostFormAsync(city, $"{page}?activity={Id(activity)}", "Activity", new()
        {
            ["activityId"] = Id(activity), ["activityVersion"] = "1", ["activityKind"] = "AnnualMeeting", ["activityTitle"] = $"旧页面{token}", ["activityOn"] = "2007-11-20", ["participants"] = "80",
        });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(80, await ParticipantsAsync());

        // The project page's agreement form likewise: opened at version 3, saved by someone else (version 4), then saved from the old form.
        var projectPage = $"/Talent/Stations/Edit/{project}";
        Assert.Matches("name=\"Agreement.Version\"[^>]*value=\"3\"", await city.GetStringAsync($"{projectPage}?agreement={Id(agreement)}"));
        Assert.Equal(4, (await (await PutIfMatchAsync(city, url, body with { subject = $"丙的修改{token}" }, 3)).OkJsonAsync())["version"]!.GetValue<int>());
        var staleAgreement = await PostFormAsync(city, projectPage, "Agreement", new()
        {
            ["Agreement.Id"] = Id(agreement), ["Agreement.Version"] = "3", ["Agreement.Organizations"] = $"蓬溪县版本企业{token}", ["Agreement.Institution"] = "西南科技大学",
            ["Agreement.SignedOn"] = "2007-03-01", ["Agreement.Subject"] = $"丁的修改{token}",
        });
        Assert.Equal(HttpStatusCode.Conflict, staleAgreement.StatusCode);
        var agreementHtml = await staleAgreement.Content.ReadAsStringAsync();
        Assert.Matches($"data-valmsg-for=\"Agreement\"[^>]*>记录已被他人修改，请刷新后再改。现保存的是：“丙的修改{token}”，2007-03-01签订", agreementHtml);
        Assert.Contains($"value=\"丁的修改{token}\"", agreementHtml);
        Assert.Matches("name=\"Agreement.Version\"[^>]*value=\"4\"", agreementHtml);
        Assert.Equal($"丙的修改{token}", Assert.Single((await (await city.GetAsync($"/api/v1/workstations/{project}")).OkJsonAsync())["agreementList"]!.AsArray())!["subject"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_societys_activity_is_corrected_and_deleted_by_who_may_record_it_and_the_counts_follow()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var city = await app.SignInAsync("suining");
        var shehong = await app.SignInAsync("shehong");
        var worker = await app.SignInAsync("worker");
        var society = Id(await (await city.PostJsonAsync("/api/v1/associations", new { name = $"蓬溪县农学会{token}", kind = "Society", regionCode = Region, establishedOn = "1990-01-01" })).OkJsonAsync());
        var activity = Id(await (await city.PostJsonAsync($"/api/v1/society-activities/associations/{society}", new { kind = "AcademicExchange", title = $"青花椒栽培技术交流{token}", heldOn = "2005-05-20", participants = 60 })).OkJsonAsync());
        async Task<JsonNode> StatsAsync(int year) => await (await city.GetAsync($"/api/v1/association-management/statistics?region={Region}&year={year}")).OkJsonAsync();
        Assert.Equal(1, (await StatsAsync(2005))["societyActivities"]!.GetValue<int>());

        var url = $"/api/v1/society-activities/{activity}";
        var body = new { kind = "FeaturedExchange", title = $"青花椒产业特色学术交流{token}", heldOn = "2006-05-20", participants = 80 };
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.PutJsonAsync(url, body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.PutJsonAsync(url, body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.DeleteAsync(url)).StatusCode);
        await (await city.PutJsonAsync(url, body with { title = " " })).AssertValidationProblemAsync("title");
        var amended = await (await city.PutJsonAsync(url, body)).OkJsonAsync();
        Assert.Equal("特色学术交流活动", amended["kindName"]!.GetValue<string>());
        Assert.Equal(0, (await StatsAsync(2005))["societyActivities"]!.GetValue<int>());
        Assert.Contains("特色学术交流活动1个", (await StatsAsync(2006))["summary"]!.GetValue<string>());

        // The management page corrects it in its form and deletes it; the count follows.
        var page = $"/Talent/Organizations/Details/{society}";
        var editing = await city.GetStringAsync($"{page}?activity={activity}");
        Assert.Contains($"value=\"青花椒产业特色学术交流{token}\"", editing);
        var posted = await PostFormAsync(city, page, "Activity", new()
        {
            ["activityId"] = activity, ["activityKind"] = "AnnualMeeting", ["activityTitle"] = $"2006年学术年会{token}", ["activityOn"] = "2006-11-20", ["participants"] = "150",
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("年会1次", (await StatsAsync(2006))["summary"]!.GetValue<string>());
        var deleted = await PostFormAsync(city, page, "DeleteActivity", new() { ["activityId"] = activity });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(0, (await StatsAsync(2006))["societyActivities"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await city.DeleteAsync(url)).StatusCode);
    }
    [Fact]
    public async Task A_workstation_reports_its_yearly_output_through_the_api_and_the_page_and_its_year_counts_it()
    {
        // 2008 and 2009: years no other test of 蓬溪县 uses.
        var token = Guid.NewGuid().ToString("N")[..6];
        var city = await app.SignInAsync("suining");
        var shehong = await app.SignInAsync("shehong");
        var enterpriseId = Id(await (await city.PostJsonAsync("/api/v1/organizations", new { name = $"蓬溪县成果企业{token}", kind = "Enterprise", creditCode = AccessScopeTests.NewCreditCode(Region), industryCode = "2614", regionCode = Region })).OkJsonAsync());
        var station = Id(await (await city.PostJsonAsync("/api/v1/workstations", new { name = $"成果测试专家工作站{token}", kind = "ExpertWorkstation", level = "County", hostOrganizationId = enterpriseId, foundedOn = "2008-03-01" })).OkJsonAsync());
        var url = $"/api/v1/workstations/{station}/outputs";
        async Task<JsonNode> StatsAsync(int year) => await (await city.GetAsync($"/api/v1/workstations/statistics?region={Region}&year={year}")).OkJsonAsync();
        var before = (await StatsAsync(2008))["outputs"]!;

        // Before its founding, nothing reported, a negative count: refused with the field named; another county's admin does not find it.
        await (await city.PutJsonAsync(url, new { year = 2007, projects = 1 })).AssertValidationProblemAsync("year");
        await (await city.PutJsonAsync(url, new { year = 2008 })).AssertValidationProblemAsync("projects");
        await (await city.PutJsonAsync(url, new { year = 2008, patents = -1 })).AssertValidationProblemAsync("patents");
        await (await city.PutJsonAsync(url, new { year = 2008, trainees = 50 })).AssertValidationProblemAsync("trainings");
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.PutJsonAsync(url, new { year = 2008, projects = 3 })).StatusCode);

        var first = await (await city.PutJsonAsync(url, new { year = 2008, projects = 3, patents = 2, trainings = 4, trainees = 120 })).OkJsonAsync();
        Assert.Equal(0, first["version"]!.GetValue<int>());

        // The same year again corrects it (a stale copy is refused), it does not add a second report.
        var corrected = new { year = 2008, projects = 4, patents = 2, trainings = 4, trainees = 120, note = "青花椒病虫害绿色防控" };
        Assert.Equal(1, (await (await PutIfMatchAsync(city, url, corrected, 0)).OkJsonAsync())["version"]!.GetValue<int>());
        await AssertStaleAsync(await PutIfMatchAsync(city, url, corrected with { projects = 9 }, 0));
        var detail = await (await city.GetAsync($"/api/v1/workstations/{station}")).OkJsonAsync();
        var output = Assert.Single(detail["outputs"]!.AsArray())!;
        Assert.Equal(2008, output["year"]!.GetValue<int>());
        Assert.Equal(4, output["projects"]!.GetValue<int>());

        var stats = await StatsAsync(2008);
        int Added(string field) => stats["outputs"]![field]!.GetValue<int>() - before[field]!.GetValue<int>();
        Assert.Equal([1, 4, 2, 4, 120], new[] { Added("stations"), Added("projects"), Added("patents"), Added("trainings"), Added("trainees") });
        var totals = stats["outputs"]!;
        Assert.EndsWith($"2008年，工作站和基地承担项目{totals["projects"]}个、获得专利{totals["patents"]}件、开展培训{totals["trainings"]}场次、培训{totals["trainees"]}人次。", stats["summary"]!.GetValue<string>());

        // The page: a word for a number is named next to its field with what was typed kept; then the year is recorded and listed.
        var page = $"/Talent/Stations/Edit/{station}";
        Assert.Contains("id=\"output-form\"", await city.GetStringAsync(page));
        var bad = await PostFormAsync(city, page, "Output", new() { ["YearOutput.Year"] = "2009", ["YearOutput.Patents"] = "三件" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Matches("data-valmsg-for=\"YearOutput.Patents\"[^>]*>获得专利数“三件”不是有效的数字", badHtml);
        Assert.Contains("value=\"三件\"", badHtml);
        var saved = await PostFormAsync(city, page, "Output", new() { ["YearOutput.Year"] = "2009", ["YearOutput.Patents"] = "3", ["YearOutput.Trainings"] = "2", ["YearOutput.Trainees"] = "80" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var html = await city.GetStringAsync(page);
        Assert.Matches("<tr data-year=\"2009\">\\s*<td[^>]*>2009年</td>\\s*<td[^>]*>0个</td>\\s*<td[^>]*>3件</td>\\s*<td[^>]*>2场次</td>\\s*<td[^>]*>80人次</td>", html);
        Assert.Contains("获得专利3件、开展培训2场次、培训80人次", (await StatsAsync(2009))["summary"]!.GetValue<string>());
    }
}

public sealed class TalentRecordEditSqliteTests(SqliteApp app) : TalentRecordEditTests(app);

public sealed class TalentRecordEditPostgresTests(PostgresApp app) : TalentRecordEditTests(app);
