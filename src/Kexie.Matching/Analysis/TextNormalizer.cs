namespace Kexie.Matching.Analysis;

/// <summary>
/// Character-level normalisation applied before segmentation, to documents and queries alike:
/// full-width → half-width (ＡＢＣ１２３，→ ABC123,), traditional → simplified Chinese (via a
/// compact one-to-one table), Latin lower-casing, and control/zero-width characters → space.
/// The output always has the same length as the input, so offsets stay valid.
/// </summary>
public static class TextNormalizer
{
    private static readonly Dictionary<char, char> TraditionalToSimplified = BuildTable();

    /// <summary><see cref="NormalizeChar"/> for every UTF-16 code unit, so that <see cref="Normalize"/> is one array read per character.</summary>
    private static readonly char[] Normalized = BuildNormalized();

    private static char[] BuildNormalized()
    {
        var table = new char[65536];
        for (var c = 0; c < table.Length; c++)
        {
            table[c] = NormalizeChar((char)c);
        }
        return table;
    }

    private static Dictionary<char, char> BuildTable()
    {
        var from = TraditionalChineseTable.Traditional;
        var to = TraditionalChineseTable.Simplified;
        var map = new Dictionary<char, char>(from.Length);
        for (var i = 0; i < from.Length; i++)
        {
            map[from[i]] = to[i];
        }
        return map;
    }

    /// <summary>Normalises <paramref name="text"/>; <c>null</c> becomes the empty string.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        return string.Create(text.Length, text, static (span, source) => NormalizeInto(source, span));
    }

    /// <summary>Normalises one character (see <see cref="Normalize(string?)"/>).</summary>
    public static char NormalizeChar(char c)
    {
        if (c < 0x80)
        {
            if (c is >= 'A' and <= 'Z')
            {
                return (char)(c + 32);
            }
            return c < 0x20 ? ' ' : c;
        }
        if (c == '\u3000')
        {
            return ' ';
        }
        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            var half = (char)(c - 0xFEE0);
            return half is >= 'A' and <= 'Z' ? (char)(half + 32) : half;
        }
        if (c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF' or '\u00A0')
        {
            return ' ';
        }
        if (c is >= '\u3400' and <= '\u9FFF' && TraditionalToSimplified.TryGetValue(c, out var simplified))
        {
            return simplified;
        }
        if (c is >= '\u00C0' and <= '\u024F')
        {
            return char.ToLowerInvariant(c);
        }
        return c;
    }

    private static void NormalizeInto(ReadOnlySpan<char> source, Span<char> destination)
    {
        var table = Normalized;
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = table[source[i]];
        }
    }

    /// <summary>True for CJK unified ideographs (the characters the segmenter treats as Chinese).</summary>
    public static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';
}
