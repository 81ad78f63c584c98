using System.Text.Json;
using System.Text.Json.Serialization;
using Kexie.Web.Features.Admin;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Infrastructure;

/// <summary>
/// One rule for text that a database cannot keep alike: U+0000 (PostgreSQL refuses it, SQLSTATE 22021; SQLite stores
/// it) and lone UTF-16 surrogates (no valid UTF-8 for them). Such text is refused at the edge, before a feature sees it,
/// as a 400 naming the field, on both providers: JSON bodies by <see cref="StorableStringJsonConverter"/>, query strings,
/// route values and form fields by <see cref="UseStorableTextCheck"/> (API and pages).
/// </summary>
public static class StorableText
{
    /// <summary>Whether <paramref name="text"/> holds U+0000 or a surrogate without its pair.</summary>
    public static bool IsUnstorable(ReadOnlySpan<char> text) => Kexie.Domain.Common.Guard.IsUnstorable(text);

    /// <summary>
    /// The Chinese message for a refused field: its name from the audit trail's field names ("title", "Input.Title" →
    /// 标题), else a neutral word, never the raw key.
    /// </summary>
    public static string Message(string field) => $"{FieldName(field)}中含有无法保存的字符（空字符或残缺的字符），请删除后重试";

    public static string FieldName(string field)
    {
        var last = field.Split('.', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? string.Empty;
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            last = last[..bracket];
        }

        if (last.Length > 0)
        {
            var pascal = char.ToUpperInvariant(last[0]) + last[1..];
            if (AuditPresenter.FieldNames.TryGetValue(pascal, out var name) || Extra.TryGetValue(pascal, out name))
            {
                return $"“{name}”";
            }
        }

        return "提交的内容";
    }

    /// <summary>Request fields that are no stored field of their own (search words, reasons, comments).</summary>
    private static readonly Dictionary<string, string> Extra = new(StringComparer.Ordinal)
    {
        ["Q"] = "搜索词", ["Query"] = "搜索词", ["Keyword"] = "关键词", ["Reason"] = "理由", ["Comment"] = "意见", ["Password"] = "密码",
        ["UserName"] = "用户名", ["Code"] = "验证码", ["Text"] = "内容", ["Terms"] = "主要条款", ["Message"] = "留言",
    };

    /// <summary>The key under which a page's refusal leaves its message for the status page.</summary>
    public const string StatusDetailKey = "kexie:status-detail";

    /// <summary>
    /// Refuses a request whose query string, route values or form fields (not uploaded files) hold unstorable text: under
    /// <c>/api</c> a 400 problem details naming the field (<c>errors[field]</c>), on pages the 400 status page with the
    /// same message. Runs after routing and authorization, so the form is read with the endpoint's limits and a stranger
    /// still gets the sign-in answer first; and before the pages' antiforgery check, which would otherwise answer a form
    /// with U+0000 (the framework's form reader refuses it) with a bare 400 that names nothing.
    /// </summary>
    public static IApplicationBuilder UseStorableTextCheck(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Features.Get<IStatusCodeReExecuteFeature>() is not null || await FindAsync(http) is not { } field)
        {
            await next(http);
            return;
        }

        var message = Message(field);
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (ApiProblemDetailsWriter.IsApi(http.Request))
        {
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = KexieExceptionHandler.Validation(field, message),
            });
        }
        else
        {
            http.Items[StatusDetailKey] = message;
        }
    });

    /// <summary>The first query, route or form key whose value (or the key itself) is unstorable; null when none.</summary>
    public static async Task<string?> FindAsync(HttpContext http)
    {
        foreach (var (key, values) in http.Request.Query)
        {
            if (IsUnstorable(key) || values.Any(v => v is not null && IsUnstorable(v)))
            {
                return key;
            }
        }

        foreach (var (key, value) in http.Request.RouteValues)
        {
            if (value is string s && IsUnstorable(s))
            {
                return key;
            }
        }

        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || !http.Request.HasFormContentType)
        {
            return null;
        }

        if (http.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            return await FindInUrlEncodedAsync(http.Request);
        }

        {
            IFormCollection form;
            try
            {
                form = await http.Request.ReadFormAsync(http.RequestAborted);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
            {
                // An unreadable form is the endpoint's to refuse, as before.
                return null;
            }

            foreach (var (key, values) in form)
            {
                if (IsUnstorable(key) || values.Any(v => v is not null && IsUnstorable(v)))
                {
                    return key;
                }
            }
        }

        return null;
    }

    /// <summary>Longest url-encoded form read here; a longer one is left to the framework's own limits.</summary>
    private const int MaxUrlEncodedLength = 4 * 1024 * 1024;

    /// <summary>
    /// The framework's form reader throws on U+0000 without naming the field, so a url-encoded body is read here (buffered,
    /// and rewound for the endpoint) and each pair decoded like the reader does.
    /// </summary>
    private static async Task<string?> FindInUrlEncodedAsync(HttpRequest request)
    {
        if (request.ContentLength is > MaxUrlEncodedLength)
        {
            return null;
        }

        request.EnableBuffering();
        string text;
        using (var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true))
        {
            var buffer = new char[MaxUrlEncodedLength + 1];
            var read = await reader.ReadBlockAsync(buffer.AsMemory(), request.HttpContext.RequestAborted);
            text = new string(buffer, 0, Math.Min(read, MaxUrlEncodedLength));
        }

        request.Body.Position = 0;
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(equals < 0 ? pair : pair[..equals]);
            if (IsUnstorable(key) || (equals >= 0 && IsUnstorable(Decode(pair[(equals + 1)..]))))
            {
                return key;
            }
        }

        return null;
    }

    private static string Decode(string part) => Uri.UnescapeDataString(part.Replace('+', ' '));
}

/// <summary>A JSON string holding U+0000 or a lone surrogate (the serializer adds the path of the field).</summary>
public sealed class UnstorableTextException : JsonException
{
    public UnstorableTextException()
        : base(null)
    {
    }

    public string Field => string.IsNullOrEmpty(Path) || Path == "$" ? "body" : Path.TrimStart('$', '.');
}

/// <summary>
/// Reads JSON strings like the serializer's own converter, refusing U+0000 and lone surrogates (an escaped
/// <c>"\ud800"</c>, which the reader cannot even turn into a string) with <see cref="UnstorableTextException"/>.
/// </summary>
public sealed class StorableStringJsonConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadChecked(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadChecked(ref reader)!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    private static string? ReadChecked(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
        {
            // A number or a literal where text belongs: the serializer's own answer (a JsonException with the path).
            return reader.GetString();
        }

        string? text;
        try
        {
            text = reader.GetString();
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate cannot be made into a string.
            throw new UnstorableTextException();
        }

        return text is not null && StorableText.IsUnstorable(text) ? throw new UnstorableTextException() : text;
    }
}
