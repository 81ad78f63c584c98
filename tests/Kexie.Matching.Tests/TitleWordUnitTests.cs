using Kexie.Matching.Analysis;

namespace Kexie.Matching.Tests;

/// <summary>A title word and its sub-words as one concept (<see cref="MatchOptions.QueryTitleWordUnitExponent"/>, 0 = off).</summary>
public class TitleWordUnitTests
{
    private static MatchOptions Options(double exponent) => new() { QueryTitleWordUnitExponent = exponent, CodeFeedbackDocuments = 0 };

    /// <summary>A document holding only the title's long compound (人工智能 → 人工, 智能, 人工智能), one holding its two other
    /// words, one holding all of them.</summary>
    private static IReadOnlyList<MatchResult> Search(MatchOptions options, string title = "人工智能温室番茄")
    {
        var index = new MatchIndex(options: options);
        index.Rebuild(Docs.Filler(30).Concat(
        [
            Docs.Offer("compound", "人工智能"),
            Docs.Offer("words", "温室番茄"),
            Docs.Offer("all", "人工智能温室番茄"),
        ]));
        return index.Search(new MatchQuery { Title = title });
    }

    private static double TermScore(MatchResult result, string term) => result.Explanation.MatchedTerms.Single(t => t.Term == term).Score;

    [Fact]
    public void The_analyzer_gives_a_word_and_its_subwords_one_unit_and_the_same_tokens_as_without_units()
    {
        var tokens = new List<string>();
        var units = new List<int>();
        ChineseAnalyzer.Default.Analyze("人工智能温室番茄", tokens, units);
        Assert.Equal(ChineseAnalyzer.Default.Analyze("人工智能温室番茄"), tokens);
        Assert.Equal(tokens.Count, units.Count);
        var compound = units[tokens.IndexOf("人工智能")];
        Assert.Equal(compound, units[tokens.IndexOf("人工")]);
        Assert.Equal(compound, units[tokens.IndexOf("智能")]);
        Assert.NotEqual(compound, units[tokens.IndexOf("温室")]);
        Assert.NotEqual(units[tokens.IndexOf("温室")], units[tokens.IndexOf("番茄")]);
    }

    [Fact]
    public void Each_term_of_a_compound_counts_one_over_the_root_of_its_terms()
    {
        var off = Search(Options(0)).Single(r => r.Id == "all");
        var on = Search(Options(0.5)).Single(r => r.Id == "all");
        // BM25F is linear in the query term's weight: same document, same field, same tf.
        var ratioOff = TermScore(off, "人工智能") / TermScore(off, "温室");
        var ratioOn = TermScore(on, "人工智能") / TermScore(on, "温室");
        Assert.Equal(1 / Math.Sqrt(3), ratioOn / ratioOff, 9);
        Assert.Equal("all", Search(Options(0.5))[0].Id);
        foreach (var r in Search(Options(0.5)))
        {
            ExplanationTruth.Check(r, Search(Options(0.5)), Options(0.5));
        }
    }

    [Fact]
    public void A_document_holding_only_the_compound_no_longer_outweighs_one_holding_the_other_words()
    {
        var off = Search(Options(0));
        var on = Search(Options(0.5));
        Assert.True(Docs.RankOf(off, "compound") < Docs.RankOf(off, "words"));
        Assert.True(Docs.RankOf(on, "words") < Docs.RankOf(on, "compound"));
    }

    [Fact]
    public void Half_is_the_default_and_keywords_and_bodies_are_not_affected()
    {
        Assert.Equal(0.5, new MatchOptions().QueryTitleWordUnitExponent);
        var plain = Search(new MatchOptions { CodeFeedbackDocuments = 0 });
        var half = Search(Options(0.5));
        Assert.Equal(plain.Select(r => r.Id), half.Select(r => r.Id));
        Assert.Equal(plain.Select(r => r.Score), half.Select(r => r.Score));
        var index0 = new MatchIndex(options: Options(0));
        var index1 = new MatchIndex(options: Options(1));
        var documents = Docs.Filler(30).Concat([Docs.Offer("compound", "人工智能"), Docs.Offer("words", "温室番茄")]).ToList();
        index0.Rebuild(documents);
        index1.Rebuild(documents);
        var query = new MatchQuery { Keywords = ["人工智能", "温室"], Body = "人工智能温室番茄" };
        Assert.Equal(index0.Search(query).Select(r => r.Score), index1.Search(query).Select(r => r.Score));
    }
}
