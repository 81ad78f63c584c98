using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests;

/// <summary>The migrations of each provider match the model: nobody changed an entity without adding a migration.</summary>
public abstract class MigrationTests(KexieApp app)
{
    [Fact]
    public async Task The_model_has_no_changes_missing_from_the_migrations()
    {
        Assert.False(await app.QueryAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())), "实体模型已改变但缺少迁移：请为 SQLite 和 PostgreSQL 各添加一个迁移");
        Assert.Empty(await app.QueryAsync(db => db.Database.GetPendingMigrationsAsync()));
    }
}

public sealed class MigrationSqliteTests(SqliteApp app) : MigrationTests(app)
{
    /// <summary>
    /// In the rollback-journal mode a reader's open transaction holds the writer's commit until the busy timeout (30 s), and
    /// under load a sign-up or an order step failed with a 500. In write-ahead-log mode the write commits at once.
    /// </summary>
    [Fact]
    public async Task An_open_read_does_not_hold_a_write_waiting_for_the_lock()
    {
        var connectionString = await app.QueryAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        await using var reader = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        await reader.OpenAsync();
        await using (var mode = reader.CreateCommand())
        {
            mode.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", (string?)await mode.ExecuteScalarAsync());
        }

        // Deferred: a read transaction (the provider's default BEGIN IMMEDIATE would take the write lock itself).
        await using var read = reader.BeginTransaction(deferred: true);
        await using (var count = reader.CreateCommand())
        {
            count.Transaction = read;
            count.CommandText = "SELECT COUNT(*) FROM \"Regions\"";
            Assert.True((long)(await count.ExecuteScalarAsync())! > 0);
        }

        // A writer that gives up after one second instead of thirty: in the old mode it fails with "database is locked".
        var impatient = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 1, Pooling = false };
        await using var writer = new Microsoft.Data.Sqlite.SqliteConnection(impatient.ToString());
        await writer.OpenAsync();
        await using var write = writer.CreateCommand();
        write.CommandText = "UPDATE \"Regions\" SET \"Name\" = \"Name\" WHERE \"Code\" = (SELECT MIN(\"Code\") FROM \"Regions\")";
        Assert.Equal(1, await write.ExecuteNonQueryAsync());
    }
}

public sealed class MigrationPostgresTests(PostgresApp app) : MigrationTests(app)
{
    /// <summary>
    /// Region scope is <c>RegionCode LIKE '510923%'</c>. Under the database's own collation (C.UTF-8 here, zh_CN.UTF-8 in
    /// production) a default B-tree index cannot serve it and every scoped count scanned its table; the region-code index
    /// columns use varchar_pattern_ops (RegionPrefixIndexes).
    /// </summary>
    [Fact]
    public async Task Region_scope_is_served_by_an_index_under_the_databases_collation()
    {
        var (plan, indexes) = await app.QueryAsync(async db =>
        {
            var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var off = new Npgsql.NpgsqlCommand("SET LOCAL enable_seqscan = off", connection, transaction))
            {
                await off.ExecuteNonQueryAsync();
            }

            var lines = new List<string>();
            await using (var explain = new Npgsql.NpgsqlCommand("""EXPLAIN SELECT count(*) FROM "ScienceWorkers" WHERE "RegionCode" LIKE '510923%'""", connection, transaction))
            await using (var reader = await explain.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    lines.Add(reader.GetString(0));
                }
            }

            var definitions = new List<string>();
            await using (var catalogue = new Npgsql.NpgsqlCommand("""SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE 'PK\_%' AND indexdef LIKE '%RegionCode"%'""", connection, transaction))
            await using (var reader = await catalogue.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    definitions.Add(reader.GetString(0));
                }
            }

            return (string.Join("\n", lines), definitions);
        });

        Assert.Contains("Index Cond", plan);
        Assert.Contains("~>=~", plan);
        Assert.True(indexes.Count > 30, $"only {indexes.Count} region-code indexes");
        // Region prefixes are served by pattern-ops indexes; only the list-order indexes (region, name, id) keep the default
        // class, so that they also serve ORDER BY and the keyset range of the directory lists' pages; the needs' and offers'
        // (publication time, id) carry the region code as an included column for the index-only skip to a deep page.
        // The day rollups' index for a ranking's day segments (ProviderContexts, migration Db13ReadIndexes) reads all peers'
        // codes by range (>=, <) after the day, which only the default class serves: the one other index kept without it.
        const string rollupDays = "\"IX_IndicatorRollups_Days\"";
        var days = Assert.Single(indexes, d => d.Contains(rollupDays, StringComparison.Ordinal));
        Assert.DoesNotMatch("pattern_ops", days);
        var (listOrder, prefix) = (indexes.Where(d => d.Contains(Kexie.Data.RegionPrefixIndexes.ListOrderSuffix, StringComparison.Ordinal)).ToList(),
            indexes.Where(d => !d.Contains(Kexie.Data.RegionPrefixIndexes.ListOrderSuffix, StringComparison.Ordinal) && !d.Contains(rollupDays, StringComparison.Ordinal)).ToList());
        Assert.All(prefix, d => Assert.Matches("RegionCode\" varchar_pattern_ops", d));
        Assert.Equal(4, listOrder.Count);
        Assert.Equal(4, listOrder.Count(d => d.Contains("INCLUDE", StringComparison.Ordinal)));
        Assert.All(listOrder, d => Assert.DoesNotMatch("pattern_ops", d));
    }
}
