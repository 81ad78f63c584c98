using System.Globalization;
using System.Linq.Expressions;
using Kexie.Domain.Indicators;
using Kexie.Domain.Market;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace Kexie.Data.Indicators;

public sealed record RefreshResult(bool Full, int SourcesRederived, long FactsWritten, int MonthsRebuilt);

/// <summary>The rollups' version a reader read at: the last refresh's time (0.1 ms) and this node's refresh count.</summary>
public readonly record struct RollupVersion(long Stamp, long Generation);

/// <summary>
/// A reader's version of the rollups (<see cref="IndicatorRefresher.RollupVersionAsync(DateTimeOffset, TimeSpan, CancellationToken)"/>):
/// what is read at <paramref name="Version"/> holds every record change up to <paramref name="AsOf"/>; <paramref name="Deferred"/>:
/// changes after it were pending and not applied.
/// </summary>
public sealed record RollupReading(RollupVersion Version, DateTimeOffset AsOf, bool Deferred);

/// <summary>
/// Keeps facts and rollups in step with the records. Incremental: re-derives the records queued in the outbox
/// (written by SaveChanges) and the records the calendar moved since the last refresh (<see cref="DueByTheCalendarAsync"/>:
/// response plans whose deadline passed; when a year began, the associations due a 年检, of which only the new years' facts are
/// appended unless a write queued them too), replaces the facts of those whose derived facts differ from the stored ones (a record
/// derived again with the same facts keeps its rows: <see cref="ReplaceChangedAsync"/>), then moves the rollup rows by what the removed and appended facts contribute
/// (<see cref="RollupDelta"/>; cells rebuilt from the facts only when a fact counts less than 1). Full (first run, or on demand): re-derives every record. Synthetic facts
/// (demo, benchmark) are never touched by re-derivation. Runs are serialised (in-process gate, and a
/// PostgreSQL advisory lock across web nodes).
/// </summary>
public sealed class IndicatorRefresher(KexieDbContext db, TimeProvider clock, ILogger<IndicatorRefresher> logger)
{
    private const int BatchSize = 2000;

    // Up to this many distinct days and region codes, an incremental refresh rebuilds only the rollup cells it touched;
    // beyond, whole months (each statement's parameter lists stay well under the providers' limits).
    private const int MaxCellDays = 366;
    private const int MaxCellRegions = 500;
    private static readonly SemaphoreSlim Gate = new(1, 1);

    // The refreshes this node applied, in order (generation n is Applied[n - first]): a reader can tell that its kept
    // ranking is still the rollups' answer when every refresh since was this node's and touched only later days.
    private const int AppliedCapacity = 1024;
    private static readonly object AppliedLock = new();
    private static readonly List<AppliedRefresh> Applied = [];
    private static long generation;
    private static long firstGeneration = 1;

    // The earliest day key the running refresh rebuilt rollups for (0: everything), and the region codes of the cells it
    // rebuilt with the earliest day of each (null: whole months or everything).
    private int firstDayTouched;
    private Dictionary<string, int>? regionsTouched;

    public async Task<RefreshResult> RefreshAsync(bool full = false, CancellationToken ct = default)
    {
        // Dashboards and rankings refresh before they read; with nothing pending they need neither the gate nor the
        // database lock, so readers do not queue behind each other or behind a running refresh.
        if (!full && (await PendingAsync(ct)).Pending is false)
        {
            return new RefreshResult(false, 0, 0, 0);
        }

        return await RefreshNowAsync(full, ct);
    }

    /// <summary>
    /// Applies pending record changes (as <see cref="RefreshAsync"/>) and returns the version of the rollups a reader
    /// then reads: the last refresh's time (shared by all web nodes through the database) and this node's refresh
    /// count. Facts and rollups change only in a refresh (the province generator and the demo seeder write them before
    /// a node serves), so a ranking computed from the rollups may be kept under this version (see <see cref="Unchanged"/>).
    /// </summary>
    public async Task<RollupVersion> RollupVersionAsync(CancellationToken ct = default)
    {
        var (pending, last) = await PendingAsync(ct);
        if (pending)
        {
            await RefreshNowAsync(false, ct);
            last = await LastRefreshedAtAsync(ct);
        }

        return new RollupVersion(Stamp(last), Volatile.Read(ref generation));
    }

    /// <summary>
    /// The rollups' version a reader that accepts data up to <paramref name="maxStale"/> old reads at <paramref name="now"/>
    /// (issue 16: dashboards and rankings under writes). Nothing pending: the version as it is, true as of now. Changes
    /// pending and the last refresh no older than <paramref name="maxStale"/>: the version as it is, without applying them
    /// (<see cref="RollupReading.Deferred"/>: the caller has them applied in the background), true as of the last refresh.
    /// Otherwise (or with <paramref name="maxStale"/> zero) as <see cref="RollupVersionAsync(CancellationToken)"/>: applied
    /// first, true as of now.
    /// </summary>
    public async Task<RollupReading> RollupVersionAsync(DateTimeOffset now, TimeSpan maxStale, CancellationToken ct = default)
    {
        var (pending, last) = await PendingAsync(ct);
        if (pending && maxStale > TimeSpan.Zero && last is { } lastAt && lastAt >= now - maxStale)
        {
            return new RollupReading(new RollupVersion(Stamp(last), Volatile.Read(ref generation)), lastAt, true);
        }

        if (pending)
        {
            await RefreshNowAsync(false, ct);
            last = await LastRefreshedAtAsync(ct);
        }

        return new RollupReading(new RollupVersion(Stamp(last), Volatile.Read(ref generation)), now, false);
    }

    /// <summary>
    /// Whether the rollups of days up to <paramref name="lastDay"/> are the same at <paramref name="to"/> as at
    /// <paramref name="from"/>: <see cref="ChangesSince"/> found no change.
    /// </summary>
    public static bool Unchanged(RollupVersion from, RollupVersion to, DateOnly lastDay) => ChangesSince(from, to, lastDay) is { Count: 0 };

    /// <summary>
    /// The region codes (of facts, any level) whose rollups of days up to <paramref name="lastDay"/> changed between
    /// <paramref name="from"/> and <paramref name="to"/>: empty when the version is the same, or when only refreshes of
    /// this node came in between (their times chain from one to the other, so no other node's refresh slipped in) and
    /// each rebuilt rollups of later days only (a write today does not change last year's ranking); the codes those
    /// refreshes rebuilt on or before <paramref name="lastDay"/> when they are known (an incremental refresh of a few
    /// records); null when unknown (another node's refresh, a full refresh, a whole-month rebuild, a version older
    /// than this node's record): the reader reads everything again. Rollup rows are whole days, months and years, as
    /// are periods, so a row of a later day is never part of a period ending on or before <paramref name="lastDay"/>.
    /// </summary>
    public static IReadOnlyCollection<string>? ChangesSince(RollupVersion from, RollupVersion to, DateOnly lastDay)
    {
        if (from == to)
        {
            return [];
        }

        if (to.Generation <= from.Generation)
        {
            return null;
        }

        var lastKey = ChinaTime.DayKey(lastDay);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        lock (AppliedLock)
        {
            var stamp = from.Stamp;
            for (var g = from.Generation + 1; g <= to.Generation; g++)
            {
                var index = g - firstGeneration;
                if (index < 0 || index >= Applied.Count)
                {
                    return null;
                }

                var applied = Applied[(int)index];
                if (applied.PreviousStamp != stamp)
                {
                    return null;
                }

                if (applied.FirstDay <= lastKey)
                {
                    if (applied.Regions is null)
                    {
                        return null;
                    }

                    changed.UnionWith(applied.Regions.Where(r => r.Value <= lastKey).Select(r => r.Key));
                }

                stamp = applied.Stamp;
            }

            return stamp == to.Stamp ? changed : null;
        }
    }

    // Times as the database keeps them (PostgreSQL to the microsecond, SQLite's binary form to 0.1 ms): compared at 0.1 ms.
    private static long Stamp(DateTimeOffset? at) => (at?.UtcTicks ?? 0) / 1000;

    private static void Record(DateTimeOffset? previous, DateTimeOffset now, int firstDay, IReadOnlyDictionary<string, int>? regions)
    {
        lock (AppliedLock)
        {
            Applied.Add(new AppliedRefresh(Stamp(previous), Stamp(now), firstDay, regions));
            if (Applied.Count > AppliedCapacity)
            {
                Applied.RemoveRange(0, Applied.Count - AppliedCapacity);
            }

            generation++;
            firstGeneration = generation - Applied.Count + 1;
        }
    }

    /// <summary>One refresh of this node: the version before and after it, the earliest day it rebuilt, and the region codes it rebuilt with the earliest day of each (null when not known cell by cell).</summary>
    private sealed record AppliedRefresh(long PreviousStamp, long Stamp, int FirstDay, IReadOnlyDictionary<string, int>? Regions);

    private async Task<RefreshResult> RefreshNowAsync(bool full, CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            try
            {
                return await RefreshInTransactionAsync(strategy, full, ct);
            }
            catch
            {
                // The transaction rolled back: facts, rollups, the outbox and the refresh time are as they were. So must the
                // context be — the refresh state it tracks holds the failed run's time once that was set, and the next run on
                // this context (a request's retry, the next read) would take it for the last refresh and skip the plans whose
                // deadline passed in between.
                db.ChangeTracker.Clear();
                throw;
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    private Task<RefreshResult> RefreshInTransactionAsync(IExecutionStrategy strategy, bool full, CancellationToken ct) =>
        strategy.ExecuteAsync(async () =>
        {
            var now = clock.GetUtcNow();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (db.Provider == DatabaseProvider.Postgres)
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(510923013)", ct);
            }

            var state = await db.IndicatorRefreshStates.SingleOrDefaultAsync(ct);
            var previous = state?.LastRefreshedAt;
            firstDayTouched = 0;
            regionsTouched = null;
            var result = state is null || full ? await FullAsync(now, ct) : await IncrementalAsync(state.LastRefreshedAt, now, ct);
            if (result is null)
            {
                await tx.RollbackAsync(ct);
                return new RefreshResult(false, 0, 0, 0);
            }

            if (state is null)
            {
                db.IndicatorRefreshStates.Add(new IndicatorRefreshState { LastRefreshedAt = now });
            }
            else
            {
                state.LastRefreshedAt = now;
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            Record(previous, now, result.Full ? 0 : firstDayTouched, result.Full ? null : regionsTouched);
            db.ChangeTracker.Clear();
            if (result.Full)
            {
                logger.LogInformation("指标事实全量重算：{Facts} 条", result.FactsWritten);
            }

            return result;
        });

    /// <summary>
    /// Whether a refresh has anything to apply, and the last refresh's time: one statement (the time, whether the outbox holds
    /// anything, whether a plan's response deadline passed unanswered since — <see cref="Settles"/>), read on every
    /// dashboard view and ranking request (before: three statements); the associations' 年检 only in the days after a year began.
    /// </summary>
    private async Task<(bool Pending, DateTimeOffset? Last)> PendingAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        var state = await db.IndicatorRefreshStates.AsNoTracking().Select(PendingShape(now)).SingleOrDefaultAsync(ct);
        if (state is null)
        {
            return (true, null);
        }

        var last = state.LastRefreshedAt;
        return (state.Queued || state.Settling || (TalentFactSources.YearBegunSince(last, now) && await TalentFactSources.DueEveryYear(db).AnyAsync(ct)), last);
    }

    /// <summary>
    /// The records whose facts the calendar alone moved between the last refresh and <paramref name="now"/>, with no write to queue them:
    /// response plans whose deadline passed unanswered (their 超时 facts), and — once a (China) year has begun — every 学会、协会、农技协,
    /// due a 年检 for the new year (学会年检合格率 W13). The incremental refresh re-derives the plans with the queued records; of the
    /// associations it re-derives those a write queued and appends only the new years' facts of the others (<see cref="AppendYearsBegunAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<(FactSource Source, Guid SourceId)>> DueByTheCalendarAsync(DateTimeOffset last, DateTimeOffset now, CancellationToken ct = default)
    {
        // PostgreSQL stores instants in UTC and takes only UTC parameters.
        (last, now) = (last.ToUniversalTime(), now.ToUniversalTime());
        var due = (await SettlingPlans(last, now).ToListAsync(ct)).Select(id => (FactSource.ResponsePlan, id)).ToList();
        if (TalentFactSources.YearBegunSince(last, now))
        {
            due.AddRange((await TalentFactSources.DueEveryYear(db).ToListAsync(ct)).Select(id => (FactSource.Association, id)));
        }

        return due;
    }

    private Task<DateTimeOffset?> LastRefreshedAtAsync(CancellationToken ct) =>
        db.IndicatorRefreshStates.AsNoTracking().Select(s => (DateTimeOffset?)s.LastRefreshedAt).SingleOrDefaultAsync(ct);

    /// <summary>
    /// A plan whose response deadline passed unanswered after the last refresh (<c>last</c>) and by <c>now</c>: its 超时 facts are
    /// due. The rule's one statement: <see cref="SettlingPlans"/> binds it to two values, <see cref="PendingShape"/> to the refresh
    /// row's time inside one statement.
    /// </summary>
    private static readonly Expression<Func<ResponsePlan, DateTimeOffset, DateTimeOffset, bool>> Settles =
        (p, last, now) => p.FirstRespondedAt == null && p.ResponseDueAt > last && p.ResponseDueAt <= now;

    private sealed record Window(DateTimeOffset Last, DateTimeOffset Now);

    private sealed record PendingState(DateTimeOffset LastRefreshedAt, bool Queued, bool Settling);

    /// <summary>Plans whose response deadline passed unanswered since the last refresh: their 超时 facts are due (<see cref="Settles"/>).</summary>
    private IQueryable<Guid> SettlingPlans(DateTimeOffset last, DateTimeOffset now)
    {
        // The two instants as members of a constant, so that EF Core sends them as parameters.
        var window = Expression.Constant(new Window(last, now));
        var plan = Settles.Parameters[0];
        var settles = Expression.Lambda<Func<ResponsePlan, bool>>(
            ExpressionSubstitute.Body(Settles, plan, Expression.Property(window, nameof(Window.Last)), Expression.Property(window, nameof(Window.Now))), plan);
        return db.ResponsePlans.AsNoTracking().Where(settles).Select(p => p.Id);
    }

    /// <summary>
    /// The refresh row read with whether the outbox holds anything and whether a plan settled (<see cref="Settles"/>, its
    /// <c>last</c> the row's own time) since: one statement. Both subqueries are correlated with the row (an uncorrelated
    /// <c>Any()</c> is run before the query, as a parameter of its own).
    /// </summary>
    private Expression<Func<IndicatorRefreshState, PendingState>> PendingShape(DateTimeOffset now)
    {
        Expression<Func<IndicatorRefreshState, Expression<Func<ResponsePlan, bool>>, PendingState>> shape =
            (s, settles) => new PendingState(s.LastRefreshedAt, db.IndicatorOutbox.Select(o => s.Id).Any(), db.ResponsePlans.Any(settles));
        var row = shape.Parameters[0];
        var plan = Settles.Parameters[0];
        var window = Expression.Constant(new Window(default, now));
        var settles = Expression.Lambda<Func<ResponsePlan, bool>>(
            ExpressionSubstitute.Body(Settles, plan, Expression.Property(row, nameof(IndicatorRefreshState.LastRefreshedAt)), Expression.Property(window, nameof(Window.Now))), plan);
        return Expression.Lambda<Func<IndicatorRefreshState, PendingState>>(ExpressionSubstitute.Body(shape, row, Expression.Quote(settles)), row);
    }

    private async Task<RefreshResult> FullAsync(DateTimeOffset now, CancellationToken ct)
    {
        // Over a province's records (millions of facts) the rollup rebuild runs for minutes, past the default 30 s per
        // statement; a full refresh runs in the background queue, so it may take that long.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var lastOutbox = await db.IndicatorOutbox.MaxAsync(o => (long?)o.Id, ct) ?? 0;
        await db.IndicatorFacts.Where(f => f.Source != FactSource.Synthetic).ExecuteDeleteAsync(ct);
        var facts = new List<ActivityFact>();
        facts.AddRange((await db.ScienceWorkers.AsNoTracking().ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange((await db.Organizations.AsNoTracking().ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange((await db.Offers.AsNoTracking().Where(StatisticDefinitions.OfferPublished).ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange((await db.Needs.AsNoTracking().Where(StatisticDefinitions.NeedPublished).ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange((await db.ResponsePlans.AsNoTracking().ToListAsync(ct)).SelectMany(p => FactDerivation.From(p, now)));
        facts.AddRange(await OrderFactsAsync(db.Orders.AsNoTracking().Where(StatisticDefinitions.IsDeal), ct));
        facts.AddRange((await db.ServiceTickets.AsNoTracking().ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange((await db.ScienceContents.AsNoTracking().Where(c => c.PublishedAt != null).ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange((await db.ActivityParticipants.AsNoTracking().Where(p => p.CheckedInAt != null).ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange((await db.PopularizationActivities.AsNoTracking().ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange((await db.EStationUsages.AsNoTracking().ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange((await db.EventTallies.AsNoTracking().ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange((await db.VenueVisits.AsNoTracking().ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange((await db.ScienceBoardRefreshes.AsNoTracking().ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange((await db.LiteracyMemberAssessments.AsNoTracking().ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange(FactDerivation.From(await db.LiteracySurveys.AsNoTracking().ToListAsync(ct), await db.LiteracyTargets.AsNoTracking().ToListAsync(ct)));
        facts.AddRange((await db.ServiceRecords.AsNoTracking().Where(r => r.Status == Kexie.Domain.Popularization.ServiceRecordStatus.Confirmed).ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange((await db.ThinkTankTopics.AsNoTracking().Where(t => t.ApprovedAt != null).ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange((await db.Proposals.AsNoTracking().Where(p => p.DecidedAt != null).ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange(await TalentFactSources.AllAsync(db, now, ct));
        var written = await FactStore.AppendAsync(db, facts, ct);
        await db.IndicatorOutbox.Where(o => o.Id <= lastOutbox).ExecuteDeleteAsync(ct);
        await FactStore.RebuildRollupsAsync(db, ct: ct);
        return new RefreshResult(true, facts.Select(f => f.SourceId).Distinct().Count(), written, 0);
    }

    private async Task<RefreshResult?> IncrementalAsync(DateTimeOffset last, DateTimeOffset now, CancellationToken ct)
    {
        var queued = await db.IndicatorOutbox.AsNoTracking().OrderBy(o => o.Id).Take(BatchSize * 5).ToListAsync(ct);
        var settled = await DueByTheCalendarAsync(last, now, ct);
        if (queued.Count == 0 && settled.Count == 0)
        {
            return null;
        }

        // A new year moves every 学会、协会、农技协's facts by the years begun since (W13): those no write queued keep their facts
        // and only gain those years' (AppendYearsBegunAsync); the queued ones are derived again in full, as any changed record.
        var queuedKeys = queued.Select(q => (q.Source, q.SourceId)).ToHashSet();
        var rolled = settled.Where(s => s.Source == FactSource.Association && !queuedKeys.Contains(s)).Select(s => s.SourceId).ToHashSet();
        var dirty = queued.Select(q => (q.Source, q.SourceId))
            .Concat(settled.Where(s => !(s.Source == FactSource.Association && rolled.Contains(s.SourceId))))
            .Distinct()
            .ToList();
        dirty = await WithSurveysJudgedByAsync(dirty, ct);
        // The rollup cells (day, region) the old and the new facts of these records fall in, and what those facts add to and
        // take from each rollup row.
        var cells = new HashSet<(int Day, string RegionCode)>();
        var delta = new RollupDelta();
        long written = rolled.Count == 0 ? 0 : await AppendYearsBegunAsync(rolled, last, now, cells, delta, ct);
        foreach (var chunk in dirty.Chunk(BatchSize))
        {
            written += await ReplaceChangedAsync(chunk.Select(c => (Guid?)c.SourceId).Distinct().ToList(), await DeriveAsync(chunk, now, ct), cells, delta, ct);
        }

        var queuedIds = queued.Select(q => q.Id).ToList();
        foreach (var chunk in queuedIds.Chunk(BatchSize))
        {
            await db.IndicatorOutbox.Where(o => chunk.Contains(o.Id)).ExecuteDeleteAsync(ct);
        }

        var months = cells.Select(c => ChinaTime.MonthKey(c.Day)).Distinct().Order().ToList();
        if (delta.Exact)
        {
            // What readers must look at again: the regions (every level) and days whose rollup rows actually move. A record
            // derived again with the same facts (a contact noted on a plan, a draft saved) moves none, so the rankings kept
            // stay current instead of being scored again after every write into their period.
            var moved = delta.Changed().Where(k => k.Grain == RollupGrain.Day).ToList();
            firstDayTouched = moved.Count == 0 ? int.MaxValue : moved.Min(k => k.Day);
            regionsTouched = moved.Select(k => k.RegionCode).Distinct().Count() <= MaxCellRegions * 4
                ? moved.GroupBy(k => k.RegionCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(k => k.Day), StringComparer.Ordinal)
                : null;

            // The rollup rows move by what the removed and appended facts contribute (rank15): a few index lookups per
            // changed record, where rebuilding its cells re-aggregated every fact of the touched days at each level (the
            // whole province's day for the province row) and the touched months' day rows. In this transaction, with the
            // facts and the outbox rows it removes: a refresh that fails leaves both as they were and its retry starts over.
            await FactStore.ApplyRollupDeltaAsync(db, delta, ct);
        }
        else if (cells.Select(c => c.Day).Distinct().Count() <= MaxCellDays && cells.Select(c => c.RegionCode).Distinct().Count() <= MaxCellRegions)
        {
            firstDayTouched = cells.Count == 0 ? int.MaxValue : cells.Min(c => c.Day);
            regionsTouched = cells.GroupBy(c => c.RegionCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(c => c.Day), StringComparer.Ordinal);
            await FactStore.RebuildRollupCellsAsync(db, cells, ct);
        }
        else
        {
            // A large batch (an import, a backfill) touches most cells of its months anyway: whole months are cheaper.
            firstDayTouched = months[0];
            foreach (var month in months)
            {
                await FactStore.RebuildRollupsAsync(db, month, month, ct);
            }
        }

        return new RefreshResult(false, dirty.Count, written, months.Count);
    }

    /// <summary>
    /// Replaces the stored facts of the records <paramref name="ids"/> by <paramref name="derived"/> (their facts derived again)
    /// only where they differ (issue 16): the stored facts of the records are read (one statement, in the refresh's transaction,
    /// so nothing changes them in between) and compared with the derived ones record by record, as multisets of (source,
    /// region, kind, day, count, amount). A record whose facts are the same — a contact noted on a plan, a draft saved, a
    /// repeated delivery — keeps its rows (neither deleted nor written) and moves no rollup row; a changed one has its rows
    /// deleted and its new facts appended, their contributions into <paramref name="delta"/> and their cells into
    /// <paramref name="cells"/>. Derived facts of no record in <paramref name="ids"/> are appended as they are. Returns the
    /// facts written.
    /// </summary>
    private async Task<long> ReplaceChangedAsync(List<Guid?> ids, List<ActivityFact> derived, HashSet<(int Day, string RegionCode)> cells, RollupDelta delta, CancellationToken ct)
    {
        var stored = (await db.IndicatorFacts.AsNoTracking()
                .Where(f => ids.Contains(f.SourceId))
                .Select(f => new { f.SourceId, f.Source, f.RegionCode, f.Kind, f.Day, f.Count, f.AmountFen })
                .ToListAsync(ct))
            .ToLookup(f => f.SourceId, f => new FactShape(f.Source, f.RegionCode, f.Kind, f.Day, f.Count, f.AmountFen));
        var fresh = derived.ToLookup(f => f.SourceId);
        var changed = ids.Where(id => !FactShape.SameFacts(stored[id], fresh[id].Select(FactShape.Of))).ToHashSet();
        var removed = changed.SelectMany(id => stored[id]).ToList();
        foreach (var old in removed)
        {
            cells.Add((old.Day, old.RegionCode));
            delta.Add(old.RegionCode, old.Day, old.Kind, old.Count, old.AmountFen, -1, old.Count);
        }

        if (removed.Count > 0)
        {
            var gone = changed.Where(id => stored[id].Any()).ToList();
            foreach (var chunk in gone.Chunk(BatchSize))
            {
                await db.IndicatorFacts.Where(f => chunk.Contains(f.SourceId)).ExecuteDeleteAsync(ct);
            }
        }

        var known = ids.ToHashSet();
        var appended = derived.Where(f => f.SourceId is not { } id || !known.Contains(id) || changed.Contains(id)).ToList();
        cells.UnionWith(appended.Select(f => (f.Day, f.RegionCode)));
        delta.Added(appended);
        return appended.Count == 0 ? 0 : await FactStore.AppendAsync(db, appended, ct);
    }

    /// <summary>A fact as compared by <see cref="ReplaceChangedAsync"/>: everything stored of it but its row id and record.</summary>
    private readonly record struct FactShape(FactSource Source, string RegionCode, FactKind Kind, int Day, int Count, long AmountFen)
    {
        public static FactShape Of(ActivityFact f) => new(f.Source, f.RegionCode, f.Kind, f.Day, f.Count, f.AmountFen);

        /// <summary>Whether both hold the same facts, each as many times.</summary>
        public static bool SameFacts(IEnumerable<FactShape> stored, IEnumerable<FactShape> derived)
        {
            var counts = new Dictionary<FactShape, int>();
            foreach (var f in stored)
            {
                counts[f] = counts.GetValueOrDefault(f) + 1;
            }

            foreach (var f in derived)
            {
                if (!counts.TryGetValue(f, out var n))
                {
                    return false;
                }

                if (n == 1)
                {
                    counts.Remove(f);
                }
                else
                {
                    counts[f] = n - 1;
                }
            }

            return counts.Count == 0;
        }
    }

    /// <summary>
    /// Before <paramref name="facts"/> are deleted: their cells into <paramref name="cells"/>, their sums per region, day and kind
    /// taken from <paramref name="delta"/> (one grouped read of the rows the delete removes). Returns the number of (region, day,
    /// kind) groups read: 0 when there is nothing to delete.
    /// </summary>
    private static async Task<int> RemovedAsync(IQueryable<IndicatorFactRow> facts, HashSet<(int Day, string RegionCode)> cells, RollupDelta delta, CancellationToken ct)
    {
        var old = await facts
            .GroupBy(f => new { f.RegionCode, f.Day, f.Kind })
            .Select(g => new { g.Key.RegionCode, g.Key.Day, g.Key.Kind, Count = g.Sum(f => (long)f.Count), Amount = g.Sum(f => f.AmountFen), Smallest = g.Min(f => f.Count) })
            .ToListAsync(ct);
        foreach (var o in old)
        {
            cells.Add((o.Day, o.RegionCode));
            delta.Add(o.RegionCode, o.Day, o.Kind, o.Count, o.Amount, -1, o.Smallest);
        }

        return old.Count;
    }

    /// <summary>
    /// The facts a new year adds to the 学会、协会、农技协 among <paramref name="associations"/> that no write changed since the last
    /// refresh: their due years (<see cref="FactDerivation.From(Kexie.Domain.Directory.Association, DateOnly)"/>) were derived up to
    /// the last refresh's year — each refresh derives them to its own year and records its time — so only the years begun since are
    /// new, one fact each, instead of every year since the society's founding again (125k facts deleted and written for 5,000
    /// societies; issue 16). Facts of those years already there (a refresh of a node whose clock ran ahead) are replaced, so the
    /// result is the full derivation's whatever came before. Adds the cells of the facts removed and written to <paramref name="cells"/>.
    /// </summary>
    private async Task<long> AppendYearsBegunAsync(IReadOnlySet<Guid> associations, DateTimeOffset last, DateTimeOffset now, HashSet<(int Day, string RegionCode)> cells, RollupDelta delta, CancellationToken ct)
    {
        var lastDay = ChinaTime.DayKey(new DateOnly(ChinaTime.DateOf(last).Year, 12, 31));
        var begun = db.IndicatorFacts.Where(f => f.Source == FactSource.Association && f.Day > lastDay);
        if (await RemovedAsync(begun, cells, delta, ct) > 0)
        {
            await begun.ExecuteDeleteAsync(ct);
        }

        var today = ChinaTime.DateOf(now);
        var facts = (await TalentFactSources.InspectedAssociations(db).ToListAsync(ct))
            .Where(a => associations.Contains(a.Id))
            .SelectMany(a => FactDerivation.From(a, today))
            .Where(f => f.Day > lastDay)
            .ToList();
        cells.UnionWith(facts.Select(f => (f.Day, f.RegionCode)));
        delta.Added(facts);
        return await FactStore.AppendAsync(db, facts, ct);
    }

    /// <summary>
    /// A changed 纲要 target changes the S11 facts of the survey results judged by it: every result in the target's region and below
    /// is queued with it (all results when the target is gone). The target itself has no facts.
    /// </summary>
    private async Task<List<(FactSource Source, Guid SourceId)>> WithSurveysJudgedByAsync(List<(FactSource Source, Guid SourceId)> dirty, CancellationToken ct)
    {
        var targetIds = dirty.Where(d => d.Source == FactSource.LiteracyTarget).Select(d => d.SourceId).ToList();
        if (targetIds.Count == 0)
        {
            return dirty;
        }

        var regions = await db.LiteracyTargets.AsNoTracking().Where(t => targetIds.Contains(t.Id)).Select(t => t.RegionCode).Distinct().ToListAsync(ct);
        var surveys = await db.LiteracySurveys.AsNoTracking().Select(s => new { s.Id, s.RegionCode }).ToListAsync(ct);
        var judged = regions.Count < targetIds.Count
            ? surveys
            : surveys.Where(s => regions.Any(r => Kexie.Domain.Authorization.RegionScope.Within(s.RegionCode, r))).ToList();
        return [.. dirty.Concat(judged.Select(s => (FactSource.LiteracySurvey, s.Id))).Distinct()];
    }

    private async Task<List<ActivityFact>> DeriveAsync(IReadOnlyCollection<(FactSource Source, Guid SourceId)> sources, DateTimeOffset now, CancellationToken ct)
    {
        List<Guid> Ids(FactSource source) => sources.Where(s => s.Source == source).Select(s => s.SourceId).ToList();
        var facts = new List<ActivityFact>();
        if (Ids(FactSource.ScienceWorker) is { Count: > 0 } workers)
        {
            facts.AddRange((await db.ScienceWorkers.AsNoTracking().Where(w => workers.Contains(w.Id)).ToListAsync(ct)).SelectMany(FactDerivation.From));
        }

        if (Ids(FactSource.Organization) is { Count: > 0 } organizations)
        {
            facts.AddRange((await db.Organizations.AsNoTracking().Where(o => organizations.Contains(o.Id)).ToListAsync(ct)).SelectMany(FactDerivation.From));
        }

        if (Ids(FactSource.Offer) is { Count: > 0 } offers)
        {
            facts.AddRange((await db.Offers.AsNoTracking().Where(o => offers.Contains(o.Id)).ToListAsync(ct)).SelectMany(FactDerivation.From));
        }

        if (Ids(FactSource.Need) is { Count: > 0 } needs)
        {
            facts.AddRange((await db.Needs.AsNoTracking().Where(n => needs.Contains(n.Id)).ToListAsync(ct)).SelectMany(FactDerivation.From));
        }

        if (Ids(FactSource.ResponsePlan) is { Count: > 0 } plans)
        {
            facts.AddRange((await db.ResponsePlans.AsNoTracking().Where(p => plans.Contains(p.Id)).ToListAsync(ct)).SelectMany(p => FactDerivation.From(p, now)));
        }

        if (Ids(FactSource.Order) is { Count: > 0 } orders)
        {
            facts.AddRange(await OrderFactsAsync(db.Orders.AsNoTracking().Where(o => orders.Contains(o.Id)), ct));
        }

        if (Ids(FactSource.ServiceTicket) is { Count: > 0 } tickets)
        {
            facts.AddRange((await db.ServiceTickets.AsNoTracking().Where(t => tickets.Contains(t.Id)).ToListAsync(ct)).SelectMany(FactDerivation.From));
        }

        if (Ids(FactSource.ScienceContent) is { Count: > 0 } contents)
        {
            facts.AddRange((await db.ScienceContents.AsNoTracking().Where(c => contents.Contains(c.Id)).ToListAsync(ct)).SelectMany(FactDerivation.From));
        }

        if (Ids(FactSource.ActivityParticipant) is { Count: > 0 } participants)
        {
            facts.AddRange((await db.ActivityParticipants.AsNoTracking().Where(p => participants.Contains(p.Id)).ToListAsync(ct)).SelectMany(FactDerivation.From));
        }

        if (Ids(FactSource.PopularizationActivity) is { Count: > 0 } activities)
        {
            facts.AddRange((await db.PopularizationActivities.AsNoTracking().Where(a => activities.Contains(a.Id)).ToListAsync(ct)).SelectMany(FactDerivation.From));
        }

        if (Ids(FactSource.EStationUsage) is { Count: > 0 } usages)
        {
            facts.AddRange((await db.EStationUsages.AsNoTracking().Where(u => usages.Contains(u.Id)).ToListAsync(ct)).SelectMany(FactDerivation.From));
        }

        if (Ids(FactSource.EventTally) is { Count: > 0 } tallies)
        {
            facts.AddRange((await db.EventTallies.AsNoTracking().Where(t => tallies.Contains(t.Id)).ToListAsync(ct)).SelectMany(FactDerivation.From));
        }

        if (Ids(FactSource.VenueVisit) is { Count: > 0 } visits)
        {
            facts.AddRange((await db.VenueVisits.AsNoTracking().Where(v => visits.Contains(v.Id)).ToListAsync(ct)).SelectMany(FactDerivation.From));
        }

        if (Ids(FactSource.ScienceBoardRefresh) is { Count: > 0 } refreshes)
        {
            facts.AddRange((await db.ScienceBoardRefreshes.AsNoTracking().Where(r => refreshes.Contains(r.Id)).ToListAsync(ct)).SelectMany(FactDerivation.From));
        }

        if (Ids(FactSource.LiteracyMemberAssessment) is { Count: > 0 } assessments)
        {
            facts.AddRange((await db.LiteracyMemberAssessments.AsNoTracking().Where(a => assessments.Contains(a.Id)).ToListAsync(ct)).SelectMany(FactDerivation.From));
        }

        if (Ids(FactSource.LiteracySurvey) is { Count: > 0 } surveys)
        {
            var judged = await db.LiteracySurveys.AsNoTracking().Where(s => surveys.Contains(s.Id)).ToListAsync(ct);
            facts.AddRange(FactDerivation.From(judged, await db.LiteracyTargets.AsNoTracking().ToListAsync(ct)));
        }

        if (Ids(FactSource.ServiceRecord) is { Count: > 0 } services)
        {
            facts.AddRange((await db.ServiceRecords.AsNoTracking().Where(r => services.Contains(r.Id)).ToListAsync(ct)).SelectMany(FactDerivation.From));
        }

        if (Ids(FactSource.ThinkTankTopic) is { Count: > 0 } topics)
        {
            facts.AddRange((await db.ThinkTankTopics.AsNoTracking().Where(t => topics.Contains(t.Id)).ToListAsync(ct)).SelectMany(FactDerivation.From));
        }

        if (Ids(FactSource.Proposal) is { Count: > 0 } proposals)
        {
            facts.AddRange((await db.Proposals.AsNoTracking().Where(p => proposals.Contains(p.Id)).ToListAsync(ct)).SelectMany(FactDerivation.From));
        }

        facts.AddRange(await TalentFactSources.DeriveAsync(db, sources, now, ct));
        return facts;
    }

    private async Task<List<ActivityFact>> OrderFactsAsync(IQueryable<Order> query, CancellationToken ct)
    {
        var orders = await query.ToListAsync(ct);
        var providerIds = orders.Select(o => o.ProviderWorkerId).Distinct().ToList();
        var regions = new Dictionary<Guid, string>();
        foreach (var chunk in providerIds.Chunk(BatchSize))
        {
            foreach (var w in await db.ScienceWorkers.AsNoTracking().Where(w => chunk.Contains(w.Id)).Select(w => new { w.Id, w.RegionCode }).ToListAsync(ct))
            {
                regions[w.Id] = w.RegionCode;
            }
        }

        return orders.SelectMany(o => FactDerivation.From(o, regions.GetValueOrDefault(o.ProviderWorkerId))).ToList();
    }
}
