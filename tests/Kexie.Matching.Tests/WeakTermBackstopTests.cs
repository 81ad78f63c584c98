namespace Kexie.Matching.Tests;

/// <summary>
/// The weak-term backstop (<see cref="MatchOptions.WeakTermBackstop"/>): when the query's words find no document (or
/// fewer than asked for), the weak terms the index already holds (single characters, place names, generic words) find
/// documents that fill the list after every word match, with no matched term, no good match and an explanation that says
/// only characters were shared. It adds nothing to the index.
/// </summary>
public class WeakTermBackstopTests
{
    private static readonly MatchOptions Off = new() { CodeFeedbackDocuments = 0 };

    private static readonly MatchOptions On = Off with { WeakTermBackstop = true };

    private static MatchIndex Build(MatchOptions options, params MatchDocument[] documents)
    {
        var index = new MatchIndex(options: options);
        index.Rebuild(Docs.Filler(24).Concat(documents));
        return index;
    }

    private static readonly MatchDocument Ox = Docs.Offer("ox", "基层干部作风", body: "牛有淳朴憨厚、任劳任怨的精神。干部应当俯下身去是头牛，站起身来是把伞，为群众遮风挡雨。");

    private static readonly MatchDocument Tea = Docs.Offer("tea", "茶 种植", body: "茶 园 管理");

    [Fact]
    public void Off_by_default_and_on_it_adds_no_term_and_no_posting_to_the_index()
    {
        Assert.False(new MatchOptions().WeakTermBackstop);
        var off = Build(Off, Ox);
        Assert.Empty(off.Search(new MatchQuery { Title = "牛与伞" }));
        var on = Build(On, Ox);
        Assert.Equal(off.GetStatistics().Terms, on.GetStatistics().Terms);
        Assert.Equal(off.GetStatistics().PostingBytes, on.GetStatistics().PostingBytes);
    }

    [Fact]
    public void A_title_of_single_characters_finds_its_text_as_no_good_match_with_no_matched_term()
    {
        var index = Build(On, Ox);
        var results = index.Search(new MatchQuery { Title = "牛与伞" });
        var ox = results[0];
        Assert.Equal("ox", ox.Id);
        Assert.Empty(ox.Explanation.MatchedTerms);
        Assert.Equal(0, ox.Coverage);
        var text = Assert.Single(ox.Explanation.Contributions, c => c.Signal == MatchSignal.Text);
        Assert.True(text.Score > 0);
        Assert.Equal("没有共同的关键词，只有部分字相同", text.Detail);
        Assert.Equal(ox.Score, ox.Explanation.Contributions.Sum(c => c.Score), 9);
        // No shared word: never a good match, so nobody is notified of it.
        Assert.False(ox.IsGoodMatch);
        Assert.All(results, r => Assert.False(r.IsGoodMatch));
    }

    [Fact]
    public void A_lone_character_is_never_a_matched_term_or_a_good_match()
    {
        // TermQualityTests' rule, with the backstop on: 茶 alone may list the tea document, but not as a match.
        var index = new MatchIndex(options: On);
        index.Rebuild(Docs.Filler(20).Append(Tea));
        var results = index.Search(new MatchQuery { Text = "茶" });
        Assert.All(results, r =>
        {
            Assert.False(r.IsGoodMatch);
            Assert.Empty(r.Explanation.MatchedTerms);
        });
        var withWord = index.Search(new MatchQuery { Text = "茶 种植" });
        Assert.Equal("tea", withWord[0].Id);
        Assert.Contains(withWord[0].Explanation.MatchedTerms, t => t.Term == "种植");
    }

    [Fact]
    public void Documents_found_by_weak_terms_rank_after_every_document_that_shares_a_word()
    {
        var word = Docs.Offer("word", "诊治经验", body: "常见病的诊治经验交流。");
        var index = Build(On, word, Ox);
        var results = index.Search(new MatchQuery { Title = "牛与伞的诊治" });
        Assert.Equal("word", results[0].Id);
        Assert.Contains(results[0].Explanation.MatchedTerms, t => t.Term == "诊治");
        var ox = Assert.Single(results, r => r.Id == "ox");
        Assert.Empty(ox.Explanation.MatchedTerms);
        Assert.False(ox.IsGoodMatch);
        Assert.True(Docs.RankOf(results, "ox") > Docs.RankOf(results, "word"));

        // Only when the words find none: the list is the word matches alone.
        var noneOnly = Build(On with { WeakTermBackstopWhenFew = false }, word, Ox).Search(new MatchQuery { Title = "牛与伞的诊治" });
        Assert.DoesNotContain(noneOnly, r => r.Id == "ox");
        Assert.Equal("ox", Build(On with { WeakTermBackstopWhenFew = false }, word, Ox).Search(new MatchQuery { Title = "牛与伞" })[0].Id);
    }

    [Fact]
    public void When_the_words_find_enough_documents_the_ranking_is_the_same_as_without_it()
    {
        var query = new MatchQuery { Title = "水产养殖病害防治", Top = 3 };
        var off = Build(Off, Ox).Search(query);
        var on = Build(On, Ox).Search(query);
        Assert.Equal(3, on.Count);
        Assert.Equal(off.Select(r => (r.Id, r.Score)), on.Select(r => (r.Id, r.Score)));
        Assert.All(on, r => Assert.NotEmpty(r.Explanation.MatchedTerms));
    }
}
