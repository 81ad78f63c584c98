using System.Globalization;
using Kexie.Matching;
using Kexie.Matching.Analysis;
using Kexie.Matching.Data;

namespace Kexie.Bench;

/// <summary>
/// Diagnosis for a word-proximity signal (issue 12, match14), training half only (the tuning splits; never the
/// evaluation half): per title query (T2) of the engine's text-only ranking, the query's ordered adjacent word pairs
/// (consecutive content words of jieba's segmentation, stop words skipped, single characters left out) and which of
/// them each of the engine's first 20 results holds adjacent in its text. Prints (1) where the engine ranks the own
/// abstract below Lucene + SmartCn, whether the documents above it hold fewer, as many or more of the title's pairs;
/// (2) the T2 nDCG@10 a re-ranking of those 20 by score + w × (the pairs' idf share the document holds) would give, for
/// a few w — an upper bound on what an adjacent-pair bonus can do to T2, computed from the texts, no index change.
/// </summary>
internal static class ProximityProbe
{
    public static void Run(List<CslRecord> records, string dataDir, TextWriter output, int show, string split)
    {
        var (dictionary, corpus) = HoldoutSplit.Named(records, split) ?? throw new ArgumentException($"unknown split {split}");
        var analyzer = new ChineseAnalyzer(DomainVocabulary.TaxonomyTerms(dataDir).Concat(DomainVocabulary.Keywords(dictionary)));
        var options = QualityBench.BenchOptions() with { IgnoredTerms = DomainVocabulary.PlaceNames(dataDir), CodeFeedbackDocuments = 0 };
        var index = new MatchIndex(analyzer, options);
        index.Rebuild(corpus.Select((r, i) => new MatchDocument { Id = i.ToString(CultureInfo.InvariantCulture), Kind = DocumentKind.Offer, Body = r.Abstract }));
        using var lucene = new LuceneRetriever("SmartCn", corpus.Select(r => r.Abstract));

        var docPairs = corpus.Select(r => Pairs(analyzer, r.Abstract).ToHashSet()).ToList();
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in corpus)
        {
            foreach (var w in Words(analyzer, r.Abstract).Distinct())
            {
                df[w] = df.GetValueOrDefault(w) + 1;
            }
        }
        double Idf(string w) => Math.Log(1 + (corpus.Count - df.GetValueOrDefault(w) + 0.5) / (df.GetValueOrDefault(w) + 0.5));

        double[] weights = [0, 0.05, 0.1, 0.2, 0.3, 0.5];
        var sums = new double[weights.Length];
        var ups = new int[weights.Length];
        var downs = new int[weights.Length];
        double luceneSum = 0;
        int losses = 0, lossOwnMore = 0, lossSame = 0, lossOwnFewer = 0, lossNoPairs = 0, lossNotFound = 0, titlesWithPairs = 0, ownHoldsAPair = 0;
        var shown = 0;
        static double Gain(int rank) => rank < 0 || rank >= 10 ? 0 : 1 / Math.Log2(rank + 2);
        for (var q = 0; q < corpus.Count; q++)
        {
            var title = corpus[q].Title;
            var results = index.Search(new MatchQuery { Title = title, Top = 20 });
            var ids = results.Select(m => int.Parse(m.Id, CultureInfo.InvariantCulture)).ToList();
            var pairs = Pairs(analyzer, title).Distinct().ToList();
            var pairWeight = pairs.ToDictionary(p => p, p => (Idf(p.Split('\u0001')[0]) + Idf(p.Split('\u0001')[1])) / 2, StringComparer.Ordinal);
            var total = pairWeight.Values.Sum();
            titlesWithPairs += pairs.Count > 0 ? 1 : 0;
            ownHoldsAPair += pairs.Any(docPairs[q].Contains) ? 1 : 0;
            double Share(int doc) => total <= 0 ? 0 : pairs.Where(docPairs[doc].Contains).Sum(p => pairWeight[p]) / total;

            var engineRank = ids.IndexOf(q);
            var lr = lucene.Search(title, 10).IndexOf(q);
            luceneSum += Gain(lr);
            for (var k = 0; k < weights.Length; k++)
            {
                var w = weights[k];
                var reranked = results.Select((m, i) => (Id: ids[i], Score: m.Score + w * Share(ids[i]), Rank: i))
                    .OrderByDescending(x => x.Score).ThenBy(x => x.Rank).Select(x => x.Id).ToList();
                var g = Gain(reranked.IndexOf(q));
                sums[k] += g;
                if (g > Gain(engineRank) + 1e-12)
                {
                    ups[k]++;
                }
                else if (g < Gain(engineRank) - 1e-12)
                {
                    downs[k]++;
                }
            }
            if (Gain(engineRank) < Gain(lr))
            {
                losses++;
                var own = Share(q);
                var above = engineRank < 0 ? ids.Take(10).ToList() : ids.Take(engineRank).ToList();
                var best = above.Count == 0 ? 0 : above.Max(Share);
                if (engineRank < 0)
                {
                    lossNotFound++;
                }
                else if (pairs.Count == 0)
                {
                    lossNoPairs++;
                }
                else if (own > best + 1e-9)
                {
                    lossOwnMore++;
                }
                else if (own < best - 1e-9)
                {
                    lossOwnFewer++;
                }
                else
                {
                    lossSame++;
                }
                if (shown++ < show)
                {
                    output.WriteLine($"T2 engine {(engineRank < 0 ? "-" : (engineRank + 1).ToString(CultureInfo.InvariantCulture))} SmartCn {(lr < 0 ? "-" : (lr + 1).ToString(CultureInfo.InvariantCulture))}: {title}");
                    output.WriteLine($"   pairs: {string.Join(' ', pairs.Select(p => p.Replace('\u0001', '+')))}; own holds {string.Join(' ', pairs.Where(docPairs[q].Contains).Select(p => p.Replace('\u0001', '+')))} (share {own:F2}); best share above it {best:F2}");
                    if (engineRank != 0 && ids.Count > 0)
                    {
                        output.WriteLine($"   engine #1 (score {results[0].Score:F3}, own {(engineRank < 0 ? "-" : results[engineRank].Score.ToString("F3", CultureInfo.InvariantCulture))}): {corpus[ids[0]].Title}");
                    }
                }
            }
        }
        output.WriteLine($"T2 proximity probe ({split}, {corpus.Count} titles; {titlesWithPairs} have an adjacent word pair, the own abstract holds one of them adjacent for {ownHoldsAPair}):");
        output.WriteLine($"  losses to SmartCn (text only): {losses}: own abstract not in the engine's top 20 {lossNotFound}, title without a pair {lossNoPairs}, own holds more of the pairs than every document above it {lossOwnMore}, as many {lossSame}, fewer {lossOwnFewer}");
        output.WriteLine($"  SmartCn T2 nDCG@10 {luceneSum / corpus.Count:F4}");
        for (var k = 0; k < weights.Length; k++)
        {
            output.WriteLine($"  engine text + {weights[k].ToString(CultureInfo.InvariantCulture)} × pair share (top 20 re-ranked): T2 nDCG@10 {sums[k] / corpus.Count:F4} (Δ SmartCn {(sums[k] - luceneSum) / corpus.Count:+0.0000;-0.0000}), {ups[k]} titles up, {downs[k]} down");
        }
    }

    /// <summary>The content words of <paramref name="text"/> in order: jieba's words that are not stop words, of two or
    /// more characters, holding a Han character or a letter.</summary>
    public static List<string> Words(ChineseAnalyzer analyzer, string? text) =>
        analyzer.Segment(text).Where(w => w.Length >= 2 && !analyzer.IsStopWord(w) && w.Any(c => TextNormalizer.IsHan(c) || char.IsLetter(c))).ToList();

    /// <summary>Ordered adjacent pairs of <see cref="Words"/> that are not split by punctuation ("a\u0001b").</summary>
    public static IEnumerable<string> Pairs(ChineseAnalyzer analyzer, string? text)
    {
        string? previous = null;
        foreach (var w in analyzer.Segment(text))
        {
            var content = w.Length >= 2 && !analyzer.IsStopWord(w) && w.Any(c => TextNormalizer.IsHan(c) || char.IsLetter(c));
            if (content)
            {
                if (previous is not null && previous != w)
                {
                    yield return previous + "\u0001" + w;
                }
                previous = w;
            }
            else if (w.Length == 1 && !TextNormalizer.IsHan(w[0]) && !char.IsLetterOrDigit(w[0]))
            {
                previous = null; // punctuation or space ends a phrase
            }
        }
    }
}
