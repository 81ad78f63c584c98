using System.Net.Http.Json;
using Kexie.Data;
using Kexie.Data.Seeding;
using Microsoft.AspNetCore.Identity;
using Kexie.Domain.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

[assembly: AssemblyFixture(typeof(Kexie.Web.Tests.SqliteApp))]
[assembly: AssemblyFixture(typeof(Kexie.Web.Tests.PostgresApp))]

namespace Kexie.Web.Tests;

/// <summary>
/// The real web host (Program) on a fresh database of one provider, migrated and seeded with the
/// real region tree and the demo county. One per provider per test run; tests create their own
/// records with unique keys so they can run in parallel.
/// </summary>
public abstract class KexieApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public abstract DatabaseProvider Provider { get; }

    protected abstract string ConnectionString { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Kexie", ConnectionString);
        builder.UseSetting("Demo:Seed", "true");
        if (Environment.GetEnvironmentVariable("KEXIE_DATA") is { Length: > 0 } data)
        {
            builder.UseSetting("SharedData:Path", data);
        }
    }

    public virtual async ValueTask InitializeAsync()
    {
        using var client = CreateClient();
        var health = await client.GetAsync("/api/v1/health");
        health.EnsureSuccessStatusCode();
    }

    /// <summary>A client signed in as a demo account (password <see cref="DemoSeeder.DemoPassword"/>).</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password = DemoSeeder.DemoPassword)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Runs a query directly against the database (to check what was or was not written).</summary>
    public async Task<T> QueryAsync<T>(Func<KexieDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
        return await query(db);
    }

    /// <summary>
    /// A new account of <paramref name="role"/> in <paramref name="regionCode"/>, signed in: for hosts without demo data,
    /// whose tests make their own users. Returns the client and the account's id.
    /// </summary>
    public async Task<(HttpClient Client, string Id)> CreateUserAsync(UserRole role, string displayName, string regionCode = "510923")
    {
        var userName = $"usr{Guid.NewGuid():N}"[..16];
        const string password = "TestUser2026a";
        string id;
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = userName, DisplayName = displayName, Role = role, RegionCode = regionCode, EmailConfirmed = true };
            var result = await users.CreateAsync(user, password);
            Assert.True(result.Succeeded, string.Join("；", result.Errors.Select(e => e.Description)));
            id = user.Id;
        }

        return (await SignInAsync(userName, password), id);
    }

    private static int counter = Environment.TickCount & 0xFFFF;

    /// <summary>A unique mobile number for a test record.</summary>
    public static string NewPhone() => $"199{Interlocked.Increment(ref counter) % 10_000:0000}{Random.Shared.Next(1000, 9999)}";
}

public sealed class SqliteApp : KexieApp
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"kexie-test-{Guid.NewGuid():N}.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string ConnectionString => $"Data Source={file}";

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

/// <summary>
/// PostgreSQL from <c>KEXIE_TEST_POSTGRES</c> (a connection string to a server where the user may
/// create databases; test.sh starts one). Each run uses a new database, dropped afterwards.
/// A missing server is a failure, never a skip.
/// </summary>
public sealed class PostgresApp : KexieApp
{
    private readonly string database = $"kexie_test_{Guid.NewGuid():N}";
    private readonly string server = Environment.GetEnvironmentVariable("KEXIE_TEST_POSTGRES")
        ?? throw new InvalidOperationException("未设置 KEXIE_TEST_POSTGRES：PostgreSQL 测试需要一个数据库服务器。请用 ./test.sh 运行测试（它会启动临时 PostgreSQL），或设置该环境变量为连接字符串。");

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override string ConnectionString => new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
        GC.SuppressFinalize(this);
    }
}
