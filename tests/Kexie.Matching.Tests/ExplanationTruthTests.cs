namespace Kexie.Matching.Tests;

/// <summary>
/// The sentences no other test checked against their score (同在一个市/省, 今天发布/N天前发布, 已成交…单，评分, 等N个词,
/// 另含同领域常见词, 内容高度重合, 推测所查内容), each shown to appear where its condition holds; a candidate without a field
/// score gets no field sentence; and every sentence of every result checked by <see cref="ExplanationTruth"/>.
/// </summary>
public class ExplanationTruthTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string> DisciplineNames = new()
    {
        ["210"] = "农学",
        ["21020"] = "农业基础学科",
        ["56020"] = "土木建筑工程测量",
    };

    private static readonly Dictionary<string, string> IndustryNames = new()
    {
        ["0111"] = "稻谷种植",
        ["4811"] = "铁路工程建筑",
    };

    private sealed class FixedPredictor(params CodeSuggestion[] answer) : IDisciplinePredictor
    {
        public IReadOnlyList<CodeSuggestion> Predict(IReadOnlyList<string> tokens, int top) => answer.Take(top).ToList();
    }

    private static MatchOptions Options(MatchOptions? options = null) => (options ?? new MatchOptions { CodeFeedbackDocuments = 0 }) with
    {
        DisciplineNames = DisciplineNames,
        IndustryNames = IndustryNames,
        Clock = new FixedClock(Now),
    };

    private static MatchDocument Rice(string id, string region) => Docs.Offer(id, "水稻病虫害防控技术", body: "水稻病虫害监测与防控。") with { RegionCode = region };

    private static void CheckAll(IReadOnlyList<MatchResult> results, MatchOptions options)
    {
        Assert.NotEmpty(results);
        Assert.All(results, r => ExplanationTruth.Check(r, results, options));
    }

    private static string Detail(MatchResult result, MatchSignal signal) => Assert.Single(result.Explanation.Contributions, c => c.Signal == signal).Detail;

    [Fact]
    public void Given_codes_region_recency_and_record_sentences_are_true_of_their_scores()
    {
        var options = Options();
        var index = new MatchIndex(options: options);
        index.Rebuild(Docs.Filler(20).Concat(
        [
            Rice("same", "510923") with { DisciplineCodes = ["21020"], IndustryCodes = ["0111"], PublishedAt = Now.AddHours(-3), TrackRecord = new TrackRecord(12, 4.8) },
            Rice("city", "510903") with { DisciplineCodes = ["56020"], IndustryCodes = ["4811"], PublishedAt = Now.AddDays(-40) },
            Rice("province", "510100"),
            Rice("uncoded", "420100") with { TrackRecord = new TrackRecord(3, null) },
        ]));
        var results = index.Search(new MatchQuery { Text = "水稻病虫害防控", DisciplineCodes = ["21020"], IndustryCodes = ["0111"], RegionCode = "510923" });
        CheckAll(results, options);

        var same = results.Single(r => r.Id == "same");
        Assert.Equal("今天发布", Detail(same, MatchSignal.Recency));
        Assert.Equal("已成交12单，评分4.8", Detail(same, MatchSignal.TrackRecord));
        Assert.Equal("同在一个县（区）", Detail(same, MatchSignal.Region));

        // A candidate of another field, or of none, gets no field score, and no field sentence claims anything of it.
        var city = results.Single(r => r.Id == "city");
        Assert.DoesNotContain(city.Explanation.Contributions, c => c.Signal is MatchSignal.Discipline or MatchSignal.Industry);
        Assert.DoesNotContain("学科", city.Explanation.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("行业", city.Explanation.Summary, StringComparison.Ordinal);
        Assert.Equal("同在一个市（州）", Detail(city, MatchSignal.Region));
        Assert.Equal("40天前发布", Detail(city, MatchSignal.Recency));

        var province = results.Single(r => r.Id == "province");
        Assert.DoesNotContain(province.Explanation.Contributions, c => c.Signal is MatchSignal.Discipline or MatchSignal.Industry);
        Assert.Equal("同在一个省", Detail(province, MatchSignal.Region));

        var uncoded = results.Single(r => r.Id == "uncoded");
        Assert.Equal("已成交3单", Detail(uncoded, MatchSignal.TrackRecord));
        Assert.Equal("不在同一省份", Detail(uncoded, MatchSignal.Region));
    }

    [Fact]
    public void A_predicted_field_names_the_searcher_and_says_when_the_candidate_has_another_or_none()
    {
        var options = Options();
        var index = new MatchIndex(options: options with { PredictDocumentDisciplines = false }, disciplinePredictor: new FixedPredictor(new("21020", 0.8), new("56020", 0.2)));
        index.Rebuild(Docs.Filler(20, DocumentKind.Need).Concat(
        [
            Docs.Need("field", "水稻病虫害防控需求") with { DisciplineCodes = ["21020"] },
            Docs.Need("other", "水稻病虫害防控与桥梁") with { DisciplineCodes = ["999"] },
            Docs.Need("none", "水稻病虫害防控咨询"),
        ]));
        // A provider searching needs: the sentence speaks of "所查内容", not of a need.
        var results = index.Search(new MatchQuery { Text = "水稻病虫害防控", Kinds = [DocumentKind.Need] });
        CheckAll(results, index.Options);
        Assert.StartsWith("推测所查内容属于 农业基础学科（", Detail(results.Single(r => r.Id == "field"), MatchSignal.PredictedDiscipline), StringComparison.Ordinal);
        // Of another field or of none: no field score, and no sentence about the field.
        Assert.All(results.Where(r => r.Id is "other" or "none"), r =>
        {
            Assert.DoesNotContain(r.Explanation.Contributions, c => c.Signal == MatchSignal.PredictedDiscipline);
            Assert.DoesNotContain("推测", r.Explanation.Summary, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void More_matched_terms_than_shown_are_counted_and_feedback_words_are_named_apart()
    {
        // Feedback in a small index (normally from 1,000 documents), no field: the best matches' common words are added.
        var options = Options(new MatchOptions { CodeFeedbackDocuments = 0, FeedbackMinDocuments = 0, FeedbackDocuments = 3 });
        var index = new MatchIndex(options: options);
        index.Rebuild(Docs.Filler(30).Concat(
        [
            Docs.Offer("all", "水稻 秸秆 还田 机械 深松 播种 施肥", body: "水稻秸秆还田机械深松播种施肥一体化，配套无人机植保。"),
            Docs.Offer("near-1", "水稻秸秆还田", body: "秸秆还田配套无人机植保。"),
            Docs.Offer("near-2", "水稻深松播种", body: "深松播种配套无人机植保。"),
        ]));
        var results = index.Search(new MatchQuery { Text = "水稻 秸秆 还田 机械 深松 播种 施肥" });
        CheckAll(results, options);
        var all = results.Single(r => r.Id == "all");
        Assert.Matches(@"等\d+个词", Detail(all, MatchSignal.Text));
        Assert.Contains(results, r => r.Explanation.FeedbackTerms.Count > 0 && Detail(r, MatchSignal.Text).Contains("，另含同领域常见词", StringComparison.Ordinal));
    }

    [Fact]
    public void A_near_duplicate_need_is_said_to_overlap_and_a_different_one_is_not()
    {
        var options = Options();
        var index = new MatchIndex(options: options);
        index.Rebuild(Docs.Filler(20, DocumentKind.Need).Concat(
        [
            Docs.Need("copy", "水稻病虫害绿色防控技术需求", body: "合作社种植水稻两千亩，需要病虫害绿色防控方案。"),
            Docs.Need("other", "水稻烘干设备", body: "需要烘干设备。"),
        ]));
        var results = index.FindSimilarNeeds(Docs.Need("new", "水稻病虫害绿色防控技术需求", body: "合作社种植水稻两千亩，需要病虫害绿色防控方案。"));
        CheckAll(results, options);
        Assert.Contains("内容高度重合，可能是重复发布的需求。", results.Single(r => r.Id == "copy").Explanation.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("内容高度重合", results.Single(r => r.Id == "other").Explanation.Summary, StringComparison.Ordinal);
    }
}
