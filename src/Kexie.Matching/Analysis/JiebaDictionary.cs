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
/// The dictionary is a character trie: the root's children are found through a 65,536-entry
/// array, every other node's children are a sorted slice of <c>childChars</c>/<c>childNodes</c>.
/// A node exists for every word and every prefix of a word (like jieba's <c>Trie</c> map, whose
/// prefixes have frequency 0); a node is a word when its frequency is positive. Like jieba.NET,
/// a word listed twice keeps its last frequency while the total counts both lines.
/// </remarks>
public sealed class JiebaDictionary
{
    /// <summary>HMM states, in jieba's order.</summary>
    internal const int StateB = 0, StateM = 1, StateE = 2, StateS = 3;

    /// <summary>jieba's stand-in for log(0) in the HMM tables.</summary>
    internal const double MinProb = -3.14e100;

    private readonly int[] rootChildren;
    private readonly int[] firstChild;
    private readonly char[] childChars;
    private readonly int[] childNodes;
    private readonly int[] frequencies;
    private readonly double[] logProbabilities;
    private readonly string?[] words;

    private JiebaDictionary(
        int[] rootChildren, int[] firstChild, char[] childChars, int[] childNodes, int[] frequencies,
        string?[] words, double total, double[] emit, double[] transitions)
    {
        this.rootChildren = rootChildren;
        this.firstChild = firstChild;
        this.childChars = childChars;
        this.childNodes = childNodes;
        this.frequencies = frequencies;
        this.words = words;
        Total = total;
        LogTotal = Math.Log(total);
        logProbabilities = new double[frequencies.Length];
        for (var node = 0; node < frequencies.Length; node++)
        {
            // The same expression as jieba's route: Math.Log(freq) - Math.Log(total).
            logProbabilities[node] = frequencies[node] > 0 ? Math.Log(frequencies[node]) - LogTotal : 0;
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

        // Build the trie with a hash map (parent, char) → child, then freeze it into arrays.
        var edges = new Dictionary<long, int>(1 << 20);
        var nodeFrequencies = new List<int> { 0 };
        var nodeWords = new List<string?> { null };
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
                var node = Root;
                foreach (var c in word)
                {
                    var key = ((long)node << 16) | c;
                    if (!edges.TryGetValue(key, out var child))
                    {
                        child = nodeFrequencies.Count;
                        nodeFrequencies.Add(0);
                        nodeWords.Add(null);
                        edges.Add(key, child);
                    }
                    node = child;
                }
                nodeFrequencies[node] = frequency;
                nodeWords[node] = frequency > 0 ? word : null;
            }
        }

        var nodeCount = nodeFrequencies.Count;
        var rootChildren = new int[65536];
        var firstChild = new int[nodeCount + 1];
        foreach (var key in edges.Keys)
        {
            firstChild[(int)(key >> 16) + 1]++;
        }
        for (var n = 0; n < nodeCount; n++)
        {
            firstChild[n + 1] += firstChild[n];
        }
        var fill = (int[])firstChild.Clone();
        var childChars = new char[edges.Count];
        var childNodes = new int[edges.Count];
        foreach (var (key, child) in edges)
        {
            var parent = (int)(key >> 16);
            var c = (char)(key & 0xFFFF);
            var slot = fill[parent]++;
            childChars[slot] = c;
            childNodes[slot] = child;
            if (parent == Root)
            {
                rootChildren[c] = child;
            }
        }
        for (var n = 1; n < nodeCount; n++)
        {
            var count = firstChild[n + 1] - firstChild[n];
            if (count > 1)
            {
                Array.Sort(childChars, childNodes, firstChild[n], count);
            }
        }

        var (emit, transitions) = LoadHmm(directory);
        return new JiebaDictionary(rootChildren, firstChild, childChars, childNodes,
            [.. nodeFrequencies], [.. nodeWords], total, emit, transitions);
    }

    /// <summary>The child of <paramref name="node"/> for <paramref name="c"/>, or 0 (the root) when there is none.</summary>
    internal int Child(int node, char c)
    {
        if (node == Root)
        {
            return rootChildren[c];
        }
        var start = firstChild[node];
        var count = firstChild[node + 1] - start;
        if (count <= 8)
        {
            for (var i = start; i < start + count; i++)
            {
                if (childChars[i] == c)
                {
                    return childNodes[i];
                }
            }
            return Root;
        }
        var index = childChars.AsSpan(start, count).BinarySearch(c);
        return index >= 0 ? childNodes[start + index] : Root;
    }

    /// <summary>True when <paramref name="node"/> is a word (frequency &gt; 0).</summary>
    internal bool IsWord(int node) => frequencies[node] > 0;

    /// <summary>log(frequency) − log(total) of a word node.</summary>
    internal double LogProbability(int node) => logProbabilities[node];

    /// <summary>The word string of a word node (shared, not allocated per use).</summary>
    internal string WordAt(int node) => words[node]!;

    /// <summary>The trie node of <paramref name="text"/>, or 0 (the root) when it is not a word or prefix.</summary>
    internal int Find(ReadOnlySpan<char> text)
    {
        var node = Root;
        foreach (var c in text)
        {
            node = Child(node, c);
            if (node == Root)
            {
                return Root;
            }
        }
        return node;
    }

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
