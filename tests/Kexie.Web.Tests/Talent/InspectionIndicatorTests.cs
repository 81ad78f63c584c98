using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Indicators;
using Kexie.Domain.Talent;
using Microsoft.EntityFrameworkCore;

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
}

public sealed class InspectionIndicatorSqliteTests(SqliteApp app) : InspectionIndicatorTests(app);

public sealed class InspectionIndicatorPostgresTests(PostgresApp app) : InspectionIndicatorTests(app);
