using System.Net;
using System.Text.Json.Nodes;
using Kexie.Domain.Indicators;
using Kexie.Web.Pages.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Popularization;

/// <summary>
/// S11 公民科学素质达标率: the demo's results against their 纲要 targets (capped at the target, so meeting it is 100%), a region with
/// no result has no value, a target set later re-judges the results below it, the indicator weighs 0 by default (rankings do not
/// move), and its facts trace to the literacy page of the result's region and year. The results this class writes are in a township
/// of 射洪市 in 2013, a year the TestYears pools never hand out.
/// </summary>
public abstract class LiteracyIndicatorTests(KexieApp app)
{
    private const string DaYing = "510923";
    private const string SheHong = "510981";

    private async Task<Dictionary<string, decimal?>> ValuesAsync(HttpClient client, string region, int year)
    {
        var values = await (await client.GetAsync($"/api/v1/indicators/values?region={region}&period={year}")).OkJsonAsync();
        return values["values"]!.AsArray().ToDictionary(v => v!["code"]!.GetValue<string>(), v => v!["value"]?.GetValue<decimal?>());
    }

    [Fact]
    public async Task S11_is_the_measured_rate_against_the_target_capped_at_it_and_absent_without_a_result()
    {
        var admin = await app.SignInAsync("admin");
        await (await admin.PostAsync("/api/v1/indicators/refresh", null)).OkJsonAsync();

        // 大英县 2025: 15.31% against 15% (met: 100); 2018: 8.62% against the 2020 target of 10% (86.2).
        Assert.Equal(100m, (await ValuesAsync(admin, DaYing, 2025))["S11"]);
        Assert.Equal(86.2m, (await ValuesAsync(admin, DaYing, 2018))["S11"]);
        // 射洪市 2025: 14.2% against 15%; 2020 against the nearest target not before it (2025: 15%).
        Assert.Equal(94.67m, (await ValuesAsync(admin, SheHong, 2025))["S11"]);
        Assert.Equal(73.33m, (await ValuesAsync(admin, SheHong, 2020))["S11"]);
        // 大英县 2021 was not surveyed (nor any of its townships, by the demo or a test): no value, not zero.
        Assert.Null((await ValuesAsync(admin, DaYing, 2021))["S11"]);

        var catalogue = await (await app.Anonymous().GetAsync("/api/v1/indicators/catalogue")).OkJsonAsync();
        var s11 = catalogue.AsArray().Single(i => i!["code"]!.GetValue<string>() == "S11")!;
        Assert.Equal(("公民科学素质达标率", "%"), (s11["name"]!.GetValue<string>(), s11["unit"]!.GetValue<string>()));
        Assert.Equal(11, IndicatorCatalogue.All.Count(i => i.Group == ServiceGroup.ScienceLiteracy));
        Assert.Equal(0m, WeightSet.BuiltInDefault.IndicatorWeight("S11"));
        Assert.Equal(1m, WeightSet.BuiltInDefault.IndicatorWeight("S10"));
    }

    [Fact]
    public async Task A_target_set_later_rejudges_the_results_below_it_and_the_facts_trace_to_the_result_and_its_target()
    {
        // Indicator periods start in 2000 and a survey cannot lie in the future, so neither TestYears pool fits: 2013 is a year the
        // pools never hand out (next to 2012) and no other test writes literacy results in 射洪市's first township.
        const int year = 2013;
        Assert.DoesNotContain(year, TestYears.HandedOut(app.Provider));
        var town = await app.QueryAsync(db => db.Regions.Where(r => r.ParentCode == SheHong).OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).FirstAsync());
        var shehong = await app.SignInAsync("shehong");
        await (await shehong.PostJsonAsync("/api/v1/science-literacy/surveys", new { regionCode = town.Code, year, rate = 8m, sampleSize = 500, source = "镇公民科学素质抽样调查", surveyedOn = $"{year}-11-30" })).OkJsonAsync();
        await (await shehong.PostAsync("/api/v1/indicators/refresh", null)).OkJsonAsync();

        // Judged by 射洪市's target (2025: 15%) while the township has none of its own.
        Assert.Equal(53.33m, (await ValuesAsync(shehong, town.Code, year))["S11"]);

        // The township's own target for that year: the result is judged again, at the next refresh.
        await (await shehong.PostJsonAsync("/api/v1/science-literacy/targets", new { regionCode = town.Code, year, rate = 10m, plan = "镇全民科学素质行动实施方案" })).OkJsonAsync();
        await (await shehong.PostAsync("/api/v1/indicators/refresh", null)).OkJsonAsync();
        Assert.Equal(80m, (await ValuesAsync(shehong, town.Code, year))["S11"]);

        // A correction above the target counts as the target (100%, not 120%).
        await (await shehong.PostJsonAsync("/api/v1/science-literacy/surveys", new { regionCode = town.Code, year, rate = 12m, sampleSize = 500, source = "镇公民科学素质抽样调查", surveyedOn = $"{year}-11-30" })).OkJsonAsync();
        await (await shehong.PostAsync("/api/v1/indicators/refresh", null)).OkJsonAsync();
        Assert.Equal(100m, (await ValuesAsync(shehong, town.Code, year))["S11"]);

        // The fact traces to the literacy page of the result's region and year, which shows the result and the target it is judged by.
        var survey = await app.QueryAsync(db => db.LiteracySurveys.Where(s => s.RegionCode == town.Code && s.Year == year).Select(s => s.Id).SingleAsync());
        var facts = await app.QueryAsync(db => db.IndicatorFacts.Where(f => f.SourceId == survey).Select(f => new { f.Kind, f.AmountFen, f.Source }).ToListAsync());
        Assert.Equal([(FactKind.LiteracyRateMeasured, 1000L), (FactKind.LiteracyRateTarget, 1000L)], facts.Select(f => (f.Kind, f.AmountFen)).OrderBy(f => f.Kind).ToList());
        Assert.All(facts, f => Assert.Equal(FactSource.LiteracySurvey, f.Source));
        var trace = await app.Anonymous().GetAsync(IndicatorsUi.SourceLink(FactSource.LiteracySurvey, survey));
        Assert.Equal(HttpStatusCode.Redirect, trace.StatusCode);
        Assert.Equal($"/Popularization/Literacy?region={town.Code}&year={year}", trace.Headers.Location?.OriginalString);
        var page = await app.Anonymous().GetStringAsync(trace.Headers.Location!.OriginalString);
        Assert.Contains("12%", page);
        Assert.Contains("镇全民科学素质行动实施方案", page);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/Popularization/Records/literacy-survey/{Guid.NewGuid()}")).StatusCode);
    }
}

public sealed class LiteracyIndicatorSqliteTests(SqliteApp app) : LiteracyIndicatorTests(app);

public sealed class LiteracyIndicatorPostgresTests(PostgresApp app) : LiteracyIndicatorTests(app);
