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
    /// Applies <paramref name="delta"/> (the contributions of facts removed and appended by an incremental refresh) to the
    /// rollup rows it names, in the caller's transaction: each row's sums move by the delta (<c>INSERT … ON CONFLICT DO UPDATE
    /// SET "Count" = "Count" + excluded."Count"</c>, a new row where none was), and a row whose count falls to zero is deleted —
    /// every fact counts at least 1 (<see cref="RollupDelta.Exact"/>), so a count of zero means its last fact is gone, as a
    /// rebuild from the facts would leave no row. Both measures are sums and add exactly; a distinct count would not (a cell's
    /// distinct sources are not the sum of its parts'), and no rollup holds one. Rows whose delta is zero (a record derived
    /// again with the same facts) are not written. Statements of up to <see cref="DeltaRowsPerStatement"/> rows, one index
    /// lookup each, instead of re-aggregating the touched days and months from the facts at every level.
    /// </summary>
    public static async Task ApplyRollupDeltaAsync(KexieDbContext db, RollupDelta delta, CancellationToken ct = default)
    {
        var rows = delta.Changed().Order().Select(k => new KeyValuePair<RollupKey, RollupSums>(k, delta.Rows[k])).ToList();
        foreach (var chunk in rows.Chunk(DeltaRowsPerStatement))
        {
            var parameters = new List<object>(chunk.Length * 7);
            var values = string.Join(", ", chunk.Select(r =>
            {
                var first = parameters.Count;
                parameters.AddRange([(int)r.Key.Grain, r.Key.Level, r.Key.RegionCode, r.Key.Day, (int)r.Key.Kind, r.Value.Count, r.Value.AmountFen]);
                return "(" + string.Join(", ", Enumerable.Range(first, 7).Select(i => "{" + i + "}")) + ")";
            }));
            var upsert = $"""
                INSERT INTO "IndicatorRollups" ("Grain", "Level", "RegionCode", "Day", "Kind", "Count", "AmountFen")
                VALUES {values}
                ON CONFLICT ("Grain", "Level", "RegionCode", "Day", "Kind") DO UPDATE
                SET "Count" = "IndicatorRollups"."Count" + excluded."Count", "AmountFen" = "IndicatorRollups"."AmountFen" + excluded."AmountFen"
                """;
            await db.Database.ExecuteSqlRawAsync(upsert, parameters, ct);
        }

        // Only a row whose count went down can have lost its last fact.
        var lowered = rows.Where(r => r.Value.Count < 0).ToList();
        foreach (var chunk in lowered.Chunk(DeltaRowsPerStatement))
        {
            var parameters = new List<object>(chunk.Length * 5);
            var keys = string.Join(", ", chunk.Select(r =>
            {
                var first = parameters.Count;
                parameters.AddRange([(int)r.Key.Grain, r.Key.Level, r.Key.RegionCode, r.Key.Day, (int)r.Key.Kind]);
                return "(" + string.Join(", ", Enumerable.Range(first, 5).Select(i => "{" + i + "}")) + ")";
            }));
            var delete = $"""
                DELETE FROM "IndicatorRollups"
                WHERE "Count" <= 0 AND ("Grain", "Level", "RegionCode", "Day", "Kind") IN (VALUES {keys})
                """;
            await db.Database.ExecuteSqlRawAsync(delete, parameters, ct);
        }
    }

    /// <summary>Rows per statement of <see cref="ApplyRollupDeltaAsync"/> (7 parameters a row: well under both providers' limits).</summary>
    public const int DeltaRowsPerStatement = 500;

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

/// <summary>
/// The change an incremental refresh makes to the rollups, row by row: what the facts it removed and appended contribute to
/// every rollup row they fall in (each level of their region's lineage, the day, its month and its year), removed subtracted
/// and appended added. Applied by <see cref="FactStore.ApplyRollupDeltaAsync"/>.
/// </summary>
public sealed class RollupDelta
{
    private static readonly int[] Levels = [2, 4, 6, 9];

    public Dictionary<RollupKey, RollupSums> Rows { get; } = [];

    /// <summary>
    /// Whether every fact added or removed counted at least 1 (all derivations and seeders give 1 or more): then a rollup
    /// row has facts exactly when its count is above zero, and the delta leaves what a rebuild from the facts leaves.
    /// When not, the caller rebuilds the cells from the facts instead.
    /// </summary>
    public bool Exact { get; private set; } = true;

    /// <summary>Adds the contribution of facts at (<paramref name="regionCode"/>, <paramref name="day"/>, <paramref name="kind"/>) summing to <paramref name="count"/> and <paramref name="amountFen"/>; <paramref name="sign"/> −1 removes it.</summary>
    public void Add(string regionCode, int day, FactKind kind, long count, long amountFen, int sign, int smallestCount)
    {
        if (smallestCount < 1)
        {
            Exact = false;
        }

        var month = (day / 100 * 100) + 1;
        var year = (day / 10000 * 10000) + 101;
        foreach (var level in Levels)
        {
            if (regionCode.Length < level)
            {
                break;
            }

            var prefix = regionCode[..level];
            Move(new RollupKey(RollupGrain.Day, level, prefix, day, kind));
            Move(new RollupKey(RollupGrain.Month, level, prefix, month, kind));
            Move(new RollupKey(RollupGrain.Year, level, prefix, year, kind));
        }

        void Move(RollupKey key)
        {
            var old = Rows.GetValueOrDefault(key);
            Rows[key] = new RollupSums(old.Count + (sign * count), old.AmountFen + (sign * amountFen));
        }
    }

    /// <summary>The rows whose sums change (a delta of zero on both measures moves nothing).</summary>
    public IEnumerable<RollupKey> Changed() => Rows.Where(r => r.Value.Count != 0 || r.Value.AmountFen != 0).Select(r => r.Key);

    /// <summary>Appended facts.</summary>
    public void Added(IEnumerable<ActivityFact> facts)
    {
        foreach (var f in facts)
        {
            Add(f.RegionCode, f.Day, f.Kind, f.Count, f.AmountFen, 1, f.Count);
        }
    }
}

/// <summary>The key of a rollup row (its primary key).</summary>
public readonly record struct RollupKey(RollupGrain Grain, int Level, string RegionCode, int Day, FactKind Kind) : IComparable<RollupKey>
{
    public int CompareTo(RollupKey other)
    {
        var c = Grain.CompareTo(other.Grain);
        c = c != 0 ? c : Level.CompareTo(other.Level);
        c = c != 0 ? c : string.CompareOrdinal(RegionCode, other.RegionCode);
        c = c != 0 ? c : Day.CompareTo(other.Day);
        return c != 0 ? c : Kind.CompareTo(other.Kind);
    }
}

/// <summary>A rollup row's measures, or a change of them: both sums.</summary>
public readonly record struct RollupSums(long Count, long AmountFen);

