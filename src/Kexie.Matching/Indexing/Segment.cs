namespace Kexie.Matching.Indexing;

/// <summary>A predicted code and the classifier's probability of it.</summary>
internal readonly record struct CodeProbability(string Code, double Probability);

/// <summary>What the index keeps of a document besides its postings.</summary>
internal sealed class StoredDocument
{
    /// <param name="source">The document as given.</param>
    /// <param name="predictedDisciplines">Discipline codes predicted from the text, used when the document gives none.</param>
    public StoredDocument(MatchDocument source, IReadOnlyList<string>? predictedDisciplines = null)
    {
        Id = source.Id;
        Kind = source.Kind;
        Title = source.Title ?? string.Empty;
        DisciplineCodes = Intern(source.DisciplineCodes);
        if (DisciplineCodes.Length == 0 && predictedDisciplines is { Count: > 0 })
        {
            DisciplineCodes = Intern(predictedDisciplines);
            DisciplinesPredicted = true;
        }
        IndustryCodes = Intern(source.IndustryCodes);
        RegionCode = string.IsNullOrWhiteSpace(source.RegionCode) ? null : string.Intern(source.RegionCode.Trim());
        Price = source.Price;
        PublishedAt = source.PublishedAt;
        DealsDone = source.TrackRecord?.DealsDone ?? 0;
        Rating = source.TrackRecord?.Rating;
    }

    public string Id { get; }

    public DocumentKind Kind { get; }

    public string Title { get; }

    public string[] DisciplineCodes { get; }

    /// <summary>The document gave no discipline; <see cref="DisciplineCodes"/> were predicted from its text.</summary>
    public bool DisciplinesPredicted { get; }

    /// <summary>With <see cref="DisciplinesPredicted"/>: the classifier's likeliest codes for the text with their
    /// probabilities (<see cref="MatchOptions.PredictedDocumentDisciplineCodes"/>); null when only the first is kept.</summary>
    public CodeProbability[]? PredictedAlternatives { get; init; }

    /// <summary>For a document that states its discipline, with <see cref="MatchOptions.GivenDocumentReadDiscipline"/>: the
    /// likeliest code of its own text; null otherwise.</summary>
    public string? ReadDisciplineCode { get; init; }

    public string[] IndustryCodes { get; }

    public string? RegionCode { get; }

    public decimal? Price { get; }

    public DateTimeOffset? PublishedAt { get; }

    public int DealsDone { get; }

    public double? Rating { get; }

    private static string[] Intern(IReadOnlyList<string>? codes)
    {
        if (codes is null || codes.Count == 0)
        {
            return [];
        }
        var result = new List<string>(codes.Count);
        foreach (var code in codes)
        {
            if (!string.IsNullOrWhiteSpace(code))
            {
                var interned = string.Intern(code.Trim());
                if (!result.Contains(interned))
                {
                    result.Add(interned);
                }
            }
        }
        return [.. result];
    }
}

/// <summary>An immutable block of documents with their postings. Local ids are 0..Count-1.</summary>
internal sealed class Segment
{
    private static long nextId;
    private LengthNorms? norms;
    private Dictionary<string, int[]>? disciplineDocuments;

    public Segment(
        StoredDocument[] documents,
        byte[] kinds,
        ushort[] titleLengths,
        ushort[] keywordLengths,
        int[] bodyLengths,
        Dictionary<string, PostingList> terms)
    {
        Id = Interlocked.Increment(ref nextId);
        Documents = documents;
        Kinds = kinds;
        foreach (var k in kinds)
        {
            KindMask |= 1 << k;
        }
        TitleLengths = titleLengths;
        KeywordLengths = keywordLengths;
        BodyLengths = bodyLengths;
        Terms = terms;
        Forward = ForwardIndex.Build(documents.Length, terms);
        foreach (var l in titleLengths)
        {
            TotalTitleLength += l;
            TitleDocuments += l > 0 ? 1 : 0;
        }
        foreach (var l in keywordLengths)
        {
            TotalKeywordLength += l;
            KeywordDocuments += l > 0 ? 1 : 0;
        }
        foreach (var l in bodyLengths)
        {
            TotalBodyLength += l;
            BodyDocuments += l > 0 ? 1 : 0;
        }
    }

    public long Id { get; }

    public StoredDocument[] Documents { get; }

    public byte[] Kinds { get; }

    /// <summary>The kinds this segment holds, one bit per <see cref="DocumentKind"/> (<c>1 &lt;&lt; kind</c>, as a query's allowed kinds):
    /// a query for other kinds has nothing to read here (the build writes its segments source by source).</summary>
    public int KindMask { get; }

    public ushort[] TitleLengths { get; }

    public ushort[] KeywordLengths { get; }

    public int[] BodyLengths { get; }

    public Dictionary<string, PostingList> Terms { get; }

    /// <summary>Per document its strongest terms (for pseudo-relevance feedback).</summary>
    public ForwardIndex Forward { get; }

    /// <summary>Discipline code → the documents carrying it (given or predicted), in document order; built on first use.</summary>
    public Dictionary<string, int[]> DisciplineDocuments => LazyInitializer.EnsureInitialized(ref disciplineDocuments, () =>
    {
        var lists = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var doc = 0; doc < Documents.Length; doc++)
        {
            foreach (var code in Documents[doc].DisciplineCodes)
            {
                if (!lists.TryGetValue(code, out var list))
                {
                    lists[code] = list = [];
                }
                list.Add(doc);
            }
        }
        return lists.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    });

    public int Count => Documents.Length;

    public long TotalTitleLength { get; }

    public long TotalKeywordLength { get; }

    public long TotalBodyLength { get; }

    /// <summary>Documents with a non-empty title (field averages are taken over documents that have the field).</summary>
    public int TitleDocuments { get; }

    public int KeywordDocuments { get; }

    public int BodyDocuments { get; }

    /// <summary>
    /// The per-document length normalisation of the three fields for the given averages and
    /// <c>b</c> values; cached, as the averages only change when the index is written.
    /// </summary>
    public LengthNorms Norms(double averageTitle, double averageKeywords, double averageBody, double bTitle, double bKeywords, double bBody)
    {
        var cached = Volatile.Read(ref norms);
        if (cached is not null && cached.Matches(averageTitle, averageKeywords, averageBody, bTitle, bKeywords, bBody))
        {
            return cached;
        }
        var computed = new LengthNorms(this, averageTitle, averageKeywords, averageBody, bTitle, bKeywords, bBody);
        Volatile.Write(ref norms, computed);
        return computed;
    }

    public long PostingBytes
    {
        get
        {
            long total = 0;
            foreach (var p in Terms.Values)
            {
                total += p.Data.Length;
            }
            return total;
        }
    }
}

/// <summary>
/// BM25F length normalisation per document of a segment, <c>1 − b + b · length / average</c> for
/// title, keywords and body (exactly the expression the scorer used to compute per posting), the three of a
/// document side by side (a posting reads them with one cache miss).
/// </summary>
internal sealed class LengthNorms
{
    /// <summary>The three norms of one document.</summary>
    public struct Document
    {
        public double Body;
        public double Title;
        public double Keywords;
    }

    private readonly double averageTitle;
    private readonly double averageKeywords;
    private readonly double averageBody;
    private readonly double bTitle;
    private readonly double bKeywords;
    private readonly double bBody;

    public LengthNorms(Segment segment, double averageTitle, double averageKeywords, double averageBody, double bTitle, double bKeywords, double bBody)
    {
        this.averageTitle = averageTitle;
        this.averageKeywords = averageKeywords;
        this.averageBody = averageBody;
        this.bTitle = bTitle;
        this.bKeywords = bKeywords;
        this.bBody = bBody;
        var n = segment.Count;
        Fields = new Document[n];
        for (var d = 0; d < n; d++)
        {
            Fields[d].Title = 1 - bTitle + bTitle * segment.TitleLengths[d] / averageTitle;
            Fields[d].Keywords = 1 - bKeywords + bKeywords * segment.KeywordLengths[d] / averageKeywords;
            Fields[d].Body = 1 - bBody + bBody * segment.BodyLengths[d] / averageBody;
        }
    }

    /// <summary>Per document its title, keywords and body norms.</summary>
    public Document[] Fields { get; }

    public bool Matches(double averageTitle, double averageKeywords, double averageBody, double bTitle, double bKeywords, double bBody) =>
        this.averageTitle == averageTitle && this.averageKeywords == averageKeywords && this.averageBody == averageBody
        && this.bTitle == bTitle && this.bKeywords == bKeywords && this.bBody == bBody;
}

/// <summary>
/// Per document the <see cref="TermsPerDocument"/> terms with the highest
/// <c>(body + 3·title + 3·keywords) × ln(1 + N/df)</c> within the segment, each with its packed
/// field frequencies: what pseudo-relevance feedback reads from the best first-pass documents.
/// Derived from the postings when a segment is frozen, so merged segments get it too.
/// Entries are <c>termId &lt;&lt; 8 | packed</c>; about 4 bytes per kept term.
/// </summary>
internal sealed class ForwardIndex
{
    public const int TermsPerDocument = 32;

    private ForwardIndex(string[] terms, int[] offsets, int[] entries)
    {
        Terms = terms;
        Offsets = offsets;
        Entries = entries;
    }

    /// <summary>Term id → term.</summary>
    public string[] Terms { get; }

    /// <summary>Document d's entries are <c>Entries[Offsets[d]..Offsets[d+1]]</c>.</summary>
    public int[] Offsets { get; }

    public int[] Entries { get; }

    public ReadOnlySpan<int> Of(int doc) => Entries.AsSpan(Offsets[doc], Offsets[doc + 1] - Offsets[doc]);

    public static ForwardIndex Build(int documents, Dictionary<string, PostingList> postings)
    {
        var terms = new string[postings.Count];
        var dfs = new int[postings.Count];
        var counts = new int[documents + 1];
        var id = 0;
        foreach (var (term, list) in postings)
        {
            dfs[id] = list.Count;
            terms[id++] = term;
            if (CharacterTerms.Is(term))
            {
                continue; // the character backstop's terms are no document's strongest terms
            }
            var data = list.Data;
            var position = 0;
            var doc = -1;
            while (position < data.Length)
            {
                doc += PostingList.ReadVarint(data, ref position);
                position++;
                counts[doc + 1]++;
            }
        }
        for (var d = 0; d < documents; d++)
        {
            counts[d + 1] += counts[d];
        }
        var all = new int[counts[documents]];
        var fill = counts.AsSpan(0, documents).ToArray();
        id = 0;
        foreach (var (term, list) in postings)
        {
            if (CharacterTerms.Is(term))
            {
                id++;
                continue;
            }
            var data = list.Data;
            var position = 0;
            var doc = -1;
            while (position < data.Length)
            {
                doc += PostingList.ReadVarint(data, ref position);
                all[fill[doc]++] = id << 8 | data[position++];
            }
            id++;
        }
        // Keep the strongest terms of each document.
        var offsets = new int[documents + 1];
        for (var d = 0; d < documents; d++)
        {
            offsets[d + 1] = offsets[d] + Math.Min(TermsPerDocument, counts[d + 1] - counts[d]);
        }
        var kept = new int[offsets[documents]];
        var idfs = new double[dfs.Length];
        for (var t = 0; t < dfs.Length; t++)
        {
            idfs[t] = Math.Log(1 + (double)documents / dfs[t]);
        }
        var scores = new float[64];
        var order = new int[64];
        for (var d = 0; d < documents; d++)
        {
            var span = all.AsSpan(counts[d], counts[d + 1] - counts[d]);
            if (span.Length <= TermsPerDocument)
            {
                span.CopyTo(kept.AsSpan(offsets[d]));
            }
            else
            {
                if (scores.Length < span.Length)
                {
                    scores = new float[span.Length * 2];
                    order = new int[span.Length * 2];
                }
                for (var i = 0; i < span.Length; i++)
                {
                    var e = span[i];
                    var packed = (byte)e;
                    var tf = FieldFrequencies.Body(packed) + 3 * FieldFrequencies.Title(packed) + 3 * FieldFrequencies.Keywords(packed);
                    scores[i] = -(float)(tf * idfs[e >> 8]);
                    order[i] = e;
                }
                Array.Sort(scores, order, 0, span.Length);
                order.AsSpan(0, TermsPerDocument).CopyTo(kept.AsSpan(offsets[d]));
            }
        }
        return new ForwardIndex(terms, offsets, kept);
    }
}

/// <summary>A segment plus the documents deleted from it, as seen by one snapshot (immutable).</summary>
internal sealed class SegmentView
{
    public SegmentView(Segment segment, ulong[]? deleted, int deletedCount)
    {
        Segment = segment;
        Deleted = deleted;
        DeletedCount = deletedCount;
    }

    public Segment Segment { get; }

    public ulong[]? Deleted { get; }

    public int DeletedCount { get; }

    public int LiveCount => Segment.Count - DeletedCount;

    public bool IsDeleted(int doc) => Deleted is { } d && (d[doc >> 6] & (1UL << (doc & 63))) != 0;

    public SegmentView WithDeleted(int doc)
    {
        if (IsDeleted(doc))
        {
            return this;
        }
        var copy = Deleted is null ? new ulong[(Segment.Count + 63) >> 6] : (ulong[])Deleted.Clone();
        copy[doc >> 6] |= 1UL << (doc & 63);
        return new SegmentView(Segment, copy, DeletedCount + 1);
    }
}

/// <summary>Collects documents (or postings from other segments) and freezes them into a <see cref="Segment"/>.</summary>
internal sealed class SegmentBuilder
{
    private readonly List<StoredDocument> documents = [];
    private readonly List<byte> kinds = [];
    private readonly List<ushort> titleLengths = [];
    private readonly List<ushort> keywordLengths = [];
    private readonly List<int> bodyLengths = [];
    private readonly Dictionary<string, PostingWriter> terms = new(StringComparer.Ordinal);

    public int Count => documents.Count;

    /// <summary>Adds the documents of <paramref name="batch"/> in order.</summary>
    public void Add(AnalyzedBatch batch)
    {
        var batchTerms = batch.Terms;
        var packed = batch.Packed;
        var starts = batch.Starts;
        for (var i = 0; i < batch.Count; i++)
        {
            var local = AddDocument(batch.Documents[i], batch.TitleLengths[i], batch.KeywordLengths[i], batch.BodyLengths[i]);
            for (var t = starts[i]; t < starts[i + 1]; t++)
            {
                AddPosting(batchTerms[t], local, packed[t]);
            }
        }
    }

    public int AddDocument(StoredDocument stored, int titleLength, int keywordLength, int bodyLength)
    {
        documents.Add(stored);
        kinds.Add((byte)stored.Kind);
        titleLengths.Add((ushort)Math.Min(titleLength, ushort.MaxValue));
        keywordLengths.Add((ushort)Math.Min(keywordLength, ushort.MaxValue));
        bodyLengths.Add(bodyLength);
        return documents.Count - 1;
    }

    public void AddPosting(string term, int local, byte packed)
    {
        ref var writer = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(terms, term, out _);
        writer ??= new PostingWriter();
        writer.Add(local, packed);
    }

    public Segment Build()
    {
        var frozen = new Dictionary<string, PostingList>(terms.Count, StringComparer.Ordinal);
        foreach (var (term, writer) in terms)
        {
            frozen.Add(term, writer.Build());
        }
        return new Segment([.. documents], [.. kinds], [.. titleLengths], [.. keywordLengths], [.. bodyLengths], frozen);
    }

    /// <summary>Merges the live documents of <paramref name="views"/> into one new segment (no re-analysis).</summary>
    public static Segment Merge(IReadOnlyList<SegmentView> views)
    {
        var builder = new SegmentBuilder();
        var remaps = new int[views.Count][];
        for (var v = 0; v < views.Count; v++)
        {
            var view = views[v];
            var segment = view.Segment;
            var remap = new int[segment.Count];
            for (var d = 0; d < segment.Count; d++)
            {
                remap[d] = view.IsDeleted(d)
                    ? -1
                    : builder.AddDocument(segment.Documents[d], segment.TitleLengths[d], segment.KeywordLengths[d], segment.BodyLengths[d]);
            }
            remaps[v] = remap;
        }
        for (var v = 0; v < views.Count; v++)
        {
            var remap = remaps[v];
            foreach (var (term, postings) in views[v].Segment.Terms)
            {
                var data = postings.Data;
                var position = 0;
                var doc = -1;
                while (position < data.Length)
                {
                    doc += PostingList.ReadVarint(data, ref position);
                    var packed = data[position++];
                    if (remap[doc] >= 0)
                    {
                        builder.AddPosting(term, remap[doc], packed);
                    }
                }
            }
        }
        return builder.Build();
    }
}
