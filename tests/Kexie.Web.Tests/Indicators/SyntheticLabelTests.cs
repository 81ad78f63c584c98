using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Indicators;

/// <summary>
/// The demo's synthetic activity (演示数据) is labelled wherever its figures are shown: the values API splits it out, the
/// dashboard says how the dashboard's worker count and the directory's differ, the annual report notes it.
/// </summary>
public abstract class SyntheticLabelTests(KexieApp app)
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task The_demo_county_shows_its_synthetic_figures_beside_the_directory_count()
    {
        var daying = await app.SignInAsync("daying");
        var end = new DateTimeOffset(2021, 1, 1, 0, 0, 0, Cst).ToUniversalTime();
        var values = await (await daying.GetAsync("/api/v1/indicators/values?region=510923&period=2020")).OkJsonAsync();
        Assert.True(values["includesSynthetic"]!.GetValue<bool>());
        var w01 = values["values"]!.AsArray().First(v => v!["code"]!.GetValue<string>() == "W01")!;
        var total = w01["value"]!.GetValue<decimal>();
        var synthetic = w01["synthetic"]!.GetValue<decimal>();
        var directory = await app.QueryAsync(db => db.ScienceWorkers.CountAsync(w => w.RegionCode.StartsWith("510923") && w.CreatedAt < end));
        Assert.True(synthetic > 0);
        Assert.Equal(directory, (int)(total - synthetic)); // what is not synthetic is the directory

        var page = await daying.GetStringAsync("/Indicators?region=510923&period=2020");
        Assert.Contains("id=\"synthetic-note\"", page);
        Assert.Contains(FormattableString.Invariant($"大英县累计注册科技工作者{total:#,0}人中合成{synthetic:#,0}人，平台名录实有{directory:#,0}人"), page);
        Assert.Contains("含合成", page);
        // The score's explanation of the same region and period says the same, above its figures.
        var explain = await daying.GetStringAsync("/Indicators/Explain?region=510923&period=2020");
        Assert.Contains("id=\"synthetic-note\"", explain);
        Assert.Contains(FormattableString.Invariant($"平台名录实有{directory:#,0}人"), explain);

        var report = await daying.GetAsync("/api/v1/indicators/reports/annual?region=510923&year=2020");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        using var docx = WordprocessingDocument.Open(new MemoryStream(await report.Content.ReadAsByteArrayAsync()), false);
        Assert.Contains(FormattableString.Invariant($"注：以上统计含系统生成的演示用合成数据（非平台记录）：累计注册科技工作者{total}名中{synthetic}名为合成数据、平台记录{directory}名"), docx.MainDocumentPart!.Document!.Body!.InnerText);
    }

    [Fact]
    public async Task Figures_from_records_only_carry_no_label()
    {
        // 湖北 holds only the records tests create, no synthetic activity.
        var admin = await app.SignInAsync("admin");
        var values = await (await admin.GetAsync("/api/v1/indicators/values?region=42&period=2025")).OkJsonAsync();
        Assert.False(values["includesSynthetic"]!.GetValue<bool>());
        Assert.All(values["values"]!.AsArray(), v => Assert.Null(v!["synthetic"]?.GetValue<decimal?>()));
        Assert.DoesNotContain("id=\"synthetic-note\"", await admin.GetStringAsync("/Indicators?region=4201&period=2025"));
        Assert.DoesNotContain("id=\"synthetic-note\"", await admin.GetStringAsync("/Indicators/Explain?region=4201&period=2025"));
    }
}

public sealed class SyntheticLabelSqliteTests(SqliteApp app) : SyntheticLabelTests(app);

public sealed class SyntheticLabelPostgresTests(PostgresApp app) : SyntheticLabelTests(app);
