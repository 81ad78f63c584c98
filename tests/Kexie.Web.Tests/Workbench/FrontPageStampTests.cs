using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;
using Kexie.Domain.Popularization;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Workbench;

/// <summary>
/// The front page's stamp is per region subtree (<see cref="FrontPageStamp"/>): a write in one county moves the stamp of that
/// county and of its city, province and the whole platform, not that of a sibling county — also when the write is of a record
/// the counted one owns (a step, a review record), whose region is its owner's. 木里县 (513422) and 盐源县 (513423) of 凉山州
/// are used by no other test. Other tests write at the same time, so a sibling's "unchanged" is asserted on the versions of
/// its own subtree (a write elsewhere whose region cannot be named moves the province-wide row, which every stamp includes).
/// </summary>
public abstract class FrontPageStampTests(KexieApp app)
{
    private const string City = "5134";
    private const string County = "513422";
    private const string Sibling = "513423";

    private static readonly Actor Staff = new("front-page-stamp-staff", "木里县服务中心", UserRole.ServiceCenterStaff, County);

    private Task<long> StampAsync(string? scope) => app.QueryAsync(async db => (await FrontPageStamp.ReadAsync(db, scope)).Version);

    /// <summary>The versions of the regions of <paramref name="scope"/>'s subtree, without the province-wide row.</summary>
    private Task<long> OwnVersionsAsync(string scope) =>
        app.QueryAsync(db => db.FrontPageVersions.Where(v => RegionScope.Within(v.RegionCode, scope)).SumAsync(v => v.Version));

    private async Task<(long County, long City, long Province, long All, long Sibling)> SnapshotAsync() =>
        (await StampAsync(County), await StampAsync(City), await StampAsync("51"), await StampAsync(null), await OwnVersionsAsync(Sibling));

    [Fact]
    public async Task A_write_in_a_county_moves_its_own_and_its_ancestors_stamps_not_a_sibling_countys()
    {
        var before = await SnapshotAsync();
        var ownBefore = await OwnVersionsAsync(County);
        var content = ScienceContent.Create(new ScienceContentData(ScienceContentKind.Article, "木里县林下种植科普", "<p>正文</p>", "木里县科协", County), Staff);
        await app.QueryAsync(db =>
        {
            db.Add(content);
            return db.SaveChangesAsync();
        });

        var after = await SnapshotAsync();
        Assert.True(after.County > before.County, "the county's own stamp did not move");
        Assert.True(after.City > before.City, "the city's stamp did not move");
        Assert.True(after.Province > before.Province, "the province's stamp did not move");
        Assert.True(after.All > before.All, "the platform's stamp did not move");
        Assert.Equal(ownBefore + 1, await OwnVersionsAsync(County));
        Assert.Equal(before.Sibling, after.Sibling);

        // A change of only a record the content owns (its review record, a step of its workflow): no region of its own,
        // counted where its owner is.
        await app.QueryAsync(async db =>
        {
            var tracked = await db.Set<ScienceContent>().SingleAsync(c => c.Id == content.Id);
            tracked.Submit(Staff);
            await db.SaveChangesAsync();
            return 0;
        });
        Assert.Equal(ownBefore + 2, await OwnVersionsAsync(County));
        await app.QueryAsync(async db =>
        {
            var tracked = await db.Set<ScienceContent>().SingleAsync(c => c.Id == content.Id);
            var record = db.ChangeTracker.Entries().Single(e => e.Metadata.IsOwned() && ReferenceEquals(e.Entity, tracked.ReviewHistory[0]));
            record.State = EntityState.Modified;
            Assert.Equal(EntityState.Unchanged, db.Entry(tracked).State);
            await db.SaveChangesAsync();
            return 0;
        });
        Assert.Equal(ownBefore + 3, await OwnVersionsAsync(County));
        Assert.Equal(before.Sibling, await OwnVersionsAsync(Sibling));
        Assert.True(await StampAsync(City) > after.City);
    }

    [Fact]
    public async Task A_record_moved_to_another_county_moves_both_counties()
    {
        var content = ScienceContent.Create(new ScienceContentData(ScienceContentKind.Article, "盐源县苹果种植科普", "<p>正文</p>", "凉山州科协", Sibling), new Actor("front-page-stamp-city", "凉山州科协", UserRole.AssociationAdmin, City));
        await app.QueryAsync(db =>
        {
            db.Add(content);
            return db.SaveChangesAsync();
        });
        var (county, sibling) = (await OwnVersionsAsync(County), await OwnVersionsAsync(Sibling));

        // Moved from 盐源县 to 木里县: both counties' counts change.
        await app.QueryAsync(async db =>
        {
            var tracked = await db.Set<ScienceContent>().SingleAsync(c => c.Id == content.Id);
            db.Entry(tracked).Property(nameof(ScienceContent.RegionCode)).CurrentValue = County;
            await db.SaveChangesAsync();
            return 0;
        });
        Assert.Equal((county + 1, sibling + 1), (await OwnVersionsAsync(County), await OwnVersionsAsync(Sibling)));
    }
}

public sealed class FrontPageStampSqliteTests(SqliteApp app) : FrontPageStampTests(app);

public sealed class FrontPageStampPostgresTests(PostgresApp app) : FrontPageStampTests(app);
