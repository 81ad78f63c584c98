using System.Diagnostics;
using Kexie.Matching;
using Kexie.Matching.Analysis;
using Kexie.Matching.Classification;
using Kexie.Matching.Data;

namespace Kexie.Bench;

internal enum BenchTask
{
    T1KeywordsToAbstract,
    T2TitleToAbstract,
    T3TitleToField,
    T4KeywordsToField,
}

/// <summary>Figures of one system on the four tasks.</summary>
internal sealed class SystemScores
{
    public SystemScores(string name)
    {
        Name = name;
        foreach (var t in Enum.GetValues<BenchTask>())
        {
            Tasks[t] = new TaskScore();
        }
    }

    public string Name { get; }

    public Dictionary<BenchTask, TaskScore> Tasks { get; } = [];
}

/// <summary>
/// T1–T4 on CSL records: corpus = the eval records' abstracts; queries = their keywords/titles.
/// Learned parts (classifier, keyword dictionary) only ever see training records: the --train file,
/// or in k-fold mode the other folds of the same file.
/// </summary>
internal sealed class QualityBench
{
    private readonly List<CslRecord> corpus;
    private readonly List<CslRecord>? train;
    private readonly int folds;
    private readonly string dataDir;
    private readonly Dictionary<string, string> disciplineCodes;
    private readonly TextWriter output;

    public QualityBench(List<CslRecord> corpus, List<CslRecord>? train, int folds, string dataDir, TextWriter output)
    {
        this.corpus = corpus;
        this.train = train;
        this.folds = folds;
        this.dataDir = dataDir;
        this.output = output;
        disciplineCodes = CslCodes.Build(corpus.Concat(train ?? []));
    }

    public List<SystemScores> Results { get; } = [];

    /// <summary>Per T2 query: the own abstract's rank and the query's field certainty (KEXIE_T2_DIAG=file).</summary>
    private static readonly TextWriter? Diagnosis = Environment.GetEnvironmentVariable("KEXIE_T2_DIAG") is { Length: > 0 } path ? new StreamWriter(path) { AutoFlush = true } : null;

    /// <summary>
    /// T2 queries whose own abstract the field part pushes down (from a place in the text-only top 10) (KEXIE_T2_DISPLACED=file): per query, the own
    /// abstract's rank text only / text + model / with codes (up to 50, else 99), its score parts, and every document
    /// ranked above it with codes, with theirs (text, field, lift). Written for the with-codes and text + model settings.
    /// </summary>
    private static readonly TextWriter? Displaced = Environment.GetEnvironmentVariable("KEXIE_T2_DISPLACED") is { Length: > 0 } displacedPath ? new StreamWriter(displacedPath) { AutoFlush = true } : null;

    /// <summary>
    /// With codes against text + model, per T2 query (KEXIE_T2_CODES_VS_MODEL=file, tab-separated): a "Q" line with the
    /// own abstract's rank in each (top 50, else 99), its parts in each, the classifier's first reading of the title and
    /// the record's code; a "D" line for every document that passes the own abstract with codes but was below it in text
    /// + model (the displacers), with its parts and how its code relates to the query's first predicted code. Parts:
    /// text, field (given + predicted discipline), lift (text leader), other, coverage.
    /// </summary>
    private static readonly TextWriter? CodesVsModel = Environment.GetEnvironmentVariable("KEXIE_T2_CODES_VS_MODEL") is { Length: > 0 } cvmPath ? new StreamWriter(cvmPath) { AutoFlush = true } : null;

    /// <summary>
    /// T4 (keywords → field) in text + model, per query (KEXIE_T4_DIAG=file, tab-separated; match16): split, record id, the
    /// classifier's first reading of the keywords (code, probability, relation to the record's code: same / division /
    /// none), the probability of its second code, the record's code, nDCG@10, the number of keywords, an "R|…" field (the
    /// rank of the record's discipline and of its 门类 in the reading, 0 = absent; the reading's mass on the record's 门类 and
    /// on the first code's 门类), then for each of the top 10: grade (2 same discipline, 1 same 门类, 0 other),
    /// text part, field part (predicted discipline), lift, whether it holds feedback terms, and the relation of the
    /// document's likeliest field (read from its abstract by the same classifier) to the reading.
    /// </summary>
    private static readonly TextWriter? T4Diagnosis = Environment.GetEnvironmentVariable("KEXIE_T4_DIAG") is { Length: > 0 } t4Path ? new StreamWriter(t4Path) { AutoFlush = true } : null;

    /// <summary>Per query: the text + model T2 results (top 50) for <see cref="CodesVsModel"/>.</summary>
    private readonly Dictionary<int, IReadOnlyList<MatchResult>> modelDeep = [];

    /// <summary>Per query: the own abstract's T2 rank in the text-only setting (for <see cref="Displaced"/>).</summary>
    private readonly Dictionary<int, int> textOnlyRank = [];

    /// <summary>Per query and task: system, task, query index, nDCG@10 (KEXIE_QUERY_DIAG=file), for comparing systems query by query.</summary>
    private static readonly TextWriter? QueryDiagnosis = Environment.GetEnvironmentVariable("KEXIE_QUERY_DIAG") is { Length: > 0 } queryPath ? new StreamWriter(queryPath) { AutoFlush = true } : null;

    public List<string> Notes { get; } = [];

    public (double Top1Title, double Top3Title, double Top1Keywords, double Top1Full, double Top3Full, int Count) Classifier { get; private set; }

    public string[] Settings { get; init; } = ["text", "model", "codes"];

    /// <summary>Titles labelled only with a category (CSL cls_ctg train), used by the classifier as group examples.</summary>
    public IReadOnlyList<CslRecord> CategoryTitles { get; init; } = [];

    /// <summary>
    /// Candidate settings (`tune`): name and `--set` overrides, each run on the same trained classifier and analyzer, one
    /// after another (the overrides replace each other). Null: the one setting of <see cref="Overrides"/>.
    /// </summary>
    public IReadOnlyList<(string Name, string? Set)>? Variants { get; init; }

    /// <summary>`tune`'s per-query output: system, task, split, record id, nDCG@10 (the record id pools the splits).</summary>
    internal static TextWriter? TuneOut { get; set; }

    /// <summary>The split written with each <see cref="TuneOut"/> line.</summary>
    internal static string TuneSplit { get; set; } = "";

    public void Run(string[] baselines, bool runEngine)
    {
        foreach (var name in baselines)
        {
            var sw = Stopwatch.StartNew();
            using var lucene = new LuceneRetriever(name, corpus.Select(r => r.Abstract));
            var scores = new SystemScores($"Lucene BM25 + {name}");
            for (var q = 0; q < corpus.Count; q++)
            {
                var r = corpus[q];
                var keywords = string.Join(' ', r.Keywords);
                Record(scores, BenchTask.T1KeywordsToAbstract, q, lucene.Search(keywords, 10));
                Record(scores, BenchTask.T2TitleToAbstract, q, lucene.Search(r.Title, 10));
                Record(scores, BenchTask.T3TitleToField, q, lucene.Search(r.Title, 10, exclude: q));
                Record(scores, BenchTask.T4KeywordsToField, q, lucene.Search(keywords, 10, exclude: q));
            }
            Results.Add(scores);
            output.WriteLine($"  baseline {name}: {sw.Elapsed.TotalSeconds:F1} s");
        }
        if (!runEngine)
        {
            return;
        }

        var textOnly = new SystemScores("Kexie engine, text only");
        var textModel = new SystemScores("Kexie engine, text only + discipline model (documents without codes; the engine predicts both sides' fields)");
        var withCodes = new SystemScores("Kexie engine, with codes (documents carry their discipline)");
        var classifierHits = new double[5];
        var classifierCount = 0;
        var taxonomy = DomainVocabulary.TaxonomyTerms(dataDir);

        foreach (var (trainRecords, queryIndexes, label) in Splits())
        {
            var sw = Stopwatch.StartNew();
            var analyzer = new ChineseAnalyzer(taxonomy.Concat(DomainVocabulary.Keywords(trainRecords)));
            var needsModel = Settings.Contains("model") || Settings.Contains("codes");
            var classifier = needsModel ? DisciplineClassifier.Train(trainRecords.SelectMany(r => r.TrainingExamples(disciplineCodes[r.Discipline])), CategoryTexts(), CategoryOfCodes(), analyzer, ClassifierBench.Current) : null;
            var trainSeconds = sw.Elapsed.TotalSeconds;
            var firstVariant = true;
            foreach (var (variantName, variantSet) in Variants ?? [(null!, null)])
            {
                if (variantName is not null)
                {
                    Overrides.Replace(variantSet);
                }
                var (textOnlyScores, textModelScores, withCodesScores) = variantName is null ? (textOnly, textModel, withCodes) : VariantScores(variantName);
                // As the web app does: the platform's place names never count as matched terms.
                var options = BenchOptions() with { IgnoredTerms = DomainVocabulary.PlaceNames(dataDir) };

                var plain = new MatchIndex(analyzer, options with { CodeFeedbackDocuments = 0 });
                if (Settings.Contains("text"))
                {
                    plain.Rebuild(corpus.Select((r, i) => ToDocument(r, i, withCode: false)));
                }
                var modelIndex = new MatchIndex(analyzer, options, classifier);
                if (Settings.Contains("model"))
                {
                    // Documents come without codes: the engine predicts each one's discipline from its text (MatchOptions.PredictDocumentDisciplines).
                    modelIndex.Rebuild(corpus.Select((r, i) => ToDocument(r, i, withCode: false)));
                }
                var coded = new MatchIndex(analyzer, options, classifier);
                if (Settings.Contains("codes"))
                {
                    coded.Rebuild(corpus.Select((r, i) => ToDocument(r, i, withCode: true)));
                }

                foreach (var q in queryIndexes)
                {
                    if (Settings.Contains("text"))
                    {
                        RunEngine(plain, textOnlyScores, q);
                    }
                    if (Settings.Contains("model"))
                    {
                        RunEngine(modelIndex, textModelScores, q);
                    }
                    if (Settings.Contains("codes"))
                    {
                        RunEngine(coded, withCodesScores, q);
                    }

                    if (classifier is null || !firstVariant)
                    {
                        continue;
                    }
                    var r = corpus[q];
                    var expected = disciplineCodes[r.Discipline];
                    var byTitle = classifier.Suggest(r.Title, 3);
                    var byKeywords = classifier.Suggest(string.Join(' ', r.Keywords), 1);
                    var byFull = classifier.Suggest($"{r.Title} {string.Join(' ', r.Keywords)} {r.Abstract}", 3);
                    classifierHits[0] += byTitle.Count > 0 && byTitle[0].Code == expected ? 1 : 0;
                    classifierHits[1] += byTitle.Any(s => s.Code == expected) ? 1 : 0;
                    classifierHits[2] += byKeywords.Count > 0 && byKeywords[0].Code == expected ? 1 : 0;
                    classifierHits[3] += byFull.Count > 0 && byFull[0].Code == expected ? 1 : 0;
                    classifierHits[4] += byFull.Any(s => s.Code == expected) ? 1 : 0;
                    classifierCount++;
                }
                output.WriteLine($"  engine {label}{(variantName is null ? "" : $" [{variantName}]")}: train {trainSeconds:F1} s, total {sw.Elapsed.TotalSeconds:F1} s, {queryIndexes.Count} queries");
                foreach (var (name, index) in new[] { ("text only", plain), ("text + model", modelIndex), ("with codes", coded) })
                {
                    var stats = index.GetStatistics();
                    if (stats.Documents > 0)
                    {
                        output.WriteLine($"  index {name}: {stats.Documents:N0} documents, {stats.Terms:N0} terms, {stats.PostingBytes:N0} posting bytes (character backstop {(options.CharacterBackstop ? "on" : "off")}, weak-term backstop {(options.WeakTermBackstop ? "on" : "off")})");
                    }
                }
                foreach (var (name, count) in backstopQueries)
                {
                    output.WriteLine($"  {name}: backstop candidates in {count.Queries:N0} of {queryIndexes.Count:N0} title queries (T2), in {count.Top1:N0} the first result");
                }
                firstVariant = false;
            }
        }
        foreach (var (t, m, c) in Variants is null ? [(textOnly, textModel, withCodes)] : Variants.Select(v => VariantScores(v.Name)).ToList())
        {
            if (Settings.Contains("text"))
            {
                Results.Add(t);
            }
            if (Settings.Contains("model"))
            {
                Results.Add(m);
            }
            if (Settings.Contains("codes"))
            {
                Results.Add(c);
            }
        }
        Classifier = classifierCount == 0 ? default : (classifierHits[0] / classifierCount, classifierHits[1] / classifierCount, classifierHits[2] / classifierCount,
            classifierHits[3] / classifierCount, classifierHits[4] / classifierCount, classifierCount);
    }

    private readonly Dictionary<string, (SystemScores Text, SystemScores Model, SystemScores Codes)> variantScores = new(StringComparer.Ordinal);

    /// <summary>One candidate's three systems (`tune`), named "candidate · setting".</summary>
    private (SystemScores Text, SystemScores Model, SystemScores Codes) VariantScores(string name)
    {
        if (!variantScores.TryGetValue(name, out var scores))
        {
            variantScores[name] = scores = (new SystemScores($"{name} · text only"), new SystemScores($"{name} · text + model"), new SystemScores($"{name} · with codes"));
        }
        return scores;
    }

    /// <summary>Weights used by the benchmark: the defaults, with the CSL code hierarchy (category → discipline).</summary>
    internal static MatchOptions BenchOptions() => Overrides.Apply(new MatchOptions
    {
        DisciplineHierarchy = CslCodes.Hierarchy,
    });

    /// <summary>
    /// The category-only titles, minus any title that also occurs in the corpus or the training records, so no
    /// query's own record reaches the model this way (the CSL splits share a few dozen titles).
    /// </summary>
    private IEnumerable<LabeledText> CategoryTexts()
    {
        var known = corpus.Concat(train ?? []).Select(r => TextNormalizer.Normalize(r.Title).Trim()).ToHashSet(StringComparer.Ordinal);
        return CategoryTitles.Where(r => !known.Contains(TextNormalizer.Normalize(r.Title).Trim()))
            .Select(r => new LabeledText(r.Title, r.Category));
    }

    /// <summary>Each discipline code's category, the group of the classifier's category-only examples.</summary>
    private Dictionary<string, string> CategoryOfCodes()
    {
        var categories = corpus.Concat(train ?? []).GroupBy(r => r.Discipline).ToDictionary(g => g.Key, g => g.First().Category, StringComparer.Ordinal);
        return disciplineCodes.ToDictionary(kv => kv.Value, kv => categories[kv.Key], StringComparer.Ordinal);
    }

    private IEnumerable<(List<CslRecord> Train, List<int> Queries, string Label)> Splits()
    {
        if (train is not null)
        {
            yield return (train, Enumerable.Range(0, corpus.Count).ToList(), "train→eval");
            yield break;
        }
        var order = Enumerable.Range(0, corpus.Count).ToArray();
        new Random(4).Shuffle(order);
        for (var f = 0; f < folds; f++)
        {
            var queries = order.Where((_, i) => i % folds == f).Order().ToList();
            var querySet = queries.ToHashSet();
            var trainRecords = corpus.Where((_, i) => !querySet.Contains(i)).ToList();
            yield return (trainRecords, queries, $"fold {f + 1}/{folds}");
        }
    }

    private MatchDocument ToDocument(CslRecord r, int index, bool withCode) => new()
    {
        Id = index.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Kind = DocumentKind.Offer,
        Body = r.Abstract,
        DisciplineCodes = withCode ? [disciplineCodes[r.Discipline]] : [],
    };

    /// <summary>Per system: T2 queries with a (character or weak-term) backstop candidate among their results, and with one first.</summary>
    private readonly Dictionary<string, (int Queries, int Top1)> backstopQueries = [];

    /// <summary>
    /// The learned re-ranker's training data (KEXIE_RERANK_DUMP=file): per engine setting with a model, task and query,
    /// the first 50 candidates of the hand-weighted ranking with their inputs and grade (T1/T2: 1 for the own abstract;
    /// T3/T4: 2 same discipline, 1 same 门类, 0 other). Read by `rerank-train`.
    /// </summary>
    private static readonly TextWriter? RerankDump = Environment.GetEnvironmentVariable("KEXIE_RERANK_DUMP") is { Length: > 0 } rerankPath ? new StreamWriter(rerankPath) { AutoFlush = false } : null;

    internal static void FlushRerankDump() => RerankDump?.Flush();

    private IReadOnlyList<MatchResult> Search(MatchIndex index, SystemScores scores, BenchTask task, int q, MatchQuery query)
    {
        var capture = RerankDump is not null && index.DisciplinePredictor is not null ? new List<(string Id, Kexie.Matching.Ranking.RerankInputs Inputs)>() : null;
        Kexie.Matching.Ranking.RerankCapture.Current = capture;
        try
        {
            return index.Search(query);
        }
        finally
        {
            Kexie.Matching.Ranking.RerankCapture.Current = null;
            if (capture is not null)
            {
                var setting = scores.Name.Contains("with codes", StringComparison.Ordinal) ? "codes" : "model";
                var query0 = corpus[q];
                foreach (var (id, x) in capture)
                {
                    var d = int.Parse(id, System.Globalization.CultureInfo.InvariantCulture);
                    var grade = task is BenchTask.T1KeywordsToAbstract or BenchTask.T2TitleToAbstract ? (d == q ? 1 : 0) : Grade(query0, corpus[d]);
                    RerankDump!.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"{setting}\t{task}\t{q}\t{d}\t{grade}\t{x.Final:R}\t{x.Text:R}\t{x.LeaderText:R}\t{x.TextRank}\t{x.FinalRank}\t{x.Coverage:R}\t{x.Field:R}\t{x.Industry:R}\t{(x.FieldOnly ? 1 : 0)}\t{(x.DocumentFieldPredicted ? 1 : 0)}\t{(x.Predicted ? 1 : 0)}\t{x.Sureness:R}\t{x.Uncertainty:R}\t{x.VoteDisagreement:R}\t{x.QueryTerms}"));
                }
            }
        }
    }

    private void RunEngine(MatchIndex index, SystemScores scores, int q)
    {
        var r = corpus[q];
        var self = q.ToString(System.Globalization.CultureInfo.InvariantCulture);
        List<int> Run(BenchTask task, MatchQuery query) => [.. Search(index, scores, task, q, query with { Top = 10 }).Select(m => int.Parse(m.Id, System.Globalization.CultureInfo.InvariantCulture))];
        Record(scores, BenchTask.T1KeywordsToAbstract, q, Run(BenchTask.T1KeywordsToAbstract, new MatchQuery { Keywords = r.Keywords }));
        var t2 = Search(index, scores, BenchTask.T2TitleToAbstract, q, new MatchQuery { Title = r.Title, Top = 10 });
        Record(scores, BenchTask.T2TitleToAbstract, q, [.. t2.Select(m => int.Parse(m.Id, System.Globalization.CultureInfo.InvariantCulture))]);
        if (index.Options.CharacterBackstop || index.Options.WeakTermBackstop)
        {
            static bool Backstop(MatchResult m) => m.Explanation.Contributions.Any(c => c.Signal == MatchSignal.Text && c.Detail.Contains("部分字相同", StringComparison.Ordinal));
            var seen = backstopQueries.GetValueOrDefault(scores.Name[..Math.Min(30, scores.Name.Length)]);
            if (t2.Any(Backstop))
            {
                backstopQueries[scores.Name[..Math.Min(30, scores.Name.Length)]] = (seen.Queries + 1, seen.Top1 + (Backstop(t2[0]) ? 1 : 0));
            }
        }
        if (Diagnosis is not null)
        {
            var own = t2.FirstOrDefault(m => m.Id == self);
            var inputs = t2.Count > 0 ? t2[0].ConfidenceInputs : null;
            Diagnosis.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{scores.Name[..Math.Min(30, scores.Name.Length)]}\t{q}\t{own?.Rank ?? 99}\t{inputs?.Uncertainty:F3}\t{inputs?.VoteDisagreement:F3}\t{own?.Explanation.Contributions.Sum(c => c.Signal == MatchSignal.PredictedDiscipline ? c.Score : 0):F3}\t{(t2.Count > 0 ? t2[0].Explanation.Contributions.Sum(c => c.Signal == MatchSignal.PredictedDiscipline ? c.Score : 0) : 0):F3}\t{(own is null ? 0 : own.Score):F3}\t{(t2.Count > 0 ? t2[0].Score : 0):F3}\t{(t2.Count > 0 && t2[0].Id == self ? 1 : 0)}\t{own?.Coverage:F3}\t{TextOf(own):F3}\t{(t2.Count > 0 ? t2[0].Coverage : 0):F3}\t{TextOf(t2.Count > 0 ? t2[0] : null):F3}"));
        }
        if (Displaced is not null)
        {
            WriteDisplaced(index, scores, q);
        }
        if (CodesVsModel is not null && index.DisciplinePredictor is not null)
        {
            WriteCodesVsModel(index, scores, q);
        }
        Record(scores, BenchTask.T3TitleToField, q, Run(BenchTask.T3TitleToField, new MatchQuery { Title = r.Title, ExcludeIds = [self] }));
        Record(scores, BenchTask.T4KeywordsToField, q, Run(BenchTask.T4KeywordsToField, new MatchQuery { Keywords = r.Keywords, ExcludeIds = [self] }));
        if (T4Diagnosis is not null && index.DisciplinePredictor is not null && scores.Name.Contains("text + model", StringComparison.Ordinal))
        {
            WriteT4(index, q);
        }
    }

    private readonly Dictionary<int, string> documentReading = [];

    private void WriteT4(MatchIndex index, int q)
    {
        var r = corpus[q];
        var self = q.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var top = index.Search(new MatchQuery { Keywords = r.Keywords, ExcludeIds = [self], Top = 10 });
        var keywords = string.Join(' ', r.Keywords);
        var reading = index.DisciplinePredictor!.Predict(keywords, index.Analyzer.Analyze(keywords), int.MaxValue);
        var first = reading.Count > 0 ? reading[0] : null;
        var code = disciplineCodes[r.Discipline];
        static string Relation(string? a, string b) => a is null ? "-" : a == b ? "same" : a[..2] == b[..2] ? "division" : "none";
        var g = top.Select(m => int.Parse(m.Id, inv)).Where(i => i != q).Take(10).Select(i => Grade(r, corpus[i])).ToList();
        var line = new System.Text.StringBuilder(string.Create(inv,
            $"{TuneSplit}\t{r.Id}\t{first?.Code}\t{first?.Probability:F3}\t{Relation(first?.Code, code)}\t{(reading.Count > 1 ? reading[1].Probability : 0):F3}\t{code}\t{Metrics.Ndcg(g, IdealGains(q)):F4}\t{r.Keywords.Count}"));
        // Where the record's discipline and its 门类 stand in the reading: rank (1-based, 0 = absent) and probability mass.
        var codeRank = reading.Select((s, i) => (s, i)).Where(x => x.s.Code == code).Select(x => x.i + 1).FirstOrDefault();
        var groupRank = reading.Select(s => s.Code[..2]).Distinct().Select((g, i) => (g, i)).Where(x => x.g == code[..2]).Select(x => x.i + 1).FirstOrDefault();
        var groupMass = reading.Where(s => s.Code[..2] == code[..2]).Sum(s => s.Probability);
        var firstGroupMass = first is null ? 0 : reading.Where(s => s.Code[..2] == first.Code[..2]).Sum(s => s.Probability);
        line.Append(string.Create(inv, $"\tR|{codeRank}|{groupRank}|{groupMass:F3}|{firstGroupMass:F3}"));
        foreach (var m in top)
        {
            var d = int.Parse(m.Id, inv);
            if (!documentReading.TryGetValue(d, out var dcode))
            {
                var p = index.DisciplinePredictor.Predict(corpus[d].Abstract, index.Analyzer.Analyze(corpus[d].Abstract), 1);
                documentReading[d] = dcode = p.Count > 0 ? p[0].Code : "-";
            }
            var text = TextOf(m);
            var field = m.Explanation.Contributions.Where(c => c.Signal is MatchSignal.PredictedDiscipline or MatchSignal.Discipline).Sum(c => c.Score);
            var lift = m.Explanation.Contributions.Where(c => c.Signal == MatchSignal.TextLeader).Sum(c => c.Score);
            line.Append(string.Create(inv, $"\t{Grade(r, corpus[d])}|{text:F3}|{field:F3}|{lift:F3}|{(m.Explanation.FeedbackTerms.Count > 0 ? 1 : 0)}|{Relation(dcode, first?.Code ?? "----")}|{Relation(dcode, code)}"));
        }
        T4Diagnosis!.WriteLine(line.ToString());
    }

    private void WriteDisplaced(MatchIndex index, SystemScores scores, int q)
    {
        var r = corpus[q];
        var self = q.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var deep = index.Search(new MatchQuery { Title = r.Title, Top = 50 });
        var own = deep.FirstOrDefault(m => m.Id == self);
        var rank = own?.Rank ?? 99;
        if (scores.Name.StartsWith("Kexie engine, text only", StringComparison.Ordinal) && !scores.Name.Contains("model", StringComparison.Ordinal))
        {
            textOnlyRank[q] = rank;
            return;
        }
        var textRank = textOnlyRank.GetValueOrDefault(q, 99);
        if (rank <= textRank || textRank > 10)
        {
            return;
        }
        static string Parts(MatchResult m) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"text {TextOf(m):F3} field {m.Explanation.Contributions.Where(c => c.Signal is MatchSignal.PredictedDiscipline or MatchSignal.Discipline).Sum(c => c.Score):F3} lift {m.Explanation.Contributions.Where(c => c.Signal == MatchSignal.TextLeader).Sum(c => c.Score):F3} final {m.Score:F3} coverage {m.Coverage:F2}");
        var sys = scores.Name.Contains("with codes", StringComparison.Ordinal) ? "codes" : "model";
        Displaced!.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"[{sys}] q{q} 《{r.Title}》 ({r.Discipline}) own rank text {textRank} → {sys} {rank}; own: {(own is null ? "-" : Parts(own))}"));
        foreach (var m in deep.TakeWhile(m => m.Id != self).Take(12))
        {
            var d = corpus[int.Parse(m.Id, System.Globalization.CultureInfo.InvariantCulture)];
            Displaced.WriteLine($"    #{m.Rank} {(d.Discipline == r.Discipline ? "same" : "other")} field, {Parts(m)}: {d.Title}");
        }
    }

    private void WriteCodesVsModel(MatchIndex index, SystemScores scores, int q)
    {
        var r = corpus[q];
        var self = q.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var deep = index.Search(new MatchQuery { Title = r.Title, Top = 50 });
        if (!scores.Name.Contains("with codes", StringComparison.Ordinal))
        {
            modelDeep[q] = deep;
            return;
        }
        if (!modelDeep.Remove(q, out var model))
        {
            return;
        }
        static string Parts(MatchResult? m)
        {
            if (m is null)
            {
                return "-\t-\t-\t-\t-";
            }
            var text = TextOf(m);
            var field = m.Explanation.Contributions.Where(c => c.Signal is MatchSignal.PredictedDiscipline or MatchSignal.Discipline).Sum(c => c.Score);
            var lift = m.Explanation.Contributions.Where(c => c.Signal == MatchSignal.TextLeader).Sum(c => c.Score);
            return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{text:F4}\t{field:F4}\t{lift:F4}\t{m.Score - text - field - lift:F4}\t{m.Coverage:F3}");
        }
        var ownCodes = deep.FirstOrDefault(m => m.Id == self);
        var ownModel = model.FirstOrDefault(m => m.Id == self);
        var rankCodes = ownCodes?.Rank ?? 99;
        var rankModel = ownModel?.Rank ?? 99;
        var reading = index.DisciplinePredictor!.Predict(r.Title, index.Analyzer.Analyze(r.Title), 1);
        var first = reading.Count > 0 ? reading[0] : null;
        var code = disciplineCodes[r.Discipline];
        string Relation(string a, string b) => a == b ? "same" : a[..2] == b[..2] ? "division" : "none";
        CodesVsModel!.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Q\t{TuneSplit}\t{q}\t{r.Title}\t{code}\t{first?.Code}\t{first?.Probability:F3}\t{(first is null ? "-" : Relation(first.Code, code))}\t{rankModel}\t{rankCodes}\t{Parts(ownModel)}\t{Parts(ownCodes)}"));
        if (rankCodes <= rankModel)
        {
            return;
        }
        var belowInModel = model.SkipWhile(m => m.Id != self).Skip(1).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var m in deep.TakeWhile(m => m.Id != self))
        {
            if (!belowInModel.Contains(m.Id) && model.Any(x => x.Id == m.Id))
            {
                continue;
            }
            var d = corpus[int.Parse(m.Id, System.Globalization.CultureInfo.InvariantCulture)];
            var dm = model.FirstOrDefault(x => x.Id == m.Id);
            var dc = disciplineCodes[d.Discipline];
            CodesVsModel.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"D\t{TuneSplit}\t{q}\t{m.Id}\t{m.Rank}\t{dm?.Rank ?? 99}\t{dc}\t{(first is null ? "-" : Relation(first.Code, dc))}\t{Relation(dc, code)}\t{Parts(dm)}\t{Parts(m)}\t{d.Title}"));
        }
    }

    private static double TextOf(MatchResult? result) => result?.Explanation.Contributions.Where(c => c.Signal == MatchSignal.Text).Sum(c => c.Score) ?? 0;

    private void Record(SystemScores scores, BenchTask task, int q, List<int> ranked)
    {
        var query = corpus[q];
        if (task is BenchTask.T1KeywordsToAbstract or BenchTask.T2TitleToAbstract)
        {
            var gains = ranked.Select(i => i == q ? 1 : 0).ToList();
            var found = gains.Contains(1) ? 1.0 : 0.0;
            scores.Tasks[task].Add(Metrics.Ndcg(gains, [1]), found / 10, found, q);
            TuneOut?.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{scores.Name}\t{task}\t{TuneSplit}\t{query.Id}\t{Metrics.Ndcg(gains, [1]):F6}"));
            QueryDiagnosis?.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{scores.Name[..Math.Min(30, scores.Name.Length)]}\t{task}\t{q}\t{Metrics.Ndcg(gains, [1]):F4}"));
            return;
        }
        var g = ranked.Where(i => i != q).Take(10).Select(i => Grade(query, corpus[i])).ToList();
        var ideal = IdealGains(q);
        var disciplineTotal = ideal.Count(x => x == 2);
        scores.Tasks[task].Add(Metrics.Ndcg(g, ideal), Metrics.PrecisionAt(g, 2), disciplineTotal == 0 ? 0 : (double)g.Count(x => x == 2) / Math.Min(10, disciplineTotal), q);
        TuneOut?.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{scores.Name}\t{task}\t{TuneSplit}\t{query.Id}\t{Metrics.Ndcg(g, ideal):F6}"));
        QueryDiagnosis?.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{scores.Name[..Math.Min(30, scores.Name.Length)]}\t{task}\t{q}\t{Metrics.Ndcg(g, ideal):F4}"));
    }

    private static int Grade(CslRecord query, CslRecord doc) =>
        doc.Discipline == query.Discipline ? 2 : doc.Category == query.Category ? 1 : 0;

    private readonly Dictionary<int, List<int>> idealCache = [];

    private List<int> IdealGains(int q)
    {
        if (idealCache.TryGetValue(q, out var cached))
        {
            return cached;
        }
        var query = corpus[q];
        var gains = corpus.Where((_, i) => i != q).Select(d => Grade(query, d)).Where(g => g > 0)
            .OrderByDescending(g => g).Take(10).ToList();
        idealCache[q] = gains;
        return gains;
    }
}

/// <summary>CSL disciplines as hierarchical codes: 2 digits category + 2 digits discipline.</summary>
internal static class CslCodes
{
    public static readonly CodeHierarchy Hierarchy = new("CSL 门类/学科", 2, 4);

    public static Dictionary<string, string> Build(IEnumerable<CslRecord> records)
    {
        var pairs = records.Select(r => (r.Category, r.Discipline)).Distinct().ToList();
        var categories = pairs.Select(p => p.Category).Distinct().Order(StringComparer.Ordinal).ToList();
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in pairs.GroupBy(p => p.Category))
        {
            var c = categories.IndexOf(group.Key) + 1;
            var d = 1;
            foreach (var discipline in group.Select(p => p.Discipline).Distinct().Order(StringComparer.Ordinal))
            {
                map.TryAdd(discipline, $"{c:00}{d++:00}");
            }
        }
        return map;
    }
}
