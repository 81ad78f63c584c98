using System.Net;
using System.Text.Json.Nodes;
using Kexie.Domain.Indicators;
using Kexie.Web.Features.Popularization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Popularization;

/// <summary>公民具备科学素质比例 against the 纲要 target through the real host: the demo's results, staff records and scope, the page, the report.</summary>
public abstract class LiteracyTests(KexieApp app)
{
    private const string DaYing = "510923";

    private static decimal Dec(JsonNode node, string name) => node[name]!.GetValue<decimal>();

    [Fact]
    public async Task The_demo_county_meets_its_target_and_the_city_sees_both_counties()
    {
        var anonymous = app.Anonymous();
        var daying = await (await anonymous.GetAsync($"/api/v1/science-literacy/statistics?region={DaYing}&year=2025")).OkJsonAsync();
        Assert.Equal(15.31m, Dec(daying["measured"]!, "rate"));
        Assert.Equal("四川省公民科学素质抽样调查", daying["measured"]!["source"]!.GetValue<string>());
        Assert.Equal(1600, daying["measured"]!["sampleSize"]!.GetValue<int>());
        Assert.Equal(15m, Dec(daying["target"]!, "rate"));
        Assert.Equal("Met", daying["standing"]!.GetValue<string>());
        Assert.Equal("2025年，大英县公民具备科学素质比例达15.31%，圆满完成“十四五”目标（15%）。", daying["summary"]!.GetValue<string>());
        Assert.Equal([2018, 2020, 2023, 2025], daying["trend"]!.AsArray().Select(t => t!["year"]!.GetValue<int>()).ToArray());

        // A year not surveyed is judged by the latest result before it, against the nearest target not before that result's year.
        var y2019 = await (await anonymous.GetAsync($"/api/v1/science-literacy/statistics?region={DaYing}&year=2019")).OkJsonAsync();
        Assert.Equal(2018, y2019["measured"]!["year"]!.GetValue<int>());
        Assert.Equal("OnTheWay", y2019["standing"]!.GetValue<string>());
        Assert.Equal(1.38m, Dec(y2019, "gap"));
        Assert.Equal("2018年，大英县公民具备科学素质比例为8.62%，距2020年实现10%的目标还差1.38个百分点。", y2019["summary"]!.GetValue<string>());
        var y2020 = await (await anonymous.GetAsync($"/api/v1/science-literacy/statistics?region={DaYing}&year=2020")).OkJsonAsync();
        Assert.Equal("2020年，大英县公民具备科学素质比例达10.56%，圆满完成“十三五”目标（10%）。", y2020["summary"]!.GetValue<string>());

        var city = await (await anonymous.GetAsync("/api/v1/science-literacy/statistics?region=5109&year=2025")).OkJsonAsync();
        Assert.Equal("NoSurvey", city["standing"]!.GetValue<string>());
        var counties = city["byRegion"]!.AsArray();
        Assert.Equal(2, counties.Count);
        var shehong = counties.First(c => c!["regionCode"]!.GetValue<string>() == "510981")!;
        Assert.Equal("Missed", shehong["standing"]!.GetValue<string>());
        Assert.Equal("未达到目标", shehong["standingName"]!.GetValue<string>());
        Assert.Equal(0.8m, Dec(shehong, "gap"));

        await (await anonymous.GetAsync("/api/v1/science-literacy/statistics?year=2025")).AssertValidationProblemAsync("region");
        await (await anonymous.GetAsync($"/api/v1/science-literacy/statistics?region={DaYing}&year=1800")).AssertValidationProblemAsync("year");

        // The annual report's sentence, only for a year that was surveyed.
        await using var scope = app.Services.CreateAsyncScope();
        var report = scope.ServiceProvider.GetRequiredService<PopularizationReport>();
        Assert.Contains("2025年，大英县公民具备科学素质比例达15.31%，圆满完成“十四五”目标（15%）。", await report.SentencesAsync(DaYing, new DayRange(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)), CancellationToken.None));
        Assert.DoesNotContain(await report.SentencesAsync(DaYing, new DayRange(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)), CancellationToken.None), s => s.Contains("科学素质"));
    }

    [Fact]
    public async Task Staff_record_results_and_targets_of_their_places_and_others_cannot()
    {
        var townships = await app.QueryAsync(db => db.Regions.Where(r => r.ParentCode == DaYing).OrderByDescending(r => r.Code).Select(r => new { r.Code, r.Name }).Take(2).ToListAsync());
        var town = townships[0];
        var staff = await app.SignInAsync("daying-staff");
        var shehong = await app.SignInAsync("shehong");
        var worker = await app.SignInAsync("worker");

        var survey = new { regionCode = town.Code, year = 2019, rate = 7.2m, sampleSize = 800, source = "镇公民科学素质抽样调查", surveyedOn = "2019-12-01" };
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostJsonAsync("/api/v1/science-literacy/surveys", survey)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostJsonAsync("/api/v1/science-literacy/surveys", survey)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostJsonAsync("/api/v1/science-literacy/surveys", survey)).StatusCode);
        var saved = await (await staff.PostJsonAsync("/api/v1/science-literacy/surveys", survey)).OkJsonAsync();
        Assert.Equal("7.2%", saved["rateText"]!.GetValue<string>());
        Assert.Equal(town.Name, saved["regionName"]!.GetValue<string>());
        await (await staff.PostJsonAsync("/api/v1/science-literacy/targets", new { regionCode = town.Code, year = 2020, rate = 8.8m, plan = "“十三五”全民科学素质行动计划纲要实施方案" })).OkJsonAsync();

        // The audit page reads the rate as a percent, not in the stored hundredths.
        var targetId = await app.QueryAsync(db => db.LiteracyTargets.Where(t => t.RegionCode == town.Code && t.Year == 2020).Select(t => t.Id).SingleAsync());
        var audit = await (await app.SignInAsync("daying")).GetStringAsync($"/Admin/Audit?entityType=LiteracyTarget&entityId={targetId}");
        Assert.Contains("<td>8.8%</td>", audit);
        Assert.DoesNotContain("<td>880</td>", audit);

        var stats = await (await app.Anonymous().GetAsync($"/api/v1/science-literacy/statistics?region={town.Code}&year=2019")).OkJsonAsync();
        Assert.Equal($"2019年，{town.Name}公民具备科学素质比例为7.2%，距2020年实现8.8%的目标还差1.6个百分点。", stats["summary"]!.GetValue<string>());

        // Recording the same year again corrects it: one row, the new figures.
        await (await staff.PostJsonAsync("/api/v1/science-literacy/surveys", survey with { rate = 9m, sampleSize = 900 })).OkJsonAsync();
        Assert.Equal(1, await app.QueryAsync(db => db.LiteracySurveys.CountAsync(s => s.RegionCode == town.Code && s.Year == 2019)));
        stats = await (await app.Anonymous().GetAsync($"/api/v1/science-literacy/statistics?region={town.Code}&year=2019")).OkJsonAsync();
        Assert.Equal("Met", stats["standing"]!.GetValue<string>());
        Assert.Equal($"2019年，{town.Name}公民具备科学素质比例达9%，提前实现2020年8.8%的目标。", stats["summary"]!.GetValue<string>());

        // A township without a target of its own is measured against its county's.
        var other = townships[1];
        await (await staff.PostJsonAsync("/api/v1/science-literacy/surveys", survey with { regionCode = other.Code, year = 2024, rate = 12.5m, surveyedOn = "2025-01-10" })).OkJsonAsync();
        var inherited = await (await app.Anonymous().GetAsync($"/api/v1/science-literacy/statistics?region={other.Code}&year=2024")).OkJsonAsync();
        Assert.Equal(DaYing, inherited["target"]!["regionCode"]!.GetValue<string>());
        Assert.Equal(2025, inherited["target"]!["year"]!.GetValue<int>());
        Assert.Equal("OnTheWay", inherited["standing"]!.GetValue<string>());

        await (await staff.PostJsonAsync("/api/v1/science-literacy/surveys", survey with { rate = 120m })).AssertValidationProblemAsync("rate");
        await (await staff.PostJsonAsync("/api/v1/science-literacy/surveys", survey with { rate = 7.123m })).AssertValidationProblemAsync("rate");
        await (await staff.PostJsonAsync("/api/v1/science-literacy/surveys", survey with { surveyedOn = "2017-12-01" })).AssertValidationProblemAsync("surveyedOn");
        await (await staff.PostJsonAsync("/api/v1/science-literacy/surveys", survey with { source = " " })).AssertValidationProblemAsync("source");
        await (await staff.PostJsonAsync("/api/v1/science-literacy/targets", new { regionCode = town.Code, year = 2020, rate = 8.8m, plan = "" })).AssertValidationProblemAsync("plan");

        var id = (await (await app.Anonymous().GetAsync($"/api/v1/science-literacy/?region={other.Code}")).OkJsonAsync())["surveys"]!.AsArray().Single()!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.DeleteAsync($"/api/v1/science-literacy/surveys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"/api/v1/science-literacy/surveys/{id}")).StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.LiteracySurveys.CountAsync(s => s.RegionCode == other.Code)));
    }

    [Fact]
    public async Task The_page_shows_the_rate_with_its_source_and_staff_record_through_it()
    {
        var html = await app.Anonymous().GetStringAsync($"/Popularization/Literacy?region={DaYing}&year=2025");
        Assert.Contains("2025年，大英县公民具备科学素质比例达15.31%，圆满完成“十四五”目标（15%）。", html);
        Assert.Contains("来源：四川省公民科学素质抽样调查 · 样本量 1600", html);
        Assert.Contains("已达到目标", html);
        Assert.Contains("大英县全民科学素质行动规划纲要实施方案（2021—2025年）", html);
        Assert.DoesNotContain("survey-form", html);

        var city = await app.Anonymous().GetStringAsync("/Popularization/Literacy?region=5109&year=2025");
        Assert.Contains("射洪市", city);
        Assert.Contains("未达到目标", city);

        var town = await app.QueryAsync(db => db.Regions.Where(r => r.ParentCode == DaYing).OrderBy(r => r.Code).Select(r => r.Code).FirstAsync());
        var staff = await app.SignInAsync("daying-staff");
        var page = await staff.GetStringAsync($"/Popularization/Literacy?region={town}&year=2022");
        Assert.Contains("survey-form", page);
        var posted = await staff.PostAsync($"/Popularization/Literacy?handler=Survey", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Kexie.Web.Tests.Security.LoginTestSupport.TokenOf(page),
            ["regionCode"] = town, ["surveyYear"] = "2022", ["rate"] = "11.5%", ["sampleSize"] = "600", ["source"] = "县公民科学素质抽样调查", ["surveyedOn"] = "2022-11-30",
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var after = await staff.GetStringAsync(posted.Headers.Location!.OriginalString);
        Assert.Contains("11.5%", after);
        Assert.Contains("县公民科学素质抽样调查", after);
    }
}

public sealed class LiteracySqliteTests(SqliteApp app) : LiteracyTests(app);

public sealed class LiteracyPostgresTests(PostgresApp app) : LiteracyTests(app);
