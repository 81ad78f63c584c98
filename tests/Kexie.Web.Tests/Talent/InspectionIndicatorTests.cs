using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Indicators;
using Kexie.Domain.Talent;
using Kexie.Data.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kexie.Web.Tests.Talent;

/// <summary>
/// 学会年检合格率 (W13) follows a 年检 decision through the incremental refresh in both its parts: the decision queues the 年检 (the
/// passed count) and its society, whose due years are derived again up to the current year — so a year begun since the society last
/// changed counts it as due without waiting for a full refresh. The records are written and rolled back in one transaction (no other
/// test sees them, and the background refresher cannot take the queue in between).
/// </summary>
public abstract class InspectionIndicatorTests(KexieApp app)
{
    [Fact]
    public async Task A_decided_inspection_queues_itself_and_its_societys_due_years_for_the_incremental_refresh()
    {
        var actor = new Actor("w13-outbox", "测试管理员", UserRole.AssociationAdmin, "511025");
        var today = new DateOnly(2014, 3, 31);
        var queued = await app.QueryAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var society = Association.Create(new AssociationData($"资中县蚕桑学会{Guid.NewGuid().ToString("N")[..6]}", AssociationKind.Society, "511025", null, null, new DateOnly(2005, 4, 1)));
            db.Associations.Add(society);
            var inspection = Inspection.Submit(new ManagedAssociation(society.Id, society.Name, society.RegionCode), new InspectionData(2013, 64, 2, "年度工作报告", new DateOnly(2014, 3, 20)), actor, today);
            db.Inspections.Add(inspection);
            await db.SaveChangesAsync();

            // What the creation queued is taken, as a refresh would; then the county decides.
            await db.IndicatorOutbox.Where(o => o.SourceId == society.Id || o.SourceId == inspection.Id).ExecuteDeleteAsync();
            inspection.Decide(InspectionStatus.Passed, new DateOnly(2014, 3, 28), null, actor, today);
            await db.SaveChangesAsync();
            var rows = await db.IndicatorOutbox.AsNoTracking().Where(o => o.SourceId == society.Id || o.SourceId == inspection.Id)
                .Select(o => new { o.Source, o.SourceId }).ToListAsync();
            await tx.RollbackAsync();
            return rows.Select(r => (r.Source, Society: r.SourceId == society.Id)).ToList();
        });

        Assert.Equal([(FactSource.Association, true), (FactSource.Inspection, false)], queued.OrderBy(q => q.Society ? 0 : 1));
    }

    /// <summary>
    /// A new year with no write still makes every 学会、协会、农技协 due a 年检 for it: the first refresh after 1 January (China time) takes
    /// them with the response plans the calendar settled, and re-derives their due years to the new one; within a year nothing is taken.
    /// </summary>
    [Fact]
    public async Task A_new_year_makes_every_society_due_on_the_first_refresh_without_a_write()
    {
        var year = TestYears.Next(app.Provider);
        var china = TimeSpan.FromHours(8);
        var lastOfYear = new DateTimeOffset(year, 12, 31, 23, 30, 0, china);
        var newYear = new DateTimeOffset(year + 1, 1, 1, 0, 30, 0, china);
        var summer = new DateTimeOffset(year + 1, 7, 1, 10, 0, 0, china);
        var found = await app.QueryAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var token = Guid.NewGuid().ToString("N")[..6];
            var society = Association.Create(new AssociationData($"资中县果树学会{token}", AssociationKind.Society, "511025", null, null, new DateOnly(2005, 4, 1)));
            var rural = Association.Create(new AssociationData($"资中县血橙农村专业技术协会{token}", AssociationKind.RuralTechAssociation, "511025", null, null, new DateOnly(2010, 5, 1)));
            var kexie = Association.Create(new AssociationData($"资中县某企业科协{token}", AssociationKind.EnterpriseKexie, "511025", null, null, new DateOnly(2010, 5, 1)));
            db.Associations.AddRange(society, rural, kexie);
            await db.SaveChangesAsync();
            var refresher = new IndicatorRefresher(db, TimeProvider.System, NullLogger<IndicatorRefresher>.Instance);
            var atNewYear = await refresher.DueByTheCalendarAsync(lastOfYear, newYear);
            var withinYear = await refresher.DueByTheCalendarAsync(newYear, summer);

            // 16:00 UTC on 31 December is already 1 January in China.
            var utcEve = await refresher.DueByTheCalendarAsync(new DateTimeOffset(year, 12, 31, 15, 59, 0, TimeSpan.Zero), new DateTimeOffset(year, 12, 31, 16, 1, 0, TimeSpan.Zero));
            await tx.RollbackAsync();
            bool Has(IReadOnlyList<(FactSource Source, Guid SourceId)> due, Association a) => due.Contains((FactSource.Association, a.Id));
            return new { Society = Has(atNewYear, society), Rural = Has(atNewYear, rural), Kexie = Has(atNewYear, kexie), Within = Has(withinYear, society), UtcEve = Has(utcEve, society), society };
        });

        Assert.True(found.Society);
        Assert.True(found.Rural);
        Assert.False(found.Kexie);
        Assert.False(found.Within);
        Assert.True(found.UtcEve);

        // What the refresh then derives for the society: one due fact per year to the new one (31 December of each).
        var days = FactDerivation.From(found.society, ChinaTime.DateOf(newYear)).Select(f => f.Day).ToList();
        Assert.Equal(ChinaTime.DayKey(new DateOnly(year + 1, 12, 31)), days.Max());
        Assert.Equal(year + 1 - 2005 + 1, days.Count);
    }
}

public sealed class InspectionIndicatorSqliteTests(SqliteApp app) : InspectionIndicatorTests(app);

public sealed class InspectionIndicatorPostgresTests(PostgresApp app) : InspectionIndicatorTests(app);
