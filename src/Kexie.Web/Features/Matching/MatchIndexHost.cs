using Kexie.Data;
using Kexie.Data.Matching;
using Kexie.Data.SharedData;
using Kexie.Matching;
using Kexie.Matching.Classification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Features.Matching;

/// <summary>What a node's index looks like now (GET /api/v1/matching/status).</summary>
/// <param name="DisciplinesReadAt">When the classifier's reading of the documents indexed before it was ready ended
/// (<see cref="MatchIndexHost.WhenDisciplinesReadAsync"/>); null while it runs or before the classifier is ready.</param>
public sealed record MatchIndexStatus(bool Ready, long Documents, long Version, long OutboxCursor, int PendingGaps, bool ClassifierReady, DateTimeOffset? BuiltAt, DateTimeOffset? LastPollAt, DateTimeOffset? DisciplinesReadAt);

/// <summary>
/// This node's match index (a singleton). On first use (the <see cref="MatchIndexService"/> starts it with the
/// host) it notes where the outbox ends, rebuilds the index from the database, and from then on
/// <see cref="PollOnceAsync"/> applies every outbox entry written by any node: the record's current state is read
/// again and upserted, or removed when it is no longer published/public. Applying an entry twice is harmless,
/// so the cursor may err towards re-reading.
/// <para>
/// Out-of-order commits: sequence numbers are taken at insert and a transaction holding a lower number may commit
/// after one holding a higher number (PostgreSQL). Numbers skipped over when the cursor advances are kept as gaps
/// and re-read on every poll until they show up or <see cref="MatchingOptions.GapTimeoutSeconds"/> passes (a
/// rolled-back transaction never fills its number).
/// </para>
/// </summary>
public sealed class MatchIndexHost(
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    IOptions<MatchingOptions> options,
    TimeProvider clock,
    ILogger<MatchIndexHost> logger)
{
    private const int BatchSize = 1000;
    private const int MaxTrackedGaps = 10_000;

    private readonly Lock startLock = new();
    private readonly SemaphoreSlim pollLock = new(1, 1);
    private readonly Dictionary<long, DateTimeOffset> gaps = [];
    private readonly DeferredDisciplinePredictor predictor = new();
    private Task? ready;
    private MatchIndex? index;
    private IReadOnlyDictionary<string, string> disciplineNames = new Dictionary<string, string>();
    private long cursor;
    private DateTimeOffset? builtAt;
    private DateTimeOffset? lastPollAt;
    private Task disciplinesRead = Task.CompletedTask;
    private DateTimeOffset? disciplinesReadAt;
    private volatile bool builtWithClassifier;

    /// <summary>The index; only after <see cref="WhenReadyAsync"/>.</summary>
    public MatchIndex Index => index ?? throw new InvalidOperationException("匹配索引尚未建立");

    /// <summary>GB/T 13745 code → name.</summary>
    public IReadOnlyDictionary<string, string> DisciplineNames => disciplineNames;

    /// <summary>The classifier, once trained (null before, or when there is no CSL data).</summary>
    public DisciplineClassifier? Classifier => predictor.Classifier;

    /// <summary>Completes when the index has been built from the database (starts the build if needed).</summary>
    public Task WhenReadyAsync(CancellationToken ct = default)
    {
        lock (startLock)
        {
            if (ready is null || ready.IsFaulted || ready.IsCanceled)
            {
                ready = Task.Run(() => BuildAsync(CancellationToken.None), CancellationToken.None);
            }

            return ready.WaitAsync(ct);
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the classifier; false when it is still training or unavailable.</summary>
    public async Task<bool> WhenClassifierReadyAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        await WhenReadyAsync(ct);
        if (!options.Value.TrainClassifier)
        {
            return false;
        }

        var training = MatchModels.ClassifierAsync(DataPath(), options.Value.ModelCacheDirectory);
        try
        {
            return await training.WaitAsync(timeout, ct) is { } classifier && Adopt(classifier);
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public MatchIndexStatus Status()
    {
        lock (gaps)
        {
            var current = index;
            return new MatchIndexStatus(current is not null, current?.Count ?? 0, current?.Version ?? 0, cursor, gaps.Count, predictor.Classifier is not null, builtAt, lastPollAt, disciplinesReadAt);
        }
    }

    /// <summary>
    /// Reads the outbox after this node's cursor (and the open gaps) and applies it to the index. The background
    /// service calls it every <see cref="MatchingOptions.PollSeconds"/>; tests and the 一单一策 candidate source
    /// call it to catch up deterministically. Returns the number of entries applied.
    /// </summary>
    public async Task<int> PollOnceAsync(CancellationToken ct = default)
    {
        await WhenReadyAsync(ct);
        await pollLock.WaitAsync(ct);
        try
        {
            var applied = 0;
            while (true)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
                List<long> open;
                lock (gaps)
                {
                    open = [.. gaps.Keys];
                }

                var from = cursor;
                var entries = await db.MatchOutbox.AsNoTracking()
                    .Where(e => e.Sequence > from || open.Contains(e.Sequence))
                    .OrderBy(e => e.Sequence)
                    .Take(BatchSize)
                    .ToListAsync(ct);
                await ApplyAsync(db, entries, ct);
                Advance(entries);
                applied += entries.Count;
                if (entries.Count < BatchSize)
                {
                    break;
                }
            }

            lastPollAt = clock.GetUtcNow();
            return applied;
        }
        finally
        {
            pollLock.Release();
        }
    }

    /// <summary>Deletes outbox entries older than the retention (never the newest one, so SQLite never reuses a number).</summary>
    public async Task<int> PruneAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
        var cutoff = clock.GetUtcNow().AddDays(-Math.Max(1, options.Value.OutboxRetentionDays));
        var newest = await db.MatchOutbox.MaxAsync(e => (long?)e.Sequence, ct) ?? 0;
        return await db.MatchOutbox.Where(e => e.At < cutoff && e.Sequence < newest).ExecuteDeleteAsync(ct);
    }

    private async Task BuildAsync(CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var dataPath = DataPath();
        var analyzer = MatchModels.Analyzer(dataPath);
        if (options.Value.TrainClassifier)
        {
            _ = MatchModels.ClassifierAsync(dataPath, options.Value.ModelCacheDirectory).ContinueWith(
                t =>
                {
                    if (t.IsCompletedSuccessfully && t.Result is { } classifier)
                    {
                        Adopt(classifier);
                        logger.LogInformation("学科分类模型已就绪（{Labels} 个学科，{Features} 个特征）", classifier.Labels.Count, classifier.FeatureCount);
                    }
                    else if (t.Exception is { } e)
                    {
                        logger.LogError(e, "学科分类模型训练失败，匹配不使用学科推测");
                    }
                },
                TaskScheduler.Default);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
        disciplineNames = await db.Disciplines.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Name, StringComparer.Ordinal, ct);
        var industryNames = await db.Industries.AsNoTracking().ToDictionaryAsync(i => i.Code, i => i.Name, StringComparer.Ordinal, ct);
        // Explanations name codes (作物学, 谷物种植), never show them.
        // The platform's own place names never count as matched terms (a need of 大英县 and an offer of 大英县 share no subject).
        var built = new MatchIndex(analyzer, new MatchOptions
        {
            DisciplineNames = disciplineNames,
            IndustryNames = industryNames,
            IgnoredTerms = MatchModels.PlaceNames(dataPath),
        }, predictor);

        // Note where the outbox ends BEFORE reading the tables: whatever commits meanwhile is read again by the
        // first poll (harmless). Numbers missing among the recent entries may belong to transactions still open.
        var since = clock.GetUtcNow().AddSeconds(-options.Value.GapTimeoutSeconds);
        var recent = await db.MatchOutbox.AsNoTracking().Where(e => e.At >= since).Select(e => e.Sequence).OrderBy(s => s).ToListAsync(ct);
        var newest = await db.MatchOutbox.MaxAsync(e => (long?)e.Sequence, ct) ?? 0;
        lock (gaps)
        {
            gaps.Clear();
            cursor = recent.Count > 0 ? recent[0] - 1 : newest;
        }

        Advance(recent.Select(s => new MatchOutboxEntry { Sequence = s }).ToList());
        // A classifier adopted before the documents are analysed predicts the fields of those without codes during the
        // build itself; the reading of those that state codes (GivenDocumentReadDiscipline, one classifier call each: about
        // 15 s for the province's 770,000 documents on two cores) waits until the index serves (ReadDisciplinesAsync).
        builtWithClassifier = predictor.Classifier is not null;
        built.Rebuild(await MatchDocuments.LoadAllAsync(db, disciplineNames, ct), readStatedDisciplines: false);
        index = built;
        builtAt = clock.GetUtcNow();
        logger.LogInformation("匹配索引已从数据库建立：{Count} 条，用时 {Elapsed} ms", built.Count, clock.GetElapsedTime(started).TotalMilliseconds);
    }

    private bool Adopt(DisciplineClassifier classifier)
    {
        lock (predictor)
        {
            if (predictor.Classifier is null)
            {
                predictor.Set(classifier);
                disciplinesRead = Task.Run(() => ReadDisciplinesAsync(CancellationToken.None));
            }
        }

        return true;
    }

    /// <summary>Completes once the documents indexed before the classifier was ready have been read by it and indexed
    /// again (see <see cref="ReadDisciplinesAsync"/>); at once when no classifier has been adopted.</summary>
    public Task WhenDisciplinesReadAsync(CancellationToken ct = default) => disciplinesRead.WaitAsync(ct);

    /// <summary>For tests: called after each batch of <see cref="ReadDisciplinesAsync"/>, with the poll lock released,
    /// with the number of batches done.</summary>
    internal Func<int, Task>? AfterDisciplineReadBatch { get; set; }

    /// <summary>
    /// The classifier's reading of the documents indexed before it was there. Documents that give no discipline get
    /// one predicted from their text when they are indexed (<see cref="MatchOptions.PredictDocumentDisciplines"/>), and
    /// those that give one are read too (<see cref="MatchOptions.GivenDocumentReadDiscipline"/>). Those indexed before
    /// the classifier was ready got neither: read them again and replace them. When the classifier (e.g. loaded from its
    /// cache) was there before the build analysed the documents, the build predicted the fields of those without codes
    /// and left the reading of the coded ones to this, after the index is ready, so a start-up serves first.
    /// <para>
    /// In batches of <see cref="MatchingOptions.DisciplineReadBatch"/> records (keyset by table and key,
    /// <see cref="MatchDocuments.LoadPageAsync"/>), so that only one batch's records and their new copies are held
    /// besides the index (reading all at once held the whole list, its analysed copies and the old ones together:
    /// +700 MiB on the province). Each batch takes the poll lock and reads its rows only then: whatever an outbox entry
    /// applied before (under the same lock) was read from the database earlier than the batch's rows, so the batch
    /// writes the same or newer data; a write that commits after the batch read its rows has an outbox entry that a
    /// later poll applies, after the batch, again with newer data. Index writes of polls and batches thus happen in
    /// the order of their reads, and the last one of every document is its latest state: nothing applied meanwhile is
    /// undone. When all batches are through, every document was indexed with the classifier, as a full build with it
    /// would have (the replaced copies count in the text statistics until their segments merge).
    /// </para>
    /// </summary>
    private async Task ReadDisciplinesAsync(CancellationToken ct)
    {
        try
        {
            await WhenReadyAsync(ct);
            var readStated = Index.Options.GivenDocumentReadDiscipline;
            if (builtWithClassifier && !readStated)
            {
                MarkDisciplinesRead();
                return;
            }

            var started = clock.GetTimestamp();
            var size = Math.Max(1, options.Value.DisciplineReadBatch);
            MatchDocumentPosition? position = MatchDocumentPosition.Start;
            long read = 0;
            var batches = 0;
            while (position is not null)
            {
                await pollLock.WaitAsync(ct);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
                    var (page, next) = await MatchDocuments.LoadPageAsync(db, disciplineNames, position, size, ct);
                    var again = page.Where(d => d.DisciplineCodes.Count > 0 ? readStated : !builtWithClassifier).ToList();
                    Index.UpsertMany(again);
                    read += again.Count;
                    position = next;
                }
                finally
                {
                    pollLock.Release();
                }

                batches++;
                if (AfterDisciplineReadBatch is { } after)
                {
                    await after(batches);
                }
            }

            MarkDisciplinesRead();
            logger.LogInformation("学科分类模型就绪后，重新读取了 {Count} 条文档的学科（{Batches} 批，用时 {Elapsed} ms）", read, batches, clock.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "学科分类模型就绪后重新读取文档的学科失败");
        }
    }

    private void MarkDisciplinesRead()
    {
        lock (gaps)
        {
            disciplinesReadAt = clock.GetUtcNow();
        }
    }

    private string DataPath() => SharedDataPath.Resolve(configuration["SharedData:Path"]);

    /// <summary>Moves the cursor past <paramref name="entries"/> (sorted), remembering skipped numbers as gaps.</summary>
    private void Advance(IReadOnlyList<MatchOutboxEntry> entries)
    {
        var now = clock.GetUtcNow();
        lock (gaps)
        {
            foreach (var e in entries)
            {
                gaps.Remove(e.Sequence);
                if (e.Sequence <= cursor)
                {
                    continue;
                }

                for (var missing = cursor + 1; missing < e.Sequence && gaps.Count < MaxTrackedGaps; missing++)
                {
                    gaps[missing] = now;
                }

                cursor = e.Sequence;
            }

            var timeout = TimeSpan.FromSeconds(options.Value.GapTimeoutSeconds);
            foreach (var stale in gaps.Where(g => now - g.Value > timeout).Select(g => g.Key).ToList())
            {
                gaps.Remove(stale);
            }
        }
    }

    /// <summary>Re-reads the records named by <paramref name="entries"/> and upserts or removes their documents.</summary>
    private async Task ApplyAsync(KexieDbContext db, IReadOnlyList<MatchOutboxEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var current = Index;
        var offerIds = entries.Where(e => e.Kind == MatchEntityKind.Offer).Select(e => e.EntityId).ToHashSet();
        var needIds = entries.Where(e => e.Kind == MatchEntityKind.Need).Select(e => e.EntityId).ToHashSet();
        var workerIds = entries.Where(e => e.Kind == MatchEntityKind.ScienceWorker).Select(e => e.EntityId).ToHashSet();
        var upserts = new List<MatchDocument>();
        var removals = new List<string>();

        // Experts: those changed, and those of changed workers (name, employer, codes, region, track record). A deleted
        // worker takes its entry with it (cascade), so its expert document goes too.
        var expertIds = entries.Where(e => e.Kind == MatchEntityKind.Expert).Select(e => e.EntityId).ToHashSet();
        var experts = await db.Experts.AsNoTracking().Where(e => expertIds.Contains(e.Id) || workerIds.Contains(e.WorkerId)).ToListAsync(ct);
        var readWorkerIds = workerIds.Concat(experts.Select(e => e.WorkerId)).ToHashSet();
        var readWorkers = await db.ScienceWorkers.AsNoTracking().Where(w => readWorkerIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        var workers = readWorkers.Values.Where(w => workerIds.Contains(w.Id)).ToList();
        var offers = await db.Offers.AsNoTracking()
            .Where(o => offerIds.Contains(o.Id) || (workerIds.Contains(o.ProviderWorkerId) && o.Status == Kexie.Domain.Market.ReviewStatus.Published))
            .ToListAsync(ct);
        var providers = readWorkers.Keys.Concat(offers.Select(o => o.ProviderWorkerId)).ToHashSet();
        var records = await MatchDocuments.TrackRecordsAsync(db, providers, ct);
        foreach (var w in workers)
        {
            if (MatchDocuments.IsMatchable(w))
            {
                upserts.Add(MatchDocuments.ForWorker(w, disciplineNames, records.GetValueOrDefault(w.Id)));
            }
            else
            {
                removals.Add(MatchIds.Worker(w.Id));
            }
        }

        removals.AddRange(workerIds.Except(workers.Select(w => w.Id)).Select(MatchIds.Worker));
        foreach (var o in offers)
        {
            if (MatchDocuments.IsMatchable(o))
            {
                upserts.Add(MatchDocuments.ForOffer(o, records.GetValueOrDefault(o.ProviderWorkerId)));
            }
            else
            {
                removals.Add(MatchIds.Offer(o.Id));
            }
        }

        removals.AddRange(offerIds.Except(offers.Select(o => o.Id)).Select(MatchIds.Offer));
        var needs = await db.Needs.AsNoTracking().Where(n => needIds.Contains(n.Id)).ToListAsync(ct);
        var needIndustries = await MatchDocuments.OrganizationIndustriesAsync(db, needs.Select(n => n.OrganizationId).ToHashSet(), ct);
        foreach (var n in needs)
        {
            if (MatchDocuments.IsMatchable(n))
            {
                upserts.Add(MatchDocuments.ForNeed(n, needIndustries.GetValueOrDefault(n.OrganizationId)));
            }
            else
            {
                removals.Add(MatchIds.Need(n.Id));
            }
        }

        removals.AddRange(needIds.Except(needs.Select(n => n.Id)).Select(MatchIds.Need));

        var expertWorkerIds = experts.Select(e => e.WorkerId).ToHashSet();
        foreach (var e in experts)
        {
            if (readWorkers.TryGetValue(e.WorkerId, out var w) && MatchDocuments.IsMatchable(e, w))
            {
                upserts.Add(MatchDocuments.ForExpert(e, w, disciplineNames, records.GetValueOrDefault(w.Id)));
            }
            else
            {
                removals.Add(MatchIds.Expert(e.WorkerId));
            }
        }

        removals.AddRange(workerIds.Except(expertWorkerIds).Select(MatchIds.Expert));
        current.UpsertMany(upserts);
        foreach (var id in removals)
        {
            current.Remove(id);
        }
    }
}

/// <summary>Builds the index when the node starts, then polls the match outbox every few seconds and prunes it hourly.</summary>
public sealed class MatchIndexService(MatchIndexHost host, IOptions<MatchingOptions> options, ILogger<MatchIndexService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await host.WhenReadyAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "匹配索引建立失败，将在下次查询或轮询时重试");
        }

        var seconds = options.Value.PollSeconds;
        if (seconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        var nextPrune = DateTimeOffset.UtcNow.AddMinutes(5);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await host.PollOnceAsync(stoppingToken);
                if (DateTimeOffset.UtcNow >= nextPrune)
                {
                    nextPrune = DateTimeOffset.UtcNow.AddHours(1);
                    await host.PruneAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "匹配变更轮询失败，下次继续");
            }
        }
    }
}
