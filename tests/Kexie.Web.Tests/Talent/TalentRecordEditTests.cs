using System.Net;
using System.Text.Json.Nodes;
using Kexie.Web.Tests.Security;

namespace Kexie.Web.Tests.Talent;

/// <summary>
/// 产学研合作协议 and 学会活动 are corrected and deleted by the people who may record them (the project's or society's region), through
/// the API and the pages, and the region's counts follow. The 产学研合作项目 page lists its agreements and records one with the
/// parties typed by name (resolved through what the caller may see), the error next to the field. In 蓬溪县 (510921) under
/// 遂宁市's admin, where no other test writes, in years no other test uses (2005, 2006).
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
}

public sealed class TalentRecordEditSqliteTests(SqliteApp app) : TalentRecordEditTests(app);

public sealed class TalentRecordEditPostgresTests(PostgresApp app) : TalentRecordEditTests(app);
