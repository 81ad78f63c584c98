namespace Kexie.Matching.Tests;

/// <summary>A query's keywords are concepts of equal weight: a long keyword cut into many terms does not outweigh
/// several keywords of one term each (<see cref="MatchOptions.QueryKeywordUnitExponent"/>).</summary>
public class KeywordWeightTests
{
    private static readonly string[] Keywords = ["水工模型试验", "隧道", "铁路", "地铁"];

    private static IReadOnlyList<MatchResult> Search(MatchOptions options)
    {
        var index = new MatchIndex(options: options);
        index.Rebuild(Docs.Filler(40).Concat(
        [
            // Holds one keyword, which the analyzer cuts into several terms (水工, 模型, 试验, 模型试验).
            Docs.Offer("one-long", "水工模型试验", body: "开展水工模型试验，提供试验报告。"),
            // Holds three of the four keywords, one term each.
            Docs.Offer("three-short", "隧道与铁路", body: "承接隧道、铁路和地铁工程的监测。"),
        ]));
        return index.Search(new MatchQuery { Keywords = Keywords });
    }

    [Fact]
    public void A_document_holding_three_keywords_beats_one_holding_a_single_long_keyword()
    {
        var results = Search(new MatchOptions { CodeFeedbackDocuments = 0 });
        Assert.Equal("three-short", results[0].Id);
        Assert.Equal("one-long", results[1].Id);
    }

    [Fact]
    public void Without_keyword_units_the_long_keyword_outweighs_the_others()
    {
        // The behaviour the unit weights fix: every term of the long keyword counted as a keyword of its own.
        var results = Search(new MatchOptions { CodeFeedbackDocuments = 0, QueryKeywordUnitExponent = 0 });
        Assert.Equal("one-long", results[0].Id);
    }

    [Fact]
    public void Keyword_terms_share_the_keywords_weight()
    {
        var results = Search(new MatchOptions { CodeFeedbackDocuments = 0 });
        var longTerms = results.Single(r => r.Id == "one-long").Explanation.MatchedTerms;
        var shortTerms = results.Single(r => r.Id == "three-short").Explanation.MatchedTerms;
        // Each of the long keyword's terms scores less than a one-term keyword of the same document frequency.
        Assert.All(longTerms, t => Assert.True(t.Score < shortTerms.Single(s => s.Term == "地铁").Score, $"{t.Term} {t.Score}"));
    }
}
