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
    private readonly IDisciplinePredictor? predictor;
    private readonly MatchOptions? options;
    private readonly List<string> tokens = [];
    private readonly List<string> allTokens = [];
    private readonly Dictionary<string, int> slots = new(StringComparer.Ordinal);
    private readonly HashSet<char> seenCharacters = [];
    private Action<char>? addCharacter;
    private string[] terms = new string[256];
    private int[] titleCounts = new int[256];
    private int[] keywordCounts = new int[256];
    private int[] bodyCounts = new int[256];

    /// <param name="analyzer">Text analysis.</param>
    /// <param name="predictor">When given (and <see cref="MatchOptions.PredictDocumentDisciplines"/> is on), documents
    /// without discipline codes get the predicted one (see <see cref="PredictedDisciplines"/>).</param>
    /// <param name="options">The index's options.</param>
    public DocumentAnalyzer(ChineseAnalyzer analyzer, IDisciplinePredictor? predictor = null, MatchOptions? options = null)
    {
        this.analyzer = analyzer;
        this.predictor = options is { PredictDocumentDisciplines: true } ? predictor : null;
        this.options = options;
    }

    /// <summary>For the last analysed document: its discipline predicted from its text when it gave none and the
    /// prediction is at least <see cref="MatchOptions.DocumentDisciplineMinProbability"/> likely; otherwise empty.</summary>
    public IReadOnlyList<string> PredictedDisciplines { get; private set; } = [];

    /// <summary>With <see cref="PredictedDisciplines"/> and <see cref="MatchOptions.PredictedDocumentDisciplineCodes"/> above 1:
    /// the classifier's likeliest codes for the document, with their probabilities.</summary>
    public CodeProbability[]? PredictedAlternatives { get; private set; }

    /// <summary>For the last analysed document, when it states its discipline and
    /// <see cref="MatchOptions.GivenDocumentReadDiscipline"/> is on: the likeliest code of its text; otherwise null.</summary>
    public string? ReadDisciplineCode { get; private set; }

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
        PredictedDisciplines = [];
        PredictedAlternatives = null;
        ReadDisciplineCode = null;
        var read = predictor is not null && options is { GivenDocumentReadDiscipline: true } && HasCodes(document.DisciplineCodes);
        var predict = (predictor is not null && !HasCodes(document.DisciplineCodes)) || read;
        allTokens.Clear();
        tokens.Clear();
        analyzer.Analyze(document.Title, tokens);
        TitleLength = tokens.Count;
        if (predict)
        {
            allTokens.AddRange(tokens);
        }
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
            if (predict)
            {
                allTokens.AddRange(tokens);
            }
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
        if (predict)
        {
            allTokens.AddRange(tokens);
            if (read)
            {
                ReadDisciplineCode = ReadCode(document);
            }
            else
            {
                PredictedDisciplines = Predict(document);
            }
        }
        if (options is { CharacterBackstop: true })
        {
            AddCharacterTerms(document);
        }
    }

    /// <summary>The document's distinct characters as character terms, each counted once in the body and in no field's
    /// length (<see cref="MatchOptions.CharacterBackstop"/>); after the prediction, which never sees them.</summary>
    private void AddCharacterTerms(MatchDocument document)
    {
        seenCharacters.Clear();
        addCharacter ??= c =>
        {
            var slot = Slot(CharacterTerms.Of(c));
            bodyCounts[slot] = 1;
        };
        CharacterTerms.Collect(TextNormalizer.Normalize(document.Title), analyzer, seenCharacters, addCharacter);
        foreach (var keyword in document.Keywords ?? [])
        {
            CharacterTerms.Collect(TextNormalizer.Normalize(keyword), analyzer, seenCharacters, addCharacter);
        }
        CharacterTerms.Collect(TextNormalizer.Normalize(document.Body), analyzer, seenCharacters, addCharacter);
    }

    private static bool HasCodes(IReadOnlyList<string>? codes) => codes is not null && codes.Any(c => !string.IsNullOrWhiteSpace(c));

    /// <summary>The most likely discipline of the document's whole text (title, keywords, body: the way the
    /// classifier saw its full-text examples), when likely enough.</summary>
    private string[] Predict(MatchDocument document)
    {
        if (allTokens.Count == 0)
        {
            return [];
        }
        var text = string.Join(' ', new[] { document.Title }.Concat(document.Keywords ?? []).Append(document.Body).Where(t => !string.IsNullOrWhiteSpace(t)));
        var keep = Math.Max(1, options!.PredictedDocumentDisciplineCodes);
        var best = predictor!.Predict(text, allTokens, keep);
        if (best.Count == 0 || best[0].Probability < options.DocumentDisciplineMinProbability)
        {
            return [];
        }
        if (keep > 1)
        {
            PredictedAlternatives = [.. best.Select(b => new CodeProbability(string.Intern(b.Code), b.Probability))];
        }
        return [best[0].Code];
    }

    /// <summary>The likeliest code of a coded document's whole text (<see cref="MatchOptions.GivenDocumentReadDiscipline"/>).</summary>
    private string? ReadCode(MatchDocument document)
    {
        if (allTokens.Count == 0)
        {
            return null;
        }
        var text = string.Join(' ', new[] { document.Title }.Concat(document.Keywords ?? []).Append(document.Body).Where(t => !string.IsNullOrWhiteSpace(t)));
        var best = predictor!.Predict(text, allTokens, 1);
        return best.Count == 0 || best[0].Probability < options!.DocumentDisciplineMinProbability ? null : string.Intern(best[0].Code);
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
            batch.Append(new StoredDocument(document, PredictedDisciplines) { PredictedAlternatives = PredictedAlternatives, ReadDisciplineCode = ReadDisciplineCode }, this);
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
