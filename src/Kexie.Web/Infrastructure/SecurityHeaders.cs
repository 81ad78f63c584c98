namespace Kexie.Web.Infrastructure;

/// <summary>
/// Security headers on every response (pages, API, static files, downloads and error responses, which the exception
/// handler writes after clearing the headers: the headers are added when the response starts, so they survive it):
/// a Content-Security-Policy that runs only the site's own script files, <c>X-Content-Type-Options: nosniff</c>, no
/// framing (<c>frame-ancestors 'none'</c> and <c>X-Frame-Options: DENY</c>), a Referrer-Policy, and HSTS on HTTPS
/// requests outside Development. Kestrel's <c>Server</c> header is switched off in <see cref="WebSetup"/>.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from the site's own files (no inline script, no eval); inline <c>style</c> attributes are allowed (the
    /// pages use a few for layout and the charts set sizes), nothing is loaded from other hosts, and no page may be framed.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference (<c>/api/docs</c>, Scalar) starts itself with an inline module script that it generates, so that
    /// page alone may run inline script. It shows no user content.
    /// </summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>One year, as HSTS preload lists expect; subdomains are not included (the platform may share a domain).</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, bool hsts) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/api/docs") ? ApiReferencePolicy : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            if (hsts && http.Request.IsHttps)
            {
                headers.StrictTransportSecurity = StrictTransportSecurity;
            }

            return Task.CompletedTask;
        });
        return next(http);
    });
}
