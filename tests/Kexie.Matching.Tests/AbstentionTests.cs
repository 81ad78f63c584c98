using Kexie.Matching.Indexing;

namespace Kexie.Matching.Tests;

/// <summary>The confidence of a candidate and the threshold below which it is no good match.</summary>
public class AbstentionTests
{
    private static (MatchIndex Index, IReadOnlyList<MatchResult> Results) Search()
    {
        var index = new MatchIndex(options: new MatchOptions { CodeFeedbackDocuments = 0 });
        index.Rebuild(Docs.Filler(30).Concat(
        [
            Docs.Offer("right", "水稻病虫害绿色防控技术", body: "水稻病虫害监测与绿色防控。") with { DisciplineCodes = ["21060"], IndustryCodes = ["0111"] },
            Docs.Offer("word", "病虫害统计软件开发") with { DisciplineCodes = ["52020"] },
        ]));
        return (index, index.Search(new MatchQuery { Text = "水稻病虫害绿色防控", DisciplineCodes = ["21060"], IndustryCodes = ["0111"] }));
    }

    [Fact]
    public void Confidence_is_the_calibrated_function_of_field_coverage_and_text_and_the_threshold_decides()
    {
        var (index, results) = Search();
        var options = index.Options;
        foreach (var r in results)
        {
            double Of(MatchSignal s) => r.Explanation.Contributions.Where(c => c.Signal == s).Sum(c => c.Score);
            var field = Math.Clamp(Math.Max(Of(MatchSignal.Discipline) / options.DisciplineWeight, Of(MatchSignal.Industry) / options.IndustryWeight), 0, 1);
            var text = Math.Max(0, Of(MatchSignal.Text)) / options.TextWeight;
            Assert.Equal(field, r.ConfidenceInputs.Field, 9);
            Assert.Equal(r.Coverage, r.ConfidenceInputs.Coverage, 9);
            Assert.Equal(Math.Min(2, text), r.ConfidenceInputs.Text, 9);
            var expected = 1 / (1 + Math.Exp(-(options.ConfidenceIntercept + options.ConfidenceField * field + options.ConfidenceCoverage * r.Coverage + options.ConfidenceText * Math.Min(2, text)
                + (r.Coverage > 0 ? 0 : options.ConfidenceNoSharedTerm) + options.ConfidenceFieldMiss * r.ConfidenceInputs.FieldMiss
                + options.ConfidenceUnknownTerms * r.ConfidenceInputs.UnknownTerms + options.ConfidenceUncertainty * r.ConfidenceInputs.Uncertainty
                + options.ConfidenceVoteDisagreement * r.ConfidenceInputs.VoteDisagreement
                + options.ConfidenceGiven + options.ConfidenceGivenFieldMiss * r.ConfidenceInputs.FieldMiss)));
            Assert.True(r.ConfidenceInputs.Given); // the query gives its codes
            Assert.Equal(1 - field, r.ConfidenceInputs.FieldMiss, 9); // the query's codes are given: it is sure of its field
            Assert.Equal(0, r.ConfidenceInputs.Uncertainty, 9);
            Assert.Equal(0, r.ConfidenceInputs.VoteDisagreement, 9);
            Assert.Equal(0, r.ConfidenceInputs.UnknownTerms, 9); // every word of the query occurs in the corpus
            Assert.Equal(expected, r.Confidence, 9);
            Assert.Equal(r.Confidence >= options.ConfidenceThreshold, r.IsGoodMatch);
        }
        var right = results.Single(r => r.Id == "right");
        var word = results.Single(r => r.Id == "word");
        Assert.True(right.IsGoodMatch);
        Assert.False(word.IsGoodMatch);
        Assert.True(right.Confidence > word.Confidence);
    }

    [Fact]
    public void A_query_whose_field_is_absent_gets_no_good_match()
    {
        var index = new MatchIndex(options: new MatchOptions { CodeFeedbackDocuments = 0 });
        index.Rebuild(Docs.Filler(30).Append(Docs.Offer("coal", "煤制备高质量水煤浆的研究", body: "水煤浆制备、深加工与燃烧。") with { DisciplineCodes = ["53020"] }));
        var results = index.Search(new MatchQuery { Text = "茶叶深加工", DisciplineCodes = ["21040"], IndustryCodes = ["1530"] });
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.False(r.IsGoodMatch));
    }

    [Fact]
    public void A_higher_threshold_calls_fewer_candidates_good()
    {
        var (_, results) = Search();
        var strict = new MatchIndex(options: new MatchOptions { CodeFeedbackDocuments = 0, ConfidenceThreshold = 0.999999 });
        strict.Rebuild(Docs.Filler(30).Concat(
        [
            Docs.Offer("right", "水稻病虫害绿色防控技术", body: "水稻病虫害监测与绿色防控。") with { DisciplineCodes = ["21060"], IndustryCodes = ["0111"] },
            Docs.Offer("word", "病虫害统计软件开发") with { DisciplineCodes = ["52020"] },
        ]));
        var strictResults = strict.Search(new MatchQuery { Text = "水稻病虫害绿色防控", DisciplineCodes = ["21060"], IndustryCodes = ["0111"] });
        Assert.True(strictResults.Count(r => r.IsGoodMatch) < results.Count(r => r.IsGoodMatch));
    }

    private sealed class FixedPredictor(string code, double probability = 1.0) : IDisciplinePredictor
    {
        public IReadOnlyList<CodeSuggestion> Predict(IReadOnlyList<string> tokens, int top) =>
            probability >= 1 ? [new(code, 1.0)] : [new(code, probability), new("52020", 1 - probability)];
    }

    [Fact]
    public void Unknown_terms_are_the_share_of_the_query_weight_no_document_holds_and_lower_the_confidence()
    {
        var index = new MatchIndex(options: new MatchOptions { CodeFeedbackDocuments = 0 });
        index.Rebuild(Docs.Filler(30).Append(Docs.Offer("rice", "水稻病虫害防控", body: "水稻病虫害监测。") with { DisciplineCodes = ["21060"] }));
        var known = index.Search(new MatchQuery { Text = "水稻病虫害", DisciplineCodes = ["21060"] }).Single(r => r.Id == "rice");
        // 茶多酚 occurs in no document: its weight × the idf of a word no document holds counts as unknown.
        var partly = index.Search(new MatchQuery { Text = "水稻病虫害 茶多酚", DisciplineCodes = ["21060"] }).Single(r => r.Id == "rice");
        Assert.Equal(0, known.ConfidenceInputs.UnknownTerms, 9);
        Assert.InRange(partly.ConfidenceInputs.UnknownTerms, 0.05, 0.95);
        Assert.Equal(known.ConfidenceInputs.Field, partly.ConfidenceInputs.Field, 9);
        Assert.True(index.Options.ConfidenceUnknownTerms < 0);
        Assert.True(partly.Confidence < known.Confidence);
        // The share is of weight × idf: with n documents, an unknown word weighs ln(1 + (n + 0.5) / 0.5).
        var n = index.Count;
        var unknownIdf = Math.Log(1 + (n + 0.5) / 0.5);
        var alone = index.Search(new MatchQuery { Text = "水稻 茶多酚", DisciplineCodes = ["21060"] }).Single(r => r.Id == "rice");
        var df = 1; // 水稻 is in one document
        var idf = Math.Log(1 + (n - df + 0.5) / (df + 0.5));
        Assert.Equal(unknownIdf / (unknownIdf + idf), alone.ConfidenceInputs.UnknownTerms, 9);
    }

    [Fact]
    public void Uncertainty_is_one_minus_the_classifiers_first_choice_and_one_when_nothing_is_predicted()
    {
        MatchResult Tea(IDisciplinePredictor? predictor, IReadOnlyList<string>? codes = null)
        {
            var index = new MatchIndex(options: new MatchOptions { CodeFeedbackDocuments = 0 }, disciplinePredictor: predictor);
            index.Rebuild(Docs.Filler(30).Append(Docs.Offer("tea", "名优绿茶加工", body: "绿茶杀青与烘干。") with { DisciplineCodes = ["21060"] }));
            return index.Search(new MatchQuery { Text = "绿茶加工", DisciplineCodes = codes ?? [] }).Single(r => r.Id == "tea");
        }
        Assert.Equal(0, Tea(new FixedPredictor("21060")).ConfidenceInputs.Uncertainty, 9);
        Assert.Equal(0.4, Tea(new FixedPredictor("21060", 0.6)).ConfidenceInputs.Uncertainty, 9);
        Assert.Equal(1, Tea(null).ConfidenceInputs.Uncertainty, 9);
        Assert.Equal(0, Tea(null, ["21060"]).ConfidenceInputs.Uncertainty, 9); // given codes: sure of its field
        Assert.True(Tea(null, ["21060"]).ConfidenceInputs.Given);
        Assert.False(Tea(new FixedPredictor("21060")).ConfidenceInputs.Given);
        Assert.True(Tea(new FixedPredictor("21060", 0.6)).Confidence < Tea(new FixedPredictor("21060")).Confidence);
    }

    [Fact]
    public void Vote_disagreement_is_high_when_the_best_text_matches_lack_the_classifiers_field()
    {
        MatchResult Top(params MatchDocument[] documents)
        {
            var index = new MatchIndex(options: new MatchOptions { CodeFeedbackDocuments = 10 }, disciplinePredictor: new FixedPredictor("21060"));
            index.Rebuild(Docs.Filler(30).Concat(documents));
            return index.Search(new MatchQuery { Text = "深加工" })[0];
        }
        // Every text match is coal (53020) while the classifier says 21060: the corpus lacks the query's field.
        var coalOnly = Top(
            Docs.Offer("coal1", "煤浆深加工工艺", body: "水煤浆深加工。") with { DisciplineCodes = ["53020"] },
            Docs.Offer("coal2", "煤浆深加工设备", body: "水煤浆制备与深加工。") with { DisciplineCodes = ["53020"] });
        Assert.Equal(1, coalOnly.ConfidenceInputs.VoteDisagreement, 9);
        // Every text match is of the classifier's field.
        var teaOnly = Top(
            Docs.Offer("tea1", "茶叶深加工工艺", body: "绿茶深加工。") with { DisciplineCodes = ["21060"] },
            Docs.Offer("tea2", "茶叶深加工设备", body: "茶饮料与深加工。") with { DisciplineCodes = ["21060"] });
        Assert.Equal(0, teaOnly.ConfidenceInputs.VoteDisagreement, 9);
        Assert.True(new MatchOptions().ConfidenceVoteDisagreement < 0);
        Assert.True(teaOnly.Confidence > coalOnly.Confidence);

    }

    [Fact]
    public void A_predicted_field_counts_in_the_confidence_by_the_classifier_not_by_the_text_matches_codes()
    {
        // The text matches all carry 53020 (their vote makes 53020 the query's field as ranked); the classifier says 21060.
        var index = new MatchIndex(options: new MatchOptions { CodeFeedbackDocuments = 10 }, disciplinePredictor: new FixedPredictor("21060"));
        index.Rebuild(Docs.Filler(30).Concat(
        [
            Docs.Offer("coal1", "煤浆深加工工艺", body: "水煤浆深加工。") with { DisciplineCodes = ["53020"] },
            Docs.Offer("coal2", "煤浆深加工设备", body: "水煤浆制备与深加工。") with { DisciplineCodes = ["53020"] },
            Docs.Offer("tea", "名优绿茶加工", body: "绿茶杀青与烘干。") with { DisciplineCodes = ["21060"] },
        ]));
        var results = index.Search(new MatchQuery { Text = "深加工" });

        var coal = results.Single(r => r.Id == "coal1");
        Assert.Contains(coal.Explanation.Contributions, c => c.Signal == MatchSignal.PredictedDiscipline && c.Score > 0);
        Assert.Equal(0, coal.ConfidenceInputs.Field, 9);
        Assert.Equal(1, coal.ConfidenceInputs.FieldMiss, 9); // the classifier is sure of a field coal lacks
        var tea = results.Single(r => r.Id == "tea");
        Assert.Equal(1, tea.ConfidenceInputs.Field, 9);
        Assert.Equal(0, tea.ConfidenceInputs.FieldMiss, 9);
    }
}
