using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Kexie.Web.Infrastructure;

/// <summary>
/// Refuses a request whose <c>Content-Type</c> names a charset the server cannot decode (<c>charset=bogus</c>,
/// <c>charset=utf-7</c>) with 415 before anything reads the body: the framework's JSON reader throws on such a charset,
/// which was a 500 on every JSON write. Under <c>/api</c> the answer is problem details naming the charset; pages get the
/// status page.
/// </summary>
public static class RequestCharsetCheck
{
    public static IApplicationBuilder UseRequestCharsetCheck(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        // A status page re-executed for this very refusal sees the same header; let it render.
        if (http.Features.Get<IStatusCodeReExecuteFeature>() is not null || UnsupportedCharset(http.Request.ContentType) is not { } charset)
        {
            await next(http);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        if (ApiProblemDetailsWriter.IsApi(http.Request))
        {
            var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status415UnsupportedMediaType,
                    Title = "不支持的字符集",
                    Detail = $"请求的 Content-Type 中的字符集“{charset}”无法识别，请使用 UTF-8（charset=utf-8）",
                },
            });
        }
    });

    /// <summary>The charset of <paramref name="contentType"/> when it names no encoding this server has; null otherwise.</summary>
    public static string? UnsupportedCharset(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || !mediaType.Charset.HasValue)
        {
            return null;
        }

        // The same text the framework's readers pass to Encoding.GetEncoding (quotes included).
        var charset = mediaType.Charset.ToString();
        if (charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            // UTF-7 is refused by the framework's readers as insecure.
            return Encoding.GetEncoding(charset).CodePage == 65000 ? charset : null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return charset;
        }
    }
}
