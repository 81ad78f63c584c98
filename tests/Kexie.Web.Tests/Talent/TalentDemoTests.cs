using System.Text.Json.Nodes;

namespace Kexie.Web.Tests.Talent;

/// <summary>The demo county's talent records say what the seeds say: the contest's 827 works and 85 sent upward, the honours, the workstations of 2025.</summary>
public abstract class TalentDemoTests(KexieApp app)
{
    private const string DaYing = "510923";

    [Fact]
    public async Task The_demo_county_has_the_seeds_contest_honours_and_workstations_of_2025()
    {
        var contest = await (await app.Anonymous().GetAsync($"/api/v1/contests/statistics?region={DaYing}&year=2025")).OkJsonAsync();
        Assert.StartsWith("2025年，大英县青少年科技创新大赛共收获827件作品，推荐85件作品参加四川省第35届青少年科技创新大赛", contest["summary"]!.GetValue<string>());

        // The province's edition holds the 85 works the county sent, each from a school of 大英县.
        var contests = (await (await app.Anonymous().GetAsync("/api/v1/contests?region=51&year=2025&q=四川省第35届")).OkJsonAsync())["items"]!.AsArray();
        var province = Assert.Single(contests)!["id"]!.GetValue<string>();
        var sichuan = await app.SignInAsync("sichuan");
        var entries = await (await sichuan.GetAsync($"/api/v1/contests/{province}/entries?pageSize=100")).OkJsonAsync();
        Assert.Equal(85, entries["total"]!.GetValue<int>());

        var honours = await (await app.Anonymous().GetAsync($"/api/v1/honours/statistics?region={DaYing}&year=2025")).OkJsonAsync();
        Assert.Contains("2名同志入选青年科技人才托举工程", honours["summary"]!.GetValue<string>());
        Assert.Contains("10名同志入选", honours["summary"]!.GetValue<string>());

        var stations = await (await app.Anonymous().GetAsync($"/api/v1/workstations/statistics?region={DaYing}&year=2025")).OkJsonAsync();
        int FoundedIn(string kind) => stations["byKind"]!.AsArray().Single(k => k!["kind"]!.GetValue<string>() == kind)!["foundedInYear"]!.GetValue<int>();
        Assert.Equal(1, FoundedIn("AcademicianWorkstation"));
        Assert.Equal(3, FoundedIn("ScienceCourtyard"));
        Assert.Equal(7, FoundedIn("CooperationProject"));
    }
}

public sealed class TalentDemoSqliteTests(SqliteApp app) : TalentDemoTests(app);

public sealed class TalentDemoPostgresTests(PostgresApp app) : TalentDemoTests(app);
