using System.Collections.Concurrent;
using Kexie.Data.SharedData;
using Kexie.Matching.Analysis;
using Kexie.Matching.Classification;
using Kexie.Matching.Data;

namespace Kexie.Web.Features.Matching;

/// <summary>
/// The analyzer (jieba + the domain dictionary from the taxonomy tables and CSL keywords) and the discipline
/// classifier (trained on the CSL records, labels mapped to GB/T 13745 by <see cref="CslDisciplineCodes"/>), built
/// once per process and data folder: both are immutable and thread-safe, so several hosts in one process (the
/// integration tests start many) share them instead of training again.
/// </summary>
public static class MatchModels
{
    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<CslRecord>>> Records = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<ChineseAnalyzer>> Analyzers = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<Task<DisciplineClassifier?>>> Classifiers = new(StringComparer.Ordinal);

    /// <summary>The CSL records of <c>{dataPath}/csl/csl_full_dev.jsonl</c>; empty when the file is missing.</summary>
    public static IReadOnlyList<CslRecord> CslRecords(string dataPath) =>
        Records.GetOrAdd(Key(dataPath), p => new Lazy<IReadOnlyList<CslRecord>>(() =>
        {
            var file = Path.Combine(p, "csl", "csl_full_dev.jsonl");
            return File.Exists(file) ? CslRecord.ReadJsonLines(file) : [];
        })).Value;

    /// <summary>The analyzer with the domain dictionary (plain jieba when the data folder has no taxonomy or CSL files).</summary>
    public static ChineseAnalyzer Analyzer(string dataPath) =>
        Analyzers.GetOrAdd(Key(dataPath), p => new Lazy<ChineseAnalyzer>(() =>
            new ChineseAnalyzer(DomainVocabulary.TaxonomyTerms(p).Concat(DomainVocabulary.Keywords(CslRecords(p)))))).Value;

    /// <summary>
    /// The classifier, trained on a background thread the first time it is asked for; null when there are no CSL
    /// records. Each record is three examples (title + keywords + abstract; title; keywords), as the library's
    /// benchmark does, so short inputs look like something seen in training. The CSL titles labelled only with a
    /// 门类 (<c>csl/csl_title_category_train.jsonl</c>, when present) are added as category examples.
    /// </summary>
    public static Task<DisciplineClassifier?> ClassifierAsync(string dataPath) =>
        Classifiers.GetOrAdd(Key(dataPath), p => new Lazy<Task<DisciplineClassifier?>>(() => Task.Run(() => Train(p)))).Value;

    private static DisciplineClassifier? Train(string dataPath)
    {
        var examples = new List<LabeledText>();
        var categoryOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in CslRecords(dataPath))
        {
            if (!CslDisciplineCodes.Map.TryGetValue(r.Discipline, out var code))
            {
                continue;
            }

            categoryOf.TryAdd(code, r.Category);
            var keywords = string.Join(' ', r.Keywords);
            examples.Add(new LabeledText($"{r.Title} {keywords} {r.Abstract}", code));
            examples.Add(new LabeledText(r.Title, code));
            if (keywords.Length > 0)
            {
                examples.Add(new LabeledText(keywords, code));
            }
        }

        if (examples.Count == 0)
        {
            return null;
        }
        var categoryFile = Path.Combine(dataPath, "csl", "csl_title_category_train.jsonl");
        var categoryTitles = File.Exists(categoryFile)
            ? CslRecord.ReadJsonLines(categoryFile).Select(r => new LabeledText(r.Title, r.Category)).ToList()
            : [];
        return DisciplineClassifier.Train(examples, categoryTitles, categoryOf, Analyzer(dataPath));
    }

    private static string Key(string dataPath) => Path.GetFullPath(dataPath);
}
