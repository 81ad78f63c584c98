namespace Kexie.Matching.Tests;

public class ExplanationTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static (MatchIndex Index, MatchDocument Need) Setup()
    {
        var index = new MatchIndex(options: new MatchOptions { CodeFeedbackDocuments = 0, Clock = new FixedClock(Now) });
        index.Rebuild(Docs.Filler(30).Concat(
        [
            new MatchDocument
            {
                Id = "offer-rice",
                Kind = DocumentKind.Offer,
                Title = "水稻病虫害绿色防控技术服务",
                Keywords = ["无人机植保"],
                Body = "团队长期从事水稻病虫害监测与防控。",
                DisciplineCodes = ["4135010"],
                IndustryCodes = ["0111"],
                RegionCode = "510923",
                Price = 8_000m,
                PublishedAt = Now.AddDays(-10),
                TrackRecord = new TrackRecord(12, 4.8),
            },
            new MatchDocument
            {
                Id = "offer-far",
                Kind = DocumentKind.Offer,
                Title = "果树栽培技术培训",
                Body = "面向果农的修剪与施肥培训。",
                DisciplineCodes = ["4135020"],
                RegionCode = "420100",
                Price = 30_000m,
            },
        ]));
        var need = new MatchDocument
        {
            Id = "need-1",
            Kind = DocumentKind.Need,
            Title = "求水稻病虫害防控技术",
            Keywords = ["无人机植保"],
            Body = "合作社种植水稻两千亩，今年稻飞虱严重，需要病虫害防控方案和培训。",
            DisciplineCodes = ["4135010"],
            IndustryCodes = ["0111"],
            RegionCode = "510923",
            Price = 10_000m,
        };
        return (index, need);
    }

    [Fact]
    public void Explanation_names_the_matched_terms_and_their_fields()
    {
        var (index, need) = Setup();
        var top = index.FindProvidersForNeed(need)[0];
        Assert.Equal("offer-rice", top.Id);
        var terms = top.Explanation.MatchedTerms.ToDictionary(t => t.Term);
        Assert.True(terms["水稻"].InTitle);
        Assert.True(terms["水稻"].InBody);
        Assert.True(terms["病虫害"].InTitle);
        Assert.True(terms["无人机植保"].InKeywords);
        Assert.False(terms["无人机植保"].InTitle);
        Assert.All(top.Explanation.MatchedTerms, t => Assert.True(t.Score > 0));
        // Every matched term really is in the query.
        var queryTokens = index.Analyzer.Analyze(need.Title + " " + need.Body + " 无人机植保");
        queryTokens.Add("无人机植保"); // a whole keyword is a query term of its own
        Assert.All(top.Explanation.MatchedTerms, t => Assert.Contains(t.Term, queryTokens));
    }

    [Fact]
    public void Explanation_names_shared_codes_region_budget_recency_and_track_record()
    {
        var (index, need) = Setup();
        var top = index.FindProvidersForNeed(need)[0];
        var e = top.Explanation;
        var discipline = Assert.Single(e.SharedDisciplines);
        Assert.Equal(CodeRelation.Same, discipline.Relation);
        Assert.Null(discipline.Predicted);
        Assert.Equal(CodeRelation.Same, Assert.Single(e.SharedIndustries).Relation);
        Assert.Equal(RegionRelation.SameCounty, e.Region);
        var signals = e.Contributions.ToDictionary(c => c.Signal);
        Assert.True(signals[MatchSignal.Text].Score > 0);
        Assert.Equal(new MatchOptions().DisciplineWeight, signals[MatchSignal.Discipline].Score, 6);
        Assert.Equal(new MatchOptions().IndustryWeight, signals[MatchSignal.Industry].Score, 6);
        Assert.Equal(new MatchOptions().RegionWeight, signals[MatchSignal.Region].Score, 6);
        Assert.Contains("预算", signals[MatchSignal.Budget].Detail);
        Assert.Contains("10天前", signals[MatchSignal.Recency].Detail);
        Assert.Contains("12单", signals[MatchSignal.TrackRecord].Detail);
    }

    [Fact]
    public void Contributions_add_up_to_the_score()
    {
        var (index, need) = Setup();
        foreach (var result in index.FindProvidersForNeed(need))
        {
            Assert.Equal(result.Score, result.Explanation.Contributions.Sum(c => c.Score), 6);
        }
    }

    [Fact]
    public void Summary_is_a_readable_chinese_sentence_with_the_real_reasons()
    {
        var (index, need) = Setup();
        var results = index.FindProvidersForNeed(need);
        var top = results[0].Explanation.Summary;
        Assert.StartsWith("排第1位", top);
        Assert.Contains("“水稻”", top);
        Assert.Contains("学科相同", top);
        Assert.Contains("同在一个县", top);
        Assert.Contains("在预算10000元以内", top);

        var far = results.First(r => r.Id == "offer-far");
        Assert.Equal(RegionRelation.Elsewhere, far.Explanation.Region);
        Assert.DoesNotContain("同在一个县", far.Explanation.Summary);
        Assert.Contains("不在同一省份", far.Explanation.Summary);
        Assert.Contains("学科同属一个二级学科", far.Explanation.Summary);
        Assert.Contains("超出预算", far.Explanation.Summary);
        Assert.Contains("扣分", far.Explanation.Summary);
    }

    [Fact]
    public void Predicted_codes_are_marked_as_predicted()
    {
        var index = new MatchIndex(options: new MatchOptions { CodeFeedbackDocuments = 5 });
        index.Rebuild(Docs.Filler(20).Concat(
        [
            Docs.Offer("a", "水稻病虫害防控") with { DisciplineCodes = ["4135010"] },
            Docs.Offer("b", "水稻病虫害监测") with { DisciplineCodes = ["4135010"] },
        ]));
        var result = index.Search(new MatchQuery { Text = "水稻病虫害" })[0];
        var shared = Assert.Single(result.Explanation.SharedDisciplines);
        Assert.NotNull(shared.Predicted);
        Assert.Contains(result.Explanation.Contributions, c => c.Signal == MatchSignal.PredictedDiscipline && c.Score > 0);
        Assert.Contains("推测", result.Explanation.Summary);
    }
}
