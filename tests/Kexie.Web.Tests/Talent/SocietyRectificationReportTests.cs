using System.Net;
using System.Text.Json.Nodes;
using Kexie.Web.Tests.Market;

namespace Kexie.Web.Tests.Talent;

/// <summary>
/// 清理整顿 from the society's side: the society's 会长 (a science worker linked to it as 会长) sees its open 整顿 in its own list and on
/// its workbench with the deadline, submits the 整改报告 with a file; the county returns it with a reason, the 会长 submits again and the
/// county accepts it (整改合格). A plain member, another county and the 会长 acting as the county get "not found" or "forbidden". In
/// 射洪市 (510981), on a society of its own (the 1994 年检 missing), counting nothing of the county.
/// </summary>
public abstract class SocietyRectificationReportTests(KexieApp app)
{
    private const string SheHong = "510981";
    private const string Managed = "/api/v1/association-management";
    private const string Own = "/api/v1/society-rectifications";

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static string Str(JsonNode node, string name) => node[name]!.GetValue<string>();

    private async Task<(string WorkerId, HttpClient Client)> WorkerAccountAsync(HttpClient county, string name, string token)
    {
        var worker = Id(await (await county.PostJsonAsync("/api/v1/workers", new { name, gender = "Male", birthYear = 1972, employer = "射洪市蚕桑站", title = "高级", phone = KexieApp.NewPhone(), regionCode = SheHong, isPublicProfile = false })).OkJsonAsync());
        var login = $"rr-{token}-{name.Length}{Random.Shared.Next(100, 999)}";
        await (await (await app.SignInAsync("admin")).PostJsonAsync("/api/v1/users", new { userName = login, displayName = name, password = "Kexie@2026", role = "ScienceWorker", regionCode = SheHong, scienceWorkerId = worker })).OkJsonAsync();
        return (worker, await app.SignInAsync(login, "Kexie@2026"));
    }

    private static async Task<JsonNode?> WorkItemAsync(HttpClient client, string link, string kindName)
    {
        var workbench = await (await client.GetAsync("/api/v1/workbench")).OkJsonAsync();
        return workbench["items"]!.AsArray().FirstOrDefault(i => Str(i!, "link") == link && Str(i!, "kindName") == kindName);
    }

    [Fact]
    public async Task A_societys_chair_reports_on_its_rectification_and_the_county_returns_then_accepts_it()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var shehong = await app.SignInAsync("shehong");
        var daying = await app.SignInAsync("daying");
        var name = $"射洪市蚕桑协会{token}";
        var society = Id(await (await shehong.PostJsonAsync("/api/v1/associations", new { name, kind = "RuralTechAssociation", regionCode = SheHong, establishedOn = "1990-01-01" })).OkJsonAsync());
        var (chairWorker, chair) = await WorkerAccountAsync(shehong, $"会长{token}", token);
        var (memberWorker, member) = await WorkerAccountAsync(shehong, $"会员{token}", token);
        await (await shehong.PostJsonAsync($"/api/v1/associations/{society}/members", new { scienceWorkerId = chairWorker, role = "Chair" })).OkJsonAsync();
        await (await shehong.PostJsonAsync($"/api/v1/associations/{society}/members", new { scienceWorkerId = memberWorker, role = "Member" })).OkJsonAsync();

        // Nothing is due before the county opens the 整顿.
        Assert.Null(await WorkItemAsync(chair, "/Talent/Organizations/Mine", "清理整顿整改"));
        var opened = await (await shehong.PostJsonAsync($"{Managed}/{society}/rectifications", new { year = 1994, reasons = $"未按期报送1994年度年检材料{token}", deadline = "2099-06-30" })).OkJsonAsync();
        var id = Id(opened);

        // The chair sees it in the society's list and on the workbench, due on the deadline; a plain member sees neither.
        var led = Assert.Single((await (await chair.GetAsync("/api/v1/association-inspections/mine")).OkJsonAsync()).AsArray(), a => Id(a!) == society)!;
        var listed = Assert.Single(led["rectifications"]!.AsArray())!;
        Assert.Equal(("整顿中", "未提交整改报告", "2099-06-30"), (Str(listed, "statusName"), Str(listed, "reportStatusName"), Str(listed, "deadline")));
        var item = await WorkItemAsync(chair, "/Talent/Organizations/Mine", "清理整顿整改");
        Assert.NotNull(item);
        Assert.Equal(name, Str(item, "title"));
        Assert.Equal("因1994年度未按期年检被列入清理整顿，请于2099-06-30前提交整改报告", Str(item, "note"));
        Assert.StartsWith("2099-06-30T23:59:00+08:00", Str(item, "dueAt"));
        Assert.False(item["overdue"]!.GetValue<bool>());
        Assert.Null(await WorkItemAsync(member, "/Talent/Organizations/Mine", "清理整顿整改"));
        Assert.Empty((await (await member.GetAsync("/api/v1/association-inspections/mine")).OkJsonAsync()).AsArray());

        // Submitting: the report is required (named field); a member and another county find nothing, and the message names nothing.
        var url = $"{Own}/{id}/report";
        await (await chair.PostJsonAsync(url, new { report = " " })).AssertValidationProblemAsync("report");
        var hidden = await member.PostJsonAsync(url, new { report = "冒名" });
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.DoesNotContain(name, await hidden.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, (await daying.PostJsonAsync(url, new { report = "越权" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await chair.PostJsonAsync($"{Own}/{Guid.NewGuid()}/report", new { report = "不存在" })).StatusCode);
        var report = await (await chair.PostJsonAsync(url, new { report = "已补报1994年度年检材料，重新核实会员名册。" })).OkJsonAsync();
        Assert.Equal(("整顿中", "整改报告待审核", $"会长{token}"), (Str(report, "statusName"), Str(report, "reportStatusName"), Str(report, "reportedByName")));
        Assert.Equal(HttpStatusCode.Conflict, (await chair.PostJsonAsync(url, new { report = "再次提交" })).StatusCode);

        // Materials through the file store: the chair uploads; a member and another county cannot; the county downloads it.
        var file = await (await MarketFiles.UploadAsync(chair, $"{Own}/{id}/attachments", MarketFiles.Pdf, $"整改报告{token}.pdf")).OkJsonAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await MarketFiles.UploadAsync(member, $"{Own}/{id}/attachments", MarketFiles.Pdf)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await MarketFiles.UploadAsync(daying, $"{Own}/{id}/attachments", MarketFiles.Pdf)).StatusCode);
        var download = await shehong.GetAsync($"{Own}/{id}/attachments/{Id(file)}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(MarketFiles.Pdf, await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, (await daying.GetAsync($"{Own}/{id}/attachments/{Id(file)}")).StatusCode);

        // Submitted, it leaves the chair's workbench and waits on the county's.
        Assert.Null(await WorkItemAsync(chair, "/Talent/Organizations/Mine", "清理整顿整改"));
        Assert.NotNull(await WorkItemAsync(shehong, $"/Talent/Organizations/Details/{society}", "待审核的整改报告"));
        Assert.Null(await WorkItemAsync(daying, $"/Talent/Organizations/Details/{society}", "待审核的整改报告"));

        // The county returns it (a reason is required); the chair cannot act as the county; another county finds nothing.
        var returnUrl = $"{Managed}/rectifications/{id}/return";
        await (await shehong.PostJsonAsync(returnUrl, new { reason = "" })).AssertValidationProblemAsync("reason");
        Assert.Equal(HttpStatusCode.Forbidden, (await chair.PostJsonAsync(returnUrl, new { reason = "自己退回" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await daying.PostJsonAsync(returnUrl, new { reason = "越权" })).StatusCode);
        var returned = await (await shehong.PostJsonAsync(returnUrl, new { reason = "缺少财务收支公开的证明材料" })).OkJsonAsync();
        Assert.Equal(("整改报告已退回", "缺少财务收支公开的证明材料"), (Str(returned, "reportStatusName"), Str(returned, "reportReturnReason")));
        Assert.Equal(HttpStatusCode.Conflict, (await shehong.PostJsonAsync($"{Managed}/rectifications/{id}/accept", new { })).StatusCode);
        var again = await WorkItemAsync(chair, "/Talent/Organizations/Mine", "清理整顿整改");
        Assert.NotNull(again);
        Assert.Equal("整改报告已退回（缺少财务收支公开的证明材料），请修改后于2099-06-30前重新提交", Str(again, "note"));

        // Submitted again and accepted: 整改合格, the society is back to normal and nothing waits any more.
        await (await chair.PostJsonAsync(url, new { report = "已补充财务收支公开的证明材料。" })).OkJsonAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await daying.PostJsonAsync($"{Managed}/rectifications/{id}/accept", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await chair.PostJsonAsync($"{Managed}/rectifications/{id}/accept", new { })).StatusCode);
        var accepted = await (await shehong.PostJsonAsync($"{Managed}/rectifications/{id}/accept", new { outcome = "整改到位" })).OkJsonAsync();
        Assert.Equal(("整改合格", "整改报告已通过", "整改到位"), (Str(accepted, "statusName"), Str(accepted, "reportStatusName"), Str(accepted, "outcome")));
        Assert.Single(accepted["attachments"]!.AsArray());
        Assert.Equal(HttpStatusCode.Conflict, (await chair.PostJsonAsync(url, new { report = "结束后再提交" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await MarketFiles.UploadAsync(chair, $"{Own}/{id}/attachments", MarketFiles.Pdf)).StatusCode);
        Assert.Equal("正常", Str(await (await shehong.GetAsync($"{Managed}/{society}")).OkJsonAsync(), "standing"));
        Assert.Null(await WorkItemAsync(chair, "/Talent/Organizations/Mine", "清理整顿整改"));
        Assert.Null(await WorkItemAsync(shehong, $"/Talent/Organizations/Details/{society}", "待审核的整改报告"));
    }

    [Fact]
    public async Task The_demo_societys_chair_sees_its_open_rectification_on_the_workbench()
    {
        var worker = await app.SignInAsync("worker");
        var led = (await (await worker.GetAsync("/api/v1/association-inspections/mine")).OkJsonAsync()).AsArray();
        var society = Assert.Single(led, a => Str(a!, "name") == Kexie.Data.Seeding.TalentDemoSeeder.RectifiedSociety)!;
        var history = society["rectifications"]!.AsArray();
        Assert.Equal(["整顿中", "整改合格"], history.Select(r => Str(r!, "statusName")));
        Assert.Equal("整改报告已通过", Str(history[1]!, "reportStatusName"));
        var item = await WorkItemAsync(worker, "/Talent/Organizations/Mine", "清理整顿整改");
        Assert.NotNull(item);
        Assert.Equal("因2025年度未按期年检被列入清理整顿，请于2026-12-31前提交整改报告", Str(item, "note"));
    }
}

public sealed class SocietyRectificationReportSqliteTests(SqliteApp app) : SocietyRectificationReportTests(app);

public sealed class SocietyRectificationReportPostgresTests(PostgresApp app) : SocietyRectificationReportTests(app);
