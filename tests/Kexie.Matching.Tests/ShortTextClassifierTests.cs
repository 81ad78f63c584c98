using Kexie.Matching.Classification;

namespace Kexie.Matching.Tests;

/// <summary>
/// The classifier's options for short texts (issue 12): character pairs read only from short texts, title-length excerpts
/// of long training texts, a complement naive Bayes part; and the engine's flattening of an unsure predicted field for a
/// short query (<see cref="MatchOptions.PredictedDisciplineShortTextFlattening"/>).
/// </summary>
public class ShortTextClassifierTests
{
    private static readonly LabeledText[] Short =
    [
        new("水稻 栽培", "0101"), new("水稻 施肥", "0101"), new("稻田 灌溉", "0101"),
        new("桥梁 检测", "0201"), new("桥梁 加固", "0201"), new("桥墩 结构", "0201"),
    ];

    private static readonly LabeledText[] Long =
    [
        new("水稻栽培技术的研究进展与展望，综述了水稻栽培的主要技术和施肥方法。稻田灌溉制度的优化提高了水分利用效率。水稻品种的选育也在不断进步", "0101"),
        new("稻田施肥与灌溉管理，分析了不同施肥水平下水稻产量的变化规律。稻田灌溉方式对土壤养分有明显影响。合理施肥提高了氮肥利用率和稻谷品质", "0101"),
        new("桥梁结构检测与加固方法，介绍了桥梁检测的常用手段和加固设计要点。桥墩结构在荷载作用下的变形规律得到验证。加固后的桥梁承载能力明显提高", "0201"),
        new("桥墩结构的抗震性能分析，建立了桥梁结构的有限元模型并进行了计算。桥梁加固材料的选择影响结构耐久性。检测数据表明裂缝宽度满足规范要求", "0201"),
    ];

    [Fact]
    public void Short_text_bigrams_are_read_from_short_texts_only()
    {
        var plain = DisciplineClassifier.Train(Short);
        var bigrams = DisciplineClassifier.Train(Short, settings: new ClassifierSettings { ShortTextBigrams = 8 });
        // The short examples add their character pairs (水稻, 稻栽, 栽培 … as pair features) to the vocabulary.
        Assert.True(bigrams.FeatureCount > plain.FeatureCount, $"{bigrams.FeatureCount} vs {plain.FeatureCount}");
        Assert.Equal("0101", bigrams.Suggest("水稻灌溉")[0].Code);
        Assert.Equal("0201", bigrams.Suggest("桥梁结构检测")[0].Code);

        // Texts longer than the limit add none: the same vocabulary as without the option.
        var longOnly = DisciplineClassifier.Train(Long, settings: new ClassifierSettings { ShortTextBigrams = 8 });
        Assert.Equal(DisciplineClassifier.Train(Long).FeatureCount, longOnly.FeatureCount);
    }

    [Fact]
    public void Excerpts_are_title_length_pieces_of_the_sentences_after_the_first()
    {
        var text = Long[0].Text;
        var excerpts = DisciplineClassifier.Excerpts(text, 5, 10).ToList();
        Assert.Equal(["稻田灌溉制度的优化提", "水稻品种的选育也在不"], excerpts);
        Assert.Single(DisciplineClassifier.Excerpts(text, 1, 10));
        // A short text (a title, a keyword list) is not cut.
        Assert.Empty(DisciplineClassifier.Excerpts("水稻栽培技术。稻田灌溉制度的优化", 3, 10));
    }

    [Fact]
    public void Excerpt_examples_teach_the_classifier_the_words_of_later_sentences_as_short_texts()
    {
        var plain = DisciplineClassifier.Train(Long);
        var excerpts = DisciplineClassifier.Train(Long, settings: new ClassifierSettings { ShortExcerptExamples = 2, ExcerptLength = 20 });
        Assert.Equal("0101", excerpts.Suggest("稻田灌溉制度")[0].Code);
        Assert.Equal("0201", excerpts.Suggest("桥墩结构变形")[0].Code);
        // More examples of the same labels: the model is surer of a short text from a later sentence.
        Assert.True(excerpts.Suggest("稻田灌溉制度")[0].Probability > plain.Suggest("稻田灌溉制度")[0].Probability);
    }

    [Fact]
    public void A_complement_naive_Bayes_part_classifies_and_gives_a_distribution()
    {
        var settings = new ClassifierSettings { NaiveBayesWeight = 0.5, ComplementNaiveBayes = true };
        var classifier = DisciplineClassifier.Train(Short.Concat(Long), settings: settings);
        var rice = classifier.Suggest("稻田施肥", 5);
        Assert.Equal("0101", rice[0].Code);
        Assert.InRange(rice.Sum(s => s.Probability), 0.999999, 1.000001);
        Assert.Equal("0201", classifier.Suggest("桥墩加固")[0].Code);
        // It changes the probabilities of the plain regression.
        Assert.NotEqual(DisciplineClassifier.Train(Short.Concat(Long)).Suggest("稻田施肥", 5)[0].Probability, rice[0].Probability, 6);
    }

    [Fact]
    public void Self_training_gives_a_group_title_the_discipline_its_words_point_to()
    {
        LabeledText[] labelled =
        [
            new("水稻 栽培", "0101"), new("水稻 施肥", "0101"), new("水稻 品种", "0101"),
            new("果树 修剪", "0102"), new("果树 嫁接", "0102"), new("果树 品种", "0102"),
            new("桥梁 检测", "0201"), new("桥梁 加固", "0201"),
        ];
        // 茶园 occurs only in 农学 titles that otherwise speak of rice.
        LabeledText[] categoryOnly = [new("水稻 茶园 轮作", "农学"), new("茶园 水稻 间作", "农学"), new("水稻 茶园 土壤", "农学")];
        var groups = new Dictionary<string, string> { ["0101"] = "农学", ["0102"] = "农学", ["0201"] = "工学" };

        static (double Rice, double Fruit) Read(DisciplineClassifier c)
        {
            var s = c.Suggest("茶园", 3);
            return (s.Single(x => x.Code == "0101").Probability, s.Single(x => x.Code == "0102").Probability);
        }
        var plain = Read(DisciplineClassifier.Train(labelled, categoryOnly, groups));
        var selfTrained = Read(DisciplineClassifier.Train(labelled, categoryOnly, groups, settings: new ClassifierSettings { GroupPseudoLabelShare = 0.5 }));

        // The group titles became rice examples, so 茶园 alone now points to rice more than before, and more than to fruit.
        Assert.True(selfTrained.Rice > plain.Rice, $"{selfTrained} vs {plain}");
        Assert.True(selfTrained.Rice > selfTrained.Fruit + 0.1, $"{selfTrained}");
        // A share no label can reach leaves the model as it was.
        Assert.Equal(plain, Read(DisciplineClassifier.Train(labelled, categoryOnly, groups, settings: new ClassifierSettings { GroupPseudoLabelShare = 1.01 })));
    }

    [Fact]
    public void A_classifier_with_short_text_options_loads_back_and_a_format_2_file_still_loads()
    {
        foreach (var settings in new[]
        {
            new ClassifierSettings { ShortTextBigrams = 8 },
            new ClassifierSettings { NaiveBayesWeight = 0.2, ComplementNaiveBayes = true, ShortExcerptExamples = 2 },
        })
        {
            var trained = DisciplineClassifier.Train(Short.Concat(Long), settings: settings);
            using var file = new MemoryStream();
            trained.Save(file);
            var loaded = DisciplineClassifier.Load(new MemoryStream(file.ToArray()));
            foreach (var text in new[] { "水稻栽培", "桥梁加固检测", "稻田", "桥墩结构的抗震性能分析，建立了桥梁结构的有限元模型" })
            {
                Assert.Equal(trained.Suggest(text, 3), loaded.Suggest(text, 3));
            }
        }

        // Format 2 (before the short-text bigram length): magic, 2, the character flag, then the labels.
        var plain = DisciplineClassifier.Train(Short);
        using var current = new MemoryStream();
        plain.Save(current);
        var bytes = current.ToArray();
        Assert.Equal(3, BitConverter.ToInt32(bytes, 4));
        var old = bytes[..9].Concat(bytes[13..]).ToArray();
        BitConverter.GetBytes(2).CopyTo(old, 4);
        var loadedOld = DisciplineClassifier.Load(new MemoryStream(old));
        Assert.Equal(plain.Suggest("水稻栽培", 2), loadedOld.Suggest("水稻栽培", 2));
    }

    private const string Agriculture = "21060";
    private const string Mechanics = "46010";

    /// <summary>Reads every query as agriculture with the given probability; the rest goes to four other fields.</summary>
    private sealed class AgriculturePredictor(double sureness) : IDisciplinePredictor
    {
        public IReadOnlyList<CodeSuggestion> Predict(IReadOnlyList<string> tokens, int top) =>
            [new(Agriculture, sureness), new(Mechanics, (1 - sureness) / 4), new("11010", (1 - sureness) / 4), new("31010", (1 - sureness) / 4), new("71010", (1 - sureness) / 4)];
    }

    /// <summary>The predicted-discipline part of an agriculture document's score for <paramref name="text"/>.</summary>
    private static double FieldPart(MatchOptions options, double sureness, string text)
    {
        options = options with { CodeFeedbackDocuments = 0 };
        var index = new MatchIndex(options: options, disciplinePredictor: new AgriculturePredictor(sureness));
        index.Rebuild(Docs.Filler(30).Concat(Enumerable.Range(0, 3).Select(i =>
            Docs.Offer($"rice-{i}", "水稻加工", body: $"水稻加工工艺第{i}种。") with { DisciplineCodes = [Agriculture] })));
        var results = index.Search(new MatchQuery { Text = text });
        foreach (var r in results)
        {
            ExplanationTruth.Check(r, results, options);
            Assert.Equal(r.Score, r.Explanation.Contributions.Sum(c => c.Score), 6);
        }
        var result = results.First(r => r.Id.StartsWith("rice-", StringComparison.Ordinal));
        return result.Explanation.Contributions.Where(c => c.Signal == MatchSignal.PredictedDiscipline).Sum(c => c.Score);
    }

    [Theory]
    [InlineData(0.25, 0.5)]
    [InlineData(0.4, 0.8)]
    [InlineData(0.8, 1.0)]
    public void An_unsure_field_of_a_short_query_weighs_less_by_its_sureness(double sureness, double scale)
    {
        var flat = new MatchOptions { PredictedDisciplineShortTextFlattening = 40, PredictedDisciplineConfidentAt = 0.5 };
        var off = FieldPart(new MatchOptions(), sureness, "水稻加工工艺");
        Assert.True(off > 0);
        Assert.Equal(off * scale, FieldPart(flat, sureness, "水稻加工工艺"), 6);
    }

    [Fact]
    public void A_long_query_keeps_the_full_field_weight_however_unsure()
    {
        var flat = new MatchOptions { PredictedDisciplineShortTextFlattening = 10, PredictedDisciplineConfidentAt = 0.5 };
        const string text = "水稻加工工艺的改进，提高稻谷出米率和大米的品质，降低碎米率";
        Assert.True(text.Length > 10);
        Assert.Equal(FieldPart(new MatchOptions(), 0.25, text), FieldPart(flat, 0.25, text), 9);
    }
}
