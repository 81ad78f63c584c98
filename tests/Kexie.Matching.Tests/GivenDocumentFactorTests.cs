namespace Kexie.Matching.Tests;

/// <summary>What a document's given discipline code earns against a query field that is only predicted
/// (<see cref="MatchOptions.PredictedDisciplineGivenDocumentFactor"/>, 1 by default).</summary>
public class GivenDocumentFactorTests
{
    private const string Mechanical = "46010";
    private const string Materials = "46020";
    private const string Agriculture = "21010";

    /// <summary>Reads every text as mechanical engineering (0.6) or materials (0.4).</summary>
    private sealed class FixedPredictor : IDisciplinePredictor
    {
        public IReadOnlyList<CodeSuggestion> Predict(IReadOnlyList<string> tokens, int top) =>
            [.. new CodeSuggestion[] { new(Mechanical, 0.6), new(Materials, 0.4) }.Take(top)];
    }

    private static MatchOptions Options(double factor) => new()
    {
        PredictedDisciplineGivenDocumentFactor = factor,
        GivenDocumentReadDiscipline = false, // the stated code's factor alone (the fixed predictor reads every text alike)
        CodeFeedbackDocuments = 0,
        PredictedLeaderMargin = 1, // the text leader's lift is not what these tests are about
    };

    /// <summary>A document stating mechanical engineering with a weaker text match, one stating agriculture with a
    /// stronger one (it also holds 热处理), and one with no code (its field is guessed: mechanical) with the same text as the first.</summary>
    private static IReadOnlyList<MatchResult> Search(MatchOptions options, MatchQuery? query = null)
    {
        var index = new MatchIndex(options: options, disciplinePredictor: new FixedPredictor());
        index.Rebuild(Docs.Filler(30).Concat(
        [
            Docs.Offer("given-doc", "齿轮加工", body: "齿轮加工的改进。") with { DisciplineCodes = [Mechanical] },
            Docs.Offer("guessed-doc", "齿轮加工", body: "齿轮加工的改进。"),
            Docs.Offer("text-doc", "齿轮加工工艺", body: "齿轮加工的改进，另有热处理。") with { DisciplineCodes = [Agriculture] },
        ]));
        return index.Search(query ?? new MatchQuery { Text = "齿轮热处理" });
    }

    private static double FieldScore(IReadOnlyList<MatchResult> results, string id) =>
        results.Single(r => r.Id == id).Explanation.Contributions.Where(c => c.Signal is MatchSignal.PredictedDiscipline or MatchSignal.Discipline).Sum(c => c.Score);

    [Fact]
    public void A_given_document_code_earns_the_factor_against_a_predicted_field_and_a_guessed_one_does_not_move()
    {
        var off = Search(Options(1.0));
        var on = Search(Options(0.6));
        Assert.True(FieldScore(off, "given-doc") > 0);
        Assert.Equal(0.6 * FieldScore(off, "given-doc"), FieldScore(on, "given-doc"), 9);
        Assert.True(FieldScore(off, "guessed-doc") > 0);
        Assert.Equal(FieldScore(off, "guessed-doc"), FieldScore(on, "guessed-doc"), 12);
        foreach (var r in on)
        {
            ExplanationTruth.Check(r, on, Options(0.6));
        }
    }

    [Fact]
    public void A_smaller_factor_lets_the_stronger_text_match_pass_a_stated_code_of_the_guessed_field()
    {
        var off = Search(Options(1.0));
        var zero = Search(Options(0.0));
        Assert.True(Docs.RankOf(off, "given-doc") < Docs.RankOf(off, "text-doc"));
        Assert.True(Docs.RankOf(zero, "text-doc") < Docs.RankOf(zero, "given-doc"));
        Assert.Equal(0, FieldScore(zero, "given-doc"));
    }

    [Fact]
    public void Codes_the_query_gives_are_not_affected()
    {
        var query = new MatchQuery { Text = "齿轮热处理", DisciplineCodes = [Mechanical] };
        var off = Search(Options(1.0), query);
        var on = Search(Options(0.3), query);
        Assert.Equal(off.Select(r => r.Id), on.Select(r => r.Id));
        Assert.Equal(off.Select(r => r.Score), on.Select(r => r.Score));
    }

    [Fact]
    public void The_confidence_reads_the_field_agreement_without_the_factor()
    {
        var off = Search(Options(1.0));
        var on = Search(Options(0.5));
        foreach (var r in off)
        {
            var other = on.Single(x => x.Id == r.Id);
            Assert.Equal(r.ConfidenceInputs.Field, other.ConfidenceInputs.Field, 12);
            Assert.Equal(r.Confidence, other.Confidence, 12);
        }
    }

    [Fact]
    public void The_default_is_one_and_setting_one_changes_nothing()
    {
        Assert.Equal(1.0, new MatchOptions().PredictedDisciplineGivenDocumentFactor);
        var implicitDefault = Search(new MatchOptions { CodeFeedbackDocuments = 0, PredictedLeaderMargin = 1, GivenDocumentReadDiscipline = false });
        var explicitOne = Search(Options(1.0));
        Assert.Equal(implicitDefault.Select(r => r.Id), explicitOne.Select(r => r.Id));
        Assert.Equal(implicitDefault.Select(r => r.Score), explicitOne.Select(r => r.Score));
    }
}
