using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Security;

/// <summary>A route parameter of an operation, with its route constraints (<c>guid</c>, <c>int</c>, …).</summary>
internal sealed record RouteParameter(string Name, IReadOnlyList<string> Constraints);

/// <summary>A query parameter of an operation, with its OpenAPI schema (may be a <c>$ref</c>).</summary>
internal sealed record QueryParameter(string Name, JsonNode? Schema);

/// <summary>
/// One /api operation to fuzz. The list comes from the host's <see cref="EndpointDataSource"/>, so every mapped endpoint is
/// fuzzed; the OpenAPI document adds what it knows (query parameters, the request body's content type and schema).
/// </summary>
internal sealed record ApiOperation(
    string Method,
    string Route,
    IReadOnlyList<RouteParameter> RouteParameters,
    IReadOnlyList<QueryParameter> Query,
    string? BodyContentType,
    JsonNode? BodySchema)
{
    public override string ToString() => $"{Method} {Route}";
}

/// <summary>One generated request; kept as data so it can be described in a failure message.</summary>
internal sealed record FuzzRequest(string Operation, string Case, string Method, string Url, byte[]? Body, string? ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public HttpRequestMessage ToMessage(string? cookie)
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Url);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        foreach (var (name, value) in Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (cookie is not null && !Headers.Any(h => h.Key == "Cookie"))
        {
            message.Headers.TryAddWithoutValidation("Cookie", cookie);
        }

        return message;
    }
}

/// <summary>The kinds of hostile input; every operation gets several, chosen by a seeded random generator.</summary>
internal enum FuzzCase
{
    RouteValues,
    QueryValues,
    MalformedJson,
    WrongTypes,
    HostileValues,
    BogusCharset,
    WrongContentType,
    OddAccept,
    MultipartGarbage,
    IfMatch,
    HostileHeaders,
    EmptyBody,
}

/// <summary>
/// Generates hostile requests for every /api operation: malformed and mistyped JSON, huge numbers and strings, invalid
/// route values and GUIDs, bogus charsets and content types, odd <c>Accept</c> values, multipart garbage, invalid
/// <c>If-Match</c>, hostile headers. Deterministic for a given seed.
/// </summary>
internal sealed class ApiFuzzer(IReadOnlyList<ApiOperation> operations, JsonObject? schemas, int seed)
{
    private static readonly string LongText = new('测', 20_000);

    private static readonly string[] HostileSegments =
    [
        "not-a-guid", "00000000-0000-0000-0000-000000000000", "-1", "0", "99999999999999999999999999", "..%2F..%2Fetc%2Fpasswd",
        "%E4%B8%AD%E6%96%87", "%FF%FE", "'%20OR%201=1--", new string('a', 3000), "%20", "null", "2026-02-30", "NaN", "%3Cscript%3E", "510923",
    ];

    private static readonly string[] HostileScalars =
    [
        string.Empty, "-1", "0", "2147483647", "-2147483648", "2147483648", "-2147483649", "99999999999999999999999999", "1e309", "NaN", "Infinity", "-0", "0x10", "abc",
        "2026-02-30", "0001-01-01", "9999-12-31", "00000000-0000-0000-0000-000000000000", "not-a-guid", new string('长', 5000),
        "<script>alert(1)</script>", "'; DROP TABLE \"Needs\"; --", "\u0000", "../../etc/passwd", "99", "2025Q5", "2025-13", "😀", "\ud800", " ",
    ];

    private static readonly string[] RawQueryValues = ["%FF", "%00", "%", "%E4%B8", "a%2Fb"];

    private static readonly string[] HostileJson =
    [
        "null", "true", "0", "-1", "1e400", "-1e400", "99999999999999999999999999999", "1.5", "\"\"", "\"x\"", "[]", "{}", "[[[[[[[[[[]]]]]]]]]]",
        "\"\\u0000\"", "\"\\ud800\"", "\"not-a-guid\"", "\"00000000-0000-0000-0000-000000000000\"", "\"2026-02-30\"", "\"0001-01-01\"",
        "\"9999-12-31T23:59:59+14:00\"", "999", "\"Bogus\"", "\"<script>alert(1)</script>\"", "-2147483649", "2147483648", "9223372036854775808",
        "79228162514264337593543950336", "-0.001", "\"" + new string('x', 100_000) + "\"", "{\"$type\":\"System.IO.FileInfo\"}",
    ];

    private static readonly string[] MalformedBodies =
    [
        string.Empty, "{", "{\"a\":", "[", "nul", "\"str\"", "123", "[]", "{}{}", "{\"a\":1,}", "{'a':1}", "{\"title\":1,\"title\":\"x\"}",
        new string('[', 5000) + new string(']', 5000), "{\"a\":" + new string('[', 100) + new string(']', 100) + "}", "\uFEFF{}", "{\"\\ud800\":1}",
        "{\"a\":\"\\x\"}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":01}",
    ];

    private static readonly string[] Charsets =
    [
        "application/json; charset=bogus", "application/json; charset=utf-7", "application/json; charset=\"\"", "application/json; charset=utf-16",
        "application/json;;;", "application/json; charset=iso-8859-1", "application/json; charset=utf-8; charset=bogus", "application/json; charset=x-\u00e9",
        "multipart/form-data; boundary=x; charset=bogus", "application/x-www-form-urlencoded; charset=bogus", "text/plain; charset=bogus",
    ];

    private static readonly (string ContentType, string Body)[] WrongContentTypes =
    [
        ("text/plain", "{}"), ("application/xml", "<a/>"), ("application/x-www-form-urlencoded", "a=1&b=%FF&c"), ("application/json-patch+json", "[]"),
        ("multipart/form-data", "--x--"), ("*/*", "{}"), ("application/", "{}"), ("garbage", "{}"), ("text/html", "<p>"), ("image/png", "\u0089PNG"),
    ];

    private static readonly string[] Accepts =
    [
        "application/xml", "text/html", "*/*;q=0", "application/json;q=0", "image/png", "garbage", "text/html, application/xhtml+xml",
        "application/problem+xml", "text/plain", "application/json;q=0, text/html",
    ];

    private static readonly string[] IfMatches = ["garbage", "\"abc\"", "W/\"-1\"", "*", "\"99999999999999999999\"", "\"1\", \"2\"", "W/", "\"", "-1"];

    private static readonly KeyValuePair<string, string>[][] HostileHeaderSets =
    [
        [new("Origin", "http://evil.example")],
        [new("Origin", "null")],
        [new("Origin", "http://localhost:9999")],
        [new("Referer", "not a url")],
        [new("Referer", "http://evil.example/page")],
        [new("X-Forwarded-For", "garbage, 999.999.999.999")],
        [new("X-Forwarded-Proto", "gopher")],
        [new("Accept-Language", "xx-\u00e9garbage;q=abc")],
        [new("Range", "bytes=9999999999-")],
        [new("If-None-Match", "*")],
        [new("Cookie", "kexie.auth=garbage; .AspNetCore.Antiforgery=garbage")],
        [new("Accept-Charset", "bogus")],
    ];

    public IReadOnlyList<FuzzRequest> Generate(string identity, int casesPerOperation)
    {
        // Not HashCode.Combine: it is seeded per process, and the run must be the same every time.
        var random = new Random(unchecked((seed * 397) ^ StableHash(identity)));
        var all = Enum.GetValues<FuzzCase>();
        var requests = new List<FuzzRequest>();
        foreach (var operation in operations)
        {
            var cases = all.OrderBy(_ => random.Next()).Take(casesPerOperation);
            requests.AddRange(cases.Select(c => Request(operation, c, random)));
        }

        return requests;
    }

    private FuzzRequest Request(ApiOperation op, FuzzCase fuzzCase, Random random)
    {
        var url = Url(op, fuzzCase == FuzzCase.RouteValues, fuzzCase == FuzzCase.QueryValues, random);
        var headers = new List<KeyValuePair<string, string>>();
        byte[]? body;
        string? contentType;
        (body, contentType) = NormalBody(op, random);
        switch (fuzzCase)
        {
            case FuzzCase.MalformedJson:
                body = Encoding.UTF8.GetBytes(Pick(random, MalformedBodies));
                contentType = "application/json";
                if (random.Next(4) == 0)
                {
                    body = [0xFF, 0xFE, 0x7B, 0x00, 0xC3, 0x28, 0x7D];
                }

                break;
            case FuzzCase.WrongTypes:
                body = Encoding.UTF8.GetBytes(ObjectOf(op, random, (_, r) => Pick(r, HostileJson)));
                contentType = "application/json";
                break;
            case FuzzCase.HostileValues:
                body = Encoding.UTF8.GetBytes(ObjectOf(op, random, HostileValueFor));
                contentType = "application/json";
                break;
            case FuzzCase.BogusCharset:
                body ??= "{}"u8.ToArray();
                contentType = Pick(random, Charsets);
                break;
            case FuzzCase.WrongContentType:
                var (type, text) = Pick(random, WrongContentTypes);
                body = Encoding.UTF8.GetBytes(text);
                contentType = random.Next(5) == 0 ? null : type;
                break;
            case FuzzCase.OddAccept:
                headers.Add(new("Accept", Pick(random, Accepts)));
                if (random.Next(2) == 0)
                {
                    body = Encoding.UTF8.GetBytes(ObjectOf(op, random, HostileValueFor));
                    contentType = "application/json";
                }

                break;
            case FuzzCase.MultipartGarbage:
                (body, contentType) = Multipart(random);
                break;
            case FuzzCase.IfMatch:
                headers.Add(new("If-Match", Pick(random, IfMatches)));
                break;
            case FuzzCase.HostileHeaders:
                headers.AddRange(Pick(random, HostileHeaderSets));
                break;
            case FuzzCase.EmptyBody:
                body = random.Next(2) == 0 ? null : [];
                contentType = body is null ? null : op.BodyContentType ?? "application/json";
                break;
        }

        if (op.Method is "GET" or "DELETE" && fuzzCase is not (FuzzCase.MalformedJson or FuzzCase.WrongTypes or FuzzCase.BogusCharset or FuzzCase.WrongContentType or FuzzCase.MultipartGarbage))
        {
            body = null;
            contentType = null;
        }

        return new FuzzRequest(op.ToString(), fuzzCase.ToString(), op.Method, url, body, contentType, headers);
    }

    private string Url(ApiOperation op, bool hostileRoute, bool hostileQuery, Random random)
    {
        var path = op.Route;
        foreach (var parameter in op.RouteParameters)
        {
            var value = hostileRoute ? Pick(random, HostileSegments) : NormalSegment(parameter, random);
            path = path.Replace("{" + parameter.Name + "}", value, StringComparison.Ordinal);
        }

        if (!hostileQuery || op.Query.Count == 0)
        {
            return path;
        }

        // Some values do not parse (a 400 from binding), most do and reach the handler with extremes of their type.
        var query = op.Query.Select(q =>
        {
            var value = random.Next(8) switch
            {
                0 => Pick(random, RawQueryValues),
                1 or 2 => Uri.EscapeDataString(Pick(random, HostileScalars)),
                _ => Uri.EscapeDataString(ExtremeScalarFor(q.Schema, random)),
            };
            return Uri.EscapeDataString(q.Name) + "=" + value;
        });
        return path + "?" + string.Join("&", query);
    }

    /// <summary>A query value that parses as its parameter's type but is an extreme of it.</summary>
    private string ExtremeScalarFor(JsonNode? schema, Random random)
    {
        var resolved = Resolve(schema);
        if (resolved?["enum"] is not null)
        {
            return Pick(random, ["999", "-1", "0"]);
        }

        var types = TypesOf(resolved);
        if (types.Contains("integer"))
        {
            return Pick(random, ["2147483647", "-2147483648", "0", "-1", "1000000"]);
        }

        if (types.Contains("number"))
        {
            return Pick(random, ["1e308", "-1e308", "79228162514264337593543950335", "-0.001", "0"]);
        }

        if (types.Contains("boolean"))
        {
            // Never "true": the fuzz must not start a full indicator refresh (full=true) on every run.
            return "false";
        }

        return resolved?["format"]?.GetValue<string>() switch
        {
            "uuid" => Pick(random, ["00000000-0000-0000-0000-000000000000", RandomGuid(random).ToString()]),
            "date" => Pick(random, ["0001-01-01", "9999-12-31"]),
            _ => Pick(random, HostileScalars),
        };
    }

    private static string NormalSegment(RouteParameter parameter, Random random)
    {
        if (parameter.Constraints.Contains("guid"))
        {
            return RandomGuid(random).ToString();
        }

        if (parameter.Constraints.Contains("int") || parameter.Constraints.Contains("long"))
        {
            return random.Next(1, 1000).ToString(CultureInfo.InvariantCulture);
        }

        return parameter.Name switch
        {
            "day" => "2026-03-01",
            "code" => "510923999",
            _ => "fuzz" + random.Next(1000).ToString(CultureInfo.InvariantCulture),
        };
    }

    private static (byte[]? Body, string? ContentType) NormalBody(ApiOperation op, Random random) => op.BodyContentType switch
    {
        "application/json" => ("{}"u8.ToArray(), "application/json"),
        "multipart/form-data" => MultipartFile(random),
        _ => (null, null),
    };

    private static (byte[] Body, string ContentType) MultipartFile(Random random)
    {
        const string boundary = "----fuzzboundary";
        var content = random.Next(2) == 0 ? "name,phone\n张三,13800000000\n" : "<script>alert(1)</script>";
        var text = $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"fuzz.csv\"\r\nContent-Type: text/csv\r\n\r\n{content}\r\n--{boundary}--\r\n";
        return (Encoding.UTF8.GetBytes(text), $"multipart/form-data; boundary={boundary}");
    }

    private static (byte[] Body, string ContentType) Multipart(Random random)
    {
        const string b = "fuzzb";
        string[] bodies =
        [
            $"--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.txt\"\r\n\r\ntruncated",
            $"--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../../etc/passwd\"\r\nContent-Type: image/png\r\n\r\n<script>alert(1)</script>\r\n--{b}--\r\n",
            $"--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"empty.pdf\"\r\n\r\n\r\n--{b}--\r\n",
            $"--{b}\r\nContent-Disposition: garbage\r\n\r\nx\r\n--{b}--\r\n",
            $"--{b}\r\n" + "X-Long: " + new string('h', 20_000) + "\r\n\r\nx\r\n--" + b + "--\r\n",
            "not multipart at all",
            $"--{b}--\r\n",
            $"--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{new string('名', 2000)}.xlsx\"\r\n\r\nPK\u0003\u0004garbage\r\n--{b}--\r\n",
            $"--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\n\u0000\u0001\u0002,\"unterminated\r\n--{b}--\r\n",
        ];
        string[] types = [$"multipart/form-data; boundary={b}", $"multipart/form-data; boundary={new string('b', 200)}", "multipart/form-data", $"multipart/mixed; boundary={b}", "multipart/form-data; boundary=\"\""];
        var contentType = random.Next(3) == 0 ? Pick(random, types) : types[0];
        return (Encoding.UTF8.GetBytes(Pick(random, bodies)), contentType);
    }

    /// <summary>A JSON object with every property of the operation's body schema (or a few invented ones) set by <paramref name="value"/>.</summary>
    private string ObjectOf(ApiOperation op, Random random, Func<JsonNode?, Random, string> value)
    {
        var properties = Resolve(op.BodySchema)?["properties"]?.AsObject();
        if (properties is null || properties.Count == 0)
        {
            return random.Next(2) == 0 ? Pick(random, HostileJson) : "{\"id\":" + Pick(random, HostileJson) + ",\"name\":" + Pick(random, HostileJson) + "}";
        }

        var parts = properties.Select(p => System.Text.Json.JsonSerializer.Serialize(p.Key) + ":" + value(p.Value, random));
        return "{" + string.Join(",", parts) + "}";
    }

    /// <summary>
    /// A value of the right JSON type but hostile content: extremes, empty GUIDs, undefined enum numbers, long or odd strings.
    /// No string is a real region code, so a body of such values does not create records in the demo regions that other
    /// tests look at (the test output lists any write that succeeded).
    /// </summary>
    private string HostileValueFor(JsonNode? schema, Random random)
    {
        var resolved = Resolve(schema);
        if (resolved?["enum"] is not null)
        {
            return Pick(random, ["999", "-1", "\"Bogus\"", "\"999\"", "null"]);
        }

        var types = TypesOf(resolved);
        var format = resolved?["format"]?.GetValue<string>();
        if (types.Contains("array"))
        {
            var item = HostileValueFor(resolved?["items"], random);
            return random.Next(3) switch
            {
                0 => "[" + string.Join(",", Enumerable.Repeat(item, 200)) + "]",
                1 => "[null]",
                _ => "[" + item + "]",
            };
        }

        if (types.Contains("object"))
        {
            return random.Next(2) == 0 ? "{}" : "null";
        }

        if (types.Contains("integer"))
        {
            return Pick(random, ["2147483647", "-2147483648", "-1", "0", "\"2147483647\""]);
        }

        if (types.Contains("number"))
        {
            return Pick(random, ["1e308", "-1e308", "0.001", "99999999999999", "-0.01", "7922816251426433759354395033", "\"1e308\""]);
        }

        if (types.Contains("boolean"))
        {
            return random.Next(2) == 0 ? "true" : "false";
        }

        return format switch
        {
            "uuid" => Pick(random, ["\"00000000-0000-0000-0000-000000000000\"", "\"" + RandomGuid(random) + "\"", "\"ffffffff-ffff-ffff-ffff-ffffffffffff\""]),
            "date" => Pick(random, ["\"0001-01-01\"", "\"9999-12-31\"", "\"1900-02-28\""]),
            "date-time" => Pick(random, ["\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"", "\"0001-01-01T00:00:00+14:00\"", "\"9999-12-31T23:59:59-14:00\""]),
            _ => System.Text.Json.JsonSerializer.Serialize(Pick(random,
            [
                string.Empty, " ", LongText, "<p>" + string.Concat(Enumerable.Repeat("<b><i>", 3000)) + "x", "<script>alert(1)</script>", "\u0000\u0001\u001f",
                "'; DROP TABLE \"Needs\"; --", "../../etc/passwd", "000000", "99", "😀𠀀", "%s%n%x", "${jndi:ldap://x}", "51092310599999",
                "13800000000", "9135010000000000XX", "2025Q5", "0001-01-01",
            ])),
        };
    }

    private JsonNode? Resolve(JsonNode? schema)
    {
        for (var i = 0; i < 5 && schema?["$ref"]?.GetValue<string>() is { } reference; i++)
        {
            schema = schemas?[reference.Split('/')[^1]];
        }

        return schema;
    }

    private static HashSet<string> TypesOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonArray array => array.Select(t => t!.GetValue<string>()).ToHashSet(),
        JsonValue value => [value.GetValue<string>()],
        _ => [],
    };

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static Guid RandomGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static int StableHash(string text) => text.Aggregate(17, (h, c) => unchecked((h * 31) + c));

    /// <summary>Every /api operation the host maps, described by the OpenAPI document where it is.</summary>
    public static async Task<(IReadOnlyList<ApiOperation> Operations, JsonObject? Schemas)> DiscoverAsync(KexieApp app)
    {
        using var client = app.Anonymous();
        var doc = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var paths = doc["paths"]!.AsObject();
        var dataSource = app.Services.GetRequiredService<EndpointDataSource>();
        var operations = new List<ApiOperation>();
        foreach (var endpoint in dataSource.Endpoints.OfType<RouteEndpoint>())
        {
            var route = RouteText(endpoint.RoutePattern);
            if (!route.StartsWith("/api/", StringComparison.Ordinal) || endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods)
            {
                continue;
            }

            var parameters = endpoint.RoutePattern.Parameters
                .Select(p => new RouteParameter(p.Name, p.ParameterPolicies.Select(x => x.Content ?? string.Empty).ToList()))
                .ToList();
            foreach (var method in methods.HttpMethods)
            {
                var described = paths[route]?[method.ToLowerInvariant()];
                var query = described?["parameters"]?.AsArray()
                    .Where(p => p!["in"]?.GetValue<string>() == "query")
                    .Select(p => new QueryParameter(p!["name"]!.GetValue<string>(), p["schema"]))
                    .ToList() ?? [];
                var content = described?["requestBody"]?["content"]?.AsObject();
                var bodyType = content?.Select(c => c.Key).FirstOrDefault();
                operations.Add(new ApiOperation(method, route, parameters, query, bodyType, bodyType is null ? null : content![bodyType]!["schema"]));
            }
        }

        return (operations.OrderBy(o => o.Route, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal).ToList(), doc["components"]?["schemas"]?.AsObject());
    }

    private static string RouteText(RoutePattern pattern) => "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
        RoutePatternSeparatorPart separator => separator.Content,
        _ => string.Empty,
    }))));
}
