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
                + (r.Coverage > 0 ? 0 : options.ConfidenceNoSharedTerm) + options.ConfidenceFieldMiss * r.ConfidenceInputs.FieldMiss)));
            Assert.Equal(1 - field, r.ConfidenceInputs.FieldMiss, 9); // the query's codes are given: it is sure of its field
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

    private sealed class FixedPredictor(string code) : IDisciplinePredictor
    {
        public IReadOnlyList<CodeSuggestion> Predict(IReadOnlyList<string> tokens, int top) => [new(code, 1.0)];
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
