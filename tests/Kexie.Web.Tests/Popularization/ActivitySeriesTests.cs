using System.Net;
using System.Text.Json.Nodes;
using Kexie.Domain.Indicators;
using Kexie.Web.Features.Popularization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Popularization;

/// <summary>
/// 活动系列 (科技活动周, 全国科普日… of a region and year): townships' activities join their county's series, whose page sums their
/// tallies and registrations by township; the demo county's 科技活动周 is one series and the report reads its sentence from it.
/// </summary>
public abstract class ActivitySeriesTests(KexieApp app)
{
    private const string DaYing = "510923";
    private const string SheHong = "510981";

    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static long Long(JsonNode node, string name) => node[name]!.GetValue<long>();

    [Fact]
    public async Task The_demo_science_week_is_one_series_summed_by_township_and_the_report_reads_it()
    {
        var list = (await (await app.Anonymous().GetAsync($"/api/v1/activity-series?region={DaYing}&year=2025")).OkJsonAsync()).AsArray();
        var week = Assert.Single(list, s => s!["kind"]!.GetValue<string>() == "ScienceWeek" && s["regionCode"]!.GetValue<string>() == DaYing)!;
        Assert.Equal("2025年全国科技活动周暨大英县第三十届科普宣传周", week["name"]!.GetValue<string>());
        var details = await (await app.Anonymous().GetAsync($"/api/v1/activity-series/{Id(week)}")).OkJsonAsync();
        var totals = details["totals"]!;
        Assert.Equal(206, Long(totals, "sessions"));
        Assert.Equal(81200, Long(totals, "participants"));
        Assert.Equal(1030, Long(totals, "boards"));
        var byPlace = details["byPlace"]!.AsArray();
        Assert.True(byPlace.Count > 2);
        Assert.Equal("本级", byPlace[0]!["name"]!.GetValue<string>());
        Assert.Equal(81200, byPlace.Sum(p => Long(p!, "participants")));
        Assert.All(byPlace.Skip(1), p => Assert.Equal(9, p!["key"]!.GetValue<string>().Length));
        var summary = "2025年全国科技活动周暨大英县第三十届科普宣传周期间，共开展活动206场次，参与群众81200人次，展出宣传展板1030块，接受群众咨询200人次，发放宣传资料600份，赠送科普实物25000件、科普丛书30150册。";
        Assert.Equal(summary, details["summary"]!.GetValue<string>());

        // The demo's 2020 week is a series of its own, and every science week of the county is in one.
        Assert.Single((await (await app.Anonymous().GetAsync($"/api/v1/activity-series?region={DaYing}&year=2020")).OkJsonAsync()).AsArray());
        Assert.False(await app.QueryAsync(db => db.PopularizationActivities.AnyAsync(a => a.RegionCode == DaYing && a.Kind == Kexie.Domain.Popularization.ActivityKind.ScienceWeek && a.SeriesId == null && a.StartsOn <= new DateOnly(2025, 12, 31))));

        await using var scope = app.Services.CreateAsyncScope();
        var report = scope.ServiceProvider.GetRequiredService<PopularizationReport>();
        var sentences = await report.SentencesAsync(DaYing, new DayRange(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)), CancellationToken.None);
        Assert.Contains(summary, sentences);

        var html = await app.Anonymous().GetStringAsync($"/Popularization/Series/Details/{Id(week)}");
        Assert.Contains("series-by-place", html);
        Assert.Contains(summary, html);
        Assert.Contains("2025年大英县科技活动周", html);
        Assert.Contains("2025年全国科技活动周暨大英县第三十届科普宣传周", await app.Anonymous().GetStringAsync("/Popularization/Series?region=510923"));
    }

    [Fact]
    public async Task Townships_activities_join_the_county_series_and_add_up_by_township()
    {
        var staff = await app.SignInAsync("daying-staff");
        var shehong = await app.SignInAsync("shehong");
        var token = Guid.NewGuid().ToString("N")[..8];
        var today = ChinaToday;
        var body = new { regionCode = DaYing, name = $"{today.Year}年大英县科普月{token}", kind = "Other", startsOn = today.AddDays(-1), endsOn = today };
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostJsonAsync("/api/v1/activity-series", body)).StatusCode);
        var series = await (await staff.PostJsonAsync("/api/v1/activity-series", body)).OkJsonAsync();
        await (await staff.PostJsonAsync("/api/v1/activity-series", body)).AssertValidationProblemAsync("name");
        await (await staff.PostJsonAsync("/api/v1/activity-series", new { regionCode = DaYing, name = $"无日期{token}", kind = "Other" })).AssertValidationProblemAsync("startsOn");

        var towns = await app.QueryAsync(db => db.Regions.Where(r => r.ParentCode == DaYing).OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).Take(2).ToListAsync());
        async Task<string> ActivityAsync(string town, int sessions, int participants, int materials)
        {
            var activity = Id(await (await staff.PostJsonAsync("/api/v1/popularization-activities", new
            {
                kind = "Campaign", title = $"科普月{town}{token}", regionCode = town, venue = "镇文化站", startsOn = today, endsOn = today, seriesId = Id(series),
            })).OkJsonAsync());
            await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{activity}/tallies", new { day = today, sessions, participants, materials })).OkJsonAsync();
            return activity;
        }

        var first = await ActivityAsync(towns[0].Code, 3, 500, 0);
        await ActivityAsync(towns[1].Code, 2, 200, 300);
        await (await app.Anonymous().PostJsonAsync($"/api/v1/popularization-activities/{first}/registrations", new { name = "张群众", phone = KexieApp.NewPhone() })).OkJsonAsync();

        // Another county's activity cannot join; nor one of another year.
        var foreign = await shehong.PostJsonAsync("/api/v1/popularization-activities", new { kind = "Campaign", title = $"射洪科普月{token}", regionCode = SheHong, venue = "广场", startsOn = today, endsOn = today, seriesId = Id(series) });
        await foreign.AssertValidationProblemAsync("seriesId");
        await (await staff.PostJsonAsync("/api/v1/popularization-activities", new { kind = "Campaign", title = $"往年{token}", regionCode = DaYing, venue = "广场", startsOn = new DateOnly(today.Year - 1, 6, 1), seriesId = Id(series) }))
            .AssertValidationProblemAsync("seriesId");
        await (await staff.PostJsonAsync("/api/v1/popularization-activities", new { kind = "Campaign", title = $"无此系列{token}", regionCode = DaYing, venue = "广场", startsOn = today, seriesId = Guid.NewGuid() }))
            .AssertValidationProblemAsync("seriesId");

        var details = await (await app.Anonymous().GetAsync($"/api/v1/activity-series/{Id(series)}")).OkJsonAsync();
        Assert.Equal(2, details["activityList"]!.AsArray().Count);
        var totals = details["totals"]!;
        Assert.Equal((5L, 700L, 300L, 1L), (Long(totals, "sessions"), Long(totals, "participants"), Long(totals, "materials"), Long(totals, "registered")));
        var byPlace = details["byPlace"]!.AsArray();
        Assert.Equal([towns[0].Code, towns[1].Code], byPlace.Select(p => p!["key"]!.GetValue<string>()));
        Assert.Equal(towns[0].Name.Split(' ').Last(), byPlace[0]!["name"]!.GetValue<string>());
        Assert.Equal((500L, 1), (Long(byPlace[0]!, "participants"), byPlace[0]!["registered"]!.GetValue<int>()));
        Assert.Contains("共开展活动5场次，参与群众700人次，发放宣传资料300份", details["summary"]!.GetValue<string>());

        // The activity shows its series and the form offers it; the series' managers edit it (region and year stay).
        var activityHtml = await app.Anonymous().GetStringAsync($"/Popularization/Activities/Details/{first}");
        Assert.Contains($"所属活动系列：<a href=\"/Popularization/Series/Details/{Id(series)}\">{today.Year}年大英县科普月{token}</a>", activityHtml);
        Assert.Contains($"value=\"{Id(series)}\" selected=\"selected\"", await staff.GetStringAsync($"/Popularization/Activities/Edit/{first}"));
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PutJsonAsync($"/api/v1/activity-series/{Id(series)}", body)).StatusCode);
        await (await staff.PutJsonAsync($"/api/v1/activity-series/{Id(series)}", new { regionCode = DaYing, year = today.Year - 1, name = "改年份", kind = "Other", startsOn = new DateOnly(today.Year - 1, 5, 1) }))
            .AssertValidationProblemAsync("year");
        var renamed = await (await staff.PutJsonAsync($"/api/v1/activity-series/{Id(series)}", new { regionCode = DaYing, year = today.Year, name = $"科普月改名{token}", kind = "Other", startsOn = today.AddDays(-1), endsOn = today })).OkJsonAsync();
        Assert.Equal(2, renamed["activities"]!.GetValue<int>());
        var page = await staff.GetStringAsync($"/Popularization/Series/Details/{Id(series)}");
        Assert.Contains("series-edit-form", page);
        Assert.DoesNotContain("series-edit-form", await app.Anonymous().GetStringAsync($"/Popularization/Series/Details/{Id(series)}"));
    }
}

public sealed class ActivitySeriesSqliteTests(SqliteApp app) : ActivitySeriesTests(app);

public sealed class ActivitySeriesPostgresTests(PostgresApp app) : ActivitySeriesTests(app);
