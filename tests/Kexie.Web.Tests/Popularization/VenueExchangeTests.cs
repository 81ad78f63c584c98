using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Kexie.Web.Tests.Popularization;

/// <summary>
/// 科普阵地 and their visitor records through Excel: the export of what the list shows (names, not codes) imports back unchanged,
/// a re-import corrects instead of duplicating, a bad row is reported by row and column in Chinese, and a row of another county is
/// refused. Every venue carries a token in its name, so the demo's venues and other tests' are not touched.
/// </summary>
public abstract class VenueExchangeTests(KexieApp app)
{
    private const string DaYing = "510923";
    private const string SheHong = "510981";

    private static string Token() => Guid.NewGuid().ToString("N")[..8];

    private static async Task<JsonNode> ImportAsync(HttpClient client, string kind, byte[] file, string fileName, bool dryRun = false)
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, "file", fileName);
        return await (await client.PostAsync($"/api/v1/imports/{kind}?dryRun={dryRun.ToString().ToLowerInvariant()}", content)).OkJsonAsync();
    }

    private static Task<JsonNode> ImportCsvAsync(HttpClient client, string kind, string csv) => ImportAsync(client, kind, Encoding.UTF8.GetBytes(csv), "rows.csv");

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
    public async Task Venues_go_out_to_excel_and_come_back_without_duplicates()
    {
        var token = Token();
        var daying = await app.SignInAsync("daying");
        var csv = "阵地名称,阵地类型,级别,行政区划代码,地址,认定单位,认定日期,运行状态,开放日期,备注\n"
            + $"县科技馆{token},科技馆,县级,{DaYing},文化中心,县科协,2019-06-01,开放,2019-06-01,\n"
            + $"流动科技馆{token},流动科技馆,省级,{DaYing},,四川省科协,2020/3/1,,2020-03-01,\n"
            + $"坏行{token},科技宫,省级,{DaYing},,,明年,,,\n"
            + $"射洪馆{token},科技馆,县级,{SheHong},,,,开放,2019-01-01,\n";
        var first = await ImportCsvAsync(daying, "venues", csv);
        Assert.Equal((2, 0, 0), Counts(first));
        Assert.Equal([(4, "阵地类型"), (4, "认定日期"), (5, "行政区划代码")], Errors(first));
        Assert.All(first["errors"]!.AsArray(), e => Assert.Matches("\\p{IsCJKUnifiedIdeographs}", e!["message"]!.GetValue<string>()));
        Assert.False(await app.QueryAsync(db => db.Venues.AnyAsync(v => v.Name == $"射洪馆{token}")));

        var export = await daying.GetAsync($"/api/v1/venues/export.xlsx?q={token}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        var rows = Rows(bytes);
        Assert.Equal(2, rows.Count);
        var museum = rows.Single(r => (string?)r["阵地名称"] == $"县科技馆{token}");
        Assert.Equal(("科技馆", "县级", "开放"), ((string?)museum["阵地类型"], (string?)museum["级别"], (string?)museum["运行状态"]));
        Assert.Contains("大英", (string?)museum["所在地区"]);
        Assert.Equal("省级", rows.Single(r => (string?)r["阵地名称"] == $"流动科技馆{token}")["级别"]);

        // The export imports back unchanged; a corrected sheet updates, never duplicates.
        Assert.Equal((0, 0, 2), Counts(await ImportAsync(daying, "venues", bytes, "科普阵地.xlsx")));
        var corrected = await ImportCsvAsync(daying, "venues", csv.Replace("文化中心", "文化中心3楼", StringComparison.Ordinal));
        Assert.Equal((0, 1, 1), Counts(corrected));
        var mine = await app.QueryAsync(db => db.Venues.Where(v => v.Name.EndsWith(token)).ToListAsync());
        Assert.Equal(2, mine.Count);
        Assert.Equal("文化中心3楼", mine.Single(v => v.Name == $"县科技馆{token}").Address);

        // Only the region's staff export; the template names the columns.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("worker")).GetAsync($"/api/v1/venues/export.xlsx?q={token}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync($"/api/v1/venues/export.xlsx?q={token}")).StatusCode);
        var template = Rows(await daying.GetByteArrayAsync("/api/v1/imports/venues/template.xlsx"));
        Assert.Equal(["阵地名称", "阵地类型", "级别", "行政区划代码", "地址", "认定单位", "认定日期", "运行状态", "开放日期", "备注"], template.First().Keys);
        Assert.StartsWith("示例", (string?)template.First()["阵地名称"]);

        var page = await daying.GetStringAsync("/Popularization/Venues");
        Assert.Contains("id=\"export-venues\"", page);
        Assert.Contains("id=\"import-venues\"", page);
        Assert.DoesNotContain("id=\"export-venues\"", await app.Anonymous().GetStringAsync("/Popularization/Venues"));
    }

    [Fact]
    public async Task Visitor_records_go_out_per_venue_and_region_and_come_back_corrected()
    {
        var token = Token();
        var daying = await app.SignInAsync("daying");
        var shehong = await app.SignInAsync("shehong");
        var caravan = await (await daying.PostJsonAsync("/api/v1/venues", new { name = $"大篷车{token}", kind = "Caravan", level = "County", regionCode = DaYing, status = "Open", openedOn = "2024-01-01" })).OkJsonAsync();
        var caravanId = caravan["id"]!.GetValue<string>();
        await (await shehong.PostJsonAsync("/api/v1/venues", new { name = $"射洪馆{token}", kind = "ScienceMuseum", level = "County", regionCode = SheHong, status = "Open", openedOn = "2024-01-01" })).OkJsonAsync();

        var csv = "阵地名称,日期,接待团队,观众人次,重点人群,服务场所,服务地点\n"
            + $"大篷车{token},2024-03-01,2,300,青少年,进学校,某镇中心小学\n"
            + $"大篷车{token},2024-03-01,0,120,农民,农村,某村\n"
            + $"大篷车{token},2024-03-02,1,很多,老年人,进社区,某社区\n"
            + $"射洪馆{token},2024-03-01,1,100,,,\n"
            + $"大篷车{token},2024-03-01,1,50,,,某镇中心小学\n";
        var first = await ImportCsvAsync(daying, "venue-visits", csv);
        Assert.Equal((2, 0, 0), Counts(first));
        Assert.Equal([(4, "观众人次"), (5, "阵地名称"), (6, "日期")], Errors(first));
        var foreign = first["errors"]!.AsArray().Single(e => e!["row"]!.GetValue<int>() == 5)!["message"]!.GetValue<string>();
        Assert.Contains("本地区没有", foreign);
        Assert.Contains("第2行重复", first["errors"]!.AsArray().Single(e => e!["row"]!.GetValue<int>() == 6)!["message"]!.GetValue<string>());

        var perVenue = await daying.GetAsync($"/api/v1/venues/visits/export.xlsx?venue={caravanId}");
        Assert.Equal(HttpStatusCode.OK, perVenue.StatusCode);
        var bytes = await perVenue.Content.ReadAsByteArrayAsync();
        var rows = Rows(bytes);
        Assert.Equal(2, rows.Count);
        var school = rows.Single(r => (string?)r["服务地点"] == "某镇中心小学");
        Assert.Equal(("2024-03-01", "青少年", "进学校", 300L), ((string?)school["日期"], (string?)school["重点人群"], (string?)school["服务场所"], Convert.ToInt64(school["观众人次"])));
        Assert.Equal("进农村", rows.Single(r => (string?)r["服务地点"] == "某村")["服务场所"]);

        var region = Rows(await daying.GetByteArrayAsync($"/api/v1/venues/visits/export.xlsx?region={DaYing}&from=2024-03-01&to=2024-03-01"));
        Assert.Equal(2, region.Count(r => (string?)r["阵地名称"] == $"大篷车{token}"));
        Assert.DoesNotContain(Rows(await daying.GetByteArrayAsync($"/api/v1/venues/visits/export.xlsx?region={DaYing}&from=2024-03-02&to=2024-03-31")), r => (string?)r["阵地名称"] == $"大篷车{token}");
        await (await daying.GetAsync($"/api/v1/venues/visits/export.xlsx?region={DaYing}&from=2024-03-02&to=2024-03-01")).AssertValidationProblemAsync("to");

        // The export imports back unchanged; a corrected count updates the record in place.
        Assert.Equal((0, 0, 2), Counts(await ImportAsync(daying, "venue-visits", bytes, "接待记录.xlsx")));
        var corrected = await ImportCsvAsync(daying, "venue-visits", "阵地名称,日期,接待团队,观众人次,服务地点\n" + $"大篷车{token},2024-03-01,3,320,某镇中心小学\n");
        Assert.Equal((0, 1, 0), Counts(corrected));
        var visits = await app.QueryAsync(db => db.VenueVisits.Where(v => v.VenueId == Guid.Parse(caravanId)).ToListAsync());
        Assert.Equal(2, visits.Count);
        Assert.Equal((3, 320), visits.Where(v => v.Place == "某镇中心小学").Select(v => (v.Groups, v.Visitors)).Single());

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("worker")).GetAsync($"/api/v1/venues/visits/export.xlsx?venue={caravanId}")).StatusCode);
        var details = await daying.GetStringAsync($"/Popularization/Venues/Details/{caravanId}");
        Assert.Contains("id=\"export-visits\"", details);
        Assert.Contains("id=\"import-visits\"", details);
    }
}

public sealed class VenueExchangeSqliteTests(SqliteApp app) : VenueExchangeTests(app);

public sealed class VenueExchangePostgresTests(PostgresApp app) : VenueExchangeTests(app);
