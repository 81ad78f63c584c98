using System.Globalization;
using System.Text;

namespace Kexie.Matching.Ranking;

/// <summary>
/// What the learned re-ranker reads of one candidate: the score's own components after the hand-weighted combination
/// (<see cref="MatchOptions.Reranker"/>). All of it is computed by the engine for the ranking anyway.
/// </summary>
/// <param name="Final">The hand-weighted final score (text + signals), before any lift.</param>
/// <param name="Text">The text contribution (TextWeight × normalised BM25F).</param>
/// <param name="LeaderText">The best text contribution among the query's candidates.</param>
/// <param name="TextRank">Place in the text ranking (0 = best text match).</param>
/// <param name="FinalRank">Place in the hand-weighted ranking (0 = first).</param>
/// <param name="Coverage">Share of the query's term weight the candidate holds.</param>
/// <param name="Field">Discipline contribution over the query's discipline weight (0–1).</param>
/// <param name="Industry">Industry contribution over the industry weight (0–1).</param>
/// <param name="FieldOnly">The candidate shares no word with the query (found by its field alone).</param>
/// <param name="DocumentFieldPredicted">The candidate's discipline was guessed from its text, not given.</param>
/// <param name="Predicted">The query's field was predicted, not given.</param>
/// <param name="Sureness">How sure the query's field is (1 for given codes).</param>
/// <param name="Uncertainty">1 − the classifier's first probability (0 for given codes, 1 with no prediction).</param>
/// <param name="VoteDisagreement">1 − how much of the classifier's field the best text matches' codes hold.</param>
/// <param name="QueryTerms">The query's own (non-feedback) terms.</param>
public readonly record struct RerankInputs(
    double Final, double Text, double LeaderText, int TextRank, int FinalRank, double Coverage, double Field, double Industry,
    bool FieldOnly, bool DocumentFieldPredicted, bool Predicted, double Sureness, double Uncertainty, double VoteDisagreement, int QueryTerms);

/// <summary>One query's candidates for training: their inputs and graded relevance (higher is better).</summary>
/// <param name="Candidates">The first candidates of the hand-weighted ranking, in its order.</param>
/// <param name="Grades">Relevance per candidate (e.g. 2 = same discipline, 1 = same 门类, 0 = other).</param>
/// <param name="Weight">How much the query counts (its pairs share this weight).</param>
public sealed record RerankQuery(IReadOnlyList<RerankInputs> Candidates, IReadOnlyList<int> Grades, double Weight = 1.0);

/// <summary>How <see cref="LearnedReranker.Train"/> fits the weights.</summary>
public sealed record RerankerTrainingSettings
{
    /// <summary>Candidates per query re-ranked (and read when training).</summary>
    public int Depth { get; init; } = 50;

    /// <summary>L2 penalty on the weights: pulls the model towards the hand-weighted ranking (all weights 0).</summary>
    public double L2 { get; init; } = 1e-3;

    /// <summary>Full-batch gradient steps (Adam).</summary>
    public int Iterations { get; init; } = 300;

    /// <summary>Adam step size.</summary>
    public double LearningRate { get; init; } = 0.02;
}

/// <summary>
/// A small learned re-ranker over the engine's first <see cref="Depth"/> candidates: score = the hand-weighted final
/// score + Σ wⱼ·fⱼ, the features fⱼ computed from the score's components (<see cref="Features"/>). All weights 0 is
/// the hand-weighted ranking; training (pairwise, RankNet: a logistic loss on every pair of candidates of one query with
/// different grades) moves away from it only as far as the data pays for against the L2 penalty. Deterministic:
/// full-batch gradient steps in a fixed order, no random numbers. Stored as a small text file (<see cref="Save"/>).
/// </summary>
public sealed class LearnedReranker
{
    /// <summary>The feature names, in the order of <see cref="Features"/> and of the weights.</summary>
    public static readonly IReadOnlyList<string> FeatureNames =
    [
        "text", "text/leader", "ln(1+text rank)", "text leader", "text leader × coverage", "coverage", "field",
        "field × sureness", "field × uncertainty", "field × vote disagreement", "field × guessed document field", "industry",
        "field only", "text × short query", "field × short query", "coverage × uncertainty", "ln(1+final rank)",
        "final − 1st final",
    ];

    /// <summary>Format line of the stored file.</summary>
    private const string Header = "kexie-reranker 1";

    public LearnedReranker(IReadOnlyList<double> weights, int depth = 50)
    {
        if (weights.Count != FeatureNames.Count)
        {
            throw new ArgumentException($"expected {FeatureNames.Count} weights, got {weights.Count}", nameof(weights));
        }
        Weights = [.. weights];
        Depth = Math.Max(1, depth);
    }

    /// <summary>One weight per <see cref="FeatureNames"/> entry.</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <summary>How many of the hand-weighted ranking's first candidates are re-ranked.</summary>
    public int Depth { get; }

    /// <summary>The features of one candidate (<see cref="FeatureNames"/>), from the score's components.</summary>
    /// <param name="bestFinal">The first candidate's hand-weighted final score.</param>
    public static double[] Features(in RerankInputs x, double bestFinal)
    {
        var f = new double[FeatureNames.Count];
        Features(x, bestFinal, f);
        return f;
    }

    internal static void Features(in RerankInputs x, double bestFinal, Span<double> f)
    {
        var relative = x.LeaderText > 0 ? Math.Clamp(x.Text / x.LeaderText, 0, 1) : 0;
        var leader = x.TextRank == 0 && x.Text > 0 ? 1.0 : 0.0;
        var shortQuery = 1 / Math.Sqrt(Math.Max(1, x.QueryTerms));
        var sure = x.Predicted ? x.Sureness : 1;
        f[0] = Math.Min(2, x.Text);
        f[1] = relative;
        f[2] = Math.Log(1 + x.TextRank);
        f[3] = leader;
        f[4] = leader * x.Coverage;
        f[5] = x.Coverage;
        f[6] = x.Field;
        f[7] = x.Field * sure;
        f[8] = x.Field * x.Uncertainty;
        f[9] = x.Field * x.VoteDisagreement;
        f[10] = x.DocumentFieldPredicted ? x.Field : 0;
        f[11] = x.Industry;
        f[12] = x.FieldOnly ? 1 : 0;
        f[13] = Math.Min(2, x.Text) * shortQuery;
        f[14] = x.Field * shortQuery;
        f[15] = x.Coverage * x.Uncertainty;
        f[16] = Math.Log(1 + x.FinalRank);
        f[17] = Math.Max(-2, x.Final - bestFinal);
    }

    /// <summary>What the model adds to the candidate's hand-weighted final score.</summary>
    public double Adjustment(in RerankInputs x, double bestFinal)
    {
        Span<double> f = stackalloc double[FeatureNames.Count];
        Features(x, bestFinal, f);
        var sum = 0.0;
        for (var j = 0; j < f.Length; j++)
        {
            sum += Weights[j] * f[j];
        }
        return sum;
    }

    /// <summary>
    /// Fits the weights on graded queries (pairwise logistic loss, each query's pairs sharing its weight, plus
    /// <see cref="RerankerTrainingSettings.L2"/>). Same input, same weights: the sums run in a fixed order.
    /// </summary>
    public static LearnedReranker Train(IEnumerable<RerankQuery> queries, RerankerTrainingSettings? settings = null)
    {
        settings ??= new RerankerTrainingSettings();
        var featureCount = FeatureNames.Count;
        // Per query: the candidates' features and base scores, and its pairs (i above j) with their weights.
        var prepared = new List<(double[][] F, double[] Base, (int I, int J, double W)[] Pairs)>();
        foreach (var q in queries)
        {
            var n = Math.Min(settings.Depth, q.Candidates.Count);
            if (n < 2)
            {
                continue;
            }
            var bestFinal = q.Candidates[0].Final;
            var features = new double[n][];
            var baseScores = new double[n];
            for (var i = 0; i < n; i++)
            {
                features[i] = Features(q.Candidates[i], bestFinal);
                baseScores[i] = q.Candidates[i].Final;
            }
            var pairs = new List<(int, int, double)>();
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    if (q.Grades[i] > q.Grades[j])
                    {
                        pairs.Add((i, j, q.Grades[i] - q.Grades[j]));
                    }
                }
            }
            if (pairs.Count == 0)
            {
                continue;
            }
            var total = pairs.Sum(p => p.Item3);
            prepared.Add((features, baseScores, [.. pairs.Select(p => (p.Item1, p.Item2, p.Item3 / total * q.Weight))]));
        }
        var totalWeight = prepared.Sum(p => p.Pairs.Sum(x => x.W));
        var w = new double[featureCount];
        var m = new double[featureCount];
        var v = new double[featureCount];
        var gradient = new double[featureCount];
        const double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
        for (var step = 1; step <= settings.Iterations && totalWeight > 0; step++)
        {
            Array.Clear(gradient);
            foreach (var (features, baseScores, pairs) in prepared)
            {
                var s = new double[features.Length];
                for (var i = 0; i < s.Length; i++)
                {
                    var sum = baseScores[i];
                    for (var j = 0; j < featureCount; j++)
                    {
                        sum += w[j] * features[i][j];
                    }
                    s[i] = sum;
                }
                // λᵢ: d loss / d sᵢ summed over the query's pairs.
                var lambda = new double[s.Length];
                foreach (var (i, j, pw) in pairs)
                {
                    var g = pw / (1 + Math.Exp(s[i] - s[j]));
                    lambda[i] -= g;
                    lambda[j] += g;
                }
                for (var i = 0; i < s.Length; i++)
                {
                    if (lambda[i] == 0)
                    {
                        continue;
                    }
                    for (var j = 0; j < featureCount; j++)
                    {
                        gradient[j] += lambda[i] * features[i][j];
                    }
                }
            }
            for (var j = 0; j < featureCount; j++)
            {
                var g = gradient[j] / totalWeight + 2 * settings.L2 * w[j];
                m[j] = beta1 * m[j] + (1 - beta1) * g;
                v[j] = beta2 * v[j] + (1 - beta2) * g * g;
                var mHat = m[j] / (1 - Math.Pow(beta1, step));
                var vHat = v[j] / (1 - Math.Pow(beta2, step));
                w[j] -= settings.LearningRate * mHat / (Math.Sqrt(vHat) + epsilon);
            }
        }
        return new LearnedReranker(w, settings.Depth);
    }

    /// <summary>The mean pairwise logistic loss of <paramref name="queries"/> under this model (for reports).</summary>
    public double PairLoss(IEnumerable<RerankQuery> queries)
    {
        double loss = 0, weight = 0;
        foreach (var q in queries)
        {
            var n = Math.Min(Depth, q.Candidates.Count);
            if (n < 2)
            {
                continue;
            }
            var s = new double[n];
            for (var i = 0; i < n; i++)
            {
                s[i] = q.Candidates[i].Final + Adjustment(q.Candidates[i], q.Candidates[0].Final);
            }
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    if (q.Grades[i] > q.Grades[j])
                    {
                        loss += Math.Log(1 + Math.Exp(s[j] - s[i]));
                        weight++;
                    }
                }
            }
        }
        return weight == 0 ? 0 : loss / weight;
    }

    /// <summary>Writes the model as text: a format line, the depth, then one "name&lt;TAB&gt;weight" line per feature.</summary>
    public void Save(TextWriter writer)
    {
        writer.WriteLine(Header);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"depth\t{Depth}"));
        for (var j = 0; j < Weights.Count; j++)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{FeatureNames[j]}\t{Weights[j]:R}"));
        }
    }

    /// <summary>Reads a model written by <see cref="Save(TextWriter)"/>; the feature names must match this version's.</summary>
    public static LearnedReranker Load(TextReader reader)
    {
        if (reader.ReadLine() != Header)
        {
            throw new InvalidDataException("not a kexie-reranker 1 file");
        }
        var depthLine = reader.ReadLine()?.Split('\t') ?? throw new InvalidDataException("missing depth");
        var depth = int.Parse(depthLine[1], CultureInfo.InvariantCulture);
        var weights = new double[FeatureNames.Count];
        for (var j = 0; j < weights.Length; j++)
        {
            var parts = reader.ReadLine()?.Split('\t') ?? throw new InvalidDataException($"missing weight {FeatureNames[j]}");
            if (parts[0] != FeatureNames[j])
            {
                throw new InvalidDataException($"expected feature {FeatureNames[j]}, found {parts[0]}");
            }
            weights[j] = double.Parse(parts[1], CultureInfo.InvariantCulture);
        }
        return new LearnedReranker(weights, depth);
    }

    /// <summary>Reads a model file (see <see cref="Load(TextReader)"/>).</summary>
    public static LearnedReranker Load(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Load(reader);
    }

    /// <summary>Writes the model to a file (see <see cref="Save(TextWriter)"/>).</summary>
    public void Save(string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        Save(writer);
    }

    /// <summary>The weights, one "name weight" per line (for reports).</summary>
    public override string ToString() =>
        string.Join(Environment.NewLine, FeatureNames.Select((n, j) => string.Create(CultureInfo.InvariantCulture, $"{n}\t{Weights[j]:+0.0000;-0.0000}")));
}

/// <summary>
/// Collects the re-ranker's inputs of the queries run on this thread (training data): set <see cref="Current"/> to a
/// list and every search on the thread appends its first <see cref="Depth"/> candidates (id and inputs) before any
/// learned adjustment. For benchmarks; null (the default) collects nothing.
/// </summary>
public static class RerankCapture
{
    [ThreadStatic]
    private static List<(string Id, RerankInputs Inputs)>? current;

    [ThreadStatic]
    private static int depth;

    /// <summary>The list the next searches on this thread append to, or null.</summary>
    public static List<(string Id, RerankInputs Inputs)>? Current
    {
        get => current;
        set => current = value;
    }

    /// <summary>Candidates captured per query (default 50).</summary>
    public static int Depth
    {
        get => depth > 0 ? depth : 50;
        set => depth = value;
    }
}
