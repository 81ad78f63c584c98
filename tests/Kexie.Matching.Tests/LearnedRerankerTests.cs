using Kexie.Matching.Ranking;

namespace Kexie.Matching.Tests;

/// <summary>The learned re-ranker (<see cref="MatchOptions.Reranker"/>, off by default): its features come from the score's
/// components, training is deterministic, off (or all weights 0) is the hand-weighted ranking exactly, and with it on the
/// order, the scores and the explanations shown agree.</summary>
public class LearnedRerankerTests
{
    private const string Mechanical = "46010";
    private const string Agriculture = "21010";

    /// <summary>Reads every query as mechanical engineering (0.6) or agriculture (0.4).</summary>
    private sealed class Predictor : IDisciplinePredictor
    {
        public IReadOnlyList<CodeSuggestion> Predict(IReadOnlyList<string> tokens, int top) =>
            [.. new CodeSuggestion[] { new(Mechanical, 0.6), new(Agriculture, 0.4) }.Take(top)];
    }

    private static MatchIndex Index(MatchOptions options)
    {
        var index = new MatchIndex(options: options with { CodeFeedbackDocuments = 0 }, disciplinePredictor: new Predictor());
        index.Rebuild(Docs.Filler(30).Concat(
        [
            Docs.Offer("gear-heat", "齿轮热处理工艺", body: "齿轮热处理工艺的改进与齿轮寿命。") with { DisciplineCodes = [Mechanical] },
            Docs.Offer("gear-agri", "农机齿轮热处理", body: "农机齿轮的热处理。") with { DisciplineCodes = [Agriculture] },
            Docs.Offer("gear-only", "齿轮设计", body: "齿轮的设计与加工。") with { DisciplineCodes = [Agriculture] },
            Docs.Offer("heat-only", "热处理炉", body: "热处理炉的节能改造。") with { DisciplineCodes = [Mechanical] },
            Docs.Offer("field-only", "机床主轴", body: "机床主轴的精度。") with { DisciplineCodes = [Mechanical] },
        ]));
        return index;
    }

    private static readonly MatchQuery Query = new() { Text = "齿轮热处理工艺" };

    private static LearnedReranker Model(params (int Feature, double Weight)[] weights)
    {
        var w = new double[LearnedReranker.FeatureNames.Count];
        foreach (var (f, x) in weights)
        {
            w[f] = x;
        }
        return new LearnedReranker(w, depth: 50);
    }

    private static int Feature(string name) => LearnedReranker.FeatureNames.ToList().IndexOf(name);

    [Fact]
    public void Off_by_default_and_all_zero_weights_reproduce_the_hand_weighted_ranking_exactly()
    {
        Assert.Null(new MatchOptions().Reranker);
        var off = Index(new MatchOptions()).Search(Query);
        var zero = Index(new MatchOptions { Reranker = Model() }).Search(Query);
        Assert.Equal(off.Select(r => r.Id), zero.Select(r => r.Id));
        Assert.Equal(off.Select(r => r.Score), zero.Select(r => r.Score));
        Assert.Equal(off.Select(r => r.Explanation.Summary), zero.Select(r => r.Explanation.Summary));
        Assert.Equal(off.Select(r => r.Confidence), zero.Select(r => r.Confidence));
        Assert.DoesNotContain(zero.SelectMany(r => r.Explanation.Contributions), c => c.Signal == MatchSignal.Learned);
    }

    [Fact]
    public void Capturing_the_training_inputs_does_not_change_the_ranking()
    {
        var index = Index(new MatchOptions());
        var plain = index.Search(Query);
        RerankCapture.Current = [];
        try
        {
            var captured = index.Search(Query);
            Assert.Equal(plain.Select(r => (r.Id, r.Score)), captured.Select(r => (r.Id, r.Score)));
        }
        finally
        {
            RerankCapture.Current = null;
        }
    }

    [Fact]
    public void The_inputs_are_the_score_components_the_explanation_shows()
    {
        var options = new MatchOptions();
        var index = Index(options);
        var results = index.Search(Query with { Top = 50 });
        var captured = new List<(string Id, RerankInputs Inputs)>();
        RerankCapture.Current = captured;
        try
        {
            index.Search(Query with { Top = 50 });
        }
        finally
        {
            RerankCapture.Current = null;
        }
        Assert.Equal(results.Count, captured.Count);
        var leaderText = captured.Max(c => c.Inputs.Text);
        for (var i = 0; i < captured.Count; i++)
        {
            var (id, x) = captured[i];
            var r = results.Single(m => m.Id == id);
            var parts = r.Explanation.Contributions;
            var lift = parts.Where(c => c.Signal == MatchSignal.TextLeader).Sum(c => c.Score);
            Assert.Equal(i, x.FinalRank);
            Assert.Equal(r.Score - lift, x.Final, 9);
            Assert.Equal(parts.Single(c => c.Signal == MatchSignal.Text).Score, x.Text, 9);
            Assert.Equal(r.Coverage, x.Coverage, 9);
            Assert.Equal(parts.Where(c => c.Signal == MatchSignal.PredictedDiscipline).Sum(c => c.Score) / options.PredictedDisciplineWeight, x.Field, 9);
            Assert.Equal(leaderText, x.LeaderText, 9);
            Assert.Equal(x.Text == leaderText && x.Text > 0, x.TextRank == 0);
            Assert.True(x.Predicted);
            Assert.Equal(r.ConfidenceInputs.Uncertainty, x.Uncertainty, 9);
            Assert.Equal(r.Coverage == 0, x.FieldOnly);

            var f = LearnedReranker.Features(x, captured[0].Inputs.Final);
            Assert.Equal(LearnedReranker.FeatureNames.Count, f.Length);
            Assert.Equal(Math.Min(2, x.Text), f[Feature("text")], 12);
            Assert.Equal(x.Coverage, f[Feature("coverage")], 12);
            Assert.Equal(x.Field, f[Feature("field")], 12);
            Assert.Equal(x.Field * x.Sureness, f[Feature("field × sureness")], 12);
            Assert.Equal(x.FieldOnly ? 1 : 0, f[Feature("field only")]);
            Assert.Equal(Math.Log(1 + x.TextRank), f[Feature("ln(1+text rank)")], 12);
            Assert.Equal(Math.Max(-2, x.Final - captured[0].Inputs.Final), f[Feature("final − 1st final")], 12);
        }
    }

    [Fact]
    public void A_learned_adjustment_is_its_own_contribution_and_the_order_shown_is_the_order_of_the_scores()
    {
        // A model that favours candidates of the predicted field and penalises weak coverage, so the order moves.
        var model = Model((Feature("field"), 0.8), (Feature("coverage"), -0.3), (Feature("text leader"), 0.1));
        var options = new MatchOptions { Reranker = model };
        var off = Index(new MatchOptions()).Search(Query with { Top = 50 });
        var on = Index(options).Search(Query with { Top = 50 });
        Assert.Equal(off.Select(r => r.Id).Order(StringComparer.Ordinal), on.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.NotEqual(off.Select(r => r.Id), on.Select(r => r.Id));
        Assert.Contains(on.SelectMany(r => r.Explanation.Contributions), c => c.Signal == MatchSignal.Learned);
        for (var i = 1; i < on.Count; i++)
        {
            Assert.True(on[i - 1].Score >= on[i].Score - 1e-12, $"{on[i - 1].Id} {on[i - 1].Score} before {on[i].Id} {on[i].Score}");
        }
        foreach (var r in on)
        {
            ExplanationTruth.Check(r, on, options with { CodeFeedbackDocuments = 0 });
            // The text contribution is still the text score: the adjustment is not folded into it.
            var before = off.Single(m => m.Id == r.Id);
            Assert.Equal(before.Explanation.Contributions.Single(c => c.Signal == MatchSignal.Text).Score,
                r.Explanation.Contributions.Single(c => c.Signal == MatchSignal.Text).Score, 9);
            // The abstention's confidence reads the same inputs: the re-ranker does not change a candidate's confidence.
            Assert.Equal(before.Confidence, r.Confidence, 12);
        }
    }

    /// <summary>The model evaluated in docs/benchmarks.md (trained on the CSL training half), found upwards from the test's folder.</summary>
    private static LearnedReranker StoredModel()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "bench", "Kexie.Bench", "Models", "reranker-train-half.txt");
            if (File.Exists(path))
            {
                return LearnedReranker.Load(path);
            }
        }
        throw new FileNotFoundException("bench/Kexie.Bench/Models/reranker-train-half.txt");
    }

    [Fact]
    public void With_the_stored_model_every_sentence_stays_true_and_the_list_is_in_score_order()
    {
        var model = StoredModel();
        Assert.Equal(50, model.Depth);
        var options = new MatchOptions { Reranker = model };
        var index = Index(options);
        foreach (var text in new[] { "齿轮热处理工艺", "齿轮", "热处理炉节能", "机床主轴精度与齿轮" })
        {
            var results = index.Search(new MatchQuery { Text = text, Top = 50 });
            Assert.NotEmpty(results);
            for (var i = 1; i < results.Count; i++)
            {
                Assert.True(results[i - 1].Score >= results[i].Score - 1e-12);
            }
            foreach (var r in results)
            {
                ExplanationTruth.Check(r, results, options with { CodeFeedbackDocuments = 0 });
            }
        }
    }

    [Fact]
    public void Queries_it_was_not_trained_for_keep_the_hand_weighted_ranking()
    {
        var on = new MatchOptions { Reranker = StoredModel() };
        // A query that gives its codes.
        var coded = new MatchQuery { Text = "齿轮热处理工艺", DisciplineCodes = [Mechanical], Top = 50 };
        Assert.Equal(Index(new MatchOptions()).Search(coded).Select(r => (r.Id, r.Score)), Index(on).Search(coded).Select(r => (r.Id, r.Score)));
        // A ranking without any field (no predictor).
        MatchIndex Plain(MatchOptions options)
        {
            var index = new MatchIndex(options: options);
            index.Rebuild(Docs.Filler(30).Append(Docs.Offer("gear", "齿轮热处理", body: "齿轮热处理。")));
            return index;
        }
        var plainQuery = new MatchQuery { Text = "齿轮热处理工艺", Top = 50 };
        Assert.Equal(Plain(new MatchOptions()).Search(plainQuery).Select(r => (r.Id, r.Score)), Plain(on).Search(plainQuery).Select(r => (r.Id, r.Score)));
        // Similar-need (duplicate) searches.
        List<(string, double)> Similar(MatchOptions options)
        {
            var index = new MatchIndex(options: options with { CodeFeedbackDocuments = 0 }, disciplinePredictor: new Predictor());
            index.Rebuild(Docs.Filler(30, DocumentKind.Need).Concat(
            [
                Docs.Need("n1", "齿轮热处理工艺改进", body: "齿轮热处理工艺的改进。") with { DisciplineCodes = [Mechanical] },
                Docs.Need("n2", "农机齿轮热处理", body: "农机齿轮的热处理。") with { DisciplineCodes = [Agriculture] },
                Docs.Need("n3", "齿轮设计", body: "齿轮的设计与加工。"),
            ]));
            var results = index.FindSimilarNeeds(Docs.Need("q", "齿轮热处理工艺", body: "齿轮热处理工艺的改进。"));
            Assert.True(results.Count >= 2);
            return [.. results.Select(r => (r.Id, r.Score))];
        }
        Assert.Equal(Similar(new MatchOptions()), Similar(on));
    }

    private static List<RerankQuery> TrainingQueries()
    {
        // Synthetic queries: the relevant candidates (grade 2) agree with the field but have lower text scores.
        var queries = new List<RerankQuery>();
        for (var q = 0; q < 40; q++)
        {
            var candidates = new List<RerankInputs>();
            var grades = new List<int>();
            for (var i = 0; i < 12; i++)
            {
                var relevant = (i + q) % 3 == 0;
                var text = 1.0 - i * 0.05;
                var field = relevant ? 0.9 : 0.1 * (i % 2);
                candidates.Add(new RerankInputs(text + 0.2 * field, text, 1.0, i, i, 0.8 - i * 0.03, field, 0, false, false, true, 0.5, 0.5, 0.2, 4 + q % 5));
                grades.Add(relevant ? 2 : 0);
            }
            queries.Add(new RerankQuery(candidates, grades));
        }
        return queries;
    }

    [Fact]
    public void Training_is_deterministic_and_learns_what_the_grades_reward()
    {
        var settings = new RerankerTrainingSettings { Iterations = 150 };
        var a = LearnedReranker.Train(TrainingQueries(), settings);
        var b = LearnedReranker.Train(TrainingQueries(), settings);
        Assert.Equal(a.Weights, b.Weights);
        Assert.True(a.Weights[Feature("field")] > 0);
        var zero = Model();
        Assert.True(a.PairLoss(TrainingQueries()) < zero.PairLoss(TrainingQueries()));
    }

    [Fact]
    public void A_stronger_penalty_keeps_the_weights_nearer_the_hand_weighted_ranking()
    {
        var loose = LearnedReranker.Train(TrainingQueries(), new RerankerTrainingSettings { Iterations = 150, L2 = 1e-4 });
        var tight = LearnedReranker.Train(TrainingQueries(), new RerankerTrainingSettings { Iterations = 150, L2 = 1 });
        Assert.True(tight.Weights.Sum(w => w * w) < loose.Weights.Sum(w => w * w));
    }

    [Fact]
    public void The_model_file_round_trips_and_rejects_another_feature_set()
    {
        var model = LearnedReranker.Train(TrainingQueries(), new RerankerTrainingSettings { Iterations = 50, Depth = 30 });
        var writer = new StringWriter();
        model.Save(writer);
        var read = LearnedReranker.Load(new StringReader(writer.ToString()));
        Assert.Equal(model.Weights, read.Weights);
        Assert.Equal(30, read.Depth);
        var renamed = writer.ToString().Replace("coverage × uncertainty", "something else", StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => LearnedReranker.Load(new StringReader(renamed)));
    }
}
