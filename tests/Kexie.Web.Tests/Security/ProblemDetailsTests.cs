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
    public async Task Text_with_a_NUL_character_is_bad_input_never_a_server_error()
    {
        var daying = await app.SignInAsync("daying");
        var search = await app.Anonymous().GetAsync("/api/v1/taxonomy/industries?q=%00");
        var phone = KexieApp.NewPhone();
        var write = await daying.PostJsonAsync("/api/v1/workers", new { name = "张\u0000三", gender = "Male", phone, regionCode = "510923", isPublicProfile = false });
        var export = await daying.GetAsync($"/api/v1/workers/export.xlsx?q={phone}");
        if (app.Provider == Kexie.Data.DatabaseProvider.Postgres)
        {
            // PostgreSQL cannot store or compare U+0000: a 400, and nothing is written.
            await AssertBadInputAsync(search);
            await AssertBadInputAsync(write);
            Assert.False(await app.QueryAsync(db => db.ScienceWorkers.AnyAsync(w => w.Phone == phone)));
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, search.StatusCode);
            Assert.True((int)write.StatusCode < 500, $"{(int)write.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
    }

    private static async Task AssertBadInputAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("U+0000", (await response.ReadNodeAsync())["detail"]!.GetValue<string>());
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
