using Kexie.Matching.Analysis;

namespace Kexie.Matching.Indexing;

/// <summary>
/// The character backstop's index terms (<see cref="MatchOptions.CharacterBackstop"/>): a Chinese character behind a
/// marker that analysed text never holds, so a character term never meets a word term of the same spelling.
/// </summary>
internal static class CharacterTerms
{
    /// <summary>Starts every character term (a control character: <see cref="TextNormalizer"/> output never holds one).</summary>
    public const char Marker = '\u0001';

    private static readonly string?[] Cache = new string?[char.MaxValue + 1];
    private static readonly string?[] Singles = new string?[char.MaxValue + 1];

    /// <summary>True for a character term.</summary>
    public static bool Is(string term) => term.Length == 2 && term[0] == Marker;

    /// <summary>The term of <paramref name="c"/> (one shared string per character).</summary>
    public static string Of(char c) => Cache[c] ??= string.Concat(Marker.ToString(), c.ToString());

    /// <summary>
    /// Calls <paramref name="add"/> once per distinct Chinese character of <paramref name="normalized"/> (normalised text)
    /// that is not a stop word on its own; <paramref name="seen"/> holds the characters already given.
    /// </summary>
    public static void Collect(string? normalized, ChineseAnalyzer analyzer, HashSet<char> seen, Action<char> add)
    {
        if (string.IsNullOrEmpty(normalized))
        {
            return;
        }
        foreach (var c in normalized)
        {
            if (TextNormalizer.IsHan(c) && !char.IsSurrogate(c) && !seen.Contains(c) && !analyzer.IsStopWord(Singles[c] ??= c.ToString()))
            {
                seen.Add(c);
                add(c);
            }
        }
    }
}
