using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Security;

/// <summary>Every /api error is RFC 7807 problem details with a Chinese title, whatever the Accept header or the charset.</summary>
public abstract class ProblemDetailsTests(KexieApp app)
{
    public static TheoryData<string> Accepts => ["application/xml", "text/html", "*/*;q=0", "application/json;q=0", "image/png", "text/html, application/xhtml+xml"];

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task Errors_are_problem_details_whatever_the_Accept_header(string accept)
    {
        var anonymous = app.Anonymous();
        var worker = await app.SignInAsync("worker");
        var enterprise = await app.SignInAsync("enterprise");
        var need = (await (await enterprise.PostJsonAsync("/api/v1/needs", NeedBody($"接受头测试{Guid.NewGuid():N}"))).OkJsonAsync())["id"]!.GetValue<string>();

        await AssertProblemAsync(anonymous, HttpMethod.Get, $"/api/v1/workers/{Guid.NewGuid()}", accept, HttpStatusCode.NotFound);
        await AssertProblemAsync(anonymous, HttpMethod.Get, "/api/v1/no-such-thing", accept, HttpStatusCode.NotFound);
        await AssertProblemAsync(anonymous, HttpMethod.Post, "/api/v1/auth/login", accept, HttpStatusCode.BadRequest, "{\"userName\": 1}");
        await AssertProblemAsync(anonymous, HttpMethod.Get, "/api/v1/auth/me", accept, HttpStatusCode.Unauthorized);
        await AssertProblemAsync(worker, HttpMethod.Get, "/api/v1/audit", accept, HttpStatusCode.Forbidden);
        await AssertProblemAsync(enterprise, HttpMethod.Post, $"/api/v1/needs/{need}/submit", accept, HttpStatusCode.Conflict, ifMatch: "\"999\"");
        await AssertProblemAsync(anonymous, HttpMethod.Delete, "/api/v1/health", accept, HttpStatusCode.MethodNotAllowed);
        await AssertProblemAsync(enterprise, HttpMethod.Post, "/api/v1/needs", accept, HttpStatusCode.BadRequest, "{\"title\": \"\"}");
    }

    [Theory]
    [InlineData("application/json; charset=bogus", "bogus")]
    [InlineData("application/json; charset=utf-7", "utf-7")]
    [InlineData("application/json; charset=\"\"", "\"\"")]
    public async Task A_charset_the_server_cannot_read_is_a_415_naming_it_and_nothing_is_saved(string contentType, string charset)
    {
        var enterprise = await app.SignInAsync("enterprise");
        var title = $"字符集测试{Guid.NewGuid():N}";
        var body = System.Text.Json.JsonSerializer.Serialize(NeedBody(title), Json.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/needs") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await enterprise.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadNodeAsync();
        Assert.Equal("不支持的字符集", problem["title"]!.GetValue<string>());
        Assert.Contains(charset, problem["detail"]!.GetValue<string>());
        Assert.False(await app.QueryAsync(db => db.Needs.AnyAsync(n => n.Title == title)));
    }

    [Fact]
    public async Task A_known_charset_other_than_UTF8_is_still_read()
    {
        var content = new ByteArrayContent(Encoding.Unicode.GetBytes("{\"userName\":\"worker\",\"password\":\"Kexie@2026\"}"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-16" };
        var response = await app.Anonymous().PostAsync("/api/v1/auth/login", content);
        Assert.Equal("worker", (await response.OkJsonAsync())["userName"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_page_form_with_a_bogus_charset_gets_the_status_page()
    {
        var content = new ByteArrayContent("UserName=worker&Password=x"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=bogus");
        var response = await app.Anonymous().PostAsync("/Account/Login", content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Text_with_a_NUL_character_is_refused_at_the_edge_alike_on_both_providers()
    {
        var daying = await app.SignInAsync("daying");
        var phone = KexieApp.NewPhone();

        // A JSON body: 400 naming the field, in Chinese, nothing written (SQLite would have stored it).
        var write = await daying.PostJsonAsync("/api/v1/workers", new { name = "张\u0000三", gender = "Male", phone, regionCode = "510923", isPublicProfile = false });
        Assert.Contains("“名称”", await write.AssertValidationProblemAsync("name"));
        Assert.False(await app.QueryAsync(db => db.ScienceWorkers.AnyAsync(w => w.Phone == phone)));

        // In a list of strings: the element's path.
        var need = await daying.PostJsonAsync("/api/v1/needs", new { title = "空字符需求", problem = "问题", industryCodes = new[] { "26\u000014" }, regionCode = "510923", visibility = "Public" });
        Assert.Equal(HttpStatusCode.BadRequest, need.StatusCode);
        Assert.Contains("industryCodes", (await need.ReadNodeAsync())["errors"]!.AsObject().Select(e => e.Key).Single());

        // A query string, read or write: the parameter named, before any query reaches the database.
        var search = await app.Anonymous().GetAsync("/api/v1/taxonomy/industries?q=%00");
        Assert.Contains("搜索词", await search.AssertValidationProblemAsync("q"));

        var export = await daying.GetAsync($"/api/v1/workers/export.xlsx?q={phone}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
    }

    [Fact]
    public async Task A_lone_surrogate_in_JSON_is_refused_naming_the_field()
    {
        var daying = await app.SignInAsync("daying");
        var phone = KexieApp.NewPhone();
        var content = new StringContent($$"""{"name":"张\ud800三","gender":"Male","phone":"{{phone}}","regionCode":"510923","isPublicProfile":false}""", Encoding.UTF8, "application/json");

        var write = await daying.PostAsync("/api/v1/workers", content);

        Assert.Contains("无法保存的字符", await write.AssertValidationProblemAsync("name"));
        Assert.False(await app.QueryAsync(db => db.ScienceWorkers.AnyAsync(w => w.Phone == phone)));
    }

    [Fact]
    public async Task A_page_form_with_a_NUL_character_gets_a_400_page_naming_the_field_and_nothing_is_saved()
    {
        var daying = await app.SignInAsync("daying");
        var page = await (await daying.GetAsync("/Workers/Edit")).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(page, @"name=""__RequestVerificationToken"" type=""hidden"" value=""([^""]+)""").Groups[1].Value;
        Assert.NotEmpty(token);
        var phone = KexieApp.NewPhone();
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Name"] = "李\u0000四", ["Input.Gender"] = "Male", ["Input.Phone"] = phone, ["Input.RegionCode"] = "510923",
        });

        var response = await daying.PostAsync("/Workers/Edit", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(html.Contains("“名称”中含有无法保存的字符", StringComparison.Ordinal), html[Math.Max(0, html.IndexOf("<main", StringComparison.Ordinal))..]);
        Assert.DoesNotContain("Input.Name", html);
        Assert.False(await app.QueryAsync(db => db.ScienceWorkers.AnyAsync(w => w.Phone == phone)));
    }

    private static async Task AssertProblemAsync(HttpClient client, HttpMethod method, string url, string accept, HttpStatusCode expected, string? json = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {url} (Accept: {accept}) → {(int)response.StatusCode}, expected {(int)expected}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        Assert.Equal((int)expected, problem["status"]!.GetValue<int>());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem["title"]!.GetValue<string>());
    }

    internal static object NeedBody(string title, string problem = "生产中含盐废水处理成本高，希望找到降低处理成本的工艺方案。") => new
    {
        title,
        problem,
        industryCodes = new[] { "2614" },
        disciplineCodes = new[] { "21030" },
        budgetMin = 10000m,
        budgetMax = 50000m,
        deadline = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(60),
        regionCode = "510923",
        visibility = "Public",
    };
}

public sealed class ProblemDetailsSqliteTests(SqliteApp app) : ProblemDetailsTests(app);

public sealed class ProblemDetailsPostgresTests(PostgresApp app) : ProblemDetailsTests(app);
