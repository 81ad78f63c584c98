using System.Net;

namespace Kexie.Web.Tests.Admin;

/// <summary>
/// The 系统管理 tabs read as text: the 单位入驻审核 tab once showed its Razor source ("单位入驻审核@if (pendingApplications &gt; 0) { 0 }")
/// because an <c>@</c> right after a character is taken for an e-mail address.
/// </summary>
public abstract class AdminTabsTests(KexieApp app)
{
    [Fact]
    public async Task The_admin_tabs_show_no_template_source()
    {
        var suining = await app.SignInAsync("suining");
        var response = await suining.GetAsync("/Admin/OperationLog");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("单位入驻审核", html);
        Assert.DoesNotContain("@if", html);
        Assert.DoesNotContain("pendingApplications", html);

        // The same slip on an e-station's page (after “次”) and the literacy page (after “个”).
        var anonymous = app.Anonymous();
        var stations = await anonymous.GetStringAsync("/Popularization/Stations");
        var station = System.Text.RegularExpressions.Regex.Match(stations, "href=\"(/Popularization/Stations/Details/[0-9a-f-]{36})\"").Groups[1].Value;
        Assert.NotEmpty(station);
        Assert.DoesNotContain("@if", await anonymous.GetStringAsync(station));
        Assert.DoesNotContain("@if", await suining.GetStringAsync("/Popularization/Literacy?region=510923"));
    }
}

public sealed class AdminTabsSqliteTests(SqliteApp app) : AdminTabsTests(app);

public sealed class AdminTabsPostgresTests(PostgresApp app) : AdminTabsTests(app);
