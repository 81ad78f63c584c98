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

            connectionString = WithoutResetOnClose(connectionString);
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

    /// <summary>
    /// The PostgreSQL connection string with <c>No Reset On Close=true</c> unless it says otherwise. By default Npgsql
    /// resets a pooled connection when it is returned (<c>DISCARD ALL</c> sent with the next use): a round trip for every
    /// connection a request opens, half of all statements of the signed-in pages. The application leaves no session state
    /// on a connection for the next user to find: no <c>SET</c>, no temporary tables, no <c>LISTEN</c>, no prepared
    /// statements of its own, advisory locks only transaction-scoped (<c>pg_advisory_xact_lock</c>), and <c>COPY</c> ends
    /// with its command; a transaction left open is rolled back on return with or without the reset. A deployment that
    /// adds session state sets <c>No Reset On Close=false</c> in its connection string.
    /// </summary>
    public static string WithoutResetOnClose(string connectionString) =>
        System.Text.RegularExpressions.Regex.IsMatch(connectionString, @"No\s*Reset\s*On\s*Close", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
            ? connectionString
            : connectionString.TrimEnd().TrimEnd(';') + ";No Reset On Close=true";

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
