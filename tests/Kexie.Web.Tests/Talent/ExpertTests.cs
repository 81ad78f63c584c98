using System.Net;
using System.Text.Json.Nodes;
using Kexie.Matching;
using Kexie.Web.Features.Matching;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Talent;

/// <summary>专家库 through the real host: admit, edit, withdraw, reinstate; scope; bad input; experts in the match index.</summary>
public abstract class ExpertTests(KexieApp app)
{
    private const string DaYing = "510923";

    private MatchIndexHost Host => app.Services.GetRequiredService<MatchIndexHost>();

    private static string Token() => Guid.NewGuid().ToString("N")[..8];

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static string Phone() => $"139{Random.Shared.Next(10_000_000, 99_999_999)}";

    private static object Worker(string name, string region, bool isPublic = true) => new
    {
        name,
        gender = "Male",
        birthYear = 1978,
        employer = "大英县农业技术推广中心",
        title = "高级农艺师",
        disciplineCodes = new[] { "21030" },
        education = "大学本科",
        phone = Phone(),
        regionCode = region,
        isPublicProfile = isPublic,
    };

    private async Task<string> WorkerAsync(string login, string name, string region, bool isPublic = true) =>
        Id(await (await (await app.SignInAsync(login)).PostJsonAsync("/api/v1/workers", Worker(name, region, isPublic))).OkJsonAsync());

    [Fact]
    public async Task An_admin_admits_edits_withdraws_and_reinstates_an_expert_and_others_only_see_the_public_entry()
    {
        var token = Token();
        var daying = await app.SignInAsync("daying");
        var workerId = await WorkerAsync("daying", $"孙植保{token}", "510923105");
        var body = new { workerId, level = "County", expertise = $"柑橘黄龙病综合防控{token}", researchDirections = new[] { "黄龙病", "木虱防治" }, profile = "长期在基层从事植保。" };

        // Bad input names the field; staff and other counties may not admit.
        await (await daying.PostJsonAsync("/api/v1/experts", body with { expertise = " " })).AssertValidationProblemAsync("expertise");
        await (await daying.PostJsonAsync("/api/v1/experts", body with { researchDirections = Array.Empty<string>() })).AssertValidationProblemAsync("researchDirections");
        await (await daying.PostJsonAsync("/api/v1/experts", new { workerId, expertise = "植保", researchDirections = new[] { "植保" } })).AssertValidationProblemAsync("level");
        await (await daying.PostJsonAsync("/api/v1/experts", body with { workerId = Guid.NewGuid().ToString() })).AssertValidationProblemAsync("workerId");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("daying-staff")).PostJsonAsync("/api/v1/experts", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("shehong")).PostJsonAsync("/api/v1/experts", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostJsonAsync("/api/v1/experts", body)).StatusCode);

        var created = await (await daying.PostJsonAsync("/api/v1/experts", body)).OkJsonAsync();
        var id = Id(created);
        Assert.Equal("510923105", created["regionCode"]!.GetValue<string>());
        Assert.Equal(["黄龙病", "木虱防治"], created["researchDirections"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Null(created["phone"]);
        // One entry per worker.
        await (await daying.PostJsonAsync("/api/v1/experts", body)).AssertValidationProblemAsync("workerId");

        // The public finds it; a city admin above may edit it.
        var listed = await (await app.Anonymous().GetAsync($"/api/v1/experts?q={token}")).OkJsonAsync();
        Assert.Equal(id, Id(Assert.Single(listed["items"]!.AsArray())!));
        var edited = await (await (await app.SignInAsync("suining")).PutJsonAsync($"/api/v1/experts/{id}", body with { level = "Municipal" })).OkJsonAsync();
        Assert.Equal("Municipal", edited["level"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("shehong")).PutJsonAsync($"/api/v1/experts/{id}", body)).StatusCode);

        // Withdrawing needs a reason; then only its region's managers see it.
        await (await daying.PostJsonAsync($"/api/v1/experts/{id}/withdraw", new { reason = "" })).AssertValidationProblemAsync("reason");
        var withdrawn = await (await daying.PostJsonAsync($"/api/v1/experts/{id}/withdraw", new { reason = "调离本县" })).OkJsonAsync();
        Assert.Equal("Withdrawn", withdrawn["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await daying.PostJsonAsync($"/api/v1/experts/{id}/withdraw", new { reason = "再次" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/api/v1/experts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("shehong")).GetAsync($"/api/v1/experts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("daying-staff")).GetAsync($"/api/v1/experts/{id}")).StatusCode);
        var reinstated = await (await daying.PostAsync($"/api/v1/experts/{id}/reinstate", null)).OkJsonAsync();
        Assert.Equal("Active", reinstated["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_private_workers_entry_is_not_public_and_a_worker_outside_the_county_cannot_be_admitted()
    {
        var token = Token();
        var daying = await app.SignInAsync("daying");
        var privateWorker = await WorkerAsync("daying", $"钱保密{token}", DaYing, isPublic: false);
        var id = Id(await (await daying.PostJsonAsync("/api/v1/experts", new { workerId = privateWorker, level = "County", expertise = $"生猪疫病防控{token}", researchDirections = new[] { "非洲猪瘟" } })).OkJsonAsync());
        Assert.Empty((await (await app.Anonymous().GetAsync($"/api/v1/experts?q={token}")).OkJsonAsync())["items"]!.AsArray());
        Assert.Equal(id, Id((await (await daying.GetAsync($"/api/v1/experts?q={token}")).OkJsonAsync())["items"]!.AsArray().Single()!));

        var sheHongWorker = await WorkerAsync("shehong", $"周射洪{token}", "510981", isPublic: true);
        Assert.Equal(HttpStatusCode.Forbidden, (await daying.PostJsonAsync("/api/v1/experts", new { workerId = sheHongWorker, level = "County", expertise = "植保", researchDirections = new[] { "植保" } })).StatusCode);
    }

    [Fact]
    public async Task An_expert_is_matched_to_a_need_as_an_expert_and_leaves_the_index_when_withdrawn()
    {
        var token = Token();
        var daying = await app.SignInAsync("daying");
        var workerId = await WorkerAsync("daying", $"郑柠檬{token}", DaYing);
        var expertise = $"柠檬溃疡病与裂果防治{token}";
        var id = Id(await (await daying.PostJsonAsync("/api/v1/experts", new { workerId, level = "Provincial", expertise, researchDirections = new[] { "柠檬溃疡病", "柠檬裂果" }, profile = "柠檬园病害诊断与防治。" })).OkJsonAsync());
        await Host.PollOnceAsync();

        var found = Host.Index.Search(new MatchQuery { Text = $"柠檬溃疡病防治{token}", Kinds = [DocumentKind.Expert] });
        Assert.Equal(MatchIds.Expert(Guid.Parse(workerId)), found[0].Id);
        Assert.Contains(token, found[0].Title);

        // Through the API, a need's matches list the expert with its kind and title.
        var enterprise = await app.SignInAsync("enterprise");
        var needId = Id(await (await enterprise.PostJsonAsync("/api/v1/needs", new
        {
            title = $"柠檬园溃疡病防治{token}",
            problem = "基地柠檬溃疡病和裂果严重，需要专家现场诊断和防治方案。",
            industryCodes = new[] { "0151" },
            disciplineCodes = new[] { "21030" },
            regionCode = DaYing,
            visibility = "Public",
        })).OkJsonAsync());
        var matches = (await (await enterprise.GetAsync($"/api/v1/needs/{needId}/matches")).OkJsonAsync())["items"]!.AsArray();
        var expert = matches.Single(m => m!["kind"]!.GetValue<string>() == "Expert" && m["id"]!.GetValue<string>() == workerId)!;
        Assert.Contains(expertise, expert["title"]!.GetValue<string>());

        await (await daying.PostJsonAsync($"/api/v1/experts/{id}/withdraw", new { reason = "本人申请退出" })).OkJsonAsync();
        await Host.PollOnceAsync();
        Assert.False(Host.Index.Contains(MatchIds.Expert(Guid.Parse(workerId))));

        // Deleting the worker deletes the entry and its document.
        await (await daying.PostAsync($"/api/v1/experts/{id}/reinstate", null)).OkJsonAsync();
        await Host.PollOnceAsync();
        Assert.True(Host.Index.Contains(MatchIds.Expert(Guid.Parse(workerId))));
        Assert.Equal(HttpStatusCode.NoContent, (await daying.DeleteAsync($"/api/v1/workers/{workerId}")).StatusCode);
        await Host.PollOnceAsync();
        Assert.False(Host.Index.Contains(MatchIds.Expert(Guid.Parse(workerId))));
        Assert.Equal(HttpStatusCode.NotFound, (await daying.GetAsync($"/api/v1/experts/{id}")).StatusCode);
    }
}

/// <summary>你可以承接的需求 for a worker in the 专家库 reads the expert entry.</summary>
public abstract class ExpertRecommendationTests(KexieApp app)
{
    private MatchIndexHost Host => app.Services.GetRequiredService<MatchIndexHost>();

    [Fact]
    public async Task An_experts_needs_to_serve_are_found_by_the_expertise_not_only_the_title_and_employer()
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        var daying = await app.SignInAsync("daying");
        var workerId = (await (await daying.PostJsonAsync("/api/v1/workers", new
        {
            name = $"冯果树{token}",
            gender = "Male",
            employer = "大英县林业和草原局",
            title = "高级工程师",
            disciplineCodes = new[] { "22010" },
            phone = $"137{Random.Shared.Next(10_000_000, 99_999_999)}",
            regionCode = "510923",
            isPublicProfile = true,
        })).OkJsonAsync())["id"]!.GetValue<string>();

        var enterprise = await app.SignInAsync("enterprise");
        var needId = (await (await enterprise.PostJsonAsync("/api/v1/needs", new
        {
            title = $"猕猴桃溃疡病冬季清园{token}",
            problem = "猕猴桃溃疡病发病重，需要冬季清园和药剂防治方案。",
            industryCodes = new[] { "0151" },
            regionCode = "510923",
            visibility = "Public",
        })).OkJsonAsync())["id"]!.GetValue<string>();
        await (await enterprise.PostAsync($"/api/v1/needs/{needId}/submit", null)).OkJsonAsync();
        await (await daying.PostAsync($"/api/v1/needs/{needId}/publish", null)).OkJsonAsync();
        await Host.PollOnceAsync();

        async Task<JsonNode?> Recommended() => (await (await daying.GetAsync($"/api/v1/workers/{workerId}/recommended-needs?top=50")).OkJsonAsync())["items"]!
            .AsArray().FirstOrDefault(i => i!["id"]!.GetValue<string>() == needId);
        var before = await Recommended();
        Assert.True(before is null || !before["matchedTerms"]!.AsArray().Any(t => t!.GetValue<string>() == "猕猴桃"));

        await (await daying.PostJsonAsync("/api/v1/experts", new { workerId, level = "County", expertise = "猕猴桃溃疡病综合防控", researchDirections = new[] { "猕猴桃溃疡病", "果园清园" } })).OkJsonAsync();
        var after = await Recommended();
        Assert.NotNull(after);
        Assert.Contains(after["matchedTerms"]!.AsArray(), t => t!.GetValue<string>() == "猕猴桃");
    }
}

public sealed class ExpertRecommendationSqliteTests(SqliteApp app) : ExpertRecommendationTests(app);

public sealed class ExpertRecommendationPostgresTests(PostgresApp app) : ExpertRecommendationTests(app);

public sealed class ExpertSqliteTests(SqliteApp app) : ExpertTests(app);

public sealed class ExpertPostgresTests(PostgresApp app) : ExpertTests(app);
