using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;

namespace Kexie.Web.Tests.Popularization;

/// <summary>
/// Mass-event tallies, venue visitors and confirmed volunteer service reach the S indicators (S05–S08) and the annual
/// report's popularization paragraph in the seeds' words — from the demo records of 大英县's 2025.
/// </summary>
public abstract class PopularizationIndicatorTests(KexieApp app)
{
    private const string DaYing = "510923";

    private static Dictionary<string, decimal?> ValuesOf(JsonNode values) =>
        values["values"]!.AsArray().ToDictionary(v => v!["code"]!.GetValue<string>(), v => v!["value"]?.GetValue<decimal?>());

    [Fact]
    public async Task Tallies_visitors_and_volunteer_hours_count_in_the_indicators_and_the_report()
    {
        var admin = await app.SignInAsync("daying");

        // The report refreshes the facts first, then speaks of them.
        using var docx = WordprocessingDocument.Open(new MemoryStream(await (await admin.GetAsync($"/api/v1/indicators/reports/annual?region={DaYing}&year=2025")).Content.ReadAsByteArrayAsync()), false);
        var text = docx.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Contains("大型科普活动现场参与81200人次", text);
        Assert.Contains("科技志愿服务32人次、79.5小时", text);
        Assert.Contains("共开展活动206场次，参与群众81200人次，展出宣传展板1030块", text);
        Assert.Contains("全年接待团队", text);
        Assert.Contains("省级科普惠民共享基地4个", text);
        Assert.Contains("累计开展科技志愿服务活动3场，志愿服务32人次", text);
        Assert.Contains("深入开展科普进农村、进社区、进学校、进机关、进企业活动", text);

        var values = ValuesOf(await (await admin.GetAsync($"/api/v1/indicators/values?region={DaYing}&period=2025")).OkJsonAsync());
        Assert.Equal(81200m, values["S05"]);
        Assert.True(values["S06"] >= 14500m, $"S06 = {values["S06"]}");
        Assert.Equal(32m, values["S07"]);
        Assert.Equal(79.5m, values["S08"]);

        // A region without records: zero, the module exists; the catalogue names the unit.
        var catalogue = await (await app.Anonymous().GetAsync("/api/v1/indicators/catalogue")).OkJsonAsync();
        var s08 = catalogue.AsArray().First(i => i!["code"]!.GetValue<string>() == "S08")!;
        Assert.Equal("小时", s08["unit"]!.GetValue<string>());
    }

    [Fact]
    public async Task Activities_carry_their_setting_and_target_group_and_are_found_by_them()
    {
        var staff = await app.SignInAsync("daying-staff");
        var token = Guid.NewGuid().ToString("N")[..8];
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var created = await (await staff.PostJsonAsync("/api/v1/popularization-activities", new
        {
            kind = "Training", title = $"实用技术培训{token}", regionCode = DaYing, venue = "蓬莱镇农民夜校", startsOn = today, endsOn = today, setting = "Countryside", targetGroup = "Farmers",
        })).OkJsonAsync();
        Assert.Equal("进农村", created["settingName"]!.GetValue<string>());
        Assert.Equal("农民", created["targetGroupName"]!.GetValue<string>());
        var found = await (await app.Anonymous().GetAsync($"/api/v1/popularization-activities?q={token}&setting=Countryside&targetGroup=Farmers")).OkJsonAsync();
        Assert.Equal(1, found["total"]!.GetValue<int>());
        var none = await (await app.Anonymous().GetAsync($"/api/v1/popularization-activities?q={token}&setting=School")).OkJsonAsync();
        Assert.Equal(0, none["total"]!.GetValue<int>());
        var page = await app.Anonymous().GetStringAsync($"/Popularization/Activities/Details/{created["id"]!.GetValue<string>()}");
        Assert.Contains("进农村", page);
        Assert.Contains("农民", page);
    }

    [Fact]
    public void The_settings_sentence_names_only_what_was_counted()
    {
        Assert.Null(Kexie.Web.Features.Popularization.PopularizationReport.SettingsSentence([], []));
        var sentence = Kexie.Web.Features.Popularization.PopularizationReport.SettingsSentence(
            [new("Countryside", "进农村", 1, 40, 0, 0, 0, 0, 0, 0), new("School", "进学校", 1, 23, 0, 0, 0, 0, 0, 0)],
            [new("Youth", "青少年", 1, 23, 5000, 0, 0, 0, 0, 0)]);
        Assert.Equal("深入开展科普进农村、进学校活动63场次（进农村40场次、进学校23场次），面向青少年5000人次。", sentence);
    }
}

public sealed class PopularizationIndicatorSqliteTests(SqliteApp app) : PopularizationIndicatorTests(app);

public sealed class PopularizationIndicatorPostgresTests(PostgresApp app) : PopularizationIndicatorTests(app);
