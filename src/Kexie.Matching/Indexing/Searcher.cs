using Kexie.Matching.Analysis;

namespace Kexie.Matching.Indexing;

/// <summary>A weighted query term.</summary>
/// <param name="Weak">A single character, place name or generic word (see <c>Matchable</c>): it adds to the text score of a
/// candidate that matches a real term, but never makes a candidate by itself, is not a matched term and does not count
/// in the coverage.</param>
internal readonly record struct QueryTerm(string Term, double Weight, double Idf, int DocumentFrequency, bool Weak = false);

/// <summary>A candidate after the text pass.</summary>
internal struct Candidate
{
    public SegmentView View;
    public int Doc;
    public float Text;
    public ulong Mask;
    public double Final;
    public double Discipline;
    public double Industry;
    public double Region;
    public double Budget;
    public double Recency;
    public double Track;
    public double Lift;

    /// <summary>What the learned re-ranker added (<see cref="MatchOptions.Reranker"/>; 0 when off).</summary>
    public double Learned;

    /// <summary>Place in the text ranking (the order the signals were scored in).</summary>
    public int TextOrder;

    /// <summary>With a lift: how far its text score led the second best (share of its own).</summary>
    public double LiftMargin;

    /// <summary>With a lift: the (predicted) discipline contribution of the candidate it was lifted over.</summary>
    public double LiftOverDiscipline;

    /// <summary>With a lift: it was placed above the candidate it clearly led by its text (<see cref="MatchOptions.PredictedLeaderBand"/>), not first.</summary>
    public bool LiftInBand;

    /// <summary>Found by the character backstop (<see cref="MatchOptions.CharacterBackstop"/>): it shares characters, not words, with the query.</summary>
    public bool Backstop;

    public readonly StoredDocument Stored => View.Segment.Documents[Doc];
}

/// <summary>The documents of one segment that match a query, with text scores and matched-term masks, in order of first touch.</summary>
internal sealed class SegmentHits
{
    public int[] Docs { get; private set; } = [];

    public float[] Scores { get; private set; } = [];

    public ulong[] Masks { get; private set; } = [];

    public int Count { get; private set; }

    /// <summary>Postings of terms whose bound could not lift a document above the heap's floor, of documents no other term had touched: not scored.</summary>
    public long SkippedPostings { get; set; }

    /// <summary>Touched documents that passed the filters but not the heap's floor: not offered.</summary>
    public long SkippedHits { get; set; }

    /// <summary>Postings of non-essential terms decoded (to find the documents an earlier term touched).</summary>
    public long NonEssentialPostings { get; set; }

    /// <summary>Of those, the postings in whole blocks of <see cref="PostingList.SkipInterval"/> (between two skip entries) that reach no touched document: what skipping by the skip entries could at most have left undecoded.</summary>
    public long SkippableBlockPostings { get; set; }

    /// <summary>Empties the list and makes room for <paramref name="capacity"/> documents.</summary>
    public void Reset(int capacity)
    {
        Count = 0;
        SkippedPostings = 0;
        SkippedHits = 0;
        NonEssentialPostings = 0;
        SkippableBlockPostings = 0;
        if (Docs.Length < capacity)
        {
            var size = Math.Max(capacity, Docs.Length * 2);
            Docs = new int[size];
            Scores = new float[size];
            Masks = new ulong[size];
        }
    }

    public void Add(int doc, float score, ulong mask)
    {
        Docs[Count] = doc;
        Scores[Count] = score;
        Masks[Count++] = mask;
    }
}

/// <summary>The stages of a query, for <see cref="SearchProfile"/>.</summary>
internal enum SearchStage
{
    /// <summary>Analysis of the query's texts, document frequencies, term weights.</summary>
    QueryTerms,

    /// <summary>The first term-at-a-time text pass (postings, accumulators, top <see cref="MatchOptions.RerankDepth"/>).</summary>
    TextPass,

    /// <summary>The query's disciplines (given, or the classifier and the text matches' code vote).</summary>
    Disciplines,

    /// <summary>Pseudo-relevance feedback: the expanded query.</summary>
    Feedback,

    /// <summary>The second text pass with the expanded query, and the leader kept.</summary>
    FeedbackPass,

    /// <summary>Field-only candidates.</summary>
    FieldOnly,

    /// <summary>Structured signals of the candidates and the final sort.</summary>
    Signals,

    /// <summary>Results and explanations of the returned candidates.</summary>
    Explain,
}

/// <summary>
/// Ticks (<see cref="System.Diagnostics.Stopwatch"/>) spent per <see cref="SearchStage"/> by the queries run on this
/// thread while <see cref="Current"/> is set (the bench's query profile); nothing is measured when it is null.
/// </summary>
internal sealed class SearchProfile
{
    [ThreadStatic]
    private static SearchProfile? current;

    /// <summary>The profile the queries of this thread add to, or null.</summary>
    public static SearchProfile? Current
    {
        get => current;
        set => current = value;
    }

    /// <summary>Ticks per stage.</summary>
    public long[] Ticks { get; } = new long[Enum.GetValues<SearchStage>().Length];

    /// <summary>Queries profiled.</summary>
    public long Queries { get; set; }

    /// <summary>Postings of the query terms (document frequencies summed), first pass.</summary>
    public long Postings { get; set; }

    /// <summary>Candidates after the text pass(es) and the field-only candidates.</summary>
    public long Candidates { get; set; }

    /// <summary>Text pass, one thread only (segments scored on several cores are not counted): ticks reading the postings into the accumulators.</summary>
    public long PostingTicks { get; set; }

    /// <summary>Text pass: ticks collecting the touched documents that pass the filters (hits).</summary>
    public long GatherTicks { get; set; }

    /// <summary>Text pass: ticks selecting the best hits through the heap.</summary>
    public long HeapTicks { get; set; }

    /// <summary>Text pass: ticks taking the selected hits out of the heap in order.</summary>
    public long ListTicks { get; set; }

    /// <summary>Text pass: hits (documents that pass the filters), all passes.</summary>
    public long Hits { get; set; }

    /// <summary>Text pass: hits that entered the top heap (added, or replacing its root), all passes.</summary>
    public long HeapEntries { get; set; }

    /// <summary>Text pass: postings not scored because no document they alone reach could enter the heap (all cores), all passes.</summary>
    public long SkippedPostings { get; set; }

    /// <summary>Text pass: hits not offered to the heap because they were not above its floor (all cores), all passes.</summary>
    public long SkippedHits { get; set; }

    /// <summary>Text pass: postings of non-essential terms decoded (all cores), all passes.</summary>
    public long NonEssentialPostings { get; set; }

    /// <summary>Text pass: of those, postings in whole skip blocks that reach no touched document (what skipping could at most save).</summary>
    public long SkippableBlockPostings { get; set; }

    /// <summary>Bytes allocated per stage (by this thread).</summary>
    public long[] Bytes { get; } = new long[Enum.GetValues<SearchStage>().Length];

    private long allocated = GC.GetAllocatedBytesForCurrentThread();

    /// <summary>Adds the ticks since <paramref name="mark"/> to <paramref name="stage"/> and moves the mark to now.</summary>
    public void Lap(SearchStage stage, ref long mark)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        Ticks[(int)stage] += now - mark;
        mark = now;
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        Bytes[(int)stage] += bytes - allocated;
        allocated = bytes;
    }

    /// <summary>Starts a query: the allocations before it are not counted.</summary>
    public void Start() => allocated = GC.GetAllocatedBytesForCurrentThread();
}

/// <summary>Runs one query against one snapshot.</summary>
internal sealed class Searcher
{
    /// <summary>A document's text score and matched-term mask while a segment is scored (side by side: one cache line).</summary>
    private struct Accumulator
    {
        public float Score;
        public ulong Mask;
    }

    [ThreadStatic]
    private static Accumulator[]? accumulatorPool;

    [ThreadStatic]
    private static int[]? touchedPool;

    /// <summary>Per-segment hit lists, one set per query running now (returned when the text pass ends).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentBag<SegmentHits[]> HitSets = [];

    private readonly IndexSnapshot snapshot;
    private readonly MatchOptions options;
    private readonly ChineseAnalyzer analyzer;
    private readonly IDisciplinePredictor? predictor;

    private readonly long parallelFrom;

    /// <summary>This query's candidates include character backstop candidates (<see cref="MatchOptions.CharacterBackstop"/>).</summary>
    private bool backstopAdded;

    /// <summary>The text pass as before match18 (<see cref="MatchIndex.LegacyTextPass"/>).</summary>
    private readonly bool legacyTextPass;

    /// <summary>The floor's bounds as match18's (<see cref="MatchIndex.WeightBounds"/>).</summary>
    private readonly bool weightBounds;

    /// <param name="parallelFrom">From this many documents (in more than one segment) the text pass scores the segments on all cores.</param>
    /// <param name="legacyTextPass">The text pass as before match18 (the bench's and the tests' reference).</param>
    /// <param name="weightBounds">The floor's term bounds as match18's (a term's weight, <see cref="WeightBounds"/>) instead of per segment (the bench's comparison).</param>
    public Searcher(IndexSnapshot snapshot, MatchOptions options, ChineseAnalyzer analyzer, IDisciplinePredictor? predictor, long parallelFrom, bool legacyTextPass = false, bool weightBounds = false)
    {
        this.weightBounds = weightBounds;
        this.parallelFrom = parallelFrom;
        this.legacyTextPass = legacyTextPass;
        this.snapshot = snapshot;
        this.options = options;
        this.analyzer = analyzer;
        this.predictor = predictor;
    }

    public IReadOnlyList<MatchResult> Search(MatchQuery query, bool flagDuplicates)
    {
        var top = Math.Clamp(query.Top, 1, 1000);
        if (snapshot.LiveCount == 0)
        {
            return [];
        }
        var profile = SearchProfile.Current;
        var mark = profile is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        if (profile is not null)
        {
            profile.Queries++;
            profile.Start();
        }
        var (terms, allTokens, unknownWeight, weakTerms) = BuildQueryTerms(query);
        if (profile is not null)
        {
            profile.Lap(SearchStage.QueryTerms, ref mark);
            foreach (var t in terms)
            {
                profile.Postings += t.DocumentFrequency;
            }
        }
        var hasStructure = query.DisciplineCodes.Count > 0 || query.IndustryCodes.Count > 0;
        // Not for similar-need (duplicate) searches: those are about the same words.
        var backstop = options.CharacterBackstop && !flagDuplicates;
        // The weak-term backstop needs no index terms of its own: the query's weak terms are already indexed words.
        var weakBackstop = options.WeakTermBackstop && !flagDuplicates && weakTerms is { Count: > 0 };
        if (terms.Count == 0 && !hasStructure && !backstop && !weakBackstop)
        {
            return [];
        }
        var allowedKinds = AllowedKinds(query.Kinds);
        var excluded = query.ExcludeIds.Count == 0 ? null : new HashSet<string>(query.ExcludeIds, StringComparer.Ordinal);
        var strong = StrongMask(terms);
        var candidates = terms.Count > 0
            ? TextPass(terms, allowedKinds, excluded, strong)
            : hasStructure ? ScanAll(allowedKinds, excluded) : [];
        profile?.Lap(SearchStage.TextPass, ref mark);
        var originalTermCount = terms.Count;
        var firstWeights = Array.Empty<double>();
        var disciplines = QueryDisciplines(query, allTokens, candidates);
        profile?.Lap(SearchStage.Disciplines, ref mark);
        // Not for similar-need (duplicate) searches: those are about the same words.
        var fillField = options.FieldOnlyCandidates && !flagDuplicates && originalTermCount > 0 && disciplines.Codes.Count > 0;
        var backstopNorm = 0.0;
        // With a known field its documents are the better fill (field-only candidates, below): the backstop is for a query
        // whose words find too little and whose field is not known, or that has no word any document holds.
        backstop &= !fillField;
        weakBackstop &= !fillField;
        if (candidates.Count == 0 && backstop)
        {
            // No document shares a word with the query: the documents that share its characters.
            backstopNorm = AddBackstopCandidates(query, candidates, allowedKinds, excluded);
            backstop = false;
        }
        if (candidates.Count == 0 && weakBackstop)
        {
            // No document shares a real word with the query: the documents that share its weak terms.
            backstopNorm = AddWeakTermCandidates(weakTerms!, candidates, allowedKinds, excluded);
            weakBackstop = false;
        }
        if (candidates.Count == 0 && fillField)
        {
            // No document shares a word with the query, but its field is known: documents of that field.
            AddFieldOnlyCandidates(candidates, disciplines, allowedKinds, excluded, top);
            fillField = false;
        }
        if (candidates.Count == 0)
        {
            return [];
        }
        // How clearly the best text match leads the second one (0 = tie, 1 = alone).
        var leaderMargin = candidates.Count >= 2 && candidates[0].Text > 0
            ? Math.Clamp((candidates[0].Text - candidates[1].Text) / candidates[0].Text, 0, 1)
            : candidates.Count == 1 ? 1.0 : 0.0;
        // (Feedback needs text matches: not when the candidates are only documents of the field.)
        if (!flagDuplicates && candidates[0].Text > 0 && !candidates[0].Backstop && options.FeedbackDocuments > 0 && options.FeedbackTerms > 0 && options.FeedbackWeight > 0
            && terms.Count > 0 && snapshot.LiveCount >= options.FeedbackMinDocuments
            && (disciplines.Codes.Count == 0 || options.FeedbackWithDisciplines))
        {
            var expanded = ExpandQuery(terms, candidates);
            profile?.Lap(SearchStage.Feedback, ref mark);
            if (expanded is not null)
            {
                var first = candidates;
                // Weight ratio of each original term after / before expansion, to normalise by the original query.
                firstWeights = new double[originalTermCount];
                for (var ti = 0; ti < originalTermCount; ti++)
                {
                    firstWeights[ti] = terms[ti].Weight > 0 ? expanded[ti].Weight / terms[ti].Weight : 1;
                }
                terms = expanded;
                // Feedback re-ranks: a candidate still has to contain one of the query's own terms.
                var own = originalTermCount >= 64 ? ulong.MaxValue : (1UL << originalTermCount) - 1;
                candidates = TextPass(terms, allowedKinds, excluded, own & strong, pass: 1);
                KeepLeader(first, candidates);
                profile?.Lap(SearchStage.FeedbackPass, ref mark);
            }
        }

        if (backstop && candidates.Count < top)
        {
            // The words found fewer documents than asked for: the documents that share the query's characters fill the list.
            backstopNorm = AddBackstopCandidates(query, candidates, allowedKinds, excluded);
        }
        if (weakBackstop && options.WeakTermBackstopWhenFew && candidates.Count < top)
        {
            // The words found fewer documents than asked for: the documents that share the query's weak terms fill the list.
            var norm = AddWeakTermCandidates(weakTerms!, candidates, allowedKinds, excluded);
            backstopNorm = backstopNorm > 0 ? backstopNorm : norm;
        }

        if (fillField)
        {
            AddFieldOnlyCandidates(candidates, disciplines, allowedKinds, excluded, top);
            profile?.Lap(SearchStage.FieldOnly, ref mark);
        }

        // Normalised by the user's own terms: after feedback the text scores are rescaled to the
        // first pass's scale (see KeepLeader), so the balance of text and structured signals is unchanged.
        var queryNorm = 0.0;
        for (var ti = 0; ti < originalTermCount; ti++)
        {
            queryNorm += terms[ti].Idf * terms[ti].Weight / (ti < firstWeights.Length ? firstWeights[ti] : 1);
        }
        if (queryNorm <= 0)
        {
            // Only characters to go on: a document holding every one of them scores CharacterBackstopWeight.
            queryNorm = backstopNorm;
        }
        var disciplineFactor = disciplines.Predicted && options.PredictedDisciplineMarginDamping > 0
            ? Math.Pow(1 - leaderMargin, options.PredictedDisciplineMarginDamping)
            : 1.0;
        if (profile is not null)
        {
            profile.Candidates += candidates.Count;
        }
        var textLeader = candidates[0];
        // Only where it was trained: queries whose field is predicted (not similar-need searches, not queries that give
        // their codes, not a ranking without any field).
        var learnable = !flagDuplicates && disciplines.Predicted && disciplines.Codes.Count > 0;
        var reranker = learnable ? options.Reranker : null;
        var capture = learnable ? Ranking.RerankCapture.Current : null;
        var rerankDepth = Math.Max(reranker?.Depth ?? 0, capture is null ? 0 : Ranking.RerankCapture.Depth);
        // The re-ranker reads its depth's candidates, so they must all be scored (see ScoreSignals' early stop).
        var scored = ScoreSignals(query, candidates, disciplines, queryNorm, disciplineFactor, Math.Max(top, rerankDepth));
        // The rest cannot reach the top (see ScoreSignals).
        candidates.RemoveRange(scored, candidates.Count - scored);
        candidates.Sort(static (a, b) =>
        {
            var c = b.Final.CompareTo(a.Final);
            return c != 0 ? c : string.CompareOrdinal(a.Stored.Id, b.Stored.Id);
        });
        if (backstopAdded)
        {
            // The backstop only fills: a document sharing characters but no word with the query ranks after every
            // candidate the words (or the field alone) found, whatever its field adds; among themselves by score.
            var ordered = candidates.Where(c => !c.Backstop).Concat(candidates.Where(c => c.Backstop)).ToList();
            candidates.Clear();
            candidates.AddRange(ordered);
        }
        if ((reranker is not null || capture is not null) && candidates.Count > 0)
        {
            Rerank(candidates, reranker, capture, disciplines, queryNorm, terms, originalTermCount, Math.Max(top, rerankDepth));
        }
        if (options.TextDominanceRatio > 1 && disciplines.Predicted && disciplines.Codes.Count > 0 && candidates.Count > 1)
        {
            OrderByTextDominance(candidates, textLeader, top);
        }
        // The lead the best text match needs against a predicted field: the margin, scaled by how sure that field is.
        if (disciplines.Predicted && disciplines.Codes.Count > 0 && options.PredictedLeaderMargin < 1)
        {
            var leaderCoverage = Coverage(terms, originalTermCount, textLeader.Mask);
            if (leaderMargin > 0 && leaderMargin >= LeaderMarginNeeded(disciplines) && leaderCoverage >= options.PredictedLeaderMinCoverage)
            {
                KeepTextLeaderFirst(candidates, textLeader, leaderMargin);
            }
            else if (options.PredictedLeaderBand && textLeader.Text > 0 && leaderCoverage >= options.PredictedLeaderBandMinCoverage)
            {
                KeepTextLeaderInBand(candidates, textLeader, LeaderMarginNeeded(disciplines));
            }
        }
        profile?.Lap(SearchStage.Signals, ref mark);
        var count = Math.Min(top, candidates.Count);
        var results = new List<MatchResult>(count);
        var known = 0.0;
        for (var ti = 0; ti < originalTermCount; ti++)
        {
            known += terms[ti].Weak ? 0 : terms[ti].Weight * terms[ti].Idf;
        }
        var unknownShare = known + unknownWeight > 0 ? unknownWeight / (known + unknownWeight) : 0;
        var explainer = new Explainer(snapshot, options, terms, originalTermCount, query, disciplines, unknownShare);
        for (var i = 0; i < count; i++)
        {
            results.Add(explainer.Explain(candidates[i], i + 1, flagDuplicates));
        }
        profile?.Lap(SearchStage.Explain, ref mark);
        return results;
    }

    private (List<QueryTerm> Terms, List<string> AllTokens, double Unknown, List<QueryTerm>? Weak) BuildQueryTerms(MatchQuery query)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        var all = new List<string>();
        var scratch = new List<string>();
        void AddText(string? text, double weight)
        {
            if (string.IsNullOrWhiteSpace(text) || weight <= 0)
            {
                return;
            }
            scratch.Clear();
            analyzer.Analyze(text, scratch);
            foreach (var token in scratch)
            {
                weights[token] = weights.GetValueOrDefault(token) + weight;
            }
            all.AddRange(scratch);
        }
        var units = options.QueryTitleWordUnitExponent > 0 ? new List<int>() : null;
        void AddTitle(string? text, double weight)
        {
            if (units is null)
            {
                AddText(text, weight);
                return;
            }
            if (string.IsNullOrWhiteSpace(text) || weight <= 0)
            {
                return;
            }
            // A title word is one concept (QueryTitleWordUnitExponent): it and its sub-words share its weight.
            scratch.Clear();
            units.Clear();
            analyzer.Analyze(text, scratch, units);
            var size = new Dictionary<int, HashSet<string>>();
            for (var k = 0; k < scratch.Count; k++)
            {
                if (!size.TryGetValue(units[k], out var set))
                {
                    size[units[k]] = set = new HashSet<string>(StringComparer.Ordinal);
                }
                set.Add(scratch[k]);
            }
            for (var k = 0; k < scratch.Count; k++)
            {
                var share = weight / Math.Pow(Math.Max(1, size[units[k]].Count), options.QueryTitleWordUnitExponent);
                weights[scratch[k]] = weights.GetValueOrDefault(scratch[k]) + share;
            }
            all.AddRange(scratch);
        }
        AddTitle(query.Text, options.QueryTitleWeight);
        AddTitle(query.Title, options.QueryTitleWeight);
        var unit = new HashSet<string>(StringComparer.Ordinal);
        foreach (var keyword in query.Keywords)
        {
            if (string.IsNullOrWhiteSpace(keyword) || options.QueryKeywordsWeight <= 0)
            {
                continue;
            }
            scratch.Clear();
            analyzer.Analyze(keyword, scratch);
            all.AddRange(scratch);
            var whole = TextNormalizer.Normalize(keyword).Trim();
            unit.Clear();
            unit.UnionWith(scratch);
            // One keyword is one concept: its terms share its weight (each term 1/√n of it, n its distinct words and
            // sub-words: the keyword's term vector has unit length), so a long keyword cut into five terms
            // (水工模型试验 → 水工, 模型, 试验, 模型试验 and itself) does not outweigh four keywords of one term each.
            var share = options.QueryKeywordsWeight / Math.Pow(Math.Max(1, unit.Count), options.QueryKeywordUnitExponent);
            foreach (var token in scratch)
            {
                weights[token] = weights.GetValueOrDefault(token) + share;
            }
            if (whole.Length is >= 2 and <= 24 && !analyzer.IsStopWord(whole) && !scratch.Contains(whole))
            {
                weights[whole] = weights.GetValueOrDefault(whole) + share;
            }
        }
        AddText(query.Body, options.QueryBodyWeight);

        var n = Math.Max(1, snapshot.DocumentCount);
        var terms = new List<QueryTerm>(weights.Count);
        List<QueryTerm>? frequent = null;
        List<QueryTerm>? weak = null;
        // The weight × idf of the query's real terms that no document holds (idf of df 0): what the corpus lacks.
        var unknown = 0.0;
        foreach (var (term, raw) in weights)
        {
            var df = snapshot.DocumentFrequency(term);
            // Repeats in a long query count, but sub-linearly.
            var weight = raw <= 1 ? raw : 1 + Math.Log(raw);
            if (df == 0)
            {
                if (Matchable(term))
                {
                    unknown += weight * Math.Log(1 + (n + 0.5) / 0.5);
                }
                continue;
            }
            var idf = Math.Log(1 + (n - df + 0.5) / (df + 0.5));
            if (!Matchable(term))
            {
                (weak ??= []).Add(new QueryTerm(term, weight, idf, df, Weak: true));
                continue;
            }
            if (n >= options.MaxDocumentFrequencyMinDocuments && df > options.MaxDocumentFrequencyRatio * n)
            {
                // A word most documents hold says nothing when the query has better ones.
                (frequent ??= []).Add(new QueryTerm(term, weight, idf, df));
                continue;
            }
            terms.Add(new QueryTerm(term, weight, idf, df));
        }
        if (terms.Count == 0 && frequent is not null)
        {
            // Nothing else to go on (e.g. "茶叶" in a county market of tea offers): the frequent words are the query.
            terms.AddRange(frequent);
        }
        var max = Math.Clamp(options.MaxQueryTerms, 1, 64);
        if (terms.Count > max)
        {
            terms.Sort(static (a, b) => (b.Weight * b.Idf).CompareTo(a.Weight * a.Idf));
            terms.RemoveRange(max, terms.Count - max);
        }
        if (terms.Count > 0 && weak is not null)
        {
            // After the real terms (a query of weak terms alone matches nothing), strongest first.
            weak.Sort(static (a, b) => (b.Weight * b.Idf).CompareTo(a.Weight * a.Idf));
            terms.AddRange(weak.Take(Math.Max(0, max - terms.Count)));
        }
        return (terms, all, unknown, weak);
    }

    /// <summary>
    /// The character backstop (<see cref="MatchOptions.CharacterBackstop"/>): the query's distinct characters (stop
    /// characters and characters most documents hold left out; each weighted as the text it came from, times
    /// <see cref="MatchOptions.CharacterBackstopWeight"/>) are looked up among the documents' character terms, and the
    /// documents found that are not candidates yet join them with no matched term. The list stays ordered by text score.
    /// Returns the characters' own norm (Σ idf × weight without the backstop weight), the text norm of a query whose
    /// words find nothing; 0 when no character is indexed.
    /// </summary>
    private double AddBackstopCandidates(MatchQuery query, List<Candidate> candidates, int allowedKinds, HashSet<string>? excluded)
    {
        var weights = new Dictionary<char, double>();
        var seen = new HashSet<char>();
        void Add(string? text, double weight)
        {
            if (string.IsNullOrWhiteSpace(text) || weight <= 0)
            {
                return;
            }
            seen.Clear();
            CharacterTerms.Collect(TextNormalizer.Normalize(text), analyzer, seen, c => weights[c] = Math.Max(weights.GetValueOrDefault(c), weight));
        }
        Add(query.Text, options.QueryTitleWeight);
        Add(query.Title, options.QueryTitleWeight);
        foreach (var keyword in query.Keywords)
        {
            Add(keyword, options.QueryKeywordsWeight);
        }
        Add(query.Body, options.QueryBodyWeight);
        var n = Math.Max(1, snapshot.DocumentCount);
        var terms = new List<QueryTerm>(weights.Count);
        foreach (var (c, weight) in weights)
        {
            var term = CharacterTerms.Of(c);
            var df = snapshot.DocumentFrequency(term);
            if (df == 0 || (n >= options.MaxDocumentFrequencyMinDocuments && df > options.MaxDocumentFrequencyRatio * n))
            {
                continue;
            }
            terms.Add(new QueryTerm(term, weight * options.CharacterBackstopWeight, Idf(n, df), df));
        }
        if (terms.Count == 0 || options.CharacterBackstopWeight <= 0)
        {
            return 0;
        }
        terms.Sort(static (a, b) => b.Idf.CompareTo(a.Idf) is var c && c != 0 ? c : string.CompareOrdinal(a.Term, b.Term));
        if (terms.Count > 64)
        {
            terms.RemoveRange(64, terms.Count - 64);
        }
        var norm = 0.0;
        foreach (var t in terms)
        {
            norm += t.Idf * t.Weight / options.CharacterBackstopWeight;
        }
        MergeBackstop(candidates, TextPass(terms, allowedKinds, excluded, pass: 2));
        return norm;
    }

    /// <summary>
    /// The weak-term backstop (<see cref="MatchOptions.WeakTermBackstop"/>): the query's weak terms (single characters,
    /// place names, generic words the index already holds; those most documents hold left out; each weighted as in the
    /// query, times <see cref="MatchOptions.WeakTermBackstopWeight"/>) are looked up, and the documents found that are
    /// not candidates yet join them with no matched term, marked as backstop candidates. The list stays ordered by text
    /// score. Returns the weak terms' own norm (Σ idf × weight without the backstop weight), the text norm of a query
    /// whose words find nothing; 0 when none is usable.
    /// </summary>
    private double AddWeakTermCandidates(List<QueryTerm> weak, List<Candidate> candidates, int allowedKinds, HashSet<string>? excluded)
    {
        var n = Math.Max(1, snapshot.DocumentCount);
        var terms = new List<QueryTerm>(weak.Count);
        foreach (var t in weak)
        {
            if ((n >= options.MaxDocumentFrequencyMinDocuments && t.DocumentFrequency > options.MaxDocumentFrequencyRatio * n)
                || (options.WeakTermBackstopCharactersOnly && t.Term.Length != 1))
            {
                continue;
            }
            terms.Add(t with { Weight = t.Weight * options.WeakTermBackstopWeight, Weak = false });
        }
        if (terms.Count == 0 || options.WeakTermBackstopWeight <= 0)
        {
            return 0;
        }
        // Strongest first (BuildQueryTerms sorted them by weight × idf only when there were real terms).
        terms.Sort(static (a, b) => (b.Weight * b.Idf).CompareTo(a.Weight * a.Idf) is var c && c != 0 ? c : string.CompareOrdinal(a.Term, b.Term));
        if (terms.Count > 64)
        {
            terms.RemoveRange(64, terms.Count - 64);
        }
        var norm = 0.0;
        foreach (var t in terms)
        {
            norm += t.Idf * t.Weight / options.WeakTermBackstopWeight;
        }
        MergeBackstop(candidates, TextPass(terms, allowedKinds, excluded, pass: 2));
        return norm;
    }

    /// <summary>Adds the backstop pass's documents that are not candidates yet, with no matched term; the list stays ordered by text score.</summary>
    private void MergeBackstop(List<Candidate> candidates, List<Candidate> found)
    {
        if (found.Count == 0)
        {
            return;
        }
        var present = new HashSet<(long Segment, int Doc)>();
        foreach (var c in candidates)
        {
            present.Add((c.View.Segment.Id, c.Doc));
        }
        var merged = new List<Candidate>(candidates.Count + found.Count);
        merged.AddRange(candidates);
        foreach (var f in found)
        {
            if (present.Add((f.View.Segment.Id, f.Doc)))
            {
                merged.Add(f with { Mask = 0, Backstop = true });
                backstopAdded = true;
            }
        }
        candidates.Clear();
        // Stable: among equal text scores the word matches stay first.
        candidates.AddRange(merged.Select((c, i) => (c, i)).OrderByDescending(x => x.c.Text).ThenBy(x => x.i).Select(x => x.c));
    }

    /// <summary>
    /// RM3-style pseudo-relevance feedback: the relevance model of the best first-pass documents
    /// (each weighted by its share of their text scores; a term's probability in a document is its
    /// field-weighted frequency over the document's strongest terms, see <see cref="ForwardIndex"/>)
    /// gives the <see cref="MatchOptions.FeedbackTerms"/> most probable terms; the query becomes
    /// <c>(1 − λ) · original + λ · feedback</c> (both normalised, λ = <see cref="MatchOptions.FeedbackWeight"/>),
    /// scaled back to the original total weight. Null when nothing would change.
    /// </summary>
    private List<QueryTerm>? ExpandQuery(List<QueryTerm> terms, List<Candidate> candidates)
    {
        var fb = Math.Min(options.FeedbackDocuments, candidates.Count);
        if (fb == 0)
        {
            return null;
        }

        var total = 0.0;
        for (var i = 0; i < fb; i++)
        {
            total += candidates[i].Text;
        }
        if (total <= 0)
        {
            return null;
        }
        var model = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < fb; i++)
        {
            var c = candidates[i];
            var forward = c.View.Segment.Forward;
            var entries = forward.Of(c.Doc);
            var length = 0.0;
            foreach (var e in entries)
            {
                length += FeedbackFrequency((byte)e);
            }
            if (length <= 0)
            {
                continue;
            }
            var pd = c.Text / total / length;
            foreach (var e in entries)
            {
                ref var v = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(model, forward.Terms[e >> 8], out _);
                v += pd * FeedbackFrequency((byte)e);
            }
        }
        if (model.Count == 0)
        {
            return null;
        }
        var n = Math.Max(1, snapshot.DocumentCount);
        var picked = new List<(string Term, double P, int Df)>(model.Count);
        foreach (var (term, p) in model)
        {
            var df = snapshot.DocumentFrequency(term);
            if (df == 0 || (n >= options.MaxDocumentFrequencyMinDocuments && df > options.MaxDocumentFrequencyRatio * n) || !Matchable(term))
            {
                continue;
            }
            picked.Add((term, p, df));
        }
        var idfPower = options.FeedbackIdfPower;
        if (idfPower != 0)
        {
            picked.Sort((a, b) => (b.P * Math.Pow(Idf(n, b.Df), idfPower)).CompareTo(a.P * Math.Pow(Idf(n, a.Df), idfPower)));
        }
        else
        {
            picked.Sort(static (a, b) => b.P.CompareTo(a.P));
        }
        if (picked.Count > options.FeedbackTerms)
        {
            picked.RemoveRange(options.FeedbackTerms, picked.Count - options.FeedbackTerms);
        }
        var pickedTotal = 0.0;
        foreach (var p in picked)
        {
            pickedTotal += p.P;
        }
        if (pickedTotal <= 0)
        {
            return null;
        }
        var originalTotal = 0.0;
        foreach (var t in terms)
        {
            originalTotal += t.Weight;
        }
        var lambda = Math.Clamp(options.FeedbackWeight, 0, 1);
        var result = new List<QueryTerm>(Math.Min(64, terms.Count + picked.Count));
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in terms)
        {
            index[t.Term] = result.Count;
            result.Add(t with { Weight = (1 - lambda) * t.Weight });
        }
        foreach (var (term, p, df) in picked)
        {
            var add = lambda * p / pickedTotal * originalTotal;
            if (index.TryGetValue(term, out var at))
            {
                result[at] = result[at] with { Weight = result[at].Weight + add };
            }
            else if (result.Count < 64)
            {
                var idf = Math.Log(1 + (n - df + 0.5) / (df + 0.5));
                result.Add(new QueryTerm(term, add, idf, df));
            }
        }
        return result;
    }

    /// <summary>
    /// The learned re-ranker (<see cref="MatchOptions.Reranker"/>): the first <paramref name="depth"/> candidates of the
    /// hand-weighted ranking get its adjustment added to their final score (<see cref="Candidate.Learned"/>, shown as
    /// its own contribution) and are sorted again by it; the rest keep their place after them. With a capture list
    /// (<see cref="Ranking.RerankCapture"/>) their inputs are appended first, before any adjustment.
    /// </summary>
    private void Rerank(List<Candidate> candidates, Ranking.LearnedReranker? reranker, List<(string Id, Ranking.RerankInputs Inputs)>? capture,
        QueryDisciplines disciplines, double queryNorm, List<QueryTerm> terms, int originalTermCount, int depth)
    {
        var n = Math.Min(depth, candidates.Count);
        var leaderText = 0.0;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].TextOrder == 0 && !candidates[i].Backstop)
            {
                leaderText = queryNorm > 0 ? options.TextWeight * candidates[i].Text / queryNorm : 0;
                break;
            }
        }
        var weight = disciplines.Codes.Count > 0 ? disciplines.Weight(options) : 0;
        var inputs = new Ranking.RerankInputs[n];
        for (var i = 0; i < n; i++)
        {
            var c = candidates[i];
            var text = queryNorm > 0 ? options.TextWeight * c.Text / queryNorm : 0;
            inputs[i] = new Ranking.RerankInputs(
                c.Final, text, leaderText, c.TextOrder, i, Coverage(terms, originalTermCount, c.Mask),
                weight > 0 ? Math.Clamp(c.Discipline / weight, 0, 1) : 0,
                options.IndustryWeight > 0 ? Math.Clamp(c.Industry / options.IndustryWeight, 0, 1) : 0,
                c.Mask == 0, c.Stored.DisciplinesPredicted, disciplines.Predicted,
                disciplines.Predicted ? disciplines.Sureness : 1.0, disciplines.Uncertainty, disciplines.VoteDisagreement, originalTermCount);
            capture?.Add((c.Stored.Id, inputs[i]));
        }
        if (reranker is null)
        {
            return;
        }
        var bestFinal = candidates[0].Final;
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(candidates);
        for (var i = 0; i < n; i++)
        {
            span[i].Learned = reranker.Adjustment(inputs[i], bestFinal);
            span[i].Final += span[i].Learned;
        }
        span[..n].Sort(static (a, b) =>
        {
            var c = b.Final.CompareTo(a.Final);
            return c != 0 ? c : string.CompareOrdinal(a.Stored.Id, b.Stored.Id);
        });
    }

    /// <summary>
    /// When the first pass had a clear leader (ahead of the second by <see cref="MatchOptions.FeedbackLeaderMargin"/>
    /// of its score), it keeps the top text score after feedback: feedback widens the rest of the list
    /// but does not push out the document that answers the literal query.
    /// </summary>
    /// <summary>
    /// Puts the best text match first (a predicted field must not push a clearly best text match down; see
    /// <see cref="MatchOptions.PredictedLeaderMargin"/>). Its final score is raised to the top one's so the
    /// order and the scores shown agree; the raise is its own contribution in the explanation.
    /// </summary>
    private static void KeepTextLeaderFirst(List<Candidate> candidates, Candidate leader, double margin)
    {
        var at = candidates.FindIndex(c => ReferenceEquals(c.View, leader.View) && c.Doc == leader.Doc);
        if (at <= 0)
        {
            return; // already first (it is never pruned: it is scored first)
        }
        var c = candidates[at];
        candidates.RemoveAt(at);
        c.Lift = Math.Max(0, candidates[0].Final - c.Final);
        c.LiftMargin = margin;
        c.LiftOverDiscipline = candidates[0].Discipline;
        c.Final += c.Lift;
        candidates.Insert(0, c);
    }

    /// <summary>
    /// The predicted field reorders the best text match only within its band (<see cref="MatchOptions.PredictedLeaderBand"/>):
    /// it is placed above the first candidate of the ranking whose text score it leads by <paramref name="margin"/> of its
    /// own or more (the lead <see cref="KeepTextLeaderFirst"/> asks of the second best text match). Its final score is
    /// raised to that candidate's, so the order and the scores shown agree; the raise is its own contribution.
    /// </summary>
    private static void KeepTextLeaderInBand(List<Candidate> candidates, Candidate leader, double margin)
    {
        var at = candidates.FindIndex(c => ReferenceEquals(c.View, leader.View) && c.Doc == leader.Doc);
        var keep = 1 - Math.Max(0, margin);
        for (var p = 0; p < at; p++)
        {
            var here = candidates[p];
            if (here.Text < leader.Text && here.Text <= leader.Text * keep)
            {
                var c = candidates[at];
                candidates.RemoveAt(at);
                c.Lift = Math.Max(0, here.Final - c.Final);
                c.LiftMargin = (c.Text - here.Text) / c.Text;
                c.LiftOverDiscipline = here.Discipline;
                c.LiftInBand = true;
                c.Final += c.Lift;
                candidates.Insert(p, c);
                return;
            }
        }
    }

    /// <summary>
    /// Text dominance (<see cref="MatchOptions.TextDominanceRatio"/>): the first <paramref name="top"/> places go, one by
    /// one, to the best final score among the remaining candidates that no remaining word match leads by the ratio (text
    /// score at least ratio × theirs). A candidate placed above a remaining one of higher final score is raised to that
    /// score (its lift), so the order and the scores shown agree.
    /// </summary>
    private void OrderByTextDominance(List<Candidate> candidates, Candidate leader, int top)
    {
        var ratio = options.TextDominanceRatio;
        var leaderOnly = options.TextDominanceLeaderOnly;
        var exempt = options.TextDominanceFieldOnlyExempt;
        var places = Math.Min(top, candidates.Count);
        for (var p = 0; p < places; p++)
        {
            // The strongest word match still to place (only the text leader, when it alone is protected).
            var strongest = 0.0;
            for (var i = p; i < candidates.Count; i++)
            {
                if (candidates[i].Backstop || (leaderOnly && !(ReferenceEquals(candidates[i].View, leader.View) && candidates[i].Doc == leader.Doc)))
                {
                    continue;
                }
                strongest = Math.Max(strongest, candidates[i].Text);
            }
            var pick = -1;
            var highest = -1;
            for (var i = p; i < candidates.Count; i++)
            {
                var c = candidates[i];
                if (highest < 0 || c.Final > candidates[highest].Final)
                {
                    highest = i;
                }
                var free = c.Backstop || strongest <= 0 || (exempt && c.Text <= 0) || c.Text * ratio > strongest;
                if (free && (pick < 0 || c.Final > candidates[pick].Final))
                {
                    pick = i;
                }
            }
            if (pick < 0 || pick == p)
            {
                continue;
            }
            var chosen = candidates[pick];
            if (highest != pick && candidates[highest].Final > chosen.Final)
            {
                var over = candidates[highest];
                chosen.Lift += over.Final - chosen.Final;
                chosen.LiftMargin = chosen.Text > 0 ? Math.Clamp((chosen.Text - over.Text) / chosen.Text, 0, 1) : 0;
                chosen.LiftOverDiscipline = over.Discipline;
                chosen.LiftInBand = true;
                chosen.Final = over.Final;
            }
            candidates.RemoveAt(pick);
            candidates.Insert(p, chosen);
        }
    }

    /// <summary>
    /// How far the best text match must lead the second to stay first against a predicted field:
    /// <see cref="MatchOptions.PredictedLeaderMargin"/>, times the predicted field's <see cref="QueryDisciplines.Sureness"/>
    /// when <see cref="MatchOptions.PredictedLeaderMarginBySureness"/> is on — an unsure guess needs less text evidence
    /// to be overruled than a sure one.
    /// </summary>
    internal double LeaderMarginNeeded(QueryDisciplines disciplines) =>
        options.PredictedLeaderMargin * (options.PredictedLeaderMarginBySureness ? disciplines.Sureness : 1.0);

    /// <summary>
    /// Whether a term may count as a query (and so a matched) term: not a single character unless it is a domain
    /// term, not an organisation-type or generic word, not one of <see cref="MatchOptions.IgnoredTerms"/>.
    /// </summary>
    private bool Matchable(string term)
    {
        if (CharacterTerms.Is(term))
        {
            return false;
        }
        if (!options.MatchableTermsOnly)
        {
            return true;
        }
        if (term.Length == 1 && !analyzer.UserTerms.Contains(term))
        {
            return false;
        }
        return !StopWords.IsGeneric(term) && !options.IgnoredTerms.Contains(term);
    }

    /// <summary>The bits of the real (not weak) terms: a candidate must hold one of them.</summary>
    private static ulong StrongMask(List<QueryTerm> terms)
    {
        var mask = 0UL;
        for (var ti = 0; ti < terms.Count && ti < 64; ti++)
        {
            if (!terms[ti].Weak)
            {
                mask |= 1UL << ti;
            }
        }
        return mask;
    }

    /// <summary>Share of the query's own term weight (weight × idf; weak terms left out) that the matched-term mask covers.</summary>
    internal static double Coverage(List<QueryTerm> terms, int originalTermCount, ulong mask)
    {
        double total = 0, covered = 0;
        for (var ti = 0; ti < originalTermCount; ti++)
        {
            if (terms[ti].Weak)
            {
                continue;
            }
            var w = terms[ti].Weight * terms[ti].Idf;
            total += w;
            if ((mask & (1UL << ti)) != 0)
            {
                covered += w;
            }
        }
        return total > 0 ? covered / total : 0;
    }

    private void KeepLeader(List<Candidate> first, List<Candidate> second)
    {
        if (first.Count < 1 || second.Count < 1 || first[0].Text <= 0 || second[0].Text <= 0)
        {
            return;
        }
        // Back to the first pass's scale: the best score after feedback equals the best before.
        var scale = first[0].Text / second[0].Text;
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(second);
        for (var i = 0; i < span.Length; i++)
        {
            span[i].Text *= scale;
        }
        if (options.FeedbackLeaderMargin >= 1 || second.Count < 2)
        {
            return;
        }
        var runnerUp = first.Count >= 2 ? first[1].Text : 0;
        if ((first[0].Text - runnerUp) / first[0].Text < options.FeedbackLeaderMargin)
        {
            return;
        }
        var leader = first[0];
        var at = second.FindIndex(c => ReferenceEquals(c.View, leader.View) && c.Doc == leader.Doc);
        if (at == 0)
        {
            return;
        }
        var c = at > 0 ? second[at] : leader;
        if (at > 0)
        {
            second.RemoveAt(at);
        }
        c.Text = Math.Max(first[0].Text, second[0].Text * 1.0001f);
        second.Insert(0, c);
    }

    private static double Idf(long n, int df) => Math.Log(1 + (n - df + 0.5) / (df + 0.5));

    private double FeedbackFrequency(byte packed) =>
        FieldFrequencies.Body(packed) * options.BodyFieldWeight
        + FieldFrequencies.Title(packed) * options.TitleFieldWeight
        + FieldFrequencies.Keywords(packed) * options.KeywordsFieldWeight;

    private static int AllowedKinds(IReadOnlyCollection<DocumentKind> kinds)
    {
        if (kinds.Count == 0)
        {
            return -1;
        }
        var mask = 0;
        foreach (var kind in kinds)
        {
            mask |= 1 << (int)kind;
        }
        return mask;
    }

    /// <summary>A kept text match while the text pass selects the best: the view's index, the document, its score and mask.</summary>
    private struct Hit
    {
        public int View;
        public int Doc;
        public float Text;
        public ulong Mask;
    }

    /// <summary>
    /// The text pass's buffers, one set per thread, reused by its queries (a candidate list of 1,000 would otherwise be
    /// allocated on the large object heap by every query, and collected with the whole heap): the heap, its slots and
    /// one candidate list per pass (the first, the feedback and the character backstop pass are alive together). A list is only read by the
    /// query that filled it, and is emptied by the next query of the thread.
    /// </summary>
    private sealed class TextPassBuffers
    {
        public readonly PriorityQueue<int, float> Heap = new();
        public readonly TopHeap Top = new();
        public Hit[] Slots = [];
        public readonly List<Candidate>[] Lists = [[], [], []];
    }

    [ThreadStatic]
    private static TextPassBuffers? textPassBuffers;

    /// <param name="pass">0 for the first pass, 1 for the feedback pass, 2 for the character backstop: which of the thread's candidate lists is filled.</param>
    /// <remarks>
    /// The best <see cref="MatchOptions.RerankDepth"/> hits go through <see cref="TopHeap"/>, which performs the operations of
    /// the <see cref="PriorityQueue{TElement,TPriority}"/> used before (<see cref="TextPassLegacy"/>) one for one: the hits
    /// are offered in the same order (segment order, then each segment's order of first touch), a hit enters while the
    /// heap is not full, and once it is full a hit enters (replacing the root) only when its score is strictly above the
    /// root's — the heap's whole rule; equal scores are then ordered by the heap's layout, so the same operations give the
    /// same set in the same order. What is saved never reaches the heap: (1) a hit that is not above the root is passed
    /// over by one comparison with the root's score kept in a register (and several at a time by vector compares), the
    /// same rejection as before; (2) once the heap is full its root's score is a floor that only rises, and
    /// <see cref="Accumulate"/> leaves out, exactly, the documents whose score cannot exceed it (the remaining terms'
    /// bounds, MaxScore-style, and hits not above the floor): each of them would have been offered after the floor was
    /// reached and rejected by the rule above, without changing the heap. On all cores the segments are accumulated in
    /// segment order on this thread until the heap is full, and the rest in parallel with the floor reached then.
    /// </remarks>
    private List<Candidate> TextPass(List<QueryTerm> terms, int allowedKinds, HashSet<string>? excluded, ulong requiredMask = ulong.MaxValue, int pass = 0)
    {
        if (legacyTextPass)
        {
            return TextPassLegacy(terms, allowedKinds, excluded, requiredMask, pass);
        }
        var depth = Math.Max(options.RerankDepth, 1);
        var profile = SearchProfile.Current;
        var buffers = textPassBuffers ??= new TextPassBuffers();
        // The heap holds slot numbers into `Slots` (the order only depends on the scores); the
        // candidate that replaces the root takes the root's slot.
        var heap = buffers.Top;
        heap.Clear();
        if (buffers.Slots.Length < Math.Min(depth, 4096))
        {
            buffers.Slots = new Hit[Math.Min(depth, 4096)];
        }
        var views = snapshot.Views;
        if (!HitSets.TryTake(out var hits) || hits.Length < views.Length)
        {
            hits = new SegmentHits[Math.Max(views.Length, 16)];
        }
        var parallel = views.Length > 1 && snapshot.DocumentCount >= parallelFrom && Environment.ProcessorCount > 1;
        var next = 0;
        if (parallel)
        {
            // Large index: until the heap is full the segments are scored here in order; the rest on all cores with the
            // floor reached then, and their hits offered below in segment order exactly as one thread would, so the
            // result does not depend on timing.
            for (; next < views.Length && heap.Count < depth; next++)
            {
                Offer(next, Accumulate(views[next], terms, allowedKinds, requiredMask, float.NegativeInfinity, hits[next] ??= new SegmentHits()));
            }
            if (next < views.Length)
            {
                var floor = heap.Count >= depth ? heap.MinScore : float.NegativeInfinity;
                Parallel.For(
                    next,
                    views.Length,
                    new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                    v => Accumulate(views[v], terms, allowedKinds, requiredMask, floor, hits[v] ??= new SegmentHits()));
                for (; next < views.Length; next++)
                {
                    Offer(next, hits[next]);
                }
            }
        }
        else
        {
            for (; next < views.Length; next++)
            {
                var floor = heap.Count >= depth ? heap.MinScore : float.NegativeInfinity;
                Offer(next, Accumulate(views[next], terms, allowedKinds, requiredMask, floor, hits[0] ??= new SegmentHits()));
            }
        }
        var listStart = profile is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();

        HitSets.Add(hits);
        var store = buffers.Slots;
        var list = buffers.Lists[pass];
        list.Clear();
        list.EnsureCapacity(heap.Count);
        while (heap.TryDequeue(out var slot, out _))
        {
            var hit = store[slot];
            list.Add(new Candidate { View = views[hit.View], Doc = hit.Doc, Text = hit.Text, Mask = hit.Mask });
        }
        list.Reverse();
        if (profile is not null)
        {
            profile.ListTicks += System.Diagnostics.Stopwatch.GetTimestamp() - listStart;
        }
        return list;

        void Offer(int v, SegmentHits segmentHits)
        {
            var heapStart = profile is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
            var entries = OfferHits(heap, buffers, depth, v, views[v], segmentHits, excluded);
            if (profile is not null)
            {
                profile.Hits += segmentHits.Count;
                profile.HeapEntries += entries;
                profile.SkippedPostings += segmentHits.SkippedPostings;
                profile.SkippedHits += segmentHits.SkippedHits;
                profile.NonEssentialPostings += segmentHits.NonEssentialPostings;
                profile.SkippableBlockPostings += segmentHits.SkippableBlockPostings;
                profile.HeapTicks += System.Diagnostics.Stopwatch.GetTimestamp() - heapStart;
            }
        }
    }

    /// <summary>
    /// Offers one segment's hits to the heap in their order (see <see cref="TextPass"/>); returns how many entered.
    /// </summary>
    private static int OfferHits(TopHeap heap, TextPassBuffers buffers, int depth, int v, SegmentView view, SegmentHits segmentHits, HashSet<string>? excluded)
    {
        var docs = segmentHits.Docs;
        var scores = segmentHits.Scores;
        var masks = segmentHits.Masks;
        var n = segmentHits.Count;
        var store = buffers.Slots;
        var entries = 0;
        var i = 0;
        while (i < n)
        {
            if (heap.Count >= depth)
            {
                // Full: a hit enters only above the root's score (the rule of PriorityQueue's use before); the hits
                // that do not are passed over here, several at a time.
                var min = heap.MinScore;
                if (System.Numerics.Vector.IsHardwareAccelerated)
                {
                    var width = System.Numerics.Vector<float>.Count;
                    var threshold = new System.Numerics.Vector<float>(min);
                    while (i + width <= n && !System.Numerics.Vector.GreaterThanAny(new System.Numerics.Vector<float>(scores, i), threshold))
                    {
                        i += width;
                    }
                }
                while (i < n && scores[i] <= min)
                {
                    i++;
                }
                if (i == n)
                {
                    break;
                }
            }
            var score = scores[i];
            var doc = docs[i];
            var mask = masks[i];
            i++;
            if (excluded is not null && excluded.Contains(view.Segment.Documents[doc].Id))
            {
                continue;
            }
            var hit = new Hit { View = v, Doc = doc, Text = score, Mask = mask };
            entries++;
            if (heap.Count >= depth)
            {
                var slot = heap.MinSlot;
                store[slot] = hit;
                heap.ReplaceMin(slot, score);
            }
            else
            {
                if (heap.Count == store.Length)
                {
                    Array.Resize(ref store, Math.Min(depth, store.Length * 2));
                    buffers.Slots = store;
                }
                store[heap.Count] = hit;
                heap.Enqueue(heap.Count, score);
            }
        }
        return entries;
    }

    /// <summary>
    /// The text pass as it was before issue 16's match18 (the bench's and the tests' reference, <see cref="MatchIndex.LegacyTextPass"/>):
    /// <see cref="PriorityQueue{TElement,TPriority}"/>, every posting scored, every hit offered. Same results as <see cref="TextPass"/>.
    /// </summary>
    private List<Candidate> TextPassLegacy(List<QueryTerm> terms, int allowedKinds, HashSet<string>? excluded, ulong requiredMask = ulong.MaxValue, int pass = 0)
    {
        var depth = Math.Max(options.RerankDepth, 1);
        var profile = SearchProfile.Current;
        var buffers = textPassBuffers ??= new TextPassBuffers();
        // The heap holds slot numbers into `store` (the order only depends on the scores); the
        // candidate that replaces the root takes the root's slot.
        var heap = buffers.Heap;
        heap.Clear();
        if (buffers.Slots.Length < Math.Min(depth, 4096))
        {
            buffers.Slots = new Hit[Math.Min(depth, 4096)];
        }
        var store = buffers.Slots;
        var views = snapshot.Views;
        if (!HitSets.TryTake(out var hits) || hits.Length < views.Length)
        {
            hits = new SegmentHits[Math.Max(views.Length, 16)];
        }
        var parallel = views.Length > 1 && snapshot.DocumentCount >= parallelFrom && Environment.ProcessorCount > 1;
        if (parallel)
        {
            // Large index: the segments are scored on all cores; the candidates are then collected
            // below in segment order exactly as one thread would, so the result does not depend on timing.
            Parallel.For(
                0,
                views.Length,
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                v => Accumulate(views[v], terms, allowedKinds, requiredMask, float.NegativeInfinity, hits[v] ??= new SegmentHits()));
        }

        for (var v = 0; v < views.Length; v++)
        {
            var view = views[v];
            var segmentHits = parallel ? hits[v] : Accumulate(view, terms, allowedKinds, requiredMask, float.NegativeInfinity, hits[0] ??= new SegmentHits());
            var heapStart = profile is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
            var docs = segmentHits.Docs;
            var scores = segmentHits.Scores;
            var masks = segmentHits.Masks;
            for (var i = 0; i < segmentHits.Count; i++)
            {
                var score = scores[i];
                if (heap.Count >= depth && heap.TryPeek(out _, out var min) && score <= min)
                {
                    continue;
                }
                var doc = docs[i];
                if (excluded is not null && excluded.Contains(view.Segment.Documents[doc].Id))
                {
                    continue;
                }
                var hit = new Hit { View = v, Doc = doc, Text = score, Mask = masks[i] };
                if (heap.Count >= depth)
                {
                    var slot = heap.Peek();
                    store[slot] = hit;
                    heap.DequeueEnqueue(slot, score);
                }
                else
                {
                    if (heap.Count == store.Length)
                    {
                        Array.Resize(ref store, Math.Min(depth, store.Length * 2));
                        buffers.Slots = store;
                    }
                    store[heap.Count] = hit;
                    heap.Enqueue(heap.Count, score);
                }
            }
            if (profile is not null)
            {
                profile.Hits += segmentHits.Count;
                profile.HeapTicks += System.Diagnostics.Stopwatch.GetTimestamp() - heapStart;
            }
        }
        var listStart = profile is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();

        HitSets.Add(hits);
        var list = buffers.Lists[pass];
        list.Clear();
        list.EnsureCapacity(heap.Count);
        while (heap.TryDequeue(out var slot, out _))
        {
            var hit = store[slot];
            list.Add(new Candidate { View = views[hit.View], Doc = hit.Doc, Text = hit.Text, Mask = hit.Mask });
        }
        list.Reverse();
        if (profile is not null)
        {
            profile.ListTicks += System.Diagnostics.Stopwatch.GetTimestamp() - listStart;
        }
        return list;
    }

    /// <summary>
    /// Scores one segment term at a time into array accumulators and writes, in order of first
    /// touch, the documents that pass the kind, required-term and deletion filters with their text
    /// scores and matched-term masks into <paramref name="hits"/>.
    /// </summary>
    /// <param name="floor">
    /// A score the heap's root is known to be at or above while this segment's hits are offered (the heap is full), or
    /// negative infinity. A document whose score cannot exceed it would be rejected by the heap (<see cref="TextPass"/>),
    /// so it is left out exactly: the terms from the first one whose bounds summed to the end cannot exceed the floor
    /// ("non-essential", MaxScore) only add to documents an earlier term touched, and a hit not above the floor is not
    /// written.
    /// </param>
    private SegmentHits Accumulate(SegmentView view, List<QueryTerm> terms, int allowedKinds, ulong requiredMask, float floor, SegmentHits hits)
    {
        var k1 = options.K1;
        var wT = options.TitleFieldWeight;
        var wK = options.KeywordsFieldWeight;
        var wB = options.BodyFieldWeight;
        var segment = view.Segment;
        if ((segment.KindMask & allowedKinds) == 0)
        {
            // No document of the kinds asked for (e.g. a segment of needs for a need's providers): none could be a hit.
            hits.Reset(0);
            return hits;
        }
        var size = segment.Count;
        var acc = accumulatorPool is { } a && a.Length >= size ? a : accumulatorPool = new Accumulator[Math.Max(size, 1024)];
        var touched = touchedPool is { } t && t.Length >= size ? t : touchedPool = new int[Math.Max(size, 1024)];
        var touchedCount = 0;
        var norms = segment.Norms(
            snapshot.AverageTitleLength,
            snapshot.AverageKeywordLength,
            snapshot.AverageBodyLength,
            options.TitleLengthNormalization,
            options.KeywordsLengthNormalization,
            options.BodyLengthNormalization);
        var fieldNorms = norms.Fields;
        var kinds = segment.Kinds;
        var filterKinds = allowedKinds != -1;
        var profile = SearchProfile.Current;
        var postingsStart = profile is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        var essential = terms.Count;
        if (!float.IsNegativeInfinity(floor))
        {
            Span<float> bounds = stackalloc float[terms.Count];
            if (weightBounds)
            {
                WeightBounds(terms, k1, bounds);
            }
            else
            {
                SegmentBounds(segment, terms, options, snapshot.AverageTitleLength, snapshot.AverageKeywordLength, snapshot.AverageBodyLength, bounds);
            }
            essential = EssentialTerms(bounds, floor);
        }
        if (essential == 0)
        {
            // Not even the first term can lift a document above the floor: no hit here.
            hits.Reset(0);
            foreach (var term in terms)
            {
                hits.SkippedPostings += segment.Terms.TryGetValue(term.Term, out var unread) ? unread.Count : 0;
            }
            return hits;
        }
        var skipped = 0L;
        var nonEssential = 0L;
        var skippable = 0L;

        for (var ti = 0; ti < terms.Count; ti++)
        {
            var term = terms[ti];
            if (!segment.Terms.TryGetValue(term.Term, out var postings))
            {
                continue;
            }
            var w = term.Idf * term.Weight * (k1 + 1);
            var bit = 1UL << ti;
            var data = postings.Data;
            var position = 0;
            var doc = -1;
            if (ti >= essential)
            {
                // Non-essential: a document no earlier term touched cannot get above the floor from this and the later
                // terms (EssentialTerms) and is not scored; the others get exactly the sum they got before (same terms,
                // same order). A touched document passed the kind filter when it was touched.
                var counting = profile is not null;
                var blockStart = 0;
                var blockTouched = false;
                var index = 0;
                if (counting)
                {
                    nonEssential += postings.Count;
                }
                while (position < data.Length)
                {
                    if (counting && index - blockStart == PostingList.SkipInterval)
                    {
                        skippable += blockTouched ? 0 : PostingList.SkipInterval;
                        (blockStart, blockTouched) = (index, false);
                    }
                    index++;
                    int b = data[position++];
                    if (b < 0x80)
                    {
                        doc += b;
                    }
                    else
                    {
                        position--;
                        doc += PostingList.ReadVarint(data, ref position);
                    }
                    int packed = data[position++];
                    ref var slot = ref acc[doc];
                    if (slot.Mask == 0)
                    {
                        skipped++;
                        continue;
                    }
                    blockTouched = true;
                    ref readonly var norm = ref fieldNorms[doc];
                    var ptf = 0.0;
                    var body = packed & 31;
                    if (body != 0)
                    {
                        ptf = wB * body / norm.Body;
                    }
                    if ((packed & 0x60) != 0)
                    {
                        ptf += wT * ((packed >> 5) & 3) / norm.Title;
                    }
                    if ((packed & 0x80) != 0)
                    {
                        ptf += wK / norm.Keywords;
                    }
                    slot.Score += (float)(w * ptf / (ptf + k1));
                    slot.Mask |= bit;
                }
                if (counting && index - blockStart == PostingList.SkipInterval && !blockTouched)
                {
                    skippable += PostingList.SkipInterval;
                }
                continue;
            }
            while (position < data.Length)
            {
                int b = data[position++];
                if (b < 0x80)
                {
                    doc += b;
                }
                else
                {
                    position--;
                    doc += PostingList.ReadVarint(data, ref position);
                }
                int packed = data[position++];
                if (filterKinds && ((1 << kinds[doc]) & allowedKinds) == 0)
                {
                    // Never a hit (see below): not scored at all.
                    continue;
                }
                ref readonly var norm = ref fieldNorms[doc];
                var ptf = 0.0;
                var body = packed & 31;
                if (body != 0)
                {
                    ptf = wB * body / norm.Body;
                }
                if ((packed & 0x60) != 0)
                {
                    ptf += wT * ((packed >> 5) & 3) / norm.Title;
                }
                if ((packed & 0x80) != 0)
                {
                    ptf += wK / norm.Keywords;
                }
                var s = (float)(w * ptf / (ptf + k1));
                ref var slot = ref acc[doc];
                if (slot.Mask == 0)
                {
                    touched[touchedCount++] = doc;
                }
                slot.Score += s;
                slot.Mask |= bit;
            }
        }

        var gatherStart = profile is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        hits.Reset(touchedCount);
        hits.SkippedPostings = skipped;
        hits.NonEssentialPostings = nonEssential;
        hits.SkippableBlockPostings = skippable;
        var notAbove = 0L;
        for (var i = 0; i < touchedCount; i++)
        {
            var doc = touched[i];
            ref var slot = ref acc[doc];
            var score = slot.Score;
            var mask = slot.Mask;
            slot = default;
            if ((mask & requiredMask) == 0 || ((1 << kinds[doc]) & allowedKinds) == 0 || view.IsDeleted(doc))
            {
                continue;
            }
            if (score <= floor)
            {
                // The heap would reject it (its root is at or above the floor, and it only rises).
                notAbove++;
                continue;
            }
            hits.Add(doc, score, mask);
        }
        hits.SkippedHits = notAbove;
        if (profile is not null)
        {
            profile.PostingTicks += gatherStart - postingsStart;
            profile.GatherTicks += System.Diagnostics.Stopwatch.GetTimestamp() - gatherStart;
        }
        return hits;
    }

    /// <summary>
    /// How many of <paramref name="terms"/>, from the first, are essential for a heap whose root is at or above
    /// <paramref name="floor"/> with every term bounded by its weight (<see cref="WeightBounds"/>, match18's bounds; all
    /// terms essential when the floor is negative infinity).
    /// </summary>
    internal static int EssentialTerms(List<QueryTerm> terms, double k1, float floor)
    {
        if (float.IsNegativeInfinity(floor))
        {
            return terms.Count;
        }
        Span<float> bounds = stackalloc float[terms.Count];
        WeightBounds(terms, k1, bounds);
        return EssentialTerms(bounds, floor);
    }

    /// <summary>
    /// How many terms, from the first, are essential for a heap whose root is at or above <paramref name="floor"/>: the
    /// rest is the longest tail whose <paramref name="bounds"/>, summed in float in term order, are at most the floor.
    /// </summary>
    /// <remarks>
    /// Why the tail cannot lift a document above the floor, exactly: each bound is at least the float contribution its term
    /// can make to any document of the segment (<see cref="WeightBounds"/>, <see cref="SegmentBounds"/>; +∞ where nothing
    /// is known). A document's score is the float sum, from 0 in term order, of its terms' non-negative contributions; float
    /// addition is monotone in both operands, and adding a non-negative number never lowers a sum, so (by induction over
    /// the tail's terms) the score of a document that only tail terms reach is at most the float sum of the tail's bounds
    /// in the same order, whichever of them it holds. At most the floor, hence at most the root: <c>score &lt;= min</c> is
    /// the heap's rejection.
    /// </remarks>
    internal static int EssentialTerms(ReadOnlySpan<float> bounds, float floor)
    {
        if (float.IsNegativeInfinity(floor))
        {
            return bounds.Length;
        }
        for (var e = 0; e < bounds.Length; e++)
        {
            var bound = 0f;
            for (var t = e; t < bounds.Length; t++)
            {
                bound += bounds[t];
            }
            if (bound <= floor)
            {
                return e;
            }
        }
        return bounds.Length;
    }

    /// <summary>
    /// match18's bound of each term, whatever the document: the float just above <c>(float)w</c>,
    /// <c>w = idf × weight × (k1 + 1)</c> (+∞ where a contribution could be negative).
    /// </summary>
    /// <remarks>
    /// A term's contribution is <c>(float)(w × ptf / (ptf + k1))</c> with <c>ptf ≥ 0</c>, <c>k1 ≥ 0</c>: at most <c>w</c>
    /// in exact arithmetic, at most <c>w × (1 + 2⁻⁵²)</c> after the double roundings, so at most the float just above
    /// <c>(float)w</c> (<see cref="MathF.BitIncrement"/>).
    /// </remarks>
    internal static void WeightBounds(List<QueryTerm> terms, double k1, Span<float> bounds)
    {
        var valid = k1 >= 0;
        foreach (var term in terms)
        {
            valid &= term.Idf * term.Weight >= 0; // the bounds hold for non-negative contributions only
        }
        for (var t = 0; t < terms.Count; t++)
        {
            bounds[t] = valid ? MathF.BitIncrement((float)(terms[t].Idf * terms[t].Weight * (k1 + 1))) : float.PositiveInfinity;
        }
    }

    /// <summary>
    /// Each term's bound in one segment (issue 16, match20): the float that no contribution of the term to a document of
    /// <paramref name="segment"/> can exceed, from its list's statistics (<see cref="PostingList.Stats"/>: the largest
    /// count per field and the shortest length per field of the documents holding it there), for the averages of this
    /// snapshot; 0 for a term the segment does not hold; never above match18's <see cref="WeightBounds"/>.
    /// </summary>
    /// <remarks>
    /// The argument, factor by factor, against <see cref="Accumulate"/>'s scoring of a posting (all in double, then one
    /// rounding to float): <c>norm = 1 − b + b × length / average</c> per field (<see cref="LengthNorms"/>, the same
    /// expression in the same order) is, with <c>b ≥ 0</c> and <c>average &gt; 0</c>, a chain of correctly rounded
    /// operations each non-decreasing in <c>length</c>, so the norm computed here for the shortest length is at most every
    /// norm of a document holding the term in that field (and must be &gt; 0, else no bound is used). Each field's part
    /// <c>weight × count / norm</c> (<c>weight ≥ 0</c>) is non-decreasing in the count and non-increasing in a positive
    /// norm, rounding included, so the part computed with the largest count and the smallest norm bounds every posting's
    /// part, and 0 ≤ it bounds an absent part; <c>ptf</c> is their float sum in the same order (body, title, keywords),
    /// monotone in each part, so <c>ptfB ≥ ptf</c> of every posting. There is no other per-document factor (the kind and
    /// deletion filters only drop documents). The saturation <c>f(p) = w × p / (p + k1)</c> is non-decreasing in
    /// <c>p ≥ 0</c> for <c>w, k1 ≥ 0</c> in exact arithmetic but its rounded evaluation need not be, so the bound is taken
    /// with a margin: a posting's double value is at most <c>f(ptf)(1 + u)²/(1 − u) ≤ f(ptfB)(1 + u)²/(1 − u)</c> and the
    /// value <c>x</c> computed here at least <c>f(ptfB)(1 − u)²/(1 + u)</c> (<c>u = 2⁻⁵³</c>, three roundings each), so
    /// the posting's value is at most <c>x (1 + 7u) ≤ x (1 + 10⁻¹²)</c> computed in double; rounding to float is monotone,
    /// and the float just above is taken besides (values under 10⁻³⁰ are lifted to it, away from subnormal roundings). The
    /// bound holds whatever the averages are when the segment is queried, because it is recomputed from them per query.
    /// Anything outside these conditions (a negative weight, b or k1, an average not above 0, a NaN) keeps match18's bound;
    /// a norm not above 0 (possible with b &gt; 1 only) gives no bound (+∞: the term stays essential). <c>TextPassTopTests</c> checks every posting of random segments against it.
    /// </remarks>
    internal static void SegmentBounds(Segment segment, List<QueryTerm> terms, MatchOptions options, double averageTitle, double averageKeywords, double averageBody, Span<float> bounds)
    {
        var k1 = options.K1;
        WeightBounds(terms, k1, bounds);
        var wT = options.TitleFieldWeight;
        var wK = options.KeywordsFieldWeight;
        var wB = options.BodyFieldWeight;
        var bT = options.TitleLengthNormalization;
        var bK = options.KeywordsLengthNormalization;
        var bB = options.BodyLengthNormalization;
        var usable = float.IsFinite(bounds.Length > 0 ? bounds[0] : 0f)
            && wT >= 0 && wK >= 0 && wB >= 0 && bT >= 0 && bK >= 0 && bB >= 0
            && averageTitle > 0 && averageKeywords > 0 && averageBody > 0
            && double.IsFinite(averageTitle) && double.IsFinite(averageKeywords) && double.IsFinite(averageBody);
        for (var t = 0; t < terms.Count; t++)
        {
            if (!segment.Terms.TryGetValue(terms[t].Term, out var postings))
            {
                bounds[t] = 0f; // no document of this segment holds it: it adds nothing here
                continue;
            }
            if (!usable)
            {
                continue;
            }
            var stats = postings.Stats(segment.TitleLengths, segment.KeywordLengths, segment.BodyLengths);
            var maxBody = (int)(stats & 31);
            var maxTitle = (int)((stats >> 5) & 3);
            var anyKeywords = (stats & 0x80) != 0;
            var ptf = 0.0;
            var ok = true;
            if (maxBody != 0)
            {
                var norm = 1 - bB + bB * (double)(int)((stats >> 40) & ((1 << 22) - 1)) / averageBody;
                ok &= norm > 0;
                ptf = wB * maxBody / norm;
            }
            if (maxTitle != 0)
            {
                var norm = 1 - bT + bT * (double)(int)((stats >> 8) & 0xFFFF) / averageTitle;
                ok &= norm > 0;
                ptf += wT * maxTitle / norm;
            }
            if (anyKeywords)
            {
                var norm = 1 - bK + bK * (double)(int)((stats >> 24) & 0xFFFF) / averageKeywords;
                ok &= norm > 0;
                ptf += wK / norm;
            }
            if (!ok)
            {
                // A norm not above 0 (b > 1 and a short document): the saturation is not bounded by the weight either.
                bounds[t] = float.PositiveInfinity;
                continue;
            }
            var w = terms[t].Idf * terms[t].Weight * (k1 + 1);
            var x = w * ptf / (ptf + k1);
            if (!(x >= 0) || !double.IsFinite(x))
            {
                continue;
            }
            var bound = MathF.BitIncrement((float)Math.Max(x * (1 + 1e-12), 1e-30));
            if (bound < bounds[t])
            {
                bounds[t] = bound;
            }
        }
    }

    private List<Candidate> ScanAll(int allowedKinds, HashSet<string>? excluded)
    {
        var list = new List<Candidate>();
        foreach (var view in snapshot.Views)
        {
            var segment = view.Segment;
            for (var doc = 0; doc < segment.Count; doc++)
            {
                if (((1 << segment.Kinds[doc]) & allowedKinds) == 0 || view.IsDeleted(doc))
                {
                    continue;
                }
                if (excluded is not null && excluded.Contains(segment.Documents[doc].Id))
                {
                    continue;
                }
                list.Add(new Candidate { View = view, Doc = doc });
            }
        }
        return list;
    }

    /// <summary>
    /// For each of the query's discipline codes that fewer than <paramref name="top"/> candidates carry, adds
    /// documents with that exact code that share no term with the query (text score 0, after every text match),
    /// up to <paramref name="top"/> per code: in a small index, or for a need worded differently from the offers,
    /// the right field is still found. They are scored like any candidate; the discipline signal ranks them.
    /// </summary>
    private void AddFieldOnlyCandidates(List<Candidate> candidates, QueryDisciplines disciplines, int allowedKinds, HashSet<string>? excluded, int top)
    {
        var codes = disciplines.Codes;
        if (codes.Count == 0)
        {
            return;
        }
        // The documents that are candidates: one bit per document of the snapshot, segment after segment (a pooled
        // bitmap, cleared again below). How many candidates carry a code is counted from the code's document list
        // against it (sequential reads instead of one stored document per candidate).
        var views = snapshot.Views;
        var bases = new int[views.Length];
        long total = 0;
        for (var v = 0; v < views.Length; v++)
        {
            bases[v] = (int)total;
            total += views[v].Segment.Count;
        }
        var words = (int)((total + 63) >> 6);
        var present = presentPool is { } pooled && pooled.Length >= words ? pooled : presentPool = new ulong[words];
        try
        {
            foreach (var c in candidates)
            {
                var bit = bases[ViewIndex(views, c.View)] + c.Doc;
                present[bit >> 6] |= 1UL << (bit & 63);
            }
            foreach (var code in codes)
            {
                var have = CountPresent(views, bases, present, code.Code, top);
                if (have >= top)
                {
                    continue;
                }
                for (var v = 0; v < views.Length; v++)
                {
                    var view = views[v];
                    var segment = view.Segment;
                    if (!segment.DisciplineDocuments.TryGetValue(code.Code, out var docs))
                    {
                        continue;
                    }
                    foreach (var doc in docs)
                    {
                        if (have >= top)
                        {
                            break;
                        }
                        if (((1 << segment.Kinds[doc]) & allowedKinds) == 0 || view.IsDeleted(doc)
                            || (excluded is not null && excluded.Contains(segment.Documents[doc].Id)))
                        {
                            continue;
                        }
                        var bit = bases[v] + doc;
                        if ((present[bit >> 6] & (1UL << (bit & 63))) != 0)
                        {
                            continue;
                        }
                        present[bit >> 6] |= 1UL << (bit & 63);
                        candidates.Add(new Candidate { View = view, Doc = doc });
                        have++;
                    }
                }
            }
        }
        finally
        {
            // Every marked document is a candidate: clearing their words leaves the pooled bitmap empty.
            foreach (var c in candidates)
            {
                var bit = bases[ViewIndex(views, c.View)] + c.Doc;
                present[bit >> 6] = 0;
            }
        }
    }

    [ThreadStatic]
    private static ulong[]? presentPool;

    /// <summary>
    /// How many of the documents marked in <paramref name="present"/> carry <paramref name="code"/> (each once), counted
    /// up to <paramref name="top"/> (the caller only needs to know whether there are that many).
    /// </summary>
    private static int CountPresent(SegmentView[] views, int[] bases, ulong[] present, string code, int top)
    {
        var have = 0;
        for (var v = 0; v < views.Length; v++)
        {
            if (!views[v].Segment.DisciplineDocuments.TryGetValue(code, out var docs))
            {
                continue;
            }
            var previous = -1;
            foreach (var doc in docs)
            {
                // (A document listing the code twice is in the list twice, next to each other.)
                if (doc == previous)
                {
                    continue;
                }
                previous = doc;
                var bit = bases[v] + doc;
                if ((present[bit >> 6] & (1UL << (bit & 63))) != 0 && ++have >= top)
                {
                    return have;
                }
            }
        }
        return have;
    }

    private static int ViewIndex(SegmentView[] views, SegmentView view)
    {
        for (var v = 0; v < views.Length; v++)
        {
            if (ReferenceEquals(views[v], view))
            {
                return v;
            }
        }
        throw new InvalidOperationException("The candidate's segment is not in the snapshot.");
    }

    /// <summary>The query's discipline codes: given (probability 1) or predicted.</summary>
    private QueryDisciplines QueryDisciplines(MatchQuery query, List<string> tokens, List<Candidate> candidates)
    {
        if (query.DisciplineCodes.Count > 0)
        {
            return new QueryDisciplines(query.DisciplineCodes.Where(c => !string.IsNullOrWhiteSpace(c))
                .Select(c => new CodeSuggestion(c.Trim(), 1.0)).ToList(), Predicted: false);
        }
        if (!query.PredictDisciplines || tokens.Count == 0)
        {
            return new QueryDisciplines([], Predicted: true) { Uncertainty = 1 };
        }
        var mix = new Dictionary<string, double>(StringComparer.Ordinal);
        var classifierShare = 1.0;
        List<CodeSuggestion>? classifierOwn = null;
        var votes = new Dictionary<string, double>(StringComparer.Ordinal);
        var total = 0.0;
        var given = 0.0;
        var rawTop = 0.0;
        IReadOnlyList<CodeSuggestion>? rawPredicted = null;
        if (options.CodeFeedbackDocuments > 0)
        {
            var taken = 0;
            foreach (var c in candidates)
            {
                if (taken >= options.CodeFeedbackDocuments)
                {
                    break;
                }
                var codes = c.Stored.DisciplineCodes;
                if (codes.Length == 0)
                {
                    continue;
                }
                taken++;
                var w = Math.Pow(c.Text, options.CodeFeedbackPower) / codes.Length;
                foreach (var code in codes)
                {
                    votes[code] = votes.GetValueOrDefault(code) + w;
                    total += w;
                    given += c.Stored.DisciplinesPredicted ? w * options.PredictedDocumentDisciplineFactor : w;
                }
            }
        }
        if (predictor is not null)
        {
            // The query's industries say what it is about too (滚动轴承制造 → 机械工程): their names are read with its text.
            var text = query.CombinedText();
            var read = tokens;
            var industries = string.Join(' ', query.IndustryCodes.Select(c => options.IndustryNames.GetValueOrDefault(c?.Trim() ?? "")).Where(n => !string.IsNullOrWhiteSpace(n)));
            if (industries.Length > 0)
            {
                text = $"{text} {industries}";
                read = [.. tokens, .. analyzer.Analyze(industries)];
            }
            rawPredicted = predictor.Predict(text, read, options.PredictedDisciplineExponent == 1 && options.PredictedDisciplineWithinGroupExponent <= 0 ? Math.Max(1, options.PredictedDisciplineCodes) : int.MaxValue);
            rawTop = rawPredicted.Count > 0 ? rawPredicted.Max(p => p.Probability) : 0;
        }
        if (total > 0)
        {
            // A vote of guessed document codes is worth what a guessed code is worth in the discipline signal.
            var share = predictor is null ? 1.0 : options.CodeFeedbackShare * (options.CodeFeedbackByReliability ? given / total : 1.0);
            if (predictor is not null && options.CodeFeedbackShareByCertainty && share is > 0 and < 1)
            {
                // The classifier has its say in proportion to how sure it is: the odds of the vote against it are
                // multiplied by the odds against the classifier's first choice ((1 − p) / p; even at p = ½).
                var p = Math.Clamp(rawTop, 0.01, 0.99);
                var odds = share / (1 - share) * (1 - p) / p;
                share = odds / (1 + odds);
            }
            classifierShare = 1 - share;
            if (classifierShare <= 0)
            {
                // The vote alone decides: the classifier's reading plays no part (nor in the sureness and uncertainty).
                rawPredicted = null;
                rawTop = 0;
            }
            foreach (var (code, v) in votes)
            {
                mix[code] = share * v / total;
            }
        }
        if (rawPredicted is not null && classifierShare > 0)
        {
            // The whole distribution, sharpened by the exponent and renormalised, before it is cut to the top codes.
            var predicted = rawPredicted;
            var sharpened = new double[predicted.Count];
            var sum = 0.0;
            for (var i = 0; i < predicted.Count; i++)
            {
                sharpened[i] = Math.Pow(predicted[i].Probability, options.PredictedDisciplineExponent);
                sum += sharpened[i];
            }
            if (options.PredictedDisciplineWithinGroupExponent > 0)
            {
                BackOffToGroups(predicted, sharpened, votes);
            }
            var own = new List<CodeSuggestion>();
            for (var i = 0; i < predicted.Count && sum > 0; i++)
            {
                var code = predicted[i].Code;
                mix[code] = mix.GetValueOrDefault(code) + classifierShare * sharpened[i] / sum;
                own.Add(new CodeSuggestion(code, sharpened[i] / sum));
            }
            classifierOwn = [.. own.OrderByDescending(s => s.Probability).ThenBy(s => s.Code, StringComparer.Ordinal).Take(Math.Max(1, options.PredictedDisciplineCodes))];
        }
        var list = mix.Select(kv => new CodeSuggestion(kv.Key, kv.Value))
            .OrderByDescending(s => s.Probability).ThenBy(s => s.Code, StringComparer.Ordinal)
            .Take(Math.Max(1, options.PredictedDisciplineCodes)).ToList();
        // How much of the classifier's field the best text matches hold (1 = all of them are of its field): low when
        // the corpus lacks the field the query is about.
        var agreement = 1.0;
        if (classifierOwn is { Count: > 0 } && total > 0)
        {
            agreement = 0;
            foreach (var c in classifierOwn)
            {
                foreach (var (code, v) in votes)
                {
                    agreement += c.Probability * v / total * options.Credit(options.DisciplineHierarchy.Relate(c.Code, code));
                }
            }
        }
        // How sure the predicted field is: its first code's share of the same mix without the sharpening (which makes
        // every first choice look sure).
        var sureness = 0.0;
        if (list.Count > 0)
        {
            var rawMix = new Dictionary<string, double>(StringComparer.Ordinal);
            if (total > 0)
            {
                foreach (var (code, v) in votes)
                {
                    rawMix[code] = (1 - classifierShare) * v / total;
                }
            }
            if (rawPredicted is not null)
            {
                var rawSum = rawPredicted.Sum(p => p.Probability);
                foreach (var p in rawPredicted)
                {
                    rawMix[p.Code] = rawMix.GetValueOrDefault(p.Code) + (rawSum > 0 ? classifierShare * p.Probability / rawSum : 0);
                }
            }
            sureness = Math.Clamp(rawMix.Count > 0 ? rawMix.Values.Max() : 0, 0, 1);
        }
        return new QueryDisciplines(list, Predicted: true, classifierOwn)
        {
            Sureness = sureness,
            WeightScale = ShortTextFieldScale(query, sureness) * DisagreementFieldScale(classifierOwn, votes, total, agreement),
            // Nothing predicted (no classifier, or it is not trained yet): the field is unknown.
            Uncertainty = 1 - rawTop,
            VoteDisagreement = 1 - Math.Clamp(agreement, 0, 1),
        };
    }

    /// <summary>
    /// Adds the structured signals. The text score is divided by <paramref name="queryNorm"/>, the
    /// BM25F score of an average-length document holding every query term once, so a candidate that
    /// matches the whole query scores about 1 whatever the query; weak partial matches stay small
    /// and a clear text winner is not overtaken by the bounded structured signals.
    /// </summary>
    /// <remarks>
    /// The candidates come in descending text score and every structured signal is bounded
    /// (<see cref="SignalBound"/>), so once a candidate's text score plus that bound is below the
    /// final score of the <paramref name="top"/>-th best candidate so far, neither it nor any later
    /// candidate can enter the top: scoring stops there. Returns how many candidates were scored.
    /// </remarks>
    private int ScoreSignals(MatchQuery query, List<Candidate> candidates, QueryDisciplines disciplines, double queryNorm, double disciplineFactor, int top)
    {
        var now = options.Clock.GetUtcNow();
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(candidates);
        // (Not with backstop candidates: they rank after the word matches whatever their score, see Search.)
        var canStop = queryNorm > 0 && options.TextWeight >= 0 && span.Length > top && !backstopAdded;
        var bound = canStop ? SignalBound(query, disciplines) + 1e-9 : 0;
        // The best `top` final scores so far; the root is the top-th best.
        var best = canStop ? new PriorityQueue<double, double>(top) : null;
        for (var i = 0; i < span.Length; i++)
        {
            ref var c = ref span[i];
            c.TextOrder = i;
            var text = queryNorm > 0 ? options.TextWeight * c.Text / queryNorm : 0;
            if (best is not null && best.Count == top && text + bound < best.Peek())
            {
                return i;
            }
            var stored = c.Stored;
            c.Discipline = disciplineFactor * Signals.Discipline(options, disciplines, stored, out _);
            c.Industry = Signals.Industry(options, query.IndustryCodes, stored, out _);
            c.Region = options.RegionWeight * options.Credit(RegionCodes.Relate(query.RegionCode, stored.RegionCode));
            c.Budget = query.OfferedPrice is { } offered
                ? Signals.Budget(options, stored.Price, offered)
                : Signals.Budget(options, query.Budget, stored.Price);
            c.Recency = Signals.Recency(options, now, stored.PublishedAt);
            c.Track = Signals.TrackRecord(options, stored);
            c.Final = text + c.Discipline + c.Industry + c.Region + c.Budget + c.Recency + c.Track;
            if (best is not null)
            {
                if (best.Count < top)
                {
                    best.Enqueue(c.Final, c.Final);
                }
                else if (c.Final > best.Peek())
                {
                    best.DequeueEnqueue(c.Final, c.Final);
                }
            }
        }
        return span.Length;
    }

    /// <summary>
    /// Backs the sharpened distribution off to the first-level groups (<see cref="MatchOptions.PredictedDisciplineWithinGroupExponent"/>):
    /// each group keeps its sharpened total, shared among its codes in proportion to their raw probability to the
    /// within-group exponent, unless its likeliest code holds <see cref="MatchOptions.PredictedDisciplineBackoffSureAt"/> of
    /// the group's raw probability, or (<see cref="MatchOptions.PredictedDisciplineBackoffOnVoteDisagreement"/>) the best text
    /// matches' codes agree with its likeliest code. With <see cref="MatchOptions.PredictedDisciplineGroupSharpening"/> the
    /// groups' totals are first reshared by their raw mass to <see cref="MatchOptions.PredictedDisciplineExponent"/>. Codes
    /// shorter than the first level are left alone. The sum is unchanged.
    /// </summary>
    private void BackOffToGroups(IReadOnlyList<CodeSuggestion> raw, double[] sharpened, IReadOnlyDictionary<string, double> votes)
    {
        var groupLength = options.DisciplineHierarchy.LevelLengths[0];
        var groups = new Dictionary<string, (double Sharpened, double Raw, double Within, double Top)>(StringComparer.Ordinal);
        var exponent = options.PredictedDisciplineWithinGroupExponent;
        for (var i = 0; i < raw.Count; i++)
        {
            var code = raw[i].Code;
            if (code.Length < groupLength)
            {
                continue;
            }
            var key = code[..groupLength];
            var g = groups.GetValueOrDefault(key);
            var p = Math.Max(0, raw[i].Probability);
            groups[key] = (g.Sharpened + sharpened[i], g.Raw + p, g.Within + Math.Pow(p, exponent), Math.Max(g.Top, p));
        }
        if (options.PredictedDisciplineGroupSharpening && groups.Count > 0)
        {
            // The grouped codes' sharpened mass, shared among the groups by their raw mass to the exponent.
            var mass = groups.Values.Sum(g => g.Sharpened);
            var powered = groups.ToDictionary(kv => kv.Key, kv => Math.Pow(kv.Value.Raw, options.PredictedDisciplineExponent), StringComparer.Ordinal);
            var poweredSum = powered.Values.Sum();
            if (poweredSum > 0)
            {
                foreach (var key in groups.Keys.ToList())
                {
                    var g = groups[key];
                    var total = mass * powered[key] / poweredSum;
                    if (g.Top / Math.Max(g.Raw, double.Epsilon) >= options.PredictedDisciplineBackoffSureAt
                        || (options.PredictedDisciplineBackoffOnVoteDisagreement && !VoteDisagreesWithin(key, raw, votes)))
                    {
                        // Not backed off inside: the group's new total keeps the sharpened split.
                        for (var i = 0; i < raw.Count; i++)
                        {
                            if (raw[i].Code.Length >= groupLength && raw[i].Code.StartsWith(key, StringComparison.Ordinal) && g.Sharpened > 0)
                            {
                                sharpened[i] *= total / g.Sharpened;
                            }
                        }
                        groups[key] = g with { Sharpened = 0 };
                    }
                    else
                    {
                        groups[key] = g with { Sharpened = total };
                    }
                }
            }
        }
        for (var i = 0; i < raw.Count; i++)
        {
            var code = raw[i].Code;
            if (code.Length < groupLength)
            {
                continue;
            }
            var g = groups[code[..groupLength]];
            if (options.PredictedDisciplineGroupSharpening && g.Sharpened == 0)
            {
                continue;
            }
            if (g.Within <= 0 || g.Raw <= 0 || g.Top / g.Raw >= options.PredictedDisciplineBackoffSureAt)
            {
                continue;
            }
            if (options.PredictedDisciplineBackoffOnVoteDisagreement && !VoteDisagreesWithin(code[..groupLength], raw, votes))
            {
                continue;
            }
            sharpened[i] = g.Sharpened * Math.Pow(Math.Max(0, raw[i].Probability), exponent) / g.Within;
        }
    }

    /// <summary>Whether the vote of the best text matches' codes favours, within the group <paramref name="group"/>, another
    /// code than the classifier's likeliest of that group (no vote in the group: no).</summary>
    private static bool VoteDisagreesWithin(string group, IReadOnlyList<CodeSuggestion> raw, IReadOnlyDictionary<string, double> votes)
    {
        string? voted = null;
        var best = 0.0;
        foreach (var (code, v) in votes)
        {
            if (code.StartsWith(group, StringComparison.Ordinal) && (v > best || (v == best && voted is not null && string.CompareOrdinal(code, voted) < 0)))
            {
                voted = code;
                best = v;
            }
        }
        if (voted is null)
        {
            return false;
        }
        string? read = null;
        var top = -1.0;
        foreach (var s in raw)
        {
            if (s.Code.StartsWith(group, StringComparison.Ordinal) && s.Probability > top)
            {
                read = s.Code;
                top = s.Probability;
            }
        }
        return !string.Equals(read, voted, StringComparison.Ordinal);
    }

    /// <summary>
    /// What the predicted field's weight is multiplied by when the best text matches' codes disagree with the classifier's
    /// reading of the query (issue 12, match16; 1 when both options are off, or when there is no vote or no reading):
    /// <see cref="MatchOptions.PredictedDisciplineDisagreementDamping"/> d gives 1 − d × (1 − agreement), the agreement being
    /// how much of the classifier's field the best text matches hold (<see cref="QueryDisciplines.VoteDisagreement"/>'s
    /// complement); <see cref="MatchOptions.PredictedDisciplineGroupDisagreementScale"/> f multiplies by f when the vote's
    /// heaviest first-level group (门类) is not the group of the classifier's first code.
    /// </summary>
    private double DisagreementFieldScale(IReadOnlyList<CodeSuggestion>? classifierOwn, IReadOnlyDictionary<string, double> votes, double total, double agreement)
    {
        if (classifierOwn is not { Count: > 0 } || total <= 0)
        {
            return 1.0;
        }
        var scale = 1.0;
        if (options.PredictedDisciplineDisagreementDamping > 0)
        {
            scale *= Math.Clamp(1 - options.PredictedDisciplineDisagreementDamping * (1 - Math.Clamp(agreement, 0, 1)), 0, 1);
        }
        if (options.PredictedDisciplineGroupDisagreementScale < 1)
        {
            var groupLength = options.DisciplineHierarchy.LevelLengths[0];
            static string Group(string code, int length) => code.Length >= length ? code[..length] : code;
            var byGroup = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (code, v) in votes)
            {
                var g = Group(code, groupLength);
                byGroup[g] = byGroup.GetValueOrDefault(g) + v;
            }
            // The heaviest group of the vote; ties by code, so the result does not depend on the dictionary's order.
            var heaviest = byGroup.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;
            if (!string.Equals(heaviest, Group(classifierOwn[0].Code, groupLength), StringComparison.Ordinal))
            {
                scale *= Math.Clamp(options.PredictedDisciplineGroupDisagreementScale, 0, 1);
            }
        }
        return scale;
    }

    /// <summary>
    /// What the predicted field's weight is multiplied by for this query (<see cref="MatchOptions.PredictedDisciplineShortTextFlattening"/>):
    /// a short text (a title, a keyword list, at most that many characters) whose field is unsure —
    /// its sureness under <see cref="MatchOptions.PredictedDisciplineConfidentAt"/> — gets
    /// sureness / ConfidentAt of it; 1 otherwise, and always when the option is off.
    /// </summary>
    private double ShortTextFieldScale(MatchQuery query, double sureness)
    {
        var limit = options.PredictedDisciplineShortTextFlattening;
        if (limit <= 0 || options.PredictedDisciplineConfidentAt <= 0 || query.CombinedText().Trim().Length > limit)
        {
            return 1.0;
        }
        return Math.Clamp(sureness / options.PredictedDisciplineConfidentAt, 0, 1);
    }

    /// <summary>
    /// The most the structured signals can add to a candidate's score for this query (each signal
    /// is its weight times a credit or fraction in [0, 1], or in [−1, 1] for the budget; signals the
    /// query cannot trigger count 0).
    /// </summary>
    private double SignalBound(MatchQuery query, QueryDisciplines disciplines)
    {
        var codeCredit = Math.Max(0, Math.Max(options.SameCodeCredit, Math.Max(options.SameGroupCredit, options.SameDivisionCredit)));
        var bound = 0.0;
        if (disciplines.Codes.Count > 0)
        {
            bound += Math.Max(0, disciplines.Predicted ? options.PredictedDisciplineWeight * Math.Max(1.0, options.PredictedDisciplineGivenDocumentFactor) : options.DisciplineWeight);
        }
        if (query.IndustryCodes.Count > 0)
        {
            bound += Math.Max(0, options.IndustryWeight) * codeCredit;
        }
        if (!string.IsNullOrWhiteSpace(query.RegionCode))
        {
            var w = options.RegionWeight;
            bound += Math.Max(0, Math.Max(w, Math.Max(w * options.SameCityCredit, w * options.SameProvinceCredit)));
        }
        if (query.Budget is not null || query.OfferedPrice is not null)
        {
            bound += Math.Abs(options.BudgetWeight);
        }
        bound += Math.Max(0, options.RecencyWeight) + Math.Max(0, options.TrackRecordWeight);
        return bound;
    }
}

/// <summary>The discipline codes a query is matched against.</summary>
/// <param name="Codes">The codes the ranking uses (given, or predicted: the classifier mixed with the text matches' vote).</param>
/// <param name="Predicted">Whether <paramref name="Codes"/> were predicted.</param>
/// <param name="Classifier">The classifier's own distribution (sharpened, cut to the top codes), without the vote of the
/// text matches' codes: what the confidence reads, since that vote calls any corpus's field right.</param>
internal sealed record QueryDisciplines(IReadOnlyList<CodeSuggestion> Codes, bool Predicted, IReadOnlyList<CodeSuggestion>? Classifier = null)
{
    /// <summary>1 − the classifier's first choice's probability (before sharpening); 1 when nothing was predicted, 0 when
    /// the query gives its codes.</summary>
    public double Uncertainty { get; init; }

    /// <summary>1 − how much of the classifier's field the best text matches' codes hold (each code credited by its
    /// relation to the classifier's codes); 0 when there was no vote or no classifier.</summary>
    public double VoteDisagreement { get; init; }

    /// <summary>How sure the predicted field is (0–1; 1 for given codes): the first code's share of the mix of the
    /// classifier's raw (unsharpened) probabilities and the text matches' code vote.</summary>
    public double Sureness { get; init; } = 1.0;

    /// <summary>What the predicted field's weight is multiplied by for this query (0–1; 1 unless
    /// <see cref="MatchOptions.PredictedDisciplineShortTextFlattening"/> lowers it for an unsure short text).</summary>
    public double WeightScale { get; init; } = 1.0;

    /// <summary>The weight of this query's discipline signal: the given or the predicted weight, the latter times <see cref="WeightScale"/>.</summary>
    public double Weight(MatchOptions options) => Predicted ? options.PredictedDisciplineWeight * WeightScale : options.DisciplineWeight;
}

/// <summary>The structured signals, each bounded by its weight.</summary>
internal static class Signals
{
    public static double Discipline(MatchOptions options, QueryDisciplines query, StoredDocument doc, out List<SharedCode>? shared) =>
        Discipline(options, query, doc, out shared, ranking: true);

    /// <summary>What a given document code earns against a predicted query field, relative to a given query code
    /// (<see cref="MatchOptions.PredictedDisciplineGivenDocumentFactor"/>); 1 otherwise.</summary>
    public static double GivenDocumentFactor(MatchOptions options, QueryDisciplines query, StoredDocument doc) =>
        query.Predicted && !doc.DisciplinesPredicted ? options.PredictedDisciplineGivenDocumentFactor : 1.0;

    /// <param name="ranking">False for the field agreement the confidence reads: without
    /// <see cref="MatchOptions.PredictedDisciplineGivenDocumentFactor"/>, which orders the ranking only.</param>
    public static double Discipline(MatchOptions options, QueryDisciplines query, StoredDocument doc, out List<SharedCode>? shared, bool ranking)
    {
        shared = null;
        if (query.Codes.Count == 0 || doc.DisciplineCodes.Length == 0)
        {
            return 0;
        }
        var hierarchy = options.DisciplineHierarchy;
        var value = 0.0;
        if (doc.DisciplinesPredicted && doc.PredictedAlternatives is { } alternatives)
        {
            return ExpectedDiscipline(options, query, alternatives, out shared);
        }
        foreach (var q in query.Codes)
        {
            var best = 0.0;
            string? bestCode = null;
            var bestRelation = CodeRelation.None;
            foreach (var d in doc.DisciplineCodes)
            {
                var relation = hierarchy.Relate(q.Code, d);
                var credit = options.Credit(relation);
                if (credit > best)
                {
                    best = credit;
                    bestCode = d;
                    bestRelation = relation;
                }
            }
            if (bestCode is null)
            {
                continue;
            }
            (shared ??= []).Add(new SharedCode(q.Code, bestCode, bestRelation, query.Predicted ? q.Probability : null) { DocumentPredicted = doc.DisciplinesPredicted });
            value = query.Predicted ? value + q.Probability * best : Math.Max(value, best);
        }
        var weight = query.Weight(options);
        var factor = doc.DisciplinesPredicted ? options.PredictedDocumentDisciplineFactor : ranking ? GivenDocumentFactor(options, query, doc) : 1.0;
        var score = weight * factor * Math.Min(value, 1.0);
        if (ranking && query.Predicted && !doc.DisciplinesPredicted && doc.ReadDisciplineCode is { } read && options.GivenDocumentReadDiscipline)
        {
            // The stated codes or what the document's own text reads as, the better (MatchOptions.GivenDocumentReadDiscipline).
            var readValue = 0.0;
            List<SharedCode>? readShared = null;
            foreach (var q in query.Codes)
            {
                var relation = hierarchy.Relate(q.Code, read);
                var credit = options.Credit(relation);
                if (credit <= 0)
                {
                    continue;
                }
                (readShared ??= []).Add(new SharedCode(q.Code, read, relation, q.Probability) { DocumentPredicted = true });
                readValue += q.Probability * credit;
            }
            var readScore = weight * options.PredictedDocumentDisciplineFactor * Math.Min(readValue, 1.0);
            if (readScore > score)
            {
                shared = readShared;
                return readScore;
            }
        }
        return score;
    }

    /// <summary>
    /// The discipline signal of a document whose field was guessed, as the expected agreement of the two guesses: each
    /// query code (with its probability, or 1 when given) against each of the document's likeliest codes, weighted by the
    /// classifier's probability of it (<see cref="MatchOptions.PredictedDocumentDisciplineCodes"/>), times
    /// <see cref="MatchOptions.PredictedDocumentProbabilityFactor"/>. The shared code shown is the document code that
    /// earned the most.
    /// </summary>
    private static double ExpectedDiscipline(MatchOptions options, QueryDisciplines query, CodeProbability[] alternatives, out List<SharedCode>? shared)
    {
        shared = null;
        var hierarchy = options.DisciplineHierarchy;
        var value = 0.0;
        foreach (var q in query.Codes)
        {
            var expected = 0.0;
            var best = 0.0;
            var bestAt = -1;
            var bestRelation = CodeRelation.None;
            for (var i = 0; i < alternatives.Length; i++)
            {
                var relation = hierarchy.Relate(q.Code, alternatives[i].Code);
                var earned = alternatives[i].Probability * options.Credit(relation);
                expected += earned;
                if (earned > best)
                {
                    best = earned;
                    bestAt = i;
                    bestRelation = relation;
                }
            }
            if (bestAt < 0)
            {
                continue;
            }
            (shared ??= []).Add(new SharedCode(q.Code, alternatives[bestAt].Code, bestRelation, query.Predicted ? q.Probability : null)
            {
                DocumentPredicted = true,
                DocumentProbability = alternatives[bestAt].Probability,
            });
            value = query.Predicted ? value + q.Probability * expected : Math.Max(value, expected);
        }
        var weight = query.Weight(options);
        return weight * options.PredictedDocumentProbabilityFactor * Math.Min(value, 1.0);
    }

    public static double Industry(MatchOptions options, IReadOnlyList<string> queryCodes, StoredDocument doc, out List<SharedCode>? shared)
    {
        shared = null;
        if (queryCodes.Count == 0 || doc.IndustryCodes.Length == 0)
        {
            return 0;
        }
        var best = 0.0;
        foreach (var q in queryCodes)
        {
            foreach (var d in doc.IndustryCodes)
            {
                var relation = options.IndustryHierarchy.Relate(q?.Trim(), d);
                var credit = options.Credit(relation);
                if (credit > 0)
                {
                    (shared ??= []).Add(new SharedCode(q!.Trim(), d, relation));
                    best = Math.Max(best, credit);
                }
            }
        }
        return options.IndustryWeight * best;
    }

    /// <summary>+weight when the price fits the budget, falling linearly to −weight at twice the budget.</summary>
    public static double Budget(MatchOptions options, decimal? budget, decimal? price)
    {
        if (budget is not { } b || price is not { } p || b <= 0 || p < 0)
        {
            return 0;
        }
        if (p <= b)
        {
            return options.BudgetWeight;
        }
        var over = (double)((p - b) / b);
        return options.BudgetWeight * (1 - 2 * Math.Min(over, 1));
    }

    public static double Recency(MatchOptions options, DateTimeOffset now, DateTimeOffset? published)
    {
        if (published is not { } at || options.RecencyWeight == 0)
        {
            return 0;
        }
        var age = Math.Max(0, (now - at).TotalDays);
        var halfLife = Math.Max(1, options.RecencyHalfLife.TotalDays);
        return options.RecencyWeight * Math.Pow(0.5, age / halfLife);
    }

    public static double TrackRecord(MatchOptions options, StoredDocument doc)
    {
        if (options.TrackRecordWeight == 0 || (doc.DealsDone <= 0 && doc.Rating is null))
        {
            return 0;
        }
        var deals = Math.Min(1.0, Math.Log(1 + Math.Max(0, doc.DealsDone)) / Math.Log(1 + Math.Max(1, options.DealsForFullCredit)));
        var rating = doc.Rating is { } r ? Math.Clamp(r, 0, 5) / 5 : 0;
        return options.TrackRecordWeight * (0.5 * deals + 0.5 * rating);
    }
}
