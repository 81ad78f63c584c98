namespace Kexie.Matching.Tests;

/// <summary>
/// The bulk build (documents analysed in parallel chunks) and the early stop of the structured
/// scoring must give exactly what the one-by-one build and exhaustive scoring give.
/// </summary>
public class IndexBuildAndPruningTests
{
    private static readonly string[] Words =
    [
        "茶叶", "加工", "水稻", "病虫害", "防治", "无人机", "植保", "桥梁", "检测", "养护", "电池", "回收",
        "机器人", "调试", "民宿", "设计", "水产", "养殖", "税务", "筹划", "古建筑", "修缮", "科普", "讲座",
        "土壤", "改良", "果树", "嫁接", "数控", "机床", "光伏", "发电", "污水", "处理", "中药材", "种植",
    ];

    private static readonly string[] Regions = ["510923", "510903", "510904", "512002", "422801", "110105", "500103"];

    private static readonly string[] Disciplines = ["210", "21010", "2101010", "220", "22020", "2202030", "410", "41020"];

    private static readonly string[] Industries = ["01", "011", "0111", "05", "051", "0511", "77", "771"];

    private static readonly MatchOptions Fixed = new() { Clock = new FixedClock() };

    /// <summary>Random documents with every structured field; many share words, so scores are close.</summary>
    private static List<MatchDocument> Corpus(int count, int seed)
    {
        var random = new Random(seed);
        var kinds = Enum.GetValues<DocumentKind>();
        string Text(int words) => string.Concat(Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)] + (random.Next(4) == 0 ? "，" : "")));
        return Enumerable.Range(0, count).Select(i => new MatchDocument
        {
            Id = $"d{i}",
            Kind = kinds[random.Next(kinds.Length)],
            Title = Text(random.Next(1, 5)),
            Keywords = Enumerable.Range(0, random.Next(0, 3)).Select(_ => Words[random.Next(Words.Length)]).ToList(),
            Body = Text(random.Next(0, 30)),
            DisciplineCodes = random.Next(3) == 0 ? [] : [Disciplines[random.Next(Disciplines.Length)]],
            IndustryCodes = random.Next(2) == 0 ? [] : [Industries[random.Next(Industries.Length)]],
            RegionCode = random.Next(5) == 0 ? null : Regions[random.Next(Regions.Length)],
            Price = random.Next(4) == 0 ? null : random.Next(1, 100) * 1000m,
            PublishedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(random.Next(24 * 300)),
            TrackRecord = random.Next(2) == 0 ? null : new TrackRecord(random.Next(0, 60), random.Next(2) == 0 ? null : random.NextDouble() * 5),
        }).ToList();
    }

    private static List<MatchQuery> Queries(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => new MatchQuery
        {
            Text = string.Join(' ', Enumerable.Range(0, random.Next(1, 6)).Select(_ => Words[random.Next(Words.Length)])),
            RegionCode = i % 3 == 0 ? null : Regions[random.Next(Regions.Length)],
            Budget = i % 4 == 0 ? null : random.Next(1, 100) * 1000m,
            DisciplineCodes = i % 5 == 0 ? [Disciplines[random.Next(Disciplines.Length)]] : [],
            IndustryCodes = i % 2 == 0 ? [Industries[random.Next(Industries.Length)]] : [],
            Kinds = i % 3 == 1 ? [DocumentKind.Offer, DocumentKind.Worker, DocumentKind.Expert] : [],
            Top = 1 + random.Next(25),
        }).ToList();
    }

    private static string Describe(MatchResult r) =>
        $"{r.Rank} {r.Id} {r.Score:R} {r.Coverage:R} {r.Explanation.Summary} "
        + string.Join(',', r.Explanation.MatchedTerms.Select(m => $"{m.Term}:{m.Score:R}"))
        + string.Join(',', r.Explanation.Contributions.Select(c => $"{c.Signal}:{c.Score:R}"));

    [Fact]
    public void Scoring_the_best_candidates_only_gives_the_same_top_as_scoring_all()
    {
        var index = new MatchIndex(options: Fixed);
        index.Rebuild(Corpus(3000, seed: 11));
        foreach (var query in Queries(150, seed: 12))
        {
            // Top = 1000 (the re-rank depth) scores every candidate: nothing can be left out.
            var all = index.Search(query with { Top = 1000 });
            var top = index.Search(query);
            Assert.Equal(all.Take(query.Top).Select(Describe), top.Select(Describe));
        }
    }

    [Fact]
    public void Parallel_bulk_build_equals_one_by_one_upserts()
    {
        var corpus = Corpus(1500, seed: 21);
        var bulk = new MatchIndex(options: Fixed);
        bulk.Rebuild(corpus, degreeOfParallelism: 2);
        var many = new MatchIndex(options: Fixed);
        many.UpsertMany(corpus);
        Assert.Equal(1, bulk.GetStatistics().Segments);
        Assert.Equal(bulk.GetStatistics().PostingBytes, many.GetStatistics().PostingBytes);
        Assert.Equal(bulk.GetStatistics().Terms, many.GetStatistics().Terms);

        // Other segmentations: the same documents and scores (feedback off: its forward index is per segment).
        var plain = Fixed with { FeedbackDocuments = 0 };
        var one = new MatchIndex(options: plain);
        one.Rebuild(corpus);
        var segments = new MatchIndex(options: plain) { BulkSegmentSize = 700 };
        segments.Rebuild(corpus, degreeOfParallelism: 3);
        Assert.Equal(3, segments.GetStatistics().Segments);
        var single = new MatchIndex(options: plain);
        foreach (var d in corpus)
        {
            single.Upsert(d);
        }
        foreach (var query in Queries(60, seed: 22))
        {
            Assert.Equal(bulk.Search(query).Select(Describe), many.Search(query).Select(Describe));
            var expected = one.Search(query).Select(r => (r.Id, Math.Round(r.Score, 9))).ToList();
            Assert.Equal(expected, segments.Search(query).Select(r => (r.Id, Math.Round(r.Score, 9))));
            Assert.Equal(expected, single.Search(query).Select(r => (r.Id, Math.Round(r.Score, 9))));
        }
    }

    [Fact]
    public void Scoring_segments_on_several_cores_gives_the_same_results_as_one_core()
    {
        var corpus = Corpus(2500, seed: 41);
        var one = new MatchIndex(options: Fixed) { BulkSegmentSize = 300 };
        one.Rebuild(corpus);
        var all = new MatchIndex(options: Fixed) { BulkSegmentSize = 300, ParallelQueryDocuments = 0 };
        all.Rebuild(corpus);
        Assert.True(all.GetStatistics().Segments > 5);
        foreach (var id in new[] { "d3", "d700", "d2499" })
        {
            one.Remove(id);
            all.Remove(id);
        }
        foreach (var query in Queries(80, seed: 42))
        {
            Assert.Equal(one.Search(query).Select(Describe), all.Search(query).Select(Describe));
            var need = corpus[query.Top * 7];
            Assert.Equal(one.FindSimilarNeeds(need).Select(Describe), all.FindSimilarNeeds(need).Select(Describe));
        }
    }

    [Fact]
    public void Document_analysis_counts_a_document_with_many_distinct_terms()
    {
        var index = new MatchIndex();
        var body = string.Join('，', Enumerable.Range(0, 600).Select(i => $"x{i}y"));
        var terms = index.AnalyzeDocument(new MatchDocument { Id = "big", Title = "茶叶 x5y", Keywords = ["x7y"], Body = body + "，x5y" });
        Assert.True(terms.Count >= 600);
        Assert.Equal((1, 0, 2), terms["x5y"]);
        Assert.Equal((0, 1, 1), terms["x7y"]);
        Assert.Equal((0, 0, 1), terms["x599y"]);
        index.Upsert(new MatchDocument { Id = "big", Title = "茶叶", Body = body });
        Assert.Equal("big", Assert.Single(index.Search(new MatchQuery { Text = "x321y" })).Id);
    }

    [Fact]
    public void A_failing_document_in_a_parallel_build_throws_and_leaves_the_index_unchanged()
    {
        var corpus = Corpus(2000, seed: 31);
        corpus[1234] = corpus[1234] with { Id = " " };
        var index = new MatchIndex(options: Fixed);
        index.Upsert(corpus[0]);
        Assert.Throws<ArgumentException>(() => index.Rebuild(corpus, degreeOfParallelism: 2));
        Assert.Equal(1, index.Count);
    }

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
    }
}
