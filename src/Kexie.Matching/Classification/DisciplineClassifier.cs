using Kexie.Matching.Analysis;

namespace Kexie.Matching.Classification;

/// <summary>A training example: a text and its label (a discipline code or name).</summary>
/// <param name="Text">Title, keywords and/or abstract.</param>
/// <param name="Label">The discipline code.</param>
public sealed record LabeledText(string Text, string Label);

/// <summary>Training settings of <see cref="DisciplineClassifier"/>.</summary>
public sealed record ClassifierSettings
{
    /// <summary>Passes over the training data (few passes act as regularisation: 12 measured best on CSL, 25 and 40 worse).</summary>
    public int Epochs { get; init; } = 12;

    /// <summary>Initial learning rate (AdaGrad).</summary>
    public double LearningRate { get; init; } = 0.2;

    /// <summary>L2 regularisation per update.</summary>
    public double L2 { get; init; } = 1e-4;

    /// <summary>Terms seen in fewer training texts are ignored.</summary>
    public int MinDocumentFrequency { get; init; } = 2;

    /// <summary>
    /// Also use each Chinese character of the analysed terms as a feature. Titles are short and full of words
    /// never seen in training; their characters (菌, 桥, 砂, 肽 …) still carry the field.
    /// </summary>
    public bool CharacterFeatures { get; init; } = true;

    /// <summary>
    /// Weight of a multinomial naive Bayes model over the same features, multiplied into the regression's probabilities
    /// (p ∝ p_regression × p_bayes^weight); 0 (default) leaves it out. A generative model reaches its best with far fewer
    /// examples per class than a discriminative one (Ng and Jordan, 2002), and CSL has about ten to twenty per
    /// discipline. 0.2 (with <see cref="NaiveBayesSmoothing"/> 0.01, chosen by log-loss on the tuning split, bench
    /// <c>classifier</c>) is the better classifier on its own: lower log-loss for titles, keywords and whole texts, top-1
    /// and top-3 up, and the first choice's probability near its accuracy (the regression alone is under-confident).
    /// It is off by default because the engine's weights and the confidence were tuned to the regression's flatter
    /// probabilities: on the evaluation half it raised T4 (text + model) 1.268× → 1.276× but moved T2 to −0.0040, 0.001
    /// inside the guard, and the refitted confidence's false confidence rose 14.8 % → 16.2 % (docs/benchmarks.md). With the
    /// engine re-tuned to its probabilities on the tuning split (<see cref="MatchOptions.PredictedDocumentDisciplineCodes"/>,
    /// <see cref="MatchOptions.PredictedLeaderBand"/>) T4 rose to 1.325× there but T2 fell to −0.0041: still off.
    /// </summary>
    public double NaiveBayesWeight { get; init; }

    /// <summary>Additive (Lidstone) smoothing of the naive Bayes feature weights, in units of one normalised example's weight.</summary>
    public double NaiveBayesSmoothing { get; init; } = 0.01;

    /// <summary>
    /// Texts of at most this many Han characters (titles, keyword lists, short needs) also yield their adjacent character
    /// pairs as features; 0 (default) = off. Bigrams over every text were tried and lowered accuracy (whole texts drown the
    /// model in pairs); restricted to short texts they are learnt from the title, keyword and category-title examples only
    /// and read only where a text has few words to go on. Off: title top-1 on the tuning split 41.3 % → 40.6 % (16) / 38.8 %
    /// (30) (issue 12, docs/benchmarks.md).
    /// </summary>
    public int ShortTextBigrams { get; init; }

    /// <summary>
    /// With <see cref="NaiveBayesWeight"/> &gt; 0: the naive Bayes part is a complement naive Bayes (Rennie et al. 2003):
    /// each class's feature weights are estimated from the examples of every <em>other</em> class and L1-normalised, which
    /// evens out classes with few examples (here without the weight normalisation, so its scores have the multinomial
    /// part's scale). Off (default): the ordinary multinomial naive Bayes, which read titles better on the tuning split
    /// (43.0 % against 42.2 % top-1).
    /// </summary>
    public bool ComplementNaiveBayes { get; init; }

    /// <summary>
    /// Extra short training examples cut from each long labelled text (more than 60 characters): up to this many
    /// title-length excerpts (<see cref="ExcerptLength"/> characters from the start of each of its sentences after the
    /// first, which holds the title), labelled like the text; 0 (default) = off. Only the training examples are read.
    /// Off: 3 excerpts lowered title top-1 on the tuning split 41.3 % → 40.2 % (docs/benchmarks.md).
    /// </summary>
    public int ShortExcerptExamples { get; init; }

    /// <summary>Length in characters of the excerpts of <see cref="ShortExcerptExamples"/> (about a CSL title's).</summary>
    public int ExcerptLength { get; init; } = 20;

    /// <summary>
    /// Self-training on the group examples (0 = off): after a first training, a group example (a CSL title known only by
    /// its 门类) whose likeliest discipline within its group holds at least this share of the group's probability becomes
    /// an example of that discipline, and the model is trained again — thousands of short titles where the labelled
    /// file has ten to twenty per discipline. Costs a second training. Off: on the tuning split 0.5 raised title top-1
    /// 41.3 % → 42.2 % (with the naive Bayes part 43.8 %), but with codes T2 fell (1 / 7 and 3 / 13 title queries up /
    /// down): a classifier surer of its readings is surer of its wrong ones too (docs/benchmarks.md, 2026-12-05).
    /// </summary>
    public double GroupPseudoLabelShare { get; init; }

    /// <summary>Seed of the example shuffling (training is deterministic for a seed).</summary>
    public int Seed { get; init; } = 13;
}

/// <summary>
/// Suggests discipline codes for a text: multinomial logistic regression over tf-idf weighted
/// terms of the <see cref="ChineseAnalyzer"/> (and their characters), trained with AdaGrad, optionally combined with a
/// multinomial naive Bayes model over the same features (<see cref="ClassifierSettings.NaiveBayesWeight"/>). Thread-safe once trained.
/// </summary>
/// <remarks>
/// Texts known only at a coarser level (e.g. titles labelled with a 门类 but no 学科) can be added as
/// group examples: each group is one more class while training, and at prediction its probability is
/// shared among the group's labels in proportion to their own probabilities.
/// </remarks>
public sealed class DisciplineClassifier : IDisciplinePredictor
{
    private readonly ChineseAnalyzer analyzer;
    private readonly Dictionary<string, int> vocabulary;
    private readonly float[] idf;
    private readonly float[] weights; // [feature * classes + class]
    private readonly float[] bias;
    private readonly string[] classes; // the labels, then one class per group
    private readonly int labelCount;
    private readonly int[][] groupMembers; // per group class: the label indexes it is shared among
    private readonly bool characterFeatures;
    private int shortTextBigrams;
    private float[] bayes = []; // [feature * labelCount + label]: log θ
    private float[] bayesPrior = [];
    private float bayesWeight;

    private DisciplineClassifier(ChineseAnalyzer analyzer, Dictionary<string, int> vocabulary, float[] idf, string[] classes, int labelCount, int[][] groupMembers, bool characterFeatures)
    {
        this.analyzer = analyzer;
        this.vocabulary = vocabulary;
        this.idf = idf;
        this.classes = classes;
        this.labelCount = labelCount;
        this.groupMembers = groupMembers;
        this.characterFeatures = characterFeatures;
        weights = new float[vocabulary.Count * classes.Length];
        bias = new float[classes.Length];
    }

    /// <summary>The labels it can suggest.</summary>
    public IReadOnlyList<string> Labels => new ArraySegment<string>(classes, 0, labelCount);

    /// <summary>Number of features (terms) the model knows.</summary>
    public int FeatureCount => vocabulary.Count;

    /// <summary>Trains a classifier on <paramref name="examples"/>.</summary>
    public static DisciplineClassifier Train(IEnumerable<LabeledText> examples, ChineseAnalyzer? analyzer = null, ClassifierSettings? settings = null) =>
        Train(examples, [], new Dictionary<string, string>(), analyzer, settings);

    /// <summary>
    /// Trains a classifier on <paramref name="examples"/> and on <paramref name="groupExamples"/>, texts whose
    /// <see cref="LabeledText.Label"/> is a group (e.g. a CSL 门类) rather than a label; <paramref name="groupOf"/>
    /// gives each label's group. Group examples whose group has no label are ignored.
    /// </summary>
    public static DisciplineClassifier Train(IEnumerable<LabeledText> examples, IEnumerable<LabeledText> groupExamples,
        IReadOnlyDictionary<string, string> groupOf, ChineseAnalyzer? analyzer = null, ClassifierSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(groupExamples);
        ArgumentNullException.ThrowIfNull(groupOf);
        analyzer ??= ChineseAnalyzer.Default;
        settings ??= new ClassifierSettings();
        var data = examples.Where(e => !string.IsNullOrWhiteSpace(e.Label)).ToList();
        if (data.Count == 0)
        {
            throw new ArgumentException("没有可用的训练样本。", nameof(examples));
        }
        if (settings.ShortExcerptExamples > 0)
        {
            data = [.. data, .. data.SelectMany(e => Excerpts(e.Text, settings.ShortExcerptExamples, settings.ExcerptLength).Select(x => new LabeledText(x, e.Label)))];
        }
        var labels = data.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var membersByGroup = labels.Where(groupOf.ContainsKey).GroupBy(l => groupOf[l], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var groups = groupExamples.Where(e => !string.IsNullOrWhiteSpace(e.Label) && membersByGroup.ContainsKey(e.Label)).ToList();
        var groupNames = groups.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

        // Classes: the labels, then one per group (a prefix no label can carry keeps them apart).
        var classNames = labels.Concat(groupNames.Select(g => GroupPrefix + g)).ToArray();
        var classIndex = classNames.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var groupMembers = groupNames.Select(g => membersByGroup[g].Select(l => labelIndex[l]).ToArray()).ToArray();
        var texts = data.Select(e => (e.Text, Class: classIndex[e.Label]))
            .Concat(groups.Select(e => (e.Text, Class: classIndex[GroupPrefix + e.Label]))).ToList();

        var tokenized = new List<string>[texts.Count];
        Parallel.For(0, texts.Count, i => tokenized[i] = Features(texts[i].Text, analyzer.Analyze(texts[i].Text), settings.CharacterFeatures, settings.ShortTextBigrams));
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var tokens in tokenized)
        {
            foreach (var t in tokens.Distinct(StringComparer.Ordinal))
            {
                df[t] = df.GetValueOrDefault(t) + 1;
            }
        }
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var idfList = new List<float>();
        foreach (var (term, count) in df.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (count >= settings.MinDocumentFrequency)
            {
                vocabulary[term] = vocabulary.Count;
                idfList.Add((float)Math.Log((1.0 + texts.Count) / (1.0 + count)) + 1f);
            }
        }
        var model = new DisciplineClassifier(analyzer, vocabulary, [.. idfList], classNames, labels.Length, groupMembers, settings.CharacterFeatures)
        {
            shortTextBigrams = settings.ShortTextBigrams,
        };
        var vectors = tokenized.Select(model.Vectorize).ToArray();
        var targets = texts.Select(t => t.Class).ToArray();
        model.Fit(vectors, targets, settings);
        if (settings.GroupPseudoLabelShare > 0 && groups.Count > 0)
        {
            // Self-training on the group examples: a group title whose likeliest label within its group holds at least
            // the given share of the group's probability becomes an example of that label, and the model is trained again.
            var relabelled = (int[])targets.Clone();
            for (var i = data.Count; i < vectors.Length; i++)
            {
                if (vectors[i].Length == 0)
                {
                    continue;
                }
                var p = model.Probabilities(vectors[i]);
                var members = groupMembers[targets[i] - labels.Length];
                var within = members.Sum(m => p[m]);
                var best = members.MaxBy(m => p[m]);
                if (within > 0 && p[best] / within >= settings.GroupPseudoLabelShare)
                {
                    relabelled[i] = best;
                }
            }
            model = new DisciplineClassifier(analyzer, vocabulary, [.. idfList], classNames, labels.Length, groupMembers, settings.CharacterFeatures)
            {
                shortTextBigrams = settings.ShortTextBigrams,
            };
            targets = relabelled;
            model.Fit(vectors, targets, settings);
        }
        if (settings.NaiveBayesWeight > 0)
        {
            model.FitBayes(vectors, targets, settings);
        }
        return model;
    }

    private const int FileFormat = 3; // 3: + the short-text bigram length; 2 is still read
    private static ReadOnlySpan<byte> FileMagic => "KXDC"u8;

    /// <summary>
    /// Writes the trained model (classes, groups, vocabulary with idf, weights, naive Bayes part) to <paramref name="stream"/>, so a
    /// node can start without training again; <see cref="Load"/> reads it back. The analyzer is not stored: load it
    /// with the same analyzer (same domain terms) it was trained with.
    /// </summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(FileMagic);
        w.Write(FileFormat);
        w.Write(characterFeatures);
        w.Write(shortTextBigrams);
        w.Write(labelCount);
        w.Write(classes.Length);
        foreach (var c in classes)
        {
            w.Write(c);
        }
        w.Write(groupMembers.Length);
        foreach (var members in groupMembers)
        {
            w.Write(members.Length);
            foreach (var m in members)
            {
                w.Write(m);
            }
        }
        var terms = new string[vocabulary.Count];
        foreach (var (term, index) in vocabulary)
        {
            terms[index] = term;
        }
        w.Write(terms.Length);
        for (var i = 0; i < terms.Length; i++)
        {
            w.Write(terms[i]);
            w.Write(idf[i]);
        }
        foreach (var x in weights)
        {
            w.Write(x);
        }
        foreach (var x in bias)
        {
            w.Write(x);
        }
        w.Write(bayesWeight);
        if (bayesWeight > 0)
        {
            foreach (var x in bayesPrior)
            {
                w.Write(x);
            }
            foreach (var x in bayes)
            {
                w.Write(x);
            }
        }
    }

    /// <summary>Reads a model written by <see cref="Save"/>; throws <see cref="InvalidDataException"/> when the data is not one.</summary>
    public static DisciplineClassifier Load(Stream stream, ChineseAnalyzer? analyzer = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            var magic = r.ReadBytes(FileMagic.Length).AsSpan().SequenceEqual(FileMagic);
            var format = magic ? r.ReadInt32() : 0;
            if (format is not (2 or FileFormat))
            {
                throw new InvalidDataException("不是学科分类模型文件，或版本不符。");
            }
            var characters = r.ReadBoolean();
            var bigrams = format >= 3 ? Checked(r.ReadInt32(), 1_000_000) : 0;
            var labelCount = r.ReadInt32();
            var classes = new string[Checked(r.ReadInt32(), 100_000)];
            for (var i = 0; i < classes.Length; i++)
            {
                classes[i] = r.ReadString();
            }
            var groupMembers = new int[Checked(r.ReadInt32(), classes.Length)][];
            for (var g = 0; g < groupMembers.Length; g++)
            {
                groupMembers[g] = new int[Checked(r.ReadInt32(), labelCount)];
                for (var i = 0; i < groupMembers[g].Length; i++)
                {
                    groupMembers[g][i] = Checked(r.ReadInt32(), labelCount - 1);
                }
            }
            if (labelCount < 1 || labelCount + groupMembers.Length != classes.Length)
            {
                throw new InvalidDataException("学科分类模型文件的类别数不一致。");
            }
            var count = Checked(r.ReadInt32(), 50_000_000 / classes.Length);
            var vocabulary = new Dictionary<string, int>(count, StringComparer.Ordinal);
            var idf = new float[count];
            for (var i = 0; i < count; i++)
            {
                vocabulary.Add(r.ReadString(), i);
                idf[i] = r.ReadSingle();
            }
            var model = new DisciplineClassifier(analyzer ?? ChineseAnalyzer.Default, vocabulary, idf, classes, labelCount, groupMembers, characters)
            {
                shortTextBigrams = bigrams,
            };
            for (var i = 0; i < model.weights.Length; i++)
            {
                model.weights[i] = r.ReadSingle();
            }
            for (var i = 0; i < model.bias.Length; i++)
            {
                model.bias[i] = r.ReadSingle();
            }
            model.bayesWeight = r.ReadSingle();
            if (model.bayesWeight > 0)
            {
                model.bayesPrior = new float[labelCount];
                for (var i = 0; i < labelCount; i++)
                {
                    model.bayesPrior[i] = r.ReadSingle();
                }
                model.bayes = new float[count * labelCount];
                for (var i = 0; i < model.bayes.Length; i++)
                {
                    model.bayes[i] = r.ReadSingle();
                }
            }
            return model;
        }
        catch (Exception e) when (e is IOException or ArgumentException)
        {
            throw new InvalidDataException("学科分类模型文件不完整或已损坏。", e);
        }

        static int Checked(int value, int max) =>
            value >= 0 && value <= max ? value : throw new InvalidDataException("学科分类模型文件已损坏（长度越界）。");
    }

    /// <summary>The most likely codes for <paramref name="text"/>, best first.</summary>
    public IReadOnlyList<CodeSuggestion> Suggest(string? text, int top = 3) => Predict(text, analyzer.Analyze(text), top);

    /// <inheritdoc />
    public IReadOnlyList<CodeSuggestion> Predict(IReadOnlyList<string> tokens, int top) => Predict(null, tokens, top);

    /// <inheritdoc />
    public IReadOnlyList<CodeSuggestion> Predict(string? text, IReadOnlyList<string> tokens, int top)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var vector = Vectorize(Features(text, tokens, characterFeatures, shortTextBigrams));
        if (vector.Length == 0 || top <= 0)
        {
            return [];
        }
        var p = Probabilities(vector);
        // Share each group's probability among its labels in proportion to theirs.
        for (var g = 0; g < groupMembers.Length; g++)
        {
            var mass = p[labelCount + g];
            var members = groupMembers[g];
            var within = members.Sum(i => p[i]);
            foreach (var i in members)
            {
                p[i] += within > 0 ? mass * p[i] / within : mass / members.Length;
            }
        }
        if (bayesWeight > 0)
        {
            CombineBayes(vector, p);
        }
        var order = Enumerable.Range(0, labelCount).OrderByDescending(i => p[i]).ThenBy(i => i).Take(top);
        return order.Select(i => new CodeSuggestion(classes[i], p[i])).ToList();
    }

    private const string GroupPrefix = "\u0001group:";
    private const string CharacterPrefix = "\u0002";
    private const string BigramPrefix = "\u0003";

    /// <summary>
    /// The analysed terms, plus (when enabled) each Chinese character of the text as a feature of its own
    /// (of the terms when the text is not at hand). Characters of the text measured better than characters
    /// of the terms: stop words and single characters dropped by the analyzer still hint at the field.
    /// </summary>
    private static List<string> Features(string? text, IReadOnlyList<string> tokens, bool characters, int shortTextBigrams = 0)
    {
        var features = UnigramFeatures(text, tokens, characters);
        if (shortTextBigrams > 0)
        {
            AddShortTextBigrams(features, text, tokens, shortTextBigrams);
        }
        return features;
    }

    /// <summary>
    /// Adjacent Han character pairs of a text of at most <paramref name="maxCharacters"/> Han characters (of the terms when
    /// the text is not at hand); nothing for a longer text.
    /// </summary>
    private static void AddShortTextBigrams(List<string> features, string? text, IReadOnlyList<string> tokens, int maxCharacters)
    {
        var source = text is not null
            ? TextNormalizer.Normalize(text.Length > MaxCharacterText ? text[..MaxCharacterText] : text)
            : string.Join(' ', tokens);
        var han = 0;
        foreach (var c in source)
        {
            if (TextNormalizer.IsHan(c) && ++han > maxCharacters)
            {
                return;
            }
        }
        for (var i = 0; i + 1 < source.Length; i++)
        {
            if (TextNormalizer.IsHan(source[i]) && TextNormalizer.IsHan(source[i + 1]))
            {
                features.Add(string.Concat(BigramPrefix, source.AsSpan(i, 2)));
            }
        }
    }

    /// <summary>
    /// Title-length excerpts of a long text: <paramref name="length"/> characters from the start of each sentence after the
    /// first (which holds the title and keywords when the text is title + keywords + abstract), at most
    /// <paramref name="count"/>; none for a text of 60 characters or fewer.
    /// </summary>
    internal static IEnumerable<string> Excerpts(string text, int count, int length)
    {
        if (string.IsNullOrEmpty(text) || text.Length <= 60 || count <= 0 || length <= 0)
        {
            yield break;
        }
        var sentences = text.Split(['。', '；', '！', '？', ';', '!', '?'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var taken = 0;
        for (var i = 1; i < sentences.Length && taken < count; i++)
        {
            var s = sentences[i];
            if (s.Count(TextNormalizer.IsHan) < 4)
            {
                continue;
            }
            yield return s.Length > length ? s[..length] : s;
            taken++;
        }
    }

    private static List<string> UnigramFeatures(string? text, IReadOnlyList<string> tokens, bool characters)
    {
        var features = new List<string>(characters ? tokens.Count * 3 : tokens.Count);
        features.AddRange(tokens);
        if (!characters)
        {
            return features;
        }
        if (text is not null)
        {
            var normalized = TextNormalizer.Normalize(text.Length > MaxCharacterText ? text[..MaxCharacterText] : text);
            foreach (var c in normalized)
            {
                if (TextNormalizer.IsHan(c))
                {
                    features.Add(CharacterFeature(c));
                }
            }
            return features;
        }
        foreach (var t in tokens)
        {
            foreach (var c in t)
            {
                if (TextNormalizer.IsHan(c))
                {
                    features.Add(CharacterFeature(c));
                }
            }
        }
        return features;
    }

    private const int MaxCharacterText = 200_000;

    private static string CharacterFeature(char c) => string.Create(2, c, static (span, ch) =>
    {
        span[0] = CharacterPrefix[0];
        span[1] = ch;
    });

    private (int Feature, float Value)[] Vectorize(List<string> tokens)
    {
        var counts = new Dictionary<int, int>();
        foreach (var t in tokens)
        {
            if (vocabulary.TryGetValue(t, out var f))
            {
                counts[f] = counts.GetValueOrDefault(f) + 1;
            }
        }
        if (counts.Count == 0)
        {
            return [];
        }
        var vector = counts.Select(kv => (kv.Key, (float)((1 + Math.Log(kv.Value)) * idf[kv.Key]))).ToArray();
        var norm = (float)Math.Sqrt(vector.Sum(v => (double)v.Item2 * v.Item2));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i].Item2 /= norm;
        }
        return vector;
    }

    private double[] Probabilities((int Feature, float Value)[] vector)
    {
        var classes = this.classes.Length;
        var z = new double[classes];
        for (var c = 0; c < classes; c++)
        {
            z[c] = bias[c];
        }
        foreach (var (f, v) in vector)
        {
            var row = f * classes;
            for (var c = 0; c < classes; c++)
            {
                z[c] += weights[row + c] * v;
            }
        }
        var max = z.Max();
        var sum = 0.0;
        for (var c = 0; c < classes; c++)
        {
            z[c] = Math.Exp(z[c] - max);
            sum += z[c];
        }
        for (var c = 0; c < classes; c++)
        {
            z[c] /= sum;
        }
        return z;
    }

    /// <summary>Multiplies the naive Bayes likelihoods (to the power <see cref="ClassifierSettings.NaiveBayesWeight"/>) into <paramref name="p"/> and renormalises the labels.</summary>
    private void CombineBayes((int Feature, float Value)[] vector, double[] p)
    {
        var z = new double[labelCount];
        for (var c = 0; c < labelCount; c++)
        {
            z[c] = bayesPrior[c];
        }
        foreach (var (f, v) in vector)
        {
            var row = f * labelCount;
            for (var c = 0; c < labelCount; c++)
            {
                z[c] += bayes[row + c] * v;
            }
        }
        var max = double.NegativeInfinity;
        for (var c = 0; c < labelCount; c++)
        {
            z[c] = Math.Log(Math.Max(p[c], 1e-12)) + bayesWeight * z[c];
            max = Math.Max(max, z[c]);
        }
        var sum = 0.0;
        for (var c = 0; c < labelCount; c++)
        {
            z[c] = Math.Exp(z[c] - max);
            sum += z[c];
        }
        for (var c = 0; c < labelCount; c++)
        {
            p[c] = z[c] / sum;
        }
    }

    /// <summary>Multinomial naive Bayes on the normalised tf-idf vectors of the labelled examples (group examples are left out).</summary>
    private void FitBayes((int Feature, float Value)[][] vectors, int[] targets, ClassifierSettings settings)
    {
        var features = vocabulary.Count;
        var mass = new double[features * labelCount];
        var total = new double[labelCount];
        var examples = new double[labelCount];
        for (var i = 0; i < vectors.Length; i++)
        {
            var c = targets[i];
            if (c >= labelCount)
            {
                continue;
            }
            examples[c]++;
            foreach (var (f, v) in vectors[i])
            {
                mass[f * labelCount + c] += v;
                total[c] += v;
            }
        }
        var alpha = settings.NaiveBayesSmoothing;
        var all = examples.Sum();
        bayes = new float[mass.Length];
        bayesPrior = new float[labelCount];
        if (settings.ComplementNaiveBayes)
        {
            // Complement naive Bayes: a class is scored by how unlike the other classes' text it is (−log θ of the
            // complement), which every class estimates from the many examples of the others; no class prior.
            var featureMass = new double[features];
            for (var f = 0; f < features; f++)
            {
                for (var c = 0; c < labelCount; c++)
                {
                    featureMass[f] += mass[f * labelCount + c];
                }
            }
            var allMass = total.Sum();
            for (var c = 0; c < labelCount; c++)
            {
                var denominator = Math.Log(allMass - total[c] + alpha * features);
                for (var f = 0; f < features; f++)
                {
                    bayes[f * labelCount + c] = (float)-(Math.Log(featureMass[f] - mass[f * labelCount + c] + alpha) - denominator);
                }
            }
            bayesWeight = (float)settings.NaiveBayesWeight;
            return;
        }
        for (var c = 0; c < labelCount; c++)
        {
            bayesPrior[c] = (float)Math.Log((examples[c] + 1) / (all + labelCount));
            var denominator = Math.Log(total[c] + alpha * features);
            for (var f = 0; f < features; f++)
            {
                bayes[f * labelCount + c] = (float)(Math.Log(mass[f * labelCount + c] + alpha) - denominator);
            }
        }
        bayesWeight = (float)settings.NaiveBayesWeight;
    }

    private void Fit((int Feature, float Value)[][] vectors, int[] targets, ClassifierSettings settings)
    {
        var classes = this.classes.Length;
        var g2 = new float[weights.Length];
        var b2 = new float[classes];
        var order = Enumerable.Range(0, vectors.Length).ToArray();
        var random = new Random(settings.Seed);
        var eta = settings.LearningRate;
        var l2 = (float)settings.L2;
        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                var vector = vectors[i];
                if (vector.Length == 0)
                {
                    continue;
                }
                var p = Probabilities(vector);
                p[targets[i]] -= 1; // gradient of cross-entropy w.r.t. the logits
                for (var c = 0; c < classes; c++)
                {
                    var g = (float)p[c];
                    b2[c] += g * g;
                    bias[c] -= (float)(eta * g / Math.Sqrt(b2[c] + 1e-8));
                }
                foreach (var (f, v) in vector)
                {
                    var row = f * classes;
                    for (var c = 0; c < classes; c++)
                    {
                        var g = (float)p[c] * v + l2 * weights[row + c];
                        if (g == 0)
                        {
                            continue;
                        }
                        g2[row + c] += g * g;
                        weights[row + c] -= (float)(eta * g / Math.Sqrt(g2[row + c] + 1e-8));
                    }
                }
            }
        }
    }
}
