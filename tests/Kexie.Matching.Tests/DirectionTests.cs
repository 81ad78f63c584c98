namespace Kexie.Matching.Tests;

/// <summary>need → providers, provider → needs, need → similar needs.</summary>
public class DirectionTests
{
    private static MatchIndex Market()
    {
        var index = new MatchIndex(options: new MatchOptions { CodeFeedbackDocuments = 0 });
        index.Rebuild(Docs.Filler(20).Concat(Docs.Filler(20, DocumentKind.Need)).Concat(
        [
            Docs.Offer("offer-rice", "水稻病虫害防控技术服务") with { Price = 5_000m },
            new MatchDocument { Id = "worker-rice", Kind = DocumentKind.Worker, Title = "李明 农艺师", Body = "擅长水稻栽培与病虫害防控" },
            new MatchDocument { Id = "expert-rice", Kind = DocumentKind.Expert, Title = "王芳 研究员", Keywords = ["水稻", "病虫害"] },
            Docs.Need("need-rice", "求水稻病虫害防控方案", "合作社种植水稻两千亩") with { Price = 10_000m },
            Docs.Need("need-rice-cheap", "水稻病虫害防控培训", "预算有限") with { Price = 1_000m },
            Docs.Need("need-tea", "茶叶加工设备改造"),
        ]));
        return index;
    }

    [Fact]
    public void Need_finds_offers_workers_and_experts_but_no_needs()
    {
        var index = Market();
        var need = Docs.Need("need-new", "水稻病虫害防控") with { Price = 8_000m };
        var results = index.FindProvidersForNeed(need);
        Assert.All(results, r => Assert.NotEqual(DocumentKind.Need, r.Kind));
        var ids = results.Take(3).Select(r => r.Id).ToHashSet();
        Assert.Equal(new[] { "expert-rice", "offer-rice", "worker-rice" }, ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Provider_finds_needs_it_could_serve_and_prefers_budgets_that_cover_its_price()
    {
        var index = Market();
        var offer = Docs.Offer("offer-rice", "水稻病虫害防控技术服务") with { Price = 5_000m };
        var results = index.FindNeedsForProvider(offer);
        Assert.All(results, r => Assert.Equal(DocumentKind.Need, r.Kind));
        Assert.Equal("need-rice", results[0].Id);
        Assert.True(results.First(r => r.Id == "need-rice-cheap").Explanation.Contributions.Single(c => c.Signal == MatchSignal.Budget).Score < 0);
        Assert.DoesNotContain(results, r => r.Id == "need-tea");
    }

    [Fact]
    public void Similar_needs_flag_likely_duplicates_and_exclude_the_need_itself()
    {
        var index = Market();
        var repost = Docs.Need("need-repost", "求水稻病虫害防控方案", "合作社种植水稻两千亩，急需");
        var results = index.FindSimilarNeeds(repost);
        Assert.Equal("need-rice", results[0].Id);
        Assert.True(results[0].LikelyDuplicate);
        Assert.Contains("重复", results[0].Explanation.Summary);
        Assert.DoesNotContain(results, r => r.Kind != DocumentKind.Need);

        var self = index.FindSimilarNeeds(Docs.Need("need-rice", "求水稻病虫害防控方案", "合作社种植水稻两千亩"));
        Assert.DoesNotContain(self, r => r.Id == "need-rice");
        var different = index.FindSimilarNeeds(Docs.Need("need-x", "水稻收割机维修"));
        Assert.DoesNotContain(different, r => r.LikelyDuplicate);
    }

    [Fact]
    public void Kind_filter_and_exclusions_are_honoured()
    {
        var index = Market();
        var results = index.Search(new MatchQuery { Text = "水稻", Kinds = [DocumentKind.Expert], ExcludeIds = ["nothing"] });
        Assert.Equal("expert-rice", Assert.Single(results).Id);
        var excluded = index.Search(new MatchQuery { Text = "水稻", ExcludeIds = ["offer-rice", "worker-rice"] });
        Assert.DoesNotContain(excluded, r => r.Id is "offer-rice" or "worker-rice");
    }
}
