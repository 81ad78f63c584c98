using System.Net;
using System.Text.Json.Nodes;
using Kexie.Web.Tests.Workbench;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Talent;

/// <summary>Honours and workstations through the real host: a city's call, counties' nominations, results, counts; workstations by kind and level.</summary>
public abstract class HonourTests(KexieApp app)
{
    private const string DaYing = "510923";

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private async Task<string> WorkerAsync(HttpClient client, string name, string region) =>
        Id(await (await client.PostJsonAsync("/api/v1/workers", new { name, gender = "Male", birthYear = 1988, employer = "四川聚能科技有限公司", title = "工程师", disciplineCodes = new[] { "21030" }, education = "硕士研究生", phone = KexieApp.NewPhone(), regionCode = region, isPublicProfile = false })).OkJsonAsync());

    [Fact]
    public async Task Counties_nominate_their_workers_to_the_citys_call_and_the_city_selects_within_the_quota()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var year = TestYears.Next(app.Provider);
        var daying = await app.SignInAsync("daying");
        var shehong = await app.SignInAsync("shehong");
        var suining = await app.SignInAsync("suining");
        var call = await (await suining.PostJsonAsync("/api/v1/honours/calls", new { name = $"遂宁市{year}年青年科技人才托举工程{token}", kind = "YouthTalentLifting", year, regionCode = "5109", quota = 2 })).OkJsonAsync();
        Assert.Equal("市级", call["levelName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await daying.PostJsonAsync("/api/v1/honours/calls", new { name = "x", kind = "YouthTalentLifting", year, regionCode = "5109" })).StatusCode);
        var callId = Id(call);

        var jiang = await WorkerAsync(daying, $"蒋虎南{token}", "510923100");
        var yan = await WorkerAsync(daying, $"严会成{token}", DaYing);
        var third = await WorkerAsync(daying, $"第三人{token}", DaYing);
        var other = await WorkerAsync(shehong, $"射洪人{token}", "510981");

        // 大英县 nominates its own workers; it cannot find 射洪市's private worker; 射洪市 cannot nominate 大英县's.
        await (await daying.PostJsonAsync($"/api/v1/honours/calls/{callId}/nominations", new { workerId = jiang })).AssertValidationProblemAsync("reason");
        await (await daying.PostJsonAsync($"/api/v1/honours/calls/{callId}/nominations", new { workerId = other, reason = "x" })).AssertValidationProblemAsync("workerId");
        var refused = await shehong.PostJsonAsync($"/api/v1/honours/calls/{callId}/nominations", new { workerId = jiang, reason = "冒名" });
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, refused.StatusCode.ToString());
        var n1 = Id(await (await daying.PostJsonAsync($"/api/v1/honours/calls/{callId}/nominations", new { workerId = jiang, reason = "牵头研发新型催化剂" })).OkJsonAsync());
        await (await daying.PostJsonAsync($"/api/v1/honours/calls/{callId}/nominations", new { workerId = jiang, reason = "重复" })).AssertValidationProblemAsync("workerId");
        var n2 = Id(await (await daying.PostJsonAsync($"/api/v1/honours/calls/{callId}/nominations", new { workerId = yan, reason = "工艺改进" })).OkJsonAsync());
        var n3 = Id(await (await daying.PostJsonAsync($"/api/v1/honours/calls/{callId}/nominations", new { workerId = third, reason = "青年骨干" })).OkJsonAsync());

        // Only the city decides; two places.
        Assert.Equal(HttpStatusCode.NotFound, (await daying.PostJsonAsync($"/api/v1/honours/nominations/{n1}/decide", new { selected = true })).StatusCode);
        await (await suining.PostJsonAsync($"/api/v1/honours/nominations/{n1}/decide", new { selected = true })).OkJsonAsync();
        await (await suining.PostJsonAsync($"/api/v1/honours/nominations/{n2}/decide", new { selected = true })).OkJsonAsync();
        var full = await suining.PostJsonAsync($"/api/v1/honours/nominations/{n3}/decide", new { selected = true });
        Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
        Assert.Contains("名额（2名）已满", await full.Content.ReadAsStringAsync());
        await (await suining.PostJsonAsync($"/api/v1/honours/nominations/{n3}/decide", new { selected = false, note = "名额已满" })).OkJsonAsync();

        // The public sees the selected only, without reasons; the worker's honours list it.
        var open = (await (await app.Anonymous().GetAsync($"/api/v1/honours/calls/{callId}/nominations")).OkJsonAsync()).AsArray();
        Assert.Equal(2, open.Count);
        Assert.All(open, n => Assert.Null(n!["reason"]));
        var honours = (await (await app.Anonymous().GetAsync($"/api/v1/honours/of?workerId={jiang}")).OkJsonAsync()).AsArray();
        Assert.Equal("青年科技人才托举工程", Assert.Single(honours)!["kindName"]!.GetValue<string>());
        var profile = await (await daying.GetAsync($"/Workers/Details/{jiang}")).Content.ReadAsStringAsync();
        Assert.Contains($"遂宁市{year}年青年科技人才托举工程{token}（青年科技人才托举工程）", profile);

        var stats = await (await app.Anonymous().GetAsync($"/api/v1/honours/statistics?region={DaYing}&year={year}")).OkJsonAsync();
        Assert.Equal(3, stats["nominated"]!.GetValue<int>());
        Assert.Equal(2, stats["selected"]!.GetValue<int>());
        Assert.Equal($"{year}年，大英县推荐参加各类荣誉评选3人（个），入选2人（个）：2名同志入选青年科技人才托举工程。", stats["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_organization_selected_for_a_units_honour_shows_it_on_its_page_and_in_the_count()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var year = TestYears.Next(app.Provider); // a year of its own: the call tests count 大英县's nominees of their year
        var daying = await app.SignInAsync("daying");
        var suining = await app.SignInAsync("suining");
        var callName = $"遂宁市{year}年科普工作优秀执行单位评选{token}";
        var callId = Id(await (await suining.PostJsonAsync("/api/v1/honours/calls", new { name = callName, kind = "OrganizationHonour", year, regionCode = "5109" })).OkJsonAsync());
        var unit = Id(await (await daying.PostJsonAsync("/api/v1/organizations", new { name = $"大英县荣誉测试企业{token}", kind = "Enterprise", creditCode = AccessScopeTests.NewCreditCode(DaYing), industryCode = "2614", regionCode = DaYing })).OkJsonAsync());
        var nomination = Id(await (await daying.PostJsonAsync($"/api/v1/honours/calls/{callId}/nominations", new { organizationId = unit, reason = "承办科技活动周主会场" })).OkJsonAsync());
        Assert.DoesNotContain("id=\"honours\"", await (await daying.GetAsync($"/Organizations/Details/{unit}")).Content.ReadAsStringAsync());
        await (await suining.PostJsonAsync($"/api/v1/honours/nominations/{nomination}/decide", new { selected = true })).OkJsonAsync();

        var page = await (await daying.GetAsync($"/Organizations/Details/{unit}")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"honours\"", page);
        Assert.Contains($"{year} 年 · {callName}（市级）", page);
        var stats = await (await app.Anonymous().GetAsync($"/api/v1/honours/statistics?region={DaYing}&year={year}")).OkJsonAsync();
        Assert.Equal($"{year}年，大英县推荐参加各类荣誉评选1人（个），入选1人（个）：1个单位获评优秀执行单位。", stats["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task Workstations_are_kept_by_the_hosts_region_and_counted_at_the_years_end()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var daying = await app.SignInAsync("daying-staff");
        var shehong = await app.SignInAsync("shehong");
        var region = "510923101";
        var host = Id(await (await (await app.SignInAsync("daying")).PostJsonAsync("/api/v1/organizations", new { name = $"大英县工作站依托企业{token}", kind = "Enterprise", creditCode = AccessScopeTests.NewCreditCode(DaYing), industryCode = "2614", regionCode = region })).OkJsonAsync());
        var expert = await WorkerAsync(await app.SignInAsync("daying"), $"站内专家{token}", region);
        var statsUrl = $"/api/v1/workstations/statistics?region={region}&year=2002";
        var totalBefore = (await (await app.Anonymous().GetAsync(statsUrl)).OkJsonAsync())["total"]!.GetValue<int>();
        var body = new { name = $"天润化工院士(专家)工作站{token}", kind = "AcademicianWorkstation", level = "Prefectural", hostOrganizationId = host, expertWorkerIds = new[] { expert }, foundedOn = "2002-05-10", accreditedBy = "四川省科协" };
        await (await shehong.PostJsonAsync("/api/v1/workstations", body)).AssertValidationProblemAsync("hostOrganizationId");
        await (await daying.PostJsonAsync("/api/v1/workstations", body with { foundedOn = "2999-01-01" })).AssertValidationProblemAsync("foundedOn");
        await (await daying.PostJsonAsync("/api/v1/workstations", body with { expertWorkerIds = new[] { Guid.NewGuid().ToString() } })).AssertValidationProblemAsync("expertWorkerIds");
        var created = await (await daying.PostJsonAsync("/api/v1/workstations", body)).OkJsonAsync();
        Assert.Equal($"大英县工作站依托企业{token}", created["hostName"]!.GetValue<string>());
        Assert.Equal([$"站内专家{token}"], created["expertNames"]!.AsArray().Select(n => n!.GetValue<string>()));
        // The expert's name is private to others.
        var seen = await (await shehong.GetAsync($"/api/v1/workstations/{Id(created)}")).OkJsonAsync();
        Assert.Empty(seen["expertNames"]!.AsArray());
        Assert.Equal(1, seen["experts"]!.GetValue<int>());
        await (await daying.PostJsonAsync("/api/v1/workstations", body with { name = $"科技小院{token}", kind = "ScienceCourtyard", level = "National", foundedOn = "2001-03-01", accreditedBy = "中国农技协" })).OkJsonAsync();
        var ended = Id(await (await daying.PostJsonAsync("/api/v1/workstations", body with { name = $"已撤销工作站{token}", foundedOn = "2001-01-01" })).OkJsonAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.PostJsonAsync($"/api/v1/workstations/{ended}/end", new { endedOn = "2002-06-30" })).StatusCode);
        await (await daying.PostJsonAsync($"/api/v1/workstations/{ended}/end", new { endedOn = "2002-06-30" })).OkJsonAsync();

        // Standing at the end of 2002 (years no other test uses): the workstation and the courtyard, not the one ended that year.
        var stats = await (await app.Anonymous().GetAsync(statsUrl)).OkJsonAsync();
        Assert.Equal(totalBefore + 2, stats["total"]!.GetValue<int>());
        Assert.StartsWith("截至2002年底，隆盛镇建立院士(专家)工作站", stats["summary"]!.GetValue<string>());
        Assert.Contains("科技小院", stats["summary"]!.GetValue<string>());
        var listed = await (await app.Anonymous().GetAsync($"/api/v1/workstations?region={region}&q={token}")).OkJsonAsync();
        Assert.Equal(3, listed["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_science_worker_sees_the_calls_open_to_them_and_their_own_nominations_and_the_deciding_region_sees_the_waiting_ones_on_its_workbench()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var year = TestYears.Next(app.Provider);
        var suining = await app.SignInAsync("suining");
        var daying = await app.SignInAsync("daying");
        var worker = await app.SignInAsync("worker");
        var me = await app.QueryAsync(db => db.Users.Where(u => u.UserName == "worker").Select(u => u.ScienceWorkerId).SingleAsync());
        var callName = $"遂宁市{year}年优秀科技工作者评选{token}";
        var call = Id(await (await suining.PostJsonAsync("/api/v1/honours/calls", new { name = callName, kind = "OutstandingTalent", year, regionCode = "5109", quota = 2 })).OkJsonAsync());
        var other = Id(await (await (await app.SignInAsync("shehong")).PostJsonAsync("/api/v1/honours/calls", new { name = $"射洪市{year}年优秀科技人才{token}", kind = "OutstandingTalent", year, regionCode = "510981" })).OkJsonAsync());
        var units = Id(await (await suining.PostJsonAsync("/api/v1/honours/calls", new { name = $"遂宁市{year}年优秀组织单位{token}", kind = "OrganizationHonour", year, regionCode = "5109" })).OkJsonAsync());

        // Before any nomination: the city's call is open to the worker (their city holds it); 射洪市's and the units' honour are not.
        var mine = await (await worker.GetAsync("/api/v1/honours/mine")).OkJsonAsync();
        Assert.True(mine["isScienceWorker"]!.GetValue<bool>());
        var open = mine["openCalls"]!.AsArray().Select(c => Id(c!)).ToList();
        Assert.Contains(call, open);
        Assert.DoesNotContain(other, open);
        Assert.DoesNotContain(units, open);
        Assert.DoesNotContain(mine["nominations"]!.AsArray(), n => n!["callId"]!.GetValue<string>() == call);
        Assert.Null(WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(suining), $"/Talent/Honours/Details/{call}"));
        Assert.False((await (await daying.GetAsync("/api/v1/honours/mine")).OkJsonAsync())["isScienceWorker"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/honours/mine")).StatusCode);

        // The county nominates the worker: the call leaves the open list and the nomination shows 已推荐; the city's workbench has it waiting.
        var nomination = Id(await (await daying.PostJsonAsync($"/api/v1/honours/calls/{call}/nominations", new { workerId = me, reason = "扎根基层推广农业技术" })).OkJsonAsync());
        mine = await (await worker.GetAsync("/api/v1/honours/mine")).OkJsonAsync();
        Assert.DoesNotContain(call, mine["openCalls"]!.AsArray().Select(c => Id(c!)));
        var own = Assert.Single(mine["nominations"]!.AsArray(), n => n!["callId"]!.GetValue<string>() == call)!;
        Assert.Equal("已推荐", own["statusName"]!.GetValue<string>());
        Assert.EndsWith("大英县", own["nominatedByRegionName"]!.GetValue<string>());
        var item = WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(suining), $"/Talent/Honours/Details/{call}");
        Assert.NotNull(item);
        Assert.Equal("待评选的荣誉推荐", WorkbenchSteps.Str(item!, "kindName"));
        Assert.Equal(callName, WorkbenchSteps.Str(item!, "title"));
        Assert.Equal("优秀科技人才：1名候选人待评选，名额2名", WorkbenchSteps.Str(item!, "note"));
        Assert.True((await (await suining.GetAsync("/api/v1/workbench/counts")).OkJsonAsync())["review"]!.GetValue<int>() >= 1);
        // The nominating county does not decide, so its workbench does not list it; nor does the worker's.
        Assert.Null(WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(daying), $"/Talent/Honours/Details/{call}"));
        Assert.Null(WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(worker), $"/Talent/Honours/Details/{call}"));

        // The worker's own profile shows the nomination with its state; another viewer of the profile does not get that card.
        var profile = await worker.GetStringAsync($"/Workers/Details/{me}");
        Assert.Contains("我的荣誉推荐", profile);
        Assert.Contains(callName, profile);
        Assert.Contains("已推荐", profile);
        Assert.DoesNotContain("我的荣誉推荐", await daying.GetStringAsync($"/Workers/Details/{me}"));

        // Decided: the worker sees 入选 and the item leaves the city's workbench.
        await (await suining.PostJsonAsync($"/api/v1/honours/nominations/{nomination}/decide", new { selected = true })).OkJsonAsync();
        mine = await (await worker.GetAsync("/api/v1/honours/mine")).OkJsonAsync();
        Assert.Equal("入选", Assert.Single(mine["nominations"]!.AsArray(), n => n!["callId"]!.GetValue<string>() == call)!["statusName"]!.GetValue<string>());
        Assert.Null(WorkbenchSteps.Item(await WorkbenchSteps.WorkbenchAsync(suining), $"/Talent/Honours/Details/{call}"));
        Assert.Contains("入选", await worker.GetStringAsync($"/Workers/Details/{me}"));
    }
}

public sealed class HonourSqliteTests(SqliteApp app) : HonourTests(app);

public sealed class HonourPostgresTests(PostgresApp app) : HonourTests(app);
