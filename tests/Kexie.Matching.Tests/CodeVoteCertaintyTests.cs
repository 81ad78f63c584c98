namespace Kexie.Matching.Tests;

/// <summary>The best text matches' code vote weighs against the classifier's reading of the query by how sure the
/// classifier is (<see cref="MatchOptions.CodeFeedbackShareByCertainty"/>).</summary>
public class CodeVoteCertaintyTests
{
    private const string Mechanics = "46010";
    private const string Agriculture = "21060";

    /// <summary>Reads every query as agriculture (its first choice, with the given probability); the rest is shared
    /// evenly by mechanics and three other fields.</summary>
    private sealed class AgriculturePredictor(double sureness) : IDisciplinePredictor
    {
        public IReadOnlyList<CodeSuggestion> Predict(IReadOnlyList<string> tokens, int top) =>
            [new(Agriculture, sureness), new(Mechanics, Rest(sureness)), new("11010", Rest(sureness)), new("31010", Rest(sureness)), new("71010", Rest(sureness))];
    }

    private static double Rest(double sureness) => (1 - sureness) / 4;

    /// <summary>The probability the query's field gives mechanics, the code of its best text matches.</summary>
    private static double MechanicsShare(MatchOptions options, double sureness)
    {
        // The predictor reads every text as agriculture; the vote is about the documents' stated codes, not that reading.
        var index = new MatchIndex(options: options with { GivenDocumentReadDiscipline = false }, disciplinePredictor: new AgriculturePredictor(sureness));
        index.Rebuild(Docs.Filler(30).Concat(Enumerable.Range(0, 3).Select(i =>
            Docs.Offer($"gear-{i}", "齿轮加工", body: $"齿轮加工工艺第{i}种。") with { DisciplineCodes = [Mechanics] })));
        var result = index.Search(new MatchQuery { Text = "加工工艺" }).First(r => r.Id.StartsWith("gear-", StringComparison.Ordinal));
        return result.Explanation.SharedDisciplines.Single(s => s.DocumentCode == Mechanics && s.QueryCode == Mechanics).Predicted!.Value;
    }

    /// <summary>What the classifier's sharpened distribution gives mechanics (exponent 3 of the defaults).</summary>
    private static double Sharpened(double sureness) =>
        Math.Pow(Rest(sureness), 3) / (Math.Pow(sureness, 3) + 4 * Math.Pow(Rest(sureness), 3));

    [Theory]
    [InlineData(0.25, 0.75)]
    [InlineData(0.5, 0.5)]
    [InlineData(0.8, 0.2)]
    public void The_vote_takes_the_share_the_classifier_is_unsure_of(double sureness, double voteShare)
    {
        // Only the gear documents vote (the filler shares no word with the query), all for mechanics.
        var plain = MechanicsShare(new MatchOptions(), sureness);
        var byCertainty = MechanicsShare(new MatchOptions { CodeFeedbackShareByCertainty = true }, sureness);
        Assert.Equal(0.5 + 0.5 * Sharpened(sureness), plain, 6);
        Assert.Equal(voteShare + (1 - voteShare) * Sharpened(sureness), byCertainty, 6);
    }
}
