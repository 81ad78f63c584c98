using Kexie.Domain.Common;

namespace Kexie.Domain.Dictionaries;

/// <summary>
/// One entry of a code list (数据字典) that forms and imports offer: its code, its Chinese name (what records store and
/// people see), its place in lists, whether it may still be chosen, and the other spellings that mean it (同义词,
/// e.g. 本科 for 大学本科). Platform admins add entries and edit order, state and synonyms; the code and the name of an
/// entry never change, so every record that holds a name keeps resolving to its code.
/// </summary>
public sealed class DictionaryEntry : Entity
{
    public const int MaxSynonyms = 20;

    private DictionaryEntry()
    {
    }

    /// <summary>The list it belongs to, one of <see cref="DictionaryTypes"/>.</summary>
    public string Type { get; private set; } = string.Empty;

    public string Code { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public int Sort { get; private set; }

    /// <summary>False: no longer offered; records that hold it keep it.</summary>
    public bool Enabled { get; private set; } = true;

    /// <summary>Other spellings that import and forms map to <see cref="Name"/>; unique within the type (checked by the service).</summary>
    public string[] Synonyms { get; private set; } = [];

    public static DictionaryEntry Create(string type, string? code, string? name, int sort, bool enabled, IEnumerable<string>? synonyms)
    {
        var dictionaryType = DictionaryTypes.Find(type) ?? throw new DomainValidationException("type", $"没有名为“{type}”的数据字典");
        var entry = new DictionaryEntry
        {
            Type = dictionaryType.Type,
            Code = Guard.Required(code, "code", "代码", 20),
            Name = Guard.Required(name, "name", "名称", 50),
        };
        if (entry.Code.Any(char.IsWhiteSpace))
        {
            throw new DomainValidationException("code", "代码不能含有空格");
        }

        entry.Update(sort, enabled, synonyms);
        return entry;
    }

    public void Update(int sort, bool enabled, IEnumerable<string>? synonyms)
    {
        if (sort is < 0 or > 99_999)
        {
            throw new DomainValidationException("sort", "排序应为0到99999之间的整数");
        }

        var list = new List<string>();
        foreach (var raw in synonyms ?? [])
        {
            foreach (var part in raw.Split(['、', '，', ',', '；', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var synonym = Guard.Required(part, "synonyms", "同义词", 50);
                if (synonym == Name || synonym == Code)
                {
                    continue;
                }

                if (!list.Contains(synonym))
                {
                    list.Add(synonym);
                }
            }
        }

        if (list.Count > MaxSynonyms)
        {
            throw new DomainValidationException("synonyms", $"同义词最多{MaxSynonyms}个");
        }

        Sort = sort;
        Enabled = enabled;
        Synonyms = [.. list];
        UpdatedAt = DateTimeOffset.UtcNow;
    }
}

/// <summary>A code list: its identifier (in URLs), Chinese name, the standard it follows, and whether other values are allowed.</summary>
/// <param name="Open">True when a record may hold a value outside the list (职称 has many series): the list suggests and synonyms still map.</param>
public sealed record DictionaryType(string Type, string ChineseName, string Standard, bool Open);

/// <summary>The code lists the platform's records use.</summary>
public static class DictionaryTypes
{
    public const string Education = "education";
    public const string PoliticalStatus = "political-status";
    public const string Title = "title";

    public static readonly IReadOnlyList<DictionaryType> All =
    [
        new(Education, "学历", "GB/T 4658-2006 学历代码", Open: false),
        new(PoliticalStatus, "政治面貌", "GB/T 4762-1984 政治面貌代码", Open: false),
        new(Title, "职称", "常用专业技术职务（平台代码）", Open: true),
    ];

    public static DictionaryType? Find(string? type) => All.FirstOrDefault(t => string.Equals(t.Type, type?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>What the domain asks of the code lists: the canonical name a text means, and the names on offer.</summary>
public interface IDictionaryLookup
{
    /// <summary>The name of the enabled entry of <paramref name="type"/> whose name, code or synonym is <paramref name="text"/>; null when none.</summary>
    string? Canonical(string type, string text);

    /// <summary>The enabled names of <paramref name="type"/>, in list order.</summary>
    IReadOnlyList<string> Names(string type);
}

/// <summary>Resolves texts against a fixed set of entries (a snapshot of the table, or the seeds).</summary>
public sealed class DictionaryLookup : IDictionaryLookup
{
    private readonly Dictionary<string, Dictionary<string, string>> byText = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DictionaryEntry>> byType = new(StringComparer.Ordinal);

    public DictionaryLookup(IEnumerable<DictionaryEntry> entries)
    {
        foreach (var group in entries.GroupBy(e => e.Type))
        {
            var ordered = group.OrderBy(e => e.Sort).ThenBy(e => e.Code, StringComparer.Ordinal).ToList();
            byType[group.Key] = ordered;
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in ordered.Where(e => e.Enabled))
            {
                // Names first, then codes, then synonyms: a name always wins.
                map.TryAdd(entry.Name, entry.Name);
            }

            foreach (var entry in ordered.Where(e => e.Enabled))
            {
                map.TryAdd(entry.Code, entry.Name);
            }

            foreach (var entry in ordered.Where(e => e.Enabled))
            {
                foreach (var synonym in entry.Synonyms)
                {
                    map.TryAdd(synonym, entry.Name);
                }
            }

            byText[group.Key] = map;
        }
    }

    /// <summary>The seeded lists, for code that runs without a database (domain tests, defaults).</summary>
    public static DictionaryLookup Seeds { get; } = new(DictionarySeeds.Entries());

    public string? Canonical(string type, string text) =>
        byText.TryGetValue(type, out var map) && map.TryGetValue(Normalize(text), out var name) ? name : null;

    public IReadOnlyList<string> Names(string type) =>
        byType.TryGetValue(type, out var list) ? list.Where(e => e.Enabled).Select(e => e.Name).ToList() : [];

    /// <summary>Every entry of <paramref name="type"/>, disabled ones too, in list order.</summary>
    public IReadOnlyList<DictionaryEntry> Entries(string type) => byType.TryGetValue(type, out var list) ? list : [];

    /// <summary>The code of the entry named <paramref name="name"/> (enabled or not); null when none.</summary>
    public string? CodeOf(string type, string? name) =>
        name is null ? null : Entries(type).FirstOrDefault(e => e.Name == name)?.Code;

    /// <summary>Full-width letters, digits and spaces as their ASCII forms; trimmed.</summary>
    public static string Normalize(string text)
    {
        var chars = text.Trim().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is >= '\uFF01' and <= '\uFF5E')
            {
                chars[i] = (char)(chars[i] - 0xFEE0);
            }
            else if (chars[i] == '\u3000')
            {
                chars[i] = ' ';
            }
        }

        return new string(chars).Trim();
    }

    /// <summary>
    /// The value a record stores for <paramref name="text"/>: the canonical name; for an open list, the text itself when
    /// it is none of the list's; <paramref name="current"/> (what the record holds now) is always allowed, so an entry
    /// being disabled never makes an unchanged record invalid.
    /// </summary>
    public static string? Pick(IDictionaryLookup lookup, string type, string? text, string field, string label, int maxLength, string? current)
    {
        var trimmed = Guard.Optional(text, field, label, maxLength);
        if (trimmed is null)
        {
            return null;
        }

        if (lookup.Canonical(type, trimmed) is { } name)
        {
            return name;
        }

        if (trimmed == current || DictionaryTypes.Find(type) is { Open: true })
        {
            return trimmed;
        }

        throw new DomainValidationException(field, $"{label}“{trimmed}”不在可选范围内（可选：{string.Join("、", lookup.Names(type))}）");
    }
}
