using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Kexie.Matching;
using Kexie.Matching.Analysis;
using Kexie.Matching.Classification;
using Kexie.Matching.Data;

namespace Kexie.Bench;

/// <summary>
/// The discipline classifier alone, on the tuning protocol (<see cref="HoldoutSplit.SplitInner"/>): trained on the inner
/// training quarter (plus the category-only titles, minus any title of the training half), measured on the inner
/// evaluation quarter, both directions; the evaluation half is never read. Per input (title, keywords, title + keywords,
/// whole text): top-1 and top-3 accuracy of the likeliest discipline, the mean log-loss of the true discipline and the
/// expected calibration error of the first choice (10 bins); and the cost of one prediction.
/// </summary>
internal sealed class ClassifierBench(IReadOnlyList<CslRecord> records, IReadOnlyList<CslRecord> categoryTitles, string dataDir, TextWriter output)
{
    public ClassifierSettings Settings { get; init; } = new();

    /// <summary>The classifier settings of every bench that trains one (the library's defaults unless --classifier is given).</summary>
    public static ClassifierSettings Current { get; set; } = new();

    public void Run(IEnumerable<string> directions)
    {
        var taxonomy = DomainVocabulary.TaxonomyTerms(dataDir);
        var inputs = new (string Name, Func<CslRecord, string> Text)[]
        {
            ("title", r => r.Title),
            ("keywords", r => string.Join(' ', r.Keywords)),
            ("title + keywords", r => $"{r.Title} {string.Join(' ', r.Keywords)}"),
            ("whole text", r => $"{r.Title} {string.Join(' ', r.Keywords)} {r.Abstract}"),
        };
        var totals = inputs.ToDictionary(i => i.Name, _ => new Tally());
        var titleErrors = new TitleErrors();
        var predictions = 0L;
        var predictTicks = 0L;
        var predictCpu = TimeSpan.Zero;
        foreach (var direction in directions)
        {
            var (train, eval) = HoldoutSplit.SplitInner(records);
            if (direction == "inner-b")
            {
                (train, eval) = (eval, train);
            }
            var codes = CslCodes.Build(train.Concat(eval));
            var categoryOf = train.Concat(eval).GroupBy(r => r.Discipline).ToDictionary(g => codes[g.Key], g => g.First().Category, StringComparer.Ordinal);
            var known = train.Concat(eval).Select(r => TextNormalizer.Normalize(r.Title).Trim()).ToHashSet(StringComparer.Ordinal);
            var analyzer = new ChineseAnalyzer(taxonomy.Concat(DomainVocabulary.Keywords(train)));
            var sw = Stopwatch.StartNew();
            var classifier = DisciplineClassifier.Train(
                train.SelectMany(r => r.TrainingExamples(codes[r.Discipline])),
                categoryTitles.Where(r => !known.Contains(TextNormalizer.Normalize(r.Title).Trim())).Select(r => new LabeledText(r.Title, r.Category)),
                categoryOf, analyzer, Settings);
            output.WriteLine($"  {direction}: trained on {train.Count} records in {sw.Elapsed.TotalSeconds:F1} s, {classifier.FeatureCount} features; {eval.Count} queries");
            foreach (var (name, text) in inputs)
            {
                var tally = new Tally();
                var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                foreach (var r in eval)
                {
                    var t = text(r);
                    var start = Stopwatch.GetTimestamp();
                    var all = classifier.Suggest(t, 200);
                    predictTicks += Stopwatch.GetTimestamp() - start;
                    predictions++;
                    tally.Add(all, codes[r.Discipline]);
                    if (name == "title")
                    {
                        titleErrors.Add(r, all, codes);
                    }
                }
                predictCpu += System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
                output.WriteLine($"    {name,-16} {tally}");
                totals[name].Merge(tally);
            }
        }
        output.WriteLine($"  both directions ({string.Join(", ", SettingsChanged())}):");
        foreach (var (name, _) in inputs)
        {
            output.WriteLine($"    {name,-16} {totals[name]}");
        }
        titleErrors.Write(output);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  one prediction (analysis + classifier, all classes ranked; one thread): {1000.0 * predictTicks / Stopwatch.Frequency / predictions:F3} ms wall, {predictCpu.TotalMilliseconds / predictions:F3} ms CPU (the process's processor time, which a loaded machine does not inflate), mean over {predictions} (load average {HoldoutSplit.LoadAverage()})"));
    }

    private IEnumerable<string> SettingsChanged()
    {
        var defaults = new ClassifierSettings();
        foreach (var p in typeof(ClassifierSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var value = p.GetValue(Settings);
            if (!Equals(value, p.GetValue(defaults)))
            {
                yield return $"{p.Name}={value}";
            }
        }
        yield return "others default";
    }

    /// <summary>--classifier Name=Value,… overrides of <see cref="ClassifierSettings"/>.</summary>
    public static ClassifierSettings Parse(string? text)
    {
        var settings = new ClassifierSettings();
        foreach (var pair in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var property = typeof(ClassifierSettings).GetProperty(parts[0].Trim()) ?? throw new ArgumentException($"ClassifierSettings has no property {parts[0]}");
            settings = settings with { };
            property.SetValue(settings, Convert.ChangeType(parts[1].Trim(), property.PropertyType, CultureInfo.InvariantCulture));
        }
        return settings;
    }

    /// <summary>Where the title reading goes wrong (both directions): top-1 per 门类, the most frequent confusions
    /// between disciplines, and the reliability of the first choice's probability (10 bins).</summary>
    private sealed class TitleErrors
    {
        private readonly Dictionary<string, (int Count, int Top1, int SameCategory)> byCategory = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Truth, string Guess), int> confusions = [];
        private readonly int[] binCount = new int[10];
        private readonly double[] binConfidence = new double[10];
        private readonly int[] binHits = new int[10];
        private readonly Dictionary<int, (int Count, int Top1)> byLength = [];

        public void Add(CslRecord record, IReadOnlyList<CodeSuggestion> ranked, Dictionary<string, string> codes)
        {
            var truth = codes[record.Discipline];
            var guess = ranked.Count > 0 ? ranked[0].Code : "";
            var nameOf = codes.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);
            var (count, top1, same) = byCategory.GetValueOrDefault(record.Category);
            var hit = guess == truth;
            byCategory[record.Category] = (count + 1, top1 + (hit ? 1 : 0), same + (guess.Length >= 2 && guess[..2] == truth[..2] ? 1 : 0));
            if (!hit && guess.Length > 0)
            {
                var key = (record.Discipline, nameOf[guess]);
                confusions[key] = confusions.GetValueOrDefault(key) + 1;
            }
            var length = Math.Min(4, record.Title.Count(Kexie.Matching.Analysis.TextNormalizer.IsHan) / 8); // 0–7, 8–15, … 32+
            var (n, t) = byLength.GetValueOrDefault(length);
            byLength[length] = (n + 1, t + (hit ? 1 : 0));
            if (ranked.Count > 0)
            {
                var bin = Math.Min(9, (int)(ranked[0].Probability * 10));
                binCount[bin]++;
                binConfidence[bin] += ranked[0].Probability;
                binHits[bin] += hit ? 1 : 0;
            }
        }

        public void Write(TextWriter output)
        {
            output.WriteLine("  title errors (both directions):");
            output.WriteLine("    per 门类: " + string.Join("; ", byCategory.OrderByDescending(kv => kv.Value.Count).Select(kv =>
                string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {100.0 * kv.Value.Top1 / kv.Value.Count:F0} % (门类 right {100.0 * kv.Value.SameCategory / kv.Value.Count:F0} %, n {kv.Value.Count})"))));
            output.WriteLine("    by title length (Han characters): " + string.Join("; ", byLength.OrderBy(kv => kv.Key).Select(kv =>
                string.Create(CultureInfo.InvariantCulture, $"{kv.Key * 8}{(kv.Key == 4 ? "+" : $"–{kv.Key * 8 + 7}")} {100.0 * kv.Value.Top1 / kv.Value.Count:F1} % (n {kv.Value.Count})"))));
            output.WriteLine("    most frequent confusions (truth → first choice): " + string.Join("; ", confusions.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Truth, StringComparer.Ordinal).Take(15)
                .Select(kv => $"{kv.Key.Truth} → {kv.Key.Guess} {kv.Value}")));
            output.WriteLine("    reliability of the first choice (bin: n, mean p, accuracy): " + string.Join("; ", Enumerable.Range(0, 10).Where(b => binCount[b] > 0).Select(b =>
                string.Create(CultureInfo.InvariantCulture, $"{b / 10.0:F1}–{(b + 1) / 10.0:F1}: {binCount[b]}, {binConfidence[b] / binCount[b]:F2}, {100.0 * binHits[b] / binCount[b]:F0} %"))));
        }
    }

    private sealed class Tally
    {
        private int count;
        private int top1;
        private int top3;
        private double logLoss;
        private readonly int[] binCount = new int[10];
        private readonly double[] binConfidence = new double[10];
        private readonly int[] binHits = new int[10];

        public void Add(IReadOnlyList<CodeSuggestion> ranked, string expected)
        {
            count++;
            top1 += ranked.Count > 0 && ranked[0].Code == expected ? 1 : 0;
            top3 += ranked.Take(3).Any(s => s.Code == expected) ? 1 : 0;
            var p = ranked.FirstOrDefault(s => s.Code == expected)?.Probability ?? 0;
            logLoss += -Math.Log(Math.Max(p, 1e-6));
            if (ranked.Count > 0)
            {
                var bin = Math.Min(9, (int)(ranked[0].Probability * 10));
                binCount[bin]++;
                binConfidence[bin] += ranked[0].Probability;
                binHits[bin] += ranked[0].Code == expected ? 1 : 0;
            }
        }

        public void Merge(Tally other)
        {
            count += other.count;
            top1 += other.top1;
            top3 += other.top3;
            logLoss += other.logLoss;
            for (var b = 0; b < 10; b++)
            {
                binCount[b] += other.binCount[b];
                binConfidence[b] += other.binConfidence[b];
                binHits[b] += other.binHits[b];
            }
        }

        public override string ToString()
        {
            var ece = Enumerable.Range(0, 10).Sum(b => binCount[b] == 0 ? 0 : Math.Abs(binConfidence[b] - binHits[b]) / count);
            return string.Create(CultureInfo.InvariantCulture,
                $"top-1 {100.0 * top1 / count,5:F1} %  top-3 {100.0 * top3 / count,5:F1} %  log-loss {logLoss / count:F3}  ECE {ece:F3}  mean first-choice probability {binConfidence.Sum() / count:F3}  (n {count})");
        }
    }
}
