namespace Kexie.Matching;

/// <summary>
/// A search against the index. Text can come as free <see cref="Text"/> or split like a document
/// (title, keywords, body); the structured fields are compared with the candidates' own.
/// </summary>
public sealed record MatchQuery
{
    /// <summary>Free text (treated like a title: every term counts fully).</summary>
    public string? Text { get; init; }

    /// <summary>Title of the need/offer the query stands for.</summary>
    public string? Title { get; init; }

    /// <summary>Keywords of the need/offer the query stands for.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Body of the need/offer the query stands for (its terms weigh less, see <see cref="MatchOptions.QueryBodyWeight"/>).</summary>
    public string? Body { get; init; }

    /// <summary>Text, title, keywords and body joined by spaces (what a discipline predictor reads).</summary>
    internal string CombinedText() =>
        string.Join(' ', new[] { Text, Title }.Concat(Keywords).Append(Body).Where(t => !string.IsNullOrWhiteSpace(t)));

    /// <summary>Discipline codes wanted. When empty they are predicted (classifier and feedback), if enabled.</summary>
    public IReadOnlyList<string> DisciplineCodes { get; init; } = [];

    /// <summary>Industry codes wanted.</summary>
    public IReadOnlyList<string> IndustryCodes { get; init; } = [];

    /// <summary>Region of the asker.</summary>
    public string? RegionCode { get; init; }

    /// <summary>Budget in yuan, compared with the candidates' prices.</summary>
    public decimal? Budget { get; init; }

    /// <summary>Price the asker (a provider) asks, in yuan, compared with the candidates' budgets (provider → needs).</summary>
    public decimal? OfferedPrice { get; init; }

    /// <summary>Kinds of documents to return; empty = all kinds.</summary>
    public IReadOnlyCollection<DocumentKind> Kinds { get; init; } = [];

    /// <summary>Document ids never returned (e.g. the asker's own document).</summary>
    public IReadOnlyCollection<string> ExcludeIds { get; init; } = [];

    /// <summary>Predict discipline codes when the query has none.</summary>
    public bool PredictDisciplines { get; init; } = true;

    /// <summary>How many results to return (1–1000).</summary>
    public int Top { get; init; } = 20;

    /// <summary>A query that stands for <paramref name="document"/> (its texts, codes, region and price as budget).</summary>
    public static MatchQuery From(MatchDocument document, IReadOnlyCollection<DocumentKind> kinds, int top = 20) => new()
    {
        Title = document.Title,
        Keywords = document.Keywords,
        Body = document.Body,
        DisciplineCodes = document.DisciplineCodes,
        IndustryCodes = document.IndustryCodes,
        RegionCode = document.RegionCode,
        Budget = document.Price,
        Kinds = kinds,
        ExcludeIds = [document.Id],
        Top = top,
    };
}

/// <summary>The scoring signals of a match.</summary>
public enum MatchSignal
{
    /// <summary>Term match (BM25F over title, keywords, body), normalised to the best match.</summary>
    Text,

    /// <summary>Discipline codes given by the query.</summary>
    Discipline,

    /// <summary>Discipline codes predicted for the query.</summary>
    PredictedDiscipline,

    /// <summary>Industry codes.</summary>
    Industry,

    /// <summary>Region proximity.</summary>
    Region,

    /// <summary>Price vs budget.</summary>
    Budget,

    /// <summary>How recently the candidate was published.</summary>
    Recency,

    /// <summary>The provider's track record.</summary>
    TrackRecord,

    /// <summary>
    /// Lift that keeps a clearly best text match first against a predicted field (see
    /// <see cref="MatchOptions.PredictedLeaderMargin"/>).
    /// </summary>
    TextLeader,

    /// <summary>
    /// What the learned re-ranker (<see cref="MatchOptions.Reranker"/>) added to or took from the hand-weighted score.
    /// </summary>
    Learned,
}

/// <summary>A query term found in the candidate.</summary>
/// <param name="Term">The (normalised) term.</param>
/// <param name="InTitle">Found in the title.</param>
/// <param name="InKeywords">Found in the keywords.</param>
/// <param name="InBody">Found in the body.</param>
/// <param name="Score">Its BM25F contribution before normalisation.</param>
public sealed record MatchedTerm(string Term, bool InTitle, bool InKeywords, bool InBody, double Score)
{
    /// <summary>True when the term is not in the query but was added by pseudo-relevance feedback
    /// (a word typical of the best first-pass matches, see <see cref="MatchOptions.FeedbackDocuments"/>).</summary>
    public bool FromFeedback { get; init; }
}

/// <summary>A code of the query related to a code of the candidate.</summary>
/// <param name="QueryCode">The query's code (given or predicted).</param>
/// <param name="DocumentCode">The candidate's code.</param>
/// <param name="Relation">How they relate.</param>
/// <param name="Predicted">The query's code was predicted, with this probability; <c>null</c> when given.</param>
public sealed record SharedCode(string QueryCode, string DocumentCode, CodeRelation Relation, double? Predicted = null)
{
    /// <summary>The candidate gave no discipline: <see cref="DocumentCode"/> was predicted from its text
    /// (see <see cref="MatchOptions.PredictDocumentDisciplines"/>), and the signal counts less.</summary>
    public bool DocumentPredicted { get; init; }

    /// <summary>With <see cref="DocumentPredicted"/> and <see cref="MatchOptions.PredictedDocumentDisciplineCodes"/> above 1:
    /// the classifier's probability of <see cref="DocumentCode"/> for the candidate's text.</summary>
    public double? DocumentProbability { get; init; }
}

/// <summary>How much one signal added to (or took from) the score.</summary>
/// <param name="Signal">The signal.</param>
/// <param name="Score">Its contribution to <see cref="MatchResult.Score"/>.</param>
/// <param name="Detail">Readable detail in Chinese.</param>
public sealed record SignalContribution(MatchSignal Signal, double Score, string Detail);

/// <summary>Why a candidate was ranked where it is.</summary>
public sealed record MatchExplanation
{
    /// <summary>Query terms found in the candidate, strongest first.</summary>
    public required IReadOnlyList<MatchedTerm> MatchedTerms { get; init; }

    /// <summary>Terms the query did not contain but pseudo-relevance feedback added (words typical of the
    /// best first-pass matches) that the candidate holds, with their share of the text score
    /// (<see cref="MatchedTerm.FromFeedback"/> is true). Empty when feedback was off.</summary>
    public IReadOnlyList<MatchedTerm> FeedbackTerms { get; init; } = [];

    /// <summary>Related discipline codes.</summary>
    public required IReadOnlyList<SharedCode> SharedDisciplines { get; init; }

    /// <summary>Related industry codes.</summary>
    public required IReadOnlyList<SharedCode> SharedIndustries { get; init; }

    /// <summary>Region relation between the query and the candidate.</summary>
    public required RegionRelation Region { get; init; }

    /// <summary>Every signal's contribution; they add up to the score.</summary>
    public required IReadOnlyList<SignalContribution> Contributions { get; init; }

    /// <summary>One readable sentence (Simplified Chinese): <see cref="Ranked"/> of the result's rank, score and <see cref="Reason"/>.</summary>
    public required string Summary { get; init; }

    /// <summary>
    /// The sentence without its lead "排第N位（综合得分S）：": what was matched and where the score comes from, true of the
    /// score parts whatever place a list shows the candidate at. A list that shows fewer results than the engine found
    /// (hidden records, dropped candidates, good matches before 可能相关) composes its own lead with <see cref="Ranked"/>
    /// from its own position instead of re-numbering <see cref="Summary"/>.
    /// </summary>
    public string Reason { get; init; } = string.Empty;

    /// <summary>The rank and the score leading a reason: "排第{rank}位（综合得分{score, two decimals}）：{reason}".</summary>
    public static string Ranked(int rank, double score, string reason) =>
        $"排第{rank.ToString(System.Globalization.CultureInfo.InvariantCulture)}位（综合得分{ScoreText.Format(score)}）：{reason}";
}

/// <summary>One ranked candidate.</summary>
public sealed record MatchResult
{
    /// <summary>The candidate's id.</summary>
    public required string Id { get; init; }

    /// <summary>The candidate's kind.</summary>
    public required DocumentKind Kind { get; init; }

    /// <summary>The candidate's title.</summary>
    public required string Title { get; init; }

    /// <summary>1-based rank.</summary>
    public required int Rank { get; init; }

    /// <summary>Total score (the sum of <see cref="MatchExplanation.Contributions"/>).</summary>
    public required double Score { get; init; }

    /// <summary>Share of the query's term weight found in the candidate (0–1).</summary>
    public required double Coverage { get; init; }

    /// <summary>Calibrated confidence (0–1) that this is a good match (see <see cref="MatchOptions.ConfidenceIntercept"/>).</summary>
    public double Confidence { get; init; }

    /// <summary>What <see cref="Confidence"/> was computed from.</summary>
    public ConfidenceInputs ConfidenceInputs { get; init; } = new(0, 0, 0, 0);

    /// <summary>Confidence at least <see cref="MatchOptions.ConfidenceThreshold"/>: shown as a match and worth a
    /// notification; below it at most "可能相关".</summary>
    public bool IsGoodMatch { get; init; }

    /// <summary>For similar-need searches: the texts overlap so much that this may be the same need.</summary>
    public bool LikelyDuplicate { get; init; }

    /// <summary>Why it ranks here.</summary>
    public required MatchExplanation Explanation { get; init; }
}

/// <summary>A suggested code with its probability.</summary>
/// <param name="Code">The code (or label).</param>
/// <param name="Probability">Probability, 0–1.</param>
public sealed record CodeSuggestion(string Code, double Probability);

/// <summary>Predicts discipline codes from analysed text (see <see cref="Classification.DisciplineClassifier"/>).</summary>
public interface IDisciplinePredictor
{
    /// <summary>The most likely codes for text analysed into <paramref name="tokens"/>, best first.</summary>
    IReadOnlyList<CodeSuggestion> Predict(IReadOnlyList<string> tokens, int top);

    /// <summary>
    /// The most likely codes for <paramref name="text"/>, already analysed into <paramref name="tokens"/>
    /// (a predictor may read the raw text too, e.g. its characters), best first.
    /// </summary>
    IReadOnlyList<CodeSuggestion> Predict(string? text, IReadOnlyList<string> tokens, int top) => Predict(tokens, top);
}

/// <summary>
/// The inputs of a candidate's confidence (<see cref="MatchOptions.ConfidenceIntercept"/>): field agreement (0–1; the
/// discipline, predicted ones by the classifier's own probability, or the industry, the stronger), coverage (share of
/// the query's term weight the candidate holds, 0–1), the normalised text score (capped at 2) and the field miss (how
/// sure the query's field is × (1 − field): certainty 1 for codes the query gives, else the classifier's first
/// choice's probability) and the unknown terms (share of the query's real term weight, weight × idf, that no document
/// of the index holds: a query whose domain words the corpus lacks has nothing relevant there, however well the
/// words it shares with a candidate match), the uncertainty (1 − the classifier's first choice's probability; 0 when
/// the query gives its discipline codes, 1 when nothing was predicted) and the vote disagreement (1 − how much of the classifier's
/// field the best text matches' codes hold: high when the corpus lacks the field the query is about; 0 when there
/// was no vote), and whether the query gives its field (discipline or industry codes: then the field miss has a weight
/// of its own, as a given field is certain). The last four are the query's, the same for every candidate.
/// </summary>
public sealed record ConfidenceInputs(double Field, double Coverage, double Text, double FieldMiss = 0, double UnknownTerms = 0,
    double Uncertainty = 0, double VoteDisagreement = 0, bool Given = false);
