using Kexie.Data;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Notifications;

/// <summary>
/// Migration Ux17NotificationShownKinds on each provider: rows saved before <c>ShownKinds</c> existed get the kinds their page
/// showed, from when they saved; nobody's explicit choice changes and a kind added after they saved follows the default.
/// </summary>
public abstract class ShownKindsMigrationTests(KexieApp app, Migration migration)
{
    private async Task<string> SavedAsync(DateTimeOffset savedAt, params NotificationKind[] email)
    {
        string id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = $"sk-{Guid.NewGuid():N}"[..16], DisplayName = "迁移测试 周宁", Role = UserRole.OrganizationMember, RegionCode = "510923", EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, Kexie.Data.Seeding.DemoSeeder.DemoPassword)).Succeeded);
            id = user.Id;
        }

        await app.QueryAsync(async db =>
        {
            var preference = NotificationPreference.Defaults(id);
            preference.Set(email, [], dailyDigest: true, savedAt);
            db.Add(preference);
            await db.SaveChangesAsync();

            // As the row stood before the migration: no kinds recorded as shown.
            return await db.Set<NotificationPreference>().Where(p => p.UserId == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.ShownKinds, 0));
        });
        return id;
    }

    [Fact]
    public async Task Rows_saved_before_a_kind_existed_get_its_default_and_explicit_choices_stay()
    {
        var early = await SavedAsync(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero), NotificationKind.OrderInquiry);
        var between = await SavedAsync(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero), NotificationKind.OrderInquiry);
        var late = await SavedAsync(new DateTimeOffset(2026, 12, 6, 20, 0, 0, TimeSpan.Zero), NotificationKind.OrderInquiry);

        // The migration's own statement, limited to these rows (the test database is shared).
        var sql = Assert.Single(migration.UpOperations.OfType<SqlOperation>()).Sql.TrimEnd().TrimEnd(';');
        var statement = sql + " WHERE \"UserId\" IN ('" + string.Join("', '", early, between, late) + "')";
        await app.QueryAsync(db => db.Database.ExecuteSqlRawAsync(statement));

        var rows = await app.QueryAsync(db => db.Set<NotificationPreference>().AsNoTracking().Where(p => p.UserId == early || p.UserId == between || p.UserId == late).ToDictionaryAsync(p => p.UserId));
        foreach (var row in rows.Values)
        {
            // Chosen everywhere: in for inquiries, out of review results; 订阅推送 off (chosen, or the opt-in default).
            Assert.True(row.Wants(NotificationKind.OrderInquiry, NotificationChannel.Email));
            Assert.False(row.Wants(NotificationKind.ReviewApproved, NotificationChannel.Email));
            Assert.False(row.Wants(NotificationKind.SubscribedContent, NotificationChannel.Email));
        }

        // Saved before 志愿者招募 and 活动报名 existed: both by default.
        Assert.True(rows[early].Wants(NotificationKind.VolunteerRecruitment, NotificationChannel.Email));
        Assert.True(rows[early].Wants(NotificationKind.ActivityRegistration, NotificationChannel.Email));

        // Saved after 志愿者招募, before 活动报名: out of the first (their choice), the second by default.
        Assert.False(rows[between].Wants(NotificationKind.VolunteerRecruitment, NotificationChannel.Email));
        Assert.True(rows[between].Wants(NotificationKind.ActivityRegistration, NotificationChannel.Email));

        // Saved after both: out of both, as they chose.
        Assert.False(rows[late].Wants(NotificationKind.VolunteerRecruitment, NotificationChannel.Email));
        Assert.False(rows[late].Wants(NotificationKind.ActivityRegistration, NotificationChannel.Email));
        Assert.Equal(NotificationPreference.AllKinds, rows[late].ShownKinds);
    }
}

public sealed class ShownKindsMigrationSqliteTests(SqliteApp app) : ShownKindsMigrationTests(app, new Kexie.Data.Migrations.Sqlite.Ux17NotificationShownKinds());

public sealed class ShownKindsMigrationPostgresTests(PostgresApp app) : ShownKindsMigrationTests(app, new Kexie.Data.Migrations.Postgres.Ux17NotificationShownKinds());
