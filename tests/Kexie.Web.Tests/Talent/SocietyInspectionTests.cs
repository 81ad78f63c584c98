using System.Net;
using System.Text.Json.Nodes;
using Kexie.Web.Tests.Market;

namespace Kexie.Web.Tests.Talent;

/// <summary>
/// A society submits its own 年检 through its 会长's account (a science worker linked to it as 会长), with materials; the city's
/// admins return it with a reason, the society resubmits, the admins approve it, and the society hears of each result. In 船山区
/// (510903) under 遂宁市's admin, where no other test writes associations.
/// </summary>
public abstract class SocietyInspectionTests(KexieApp app)
{
    private const string Region = "510903";
    private const string Own = "/api/v1/association-inspections";
    private const string Managed = "/api/v1/association-management";

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static string Str(JsonNode node, string name) => node[name]!.GetValue<string>();

    /// <summary>A science worker of 船山区 with an account, signed in.</summary>
    private async Task<(string WorkerId, HttpClient Client)> WorkerAccountAsync(HttpClient city, string name, string token)
    {
        var worker = Id(await (await city.PostJsonAsync("/api/v1/workers", new { name, gender = "Male", birthYear = 1975, employer = "遂宁市中心医院", title = "高级", phone = KexieApp.NewPhone(), regionCode = Region, isPublicProfile = false })).OkJsonAsync());
        var login = $"si-{token}-{name.Length}{Random.Shared.Next(100, 999)}";
        await (await (await app.SignInAsync("admin")).PostJsonAsync("/api/v1/users", new { userName = login, displayName = name, password = "Kexie@2026", role = "ScienceWorker", regionCode = Region, scienceWorkerId = worker })).OkJsonAsync();
        return (worker, await app.SignInAsync(login, "Kexie@2026"));
    }

    [Fact]
    public async Task A_societys_chair_submits_its_inspection_with_materials_and_the_city_returns_then_approves_it()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var city = await app.SignInAsync("suining");
        var daying = await app.SignInAsync("daying");
        var society = Id(await (await city.PostJsonAsync("/api/v1/associations", new { name = $"船山区医学会{token}", kind = "Society", regionCode = Region, establishedOn = "1990-01-01" })).OkJsonAsync());
        var other = Id(await (await city.PostJsonAsync("/api/v1/associations", new { name = $"船山区农学会{token}", kind = "Society", regionCode = Region })).OkJsonAsync());
        var (chairWorker, chair) = await WorkerAccountAsync(city, $"会长{token}", token);
        var (memberWorker, member) = await WorkerAccountAsync(city, $"会员{token}", token);
        await (await city.PostJsonAsync($"/api/v1/associations/{society}/members", new { scienceWorkerId = chairWorker, role = "Chair" })).OkJsonAsync();
        await (await city.PostJsonAsync($"/api/v1/associations/{society}/members", new { scienceWorkerId = memberWorker, role = "Member" })).OkJsonAsync();

        // The chair sees the society it leads (and only it); a plain member leads none.
        var mine = (await (await chair.GetAsync($"{Own}/mine")).OkJsonAsync()).AsArray();
        var led = Assert.Single(mine, a => Id(a!) == society)!;
        Assert.Equal("会长", Str(led, "roleName"));
        Assert.DoesNotContain(mine, a => Id(a!) == other);
        Assert.Empty((await (await member.GetAsync($"{Own}/mine")).OkJsonAsync()).AsArray());

        // Submitting: bad input names the field; a society it does not lead is not found; another county's admin does not find it.
        var body = new { year = 2002, individualMembers = 356, groupMembers = 12, documents = "年度工作报告、财务审计报告" };
        await (await chair.PostJsonAsync($"{Own}/associations/{society}", body with { individualMembers = -5 })).AssertValidationProblemAsync("individualMembers");
        Assert.Equal(HttpStatusCode.NotFound, (await chair.PostJsonAsync($"{Own}/associations/{other}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.PostJsonAsync($"{Own}/associations/{society}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await daying.PostJsonAsync($"{Own}/associations/{society}", body)).StatusCode);
        var inspection = await (await chair.PostJsonAsync($"{Own}/associations/{society}", body)).OkJsonAsync();
        var id = Id(inspection);
        Assert.Equal("已报送待审", Str(inspection, "statusName"));
        Assert.Equal($"会长{token}", Str(inspection, "submittedByName"));
        Assert.Equal(HttpStatusCode.Conflict, (await chair.PostJsonAsync($"{Own}/associations/{society}", body)).StatusCode);

        // Materials: the chair uploads a file; a plain member and another county cannot; the city's admin downloads it.
        var file = await (await MarketFiles.UploadAsync(chair, $"{Own}/{id}/attachments", MarketFiles.Pdf, $"2002年度工作报告{token}.pdf")).OkJsonAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await MarketFiles.UploadAsync(member, $"{Own}/{id}/attachments", MarketFiles.Pdf)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await MarketFiles.UploadAsync(daying, $"{Own}/{id}/attachments", MarketFiles.Pdf)).StatusCode);
        var download = await city.GetAsync($"{Own}/{id}/attachments/{Id(file)}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(MarketFiles.Pdf, await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, (await daying.GetAsync($"{Own}/{id}/attachments/{Id(file)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"{Own}/{id}/attachments/{Id(file)}")).StatusCode);

        // The city returns it with a reason (required); the society cannot be decided while returned, and hears of it.
        var returnUrl = $"{Managed}/inspections/{id}/return";
        await (await city.PostJsonAsync(returnUrl, new { reason = "" })).AssertValidationProblemAsync("reason");
        Assert.Equal(HttpStatusCode.NotFound, (await daying.PostJsonAsync(returnUrl, new { reason = "越权" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await chair.PostJsonAsync(returnUrl, new { reason = "自己退回" })).StatusCode);
        var returned = await (await city.PostJsonAsync(returnUrl, new { reason = "缺少财务审计报告" })).OkJsonAsync();
        Assert.Equal("已退回修改", Str(returned, "statusName"));
        Assert.Equal(HttpStatusCode.Conflict, (await city.PostJsonAsync($"{Managed}/inspections/{id}/decide", new { result = "Passed" })).StatusCode);
        var notices = (await (await chair.GetAsync("/api/v1/notifications?pageSize=50")).OkJsonAsync())["items"]!.AsArray();
        Assert.Contains(notices, n => Str(n!, "title") == "2002年度年检被退回修改" && Str(n!, "body").Contains("缺少财务审计报告", StringComparison.Ordinal));

        // Resubmitted with the missing file and corrected figures; the year stays.
        await (await MarketFiles.UploadAsync(chair, $"{Own}/{id}/attachments", MarketFiles.Pdf, "财务审计报告.pdf")).OkJsonAsync();
        await (await chair.PostJsonAsync($"{Own}/{id}/resubmit", body with { year = 2001 })).AssertValidationProblemAsync("year");
        var resubmitted = await (await chair.PostJsonAsync($"{Own}/{id}/resubmit", body with { individualMembers = 360 })).OkJsonAsync();
        Assert.Equal("已报送待审", Str(resubmitted, "statusName"));
        Assert.Equal(360, resubmitted["individualMembers"]!.GetValue<int>());
        Assert.Equal(2, resubmitted["attachments"]!.AsArray().Count);
        Assert.Null(resubmitted["returnReason"]);
        Assert.Equal(HttpStatusCode.Conflict, (await chair.PostJsonAsync($"{Own}/{id}/resubmit", body)).StatusCode);

        // Approved: the society hears the result and sees it on its own list; the city's file shows the materials.
        var decided = await (await city.PostJsonAsync($"{Managed}/inspections/{id}/decide", new { result = "Passed" })).OkJsonAsync();
        Assert.Equal("合格", Str(decided, "statusName"));
        notices = (await (await chair.GetAsync("/api/v1/notifications?pageSize=50")).OkJsonAsync())["items"]!.AsArray();
        Assert.Contains(notices, n => Str(n!, "title") == "2002年度年检结论：合格");
        var listed = Assert.Single((await (await chair.GetAsync($"{Own}/mine")).OkJsonAsync()).AsArray(), a => Id(a!) == society)!;
        Assert.Equal("合格", Str(listed["inspections"]![0]!, "statusName"));
        Assert.Equal(HttpStatusCode.Conflict, (await MarketFiles.UploadAsync(chair, $"{Own}/{id}/attachments", MarketFiles.Pdf)).StatusCode);
        var cityFile = await (await city.GetAsync($"{Managed}/{society}")).OkJsonAsync();
        Assert.Contains(cityFile["inspections"]![0]!["attachments"]!.AsArray(), a => Str(a!, "fileName") == $"2002年度工作报告{token}.pdf");

        // The city's counts for 2002: submitted and 合格.
        var stats = await (await city.GetAsync($"{Managed}/statistics?region={Region}&year=2002")).OkJsonAsync();
        Assert.True(stats["passed"]!.GetValue<int>() >= 1);
    }
}

public sealed class SocietyInspectionSqliteTests(SqliteApp app) : SocietyInspectionTests(app);

public sealed class SocietyInspectionPostgresTests(PostgresApp app) : SocietyInspectionTests(app);
