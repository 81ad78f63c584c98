using Kexie.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Kexie.Web.Tests;

/// <summary>
/// PostgreSQL connections are returned to the pool without Npgsql's <c>DISCARD ALL</c> (<c>No Reset On Close=true</c>,
/// <see cref="DataServiceCollectionExtensions.WithoutResetOnClose"/>) unless the connection string says otherwise, and what
/// the reset would have cleaned that matters — a transaction left open and its locks — is still rolled back on return.
/// </summary>
public sealed class ConnectionResetPostgresTests(PostgresApp app)
{
    [Fact]
    public void The_reset_is_off_unless_the_connection_string_sets_it()
    {
        Assert.True(new NpgsqlConnectionStringBuilder(DataServiceCollectionExtensions.WithoutResetOnClose("Host=db;Database=kexie;")).NoResetOnClose);
        Assert.False(new NpgsqlConnectionStringBuilder(DataServiceCollectionExtensions.WithoutResetOnClose("Host=db;Database=kexie;No Reset On Close=false")).NoResetOnClose);
        Assert.False(new NpgsqlConnectionStringBuilder(DataServiceCollectionExtensions.WithoutResetOnClose("Host=db;NoResetOnClose=false;Database=kexie")).NoResetOnClose);
    }

    [Fact]
    public async Task A_transaction_left_open_is_rolled_back_when_its_connection_returns_to_the_pool()
    {
        var configured = await app.QueryAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        Assert.True(new NpgsqlConnectionStringBuilder(configured).NoResetOnClose);
        var pooled = new NpgsqlConnectionStringBuilder(configured) { ApplicationName = "kexie-reset-test", MaxPoolSize = 1 }.ConnectionString;
        int backend;
        await using (var connection = new NpgsqlConnection(pooled))
        {
            await connection.OpenAsync();
            await using var begin = new NpgsqlCommand("BEGIN; SELECT pg_advisory_xact_lock(510923777);", connection);
            await begin.ExecuteNonQueryAsync();
            await using var pid = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
            backend = (int)(await pid.ExecuteScalarAsync())!;
        }

        // The connection is idle in the pool: its transaction and the lock it took are gone.
        await using var other = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(configured) { ApplicationName = "kexie-reset-other" }.ConnectionString);
        await other.OpenAsync();
        await using var state = new NpgsqlCommand("SELECT state FROM pg_stat_activity WHERE pid = @pid", other);
        state.Parameters.AddWithValue("pid", backend);
        Assert.Equal("idle", (string?)await state.ExecuteScalarAsync());
        await using var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(510923777)", other);
        Assert.True((bool)(await tryLock.ExecuteScalarAsync())!);

        // The same pooled connection is handed out again and works.
        await using var again = new NpgsqlConnection(pooled);
        await again.OpenAsync();
        await using var check = new NpgsqlCommand("SELECT pg_backend_pid()", again);
        Assert.Equal(backend, (int)(await check.ExecuteScalarAsync())!);
    }
}
