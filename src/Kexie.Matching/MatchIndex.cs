using Kexie.Matching.Analysis;
using Kexie.Matching.Indexing;

namespace Kexie.Matching;

/// <summary>Size figures of an index.</summary>
/// <param name="Documents">Live documents.</param>
/// <param name="DeletedNotMerged">Deleted or replaced documents still held in segments.</param>
/// <param name="Segments">Immutable segments.</param>
/// <param name="Terms">Distinct terms summed over segments.</param>
/// <param name="PostingBytes">Bytes of compressed postings.</param>
/// <param name="Version">Incremented by every write.</param>
public sealed record IndexStatistics(long Documents, long DeletedNotMerged, int Segments, long Terms, long PostingBytes, long Version);

/// <summary>
/// The in-memory match index over offers, workers, experts and needs.
/// </summary>
/// <remarks>
/// Concurrency: the index is a chain of immutable snapshots (segments + deletions). A query reads
/// the current snapshot once and needs no lock; writes (<see cref="Upsert"/>, <see cref="UpsertMany"/>,
/// <see cref="Remove"/>, <see cref="Rebuild"/>) are serialised by one lock, build a new snapshot
/// and publish it atomically, so the next query sees them. Any number of concurrent readers and
/// writers is safe; writers simply queue.
/// </remarks>
public sealed class MatchIndex
{
    private const int SmallSegment = 8192;
    private const int MaxSmallSegments = 12;

    private readonly Lock writeLock = new();
    private readonly Dictionary<string, (Segment Segment, int Doc)> locations = new(StringComparer.Ordinal);
    private volatile IndexSnapshot current = IndexSnapshot.Empty;
    private long version;

    /// <summary>Creates an empty index.</summary>
    /// <param name="analyzer">Text analysis (default: <see cref="ChineseAnalyzer.Default"/>).</param>
    /// <param name="options">Ranking weights (default: <see cref="MatchOptions"/> defaults).</param>
    /// <param name="disciplinePredictor">Predicts discipline codes for queries without codes, e.g. a trained <see cref="Classification.DisciplineClassifier"/>.</param>
    public MatchIndex(ChineseAnalyzer? analyzer = null, MatchOptions? options = null, IDisciplinePredictor? disciplinePredictor = null)
    {
        Analyzer = analyzer ?? ChineseAnalyzer.Default;
        Options = options ?? new MatchOptions();
        DisciplinePredictor = disciplinePredictor;
    }

    /// <summary>The analyzer used for documents and queries.</summary>
    public ChineseAnalyzer Analyzer { get; }

    /// <summary>The ranking options.</summary>
    public MatchOptions Options { get; }

    /// <summary>The discipline predictor, if any.</summary>
    public IDisciplinePredictor? DisciplinePredictor { get; }

    /// <summary>Number of live documents.</summary>
    public long Count => current.LiveCount;

    /// <summary>Incremented by every write; a query sees the state of one version.</summary>
    public long Version => current.Version;

    /// <summary>Documents per segment when building in bulk.</summary>
    internal int BulkSegmentSize { get; init; } = 1 << 16;

    /// <summary>
    /// From this many documents (in more than one segment) a query scores its segments on all cores
    /// (lower latency; the result is the same as on one core).
    /// </summary>
    internal long ParallelQueryDocuments { get; init; } = 250_000;

    /// <summary>
    /// The text pass as before issue 16's match18 (<c>PriorityQueue</c>, every posting scored): the same results, kept as
    /// the reference of the tests and of <c>bench/Kexie.Bench.NeedMatches</c>.
    /// </summary>
    internal bool LegacyTextPass { get; set; }

    /// <summary>
    /// The text pass's floor with match18's term bounds (a term's weight, whatever the segment) instead of match20's per
    /// segment and term: the same results, kept for <c>bench/Kexie.Bench.NeedMatches</c>'s comparison of the counts.
    /// </summary>
    internal bool WeightBounds { get; set; }

    /// <summary>Documents analysed together by one thread when building a segment.</summary>
    private const int AnalysisChunk = 256;

    /// <summary>Analysed chunks per thread that may wait for the postings writer.</summary>
    private const int ChunksAhead = 4;

    /// <summary>True when a document with <paramref name="id"/> is in the index.</summary>
    public bool Contains(string id)
    {
        lock (writeLock)
        {
            return locations.ContainsKey(id);
        }
    }

    /// <summary>Adds <paramref name="document"/>, replacing any document with the same id.</summary>
    public void Upsert(MatchDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var analyzed = new DocumentAnalyzer(Analyzer, DisciplinePredictor, Options).AnalyzeBatch([document], 0, 1);
        lock (writeLock)
        {
            var builder = new SegmentBuilder();
            builder.Add(analyzed);
            Publish(builder.Build(), [document.Id]);
        }
    }

    /// <summary>Adds or replaces many documents at once (analysed in parallel; one write).</summary>
    public void UpsertMany(IEnumerable<MatchDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var latest = new Dictionary<string, MatchDocument>(StringComparer.Ordinal);
        foreach (var d in documents)
        {
            ArgumentNullException.ThrowIfNull(d);
            latest[d.Id] = d;
        }
        if (latest.Count == 0)
        {
            return;
        }
        var segment = BuildSegment([.. latest.Values]);
        lock (writeLock)
        {
            Publish(segment, latest.Keys);
        }
    }

    /// <summary>Removes the document with <paramref name="id"/>; false when there was none.</summary>
    public bool Remove(string id)
    {
        lock (writeLock)
        {
            if (!locations.Remove(id, out var location))
            {
                return false;
            }
            var views = current.Views.ToArray();
            var i = Array.FindIndex(views, v => ReferenceEquals(v.Segment, location.Segment));
            views[i] = views[i].WithDeleted(location.Doc);
            current = new IndexSnapshot(MaybeMerge(views), ++version);
            return true;
        }
    }

    /// <summary>
    /// Replaces the whole content with <paramref name="documents"/> (e.g. at start-up, from the
    /// database). The sequence is read once, in batches, and analysed on all cores; queries keep
    /// answering from the previous content until the new one is published.
    /// <paramref name="readStatedDisciplines"/> false leaves the reading of documents that state their codes
    /// (<see cref="MatchOptions.GivenDocumentReadDiscipline"/>: one classifier call per such document) to a later
    /// <see cref="UpsertMany"/> of them, so a start-up can serve first; until then they count by their stated codes only.
    /// </summary>
    public void Rebuild(IEnumerable<MatchDocument> documents, int? degreeOfParallelism = null, bool readStatedDisciplines = true)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var parallelism = Math.Max(1, degreeOfParallelism ?? Environment.ProcessorCount);
        var options = readStatedDisciplines ? Options : Options with { GivenDocumentReadDiscipline = false };
        var pending = new Queue<Task<Segment>>();
        var segments = new List<Segment>();
        var batch = new List<MatchDocument>(BulkSegmentSize);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = new HashSet<string>(StringComparer.Ordinal);

        void Flush()
        {
            if (batch.Count == 0)
            {
                return;
            }
            var work = batch.ToArray();
            batch.Clear();
            // One batch is analysed on all cores while the caller's sequence produces the next.
            if (pending.Count >= 1)
            {
                segments.Add(pending.Dequeue().GetAwaiter().GetResult());
            }
            pending.Enqueue(Task.Run(() => BuildSegment(work, parallel: parallelism > 1, parallelism, options)));
        }

        foreach (var document in documents)
        {
            ArgumentNullException.ThrowIfNull(document);
            if (!seen.Add(document.Id))
            {
                duplicates.Add(document.Id);
            }
            batch.Add(document);
            if (batch.Count >= BulkSegmentSize)
            {
                Flush();
            }
        }
        Flush();
        while (pending.Count > 0)
        {
            segments.Add(pending.Dequeue().GetAwaiter().GetResult());
        }

        // Later duplicates win: delete earlier copies.
        var views = segments.Select(s => new SegmentView(s, null, 0)).ToArray();
        var map = new Dictionary<string, (Segment, int)>(seen.Count, StringComparer.Ordinal);
        for (var v = 0; v < views.Length; v++)
        {
            var segment = views[v].Segment;
            for (var d = 0; d < segment.Count; d++)
            {
                var id = segment.Documents[d].Id;
                if (duplicates.Count > 0 && map.TryGetValue(id, out var previous))
                {
                    var pv = Array.FindIndex(views, x => ReferenceEquals(x.Segment, previous.Item1));
                    views[pv] = views[pv].WithDeleted(previous.Item2);
                }
                map[id] = (segment, d);
            }
        }
        lock (writeLock)
        {
            locations.Clear();
            foreach (var (id, location) in map)
            {
                locations[id] = location;
            }
            current = new IndexSnapshot(views, ++version);
        }
    }

    /// <summary>Runs <paramref name="query"/>; never throws for odd input (empty, huge, emoji …), returns an empty list instead.</summary>
    public IReadOnlyList<MatchResult> Search(MatchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new Searcher(current, Options, Analyzer, DisciplinePredictor, ParallelQueryDocuments, LegacyTextPass, WeightBounds).Search(query, flagDuplicates: false);
    }

    /// <summary>Need → offers, workers and experts that could serve it (一单一策 candidates).</summary>
    public IReadOnlyList<MatchResult> FindProvidersForNeed(MatchDocument need, int top = 20) =>
        Search(MatchQuery.From(need, [DocumentKind.Offer, DocumentKind.Worker, DocumentKind.Expert], top));

    /// <summary>Offer, worker or expert → needs they could serve (你可以承接的需求). The provider's price is compared with the needs' budgets.</summary>
    public IReadOnlyList<MatchResult> FindNeedsForProvider(MatchDocument provider, int top = 20)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var query = MatchQuery.From(provider, [DocumentKind.Need], top) with { Budget = null, OfferedPrice = provider.Price };
        return Search(query);
    }

    /// <summary>Need → similar needs already published (duplicate warning: <see cref="MatchResult.LikelyDuplicate"/>).</summary>
    public IReadOnlyList<MatchResult> FindSimilarNeeds(MatchDocument need, int top = 10)
    {
        ArgumentNullException.ThrowIfNull(need);
        var query = MatchQuery.From(need, [DocumentKind.Need], top) with { Budget = null, PredictDisciplines = false };
        return new Searcher(current, Options, Analyzer, DisciplinePredictor, ParallelQueryDocuments, LegacyTextPass, WeightBounds).Search(query, flagDuplicates: true);
    }

    /// <summary>Current size figures.</summary>
    public IndexStatistics GetStatistics()
    {
        var snapshot = current;
        long terms = 0, bytes = 0, deleted = 0;
        foreach (var view in snapshot.Views)
        {
            terms += view.Segment.Terms.Count;
            bytes += view.Segment.PostingBytes;
            deleted += view.DeletedCount;
        }
        return new IndexStatistics(snapshot.LiveCount, deleted, snapshot.Views.Length, terms, bytes, snapshot.Version);
    }

    /// <summary>The analysed terms of <paramref name="document"/> with their field frequencies (for tests and tools).</summary>
    public IReadOnlyDictionary<string, (int Title, int Keywords, int Body)> AnalyzeDocument(MatchDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var analysis = new DocumentAnalyzer(Analyzer);
        analysis.Analyze(document);
        var terms = new Dictionary<string, (int Title, int Keywords, int Body)>(analysis.Count, StringComparer.Ordinal);
        for (var i = 0; i < analysis.Count; i++)
        {
            terms.Add(analysis.Term(i), analysis.Frequencies(i));
        }
        return terms;
    }

    /// <summary>
    /// Analyses <paramref name="documents"/> in chunks of <see cref="AnalysisChunk"/> on
    /// <paramref name="parallelism"/> threads while the calling thread adds the finished chunks,
    /// in document order, to the segment's postings (so term order and postings do not depend on
    /// the thread timing). At most <see cref="ChunksAhead"/> chunks per thread wait to be added, and
    /// their buffers are reused, so memory stays flat whatever the batch size.
    /// </summary>
    private Segment BuildSegment(MatchDocument[] documents, bool parallel = true, int? parallelism = null, MatchOptions? options = null)
    {
        options ??= Options;
        var builder = new SegmentBuilder();
        var threads = Math.Max(1, parallelism ?? Environment.ProcessorCount);
        if (!parallel || threads == 1 || documents.Length <= 2 * AnalysisChunk)
        {
            var analysis = new DocumentAnalyzer(Analyzer, DisciplinePredictor, options);
            var batch = new AnalyzedBatch(Math.Min(AnalysisChunk, documents.Length));
            for (var start = 0; start < documents.Length; start += AnalysisChunk)
            {
                analysis.AnalyzeInto(batch, documents, start, Math.Min(AnalysisChunk, documents.Length - start));
                builder.Add(batch);
            }
            return builder.Build();
        }

        var chunks = (documents.Length + AnalysisChunk - 1) / AnalysisChunk;
        var ready = new TaskCompletionSource<AnalyzedBatch>[chunks];
        for (var c = 0; c < chunks; c++)
        {
            ready[c] = new TaskCompletionSource<AnalyzedBatch>();
        }
        var free = new System.Collections.Concurrent.ConcurrentBag<AnalyzedBatch>();
        using var window = new SemaphoreSlim(threads * ChunksAhead);
        var next = -1;
        var stop = 0;
        void Work()
        {
            var analysis = new DocumentAnalyzer(Analyzer, DisciplinePredictor, options);
            while (true)
            {
                window.Wait();
                int c;
                if (Volatile.Read(ref stop) != 0 || (c = Interlocked.Increment(ref next)) >= chunks)
                {
                    window.Release();
                    return;
                }
                try
                {
                    var start = c * AnalysisChunk;
                    var batch = free.TryTake(out var reused) ? reused : new AnalyzedBatch(AnalysisChunk);
                    analysis.AnalyzeInto(batch, documents, start, Math.Min(AnalysisChunk, documents.Length - start));
                    ready[c].SetResult(batch);
                }
                catch (Exception e)
                {
                    ready[c].SetException(e);
                }
            }
        }
        // Dedicated threads: the caller may itself run on the thread pool and blocks on the chunks.
        var workers = new Task[threads];
        for (var w = 0; w < threads; w++)
        {
            workers[w] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        try
        {
            for (var c = 0; c < chunks; c++)
            {
                var batch = ready[c].Task.GetAwaiter().GetResult();
                builder.Add(batch);
                ready[c] = null!;
                free.Add(batch);
                window.Release();
            }
        }
        finally
        {
            Volatile.Write(ref stop, 1);
            // Wake workers waiting for the window so that they see the stop.
            window.Release(threads);
            Task.WaitAll(workers);
        }
        return builder.Build();
    }

    /// <summary>Adds <paramref name="segment"/>, deleting older versions of <paramref name="ids"/>. Caller holds the lock.</summary>
    private void Publish(Segment segment, IEnumerable<string> ids)
    {
        var views = new List<SegmentView>(current.Views);
        foreach (var id in ids)
        {
            if (locations.TryGetValue(id, out var old))
            {
                var i = views.FindIndex(v => ReferenceEquals(v.Segment, old.Segment));
                views[i] = views[i].WithDeleted(old.Doc);
            }
        }
        views.Add(new SegmentView(segment, null, 0));
        for (var d = 0; d < segment.Count; d++)
        {
            locations[segment.Documents[d].Id] = (segment, d);
        }
        current = new IndexSnapshot(MaybeMerge([.. views]), ++version);
    }

    /// <summary>Merges small segments and compacts segments that are mostly deleted. Caller holds the lock.</summary>
    private SegmentView[] MaybeMerge(SegmentView[] views)
    {
        var small = views.Where(v => v.Segment.Count < SmallSegment).ToList();
        var sparse = views.Where(v => v.Segment.Count >= SmallSegment && v.DeletedCount * 2 > v.Segment.Count).ToList();
        var toMerge = new List<SegmentView>();
        if (small.Count >= MaxSmallSegments)
        {
            toMerge.AddRange(small);
        }
        toMerge.AddRange(sparse);
        if (toMerge.Count == 0)
        {
            return views;
        }
        var merged = SegmentBuilder.Merge(toMerge);
        for (var d = 0; d < merged.Count; d++)
        {
            locations[merged.Documents[d].Id] = (merged, d);
        }
        var keep = views.Where(v => !toMerge.Contains(v)).ToList();
        if (merged.Count > 0)
        {
            keep.Add(new SegmentView(merged, null, 0));
        }
        return [.. keep];
    }
}
