namespace Kexie.Matching.Tests;

public class FeedbackTests
{
    private static List<MatchDocument> Corpus()
    {
        var docs = Docs.Filler(1200).ToList();
        for (var i = 0; i < 6; i++)
        {
            docs.Add(Docs.Offer($"rice-{i}", "水稻稻瘟病防治", "水稻稻瘟病和纹枯病的综合防控，田间监测与药剂筛选。"));
        }
        // Both mention 水稻 once in the body; "off" is shorter, so on the literal query it ranks higher.
        docs.Add(Docs.Offer("off", "果园管理", "果园与水稻轮作。"));
        docs.Add(Docs.Offer("field", "植保服务", "水稻田间稻瘟病纹枯病监测服务。"));
        return docs;
    }

    [Fact]
    public void Feedback_lifts_a_document_of_the_same_field_and_explains_it_separately()
    {
        var docs = Corpus();
        var plain = new MatchIndex(options: new MatchOptions { CodeFeedbackDocuments = 0, FeedbackDocuments = 0 });
        plain.Rebuild(docs);
        var withFeedback = new MatchIndex(options: new MatchOptions { CodeFeedbackDocuments = 0, FeedbackWeight = 0.5 });
        withFeedback.Rebuild(docs);
        var query = new MatchQuery { Text = "水稻", Top = 50 };

        var before = plain.Search(query);
        Assert.True(Docs.RankOf(before, "off") < Docs.RankOf(before, "field"));
        Assert.All(before, r => Assert.Empty(r.Explanation.FeedbackTerms));

        var after = withFeedback.Search(query);
        Assert.True(Docs.RankOf(after, "field") < Docs.RankOf(after, "off"));
        var field = after.Single(r => r.Id == "field");
        Assert.Equal(["水稻"], field.Explanation.MatchedTerms.Select(t => t.Term));
        Assert.Contains(field.Explanation.FeedbackTerms, t => t.Term == "稻瘟病" && t.FromFeedback && t.Score > 0);
        Assert.Contains("稻瘟病", field.Explanation.Summary);
        // Feedback re-ranks only: every result still holds a term of the query itself.
        Assert.All(after, r => Assert.NotEmpty(r.Explanation.MatchedTerms));
        // The text contributions still add up to the score.
        Assert.All(after, r => Assert.Equal(r.Score, r.Explanation.Contributions.Sum(c => c.Score), 6));
    }

    [Fact]
    public void Feedback_is_off_for_duplicate_search_and_small_indexes()
    {
        var small = new MatchIndex(options: new MatchOptions { CodeFeedbackDocuments = 0 });
        small.Rebuild(Corpus().Skip(1000));
        Assert.All(small.Search(new MatchQuery { Text = "水稻" }), r => Assert.Empty(r.Explanation.FeedbackTerms));

        var index = new MatchIndex(options: new MatchOptions { CodeFeedbackDocuments = 0 });
        index.Rebuild(Corpus().Select(d => d with { Kind = DocumentKind.Need }));
        var similar = index.FindSimilarNeeds(Docs.Need("q", "水稻", "水稻"));
        Assert.NotEmpty(similar);
        Assert.All(similar, r => Assert.Empty(r.Explanation.FeedbackTerms));
    }
}

public class DisciplineDampingTests
{
    private sealed class Always(string code) : IDisciplinePredictor
    {
        public IReadOnlyList<CodeSuggestion> Predict(IReadOnlyList<string> tokens, int top) => [new CodeSuggestion(code, 1.0)];
    }

    private static double PredictedDiscipline(MatchResult r) =>
        r.Explanation.Contributions.Single(c => c.Signal == MatchSignal.PredictedDiscipline).Score;

    private static MatchResult Search(double damping, params MatchDocument[] docs)
    {
        var options = new MatchOptions { CodeFeedbackDocuments = 0, PredictedDisciplineWeight = 1.0, PredictedDisciplineMarginDamping = damping };
        var index = new MatchIndex(options: options, disciplinePredictor: new Always("0710"));
        index.Rebuild(Docs.Filler(50).Concat(docs));
        return index.Search(new MatchQuery { Text = "茶叶加工 茶树栽培" }).Single(r => r.Id == "tea");
    }

    [Fact]
    public void Predicted_discipline_counts_fully_when_the_text_ranking_is_flat_and_less_behind_a_clear_leader()
    {
        var tea = Docs.Offer("tea", "茶叶加工", "茶叶加工。") with { DisciplineCodes = ["0710"] };
        var twin = Docs.Offer("twin", "茶叶加工", "茶叶加工。") with { DisciplineCodes = ["0820"] };
        Assert.Equal(1.0, PredictedDiscipline(Search(1.0, tea, twin)), 6);

        var weak = Docs.Offer("weak", "茶叶", "其他。") with { DisciplineCodes = ["0820"] };
        var strong = Docs.Offer("tea", "茶叶加工与茶树栽培", "茶叶加工，茶树栽培。") with { DisciplineCodes = ["0710"] };
        var damped = PredictedDiscipline(Search(1.0, strong, weak));
        Assert.InRange(damped, 0.01, 0.9);
        Assert.Equal(1.0, PredictedDiscipline(Search(0.0, strong, weak)), 6);
    }
}
