using System.Data.Common;
using Kexie.Domain.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Kexie.Data.Indicators;

/// <summary>Bulk writes of facts and SQL rebuilds of rollups, the same statements on SQLite and PostgreSQL.</summary>
public static class FactStore
{
    private static readonly int[] Levels = [2, 4, 6, 9];

    /// <summary>Appends facts fast: binary COPY on PostgreSQL, one prepared INSERT in the current transaction on SQLite.</summary>
    public static async Task<long> AppendAsync(KexieDbContext db, IEnumerable<ActivityFact> facts, CancellationToken ct = default)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        long written = 0;
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await using var importer = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(
                "COPY \"IndicatorFacts\" (\"RegionCode\", \"Kind\", \"Day\", \"Count\", \"AmountFen\", \"Source\", \"SourceId\") FROM STDIN (FORMAT BINARY)", ct);
            foreach (var fact in facts)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(fact.RegionCode, NpgsqlDbType.Varchar, ct);
                await importer.WriteAsync((int)fact.Kind, NpgsqlDbType.Integer, ct);
                await importer.WriteAsync(fact.Day, NpgsqlDbType.Integer, ct);
                await importer.WriteAsync(fact.Count, NpgsqlDbType.Integer, ct);
                await importer.WriteAsync(fact.AmountFen, NpgsqlDbType.Bigint, ct);
                await importer.WriteAsync((int)fact.Source, NpgsqlDbType.Integer, ct);
                if (fact.SourceId is { } id)
                {
                    await importer.WriteAsync(id, NpgsqlDbType.Uuid, ct);
                }
                else
                {
                    await importer.WriteNullAsync(ct);
                }

                written++;
            }

            await importer.CompleteAsync(ct);
            return written;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = "INSERT INTO \"IndicatorFacts\" (\"RegionCode\", \"Kind\", \"Day\", \"Count\", \"AmountFen\", \"Source\", \"SourceId\") VALUES (@r, @k, @d, @c, @a, @s, @i)";
        var region = Parameter(command, "@r");
        var kind = Parameter(command, "@k");
        var day = Parameter(command, "@d");
        var count = Parameter(command, "@c");
        var amount = Parameter(command, "@a");
        var source = Parameter(command, "@s");
        var sourceId = Parameter(command, "@i");
        foreach (var fact in facts)
        {
            region.Value = fact.RegionCode;
            kind.Value = (int)fact.Kind;
            day.Value = fact.Day;
            count.Value = fact.Count;
            amount.Value = fact.AmountFen;
            source.Value = (int)fact.Source;
            // EF Core stores SQLite Guids as upper-case text.
            sourceId.Value = fact.SourceId is { } id ? id.ToString().ToUpperInvariant() : DBNull.Value;
            if (written == 0)
            {
                await command.PrepareAsync(ct);
            }

            await command.ExecuteNonQueryAsync(ct);
            written++;
        }

        return written;
    }

    /// <summary>
    /// Rebuilds the day and month rollups of the whole months from <paramref name="fromMonth"/> to
    /// <paramref name="toMonth"/> (day keys of first days), and the year rollups of the years they fall in, or
    /// of everything when both are null.
    /// </summary>
    public static async Task RebuildRollupsAsync(KexieDbContext db, int? fromMonth = null, int? toMonth = null, CancellationToken ct = default)
    {
        var from = fromMonth ?? 0;
        var to = toMonth is { } m ? ChinaTime.DayKey(ChinaTime.FromDayKey(m).AddMonths(1).AddDays(-1)) : 99991231;
        var range = " \"Day\" BETWEEN " + from + " AND " + to;
        if (fromMonth is null && toMonth is null)
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"IndicatorRollups\"", ct);
        }
        else
        {
            // Year rows are keyed yyyy0101 and would fall inside a January's day range: only day and month rows here.
            var delete = $"DELETE FROM \"IndicatorRollups\" WHERE \"Grain\" IN ({(int)RollupGrain.Day}, {(int)RollupGrain.Month}) AND{range}";
            await db.Database.ExecuteSqlRawAsync(delete, ct);
        }

        foreach (var level in Levels)
        {
            var sql = $"""
                INSERT INTO "IndicatorRollups" ("Grain", "Level", "RegionCode", "Day", "Kind", "Count", "AmountFen")
                SELECT {(int)RollupGrain.Day}, {level}, substr("RegionCode", 1, {level}), "Day", "Kind", SUM("Count"), SUM("AmountFen")
                FROM "IndicatorFacts" WHERE {range} AND length("RegionCode") >= {level}
                GROUP BY substr("RegionCode", 1, {level}), "Day", "Kind"
                """;
            await db.Database.ExecuteSqlRawAsync(sql, ct);
        }

        var months = $"""
            INSERT INTO "IndicatorRollups" ("Grain", "Level", "RegionCode", "Day", "Kind", "Count", "AmountFen")
            SELECT {(int)RollupGrain.Month}, "Level", "RegionCode", ("Day" / 100) * 100 + 1, "Kind", SUM("Count"), SUM("AmountFen")
            FROM "IndicatorRollups" WHERE "Grain" = {(int)RollupGrain.Day} AND {range}
            GROUP BY "Level", "RegionCode", ("Day" / 100) * 100 + 1, "Kind"
            """;
        await db.Database.ExecuteSqlRawAsync(months, ct);
        await RebuildYearRollupsAsync(db, fromMonth is null ? null : from / 10000, toMonth is null ? null : to / 10000, ct);
    }

    /// <summary>
    /// Rebuilds the year rollups (key yyyy0101) of the years <paramref name="fromYear"/> to <paramref name="toYear"/>
    /// (all years when null) from the month rollups, which must be up to date.
    /// </summary>
    public static async Task RebuildYearRollupsAsync(KexieDbContext db, int? fromYear = null, int? toYear = null, CancellationToken ct = default)
    {
        var first = (fromYear ?? 0) * 10000;
        var last = toYear is { } y ? (y * 10000) + 1231 : 99991231;
        var delete = $"DELETE FROM \"IndicatorRollups\" WHERE \"Grain\" = {(int)RollupGrain.Year} AND \"Day\" BETWEEN {first} AND {last}";
        await db.Database.ExecuteSqlRawAsync(delete, ct);
        var years = $"""
            INSERT INTO "IndicatorRollups" ("Grain", "Level", "RegionCode", "Day", "Kind", "Count", "AmountFen")
            SELECT {(int)RollupGrain.Year}, "Level", "RegionCode", ("Day" / 10000) * 10000 + 101, "Kind", SUM("Count"), SUM("AmountFen")
            FROM "IndicatorRollups" WHERE "Grain" = {(int)RollupGrain.Month} AND "Day" BETWEEN {first} AND {last}
            GROUP BY "Level", "RegionCode", ("Day" / 10000) * 10000 + 101, "Kind"
            """;
        await db.Database.ExecuteSqlRawAsync(years, ct);
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
