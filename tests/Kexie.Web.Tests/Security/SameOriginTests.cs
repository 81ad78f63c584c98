using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kexie.Web.Infrastructure;
using Kexie.Web.Tests.Market;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Security;

/// <summary>
/// A page on another port of the same host (same site, so the browser sends the session cookie) cannot change anything
/// in the victim's name: JSON, multipart and body-less writes and page form posts are refused by their Origin/Referer.
/// </summary>
public abstract partial class SameOriginTests(KexieApp app)
{
    private const string OtherPort = "http://localhost:9999";

    public static TheoryData<string, string> ForeignSources => new()
    {
        { "Origin", OtherPort },
        { "Origin", "null" },
        { "Origin", "https://localhost" },
        { "Origin", "http://evil.example" },
        { "Referer", OtherPort + "/attack.html" },
        { "Referer", "not a url" },
    };

    [Theory]
    [MemberData(nameof(ForeignSources))]
    public async Task A_need_submitted_from_another_origin_with_the_victims_cookie_is_refused(string header, string value)
    {
        var enterprise = await app.SignInAsync("enterprise");
        var title = $"跨站需求{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/needs") { Content = JsonContent.Create(ProblemDetailsTests.NeedBody(title), options: Json.Options) };
        request.Headers.TryAddWithoutValidation(header, value);

        var response = await enterprise.SendAsync(request);

        await AssertRefusedAsync(response);
        Assert.False(await app.QueryAsync(db => db.Needs.AnyAsync(n => n.Title == title)));
    }

    [Fact]
    public async Task An_upload_and_a_body_less_transition_from_another_port_are_refused()
    {
        var enterprise = await app.SignInAsync("enterprise");
        var id = (await (await enterprise.PostJsonAsync("/api/v1/needs", ProblemDetailsTests.NeedBody($"跨站附件{Guid.NewGuid():N}"))).OkJsonAsync())["id"]!.GetValue<string>();

        using var upload = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/needs/{id}/attachments") { Content = MarketFiles.Form(MarketFiles.Pdf, "说明.pdf", "application/pdf") };
        upload.Headers.Add("Origin", OtherPort);
        await AssertRefusedAsync(await enterprise.SendAsync(upload));

        using var submit = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/needs/{id}/submit");
        submit.Headers.Add("Origin", OtherPort);
        await AssertRefusedAsync(await enterprise.SendAsync(submit));

        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/needs/{id}");
        delete.Headers.Add("Referer", OtherPort + "/");
        await AssertRefusedAsync(await enterprise.SendAsync(delete));

        var need = await (await enterprise.GetAsync($"/api/v1/needs/{id}")).OkJsonAsync();
        Assert.Equal("Draft", need["status"]!.GetValue<string>());
        Assert.Equal(0, await app.QueryAsync(db => db.Needs.Where(n => n.Id == Guid.Parse(id)).SelectMany(n => n.Attachments).CountAsync()));
    }

    [Fact]
    public async Task The_sites_own_origin_and_clients_without_Origin_or_Referer_may_write()
    {
        var enterprise = await app.SignInAsync("enterprise");
        using var sameOrigin = new HttpRequestMessage(HttpMethod.Post, "/api/v1/needs") { Content = JsonContent.Create(ProblemDetailsTests.NeedBody($"同源需求{Guid.NewGuid():N}"), options: Json.Options) };
        sameOrigin.Headers.Add("Origin", "http://localhost");
        Assert.Equal(HttpStatusCode.Created, (await enterprise.SendAsync(sameOrigin)).StatusCode);

        using var sameReferer = new HttpRequestMessage(HttpMethod.Post, "/api/v1/needs") { Content = JsonContent.Create(ProblemDetailsTests.NeedBody($"同源需求{Guid.NewGuid():N}"), options: Json.Options) };
        sameReferer.Headers.Add("Referer", "http://localhost/Market/Needs/Edit");
        Assert.Equal(HttpStatusCode.Created, (await enterprise.SendAsync(sameReferer)).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await enterprise.PostJsonAsync("/api/v1/needs", ProblemDetailsTests.NeedBody($"无来源需求{Guid.NewGuid():N}"))).StatusCode);
    }

    [Fact]
    public async Task Only_the_session_cookie_is_checked_a_request_it_does_not_sign_in_is_left_to_authorization()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/needs") { Content = JsonContent.Create(ProblemDetailsTests.NeedBody("无效会话"), options: Json.Options) };
        request.Headers.Add("Origin", OtherPort);
        request.Headers.Add("Cookie", "kexie.auth=forged");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().SendAsync(request)).StatusCode);

        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { userName = "worker", password = "wrong-password" }) };
        login.Headers.Add("Origin", OtherPort);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().SendAsync(login)).StatusCode);
    }

    [Fact]
    public async Task A_page_form_post_from_another_port_is_refused_even_with_a_valid_antiforgery_token()
    {
        var enterprise = await app.SignInAsync("enterprise");
        var created = await (await enterprise.PostJsonAsync("/api/v1/needs", ProblemDetailsTests.NeedBody($"跨站表单{Guid.NewGuid():N}"))).OkJsonAsync();
        var id = created["id"]!.GetValue<string>();
        var version = created["version"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var page = await (await enterprise.GetAsync($"/Market/Needs/Details/{id}")).Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        Assert.NotEmpty(token);
        HttpRequestMessage Submit(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/Market/Needs/Details/{id}?handler=Submit")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["version"] = version }),
            };
            request.Headers.Add("Origin", origin);
            return request;
        }

        using var foreign = Submit(OtherPort);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.SendAsync(foreign)).StatusCode);
        using var tokenless = new HttpRequestMessage(HttpMethod.Post, $"/Market/Needs/Details/{id}?handler=Submit") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["version"] = version }) };
        tokenless.Headers.Add("Origin", OtherPort);
        var refused = await enterprise.SendAsync(tokenless);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Draft", (await (await enterprise.GetAsync($"/api/v1/needs/{id}")).OkJsonAsync())["status"]!.GetValue<string>());

        // The same form from the site itself goes through (so the refusal above was the origin, not the form).
        using var own = Submit("http://localhost");
        Assert.Equal(HttpStatusCode.Redirect, (await enterprise.SendAsync(own)).StatusCode);
        Assert.Equal("Submitted", (await (await enterprise.GetAsync($"/api/v1/needs/{id}")).OkJsonAsync())["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/Account/Login", "")]
    [InlineData("/Account/ForgotPassword", "SendCode")]
    [InlineData("/Account/Register", "SendCode")]
    public async Task An_anonymous_form_post_from_another_port_is_refused_so_no_one_is_signed_in_or_sent_a_code(string path, string handler)
    {
        var anonymous = app.Anonymous();
        var page = await (await anonymous.GetAsync(path)).Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        Assert.NotEmpty(token);
        var phone = KexieApp.NewPhone();
        HttpRequestMessage Post(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, handler.Length == 0 ? path : $"{path}?handler={handler}")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token, ["UserName"] = "worker", ["Password"] = "Kexie@2026", ["Input.Phone"] = phone,
                }),
            };
            request.Headers.Add("Origin", origin);
            return request;
        }

        using var foreign = Post(OtherPort);
        var refused = await anonymous.SendAsync(foreign);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.False(refused.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("kexie.auth=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.False(await app.QueryAsync(db => db.TextMessageOutbox.AnyAsync(m => m.Phone == phone)));

        // From the site itself the same form is read (the login signs in; the code pages answer their form).
        using var own = Post("http://localhost");
        var accepted = await anonymous.SendAsync(own);
        Assert.NotEqual(HttpStatusCode.Forbidden, accepted.StatusCode);
        if (handler.Length == 0)
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/auth/me")).StatusCode);
        }
    }

    [Theory]
    [InlineData("https://kexie.example.cn", null, true)]
    [InlineData("https://kexie.example.cn:443", null, true)]
    [InlineData("HTTPS://KEXIE.EXAMPLE.CN", null, true)]
    [InlineData("http://kexie.example.cn", null, false)]
    [InlineData("https://kexie.example.cn:8443", null, false)]
    [InlineData("https://evil.kexie.example.cn", null, false)]
    [InlineData(null, "https://kexie.example.cn/Market/Needs?x=1", true)]
    [InlineData(null, "https://other.example/", false)]
    [InlineData(null, "javascript:alert(1)", false)]
    [InlineData("null", null, false)]
    [InlineData(null, null, true)]
    public void Configured_origins_are_allowed_as_well_as_the_requests_own(string? origin, string? referer, bool allowed)
    {
        var http = new DefaultHttpContext();
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("10.0.0.5:8080");
        if (origin is not null)
        {
            http.Request.Headers.Origin = origin;
        }

        if (referer is not null)
        {
            http.Request.Headers.Referer = referer;
        }

        Assert.Equal(allowed, SameOriginCheck.Refusal(http.Request, ["https://kexie.example.cn"]) is null);
        http.Request.Headers.Origin = "http://10.0.0.5:8080";
        Assert.Null(SameOriginCheck.Refusal(http.Request, []));
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(SameOriginCheck.RefusedTitle, problem["title"]!.GetValue<string>());
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken"" type=""hidden"" value=""([^""]+)""")]
    private static partial Regex AntiforgeryToken();
}

public sealed class SameOriginSqliteTests(SqliteApp app) : SameOriginTests(app);

public sealed class SameOriginPostgresTests(PostgresApp app) : SameOriginTests(app);
