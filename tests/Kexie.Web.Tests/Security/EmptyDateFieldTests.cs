using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Security;

/// <summary>
/// A form with an empty date field sends "from=&amp;to=": the date filters of the lists, exports and statistics read it as no
/// date (a nullable DateOnly parameter answered 400 to it, aspnetcore#65754), and a day they cannot read is a 400 naming
/// the field, as on the annual report (<c>QueryDay</c>).
/// </summary>
public abstract class EmptyDateFieldTests(KexieApp app)
{
    private async Task<string[]> UrlsAsync()
    {
        var station = await app.QueryAsync(db => db.EStations.Select(s => s.Id).FirstOrDefaultAsync());
        Assert.NotEqual(Guid.Empty, station); // the demo's 大英县 e-stations
        return
        [
            "/api/v1/admin/login-log?{0}",
            "/api/v1/admin/login-log/export.xlsx?{0}",
            "/api/v1/admin/operation-log?{0}",
            "/api/v1/admin/operation-log/export.xlsx?{0}",
            "/api/v1/market/stats?region=510923&{0}",
            "/api/v1/plans/judgements?region=510923&{0}",
            "/api/v1/plans/judgements/export.xlsx?region=510923&{0}",
            "/api/v1/service-tickets?region=510923&{0}",
            "/api/v1/service-tickets/counts?region=510923&{0}",
            $"/api/v1/e-stations/{station}/usage?{{0}}",
            // The lists whose filters bind from the query ([AsParameters] OfferFilter, NeedFilter, ActivityFilter).
            "/api/v1/offers?region=510923&{0}",
            "/api/v1/needs?region=510923&{0}",
            "/api/v1/popularization-activities?region=510923&{0}",
        ];
    }

    [Fact]
    public async Task Empty_date_fields_mean_no_date_and_an_unreadable_day_names_its_field()
    {
        var admin = await app.SignInAsync("admin");
        foreach (var url in await UrlsAsync())
        {
            var empty = await admin.GetAsync(string.Format(url, "from=&to="));
            Assert.True(empty.StatusCode == HttpStatusCode.OK, $"{url}: {(int)empty.StatusCode} {await empty.Content.ReadAsStringAsync()}");
            var dated = await admin.GetAsync(string.Format(url, "from=2025-01-01&to=2025-12-31"));
            Assert.True(dated.StatusCode == HttpStatusCode.OK, $"{url}: {(int)dated.StatusCode}");

            Assert.Contains("起始日期", await (await admin.GetAsync(string.Format(url, "from=2025-13-01"))).AssertValidationProblemAsync("from"));
            Assert.Contains("结束日期", await (await admin.GetAsync(string.Format(url, "from=&to=昨天"))).AssertValidationProblemAsync("to"));
        }
    }

    [Theory]
    [InlineData("/api/v1/offers?region=510923")]
    [InlineData("/api/v1/needs?region=510923")]
    [InlineData("/api/v1/popularization-activities?region=510923")]
    public async Task The_lists_find_the_same_with_empty_dates_as_without_them_and_the_days_still_filter(string list)
    {
        var admin = await app.SignInAsync("admin");
        // Up to yesterday (China time), so that records other classes write meanwhile do not change the count.
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(-1).ToString("yyyy-MM-dd");
        var without = (await (await admin.GetAsync($"{list}&to={yesterday}")).OkJsonAsync())["total"]!.GetValue<int>();
        var empty = (await (await admin.GetAsync($"{list}&from=&to={yesterday}")).OkJsonAsync())["total"]!.GetValue<int>();
        Assert.True(without > 0, $"{list}: the demo county has records up to {yesterday}");
        Assert.Equal(without, empty);

        // With the end empty, the start still filters: a day far ahead finds nothing; the end before the start names the end.
        Assert.Equal(0, (await (await admin.GetAsync($"{list}&from=2999-01-01&to=")).OkJsonAsync())["total"]!.GetValue<int>());
        Assert.Contains("结束日期", await (await admin.GetAsync($"{list}&from=2025-12-31&to=2025-01-01")).AssertValidationProblemAsync("to"));
    }

    [Fact]
    public async Task The_market_statistics_count_the_same_with_empty_dates_as_without_them()
    {
        var anonymous = app.Anonymous();
        var without = await (await anonymous.GetAsync("/api/v1/market/stats?region=65")).OkJsonAsync();
        var empty = await (await anonymous.GetAsync("/api/v1/market/stats?region=65&from=&to=")).OkJsonAsync();
        Assert.Equal(without.ToJsonString(), empty.ToJsonString());
    }
}

public sealed class EmptyDateFieldSqliteTests(SqliteApp app) : EmptyDateFieldTests(app);

public sealed class EmptyDateFieldPostgresTests(PostgresApp app) : EmptyDateFieldTests(app);
