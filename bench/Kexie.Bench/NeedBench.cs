using Kexie.Matching;
using Kexie.Matching.Analysis;
using Kexie.Matching.Classification;
using Kexie.Matching.Data;

namespace Kexie.Bench;

/// <summary>
/// The need-shaped benchmark: queries written the way an enterprise writes a need, built from CSL records by a fixed
/// rule (<see cref="NeedOf"/>), not by hand. Protocol as the headline (<see cref="HoldoutSplit"/>): the classifier and
/// the keyword dictionary learn from the training half; corpus = the evaluation half's abstracts, carrying their
/// discipline as offers carry theirs on the platform; queries = the evaluation half's needs, without any code (an
/// enterprise rarely knows its discipline; CSL has no industry), the own record excluded. Scored like T3: nDCG@10
/// with grade 2 for the query's discipline and 1 for its 门类, P@10, and the share of needs whose top 5 hold a
/// document of the right discipline; Lucene BM25 on the same need text in the same run.
/// </summary>
internal sealed class NeedBench(List<CslRecord> train, List<CslRecord> eval, IReadOnlyList<CslRecord> categoryTitles, string dataDir, TextWriter output)
{
    private readonly Dictionary<string, string> codes = CslCodes.Build(train.Concat(eval));

    /// <summary>
    /// The rule: title "{k1}相关技术需求" (k1 = the record's first keyword); problem "我单位在{k1}方面遇到技术难题，希望在
    /// {k2}、{k3}等方面得到技术支持。" (the next keywords; left out when there are none) followed by "现状：" and the first
    /// clause of the abstract (up to the first 。；;, at most 40 characters). The paper's title is never used.
    /// </summary>
    internal static (string Title, string Problem) NeedOf(CslRecord r)
    {
        var keywords = r.Keywords.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).ToList();
        var first = keywords.Count > 0 ? keywords[0] : "相关技术";
        var rest = keywords.Skip(1).Take(2).ToList();
        var clause = r.Abstract;
        var cut = clause.IndexOfAny(['。', '；', ';']);
        if (cut > 0)
        {
            clause = clause[..cut];
        }
        if (clause.Length > 40)
        {
            clause = clause[..40];
        }
        var problem = $"我单位在{first}方面遇到技术难题" + (rest.Count > 0 ? $"，希望在{string.Join('、', rest)}等方面得到技术支持。" : "，希望得到技术支持。") + $"现状：{clause}。";
        return ($"{first}相关技术需求", problem);
    }

    public void Run(string[] baselines)
    {
        var needs = eval.Select(NeedOf).ToList();
        output.WriteLine();
        output.WriteLine($"## Need-shaped benchmark ({eval.Count} needs against {eval.Count} abstracts with their discipline; trained on {train.Count} other records; load average {HoldoutSplit.LoadAverage()})");
        output.WriteLine();
        output.WriteLine($"Example: “{needs[0].Title}” — {needs[0].Problem}");
        output.WriteLine();
        output.WriteLine("| system | nDCG@10 | P@10 | top 5 has the right discipline | top 1 has the right discipline |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        var bestNdcg = 0.0;
        foreach (var name in baselines)
        {
            using var lucene = new LuceneRetriever(name, eval.Select(r => r.Abstract));
            var s = Score(q => lucene.Search($"{needs[q].Title} {needs[q].Problem}", 11, exclude: q));
            bestNdcg = Math.Max(bestNdcg, s.Ndcg);
            Row($"Lucene BM25 + {name}", s);
        }

        var taxonomy = DomainVocabulary.TaxonomyTerms(dataDir);
        var analyzer = new ChineseAnalyzer(taxonomy.Concat(DomainVocabulary.Keywords(train)));
        var known = eval.Concat(train).Select(r => TextNormalizer.Normalize(r.Title).Trim()).ToHashSet(StringComparer.Ordinal);
        var categoryOf = train.Concat(eval).GroupBy(r => r.Discipline).ToDictionary(g => codes[g.Key], g => g.First().Category, StringComparer.Ordinal);
        var classifier = DisciplineClassifier.Train(
            train.SelectMany(r => r.TrainingExamples(codes[r.Discipline])),
            categoryTitles.Where(r => !known.Contains(TextNormalizer.Normalize(r.Title).Trim())).Select(r => new LabeledText(r.Title, r.Category)),
            categoryOf,
            analyzer,
            ClassifierBench.Current);
        var index = new MatchIndex(analyzer, QualityBench.BenchOptions() with { IgnoredTerms = DomainVocabulary.PlaceNames(dataDir) }, classifier);
        index.Rebuild(eval.Select((r, i) => new MatchDocument
        {
            Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Kind = DocumentKind.Offer,
            Body = r.Abstract,
            DisciplineCodes = [codes[r.Discipline]],
        }));
        var good = 0;
        var engine = Score(q =>
        {
            var results = index.Search(new MatchQuery { Title = needs[q].Title, Text = needs[q].Problem, ExcludeIds = [q.ToString(System.Globalization.CultureInfo.InvariantCulture)], Top = 10 });
            good += results.Count > 0 && results[0].IsGoodMatch ? 1 : 0;
            return [.. results.Select(m => int.Parse(m.Id, System.Globalization.CultureInfo.InvariantCulture))];
        });
        Row("Kexie engine (needs without codes; the engine predicts their field)", engine);
        output.WriteLine();
        output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Engine / best baseline nDCG@10: {(bestNdcg > 0 ? engine.Ndcg / bestNdcg : double.NaN):F3}×; top-1 called a good match for {100.0 * good / eval.Count:F1} % of the needs."));
    }

    private void Row(string name, (double Ndcg, double P10, double Top5, double Top1) s) =>
        output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"| {name} | {s.Ndcg:F3} | {s.P10:F3} | {100 * s.Top5:F1} % | {100 * s.Top1:F1} % |"));

    private (double Ndcg, double P10, double Top5, double Top1) Score(Func<int, List<int>> search)
    {
        double ndcg = 0, p10 = 0, top5 = 0, top1 = 0;
        for (var q = 0; q < eval.Count; q++)
        {
            var query = eval[q];
            var gains = search(q).Where(i => i != q).Take(10).Select(i => Grade(query, eval[i])).ToList();
            var ideal = eval.Where((_, i) => i != q).Select(d => Grade(query, d)).Where(g => g > 0).OrderByDescending(g => g).Take(10).ToList();
            ndcg += Metrics.Ndcg(gains, ideal);
            p10 += Metrics.PrecisionAt(gains, 2);
            top5 += gains.Take(5).Contains(2) ? 1 : 0;
            top1 += gains.Count > 0 && gains[0] == 2 ? 1 : 0;
        }
        return (ndcg / eval.Count, p10 / eval.Count, top5 / eval.Count, top1 / eval.Count);
    }

    private static int Grade(CslRecord query, CslRecord doc) =>
        doc.Discipline == query.Discipline ? 2 : doc.Category == query.Category ? 1 : 0;
}
