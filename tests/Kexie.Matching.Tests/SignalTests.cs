namespace Kexie.Matching.Tests;

/// <summary>Each scoring signal moves the ranking the right way, all else equal.</summary>
public class SignalTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static MatchDocument Same(string id, DocumentKind kind = DocumentKind.Offer) => new()
    {
        Id = id,
        Kind = kind,
        Title = "水稻病虫害绿色防控技术服务",
        Body = "提供水稻病虫害识别、农药减量和无人机植保的现场技术指导。",
    };

    private static IReadOnlyList<MatchResult> Run(IEnumerable<MatchDocument> docs, MatchQuery query, MatchOptions? options = null)
    {
        var index = new MatchIndex(options: options ?? new MatchOptions { CodeFeedbackDocuments = 0, Clock = new FixedClock(Now) });
        index.Rebuild(docs.Concat(Docs.Filler(40)));
        return index.Search(query);
    }

    private static MatchQuery RiceQuery => new() { Title = "水稻病虫害防控", Top = 50 };

    [Fact]
    public void Discipline_codes_rank_same_above_group_above_division_above_none()
    {
        var results = Run(
        [
            Same("none") with { DisciplineCodes = ["6204010"] },
            Same("division") with { DisciplineCodes = ["4134010"] },
            Same("group") with { DisciplineCodes = ["4135020"] },
            Same("same") with { DisciplineCodes = ["4135010"] },
        ], RiceQuery with { DisciplineCodes = ["4135010"] });
        Assert.Equal(["same", "group", "division", "none"], results.Take(4).Select(r => r.Id));
    }

    [Fact]
    public void Industry_codes_rank_same_class_above_group_above_division_above_none()
    {
        var results = Run(
        [
            Same("none") with { IndustryCodes = ["2611"] },
            Same("division") with { IndustryCodes = ["0151"] },
            Same("group") with { IndustryCodes = ["0142"] },
            Same("same") with { IndustryCodes = ["0141"] },
        ], RiceQuery with { IndustryCodes = ["0141"] });
        Assert.Equal(["same", "group", "division", "none"], results.Take(4).Select(r => r.Id));
    }

    [Fact]
    public void Region_ranks_county_above_city_above_province_above_elsewhere()
    {
        var results = Run(
        [
            Same("elsewhere") with { RegionCode = "420100" },
            Same("province") with { RegionCode = "512002" },
            Same("city") with { RegionCode = "510904" },
            Same("county") with { RegionCode = "510923" },
        ], RiceQuery with { RegionCode = "510923" });
        Assert.Equal(["county", "city", "province", "elsewhere"], results.Take(4).Select(r => r.Id));
    }

    [Theory]
    [InlineData("510923", "510923", RegionRelation.SameCounty)]
    [InlineData("510923", "510923101", RegionRelation.SameCounty)]
    [InlineData("510923", "510904", RegionRelation.SameCity)]
    [InlineData("510923", "510900", RegionRelation.SameCity)]
    [InlineData("510923", "512002", RegionRelation.SameProvince)]
    [InlineData("510923", "510000", RegionRelation.SameProvince)]
    [InlineData("510923", "420100", RegionRelation.Elsewhere)]
    [InlineData("510923", null, RegionRelation.Unknown)]
    [InlineData("", "510923", RegionRelation.Unknown)]
    public void Region_relations(string? a, string? b, RegionRelation expected)
    {
        Assert.Equal(expected, RegionCodes.Relate(a, b));
    }

    [Theory]
    [InlineData("4135010", "4135010", CodeRelation.Same)]
    [InlineData("4135010", "4135020", CodeRelation.SameGroup)]
    [InlineData("4135010", "41350", CodeRelation.SameGroup)]
    [InlineData("4135010", "4134010", CodeRelation.SameDivision)]
    [InlineData("413", "4134010", CodeRelation.SameDivision)]
    [InlineData("4135010", "6204010", CodeRelation.None)]
    [InlineData("4135010", "", CodeRelation.None)]
    public void Discipline_code_relations(string a, string b, CodeRelation expected)
    {
        Assert.Equal(expected, CodeHierarchy.Gbt13745Discipline.Relate(a, b));
    }

    [Fact]
    public void Price_within_budget_ranks_above_price_over_budget()
    {
        var results = Run(
        [
            Same("triple") with { Price = 30_000m },
            Same("over") with { Price = 12_000m },
            Same("within") with { Price = 8_000m },
        ], RiceQuery with { Budget = 10_000m });
        Assert.Equal(["within", "over", "triple"], results.Take(3).Select(r => r.Id));
    }

    [Fact]
    public void Newer_ranks_above_older()
    {
        var results = Run(
        [
            Same("old") with { PublishedAt = Now.AddYears(-2) },
            Same("new") with { PublishedAt = Now.AddDays(-1) },
            Same("mid") with { PublishedAt = Now.AddDays(-200) },
        ], RiceQuery);
        Assert.Equal(["new", "mid", "old"], results.Take(3).Select(r => r.Id));
    }

    [Fact]
    public void Better_track_record_ranks_higher()
    {
        var results = Run(
        [
            Same("newcomer"),
            Same("some") with { TrackRecord = new TrackRecord(3, 4.0) },
            Same("proven") with { TrackRecord = new TrackRecord(40, 4.9) },
        ], RiceQuery);
        Assert.Equal(["proven", "some", "newcomer"], results.Take(3).Select(r => r.Id));
    }

    [Fact]
    public void Title_match_ranks_above_body_only_match()
    {
        var results = Run(
        [
            Docs.Offer("body", "农业技术服务", "可以开展水稻病虫害防控"),
            Docs.Offer("title", "水稻病虫害防控", "农业技术服务"),
        ], RiceQuery);
        Assert.Equal("title", results[0].Id);
        Assert.True(Docs.RankOf(results, "body") < int.MaxValue);
    }

    [Fact]
    public void Keyword_match_ranks_above_body_only_match()
    {
        var results = Run(
        [
            Docs.Offer("body", "农业技术服务", "可以开展水稻病虫害防控"),
            Docs.Offer("keywords", "农业技术服务", "现场指导", "水稻", "病虫害防控"),
        ], RiceQuery);
        Assert.Equal("keywords", results[0].Id);
    }

    [Fact]
    public void More_query_terms_matched_ranks_higher()
    {
        var results = Run(
        [
            Docs.Offer("one", "水稻种植"),
            Docs.Offer("two", "水稻病虫害"),
            Docs.Offer("three", "水稻病虫害防控"),
        ], RiceQuery);
        Assert.Equal(["three", "two", "one"], results.Take(3).Select(r => r.Id));
    }

    [Fact]
    public void A_strong_text_match_beats_a_weak_one_from_the_same_county()
    {
        var results = Run(
        [
            Docs.Offer("weak-near", "水稻种植技术") with { RegionCode = "510923" },
            Docs.Offer("strong-far", "水稻病虫害绿色防控") with { RegionCode = "420100" },
        ], RiceQuery with { RegionCode = "510923" });
        Assert.Equal("strong-far", results[0].Id);
    }

    [Fact]
    public void Predicted_disciplines_from_feedback_lift_documents_of_the_same_field()
    {
        // Three strong matches in 0902 vote for it; among two equal weak matches the 0902 one wins.
        var docs = new[]
        {
            Docs.Offer("a", "水稻病虫害防控", "水稻") with { DisciplineCodes = ["0902"] },
            Docs.Offer("b", "水稻病虫害识别", "水稻") with { DisciplineCodes = ["0902"] },
            Docs.Offer("c", "水稻病虫害监测", "水稻") with { DisciplineCodes = ["0902"] },
            Docs.Offer("weak-other", "防控体系建设") with { DisciplineCodes = ["6301"] },
            Docs.Offer("weak-field", "防控体系建设") with { DisciplineCodes = ["0902"] },
        };
        var options = new MatchOptions { CodeFeedbackDocuments = 3, DisciplineHierarchy = new CodeHierarchy("test", 2, 4), Clock = new FixedClock(Now) };
        var results = Run(docs, RiceQuery, options);
        Assert.True(Docs.RankOf(results, "weak-field") < Docs.RankOf(results, "weak-other"));
        var off = Run(docs, RiceQuery with { PredictDisciplines = false }, options);
        Assert.Equal(off.First(r => r.Id == "weak-field").Score, off.First(r => r.Id == "weak-other").Score, 6);
    }
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
