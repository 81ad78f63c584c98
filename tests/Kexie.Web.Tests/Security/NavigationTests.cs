using System.Net;
using Kexie.Data;
using Kexie.Domain.Identity;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Security;

/// <summary>
/// The menu is declared by the feature modules and shows what the user's permissions allow: with <c>imports.run</c> revoked
/// from association admins in the settings, their menu has no “批量导入” and the page refuses them; granted to staff, theirs has
/// it and the import runs; with the defaults it is there for admins and opens.
/// </summary>
public sealed class NavigationTests(RevokedImportsApp revoked, SqliteApp app) : IClassFixture<RevokedImportsApp>
{
    private static string Link(string page) => $"href=\"{page}\"";

    /// <summary>The site menu of a page (the main menu and the links beside the user's name), without the page's own links.</summary>
    private static async Task<string> MenuAsync(HttpClient client)
    {
        var html = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        var start = html.IndexOf("<nav class=\"mainnav\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no main menu");
        return html[start..html.IndexOf("</nav>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task A_revoked_permission_takes_its_entry_out_of_the_menu_and_its_page_refuses()
    {
        var admin = await revoked.CreateAdminAsync();
        var home = await MenuAsync(admin);
        Assert.DoesNotContain(Link("/Imports"), home);
        Assert.Contains(Link("/Admin"), home);
        Assert.Contains(Link("/Market"), home);
        var page = await admin.GetAsync("/Imports");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("批量导入名录", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task With_the_default_grants_the_entry_is_there_and_the_page_opens()
    {
        var daying = await app.SignInAsync("daying");
        var home = await MenuAsync(daying);
        Assert.Contains(Link("/Imports"), home);
        Assert.Equal(HttpStatusCode.OK, (await daying.GetAsync("/Imports")).StatusCode);

        // Staff do not hold imports.run by default (the importer is the admins'): neither the entry nor the page nor the API.
        var staff = await app.SignInAsync("daying-staff");
        Assert.DoesNotContain(Link("/Imports"), await MenuAsync(staff));
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/Imports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync("/api/v1/imports/workers?dryRun=true", ImportForm())).StatusCode);

        // An enterprise member sees the directory and market entries, the invitation link beside the name, no admin entries.
        var enterprise = await MenuAsync(await app.SignInAsync("enterprise"));
        Assert.Contains(Link("/Workers"), enterprise);
        Assert.Contains(Link("/Account/Invitations"), enterprise);
        Assert.DoesNotContain(Link("/Admin"), enterprise);
    }

    [Fact]
    public async Task A_grant_in_the_settings_lets_staff_import_as_the_admins_do()
    {
        var staff = await revoked.CreateUserAsync(UserRole.ServiceCenterStaff);
        Assert.Contains(Link("/Imports"), await MenuAsync(staff));
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/Imports")).StatusCode);
        var dryRun = await staff.PostAsync("/api/v1/imports/workers?dryRun=true", ImportForm());
        Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
    }

    /// <summary>A one-row CSV of science workers (a dry run reads it and writes nothing).</summary>
    private static MultipartFormDataContent ImportForm()
    {
        var csv = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes("姓名,性别,出生年份,工作单位,职称,学科代码,学历,政治面貌,手机号,行政区划代码,公开资料\n测试导入,男,1978,大英县畜牧服务中心,高级畜牧师,21030,大学本科,中共党员,13900000000,510923,是\n"));
        csv.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { csv, "file", "workers.csv" } };
    }

    [Fact]
    public async Task A_new_worker_sees_no_personal_entries_that_have_nothing_for_them_and_an_expert_sees_the_review_entry()
    {
        // A science worker who just signed up: no society led, not an expert, no review assigned.
        var client = Kexie.Web.Tests.Accounts.SignUpSupport.Client(app);
        var phone = KexieApp.NewPhone();
        var code = await Kexie.Web.Tests.Accounts.SignUpSupport.CodeForAsync(app, client, phone);
        await (await Kexie.Web.Tests.Accounts.SignUpSupport.RegisterAsync(client, new { phone, code, password = Kexie.Web.Tests.Accounts.SignUpSupport.Password, name = "新来的周工", kind = "Worker", regionCode = "510923" })).OkJsonAsync();
        var fresh = await app.SignInAsync(phone, Kexie.Web.Tests.Accounts.SignUpSupport.Password);
        var menu = await MenuAsync(fresh);
        Assert.Contains(Link("/Market"), menu);
        Assert.DoesNotContain(Link("/Talent/Organizations/Mine"), menu);
        Assert.DoesNotContain(Link("/Talent/Contests/Reviews"), menu);
        Assert.DoesNotContain(Link("/Talent/Honours/Reviews"), menu);

        // The demo worker is an expert of the 专家库: the review pages are theirs.
        var expert = await MenuAsync(await app.SignInAsync("worker"));
        Assert.Contains(Link("/Talent/Contests/Reviews"), expert);
        Assert.Contains(Link("/Talent/Honours/Reviews"), expert);
    }

    [Fact]
    public void Every_module_entry_names_a_page_and_the_permissions_are_in_the_catalogue()
    {
        var catalogue = FeatureModules.All.SelectMany(m => m.Permissions).ToHashSet();
        foreach (var entry in Navigation.All)
        {
            Assert.StartsWith("/", entry.Page);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", entry.Text);
            Assert.True(entry.Permission is null || catalogue.Contains(entry.Permission), $"{entry.Text}: {entry.Permission} is not declared by a module");
        }

        Assert.Equal(Navigation.All.Count(), Navigation.All.Select(e => e.Page).Distinct().Count());
    }
}

/// <summary>
/// A host whose settings revoke <c>imports.run</c> from association admins and grant it to service-centre staff (no demo data;
/// the test makes its users).
/// </summary>
public sealed class RevokedImportsApp : KexieApp
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"kexie-test-nav-{Guid.NewGuid():N}.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string ConnectionString => $"Data Source={file}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Matching:TrainClassifier", "false");
        builder.UseSetting("Authorization:Revokes:AssociationAdmin:0", "imports.run");
        builder.UseSetting("Authorization:Grants:ServiceCenterStaff:0", "imports.run");
    }

    public Task<HttpClient> CreateAdminAsync() => CreateUserAsync(UserRole.AssociationAdmin);

    public async Task<HttpClient> CreateUserAsync(UserRole role)
    {
        var userName = $"nav{Guid.NewGuid():N}"[..16];
        const string password = "Navigate2026";
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var result = await users.CreateAsync(new AppUser { UserName = userName, DisplayName = "菜单测试", Role = role, RegionCode = "510923", EmailConfirmed = true }, password);
            Assert.True(result.Succeeded, string.Join("；", result.Errors.Select(e => e.Description)));
        }

        return await SignInAsync(userName, password);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(file + suffix);
        }

        GC.SuppressFinalize(this);
    }
}
