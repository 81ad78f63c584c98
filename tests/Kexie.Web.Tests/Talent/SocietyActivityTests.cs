using System.Net;
using System.Text.Json.Nodes;

namespace Kexie.Web.Tests.Talent;

/// <summary>
/// 学会学术活动, 产学研合作协议 and 专家服务团 members through the real host: a society's 会长 records its activities (the city's admins may too,
/// another county finds nothing), counted by kind in the region's 组织建设 statistics; a 产学研合作项目's agreements with organizations and
/// experts the caller can see, counted with the projects; a 专家服务团 takes its members from the 专家库 only. In 安居区 (510904) under
/// 遂宁市's admin, where no other test writes, in years no other test uses (2003, 2004).
/// </summary>
public abstract class SocietyActivityTests(KexieApp app)
{
    private const string Region = "510904";

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static string Str(JsonNode node, string name) => node[name]!.GetValue<string>();

    private static async Task<string> WorkerAsync(HttpClient city, string name, bool isPublic = false) =>
        Id(await (await city.PostJsonAsync("/api/v1/workers", new { name, gender = "Female", birthYear = 1980, employer = "安居区人民医院", title = "高级", phone = KexieApp.NewPhone(), regionCode = Region, isPublicProfile = isPublic })).OkJsonAsync());

    [Fact]
    public async Task A_societys_chair_records_its_activities_and_the_region_counts_them_by_kind()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var city = await app.SignInAsync("suining");
        var daying = await app.SignInAsync("daying");
        var society = Id(await (await city.PostJsonAsync("/api/v1/associations", new { name = $"安居区医学会{token}", kind = "Society", regionCode = Region, establishedOn = "1995-01-01" })).OkJsonAsync());
        var chairWorker = await WorkerAsync(city, $"会长{token}");
        var login = $"sa-{token}";
        await (await (await app.SignInAsync("admin")).PostJsonAsync("/api/v1/users", new { userName = login, displayName = $"会长{token}", password = "Kexie@2026", role = "ScienceWorker", regionCode = Region, scienceWorkerId = chairWorker })).OkJsonAsync();
        var chair = await app.SignInAsync(login, "Kexie@2026");
        var worker = await app.SignInAsync("worker");
        const string Url = "/api/v1/society-activities/associations/";
        var body = new { kind = "FeaturedExchange", title = $"县域医共体建设专题学术交流会{token}", heldOn = "2003-05-18", participants = 86, partnerUnits = "遂宁市中心医院" };

        // Before the chair is linked: not found for them, as for another county's admin and for a science worker of elsewhere.
        Assert.Equal(HttpStatusCode.NotFound, (await chair.PostJsonAsync(Url + society, body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await daying.PostJsonAsync(Url + society, body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.PostJsonAsync(Url + society, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostJsonAsync(Url + society, body)).StatusCode);
        await (await city.PostJsonAsync($"/api/v1/associations/{society}/members", new { scienceWorkerId = chairWorker, role = "Chair" })).OkJsonAsync();

        // Bad input names the field.
        await (await chair.PostJsonAsync(Url + society, new { title = body.title, heldOn = body.heldOn })).AssertValidationProblemAsync("kind");
        await (await chair.PostJsonAsync(Url + society, body with { title = " " })).AssertValidationProblemAsync("title");
        await (await chair.PostJsonAsync(Url + society, body with { heldOn = "2999-01-01" })).AssertValidationProblemAsync("heldOn");
        await (await chair.PostJsonAsync(Url + society, body with { participants = -1 })).AssertValidationProblemAsync("participants");

        var response = await chair.PostJsonAsync(Url + society, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var recorded = await response.OkJsonAsync();
        Assert.Equal("特色学术交流活动", Str(recorded, "kindName"));
        Assert.Equal($"会长{token}", Str(recorded, "recordedByName"));
        await (await chair.PostJsonAsync(Url + society, body with { title = $"基层合理用药专题交流{token}", heldOn = "2003-09-02" })).OkJsonAsync();
        await (await city.PostJsonAsync(Url + society, new { kind = "AnnualMeeting", title = $"2003年学术年会{token}", heldOn = "2003-11-20", participants = 210 })).OkJsonAsync();
        await (await city.PostJsonAsync(Url + society, new { kind = "AnnualMeeting", title = $"2002年学术年会{token}", heldOn = "2002-11-20" })).OkJsonAsync();

        // The management file lists them; the region's 2003 statistics count them by kind, in the seeds' words.
        var file = await (await city.GetAsync($"/api/v1/association-management/{society}")).OkJsonAsync();
        Assert.Equal(4, file["activities"]!.AsArray().Count);
        var stats = await (await city.GetAsync($"/api/v1/association-management/statistics?region={Region}&year=2003")).OkJsonAsync();
        Assert.Equal(3, stats["societyActivities"]!.GetValue<int>());
        var summary = Str(stats, "summary");
        Assert.Contains("2003年学会（协会）开展学术活动3个，其中年会1次、特色学术交流活动2个", summary);

        // The management page lists them and records one more from its form (the field's name in the alert when wrong).
        var page = await city.GetStringAsync($"/Talent/Organizations/Details/{society}", TestContext.Current.CancellationToken);
        Assert.Contains($"县域医共体建设专题学术交流会{token}", page);
        var antiforgery = System.Text.RegularExpressions.Regex.Match(page, @"name=""__RequestVerificationToken"" type=""hidden"" value=""([^""]+)""").Groups[1].Value;
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery, ["activityKind"] = "Training", ["activityTitle"] = $"基层医生培训班{token}", ["activityOn"] = "2003-07-01", ["participants"] = "45",
        };
        var posted = await city.PostAsync($"/Talent/Organizations/Details/{society}?handler=Activity", new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
        Assert.True(posted.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.OK, posted.StatusCode.ToString());
        var after = await (await city.GetAsync($"/api/v1/association-management/{society}")).OkJsonAsync();
        Assert.Contains(after["activities"]!.AsArray(), a => Str(a!, "title") == $"基层医生培训班{token}" && Str(a!, "kindName") == "培训");
    }

    [Fact]
    public async Task A_cooperation_project_counts_its_agreements_and_a_service_team_takes_members_from_the_expert_database()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var city = await app.SignInAsync("suining");
        var shehong = await app.SignInAsync("shehong");
        var enterprise = Id(await (await city.PostJsonAsync("/api/v1/organizations", new { name = $"安居区合作企业{token}", kind = "Enterprise", creditCode = AccessScopeTests.NewCreditCode(Region), industryCode = "2614", regionCode = Region })).OkJsonAsync());
        var expertWorker = await WorkerAsync(city, $"合作专家{token}");
        var plainWorker = await WorkerAsync(city, $"非库专家{token}");
        var project = Id(await (await city.PostJsonAsync("/api/v1/workstations", new { name = $"柠檬深加工产学研合作项目{token}", kind = "CooperationProject", level = "County", hostOrganizationId = enterprise, foundedOn = "2004-02-01" })).OkJsonAsync());
        var station = Id(await (await city.PostJsonAsync("/api/v1/workstations", new { name = $"专家工作站{token}", kind = "ExpertWorkstation", level = "County", hostOrganizationId = enterprise, foundedOn = "2004-02-01" })).OkJsonAsync());

        var url = $"/api/v1/workstations/{project}/agreements";
        var body = new { subject = $"柠檬果胶提取技术开发{token}", signedOn = "2004-06-01", organizationIds = new[] { enterprise }, expertWorkerIds = new[] { expertWorker }, institution = "四川农业大学", amountWan = 35.5m };
        await (await city.PostJsonAsync(url, body with { organizationIds = Array.Empty<string>() })).AssertValidationProblemAsync("organizationIds");
        await (await city.PostJsonAsync(url, body with { organizationIds = new[] { Guid.NewGuid().ToString() } })).AssertValidationProblemAsync("organizationIds");
        await (await city.PostJsonAsync(url, body with { expertWorkerIds = new[] { Guid.NewGuid().ToString() } })).AssertValidationProblemAsync("expertWorkerIds");
        await (await city.PostJsonAsync(url, body with { signedOn = "2004-01-01" })).AssertValidationProblemAsync("signedOn");
        await (await city.PostJsonAsync(url, body with { subject = "" })).AssertValidationProblemAsync("subject");
        await (await city.PostJsonAsync($"/api/v1/workstations/{station}/agreements", body)).AssertValidationProblemAsync("workstationId");
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.PostJsonAsync(url, body)).StatusCode);
        var response = await city.PostJsonAsync(url, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var agreement = await response.OkJsonAsync();
        Assert.Equal($"安居区合作企业{token}", Str(agreement, "organizationNames"));
        Assert.Equal([$"合作专家{token}"], agreement["expertNames"]!.AsArray().Select(n => n!.GetValue<string>()));
        await (await city.PostJsonAsync(url, body with { expertWorkerIds = Array.Empty<string>(), subject = $"人才联合培养{token}", signedOn = "2004-09-01" })).OkJsonAsync();

        // The project shows its agreements; another county sees it (a public registry) but not the private expert's name.
        var seen = await (await city.GetAsync($"/api/v1/workstations/{project}")).OkJsonAsync();
        Assert.Equal(2, seen["agreements"]!.GetValue<int>());
        Assert.Equal(2, seen["agreementList"]!.AsArray().Count);
        var other = await (await shehong.GetAsync($"/api/v1/workstations/{project}")).OkJsonAsync();
        Assert.DoesNotContain(other["agreementList"]!.AsArray(), a => a!["expertNames"]!.AsArray().Count > 0);

        var stats = await (await app.Anonymous().GetAsync($"/api/v1/workstations/statistics?region={Region}&year=2004")).OkJsonAsync();
        var projects = stats["byKind"]!.AsArray().Single(k => k!["kind"]!.GetValue<string>() == "CooperationProject")!;
        Assert.Equal(2, projects["agreements"]!.GetValue<int>());
        Assert.Contains("产学研合作项目1个（县级1个），当年新建1个，签订合作协议2份", Str(stats, "summary"));

        // A 专家服务团: a worker outside the 专家库 is refused; once admitted, they are a member and counted as a person.
        var team = new { name = $"安居区专家服务团{token}", kind = "ExpertServiceTeam", level = "County", hostOrganizationId = enterprise, expertWorkerIds = new[] { expertWorker, plainWorker }, foundedOn = "2004-03-01" };
        await (await city.PostJsonAsync("/api/v1/experts", new { workerId = expertWorker, level = "Municipal", expertise = "食品加工", researchDirections = new[] { "果蔬加工" } })).OkJsonAsync();
        await (await city.PostJsonAsync("/api/v1/workstations", team)).AssertValidationProblemAsync("expertWorkerIds");
        await (await city.PostJsonAsync("/api/v1/experts", new { workerId = plainWorker, level = "County", expertise = "临床医学", researchDirections = new[] { "全科" } })).OkJsonAsync();
        var created = await (await city.PostJsonAsync("/api/v1/workstations", team)).OkJsonAsync();
        Assert.Equal(2, created["experts"]!.GetValue<int>());
        var after = await (await app.Anonymous().GetAsync($"/api/v1/workstations/statistics?region={Region}&year=2004")).OkJsonAsync();
        Assert.Contains("专家服务团1个（县级1个），当年新建1个，专家2人", Str(after, "summary"));
    }
}

public sealed class SocietyActivitySqliteTests(SqliteApp app) : SocietyActivityTests(app);

public sealed class SocietyActivityPostgresTests(PostgresApp app) : SocietyActivityTests(app);
