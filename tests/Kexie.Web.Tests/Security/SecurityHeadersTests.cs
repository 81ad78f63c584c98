using System.Net;
using System.Text.RegularExpressions;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Tests.Security;

/// <summary>Security headers on pages, API, static files, downloads and error responses; pages that run under the CSP.</summary>
public sealed partial class SecurityHeadersTests(SqliteApp app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Account/Login")]
    [InlineData("/no-such-page")]
    [InlineData("/api/v1/health")]
    [InlineData("/api/v1/no-such-thing")]
    [InlineData("/api/v1/workers/00000000-0000-0000-0000-000000000001")]
    [InlineData("/api/v1/auth/me")]
    [InlineData("/js/site.js")]
    [InlineData("/lib/echarts/echarts.min.js")]
    [InlineData("/css/site.css")]
    [InlineData("/api/v1/indicators/catalogue/export.xlsx")]
    [InlineData("/openapi/v1.json")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        var response = await app.Anonymous().GetAsync(url);
        AssertHeaders(response, SecurityHeaders.ContentSecurityPolicy);
    }

    [Fact]
    public async Task An_exception_answered_with_any_Accept_still_carries_them()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/needs/{Guid.NewGuid()}");
        request.Headers.TryAddWithoutValidation("Accept", "text/html");
        var response = await app.Anonymous().SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertHeaders(response, SecurityHeaders.ContentSecurityPolicy);
    }

    [Fact]
    public async Task Signed_in_pages_and_uploaded_files_carry_them()
    {
        var daying = await app.SignInAsync("daying");
        AssertHeaders(await daying.GetAsync("/Market/Needs"), SecurityHeaders.ContentSecurityPolicy);
        AssertHeaders(await daying.GetAsync("/Indicators"), SecurityHeaders.ContentSecurityPolicy);
        AssertHeaders(await daying.GetAsync("/api/v1/workers/export.xlsx"), SecurityHeaders.ContentSecurityPolicy);
    }

    [Fact]
    public async Task The_API_reference_may_run_its_inline_starter_but_cannot_be_framed()
    {
        var response = await app.Anonymous().GetAsync("/api/docs/");
        AssertHeaders(response, SecurityHeaders.ApiReferencePolicy);
    }

    [Fact]
    public async Task HSTS_is_sent_on_HTTPS_only()
    {
        Assert.False((await app.Anonymous().GetAsync("/api/v1/health")).Headers.Contains("Strict-Transport-Security"));
        var https = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://kexie.example"), AllowAutoRedirect = false });
        var response = await https.GetAsync("/api/v1/health");
        Assert.Equal(SecurityHeaders.StrictTransportSecurity, Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        Assert.Equal("max-age=31536000", SecurityHeaders.StrictTransportSecurity);
    }

    [Fact]
    public void Kestrel_sends_no_Server_header() =>
        Assert.False(app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);

    /// <summary>
    /// The CSP runs no inline script, so no page may carry one (a data block, <c>type="application/json"</c>, is not run),
    /// nor an <c>on…=</c> handler or a <c>javascript:</c> link. Every page without route values, as a county admin.
    /// </summary>
    [Fact]
    public async Task No_page_relies_on_inline_script()
    {
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null && e.RoutePattern.Parameters.All(p => p.IsOptional))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(url => !url.Contains('{') && !url.StartsWith("/Account/Logout", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        Assert.True(pages.Count > 20, $"only {pages.Count} pages found");
        var daying = await app.SignInAsync("daying");
        var offending = new List<string>();
        foreach (var url in pages)
        {
            var response = await daying.GetAsync(url);
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            offending.AddRange(InlineScript().Matches(html).Select(m => $"{url}: {m.Value}"));
            offending.AddRange(InlineHandler().Matches(html).Select(m => $"{url}: {m.Value}"));
        }

        Assert.True(offending.Count == 0, string.Join("\n", offending));
    }

    private static void AssertHeaders(HttpResponseMessage response, string policy)
    {
        var url = response.RequestMessage?.RequestUri;
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), $"{url}: no Content-Security-Policy");
        Assert.Equal(policy, Assert.Single(csp));
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("object-src 'none'", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Server"), $"{url}: Server header");
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)(?![^>]*type=""application/json"")[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<[a-z][^>]*\s(on[a-z]+\s*=|href\s*=\s*""javascript:)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}
