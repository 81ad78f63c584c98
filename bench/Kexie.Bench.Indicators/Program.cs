using System.Diagnostics;
using System.Globalization;
using Kexie.Bench.Indicators;
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
// Usage: dotnet run -c Release --project bench/Kexie.Bench.Indicators -- [--events N] [--sqlite PATH] [--postgres CONNSTRING] [--runs R] [--warmup W] [--reuse] [--baseline] [--profile]
// --reuse (alias --rank-only) keeps the databases loaded by an earlier run with the same --events: pending
// migrations are applied, missing year rollups built from the month rollups, and the expected values regenerated
// from the same seeded event stream (nothing written), so the value check still runs.
// --baseline also times the previous read path (LegacyRanking: no year grain) on the same database, interleaved
// run by run with the current one, and checks that both rankings are identical. --profile times the steps.
var options = Options.Parse(args);
Console.WriteLine($"# 指标排名基准 — {options.Events:N0} 事件, {Environment.ProcessorCount} 核, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, load average {LoadAverage()}");
var results = new List<string>();
if (options.SqlitePath is { } path)
{
    if (!options.Reuse)
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
Console.WriteLine("| 数据库 | 事件 | 事实写入 | 汇总重建 | 排名中位数 | 排名 p95 | 排名最大 | 基线中位数 | 基线 p95 | 单地区指标值 | 负载（前/后） | 校验 |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
results.ForEach(Console.WriteLine);

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static async Task<string> RunAsync(string name, Func<KexieDbContext> create, Options options)
{
    Console.WriteLine($"\n## {name}");
    if (options.Reuse)
    {
        return await ReuseAsync(name, create, options);
    }

    await using (var db = create())
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.EnsureDeletedAsync();
        }

        await new DatabaseInitializer(db, NullLogger<DatabaseInitializer>.Instance).MigrateAndLoadReferenceDataAsync(SharedDataPath.Resolve(null));
    }

    var counties = await CountiesAsync(create);
    var expected = new Expected();
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
        await AnalyzeAsync(db);
        Console.WriteLine($"rollup rows: {await db.IndicatorRollups.LongCountAsync():N0} in {rollup.Elapsed.TotalSeconds:0.0} s");
    }

    return await RankAsync(name, create, options, expected, $"{factSeconds:0.0} s", $"{rollup.Elapsed.TotalSeconds:0.0} s");
}

static async Task<string> ReuseAsync(string name, Func<KexieDbContext> create, Options options)
{
    var rollupNote = "—";
    await using (var db = create())
    {
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        if (pending.Count > 0)
        {
            var migrate = Stopwatch.StartNew();
            await db.Database.MigrateAsync();
            Console.WriteLine($"migrations applied: {string.Join(", ", pending)} in {migrate.Elapsed.TotalSeconds:0.0} s");
        }

        if (!await db.IndicatorRollups.AnyAsync(r => r.Grain == RollupGrain.Year))
        {
            var years = Stopwatch.StartNew();
            await FactStore.RebuildYearRollupsAsync(db);
            rollupNote = $"年汇总 {years.Elapsed.TotalSeconds:0.0} s";
            Console.WriteLine($"year rollups built from month rollups in {years.Elapsed.TotalSeconds:0.0} s");
        }

        await AnalyzeAsync(db);
        Console.WriteLine($"rollup rows: {await db.IndicatorRollups.LongCountAsync():N0} ({await db.IndicatorRollups.LongCountAsync(r => r.Grain == RollupGrain.Year):N0} year rows)");
    }

    // Same seed, same stream: the expected values of the loaded events, recomputed without writing anything.
    var expected = new Expected();
    foreach (var _ in Events(await CountiesAsync(create), options.Events, expected))
    {
    }

    return await RankAsync(name, create, options, expected, "（复用）", rollupNote);
}

static async Task<List<string>> CountiesAsync(Func<KexieDbContext> create)
{
    await using var db = create();
    return await db.Regions.Where(r => r.Level == RegionLevel.County && r.Code.StartsWith("51")).OrderBy(r => r.Code).Select(r => r.Code).ToListAsync();
}

static async Task AnalyzeAsync(KexieDbContext db)
{
    if (db.Provider == DatabaseProvider.Postgres)
    {
        // VACUUM sets the visibility map so that index-only scans need no heap visits.
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE \"IndicatorRollups\"");
    }
    else
    {
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }
}

// Ranks the 183 counties for 2025 (and 2024 for rank changes) R times after W warm-up runs (--warmup, default 20:
// the first runs execute unoptimised tier-0 JIT code and pay for tier-1 compilation, which a running server has
// long done); with --baseline the
// previous implementation runs alternately (order swapped every run) so that both see the same machine load.
static async Task<string> RankAsync(string name, Func<KexieDbContext> create, Options options, Expected expected, string factNote, string rollupNote)
{
    var period = Period.OfYear(2025);
    var group = PeerGroup.Of("510923");
    var timings = new List<double>();
    var baselineTimings = new List<double>();
    PeerRanking? ranking = null;
    PeerRanking? baseline = null;

    var cpu = new List<double>();
    var baselineCpu = new List<double>();
    var process = Process.GetCurrentProcess();

    async Task<double> TimeAsync(bool legacy)
    {
        await using var db = create();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = legacy
            ? await new LegacyRanking(db).RankAsync(group, period, WeightSet.BuiltInDefault)
            : await new IndicatorEngine(db).RankAsync(group, period, WeightSet.BuiltInDefault);
        watch.Stop();
        process.Refresh();
        (legacy ? baselineCpu : cpu).Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        if (legacy)
        {
            baseline = result;
        }
        else
        {
            ranking = result;
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    var loadBefore = LoadAverage();
    for (var run = 0; run < options.Warmup + options.Runs; run++)
    {
        var timed = run >= options.Warmup;
        var legacyFirst = options.Baseline && run % 2 == 1;
        if (legacyFirst)
        {
            var b = await TimeAsync(legacy: true);
            if (timed)
            {
                baselineTimings.Add(b);
            }
        }

        var t = await TimeAsync(legacy: false);
        if (timed)
        {
            timings.Add(t);
        }

        if (options.Baseline && !legacyFirst)
        {
            var b = await TimeAsync(legacy: true);
            if (timed)
            {
                baselineTimings.Add(b);
            }
        }
    }

    var loadAfter = LoadAverage();
    if (options.Profile)
    {
        await ProfileAsync(create, group, period, options.Runs);
    }

    var singles = new List<double>();
    for (var i = 0; i < 5; i++)
    {
        await using var db = create();
        var single = Stopwatch.StartNew();
        await new IndicatorEngine(db).ValuesAsync("510923", Period.OfQuarter(2025, 2).Days);
        singles.Add(single.Elapsed.TotalMilliseconds);
    }

    var errors = Check(ranking!, expected);
    var differences = baseline is null ? 0 : Differences(ranking!, baseline);
    var (median, p95, max) = Stats(timings);
    var indicators = ranking!.Current.CountedIndicators.Count;
    var daying = ranking.Current.Find("510923")!;
    Console.WriteLine($"ranking {ranking.Peers.Count} counties x {indicators} counted indicators (+ previous period), {timings.Count} runs after {options.Warmup} warm-up: median {median:0.0} ms, p95 {p95:0.0} ms, max {max:0.0} ms; 大英县 rank {daying.Rank}; check errors {errors}");
    Console.WriteLine($"  process CPU per ranking (mean; this process: client + in-process SQLite, not the PostgreSQL server): {cpu.Skip(options.Warmup).Average():0.0} ms" + (baselineCpu.Count > 0 ? $", baseline {baselineCpu.Skip(options.Warmup).Average():0.0} ms" : string.Empty));
    var baselineCells = "— | —";
    if (baselineTimings.Count > 0)
    {
        var (bm, bp, bx) = Stats(baselineTimings);
        baselineCells = $"{bm:0.0} ms | {bp:0.0} ms";
        Console.WriteLine($"baseline (previous read path), same runs interleaved: median {bm:0.0} ms, p95 {bp:0.0} ms, max {bx:0.0} ms; differences from the current ranking {differences}");
    }

    Console.WriteLine($"load average before/after timing: {loadBefore} / {loadAfter}");
    var verdict = errors == 0 && differences == 0
        ? $"{ranking.Peers.Count}×{Expected.CheckedPerCounty} 值一致" + (baseline is null ? string.Empty : "，与基线排名完全相同")
        : $"{errors} 处值不一致，{differences} 处与基线不同";
    return $"| {name} | {options.Events:N0} | {factNote} | {rollupNote} | {median:0.0} ms | {p95:0.0} ms | {max:0.0} ms | {baselineCells} | {Stats(singles).Median:0.0} ms | {loadBefore} / {loadAfter} | {verdict} |";
}

// --profile: the steps of IndicatorEngine.RankAsync timed one by one (median over R runs), to see where the time goes.
static async Task ProfileAsync(Func<KexieDbContext> create, PeerGroup group, Period period, int runs)
{
    var steps = new Dictionary<string, List<double>>();
    var cpuSteps = new Dictionary<string, List<double>>();
    var process = Process.GetCurrentProcess();
    var cpuMark = process.TotalProcessorTime;
    void Add(string step, Stopwatch watch)
    {
        (steps.TryGetValue(step, out var list) ? list : steps[step] = []).Add(watch.Elapsed.TotalMilliseconds);
        process.Refresh();
        (cpuSteps.TryGetValue(step, out var cpuList) ? cpuList : cpuSteps[step] = []).Add((process.TotalProcessorTime - cpuMark).TotalMilliseconds);
        cpuMark = process.TotalProcessorTime;
        watch.Restart();
    }

    var cumulativeKinds = IndicatorCatalogue.All.Where(i => i.Accumulation == Accumulation.Cumulative).SelectMany(i => i.FactKinds).Distinct().ToList();
    for (var run = 0; run <= runs; run++)
    {
        await using var db = create();
        var engine = new IndicatorEngine(db);
        process.Refresh();
        cpuMark = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var peers = await engine.PeersAsync(group);
        Add("peers", watch);
        var current = await engine.SumAsync(group, null, RollupSegments.Cover(period.Days));
        Add("sum period", watch);
        var previous = await engine.SumAsync(group, null, RollupSegments.Cover(period.Previous.Days));
        Add("sum previous period", watch);
        var before = await engine.SumAsync(group, null, RollupSegments.Cover(new DayRange(DateOnly.MinValue, period.FirstDay.AddDays(-1))), cumulativeKinds);
        Add("sum before period (cumulative kinds)", watch);
        var totals = current.ToDictionary(c => c.Key, c =>
        {
            var t = new FactTotals();
            foreach (var (k, v) in c.Value)
            {
                t.InPeriod[k] = v;
            }

            return t;
        });
        var values = new PeerPeriodData(period, totals).Values(peers.Select(p => p.Code), IndicatorCatalogue.All);
        Add("values", watch);
        Scoring.Rank(IndicatorCatalogue.All, values, WeightSet.BuiltInDefault);
        Add("scoring (one period)", watch);
        if (run == 0)
        {
            steps.Clear();
            cpuSteps.Clear();
        }
    }

    Console.WriteLine("  profile, median ms wall / process CPU: " + string.Join(", ", steps.Select(s => $"{s.Key} {Stats(s.Value).Median:0.00} / {Stats(cpuSteps[s.Key]).Median:0.0}")));
}

static (double Median, double P95, double Max) Stats(List<double> timings)
{
    var sorted = timings.Order().ToList();
    return (sorted[sorted.Count / 2], sorted[(int)Math.Ceiling(sorted.Count * 0.95) - 1], sorted[^1]);
}

// Values in the ranking against the generated events, for every county: cumulative and period counts and amounts,
// in the period (2025) and the previous period (2024).
static int Check(PeerRanking ranking, Expected expected)
{
    var errors = 0;
    foreach (var county in ranking.Peers.Select(p => p.Code))
    {
        var current = ranking.Values.First(v => v.RegionCode == county).Values;
        var previous = ranking.Previous.Find(county)!;
        foreach (var (code, kind, cumulative, amount) in Expected.Checks)
        {
            errors += current[code] == expected.Value(county, kind, 2025, cumulative, amount) ? 0 : 1;
            errors += previous.Indicator(code).Value == expected.Value(county, kind, 2024, cumulative, amount) ? 0 : 1;
        }
    }

    return errors;
}

// Every value, normalised score, group score and rank of both periods must be the same as the baseline's.
static int Differences(PeerRanking a, PeerRanking b)
{
    static string Dump(Ranking r) => string.Join('\n', r.Entries.Select(e =>
        $"{e.RegionCode} {e.Score} {e.Rank} " + string.Join(' ', e.Groups.Select(g => $"{g.Group}:{g.Score}:{g.Rank}"))
        + " " + string.Join(' ', e.Indicators.Select(i => $"{i.Code}:{i.Value}:{i.Normalised}:{i.Counted}"))))
        + "\n" + string.Join(',', r.CountedIndicators) + "\n" + string.Join(',', r.EffectiveGroupWeights.Select(w => $"{w.Key}={w.Value}"));
    var differences = 0;
    foreach (var (x, y) in new[] { (a.Current, b.Current), (a.Previous, b.Previous) })
    {
        var left = Dump(x).Split('\n');
        var right = Dump(y).Split('\n');
        differences += Math.Abs(left.Length - right.Length) + left.Zip(right).Count(p => p.First != p.Second);
    }

    return differences;
}

// Each event is one fact of count 1 (deals carry an amount) with its own source id, on a random CST day from
// July 2020 to December 2025, in a random county; kinds weighted roughly like the platform's activity.
static IEnumerable<ActivityFact> Events(IReadOnlyList<string> counties, long count, Expected expected)
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
        expected.Add(county, kind, day.Year, fen);

        yield return new ActivityFact(county, kind, ChinaTime.DayKey(day), 1, fen, FactSource.Synthetic, Guid.CreateVersion7());
    }
}

internal sealed record Options(long Events, string? SqlitePath, string? Postgres, int Runs, int Warmup, bool Reuse, bool Baseline, bool Profile)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new Options(
            long.Parse(Value("--events") ?? "10000000", CultureInfo.InvariantCulture),
            Value("--sqlite"),
            Value("--postgres"),
            int.Parse(Value("--runs") ?? "40", CultureInfo.InvariantCulture),
            int.Parse(Value("--warmup") ?? "20", CultureInfo.InvariantCulture),
            args.Contains("--reuse") || args.Contains("--rank-only"),
            args.Contains("--baseline"),
            args.Contains("--profile"));
    }
}

/// <summary>Counts and amounts of the generated events per (county, kind, year).</summary>
internal sealed class Expected
{
    /// <summary>Indicator, fact kind, cumulative (everything up to the year's end), amount (元) instead of count.</summary>
    public static readonly (string Code, FactKind Kind, bool Cumulative, bool Amount)[] Checks =
    [
        ("W01", FactKind.WorkerRegistered, true, false), ("W02", FactKind.WorkerRegistered, false, false), ("W05", FactKind.DealTakenByWorker, false, true),
        ("E01", FactKind.OrganizationRegistered, true, false), ("E02", FactKind.NeedPublished, false, false), ("E05", FactKind.DealClosed, false, false),
        ("E06", FactKind.DealClosed, false, true),
    ];

    private readonly Dictionary<(string County, FactKind Kind, int Year), (long Count, long Fen)> totals = [];

    /// <summary>Values checked per county: each of <see cref="Checks"/> in the period and the previous period.</summary>
    public static int CheckedPerCounty => Checks.Length * 2;

    public void Add(string county, FactKind kind, int year, long fen)
    {
        var (count, sum) = totals.GetValueOrDefault((county, kind, year));
        totals[(county, kind, year)] = (count + 1, sum + fen);
    }

    public decimal Value(string county, FactKind kind, int year, bool cumulative, bool amount)
    {
        long count = 0, fen = 0;
        for (var y = cumulative ? 2000 : year; y <= year; y++)
        {
            var (c, f) = totals.GetValueOrDefault((county, kind, y));
            count += c;
            fen += f;
        }

        return amount ? fen / 100m : count;
    }
}
