using Kexie.Matching;
using Kexie.Matching.Analysis;
using Kexie.Matching.Classification;
using Kexie.Matching.Data;
using Kexie.Matching.Indexing;

namespace Kexie.Bench;

/// <summary>
/// Abstention: fits the confidence (<see cref="MatchOptions.ConfidenceIntercept"/> …) on one half of the records and
/// measures it on the other. Fit half (the training half of <see cref="HoldoutSplit"/>, the headline's split): a classifier trained on its quarter A, queries (titles) of
/// its quarter B against B's abstracts (with their codes); each of the top 10 candidates is labelled right when it has
/// the query's discipline; a logistic regression of that label on the confidence features. Evaluation half (1, 3, 5 …):
/// a classifier trained on the fit half, corpus = the evaluation abstracts with codes, queries = their titles (own
/// record excluded). Retention: of the queries whose top-1 has the right discipline, the share whose top-1 stays a
/// good match. False confidence: with every document of the query's 门类 removed from the corpus, the share of
/// queries whose top-1 is still a good match. Nothing of the evaluation half's labels reaches the classifier or the fit.
/// </summary>
internal sealed class AbstainBench(List<CslRecord> records, IReadOnlyList<CslRecord> categoryTitles, string dataDir, TextWriter output)
{
    private readonly Dictionary<string, string> codes = CslCodes.Build(records);

    /// <summary>Also fit on the training half's own "门类 removed" queries (their top 1, labelled wrong): the situation
    /// false confidence measures, seen in training.</summary>
    public bool FitRemoved { get; init; }

    /// <summary>Also fit on queries that give their discipline code (as a need with its field does), and measure them.</summary>
    public bool FitGiven { get; init; }

    /// <summary>L2 penalty of the fit (per sample; 0 = plain maximum likelihood).</summary>
    public double Ridge { get; init; }

    private MatchQuery Query(CslRecord r, bool given, string? exclude, int top) => new()
    {
        Title = r.Title,
        DisciplineCodes = given ? [codes[r.Discipline]] : [],
        ExcludeIds = exclude is null ? [] : [exclude],
        Top = top,
    };

    /// <summary>Features left out of the fit (their weight stays 0), by name: for ablations.</summary>
    public IReadOnlySet<string> Drop { get; init; } = new HashSet<string>();

    internal static readonly string[] Names = ["intercept", "field", "coverage", "text", "no shared term", "field miss", "unknown terms", "uncertainty", "vote disagreement", "given", "given field miss"];

    public void Run(bool fit)
    {
        var taxonomy = DomainVocabulary.TaxonomyTerms(dataDir);
        var places = DomainVocabulary.PlaceNames(dataDir);
        var (fitHalf, evalHalf) = HoldoutSplit.Split(records);
        var options = QualityBench.BenchOptions() with { IgnoredTerms = places };

        if (fit)
        {
            var a = fitHalf.Where((_, i) => i % 2 == 0).ToList();
            var b = fitHalf.Where((_, i) => i % 2 == 1).ToList();
            var (analyzerA, classifierA) = Train(a, taxonomy, b);
            var index = new MatchIndex(analyzerA, options, classifierA);
            index.Rebuild(b.Select((r, i) => Document(r, i)));
            var samples = new List<(double[] X, double Y)>();
            var rightTops = new List<double[]>();
            // Queries as titles (the field predicted) and, with --fit-given, also as titles giving their discipline.
            bool[] variants = FitGiven ? [false, true] : [false];
            foreach (var given in variants)
            {
                for (var q = 0; q < b.Count; q++)
                {
                    var results = index.Search(Query(b[q], given, Id(q), 10));
                    foreach (var m in results)
                    {
                        var right = b[int.Parse(m.Id, System.Globalization.CultureInfo.InvariantCulture)].Discipline == b[q].Discipline;
                        samples.Add((Features(m), right ? 1 : 0));
                        if (m.Rank == 1 && right && !given)
                        {
                            rightTops.Add(samples[^1].X);
                        }
                    }
                }
            }
            var normal = samples.Count;
            if (FitRemoved)
            {
                foreach (var category in b.Select(r => r.Category).Distinct().Order(StringComparer.Ordinal))
                {
                    var without = new MatchIndex(analyzerA, options, classifierA);
                    without.Rebuild(b.Select((r, i) => (r, i)).Where(x => x.r.Category != category).Select(x => Document(x.r, x.i)));
                    for (var q = 0; q < b.Count; q++)
                    {
                        foreach (var given in variants)
                        {
                            if (b[q].Category == category && without.Search(Query(b[q], given, null, 1)) is [var m])
                            {
                                samples.Add((Features(m), 0));
                            }
                        }
                    }
                }
            }
            var w = Logistic(samples);
            // The threshold keeps 95 % of the fit half's right top-1 results (the target is 90 %: a margin, not the edge).
            var confidences = rightTops.Select(x => 1 / (1 + Math.Exp(-x.Select((v, j) => w[j] * v).Sum()))).Order().ToList();
            var threshold = confidences.Count == 0 ? 0.5 : confidences[(int)Math.Floor(0.05 * confidences.Count)];
            output.WriteLine($"  fitted on {normal} candidates of {b.Count} queries + {samples.Count - normal} top-1 results with the 门类 removed: {string.Join(", ", Names.Select((n, j) => $"{n} {w[j]:F3}"))}; threshold {threshold:F3} (95 % of {confidences.Count} right top-1 results of the fit half)");
            options = options with
            {
                ConfidenceIntercept = w[0], ConfidenceField = w[1], ConfidenceCoverage = w[2], ConfidenceText = w[3], ConfidenceNoSharedTerm = w[4], ConfidenceFieldMiss = w[5],
                ConfidenceUnknownTerms = w[6], ConfidenceUncertainty = w[7], ConfidenceVoteDisagreement = w[8],
                ConfidenceGiven = w[9], ConfidenceGivenFieldMiss = w[10], ConfidenceThreshold = threshold,
            };
        }
        else
        {
            output.WriteLine($"  defaults: intercept {options.ConfidenceIntercept:F3}, field {options.ConfidenceField:F3}, coverage {options.ConfidenceCoverage:F3}, text {options.ConfidenceText:F3}, no shared term {options.ConfidenceNoSharedTerm:F3}, field miss {options.ConfidenceFieldMiss:F3}, unknown terms {options.ConfidenceUnknownTerms:F3}, uncertainty {options.ConfidenceUncertainty:F3}, vote disagreement {options.ConfidenceVoteDisagreement:F3}, given {options.ConfidenceGiven:F3}, given field miss {options.ConfidenceGivenFieldMiss:F3}, threshold {options.ConfidenceThreshold:F3}");
        }

        var (analyzer, classifier) = Train(fitHalf, taxonomy, evalHalf);
        var full = new MatchIndex(analyzer, options, classifier);
        full.Rebuild(evalHalf.Select((r, i) => Document(r, i)));
        var removed = evalHalf.Select(r => r.Category).Distinct().Order(StringComparer.Ordinal).ToDictionary(c => c, c =>
        {
            var without = new MatchIndex(analyzer, options, classifier);
            without.Rebuild(evalHalf.Select((r, i) => (r, i)).Where(x => x.r.Category != c).Select(x => Document(x.r, x.i)));
            return without;
        }, StringComparer.Ordinal);
        Measure(full, removed, evalHalf, given: false, options);
        if (FitGiven)
        {
            Measure(full, removed, evalHalf, given: true, options);
        }
        output.WriteLine("  (in brackets: 95 % bootstrap interval over the queries, 2,000 resamples, fixed seed)");
    }

    private static int Width => Names.Length;

    private void Measure(MatchIndex full, Dictionary<string, MatchIndex> removed, List<CslRecord> evalHalf, bool given, MatchOptions options)
    {
        int rightTop = 0, rightKept = 0, wrongTop = 0, wrongGood = 0, anyGood = 0;
        var kept = new List<bool>();
        var confident = new List<bool>();
        for (var q = 0; q < evalHalf.Count; q++)
        {
            var top = full.Search(Query(evalHalf[q], given, Id(q), 10));
            if (top.Count == 0)
            {
                continue;
            }
            anyGood += top.Any(m => m.IsGoodMatch) ? 1 : 0;
            if (evalHalf[int.Parse(top[0].Id, System.Globalization.CultureInfo.InvariantCulture)].Discipline == evalHalf[q].Discipline)
            {
                rightTop++;
                rightKept += top[0].IsGoodMatch ? 1 : 0;
                kept.Add(top[0].IsGoodMatch);
            }
            else
            {
                wrongTop++;
                wrongGood += top[0].IsGoodMatch ? 1 : 0;
            }
        }

        var falseConfident = 0;
        var queries = 0;
        foreach (var (category, without) in removed)
        {
            for (var q = 0; q < evalHalf.Count; q++)
            {
                if (evalHalf[q].Category != category)
                {
                    continue;
                }
                queries++;
                var top = without.Search(Query(evalHalf[q], given, null, 1));
                falseConfident += top.Count > 0 && top[0].IsGoodMatch ? 1 : 0;
                confident.Add(top.Count > 0 && top[0].IsGoodMatch);
            }
        }

        output.WriteLine($"  evaluation half: {evalHalf.Count} queries (titles{(given ? " giving their discipline code" : ", field predicted")}), threshold {options.ConfidenceThreshold:F2}");
        output.WriteLine($"  retention: {rightKept}/{rightTop} = {Share(rightKept, rightTop)} {Interval(kept)} of the queries whose top-1 has the right discipline keep it as a good match");
        output.WriteLine($"  wrong top-1 still called good: {wrongGood}/{wrongTop} = {Share(wrongGood, wrongTop)}; queries with any good match in the top 10: {Share(anyGood, evalHalf.Count)}");
        output.WriteLine($"  false confidence: {falseConfident}/{queries} = {Share(falseConfident, queries)} {Interval(confident)} of the queries still show a good match with their 门类 removed");
    }

    private static string Share(int a, int b) => b == 0 ? "-" : $"{100.0 * a / b:F1} %";

    /// <summary>The 95 % percentile bootstrap interval of a share (queries resampled with replacement, fixed seed).</summary>
    internal static string Interval(IReadOnlyList<bool> outcomes)
    {
        var (low, high) = BootstrapInterval(outcomes);
        return outcomes.Count == 0 ? "" : $"[{100 * low:F1} %, {100 * high:F1} %]";
    }

    internal static (double Low, double High) BootstrapInterval(IReadOnlyList<bool> outcomes, int resamples = 2000, int seed = 12)
    {
        if (outcomes.Count == 0)
        {
            return (0, 0);
        }
        var random = new Random(seed);
        var shares = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            var hits = 0;
            for (var i = 0; i < outcomes.Count; i++)
            {
                hits += outcomes[random.Next(outcomes.Count)] ? 1 : 0;
            }
            shares[r] = (double)hits / outcomes.Count;
        }
        Array.Sort(shares);
        return (shares[(int)(0.025 * resamples)], shares[Math.Min(resamples - 1, (int)(0.975 * resamples))]);
    }

    private static string Id(int i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private MatchDocument Document(CslRecord r, int i) => new()
    {
        Id = Id(i),
        Kind = DocumentKind.Offer,
        Body = r.Abstract,
        DisciplineCodes = [codes[r.Discipline]],
    };

    /// <summary>The confidence's features of a result, as the engine computed them (<see cref="MatchResult.ConfidenceInputs"/>).</summary>
    internal static double[] Features(MatchResult m) =>
        [1, m.ConfidenceInputs.Field, m.ConfidenceInputs.Coverage, m.ConfidenceInputs.Text, m.ConfidenceInputs.Coverage > 0 ? 0 : 1, m.ConfidenceInputs.FieldMiss, m.ConfidenceInputs.UnknownTerms,
            m.ConfidenceInputs.Uncertainty, m.ConfidenceInputs.VoteDisagreement, m.ConfidenceInputs.Given ? 1 : 0,
            m.ConfidenceInputs.Given ? m.ConfidenceInputs.FieldMiss : 0];

    /// <summary>Plain logistic regression by gradient descent (6 weights, deterministic).</summary>
    private double[] Logistic(List<(double[] X, double Y)> samples)
    {
        var keep = Names.Select(n => !Drop.Contains(n)).ToArray();
        samples = samples.Select(s => (s.X.Select((v, j) => keep[j] ? v : 0).ToArray(), s.Y)).ToList();
        var w = new double[Width];
        for (var epoch = 0; epoch < 3000; epoch++)
        {
            var grad = new double[Width];
            foreach (var (x, y) in samples)
            {
                var z = 0.0;
                for (var j = 0; j < Width; j++)
                {
                    z += w[j] * x[j];
                }
                var p = 1 / (1 + Math.Exp(-z));
                for (var j = 0; j < Width; j++)
                {
                    grad[j] += (p - y) * x[j];
                }
            }
            for (var j = 0; j < Width; j++)
            {
                // L2 penalty on the weights (not the intercept): nearly separable samples (a given field) stay finite.
                w[j] -= 2.0 * (grad[j] / samples.Count + (j > 0 ? Ridge * w[j] : 0));
            }
        }
        return w;
    }

    private (ChineseAnalyzer, DisciplineClassifier) Train(List<CslRecord> train, IReadOnlyList<string> taxonomy, List<CslRecord> corpus)
    {
        var analyzer = new ChineseAnalyzer(taxonomy.Concat(DomainVocabulary.Keywords(train)));
        var known = corpus.Concat(train).Select(r => TextNormalizer.Normalize(r.Title).Trim()).ToHashSet(StringComparer.Ordinal);
        var categoryOf = records.GroupBy(r => r.Discipline).ToDictionary(g => codes[g.Key], g => g.First().Category, StringComparer.Ordinal);
        var classifier = DisciplineClassifier.Train(
            train.SelectMany(r => r.TrainingExamples(codes[r.Discipline])),
            categoryTitles.Where(r => !known.Contains(TextNormalizer.Normalize(r.Title).Trim())).Select(r => new LabeledText(r.Title, r.Category)),
            categoryOf,
            analyzer,
            ClassifierBench.Current);
        return (analyzer, classifier);
    }
}
