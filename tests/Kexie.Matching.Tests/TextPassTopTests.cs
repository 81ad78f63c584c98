using System.Reflection;
using Kexie.Matching.Indexing;

namespace Kexie.Matching.Tests;

/// <summary>
/// The text pass's top heap and its exact pruning (issue 16, match18) must give the top <see cref="MatchOptions.RerankDepth"/>
/// of the text pass before them (<see cref="MatchIndex.LegacyTextPass"/>: <see cref="PriorityQueue{TElement,TPriority}"/>,
/// every posting scored): the same documents, scores and masks in the same order, ties included; and so must its floor's
/// tighter bounds per segment and term (match20), which no posting may exceed.
/// </summary>
public class TextPassTopTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(17)]
    [InlineData(64)]
    [InlineData(1000)]
    public void The_heap_keeps_PriorityQueues_operations_one_for_one_with_many_equal_scores(int depth)
    {
        var random = new Random(depth);
        for (var round = 0; round < 200; round++)
        {
            var reference = new PriorityQueue<int, float>();
            var heap = new TopHeap();
            // Few distinct scores: most offers tie with the root or with other entries.
            var distinct = 1 + random.Next(round % 3 == 0 ? 3 : 40);
            var offers = random.Next(1, 4 * depth + 50);
            for (var i = 0; i < offers; i++)
            {
                var score = random.Next(distinct) * 0.25f;
                // The text pass's use: fill, then replace the root only with a strictly higher score.
                if (reference.Count >= depth)
                {
                    Assert.True(reference.TryPeek(out var rootSlot, out var min));
                    Assert.Equal(min, heap.MinScore);
                    Assert.Equal(rootSlot, heap.MinSlot);
                    if (score <= min)
                    {
                        continue;
                    }
                    reference.DequeueEnqueue(rootSlot, score);
                    heap.ReplaceMin(heap.MinSlot, score);
                }
                else
                {
                    reference.Enqueue(reference.Count, score);
                    heap.Enqueue(heap.Count, score);
                }
                Assert.Equal(reference.Count, heap.Count);
                Assert.True(reference.TryPeek(out var s, out var p));
                Assert.Equal((s, p), (heap.MinSlot, heap.MinScore));
            }
            // Also replacements by equal and lower scores (written at the root without moving).
            for (var i = 0; i < 20 && heap.Count > 0; i++)
            {
                var score = random.Next(distinct) * 0.25f;
                var slot = random.Next(10_000);
                reference.DequeueEnqueue(slot, score);
                heap.ReplaceMin(slot, score);
            }
            var expected = new List<(int, float)>();
            while (reference.TryDequeue(out var slot, out var score))
            {
                expected.Add((slot, score));
            }
            var actual = new List<(int, float)>();
            while (heap.TryDequeue(out var slot, out var score))
            {
                actual.Add((slot, score));
            }
            Assert.Equal(expected, actual);
            Assert.Equal(0, heap.Count);
        }
    }

    [Fact]
    public void The_bound_of_the_non_essential_terms_covers_every_float_sum_of_their_contributions()
    {
        var random = new Random(18);
        const double K1 = 1.2;
        for (var round = 0; round < 2000; round++)
        {
            var terms = Enumerable.Range(0, random.Next(1, 40))
                .Select(i => new QueryTerm($"t{i}", random.NextDouble() * 1.5, random.NextDouble() * 12, 1))
                .OrderByDescending(t => t.Weight * t.Idf)
                .ToList();
            var floor = (float)(random.NextDouble() * 10);
            var essential = Searcher.EssentialTerms(terms, K1, floor);
            // Any document reached only by the tail, with the largest contributions the scoring can give.
            for (var d = 0; d < 20; d++)
            {
                var score = 0f;
                for (var t = essential; t < terms.Count; t++)
                {
                    if (random.Next(3) == 0)
                    {
                        continue;
                    }
                    var ptf = random.Next(2) == 0 ? 1e6 : random.NextDouble() * 200;
                    score += (float)(terms[t].Idf * terms[t].Weight * (K1 + 1) * ptf / (ptf + K1));
                }
                Assert.True(score <= floor, $"round {round}: {score:R} > {floor:R}");
            }
        }
        Assert.Equal(3, Searcher.EssentialTerms([new("a", 1, 1, 1), new("b", 1, 1, 1), new("c", 1, 1, 1)], K1, float.NegativeInfinity));
        Assert.Equal(0, Searcher.EssentialTerms([new("a", 1, 1, 1)], K1, 100f));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void No_posting_contributes_more_than_its_segments_bound_for_any_averages(int seed)
    {
        // Random segments (documents of very different lengths, copies, deletions), random scoring options and averages:
        // every posting's float contribution, computed as Accumulate computes it, is at most its segment's bound for the
        // term (match20), and the bound is never above the term's weight bound (match18).
        var random = new Random(seed);
        var corpus = Corpus(1500, seed: 100 + seed);
        // Some documents much longer or shorter than the rest, so that a term's shortest and longest documents differ.
        for (var i = 0; i < corpus.Count; i += 7)
        {
            corpus[i] = corpus[i] with { Body = string.Concat(Enumerable.Repeat(corpus[i].Body + Words[i % Words.Length], 1 + random.Next(30))) };
        }
        var index = new MatchIndex() { BulkSegmentSize = 300 };
        index.Rebuild(corpus);
        index.Remove("d7");
        var snapshot = (IndexSnapshot)Current.GetValue(index)!;
        Assert.True(snapshot.Views.Length > 3);
        long checkedPostings = 0, tighter = 0;
        var tightest = 0f;
        for (var round = 0; round < 12; round++)
        {
            var options = round == 0 ? new MatchOptions() : new MatchOptions
            {
                K1 = round % 4 == 0 ? 0 : random.NextDouble() * 3,
                TitleFieldWeight = random.NextDouble() * 5,
                KeywordsFieldWeight = random.NextDouble() * 5,
                BodyFieldWeight = random.NextDouble() * 3,
                TitleLengthNormalization = random.NextDouble() * (round % 3 == 0 ? 1.5 : 1),
                KeywordsLengthNormalization = random.NextDouble(),
                BodyLengthNormalization = round % 5 == 0 ? 1 : random.NextDouble(),
            };
            // The snapshot's averages, and others (the collection's averages move when documents come and go).
            var (avgTitle, avgKeywords, avgBody) = round % 2 == 0
                ? (snapshot.AverageTitleLength, snapshot.AverageKeywordLength, snapshot.AverageBodyLength)
                : (0.5 + random.NextDouble() * 20, 0.5 + random.NextDouble() * 5, 0.5 + random.NextDouble() * 400);
            foreach (var view in snapshot.Views)
            {
                var segment = view.Segment;
                var terms = segment.Terms.Keys.Order(StringComparer.Ordinal)
                    .Select(t => new QueryTerm(t, random.NextDouble() * 1.5, random.NextDouble() * 12, 1))
                    .Append(new QueryTerm("不在此段", 1, 5, 1))
                    .ToList();
                var bounds = new float[terms.Count];
                Searcher.SegmentBounds(segment, terms, options, avgTitle, avgKeywords, avgBody, bounds);
                var weightBounds = new float[terms.Count];
                Searcher.WeightBounds(terms, options.K1, weightBounds);
                Assert.Equal(0f, bounds[^1]);
                // The norms as the scorer reads them (a fresh LengthNorms: the segment's cache holds the snapshot's averages).
                var norms = new LengthNorms(segment, avgTitle, avgKeywords, avgBody, options.TitleLengthNormalization, options.KeywordsLengthNormalization, options.BodyLengthNormalization).Fields;
                for (var t = 0; t < terms.Count - 1; t++)
                {
                    Assert.True(bounds[t] <= weightBounds[t] || float.IsPositiveInfinity(bounds[t]));
                    tighter += bounds[t] < weightBounds[t] ? 1 : 0;
                    var w = terms[t].Idf * terms[t].Weight * (options.K1 + 1);
                    var data = segment.Terms[terms[t].Term].Data;
                    var position = 0;
                    var doc = -1;
                    var largest = 0f;
                    while (position < data.Length)
                    {
                        doc += PostingList.ReadVarint(data, ref position);
                        int packed = data[position++];
                        var norm = norms[doc];
                        var ptf = 0.0;
                        var body = packed & 31;
                        if (body != 0)
                        {
                            ptf = options.BodyFieldWeight * body / norm.Body;
                        }
                        if ((packed & 0x60) != 0)
                        {
                            ptf += options.TitleFieldWeight * ((packed >> 5) & 3) / norm.Title;
                        }
                        if ((packed & 0x80) != 0)
                        {
                            ptf += options.KeywordsFieldWeight / norm.Keywords;
                        }
                        var contribution = (float)(w * ptf / (ptf + options.K1));
                        largest = Math.Max(largest, contribution);
                        Assert.True(!(contribution > bounds[t]), $"round {round}, segment {segment.Id}, {terms[t].Term} in {doc}: {contribution:R} > {bounds[t]:R}");
                        checkedPostings++;
                    }
                    if (float.IsFinite(bounds[t]))
                    {
                        // Not far above the largest contribution where one document holds the term's largest count
                        // with its shortest length (single-field terms of one document: exactly the same inputs).
                        tightest = Math.Max(tightest, largest / bounds[t]);
                    }
                }
            }
        }
        Assert.True(checkedPostings > 100_000);
        Assert.True(tighter > checkedPostings / 1000);
        Assert.True(tightest > 0.999f, $"{tightest}");
    }

    private static readonly string[] Words =
    [
        "茶叶", "加工", "水稻", "病虫害", "防治", "无人机", "植保", "桥梁", "检测", "养护", "电池", "回收",
        "机器人", "调试", "民宿", "设计", "水产", "养殖", "税务", "筹划", "古建筑", "修缮", "科普", "讲座",
        "土壤", "改良", "果树", "嫁接", "数控", "机床", "光伏", "发电", "污水", "处理", "中药材", "种植",
    ];

    /// <summary>Random documents, a third of them copies of another's texts (equal text scores).</summary>
    private static List<MatchDocument> Corpus(int count, int seed)
    {
        var random = new Random(seed);
        var kinds = Enum.GetValues<DocumentKind>();
        string Text(int words) => string.Concat(Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)] + (random.Next(4) == 0 ? "，" : "")));
        var list = new List<MatchDocument>();
        for (var i = 0; i < count; i++)
        {
            var doc = i > 10 && random.Next(3) == 0
                ? list[random.Next(list.Count)] with { Id = $"d{i}" }
                : new MatchDocument
                {
                    Id = $"d{i}",
                    Title = Text(random.Next(1, 5)),
                    Keywords = Enumerable.Range(0, random.Next(0, 3)).Select(_ => Words[random.Next(Words.Length)]).ToList(),
                    Body = Text(random.Next(0, 40)),
                };
            list.Add(doc with { Kind = kinds[random.Next(kinds.Length)] });
        }
        return list;
    }

    private static List<MatchQuery> Queries(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => new MatchQuery
        {
            // Short and long (a need's title and problem): the long ones have terms whose bounds fall under the floor.
            Title = string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => Words[random.Next(Words.Length)])),
            Text = string.Join('，', Enumerable.Range(0, i % 2 == 0 ? random.Next(0, 3) : random.Next(10, 40)).Select(_ => Words[random.Next(Words.Length)])),
            Kinds = i % 3 == 1 ? [DocumentKind.Offer, DocumentKind.Worker, DocumentKind.Expert] : [],
            ExcludeIds = i % 4 == 0 ? [$"d{random.Next(3000)}", $"d{random.Next(3000)}"] : [],
            Top = 1 + random.Next(25),
        }).ToList();
    }

    private static readonly FieldInfo Current = typeof(MatchIndex).GetField("current", BindingFlags.Instance | BindingFlags.NonPublic)!;

    /// <summary>The first text pass's candidates of <paramref name="query"/>, in their order, with text scores and masks.</summary>
    private static List<string> FirstPass(MatchIndex index, MatchQuery query, bool legacy, out SearchProfile profile, bool weightBounds = false)
    {
        var searcher = new Searcher((IndexSnapshot)Current.GetValue(index)!, index.Options, index.Analyzer, null, index.ParallelQueryDocuments, legacy, weightBounds);
        var flags = BindingFlags.Instance | BindingFlags.NonPublic;
        var built = typeof(Searcher).GetMethod("BuildQueryTerms", flags)!.Invoke(searcher, [query])!;
        var terms = (List<QueryTerm>)built.GetType().GetField("Item1")!.GetValue(built)!;
        var kinds = (int)typeof(Searcher).GetMethod("AllowedKinds", BindingFlags.Static | BindingFlags.NonPublic)!.Invoke(null, [query.Kinds])!;
        var excluded = query.ExcludeIds.Count == 0 ? null : new HashSet<string>(query.ExcludeIds, StringComparer.Ordinal);
        profile = new SearchProfile();
        SearchProfile.Current = profile;
        try
        {
            var list = terms.Count == 0
                ? new List<object>()
                : (System.Collections.IList)typeof(Searcher).GetMethod("TextPass", flags)!.Invoke(searcher, [terms, kinds, excluded, ulong.MaxValue, 0])!;
            return list.Cast<object>().Select(c =>
            {
                var t = c.GetType();
                var view = (SegmentView)t.GetField("View")!.GetValue(c)!;
                var doc = (int)t.GetField("Doc")!.GetValue(c)!;
                return $"{view.Segment.Documents[doc].Id} {(float)t.GetField("Text")!.GetValue(c)!:R} {(ulong)t.GetField("Mask")!.GetValue(c)!:x}";
            }).ToList();
        }
        finally
        {
            SearchProfile.Current = null;
        }
    }

    private static string Describe(MatchResult r) =>
        $"{r.Rank} {r.Id} {r.Score:R} {r.Coverage:R} {r.Explanation.Summary} "
        + string.Join(',', r.Explanation.MatchedTerms.Select(m => $"{m.Term}:{m.Score:R}"))
        + string.Join(',', r.Explanation.Contributions.Select(c => $"{c.Signal}:{c.Score:R}"));

    [Theory]
    [InlineData(20, false)]
    [InlineData(20, true)]
    [InlineData(100, false)]
    [InlineData(100, true)]
    [InlineData(1000, true)]
    public void The_text_pass_keeps_the_same_top_in_the_same_order_as_before(int depth, bool parallel)
    {
        var options = new MatchOptions { RerankDepth = depth };
        var corpus = Corpus(3000, seed: depth);
        var index = new MatchIndex(options: options) { BulkSegmentSize = 400, ParallelQueryDocuments = parallel ? 0 : long.MaxValue };
        index.Rebuild(corpus);
        foreach (var id in new[] { "d5", "d600", "d2999" })
        {
            index.Remove(id);
        }
        Assert.True(index.GetStatistics().Segments > 5);
        long skippedPostings = 0, skippedHits = 0, ties = 0, skippedByWeightBounds = 0;
        foreach (var query in Queries(80, seed: depth + 1))
        {
            var before = FirstPass(index, query, legacy: true, out _);
            var after = FirstPass(index, query, legacy: false, out var profile);
            Assert.Equal(before, after);
            // match18's floor (a term bounded by its weight) too: the same list.
            Assert.Equal(before, FirstPass(index, query, legacy: false, out var match18, weightBounds: true));
            skippedByWeightBounds += match18.SkippedPostings;
            skippedPostings += profile.SkippedPostings;
            skippedHits += profile.SkippedHits;
            ties += before.Select(c => c.Split(' ')[1]).GroupBy(s => s).Count(g => g.Count() > 1);

            index.LegacyTextPass = true;
            var expected = index.Search(query).Select(Describe).ToList();
            index.LegacyTextPass = false;
            Assert.Equal(expected, index.Search(query).Select(Describe));
        }
        // Not vacuous: equal scores in the lists, and (where the depth is reached) documents left out by the bounds.
        Assert.True(ties > 0);
        if (depth < 1000)
        {
            Assert.True(skippedPostings > 0);
            Assert.True(skippedHits > 0);
            // The bounds per segment and term (match20) leave out more than the weights (match18).
            Assert.True(skippedPostings > skippedByWeightBounds, $"{skippedPostings} <= {skippedByWeightBounds}");
        }
    }
}
