namespace Kexie.Matching.Tests;

/// <summary>
/// The predicted field weighs less where the query's best text matches disagree with the classifier's reading
/// (<see cref="MatchOptions.PredictedDisciplineDisagreementDamping"/>, <see cref="MatchOptions.PredictedDisciplineGroupDisagreementScale"/>;
/// issue 12, match16; both off by default).
/// </summary>
public class DisagreementDampingTests
{
    private const string Mechanical = "46010";
    private const string Materials = "46020";
    private const string Agriculture = "21010";

    /// <summary>Reads every text as mechanical engineering (0.6) or materials (0.4): one 门类 (460).</summary>
    private sealed class FixedPredictor : IDisciplinePredictor
    {
        public IReadOnlyList<CodeSuggestion> Predict(IReadOnlyList<string> tokens, int top) =>
            [.. new CodeSuggestion[] { new(Mechanical, 0.6), new(Materials, 0.4) }.Take(top)];
    }

    private static MatchOptions Options(double damping = 0, double groupScale = 1) => new()
    {
        PredictedDisciplineDisagreementDamping = damping,
        PredictedDisciplineGroupDisagreementScale = groupScale,
        GivenDocumentReadDiscipline = false, // the fixed predictor reads every text alike
        PredictedLeaderMargin = 1, // the text leader's lift is not what these tests are about
    };

    /// <summary>The best text matches state <paramref name="matchesCode"/> (they hold every query word); a weaker text
    /// match states the classifier's reading (mechanical engineering).</summary>
    private static IReadOnlyList<MatchResult> Search(MatchOptions options, string matchesCode, MatchQuery? query = null)
    {
        var index = new MatchIndex(options: options, disciplinePredictor: new FixedPredictor());
        index.Rebuild(Docs.Filler(30).Concat(
        [
            Docs.Offer("match-1", "齿轮热处理", body: "齿轮热处理的改进。") with { DisciplineCodes = [matchesCode] },
            Docs.Offer("match-2", "齿轮热处理工艺", body: "齿轮热处理工艺。") with { DisciplineCodes = [matchesCode] },
            Docs.Offer("match-3", "齿轮热处理方法", body: "关于齿轮热处理。") with { DisciplineCodes = [matchesCode] },
            Docs.Offer("field-doc", "齿轮", body: "齿轮的设计。") with { DisciplineCodes = [Mechanical] },
        ]));
        return index.Search(query ?? new MatchQuery { Text = "齿轮热处理" });
    }

    private static double FieldScore(IReadOnlyList<MatchResult> results, string id) =>
        results.Single(r => r.Id == id).Explanation.Contributions.Where(c => c.Signal is MatchSignal.PredictedDiscipline or MatchSignal.Discipline).Sum(c => c.Score);

    [Fact]
    public void Damping_scales_the_predicted_field_by_one_minus_d_times_the_vote_disagreement()
    {
        var off = Search(Options(), Agriculture);
        var disagreement = off[0].ConfidenceInputs.VoteDisagreement;
        Assert.True(disagreement > 0.5, $"the best text matches state another 门类: disagreement {disagreement}");
        Assert.True(FieldScore(off, "field-doc") > 0);
        foreach (var d in new[] { 0.5, 1.0 })
        {
            var on = Search(Options(damping: d), Agriculture);
            Assert.Equal((1 - d * disagreement) * FieldScore(off, "field-doc"), FieldScore(on, "field-doc"), 9);
            foreach (var r in on)
            {
                ExplanationTruth.Check(r, on, Options(damping: d));
            }
        }
    }

    [Fact]
    public void Damping_lets_the_text_matches_pass_the_document_of_the_disputed_reading()
    {
        var off = Search(Options(), Agriculture);
        var on = Search(Options(damping: 1), Agriculture);
        // Its own text is among the best matches too (it holds 齿轮), so the vote agrees a little: not all of the field goes.
        Assert.InRange(FieldScore(on, "field-doc"), 0, 0.25 * FieldScore(off, "field-doc"));
        Assert.True(Docs.RankOf(on, "field-doc") >= Docs.RankOf(off, "field-doc"));
        Assert.All(new[] { "match-1", "match-2", "match-3" }, id => Assert.True(Docs.RankOf(on, id) < Docs.RankOf(on, "field-doc")));
    }

    [Fact]
    public void The_group_scale_acts_only_when_the_vote_favours_another_group_than_the_reading()
    {
        // The best text matches state agriculture (210): another 门类 than the reading's (460).
        var off = Search(Options(), Agriculture);
        var on = Search(Options(groupScale: 0.5), Agriculture);
        Assert.Equal(0.5 * FieldScore(off, "field-doc"), FieldScore(on, "field-doc"), 9);
        foreach (var r in on)
        {
            ExplanationTruth.Check(r, on, Options(groupScale: 0.5));
        }
        // They state materials (460): the reading's 门类, although another discipline — nothing changes.
        var sameGroupOff = Search(Options(), Materials);
        var sameGroupOn = Search(Options(groupScale: 0.5), Materials);
        Assert.Equal(sameGroupOff.Select(r => r.Id), sameGroupOn.Select(r => r.Id));
        Assert.Equal(sameGroupOff.Select(r => r.Score), sameGroupOn.Select(r => r.Score));
    }

    [Fact]
    public void Codes_the_query_gives_and_the_confidence_are_not_affected()
    {
        var query = new MatchQuery { Text = "齿轮热处理", DisciplineCodes = [Mechanical] };
        var givenOff = Search(Options(), Agriculture, query);
        var givenOn = Search(Options(damping: 1, groupScale: 0.25), Agriculture, query);
        Assert.Equal(givenOff.Select(r => r.Id), givenOn.Select(r => r.Id));
        Assert.Equal(givenOff.Select(r => r.Score), givenOn.Select(r => r.Score));

        var off = Search(Options(), Agriculture);
        var on = Search(Options(damping: 0.5, groupScale: 0.5), Agriculture);
        foreach (var r in off)
        {
            var other = on.Single(x => x.Id == r.Id);
            Assert.Equal(r.ConfidenceInputs.Field, other.ConfidenceInputs.Field, 12);
            Assert.Equal(r.Confidence, other.Confidence, 12);
        }
    }

    [Fact]
    public void Both_are_off_by_default_and_off_changes_nothing()
    {
        Assert.Equal(0.0, new MatchOptions().PredictedDisciplineDisagreementDamping);
        Assert.Equal(1.0, new MatchOptions().PredictedDisciplineGroupDisagreementScale);
        var implicitDefault = Search(new MatchOptions { GivenDocumentReadDiscipline = false, PredictedLeaderMargin = 1 }, Agriculture);
        var explicitOff = Search(Options(damping: 0, groupScale: 1), Agriculture);
        Assert.Equal(implicitDefault.Select(r => r.Id), explicitOff.Select(r => r.Id));
        Assert.Equal(implicitDefault.Select(r => r.Score), explicitOff.Select(r => r.Score));
    }
}
