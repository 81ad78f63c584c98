namespace Kexie.Matching.Tests;

public class IndexTests
{
    [Fact]
    public void Added_document_is_visible_to_the_next_query()
    {
        var index = Docs.IndexOf(Docs.Filler(20));
        Assert.Empty(index.Search(new MatchQuery { Text = "茶叶加工" }));
        index.Upsert(Docs.Offer("tea", "茶叶加工工艺改进"));
        Assert.Equal("tea", Assert.Single(index.Search(new MatchQuery { Text = "茶叶加工" })).Id);
        Assert.Equal(21, index.Count);
    }

    [Fact]
    public void Updated_document_is_found_by_its_new_text_only()
    {
        var index = Docs.IndexOf(Docs.Filler(20), [Docs.Offer("x", "茶叶加工工艺改进")]);
        index.Upsert(Docs.Offer("x", "中药材种植技术"));
        Assert.Empty(index.Search(new MatchQuery { Text = "茶叶" }));
        Assert.Equal("x", Assert.Single(index.Search(new MatchQuery { Text = "中药材" })).Id);
        Assert.Equal(21, index.Count);
    }

    [Fact]
    public void Removed_document_is_gone()
    {
        var index = Docs.IndexOf(Docs.Filler(20), [Docs.Offer("x", "茶叶加工工艺改进")]);
        Assert.True(index.Remove("x"));
        Assert.False(index.Remove("x"));
        Assert.False(index.Contains("x"));
        Assert.Empty(index.Search(new MatchQuery { Text = "茶叶加工" }));
        Assert.Equal(20, index.Count);
    }

    [Fact]
    public void Many_single_writes_merge_segments_and_stay_correct()
    {
        var index = new MatchIndex();
        for (var i = 0; i < 200; i++)
        {
            index.Upsert(Docs.Offer($"o{i}", $"茶叶加工技术第{i}号方案", i % 2 == 0 ? "红茶" : "绿茶"));
        }
        for (var i = 0; i < 200; i += 3)
        {
            index.Upsert(Docs.Offer($"o{i}", "中药材种植"));
        }
        for (var i = 1; i < 200; i += 3)
        {
            index.Remove($"o{i}");
        }
        var stats = index.GetStatistics();
        Assert.True(stats.Segments < 20, $"segments: {stats.Segments}");
        var expectedTea = Enumerable.Range(0, 200).Count(i => i % 3 == 2);
        Assert.Equal(expectedTea, index.Search(new MatchQuery { Text = "茶叶加工", Top = 1000 }).Count);
        Assert.Equal(67, index.Search(new MatchQuery { Text = "中药材", Top = 1000 }).Count);
        Assert.Equal(expectedTea + 67, index.Count);
    }

    [Fact]
    public void UpsertMany_replaces_and_adds_in_one_write()
    {
        var index = Docs.IndexOf([Docs.Offer("a", "茶叶加工"), Docs.Offer("b", "果树修剪")]);
        var version = index.Version;
        index.UpsertMany([Docs.Offer("a", "中药材种植"), Docs.Offer("c", "茶叶包装设计"), Docs.Offer("c", "茶叶品牌设计")]);
        Assert.Equal(version + 1, index.Version);
        Assert.Equal(3, index.Count);
        Assert.Equal(["c"], index.Search(new MatchQuery { Text = "茶叶" }).Select(r => r.Id));
        Assert.Empty(index.Search(new MatchQuery { Text = "包装" }));
    }

    [Fact]
    public void Rebuild_replaces_everything_and_later_duplicates_win()
    {
        var index = Docs.IndexOf([Docs.Offer("old", "茶叶加工")]);
        index.Rebuild([Docs.Offer("a", "果树修剪"), Docs.Offer("b", "茶叶包装"), Docs.Offer("a", "中药材种植")]);
        Assert.Equal(2, index.Count);
        Assert.False(index.Contains("old"));
        Assert.Empty(index.Search(new MatchQuery { Text = "果树" }));
        Assert.Equal("a", Assert.Single(index.Search(new MatchQuery { Text = "中药材" })).Id);
        Assert.Equal("b", Assert.Single(index.Search(new MatchQuery { Text = "茶叶加工" })).Id);
    }

    [Fact]
    public void Rebuild_in_several_segments_equals_one_segment()
    {
        var docs = Docs.Filler(300).Select((d, i) => d with { Id = $"d{i}", Title = d.Title + (i % 7 == 0 ? " 茶叶" : "") }).ToList();
        var one = new MatchIndex();
        one.Rebuild(docs);
        var many = new MatchIndex { BulkSegmentSize = 64 };
        many.Rebuild(docs);
        Assert.True(many.GetStatistics().Segments > 1);
        var a = one.Search(new MatchQuery { Text = "茶叶 桥梁 科普", Top = 100 });
        var b = many.Search(new MatchQuery { Text = "茶叶 桥梁 科普", Top = 100 });
        Assert.Equal(a.Select(r => (r.Id, Math.Round(r.Score, 4))), b.Select(r => (r.Id, Math.Round(r.Score, 4))));
    }

    [Fact]
    public void Posting_lists_find_documents_across_skip_blocks()
    {
        var writer = new Indexing.PostingWriter();
        var docs = Enumerable.Range(0, 1000).Select(i => i * 37 + (i % 5)).ToArray();
        foreach (var d in docs)
        {
            writer.Add(d, (byte)(1 + d % 31));
        }
        var list = writer.Build();
        Assert.NotNull(list.SkipDocs);
        foreach (var d in docs)
        {
            Assert.Equal((byte)(1 + d % 31), list.Find(d));
        }
        Assert.Equal(0, list.Find(1));
        Assert.Equal(0, list.Find(docs[^1] + 1));
        Assert.Throws<InvalidOperationException>(() => writer.Add(5, 1));
    }

    [Fact]
    public void Document_analysis_counts_fields_separately()
    {
        var index = new MatchIndex();
        var terms = index.AnalyzeDocument(new MatchDocument
        {
            Id = "x",
            Title = "茶叶加工",
            Keywords = ["茶叶", "绿茶加工"],
            Body = "茶叶 茶叶 茶叶",
        });
        Assert.Equal((1, 1, 3), terms["茶叶"]);
        Assert.Equal(1, terms["绿茶加工"].Keywords);
    }

    [Fact]
    public void Blank_id_is_rejected()
    {
        var index = new MatchIndex();
        Assert.Throws<ArgumentException>(() => index.Upsert(Docs.Offer(" ", "茶叶")));
    }
}
