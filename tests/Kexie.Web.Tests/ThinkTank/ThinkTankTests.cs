using System.Net;
using System.Text.Json.Nodes;
using Kexie.Domain.Identity;
using Kexie.Domain.ThinkTank;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.ThinkTank;

/// <summary>智库与建言 through the real host: call → application → expert review → 立项 → 结题, proposals adopted or not, scope, bad input, D01/D02.</summary>
public abstract class ThinkTankTests(KexieApp app)
{
    private const string DaYing = "510923";
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Token() => Guid.NewGuid().ToString("N")[..8];

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static string Str(JsonNode node, string name) => node[name]!.GetValue<string>();

    [Fact]
    public async Task A_topic_goes_from_call_to_approval_and_conclusion_and_other_counties_cannot_touch_it()
    {
        var token = Token();
        var daying = await app.SignInAsync("daying");
        var shehong = await app.SignInAsync("shehong");
        var worker = await app.SignInAsync("worker");
        var anonymous = app.Anonymous();

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("daying-staff")).PostJsonAsync("/api/v1/think-tank/calls", new { title = "征集", regionCode = DaYing, deadline = ChinaToday })).StatusCode);
        await (await daying.PostJsonAsync("/api/v1/think-tank/calls", new { title = "征集", regionCode = DaYing, deadline = ChinaToday.AddDays(-1) })).AssertValidationProblemAsync("deadline");
        var call = await (await daying.PostJsonAsync("/api/v1/think-tank/calls", new { title = $"2026年度智库课题征集{token}", description = "围绕县域产业", regionCode = DaYing, deadline = ChinaToday.AddDays(30) })).OkJsonAsync();
        var callId = Id(call);
        Assert.True(call["acceptsApplications"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/think-tank/calls/{callId}")).StatusCode);

        var body = new { title = $"柠檬产业链延伸研究{token}", summary = "研究柠檬深加工与品牌建设", leaderName = "张教授", leaderOrganization = "遂宁职业技术学院", regionCode = DaYing };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync($"/api/v1/think-tank/calls/{callId}/topics", body)).StatusCode);
        await (await worker.PostJsonAsync($"/api/v1/think-tank/calls/{callId}/topics", body with { regionCode = "510981" })).AssertValidationProblemAsync("regionCode");
        await (await worker.PostJsonAsync($"/api/v1/think-tank/calls/{callId}/topics", body with { leaderName = "" })).AssertValidationProblemAsync("leaderName");
        var topic = await (await worker.PostJsonAsync($"/api/v1/think-tank/calls/{callId}/topics", body)).OkJsonAsync();
        var id = Id(topic);
        Assert.Equal("已申报", Str(topic, "statusName"));

        // Another county neither sees nor reviews it.
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.GetAsync($"/api/v1/think-tank/topics/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.PostJsonAsync($"/api/v1/think-tank/topics/{id}/reviews", new { expertName = "越权", score = 99 })).StatusCode);
        Assert.DoesNotContain((await (await shehong.GetAsync("/api/v1/think-tank/topics?pageSize=200")).OkJsonAsync())["items"]!.AsArray(), t => Id(t!) == id);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostJsonAsync($"/api/v1/think-tank/topics/{id}/reviews", new { expertName = "自评", score = 100 })).StatusCode);

        Assert.Equal(HttpStatusCode.Conflict, (await daying.PostAsync($"/api/v1/think-tank/topics/{id}/approve", null)).StatusCode);
        await (await daying.PostJsonAsync($"/api/v1/think-tank/topics/{id}/reviews", new { expertName = "李专家", score = 120 })).AssertValidationProblemAsync("score");
        await (await daying.PostJsonAsync($"/api/v1/think-tank/topics/{id}/reviews", new { expertName = "李专家", score = 90, opinion = "选题切合县情" })).OkJsonAsync();
        var reviewed = await (await daying.PostJsonAsync($"/api/v1/think-tank/topics/{id}/reviews", new { expertName = "王专家", score = 81 })).OkJsonAsync();
        Assert.Equal(85.5m, reviewed["averageScore"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostAsync($"/api/v1/think-tank/topics/{id}/withdraw", null)).StatusCode);
        var approved = await (await daying.PostAsync($"/api/v1/think-tank/topics/{id}/approve", null)).OkJsonAsync();
        Assert.Equal("已立项", Str(approved, "statusName"));
        await (await daying.PostJsonAsync($"/api/v1/think-tank/topics/{id}/conclude", new { result = "" })).AssertValidationProblemAsync("result");
        var concluded = await (await daying.PostJsonAsync($"/api/v1/think-tank/topics/{id}/conclude", new { result = "研究报告获县委主要领导批示" })).OkJsonAsync();
        Assert.Equal("已结题", Str(concluded, "statusName"));
        Assert.Equal("已结题", Str(await (await worker.GetAsync($"/api/v1/think-tank/topics/{id}")).OkJsonAsync(), "statusName"));

        var calls = await (await anonymous.GetAsync($"/api/v1/think-tank/calls?region={DaYing}")).OkJsonAsync();
        var listed = calls["items"]!.AsArray().Single(c => Id(c!) == callId)!;
        Assert.Equal((1, 1), (listed["topics"]!.GetValue<int>(), listed["approved"]!.GetValue<int>()));
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostAsync($"/api/v1/think-tank/calls/{callId}/close", null)).StatusCode);
        await (await daying.PostAsync($"/api/v1/think-tank/calls/{callId}/close", null)).OkJsonAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostJsonAsync($"/api/v1/think-tank/calls/{callId}/topics", body)).StatusCode);
    }

    [Fact]
    public async Task A_proposal_is_adopted_once_by_a_level_and_stays_private_to_its_region()
    {
        var token = Token();
        var daying = await app.SignInAsync("daying");
        var shehong = await app.SignInAsync("shehong");
        var worker = await app.SignInAsync("worker");
        var body = new { title = $"关于建设柠檬产业科技小院的建议{token}", content = "建议在蓬莱镇建设科技小院……", proposerName = "张工", proposerOrganization = "大英县农业农村局", regionCode = DaYing };
        await (await worker.PostJsonAsync("/api/v1/proposals", body with { title = "" })).AssertValidationProblemAsync("title");
        var proposal = await (await worker.PostJsonAsync("/api/v1/proposals", body)).OkJsonAsync();
        var id = Id(proposal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync($"/api/v1/proposals/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.GetAsync($"/api/v1/proposals/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.PostJsonAsync($"/api/v1/proposals/{id}/adopt", new { level = "County", adoptedBy = "射洪市人民政府" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostJsonAsync($"/api/v1/proposals/{id}/adopt", new { level = "County", adoptedBy = "自己" })).StatusCode);
        await (await daying.PostJsonAsync($"/api/v1/proposals/{id}/adopt", new { level = "Township", adoptedBy = "x" })).AssertValidationProblemAsync("level");
        await (await daying.PostJsonAsync($"/api/v1/proposals/{id}/adopt", new { level = "County", adoptedBy = "" })).AssertValidationProblemAsync("adoptedBy");
        var adopted = await (await daying.PostJsonAsync($"/api/v1/proposals/{id}/adopt", new { level = "City", adoptedBy = "遂宁市人民政府", note = "纳入市级规划" })).OkJsonAsync();
        Assert.Equal(("已采纳", "市级"), (Str(adopted, "statusName"), Str(adopted, "adoptionLevelName")));
        Assert.Equal(HttpStatusCode.Conflict, (await daying.PostJsonAsync($"/api/v1/proposals/{id}/decline", new { reason = "重复" })).StatusCode);
        var mine = await (await worker.GetAsync($"/api/v1/proposals?q={token}")).OkJsonAsync();
        Assert.Equal(1, mine["total"]!.GetValue<int>());
        Assert.Equal(0, (await (await shehong.GetAsync($"/api/v1/proposals?q={token}")).OkJsonAsync())["total"]!.GetValue<int>());
        Assert.Equal(ProposalStatus.Adopted, await app.QueryAsync(db => db.Proposals.Where(p => p.Id == Guid.Parse(id)).Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_pages_render_for_the_public_applicants_and_reviewers()
    {
        var token = Token();
        var daying = await app.SignInAsync("daying");
        var worker = await app.SignInAsync("worker");
        var callId = Id(await (await daying.PostJsonAsync("/api/v1/think-tank/calls", new { title = $"课题征集{token}", regionCode = DaYing, deadline = ChinaToday.AddDays(10) })).OkJsonAsync());
        var topicId = Id(await (await worker.PostJsonAsync($"/api/v1/think-tank/calls/{callId}/topics", new { title = $"课题{token}", summary = "内容", leaderName = "张教授", leaderOrganization = "某学院", regionCode = DaYing })).OkJsonAsync());
        var proposalId = Id(await (await worker.PostJsonAsync("/api/v1/proposals", new { title = $"建言{token}", content = "内容", proposerName = "张工", regionCode = DaYing })).OkJsonAsync());
        Assert.Contains(token, await app.Anonymous().GetStringAsync("/ThinkTank"));
        Assert.Contains("申报课题", await app.Anonymous().GetStringAsync($"/ThinkTank/Calls/{callId}"));
        Assert.Equal(HttpStatusCode.Redirect, (await app.Anonymous().GetAsync("/ThinkTank/Proposals")).StatusCode);
        foreach (var (url, text) in new[] { ($"/ThinkTank/Topics/{topicId}", "从专家库指派评审专家"), ($"/ThinkTank/Proposals/{proposalId}", "登记采纳"), ("/ThinkTank/Proposals", token), ($"/ThinkTank/Calls/{callId}", token) })
        {
            var response = await daying.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(text, await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("shehong")).GetAsync($"/ThinkTank/Topics/{topicId}")).StatusCode);
    }

    [Fact]
    public async Task D01_and_D02_count_approved_topics_and_adopted_proposals_by_CST_day()
    {
        // 红安县 421122; no other test writes here.
        var admin = new Actor("ind-tt", "测试管理员", UserRole.AssociationAdmin, "421122");
        DateTimeOffset At(int month, int day, int hour = 10) => new DateTimeOffset(2025, month, day, hour, 0, 0, Cst).ToUniversalTime();
        var call = ThinkTankCall.Open(new ThinkTankCallData("征集", null, "421122", new DateOnly(2025, 3, 31)), admin, At(3, 1));
        var approved = ThinkTankTopic.Apply(call, new ThinkTankTopicData("课题一", "内容", "甲", "单位", "421122001"), admin, At(3, 2));
        approved.ReviewBy("专家", 80, null, admin, At(3, 5));
        approved.Approve(admin, new DateTimeOffset(2025, 3, 31, 16, 30, 0, TimeSpan.Zero)); // 2025-04-01 00:30 CST
        var rejected = ThinkTankTopic.Apply(call, new ThinkTankTopicData("课题二", "内容", "乙", "单位", "421122"), admin, At(3, 2));
        rejected.Reject(admin, "不符合", At(3, 6));
        var adopted = Proposal.Submit(new ProposalData("建言一", "内容", "丙", null, "421122"), admin, At(5, 1));
        adopted.Adopt(AdoptionLevel.County, "红安县人民政府", null, admin, At(5, 20));
        var declined = Proposal.Submit(new ProposalData("建言二", "内容", "丁", null, "421122"), admin, At(5, 1));
        declined.Decline("不可行", admin, At(5, 21));
        await app.QueryAsync(async db =>
        {
            db.Add(call);
            await db.SaveChangesAsync();
            db.AddRange(approved, rejected, adopted, declined);
            return await db.SaveChangesAsync();
        });

        var hubei = await app.SignInAsync("admin");
        static Dictionary<string, decimal?> ValuesOf(JsonNode values) =>
            values["values"]!.AsArray().ToDictionary(v => v!["code"]!.GetValue<string>(), v => v!["value"]?.GetValue<decimal?>());
        var year = ValuesOf(await (await hubei.GetAsync("/api/v1/indicators/values?region=421122&period=2025")).OkJsonAsync());
        Assert.Equal((1m, 1m), (year["D01"]!.Value, year["D02"]!.Value));
        var march = ValuesOf(await (await hubei.GetAsync("/api/v1/indicators/values?region=421122&period=2025-03")).OkJsonAsync());
        Assert.Equal(0m, march["D01"]);
        var q2 = ValuesOf(await (await hubei.GetAsync("/api/v1/indicators/values?region=4211&period=2025Q2")).OkJsonAsync());
        Assert.Equal((1m, 1m), (q2["D01"]!.Value, q2["D02"]!.Value));
    }
}

public sealed class ThinkTankSqliteTests(SqliteApp app) : ThinkTankTests(app);

public sealed class ThinkTankPostgresTests(PostgresApp app) : ThinkTankTests(app);
