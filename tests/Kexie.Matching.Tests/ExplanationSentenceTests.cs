using System.Text.RegularExpressions;
using Kexie.Matching.Indexing;

namespace Kexie.Matching.Tests;

/// <summary>
/// Each sentence of an explanation checked against the score components it describes: the names it shows, the
/// probability, the lift and its condition, the main signals and the deductions.
/// </summary>
public class ExplanationSentenceTests
{
    private static readonly Dictionary<string, string> DisciplineNames = new()
    {
        ["210"] = "农学",
        ["21010"] = "农业史",
        ["21020"] = "农业基础学科",
        ["560"] = "土木建筑工程",
        ["56020"] = "土木建筑工程测量",
    };

    private static readonly Dictionary<string, string> IndustryNames = new()
    {
        ["01"] = "农业",
        ["011"] = "谷物种植",
        ["0111"] = "稻谷种植",
        ["0112"] = "小麦种植",
        ["3451"] = "滚动轴承制造",
    };

    private static MatchOptions Named(MatchOptions? options = null) => (options ?? new MatchOptions { CodeFeedbackDocuments = 0 }) with
    {
        DisciplineNames = DisciplineNames,
        IndustryNames = IndustryNames,
    };

    /// <summary>A predictor that always answers the same distribution.</summary>
    private sealed class FixedPredictor(params CodeSuggestion[] answer) : IDisciplinePredictor
    {
        public IReadOnlyList<CodeSuggestion> Predict(IReadOnlyList<string> tokens, int top) => answer.Take(top).ToList();
    }

    /// <summary>No digit run of three or more (a code) and no signed zero in what people read.</summary>
    private static void AssertNoInternals(MatchResult result)
    {
        // Amounts (报价15001元) are numbers people read; codes are not.
        Assert.DoesNotMatch(new Regex(@"\d{3,}(?!\d*元)"), result.Explanation.Summary);
        Assert.DoesNotContain("-0.00", result.Explanation.Summary, StringComparison.Ordinal);
        foreach (var c in result.Explanation.Contributions)
        {
            Assert.DoesNotMatch(new Regex(@"\d{3,}(?!\d*元)"), c.Detail);
        }
    }

    [Fact]
    public void Matched_terms_are_listed_strongest_first_with_their_fields()
    {
        var index = new MatchIndex(options: Named());
        index.Rebuild(Docs.Filler(30).Append(Docs.Offer("rice", "水稻病虫害绿色防控", body: "水稻种植中的病虫害监测和防控，兼顾施肥。")));
        var result = index.Search(new MatchQuery { Text = "水稻病虫害防控 施肥" })[0];
        var terms = result.Explanation.MatchedTerms;
        Assert.True(terms.Count >= 3);
        for (var i = 1; i < terms.Count; i++)
        {
            Assert.True(terms[i - 1].Score >= terms[i].Score);
        }
        var text = Assert.Single(result.Explanation.Contributions, c => c.Signal == MatchSignal.Text).Detail;
        // Shown: the terms not part of a longer matched term (病虫 and 虫害 are in 病虫害), strongest first.
        var shown = terms.Where(t => !terms.Any(o => o.Term.Length > t.Term.Length && o.Term.Contains(t.Term, StringComparison.Ordinal))).Take(5).ToList();
        Assert.Contains(shown, t => t.Term == "病虫害");
        Assert.DoesNotContain("“病虫”", text, StringComparison.Ordinal);
        var positions = shown.Select(t => text.IndexOf($"“{t.Term}”", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
        // "施肥" is only in the body: the sentence says so.
        Assert.Contains("“施肥”（正文）", text, StringComparison.Ordinal);
        AssertNoInternals(result);
    }

    [Fact]
    public void Given_discipline_and_industry_are_named_never_shown_as_codes()
    {
        var index = new MatchIndex(options: Named());
        index.Rebuild(Docs.Filler(20).Concat(
        [
            Docs.Offer("same", "水稻栽培技术") with { DisciplineCodes = ["21020"], IndustryCodes = ["0111"] },
            Docs.Offer("related", "水稻栽培史料") with { DisciplineCodes = ["21010"], IndustryCodes = ["0112"] },
        ]));
        var query = new MatchQuery { Text = "水稻栽培", DisciplineCodes = ["21020"], IndustryCodes = ["0111"] };
        var results = index.Search(query);
        var options = index.Options;

        var same = results.Single(r => r.Id == "same");
        var discipline = Assert.Single(same.Explanation.Contributions, c => c.Signal == MatchSignal.Discipline);
        Assert.Equal(options.DisciplineWeight * options.SameCodeCredit, discipline.Score, 6);
        Assert.Equal("学科相同（农业基础学科）", discipline.Detail);
        var industry = Assert.Single(same.Explanation.Contributions, c => c.Signal == MatchSignal.Industry);
        Assert.Equal(options.IndustryWeight * options.SameCodeCredit, industry.Score, 6);
        Assert.Equal("行业相同（稻谷种植）", industry.Detail);

        var related = results.Single(r => r.Id == "related");
        discipline = Assert.Single(related.Explanation.Contributions, c => c.Signal == MatchSignal.Discipline);
        Assert.Equal(options.DisciplineWeight * options.SameDivisionCredit, discipline.Score, 6);
        Assert.Equal("学科同属一个一级学科（需求：农业基础学科；候选：农业史）", discipline.Detail);
        industry = Assert.Single(related.Explanation.Contributions, c => c.Signal == MatchSignal.Industry);
        Assert.Equal(options.IndustryWeight * options.SameGroupCredit, industry.Score, 6);
        Assert.Equal("行业同属一个中类（需求：稻谷种植；候选：小麦种植）", industry.Detail);
        Assert.All(results, AssertNoInternals);
    }

    [Fact]
    public void Predicted_field_is_the_likeliest_one_by_name_with_the_probability_the_score_uses()
    {
        var options = Named(new MatchOptions { CodeFeedbackDocuments = 0, PredictedDisciplineExponent = 1, PredictDocumentDisciplines = false, PredictedLeaderMargin = 1 });
        var index = new MatchIndex(options: options, disciplinePredictor: new FixedPredictor(new("21020", 0.65), new("56020", 0.35)));
        index.Rebuild(Docs.Filler(20).Concat(
        [
            Docs.Offer("agri", "水稻栽培技术") with { DisciplineCodes = ["21020"] },
            Docs.Offer("history", "水稻栽培历史") with { DisciplineCodes = ["21010"] },
            Docs.Offer("survey", "水稻田测量") with { DisciplineCodes = ["56020"] },
            Docs.Offer("none", "水稻收购"),
        ]));
        var results = index.Search(new MatchQuery { Text = "水稻栽培 测量 收购" });

        string Detail(string id, out double score)
        {
            var c = Assert.Single(results.Single(r => r.Id == id).Explanation.Contributions, c => c.Signal == MatchSignal.PredictedDiscipline);
            score = c.Score;
            return c.Detail;
        }

        Assert.Equal("推测需求属于 农业基础学科（65%），候选学科相同（农业基础学科）", Detail("agri", out var s));
        Assert.Equal(options.PredictedDisciplineWeight * 0.65, s, 6);
        Assert.Equal("推测需求属于 农业基础学科（65%），候选学科同属一个一级学科（农业史）", Detail("history", out s));
        Assert.Equal(options.PredictedDisciplineWeight * 0.65 * options.SameDivisionCredit, s, 6);
        // Its score comes from the second prediction: the sentence says which, with its probability.
        Assert.Equal("推测需求属于 农业基础学科（65%）；候选与推测的另一 土木建筑工程测量（35%）学科相同（土木建筑工程测量）", Detail("survey", out s));
        Assert.Equal(options.PredictedDisciplineWeight * 0.35, s, 6);
        Assert.DoesNotContain(results.Single(r => r.Id == "none").Explanation.Contributions, c => c.Signal == MatchSignal.PredictedDiscipline);
        Assert.All(results, AssertNoInternals);
    }

    private static MatchDocument[] LeaderDocuments =>
    [
        // The only document with every query term, filed under another field.
        Docs.Offer("exact", "水稻秸秆桥梁复合材料", body: "水稻秸秆用于桥梁复合材料") with { DisciplineCodes = ["56020"] },
        Docs.Offer("agri-1", "水稻栽培", body: "水稻栽培技术") with { DisciplineCodes = ["21020"] },
        Docs.Offer("agri-2", "水稻施肥", body: "水稻施肥技术") with { DisciplineCodes = ["21020"] },
    ];

    private static MatchOptions LeaderOptions(double margin = 0.25, double coverage = 0.5) => Named(new MatchOptions
    {
        CodeFeedbackDocuments = 0,
        PredictedDisciplineExponent = 1,
        PredictedDisciplineWeight = 5,
        PredictedLeaderMargin = margin,
        PredictedLeaderMinCoverage = coverage,
        GivenDocumentReadDiscipline = false, // the lift over stated codes, which a document's own reading would lift too
    });

    [Fact]
    public void Lift_sentence_appears_only_with_a_real_lead_and_says_what_it_overrode()
    {
        var predictor = new FixedPredictor(new("21020", 0.9), new("56020", 0.1));
        var query = new MatchQuery { Text = "水稻秸秆 复合材料 桥梁" };

        var index = new MatchIndex(options: LeaderOptions(), disciplinePredictor: predictor);
        index.Rebuild(LeaderDocuments);
        var results = index.Search(query);
        Assert.Equal("exact", results[0].Id);
        var lift = Assert.Single(results[0].Explanation.Contributions, c => c.Signal == MatchSignal.TextLeader);
        Assert.True(lift.Score > 0);
        Assert.Equal(results[0].Score, results[0].Explanation.Contributions.Sum(c => c.Score), 6);
        Assert.True(results[0].Score >= results[1].Score);
        // Its predicted-field score really is below the one it was lifted over: the sentence says so.
        var own = results[0].Explanation.Contributions.Single(c => c.Signal == MatchSignal.PredictedDiscipline).Score;
        var overtaken = results[1].Explanation.Contributions.Single(c => c.Signal == MatchSignal.PredictedDiscipline).Score;
        Assert.True(own < overtaken);
        Assert.Matches(new Regex(@"^文本匹配比第二好的候选高\d+%，含所查内容\d+%的关键词，推测学科的得分虽低于其他候选，仍排在第一位$"), lift.Detail);
        var coverage = Regex.Match(lift.Detail, @"含所查内容(\d+)%").Groups[1].Value;
        Assert.Equal(Math.Round(results[0].Coverage * 100), double.Parse(coverage, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("文本匹配领先", results[0].Explanation.Summary, StringComparison.Ordinal);
        Assert.All(results.Skip(1), r => Assert.DoesNotContain(r.Explanation.Contributions, c => c.Signal == MatchSignal.TextLeader));
        Assert.All(results, r => ExplanationTruth.Check(r, results, index.Options));

        // The same lead, but the leader must cover more of the query than it does (and the band is off): no lift, no sentence.
        var strict = new MatchIndex(options: LeaderOptions(coverage: 1.01) with { PredictedLeaderBand = false }, disciplinePredictor: predictor);
        strict.Rebuild(LeaderDocuments);
        Assert.All(strict.Search(query), r =>
        {
            Assert.DoesNotContain(r.Explanation.Contributions, c => c.Signal == MatchSignal.TextLeader);
            Assert.DoesNotContain("文本匹配领先", r.Explanation.Summary, StringComparison.Ordinal);
        });
        Assert.NotEqual("exact", strict.Search(query)[0].Id);

        // A lead (97 %) smaller than the margin asked for (99 %): no lift either.
        var wide = new MatchIndex(options: LeaderOptions(margin: 0.99) with { PredictedLeaderMarginBySureness = false }, disciplinePredictor: predictor);
        wide.Rebuild(LeaderDocuments);
        Assert.All(wide.Search(query), r => Assert.DoesNotContain(r.Explanation.Contributions, c => c.Signal == MatchSignal.TextLeader));

        // Scaled by how sure the guessed field is (90 %), the same margin asks for 89 %: the 97 % lead is kept first.
        var scaled = new MatchIndex(options: LeaderOptions(margin: 0.99), disciplinePredictor: predictor);
        scaled.Rebuild(LeaderDocuments);
        var scaledResults = scaled.Search(query);
        Assert.Equal("exact", scaledResults[0].Id);
        Assert.Single(scaledResults[0].Explanation.Contributions, c => c.Signal == MatchSignal.TextLeader);
    }

    [Fact]
    public void Band_keeps_the_best_text_match_above_the_candidates_it_clearly_leads_and_says_so()
    {
        var predictor = new FixedPredictor(new("21020", 0.9), new("56020", 0.1));
        var query = new MatchQuery { Text = "水稻秸秆 复合材料 桥梁" };
        // A second document of the guessed field holds every term too, with a longer text: it is within the band of the
        // best text match (less than the 22.5 % lead asked for) and stays above it; the two one-word matches are not.
        MatchDocument[] documents =
        [
            .. LeaderDocuments,
            Docs.Offer("close", "水稻秸秆桥梁复合材料应用", body: "水稻秸秆用于桥梁复合材料的工艺") with { DisciplineCodes = ["21020"] },
        ];
        // The leader rule asks for more coverage than the leader has; the band (30 %) applies.
        var band = LeaderOptions(coverage: 1.01) with { PredictedLeaderBand = true };
        var index = new MatchIndex(options: band, disciplinePredictor: predictor);
        index.Rebuild(documents);
        var results = index.Search(query);
        Assert.Equal(["close", "exact"], results.Take(2).Select(r => r.Id));
        var exact = results[1];
        var lift = Assert.Single(exact.Explanation.Contributions, c => c.Signal == MatchSignal.TextLeader);
        Assert.True(lift.Score > 0);
        Assert.Equal(exact.Score, exact.Explanation.Contributions.Sum(c => c.Score), 6);
        Assert.True(results[0].Score >= exact.Score && exact.Score >= results[2].Score);
        Assert.Matches(new Regex(@"^文本匹配比原先排在它前面的候选高\d+%，含所查内容\d+%的关键词，推测学科的得分虽低于该候选，仍排在其前$"), lift.Detail);
        // The lead it states is over the candidate it now stands above, and that one's predicted-field score is higher.
        var text = (MatchResult r) => r.Explanation.Contributions.Where(c => c.Signal == MatchSignal.Text).Sum(c => c.Score);
        var lead = Regex.Match(lift.Detail, @"高(\d+)%").Groups[1].Value;
        Assert.Equal(Math.Round((text(exact) - text(results[2])) / text(exact) * 100), double.Parse(lead, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(exact.Explanation.Contributions.Single(c => c.Signal == MatchSignal.PredictedDiscipline).Score
            < results[2].Explanation.Contributions.Single(c => c.Signal == MatchSignal.PredictedDiscipline).Score);
        Assert.All(results.Where(r => r.Id != "exact"), r => Assert.DoesNotContain(r.Explanation.Contributions, c => c.Signal == MatchSignal.TextLeader));
        Assert.All(results, r => ExplanationTruth.Check(r, results, index.Options));

        // Band off, or the leader holding less of the query than the band asks: the field decides, no lift.
        foreach (var options in new[] { band with { PredictedLeaderBand = false }, band with { PredictedLeaderBandMinCoverage = 1.01 } })
        {
            var off = new MatchIndex(options: options, disciplinePredictor: predictor);
            off.Rebuild(documents);
            var ranked = off.Search(query);
            Assert.Equal("exact", ranked[^1].Id);
            Assert.All(ranked, r => Assert.DoesNotContain(r.Explanation.Contributions, c => c.Signal == MatchSignal.TextLeader));
        }
    }

    [Fact]
    public void Text_dominance_keeps_the_best_text_match_above_candidates_with_half_its_text_or_less_and_says_so()
    {
        var predictor = new FixedPredictor(new("21020", 0.9), new("56020", 0.1));
        var query = new MatchQuery { Text = "水稻秸秆 复合材料 桥梁" };
        // The leader rule asks for more coverage than the leader has and the band is off: without text dominance the
        // field decides and the only document holding every term is last; with it (off by default) the one-word matches
        // of the guessed field, with less than half its text score, stay below it.
        var options = LeaderOptions(coverage: 1.01) with { PredictedLeaderBand = false };
        var off = new MatchIndex(options: options, disciplinePredictor: predictor);
        off.Rebuild(LeaderDocuments);
        Assert.Equal("exact", off.Search(query)[^1].Id);

        var on = new MatchIndex(options: options with { TextDominanceRatio = 2, TextDominanceLeaderOnly = true }, disciplinePredictor: predictor);
        on.Rebuild(LeaderDocuments);
        var results = on.Search(query);
        Assert.Equal("exact", results[0].Id);
        var lift = Assert.Single(results[0].Explanation.Contributions, c => c.Signal == MatchSignal.TextLeader);
        Assert.True(lift.Score > 0);
        Assert.True(results[0].Score >= results[1].Score);
        Assert.All(results, r => ExplanationTruth.Check(r, results, on.Options));
    }

    [Fact]
    public void An_unsure_guessed_field_needs_a_smaller_text_lead_to_be_overruled()
    {
        var query = new MatchQuery { Text = "水稻秸秆 复合材料 桥梁" };
        // The leader leads by 97 %; the margin asked for is 99.9 % × how sure the guessed field is: 55 % for a guess at
        // 55 % (kept first), 98.9 % for a guess at 99 % (the field decides).
        MatchResult Top(double margin, params CodeSuggestion[] guess)
        {
            var index = new MatchIndex(options: LeaderOptions(margin: margin), disciplinePredictor: new FixedPredictor(guess));
            index.Rebuild(LeaderDocuments);
            return index.Search(query)[0];
        }
        Assert.Equal("exact", Top(0.999, new("21020", 0.55), new("56020", 0.45)).Id);
        Assert.NotEqual("exact", Top(0.999, new("21020", 0.99), new("56020", 0.01)).Id);
    }

    [Fact]
    public void A_one_word_match_is_not_lifted_over_documents_of_the_predicted_field()
    {
        var predictor = new FixedPredictor(new CodeSuggestion("21020", 1.0));
        var index = new MatchIndex(options: Named(new MatchOptions { CodeFeedbackDocuments = 0 }), disciplinePredictor: predictor);
        index.Rebuild(Docs.Filler(20).Concat(
        [
            Docs.Offer("word", "大豆", body: "大豆大豆大豆") with { DisciplineCodes = ["56020"] },
            Docs.Offer("field-1", "小麦条锈病抗性育种") with { DisciplineCodes = ["21020"] },
            Docs.Offer("field-2", "玉米螟生物防治") with { DisciplineCodes = ["21020"] },
        ]));
        // "大豆" is one of four words; the other two documents match one word each but are of the predicted field.
        var results = index.Search(new MatchQuery { Text = "大豆 条锈病 玉米螟 育种" });
        Assert.NotEqual("word", results[0].Id);
        Assert.All(results, r => Assert.DoesNotContain(r.Explanation.Contributions, c => c.Signal == MatchSignal.TextLeader));
    }

    [Fact]
    public void Main_signals_are_the_two_largest_and_deductions_only_real_ones_without_signed_zeros()
    {
        var index = new MatchIndex(options: Named());
        index.Rebuild(Docs.Filler(20).Concat(
        [
            // Barely over budget: the budget signal is a tiny negative number that rounds to zero.
            Docs.Offer("tiny", "水稻病虫害防控") with { Price = 15_001m, DisciplineCodes = ["21020"] },
            Docs.Offer("dear", "水稻病虫害监测") with { Price = 19_000m },
        ]));
        var results = index.Search(new MatchQuery { Text = "水稻病虫害", Budget = 10_000m, DisciplineCodes = ["21020"] });
        var tiny = results.Single(r => r.Id == "tiny");
        var budget = Assert.Single(tiny.Explanation.Contributions, c => c.Signal == MatchSignal.Budget);
        Assert.True(budget.Score is < 0 and > -0.005);
        Assert.DoesNotContain("扣分", tiny.Explanation.Summary, StringComparison.Ordinal);
        var main = tiny.Explanation.Contributions.OrderByDescending(c => c.Score).Take(2).ToList();
        Assert.Contains($"得分主要来自{Explainer.SignalName(main[0].Signal)}（{main[0].Score:0.00}）和{Explainer.SignalName(main[1].Signal)}（{main[1].Score:0.00}）", tiny.Explanation.Summary, StringComparison.Ordinal);

        var dear = results.Single(r => r.Id == "dear");
        budget = Assert.Single(dear.Explanation.Contributions, c => c.Signal == MatchSignal.Budget);
        Assert.True(budget.Score <= -0.005);
        Assert.Contains($"扣分来自价格与预算（{budget.Score:0.00}）", dear.Explanation.Summary, StringComparison.Ordinal);
        Assert.Equal("0.00", Explainer.Number(-0.0001));
        Assert.All(results, AssertNoInternals);
    }
}
