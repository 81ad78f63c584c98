namespace Kexie.Matching.Tests;

/// <summary>Empty and absurd queries answer cleanly: no exception, no junk.</summary>
public class RobustnessTests
{
    private static readonly MatchIndex Index = Docs.IndexOf(Docs.Filler(50), [Docs.Offer("rice", "水稻病虫害防控", "水稻")]);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    [InlineData("的了和与是在我们")]
    [InlineData("。，、；！？……——")]
    [InlineData("🙂🚜🌾👍🏽🇨🇳")]
    [InlineData("\u200b\u200b\ufeff")]
    [InlineData("\0\u0001\u0002")]
    [InlineData("茶叶加工")]
    [InlineData("zzzzzqqqqxxxx")]
    public void Queries_without_usable_terms_return_nothing(string text)
    {
        Assert.Empty(Index.Search(new MatchQuery { Text = text }));
        Assert.Empty(Index.Search(new MatchQuery { Title = text, Body = text, Keywords = [text] }));
    }

    [Fact]
    public void Emoji_around_real_terms_still_match()
    {
        Assert.Equal("rice", Index.Search(new MatchQuery { Text = "🌾水稻🌾病虫害🐛" })[0].Id);
    }

    [Fact]
    public void Lone_surrogates_do_not_break_anything()
    {
        Assert.Equal("rice", Index.Search(new MatchQuery { Text = "\ud83d水稻\ude00" })[0].Id);
    }

    [Fact]
    public void One_megabyte_query_answers()
    {
        var text = string.Concat(Enumerable.Repeat("水稻病虫害防控需要技术指导，", 1024 * 1024 / 14 + 1));
        Assert.True(text.Length >= 1024 * 1024);
        var results = Index.Search(new MatchQuery { Body = text });
        Assert.Equal("rice", results[0].Id);
    }

    [Fact]
    public void One_megabyte_document_can_be_indexed()
    {
        var index = Docs.IndexOf(Docs.Filler(10));
        index.Upsert(Docs.Offer("big", "大文档", string.Concat(Enumerable.Repeat("茶叶加工", 260_000))));
        Assert.Equal("big", index.Search(new MatchQuery { Text = "茶叶" })[0].Id);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(int.MaxValue)]
    public void Out_of_range_top_is_clamped(int top)
    {
        var results = Index.Search(new MatchQuery { Text = "水稻 桥梁 科普", Top = top });
        Assert.InRange(results.Count, 1, 1000);
    }

    [Fact]
    public void Empty_index_answers_empty()
    {
        var index = new MatchIndex();
        Assert.Empty(index.Search(new MatchQuery { Text = "水稻" }));
        Assert.Empty(index.FindSimilarNeeds(Docs.Need("n", "水稻")));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void Structured_only_query_ranks_by_codes()
    {
        var index = Docs.IndexOf(Docs.Filler(10), [Docs.Offer("coded", "随便什么") with { DisciplineCodes = ["4135010"] }]);
        var results = index.Search(new MatchQuery { DisciplineCodes = ["4135010"], Top = 3 });
        Assert.Equal("coded", results[0].Id);
    }

    [Fact]
    public void Nulls_inside_documents_and_queries_are_tolerated()
    {
        var index = new MatchIndex();
        index.Upsert(new MatchDocument { Id = "n", Title = null!, Body = null!, Keywords = null!, DisciplineCodes = null!, IndustryCodes = null!, RegionCode = "  " });
        index.Upsert(Docs.Offer("ok", "水稻"));
        Assert.Equal(2, index.Count);
        Assert.Single(index.Search(new MatchQuery { Text = "水稻", Keywords = ["", "  "], ExcludeIds = [] }));
    }
}
