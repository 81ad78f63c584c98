using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Kexie.Domain.Identity;
using Kexie.Web.Tests.Market;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Kexie.Web.Tests.Popularization;

/// <summary>
/// 科普宣传栏、宣传点 through the real host: a county admin registers boards and points in its townships, logs content refreshes with a
/// photo, retires a board, and the year's statistics and sentence come from the records; Excel export and re-import without
/// duplicates; the pages with errors under their fields. Works in 内江市市中区 (511002), which no other test writes to, with its own
/// admin, so the demo county's boards are not touched.
/// </summary>
public abstract class ScienceBoardTests(KexieApp app)
{
    private const string County = "511002";
    private const string Boards = "/api/v1/science-boards";

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    /// <summary>A township (or the county itself when the data has none) of the test county; each test its own.</summary>
    private async Task<string> TownshipAsync(int index)
    {
        var towns = await app.QueryAsync(db => db.Regions.Where(r => r.ParentCode == County).OrderBy(r => r.Code).Select(r => r.Code).ToListAsync());
        return towns.Count > index ? towns[index] : County;
    }

    private async Task<HttpClient> AdminAsync() => (await app.CreateUserAsync(UserRole.AssociationAdmin, "市中区科协管理员", County)).Client;

    private static async Task<JsonNode> Add(HttpClient client, string region, string name, string kind, string builtOn, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["regionCode"] = region, ["name"] = name, ["kind"] = kind, ["builtOn"] = builtOn, ["maintainer"] = "镇科协" };
        if (extra is Dictionary<string, object?> more)
        {
            foreach (var (k, v) in more)
            {
                body[k] = v;
            }
        }

        return await (await client.PostJsonAsync(Boards, body)).OkJsonAsync();
    }

    [Fact]
    public async Task The_admin_keeps_boards_and_their_refreshes_and_the_year_counts_them()
    {
        var town = await TownshipAsync(0);
        var admin = await AdminAsync();
        var board = await Add(admin, town, "测试镇中心广场科普宣传栏", "Board", "2019-05-01", new Dictionary<string, object?> { ["panels"] = 3, ["location"] = "中心广场东侧" });
        await Add(admin, town, "测试镇科普画廊", "Gallery", "2024-04-01", new Dictionary<string, object?> { ["panels"] = 6 });
        var point = await Add(admin, town, "测试镇疫情防控科普宣传点", "Point", "2024-02-01", new Dictionary<string, object?> { ["theme"] = "疫情防控" });
        Assert.Equal(("科普宣传栏", 3, "在用"), (board["kindName"]!.GetValue<string>(), board["panels"]!.GetValue<int>(), board["statusName"]!.GetValue<string>()));
        Assert.Equal(["edit", "refresh"], board["actions"]!.AsArray().Select(a => a!.GetValue<string>()));

        foreach (var (day, topic) in new[] { ("2024-03-01", "春季防火知识"), ("2024-09-15", "全国科普日"), ("2025-01-10", "冬季健康") })
        {
            await (await admin.PostJsonAsync($"{Boards}/{Id(board)}/refreshes", new { day, topic })).OkJsonAsync();
        }

        await (await admin.PostJsonAsync($"{Boards}/{Id(point)}/refreshes", new { day = "2024-02-02", topic = "新冠肺炎防护" })).OkJsonAsync();
        await (await admin.PostJsonAsync($"{Boards}/{Id(board)}/refreshes", new { day = "2019-01-01", topic = "太早" })).AssertValidationProblemAsync("day");
        await (await admin.PostJsonAsync($"{Boards}/{Id(board)}/refreshes", new { day = "2024-10-01" })).AssertValidationProblemAsync("topic");

        var details = await (await admin.GetAsync($"{Boards}/{Id(board)}")).OkJsonAsync();
        Assert.Equal("2025-01-10", details["board"]!["lastRefreshedOn"]!.GetValue<string>());
        Assert.Equal(3, details["refreshes"]!.AsArray().Count);

        var y2024 = await (await app.Anonymous().GetAsync($"{Boards}/statistics?region={town}&year=2024")).OkJsonAsync();
        Assert.Equal((3, 10, 2, 3, 2), (y2024["inUse"]!.GetValue<int>(), y2024["panels"]!.GetValue<int>(), y2024["new"]!.GetValue<int>(), y2024["refreshes"]!.GetValue<int>(), y2024["boardsRefreshed"]!.GetValue<int>()));
        Assert.Equal("2024年，在用科普宣传栏1个（3块）、科普画廊1个（6块）、科普宣传点1个；新开辟科普画廊1个，设立疫情防控科普宣传点1个；全年更新宣传内容3期。", y2024["summary"]!.GetValue<string>());

        // Retired at the end of 2024: counted in 2024, not in 2025, and takes no later refresh.
        var retired = await (await admin.PutJsonAsync($"{Boards}/{Id(point)}", new { regionCode = town, name = "测试镇疫情防控科普宣传点", kind = "Point", builtOn = "2024-02-01", status = "Retired", retiredOn = "2024-12-31", theme = "疫情防控" })).OkJsonAsync();
        Assert.Equal("停用", retired["statusName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostJsonAsync($"{Boards}/{Id(point)}/refreshes", new { day = "2025-01-02", topic = "停用后" })).StatusCode);
        var y2025 = await (await app.Anonymous().GetAsync($"{Boards}/statistics?region={town}&year=2025")).OkJsonAsync();
        Assert.Equal((2, 1), (y2025["inUse"]!.GetValue<int>(), y2025["refreshes"]!.GetValue<int>()));

        // Bad fields are named; a name is unique in its place; the board list filters by kind.
        await (await admin.PostJsonAsync(Boards, new { regionCode = town, name = "零块", kind = "Board", builtOn = "2024-01-01", panels = 0 })).AssertValidationProblemAsync("panels");
        await (await admin.PostJsonAsync(Boards, new { regionCode = town, name = "无日期", kind = "Board" })).AssertValidationProblemAsync("builtOn");
        await (await admin.PostJsonAsync(Boards, new { regionCode = town, name = "测试镇科普画廊", kind = "Gallery", builtOn = "2024-01-01" })).AssertValidationProblemAsync("name");
        await (await admin.PutJsonAsync($"{Boards}/{Id(board)}", new { regionCode = town, name = "测试镇中心广场科普宣传栏", kind = "Board", builtOn = "2019-05-01", status = "Retired" })).AssertValidationProblemAsync("retiredOn");
        var galleries = await (await app.Anonymous().GetAsync($"{Boards}?region={town}&kind=Gallery")).OkJsonAsync();
        Assert.Equal("测试镇科普画廊", galleries["items"]!.AsArray().Single()!["name"]!.GetValue<string>());
        Assert.Empty(galleries["items"]!.AsArray().Single()!["actions"]!.AsArray());

        // Another county's admin and the county's staff may not write; a refresh removed moves the latest day back.
        var daying = await app.SignInAsync("daying");
        Assert.Equal(HttpStatusCode.Forbidden, (await daying.PostJsonAsync($"{Boards}/{Id(board)}/refreshes", new { day = "2024-10-01", topic = "越权" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("daying-staff")).PostJsonAsync(Boards, new { regionCode = "510923", name = "员工登记", kind = "Board", builtOn = "2024-01-01" })).StatusCode);
        var latest = details["refreshes"]!.AsArray().First()!;
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Boards}/{Id(board)}/refreshes/{Id(latest)}")).StatusCode);
        Assert.Equal("2024-09-15", (await (await admin.GetAsync($"{Boards}/{Id(board)}")).OkJsonAsync())["board"]!["lastRefreshedOn"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refresh_photo_is_the_admins_and_must_be_an_image()
    {
        var town = await TownshipAsync(1);
        var admin = await AdminAsync();
        var board = await Add(admin, town, "照片测试宣传栏", "Board", "2023-01-01");
        var refresh = await (await admin.PostJsonAsync($"{Boards}/{Id(board)}/refreshes", new { day = "2024-05-01", topic = "防汛知识" })).OkJsonAsync();
        var url = $"{Boards}/{Id(board)}/refreshes/{Id(refresh)}/photo";
        await (await MarketFiles.UploadAsync(admin, url, MarketFiles.Pdf, "说明.pdf")).AssertValidationProblemAsync("file");
        var uploaded = await (await MarketFiles.UploadAsync(admin, url, MarketFiles.Png, "新内容.png", "image/png")).OkJsonAsync();
        Assert.Equal("新内容.png", uploaded["photoFileName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("daying")).GetAsync(url)).StatusCode);
        var open = await (await app.Anonymous().GetAsync($"{Boards}/{Id(board)}")).OkJsonAsync();
        Assert.Null(open["refreshes"]!.AsArray().Single()!["photoFileName"]);
    }

    [Fact]
    public async Task The_list_is_exported_and_imported_back_without_duplicates()
    {
        var town = await TownshipAsync(2);
        var admin = await AdminAsync();
        await Add(admin, town, "导入测试宣传栏", "Board", "2020-06-01", new Dictionary<string, object?> { ["panels"] = 2 });
        var export = await admin.GetAsync($"{Boards}/export.xlsx?region={town}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using (var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync()))
        {
            var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal("导入测试宣传栏", rows.Single()["名称"]);
            Assert.Equal("科普宣传栏", rows.Single()["类型"]);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("worker")).GetAsync($"{Boards}/export.xlsx?region={town}")).StatusCode);

        var csv = "名称,类型,行政区划代码,具体位置,块数,建成日期,状态,停用日期,主题,维护单位\n"
            + $"导入测试宣传栏,宣传栏,{town},村委会门口,4,2020-06-01,在用,,,村委会\n"
            + $"导入测试宣传点,科普宣传点,{town},,,2020年2月3日,,,疫情防控,镇卫生院\n"
            + $"导入旧画廊,科普画廊,{town},,5,2015/3/1,停用,2019-12-31,,\n"
            + $"大英的栏,宣传栏,510923,,,2020-01-01,,,,\n"
            + $"坏类型,宣传牌,{town},,,2020-01-01,,,,\n";
        async Task<JsonNode> Import()
        {
            using var content = new MultipartFormDataContent();
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, "file", "boards.csv");
            return await (await admin.PostAsync("/api/v1/imports/science-boards?dryRun=false", content)).OkJsonAsync();
        }

        var first = await Import();
        Assert.Equal((2, 1), (first["created"]!.GetValue<int>(), first["updated"]!.GetValue<int>()));
        var errors = first["errors"]!.AsArray().Select(e => (e!["row"]!.GetValue<int>(), e["column"]!.GetValue<string>())).ToList();
        Assert.Equal([(5, "行政区划代码"), (6, "类型")], errors);
        var again = await Import();
        Assert.Equal((0, 0, 3), (again["created"]!.GetValue<int>(), again["updated"]!.GetValue<int>(), again["unchanged"]!.GetValue<int>()));
        var boards = await app.QueryAsync(db => db.ScienceBoards.Where(b => b.RegionCode == town).OrderBy(b => b.Name).ToListAsync());
        Assert.Equal(3, boards.Count);
        Assert.Equal((4, "村委会"), (boards.Single(b => b.Name == "导入测试宣传栏").Panels, boards.Single(b => b.Name == "导入测试宣传栏").Maintainer));
        Assert.Equal(new DateOnly(2019, 12, 31), boards.Single(b => b.Name == "导入旧画廊").RetiredOn);
        Assert.Equal("疫情防控", boards.Single(b => b.Name == "导入测试宣传点").Theme);

        var template = await admin.GetByteArrayAsync("/api/v1/imports/science-boards/template.xlsx");
        using var t = new MemoryStream(template);
        Assert.Equal(["名称", "类型", "行政区划代码", "具体位置", "块数", "建成日期", "状态", "停用日期", "主题", "维护单位", "备注"], t.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().First().Keys);
    }

    [Fact]
    public async Task The_pages_add_a_board_log_a_refresh_and_show_a_bad_field_next_to_it()
    {
        var town = await TownshipAsync(3);
        var admin = await AdminAsync();
        var edit = await admin.GetStringAsync("/Popularization/Boards/Edit");
        Assert.Contains("id=\"board-form\"", edit);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("daying-staff")).GetAsync("/Popularization/Boards/Edit")).StatusCode);

        var bad = await admin.PostAsync("/Popularization/Boards/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Security.LoginTestSupport.TokenOf(edit),
            ["Input.Name"] = "页面宣传栏", ["Input.Kind"] = "Board", ["Input.RegionCode"] = town, ["Input.Panels"] = "三", ["Input.BuiltOn"] = "2024-01-01", ["Input.Status"] = "InUse",
        }));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Matches("data-valmsg-for=\"Input.Panels\"[^>]*>[^<]*块数“三”不是有效的数字", await bad.Content.ReadAsStringAsync());

        var good = await admin.PostAsync("/Popularization/Boards/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Security.LoginTestSupport.TokenOf(edit),
            ["Input.Name"] = "页面宣传栏", ["Input.Kind"] = "Board", ["Input.RegionCode"] = town, ["Input.Panels"] = "2", ["Input.BuiltOn"] = "2024-01-01", ["Input.Status"] = "InUse",
        }));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var details = good.Headers.Location!.OriginalString;
        var page = await admin.GetStringAsync(details);
        Assert.Contains("id=\"refresh-form\"", page);
        Assert.DoesNotContain("id=\"refresh-form\"", await app.Anonymous().GetStringAsync(details));

        var refused = await admin.PostAsync(details, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Security.LoginTestSupport.TokenOf(page), ["Input.Day"] = "2023-06-01", ["Input.Topic"] = "建成前",
        }));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Matches("data-valmsg-for=\"Input.Day\"[^>]*>[^<]*更新日期不能早于建成日期", await refused.Content.ReadAsStringAsync());
        var logged = await admin.PostAsync(details, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Security.LoginTestSupport.TokenOf(page), ["Input.Day"] = "2024-06-01", ["Input.Topic"] = "夏季防溺水",
        }));
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        Assert.Contains("夏季防溺水", await admin.GetStringAsync(details));

        var list = await app.Anonymous().GetStringAsync($"/Popularization/Boards?region={town}&year=2024");
        Assert.Contains("页面宣传栏", list);
        Assert.Contains("全年更新宣传内容1期", list);
    }
}

public sealed class ScienceBoardSqliteTests(SqliteApp app) : ScienceBoardTests(app);

public sealed class ScienceBoardPostgresTests(PostgresApp app) : ScienceBoardTests(app);
