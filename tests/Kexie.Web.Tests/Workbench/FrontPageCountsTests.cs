using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Kexie.Data;
using Kexie.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Workbench;

/// <summary>
/// A signed-in user's front-page counts are kept per node under the stamp of the data they count
/// (<see cref="FrontPageStamp"/>): a write shows on the next view, and the counts equal a fresh read.
/// 壤塘县 (513230) is used by no other test.
/// </summary>
public abstract class FrontPageCountsTests(KexieApp app)
{
    private const string County = "513230";

    private static int Stat(string html, string key)
    {
        var m = Regex.Match(html, $"data-stat=\"{key}\">\\s*<div class=\"num\">([\\d,]+)<");
        Assert.True(m.Success, $"no {key} count on the page");
        return int.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_write_shows_on_the_next_view_and_the_kept_counts_equal_a_fresh_read()
    {
        var stamp = await app.QueryAsync(db => FrontPageStamp.ReadAsync(db, County));
        var admin = await app.SignInAsync(await WorkbenchSteps.NewAccountAsync(app, UserRole.AssociationAdmin, County, "壤塘县科协管理员"));
        async Task<string> Home() => await (await admin.GetAsync("/")).Content.ReadAsStringAsync();

        var first = await Home();
        var workers = Stat(first, "workers");
        var agencies = Stat(first, "agencies");
        Assert.Equal(workers, Stat(await Home(), "workers"));

        // A worker registered through the API (the county's version moves in the database, so on every node).
        var created = await admin.PostJsonAsync("/api/v1/workers", new { name = "格桑扎西", gender = "Male", phone = KexieApp.NewPhone(), regionCode = County });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var home = await Home();
        Assert.Equal(workers + 1, Stat(home, "workers"));
        Assert.True((await app.QueryAsync(db => FrontPageStamp.ReadAsync(db, County))).Version > stamp.Version);

        // An agency (not an indicator source: counted all the same). The page counts the county's agencies.
        await app.QueryAsync(db =>
        {
            db.ServiceAgencies.Add(Kexie.Domain.Directory.ServiceAgency.Create(new("壤塘县科技服务中心", AccessScopeTests.NewCreditCode(County), "技术咨询", County, "泽仁", KexieApp.NewPhone())));
            return db.SaveChangesAsync();
        });
        var shown = Stat(await Home(), "agencies");
        Assert.Equal(agencies + 1, shown);
        Assert.Equal(await app.QueryAsync(db => db.ServiceAgencies.CountAsync(a => a.RegionCode.StartsWith(County))), shown);

        // What the page shows equals a fresh count of what the county's admin sees (workers: only this test writes here).
        var freshWorkers = await app.QueryAsync(db => db.ScienceWorkers.CountAsync(w => w.RegionCode.StartsWith(County)));
        Assert.Equal(freshWorkers, Stat(home, "workers"));
        Assert.Equal(freshWorkers, Stat(await Home(), "workers"));
    }
}

public sealed class FrontPageCountsSqliteTests(SqliteApp app) : FrontPageCountsTests(app);

public sealed class FrontPageCountsPostgresTests(PostgresApp app) : FrontPageCountsTests(app);
