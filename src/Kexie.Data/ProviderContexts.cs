using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Kexie.Data;

/// <summary>SQLite: the embedded default. Stores times as UTC ticks and money as 分 so both sort and sum in SQL.</summary>
public sealed class SqliteKexieDbContext(DbContextOptions<SqliteKexieDbContext> options, ICurrentActor? currentActor = null)
    : KexieDbContext(options, currentActor)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        builder.Properties<decimal>().HaveConversion<YuanToFenConverter>();
    }
}

/// <summary>PostgreSQL: production and CI.</summary>
public sealed class PostgresKexieDbContext(DbContextOptions<PostgresKexieDbContext> options, ICurrentActor? currentActor = null)
    : KexieDbContext(options, currentActor)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<decimal>().HavePrecision(18, 2);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // The dashboard's "of which demo data" (IndicatorService.SyntheticTotalsAsync: synthetic facts of a region up to a
        // day, grouped by kind) reads this partial index only (index-only scan): 12,468 facts of a county in 6 ms, against
        // 360 ms through the region index and the heap, where synthetic facts lie among the refresher's (migration
        // Db13ReadIndexes; the region column gets the pattern class from RegionPrefixIndexes below).
        builder.Entity<Indicators.IndicatorFactRow>().HasIndex(f => new { f.RegionCode, f.Day }, "IX_IndicatorFacts_Synthetic")
            .IncludeProperties(f => new { f.Kind, f.Count, f.AmountFen })
            .HasFilter($"\"Source\" = {(int)Kexie.Domain.Indicators.FactSource.Synthetic}");

        // The workers' region index carries the public flag, so a count of the workers an actor sees in a region (the
        // signed-in front page: public profiles or the managed region) is an index-only scan, not one heap page a worker.
        builder.Entity<Kexie.Domain.Directory.ScienceWorker>().HasIndex(w => w.RegionCode).IncludeProperties(w => new { w.IsPublicProfile });

        // The needs' and offers' region indexes carry what a region's public list page filters and sorts on, and the id:
        // the page's keys (KeysetPaging.PageAsync, rowsById) and its capped count are index-only scans of a county's
        // entries (612 offers of 大英县: 11 buffers against 680, one heap page an offer), then 20 rows are read by id
        // (migration Db14ListIndexes).
        builder.Entity<Kexie.Domain.Market.Need>().HasIndex(n => n.RegionCode)
            .IncludeProperties(n => new { n.Id, n.Status, n.Visibility, n.PublishedAt, n.CreatedAt });
        builder.Entity<Kexie.Domain.Market.Offer>().HasIndex(o => o.RegionCode)
            .IncludeProperties(o => new { o.Id, o.Status, o.Kind, o.PublishedAt, o.CreatedAt });

        RegionPrefixIndexes.Apply(builder);
        TextSearch.Map(builder);

        // A ranking's day segments (the days of the current period after its last whole month: IndicatorEngine.SumAllAsync,
        // "Grain" = 1, all peers' codes in a range) read this index, whose day comes before the region: 2,340 rows of 183
        // counties' six days in 300 buffers, where the primary key (region before day) walked every county's every day
        // (16,000 buffers, 2.6 s cold). Day rows of provinces, cities and counties only: a township's peers lie in one
        // county, a short range of the primary key. Declared after RegionPrefixIndexes.Apply: the region is compared by
        // range (>=, <), which only the default operator class serves (migration Db13ReadIndexes).
        builder.Entity<Indicators.IndicatorRollupRow>().HasIndex(x => new { x.Grain, x.Level, x.Day, x.RegionCode }, "IX_IndicatorRollups_Days")
            .IncludeProperties(x => new { x.Kind, x.Count, x.AmountFen })
            .HasFilter($"\"Grain\" = {(int)Kexie.Domain.Indicators.RollupGrain.Day} AND \"Level\" <= 6");

        // The directories' list-order indexes carry the public list's filter column, so the skip to a deep page by number
        // (KeysetPaging.SeekFromPage) is an index-only scan; the needs' and offers' expression indexes do the same in
        // migration ListOrderCoveringIndexes (raw SQL).
        builder.Entity<Kexie.Domain.Directory.ScienceWorker>().HasIndex(w => new { w.RegionCode, w.Name, w.Id }, "IX_ScienceWorkers" + RegionPrefixIndexes.ListOrderSuffix)
            .IncludeProperties(w => new { w.IsPublicProfile });
        builder.Entity<Kexie.Domain.Directory.Organization>().HasIndex(o => new { o.RegionCode, o.Name, o.Id }, "IX_Organizations" + RegionPrefixIndexes.ListOrderSuffix)
            .IncludeProperties(o => new { o.IsVerified });

        // The front-page stamp's read ("RegionCode" = '' OR "RegionCode" LIKE '511324%', FrontPageStamp.ReadAsync) is a prefix
        // test, which the primary key's default class cannot serve under the database's collation. "Version" is left out of
        // the index, so the stamp's upserts stay heap-only (HOT) updates that write no index entry.
        builder.Entity<FrontPageVersion>().HasIndex(v => v.RegionCode, "IX_FrontPageVersion_RegionCode_prefix").HasOperators(RegionPrefixIndexes.Operators);
    }
}

/// <summary>
/// Region scope is a prefix match on a region code (<c>RegionCode LIKE '510923%'</c>, from <c>StartsWith</c>). A
/// PostgreSQL B-tree index serves such a LIKE only under the "C" collation or with a pattern operator class; databases
/// are created with the locale's collation (C.UTF-8, zh_CN.UTF-8…), so without this every region-scoped count and list
/// scanned its whole table (507 ms → 12 ms for one county's workers in a 72k-worker table). Every index column holding a
/// region code gets <c>varchar_pattern_ops</c>, which serves equality and prefix LIKE alike; the region table's code gets
/// a second index of its own (its primary key keeps the default class). A list-order index (named
/// <c>IX_*_ListOrder</c>) keeps the default class: it serves <c>ORDER BY</c> and the keyset range of a list's pages,
/// which a pattern class cannot.
/// </summary>
public static class RegionPrefixIndexes
{
    public const string Operators = "varchar_pattern_ops";

    /// <summary>The name ending of a list-order index, which keeps the default operator class.</summary>
    public const string ListOrderSuffix = "_ListOrder";

    public static bool IsRegionCode(Microsoft.EntityFrameworkCore.Metadata.IReadOnlyProperty property) =>
        property.ClrType == typeof(string) && property.Name.EndsWith("RegionCode", StringComparison.Ordinal);

    public static void Apply(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            foreach (var index in entity.GetDeclaredIndexes())
            {
                if (index.Properties.Any(IsRegionCode) && index.GetDatabaseName()?.EndsWith(ListOrderSuffix, StringComparison.Ordinal) != true)
                {
                    index.SetOperators(index.Properties.Select(p => IsRegionCode(p) ? Operators : null).ToArray()!);
                }
            }
        }

        builder.Entity<Kexie.Domain.Regions.Region>().HasIndex(r => r.Code, "IX_Regions_Code_prefix").HasOperators(Operators);
    }
}

/// <summary>Money in 元 with two decimals stored losslessly as an integer number of 分.</summary>
public sealed class YuanToFenConverter() : ValueConverter<decimal, long>(
    yuan => (long)(yuan * 100m),
    fen => fen / 100m);

/// <summary>Lets `dotnet ef` build the SQLite context at design time.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteKexieDbContext>
{
    public SqliteKexieDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteKexieDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets `dotnet ef` build the PostgreSQL context at design time (no connection is opened).</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresKexieDbContext>
{
    public PostgresKexieDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresKexieDbContext>().UseNpgsql("Host=localhost;Database=kexie_design").Options);
}
