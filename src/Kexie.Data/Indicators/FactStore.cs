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
    /// Rebuilds only the rollup cells that facts at <paramref name="cells"/> (day key, region code) feed: at every level,
    /// the day rows of those days, the month rows of their months and the year rows of their years, for the region
    /// codes' ancestors only. Called after an incremental refresh replaced the facts of a few records, so its cost
    /// follows the change (a day of one county's lineage), not the month's facts of the whole country. Cells whose facts
    /// are gone are deleted, so a record that moved or was removed leaves no stale row.
    /// </summary>
    public static async Task RebuildRollupCellsAsync(KexieDbContext db, IReadOnlyCollection<(int Day, string RegionCode)> cells, CancellationToken ct = default)
    {
        if (cells.Count == 0)
        {
            return;
        }

        var days = cells.Select(c => c.Day).Distinct().Order().ToList();
        var months = days.Select(ChinaTime.MonthKey).Distinct().Order().ToList();
        var years = days.Select(d => (d / 10000 * 10000) + 101).Distinct().Order().ToList();
        var regionCodes = cells.Select(c => c.RegionCode).Distinct().ToList();
        foreach (var level in Levels)
        {
            var prefixes = regionCodes.Where(c => c.Length >= level).Select(c => c[..level]).Distinct().Order().ToList();
            if (prefixes.Count == 0)
            {
                continue;
            }

            await RebuildGrainAsync(db, RollupGrain.Day, level, prefixes, days,
                $$"""
                SELECT {{(int)RollupGrain.Day}}, {{level}}, substr("RegionCode", 1, {{level}}), "Day", "Kind", SUM("Count"), SUM("AmountFen")
                FROM "IndicatorFacts" WHERE "Day" IN ({keys}) AND length("RegionCode") >= {{level}} AND substr("RegionCode", 1, {{level}}) IN ({regions})
                GROUP BY substr("RegionCode", 1, {{level}}), "Day", "Kind"
                """, ct);
            await CoarserAsync(RollupGrain.Month, RollupGrain.Day, 100, 1, months);
            await CoarserAsync(RollupGrain.Year, RollupGrain.Month, 10000, 101, years);

            // Rows of `grain` (keyed (Day / unit) * unit + offset: yyyymm01, yyyy0101) summed from the rows of `finer`.
            Task CoarserAsync(RollupGrain grain, RollupGrain finer, int unit, int offset, IReadOnlyList<int> keys) =>
                RebuildGrainAsync(db, grain, level, prefixes, keys,
                    $$"""
                    SELECT {{(int)grain}}, "Level", "RegionCode", ("Day" / {{unit}}) * {{unit}} + {{offset}}, "Kind", SUM("Count"), SUM("AmountFen")
                    FROM "IndicatorRollups" WHERE "Grain" = {{(int)finer}} AND "Level" = {{level}} AND "RegionCode" IN ({regions})
                      AND "Day" >= {{keys[0]}} AND "Day" < {{keys[^1] - offset + unit}} AND ("Day" / {{unit}}) * {{unit}} + {{offset}} IN ({keys})
                    GROUP BY "Level", "RegionCode", ("Day" / {{unit}}) * {{unit}} + {{offset}}, "Kind"
                    """, ct);
        }
    }

    /// <summary>
    /// Deletes the rows of one grain and level at <paramref name="keys"/> (day keys of that grain) under
    /// <paramref name="prefixes"/> and inserts them again from <paramref name="select"/>, whose {keys} and {regions}
    /// stand for the same lists, passed as parameters.
    /// </summary>
    private static async Task RebuildGrainAsync(KexieDbContext db, RollupGrain grain, int level, IReadOnlyList<string> prefixes, IReadOnlyList<int> keys, string select, CancellationToken ct)
    {
        var parameters = new List<object>();
        string List<T>(IEnumerable<T> values) where T : notnull =>
            string.Join(", ", values.Select(v =>
            {
                parameters.Add(v);
                return "{" + (parameters.Count - 1) + "}";
            }));

        var regionList = List(prefixes);
        var keyList = List(keys);
        var delete = $"DELETE FROM \"IndicatorRollups\" WHERE \"Grain\" = {(int)grain} AND \"Level\" = {level} AND \"RegionCode\" IN ({regionList}) AND \"Day\" IN ({keyList})";
        await db.Database.ExecuteSqlRawAsync(delete, parameters, ct);
        var insert = "INSERT INTO \"IndicatorRollups\" (\"Grain\", \"Level\", \"RegionCode\", \"Day\", \"Kind\", \"Count\", \"AmountFen\")\n"
            + select.Replace("{keys}", keyList, StringComparison.Ordinal).Replace("{regions}", regionList, StringComparison.Ordinal);
        await db.Database.ExecuteSqlRawAsync(insert, parameters, ct);
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
