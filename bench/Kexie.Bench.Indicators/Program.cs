using System.Diagnostics;
using System.Globalization;
using Kexie.Data;
using Kexie.Data.Indicators;
using Kexie.Data.Seeding;
using Kexie.Data.SharedData;
using Kexie.Domain.Indicators;
using Kexie.Domain.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

// Indicator ranking benchmark: N activity events (default 10M) over the 183 county-level units of Sichuan,
// loaded as facts, rolled up, then the full ranking (all indicators, overall + groups + previous period) timed.
// Usage: dotnet run -c Release --project bench/Kexie.Bench.Indicators -- [--events N] [--sqlite PATH] [--postgres CONNSTRING] [--runs R] [--rank-only]
// --rank-only re-times the ranking on databases loaded by an earlier run (no reload, no value check).
var options = Options.Parse(args);
Console.WriteLine($"# 指标排名基准 — {options.Events:N0} 事件, {Environment.ProcessorCount} 核, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
var results = new List<string>();
if (options.SqlitePath is { } path)
{
    if (!options.RankOnly)
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }

    results.Add(await RunAsync("SQLite", () => new SqliteKexieDbContext(new DbContextOptionsBuilder<SqliteKexieDbContext>().UseSqlite($"Data Source={path}").Options), options));
}

if (options.Postgres is { } pg)
{
    results.Add(await RunAsync("PostgreSQL", () => new PostgresKexieDbContext(new DbContextOptionsBuilder<PostgresKexieDbContext>().UseNpgsql(pg).Options), options));
}

Console.WriteLine();
Console.WriteLine("| 数据库 | 事件 | 事实写入 | 汇总重建 | 排名中位数 | 排名 p95 | 排名最大 | 单地区指标值 | 校验 |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
results.ForEach(Console.WriteLine);

static async Task<string> RunAsync(string name, Func<KexieDbContext> create, Options options)
{
    Console.WriteLine($"\n## {name}");
    if (options.RankOnly)
    {
        return await RankAsync(name, create, options, null, double.NaN, double.NaN);
    }

    await using (var db = create())
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.EnsureDeletedAsync();
        }

        await new DatabaseInitializer(db, NullLogger<DatabaseInitializer>.Instance).MigrateAndLoadReferenceDataAsync(SharedDataPath.Resolve(null));
    }

    List<string> counties;
    await using (var db = create())
    {
        counties = await db.Regions.Where(r => r.Level == RegionLevel.County && r.Code.StartsWith("51")).OrderBy(r => r.Code).Select(r => r.Code).ToListAsync();
    }

    var expected = new Dictionary<(string County, FactKind Kind), long>();
    var load = Stopwatch.StartNew();
    await using (var db = create())
    {
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await using var tx = await db.Database.BeginTransactionAsync();
        var written = await FactStore.AppendAsync(db, Events(counties, options.Events, expected));
        await tx.CommitAsync();
        Console.WriteLine($"facts written: {written:N0} in {load.Elapsed.TotalSeconds:0.0} s");
    }

    var factSeconds = load.Elapsed.TotalSeconds;
    var rollup = Stopwatch.StartNew();
    await using (var db = create())
    {
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await using var tx = await db.Database.BeginTransactionAsync();
        await FactStore.RebuildRollupsAsync(db);
        await tx.CommitAsync();
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE \"IndicatorRollups\"");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }

        Console.WriteLine($"rollup rows: {await db.IndicatorRollups.LongCountAsync():N0} in {rollup.Elapsed.TotalSeconds:0.0} s");
    }

    return await RankAsync(name, create, options, expected, factSeconds, rollup.Elapsed.TotalSeconds);
}

// Ranks the 183 counties for 2025 (and 2024 for rank changes) R times after one warm-up run.
static async Task<string> RankAsync(string name, Func<KexieDbContext> create, Options options, Dictionary<(string County, FactKind Kind), long>? expected, double factSeconds, double rollupSeconds)
{
    var counties = new List<string>();
    var period = Period.OfYear(2025);
    var timings = new List<double>();
    PeerRanking? ranking = null;
    for (var run = 0; run <= options.Runs; run++)
    {
        await using var db = create();
        var engine = new IndicatorEngine(db);
        var watch = Stopwatch.StartNew();
        ranking = await engine.RankAsync(PeerGroup.Of("510923"), period, WeightSet.BuiltInDefault);
        watch.Stop();
        if (run > 0)
        {
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }
    }

    var single = Stopwatch.StartNew();
    await using (var db = create())
    {
        await new IndicatorEngine(db).ValuesAsync("510923", Period.OfQuarter(2025, 2).Days);
    }

    var singleMs = single.Elapsed.TotalMilliseconds;

    // Verify: values in the ranking equal the counts of the generated events.
    var errors = 0;
    counties = ranking!.Peers.Select(p => p.Code).ToList();
    foreach (var county in expected is null ? [] : counties)
    {
        var values = ranking!.Values.First(v => v.RegionCode == county).Values;
        errors += values["W02"] == expected!.GetValueOrDefault((county, FactKind.WorkerRegistered)) ? 0 : 1;
        errors += values["E02"] == expected!.GetValueOrDefault((county, FactKind.NeedPublished)) ? 0 : 1;
    }

    timings.Sort();
    var median = timings[timings.Count / 2];
    var p95 = timings[(int)Math.Ceiling(timings.Count * 0.95) - 1];
    var indicators = ranking!.Current.CountedIndicators.Count;
    var daying = ranking.Current.Find("510923")!;
    Console.WriteLine($"ranking {ranking.Peers.Count} counties x {indicators} counted indicators (+ previous period): median {median:0.0} ms, p95 {p95:0.0} ms, max {timings[^1]:0.0} ms; 大英县 rank {daying.Rank}; check errors {errors}");
    return $"| {name} | {options.Events:N0} | {factSeconds:0.0} s | {rollupSeconds:0.0} s | {median:0.0} ms | {p95:0.0} ms | {timings[^1]:0.0} ms | {singleMs:0.0} ms | {(expected is null ? "（仅排名）" : errors == 0 ? "183×2 值一致" : $"{errors} 处不一致")} |";
}

// Each event is one fact of count 1 (deals carry an amount) with its own source id, on a random CST day from
// July 2020 to December 2025, in a random county; kinds weighted roughly like the platform's activity.
static IEnumerable<ActivityFact> Events(IReadOnlyList<string> counties, long count, Dictionary<(string, FactKind), long> expected)
{
    var random = new Random(20201216);
    var kinds = new (FactKind Kind, int Weight)[]
    {
        (FactKind.WorkerRegistered, 30), (FactKind.OrganizationRegistered, 6), (FactKind.ServiceOfferPublished, 8), (FactKind.AchievementPublished, 2),
        (FactKind.ProjectPublished, 1), (FactKind.NeedPublished, 10), (FactKind.NeedResponseSettled, 10), (FactKind.NeedAnsweredInTime, 8),
        (FactKind.NeedAnsweredLate, 2), (FactKind.DealClosed, 5), (FactKind.DealTakenByWorker, 5), (FactKind.ServiceTicketServed, 13),
    };
    var table = kinds.SelectMany(k => Enumerable.Repeat(k.Kind, k.Weight)).ToArray();
    var first = new DateOnly(2020, 7, 1).DayNumber;
    var span = new DateOnly(2025, 12, 31).DayNumber - first + 1;
    // County activity differs: a fixed weight per county.
    var weights = counties.Select(_ => 0.3 + random.NextDouble()).ToArray();
    var cumulative = new double[weights.Length];
    var sum = 0.0;
    for (var i = 0; i < weights.Length; i++)
    {
        sum += weights[i];
        cumulative[i] = sum;
    }

    for (long i = 0; i < count; i++)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble() * sum);
        var county = counties[index < 0 ? ~index : index];
        var kind = table[random.Next(table.Length)];
        var day = DateOnly.FromDayNumber(first + random.Next(span));
        var fen = kind is FactKind.DealClosed or FactKind.DealTakenByWorker ? random.NextInt64(100_000, 100_000_000) : 0;
        if (day.Year == 2025)
        {
            expected[(county, kind)] = expected.GetValueOrDefault((county, kind)) + 1;
        }

        yield return new ActivityFact(county, kind, ChinaTime.DayKey(day), 1, fen, FactSource.Synthetic, Guid.CreateVersion7());
    }
}

internal sealed record Options(long Events, string? SqlitePath, string? Postgres, int Runs, bool RankOnly)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new Options(
            long.Parse(Value("--events") ?? "10000000", CultureInfo.InvariantCulture),
            Value("--sqlite"),
            Value("--postgres"),
            int.Parse(Value("--runs") ?? "20", CultureInfo.InvariantCulture),
            args.Contains("--rank-only"));
    }
}
