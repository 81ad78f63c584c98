using System.Text.RegularExpressions;

namespace Kexie.Web.Features.Matching;

/// <summary>
/// How a match's score and rank read wherever people see them. The engine's sentence starts 排第N位（综合得分0.65）：, N
/// being its place among everything it found; a list shows fewer (hidden records, an expert folded into their worker,
/// good matches before 可能相关, dropped candidates), so the sentence is re-numbered to the place in the list shown,
/// and the score column uses the same two decimals as the sentence.
/// </summary>
public static partial class MatchText
{
    /// <summary>A score as the engine's sentence writes it: two decimals, never "-0.00".</summary>
    public static string Score(double score) => Kexie.Matching.ScoreText.Format(score);

    /// <summary>The sentence with its leading 排第N位（综合得分…） set to <paramref name="rank"/> and <paramref name="score"/>;
    /// a sentence without that lead (人工添加, older text) is returned as it is.</summary>
    public static string WithRank(string explanation, int rank, double score) =>
        string.IsNullOrEmpty(explanation) ? explanation : Lead().Replace(explanation, $"排第{rank}位（综合得分{Score(score)}）：", 1);

    [GeneratedRegex("^排第\\d+位（综合得分-?[0-9.]+）：")]
    private static partial Regex Lead();
}
