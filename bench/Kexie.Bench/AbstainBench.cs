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
            for (var q = 0; q < b.Count; q++)
            {
                var results = index.Search(new MatchQuery { Title = b[q].Title, ExcludeIds = [Id(q)], Top = 10 });
                foreach (var m in results)
                {
                    var right = b[int.Parse(m.Id, System.Globalization.CultureInfo.InvariantCulture)].Discipline == b[q].Discipline;
                    samples.Add((Features(m), right ? 1 : 0));
                    if (m.Rank == 1 && right)
                    {
                        rightTops.Add(samples[^1].X);
                    }
                }
            }
            var w = Logistic(samples);
            // The threshold keeps 95 % of the fit half's right top-1 results (the target is 90 %: a margin, not the edge).
            var confidences = rightTops.Select(x => 1 / (1 + Math.Exp(-x.Select((v, j) => w[j] * v).Sum()))).Order().ToList();
            var threshold = confidences.Count == 0 ? 0.5 : confidences[(int)Math.Floor(0.05 * confidences.Count)];
            output.WriteLine($"  fitted on {samples.Count} candidates of {b.Count} queries: intercept {w[0]:F3}, field {w[1]:F3}, coverage {w[2]:F3}, text {w[3]:F3}, no shared term {w[4]:F3}, field miss {w[5]:F3}; threshold {threshold:F3} (95 % of {confidences.Count} right top-1 results of the fit half)");
            options = options with { ConfidenceIntercept = w[0], ConfidenceField = w[1], ConfidenceCoverage = w[2], ConfidenceText = w[3], ConfidenceNoSharedTerm = w[4], ConfidenceFieldMiss = w[5], ConfidenceThreshold = threshold };
        }
        else
        {
            output.WriteLine($"  defaults: intercept {options.ConfidenceIntercept:F3}, field {options.ConfidenceField:F3}, coverage {options.ConfidenceCoverage:F3}, text {options.ConfidenceText:F3}, no shared term {options.ConfidenceNoSharedTerm:F3}, field miss {options.ConfidenceFieldMiss:F3}, threshold {options.ConfidenceThreshold:F3}");
        }

        var (analyzer, classifier) = Train(fitHalf, taxonomy, evalHalf);
        var full = new MatchIndex(analyzer, options, classifier);
        full.Rebuild(evalHalf.Select((r, i) => Document(r, i)));
        int rightTop = 0, rightKept = 0, wrongTop = 0, wrongGood = 0, anyGood = 0;
        for (var q = 0; q < evalHalf.Count; q++)
        {
            var top = full.Search(new MatchQuery { Title = evalHalf[q].Title, ExcludeIds = [Id(q)], Top = 10 });
            if (top.Count == 0)
            {
                continue;
            }
            anyGood += top.Any(m => m.IsGoodMatch) ? 1 : 0;
            if (evalHalf[int.Parse(top[0].Id, System.Globalization.CultureInfo.InvariantCulture)].Discipline == evalHalf[q].Discipline)
            {
                rightTop++;
                rightKept += top[0].IsGoodMatch ? 1 : 0;
            }
            else
            {
                wrongTop++;
                wrongGood += top[0].IsGoodMatch ? 1 : 0;
            }
        }

        var falseConfident = 0;
        var queries = 0;
        foreach (var category in evalHalf.Select(r => r.Category).Distinct().Order(StringComparer.Ordinal))
        {
            var without = new MatchIndex(analyzer, options, classifier);
            without.Rebuild(evalHalf.Select((r, i) => (r, i)).Where(x => x.r.Category != category).Select(x => Document(x.r, x.i)));
            for (var q = 0; q < evalHalf.Count; q++)
            {
                if (evalHalf[q].Category != category)
                {
                    continue;
                }
                queries++;
                var top = without.Search(new MatchQuery { Title = evalHalf[q].Title, Top = 1 });
                falseConfident += top.Count > 0 && top[0].IsGoodMatch ? 1 : 0;
            }
        }

        output.WriteLine($"  evaluation half: {evalHalf.Count} queries (titles), threshold {options.ConfidenceThreshold:F2}");
        output.WriteLine($"  retention: {rightKept}/{rightTop} = {Share(rightKept, rightTop)} of the queries whose top-1 has the right discipline keep it as a good match");
        output.WriteLine($"  wrong top-1 still called good: {wrongGood}/{wrongTop} = {Share(wrongGood, wrongTop)}; queries with any good match in the top 10: {Share(anyGood, evalHalf.Count)}");
        output.WriteLine($"  false confidence: {falseConfident}/{queries} = {Share(falseConfident, queries)} of the queries still show a good match with their 门类 removed");
    }

    private const int Width = 6;

    private static string Share(int a, int b) => b == 0 ? "-" : $"{100.0 * a / b:F1} %";

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
        [1, m.ConfidenceInputs.Field, m.ConfidenceInputs.Coverage, m.ConfidenceInputs.Text, m.ConfidenceInputs.Coverage > 0 ? 0 : 1, m.ConfidenceInputs.FieldMiss];

    /// <summary>Plain logistic regression by gradient descent (6 weights, deterministic).</summary>
    private static double[] Logistic(List<(double[] X, double Y)> samples)
    {
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
                w[j] -= 2.0 * grad[j] / samples.Count;
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
            analyzer);
        return (analyzer, classifier);
    }
}
