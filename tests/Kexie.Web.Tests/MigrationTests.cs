using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests;

/// <summary>The migrations of each provider match the model: nobody changed an entity without adding a migration.</summary>
public abstract class MigrationTests(KexieApp app)
{
    [Fact]
    public async Task The_model_has_no_changes_missing_from_the_migrations()
    {
        Assert.False(await app.QueryAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())), "实体模型已改变但缺少迁移：请为 SQLite 和 PostgreSQL 各添加一个迁移");
        Assert.Empty(await app.QueryAsync(db => db.Database.GetPendingMigrationsAsync()));
    }
}

public sealed class MigrationSqliteTests(SqliteApp app) : MigrationTests(app);

public sealed class MigrationPostgresTests(PostgresApp app) : MigrationTests(app);
