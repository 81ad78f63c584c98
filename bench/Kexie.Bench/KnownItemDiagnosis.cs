using Kexie.Matching;
using Kexie.Matching.Analysis;
using Kexie.Matching.Data;

namespace Kexie.Bench;

/// <summary>
/// T1/T2 diagnosis on the training half only (never the evaluation half): where the engine's text ranking puts a
/// record's own abstract below where Lucene + SmartCn puts it, with the query's terms and the engine's first result.
/// </summary>
internal static class KnownItemDiagnosis
{
    /// <param name="split">null: the training half is corpus and keyword dictionary; "inner" / "inner-b": the tuning split's
    /// evaluation quarter is the corpus and the other quarter the keyword dictionary, as <c>matching --split inner</c> runs it.</param>
    public static void Run(List<CslRecord> records, string dataDir, TextWriter output, int show, AnalyzerSettings? settings = null, string? split = null)
    {
        var (corpus, dictionary) = split switch
        {
            "inner" => (HoldoutSplit.SplitInner(records).Eval, HoldoutSplit.SplitInner(records).Train),
            "inner-b" => (HoldoutSplit.SplitInner(records).Train, HoldoutSplit.SplitInner(records).Eval),
            _ => (HoldoutSplit.Split(records).Train, HoldoutSplit.Split(records).Train),
        };
        var analyzer = new ChineseAnalyzer(DomainVocabulary.TaxonomyTerms(dataDir).Concat(DomainVocabulary.Keywords(dictionary)), settings);
        var options = QualityBench.BenchOptions() with { IgnoredTerms = DomainVocabulary.PlaceNames(dataDir), CodeFeedbackDocuments = 0 };
        var index = new MatchIndex(analyzer, options);
        index.Rebuild(corpus.Select((r, i) => new MatchDocument { Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture), Kind = DocumentKind.Offer, Body = r.Abstract }));
        using var lucene = new LuceneRetriever("SmartCn", corpus.Select(r => r.Abstract));
        var smart = LuceneAnalyzers.Create("SmartCn");
        double engineSum = 0, luceneSum = 0;
        var shown = 0;
        foreach (var task in new[] { "T1", "T2" })
        {
            engineSum = luceneSum = 0;
            int worse = 0, better = 0;
            for (var q = 0; q < corpus.Count; q++)
            {
                var r = corpus[q];
                var text = task == "T1" ? string.Join(' ', r.Keywords) : r.Title;
                var engine = index.Search(task == "T1" ? new MatchQuery { Keywords = r.Keywords, Top = 10 } : new MatchQuery { Title = r.Title, Top = 10 });
                var er = engine.Select(m => int.Parse(m.Id, System.Globalization.CultureInfo.InvariantCulture)).ToList().IndexOf(q);
                var lr = lucene.Search(text, 10).IndexOf(q);
                double Gain(int rank) => rank < 0 ? 0 : 1 / Math.Log2(rank + 2);
                engineSum += Gain(er);
                luceneSum += Gain(lr);
                if (Gain(er) < Gain(lr))
                {
                    worse++;
                    if (shown++ < show)
                    {
                        var own = engine.FirstOrDefault(m => m.Id == q.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        output.WriteLine($"{task} engine {(er < 0 ? "-" : er + 1)} lucene {lr + 1}: {text}");
                        output.WriteLine($"   engine terms: {string.Join(' ', analyzer.Analyze(text))}");
                        output.WriteLine($"   smartcn:      {string.Join(' ', LuceneAnalyzers.Tokens(smart, text))}");
                        output.WriteLine($"   engine #1: {string.Join(' ', engine.FirstOrDefault()?.Explanation.MatchedTerms.Select(t => t.Term) ?? [])} (coverage {engine.FirstOrDefault()?.Coverage:F2}, score {engine.FirstOrDefault()?.Score:F3})");
                        output.WriteLine($"   own:       {string.Join(' ', own?.Explanation.MatchedTerms.Select(t => t.Term) ?? [])} (coverage {own?.Coverage:F2}, score {own?.Score:F3})");
                        var chars = text.Where(TextNormalizer.IsHan).ToHashSet();
                        output.WriteLine($"   own terms sharing a character: {string.Join(' ', analyzer.Analyze(r.Abstract).Distinct().Where(t => t.Any(chars.Contains)))}");
                    }
                }
                else if (Gain(er) > Gain(lr))
                {
                    better++;
                }
            }
            output.WriteLine($"{task} ({split ?? "training half"}, {corpus.Count} records): engine text {engineSum / corpus.Count:F4}, SmartCn {luceneSum / corpus.Count:F4}; engine worse on {worse}, better on {better}");
        }
    }
}
