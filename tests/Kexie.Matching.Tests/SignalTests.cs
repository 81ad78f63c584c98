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

/// <summary>Documents published without a discipline get the one predicted from their text.</summary>
public class PredictedDocumentDisciplineTests
{
    /// <summary>茶叶 → 0710 (likely), anything else → 0901 (unlikely); remembers the texts it was shown.</summary>
    private sealed class ByWord : IDisciplinePredictor
    {
        public List<string?> Texts { get; } = [];

        public IReadOnlyList<CodeSuggestion> Predict(IReadOnlyList<string> tokens, int top) => Predict(null, tokens, top);

        public IReadOnlyList<CodeSuggestion> Predict(string? text, IReadOnlyList<string> tokens, int top)
        {
            lock (Texts)
            {
                Texts.Add(text);
            }
            return tokens.Contains("茶叶") ? [new CodeSuggestion("0710", 0.9), new CodeSuggestion("0901", 0.1)] : [new CodeSuggestion("0901", 0.2)];
        }
    }

    // About documents without codes: a coded document's own reading (GivenDocumentReadDiscipline) is left out.
    private static readonly MatchOptions Options = new() { CodeFeedbackDocuments = 0, DisciplineHierarchy = new CodeHierarchy("test", 2, 4), GivenDocumentReadDiscipline = false };

    private static MatchDocument Tea(string id) => Docs.Offer(id, "茶叶加工技术", "名优绿茶的杀青、揉捻与烘干工艺。", "茶叶");

    [Fact]
    public void A_document_without_codes_gets_its_likely_discipline_with_a_smaller_weight_and_says_so()
    {
        var predictor = new ByWord();
        var index = new MatchIndex(options: Options, disciplinePredictor: predictor);
        index.Rebuild([Tea("given") with { DisciplineCodes = ["0710"] }, Tea("guessed"), Docs.Offer("unlikely", "农产品加工设备", "烘干机。")]);

        var results = index.Search(new MatchQuery { Text = "茶叶加工", DisciplineCodes = ["0710"] });
        double Discipline(string id) => results.Single(r => r.Id == id).Explanation.Contributions.SingleOrDefault(c => c.Signal == MatchSignal.Discipline)?.Score ?? 0;

        Assert.Equal(Options.DisciplineWeight, Discipline("given"), 9);
        Assert.Equal(Options.DisciplineWeight * Options.PredictedDocumentDisciplineFactor, Discipline("guessed"), 9);
        var guessed = results.Single(r => r.Id == "guessed").Explanation;
        var shared = Assert.Single(guessed.SharedDisciplines);
        Assert.True(shared.DocumentPredicted);
        Assert.Equal("0710", shared.DocumentCode);
        Assert.Contains("由其内容推测", guessed.Contributions.Single(c => c.Signal == MatchSignal.Discipline).Detail);
        Assert.False(results.Single(r => r.Id == "given").Explanation.SharedDisciplines.Single().DocumentPredicted);
        // The given code outranks the same code guessed.
        Assert.True(Docs.RankOf(results, "given") < Docs.RankOf(results, "guessed"));
        // By default every code-less document takes its likeliest field, however unsure (0901 at 20 %), discounted like
        // any guess; with a least probability above 20 % it has none.
        static double DisciplineOf(MatchIndex index, string id) => index.Search(new MatchQuery { Text = "烘干", DisciplineCodes = ["0901"] })
            .Single(r => r.Id == id).Explanation.Contributions.SingleOrDefault(c => c.Signal == MatchSignal.Discipline)?.Score ?? 0;
        Assert.Equal(Options.DisciplineWeight * Options.PredictedDocumentDisciplineFactor, DisciplineOf(index, "unlikely"), 9);
        var cut = new MatchIndex(options: Options with { DocumentDisciplineMinProbability = 0.3 }, disciplinePredictor: new ByWord());
        cut.Rebuild([Docs.Offer("unlikely", "农产品加工设备", "烘干机。")]);
        Assert.Equal(0, DisciplineOf(cut, "unlikely"));
        // The predictor read the whole text of the code-less documents only.
        Assert.Contains("茶叶加工技术 茶叶 名优绿茶的杀青、揉捻与烘干工艺。", predictor.Texts);
        Assert.Equal(2, predictor.Texts.Count);
    }

    [Fact]
    public void A_guessed_field_can_count_as_the_expected_agreement_of_the_documents_likeliest_codes()
    {
        var options = Options with { PredictedDocumentDisciplineCodes = 5 };
        var index = new MatchIndex(options: options, disciplinePredictor: new ByWord());
        index.Rebuild([Tea("guessed"), Docs.Offer("unlikely", "农产品加工设备", "烘干机。")]);
        MatchResult Result(string text, string code, string id) => index.Search(new MatchQuery { Text = text, DisciplineCodes = [code] }).Single(r => r.Id == id);
        static double Discipline(MatchResult r) => r.Explanation.Contributions.SingleOrDefault(c => c.Signal == MatchSignal.Discipline)?.Score ?? 0;
        var worth = options.DisciplineWeight * options.PredictedDocumentProbabilityFactor;

        // The tea text is 0710 at 90 % and 0901 at 10 %: a query of 0710 earns 90 % of the guessed worth, one of 0901 10 %.
        var tea = Result("茶叶加工", "0710", "guessed");
        Assert.Equal(worth * 0.9, Discipline(tea), 9);
        Assert.Equal(worth * 0.1, Discipline(Result("茶叶加工", "0901", "guessed")), 9);
        var shared = Assert.Single(tea.Explanation.SharedDisciplines);
        Assert.True(shared.DocumentPredicted);
        Assert.Equal("0710", shared.DocumentCode);
        Assert.Equal(0.9, shared.DocumentProbability);
        Assert.Contains("由其内容推测", tea.Explanation.Contributions.Single(c => c.Signal == MatchSignal.Discipline).Detail);
        // A guess at 20 % is worth 20 %.
        Assert.Equal(worth * 0.2, Discipline(Result("烘干", "0901", "unlikely")), 9);
    }

    [Fact]
    public void Prediction_for_documents_can_be_switched_off_and_applies_to_updates()
    {
        var off = new MatchIndex(options: Options with { PredictDocumentDisciplines = false }, disciplinePredictor: new ByWord());
        off.Rebuild([Tea("guessed")]);
        Assert.Empty(off.Search(new MatchQuery { Text = "茶叶加工", DisciplineCodes = ["0710"] }).Single().Explanation.SharedDisciplines);

        var on = new MatchIndex(options: Options, disciplinePredictor: new ByWord());
        on.Upsert(Tea("guessed"));
        Assert.True(on.Search(new MatchQuery { Text = "茶叶加工", DisciplineCodes = ["0710"] }).Single().Explanation.SharedDisciplines.Single().DocumentPredicted);
        // Given codes on update replace the guess.
        on.Upsert(Tea("guessed") with { DisciplineCodes = ["0711"] });
        var shared = on.Search(new MatchQuery { Text = "茶叶加工", DisciplineCodes = ["0710"] }).Single().Explanation.SharedDisciplines.Single();
        Assert.False(shared.DocumentPredicted);
        Assert.Equal("0711", shared.DocumentCode);
    }
}

public class FieldOnlyCandidateTests
{
    private static readonly MatchOptions Options = new() { CodeFeedbackDocuments = 0, DisciplineHierarchy = new CodeHierarchy("test", 2, 4) };

    private static MatchIndex Index(MatchOptions options)
    {
        var index = new MatchIndex(options: options);
        index.Rebuild(Docs.Filler(40).Concat(
        [
            Docs.Offer("worded", "水稻病虫害防控", "稻瘟病监测。") with { DisciplineCodes = ["0902"] },
            Docs.Offer("same-field-a", "农药减量增效", "生物农药与精准施药。") with { DisciplineCodes = ["0902"] },
            Docs.Offer("same-field-b", "植保无人机作业", "飞防作业规范。") with { DisciplineCodes = ["0902"] },
            Docs.Offer("other-field", "植保无人机维修", "电池与电机检修。") with { DisciplineCodes = ["6301"] },
        ]));
        return index;
    }

    [Fact]
    public void Documents_of_the_query_field_that_share_no_word_are_found_after_the_text_matches()
    {
        var index = Index(Options);
        index.Remove("same-field-b");
        var results = index.Search(new MatchQuery { Text = "水稻病虫害", DisciplineCodes = ["0902"], ExcludeIds = ["none"] });
        Assert.Equal("worded", results[0].Id);
        var fieldOnly = results.Single(r => r.Id == "same-field-a");
        Assert.Empty(fieldOnly.Explanation.MatchedTerms);
        Assert.Equal(0, fieldOnly.Coverage);
        Assert.Equal(Options.DisciplineWeight, fieldOnly.Explanation.Contributions.Single(c => c.Signal == MatchSignal.Discipline).Score, 9);
        // Only the query's exact code is filled in; a removed document stays out.
        Assert.DoesNotContain(results, r => r.Id is "other-field" or "same-field-b");

        // Excluded ids and kinds are respected, and the switch turns it off.
        Assert.DoesNotContain(index.Search(new MatchQuery { Text = "水稻病虫害", DisciplineCodes = ["0902"], ExcludeIds = ["same-field-a"] }), r => r.Id == "same-field-a");
        Assert.DoesNotContain(index.Search(new MatchQuery { Text = "水稻病虫害", DisciplineCodes = ["0902"], Kinds = [DocumentKind.Need] }), r => r.Id == "same-field-a");
        Assert.Equal(["worded"], Index(Options with { FieldOnlyCandidates = false }).Search(new MatchQuery { Text = "水稻病虫害", DisciplineCodes = ["0902"] }).Select(r => r.Id));
    }

    [Fact]
    public void Similar_needs_are_only_needs_that_share_words()
    {
        var index = new MatchIndex(options: Options);
        index.Rebuild(
        [
            Docs.Need("rice", "水稻病虫害防控", "稻瘟病监测。") with { DisciplineCodes = ["0902"] },
            Docs.Need("same-field", "农药减量增效", "生物农药与精准施药。") with { DisciplineCodes = ["0902"] },
        ]);
        var similar = index.FindSimilarNeeds(Docs.Need("new", "水稻病虫害防控服务", "稻瘟病") with { DisciplineCodes = ["0902"] });
        Assert.Equal(["rice"], similar.Select(r => r.Id));
        // The same field is still offered to a provider looking for needs.
        Assert.Contains(index.FindNeedsForProvider(Docs.Offer("p", "水稻病虫害防控", "稻瘟病") with { DisciplineCodes = ["0902"] }), r => r.Id == "same-field");
    }

    private sealed class Always(string code) : IDisciplinePredictor
    {
        public IReadOnlyList<CodeSuggestion> Predict(IReadOnlyList<string> tokens, int top) => [new CodeSuggestion(code, 1.0)];
    }

    [Fact]
    public void A_predicted_field_brings_its_documents_too()
    {
        var index = new MatchIndex(options: Options with { PredictDocumentDisciplines = false }, disciplinePredictor: new Always("0902"));
        index.Rebuild(Docs.Filler(40).Append(Docs.Offer("same-field-a", "农药减量增效", "生物农药与精准施药。") with { DisciplineCodes = ["0902"] }));
        // 病害 and 防治 are the fillers' words (水产养殖病害防治); the 0902 offer shares none of the query's.
        var found = index.Search(new MatchQuery { Text = "水稻病害防治" }).Single(r => r.Id == "same-field-a");
        Assert.Equal(Options.PredictedDisciplineWeight, found.Explanation.Contributions.Single(c => c.Signal == MatchSignal.PredictedDiscipline).Score, 9);
        Assert.Empty(found.Explanation.MatchedTerms);
        Assert.Contains("没有共同的关键词", found.Explanation.Summary);
        Assert.Contains("推测需求的学科（可能性100%），候选学科相同", found.Explanation.Summary);
        Assert.DoesNotContain("0902", found.Explanation.Summary);
        // Without a field (no predictor, no codes) nothing but text matches comes back.
        var plain = new MatchIndex(options: Options);
        plain.Rebuild(Docs.Filler(40).Append(Docs.Offer("same-field-a", "农药减量增效", "生物农药与精准施药。") with { DisciplineCodes = ["0902"] }));
        Assert.DoesNotContain(plain.Search(new MatchQuery { Text = "水稻病害防治" }), r => r.Id == "same-field-a");
    }
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
