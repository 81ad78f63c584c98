using System.Globalization;
using Kexie.Matching.Data;

namespace Kexie.Bench;

/// <summary>
/// The robust tuning protocol (issue 12, match13): candidate settings run on several splits of the training half (each in
/// both directions, so every training record is queried once per split), pooled record by record, and chosen by a rule
/// fixed in advance that rewards margin (docs/benchmarks.md, "A robust operating point"). `tune` runs, `tune-select` reads
/// its per-query files and applies the rule. The evaluation half is read only with `--splits hash`, once, for the chosen
/// setting beside the default.
/// </summary>
internal static class TuneBench
{
    /// <summary>The cells of the rule: engine setting × task, with the guard (T1/T2: Δ ≥ −0.005) or target (T3/T4 ×).</summary>
    private static readonly (string Setting, BenchTask Task, double Threshold)[] Cells =
    [
        ("model", BenchTask.T1KeywordsToAbstract, -0.005),
        ("model", BenchTask.T2TitleToAbstract, -0.005),
        ("model", BenchTask.T3TitleToField, 1.25),
        ("model", BenchTask.T4KeywordsToField, 1.25),
        ("codes", BenchTask.T1KeywordsToAbstract, -0.005),
        ("codes", BenchTask.T2TitleToAbstract, -0.005),
        ("codes", BenchTask.T3TitleToField, 1.50),
        ("codes", BenchTask.T4KeywordsToField, 1.50),
    ];

    /// <summary>`tune --splits inner:0,inner:1,… --candidates FILE --out FILE [--settings model,codes] [--baselines …]`.</summary>
    public static int Run(Dictionary<string, string?> options, string dataDir)
    {
        var candidatesFile = options.GetValueOrDefault("candidates") ?? throw new ArgumentException("--candidates FILE needed (name, then the --set overrides or -, a line each)");
        var candidates = File.ReadLines(candidatesFile)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split((char[])[' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries))
            .Select(p => (Name: p[0], Set: p.Length < 2 || p[1].Trim() == "-" ? null : p[1].Trim()))
            .ToList();
        var splits = (options.GetValueOrDefault("splits") ?? "inner:0,inner:1,inner:2,inner:3").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var baselines = (options.GetValueOrDefault("baselines") ?? "SmartCn,Standard").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var settings = (options.GetValueOrDefault("settings") ?? "model,codes").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var outPath = options.GetValueOrDefault("out") ?? throw new ArgumentException("--out FILE needed");
        var records = CslRecord.ReadJsonLines(options.GetValueOrDefault("train") ?? Path.Combine(dataDir, "csl", "csl_full_dev.jsonl"));
        var categoryPath = Path.Combine(dataDir, "csl", "csl_title_category_train.jsonl");
        var categoryRecords = File.Exists(categoryPath) ? CslRecord.ReadJsonLines(categoryPath) : [];
        using var writer = new StreamWriter(outPath, append: true) { AutoFlush = true };
        QualityBench.TuneOut = writer;
        Console.WriteLine($"# Kexie.Bench tune ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {HoldoutSplit.LoadAverage()}): {candidates.Count} candidates, splits {string.Join(' ', splits)}");
        foreach (var split in splits)
        {
            // Both directions of an inner split (every training record queried once); the headline split has one.
            var directions = split == "hash" ? [split] : new[] { split, split.Replace("inner", "inner-b", StringComparison.Ordinal) };
            foreach (var direction in directions)
            {
                var (train, eval) = HoldoutSplit.Named(records, direction) ?? throw new ArgumentException($"unknown split {direction}");
                QualityBench.TuneSplit = direction;
                var sw = System.Diagnostics.Stopwatch.StartNew();
                var quality = new QualityBench(eval, train, 1, dataDir, Console.Out)
                {
                    CategoryTitles = categoryRecords,
                    Settings = settings,
                    Variants = candidates,
                };
                quality.Run(baselines, runEngine: true);
                new Report(Console.Out).Quality(quality, eval.Count, $"{direction}: {train.Count} → {eval.Count}", sw.Elapsed);
            }
        }
        QualityBench.TuneOut = null;
        Overrides.Replace(null);
        Console.WriteLine($"  load average at the end: {HoldoutSplit.LoadAverage()}");
        return 0;
    }

    /// <summary>`tune-select FILE… [--default NAME]`: the registered rule over the pooled per-query files.</summary>
    public static int Select(string[] files, string defaultName)
    {
        // system → setting → task → split → record → nDCG
        var rows = new Dictionary<(string Candidate, string Setting, BenchTask Task), Dictionary<string, Dictionary<string, double>>>();
        var splitsSeen = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var line in File.ReadLines(file))
            {
                var p = line.Split('\t');
                if (p.Length != 5)
                {
                    continue;
                }
                string candidate, setting;
                if (p[0].StartsWith("Lucene BM25 + ", StringComparison.Ordinal))
                {
                    candidate = "baseline:" + p[0]["Lucene BM25 + ".Length..];
                    setting = "-";
                }
                else
                {
                    var at = p[0].LastIndexOf(" · ", StringComparison.Ordinal);
                    candidate = p[0][..at];
                    setting = p[0][(at + 3)..] switch { "text + model" => "model", "with codes" => "codes", _ => "text" };
                }
                var key = (candidate, setting, Enum.Parse<BenchTask>(p[1]));
                if (!rows.TryGetValue(key, out var bySplit))
                {
                    rows[key] = bySplit = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
                }
                // An inner split's two directions are one split: every record once.
                var splitName = p[2].Replace("inner-b", "inner", StringComparison.Ordinal);
                splitsSeen.Add(splitName);
                if (!bySplit.TryGetValue(splitName, out var byRecord))
                {
                    bySplit[splitName] = byRecord = new Dictionary<string, double>(StringComparer.Ordinal);
                }
                byRecord[p[3]] = double.Parse(p[4], CultureInfo.InvariantCulture);
            }
        }
        var splits = splitsSeen.ToList();
        var candidates = rows.Keys.Select(k => k.Candidate).Where(c => !c.StartsWith("baseline:", StringComparison.Ordinal)).Distinct().ToList();
        var baselineNames = rows.Keys.Select(k => k.Candidate).Where(c => c.StartsWith("baseline:", StringComparison.Ordinal)).Distinct().ToList();
        // Only (split, record) pairs every system has: a split that was cut short counts for what all of them finished.
        var best = new Dictionary<BenchTask, string>();
        foreach (var task in Enum.GetValues<BenchTask>())
        {
            best[task] = baselineNames.MaxBy(b => rows[(b, "-", task)].Values.SelectMany(v => v.Values).Average())!;
        }
        Console.WriteLine($"# Kexie.Bench tune-select ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC): {string.Join(", ", files.Select(Path.GetFileName))}");
        Console.WriteLine($"splits: {string.Join(", ", splits)}; best baseline per task (pooled): {string.Join(", ", best.Select(b => $"{b.Key.ToString()[..2]} {b.Value["baseline:".Length..]}"))}");
        Console.WriteLine();

        var results = new Dictionary<string, List<CellResult>>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            var cells = new List<CellResult>();
            foreach (var (setting, task, threshold) in Cells)
            {
                if (!rows.TryGetValue((candidate, setting, task), out var engine))
                {
                    continue;
                }
                var baseline = rows[(best[task], "-", task)];
                cells.Add(Cell(setting, task, threshold, engine, baseline));
            }
            results[candidate] = cells;
        }

        Console.WriteLine("Pooled over the splits, resampling training records (2,000 resamples, seed 20261206; a record brings its queries of every split): statistic (T1/T2 Δ against the best baseline, T3/T4 ×), its 5th percentile, the bootstrap standard deviation, the normalized margin m = (P5 − guard or target) / sd, and the share of resamples under the guard/target.");
        Console.WriteLine();
        Console.WriteLine("| candidate | " + string.Join(" | ", Cells.Select(c => $"{c.Setting} {c.Task.ToString()[..2]}")) + " | smallest m |");
        Console.WriteLine("|---|" + string.Concat(Cells.Select(_ => "---|")) + "---:|");
        foreach (var (candidate, cells) in results)
        {
            Console.WriteLine($"| {candidate} | " + string.Join(" | ", Cells.Select(c => cells.FirstOrDefault(x => x.Setting == c.Setting && x.Task == c.Task) is { } r ? r.Describe() : "—")) + $" | {cells.Min(c => c.Margin):F2} |");
        }
        Console.WriteLine();

        // Leximin: the largest smallest margin, then the second smallest, and so on.
        var ranked = results.OrderByDescending(r => r.Value.Select(c => c.Margin).Order().ToArray(), LeximinComparer.Instance).ToList();
        Console.WriteLine("Rule (leximin over the eight normalized margins): " + string.Join(" > ", ranked.Select(r => $"{r.Key} ({string.Join(", ", r.Value.Select(c => c.Margin).Order().Take(3).Select(m => m.ToString("F2", CultureInfo.InvariantCulture)))} …)")));
        Console.WriteLine($"chosen: {ranked[0].Key}");
        Console.WriteLine();

        // The noise a choice must beat: each cell's statistic per split, and each candidate's paired difference to the default per split.
        Console.WriteLine("Per split (each split = both directions, every training record once): statistic per cell; the spread between splits is the noise a choice must beat.");
        Console.WriteLine();
        Console.WriteLine("| candidate | split | " + string.Join(" | ", Cells.Select(c => $"{c.Setting} {c.Task.ToString()[..2]}")) + " |");
        Console.WriteLine("|---|---|" + string.Concat(Cells.Select(_ => "---:|")));
        foreach (var candidate in candidates)
        {
            foreach (var split in splits)
            {
                var values = Cells.Select(c =>
                {
                    if (!rows.TryGetValue((candidate, c.Setting, c.Task), out var engine) || !engine.TryGetValue(split, out var e))
                    {
                        return "—";
                    }
                    var b = rows[(best[c.Task], "-", c.Task)][split];
                    var keys = e.Keys.Where(b.ContainsKey).ToList();
                    var ratio = c.Task is BenchTask.T3TitleToField or BenchTask.T4KeywordsToField;
                    var se = keys.Sum(k => e[k]);
                    var sb = keys.Sum(k => b[k]);
                    return ratio ? (se / sb).ToString("F3", CultureInfo.InvariantCulture) : Delta((se - sb) / keys.Count);
                });
                Console.WriteLine($"| {candidate} | {split} | {string.Join(" | ", values)} |");
            }
        }
        Console.WriteLine();
        if (results.ContainsKey(defaultName))
        {
            Console.WriteLine($"Paired against {defaultName}, per split: mean Δ nDCG@10 of the cell (queries up / down).");
            Console.WriteLine();
            Console.WriteLine("| candidate | split | " + string.Join(" | ", Cells.Select(c => $"{c.Setting} {c.Task.ToString()[..2]}")) + " |");
            Console.WriteLine("|---|---|" + string.Concat(Cells.Select(_ => "---:|")));
            foreach (var candidate in candidates.Where(c => c != defaultName))
            {
                foreach (var split in splits.Append("pooled"))
                {
                    var values = Cells.Select(c =>
                    {
                        if (!rows.TryGetValue((candidate, c.Setting, c.Task), out var engine) || !rows.TryGetValue((defaultName, c.Setting, c.Task), out var basis))
                        {
                            return "—";
                        }
                        var pairs = (split == "pooled" ? splits : [split])
                            .Where(s => engine.ContainsKey(s) && basis.ContainsKey(s))
                            .SelectMany(s => engine[s].Where(kv => basis[s].ContainsKey(kv.Key)).Select(kv => kv.Value - basis[s][kv.Key]))
                            .ToList();
                        return pairs.Count == 0 ? "—" : $"{Delta(pairs.Average())} ({pairs.Count(d => d > 1e-9)} / {pairs.Count(d => d < -1e-9)})";
                    });
                    Console.WriteLine($"| {candidate} | {split} | {string.Join(" | ", values)} |");
                }
            }
        }
        return 0;
    }

    private sealed record CellResult(string Setting, BenchTask Task, double Point, double P5, double Sd, double Below, double Margin, int Records)
    {
        public string Describe() => Task is BenchTask.T3TitleToField or BenchTask.T4KeywordsToField
            ? string.Create(CultureInfo.InvariantCulture, $"{Point:F3} [{P5:F3}] m {Margin:F2} ({Below:P1})")
            : string.Create(CultureInfo.InvariantCulture, $"{Delta(Point)} [{Delta(P5)}] m {Margin:F2} ({Below:P1})");
    }

    /// <summary>
    /// The record-cluster bootstrap of one cell: resample the records (with replacement); a record brings its queries of
    /// every split. T1/T2: the difference of the engine's and the baseline's mean nDCG@10; T3/T4: their ratio.
    /// </summary>
    private static CellResult Cell(string setting, BenchTask task, double threshold,
        Dictionary<string, Dictionary<string, double>> engine, Dictionary<string, Dictionary<string, double>> baseline)
    {
        var sums = new Dictionary<string, (double E, double B, int N)>(StringComparer.Ordinal);
        foreach (var (split, byRecord) in engine)
        {
            if (!baseline.TryGetValue(split, out var b))
            {
                continue;
            }
            foreach (var (record, value) in byRecord)
            {
                if (b.TryGetValue(record, out var bv))
                {
                    var s = sums.GetValueOrDefault(record);
                    sums[record] = (s.E + value, s.B + bv, s.N + 1);
                }
            }
        }
        var keys = sums.Keys.Order(StringComparer.Ordinal).ToArray();
        var e = keys.Select(k => sums[k].E).ToArray();
        var bb = keys.Select(k => sums[k].B).ToArray();
        var n = keys.Select(k => sums[k].N).ToArray();
        var ratio = task is BenchTask.T3TitleToField or BenchTask.T4KeywordsToField;
        double Statistic(double se, double sb, int sn) => ratio ? se / sb : (se - sb) / sn;
        var point = Statistic(e.Sum(), bb.Sum(), n.Sum());
        var random = new Random(20261206);
        var values = new double[2000];
        for (var r = 0; r < values.Length; r++)
        {
            double se = 0, sb = 0;
            var sn = 0;
            for (var i = 0; i < keys.Length; i++)
            {
                var k = random.Next(keys.Length);
                se += e[k];
                sb += bb[k];
                sn += n[k];
            }
            values[r] = Statistic(se, sb, sn);
        }
        var sorted = values.Order().ToList();
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        var p5 = Metrics.Percentile(sorted, 0.05);
        var below = (double)values.Count(v => v < threshold) / values.Length;
        return new CellResult(setting, task, point, p5, sd, below, (p5 - threshold) / sd, keys.Length);
    }

    private sealed class LeximinComparer : IComparer<double[]>
    {
        public static readonly LeximinComparer Instance = new();

        public int Compare(double[]? x, double[]? y)
        {
            for (var i = 0; i < Math.Min(x!.Length, y!.Length); i++)
            {
                var c = Math.Round(x[i], 2).CompareTo(Math.Round(y[i], 2));
                if (c != 0)
                {
                    return c;
                }
            }
            return x.Length.CompareTo(y.Length);
        }
    }

    private static string Delta(double d) => (Math.Round(d, 4) + 0.0).ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture);
}
