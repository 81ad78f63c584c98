using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

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
