using Kexie.Matching.Analysis;
using Kexie.Matching.Data;

namespace Kexie.Matching.Tests;

/// <summary>What counts as a matched term: no single characters that are not domain terms, no place names of the
/// platform, no organisation-type or generic words, no words most documents hold.</summary>
public class TermQualityTests
{
    private static string DataDir => KexieDataPath.Locate(startDirectory: AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("shared/data not found");

    private static readonly string[] Junk = ["法", "做", "只", "系", "已", "率", "大英县", "大英", "公司", "有限公司", "医院", "人民", "四川", "遂宁市"];

    [Fact]
    public void Place_names_are_the_regions_and_their_short_forms()
    {
        var places = DomainVocabulary.PlaceNames(DataDir);
        Assert.Contains("大英县", places);
        Assert.Contains("大英", places);
        Assert.Contains("四川省", places);
        Assert.Contains("四川", places);
        Assert.Contains("遂宁", places);
        Assert.DoesNotContain("市辖区", places);
        Assert.All(places, p => Assert.True(p.Length >= 2));
    }

    [Fact]
    public void Single_characters_place_names_and_generic_words_are_never_matched_terms()
    {
        var options = new MatchOptions { CodeFeedbackDocuments = 0, IgnoredTerms = DomainVocabulary.PlaceNames(DataDir) };
        var index = new MatchIndex(options: options);
        index.Rebuild(Docs.Filler(30).Concat(
        [
            Docs.Offer("hospital", "大英县人民医院有限公司", body: "四川省遂宁市大英县，只做已有的系统，合格率高，方法得当。"),
            Docs.Offer("bearing", "滚动轴承寿命检测服务", body: "大英县某公司提供轴承振动与寿命试验。"),
        ]));
        var query = new MatchQuery { Text = "四川大英县人民医院有限公司 滚动轴承寿命检测，法 做 只 系 已 率" };
        var results = index.Search(query);
        // The hospital shares only junk with the query: it is no match at all.
        Assert.True(!results.Any(r => r.Id == "hospital"), string.Join(" / ", results.Select(r => r.Id + ":" + string.Join(",", r.Explanation.MatchedTerms.Select(t => t.Term)))));
        var bearing = Assert.Single(results, r => r.Id == "bearing");
        Assert.Contains(bearing.Explanation.MatchedTerms, t => t.Term == "轴承");
        Assert.All(results.SelectMany(r => r.Explanation.MatchedTerms), t =>
        {
            Assert.DoesNotContain(t.Term, Junk);
            Assert.True(t.Term.Length >= 2);
        });
    }

    [Fact]
    public void A_lone_character_matches_nothing_and_the_dictionary_holds_no_single_characters()
    {
        var index = new MatchIndex(options: new MatchOptions { CodeFeedbackDocuments = 0 });
        index.Rebuild(Docs.Filler(20).Append(Docs.Offer("tea", "茶 种植", body: "茶 园 管理")));
        Assert.Empty(index.Search(new MatchQuery { Text = "茶" }));
        Assert.Equal("tea", index.Search(new MatchQuery { Text = "茶 种植" })[0].Id);
        // Domain terms are at least two characters (so "single characters that are not domain terms" are all of them).
        Assert.All(new ChineseAnalyzer(DomainVocabulary.TaxonomyTerms(DataDir).Append("茶")).UserTerms, t => Assert.True(t.Length >= 2));
    }

    [Fact]
    public void A_word_most_documents_hold_does_not_count_when_the_query_has_better_ones()
    {
        var options = new MatchOptions { CodeFeedbackDocuments = 0 };
        var docs = Enumerable.Range(0, 120).Select(i => Docs.Offer($"d{i}", i % 3 == 0 ? $"专题{i}" : $"推广服务站点{i}", body: i % 3 == 0 ? "" : "推广")).ToList();
        docs.Add(Docs.Offer("seed", "种子包衣推广"));
        var index = new MatchIndex(options: options);
        index.Rebuild(docs);
        var result = index.Search(new MatchQuery { Text = "种子包衣 推广" });
        Assert.Equal("seed", result[0].Id);
        Assert.All(result.SelectMany(r => r.Explanation.MatchedTerms), t => Assert.NotEqual("推广", t.Term));

        // A query of that word alone still finds its documents.
        Assert.Equal(docs.Count(d => d.Body == "推广") + 1, index.Search(new MatchQuery { Text = "推广", Top = 1000 }).Count);

        // In a handful of documents the same share is no evidence of a generic word.
        var small = new MatchIndex(options: options);
        small.Rebuild(docs.Take(30).Append(docs[^1]));
        Assert.Contains(small.Search(new MatchQuery { Text = "种子包衣 推广" }).SelectMany(r => r.Explanation.MatchedTerms), t => t.Term == "推广");
    }
}
