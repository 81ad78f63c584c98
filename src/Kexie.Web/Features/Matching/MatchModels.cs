using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
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
    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlySet<string>>> Places = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<ChineseAnalyzer>> Analyzers = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<Task<DisciplineClassifier?>>> Classifiers = new(StringComparer.Ordinal);

    /// <summary>The CSL records of <c>{dataPath}/csl/csl_full_dev.jsonl</c>; empty when the file is missing.</summary>
    public static IReadOnlyList<CslRecord> CslRecords(string dataPath) =>
        Records.GetOrAdd(Key(dataPath), p => new Lazy<IReadOnlyList<CslRecord>>(() =>
        {
            var file = Path.Combine(p, "csl", "csl_full_dev.jsonl");
            return File.Exists(file) ? CslRecord.ReadJsonLines(file) : [];
        })).Value;

    /// <summary>The region names of the data folder and their short forms (大英县, 大英), which never count as matched terms.</summary>
    public static IReadOnlySet<string> PlaceNames(string dataPath) =>
        Places.GetOrAdd(Key(dataPath), p => new Lazy<IReadOnlySet<string>>(() => DomainVocabulary.PlaceNames(p))).Value;

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
    /// <remarks>
    /// With <paramref name="cacheDirectory"/>, the trained model is saved there and loaded on the next start instead of
    /// training again. Its file name is a hash of the training texts, labels, the analyzer's domain terms and the
    /// training settings, so a changed data folder or a new version of the classifier trains afresh; an unreadable
    /// file is ignored (and replaced).
    /// </remarks>
    public static Task<DisciplineClassifier?> ClassifierAsync(string dataPath, string? cacheDirectory = null) =>
        Classifiers.GetOrAdd(Key(dataPath), p => new Lazy<Task<DisciplineClassifier?>>(() => Task.Run(() => Train(p, cacheDirectory)))).Value;

    private static DisciplineClassifier? Train(string dataPath, string? cacheDirectory)
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
            examples.AddRange(r.TrainingExamples(code));
        }

        if (examples.Count == 0)
        {
            return null;
        }
        var categoryFile = Path.Combine(dataPath, "csl", "csl_title_category_train.jsonl");
        var categoryTitles = File.Exists(categoryFile)
            ? CslRecord.ReadJsonLines(categoryFile).Select(r => new LabeledText(r.Title, r.Category)).ToList()
            : [];
        var analyzer = Analyzer(dataPath);
        var settings = new ClassifierSettings();
        var file = string.IsNullOrWhiteSpace(cacheDirectory)
            ? null
            : Path.Combine(Path.GetFullPath(cacheDirectory), $"discipline-classifier-{CacheKey(examples, categoryTitles, categoryOf, analyzer, settings)}.bin");
        if (file is not null && File.Exists(file))
        {
            try
            {
                using var stream = File.OpenRead(file);
                return DisciplineClassifier.Load(stream, analyzer);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                // Unreadable: train again and replace it below.
            }
        }

        var model = DisciplineClassifier.Train(examples, categoryTitles, categoryOf, analyzer, settings);
        if (file is not null)
        {
            TrySave(model, file);
        }
        return model;
    }

    /// <summary>Writes to a temporary file and renames it, so a reader never sees half a model.</summary>
    private static void TrySave(DisciplineClassifier model, string file)
    {
        var temporary = $"{file}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            using (var stream = File.Create(temporary))
            {
                model.Save(stream);
            }
            File.Move(temporary, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only or full disk only costs the next start a training run.
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // nothing more to do
            }
        }
    }

    private static string CacheKey(List<LabeledText> examples, List<LabeledText> categoryTitles, Dictionary<string, string> categoryOf,
        ChineseAnalyzer analyzer, ClassifierSettings settings)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(text));
            hash.AppendData([0]);
        }

        Add(typeof(DisciplineClassifier).Assembly.GetName().Version?.ToString() ?? "");
        Add(settings.ToString());
        foreach (var e in examples.Concat(categoryTitles))
        {
            Add(e.Text);
            Add(e.Label);
        }
        foreach (var (code, category) in categoryOf.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            Add(code);
            Add(category);
        }
        foreach (var term in analyzer.UserTerms.Order(StringComparer.Ordinal))
        {
            Add(term);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..20];
    }

    private static string Key(string dataPath) => Path.GetFullPath(dataPath);
}
