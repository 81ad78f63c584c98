using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Popularization;

/// <summary>活动统计 of mass events through the real host: the demo's 科技活动周 figures, tallies by township summed up the tree, scope, the page.</summary>
public abstract class EventTallyTests(KexieApp app)
{
    private const string DaYing = "510923";

    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static long Long(JsonNode node, string name) => node[name]!.GetValue<long>();

    [Fact]
    public async Task The_demo_science_week_adds_up_across_townships_like_the_report()
    {
        var anonymous = app.Anonymous();
        var week = await (await anonymous.GetAsync($"/api/v1/popularization-activities/statistics?region={DaYing}&year=2025&kind=ScienceWeek")).OkJsonAsync();
        var totals = week["totals"]!;
        Assert.Equal(206, Long(totals, "sessions"));
        Assert.Equal(81200, Long(totals, "participants"));
        Assert.Equal(1030, Long(totals, "boards"));
        Assert.Equal(
            "2025年科技活动周期间，共开展活动206场次，参与群众81200人次，展出宣传展板1030块，接受群众咨询200人次，发放宣传资料600份，赠送科普实物25000件、科普丛书30150册。",
            week["summary"]!.GetValue<string>());
        Assert.Equal("科技活动周", week["kindName"]!.GetValue<string>());

        // By the next level: the county's own tally and its townships', which sum to the whole.
        var byRegion = week["byRegion"]!.AsArray();
        Assert.True(byRegion.Count > 2);
        Assert.Equal(81200, byRegion.Sum(r => Long(r!, "participants")));
        Assert.Contains(byRegion, r => r!["name"]!.GetValue<string>() == "本级");
        var township = byRegion.First(r => r!["key"]!.GetValue<string>().Length == 9)!;
        var one = await (await anonymous.GetAsync($"/api/v1/popularization-activities/statistics?region={township["key"]!.GetValue<string>()}&year=2025&kind=ScienceWeek")).OkJsonAsync();
        Assert.Equal(Long(township, "participants"), Long(one["totals"]!, "participants"));

        // The city sees the county's figures; registrations checked in are reported beside the tallies.
        var city = await (await anonymous.GetAsync("/api/v1/popularization-activities/statistics?region=5109&year=2025&kind=ScienceWeek")).OkJsonAsync();
        Assert.Equal(81200, Long(city["totals"]!, "participants"));
        Assert.True(Long(week, "checkedIn") > 0);

        await (await anonymous.GetAsync($"/api/v1/popularization-activities/statistics?year=2025")).AssertValidationProblemAsync("region");
    }

    [Fact]
    public async Task Staff_tally_their_places_and_other_counties_cannot()
    {
        var staff = await app.SignInAsync("daying-staff");
        var shehong = await app.SignInAsync("shehong");
        var worker = await app.SignInAsync("worker");
        var today = ChinaToday;
        var activity = Id(await (await staff.PostJsonAsync("/api/v1/popularization-activities", new { kind = "NationalScienceDay", title = $"全国科普日{Guid.NewGuid():N}"[..20], regionCode = DaYing, venue = "人民广场", startsOn = today.AddDays(-1), endsOn = today })).OkJsonAsync());
        var township = await app.QueryAsync(db => db.Regions.Where(r => r.ParentCode == DaYing).OrderBy(r => r.Code).Select(r => r.Code).FirstAsync());

        var body = new { regionCode = township, day = today, sessions = 3, participants = 1200, consultations = 200, materials = 600, boards = 20 };
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostJsonAsync($"/api/v1/popularization-activities/{activity}/tallies", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostJsonAsync($"/api/v1/popularization-activities/{activity}/tallies", body)).StatusCode);
        await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{activity}/tallies", body)).OkJsonAsync();
        await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{activity}/tallies", new { regionCode = "510981", day = today, sessions = 1, participants = 1 })).AssertValidationProblemAsync("regionCode");
        await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{activity}/tallies", new { day = today.AddDays(-5), sessions = 1, participants = 1 })).AssertValidationProblemAsync("day");
        var own = await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{activity}/tallies", new { day = today, sessions = 1, participants = 300, books = 50 })).OkJsonAsync();
        Assert.EndsWith("大英县", own["regionName"]!.GetValue<string>());

        var list = (await (await app.Anonymous().GetAsync($"/api/v1/popularization-activities/{activity}/tallies")).OkJsonAsync()).AsArray();
        Assert.Equal(2, list.Count);
        Assert.Equal(1500, list.Sum(t => t!["participants"]!.GetValue<int>()));

        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.DeleteAsync($"/api/v1/popularization-activities/{activity}/tallies/{Id(own)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"/api/v1/popularization-activities/{activity}/tallies/{Id(own)}")).StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.EventTallies.CountAsync(t => t.ActivityId == Guid.Parse(activity))));

        var html = await staff.GetStringAsync($"/Popularization/Activities/Details/{activity}");
        Assert.Contains("tally-form", html);
        Assert.Contains("合计：3 场次，参与 1200 人次", html);
        var publicHtml = await app.Anonymous().GetStringAsync($"/Popularization/Activities/Details/{activity}");
        Assert.Contains("活动统计", publicHtml);
        Assert.DoesNotContain("tally-form", publicHtml);
    }
}

public sealed class EventTallySqliteTests(SqliteApp app) : EventTallyTests(app);

public sealed class EventTallyPostgresTests(PostgresApp app) : EventTallyTests(app);
