using System.Net;
using System.Text.Json.Nodes;
using Kexie.Web.Tests.Security;

namespace Kexie.Web.Tests.Talent;

/// <summary>
/// Nominations by a society: a call that takes societies' nominations lets a 学会's 会长 nominate the society's own members (a 404 naming
/// nothing for anyone else, or for a society they do not lead); the call's region reviews them like its own; the list says "由…推荐". In
/// 安居区 (510904) under 遂宁市's admin, with calls of years no other test uses.
/// </summary>
public abstract class HonourUnitNominationTests(KexieApp app)
{
    private const string Region = "510904";

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static string Str(JsonNode node, string name) => node[name]!.GetValue<string>();

    private async Task<(string WorkerId, HttpClient Client)> WorkerAccountAsync(HttpClient city, string name, string token)
    {
        var worker = Id(await (await city.PostJsonAsync("/api/v1/workers", new { name, gender = "Female", birthYear = 1980, employer = "遂宁市安居区人民医院", title = "高级", phone = KexieApp.NewPhone(), regionCode = Region, isPublicProfile = false })).OkJsonAsync());
        var login = $"un-{token}-{Random.Shared.Next(1000, 9999)}";
        await (await (await app.SignInAsync("admin")).PostJsonAsync("/api/v1/users", new { userName = login, displayName = name, password = "Kexie@2026", role = "ScienceWorker", regionCode = Region, scienceWorkerId = worker })).OkJsonAsync();
        return (worker, await app.SignInAsync(login, "Kexie@2026"));
    }

    [Fact]
    public async Task A_societys_chair_nominates_its_own_member_to_a_call_that_takes_societies_and_the_city_selects_it()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var city = await app.SignInAsync("suining");
        var society = Id(await (await city.PostJsonAsync("/api/v1/associations", new { name = $"安居区医学会{token}", kind = "Society", regionCode = Region, establishedOn = "1995-01-01" })).OkJsonAsync());
        var other = Id(await (await city.PostJsonAsync("/api/v1/associations", new { name = $"安居区农学会{token}", kind = "Society", regionCode = Region })).OkJsonAsync());
        var (chairWorker, chair) = await WorkerAccountAsync(city, $"会长{token}", token);
        var (memberWorker, member) = await WorkerAccountAsync(city, $"会员{token}", token);
        var (outsiderWorker, _) = await WorkerAccountAsync(city, $"非会员{token}", token);
        var (otherMember, _) = await WorkerAccountAsync(city, $"农学会员{token}", token);
        await (await city.PostJsonAsync($"/api/v1/associations/{society}/members", new { scienceWorkerId = chairWorker, role = "Chair" })).OkJsonAsync();
        await (await city.PostJsonAsync($"/api/v1/associations/{society}/members", new { scienceWorkerId = memberWorker, role = "Member" })).OkJsonAsync();
        await (await city.PostJsonAsync($"/api/v1/associations/{other}/members", new { scienceWorkerId = otherMember, role = "Member" })).OkJsonAsync();

        var open = Id(await (await city.PostJsonAsync("/api/v1/honours/calls", new { name = $"遂宁市2006年优秀科技工作者评选{token}", kind = "OutstandingTalent", year = 2006, regionCode = "5109", quota = 5, allowsUnitNominations = true })).OkJsonAsync());
        var closedToUnits = Id(await (await city.PostJsonAsync("/api/v1/honours/calls", new { name = $"遂宁市2006年青年科技奖评选{token}", kind = "YouthScienceAward", year = 2006, regionCode = "5109" })).OkJsonAsync());
        await (await city.PostJsonAsync("/api/v1/honours/calls", new { name = $"优秀组织单位{token}", kind = "OrganizationHonour", year = 2006, regionCode = "5109", allowsUnitNominations = true })).AssertValidationProblemAsync("allowsUnitNominations");

        var url = $"/api/v1/honours/calls/{open}/unit-nominations";
        // Its own member only; another society's member, a non-member and a society it does not lead are not found, naming nothing.
        foreach (var (association, worker) in new[] { (society, outsiderWorker), (society, otherMember), (other, otherMember) })
        {
            var refused = await chair.PostJsonAsync(url, new { associationId = association, workerId = worker, reason = "越权推荐" });
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            var body = await refused.Content.ReadAsStringAsync();
            Assert.DoesNotContain($"非会员{token}", body);
            Assert.DoesNotContain($"农学会员{token}", body);
            Assert.DoesNotContain($"安居区农学会{token}", body);
        }

        // A plain member leads nothing; the call without societies refuses; the reason is required.
        Assert.Equal(HttpStatusCode.NotFound, (await member.PostJsonAsync(url, new { associationId = society, workerId = memberWorker, reason = "自荐" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await chair.PostJsonAsync($"/api/v1/honours/calls/{closedToUnits}/unit-nominations", new { associationId = society, workerId = memberWorker, reason = "推荐" })).StatusCode);
        await (await chair.PostJsonAsync(url, new { associationId = society, workerId = memberWorker, reason = " " })).AssertValidationProblemAsync("reason");
        var nomination = await (await chair.PostJsonAsync(url, new { associationId = society, workerId = memberWorker, reason = "长期扎根基层，开展新技术新项目12项" })).OkJsonAsync();
        Assert.Equal($"由安居区医学会{token}推荐", Str(nomination, "nominatedBy"));
        await (await chair.PostJsonAsync(url, new { associationId = society, workerId = memberWorker, reason = "再推荐" })).AssertValidationProblemAsync("workerId");

        // The chair follows the society's own nomination while it waits; a plain member of the society sees no pending one.
        var followed = (await (await chair.GetAsync($"/api/v1/honours/calls/{open}/nominations")).OkJsonAsync()).AsArray();
        Assert.Equal("已推荐", Str(Assert.Single(followed, n => Id(n!) == Id(nomination))!, "statusName"));
        Assert.DoesNotContain((await (await member.GetAsync($"/api/v1/honours/calls/{open}/nominations")).OkJsonAsync()).AsArray(), n => Id(n!) == Id(nomination));

        // The city reviews it as its own: it sees the society's nomination and selects it.
        var listed = (await (await city.GetAsync($"/api/v1/honours/calls/{open}/nominations")).OkJsonAsync()).AsArray();
        var row = Assert.Single(listed, n => Id(n!) == Id(nomination))!;
        Assert.Equal("长期扎根基层，开展新技术新项目12项", Str(row, "reason"));
        var decided = await (await city.PostJsonAsync($"/api/v1/honours/nominations/{Id(nomination)}/decide", new { selected = true })).OkJsonAsync();
        Assert.Equal("入选", Str(decided, "statusName"));

        // The call's page says who nominated, and offers the chair the society's members.
        var page = await city.GetStringAsync($"/Talent/Honours/Details/{open}");
        Assert.Contains($"由安居区医学会{token}推荐", page);
        var chairPage = await chair.GetStringAsync($"/Talent/Honours/Details/{open}");
        Assert.Contains("id=\"unit-nomination-form\"", chairPage);
        Assert.Contains($"安居区医学会{token}：会员{token}", chairPage);
        Assert.DoesNotContain($"农学会员{token}", chairPage);
        Assert.DoesNotContain("id=\"unit-nomination-form\"", await chair.GetStringAsync($"/Talent/Honours/Details/{closedToUnits}"));

        // The page's form: an empty choice is shown next to the field.
        var html = chairPage;
        var refusedPage = await chair.PostAsync($"/Talent/Honours/Details/{open}?handler=Unit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = LoginTestSupport.TokenOf(html), ["Unit.Member"] = "", ["Unit.Reason"] = "推荐",
        }));
        Assert.Equal(HttpStatusCode.OK, refusedPage.StatusCode);
        Assert.Contains("请选择推荐的会员", await refusedPage.Content.ReadAsStringAsync());
    }
}

public sealed class HonourUnitNominationSqliteTests(SqliteApp app) : HonourUnitNominationTests(app);

public sealed class HonourUnitNominationPostgresTests(PostgresApp app) : HonourUnitNominationTests(app);
