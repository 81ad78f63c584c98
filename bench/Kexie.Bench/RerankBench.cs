using System.Globalization;
using Kexie.Matching.Ranking;

namespace Kexie.Bench;

/// <summary>
/// `rerank-train`: fits the learned re-ranker (<see cref="LearnedReranker"/>) on candidate dumps written by `matching`
/// with KEXIE_RERANK_DUMP (the tuning split's quarters: the classifier trained on one quarter, corpus and queries the
/// other, so the features look as they will on unseen documents), and reports, on other dumps (--validate), the pairwise
/// loss and an offline nDCG@10 of the re-ranked top 50 against the hand-weighted order (T1/T2 exact within the top 50;
/// T3/T4 against the best ordering of the captured candidates, a proxy). The evaluation half is never read here.
/// </summary>
internal static class RerankBench
{
    private sealed record Row(string Setting, string Task, int Query, int Grade, RerankInputs Inputs);

    public static int Run(Dictionary<string, string?> options, IReadOnlyList<string> trainFiles)
    {
        var l2 = double.Parse(options.GetValueOrDefault("l2") ?? "0.001", CultureInfo.InvariantCulture);
        var depth = int.Parse(options.GetValueOrDefault("depth") ?? "50", CultureInfo.InvariantCulture);
        var ownWeight = double.Parse(options.GetValueOrDefault("own-weight") ?? "1", CultureInfo.InvariantCulture);
        var iterations = int.Parse(options.GetValueOrDefault("iterations") ?? "300", CultureInfo.InvariantCulture);
        var rate = double.Parse(options.GetValueOrDefault("rate") ?? "0.02", CultureInfo.InvariantCulture);
        var settings = (options.GetValueOrDefault("settings") ?? "model,codes").Split(',');
        var validate = (options.GetValueOrDefault("validate") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);

        var train = Queries(trainFiles, settings, depth, ownWeight);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var model = LearnedReranker.Train(train.Select(q => q.Query), new RerankerTrainingSettings { Depth = depth, L2 = l2, Iterations = iterations, LearningRate = rate });
        Console.WriteLine($"trained on {train.Count:N0} queries of {string.Join(", ", trainFiles)} ({string.Join(",", settings)}; depth {depth}, L2 {l2}, T1/T2 weight {ownWeight}, {iterations} steps at {rate}) in {sw.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine(model);
        Report("training", train, model, depth);
        foreach (var file in validate)
        {
            Report(file, Queries([file], settings, depth, ownWeight), model, depth);
        }
        if (options.GetValueOrDefault("out") is { } path)
        {
            model.Save(path);
            Console.WriteLine($"written {path}");
        }
        return 0;
    }

    private static void Report(string label, List<(string Setting, string Task, RerankQuery Query)> queries, LearnedReranker model, int depth)
    {
        var zero = new LearnedReranker(new double[LearnedReranker.FeatureNames.Count], depth);
        Console.WriteLine($"{label}: pair loss {zero.PairLoss(queries.Select(q => q.Query)):F4} → {model.PairLoss(queries.Select(q => q.Query)):F4}");
        Console.WriteLine("| setting | task | queries | nDCG@10 hand-weighted | re-ranked | Δ | up / down |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---|");
        foreach (var group in queries.GroupBy(q => (q.Setting, q.Task)).OrderBy(g => g.Key.Setting, StringComparer.Ordinal).ThenBy(g => g.Key.Task, StringComparer.Ordinal))
        {
            double before = 0, after = 0;
            int up = 0, down = 0;
            foreach (var (_, task, q) in group)
            {
                var b = Ndcg(q, null, task);
                var a = Ndcg(q, model, task);
                before += b;
                after += a;
                up += a > b + 1e-9 ? 1 : 0;
                down += a < b - 1e-9 ? 1 : 0;
            }
            var n = group.Count();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {group.Key.Setting} | {group.Key.Task} | {n} | {before / n:F4} | {after / n:F4} | {Math.Round((after - before) / n, 4) + 0.0:+0.0000;-0.0000;0.0000} | {up} / {down} |"));
        }
    }

    private static double Ndcg(RerankQuery q, LearnedReranker? model, string task)
    {
        var order = Enumerable.Range(0, q.Candidates.Count).ToArray();
        if (model is not null)
        {
            var best = q.Candidates[0].Final;
            var scores = q.Candidates.Select(c => c.Final + model.Adjustment(c, best)).ToArray();
            order = [.. order.OrderByDescending(i => scores[i]).ThenBy(i => i)];
        }
        var own = task is "T1KeywordsToAbstract" or "T2TitleToAbstract";
        double dcg = 0;
        for (var r = 0; r < Math.Min(10, order.Length); r++)
        {
            var g = q.Grades[order[r]];
            dcg += (own ? g : Math.Pow(2, g) - 1) / Math.Log2(r + 2);
        }
        var ideal = q.Grades.OrderByDescending(g => g).Take(10).Select((g, r) => (own ? g : Math.Pow(2, g) - 1) / Math.Log2(r + 2)).Sum();
        return ideal > 0 ? dcg / ideal : 0;
    }

    private static List<(string Setting, string Task, RerankQuery Query)> Queries(IEnumerable<string> files, string[] settings, int depth, double ownWeight)
    {
        var result = new List<(string, string, RerankQuery)>();
        foreach (var file in files)
        {
            var rows = File.ReadLines(file).Select(Parse).Where(r => settings.Contains(r.Setting));
            foreach (var group in rows.GroupBy(r => (r.Setting, r.Task, r.Query)))
            {
                var list = group.Take(depth).ToList();
                var own = group.Key.Task is "T1KeywordsToAbstract" or "T2TitleToAbstract";
                result.Add((group.Key.Setting, group.Key.Task, new RerankQuery([.. list.Select(r => r.Inputs)], [.. list.Select(r => r.Grade)], own ? ownWeight : 1.0)));
            }
        }
        return result;
    }

    private static Row Parse(string line)
    {
        var p = line.Split('\t');
        double D(int i) => double.Parse(p[i], CultureInfo.InvariantCulture);
        int I(int i) => int.Parse(p[i], CultureInfo.InvariantCulture);
        return new Row(p[0], p[1], I(2), I(4), new RerankInputs(D(5), D(6), D(7), I(8), I(9), D(10), D(11), D(12), p[13] == "1", p[14] == "1", p[15] == "1", D(16), D(17), D(18), I(19)));
    }
}
