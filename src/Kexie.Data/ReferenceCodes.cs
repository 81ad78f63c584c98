using Microsoft.EntityFrameworkCore;

namespace Kexie.Data;

/// <summary>The sets of valid region, discipline and industry codes, loaded once per unit of work.</summary>
public sealed class ReferenceCodes
{
    private ReferenceCodes(HashSet<string> regions, HashSet<string> disciplines, HashSet<string> industries)
    {
        Regions = regions;
        Disciplines = disciplines;
        Industries = industries;
    }

    public IReadOnlySet<string> Regions { get; }

    public IReadOnlySet<string> Disciplines { get; }

    public IReadOnlySet<string> Industries { get; }

    /// <summary>Throws a field error naming <c>regionCode</c> when the code is not in the region table.</summary>
    public void RequireRegion(string regionCode)
    {
        if (!Regions.Contains(regionCode))
        {
            throw new Kexie.Domain.Common.DomainValidationException("regionCode", $"行政区划代码“{regionCode}”不存在");
        }
    }

    public static async Task<ReferenceCodes> LoadAsync(KexieDbContext db, CancellationToken ct = default) => new(
        (await db.Regions.AsNoTracking().Select(r => r.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal),
        (await db.Disciplines.AsNoTracking().Select(d => d.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal),
        (await db.Industries.AsNoTracking().Select(i => i.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal));
}

/// <summary>Process-wide cache of <see cref="ReferenceCodes"/>: reference tables only change on re-seeding.</summary>
public sealed class ReferenceCodesCache
{
    private ReferenceCodes? codes;

    public async Task<ReferenceCodes> GetAsync(KexieDbContext db, CancellationToken ct = default) =>
        codes ??= await ReferenceCodes.LoadAsync(db, ct);
}
