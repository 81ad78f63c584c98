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

    public void Add(double n, double p, double r)
    {
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
