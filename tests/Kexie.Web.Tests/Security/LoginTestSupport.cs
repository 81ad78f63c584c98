using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kexie.Web.Tests.Security;

/// <summary>
/// Clients that come from a chosen address. The in-process test server has no remote address, so the host's
/// forwarded-headers middleware takes the address from <c>X-Forwarded-For</c> (as it does from a trusted proxy in
/// production; from any other peer the header is ignored).
/// </summary>
internal static partial class LoginTestSupport
{
    public const string UserAgent = "KexieSecurityTest/1.0";

    private static int next = Random.Shared.Next(1, 200);

    /// <summary>A fresh client address for one test (TEST-NET-2 198.51.100.0/24 and friends, never a real host).</summary>
    public static string NewIp() => $"198.51.{Interlocked.Increment(ref next) % 250}.{Random.Shared.Next(1, 254)}";

    public static HttpClient From(this WebApplicationFactory<Program> app, string ip, bool cookies = true)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = cookies, AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-For", ip);
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        return client;
    }

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password });

    /// <summary>Posts the login page's form (with its antiforgery token) and returns the response.</summary>
    public static async Task<HttpResponseMessage> LoginPageAsync(this HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync("/Account/Login");
        var token = Token().Match(form).Groups[1].Value;
        Assert.NotEmpty(token);
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>The antiforgery token of the first form on a page.</summary>
    public static string TokenOf(string html) => Token().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
