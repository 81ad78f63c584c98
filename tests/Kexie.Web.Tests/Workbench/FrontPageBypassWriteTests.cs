using Kexie.Data;
using Kexie.Data.Bulk;
using Kexie.Domain.Authorization;
using Kexie.Domain.Directory;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Workbench;

/// <summary>
/// Writes that bypass SaveChanges (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>, <c>COPY</c>) of records a front page counts move
/// the stamp of the county they wrote in through <see cref="FrontPageStamp.WriteAsync{T}"/> (<see cref="FrontPageStamp.WriteRowsAsync{TEntity}"/>),
/// in the write's transaction — the caller's, committed or rolled back with it, or one of its own — and not a sibling county's.
/// 德昌县 (513424) and 会理市 (513425) of 凉山州 are used by no other test; other tests write elsewhere at the same time, so the
/// counties' own versions are compared (the province-wide row, which every stamp includes, may move under any write).
/// </summary>
public abstract class FrontPageBypassWriteTests(KexieApp app)
{
    protected const string County = "513424";
    protected const string Sibling = "513425";

    protected KexieApp App { get; } = app;

    protected async Task<(long County, long Sibling)> VersionsAsync() =>
        (await App.QueryAsync(db => db.FrontPageVersions.Where(v => RegionScope.Within(v.RegionCode, County)).SumAsync(v => v.Version)),
         await App.QueryAsync(db => db.FrontPageVersions.Where(v => RegionScope.Within(v.RegionCode, Sibling)).SumAsync(v => v.Version)));

    [Fact]
    public async Task An_update_or_delete_past_SaveChanges_moves_the_stamp_of_the_county_it_wrote_in_within_its_transaction()
    {
        var organization = Organization.Create(new OrganizationData($"德昌县测试企业{Guid.NewGuid().ToString("N")[..6]}", OrganizationKind.Enterprise,
            AccessScopeTests.NewCreditCode(County), null, County, null, null, null), _ => true);
        await App.QueryAsync(db =>
        {
            db.Organizations.Add(organization);
            return db.SaveChangesAsync();
        });
        var (county, sibling) = await VersionsAsync();
        Task<int> Verify(KexieDbContext db, bool verified) => FrontPageStamp.WriteRowsAsync(db, db.Organizations.Where(o => o.Id == organization.Id),
            (rows, ct) => rows.ExecuteUpdateAsync(s => s.SetProperty(o => o.IsVerified, verified), ct));

        // No transaction of the caller's: one of its own.
        Assert.Equal(1, await App.QueryAsync(db => Verify(db, true)));
        Assert.Equal((county + 1, sibling), await VersionsAsync());
        Assert.True(await App.QueryAsync(db => db.Organizations.AnyAsync(o => o.Id == organization.Id && o.IsVerified)));

        // In the caller's transaction: nothing moves when it is rolled back, the county when it commits.
        await App.QueryAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await Verify(db, false);
            await tx.RollbackAsync();
            return 0;
        });
        Assert.Equal((county + 1, sibling), await VersionsAsync());
        await App.QueryAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await Verify(db, false);
            await tx.CommitAsync();
            return 0;
        });
        Assert.Equal((county + 2, sibling), await VersionsAsync());

        // Moved to the sibling county: both; then deleted there: the sibling only.
        await App.QueryAsync(db => FrontPageStamp.WriteRowsAsync(db, db.Organizations.Where(o => o.Id == organization.Id),
            (rows, ct) => rows.ExecuteUpdateAsync(s => s.SetProperty(o => o.RegionCode, Sibling), ct), movedTo: Sibling));
        Assert.Equal((county + 3, sibling + 1), await VersionsAsync());
        Assert.Equal(1, await App.QueryAsync(db => FrontPageStamp.WriteRowsAsync(db, db.Organizations.Where(o => o.Id == organization.Id),
            (rows, ct) => rows.ExecuteDeleteAsync(ct))));
        Assert.Equal((county + 3, sibling + 2), await VersionsAsync());
    }
}

public sealed class FrontPageBypassWriteSqliteTests(SqliteApp app) : FrontPageBypassWriteTests(app);

public sealed class FrontPageBypassWritePostgresTests(PostgresApp app) : FrontPageBypassWriteTests(app)
{
    /// <summary>The province generator's bulk path: a COPY of science workers moves their county's stamp in the COPY's transaction.</summary>
    [Fact]
    public async Task A_copy_of_science_workers_moves_their_countys_stamp_not_a_siblings()
    {
        var (county, sibling) = await VersionsAsync();
        var worker = ScienceWorker.Create(new ScienceWorkerData("德昌县测试专家", Gender.Female, 1980, "德昌县农业农村局", "农艺师", [], "大学本科", null, KexieApp.NewPhone(), County, false), _ => true);
        Assert.Equal(1, await App.QueryAsync(db => PostgresCopy.CopyAsync(db, [worker])));
        Assert.Equal((county + 1, sibling), await VersionsAsync());
        Assert.True(await App.QueryAsync(db => db.ScienceWorkers.AnyAsync(w => w.Id == worker.Id && w.RegionCode == County)));

        // In a caller's transaction rolled back: neither the rows nor the stamp.
        var another = ScienceWorker.Create(new ScienceWorkerData("德昌县测试专家二", Gender.Male, 1982, "德昌县农业农村局", "农艺师", [], "大学本科", null, KexieApp.NewPhone(), County, false), _ => true);
        await App.QueryAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await PostgresCopy.CopyAsync(db, [another]);
            await tx.RollbackAsync();
            return 0;
        });
        Assert.Equal((county + 1, sibling), await VersionsAsync());
        Assert.False(await App.QueryAsync(db => db.ScienceWorkers.AnyAsync(w => w.Id == another.Id)));
    }
}
