using Kexie.Domain.Common;
using Kexie.Domain.Dictionaries;
using Kexie.Domain.Directory;

namespace Kexie.Domain.Tests.Dictionaries;

public class DictionaryLookupTests
{
    private static ScienceWorkerData Data(string? title = null, string? education = null, string? political = null) =>
        new("李建国", Gender.Male, 1975, null, title, [], education, political, "13812345678", "510923", false);

    [Theory]
    [InlineData(DictionaryTypes.Education, "本科", "大学本科")]
    [InlineData(DictionaryTypes.Education, "21", "大学本科")]
    [InlineData(DictionaryTypes.Education, "大专", "大学专科")]
    [InlineData(DictionaryTypes.Education, "硕士", "硕士研究生")]
    [InlineData(DictionaryTypes.Education, "　本科　", "大学本科")]
    [InlineData(DictionaryTypes.PoliticalStatus, "党员", "中共党员")]
    [InlineData(DictionaryTypes.PoliticalStatus, "团员", "共青团员")]
    [InlineData(DictionaryTypes.Title, "高工", "高级工程师")]
    [InlineData(DictionaryTypes.Title, "教授级高工", "正高级工程师")]
    public void Unambiguous_synonyms_and_codes_map_to_the_standard_name(string type, string text, string name) =>
        Assert.Equal(name, DictionaryLookup.Seeds.Canonical(type, text));

    [Theory]
    [InlineData(DictionaryTypes.Education, "研究生")]
    [InlineData(DictionaryTypes.Title, "高级")]
    public void Ambiguous_spellings_map_to_nothing(string type, string text) =>
        Assert.Null(DictionaryLookup.Seeds.Canonical(type, text));

    [Fact]
    public void A_worker_stores_the_standard_names_and_an_open_list_keeps_other_titles()
    {
        var worker = ScienceWorker.Create(Data("高工", "本科", "党员"), _ => true);
        Assert.Equal(("高级工程师", "大学本科", "中共党员"), (worker.Title, worker.Education, worker.PoliticalStatus));
        Assert.Equal("高级茶艺技师", ScienceWorker.Create(Data(title: "高级茶艺技师"), _ => true).Title);
        var ex = Assert.Throws<DomainValidationException>(() => ScienceWorker.Create(Data(education: "研究生"), _ => true));
        Assert.Equal("education", ex.Field);
        Assert.Contains("硕士研究生", ex.Message);
    }

    [Fact]
    public void A_disabled_entry_is_no_longer_offered_but_stays_on_records_that_hold_it()
    {
        var entries = DictionarySeeds.Entries().ToList();
        var worker = ScienceWorker.Create(Data(education: "大学本科"), _ => true, new DictionaryLookup(entries));
        entries.Single(e => e.Type == DictionaryTypes.Education && e.Code == "21").Update(10, false, ["本科"]);
        var lookup = new DictionaryLookup(entries);
        Assert.DoesNotContain("大学本科", lookup.Names(DictionaryTypes.Education));

        worker.Update(Data(education: "大学本科") with { Name = "李建国（改）" }, _ => true, lookup);
        Assert.Equal("大学本科", worker.Education);
        Assert.Throws<DomainValidationException>(() => ScienceWorker.Create(Data(education: "大学本科"), _ => true, lookup));
        Assert.Equal("21", lookup.CodeOf(DictionaryTypes.Education, "大学本科"));
    }

    [Fact]
    public void Synonyms_are_split_trimmed_and_never_repeat_the_name()
    {
        var entry = DictionaryEntry.Create(DictionaryTypes.Title, "X1", "高级茶艺技师", 10, true, ["茶艺高级技师、 高级茶艺技师 ，茶艺高级技师"]);
        Assert.Equal(["茶艺高级技师"], entry.Synonyms);
        Assert.Equal("code", Assert.Throws<DomainValidationException>(() => DictionaryEntry.Create(DictionaryTypes.Title, "X 1", "某", 10, true, [])).Field);
        Assert.Equal("type", Assert.Throws<DomainValidationException>(() => DictionaryEntry.Create("blood", "A", "A型", 10, true, [])).Field);
    }
}
