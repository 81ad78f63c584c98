using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Infrastructure;

/// <summary>
/// Cross-site request forgery defence for every state change authenticated by the session cookie — JSON, multipart and
/// body-less POST/PUT/PATCH/DELETE under /api and the pages' form posts — by verifying the origin with standard headers
/// (OWASP): <c>Origin</c>, or when a browser sent none the origin of <c>Referer</c>, must be the request's own origin or
/// one of <see cref="SecurityOptions.AllowedOrigins"/>. Anonymous page form posts (login, registration, password reset)
/// are checked the same way, so another site cannot sign a victim's browser into the attacker's account. <c>Origin: null</c> and unreadable values are refused. A request
/// with neither header is not from a browser (curl, the test client) and passes. The cookie's <c>SameSite=Lax</c> does
/// not cover this: a page on another port of the same host is "same site", so the browser sends the cookie with its posts.
/// Only the cookie scheme is checked: a client that authenticates with a header (a future bearer token) cannot be forged by
/// another page, since browsers never add such a header on their own. The pages' antiforgery tokens stay as a second check.
/// </summary>
public static class SameOriginCheck
{
    public const string RefusedTitle = "跨站请求被拒绝";

    public static IApplicationBuilder UseSameOriginCheck(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        // The status page re-executed for a refusal sees the same request; it changes nothing and may render.
        if (IsSafe(http.Request.Method) || http.Features.Get<IStatusCodeReExecuteFeature>() is not null || !IsBrowserWrite(http))
        {
            await next(http);
            return;
        }

        var allowed = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value.AllowedOrigins;
        if (Refusal(http.Request, allowed) is not { } reason)
        {
            await next(http);
            return;
        }

        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SameOriginCheck))
            .LogWarning("跨站请求被拒绝：{Method} {Path}，{Reason}", http.Request.Method, http.Request.Path, reason);
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        if (ApiProblemDetailsWriter.IsApi(http.Request))
        {
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = RefusedTitle,
                    Detail = $"{RefusedTitle}：{reason}。请从本站页面操作。",
                },
            });
        }
    });

    /// <summary>Why the request's Origin or Referer is refused; null when it may go on.</summary>
    public static string? Refusal(HttpRequest request, IReadOnlyCollection<string> allowedOrigins)
    {
        string header;
        string value;
        if (request.Headers.Origin.ToString() is { Length: > 0 } origin)
        {
            (header, value) = ("Origin", origin);
        }
        else if (request.Headers.Referer.ToString() is { Length: > 0 } referer)
        {
            (header, value) = ("Referer", referer);
        }
        else
        {
            return null;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var source) || source.Scheme is not ("http" or "https"))
        {
            return $"请求来源（{header}）无法识别";
        }

        var own = $"{request.Scheme}://{request.Host.Value}";
        return SameOrigin(source, own) || allowedOrigins.Any(o => SameOrigin(source, o))
            ? null
            : $"请求来源 {source.GetLeftPart(UriPartial.Authority)} 不是本站";
    }

    private static bool SameOrigin(Uri source, string origin) =>
        Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var target)
        && string.Equals(source.Scheme, target.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(source.IdnHost, target.IdnHost, StringComparison.OrdinalIgnoreCase)
        && source.Port == target.Port;

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    /// <summary>
    /// Whether a browser could have been made to send this write: one the session cookie signs in (the authentication
    /// middleware already chose the scheme, <see cref="Features.Account.BearerTokens.SchemeOf"/>, so a signed-in request
    /// without a bearer header is the cookie's), or an anonymous form post to a page (login, registration, password reset:
    /// a forged sign-in would put the victim's browser into the attacker's account). Anonymous API calls (JSON, which a
    /// foreign page cannot send without a CORS preflight) and bearer requests are left to the endpoint.
    /// </summary>
    private static bool IsBrowserWrite(HttpContext http) =>
        !Features.Account.BearerTokens.IsBearer(http)
        && (http.User.Identity?.IsAuthenticated == true || !ApiProblemDetailsWriter.IsApi(http.Request));
}
