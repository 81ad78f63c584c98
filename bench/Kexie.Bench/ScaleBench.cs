using System.Diagnostics;
using System.Globalization;
using Kexie.Matching;
using Kexie.Matching.Analysis;
using Kexie.Matching.Data;

namespace Kexie.Bench;

internal sealed record ScaleRow(string System, int Documents, double BuildSeconds, double ManagedMiB, double P50, double P99, double Throughput);

/// <summary>
/// Query latency, throughput, build time and memory at growing corpus sizes. The corpus is the real
/// CSL records plus variants of them (sentences of two records of one discipline interleaved,
/// keywords mixed), streamed so that the source texts never sit in memory all at once.
/// </summary>
internal sealed class ScaleBench
{
    private static readonly string[] Regions = ["510923", "510903", "510904", "512002", "512021", "422801", "429006", "110105", "500103", "440305"];
    private readonly List<CslRecord> records;
    private readonly Dictionary<string, List<CslRecord>> byDiscipline;
    private readonly TextWriter output;
    private readonly int queryCount;
    private readonly bool withLucene;
    private readonly ChineseAnalyzer analyzer;
    private readonly Dictionary<string, string> codes;

    public ScaleBench(List<CslRecord> records, string dataDir, TextWriter output, int queryCount, bool withLucene)
    {
        this.records = records;
        this.output = output;
        this.queryCount = queryCount;
        this.withLucene = withLucene;
        byDiscipline = records.GroupBy(r => r.Discipline).ToDictionary(g => g.Key, g => g.ToList());
        analyzer = new ChineseAnalyzer(DomainVocabulary.TaxonomyTerms(dataDir).Concat(DomainVocabulary.Keywords(records)));
        codes = CslCodes.Build(records);
    }

    public List<ScaleRow> Rows { get; } = [];

    public List<string> Notes { get; } = [];

    /// <summary>
    /// When set, <see cref="Run"/> builds the engine, writes every speed query's results to this file
    /// (see <see cref="Dump"/>) and measures nothing: before/after an optimisation the files must be identical.
    /// </summary>
    public string? DumpPath { get; init; }

    /// <summary>
    /// Builds the engine (and Lucene), then measures their queries alternately, engine, Lucene,
    /// Lucene, engine, so that both see about the same machine load on this shared machine; each
    /// row is the mean of its system's two rounds, the rounds are in <see cref="Notes"/>.
    /// </summary>
    public void Run(int size)
    {
        var queries = Queries();
        var (index, engineBuild, engineMiB) = BuildEngine(size, DumpPath is null ? null : DumpClock);
        if (DumpPath is not null)
        {
            Dump(index, size, queries);
            return;
        }
        int Engine(CslRecord r, int i) => index.Search(SpeedQuery(r, i)).Count;
        if (!withLucene)
        {
            var e = MeasureRound("engine", size, queries, Engine);
            Rows.Add(new ScaleRow("Kexie engine", size, engineBuild, engineMiB, e.P50, e.P99, e.Qps));
            return;
        }
        var (lucene, luceneBuild, luceneMiB) = BuildLucene(size);
        using (lucene)
        {
            int Lucene(CslRecord r, int _) => lucene.Search(r.Title, 20).Count;
            var e1 = MeasureRound("engine", size, queries, Engine);
            var l1 = MeasureRound("lucene", size, queries, Lucene);
            var l2 = MeasureRound("lucene", size, queries, Lucene);
            var e2 = MeasureRound("engine", size, queries, Engine);
            Rows.Add(new ScaleRow("Kexie engine", size, engineBuild, engineMiB, (e1.P50 + e2.P50) / 2, (e1.P99 + e2.P99) / 2, (e1.Qps + e2.Qps) / 2));
            Rows.Add(new ScaleRow("Lucene BM25 + SmartCn (FSDirectory)", size, luceneBuild, luceneMiB, (l1.P50 + l2.P50) / 2, (l1.P99 + l2.P99) / 2, (l1.Qps + l2.Qps) / 2));
            Notes.Add($"{size:N0}: throughput engine / Lucene = {(e1.Qps + e2.Qps) / (l1.Qps + l2.Qps):F2} (means of the alternated rounds)");
        }
        GC.KeepAlive(index);
    }

    /// <summary>The query the speed table times: a record's title, from a region, with a budget, for providers.</summary>
    private static MatchQuery SpeedQuery(CslRecord r, int i) => new()
    {
        Title = r.Title,
        RegionCode = Regions[i % Regions.Length],
        Budget = 50_000,
        Kinds = [DocumentKind.Offer, DocumentKind.Worker, DocumentKind.Expert],
        Top = 20,
    };

    /// <summary>The fixed clock of a dump (recency scores do not move with the day the dump is written).</summary>
    private static readonly TimeProvider DumpClock = new FixedClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// Writes, for every speed query (<see cref="SpeedQuery"/>), and for the first 500 of them also asked as a whole
    /// record (title, keywords and abstract, like a need), each result's id, scores (round-trip format), confidence,
    /// matched and feedback terms, contributions and summary; the index runs on a fixed clock. Two builds that rank
    /// alike write identical files.
    /// </summary>
    private void Dump(MatchIndex index, int size, List<CslRecord> queries)
    {
        static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        static string Terms(IEnumerable<MatchedTerm> terms) => string.Join(' ', terms.Select(t =>
            $"{t.Term}:{(t.InTitle ? "T" : "")}{(t.InKeywords ? "K" : "")}{(t.InBody ? "B" : "")}:{R(t.Score)}"));
        var sw = Stopwatch.StartNew();
        using var file = new StreamWriter(DumpPath!, append: false, new System.Text.UTF8Encoding(false));
        file.WriteLine($"# Kexie.Bench dump: {size:N0} documents, {queries.Count} speed queries");
        void Write(string label, MatchQuery query)
        {
            var results = index.Search(query);
            file.WriteLine($"{label}\t{results.Count}");
            foreach (var m in results)
            {
                var x = m.Explanation;
                var c = m.ConfidenceInputs;
                file.WriteLine($"  {m.Rank}\t{m.Id}\t{m.Kind}\t{R(m.Score)}\t{R(m.Coverage)}\t{R(m.Confidence)}\t{m.IsGoodMatch}\t{m.LikelyDuplicate}"
                    + $"\tinputs {R(c.Field)} {R(c.Coverage)} {R(c.Text)} {R(c.FieldMiss)} {R(c.UnknownTerms)} {R(c.Uncertainty)} {R(c.VoteDisagreement)} {c.Given}");
                file.WriteLine($"    terms {Terms(x.MatchedTerms)} | feedback {Terms(x.FeedbackTerms)} | region {x.Region}"
                    + $" | disciplines {string.Join(' ', x.SharedDisciplines.Select(d => $"{d.QueryCode}>{d.DocumentCode}:{d.Relation}:{(d.Predicted is { } p ? R(p) : "-")}"))}"
                    + $" | industries {string.Join(' ', x.SharedIndustries.Select(d => $"{d.QueryCode}>{d.DocumentCode}:{d.Relation}"))}");
                file.WriteLine($"    contributions {string.Join(' ', x.Contributions.Select(k => $"{k.Signal}={R(k.Score)}[{k.Detail}]"))}");
                file.WriteLine($"    summary {x.Summary}");
            }
        }
        for (var i = 0; i < queries.Count; i++)
        {
            Write($"q{i} {queries[i].Title}", SpeedQuery(queries[i], i));
        }
        for (var i = 0; i < Math.Min(500, queries.Count); i++)
        {
            var r = queries[i];
            Write($"n{i} {r.Title}", new MatchQuery
            {
                Title = r.Title,
                Keywords = r.Keywords,
                Body = r.Abstract,
                RegionCode = Regions[i % Regions.Length],
                Budget = 80_000,
                Kinds = [DocumentKind.Offer, DocumentKind.Worker, DocumentKind.Expert],
                ExcludeIds = ["v" + (i * 7).ToString(CultureInfo.InvariantCulture)],
                Top = 20,
            });
        }
        output.WriteLine($"  engine {size:N0}: dump of {queries.Count} + {Math.Min(500, queries.Count)} queries written to {DumpPath} in {sw.Elapsed.TotalSeconds:F1} s");
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private List<CslRecord> Queries()
    {
        var random = new Random(7);
        return Enumerable.Range(0, queryCount).Select(_ => records[random.Next(records.Count)]).ToList();
    }

    /// <summary>One latency + throughput round, printed and noted with the load average before and after.</summary>
    private (double P50, double P99, double Qps) MeasureRound(string system, int size, List<CslRecord> queries, Func<CslRecord, int, int> run)
    {
        var loadBefore = LoadAverage();
        var (p50, p99, qps) = Measure(queries, run);
        var line = $"{system} {size:N0}: p50 {p50:F2} ms, p99 {p99:F2} ms, {qps:F0} queries/s; load average {loadBefore} before, {LoadAverage()} after";
        output.WriteLine("  " + line);
        Notes.Add(line);
        return (p50, p99, qps);
    }

    private (MatchIndex Index, double BuildSeconds, double ManagedMiB) BuildEngine(int size, TimeProvider? clock = null)
    {
        Collect();
        var before = GC.GetTotalMemory(true);
        var options = QualityBench.BenchOptions();
        var index = new MatchIndex(analyzer, clock is null ? options : options with { Clock = clock });
        var sw = Stopwatch.StartNew();
        var peak = new long[1];
        var loadBefore = LoadAverage();
        index.Rebuild(Progress(Variants(size), sw, peak));
        var build = sw.Elapsed.TotalSeconds;
        peak[0] = Math.Max(peak[0], GC.GetTotalMemory(false));
        var after = GC.GetTotalMemory(true);
        var stats = index.GetStatistics();
        var load = LoadAverage();
        output.WriteLine($"  load average after the build: {load}");
        output.WriteLine($"  engine {size:N0}: built in {build:F1} s, {stats.Segments} segments, {stats.Terms:N0} terms, {stats.PostingBytes / 1048576.0:F0} MiB postings");
        Notes.Add($"engine {size:N0}: built in {build:F1} s (load average {loadBefore} before, {load} after); managed {(after - before) / 1048576.0:N0} MiB after the build (GC.GetTotalMemory(true)), "
            + $"peak during the build {(peak[0] - before) / 1048576.0:N0} MiB (GC.GetTotalMemory(false) sampled every 10,000 documents read, garbage included), "
            + $"process working set {Environment.WorkingSet / 1048576.0:N0} MiB now, {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MiB peak; "
            + $"{stats.Segments} segments, {stats.Terms:N0} terms, {stats.PostingBytes / 1048576.0:N0} MiB postings");
        return (index, build, (after - before) / 1048576.0);
    }

    /// <summary>
    /// Where a query's time goes at <paramref name="size"/> documents: the speed queries on one thread, three rounds
    /// after a warm-up, with the searcher's stage profile on (Stopwatch ticks per stage, see <c>SearchStage</c>), the
    /// bytes allocated per query and the garbage collections; the fastest round is printed (the machine is shared).
    /// </summary>
    public void ProfileQueries(int size)
    {
        var queries = Queries();
        var (index, _, _) = BuildEngine(size);
        for (var i = 0; i < Math.Min(200, queries.Count); i++)
        {
            index.Search(SpeedQuery(queries[i], i));
        }
        Kexie.Matching.Indexing.SearchProfile? best = null;
        double bestMs = double.MaxValue, bestBytes = 0;
        int[] bestGc = [];
        for (var round = 0; round < 3; round++)
        {
            var profile = new Kexie.Matching.Indexing.SearchProfile();
            var gc = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            Kexie.Matching.Indexing.SearchProfile.Current = profile;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < queries.Count; i++)
            {
                index.Search(SpeedQuery(queries[i], i));
            }
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds / queries.Count;
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / queries.Count;
            Kexie.Matching.Indexing.SearchProfile.Current = null;
            var allocated = (GC.GetAllocatedBytesForCurrentThread() - bytes) / (double)queries.Count;
            output.WriteLine($"  round {round + 1}: {ms:F3} ms per query ({cpuMs:F3} ms of process CPU time), {allocated / 1024:F0} KiB allocated per query, load average {LoadAverage()}");
            if (ms < bestMs)
            {
                (best, bestMs, bestBytes) = (profile, ms, allocated);
                bestGc = [GC.CollectionCount(0) - gc[0], GC.CollectionCount(1) - gc[1], GC.CollectionCount(2) - gc[2]];
            }
        }
        output.WriteLine($"  engine {size:N0}, {queries.Count} speed queries, one thread, fastest of 3 rounds: {bestMs:F3} ms per query, "
            + $"{bestBytes / 1024:F0} KiB allocated per query, GCs gen0/1/2 {string.Join('/', bestGc)}; per query {best!.Postings / (double)best.Queries:F0} postings, "
            + $"{best.Candidates / (double)best.Queries:F0} candidates");
        var total = best!.Ticks.Sum();
        foreach (var stage in Enum.GetValues<Kexie.Matching.Indexing.SearchStage>())
        {
            var ticks = best.Ticks[(int)stage];
            output.WriteLine($"    {stage,-13} {ticks * 1000.0 / Stopwatch.Frequency / best.Queries,8:F3} ms  {100.0 * ticks / total,5:F1} %  {best.Bytes[(int)stage] / 1024.0 / best.Queries,6:F1} KiB");
        }
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency / best.Queries;
        output.WriteLine($"    text pass: postings {Ms(best.PostingTicks):F3} ms, gathering the hits {Ms(best.GatherTicks):F3} ms, heap {Ms(best.HeapTicks):F3} ms, "
            + $"taking the best out in order {Ms(best.ListTicks):F3} ms; {best.Hits / (double)best.Queries:F0} hits per query");
        GC.KeepAlive(index);
    }

    /// <summary>Where the build time goes, single-threaded: segmentation alone, the whole analysis, the whole build.</summary>
    public void ProfileBuild(int size)
    {
        CompareSegmenters();
        var docs = Variants(size).ToList();
        var chars = docs.Sum(d => (long)(d.Title?.Length ?? 0) + d.Body!.Length + d.Keywords.Sum(k => k.Length));
        var sw = Stopwatch.StartNew();
        long words = 0;
        foreach (var d in docs)
        {
            words += analyzer.Segment(d.Title).Count + analyzer.Segment(d.Body).Count;
            foreach (var k in d.Keywords)
            {
                words += analyzer.Segment(k).Count;
            }
        }
        var segment = sw.Elapsed.TotalSeconds;
        sw.Restart();
        var index = new MatchIndex(analyzer, QualityBench.BenchOptions());
        long terms = 0;
        foreach (var d in docs)
        {
            terms += index.AnalyzeDocument(d).Count;
        }
        var analyze = sw.Elapsed.TotalSeconds;
        sw.Restart();
        index.Rebuild(docs, degreeOfParallelism: 1);
        var build = sw.Elapsed.TotalSeconds;
        output.WriteLine($"  {size:N0} documents, {chars / (double)size:F0} characters each, one core:");
        output.WriteLine($"  segmentation only (JiebaSegmenterFast, HMM): {segment:F2} s ({size / segment:F0} docs/s, {chars / segment / 1e6:F2} M chars/s, {words:N0} words)");
        output.WriteLine($"  full analysis (segmentation + sub-words + domain terms + stop words + field counts): {analyze:F2} s ({size / analyze:F0} docs/s)");
        output.WriteLine($"  Rebuild with 1 thread (analysis + postings + forward index): {build:F2} s ({size / build:F0} docs/s)");
    }

    /// <summary>
    /// jieba.NET's <c>Cut(text, false, hmm: true)</c> against <see cref="JiebaSegmenterFast"/> on the
    /// normalised CSL abstracts, one thread, in the same run: after a warm-up pass, five rounds
    /// alternating the two, the fastest round of each counted (the machine is shared, so the load
    /// varies from round to round). Also counts the abstracts whose tokens differ (expected: none).
    /// </summary>
    private void CompareSegmenters()
    {
        var texts = records.Select(r => TextNormalizer.Normalize(r.Abstract)).ToList();
        var chars = texts.Sum(t => (long)t.Length);
        var sw = Stopwatch.StartNew();
        JiebaResources.EnsureConfigured();
        var jieba = new JiebaNet.Segmenter.JiebaSegmenter();
        _ = jieba.Cut("预热", false, true).Count();
        var jiebaLoad = sw.Elapsed.TotalSeconds;
        sw.Restart();
        var fast = new JiebaSegmenterFast(JiebaDictionary.Load(JiebaResources.Directory));
        var fastLoad = sw.Elapsed.TotalSeconds;
        var expected = texts.Select(t => jieba.Cut(t, false, true).ToList()).ToList(); // warm-up, and the oracle
        var differing = texts.Where((t, i) => !fast.Cut(t).SequenceEqual(expected[i], StringComparer.Ordinal)).Count();

        var jiebaSeconds = double.MaxValue;
        var fastSeconds = double.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            sw.Restart();
            foreach (var t in texts)
            {
                _ = jieba.Cut(t, false, true).Count();
            }
            jiebaSeconds = Math.Min(jiebaSeconds, sw.Elapsed.TotalSeconds);
            sw.Restart();
            foreach (var t in texts)
            {
                _ = fast.Cut(t).Count;
            }
            fastSeconds = Math.Min(fastSeconds, sw.Elapsed.TotalSeconds);
        }
        output.WriteLine($"  segmenters on {texts.Count:N0} normalised CSL abstracts ({chars:N0} characters), one thread, fastest of 5 alternating rounds, load average {LoadAverage()}:");
        output.WriteLine($"  jieba.NET 0.42.2 Cut(hmm): {jiebaSeconds:F3} s, {chars / jiebaSeconds / 1e6:F2} M chars/s (dictionary load {jiebaLoad:F2} s)");
        output.WriteLine($"  JiebaSegmenterFast Cut(hmm): {fastSeconds:F3} s, {chars / fastSeconds / 1e6:F2} M chars/s (dictionary load {fastLoad:F2} s); {jiebaSeconds / fastSeconds:F1}× faster; abstracts with different tokens: {differing}");
    }

    private (LuceneRetriever Lucene, double BuildSeconds, double ManagedMiB) BuildLucene(int size)
    {
        Collect();
        var before = GC.GetTotalMemory(true);
        var loadBefore = LoadAverage();
        var sw = Stopwatch.StartNew();
        var lucene = new LuceneRetriever("SmartCn", Variants(size).Select(d => $"{d.Title}\n{string.Join(' ', d.Keywords)}\n{d.Body}"), onDisk: true, ramBufferMb: 256);
        var build = sw.Elapsed.TotalSeconds;
        var after = GC.GetTotalMemory(true);
        output.WriteLine($"  lucene {size:N0}: built in {build:F1} s");
        output.WriteLine($"  load average after the build: {LoadAverage()}");
        Notes.Add($"lucene {size:N0}: built in {build:F1} s (load average {loadBefore} before, {LoadAverage()} after)");
        return (lucene, build, (after - before) / 1048576.0);
    }

    private (double P50, double P99, double Qps) Measure(List<CslRecord> queries, Func<CslRecord, int, int> run)
    {
        for (var i = 0; i < Math.Min(200, queries.Count); i++)
        {
            run(queries[i], i);
        }
        var latencies = new List<double>(queries.Count);
        for (var i = 0; i < queries.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            run(queries[i], i);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        latencies.Sort();
        var threads = Environment.ProcessorCount;
        var next = -1;
        var sw = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads).Select(_ => Task.Run(() =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < queries.Count)
            {
                run(queries[i], i);
            }
        })).ToArray();
        Task.WaitAll(workers);
        var qps = queries.Count / sw.Elapsed.TotalSeconds;
        return (Metrics.Percentile(latencies, 0.5), Metrics.Percentile(latencies, 0.99), qps);
    }

    /// <summary>
    /// Prints progress every 100,000 documents read (the build is streamed; large sizes take minutes)
    /// and samples the managed heap every 10,000 into <paramref name="peak"/>[0].
    /// </summary>
    private IEnumerable<MatchDocument> Progress(IEnumerable<MatchDocument> documents, Stopwatch sw, long[] peak)
    {
        var n = 0;
        foreach (var d in documents)
        {
            yield return d;
            if (++n % 10_000 == 0)
            {
                var managed = GC.GetTotalMemory(false);
                peak[0] = Math.Max(peak[0], managed);
                if (n % 100_000 == 0)
                {
                    output.WriteLine($"    {n:N0} documents read after {sw.Elapsed.TotalSeconds:F0} s, managed {managed / 1048576.0:F0} MiB, load average {LoadAverage()}");
                }
            }
        }
    }

    internal static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    /// <summary>The real records first, then variants, deterministic for a size.</summary>
    internal IEnumerable<MatchDocument> Variants(int size)
    {
        var random = new Random(size);
        var kinds = new[] { DocumentKind.Offer, DocumentKind.Offer, DocumentKind.Worker, DocumentKind.Expert, DocumentKind.Need };
        for (var i = 0; i < size; i++)
        {
            var a = records[i % records.Count];
            string title, body;
            IReadOnlyList<string> keywords;
            if (i < records.Count)
            {
                (title, body, keywords) = (a.Title, a.Abstract, a.Keywords);
            }
            else
            {
                var peers = byDiscipline[a.Discipline];
                var b = peers[random.Next(peers.Count)];
                var sa = Sentences(a.Abstract);
                var sb = Sentences(b.Abstract);
                var mixed = new List<string>(sa.Count + sb.Count);
                for (var k = 0; k < Math.Max(sa.Count, sb.Count); k++)
                {
                    if (k < sa.Count && random.Next(3) != 0)
                    {
                        mixed.Add(sa[k]);
                    }
                    if (k < sb.Count && random.Next(2) == 0)
                    {
                        mixed.Add(sb[k]);
                    }
                }
                title = random.Next(2) == 0 ? a.Title : b.Title;
                body = string.Concat(mixed);
                keywords = a.Keywords.Concat(b.Keywords).Where(_ => random.Next(2) == 0).Distinct().Take(6).ToList();
            }
            yield return new MatchDocument
            {
                Id = "v" + i.ToString(CultureInfo.InvariantCulture),
                Kind = kinds[i % kinds.Length],
                Title = title,
                Keywords = keywords,
                Body = body,
                DisciplineCodes = [codes[a.Discipline]],
                RegionCode = Regions[random.Next(Regions.Length)],
                Price = random.Next(1, 200) * 1000m,
                PublishedAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(random.Next(24 * 700)),
                TrackRecord = new TrackRecord(random.Next(0, 40), random.Next(2) == 0 ? null : 3 + random.NextDouble() * 2),
            };
        }
    }

    private static List<string> Sentences(string text)
    {
        var list = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '。' or '；' or ';' || (text[i] == '.' && (i + 1 == text.Length || !char.IsDigit(text[i + 1]))))
            {
                list.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }
        if (start < text.Length)
        {
            list.Add(text[start..]);
        }
        return list;
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
