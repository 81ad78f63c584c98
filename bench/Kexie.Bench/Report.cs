using System.Globalization;
using System.Runtime.InteropServices;

namespace Kexie.Bench;

/// <summary>Prints the benchmark tables (Markdown).</summary>
internal sealed class Report(TextWriter output)
{
    public void Header(string[] args, string dataDir, string train, string? eval, int folds)
    {
        output.WriteLine("# Kexie.Bench matching");
        output.WriteLine();
        output.WriteLine($"- date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        output.WriteLine($"- machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB available to .NET, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        output.WriteLine($"- command: dotnet run -c Release --project bench/Kexie.Bench -- {string.Join(' ', args)}");
        output.WriteLine($"- data: {dataDir}; train {train}; eval {eval ?? $"(k-fold, k={folds})"}");
        output.WriteLine($"- load average (1/5/15 min) at the start: {HoldoutSplit.LoadAverage()}");
        output.WriteLine();
    }

    public void Quality(QualityBench bench, int corpusSize, string protocol, TimeSpan elapsed)
    {
        output.WriteLine();
        output.WriteLine($"## Quality (corpus: {corpusSize} abstracts; {protocol}; {elapsed.TotalSeconds:F0} s; load average at the end {HoldoutSplit.LoadAverage()})");
        output.WriteLine();
        output.WriteLine("| system | T1 nDCG@10 | T2 nDCG@10 | T3 nDCG@10 | T3 P@10 | T4 nDCG@10 | T4 P@10 |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var s in bench.Results)
        {
            var t = s.Tasks;
            output.WriteLine($"| {s.Name} | {t[BenchTask.T1KeywordsToAbstract].Ndcg:F3} | {t[BenchTask.T2TitleToAbstract].Ndcg:F3} | {t[BenchTask.T3TitleToField].Ndcg:F3} | {t[BenchTask.T3TitleToField].Precision:F3} | {t[BenchTask.T4KeywordsToField].Ndcg:F3} | {t[BenchTask.T4KeywordsToField].Precision:F3} |");
        }
        var baselines = bench.Results.Where(r => r.Name.StartsWith("Lucene", StringComparison.Ordinal)).ToList();
        var engines = bench.Results.Where(r => !r.Name.StartsWith("Lucene", StringComparison.Ordinal)).ToList();
        if (baselines.Count > 0 && engines.Count > 0)
        {
            double Best(BenchTask task) => baselines.Max(b => b.Tasks[task].Ndcg);
            output.WriteLine();
            output.WriteLine("Against the best baseline of this run (targets: T3/T4 ≥ 1.25× text + model, ≥ 1.50× with codes; T1/T2 ≥ best − 0.005):");
            output.WriteLine();
            output.WriteLine("| system | T1 Δ | T2 Δ | T3 × | T4 × |");
            output.WriteLine("|---|---:|---:|---:|---:|");
            foreach (var e in engines)
            {
                var t = e.Tasks;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {e.Name} | {Delta(t[BenchTask.T1KeywordsToAbstract].Ndcg - Best(BenchTask.T1KeywordsToAbstract))} | {Delta(t[BenchTask.T2TitleToAbstract].Ndcg - Best(BenchTask.T2TitleToAbstract))} | {t[BenchTask.T3TitleToField].Ndcg / Best(BenchTask.T3TitleToField):F3} | {t[BenchTask.T4KeywordsToField].Ndcg / Best(BenchTask.T4KeywordsToField):F3} |"));
            }
        }
        BootstrapTable(bench.Results);
        if (bench.Classifier.Count > 0)
        {
            var c = bench.Classifier;
            output.WriteLine();
            output.WriteLine($"Discipline suggestion (67 classes, {c.Count} records never trained on): title → top-1 {c.Top1Title:P1}, top-3 {c.Top3Title:P1}; keywords → top-1 {c.Top1Keywords:P1}; title+keywords+abstract → top-1 {c.Top1Full:P1}, top-3 {c.Top3Full:P1}.");
        }
        output.WriteLine();
    }

    /// <summary>
    /// Paired bootstrap over the queries (<see cref="Bootstrap"/>) of each engine system against the best baseline of the
    /// results (chosen by its mean on all queries, as in the Δ table): is the gap more than noise?
    /// </summary>
    public void BootstrapTable(IReadOnlyList<SystemScores> results)
    {
        var baselines = results.Where(r => r.Name.StartsWith("Lucene", StringComparison.Ordinal)).ToList();
        var engines = results.Where(r => !r.Name.StartsWith("Lucene", StringComparison.Ordinal)).ToList();
        if (baselines.Count == 0 || engines.Count == 0)
        {
            return;
        }
        // Paired bootstrap over the queries: is the gap to the best baseline (chosen on all queries, as above) more than noise?
        SystemScores BestOf(BenchTask task) => baselines.MaxBy(b => b.Tasks[task].Ndcg)!;
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Paired bootstrap ({Bootstrap.Resamples:N0} resamples of the queries, seed {Bootstrap.Seed}) against the best baseline above: T1/T2 the difference of the means, T3/T4 their ratio; point estimate, mean of the resamples [5th, 95th percentile], share of resamples under the guard (T1/T2: Δ < −0.005) or target (T3/T4: 1.25× text + model, 1.50× with codes; none for text only):"));
        output.WriteLine();
        output.WriteLine("| system | task | baseline | queries | point | mean [5 %, 95 %] | under guard/target |");
        output.WriteLine("|---|---|---|---:|---:|---|---:|");
        foreach (var e in engines)
        {
            foreach (var task in Enum.GetValues<BenchTask>())
            {
                var ratio = task is BenchTask.T3TitleToField or BenchTask.T4KeywordsToField;
                var threshold = !ratio ? -0.005 : e.Name.Contains("with codes", StringComparison.Ordinal) ? 1.50 : 1.25;
                var best = BestOf(task);
                var b = Bootstrap.Run(e.Tasks[task].PerQuery, best.Tasks[task].PerQuery, ratio, threshold);
                // Text only has no T3/T4 target.
                var under = ratio && !e.Name.Contains('+', StringComparison.Ordinal) && !e.Name.Contains("with codes", StringComparison.Ordinal) ? "—" : b.Below.ToString("P1", CultureInfo.InvariantCulture);
                var name = e.Name.Length > 40 ? e.Name[..40] + "…" : e.Name;
                var baselineName = best.Name.Replace("Lucene BM25 + ", "", StringComparison.Ordinal);
                output.WriteLine(ratio
                    ? string.Create(CultureInfo.InvariantCulture, $"| {name} | {task.ToString()[..2]} | {baselineName} | {b.Queries} | {b.Point:F3} | {b.Mean:F3} [{b.P5:F3}, {b.P95:F3}] | {under} |")
                    : string.Create(CultureInfo.InvariantCulture, $"| {name} | {task.ToString()[..2]} | {baselineName} | {b.Queries} | {Delta(b.Point)} | {Delta(b.Mean)} [{Delta(b.P5)}, {Delta(b.P95)}] | {under} |"));
            }
        }
    }

    public void Scale(ScaleBench bench)
    {
        output.WriteLine();
        output.WriteLine($"## Speed and scale (top-20; {Environment.ProcessorCount} cores; latency single-threaded, throughput with {Environment.ProcessorCount} threads)");
        output.WriteLine();
        output.WriteLine("| system | docs | build s | docs/s built | managed MiB after build | p50 ms | p99 ms | queries/s |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in bench.Rows)
        {
            output.WriteLine($"| {r.System} | {r.Documents:N0} | {r.BuildSeconds:F1} | {r.Documents / r.BuildSeconds:N0} | {r.ManagedMiB:N0} | {r.P50:F2} | {r.P99:F2} | {r.Throughput:N0} |");
        }
        output.WriteLine();
        foreach (var note in bench.Notes)
        {
            output.WriteLine($"- {note}");
        }
    }

    /// <summary>A signed difference to 4 decimals; one that rounds to zero prints "0.0000" (it printed "-+0.0000").</summary>
    private static string Delta(double d) => (Math.Round(d, 4) + 0.0).ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture);
}
