using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Dictionaries;
using Kexie.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Dictionaries;

public sealed record DictionaryTypeDto(string Type, string Name, string Standard, bool Open, int Count);

public sealed record DictionaryEntryDto(string Code, string Name, int Sort, bool Enabled, IReadOnlyList<string> Synonyms)
{
    public static DictionaryEntryDto From(DictionaryEntry e) => new(e.Code, e.Name, e.Sort, e.Enabled, e.Synonyms);
}

public sealed record DictionaryDto(string Type, string Name, string Standard, bool Open, IReadOnlyList<DictionaryEntryDto> Entries);

public sealed record DictionaryEntryRequest(string? Code, string? Name, int? Sort, bool? Enabled, List<string>? Synonyms);

public sealed record DictionaryEntryUpdate(int? Sort, bool? Enabled, List<string>? Synonyms);

/// <summary>
/// Reads and extends the code lists. A name, code or synonym means one entry only within its list: a synonym another
/// entry already answers to is refused (an ambiguous spelling is left for people to fix, never guessed).
/// </summary>
public sealed class DictionaryService(KexieDbContext db, DictionaryCache cache, Kexie.Domain.Authorization.AccessPolicy policy)
{
    public async Task<IReadOnlyList<DictionaryTypeDto>> TypesAsync(CancellationToken ct = default)
    {
        var lookup = await cache.GetAsync(db, ct);
        return DictionaryTypes.All.Select(t => new DictionaryTypeDto(t.Type, t.ChineseName, t.Standard, t.Open, lookup.Entries(t.Type).Count)).ToList();
    }

    public async Task<DictionaryDto> GetAsync(string type, CancellationToken ct = default)
    {
        var dictionaryType = Find(type);
        var lookup = await cache.GetAsync(db, ct);
        return new DictionaryDto(dictionaryType.Type, dictionaryType.ChineseName, dictionaryType.Standard, dictionaryType.Open,
            lookup.Entries(dictionaryType.Type).Select(DictionaryEntryDto.From).ToList());
    }

    public async Task<DictionaryEntryDto> AddAsync(Actor actor, string type, DictionaryEntryRequest request, CancellationToken ct = default)
    {
        RequirePlatform(actor);
        var dictionaryType = Find(type);
        var entries = await db.DictionaryEntries.Where(e => e.Type == dictionaryType.Type).ToListAsync(ct);
        var entry = DictionaryEntry.Create(dictionaryType.Type, request.Code, request.Name, request.Sort ?? (entries.Count == 0 ? 10 : entries.Max(e => e.Sort) + 10), request.Enabled ?? true, request.Synonyms);
        if (entries.Any(e => Same(e.Code, entry.Code)))
        {
            throw new DomainValidationException("code", $"{dictionaryType.ChineseName}中已有代码“{entry.Code}”");
        }

        if (entries.FirstOrDefault(e => Answers(e, entry.Name)) is { } owner)
        {
            throw new DomainValidationException("name", $"“{entry.Name}”已是{dictionaryType.ChineseName}“{owner.Name}”的名称或同义词");
        }

        CheckSynonyms(dictionaryType, entry, entries);
        db.DictionaryEntries.Add(entry);
        await SaveAsync(dictionaryType, ct);
        return DictionaryEntryDto.From(entry);
    }

    public async Task<DictionaryEntryDto> UpdateAsync(Actor actor, string type, string code, DictionaryEntryUpdate request, CancellationToken ct = default)
    {
        RequirePlatform(actor);
        var dictionaryType = Find(type);
        var entries = await db.DictionaryEntries.Where(e => e.Type == dictionaryType.Type).ToListAsync(ct);
        var entry = entries.FirstOrDefault(e => e.Code == code.Trim()) ?? throw new NotFoundException($"{dictionaryType.ChineseName}中没有代码“{code}”");
        entry.Update(request.Sort ?? entry.Sort, request.Enabled ?? entry.Enabled, request.Synonyms ?? [.. entry.Synonyms]);
        CheckSynonyms(dictionaryType, entry, entries);
        await SaveAsync(dictionaryType, ct);
        return DictionaryEntryDto.From(entry);
    }

    private void RequirePlatform(Actor actor)
    {
        if (!policy.Can(actor, DictionaryPermissions.Manage))
        {
            throw new AccessDeniedException("只有平台管理员可以维护数据字典");
        }
    }

    private static DictionaryType Find(string type) =>
        DictionaryTypes.Find(type) ?? throw new NotFoundException($"没有这个数据字典（可选：{string.Join("、", DictionaryTypes.All.Select(t => t.ChineseName))}）");

    private static bool Same(string a, string b) => string.Equals(DictionaryLookup.Normalize(a), DictionaryLookup.Normalize(b), StringComparison.OrdinalIgnoreCase);

    private static bool Answers(DictionaryEntry entry, string text) =>
        Same(entry.Name, text) || Same(entry.Code, text) || entry.Synonyms.Any(s => Same(s, text));

    private static void CheckSynonyms(DictionaryType type, DictionaryEntry entry, IEnumerable<DictionaryEntry> entries)
    {
        foreach (var synonym in entry.Synonyms)
        {
            if (entries.FirstOrDefault(e => !ReferenceEquals(e, entry) && Answers(e, synonym)) is { } other)
            {
                throw new DomainValidationException("synonyms", $"同义词“{synonym}”已指向{type.ChineseName}“{other.Name}”，同一写法只能对应一项");
            }
        }
    }

    private async Task SaveAsync(DictionaryType type, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new DomainValidationException("code", $"{type.ChineseName}中已有相同的代码或名称");
        }
        finally
        {
            cache.Invalidate();
        }
    }
}
