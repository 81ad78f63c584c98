using Kexie.Data;
using Kexie.Data.Indicators;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Indicators;
using Kexie.Domain.Popularization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kexie.Web.Tests.Indicators;

/// <summary>
/// The rollup rows an incremental refresh leaves when it moves them by the removed and appended facts' contributions
/// (<see cref="RollupDelta"/>, <see cref="FactStore.ApplyRollupDeltaAsync"/>, rank15) are those a full rebuild from the facts
/// leaves, row for row: after records added in a county, its sibling county and one of its townships, a record withdrawn (its
/// cell's only fact: the row goes), one moved to another county, a 纲要 target changed (the amounts of the survey results it
/// judges), and the same outbox items delivered again (nothing moves). Every record is in 河北 (13) in 2019, in a database of its
/// own (<see cref="PrivateDatabase"/>: the refresher's state is one per database, and the full rebuilds compared with would
/// move every other test's facts).
/// </summary>
public abstract class RollupDeltaTests(KexieApp app)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly Actor Hebei = new("rank15-delta", "测试管理员", UserRole.AssociationAdmin, "13");

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }

    private static ScienceWorker Worker(string region, DateTimeOffset createdAt)
    {
        var worker = ScienceWorker.Create(
            new ScienceWorkerData("测试专家", Gender.Female, 1982, "测试单位", "研究员", [], "硕士研究生", null, KexieApp.NewPhone(), region, false),
            _ => true);
        worker.CreatedAt = createdAt.ToUniversalTime();
        return worker;
    }

    [Fact]
    public async Task Rollups_moved_by_the_changed_facts_equal_a_full_rebuild_after_every_step()
    {
        await using var database = await PrivateDatabase.CreateAsync(app.Provider);
        var clock = new ManualClock(new DateTimeOffset(2020, 3, 2, 10, 0, 0, China));
        var day = new DateTimeOffset(2019, 5, 10, 9, 0, 0, China);

        // Before the first refresh (a full one): workers of 长安区 130102, two on one day; a 纲要 target for the province and a
        // survey result of 长安区 judged by it (S11: its facts carry amounts).
        var alone = Worker("130102", day.AddDays(7));
        var moving = Worker("130102", day);
        var target = LiteracyTarget.Set(new LiteracyTargetData("13", 2019, 12.5m, "“十四五”规划"), Hebei, clock.GetUtcNow());
        var survey = LiteracySurvey.Record(new LiteracySurveyData("130102", 2019, 12.8m, 1200, "抽样调查", new DateOnly(2020, 1, 15)), Hebei, clock.GetUtcNow());
        await WriteAsync(database, db => db.AddRange(Worker("130102", day), moving, alone, target, survey));
        Assert.True((await RefreshAsync(database, clock)).Full);
        await AssertEqualToAFullRebuildAsync(database, clock);

        // The same day in the sibling county 桥西区 130104 and in a township of 长安区, another day of 长安区.
        clock.Now = clock.Now.AddHours(1);
        await WriteAsync(database, db => db.AddRange(Worker("130104", day), Worker("130102001", day), Worker("130102", day.AddMonths(2))));
        var added = await RefreshAsync(database, clock);
        Assert.False(added.Full);
        Assert.Equal(3, added.SourcesRederived);
        var afterAdding = await AssertEqualToAFullRebuildAsync(database, clock);
        Assert.Contains($"{RollupGrain.Day}|9|130102001|20190510|{FactKind.WorkerRegistered}|1|0", afterAdding);
        Assert.Contains($"{RollupGrain.Day}|6|130102|20190510|{FactKind.WorkerRegistered}|3|0", afterAdding);
        Assert.Contains($"{RollupGrain.Year}|4|1301|20190101|{FactKind.WorkerRegistered}|6|0", afterAdding);
        Assert.Contains($"{RollupGrain.Day}|6|130102|20190517|{FactKind.WorkerRegistered}|1|0", afterAdding);

        // Withdrawn: the only worker of 17 May (its day row goes, the month and year rows go down); moved: a worker of 10 May to
        // 桥西区; the target raised (both S11 amounts of the survey change).
        clock.Now = clock.Now.AddHours(1);
        await WriteAsync(database, async db =>
        {
            db.ScienceWorkers.Remove(await db.ScienceWorkers.SingleAsync(w => w.Id == alone.Id));
            var move = await db.ScienceWorkers.SingleAsync(w => w.Id == moving.Id);
            move.Update(new ScienceWorkerData("测试专家", Gender.Female, 1982, "测试单位", "研究员", [], "硕士研究生", null, move.Phone, "130104", false), _ => true);
            var raised = await db.LiteracyTargets.SingleAsync(t => t.Id == target.Id);
            raised.Change(new LiteracyTargetData("13", 2019, 13m, "“十四五”规划"), Hebei, clock.GetUtcNow());
        });

        var changed = await RefreshAsync(database, clock);
        Assert.False(changed.Full);
        var afterChanges = await AssertEqualToAFullRebuildAsync(database, clock);
        Assert.DoesNotContain(afterChanges, r => r.StartsWith($"{RollupGrain.Day}|6|130102|20190517|", StringComparison.Ordinal));
        Assert.Contains($"{RollupGrain.Day}|6|130102|20190510|{FactKind.WorkerRegistered}|2|0", afterChanges);
        Assert.Contains($"{RollupGrain.Day}|6|130104|20190510|{FactKind.WorkerRegistered}|2|0", afterChanges);
        Assert.Contains($"{RollupGrain.Year}|2|13|20190101|{FactKind.LiteracyRateTarget}|1|1300", afterChanges);
        Assert.Contains($"{RollupGrain.Year}|6|130102|20190101|{FactKind.LiteracyRateMeasured}|1|1280", afterChanges);

        // The same outbox items again (a delivery repeated after it was applied): the records' facts are derived again, the
        // same, and no rollup row moves — also the withdrawn worker's, which has no facts left.
        clock.Now = clock.Now.AddHours(1);
        await WriteAsync(database, db => db.IndicatorOutbox.AddRange(
            new IndicatorOutboxEntry { Source = FactSource.ScienceWorker, SourceId = moving.Id, At = clock.GetUtcNow() },
            new IndicatorOutboxEntry { Source = FactSource.ScienceWorker, SourceId = moving.Id, At = clock.GetUtcNow() },
            new IndicatorOutboxEntry { Source = FactSource.ScienceWorker, SourceId = alone.Id, At = clock.GetUtcNow() },
            new IndicatorOutboxEntry { Source = FactSource.LiteracyTarget, SourceId = target.Id, At = clock.GetUtcNow() }));
        var before = await SnapshotAsync(database);
        var repeated = await RefreshAsync(database, clock);
        Assert.False(repeated.Full);
        Assert.Equal(before, await SnapshotAsync(database));
        Assert.Equal(afterChanges, await AssertEqualToAFullRebuildAsync(database, clock));
    }

    /// <summary>The rollups as the incremental refreshes left them, then a full rebuild at the same time: the same rows. Returns them.</summary>
    private static async Task<List<string>> AssertEqualToAFullRebuildAsync(PrivateDatabase database, ManualClock clock)
    {
        var incremental = await SnapshotAsync(database);
        Assert.True((await RefreshAsync(database, clock, full: true)).Full);
        Assert.Equal(await SnapshotAsync(database), incremental);
        return incremental;
    }

    private static Task WriteAsync(PrivateDatabase database, Action<KexieDbContext> write) =>
        WriteAsync(database, db =>
        {
            write(db);
            return Task.CompletedTask;
        });

    private static async Task WriteAsync(PrivateDatabase database, Func<KexieDbContext, Task> write)
    {
        await using var db = database.NewContext();
        await write(db);
        await db.SaveChangesAsync();
    }

    private static async Task<RefreshResult> RefreshAsync(PrivateDatabase database, TimeProvider clock, bool full = false)
    {
        await using var db = database.NewContext();
        return await new IndicatorRefresher(db, clock, NullLogger<IndicatorRefresher>.Instance).RefreshAsync(full);
    }

    /// <summary>Every rollup row (grain|level|region|day|kind|count|amount), in one order.</summary>
    private static async Task<List<string>> SnapshotAsync(PrivateDatabase database)
    {
        await using var db = database.NewContext();
        var rows = (await db.IndicatorRollups.AsNoTracking().ToListAsync())
            .Select(r => $"{r.Grain}|{r.Level}|{r.RegionCode}|{r.Day}|{r.Kind}|{r.Count}|{r.AmountFen}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(rows);
        return rows;
    }
}

public sealed class RollupDeltaSqliteTests(SqliteApp app) : RollupDeltaTests(app);

public sealed class RollupDeltaPostgresTests(PostgresApp app) : RollupDeltaTests(app);
