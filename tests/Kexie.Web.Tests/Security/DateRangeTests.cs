namespace Kexie.Web.Tests.Security;

/// <summary>Dates a China day cannot be turned into a UTC instant for (year 1 at +08:00) are bad input, not a server error (found by the fuzz test on PostgreSQL).</summary>
public abstract class DateRangeTests(KexieApp app)
{
    [Theory]
    [InlineData("/api/v1/admin/operation-log?from=0001-01-01", "from")]
    [InlineData("/api/v1/admin/login-log/export.xlsx?to=0001-01-01", "to")]
    [InlineData("/api/v1/needs?from=0001-01-01", "from")]
    [InlineData("/api/v1/offers?to=9999-12-31", "to")]
    public async Task Dates_out_of_range_are_a_400_naming_the_field(string url, string field)
    {
        var admin = await app.SignInAsync("admin");
        var message = await (await admin.GetAsync(url)).AssertValidationProblemAsync(field);
        Assert.Contains("1900", message);
    }
}

public sealed class DateRangeSqliteTests(SqliteApp app) : DateRangeTests(app);

public sealed class DateRangePostgresTests(PostgresApp app) : DateRangeTests(app);
