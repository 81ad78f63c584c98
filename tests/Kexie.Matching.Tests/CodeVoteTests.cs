namespace Kexie.Matching.Tests;

/// <summary>The best text matches' code vote counts a guessed document code as a guess
/// (<see cref="MatchOptions.CodeFeedbackByReliability"/>).</summary>
public class CodeVoteTests
{
    private const string Mechanics = "46010";
    private const string Agriculture = "21060";

    /// <summary>Documents about gears are mechanics; anything else looks like agriculture, not very surely.</summary>
    private sealed class GearPredictor : IDisciplinePredictor
    {
        public IReadOnlyList<CodeSuggestion> Predict(IReadOnlyList<string> tokens, int top) =>
            tokens.Contains("齿轮") ? [new(Mechanics, 0.9), new(Agriculture, 0.1)] : [new(Agriculture, 0.6), new(Mechanics, 0.4)];
    }

    private static double MechanicsShare(MatchOptions options, bool documentsGiveCodes)
    {
        var index = new MatchIndex(options: options, disciplinePredictor: new GearPredictor());
        index.Rebuild(Docs.Filler(30).Concat(Enumerable.Range(0, 3).Select(i =>
            Docs.Offer($"gear-{i}", "齿轮加工", body: $"齿轮加工工艺第{i}种。") with { DisciplineCodes = documentsGiveCodes ? [Mechanics] : [] })));
        var result = index.Search(new MatchQuery { Text = "加工工艺" }).First(r => r.Id.StartsWith("gear-", StringComparison.Ordinal));
        return result.Explanation.SharedDisciplines.Single(s => s.DocumentCode == Mechanics && s.QueryCode == Mechanics).Predicted!.Value;
    }

    [Fact]
    public void Guessed_codes_vote_with_the_weight_of_a_guess()
    {
        var plain = new MatchOptions { CodeFeedbackByReliability = false };
        var reliable = new MatchOptions();
        // The text matches' codes were guessed from their text: their vote counts PredictedDocumentDisciplineFactor (0.5).
        var guessedPlain = MechanicsShare(plain, documentsGiveCodes: false);
        var guessedReliable = MechanicsShare(reliable, documentsGiveCodes: false);
        Assert.True(guessedReliable < guessedPlain - 0.1, $"{guessedReliable} vs {guessedPlain}");
        // Given codes vote fully, with or without the option.
        Assert.Equal(MechanicsShare(plain, documentsGiveCodes: true), MechanicsShare(reliable, documentsGiveCodes: true), 9);
        Assert.Equal(guessedPlain, MechanicsShare(reliable, documentsGiveCodes: true), 9);
    }
}
