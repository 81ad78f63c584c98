namespace Kexie.Matching.Tests;

/// <summary>A document that states its discipline is also read by the classifier
/// (<see cref="MatchOptions.GivenDocumentReadDiscipline"/>, off by default): against a predicted query field it earns the
/// better of its stated codes and its own text's reading (as a guessed document code).</summary>
public class GivenDocumentReadDisciplineTests
{
    private const string Library = "87020";
    private const string Mining = "44010";

    /// <summary>Reads a text holding 档案 as library science (0.8), anything else as mining engineering (0.8).</summary>
    private sealed class ArchivePredictor : IDisciplinePredictor
    {
        public IReadOnlyList<CodeSuggestion> Predict(IReadOnlyList<string> tokens, int top) =>
            [.. (tokens.Any(t => t.Contains("档案", StringComparison.Ordinal))
                ? new CodeSuggestion[] { new(Library, 0.8), new(Mining, 0.2) }
                : [new(Mining, 0.8), new(Library, 0.2)]).Take(top)];
    }

    private static MatchOptions Options(bool read) => new()
    {
        GivenDocumentReadDiscipline = read,
        CodeFeedbackDocuments = 0,
        PredictedLeaderMargin = 1, // the text leader's lift is not what these tests are about
    };

    /// <summary>"own": the query's words, but filed under mining engineering; "library": fewer of them, filed under library
    /// science; "guessed": no code (its field is guessed from its text); "drill": mining engineering, read as mining too.</summary>
    private static IReadOnlyList<MatchDocument> Corpus() =>
    [
        .. Docs.Filler(30),
        Docs.Offer("own", "电子信息技术与企业档案管理", body: "电子信息技术用于企业档案管理，档案检索更快。") with { DisciplineCodes = [Mining] },
        Docs.Offer("library", "企业档案管理", body: "图书馆学与企业档案管理。") with { DisciplineCodes = [Library] },
        Docs.Offer("guessed", "档案整理", body: "图书馆的档案整理。"),
        Docs.Offer("drill", "企业钻机管理", body: "矿山企业的钻机管理。") with { DisciplineCodes = [Mining] },
    ];

    private static IReadOnlyList<MatchResult> Search(MatchOptions options, MatchQuery? query = null)
    {
        var index = new MatchIndex(options: options, disciplinePredictor: new ArchivePredictor());
        index.Rebuild(Corpus());
        return index.Search(query ?? new MatchQuery { Text = "电子信息技术与企业档案管理" });
    }

    private static string Ranking(IReadOnlyList<MatchResult> results) =>
        string.Join(" ", results.Select(r => $"{r.Id}:{r.Score:R}"));

    [Fact]
    public void A_build_that_leaves_the_reading_for_later_ranks_as_without_it_until_the_coded_documents_are_read_again()
    {
        var query = new MatchQuery { Text = "电子信息技术与企业档案管理" };
        var index = new MatchIndex(options: Options(true), disciplinePredictor: new ArchivePredictor());
        index.Rebuild(Corpus(), readStatedDisciplines: false);
        // Until the coded documents are read, they count by their stated codes only, as with the option off.
        Assert.Equal(Ranking(Search(Options(false), query)), Ranking(index.Search(query)));
        Assert.NotEqual(Ranking(Search(Options(false), query)), Ranking(Search(Options(true), query)));

        index.UpsertMany(Corpus().Where(d => d.DisciplineCodes.Count > 0));
        // Read again, every document earns the field it earns in a build that read it (the text scores move a little:
        // the replaced copies stay in the index's statistics until its segments merge), and the order is the same.
        var full = Search(Options(true), query);
        var later = index.Search(query);
        Assert.Equal(full.Select(r => r.Id), later.Select(r => r.Id));
        foreach (var r in full)
        {
            Assert.Equal(FieldScore(full, r.Id), FieldScore(later, r.Id), 12);
        }
        Assert.Contains("由其内容推测", later.Single(r => r.Id == "own").Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Coded_documents_read_again_in_batches_rank_as_when_read_all_at_once()
    {
        var query = new MatchQuery { Text = "电子信息技术与企业档案管理" };
        var coded = Corpus().Where(d => d.DisciplineCodes.Count > 0).ToList();
        var once = new MatchIndex(options: Options(true), disciplinePredictor: new ArchivePredictor());
        once.Rebuild(Corpus(), readStatedDisciplines: false);
        once.UpsertMany(coded);
        var batched = new MatchIndex(options: Options(true), disciplinePredictor: new ArchivePredictor());
        batched.Rebuild(Corpus(), readStatedDisciplines: false);
        foreach (var batch in coded.Chunk(2))
        {
            batched.UpsertMany(batch);
        }

        // The same documents, each read once; the order and the fields are those of a build that read them.
        Assert.Equal(once.Count, batched.Count);
        var full = Search(Options(true), query);
        var later = batched.Search(query);
        Assert.Equal(full.Select(r => r.Id), later.Select(r => r.Id));
        foreach (var r in full)
        {
            Assert.Equal(FieldScore(full, r.Id), FieldScore(later, r.Id), 12);
        }
        Assert.Equal(once.Search(query).Select(r => r.Id), later.Select(r => r.Id));
        Assert.Contains("由其内容推测", later.Single(r => r.Id == "own").Explanation.Summary, StringComparison.Ordinal);
    }

    private static double FieldScore(IReadOnlyList<MatchResult> results, string id) =>
        results.Single(r => r.Id == id).Explanation.Contributions.Where(c => c.Signal is MatchSignal.PredictedDiscipline or MatchSignal.Discipline).Sum(c => c.Score);

    [Fact]
    public void A_stated_code_that_its_text_disagrees_with_earns_the_reading_as_a_guessed_code_and_says_so()
    {
        var off = Search(Options(false));
        var on = Search(Options(true));
        // The guessed field is library science: "library" earns it fully, "guessed" (no code) earns it times the
        // guessed-document factor; "own" states mining, but its text reads as library science.
        Assert.True(FieldScore(on, "own") > FieldScore(off, "own"));
        Assert.Equal(FieldScore(on, "guessed"), FieldScore(on, "own"), 9);
        var shared = on.Single(r => r.Id == "own").Explanation.SharedDisciplines;
        Assert.All(shared, s => Assert.True(s.DocumentPredicted));
        Assert.Contains(shared, s => s.DocumentCode == Library);
        Assert.Contains("由其内容推测", on.Single(r => r.Id == "own").Explanation.Summary, StringComparison.Ordinal);
        foreach (var r in on)
        {
            ExplanationTruth.Check(r, on, Options(true));
        }
    }

    [Fact]
    public void The_better_of_stated_and_read_counts_so_no_document_loses()
    {
        var off = Search(Options(false));
        var on = Search(Options(true));
        foreach (var r in off)
        {
            Assert.True(FieldScore(on, r.Id) >= FieldScore(off, r.Id) - 1e-12, r.Id);
        }
        // Stated and read agree, or the stated code earns more: nothing changes.
        Assert.Equal(FieldScore(off, "library"), FieldScore(on, "library"), 12);
        Assert.Equal(FieldScore(off, "guessed"), FieldScore(on, "guessed"), 12);
        Assert.Equal(FieldScore(off, "drill"), FieldScore(on, "drill"), 12);
    }

    [Fact]
    public void The_known_item_whose_stated_code_is_surprising_comes_back_above_a_weaker_text_of_the_guessed_field()
    {
        var off = Search(Options(false));
        var on = Search(Options(true));
        Assert.Equal(["library", "own"], off.Take(2).Select(r => r.Id));
        Assert.Equal(["own", "library"], on.Take(2).Select(r => r.Id));
    }

    [Fact]
    public void Codes_the_query_gives_and_the_confidence_are_not_affected()
    {
        var query = new MatchQuery { Text = "电子信息技术与企业档案管理", DisciplineCodes = [Library] };
        var givenOff = Search(Options(false), query);
        var givenOn = Search(Options(true), query);
        Assert.Equal(givenOff.Select(r => r.Id), givenOn.Select(r => r.Id));
        Assert.Equal(givenOff.Select(r => r.Score), givenOn.Select(r => r.Score));

        var off = Search(Options(false));
        var on = Search(Options(true));
        foreach (var r in off)
        {
            var other = on.Single(x => x.Id == r.Id);
            Assert.Equal(r.ConfidenceInputs.Field, other.ConfidenceInputs.Field, 12);
        }
    }

    [Fact]
    public void On_by_default()
    {
        Assert.True(new MatchOptions().GivenDocumentReadDiscipline);
        var implicitDefault = Search(new MatchOptions { CodeFeedbackDocuments = 0, PredictedLeaderMargin = 1 });
        var explicitOn = Search(Options(true));
        Assert.Equal(implicitDefault.Select(r => r.Id), explicitOn.Select(r => r.Id));
        Assert.Equal(implicitDefault.Select(r => r.Score), explicitOn.Select(r => r.Score));
        Assert.Equal(implicitDefault.Select(r => r.Explanation.Summary), explicitOn.Select(r => r.Explanation.Summary));
    }

    [Fact]
    public void Off_predicts_nothing_for_coded_documents_and_keeps_the_stated_codes_alone()
    {
        var off = Search(Options(false));
        Assert.Equal(FieldScore(off, "drill"), FieldScore(off, "own"), 12);
        Assert.All(off.Single(r => r.Id == "own").Explanation.SharedDisciplines, s => Assert.False(s.DocumentPredicted));
    }
}
