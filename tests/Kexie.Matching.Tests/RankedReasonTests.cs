namespace Kexie.Matching.Tests;

/// <summary>
/// The engine returns a candidate's reason apart from its rank (<see cref="MatchExplanation.Reason"/>): a list that shows
/// fewer results than the engine found leads each reason with its own place (<see cref="MatchExplanation.Ranked"/>), and
/// the sentence stays true of the score parts.
/// </summary>
public class RankedReasonTests
{
    private static readonly MatchOptions Options = new() { CodeFeedbackDocuments = 0 };

    private static IReadOnlyList<MatchResult> Search()
    {
        var index = new MatchIndex(options: Options);
        index.Rebuild(Docs.Filler(30).Concat(
        [
            Docs.Offer("a", "水稻病虫害防控技术", body: "水稻病虫害监测与防控。") with { DisciplineCodes = ["21020"] },
            Docs.Offer("b", "水稻病虫害监测", body: "水稻病虫害的监测。"),
            Docs.Offer("c", "水稻栽培", body: "水稻栽培技术与病虫害。") with { DisciplineCodes = ["21020"] },
            Docs.Offer("d", "小麦病虫害", body: "小麦病虫害防控。"),
        ]));
        return index.Search(new MatchQuery { Text = "水稻病虫害防控", DisciplineCodes = ["21020"] });
    }

    [Fact]
    public void The_summary_is_the_engine_rank_and_score_leading_the_reason()
    {
        var results = Search();
        Assert.True(results.Count >= 4);
        foreach (var r in results)
        {
            Assert.NotEmpty(r.Explanation.Reason);
            Assert.DoesNotContain("排第", r.Explanation.Reason, StringComparison.Ordinal);
            Assert.Equal(MatchExplanation.Ranked(r.Rank, r.Score, r.Explanation.Reason), r.Explanation.Summary);
            ExplanationTruth.Check(r, results, Options);
        }
    }

    [Fact]
    public void A_list_that_drops_candidates_numbers_its_own_places_and_its_sentences_stay_true()
    {
        var results = Search();
        // The first is dropped and the third hidden: the list shows the engine's 2nd, 4th, 5th … as its 1st, 2nd, 3rd ….
        var shown = results.Where((_, i) => i != 0 && i != 2).ToList();
        for (var i = 0; i < shown.Count; i++)
        {
            var r = shown[i];
            var sentence = MatchExplanation.Ranked(i + 1, r.Score, r.Explanation.Reason);
            Assert.StartsWith($"排第{i + 1}位（综合得分{ScoreText.Format(r.Score)}）：", sentence, StringComparison.Ordinal);
            Assert.NotEqual(r.Rank, i + 1);
            // The same sentence as the engine's but for the place: true of the same score parts.
            var asListed = r with { Rank = i + 1, Explanation = r.Explanation with { Summary = sentence } };
            ExplanationTruth.Check(asListed, results, Options);
            Assert.Equal(r.Explanation.Summary[r.Explanation.Summary.IndexOf('：', StringComparison.Ordinal)..], sentence[sentence.IndexOf('：', StringComparison.Ordinal)..]);
        }
    }

    [Fact]
    public void Ranked_writes_the_score_with_two_decimals_and_never_a_signed_zero()
    {
        Assert.Equal("排第3位（综合得分0.65）：命中", MatchExplanation.Ranked(3, 0.6549, "命中"));
        Assert.Equal("排第1位（综合得分0.00）：x", MatchExplanation.Ranked(1, -0.001, "x"));
    }
}
