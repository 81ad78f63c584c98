namespace Kexie.Matching.Analysis;

/// <summary>Switches for <see cref="ChineseAnalyzer"/>.</summary>
public sealed record AnalyzerSettings
{
    /// <summary>Also emit the dictionary words inside long words (jieba "search mode"): 人工智能 → 人工, 智能, 人工智能.</summary>
    public bool IncludeSubwords { get; init; } = true;

    /// <summary>
    /// Sub-words by tiling: a long word yields the parts of its most probable split into dictionary words (jieba's
    /// route over the word without the word itself: 计算机 → 计算, 群众体育 → 群众, 体育), not every dictionary 2- and 3-gram
    /// inside it (计算机 → 计算, 算机; 群众体育 → 群众, 众体, 体育): the grams across a word boundary (算机, 众体, 济学,
    /// 球运) are not words of the text and match documents that do not hold them.
    /// </summary>
    public bool SubwordTiling { get; init; } = true;

    /// <summary>Use jieba's HMM to join unknown words.</summary>
    public bool UseHmm { get; init; } = true;

    /// <summary>Keep single Chinese characters that are not stop words (钢, 猪, 茶 …).</summary>
    public bool KeepSingleCharacters { get; init; } = true;

    /// <summary>Drop stop words (see <see cref="StopWords"/>).</summary>
    public bool RemoveStopWords { get; init; } = true;

    /// <summary>Text beyond this many characters is ignored (protects against megabyte inputs).</summary>
    public int MaxCharacters { get; init; } = 200_000;

    /// <summary>Longest user term, in segmenter words, that is re-assembled from its parts.</summary>
    public int MaxUserTermWords { get; init; } = 6;
}

/// <summary>
/// Chinese analysis: normalisation (<see cref="TextNormalizer"/>), jieba segmentation
/// (<see cref="JiebaSegmenterFast"/>, token for token the same as jieba.NET's accurate mode),
/// domain terms (a user dictionary of this instance, e.g. discipline/industry names and CSL
/// keywords), sub-words and stop-word removal. Thread-safe; one instance can serve all threads.
/// </summary>
/// <remarks>
/// The user dictionary is kept per instance rather than added to jieba's process-wide dictionary:
/// after jieba cuts the text, any run of consecutive words whose concatenation is a user term is
/// emitted as one more token (信息/与/通信工程 → also 信息与通信工程). The parts stay, so recall
/// is unchanged and a shared domain term adds a strong, rare token.
/// </remarks>
public sealed class ChineseAnalyzer
{
    private static readonly Lazy<ChineseAnalyzer> DefaultInstance = new(() => new ChineseAnalyzer());

    private readonly HashSet<string> userTerms;
    private readonly UserTermTrie userTermTrie;

    /// <summary>Creates an analyzer with the given domain terms (normalised on the way in).</summary>
    public ChineseAnalyzer(IEnumerable<string>? userTerms = null, AnalyzerSettings? settings = null)
    {
        Settings = settings ?? new AnalyzerSettings();
        this.userTerms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var term in userTerms ?? [])
        {
            var normalized = TextNormalizer.Normalize(term).Trim();
            if (normalized.Length >= 2 && normalized.Length <= 32)
            {
                this.userTerms.Add(normalized);
            }
        }
        userTermTrie = new UserTermTrie(this.userTerms);
    }

    /// <summary>An analyzer without domain terms and with default settings.</summary>
    public static ChineseAnalyzer Default => DefaultInstance.Value;

    /// <summary>The settings in force.</summary>
    public AnalyzerSettings Settings { get; }

    /// <summary>The domain terms this analyzer recognises (normalised).</summary>
    public IReadOnlyCollection<string> UserTerms => userTerms;

    /// <summary>Loads jieba's dictionary now rather than on the first call (takes about a second).</summary>
    public static void WarmUp() => _ = JiebaSegmenterFast.Shared.Cut("预热", hmm: false);

    /// <summary>Normalises and segments <paramref name="text"/> into jieba words, without any filtering.</summary>
    public IReadOnlyList<string> Segment(string? text)
    {
        var normalized = Prepare(text);
        return normalized.Length == 0 ? [] : JiebaSegmenterFast.Shared.Cut(normalized, Settings.UseHmm);
    }

    /// <summary>The index/query terms of <paramref name="text"/>, in text order (duplicates kept).</summary>
    public List<string> Analyze(string? text)
    {
        var tokens = new List<string>();
        Analyze(text, tokens);
        return tokens;
    }

    /// <summary>Appends the index/query terms of <paramref name="text"/> to <paramref name="tokens"/>.</summary>
    public void Analyze(string? text, List<string> tokens) => Analyze(text, tokens, null);

    /// <summary>
    /// Appends the index/query terms of <paramref name="text"/> to <paramref name="tokens"/> and, when
    /// <paramref name="units"/> is given, each term's concept to it: the index of the jieba word that yields it (the word
    /// and its sub-words share one), or a number of its own (below 0) for a domain term spanning several words.
    /// </summary>
    public void Analyze(string? text, List<string> tokens, List<int>? units)
    {
        var normalized = Prepare(text);
        if (normalized.Length == 0)
        {
            return;
        }
        var segmenter = JiebaSegmenterFast.Shared;
        var words = segmenter.Cut(normalized, Settings.UseHmm);
        var dictionary = Settings.IncludeSubwords ? segmenter.Dictionary : null;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (!IsContentWord(word))
            {
                continue;
            }
            if (dictionary is not null && word.Length > 2 && IsAllHan(word))
            {
                EmitSubwords(word, dictionary, tokens);
            }
            if (Keep(word))
            {
                tokens.Add(word);
            }
            while (units is not null && units.Count < tokens.Count)
            {
                units.Add(i);
            }
            if (userTerms.Count > 0)
            {
                EmitUserTerms(words, i, tokens);
            }
            while (units is not null && units.Count < tokens.Count)
            {
                units.Add(-1 - units.Count);
            }
        }
    }

    /// <summary>True when <paramref name="normalizedToken"/> would be dropped as a stop word.</summary>
    public bool IsStopWord(string normalizedToken) => Settings.RemoveStopWords && StopWords.Contains(normalizedToken);

    private string Prepare(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        if (text.Length > Settings.MaxCharacters)
        {
            var cut = Settings.MaxCharacters;
            if (char.IsHighSurrogate(text[cut - 1]))
            {
                cut--;
            }
            text = text[..cut];
        }
        return TextNormalizer.Normalize(text);
    }

    private bool Keep(string word)
    {
        if (Settings.RemoveStopWords && StopWords.Contains(word))
        {
            return false;
        }
        if (word.Length == 1)
        {
            return Settings.KeepSingleCharacters && TextNormalizer.IsHan(word[0]);
        }
        return !IsNumber(word);
    }

    private void EmitSubwords(string word, JiebaDictionary dictionary, List<string> tokens)
    {
        if (Settings.SubwordTiling)
        {
            EmitTiling(word, dictionary, tokens);
            return;
        }
        for (var n = 2; n <= 3 && n < word.Length; n++)
        {
            for (var start = 0; start + n <= word.Length; start++)
            {
                var gram = dictionary.GetWord(word.AsSpan(start, n));
                if (gram is not null && Keep(gram))
                {
                    tokens.Add(gram);
                }
            }
        }
    }

    /// <summary>
    /// The most probable split of <paramref name="word"/> into dictionary words shorter than it (single characters allowed
    /// at the dictionary's lowest probability), as jieba's route scores it (sum of log frequencies); emits its parts of
    /// two characters or more. Deterministic: ties go to the longer first part.
    /// </summary>
    private void EmitTiling(string word, JiebaDictionary dictionary, List<string> tokens)
    {
        var n = word.Length;
        Span<double> best = stackalloc double[n + 1];
        Span<int> cut = stackalloc int[n + 1];
        var single = -dictionary.LogTotal;
        best[n] = 0;
        for (var i = n - 1; i >= 0; i--)
        {
            best[i] = double.NegativeInfinity;
            for (var len = Math.Min(n - 1, n - i); len >= 1; len--)
            {
                var f = len == 1 ? 0 : dictionary.Frequency(word.AsSpan(i, len));
                if (len > 1 && f <= 0)
                {
                    continue;
                }
                var score = (len == 1 ? single : Math.Log(f) - dictionary.LogTotal) + best[i + len];
                if (score > best[i])
                {
                    best[i] = score;
                    cut[i] = len;
                }
            }
        }
        for (var i = 0; i < n && cut[i] > 0; i += cut[i])
        {
            if (cut[i] >= 2 && dictionary.GetWord(word.AsSpan(i, cut[i])) is { } part && Keep(part))
            {
                tokens.Add(part);
            }
        }
    }

    /// <summary>Emits every user term that is the concatenation of words[start..j] (j &gt; start), walking the term trie.</summary>
    private void EmitUserTerms(List<string> words, int start, List<string> tokens)
    {
        var node = UserTermTrie.Root;
        var limit = Math.Min(words.Count, start + Settings.MaxUserTermWords);
        for (var j = start; j < limit; j++)
        {
            var next = words[j];
            if (j > start && !IsContentWord(next) && next is not ("、" or "-" or "·"))
            {
                return;
            }
            foreach (var c in next)
            {
                node = userTermTrie.Child(node, c);
                if (node == UserTermTrie.Root)
                {
                    return; // no term starts with these words
                }
            }
            if (j > start && userTermTrie.TermAt(node) is { } term)
            {
                tokens.Add(term);
            }
        }
    }

    private static bool IsContentWord(string word)
    {
        foreach (var c in word)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsAllHan(string word)
    {
        foreach (var c in word)
        {
            if (!TextNormalizer.IsHan(c))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsNumber(string word)
    {
        foreach (var c in word)
        {
            if (!(char.IsDigit(c) || c is '.' or '%' or '-' or '+' or ','))
            {
                return false;
            }
        }
        return true;
    }
}

/// <summary>The user terms as a <see cref="CharTrie"/>, with the term that ends at each node.</summary>
internal sealed class UserTermTrie
{
    /// <summary>The empty prefix; also "no such child".</summary>
    internal const int Root = CharTrie.Root;

    private readonly CharTrie trie;
    private readonly string?[] terms;

    /// <summary>Builds the trie of <paramref name="userTerms"/>.</summary>
    public UserTermTrie(IReadOnlyCollection<string> userTerms)
    {
        var builder = new CharTrie.Builder(userTerms.Count * 4);
        var ends = new List<(int Node, string Term)>(userTerms.Count);
        foreach (var term in userTerms)
        {
            ends.Add((builder.Add(term), term));
        }
        trie = builder.Build(out var renumber);
        terms = new string?[trie.NodeCount];
        foreach (var (node, term) in ends)
        {
            terms[renumber[node]] = term;
        }
    }

    /// <summary>The child of <paramref name="node"/> for <paramref name="c"/>, or <see cref="Root"/> when there is none.</summary>
    public int Child(int node, char c) => trie.Child(node, c);

    /// <summary>The term that ends at <paramref name="node"/>, or null.</summary>
    public string? TermAt(int node) => terms[node];
}
