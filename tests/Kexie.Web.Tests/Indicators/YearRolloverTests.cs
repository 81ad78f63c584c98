using Kexie.Data;
using Kexie.Data.Indicators;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Indicators;
using Kexie.Domain.Talent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kexie.Web.Tests.Indicators;

/// <summary>
/// 学会年检合格率 (W13) at a new year: the first refresh of the year appends the new year's due facts of the 学会、协会、农技协 that no
/// write changed, instead of deriving every year of every society again, and leaves exactly the facts and rollups a full rebuild
/// of the same records leaves — with societies founded, dissolved, moved and 年检-decided during the old year, some of them
/// refreshed before the year ended and some still queued when it began. The refresher's state (its last refresh time, every
/// fact and rollup) is one per database, so the test runs in a database of its own (<see cref="PrivateDatabase"/>) under a
/// clock of its own: no other test moves that state under it, and it moves none under them.
/// </summary>
public abstract class YearRolloverTests(KexieApp app)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly Actor Admin = new("w13-rollover", "测试管理员", UserRole.AssociationAdmin, "51");

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }

    [Fact]
    public async Task The_new_years_first_refresh_appends_only_that_years_facts_and_equals_a_full_rebuild()
    {
        await using var database = await PrivateDatabase.CreateAsync(app.Provider);
        var clock = new ManualClock(new DateTimeOffset(2013, 3, 1, 10, 0, 0, China));

        // Before the old year's first refresh: societies of two counties, a 农技协, an enterprise 科协 (never due), one to be
        // dissolved. The first refresh of the database is a full one.
        Association Society(string name, AssociationKind kind, string region, DateOnly? established)
        {
            var association = Association.Create(new AssociationData(name, kind, region, null, null, established));
            association.CreatedAt = association.UpdatedAt = clock.GetUtcNow();
            return association;
        }

        var orchard = Society("江油市果树学会", AssociationKind.Society, "510781", new DateOnly(2005, 4, 1));
        var rural = Society("三台县蚕桑农村专业技术协会", AssociationKind.RuralTechAssociation, "510722", new DateOnly(2010, 5, 1));
        var enterprise = Society("江油市某企业科协", AssociationKind.EnterpriseKexie, "510781", new DateOnly(2010, 5, 1));
        var dissolved = Society("三台县养蜂协会", AssociationKind.Association, "510722", new DateOnly(2008, 9, 1));
        await WriteAsync(database, db => db.Associations.AddRange(orchard, rural, enterprise, dissolved));
        var first = await RefreshAsync(database, clock);
        Assert.True(first.Full);

        // During the old year, refreshed: a society founded on the platform (no date of establishment: its first year is
        // the year it was registered), a 年检 of 2012 decided, the 农技协 moved to another county.
        clock.Now = new DateTimeOffset(2013, 6, 15, 9, 0, 0, China);
        var founded = Society("江油市中药材学会", AssociationKind.Society, "510781", null);
        await WriteAsync(database, async db =>
        {
            db.Associations.Add(founded);
            var inspection = Inspection.Submit(new ManagedAssociation(orchard.Id, orchard.Name, orchard.RegionCode), new InspectionData(2012, 64, 2, "年度工作报告", new DateOnly(2013, 6, 1)), Admin, new DateOnly(2013, 6, 15));
            inspection.Decide(InspectionStatus.Passed, new DateOnly(2013, 6, 10), null, Admin, new DateOnly(2013, 6, 15));
            db.Inspections.Add(inspection);
            var moved = await db.Associations.SingleAsync(a => a.Id == rural.Id);
            moved.Update(new AssociationData(moved.Name, moved.Kind, "510723", moved.ParentId, moved.CreditCode, moved.EstablishedOn));
        });
        Assert.False((await RefreshAsync(database, clock)).Full);

        // On the old year's last evening, not refreshed before the year ends: one dissolved, one registered, a 年检 of the
        // 农技协 decided — all still queued when the new year's first refresh runs.
        clock.Now = new DateTimeOffset(2013, 12, 31, 20, 0, 0, China);
        var late = Society("盐亭县核桃农村专业技术协会", AssociationKind.RuralTechAssociation, "510723", null);
        await WriteAsync(database, async db =>
        {
            db.Associations.Remove(await db.Associations.SingleAsync(a => a.Id == dissolved.Id));
            db.Associations.Add(late);
            var inspection = Inspection.Submit(new ManagedAssociation(rural.Id, rural.Name, "510723"), new InspectionData(2013, 31, 0, "年度工作报告", new DateOnly(2013, 12, 30)), Admin, new DateOnly(2013, 12, 31));
            inspection.Decide(InspectionStatus.BasicallyPassed, new DateOnly(2013, 12, 31), "会员台账不全", Admin, new DateOnly(2013, 12, 31));
            db.Inspections.Add(inspection);
        });
        var orchardBefore = await FactIdsAsync(database, orchard.Id);
        Assert.Equal(2013 - 2005 + 1, orchardBefore.Count);

        // The new year's first refresh (00:30 on 1 January, China time).
        clock.Now = new DateTimeOffset(2014, 1, 1, 0, 30, 0, China);
        var rollover = await RefreshAsync(database, clock);
        Assert.False(rollover.Full);

        // The society no write touched kept its facts (the same rows) and gained one: due in 2014.
        var orchardAfter = await FactIdsAsync(database, orchard.Id);
        Assert.Subset(orchardAfter.ToHashSet(), orchardBefore.ToHashSet());
        Assert.Equal(orchardBefore.Count + 1, orchardAfter.Count);
        var incremental = await SnapshotAsync(database);
        Assert.Contains($"510781|{FactKind.InspectionsDue}|20141231|1|0|{FactSource.Association}|{orchard.Id}", incremental.Facts);
        Assert.DoesNotContain(incremental.Facts, f => f.EndsWith(dissolved.Id.ToString(), StringComparison.Ordinal) || f.EndsWith(enterprise.Id.ToString(), StringComparison.Ordinal));

        // Nothing is due again within the year.
        clock.Now = new DateTimeOffset(2014, 1, 1, 8, 0, 0, China);
        Assert.Equal(0, (await RefreshAsync(database, clock)).FactsWritten);

        // A full rebuild of the same records at the same time gives the same facts and rollups.
        Assert.True((await RefreshAsync(database, clock, full: true)).Full);
        var full = await SnapshotAsync(database);
        Assert.Equal(full.Facts, incremental.Facts);
        Assert.Equal(full.Rollups, incremental.Rollups);

        // Two years begun since the last refresh (no refresh in 2015): both are appended; again a full rebuild's result.
        clock.Now = new DateTimeOffset(2016, 2, 1, 9, 0, 0, China);
        var foundedFacts = (await FactIdsAsync(database, founded.Id)).Count;
        Assert.False((await RefreshAsync(database, clock)).Full);
        Assert.Equal(foundedFacts + 2, (await FactIdsAsync(database, founded.Id)).Count);
        var twoYears = await SnapshotAsync(database);
        await RefreshAsync(database, clock, full: true);
        var fullAgain = await SnapshotAsync(database);
        Assert.Equal(fullAgain.Facts, twoYears.Facts);
        Assert.Equal(fullAgain.Rollups, twoYears.Rollups);
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

    private static async Task<List<long>> FactIdsAsync(PrivateDatabase database, Guid source)
    {
        await using var db = database.NewContext();
        return await db.IndicatorFacts.AsNoTracking().Where(f => f.SourceId == source).Select(f => f.Id).ToListAsync();
    }

    /// <summary>Every fact (without its row id) and every rollup row, in one order.</summary>
    private static async Task<(List<string> Facts, List<string> Rollups)> SnapshotAsync(PrivateDatabase database)
    {
        await using var db = database.NewContext();
        var facts = (await db.IndicatorFacts.AsNoTracking().ToListAsync())
            .Select(f => $"{f.RegionCode}|{f.Kind}|{f.Day}|{f.Count}|{f.AmountFen}|{f.Source}|{f.SourceId}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var rollups = (await db.IndicatorRollups.AsNoTracking().ToListAsync())
            .Select(r => $"{r.Grain}|{r.Level}|{r.RegionCode}|{r.Day}|{r.Kind}|{r.Count}|{r.AmountFen}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(facts);
        return (facts, rollups);
    }
}

public sealed class YearRolloverSqliteTests(SqliteApp app) : YearRolloverTests(app);

public sealed class YearRolloverPostgresTests(PostgresApp app) : YearRolloverTests(app);
