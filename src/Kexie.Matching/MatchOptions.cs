namespace Kexie.Matching;

/// <summary>
/// Every weight and knob of the ranking, in one place (documented in docs/matching.md).
/// The final score of a candidate is
/// <c>TextWeight × text + Σ structured signals</c>, where <c>text</c> is the candidate's BM25F
/// score divided by the score an average-length document holding each query term once would get
/// (about 1.0 for a full match, at most K1 + 1) and each structured signal is bounded by its weight.
/// </summary>
public sealed record MatchOptions
{
    // ---- Text (BM25F) -------------------------------------------------------------------------

    /// <summary>BM25 term-frequency saturation.</summary>
    public double K1 { get; init; } = 1.2;

    /// <summary>Weight of a term occurrence in the title.</summary>
    public double TitleFieldWeight { get; init; } = 3.0;

    /// <summary>Weight of a term occurrence in the keywords.</summary>
    public double KeywordsFieldWeight { get; init; } = 3.0;

    /// <summary>Weight of a term occurrence in the body.</summary>
    public double BodyFieldWeight { get; init; } = 1.0;

    /// <summary>Length normalisation of the title field (BM25 b).</summary>
    public double TitleLengthNormalization { get; init; } = 0.5;

    /// <summary>Length normalisation of the keywords field (BM25 b).</summary>
    public double KeywordsLengthNormalization { get; init; } = 0.5;

    /// <summary>Length normalisation of the body field (BM25 b).</summary>
    public double BodyLengthNormalization { get; init; } = 0.75;

    /// <summary>Weight of a query term taken from the query's title.</summary>
    public double QueryTitleWeight { get; init; } = 1.0;

    /// <summary>Weight of a query term taken from the query's keywords.</summary>
    public double QueryKeywordsWeight { get; init; } = 1.0;

    /// <summary>
    /// A query's keywords are concepts of equal weight: a keyword's terms share it, each counting
    /// <see cref="QueryKeywordsWeight"/> / n^this, n being the keyword's distinct words and sub-words (the whole keyword,
    /// added as a term of its own, counts as much). 0.5: the keyword's term vector has unit length. Without it (0) a
    /// long keyword cut into five terms (水工模型试验 → 水工, 模型, 试验, 模型试验) weighed five times a keyword of one word,
    /// and a document matching that one keyword beat the own abstract matching three others (T1, found on the training
    /// half). On the tuning split (`--split inner` + `inner-b`, with <see cref="CodeFeedbackByReliability"/>): 0 / 0.5 / 1
    /// gave text + model T1 −0.0043 / −0.0018 / −0.0028 and T4 1.32× / 1.32× / 1.31× (docs/benchmarks.md).
    /// </summary>
    public double QueryKeywordUnitExponent { get; init; } = 0.5;

    /// <summary>
    /// Off (0): every term of the query's title (and free text) counts <see cref="QueryTitleWeight"/>. Above 0, a title
    /// word is one concept like a keyword (<see cref="QueryKeywordUnitExponent"/>): a jieba word and the sub-words it
    /// yields (园林绿化 → 园林, 绿化, 园林绿化) each count <see cref="QueryTitleWeight"/> / n^this, n the word's distinct
    /// terms, so a document holding one long compound of the title does not outweigh the own text holding its other
    /// words (issue 12, match14: found by `Kexie.Bench proximity` on the training half; docs/benchmarks.md). A domain term
    /// spanning several words counts as a concept of its own. 0 reproduces the ranking before the option exactly.
    /// 0.5 since 2026-12-06 (match15): chosen with <see cref="GivenDocumentReadDiscipline"/> by the registered rule on four
    /// tuning splits and shipped after its one evaluation (docs/benchmarks.md).
    /// </summary>
    public double QueryTitleWordUnitExponent { get; init; } = 0.5;

    /// <summary>Weight of a query term taken from the query's body (long bodies would drown the title).</summary>
    public double QueryBodyWeight { get; init; } = 0.4;

    /// <summary>Only this many distinct query terms are used (the highest weight × idf first).</summary>
    public int MaxQueryTerms { get; init; } = 48;

    /// <summary>Query terms whose document frequency exceeds this share of the index are ignored (0.0–1.0).</summary>
    public double MaxDocumentFrequencyRatio { get; init; } = 0.5;

    /// <summary><see cref="MaxDocumentFrequencyRatio"/> applies once the index holds this many documents (in a
    /// handful of documents every word is frequent).</summary>
    public int MaxDocumentFrequencyMinDocuments { get; init; } = 100;

    /// <summary>
    /// Term quality: a single character that is not a domain term of the analyzer's dictionary, the organisation-type
    /// and generic words of <see cref="Analysis.StopWords.IsGeneric"/> (公司, 有限公司, 医院, 人民 …) and the
    /// <see cref="IgnoredTerms"/> (the platform's place names) are weak terms: they add to the text score of a
    /// candidate that holds a real query term (so ranking known items loses nothing, measured on CSL), but never make
    /// a candidate by themselves, are never a matched term and do not count in the coverage or the confidence.
    /// The index is unchanged (these words still feed the discipline classifier).
    /// </summary>
    public bool MatchableTermsOnly { get; init; } = true;

    /// <summary>
    /// A character backstop for the word field: the index also holds each document's distinct Chinese characters (stop
    /// characters left out) as terms of their own, and a query whose words find fewer than its <c>Top</c> documents (the
    /// word field misses: a title that shares no jieba word with its own abstract because the two are cut differently,
    /// 鼻红粒病 against 鼻部 · 红斑 · 米粒, or words that are only single characters, 牛与伞) also looks its characters up
    /// there; the documents found that way fill the list, scored at <see cref="CharacterBackstopWeight"/> of a word match.
    /// They rank after every document the words (or the field alone, <see cref="FieldOnlyCandidates"/>) found, whatever their
    /// field adds; with a known field the backstop is not used at all (the field's documents are the better fill). They
    /// never have matched terms (no shared word, coverage 0), their text counts nothing in the confidence, and they are
    /// never a good match (<see cref="MatchResult.IsGoodMatch"/>), so they notify no one. Never used when the words find
    /// enough documents, so the per-query work is unchanged then; the index grows by one posting per distinct character
    /// of each document. Off: the index holds no character terms and nothing changes. Measured (docs/benchmarks.md): on the
    /// tuning split it gains T2 in every setting and both directions (text + model −0.0024 → −0.0011, T3/T4 hold), on the
    /// evaluation half T2 only +0.0003 (two title queries with no word any document holds) for +117 % posting bytes, so it
    /// stays off.
    /// </summary>
    public bool CharacterBackstop { get; init; }

    /// <summary>What a document holding every character of the query scores in the backstop, as a share of a document
    /// holding every word of it (<see cref="CharacterBackstop"/>).</summary>
    public double CharacterBackstopWeight { get; init; } = 0.3;

    /// <summary>
    /// A backstop that costs the index nothing: the query's weak terms (<see cref="MatchableTermsOnly"/>: single characters
    /// that are not domain terms, place names, generic words), which the index holds anyway as ordinary words, find
    /// documents when the query's words find none (or, with <see cref="WeakTermBackstopWhenFew"/>, fewer than its
    /// <c>Top</c>). Those documents behave as the character backstop's (<see cref="CharacterBackstop"/>): they rank after
    /// every document the words (or the field alone) found, have no matched term and coverage 0, count nothing in the
    /// confidence, are never a good match and are explained as sharing only characters. With a known or predicted field
    /// the field's documents fill the list instead, as for the character backstop. No index term or posting is added.
    /// Measured (docs/benchmarks.md, 2026-12-05): on the tuning split it gains T2 in the `inner` direction in every setting
    /// (one wordless title, 牛与伞: text + model −0.0056 → −0.0042) and changes nothing in `inner-b`; on the evaluation half
    /// it changes no T1 or T2 query at all (T2 −0.0029 stays −0.0029; it acts on 1 of 1,361 title queries with a field,
    /// 22 without), so it stays off.
    /// </summary>
    public bool WeakTermBackstop { get; init; }

    /// <summary>The weak-term backstop also fills a list the words found fewer than <c>Top</c> documents for (off: only
    /// a query whose words find no document at all).</summary>
    public bool WeakTermBackstopWhenFew { get; init; } = true;

    /// <summary>The weak-term backstop uses only the query's single characters (not its place names and generic words).</summary>
    public bool WeakTermBackstopCharactersOnly { get; init; }

    /// <summary>What a document holding every weak term of the query scores in the weak-term backstop, as a share of the
    /// query's word norm (only orders the backstop's documents among themselves and against the field).</summary>
    public double WeakTermBackstopWeight { get; init; } = 1.0;

    /// <summary>More words that never count as matched terms, e.g. the region names of the platform
    /// (<see cref="Data.DomainVocabulary.PlaceNames"/>: 大英县 and 大英).</summary>
    public IReadOnlySet<string> IgnoredTerms { get; init; } = new HashSet<string>();

    // ---- Pseudo-relevance feedback ------------------------------------------------------------

    /// <summary>Best first-pass documents whose strongest terms expand the query (RM3; 0 = off).</summary>
    public int FeedbackDocuments { get; init; } = 20;

    /// <summary>Feedback is used only once the index holds this many documents (in a small index the
    /// best matches say little about the field).</summary>
    public int FeedbackMinDocuments { get; init; } = 1000;

    /// <summary>Also expand the query when its discipline is known or predicted (measured: no gain then,
    /// the discipline signal already carries the field, and a loss on finding a known document).</summary>
    public bool FeedbackWithDisciplines { get; init; }

    /// <summary>Feedback terms taken (the most probable under the feedback documents' relevance model).</summary>
    public int FeedbackTerms { get; init; } = 20;

    /// <summary>Share λ of the feedback terms in the expanded query's weight (0 = off, 1 = feedback only).</summary>
    public double FeedbackWeight { get; init; } = 0.3;

    /// <summary>When the best first-pass document leads the second by at least this share of its text
    /// score, it keeps the first place of the text ranking after feedback (1 = never).</summary>
    public double FeedbackLeaderMargin { get; init; } = 0.0;

    /// <summary>Feedback terms are chosen by probability × idf^this (0 = plain RM3, by probability).</summary>
    public double FeedbackIdfPower { get; init; } = 0.0;

    /// <summary>Top documents of the first pass whose codes vote for the query's likely discipline (0 = off).</summary>
    public int CodeFeedbackDocuments { get; init; } = 10;

    /// <summary>Each feedback document votes with its text score raised to this power (higher = trust the best matches more).
    /// 1: measured 2026-12-05 (docs/benchmarks.md), 3 gained with-codes T2 on the tuning split (10 title queries up, none
    /// down) but not on the evaluation half (+0.0001: 4 up, 6 down; with codes T3/T4 −0.003×), so it stays 1.</summary>
    public double CodeFeedbackPower { get; init; } = 1.0;

    /// <summary>How many of the most probable predicted codes a query keeps (the classifier's distribution
    /// mixed with the feedback vote; more keeps the soft match with codes of lower probability).</summary>
    public int PredictedDisciplineCodes { get; init; } = 5;

    /// <summary>Share of the code-feedback vote in the predicted discipline distribution (the rest is the classifier's).</summary>
    public double CodeFeedbackShare { get; init; } = 0.5;

    /// <summary>
    /// The vote's share (<see cref="CodeFeedbackShare"/>) is scaled by what its voters' codes are worth: a voter whose code
    /// was guessed from its text counts <see cref="PredictedDocumentDisciplineFactor"/> of one that gave its code, as in the
    /// discipline signal. Without it, the guessed codes of the best text matches (right about half the time) outvoted
    /// the classifier's reading of the query itself as much as given codes would. Changes nothing when the documents
    /// carry their codes. On the tuning split: text + model T3/T4 1.25×/1.28× → 1.31×/1.32× (docs/benchmarks.md).
    /// </summary>
    public bool CodeFeedbackByReliability { get; init; } = true;

    /// <summary>
    /// The vote's share (<see cref="CodeFeedbackShare"/>, after <see cref="CodeFeedbackByReliability"/>) follows how sure the
    /// classifier is of the query's field: the odds of the vote against the classifier are multiplied by the odds against
    /// the classifier's first choice, (1 − p) / p, p being its unsharpened probability. At p = ½ nothing changes; a short
    /// title the classifier reads at 25 % leaves the field mostly to the codes of its best text matches (a ½ share becomes
    /// ¾), a text it is sure of (80 %) keeps its reading (¼). Why: a title's guessed field (top-1 43–47 %) that is not its
    /// own paper's discipline is the cause of most with-codes T2 losses (the own abstract, one of the best text matches,
    /// passed by documents of the guessed field with about as much text; docs/benchmarks.md). Off: on the tuning split it
    /// gains with-codes T2 (+0.0013 pooled) but costs T3/T4 0.08–0.10× with codes and 0.03–0.04× text + model — the codes of
    /// documents other than the query's own are a worse guess of its field than the classifier (2026-12-05).
    /// </summary>
    public bool CodeFeedbackShareByCertainty { get; init; }

    /// <summary>The classifier's probabilities are raised to this power (and renormalised) before they are mixed
    /// with the feedback vote: above 1 trusts its first choice more. Measured on CSL (docs/benchmarks.md): with
    /// weight 1.0, exponent 2 / 2.5 / 3 gave T3 1.377× / 1.385× / 1.390× the best baseline, T1 inside the guard.</summary>
    public double PredictedDisciplineExponent { get; init; } = 3.0;

    /// <summary>
    /// Backing off to the 门类 when the discipline is unsure (0 = off): the classifier's sharpened distribution keeps each
    /// first-level group's total (the 门类 of <see cref="DisciplineHierarchy"/>, its shortest level), but inside the group the
    /// disciplines share it in proportion to their raw probability to this power instead of to
    /// <see cref="PredictedDisciplineExponent"/>. A title read surely as 工学 but unsurely as one engineering discipline
    /// (two fifths of the title errors are one engineering discipline read as another, the 门类 being right 88 % of the
    /// time) then credits the 门类's disciplines more evenly, so its own abstract in a neighbouring discipline is not pushed
    /// down by documents of the guessed one. A group whose likeliest discipline holds at least
    /// <see cref="PredictedDisciplineBackoffSureAt"/> of its raw probability keeps the sharpened split. Equal to the
    /// exponent = off. Off: on the tuning split 2 gained with-codes T2 +0.0008 (5 titles up, 1 down) for T3 −0.005 nDCG; on
    /// the evaluation half, once, with codes T2 −0.0036 → −0.0032 but T3/T4 1.567×/1.551× → 1.555×/1.543×, need-shaped nDCG
    /// 0.642 → 0.637 (docs/benchmarks.md, 2026-12-06).
    /// </summary>
    public double PredictedDisciplineWithinGroupExponent { get; init; }

    /// <summary>With <see cref="PredictedDisciplineWithinGroupExponent"/>: a group whose likeliest discipline holds at least
    /// this share of the group's raw probability is not backed off (the discipline is sure enough); 1 (default) backs off
    /// every group.</summary>
    public double PredictedDisciplineBackoffSureAt { get; init; } = 1.0;

    /// <summary>With <see cref="PredictedDisciplineWithinGroupExponent"/>: a group is backed off only when the best text
    /// matches' codes (the code-feedback vote, <see cref="CodeFeedbackDocuments"/>) favour another of its disciplines than
    /// the classifier does — the query's own matches disagree with the guessed discipline but not with its 门类. Off
    /// (default): every group not sure enough by <see cref="PredictedDisciplineBackoffSureAt"/> is backed off.</summary>
    public bool PredictedDisciplineBackoffOnVoteDisagreement { get; init; }

    /// <summary>With <see cref="PredictedDisciplineWithinGroupExponent"/>: the groups' totals are their raw probability (the
    /// sum of their disciplines') raised to <see cref="PredictedDisciplineExponent"/> and renormalised, instead of the sum
    /// of their sharpened disciplines — a 门类 read surely but split among several disciplines is not beaten by another
    /// 门类 holding one discipline of about the size of each part. Off (default).</summary>
    public bool PredictedDisciplineGroupSharpening { get; init; }

    /// <summary>Documents that give no discipline code get the one the discipline classifier predicts from their
    /// text (title, keywords, body), when at least <see cref="DocumentDisciplineMinProbability"/> likely, so a
    /// worker profile or need published without codes still takes part in field matching.</summary>
    public bool PredictDocumentDisciplines { get; init; } = true;

    /// <summary>Least probability of a document's predicted discipline for it to be kept. 0 (default): every code-less
    /// document takes its likeliest field, discounted by <see cref="PredictedDocumentDisciplineFactor"/> like any guess.
    /// A cut (it was 0.3) left the documents whose field is unsure with no field at all, so a query's guess could credit
    /// every other document but never them; on the training half (`--split inner`) 0 raised T3/T4 text + model by
    /// 0.05–0.07× and T2 by 0.0005 (docs/benchmarks.md).</summary>
    public double DocumentDisciplineMinProbability { get; init; }

    /// <summary>The discipline signal of a document whose code was predicted (not given) is multiplied by this: a
    /// guessed code is weaker evidence than a given one. 0.5: about how often the classifier's first choice for a whole
    /// text is right on records it never saw (48–54 % on CSL). It was 0.3 while documents of unsure field had no code and
    /// the text leader's margin ignored how sure the query's field was; with both fixed, on the training half
    /// (`--split inner`) 0.3 / 0.4 / 0.5 / 0.7 / 1.0 gave T1 −0.0020 / −0.0020 / −0.0025 / −0.0025 / −0.0050 and T3
    /// 1.19× / 1.23× / 1.25× / 1.29× / 1.32× (docs/benchmarks.md).</summary>
    public double PredictedDocumentDisciplineFactor { get; init; } = 0.5;

    /// <summary>
    /// A code-less document keeps its this many likeliest disciplines with the classifier's probabilities, and its
    /// discipline signal is the expected agreement of the query's field with them (Σ query probability × document
    /// probability × credit), times <see cref="PredictedDocumentProbabilityFactor"/>, in place of its first guess worth
    /// <see cref="PredictedDocumentDisciplineFactor"/>. With the naive Bayes part the classifier's probabilities are
    /// calibrated (whole text: first choice 48 % likely on average, right 50 % of the time on the tuning split), so the
    /// probability says what the guess is worth, and a document whose second guess is the query's field (a paper's
    /// abstract against its own title) is no longer scored as if it were of another field. 1: the first guess only
    /// (the default). The vote of the text matches' codes (<see cref="CodeFeedbackByReliability"/>) still counts a guessed
    /// first code <see cref="PredictedDocumentDisciplineFactor"/>. Off by default: with the naive Bayes part, 5 codes,
    /// <see cref="PredictedDocumentProbabilityFactor"/> 0.8 and the leader band, the tuning split gave text + model T3/T4
    /// 1.31×/1.32× → 1.34×/1.36× and T2 −0.0024 → −0.0015, but the evaluation half, measured once, T4 1.268× → 1.325× with
    /// T2 −0.0029 → −0.0041 and T1 +0.0007 → −0.0017 (docs/benchmarks.md): T2 did not gain, so it does not ship.
    /// </summary>
    public int PredictedDocumentDisciplineCodes { get; init; } = 1;

    /// <summary>The expected agreement of a document's guessed disciplines (<see cref="PredictedDocumentDisciplineCodes"/>)
    /// is multiplied by this. Re-tuned on the tuning split (`--split inner` + `inner-b`) for the naive Bayes
    /// probabilities: 1.0 / 0.8 / 0.7 / 0.6; 0.8 is where both directions gain T2 and T4 (docs/benchmarks.md).</summary>
    public double PredictedDocumentProbabilityFactor { get; init; } = 0.8;

    // ---- Combination --------------------------------------------------------------------------

    /// <summary>Weight of the normalised text score (about 1.0 for a document matching the whole query).</summary>
    public double TextWeight { get; init; } = 1.0;

    /// <summary>Weight of discipline-code agreement when the query carries discipline codes.</summary>
    public double DisciplineWeight { get; init; } = 0.35;

    /// <summary>Weight of discipline agreement when the query has no codes and they are predicted
    /// (by the discipline classifier and by the codes of the best text matches). Strong, so documents of the
    /// predicted field come first; <see cref="PredictedLeaderMargin"/> keeps a clearly best text match on top.
    /// Measured on CSL (docs/benchmarks.md): 0.6 → 2 (with the text leader always kept first) raised T3/T4 from
    /// 1.28× to 1.36× the best BM25 baseline with T1/T2 inside the guard; with the classifier's probabilities
    /// sharpened (<see cref="PredictedDisciplineExponent"/>) and field-only candidates, 1.0 keeps T1 inside the
    /// guard where 1.5 and 2 no longer do.</summary>
    public double PredictedDisciplineWeight { get; init; } = 1.0;

    /// <summary>
    /// What a document's <em>given</em> discipline codes earn against a query field that is only <em>predicted</em>, as a
    /// share of what they earn against given query codes (1 = the same, the default; issue 12, match13). The field signal
    /// then weighs the guess the query's field is (<see cref="PredictedDisciplineWeight"/>) times this when the document
    /// states its field, and times <see cref="PredictedDocumentDisciplineFactor"/> when the document's field is guessed
    /// too. Below 1 it lets a stated document field order the candidates of a guessed query field less, which moves the
    /// ranking toward the text where documents carry their codes, and changes nothing where they do not. Ranking only: the
    /// confidence reads the field agreement without it (so a good match stays as good). Off: on four tuning splits it moved
    /// with codes T2 exactly as the field weight does (0.85: +0.0007, T3 −0.009 nDCG; 0.7 takes T3 under 1.50×), and the
    /// pre-registered margin rule did not choose it (docs/benchmarks.md, "A robust operating point", 2026-12-06).
    /// </summary>
    public double PredictedDisciplineGivenDocumentFactor { get; init; } = 1.0;

    /// <summary>
    /// A document that states its discipline is also read by the classifier (issue 12, match15): against a
    /// query field that is only <em>predicted</em>, it earns the better of what its stated codes earn and what the likeliest
    /// code of its own text (title, keywords, body) earns as a guessed document code (times
    /// <see cref="PredictedDocumentDisciplineFactor"/>, as for a document that states none; the explanation then names that
    /// code "由其内容推测"). Why: a known item's title is read by the same classifier as the text it names, so where a stated
    /// code disagrees with what its own text says (a CSL abstract on archive management filed under mining engineering),
    /// the guessed query field passes the document over for documents that state the guessed field, although its text
    /// reads like it; documents without codes never lose that way (their guessed code agrees with the query's guess).
    /// Query codes that are given are matched against the stated codes only; the confidence reads the stated codes only.
    /// Costs one classifier prediction per coded document at indexing (none when off). On since 2026-12-06 (match15: with
    /// <see cref="QueryTitleWordUnitExponent"/> 0.5, chosen by the registered rule on four tuning splits, then once on the
    /// evaluation half with codes T2 −0.0036 → −0.0027; docs/benchmarks.md).
    /// </summary>
    public bool GivenDocumentReadDiscipline { get; init; } = true;

    /// <summary>
    /// Flattening of an unsure guess for short texts (0 = off): a query of at most this many characters (a title, a keyword
    /// list) whose field is predicted gets <see cref="PredictedDisciplineWeight"/> × min(1, sureness /
    /// <see cref="PredictedDisciplineConfidentAt"/>), the sureness being the first code's share of the classifier's
    /// unsharpened probabilities mixed with the text matches' code vote. Why: the classifier reads a title right only
    /// 41–47 % of the time, and a wrong guess puts documents of that field above the title's own abstract (T2); a guess it
    /// is unsure of should order the list less. Off: it is the field weight again — on the tuning split (N 60, c 0.3) with
    /// codes T2 +0.0010 (8 titles up, 1 down) for T3 −0.02 nDCG; on the evaluation half, once, with codes T2 −0.0036 →
    /// −0.0024 but T3/T4 1.567×/1.551× → 1.527×/1.518× and text + model T4 1.268× → 1.255× (docs/benchmarks.md, 2026-12-05).
    /// </summary>
    public int PredictedDisciplineShortTextFlattening { get; init; }

    /// <summary>
    /// Damping of a predicted field its query's best text matches disagree with (issue 12, match16; 0 = off): the predicted
    /// field's weight is multiplied by 1 − this × the vote disagreement (1 − how much of the classifier's field the codes of
    /// the best text matches, <see cref="CodeFeedbackDocuments"/>, hold, each credited by its relation). Why: on four tuning
    /// splits, keyword lists the classifier reads as another 门类 than their paper's (23 % of the T4 queries) carry two
    /// thirds of text + model T4's losses to the best BM25 baseline, and there the field ranks below the text alone; the
    /// best text matches are the one evidence at query time that the reading is wrong (docs/benchmarks.md, match16).
    /// Ranking only: the confidence reads the field agreement without the query's weight scale. Off: on four tuning splits
    /// it lifted the wrongly read queries but the best text matches' guessed fields disagree with right readings as often,
    /// so text + model T4 fell 1.295× → 1.248× at 0.5 (with codes T3 under 1.50×), and match13's rule kept the default.
    /// </summary>
    public double PredictedDisciplineDisagreementDamping { get; init; }

    /// <summary>
    /// The predicted field's weight is multiplied by this when the heaviest first-level group (门类) of the best text
    /// matches' code vote is not the group of the classifier's first code (issue 12, match16; 1 = off): the 门类-level form
    /// of <see cref="PredictedDisciplineDisagreementDamping"/>, acting only where the reading and the text disagree on the
    /// 门类, the case that holds most of the field's losses. Ranking only. Off: at 0.5, on four tuning splits, text + model
    /// T4 1.295× → 1.256× and with codes T3 1.555× → 1.483× for with-codes T2 +0.0009 (docs/benchmarks.md, match16).
    /// </summary>
    public double PredictedDisciplineGroupDisagreementScale { get; init; } = 1.0;

    /// <summary>The sureness from which a short text's predicted field keeps its full weight (<see cref="PredictedDisciplineShortTextFlattening"/>).</summary>
    public double PredictedDisciplineConfidentAt { get; init; } = 0.5;

    /// <summary>The predicted-discipline signal is multiplied by <c>(1 − m)^this</c>, m being how far the
    /// best text match leads the second (share of its text score): when one document clearly answers the
    /// query the guessed field matters less; when the text ranking is flat it decides more (0 = off).</summary>
    public double PredictedDisciplineMarginDamping { get; init; }

    /// <summary>
    /// When the query's disciplines are predicted (not given) and the best text match leads the second by at
    /// least this share of its score, it stays first whatever the predicted field says: a near-exact text match
    /// (a need pasted from an offer, a keyword list copied from a paper) is stronger evidence than a guessed
    /// field. It must lead by a real margin (default a quarter of its text score) and hold at least
    /// <see cref="PredictedLeaderMinCoverage"/> of the query: a small lead of a partial match is no evidence against
    /// the field. 0: the best text match stays first whenever it leads at all; 1 or more: off.
    /// </summary>
    public double PredictedLeaderMargin { get; init; } = 0.25;

    /// <summary>
    /// The lead <see cref="PredictedLeaderMargin"/> asks for is multiplied by how sure the predicted field is (its first
    /// code's share of the classifier's unsharpened probabilities mixed with the text matches' code vote): a guess at
    /// 30 % is overruled by a 7.5 % lead, a sure one (90 %) needs 22.5 %. Without it an unsure guess pushed a query's
    /// own abstract, a clear but not overwhelming text leader, under a document of the guessed field (T2, found on the
    /// training half: `Kexie.Bench matching --split inner`; docs/benchmarks.md).
    /// </summary>
    public bool PredictedLeaderMarginBySureness { get; init; } = true;

    /// <summary>
    /// The best text match is kept first against a predicted field (<see cref="PredictedLeaderMargin"/>) only when it
    /// also holds at least this share of the query's term weight: a one-word match is no evidence against two
    /// documents of the right field, however far it leads the second text match.
    /// </summary>
    public double PredictedLeaderMinCoverage { get; init; } = 0.5;

    /// <summary>
    /// The predicted field reorders the best text match only within a band: when it is not kept first (its lead over the
    /// second text match is under the margin, or it holds less than <see cref="PredictedLeaderMinCoverage"/> of the
    /// query) but holds at least <see cref="PredictedLeaderBandMinCoverage"/>, it still stays above every candidate whose
    /// text score it leads by the margin (<see cref="PredictedLeaderMargin"/> × the field's sureness). Why: a paper's title
    /// asked for its own abstract (T2) — a partial match, 30–47 % of the title's term weight, text 0.45–0.76 — fell under
    /// documents of the guessed field with half its text score (0.24–0.55), because the second text match was close to it
    /// and the old rule then protected it against nothing (found on the tuning split, docs/benchmarks.md).
    /// </summary>
    /// <remarks>Off by default: it did not hold on the evaluation half (see <see cref="PredictedDocumentDisciplineCodes"/>).</remarks>
    public bool PredictedLeaderBand { get; init; }

    /// <summary>
    /// Text dominance (0 = off): against a predicted field, no candidate is ranked above a word match whose text score is
    /// at least this many times its own (2: the field may reorder candidates whose text scores are within a factor of two,
    /// never lift a weak match over one that holds twice as much of the query's own words). Applied while the list is
    /// built: each place goes to the best final score among the candidates that no remaining candidate dominates; a
    /// candidate placed above one of higher final score is raised to it (its own contribution, as for the text leader).
    /// Why: with codes, documents of a guessed field passed a title's own abstract — the best text match, 28–43 % of the
    /// title's words, text 0.36–0.56 — with half its text score or less (3 of the 14 with-codes T2 falls of the tuning
    /// split; in the other 11 the passers' text is within a factor of two). Off: with <see cref="TextDominanceLeaderOnly"/>
    /// it brings those three back, but on the evaluation half, measured once, with codes T2 −0.0036 → −0.0034 (interval
    /// still below 0), T3/T4 1.567×/1.551× → 1.530×/1.517×, need-shaped nDCG@10 0.642 → 0.614; protecting every word match
    /// costs T3/T4 with codes 0.27–0.31× on the tuning split (docs/benchmarks.md, 2026-12-05).
    /// </summary>
    public double TextDominanceRatio { get; init; }

    /// <summary>Text dominance (<see cref="TextDominanceRatio"/>) protects only the best text match, not every word match.</summary>
    public bool TextDominanceLeaderOnly { get; init; }

    /// <summary>Text dominance (<see cref="TextDominanceRatio"/>) leaves the candidates that share no word with the query
    /// (<see cref="FieldOnlyCandidates"/>) to their final score: only word matches are ordered by it.</summary>
    public bool TextDominanceFieldOnlyExempt { get; init; }

    /// <summary>Least share of the query's term weight the best text match holds for <see cref="PredictedLeaderBand"/>
    /// (0.3 / 0.4 / 0.5 tried on the tuning split; the review's one-word match at 27 % stays unprotected).</summary>
    public double PredictedLeaderBandMinCoverage { get; init; } = 0.3;

    /// <summary>
    /// When fewer than the requested number of candidates carry one of the query's discipline codes (given or
    /// predicted), documents with that code that share no word with the query are added after the text matches,
    /// and the discipline signal ranks them: a need worded differently from the offers, or a county's small
    /// market, still finds the right field. Measured on CSL (docs/benchmarks.md).
    /// </summary>
    public bool FieldOnlyCandidates { get; init; } = true;

    /// <summary>Weight of industry-code agreement (GB/T 4754 hierarchy): as strong as the discipline's, since an
    /// enterprise's need is often known by its industry first. A query's industry names are also read by the
    /// discipline predictor (滚动轴承制造 → 机械工程).</summary>
    public double IndustryWeight { get; init; } = 0.35;

    /// <summary>Credit for codes that are the same / share the second level / share the top level.</summary>
    public double SameCodeCredit { get; init; } = 1.0;

    /// <inheritdoc cref="SameCodeCredit"/>
    public double SameGroupCredit { get; init; } = 0.6;

    /// <inheritdoc cref="SameCodeCredit"/>
    public double SameDivisionCredit { get; init; } = 0.5;

    /// <summary>Weight of region proximity; credits: same county 1.0, same city 0.6, same province 0.3, elsewhere 0.</summary>
    public double RegionWeight { get; init; } = 0.15;

    /// <summary>Credit for the same city (county = 1.0).</summary>
    public double SameCityCredit { get; init; } = 0.6;

    /// <summary>Credit for the same province.</summary>
    public double SameProvinceCredit { get; init; } = 0.3;

    /// <summary>Weight of budget vs price: +weight when the price fits the budget, down to −weight at twice the budget.</summary>
    public double BudgetWeight { get; init; } = 0.1;

    /// <summary>Weight of recency: weight × 0.5^(age / half-life).</summary>
    public double RecencyWeight { get; init; } = 0.05;

    /// <summary>Half-life of the recency signal.</summary>
    public TimeSpan RecencyHalfLife { get; init; } = TimeSpan.FromDays(180);

    /// <summary>Weight of the provider's track record (half deals done on a log scale, half rating).</summary>
    public double TrackRecordWeight { get; init; } = 0.08;

    /// <summary>Deals done that earn the full deals half of the track-record credit.</summary>
    public int DealsForFullCredit { get; init; } = 50;

    /// <summary>Candidates (by text score) that are re-ranked with the structured signals.</summary>
    public int RerankDepth { get; init; } = 1000;

    /// <summary>A similar need whose text covers at least this share of the query's term weight is flagged as a likely duplicate.</summary>
    public double DuplicateCoverage { get; init; } = 0.75;

    /// <summary>Chinese names of discipline codes (GB/T 13745), used by the explanations; a code without a name is
    /// not shown (explanations never show raw codes).</summary>
    public IReadOnlyDictionary<string, string> DisciplineNames { get; init; } = new Dictionary<string, string>();

    /// <summary>Chinese names of industry codes (GB/T 4754), used by the explanations.</summary>
    public IReadOnlyDictionary<string, string> IndustryNames { get; init; } = new Dictionary<string, string>();

    // ---- Abstention ---------------------------------------------------------------------------

    /// <summary>
    /// Confidence that a candidate is a good match: <c>σ(b0 + b1·field + b2·coverage + b3·text + b4·[no shared term] +
    /// b5·fieldMiss + b6·unknownTerms + b7·uncertainty + b8·voteDisagreement + [given]·(b9 + b10·fieldMiss))</c> over its
    /// <see cref="ConfidenceInputs"/>:
    /// field is how well its discipline or industry agrees with the query's (0–1; a predicted field counts with the
    /// classifier's own probability), coverage the share of the query's real term weight it holds, text its normalised
    /// text score (capped at 2), [no shared term] 1 when it holds none of the query's real terms, fieldMiss how sure the
    /// classifier is of a field the candidate lacks; the last three are the query's: the share of its term weight no
    /// document holds, the classifier's uncertainty, how little the best text matches are of the classifier's field, and
    /// whether the query gives its field (its codes). Fitted by <c>Kexie.Bench abstain --fit-removed --fit-given
    /// --ridge 0.001</c> (logistic regression with a small L2 penalty on the training half of the dev file: the top 10
    /// of 698 title queries, once with the field predicted and once giving their discipline, plus the top 1 of those
    /// queries with their 门类 removed from the corpus, labelled wrong; 15,297 samples; refitted 2026-12-05 after the
    /// keyword-unit weights and the reliability-scaled code vote) and measured on the
    /// other half (docs/benchmarks.md).
    /// </summary>
    public double ConfidenceIntercept { get; init; } = 0.235;

    /// <inheritdoc cref="ConfidenceIntercept"/>
    public double ConfidenceField { get; init; } = 1.717;

    /// <inheritdoc cref="ConfidenceIntercept"/>
    public double ConfidenceCoverage { get; init; } = 0.154;

    /// <inheritdoc cref="ConfidenceIntercept"/>
    public double ConfidenceText { get; init; } = 0.166;

    /// <summary>Added to the confidence's logit when the candidate holds none of the query's real terms (coverage 0:
    /// a field-only candidate). Fitted, see <see cref="ConfidenceIntercept"/>.</summary>
    public double ConfidenceNoSharedTerm { get; init; } = 0.018;

    /// <summary>Weight of the field miss (<see cref="ConfidenceInputs.FieldMiss"/>) in the confidence's logit. Fitted,
    /// see <see cref="ConfidenceIntercept"/>.</summary>
    public double ConfidenceFieldMiss { get; init; } = -3.551;

    /// <summary>Weight of the unknown terms (<see cref="ConfidenceInputs.UnknownTerms"/>) in the confidence's logit.
    /// Fitted, see <see cref="ConfidenceIntercept"/>.</summary>
    public double ConfidenceUnknownTerms { get; init; } = -0.118;

    /// <summary>Weight of the classifier's uncertainty (<see cref="ConfidenceInputs.Uncertainty"/>) in the confidence's
    /// logit. Fitted, see <see cref="ConfidenceIntercept"/>.</summary>
    public double ConfidenceUncertainty { get; init; } = -1.449;

    /// <summary>Weight of the vote disagreement (<see cref="ConfidenceInputs.VoteDisagreement"/>) in the confidence's
    /// logit. Fitted, see <see cref="ConfidenceIntercept"/>.</summary>
    public double ConfidenceVoteDisagreement { get; init; } = -0.764;

    /// <summary>Added to the confidence's logit when the query gives its field (<see cref="ConfidenceInputs.Given"/>).
    /// Fitted, see <see cref="ConfidenceIntercept"/>.</summary>
    public double ConfidenceGiven { get; init; } = 1.226;

    /// <summary>Added weight of the field miss when the query gives its field (<see cref="ConfidenceInputs.Given"/>):
    /// a candidate outside a field the query states is further from a good match than one outside a guessed field.
    /// Fitted, see <see cref="ConfidenceIntercept"/>.</summary>
    public double ConfidenceGivenFieldMiss { get; init; } = -5.554;

    /// <summary>A candidate whose confidence is below this is not a good match (<see cref="MatchResult.IsGoodMatch"/>):
    /// shown as "可能相关" at most, never notified. Fitted with a margin: the value that keeps 95 % of the training
    /// half's right-discipline top-1 results of the title queries (the target is 90 %), not tuned on the evaluation half.</summary>
    public double ConfidenceThreshold { get; init; } = 0.122;

    /// <summary>
    /// A learned re-ranker over the first <see cref="Ranking.LearnedReranker.Depth"/> candidates of the hand-weighted
    /// ranking (issue 12): it adds Σ wⱼ·fⱼ over features of the score's components (text and its rank and lead,
    /// coverage, field agreement and how sure the query's field is, industry, field-only, query length) to each
    /// candidate's final score; the addition is its own contribution in the explanation ("学习排序"), so the order and
    /// the scores shown agree, and the text leader's lift is decided after it. Applied only where it was trained: queries
    /// whose field is predicted (a query that gives its codes, a ranking without any field and similar-need searches
    /// keep the hand-weighted order). Trained on the training file only
    /// (`Kexie.Bench rerank-train`). Null (the default): off, the ranking is the hand-weighted one exactly.
    /// </summary>
    public Ranking.LearnedReranker? Reranker { get; init; }

    /// <summary>Hierarchy of discipline codes.</summary>
    public CodeHierarchy DisciplineHierarchy { get; init; } = CodeHierarchy.Gbt13745Discipline;

    /// <summary>Hierarchy of industry codes.</summary>
    public CodeHierarchy IndustryHierarchy { get; init; } = CodeHierarchy.Gbt4754Industry;

    /// <summary>Clock for the recency signal.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Credit of a code relation.</summary>
    public double Credit(CodeRelation relation) => relation switch
    {
        CodeRelation.Same => SameCodeCredit,
        CodeRelation.SameGroup => SameGroupCredit,
        CodeRelation.SameDivision => SameDivisionCredit,
        _ => 0,
    };

    /// <summary>Credit of a region relation.</summary>
    public double Credit(RegionRelation relation) => relation switch
    {
        RegionRelation.SameCounty => 1.0,
        RegionRelation.SameCity => SameCityCredit,
        RegionRelation.SameProvince => SameProvinceCredit,
        _ => 0,
    };
}
