using System.Runtime.InteropServices;
using Kexie.Matching.Analysis;

namespace Kexie.Matching.Indexing;

/// <summary>
/// Analyses documents one after another into reusable buffers: the distinct terms of the current
/// document in order of first appearance (title, then keywords, then body) with their field counts.
/// One instance per thread; nothing is allocated per document except what the analyzer returns.
/// </summary>
internal sealed class DocumentAnalyzer
{
    private readonly ChineseAnalyzer analyzer;
    private readonly List<string> tokens = [];
    private readonly Dictionary<string, int> slots = new(StringComparer.Ordinal);
    private string[] terms = new string[256];
    private int[] titleCounts = new int[256];
    private int[] keywordCounts = new int[256];
    private int[] bodyCounts = new int[256];

    public DocumentAnalyzer(ChineseAnalyzer analyzer)
    {
        this.analyzer = analyzer;
    }

    /// <summary>Distinct terms of the last analysed document.</summary>
    public int Count { get; private set; }

    public int TitleLength { get; private set; }

    public int KeywordLength { get; private set; }

    public int BodyLength { get; private set; }

    public string Term(int i) => terms[i];

    public (int Title, int Keywords, int Body) Frequencies(int i) => (titleCounts[i], keywordCounts[i], bodyCounts[i]);

    public byte Packed(int i) => FieldFrequencies.Pack(titleCounts[i], keywordCounts[i], bodyCounts[i]);

    /// <summary>Analyses <paramref name="document"/>; the result is readable until the next call.</summary>
    public void Analyze(MatchDocument document)
    {
        if (string.IsNullOrWhiteSpace(document.Id))
        {
            throw new ArgumentException("文档编号不能为空。", nameof(document));
        }
        slots.Clear();
        Count = 0;
        tokens.Clear();
        analyzer.Analyze(document.Title, tokens);
        TitleLength = tokens.Count;
        foreach (var t in tokens)
        {
            // Slot may grow the arrays: take the slot before reading the field.
            var slot = Slot(t);
            titleCounts[slot]++;
        }
        var keywordLength = 0;
        foreach (var keyword in document.Keywords ?? [])
        {
            tokens.Clear();
            analyzer.Analyze(keyword, tokens);
            var whole = TextNormalizer.Normalize(keyword).Trim();
            if (whole.Length is >= 2 and <= 24 && !analyzer.IsStopWord(whole) && !tokens.Contains(whole))
            {
                tokens.Add(whole);
            }
            keywordLength += tokens.Count;
            foreach (var t in tokens)
            {
                var slot = Slot(t);
                keywordCounts[slot]++;
            }
        }
        KeywordLength = keywordLength;
        tokens.Clear();
        analyzer.Analyze(document.Body, tokens);
        BodyLength = tokens.Count;
        foreach (var t in tokens)
        {
            var slot = Slot(t);
            bodyCounts[slot]++;
        }
    }

    /// <summary>Analyses <paramref name="count"/> documents from <paramref name="start"/> into one flat batch.</summary>
    public AnalyzedBatch AnalyzeBatch(MatchDocument[] documents, int start, int count)
    {
        var batch = new AnalyzedBatch(count);
        AnalyzeInto(batch, documents, start, count);
        return batch;
    }

    /// <summary>Empties <paramref name="batch"/> (its buffers are reused) and analyses the documents into it.</summary>
    public void AnalyzeInto(AnalyzedBatch batch, MatchDocument[] documents, int start, int count)
    {
        batch.Clear(count);
        for (var i = 0; i < count; i++)
        {
            var document = documents[start + i];
            Analyze(document);
            batch.Append(new StoredDocument(document), this);
        }
    }

    private int Slot(string term)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(slots, term, out var exists);
        if (!exists)
        {
            if (Count == terms.Length)
            {
                Array.Resize(ref terms, Count * 2);
                Array.Resize(ref titleCounts, Count * 2);
                Array.Resize(ref keywordCounts, Count * 2);
                Array.Resize(ref bodyCounts, Count * 2);
            }
            slot = Count++;
            terms[slot] = term;
            titleCounts[slot] = 0;
            keywordCounts[slot] = 0;
            bodyCounts[slot] = 0;
        }
        return slot;
    }
}

/// <summary>
/// Analysed documents in flat arrays (no object per document besides <see cref="StoredDocument"/>):
/// document i's distinct terms are <c>Terms[Starts[i]..Starts[i+1]]</c> with their packed field frequencies.
/// </summary>
internal sealed class AnalyzedBatch
{
    private string[] terms;
    private byte[] packed;
    private int length;

    public AnalyzedBatch(int capacity)
    {
        Documents = new StoredDocument[capacity];
        TitleLengths = new int[capacity];
        KeywordLengths = new int[capacity];
        BodyLengths = new int[capacity];
        Starts = new int[capacity + 1];
        terms = new string[Math.Max(16, capacity * 64)];
        packed = new byte[terms.Length];
    }

    /// <summary>Documents appended so far.</summary>
    public int Count { get; private set; }

    public StoredDocument[] Documents { get; }

    public int[] TitleLengths { get; }

    public int[] KeywordLengths { get; }

    public int[] BodyLengths { get; }

    public int[] Starts { get; }

    public string[] Terms => terms;

    public byte[] Packed => packed;

    /// <summary>Empties the batch, keeping its buffers, for up to <paramref name="capacity"/> documents.</summary>
    public void Clear(int capacity)
    {
        if (capacity > Documents.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity));
        }
        Array.Clear(Documents);
        Count = 0;
        length = 0;
    }

    /// <summary>Appends the document last analysed by <paramref name="analysis"/>.</summary>
    public void Append(StoredDocument stored, DocumentAnalyzer analysis)
    {
        var i = Count;
        Documents[i] = stored;
        TitleLengths[i] = analysis.TitleLength;
        KeywordLengths[i] = analysis.KeywordLength;
        BodyLengths[i] = analysis.BodyLength;
        var n = analysis.Count;
        if (terms.Length - length < n)
        {
            var size = Math.Max(terms.Length * 2, length + n);
            Array.Resize(ref terms, size);
            Array.Resize(ref packed, size);
        }
        for (var t = 0; t < n; t++)
        {
            terms[length] = analysis.Term(t);
            packed[length++] = analysis.Packed(t);
        }
        Count = i + 1;
        Starts[i + 1] = length;
    }
}
