using System.Net;
using System.Text.Json.Nodes;
using Kexie.Web.Tests.Security;

namespace Kexie.Web.Tests.Talent;

/// <summary>
/// 学会清理整顿 through the real host: a society whose 年检 failed (or is missing) is put under 整顿 by its county with the reasons and a
/// deadline, the result is recorded once (整改合格 back to normal, 撤销), the history stays, the pages show the standing in Chinese and the
/// county's count says "开展学会清理整顿，整顿N个、整改合格M个、撤销K个".
/// </summary>
public abstract class SocietyRectificationTests(KexieApp app)
{
    private const string Api = "/api/v1/association-management";
    private const string SheHong = "510981";

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static int Int(JsonNode node, string name) => node[name]!.GetValue<int>();

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        fields["__RequestVerificationToken"] = LoginTestSupport.TokenOf(html);
        return await client.PostAsync($"{page.Split('?')[0]}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task A_society_that_failed_its_inspection_is_rectified_by_its_county_and_one_that_missed_it_is_revoked_with_the_history_kept()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var shehong = await app.SignInAsync("shehong");
        var daying = await app.SignInAsync("daying");
        var staff = await app.SignInAsync("daying-staff");
        var statsUrl = $"{Api}/statistics?region={SheHong}&year=1999";
        var before = await (await shehong.GetAsync(statsUrl)).OkJsonAsync();
        async Task<string> SocietyAsync(string name) =>
            Id(await (await shehong.PostJsonAsync("/api/v1/associations", new { name, kind = "Society", regionCode = SheHong, establishedOn = "1990-01-01" })).OkJsonAsync());
        var failed = await SocietyAsync($"射洪市整顿测试学会{token}");
        var missing = await SocietyAsync($"射洪市未年检测试学会{token}");
        var passed = await SocietyAsync($"射洪市合格测试学会{token}");
        foreach (var (society, result) in new[] { (failed, "Failed"), (passed, "Passed") })
        {
            var inspection = await (await shehong.PostJsonAsync($"{Api}/{society}/inspections", new { year = 1998, individualMembers = 60, groupMembers = 1, submittedOn = "1999-03-10" })).OkJsonAsync();
            await (await shehong.PostJsonAsync($"{Api}/inspections/{Id(inspection)}/decide", new { result, decidedOn = "1999-04-20", opinion = "未按章程召开会员代表大会" })).OkJsonAsync();
        }

        // Only a failed or missing 年检 is ground; the reasons and a deadline after the start are required; the county's admins only.
        var open = new { year = 1998, reasons = "年检不合格：未按章程召开会员代表大会，财务制度不健全", deadline = "1999-09-30", openedOn = "1999-05-06" };
        await (await shehong.PostJsonAsync($"{Api}/{passed}/rectifications", open)).AssertValidationProblemAsync("year");
        await (await shehong.PostJsonAsync($"{Api}/{failed}/rectifications", open with { reasons = " " })).AssertValidationProblemAsync("reasons");
        await (await shehong.PostJsonAsync($"{Api}/{failed}/rectifications", open with { deadline = "1999-05-01" })).AssertValidationProblemAsync("deadline");
        Assert.Equal(HttpStatusCode.NotFound, (await daying.PostJsonAsync($"{Api}/{failed}/rectifications", open)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostJsonAsync($"{Api}/{failed}/rectifications", open)).StatusCode);
        var rectification = await (await shehong.PostJsonAsync($"{Api}/{failed}/rectifications", open)).OkJsonAsync();
        Assert.Equal("整顿中", rectification["statusName"]!.GetValue<string>());
        Assert.Equal("年检不合格", rectification["basisName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await shehong.PostJsonAsync($"{Api}/{failed}/rectifications", open)).StatusCode);
        Assert.Equal("整顿中（限期至1999-09-30）", (await (await shehong.GetAsync($"{Api}/{failed}")).OkJsonAsync())["standing"]!.GetValue<string>());

        // The result: 撤销 and 停止活动 need the opinion; not before the start; once; another county finds nothing.
        var conclude = $"{Api}/rectifications/{Id(rectification)}/conclude";
        await (await shehong.PostJsonAsync(conclude, new { result = "Revoked", concludedOn = "1999-10-08" })).AssertValidationProblemAsync("outcome");
        await (await shehong.PostJsonAsync(conclude, new { result = "Passed", concludedOn = "1999-05-01" })).AssertValidationProblemAsync("concludedOn");
        await (await shehong.PostJsonAsync(conclude, new { result = "UnderRectification", concludedOn = "1999-10-08" })).AssertValidationProblemAsync("result");
        Assert.Equal(HttpStatusCode.NotFound, (await daying.PostJsonAsync(conclude, new { result = "Passed" })).StatusCode);
        var done = await (await shehong.PostJsonAsync(conclude, new { result = "Passed", concludedOn = "1999-10-08", outcome = "已召开会员代表大会，建立财务制度" })).OkJsonAsync();
        Assert.Equal("整改合格", done["statusName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await shehong.PostJsonAsync(conclude, new { result = "Revoked", outcome = "再改" })).StatusCode);
        var file = await (await shehong.GetAsync($"{Api}/{failed}")).OkJsonAsync();
        Assert.Equal("正常", file["standing"]!.GetValue<string>());
        Assert.Equal("整改合格", Assert.Single(file["rectifications"]!.AsArray())!["statusName"]!.GetValue<string>());

        // No 1998 年检 at all: 未按期年检; revoked, it is not rectified again.
        var second = await (await shehong.PostJsonAsync($"{Api}/{missing}/rectifications", open with { reasons = "未按期参加1998年度年检，长期未开展活动" })).OkJsonAsync();
        Assert.Equal("未按期年检", second["basisName"]!.GetValue<string>());
        await (await shehong.PostJsonAsync($"{Api}/rectifications/{Id(second)}/conclude", new { result = "Revoked", concludedOn = "1999-10-10", outcome = "逾期未整改，依法撤销登记" })).OkJsonAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await shehong.PostJsonAsync($"{Api}/{missing}/rectifications", open)).StatusCode);

        // The county's 1999: two under 整顿, one 整改合格, one 撤销.
        var after = await (await shehong.GetAsync(statsUrl)).OkJsonAsync();
        Assert.Equal(Int(before, "rectified") + 2, Int(after, "rectified"));
        Assert.Equal(Int(before, "rectifiedPassed") + 1, Int(after, "rectifiedPassed"));
        Assert.Equal(Int(before, "revoked") + 1, Int(after, "revoked"));
        Assert.Contains($"开展学会清理整顿，整顿{Int(after, "rectified")}个、整改合格{Int(after, "rectifiedPassed")}个、撤销{Int(after, "revoked")}个", after["summary"]!.GetValue<string>());

        // The pages: the list and the society's page say its standing in Chinese and keep the history.
        var list = await shehong.GetStringAsync($"/Talent/Organizations?region={SheHong}");
        Assert.Contains("已撤销（注销）", list);
        var page = await shehong.GetStringAsync($"/Talent/Organizations/Details/{missing}");
        Assert.Contains("未按期参加1998年度年检", page);
        Assert.Contains("逾期未整改，依法撤销登记", page);
        Assert.DoesNotContain("id=\"rectify-form\"", page);
    }

    [Fact]
    public async Task The_societys_page_puts_it_under_rectification_and_shows_a_refused_field_next_to_it_with_what_was_typed()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var shehong = await app.SignInAsync("shehong");
        var society = Id(await (await shehong.PostJsonAsync("/api/v1/associations", new { name = $"射洪市页面整顿学会{token}", kind = "Society", regionCode = SheHong, establishedOn = "1990-01-01" })).OkJsonAsync());
        var page = $"/Talent/Organizations/Details/{society}";
        Assert.Contains("id=\"rectify-form\"", await shehong.GetStringAsync(page));

        var refused = await PostFormAsync(shehong, page, "Rectify", new() { ["year"] = "1997", ["reasons"] = $"长期未开展活动{token}", ["deadline"] = "", ["openedOn"] = "1998-05-06" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Matches("id=\"deadline\"[^>]*/><span class=\"field-error\" role=\"alert\">请填写整改期限</span>", html);
        Assert.Contains($"value=\"长期未开展活动{token}\"", html);

        var opened = await PostFormAsync(shehong, page, "Rectify", new() { ["year"] = "1997", ["reasons"] = $"长期未开展活动{token}", ["deadline"] = "1998-08-31", ["openedOn"] = "1998-05-06" });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var shown = await shehong.GetStringAsync(page);
        Assert.Contains("整顿中（限期至1998-08-31）", shown);
        Assert.Contains("未按期年检", shown);

        var open = Id(Assert.Single((await (await shehong.GetAsync($"{Api}/{society}")).OkJsonAsync())["rectifications"]!.AsArray())!);
        var rejected = await PostFormAsync(shehong, page, "Conclude", new() { ["rectificationId"] = open, ["result"] = "Suspended", ["concludedOn"] = "1998-09-02", ["outcome"] = "" });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Matches("id=\"outcome\"[^>]*/><span class=\"field-error\" role=\"alert\">撤销（注销）或停止活动时请填写处理意见</span>", await rejected.Content.ReadAsStringAsync());
        var stopped = await PostFormAsync(shehong, page, "Conclude", new() { ["rectificationId"] = open, ["result"] = "Suspended", ["concludedOn"] = "1998-09-02", ["outcome"] = "责令停止活动，限期整改" });
        Assert.Equal(HttpStatusCode.Redirect, stopped.StatusCode);
        Assert.Contains("id=\"standing\">停止活动</span>", await shehong.GetStringAsync(page));
    }
}

public sealed class SocietyRectificationSqliteTests(SqliteApp app) : SocietyRectificationTests(app);

public sealed class SocietyRectificationPostgresTests(PostgresApp app) : SocietyRectificationTests(app);
