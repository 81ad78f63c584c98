namespace Kexie.Matching.Tests;

/// <summary>
/// The character backstop (<see cref="MatchOptions.CharacterBackstop"/>): when the query's words find fewer documents than
/// asked for, documents that share its characters fill the list, after every word match, with no matched term and an
/// explanation that says so.
/// </summary>
public class CharacterBackstopTests
{
    private static readonly MatchOptions On = new() { CodeFeedbackDocuments = 0, CharacterBackstop = true };

    private static MatchIndex Build(MatchOptions options, params MatchDocument[] documents)
    {
        var index = new MatchIndex(options: options);
        index.Rebuild(Docs.Filler(24).Concat(documents));
        return index;
    }

    private static readonly MatchDocument Ox = Docs.Offer("ox", "基层干部作风", body: "牛有淳朴憨厚、任劳任怨的精神。干部应当俯下身去是头牛，站起身来是把伞，为群众遮风挡雨。");

    private static readonly MatchDocument Rash = Docs.Offer("rash", "门诊病例", body: "鼻部出现红斑、米粒大丘疹三年，既往无特殊病史。");

    [Fact]
    public void Off_by_default_a_query_of_single_characters_finds_nothing_and_the_index_holds_no_character_terms()
    {
        Assert.False(new MatchOptions().CharacterBackstop);
        var off = Build(new MatchOptions { CodeFeedbackDocuments = 0 }, Ox);
        Assert.Empty(off.Search(new MatchQuery { Title = "牛与伞" }));
        var on = Build(On, Ox);
        Assert.True(on.GetStatistics().Terms > off.GetStatistics().Terms);
        Assert.True(on.GetStatistics().PostingBytes > off.GetStatistics().PostingBytes);
    }

    [Fact]
    public void A_title_that_shares_no_word_with_its_text_finds_it_by_its_characters_and_the_explanation_says_so()
    {
        var index = Build(On, Ox, Rash);
        var results = index.Search(new MatchQuery { Title = "牛与伞" });
        var ox = results[0];
        Assert.Equal("ox", ox.Id);
        Assert.Empty(ox.Explanation.MatchedTerms);
        Assert.Equal(0, ox.Coverage);
        var text = Assert.Single(ox.Explanation.Contributions, c => c.Signal == MatchSignal.Text);
        Assert.True(text.Score > 0);
        Assert.Equal("没有共同的关键词，只有部分字相同", text.Detail);
        // The explanation adds up to the score.
        Assert.Equal(ox.Score, ox.Explanation.Contributions.Sum(c => c.Score), 9);
        // No document shares a word: a match by characters alone is never a good match.
        Assert.False(ox.IsGoodMatch);

        // 鼻红粒病 is cut into words that its own case report does not hold (鼻部, 红斑, 米粒).
        Assert.Equal("rash", index.Search(new MatchQuery { Title = "鼻红粒病1例" })[0].Id);
    }

    [Fact]
    public void Documents_found_by_characters_rank_after_every_document_that_shares_a_word()
    {
        var word = Docs.Offer("word", "诊治经验", body: "常见病的诊治经验交流。");
        var index = Build(On, word, Rash);
        var results = index.Search(new MatchQuery { Title = "鼻红粒病的诊治" });
        Assert.Equal("word", results[0].Id);
        Assert.Contains(results[0].Explanation.MatchedTerms, t => t.Term == "诊治");
        var rash = Assert.Single(results, r => r.Id == "rash");
        Assert.Empty(rash.Explanation.MatchedTerms);
        Assert.True(Docs.RankOf(results, "rash") > Docs.RankOf(results, "word"));
    }

    [Fact]
    public void When_the_words_find_enough_documents_the_ranking_is_the_same_as_without_it()
    {
        var query = new MatchQuery { Title = "水产养殖病害防治", Top = 3 };
        var off = Build(new MatchOptions { CodeFeedbackDocuments = 0 }, Ox, Rash).Search(query);
        var on = Build(On, Ox, Rash).Search(query);
        Assert.Equal(3, on.Count);
        Assert.Equal(off.Select(r => (r.Id, r.Score)), on.Select(r => (r.Id, r.Score)));
        Assert.All(on, r => Assert.NotEmpty(r.Explanation.MatchedTerms));
    }
}
