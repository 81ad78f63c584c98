namespace Kexie.Matching.Tests;

/// <summary>Backing the predicted field off to its first-level group (门类) when the discipline inside the group is unsure
/// (<see cref="MatchOptions.PredictedDisciplineWithinGroupExponent"/>, <see cref="MatchOptions.PredictedDisciplineBackoffSureAt"/>).</summary>
public class GroupBackoffTests
{
    // GB/T 13745: the first three digits are the group.
    private const string Mechanical = "46010";
    private const string Materials = "46020";
    private const string Electrical = "46030";
    private const string Agriculture = "21010";

    /// <summary>Reads every query as engineering, unsure which discipline (0.30 / 0.25 / 0.05), or as agriculture (0.40).</summary>
    private sealed class UnsurePredictor : IDisciplinePredictor
    {
        public IReadOnlyList<CodeSuggestion> Predict(IReadOnlyList<string> tokens, int top) =>
            [.. new CodeSuggestion[] { new(Agriculture, 0.40), new(Mechanical, 0.30), new(Materials, 0.25), new(Electrical, 0.05) }.Take(top)];
    }

    private static IReadOnlyList<MatchResult> Search(MatchOptions options)
    {
        // About the query's field against stated codes: the documents' own reading (GivenDocumentReadDiscipline) is left out.
        var index = new MatchIndex(options: options with { CodeFeedbackDocuments = 0, GivenDocumentReadDiscipline = false }, disciplinePredictor: new UnsurePredictor());
        index.Rebuild(Docs.Filler(30).Concat(new[] { (Mechanical, "m"), (Materials, "t"), (Agriculture, "a") }.Select(x =>
            Docs.Offer($"{x.Item2}-doc", "齿轮热处理工艺", body: "齿轮热处理工艺的改进。") with { DisciplineCodes = [x.Item1] })));
        return index.Search(new MatchQuery { Text = "齿轮热处理" });
    }

    /// <summary>The probability the query's field gives <paramref name="code"/>, as its explanation shows it.</summary>
    private static double Share(IReadOnlyList<MatchResult> results, string docId, string code) =>
        results.Single(r => r.Id == docId).Explanation.SharedDisciplines.Single(s => s.QueryCode == code && s.DocumentCode == code).Predicted!.Value;

    private static double FieldScore(IReadOnlyList<MatchResult> results, string docId) =>
        results.Single(r => r.Id == docId).Explanation.Contributions.Where(c => c.Signal is MatchSignal.PredictedDiscipline or MatchSignal.Discipline).Sum(c => c.Score);

    [Fact]
    public void An_unsure_discipline_shares_its_groups_sharpened_mass_by_raw_probability()
    {
        var off = Search(new MatchOptions());
        var on = Search(new MatchOptions { PredictedDisciplineWithinGroupExponent = 1 });
        double Cube(double p) => p * p * p;
        var sum = Cube(0.40) + Cube(0.30) + Cube(0.25) + Cube(0.05);
        var group = (Cube(0.30) + Cube(0.25) + Cube(0.05)) / sum;
        Assert.Equal(Cube(0.25) / sum, Share(off, "t-doc", Materials), 6);
        Assert.Equal(group * 0.25 / 0.60, Share(on, "t-doc", Materials), 6);
        Assert.Equal(group * 0.30 / 0.60, Share(on, "m-doc", Mechanical), 6);
        // The other group keeps its share.
        Assert.Equal(Cube(0.40) / sum, Share(on, "a-doc", Agriculture), 6);
        Assert.Equal(Share(off, "a-doc", Agriculture), Share(on, "a-doc", Agriculture), 9);
    }

    [Fact]
    public void The_neighbouring_discipline_gains_on_the_guessed_one_and_other_groups_do_not_move()
    {
        var off = Search(new MatchOptions());
        var on = Search(new MatchOptions { PredictedDisciplineWithinGroupExponent = 1 });
        var gapOff = FieldScore(off, "m-doc") - FieldScore(off, "t-doc");
        var gapOn = FieldScore(on, "m-doc") - FieldScore(on, "t-doc");
        Assert.True(gapOff > 0);
        Assert.InRange(gapOn, 0, gapOff / 2);
        Assert.True(FieldScore(on, "t-doc") > FieldScore(off, "t-doc"));
        Assert.True(FieldScore(on, "m-doc") < FieldScore(off, "m-doc"));
        Assert.Equal(FieldScore(off, "a-doc"), FieldScore(on, "a-doc"), 9);
        foreach (var r in on)
        {
            ExplanationTruth.Check(r, on, new MatchOptions { PredictedDisciplineWithinGroupExponent = 1, CodeFeedbackDocuments = 0, GivenDocumentReadDiscipline = false });
        }
    }

    [Fact]
    public void A_group_whose_discipline_is_sure_enough_is_not_backed_off()
    {
        var off = Search(new MatchOptions());
        // Within engineering the likeliest discipline holds 0.30 / 0.60, half the group: sure enough at 0.49, not at 0.51.
        var sure = Search(new MatchOptions { PredictedDisciplineWithinGroupExponent = 1, PredictedDisciplineBackoffSureAt = 0.49 });
        var unsure = Search(new MatchOptions { PredictedDisciplineWithinGroupExponent = 1, PredictedDisciplineBackoffSureAt = 0.51 });
        Assert.Equal(Share(off, "t-doc", Materials), Share(sure, "t-doc", Materials), 9);
        Assert.NotEqual(Share(off, "t-doc", Materials), Share(unsure, "t-doc", Materials), 6);
    }

    [Fact]
    public void The_within_group_exponent_equal_to_the_sharpening_changes_nothing()
    {
        var off = Search(new MatchOptions());
        var same = Search(new MatchOptions { PredictedDisciplineWithinGroupExponent = 3 });
        Assert.Equal(off.Select(r => r.Id), same.Select(r => r.Id));
        Assert.Equal(off.Select(r => r.Score), same.Select(r => r.Score), (a, b) => Math.Abs(a - b) < 1e-9);
    }

    /// <summary>Searches with the best text matches' code vote on: two documents of <paramref name="votedCode"/> hold the
    /// query's words (and one of agriculture, which the vote also sees).</summary>
    private static IReadOnlyList<MatchResult> SearchWithVote(MatchOptions options, string votedCode)
    {
        var index = new MatchIndex(options: options with { GivenDocumentReadDiscipline = false }, disciplinePredictor: new UnsurePredictor());
        index.Rebuild(Docs.Filler(30).Concat(Enumerable.Range(0, 2).Select(i =>
            Docs.Offer($"v-doc-{i}", "齿轮热处理工艺", body: $"齿轮热处理工艺的第{i}种改进。") with { DisciplineCodes = [votedCode] }))
            .Append(Docs.Offer("a-doc", "齿轮", body: "齿轮的选型。") with { DisciplineCodes = [Agriculture] }));
        return index.Search(new MatchQuery { Text = "齿轮热处理" });
    }

    [Fact]
    public void With_vote_gating_a_group_is_backed_off_only_when_its_best_text_matches_favour_another_of_its_disciplines()
    {
        var gated = new MatchOptions { PredictedDisciplineWithinGroupExponent = 1, PredictedDisciplineBackoffOnVoteDisagreement = true };
        // The matches are of materials, the classifier reads mechanical first: the same 门类, another discipline — backed off.
        var disagreeOff = SearchWithVote(new MatchOptions(), Materials);
        var disagreeOn = SearchWithVote(gated, Materials);
        Assert.True(Share(disagreeOn, "v-doc-0", Materials) > Share(disagreeOff, "v-doc-0", Materials) + 0.01);
        // The matches agree with the classifier's discipline: nothing changes.
        var agreeOff = SearchWithVote(new MatchOptions(), Mechanical);
        var agreeOn = SearchWithVote(gated, Mechanical);
        Assert.Equal(Share(agreeOff, "v-doc-0", Mechanical), Share(agreeOn, "v-doc-0", Mechanical), 9);
        Assert.Equal(agreeOff.Select(r => r.Score), agreeOn.Select(r => r.Score), (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Fact]
    public void Group_sharpening_gives_a_split_but_sure_group_its_raw_mass_to_the_exponent()
    {
        var on = Search(new MatchOptions { PredictedDisciplineWithinGroupExponent = 1, PredictedDisciplineGroupSharpening = true });
        double Cube(double p) => p * p * p;
        // Engineering holds 0.60 of the raw probability, agriculture 0.40: after the cube, 0.216 against 0.064.
        var engineering = Cube(0.60) / (Cube(0.60) + Cube(0.40));
        Assert.Equal(engineering * 0.30 / 0.60, Share(on, "m-doc", Mechanical), 6);
        Assert.Equal(engineering * 0.25 / 0.60, Share(on, "t-doc", Materials), 6);
        Assert.Equal(1 - engineering, Share(on, "a-doc", Agriculture), 6);
    }
}
