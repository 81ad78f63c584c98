using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Data;

public static class DataServiceCollectionExtensions
{
    public const string DefaultSqlite = "Data Source=data/kexie.db";

    /// <summary>
    /// Registers <see cref="KexieDbContext"/> for the provider named by <c>Database:Provider</c>
    /// (<c>Sqlite</c>, the default, or <c>Postgres</c>) with <c>ConnectionStrings:Kexie</c>.
    /// Queries load owned collections with split queries: an entity with several (a 一单一策 plan has four:
    /// candidates, contacts, handler and status history) would otherwise be read as their cartesian product.
    /// </summary>
    public static IServiceCollection AddKexieData(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = ParseProvider(configuration["Database:Provider"]);
        var connectionString = configuration.GetConnectionString("Kexie");
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("使用 PostgreSQL 时必须配置连接字符串 ConnectionStrings:Kexie");
            }

            services.AddDbContext<KexieDbContext, PostgresKexieDbContext>(o => o.UseNpgsql(connectionString, x => x.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)));
        }
        else
        {
            connectionString = string.IsNullOrWhiteSpace(connectionString) ? DefaultSqlite : connectionString;
            EnsureSqliteFolder(connectionString);
            services.AddDbContext<KexieDbContext, SqliteKexieDbContext>(o => o.UseSqlite(connectionString, x => x.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)));
        }

        services.AddScoped<Seeding.DatabaseInitializer>();
        return services;
    }

    public static DatabaseProvider ParseProvider(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException($"不支持的数据库类型“{value}”（Database:Provider 可选 Sqlite 或 Postgres）"),
    };

    private static void EnsureSqliteFolder(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder) && builder.DataSource != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }
    }
}
