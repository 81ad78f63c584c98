using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Security;

/// <summary>Bearer tokens for API clients: issued under the same sign-in rules as the cookie, refreshed, revoked.</summary>
public abstract class BearerTokenTests(KexieApp app)
{
    private async Task<JsonNode> TokenAsync(string userName, string password = Kexie.Data.Seeding.DemoSeeder.DemoPassword)
    {
        var response = await app.Anonymous().PostJsonAsync("/api/v1/auth/token", new { userName, password });
        Assert.False(response.Headers.Contains("Set-Cookie"), "a token sign-in must not also set the session cookie");
        return await response.OkJsonAsync();
    }

    private HttpClient WithToken(string accessToken)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    [Fact]
    public async Task A_token_signs_an_api_client_in_with_the_same_role_and_region_as_the_cookie()
    {
        var tokens = await TokenAsync("enterprise");
        Assert.Equal("Bearer", tokens["tokenType"]!.GetValue<string>());
        Assert.True(tokens["expiresIn"]!.GetValue<long>() > 0);
        var client = WithToken(tokens["accessToken"]!.GetValue<string>());

        var me = await (await client.GetAsync("/api/v1/auth/me")).OkJsonAsync();
        Assert.Equal("OrganizationMember", me["role"]!.GetValue<string>());

        // A write with the token, from a page of another site: a token is not ambient, so the origin does not matter.
        var org = me["organizationId"]!.GetValue<string>();
        var title = $"令牌发布需求{Guid.NewGuid():N}"[..16];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/needs")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { title, problem = "柠檬果胶提取工艺优化", organizationId = org, industryCodes = new[] { "1511" } }),
        };
        request.Headers.Add("Origin", "http://evil.example");
        var created = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(await app.QueryAsync(db => db.Needs.AnyAsync(n => n.Title == title)));

        // What the role may not do, it may not do with a token either.
        var publish = await client.PostAsync($"/api/v1/needs/{(await created.ReadNodeAsync())["id"]!.GetValue<string>()}/publish", null);
        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
    }

    [Fact]
    public async Task Wrong_credentials_get_the_same_problem_as_the_login_and_no_token()
    {
        var wrong = await app.Anonymous().PostJsonAsync("/api/v1/auth/token", new { userName = "enterprise", password = "not-the-password" });
        var unknown = await app.Anonymous().PostJsonAsync("/api/v1/auth/token", new { userName = $"nobody{Guid.NewGuid():N}"[..12], password = "not-the-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
        Assert.Equal((await wrong.ReadNodeAsync())["detail"]!.GetValue<string>(), (await unknown.ReadNodeAsync())["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken("not-a-token").GetAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_renews_access_until_the_user_revokes_every_token()
    {
        // An account of its own: revoking changes its security stamp.
        var name = $"tok{Guid.NewGuid():N}"[..12];
        await (await (await app.SignInAsync("daying")).PostJsonAsync("/api/v1/users", new { userName = name, displayName = "令牌测试员", password = "Kexie@2026", role = "ServiceCenterStaff", regionCode = "510923102" })).OkJsonAsync();
        var first = await TokenAsync(name);
        var renewed = await (await app.Anonymous().PostJsonAsync("/api/v1/auth/token/refresh", new { refreshToken = first["refreshToken"]!.GetValue<string>() })).OkJsonAsync();
        var client = WithToken(renewed["accessToken"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/v1/auth/token/revoke", null)).StatusCode);
        var afterwards = await client.GetAsync("/api/v1/auth/me");
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
        Assert.Contains("失效", (await afterwards.ReadNodeAsync())["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(first["accessToken"]!.GetValue<string>()).GetAsync("/api/v1/auth/me")).StatusCode);
        var refused = await app.Anonymous().PostJsonAsync("/api/v1/auth/token/refresh", new { refreshToken = renewed["refreshToken"]!.GetValue<string>() });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostJsonAsync("/api/v1/auth/token/refresh", new { refreshToken = "garbage" })).StatusCode);

        // A new sign-in works again.
        var again = await TokenAsync(name);
        Assert.Equal(HttpStatusCode.OK, (await WithToken(again["accessToken"]!.GetValue<string>()).GetAsync("/api/v1/auth/me")).StatusCode);
    }
}

public sealed class BearerTokenSqliteTests(SqliteApp app) : BearerTokenTests(app);

public sealed class BearerTokenPostgresTests(PostgresApp app) : BearerTokenTests(app);
