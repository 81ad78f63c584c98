namespace Kexie.Matching.Tests;

/// <summary>
/// A query reuses its thread's buffers (accumulators, the top-candidate heap and lists, the field-only bitmap): a
/// thread that has run other queries, on other indexes of other sizes, must answer exactly as a fresh thread does.
/// </summary>
public class QueryBufferReuseTests
{
    private static readonly string[] Words =
    [
        "茶叶", "加工", "水稻", "病虫害", "防治", "无人机", "植保", "桥梁", "检测", "养护", "电池", "回收",
        "机器人", "调试", "民宿", "设计", "水产", "养殖", "税务", "筹划", "古建筑", "修缮", "科普", "讲座",
    ];

    private static readonly string[] Disciplines = ["210", "21010", "2101010", "220", "22020", "2202030", "410", "41020", "630"];

    private static readonly MatchOptions Fixed = new() { Clock = new FixedClock(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)) };

    private static List<MatchDocument> Corpus(int count, int seed)
    {
        var random = new Random(seed);
        var kinds = Enum.GetValues<DocumentKind>();
        string Text(int words) => string.Concat(Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]));
        return Enumerable.Range(0, count).Select(i => new MatchDocument
        {
            Id = $"r{seed}-{i}",
            Kind = kinds[random.Next(kinds.Length)],
            Title = Text(random.Next(1, 4)),
            Keywords = Enumerable.Range(0, random.Next(0, 3)).Select(_ => Words[random.Next(Words.Length)]).ToList(),
            // A word few documents hold: a query for it and the rare code gets field-only candidates.
            Body = Text(random.Next(0, 20)) + (i % 113 == 0 ? "光伏发电" : ""),
            // A rare code (630) and a document listing its code twice: the field-only candidates count each once.
            DisciplineCodes = random.Next(4) == 0 ? [] : i % 97 == 0 ? ["630", "630"] : [Disciplines[random.Next(Disciplines.Length - 1)]],
            RegionCode = "510923",
            Price = random.Next(1, 100) * 1000m,
            PublishedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(random.Next(24 * 300)),
        }).ToList();
    }

    private static List<MatchQuery> Queries(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => i % 6 == 5
            ? new MatchQuery { Text = "光伏", DisciplineCodes = ["630"], Top = 30, Kinds = i % 4 == 1 ? [DocumentKind.Offer, DocumentKind.Expert] : [] }
            : new MatchQuery
        {
            Text = string.Join(' ', Enumerable.Range(0, random.Next(1, 5)).Select(_ => Words[random.Next(Words.Length)])),
            RegionCode = "510903",
            Budget = 50_000,
            DisciplineCodes = i % 3 == 0 ? [Disciplines[random.Next(Disciplines.Length)]] : i % 7 == 1 ? ["630", "21010", "630"] : [],
            Kinds = i % 2 == 1 ? [DocumentKind.Offer, DocumentKind.Worker, DocumentKind.Expert] : i % 4 == 2 ? [DocumentKind.Need] : [],
            ExcludeIds = i % 5 == 0 ? [$"r1-{i}", $"r2-{i}"] : [],
            Top = 1 + random.Next(30),
        }).ToList();
    }

    private static string Describe(IReadOnlyList<MatchResult> results) => string.Join('\n', results.Select(r =>
        $"{r.Rank} {r.Id} {r.Score:R} {r.Coverage:R} {r.Confidence:R} {r.Explanation.Summary} "
        + string.Join(',', r.Explanation.MatchedTerms.Select(m => $"{m.Term}:{m.Score:R}"))
        + string.Join(',', r.Explanation.FeedbackTerms.Select(m => $"{m.Term}:{m.Score:R}"))
        + string.Join(',', r.Explanation.Contributions.Select(c => $"{c.Signal}:{c.Score:R}"))));

    /// <summary>Runs <paramref name="search"/> on a thread of its own (no buffers reused).</summary>
    private static string OnFreshThread(Func<IReadOnlyList<MatchResult>> search)
    {
        string? described = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                described = Describe(search());
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? described! : throw new InvalidOperationException("search failed", failure);
    }

    [Fact]
    public void Queries_interleaved_over_indexes_of_different_sizes_answer_as_on_a_fresh_thread()
    {
        // A large index in several segments (with deletions and pseudo-relevance feedback, so both candidate lists
        // are used) and a small one: the buffers sized for the first are reused, partly filled, by the second.
        var large = new MatchIndex(options: Fixed with { FeedbackWithDisciplines = true }) { BulkSegmentSize = 700 };
        var largeCorpus = Corpus(2600, seed: 1);
        large.Rebuild(largeCorpus);
        large.Remove("r1-5");
        large.Remove("r1-1400");
        var small = new MatchIndex(options: Fixed);
        var smallCorpus = Corpus(150, seed: 2);
        small.Rebuild(smallCorpus);
        Assert.True(large.GetStatistics().Segments > 2);

        var queries = Queries(90, seed: 3);
        var expected = new List<string>();
        var actual = new List<string>();
        foreach (var (query, i) in queries.Select((q, i) => (q, i)))
        {
            var index = i % 2 == 0 ? large : small;
            var need = (i % 2 == 0 ? largeCorpus : smallCorpus)[i];
            expected.Add(OnFreshThread(() => index.Search(query)));
            expected.Add(OnFreshThread(() => index.FindSimilarNeeds(need)));
            expected.Add(OnFreshThread(() => index.FindProvidersForNeed(need)));
        }
        // One thread, the same queries in the same order: every buffer is reused.
        var same = new Thread(() =>
        {
            foreach (var (query, i) in queries.Select((q, i) => (q, i)))
            {
                var index = i % 2 == 0 ? large : small;
                var need = (i % 2 == 0 ? largeCorpus : smallCorpus)[i];
                actual.Add(Describe(index.Search(query)));
                actual.Add(Describe(index.FindSimilarNeeds(need)));
                actual.Add(Describe(index.FindProvidersForNeed(need)));
            }
        });
        same.Start();
        same.Join();
        Assert.Equal(expected.Count, actual.Count);
        for (var k = 0; k < expected.Count; k++)
        {
            Assert.Equal(expected[k], actual[k]);
        }
        Assert.Contains(expected, e => e.Contains("没有共同的关键词", StringComparison.Ordinal));
    }
}
