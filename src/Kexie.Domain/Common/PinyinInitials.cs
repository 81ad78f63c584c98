using System.Globalization;
using System.Text;

namespace Kexie.Domain.Common;

/// <summary>
/// Pinyin initials of Chinese names, for pickers that find "茶叶加工" by "cy" and "重庆" by "cq". The readings come from
/// Unicode's Unihan database (<c>Unihan_Readings.txt</c>, Debian package <c>unicode-data</c>): for each character the
/// readings of modern standard dictionaries (kMandarin first — the customary one — then kTGHZ2013 and kXHC1983; the
/// historical kHanyuPinyin only for characters without them). A heteronym (重 zhòng/chóng, 行 xíng/háng, 长 cháng/zhǎng)
/// contributes every initial, so a name has several initials strings and a query matches any of them.
/// </summary>
public sealed class PinyinInitials
{
    /// <summary>At most this many initials strings per name (combinations of heteronyms beyond it keep the first reading).</summary>
    public const int MaxVariants = 16;

    private static readonly string[] Fields = ["kMandarin", "kTGHZ2013", "kXHC1983", "kHanyuPinyin"];

    private readonly Dictionary<int, char[]> initials;

    private PinyinInitials(Dictionary<int, char[]> initials) => this.initials = initials;

    /// <summary>No readings at all: names are found by their characters and codes only.</summary>
    public static PinyinInitials Empty { get; } = new([]);

    /// <summary>How many characters have readings.</summary>
    public int Count => initials.Count;

    /// <summary>
    /// Reads Unihan_Readings.txt lines (<c>U+8336&#9;kMandarin&#9;chá</c>); comments and other fields are skipped.
    /// </summary>
    public static PinyinInitials Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        // Per character, per field (in Fields' order of preference): the initials in the order the field lists them.
        var found = new Dictionary<int, List<char>?[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length < 8 || line[0] != 'U' || line[1] != '+')
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts.Length < 3)
            {
                continue;
            }

            var field = Array.IndexOf(Fields, parts[1]);
            if (field < 0 || !int.TryParse(parts[0].AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var codePoint))
            {
                continue;
            }

            if (!found.TryGetValue(codePoint, out var byField))
            {
                found[codePoint] = byField = new List<char>?[Fields.Length];
            }

            var list = byField[field] ??= [];
            foreach (var reading in Readings(parts[1], parts[2]))
            {
                if (Initial(reading) is { } c && !list.Contains(c))
                {
                    list.Add(c);
                }
            }
        }

        var result = new Dictionary<int, char[]>(found.Count);
        foreach (var (codePoint, byField) in found)
        {
            var modern = new List<char>();
            for (var f = 0; f < Fields.Length - 1; f++)
            {
                foreach (var c in byField[f] ?? [])
                {
                    if (!modern.Contains(c))
                    {
                        modern.Add(c);
                    }
                }
            }

            var chosen = modern.Count > 0 ? modern : byField[^1] ?? [];
            if (chosen.Count > 0)
            {
                result[codePoint] = [.. chosen];
            }
        }

        return new PinyinInitials(result);
    }

    /// <summary>
    /// The initials strings of <paramref name="name"/>, the customary reading first: "茶叶加工" → ["cyjg"], "重庆市" →
    /// ["zqs", "cqs"]. Latin letters and digits are kept (lower case); punctuation and characters without readings are
    /// skipped.
    /// </summary>
    public IReadOnlyList<string> Of(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return [];
        }

        var variants = new List<StringBuilder> { new() };
        foreach (var rune in name.EnumerateRunes())
        {
            char[] options;
            if (initials.TryGetValue(rune.Value, out var known))
            {
                options = known;
            }
            else if (rune.IsAscii && Rune.IsLetterOrDigit(rune))
            {
                options = [char.ToLowerInvariant((char)rune.Value)];
            }
            else
            {
                continue;
            }

            if (options.Length == 1 || variants.Count * options.Length > MaxVariants)
            {
                foreach (var v in variants)
                {
                    v.Append(options[0]);
                }

                continue;
            }

            var next = new List<StringBuilder>(variants.Count * options.Length);
            foreach (var option in options)
            {
                foreach (var v in variants)
                {
                    next.Add(new StringBuilder(v.ToString()).Append(option));
                }
            }

            variants = next;
        }

        return variants.Select(v => v.ToString()).Where(v => v.Length > 0).Distinct().ToList();
    }

    /// <summary>True when <paramref name="query"/> (Latin letters, any case) is a run of the initials of <paramref name="name"/>.</summary>
    public bool Matches(string? name, string query)
    {
        var q = query.Trim().ToLowerInvariant();
        return q.Length > 0 && Of(name).Any(v => v.Contains(q, StringComparison.Ordinal));
    }

    /// <summary>True when the text is a pinyin-initials query (Latin letters only).</summary>
    public static bool IsInitialsQuery(string? text) =>
        !string.IsNullOrWhiteSpace(text) && text.Trim().All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z'));

    private static IEnumerable<string> Readings(string field, string value)
    {
        foreach (var token in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // kMandarin: "zhòng"; kTGHZ2013/kXHC1983: "047.150:chóng"; kHanyuPinyin: "63680.020:zhòng,chóng,tóng".
            var readings = token.Contains(':', StringComparison.Ordinal) ? token[(token.IndexOf(':', StringComparison.Ordinal) + 1)..] : token;
            foreach (var reading in readings.Split(','))
            {
                yield return reading;
            }
        }
    }

    /// <summary>The first Latin letter of a reading without its tone mark ("ā" → 'a', "ǚ" → 'u' never begins a syllable).</summary>
    private static char? Initial(string reading)
    {
        foreach (var c in reading.Normalize(NormalizationForm.FormD))
        {
            if (c is >= 'a' and <= 'z')
            {
                return c;
            }

            if (c is >= 'A' and <= 'Z')
            {
                return char.ToLowerInvariant(c);
            }
        }

        return null;
    }
}
