using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kexie.Matching.Analysis;

/// <summary>
/// jieba's prefix dictionary (<c>dict.txt</c>) and HMM model (<c>prob_trans.json</c>,
/// <c>prob_emit.json</c>) as immutable arrays, loaded from <see cref="JiebaResources.Directory"/>.
/// Used by <see cref="JiebaSegmenterFast"/>; thread-safe once built.
/// </summary>
/// <remarks>
/// The dictionary is a <see cref="CharTrie"/> (arrays, no strings). A node exists for every word and every prefix of a word (like jieba's <c>Trie</c> map, whose
/// prefixes have frequency 0); a node is a word when its frequency is positive. Like jieba.NET,
/// a word listed twice keeps its last frequency while the total counts both lines.
/// </remarks>
public sealed class JiebaDictionary
{
    /// <summary>HMM states, in jieba's order.</summary>
    internal const int StateB = 0, StateM = 1, StateE = 2, StateS = 3;

    /// <summary>jieba's stand-in for log(0) in the HMM tables.</summary>
    internal const double MinProb = -3.14e100;

    private readonly CharTrie trie;
    private readonly int[] frequencies;
    private readonly double[] logProbabilities;
    private readonly string?[] words;

    private JiebaDictionary(CharTrie trie, int[] frequencies, string?[] words, double total, double[] emit, double[] transitions)
    {
        this.trie = trie;
        this.frequencies = frequencies;
        this.words = words;
        Total = total;
        LogTotal = Math.Log(total);
        logProbabilities = new double[frequencies.Length];
        for (var node = 0; node < frequencies.Length; node++)
        {
            // The same expression as jieba's route: Math.Log(freq) - Math.Log(total).
            logProbabilities[node] = frequencies[node] > 0 ? Math.Log(frequencies[node]) - LogTotal : double.NaN;
        }
        Emit = emit;
        Transitions = transitions;
    }

    /// <summary>The sum of all frequencies in dict.txt.</summary>
    public double Total { get; }

    /// <summary>Math.Log(<see cref="Total"/>).</summary>
    internal double LogTotal { get; }

    /// <summary>Number of distinct words (frequency &gt; 0).</summary>
    public int WordCount => words.Count(w => w is not null);

    /// <summary>HMM emission log-probabilities, [character * 4 + state] (the four states of a character share a cache line), <see cref="MinProb"/> when absent.</summary>
    internal double[] Emit { get; }

    /// <summary>HMM transition log-probabilities, [from * 4 + to], <see cref="MinProb"/> when absent.</summary>
    internal double[] Transitions { get; }

    /// <summary>jieba's hard-coded start log-probabilities (B, M, E, S).</summary>
    internal static ReadOnlySpan<double> Start => [-0.26268660809250016, MinProb, MinProb, -1.4652633398537678];

    /// <summary>The root node of the trie (the empty prefix).</summary>
    internal const int Root = 0;

    /// <summary>Loads the files in <paramref name="directory"/> (dict.txt, prob_trans.json, prob_emit.json).</summary>
    public static JiebaDictionary Load(string directory)
    {
        var dictPath = Path.Combine(directory, "dict.txt");
        if (!File.Exists(dictPath))
        {
            throw new FileNotFoundException(
                $"找不到 jieba 词典 dict.txt（查找目录：{directory}）。请确认 Kexie.Matching 的 Resources 已复制到输出目录，或设置 KEXIE_JIEBA_DIR。",
                dictPath);
        }

        var builder = new CharTrie.Builder(1 << 20);
        var frequencies = new int[1 << 20];
        var words = new string?[1 << 20];
        double total = 0;
        using (var reader = new StreamReader(dictPath, Encoding.UTF8))
        {
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                var firstSpace = line.IndexOf(' ');
                if (firstSpace < 0)
                {
                    continue; // jieba.NET skips lines with fewer than two fields.
                }
                var rest = line.AsSpan(firstSpace + 1);
                var secondSpace = rest.IndexOf(' ');
                var frequency = int.Parse(secondSpace < 0 ? rest : rest[..secondSpace], NumberStyles.Integer, CultureInfo.InvariantCulture);
                var word = line[..firstSpace];
                total += frequency;
                var node = builder.Add(word);
                if (builder.NodeCount > frequencies.Length)
                {
                    Array.Resize(ref frequencies, frequencies.Length * 2);
                    Array.Resize(ref words, words.Length * 2);
                }
                // Like jieba.NET's map: the last line of a word wins; prefixes stay at 0.
                frequencies[node] = frequency;
                words[node] = frequency > 0 ? word : null;
            }
        }
        var trie = builder.Build(out var renumber);
        var nodeFrequencies = new int[trie.NodeCount];
        var nodeWords = new string?[trie.NodeCount];
        for (var old = 0; old < renumber.Length; old++)
        {
            nodeFrequencies[renumber[old]] = frequencies[old];
            nodeWords[renumber[old]] = words[old];
        }
        var (emit, transitions) = LoadHmm(directory);
        return new JiebaDictionary(trie, nodeFrequencies, nodeWords, total, emit, transitions);
    }

    /// <summary>The child of <paramref name="node"/> for <paramref name="c"/>, or 0 (the root) when there is none.</summary>
    internal int Child(int node, char c) => trie.Child(node, c);

    /// <summary>True when <paramref name="node"/> is a word (frequency &gt; 0).</summary>
    internal bool IsWord(int node) => !double.IsNaN(logProbabilities[node]);

    /// <summary>log(frequency) − log(total) of a word node; NaN for a node that is only a prefix.</summary>
    internal double LogProbability(int node) => logProbabilities[node];

    /// <summary>The word string of a word node (shared, not allocated per use).</summary>
    internal string WordAt(int node) => words[node]!;

    /// <summary>The trie node of <paramref name="text"/>, or 0 (the root) when it is not a word or prefix.</summary>
    internal int Find(ReadOnlySpan<char> text) => trie.Find(text);

    /// <summary>True when <paramref name="word"/> is in dict.txt with a positive frequency (jieba's <c>ContainsWord</c>).</summary>
    public bool ContainsWord(ReadOnlySpan<char> word) => word.Length > 0 && IsWord(Find(word));

    /// <summary>The dictionary's own string for <paramref name="word"/>, or null when it is not a word.</summary>
    public string? GetWord(ReadOnlySpan<char> word)
    {
        if (word.Length == 0)
        {
            return null;
        }
        var node = Find(word);
        return IsWord(node) ? words[node] : null;
    }

    /// <summary>The frequency of <paramref name="word"/> in dict.txt, 0 when absent.</summary>
    public int Frequency(ReadOnlySpan<char> word) => word.Length == 0 ? 0 : frequencies[Find(word)];

    private static (double[] Emit, double[] Transitions) LoadHmm(string directory)
    {
        var emit = new double[4 * 65536];
        Array.Fill(emit, MinProb);
        var transitions = new double[16];
        Array.Fill(transitions, MinProb);
        ReadTable(Path.Combine(directory, "prob_emit.json"), (state, c, value) => emit[c * 4 + state] = value);
        ReadTable(Path.Combine(directory, "prob_trans.json"), (from, to, value) =>
        {
            var toState = StateIndex(to);
            if (toState >= 0)
            {
                transitions[from * 4 + toState] = value;
            }
        });
        return (emit, transitions);
    }

    /// <summary>Reads a {"B": {"x": -1.2, …}, …} table; numbers are parsed like Json.NET does (invariant double).</summary>
    private static void ReadTable(string path, Action<int, char, double> set)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        foreach (var state in document.RootElement.EnumerateObject())
        {
            var from = state.Name.Length == 1 ? StateIndex(state.Name[0]) : -1;
            if (from < 0)
            {
                continue;
            }
            foreach (var entry in state.Value.EnumerateObject())
            {
                if (entry.Name.Length != 1)
                {
                    continue;
                }
                var raw = entry.Value.GetRawText();
                set(from, entry.Name[0], double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture));
            }
        }
    }

    private static int StateIndex(char state) => state switch
    {
        'B' => StateB,
        'M' => StateM,
        'E' => StateE,
        'S' => StateS,
        _ => -1,
    };
}
