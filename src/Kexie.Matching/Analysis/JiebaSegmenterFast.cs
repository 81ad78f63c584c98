using System.Buffers;

namespace Kexie.Matching.Analysis;

/// <summary>
/// jieba's accurate mode (<c>JiebaSegmenter.Cut(text, cutAll: false, hmm)</c> of jieba.NET 0.42.2)
/// reproduced token for token over the same dictionary and HMM files, without regular
/// expressions and without a string per DAG step: the route is computed into pooled arrays while
/// walking the trie, and dictionary words and single characters are returned as shared strings,
/// so only HMM words and Latin/digit runs are allocated. Thread-safe; one instance serves all threads.
/// </summary>
/// <remarks>
/// The steps, as in jieba.NET:
/// <list type="number">
/// <item>Blocks: maximal runs of [\u4E00-\u9FD5a-zA-Z0-9+#&amp;._%·-] are segmented; every other
/// character is a token of its own (a surrogate pair gives two tokens), except "\r\n", one token.</item>
/// <item>DAG and route: from each position every dictionary word starting there (or the single
/// character when none); the route maximises Σ log(freq/total) from the end, an unknown single
/// character counting freq 1; on a tie the shorter word wins.</item>
/// <item>With HMM: consecutive single-character steps are collected; a collection of one character
/// is a token, one that is itself a dictionary word is split into characters, anything else goes to
/// the HMM (finalseg): Han runs [\u4E00-\u9FD5] by Viterbi over B/M/E/S, other runs split by
/// [a-zA-Z0-9]+(\.\d+)?%? with the pieces between kept whole.</item>
/// <item>Without HMM: consecutive single ASCII letters/digits are joined into one token.</item>
/// </list>
/// </remarks>
public sealed class JiebaSegmenterFast
{
    private static readonly Lazy<JiebaSegmenterFast> SharedInstance = new(
        () =>
        {
            JiebaResources.EnsureConfigured();
            return new JiebaSegmenterFast(JiebaDictionary.Load(JiebaResources.Directory));
        },
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>prevStatus of jieba's finalseg, per state (B, M, E, S), in its order.</summary>
    private static readonly int[][] PreviousStates =
    [
        [JiebaDictionary.StateE, JiebaDictionary.StateS],
        [JiebaDictionary.StateM, JiebaDictionary.StateB],
        [JiebaDictionary.StateB, JiebaDictionary.StateM],
        [JiebaDictionary.StateS, JiebaDictionary.StateE],
    ];

    private static readonly string[] SingleCharacters = new string[65536];

    /// <summary>Blocks up to this length use the calling thread's route arrays; longer ones rent from the pool.</summary>
    private const int ThreadBufferLength = 4096;

    [ThreadStatic]
    private static RouteBuffers? threadBuffers;

    /// <summary>Creates a segmenter over <paramref name="dictionary"/>.</summary>
    public JiebaSegmenterFast(JiebaDictionary dictionary)
    {
        Dictionary = dictionary;
    }

    /// <summary>The process-wide segmenter over <see cref="JiebaResources.Directory"/> (loaded on first use).</summary>
    public static JiebaSegmenterFast Shared => SharedInstance.Value;

    /// <summary>The dictionary and HMM model.</summary>
    public JiebaDictionary Dictionary { get; }

    /// <summary>The words of <paramref name="text"/>, as <c>JiebaSegmenter.Cut(text, false, hmm)</c> returns them.</summary>
    public List<string> Cut(string? text, bool hmm = true)
    {
        var words = new List<string>();
        Cut(text.AsSpan(), hmm, words);
        return words;
    }

    /// <summary>Appends the words of <paramref name="text"/> to <paramref name="words"/>.</summary>
    public void Cut(ReadOnlySpan<char> text, bool hmm, List<string> words)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsBlockCharacter(c))
            {
                var end = i + 1;
                while (end < text.Length && IsBlockCharacter(text[end]))
                {
                    end++;
                }
                CutBlock(text[i..end], hmm, words);
                i = end;
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                words.Add("\r\n");
                i += 2;
            }
            else
            {
                words.Add(Single(c));
                i++;
            }
        }
    }

    /// <summary>Characters of jieba's re_han_default: [\u4E00-\u9FD5a-zA-Z0-9+#&amp;._%·-].</summary>
    internal static bool IsBlockCharacter(char c) =>
        c is >= '\u4E00' and <= '\u9FD5' or >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
            or '+' or '#' or '&' or '.' or '_' or '%' or '\u00B7' or '-';

    private static bool IsAsciiLetterOrDigit(char c) => char.IsAsciiLetterOrDigit(c);

    private static bool IsFinalSegHan(char c) => c is >= '\u4E00' and <= '\u9FD5';

    /// <summary>A shared one-character string.</summary>
    private static string Single(char c) => SingleCharacters[c] ??= c.ToString();

    private void CutBlock(ReadOnlySpan<char> block, bool hmm, List<string> words)
    {
        var n = block.Length;
        if (n <= ThreadBufferLength)
        {
            var buffers = threadBuffers ??= new RouteBuffers(ThreadBufferLength);
            CutBlock(block, hmm, words, buffers.Score, buffers.End, buffers.Node);
            return;
        }
        var routeScore = ArrayPool<double>.Shared.Rent(n + 1);
        var routeEnd = ArrayPool<int>.Shared.Rent(n);
        var routeNode = ArrayPool<int>.Shared.Rent(n);
        try
        {
            CutBlock(block, hmm, words, routeScore, routeEnd, routeNode);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(routeScore);
            ArrayPool<int>.Shared.Return(routeEnd);
            ArrayPool<int>.Shared.Return(routeNode);
        }
    }

    private void CutBlock(ReadOnlySpan<char> block, bool hmm, List<string> words, double[] routeScore, int[] routeEnd, int[] routeNode)
    {
        CalculateRoute(block, routeScore, routeEnd, routeNode);
        if (hmm)
        {
            EmitWithHmm(block, routeEnd, routeNode, words);
        }
        else
        {
            EmitWithoutHmm(block, routeEnd, routeNode, words);
        }
    }

    /// <summary>
    /// jieba's get_DAG + calc in one backward pass: routeEnd[i] is the exclusive end of the best
    /// word at i, routeNode[i] its trie node (0 for an unknown single character).
    /// </summary>
    private void CalculateRoute(ReadOnlySpan<char> block, double[] routeScore, int[] routeEnd, int[] routeNode)
    {
        var dictionary = Dictionary;
        var n = block.Length;
        var unknown = 0.0 - dictionary.LogTotal; // Math.Log(1) - logtotal
        routeScore[n] = 0.0;
        for (var i = n - 1; i >= 0; i--)
        {
            var bestScore = double.MinValue;
            var bestEnd = -1;
            var bestNode = JiebaDictionary.Root;
            var node = JiebaDictionary.Root;
            for (var j = i; j < n; j++)
            {
                node = dictionary.Child(node, block[j]);
                if (node == JiebaDictionary.Root)
                {
                    break;
                }
                var logProbability = dictionary.LogProbability(node);
                if (!double.IsNaN(logProbability))
                {
                    var score = logProbability + routeScore[j + 1];
                    if (bestScore < score)
                    {
                        bestScore = score;
                        bestEnd = j + 1;
                        bestNode = node;
                    }
                }
            }
            if (bestEnd < 0)
            {
                bestScore = unknown + routeScore[i + 1];
                bestEnd = i + 1;
            }
            routeScore[i] = bestScore;
            routeEnd[i] = bestEnd;
            routeNode[i] = bestNode;
        }
    }

    private void EmitWithHmm(ReadOnlySpan<char> block, int[] routeEnd, int[] routeNode, List<string> words)
    {
        var pending = -1; // start of the collected single-character steps
        var x = 0;
        while (x < block.Length)
        {
            var y = routeEnd[x];
            if (y - x == 1)
            {
                if (pending < 0)
                {
                    pending = x;
                }
            }
            else
            {
                if (pending >= 0)
                {
                    EmitCollected(block[pending..x], words);
                    pending = -1;
                }
                words.Add(Dictionary.WordAt(routeNode[x]));
            }
            x = y;
        }
        if (pending >= 0)
        {
            EmitCollected(block[pending..], words);
        }
    }

    private void EmitWithoutHmm(ReadOnlySpan<char> block, int[] routeEnd, int[] routeNode, List<string> words)
    {
        var pending = -1; // start of the collected single ASCII letters/digits
        var x = 0;
        while (x < block.Length)
        {
            var y = routeEnd[x];
            if (y - x == 1 && IsAsciiLetterOrDigit(block[x]))
            {
                if (pending < 0)
                {
                    pending = x;
                }
            }
            else
            {
                if (pending >= 0)
                {
                    words.Add(Text(block[pending..x]));
                    pending = -1;
                }
                words.Add(y - x == 1 ? Single(block[x]) : Dictionary.WordAt(routeNode[x]));
            }
            x = y;
        }
        if (pending >= 0)
        {
            words.Add(Text(block[pending..]));
        }
    }

    /// <summary>jieba's handling of the collected single-character steps ("buf").</summary>
    private void EmitCollected(ReadOnlySpan<char> buffer, List<string> words)
    {
        if (buffer.Length == 1)
        {
            words.Add(Single(buffer[0]));
        }
        else if (Dictionary.ContainsWord(buffer))
        {
            foreach (var c in buffer)
            {
                words.Add(Single(c));
            }
        }
        else
        {
            FinalSeg(buffer, words);
        }
    }

    /// <summary>jieba's finalseg.cut: Han runs by Viterbi, the rest split into Latin/digit runs and what lies between.</summary>
    private void FinalSeg(ReadOnlySpan<char> text, List<string> words)
    {
        var i = 0;
        while (i < text.Length)
        {
            var end = i + 1;
            if (IsFinalSegHan(text[i]))
            {
                while (end < text.Length && IsFinalSegHan(text[end]))
                {
                    end++;
                }
                Viterbi(text[i..end], words);
            }
            else
            {
                while (end < text.Length && !IsFinalSegHan(text[end]))
                {
                    end++;
                }
                SplitSkip(text[i..end], words);
            }
            i = end;
        }
    }

    /// <summary>Splits by ([a-zA-Z0-9]+(?:\.\d+)?%?), keeping the matches and the non-empty pieces between.</summary>
    private void SplitSkip(ReadOnlySpan<char> text, List<string> words)
    {
        var gapStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsAsciiLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }
            if (i > gapStart)
            {
                words.Add(Text(text[gapStart..i]));
            }
            var end = i + 1;
            while (end < text.Length && IsAsciiLetterOrDigit(text[end]))
            {
                end++;
            }
            if (end + 1 < text.Length && text[end] == '.' && char.IsDigit(text[end + 1]))
            {
                end += 2;
                while (end < text.Length && char.IsDigit(text[end]))
                {
                    end++;
                }
            }
            if (end < text.Length && text[end] == '%')
            {
                end++;
            }
            words.Add(Text(text[i..end]));
            i = end;
            gapStart = end;
        }
        if (text.Length > gapStart)
        {
            words.Add(Text(text[gapStart..]));
        }
    }

    /// <summary>jieba's finalseg Viterbi over B/M/E/S; ties go to the later previous state, as in jieba.NET.</summary>
    private void Viterbi(ReadOnlySpan<char> text, List<string> words)
    {
        var n = text.Length;
        var emit = Dictionary.Emit;
        var transitions = Dictionary.Transitions;
        var scores = ArrayPool<double>.Shared.Rent(n * 4);
        var back = ArrayPool<byte>.Shared.Rent(n * 4);
        var states = ArrayPool<byte>.Shared.Rent(n);
        try
        {
            var start = JiebaDictionary.Start;
            for (var s = 0; s < 4; s++)
            {
                scores[s] = start[s] + emit[text[0] * 4 + s];
            }
            for (var i = 1; i < n; i++)
            {
                var c = text[i];
                for (var y = 0; y < 4; y++)
                {
                    var emission = emit[c * 4 + y];
                    var best = double.MinValue;
                    var bestPrevious = 0;
                    foreach (var y0 in PreviousStates[y])
                    {
                        var score = scores[(i - 1) * 4 + y0] + transitions[y0 * 4 + y] + emission;
                        if (best <= score)
                        {
                            best = score;
                            bestPrevious = y0;
                        }
                    }
                    scores[i * 4 + y] = best;
                    back[i * 4 + y] = (byte)bestPrevious;
                }
            }
            var last = n - 1;
            var state = scores[last * 4 + JiebaDictionary.StateE] < scores[last * 4 + JiebaDictionary.StateS]
                ? JiebaDictionary.StateS
                : JiebaDictionary.StateE;
            for (var i = last; i >= 0; i--)
            {
                states[i] = (byte)state;
                state = back[i * 4 + state];
            }

            int begin = 0, next = 0;
            for (var i = 0; i < n; i++)
            {
                switch (states[i])
                {
                    case JiebaDictionary.StateB:
                        begin = i;
                        break;
                    case JiebaDictionary.StateE:
                        words.Add(Text(text[begin..(i + 1)]));
                        next = i + 1;
                        break;
                    case JiebaDictionary.StateS:
                        words.Add(Single(text[i]));
                        next = i + 1;
                        break;
                }
            }
            if (next < n)
            {
                words.Add(Text(text[next..]));
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scores);
            ArrayPool<byte>.Shared.Return(back);
            ArrayPool<byte>.Shared.Return(states);
        }
    }

    /// <summary>A string for <paramref name="text"/>: the shared one for single characters and dictionary words.</summary>
    private string Text(ReadOnlySpan<char> text) =>
        text.Length == 1 ? Single(text[0]) : Dictionary.GetWord(text) ?? text.ToString();

    /// <summary>Per-thread route arrays for blocks of up to <see cref="ThreadBufferLength"/> characters.</summary>
    private sealed class RouteBuffers(int length)
    {
        public double[] Score { get; } = new double[length + 1];

        public int[] End { get; } = new int[length];

        public int[] Node { get; } = new int[length];
    }
}
