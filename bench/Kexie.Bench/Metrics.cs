namespace Kexie.Bench;

/// <summary>Ranking metrics of the benchmark.</summary>
internal static class Metrics
{
    /// <summary>nDCG@k with linear gains; the ideal ranking comes from the query's grade counts.</summary>
    public static double Ndcg(IReadOnlyList<int> gains, IReadOnlyList<int> idealGains, int k = 10)
    {
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, gains.Count); i++)
        {
            dcg += gains[i] / Math.Log2(i + 2);
        }
        var ideal = 0.0;
        for (var i = 0; i < Math.Min(k, idealGains.Count); i++)
        {
            ideal += idealGains[i] / Math.Log2(i + 2);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    /// <summary>Share of the top k that are fully relevant (grade 2, or 1 for single-answer tasks).</summary>
    public static double PrecisionAt(IReadOnlyList<int> gains, int fullGrade, int k = 10)
    {
        var hits = 0;
        for (var i = 0; i < Math.Min(k, gains.Count); i++)
        {
            if (gains[i] >= fullGrade)
            {
                hits++;
            }
        }
        return (double)hits / k;
    }

    public static double Percentile(List<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}

/// <summary>Accumulates one task's figures.</summary>
internal sealed class TaskScore
{
    private double ndcg;
    private double precision;
    private double recall;
    private int count;

    /// <summary>nDCG@10 per query index, for the paired bootstrap (<see cref="Bootstrap"/>).</summary>
    public Dictionary<int, double> PerQuery { get; } = [];

    public void Add(double n, double p, double r, int query = -1)
    {
        if (query >= 0)
        {
            PerQuery[query] = n;
        }
        ndcg += n;
        precision += p;
        recall += r;
        count++;
    }

    public double Ndcg => count == 0 ? 0 : ndcg / count;

    public double Precision => count == 0 ? 0 : precision / count;

    public double Recall => count == 0 ? 0 : recall / count;

    public int Count => count;
}

/// <summary>
/// A paired bootstrap over the queries (fixed seed): how far a difference or ratio of two systems' mean nDCG@10 on the
/// same queries moves when the queries are resampled with replacement. Tells whether a gap of a few thousandths is
/// distinguishable from the guard and from zero.
/// </summary>
internal static class Bootstrap
{
    public const int Resamples = 2000;

    public const int Seed = 20261205;

    /// <summary>The statistic on the whole query set, the mean over the resamples, their 5th and 95th percentile, and the
    /// share of resamples below <paramref name="threshold"/>.</summary>
    public static (double Point, double Mean, double P5, double P95, double Below, int Queries) Run(
        IReadOnlyDictionary<int, double> engine, IReadOnlyDictionary<int, double> baseline, bool ratio, double threshold)
    {
        var keys = engine.Keys.Where(baseline.ContainsKey).Order().ToArray();
        var e = keys.Select(k => engine[k]).ToArray();
        var b = keys.Select(k => baseline[k]).ToArray();
        var m = keys.Length;
        if (m == 0)
        {
            return (double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);
        }
        double Statistic(double se, double sb) => ratio ? (sb == 0 ? double.NaN : se / sb) : (se - sb) / m;
        var point = Statistic(e.Sum(), b.Sum());
        var random = new Random(Seed);
        var values = new List<double>(Resamples);
        for (var r = 0; r < Resamples; r++)
        {
            double se = 0, sb = 0;
            for (var i = 0; i < m; i++)
            {
                var k = random.Next(m);
                se += e[k];
                sb += b[k];
            }
            values.Add(Statistic(se, sb));
        }
        values.Sort();
        return (point, values.Average(), Metrics.Percentile(values, 0.05), Metrics.Percentile(values, 0.95), (double)values.Count(v => v < threshold) / values.Count, m);
    }
}
