using System.Data.Common;
using Kexie.Data;
using Kexie.Data.Indicators;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Indicators;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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

    private static readonly Actor Staff = new("rank16-staff", "测试专员", UserRole.ServiceCenterStaff, "130102");

    /// <summary>The market tests' start: a science worker and an enterprise of county 130102, then the database's first (full) refresh. Returns the enterprise.</summary>
    private static async Task<Organization> MarketStartAsync(PrivateDatabase database, ManualClock clock)
    {
        var buyer = Organization.Create(
            new OrganizationData("测试企业", OrganizationKind.Enterprise, Kexie.Data.Seeding.DemoSeeder.CreditCodeFor("130102", Random.Shared, OrganizationKind.Enterprise), null, "130102", null, null, null),
            _ => true);
        await WriteAsync(database, db => db.AddRange(Worker("130102", new DateTimeOffset(2019, 5, 10, 9, 0, 0, China)), buyer));
        Assert.True((await RefreshAsync(database, clock)).Full);
        return buyer;
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
        var kept = Worker("130202", day.AddDays(3));
        var moving = Worker("130102", day);
        var target = LiteracyTarget.Set(new LiteracyTargetData("13", 2019, 12.5m, "“十四五”规划"), Hebei, clock.GetUtcNow());
        var survey = LiteracySurvey.Record(new LiteracySurveyData("130102", 2019, 12.8m, 1200, "抽样调查", new DateOnly(2020, 1, 15)), Hebei, clock.GetUtcNow());
        await WriteAsync(database, db => db.AddRange(Worker("130102", day), moving, alone, kept, target, survey));
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
        var factsBefore = await FactRowsAsync(database);
        var statements = new Statements();
        var repeated = await RefreshAsync(database, clock, interceptors: statements);
        Assert.False(repeated.Full);
        Assert.Equal(before, await SnapshotAsync(database));

        // Their facts compared with the stored ones are the same: no fact row deleted or written (same row ids), no rollup
        // statement, no fact written.
        Assert.Equal(0, repeated.FactsWritten);
        Assert.Equal(factsBefore, await FactRowsAsync(database));
        Assert.DoesNotContain(statements.Texts, t => t.Contains("\"IndicatorRollups\"", StringComparison.Ordinal));
        Assert.DoesNotContain(statements.Texts, t => t.StartsWith("DELETE", StringComparison.Ordinal) && t.Contains("\"IndicatorFacts\"", StringComparison.Ordinal));
        Assert.Equal(afterChanges, await AssertEqualToAFullRebuildAsync(database, clock));

        // One record changed (moved back to 长安区) and one queued unchanged in the same refresh: only the changed one's rows
        // are rewritten; the unchanged one keeps its rows.
        clock.Now = clock.Now.AddHours(1);
        var rowsBefore = await FactRowsAsync(database);
        await WriteAsync(database, async db =>
        {
            var move = await db.ScienceWorkers.SingleAsync(w => w.Id == moving.Id);
            move.Update(new ScienceWorkerData("测试专家", Gender.Female, 1982, "测试单位", "研究员", [], "硕士研究生", null, move.Phone, "130102", false), _ => true);
            db.IndicatorOutbox.Add(new IndicatorOutboxEntry { Source = FactSource.ScienceWorker, SourceId = kept.Id, At = clock.GetUtcNow() });
        });
        var one = await RefreshAsync(database, clock);
        Assert.Equal(2, one.SourcesRederived);
        Assert.Equal(1, one.FactsWritten);
        var rowsAfter = await FactRowsAsync(database);
        Assert.Equal(rowsBefore.Where(r => r.SourceId == kept.Id), rowsAfter.Where(r => r.SourceId == kept.Id));
        var movedRow = Assert.Single(rowsAfter, r => r.SourceId == moving.Id);
        Assert.DoesNotContain(rowsBefore, r => r.Id == movedRow.Id);
        Assert.Equal("130102", movedRow.RegionCode);
        Assert.Equal(rowsBefore.Count, rowsAfter.Count);
        var movedBack = await AssertEqualToAFullRebuildAsync(database, clock);
        Assert.Contains($"{RollupGrain.Day}|6|130102|20190510|{FactKind.WorkerRegistered}|3|0", movedBack);
    }

    /// <summary>
    /// The refreshes after the market's typical writes (issue 16's load mix): a need posted (its fact, its plan with none yet),
    /// the plan's first contact (its two 响应 facts) and a second contact (its facts the same: nothing written, no rollup
    /// statement, its rows kept). Statements counted by an interceptor (the facts' bulk append is the provider's own and not
    /// among them); the rollups equal a full rebuild after each.
    /// </summary>
    [Fact]
    public async Task A_need_posted_and_a_plan_contact_write_only_the_facts_that_changed()
    {
        await using var database = await PrivateDatabase.CreateAsync(app.Provider);
        var clock = new ManualClock(new DateTimeOffset(2020, 3, 2, 10, 0, 0, China));
        var buyer = await MarketStartAsync(database, clock);
        var output = TestContext.Current.TestOutputHelper;

        async Task<(RefreshResult Result, Statements Statements)> StepAsync(string name, Func<KexieDbContext, Task> write)
        {
            clock.Now = clock.Now.AddHours(1);
            await WriteAsync(database, write);
            var statements = new Statements();
            var result = await RefreshAsync(database, clock, interceptors: statements);
            output?.WriteLine($"{app.Provider} {name}: {statements.Texts.Count} statements ({string.Join(", ", statements.Texts.Select(t => string.Join(' ', t.Split(' ', 4).Take(3))))}), {result.SourcesRederived} records, {result.FactsWritten} facts written");
            await AssertEqualToAFullRebuildAsync(database, clock);
            return (result, statements);
        }

        var need = Need.Create(new NeedData("测试需求", "需要技术咨询与现场指导。", buyer.Id, ["C13"], ["520"], null, null, null, "130102"), Staff, new MarketCodes(_ => true, _ => true), clock.GetUtcNow());
        need.Submit(Staff, clock.GetUtcNow());
        var plan = need.Publish(Staff, WorkingCalendar.WeekendsOnly, at: clock.GetUtcNow())!;
        var posted = await StepAsync("need posted", db =>
        {
            db.AddRange(need, plan);
            return Task.CompletedTask;
        });
        Assert.Equal(1, posted.Result.FactsWritten);

        var first = await StepAsync("first contact", async db =>
            (await db.ResponsePlans.SingleAsync(p => p.Id == plan.Id)).LogContact(Staff, new ContactData("张工", ContactChannel.Phone, "电话沟通需求"), clock.GetUtcNow()));
        Assert.Equal(2, first.Result.FactsWritten);
        var planRows = (await FactRowsAsync(database)).Where(r => r.SourceId == plan.Id).ToList();
        Assert.Equal(2, planRows.Count);

        var second = await StepAsync("second contact", async db =>
            (await db.ResponsePlans.SingleAsync(p => p.Id == plan.Id)).LogContact(Staff, new ContactData("李工", ContactChannel.WeChat, "约定上门"), clock.GetUtcNow()));
        Assert.Equal(0, second.Result.FactsWritten);
        Assert.DoesNotContain(second.Statements.Texts, t => t.Contains("\"IndicatorRollups\"", StringComparison.Ordinal));
        Assert.DoesNotContain(second.Statements.Texts, t => t.StartsWith("DELETE", StringComparison.Ordinal) && t.Contains("\"IndicatorFacts\"", StringComparison.Ordinal));
    }

    /// <summary>
    /// The calendar alone makes a refresh due when a plan's response deadline passes unanswered: the refresh check (one statement,
    /// the rule bound to the refresh row's time) and the plans the refresh then re-derives (<see cref="IndicatorRefresher.DueByTheCalendarAsync"/>)
    /// apply the same rule at its edges — a second before the deadline nothing is due and nothing runs; at the deadline exactly the
    /// unanswered plan is due (not the one answered in time) and the refresh runs; after it, nothing is due again.
    /// </summary>
    [Fact]
    public async Task A_deadline_passing_unanswered_is_due_by_the_same_rule_in_the_check_and_the_refresh()
    {
        await using var database = await PrivateDatabase.CreateAsync(app.Provider);
        var clock = new ManualClock(new DateTimeOffset(2020, 3, 2, 10, 0, 0, China));
        var buyer = await MarketStartAsync(database, clock);

        clock.Now = clock.Now.AddHours(1);
        async Task<ResponsePlan> PublishAsync(string title)
        {
            var need = Need.Create(new NeedData(title, "需要技术咨询与现场指导。", buyer.Id, ["C13"], ["520"], null, null, null, "130102"), Staff, new MarketCodes(_ => true, _ => true), clock.GetUtcNow());
            need.Submit(Staff, clock.GetUtcNow());
            var plan = need.Publish(Staff, WorkingCalendar.WeekendsOnly, at: clock.GetUtcNow())!;
            await WriteAsync(database, db => db.AddRange(need, plan));
            return plan;
        }

        var unanswered = await PublishAsync("无人响应的需求");
        var answered = await PublishAsync("按时响应的需求");
        Assert.Equal(unanswered.ResponseDueAt, answered.ResponseDueAt);
        var deadline = unanswered.ResponseDueAt;
        Assert.True(deadline > clock.Now);
        await WriteAsync(database, async db =>
            (await db.ResponsePlans.SingleAsync(p => p.Id == answered.Id)).LogContact(Staff, new ContactData("张工", ContactChannel.Phone, "电话沟通需求"), clock.GetUtcNow()));
        Assert.Equal(4, (await RefreshAsync(database, clock)).SourcesRederived); // the two needs and their plans

        async Task<List<Guid>> DueAsync()
        {
            await using var db = database.NewContext();
            var last = (await db.IndicatorRefreshStates.AsNoTracking().SingleAsync()).LastRefreshedAt;
            return (await new IndicatorRefresher(db, clock, NullLogger<IndicatorRefresher>.Instance).DueByTheCalendarAsync(last, clock.GetUtcNow()))
                .Select(d => d.SourceId).ToList();
        }

        // A second before the deadline: nothing due, the check finds nothing and the refresh does not run.
        clock.Now = deadline.AddSeconds(-1);
        var before = await RefreshedAtAsync(database);
        Assert.Empty(await DueAsync());
        Assert.Equal(new RefreshResult(false, 0, 0, 0), await RefreshAsync(database, clock));
        Assert.Equal(before, await RefreshedAtAsync(database));

        // At the deadline: the unanswered plan is due, the answered one not, and the refresh runs and re-derives that one plan.
        clock.Now = deadline;
        Assert.Equal([unanswered.Id], await DueAsync());
        var settled = await RefreshAsync(database, clock);
        Assert.Equal(1, settled.SourcesRederived);
        Assert.Equal(deadline.ToUniversalTime(), (await RefreshedAtAsync(database))?.ToUniversalTime());
        await AssertEqualToAFullRebuildAsync(database, clock);

        // An hour later: the deadline lies before the last refresh, nothing is due and nothing runs.
        clock.Now = deadline.AddHours(1);
        before = await RefreshedAtAsync(database);
        Assert.Empty(await DueAsync());
        Assert.Equal(new RefreshResult(false, 0, 0, 0), await RefreshAsync(database, clock));
        Assert.Equal(before, await RefreshedAtAsync(database));
    }

    /// <summary>
    /// A refresh that fails mid-way (an injected fault on its first rollup statement, then on its save of the refresh time) rolls
    /// back whole: facts, rollups, the outbox and the refresh time as they were, nothing left tracked in its context. The next
    /// refresh on the same context applies every change once: the rollups equal a full rebuild, nothing counted twice.
    /// </summary>
    [Fact]
    public async Task A_refresh_that_fails_is_retried_and_loses_nothing()
    {
        await using var database = await PrivateDatabase.CreateAsync(app.Provider);
        var clock = new ManualClock(new DateTimeOffset(2020, 3, 2, 10, 0, 0, China));
        var day = new DateTimeOffset(2019, 5, 10, 9, 0, 0, China);
        var moving = Worker("130102", day);
        await WriteAsync(database, db => db.AddRange(Worker("130102", day), moving));
        Assert.True((await RefreshAsync(database, clock)).Full);

        foreach (var failing in new[] { "INSERT INTO \"IndicatorRollups\"", "UPDATE \"IndicatorRefreshState\"" })
        {
            clock.Now = clock.Now.AddHours(1);
            await WriteAsync(database, async db =>
            {
                db.Add(Worker("130104", day));
                var move = await db.ScienceWorkers.SingleAsync(w => w.Id == moving.Id);
                move.Update(new ScienceWorkerData("测试专家", Gender.Female, 1982, "测试单位", "研究员", [], "硕士研究生", null, move.Phone, move.RegionCode == "130102" ? "130104" : "130102", false), _ => true);
            });
            var rollups = await SnapshotAsync(database);
            var facts = await FactRowsAsync(database);
            var outbox = await CountAsync(database, db => db.IndicatorOutbox.CountAsync());
            Assert.Equal(2, outbox);
            var last = await RefreshedAtAsync(database);

            var fault = new FailOnce(failing);
            await using var db = database.NewContext(fault);
            var refresher = new IndicatorRefresher(db, clock, NullLogger<IndicatorRefresher>.Instance);
            // The save of the refresh time wraps it (DbUpdateException).
            var thrown = await Assert.ThrowsAnyAsync<Exception>(() => refresher.RefreshAsync());
            Assert.True(thrown is InjectedFault || thrown.InnerException is InjectedFault, thrown.ToString());
            Assert.Equal(1, fault.Failed);
            Assert.Empty(db.ChangeTracker.Entries());
            Assert.Equal(rollups, await SnapshotAsync(database));
            Assert.Equal(facts, await FactRowsAsync(database));
            Assert.Equal(outbox, await CountAsync(database, d => d.IndicatorOutbox.CountAsync()));
            Assert.Equal(last, await RefreshedAtAsync(database));

            var retried = await refresher.RefreshAsync();
            Assert.False(retried.Full);
            Assert.Equal(2, retried.SourcesRederived);
            Assert.Equal(2, retried.FactsWritten);
            Assert.Equal(0, await CountAsync(database, d => d.IndicatorOutbox.CountAsync()));
            Assert.Equal(clock.GetUtcNow(), await RefreshedAtAsync(database));
            var after = await AssertEqualToAFullRebuildAsync(database, clock);
            Assert.Contains($"{RollupGrain.Year}|2|13|20190101|{FactKind.WorkerRegistered}|{facts.Count + 1}|0", after);
        }
    }

    private sealed class InjectedFault() : Exception("injected fault");

    /// <summary>Throws <see cref="InjectedFault"/> on the first statement that contains <paramref name="statement"/>, once.</summary>
    private sealed class FailOnce(string statement) : DbCommandInterceptor
    {
        public int Failed { get; private set; }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Fail(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Fail(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Fail(DbCommand command)
        {
            if (Failed == 0 && command.CommandText.Contains(statement, StringComparison.Ordinal))
            {
                Failed++;
                throw new InjectedFault();
            }
        }
    }

    /// <summary>The text of every statement a context sent through EF (not the facts' bulk append, which is the provider's own).</summary>
    private sealed class Statements : DbCommandInterceptor
    {
        public List<string> Texts { get; } = [];

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Texts.Add(command.CommandText.Trim());
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Texts.Add(command.CommandText.Trim());
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Texts.Add(command.CommandText.Trim());
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    private static async Task<int> CountAsync(PrivateDatabase database, Func<KexieDbContext, Task<int>> count)
    {
        await using var db = database.NewContext();
        return await count(db);
    }

    private static async Task<DateTimeOffset?> RefreshedAtAsync(PrivateDatabase database)
    {
        await using var db = database.NewContext();
        return (await db.IndicatorRefreshStates.AsNoTracking().SingleOrDefaultAsync())?.LastRefreshedAt;
    }

    /// <summary>Every fact row with its row id, in id order.</summary>
    private static async Task<List<FactRow>> FactRowsAsync(PrivateDatabase database)
    {
        await using var db = database.NewContext();
        return (await db.IndicatorFacts.AsNoTracking().OrderBy(f => f.Id).ToListAsync())
            .Select(f => new FactRow(f.Id, f.SourceId, f.Source, f.RegionCode, f.Kind, f.Day, f.Count, f.AmountFen))
            .ToList();
    }

    /// <summary>A fact row as stored, compared by value.</summary>
    private sealed record FactRow(long Id, Guid? SourceId, FactSource Source, string RegionCode, FactKind Kind, int Day, int Count, long AmountFen);

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

    private static async Task<RefreshResult> RefreshAsync(PrivateDatabase database, TimeProvider clock, bool full = false, params IInterceptor[] interceptors)
    {
        await using var db = database.NewContext(interceptors);
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
