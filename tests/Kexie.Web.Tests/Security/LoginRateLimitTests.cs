using System.Net;
using Kexie.Data;
using Kexie.Domain.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Security;

/// <summary>
/// A host of its own with production-like low limits (the shared test hosts raise them, see appsettings.Testing.json):
/// sign-in per address, sign-in per account (addresses the account signed in from before exempt), every anonymous write
/// per address. Each test comes from addresses of its own, so the tests do not share a counter.
/// </summary>
public sealed class LoginRateLimitTests(LoginLimitsApp app) : IClassFixture<LoginLimitsApp>
{
    [Fact]
    public async Task Sign_in_from_one_address_is_limited_with_a_429_problem_and_Retry_After()
    {
        var client = app.From(LoginTestSupport.NewIp());
        for (var i = 0; i < LoginLimitsApp.LoginPerIp; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync($"user{i}-{Guid.NewGuid():N}"[..20], "wrong-password")).StatusCode);
        }

        var refused = await client.LoginAsync("admin-" + Guid.NewGuid().ToString("N")[..8], "wrong-password");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.ReadNodeAsync();
        Assert.Equal(429, problem["status"]!.GetValue<int>());
        Assert.Equal("请求过于频繁，请稍后再试", problem["detail"]!.GetValue<string>());
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(LoginLimitsApp.WindowSeconds));

        // Another address is not affected.
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.From(LoginTestSupport.NewIp()).LoginAsync("someone-else", "wrong-password")).StatusCode);
    }

    [Fact]
    public async Task The_login_page_is_limited_too_and_says_so_in_Chinese()
    {
        var client = app.From(LoginTestSupport.NewIp());
        for (var i = 0; i < LoginLimitsApp.LoginPerIp; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.LoginPageAsync($"page{i}-{Guid.NewGuid():N}"[..20], "wrong-password")).StatusCode);
        }

        var refused = await client.LoginPageAsync("page-" + Guid.NewGuid().ToString("N")[..8], "wrong-password");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("请求过于频繁，请稍后再试", await refused.Content.ReadAsStringAsync());
        // Reading the page is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
    }

    [Fact]
    public async Task Guesses_at_one_account_from_many_addresses_are_slowed_but_the_owners_known_address_is_not()
    {
        var (userName, password) = await app.CreateUserAsync();
        var home = app.From(LoginTestSupport.NewIp());
        await (await home.LoginAsync(userName, password)).OkJsonAsync();

        // A distributed guesser: every attempt from a new address (no lockout), the account's budget runs out.
        var refusedAt = -1;
        for (var i = 0; i < LoginLimitsApp.LoginPerAccount + 1; i++)
        {
            var response = await app.From(LoginTestSupport.NewIp()).LoginAsync(userName, "guess-" + i);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refusedAt = i;
                Assert.Equal("请求过于频繁，请稍后再试", (await response.ReadNodeAsync())["detail"]!.GetValue<string>());
                Assert.NotNull(response.Headers.RetryAfter);
                break;
            }

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Equal(LoginLimitsApp.LoginPerAccount - 1, refusedAt); // the owner's own sign-in took one
        // The right password from a new address waits too (that is what slows the guesser)…
        Assert.Equal(HttpStatusCode.TooManyRequests, (await app.From(LoginTestSupport.NewIp()).LoginAsync(userName, password)).StatusCode);
        // …but the owner's usual address is exempt: the stranger cannot keep the owner out.
        await (await app.From(home.DefaultRequestHeaders.GetValues("X-Forwarded-For").Single()).LoginAsync(userName, password)).OkJsonAsync();
    }

    [Fact]
    public async Task Anonymous_writes_from_one_address_are_limited()
    {
        var client = app.From(LoginTestSupport.NewIp(), cookies: false);
        var url = $"/api/v1/popularization-activities/{Guid.NewGuid()}/registrations";
        for (var i = 0; i < LoginLimitsApp.AnonymousWrites; i++)
        {
            var response = await client.PostJsonAsync(url, new { name = "张三", phone = KexieApp.NewPhone() });
            Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
        }

        var refused = await client.PostJsonAsync(url, new { name = "张三", phone = KexieApp.NewPhone() });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("请求过于频繁，请稍后再试", (await refused.ReadNodeAsync())["detail"]!.GetValue<string>());
        Assert.NotNull(refused.Headers.RetryAfter);

        // Reads are not limited; nor are signed-in users' writes (their own limits are elsewhere).
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/health")).StatusCode);
    }
}

/// <summary>A host with low limits and no demo data (the tests create the one account they need).</summary>
public sealed class LoginLimitsApp : KexieApp
{
    public const int LoginPerIp = 4;
    public const int LoginPerAccount = 3;
    public const int AnonymousWrites = 6;
    public const int WindowSeconds = 600;

    private readonly string file = Path.Combine(Path.GetTempPath(), $"kexie-test-limits-{Guid.NewGuid():N}.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string ConnectionString => $"Data Source={file}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Matching:TrainClassifier", "false");
        builder.UseSetting("Security:RateLimits:LoginPerIp:PermitLimit", LoginPerIp.ToString());
        builder.UseSetting("Security:RateLimits:LoginPerIp:WindowSeconds", WindowSeconds.ToString());
        builder.UseSetting("Security:RateLimits:LoginPerAccount:PermitLimit", LoginPerAccount.ToString());
        builder.UseSetting("Security:RateLimits:LoginPerAccount:WindowSeconds", WindowSeconds.ToString());
        builder.UseSetting("Security:RateLimits:AnonymousWritesPerIp:PermitLimit", AnonymousWrites.ToString());
        builder.UseSetting("Security:RateLimits:AnonymousWritesPerIp:WindowSeconds", WindowSeconds.ToString());
    }

    public async Task<(string UserName, string Password)> CreateUserAsync()
    {
        var userName = $"limit{Guid.NewGuid():N}"[..16];
        const string password = "Limits2026";
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var result = await users.CreateAsync(new AppUser { UserName = userName, DisplayName = "限流测试", Role = UserRole.ServiceCenterStaff, RegionCode = "510923", EmailConfirmed = true }, password);
        Assert.True(result.Succeeded, string.Join("；", result.Errors.Select(e => e.Description)));
        return (userName, password);
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
