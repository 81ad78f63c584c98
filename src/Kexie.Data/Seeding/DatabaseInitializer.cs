using Kexie.Data.SharedData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kexie.Data.Seeding;

/// <summary>Applies migrations and loads reference data (regions, taxonomy) when the database is new.</summary>
public sealed class DatabaseInitializer(KexieDbContext db, ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAndLoadReferenceDataAsync(string sharedDataPath, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging: readers no longer block the writer nor the writer the readers, so a long list or
            // report does not hold a sign-up or an order step waiting for the lock. The mode is kept in the file;
            // synchronous stays FULL, so a committed write survives a crash.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        if (!await db.Regions.AnyAsync(ct))
        {
            var regions = RegionTreeReader.Read(sharedDataPath);
            await BulkAddAsync(regions, ct);
            logger.LogInformation("已导入行政区划 {Count} 条", regions.Count);
        }

        if (!await db.Disciplines.AnyAsync(ct))
        {
            var disciplines = TaxonomyReader.ReadDisciplines(sharedDataPath);
            var industries = TaxonomyReader.ReadIndustries(sharedDataPath);
            await BulkAddAsync(disciplines, ct);
            await BulkAddAsync(industries, ct);
            logger.LogInformation("已导入学科 {Disciplines} 条、行业 {Industries} 条", disciplines.Count, industries.Count);
        }

        // Each code list starts from its seeds once (a new database, or one created before the lists were tables);
        // after that it is the admins' to extend.
        foreach (var type in Kexie.Domain.Dictionaries.DictionaryTypes.All)
        {
            if (!await db.DictionaryEntries.AnyAsync(e => e.Type == type.Type, ct))
            {
                var seeds = Kexie.Domain.Dictionaries.DictionarySeeds.Entries(type.Type);
                db.DictionaryEntries.AddRange(seeds);
                try
                {
                    await db.SaveChangesAsync(ct);
                    logger.LogInformation("已建立数据字典“{Type}” {Count} 条", type.ChineseName, seeds.Count);
                }
                catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
                {
                    // Another node starting at the same moment seeded it first.
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }
        }
    }

    private async Task BulkAddAsync<T>(IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var chunk in rows.Chunk(5000))
            {
                db.AddRange(chunk);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }

            await tx.CommitAsync(ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }
}
