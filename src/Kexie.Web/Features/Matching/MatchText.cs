namespace Kexie.Web.Features.Matching;

/// <summary>
/// How a match's score and rank read wherever people see them. The engine returns a candidate's reason apart from its
/// place (<see cref="Kexie.Matching.MatchExplanation.Reason"/>); a list shows fewer than the engine found (hidden records, an
/// expert folded into their worker, good matches before 可能相关, dropped candidates), so it leads each reason with its own
/// 排第N位（综合得分0.65）： — the place in the list shown — and the score column uses the same two decimals as the sentence.
/// </summary>
public static class MatchText
{
    /// <summary>A score as the engine's sentence writes it: two decimals, never "-0.00".</summary>
    public static string Score(double score) => Kexie.Matching.ScoreText.Format(score);

    /// <summary>"排第{rank}位（综合得分{score}）：{reason}": the list's own place for the engine's reason.</summary>
    public static string Ranked(int rank, double score, string reason) => Kexie.Matching.MatchExplanation.Ranked(rank, score, reason);
}
