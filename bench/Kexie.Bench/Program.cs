using System.Diagnostics;
using System.Globalization;
using Kexie.Bench;
using Kexie.Matching.Analysis;
using Kexie.Matching.Data;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Length > 0 && args[0] == "abstain")
{
    // Abstention: fit the confidence on one half of the dev file, measure retention and false confidence on the other.
    var abstainOptions = ParseOptions(args.Skip(1).ToArray());
    var abstainData = KexieDataPath.Locate(abstainOptions.GetValueOrDefault("data"));
    if (abstainData is null)
    {
        Console.Error.WriteLine("shared data folder not found: pass --data or set KEXIE_DATA");
        return 2;
    }
    Overrides.Parse(abstainOptions.GetValueOrDefault("set"));
    ClassifierBench.Current = ClassifierBench.Parse(abstainOptions.GetValueOrDefault("classifier"));
    var file = abstainOptions.GetValueOrDefault("train") ?? Path.Combine(abstainData, "csl", "csl_full_dev.jsonl");
    var categoryFile = Path.Combine(abstainData, "csl", "csl_title_category_train.jsonl");
    Console.WriteLine($"# Kexie.Bench abstain ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {file}, load average {HoldoutSplit.LoadAverage()})");
    ChineseAnalyzer.WarmUp();
    new AbstainBench(CslRecord.ReadJsonLines(file), File.Exists(categoryFile) ? CslRecord.ReadJsonLines(categoryFile) : [], abstainData, Console.Out)
        {
            FitRemoved = abstainOptions.ContainsKey("fit-removed"),
            FitGiven = abstainOptions.ContainsKey("fit-given"),
            Ridge = double.Parse(abstainOptions.GetValueOrDefault("ridge") ?? "0", CultureInfo.InvariantCulture),
            Drop = (abstainOptions.GetValueOrDefault("drop") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal),
        }
        .Run(fit: !abstainOptions.ContainsKey("no-fit"));
    Console.WriteLine($"  load average at the end: {HoldoutSplit.LoadAverage()}");
    return 0;
}

if (args.Length > 0 && args[0] == "classifier")
{
    // The discipline classifier alone, on the tuning split (training half only, both directions).
    var classifierOptions = ParseOptions(args.Skip(1).ToArray());
    var classifierData = KexieDataPath.Locate(classifierOptions.GetValueOrDefault("data"))!;
    var categoryTitlesFile = Path.Combine(classifierData, "csl", "csl_title_category_train.jsonl");
    Console.WriteLine($"# Kexie.Bench classifier ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {HoldoutSplit.LoadAverage()})");
    ChineseAnalyzer.WarmUp();
    new ClassifierBench(CslRecord.ReadJsonLines(Path.Combine(classifierData, "csl", "csl_full_dev.jsonl")),
        File.Exists(categoryTitlesFile) ? CslRecord.ReadJsonLines(categoryTitlesFile) : [], classifierData, Console.Out)
        {
            Settings = ClassifierBench.Parse(classifierOptions.GetValueOrDefault("classifier")),
        }
        .Run((classifierOptions.GetValueOrDefault("split") ?? "inner,inner-b").Split(',', StringSplitOptions.RemoveEmptyEntries));
    return 0;
}

if (args.Length > 0 && args[0] == "bootstrap")
{
    // The paired bootstrap over the per-query files of one or more runs (KEXIE_QUERY_DIAG), queries pooled: e.g. both
    // directions of the tuning split together.
    var systems = new Dictionary<string, SystemScores>(StringComparer.Ordinal);
    var files = args.Skip(1).ToArray();
    for (var f = 0; f < files.Length; f++)
    {
        foreach (var line in File.ReadLines(files[f]))
        {
            var parts = line.Split('\t');
            if (parts.Length != 4)
            {
                continue;
            }
            if (!systems.TryGetValue(parts[0], out var scores))
            {
                systems[parts[0]] = scores = new SystemScores(parts[0]);
            }
            var q = int.Parse(parts[2], CultureInfo.InvariantCulture);
            scores.Tasks[Enum.Parse<BenchTask>(parts[1])].Add(double.Parse(parts[3], CultureInfo.InvariantCulture), 0, 0, (f * 1_000_000) + q);
        }
    }
    Console.WriteLine($"# Kexie.Bench bootstrap ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC): {string.Join(", ", files.Select(Path.GetFileName))}");
    Console.WriteLine();
    Console.WriteLine("| system | T1 nDCG@10 | T2 nDCG@10 | T3 nDCG@10 | T4 nDCG@10 | queries |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|");
    foreach (var s in systems.Values)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {s.Name} | {s.Tasks[BenchTask.T1KeywordsToAbstract].Ndcg:F4} | {s.Tasks[BenchTask.T2TitleToAbstract].Ndcg:F4} | {s.Tasks[BenchTask.T3TitleToField].Ndcg:F4} | {s.Tasks[BenchTask.T4KeywordsToField].Ndcg:F4} | {s.Tasks[BenchTask.T2TitleToAbstract].Count} |"));
    }
    new Report(Console.Out).BootstrapTable([.. systems.Values]);
    return 0;
}

if (args.Length > 0 && args[0] == "tune")
{
    // Candidate settings on several splits of the training half (match13's robust operating point).
    var tuneOptions = ParseOptions(args.Skip(1).ToArray());
    var tuneData = KexieDataPath.Locate(tuneOptions.GetValueOrDefault("data"))!;
    ClassifierBench.Current = ClassifierBench.Parse(tuneOptions.GetValueOrDefault("classifier"));
    ChineseAnalyzer.WarmUp();
    return TuneBench.Run(tuneOptions, tuneData);
}

if (args.Length > 0 && args[0] == "tune-select")
{
    var files = args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
    var defaultAt = Array.IndexOf(args, "--default");
    return TuneBench.Select(files, defaultAt > 0 && defaultAt + 1 < args.Length ? args[defaultAt + 1] : "default");
}

if (args.Length > 0 && args[0] == "rerank-train")
{
    var rerankOptions = ParseOptions(args.Skip(1).ToArray());
    return RerankBench.Run(rerankOptions, (rerankOptions.GetValueOrDefault("dumps") ?? throw new ArgumentException("--dumps FILE,FILE needed")).Split(','));
}

if (args.Length > 0 && args[0] == "proximity")
{
    // Word-proximity diagnosis on a tuning split (training half only): adjacent title word pairs in the own abstract.
    var proxOptions = ParseOptions(args.Skip(1).ToArray());
    var proxData = KexieDataPath.Locate(proxOptions.GetValueOrDefault("data"))!;
    ChineseAnalyzer.WarmUp();
    Overrides.Parse(proxOptions.GetValueOrDefault("set"));
    foreach (var proxSplit in (proxOptions.GetValueOrDefault("split") ?? "inner:0,inner-b:0").Split(',', StringSplitOptions.RemoveEmptyEntries))
    {
        if (proxSplit == "hash")
        {
            throw new ArgumentException("the proximity probe reads the training half only");
        }
        ProximityProbe.Run(CslRecord.ReadJsonLines(Path.Combine(proxData, "csl", "csl_full_dev.jsonl")), proxData, Console.Out,
            int.Parse(proxOptions.GetValueOrDefault("show") ?? "20", CultureInfo.InvariantCulture), proxSplit);
    }
    return 0;
}

if (args.Length > 0 && args[0] == "known-item")
{
    // T1/T2 diagnosis on the training half of the headline split: where the engine's text ranking loses to SmartCn.
    var knownOptions = ParseOptions(args.Skip(1).ToArray());
    var knownData = KexieDataPath.Locate(knownOptions.GetValueOrDefault("data"))!;
    ChineseAnalyzer.WarmUp();
    Overrides.Parse(knownOptions.GetValueOrDefault("set"));
    KnownItemDiagnosis.Run(CslRecord.ReadJsonLines(Path.Combine(knownData, "csl", "csl_full_dev.jsonl")), knownData, Console.Out,
        int.Parse(knownOptions.GetValueOrDefault("show") ?? "40", CultureInfo.InvariantCulture),
        new AnalyzerSettings { SubwordTiling = knownOptions.GetValueOrDefault("tiling") == "on" }, knownOptions.GetValueOrDefault("split"));
    return 0;
}

if (args.Length == 0 || args[0] is "-h" or "--help" || args[0] != "matching")
{
    Console.WriteLine("""
        Kexie.Bench — macro benchmarks.

        dotnet run -c Release --project bench/Kexie.Bench -- abstain [--no-fit] [--fit-removed] [--fit-given] [--ridge X]
                                  [--drop NAMES] [--train FILE] [--set K=V] [--classifier K=V]
          fits the confidence on half the records and measures retention and false confidence on the other half
          (--no-fit: measure the MatchOptions defaults; --fit-removed: also fit on the training half's queries with
          their 门类 removed; --fit-given: also fit and measure queries that give their discipline; --ridge: L2
          penalty; --drop: leave inputs out of the fit, e.g. "unknown terms,uncertainty")

        dotnet run -c Release --project bench/Kexie.Bench -- classifier [--classifier K=V,…] [--split inner|inner-b]
          the discipline classifier alone on the tuning split (training half only; both directions by default):
          top-1/top-3, log-loss and calibration error per input (title, keywords, title + keywords, whole text), and
          the cost of one prediction; --classifier overrides ClassifierSettings for experiments

        dotnet run -c Release --project bench/Kexie.Bench -- bootstrap FILE [FILE …]
          the paired bootstrap of the engine against the best baseline over the per-query files that matching writes
          with KEXIE_QUERY_DIAG=FILE, the queries of all files pooled (e.g. both directions of the tuning split)

        dotnet run -c Release --project bench/Kexie.Bench -- rerank-train --dumps FILE,… [--validate FILE,…] [--out MODEL]
                                  [--l2 X] [--depth K] [--own-weight X] [--iterations N] [--rate X] [--settings model,codes]
          fits the learned re-ranker (MatchOptions.Reranker) on candidate dumps of the tuning split (KEXIE_RERANK_DUMP=FILE
          matching --split inner …); use the model with matching --set Reranker=MODEL
        dotnet run -c Release --project bench/Kexie.Bench -- known-item [--show N] [--tiling on|off] [--split inner|inner-b] [--set K=V,…]
          T1/T2 diagnosis on the training half (--split inner|inner-b: the tuning split's quarters): where the engine's text ranking loses to Lucene + SmartCn

        dotnet run -c Release --project bench/Kexie.Bench -- proximity [--split inner:0,inner-b:0,…] [--show N] [--set K=V,…]
          T2 word-proximity diagnosis on the tuning splits (never the evaluation half): the titles the engine's text ranking
          loses to SmartCn, whether the documents above the own abstract hold the title's adjacent word pairs, and what an
          adjacent-pair bonus over the first 20 results would do to T2

        dotnet run -c Release --project bench/Kexie.Bench -- tune --candidates FILE --out FILE [--splits inner:0,inner:1,…|hash]
                                  [--settings model,codes] [--baselines SmartCn,Standard] [--classifier K=V]
          runs candidate settings (FILE: a name, then the --set overrides or "-", a line each) on several splits of the
          training half (inner:S = seed S, both directions; inner:0 is inner/inner-b), one classifier per split direction,
          and appends every query's nDCG@10 (system, task, split, record id) to --out; "hash" is the evaluation half
        dotnet run -c Release --project bench/Kexie.Bench -- tune-select FILE [FILE …] [--default NAME]
          the registered rule over tune's files: per candidate and cell (T1–T4 × text + model, with codes), pooled over
          the splits with a bootstrap over training records, the normalized margin (5th percentile − guard) / sd; the
          leximin choice; each cell per split; each candidate against the default, per split

        dotnet run -c Release --project bench/Kexie.Bench -- matching [options]
          --data DIR        shared data folder (default: $KEXIE_DATA or ../shared/data found upwards)
          --train FILE      training records (JSONL, CSL format); default {data}/csl/csl_full_dev.jsonl
          --eval FILE       evaluation records; when absent: k-fold cross-validation on --train
          --split hash      the honest headline protocol: split --train by a stable hash of the record id into a
                            training half and an evaluation half (corpus and queries); nothing learned sees the
                            evaluation half's labels
          --split inner     the tuning protocol: the training half alone, split again (second bit of the hash) into
                            an inner training and an inner evaluation quarter; the evaluation half is not read
                            ("inner-b": the same quarters the other way round; "inner:S" / "inner-b:S": another split
                            of the training half, seed S > 0, by FNV-1a of "S#id"; inner:0 = inner)
          --folds N         folds for cross-validation (default 5)
          --baselines LIST  Lucene baselines, comma-separated: SmartCn,Standard,jieba (default all)
          --sizes LIST      corpus sizes for speed/scale, e.g. 10000,100000,1000000 (default 10000,100000)
          --queries N       queries per size for latency (default 2000)
          --settings LIST   engine settings to run: text,model,codes (default all)
          --category-train FILE  extra titles labelled only with a 门类 for the classifier (default
                            {data}/csl/csl_title_category_train.jsonl; "none" to leave out); titles that
                            also occur in the corpus or the training records are dropped
          --set K=V,K=V     override MatchOptions properties for experiments (e.g. PredictedDisciplineWeight=1)
          --classifier K=V,K=V  override ClassifierSettings (e.g. NaiveBayesWeight=0.2: the regression combined
                            with its naive Bayes part, off by default); also for abstain
          --profile-build N time the build stages (segmentation, analysis, indexing) on N documents, one core
          --profile-query N time the stages of the speed queries (--queries of them) on N documents, one thread:
                            query terms, text pass, disciplines, feedback, signals, explanations; bytes allocated
          --needs           also run the need-shaped benchmark (needs written from CSL records by a fixed rule,
                            on the --split hash halves)
          --dump FILE       instead of timing the speed queries, write their results (ids, scores in round-trip
                            format, confidence, matched terms, contributions, summary; fixed clock) to FILE, for
                            the first size only: an optimisation must leave it identical
          --no-quality      skip T1–T4;  --no-scale  skip speed/scale;  --no-lucene-scale  skip the Lucene scale baseline
        """);
    return args.Length == 0 || args[0] is "-h" or "--help" ? 0 : 2;
}

var options = ParseOptions(args.Skip(1).ToArray());
var dataDir = KexieDataPath.Locate(options.GetValueOrDefault("data"));
if (dataDir is null)
{
    Console.Error.WriteLine("shared data folder not found: pass --data or set KEXIE_DATA");
    return 2;
}
var trainPath = options.GetValueOrDefault("train") ?? Path.Combine(dataDir, "csl", "csl_full_dev.jsonl");
var evalPath = options.GetValueOrDefault("eval");
var split = options.GetValueOrDefault("split");
if (split is not null && (HoldoutSplit.Named([], split) is null || evalPath is not null))
{
    Console.Error.WriteLine("--split takes \"hash\", \"inner\", \"inner-b\", \"inner:SEED\" or \"inner-b:SEED\", and not with --eval");
    return 2;
}
var folds = int.Parse(options.GetValueOrDefault("folds") ?? "5", CultureInfo.InvariantCulture);
var baselines = (options.GetValueOrDefault("baselines") ?? "SmartCn,Standard,jieba").Replace("none", "", StringComparison.Ordinal).Split(',', StringSplitOptions.RemoveEmptyEntries);
var sizes = (options.GetValueOrDefault("sizes") ?? "10000,100000").Split(',', StringSplitOptions.RemoveEmptyEntries)
    .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var queryCount = int.Parse(options.GetValueOrDefault("queries") ?? "2000", CultureInfo.InvariantCulture);

Overrides.Parse(options.GetValueOrDefault("set"));
ClassifierBench.Current = ClassifierBench.Parse(options.GetValueOrDefault("classifier"));
var report = new Report(Console.Out);
report.Header(args, dataDir, trainPath, split is null ? evalPath : $"{Path.GetFileName(trainPath)}, hash half", folds);
ChineseAnalyzer.WarmUp();

var trainRecords = CslRecord.ReadJsonLines(trainPath);
var evalRecords = evalPath is null ? null : CslRecord.ReadJsonLines(evalPath);
var allRecords = trainRecords;
if (split is not null)
{
    (trainRecords, evalRecords) = HoldoutSplit.Named(allRecords, split)!.Value;
}
if (!options.ContainsKey("no-quality"))
{
    var corpus = evalRecords ?? trainRecords;
    var categoryPath = options.GetValueOrDefault("category-train") ?? Path.Combine(dataDir, "csl", "csl_title_category_train.jsonl");
    var categoryRecords = categoryPath == "none" || !File.Exists(categoryPath) ? [] : CslRecord.ReadJsonLines(categoryPath);
    var quality = new QualityBench(corpus, evalRecords is null ? null : trainRecords, folds, dataDir, Console.Out)
    {
        CategoryTitles = categoryRecords,
        Settings = (options.GetValueOrDefault("settings") ?? "text,model,codes").Split(','),
    };
    var sw = Stopwatch.StartNew();
    quality.Run(baselines, runEngine: true);
    QualityBench.FlushRerankDump();
    var protocol = split is not null && split.StartsWith("inner", StringComparison.Ordinal)
        ? $"tuning split ({split}): the training half only, {trainRecords.Count} records → {evalRecords!.Count}; the evaluation half is not read"
        : split is not null
        ? $"train on {trainRecords.Count} records of {Path.GetFileName(trainPath)} → eval on the other {evalRecords!.Count} (stable hash of the id)"
        : evalRecords is null ? $"{folds}-fold cross-validation on {Path.GetFileName(trainPath)}" : $"train {Path.GetFileName(trainPath)} → eval {Path.GetFileName(evalPath)}";
    report.Quality(quality, corpus.Count, protocol, sw.Elapsed);
}
if (options.ContainsKey("needs"))
{
    // The need-shaped benchmark, on the headline's split.
    var categoryPath = options.GetValueOrDefault("category-train") ?? Path.Combine(dataDir, "csl", "csl_title_category_train.jsonl");
    var (needTrain, needEval) = split is not null ? (trainRecords, evalRecords!) : HoldoutSplit.Split(allRecords);
    new NeedBench(needTrain, needEval, categoryPath == "none" || !File.Exists(categoryPath) ? [] : CslRecord.ReadJsonLines(categoryPath), dataDir, Console.Out)
        .Run(baselines);
}
if (options.TryGetValue("profile-build", out var profileSize))
{
    new ScaleBench(allRecords, dataDir, Console.Out, 0, false).ProfileBuild(int.Parse(profileSize!, CultureInfo.InvariantCulture));
    return 0;
}
if (options.TryGetValue("profile-query", out var profileQuerySize))
{
    new ScaleBench(allRecords, dataDir, Console.Out, queryCount, false).ProfileQueries(int.Parse(profileQuerySize!, CultureInfo.InvariantCulture));
    return 0;
}
if (!options.ContainsKey("no-scale"))
{
    var dump = options.GetValueOrDefault("dump");
    var scale = new ScaleBench(allRecords, dataDir, Console.Out, queryCount, !options.ContainsKey("no-lucene-scale") && dump is null)
    {
        DumpPath = dump,
    };
    foreach (var size in sizes)
    {
        scale.Run(size);
        if (dump is not null)
        {
            break; // one index per dump file
        }
    }
    if (dump is null)
    {
        report.Scale(scale);
    }
}
return 0;

static Dictionary<string, string?> ParseOptions(string[] args)
{
    var result = new Dictionary<string, string?>(StringComparer.Ordinal);
    for (var i = 0; i < args.Length; i++)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"unexpected argument {args[i]}");
        }
        var key = args[i][2..];
        if (key.StartsWith("no-", StringComparison.Ordinal) || key is "needs" or "fit-removed" or "fit-given")
        {
            result[key] = null;
        }
        else
        {
            result[key] = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"--{key} needs a value");
        }
    }
    return result;
}
