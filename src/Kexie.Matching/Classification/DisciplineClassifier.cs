using Kexie.Matching.Analysis;

namespace Kexie.Matching.Classification;

/// <summary>A training example: a text and its label (a discipline code or name).</summary>
/// <param name="Text">Title, keywords and/or abstract.</param>
/// <param name="Label">The discipline code.</param>
public sealed record LabeledText(string Text, string Label);

/// <summary>Training settings of <see cref="DisciplineClassifier"/>.</summary>
public sealed record ClassifierSettings
{
    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; init; } = 25;

    /// <summary>Initial learning rate (AdaGrad).</summary>
    public double LearningRate { get; init; } = 0.2;

    /// <summary>L2 regularisation per update.</summary>
    public double L2 { get; init; } = 3e-4;

    /// <summary>Terms seen in fewer training texts are ignored.</summary>
    public int MinDocumentFrequency { get; init; } = 2;

    /// <summary>Seed of the example shuffling (training is deterministic for a seed).</summary>
    public int Seed { get; init; } = 13;
}

/// <summary>
/// Suggests discipline codes for a text: multinomial logistic regression over tf-idf weighted
/// terms of the <see cref="ChineseAnalyzer"/>, trained with AdaGrad. Thread-safe once trained.
/// </summary>
public sealed class DisciplineClassifier : IDisciplinePredictor
{
    private readonly ChineseAnalyzer analyzer;
    private readonly Dictionary<string, int> vocabulary;
    private readonly float[] idf;
    private readonly float[] weights; // [feature * classes + class]
    private readonly float[] bias;
    private readonly string[] labels;

    private DisciplineClassifier(ChineseAnalyzer analyzer, Dictionary<string, int> vocabulary, float[] idf, float[] weights, float[] bias, string[] labels)
    {
        this.analyzer = analyzer;
        this.vocabulary = vocabulary;
        this.idf = idf;
        this.weights = weights;
        this.bias = bias;
        this.labels = labels;
    }

    /// <summary>The labels it can suggest.</summary>
    public IReadOnlyList<string> Labels => labels;

    /// <summary>Number of features (terms) the model knows.</summary>
    public int FeatureCount => vocabulary.Count;

    /// <summary>Trains a classifier on <paramref name="examples"/>.</summary>
    public static DisciplineClassifier Train(IEnumerable<LabeledText> examples, ChineseAnalyzer? analyzer = null, ClassifierSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        analyzer ??= ChineseAnalyzer.Default;
        settings ??= new ClassifierSettings();
        var data = examples.Where(e => !string.IsNullOrWhiteSpace(e.Label)).ToList();
        if (data.Count == 0)
        {
            throw new ArgumentException("没有可用的训练样本。", nameof(examples));
        }
        var tokenized = new List<string>[data.Count];
        Parallel.For(0, data.Count, i => tokenized[i] = analyzer.Analyze(data[i].Text));

        var labels = data.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
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
                idfList.Add((float)Math.Log((1.0 + data.Count) / (1.0 + count)) + 1f);
            }
        }
        var classes = labels.Length;
        var model = new DisciplineClassifier(analyzer, vocabulary, [.. idfList], new float[vocabulary.Count * classes], new float[classes], labels);
        var vectors = tokenized.Select(model.Vectorize).ToArray();
        var targets = data.Select(e => labelIndex[e.Label]).ToArray();
        model.Fit(vectors, targets, settings);
        return model;
    }

    /// <summary>The most likely codes for <paramref name="text"/>, best first.</summary>
    public IReadOnlyList<CodeSuggestion> Suggest(string? text, int top = 3) => Predict(analyzer.Analyze(text), top);

    /// <inheritdoc />
    public IReadOnlyList<CodeSuggestion> Predict(IReadOnlyList<string> tokens, int top)
    {
        var vector = Vectorize(tokens);
        if (vector.Length == 0 || top <= 0)
        {
            return [];
        }
        var p = Probabilities(vector);
        var order = Enumerable.Range(0, labels.Length).OrderByDescending(i => p[i]).ThenBy(i => i).Take(top);
        return order.Select(i => new CodeSuggestion(labels[i], p[i])).ToList();
    }

    private (int Feature, float Value)[] Vectorize(IReadOnlyList<string> tokens)
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
        var classes = labels.Length;
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

    private void Fit((int Feature, float Value)[][] vectors, int[] targets, ClassifierSettings settings)
    {
        var classes = labels.Length;
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
