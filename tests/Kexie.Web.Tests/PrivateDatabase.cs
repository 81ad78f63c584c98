using Kexie.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Kexie.Web.Tests;

/// <summary>
/// An empty database of one provider, migrated, for a test whose subject is state the shared test database holds once for
/// everybody (the indicator refresher's last refresh time, every fact and rollup): there other test classes running at the
/// same time would move it under the test, and the test would move it under them. No host, no regions, no demo data; the
/// test makes its contexts (<see cref="NewContext"/>) and drops the database when done. PostgreSQL on the server of
/// <c>KEXIE_TEST_POSTGRES</c>, as <see cref="PostgresApp"/>.
/// </summary>
public sealed class PrivateDatabase : IAsyncDisposable
{
    private readonly DatabaseProvider provider;
    private readonly string connectionString;
    private readonly string? server;
    private readonly string name;

    private PrivateDatabase(DatabaseProvider provider, string connectionString, string? server, string name)
    {
        this.provider = provider;
        this.connectionString = connectionString;
        this.server = server;
        this.name = name;
    }

    public static async Task<PrivateDatabase> CreateAsync(DatabaseProvider provider)
    {
        var name = $"kexie_private_{Guid.NewGuid():N}";
        PrivateDatabase database;
        if (provider == DatabaseProvider.Postgres)
        {
            var server = Environment.GetEnvironmentVariable("KEXIE_TEST_POSTGRES")
                ?? throw new InvalidOperationException("未设置 KEXIE_TEST_POSTGRES：PostgreSQL 测试需要一个数据库服务器。");
            await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }

            database = new PrivateDatabase(provider, new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString, server, name);
        }
        else
        {
            var file = Path.Combine(Path.GetTempPath(), name + ".db");
            database = new PrivateDatabase(provider, new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString, null, file);
        }

        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        return database;
    }

    /// <summary>A new context on this database (the caller disposes it), with <paramref name="interceptors"/> (a test's statement counter or injected fault).</summary>
    public KexieDbContext NewContext(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors) => provider == DatabaseProvider.Postgres
        ? new PostgresKexieDbContext(new DbContextOptionsBuilder<PostgresKexieDbContext>()
            .UseNpgsql(connectionString, x => x.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)).AddInterceptors(interceptors).Options)
        : new SqliteKexieDbContext(new DbContextOptionsBuilder<SqliteKexieDbContext>()
            .UseSqlite(connectionString, x => x.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)).AddInterceptors(interceptors).Options);

    public async ValueTask DisposeAsync()
    {
        if (provider == DatabaseProvider.Postgres)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server!) { Database = "postgres" }.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
            {
                File.Delete(name + suffix);
            }
        }
    }
}
