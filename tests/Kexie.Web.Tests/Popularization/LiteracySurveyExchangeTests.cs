using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Kexie.Web.Tests.Popularization;

/// <summary>
/// 公民科学素质调查结果 through Excel: a real .xlsx sheet of township results is checked (dry run writes nothing), imported, refused row
/// by row and column in Chinese where it is wrong or lies outside the importer's county, exported with the import's columns, imported
/// back unchanged and corrected without duplicates. The results are in 射洪市's townships (no other test writes literacy results
/// there) in a year of the test's own.
/// </summary>
public abstract class LiteracySurveyExchangeTests(KexieApp app)
{
    private const string SheHong = "510981";
    private const string DaYing = "510923";

    /// <summary>A year of its own from the earlier pool, moved into the years a survey may describe (1990 onwards).</summary>
    private int OwnYear()
    {
        var year = TestYears.Past(app.Provider);
        return year < 1990 ? year + 20 : year;
    }

    private static async Task<JsonNode> ImportAsync(HttpClient client, byte[] file, string fileName, bool dryRun = false)
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(part, "file", fileName);
        return await (await client.PostAsync($"/api/v1/imports/literacy-surveys?dryRun={dryRun.ToString().ToLowerInvariant()}", content)).OkJsonAsync();
    }

    /// <summary>A real workbook, as staff would fill the template: the header row, then one row per result.</summary>
    private static byte[] Workbook(params object?[][] rows)
    {
        string[] headers = ["行政区划代码", "年份", "具备科学素质比例（%）", "有效样本量", "调查来源", "调查日期", "备注"];
        var table = rows.Select(r => headers.Select((h, i) => (h, v: r[i])).ToDictionary(x => x.h, x => x.v)).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(table, sheetName: "导入模板");
        return stream.ToArray();
    }

    private static (int Created, int Updated, int Unchanged) Counts(JsonNode report) =>
        (report["created"]!.GetValue<int>(), report["updated"]!.GetValue<int>(), report["unchanged"]!.GetValue<int>());

    private static List<(int Row, string Column)> Errors(JsonNode report) =>
        report["errors"]!.AsArray().Select(e => (e!["row"]!.GetValue<int>(), e["column"]!.GetValue<string>())).ToList();

    private static List<IDictionary<string, object?>> Rows(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        return stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
    }

    [Fact]
    public async Task Survey_results_come_in_from_a_workbook_go_out_and_come_back_corrected_without_duplicates()
    {
        var year = OwnYear();
        var towns = await app.QueryAsync(db => db.Regions.Where(r => r.ParentCode == SheHong).OrderByDescending(r => r.Code).Select(r => new { r.Code, r.Name }).Take(2).ToListAsync());
        var (a, b) = (towns[0], towns[1]);
        var shehong = await app.SignInAsync("shehong");
        var source = $"镇公民科学素质抽样调查{year}";
        var sheet = Workbook(
            [a.Code, year, 10.56m, 800, source, $"{year}-11-30", "入户抽样"],
            [b.Code, year, "8.5%", 600, source, new DateTime(year + 1, 1, 15), null],
            [a.Code, year, "很多", 0, "", "明年", null],
            [DaYing, year, 9m, 500, source, $"{year}-11-30", null],
            [b.Code, year, 8.6m, 600, source, $"{year}-12-01", null]);

        var dry = await ImportAsync(shehong, sheet, "调查结果.xlsx", dryRun: true);
        Assert.Equal((2, 0, 0), Counts(dry));
        Assert.Equal(0, await app.QueryAsync(db => db.LiteracySurveys.CountAsync(s => s.Source == source)));

        var first = await ImportAsync(shehong, sheet, "调查结果.xlsx");
        Assert.Equal((2, 0, 0), Counts(first));
        Assert.Equal([(4, "具备科学素质比例（%）"), (4, "有效样本量"), (4, "调查来源"), (4, "调查日期"), (5, "行政区划代码"), (6, "年份")], Errors(first));
        Assert.All(first["errors"]!.AsArray(), e => Assert.Matches("\\p{IsCJKUnifiedIdeographs}", e!["message"]!.GetValue<string>()));
        Assert.Contains("第3行重复", first["errors"]!.AsArray().Single(e => e!["row"]!.GetValue<int>() == 6)!["message"]!.GetValue<string>());
        Assert.False(await app.QueryAsync(db => db.LiteracySurveys.AnyAsync(s => s.RegionCode == DaYing && s.Source == source)));

        var saved = await app.QueryAsync(db => db.LiteracySurveys.Where(s => s.Source == source).OrderBy(s => s.RegionCode).ToListAsync());
        Assert.Equal(2, saved.Count);
        var inA = saved.Single(s => s.RegionCode == a.Code);
        Assert.Equal((1056, 800, new DateOnly(year, 11, 30), "入户抽样"), (inA.Rate, inA.SampleSize, inA.SurveyedOn, inA.Note));
        var inB = saved.Single(s => s.RegionCode == b.Code);
        Assert.Equal((850, new DateOnly(year + 1, 1, 15)), (inB.Rate, inB.SurveyedOn));
        var stats = await (await app.Anonymous().GetAsync($"/api/v1/science-literacy/statistics?region={a.Code}&year={year}")).OkJsonAsync();
        Assert.Equal("10.56%", stats["measured"]!["rateText"]!.GetValue<string>());
        Assert.Equal(source, stats["measured"]!["source"]!.GetValue<string>());

        // The export has the import's columns (the rate as a plain percentage) and 所在地区 beside the code; it imports back unchanged.
        var export = await shehong.GetAsync($"/api/v1/science-literacy/surveys/export.xlsx?region={SheHong}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        var rows = Rows(bytes).Where(r => (string?)r["调查来源"] == source).ToList();
        Assert.Equal(2, rows.Count);
        var rowA = rows.Single(r => (string?)r["行政区划代码"] == a.Code);
        Assert.Equal((a.Name, 10.56m, 800, $"{year}-11-30"), ((string?)rowA["所在地区"], Convert.ToDecimal(rowA["具备科学素质比例（%）"], System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt32(rowA["有效样本量"], System.Globalization.CultureInfo.InvariantCulture), (string?)rowA["调查日期"]));
        var back = await ImportAsync(shehong, bytes, "公民科学素质调查结果.xlsx");
        Assert.Equal(0, back["created"]!.GetValue<int>() + back["updated"]!.GetValue<int>());
        Assert.Empty(back["errors"]!.AsArray());

        // A corrected sheet updates the result of that region and year, never adds a second one.
        var corrected = await ImportAsync(shehong, Workbook(
            [a.Code, year, 11.2m, 820, source, $"{year}-11-30", "入户抽样"],
            [b.Code, year, 8.5m, 600, source, new DateTime(year + 1, 1, 15), null]), "更正.xlsx");
        Assert.Equal((0, 1, 1), Counts(corrected));
        var after = await app.QueryAsync(db => db.LiteracySurveys.Where(s => s.RegionCode == a.Code && s.Year == year).ToListAsync());
        Assert.Equal((1120, 820), (after.Single().Rate, after.Single().SampleSize));

        // Another county's admin cannot import 射洪市's results; only the region's managers export; the template names the columns.
        var foreign = await ImportAsync(await app.SignInAsync("daying"), Workbook([a.Code, year, 1m, 1, "冒名", $"{year}-11-30", null]), "x.xlsx");
        Assert.Equal([(2, "行政区划代码")], Errors(foreign));
        Assert.Equal(1120, await app.QueryAsync(db => db.LiteracySurveys.Where(s => s.RegionCode == a.Code && s.Year == year).Select(s => s.Rate).SingleAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("worker")).GetAsync($"/api/v1/science-literacy/surveys/export.xlsx?region={SheHong}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync($"/api/v1/science-literacy/surveys/export.xlsx?region={SheHong}")).StatusCode);
        var template = Rows(await shehong.GetByteArrayAsync("/api/v1/imports/literacy-surveys/template.xlsx"));
        Assert.Equal(["行政区划代码", "年份", "具备科学素质比例（%）", "有效样本量", "调查来源", "调查日期", "备注"], template.First().Keys);
        Assert.StartsWith("示例", (string?)template.First()["行政区划代码"]);

        var page = await shehong.GetStringAsync($"/Popularization/Literacy?region={SheHong}&year={year}");
        Assert.Contains("id=\"export-surveys\"", page);
        Assert.Contains("id=\"import-surveys\"", page);
        Assert.DoesNotContain("id=\"export-surveys\"", await app.Anonymous().GetStringAsync($"/Popularization/Literacy?region={SheHong}&year={year}"));
    }
}

public sealed class LiteracySurveyExchangeSqliteTests(SqliteApp app) : LiteracySurveyExchangeTests(app);

public sealed class LiteracySurveyExchangePostgresTests(PostgresApp app) : LiteracySurveyExchangeTests(app);
