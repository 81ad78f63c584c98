using System.Net;
using Kexie.Data.Security;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Security;

/// <summary>
/// Sign-in on the real host: an unknown name answers exactly like a wrong password (and locks the same way); failures
/// from one address lock that address out of that account only, so a stranger cannot keep the platform admin out.
/// </summary>
public abstract class LoginLockoutTests(KexieApp app)
{
    private const string Password = Kexie.Data.Seeding.DemoSeeder.DemoPassword;

    [Fact]
    public async Task An_unknown_user_name_answers_exactly_like_a_wrong_password()
    {
        var client = app.From(LoginTestSupport.NewIp());
        var unknown = await client.LoginAsync($"nobody{Guid.NewGuid():N}"[..16], "wrong-password");
        var wrong = await client.LoginAsync("sichuan", "wrong-password");

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(unknown.StatusCode, wrong.StatusCode);
        Assert.Equal(unknown.Content.Headers.ContentType?.ToString(), wrong.Content.Headers.ContentType?.ToString());
        var (a, b) = (await unknown.ReadNodeAsync(), await wrong.ReadNodeAsync());
        a.AsObject().Remove("traceId");
        b.AsObject().Remove("traceId");
        Assert.Equal(a.ToJsonString(), b.ToJsonString());
        Assert.Equal("用户名或密码错误", a["detail"]!.GetValue<string>());

        // The page too: same status, same message.
        var page = app.From(LoginTestSupport.NewIp());
        var unknownPage = await page.LoginPageAsync($"nobody{Guid.NewGuid():N}"[..16], "wrong-password");
        var wrongPage = await page.LoginPageAsync("sichuan", "wrong-password");
        Assert.Equal(unknownPage.StatusCode, wrongPage.StatusCode);
        Assert.Contains("用户名或密码错误", await unknownPage.Content.ReadAsStringAsync());
        Assert.Contains("用户名或密码错误", await wrongPage.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_user_name_is_locked_out_like_a_known_one()
    {
        var client = app.From(LoginTestSupport.NewIp());
        var name = $"ghost{Guid.NewGuid():N}"[..16];
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync(name, "wrong-password")).StatusCode);
        }

        var locked = await client.LoginAsync(name, "wrong-password");
        Assert.Equal((HttpStatusCode)423, locked.StatusCode);
        Assert.Contains("锁定", await locked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Failures_from_one_address_do_not_lock_the_platform_admin_out_from_another()
    {
        var stranger = app.From(LoginTestSupport.NewIp());
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.LoginAsync("admin", "guess-" + i)).StatusCode);
        }

        // The stranger's address is locked out of the account, even with the right password…
        var locked = await stranger.LoginAsync("admin", Password);
        Assert.Equal((HttpStatusCode)423, locked.StatusCode);
        Assert.Equal("application/problem+json", locked.Content.Headers.ContentType?.MediaType);
        Assert.Contains("锁定", (await locked.ReadNodeAsync())["detail"]!.GetValue<string>());
        var retryAfter = locked.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter!.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));

        // …the owner, from another address, signs in at once, on the API and on the page.
        var owner = app.From(LoginTestSupport.NewIp());
        var me = await (await owner.LoginAsync("admin", Password)).OkJsonAsync();
        Assert.Equal("admin", me["userName"]!.GetValue<string>());
        var page = await app.From(LoginTestSupport.NewIp()).LoginPageAsync("admin", Password);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);

        // Identity's account-wide lockout is not used: the account itself is not locked.
        var account = await app.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "admin"));
        Assert.True(account.LockoutEnd is null || account.LockoutEnd < DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_success_from_an_address_clears_its_failures()
    {
        var client = app.From(LoginTestSupport.NewIp());
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync("suining", "wrong-password")).StatusCode);
        }

        await (await client.LoginAsync("suining", Password)).OkJsonAsync();
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync("suining", "wrong-password")).StatusCode);
        }

        await (await client.LoginAsync("suining", Password)).OkJsonAsync();
    }

    [Fact]
    public async Task Every_attempt_is_in_the_login_log_with_address_user_agent_and_reason()
    {
        var ip = LoginTestSupport.NewIp();
        var client = app.From(ip);
        var unknownName = $"zz{Guid.NewGuid():N}"[..14];
        await client.LoginAsync(unknownName, "wrong-password");
        await client.LoginAsync("shehong", "wrong-password");
        await (await client.LoginAsync("shehong", Password)).OkJsonAsync();

        var rows = await app.QueryAsync(db => db.LoginLog.AsNoTracking().Where(l => l.Ip == ip).OrderBy(l => l.Id).ToListAsync());
        Assert.Equal([LoginOutcome.UnknownUser, LoginOutcome.WrongPassword, LoginOutcome.Succeeded], rows.Select(r => r.Outcome));
        Assert.All(rows, r => Assert.Equal(LoginTestSupport.UserAgent, r.UserAgent));
        Assert.Equal("z***", rows[0].UserName); // not an account: masked
        Assert.Null(rows[0].DisplayName);
        Assert.Null(rows[0].RegionCode);
        Assert.Equal("shehong", rows[2].UserName);
        Assert.Equal("510981", rows[2].RegionCode);
        Assert.False(string.IsNullOrEmpty(rows[2].DisplayName));
        Assert.DoesNotContain(rows, r => r.UserName.Contains(unknownName, StringComparison.Ordinal));
    }
}

public sealed class LoginLockoutSqliteTests(SqliteApp app) : LoginLockoutTests(app);

public sealed class LoginLockoutPostgresTests(PostgresApp app) : LoginLockoutTests(app);
