using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kexie.Web.Tests.Security;

/// <summary>
/// A <see cref="JsonException"/> is the client's fault only when it comes from reading the request body: a body the
/// endpoint cannot bind is a 400 naming the field (so are the project's own <see cref="UnstorableTextException"/> and
/// <see cref="YuanJsonException"/>). One the server throws itself — writing a response, reading JSON it stored — is a
/// 500 problem details with nothing of the exception in it, and it is logged.
/// </summary>
public abstract class JsonFaultTests(KexieApp app)
{
    private sealed class Cycle
    {
        public Cycle? Next { get; set; }
    }

    /// <summary>The exception handler of the host, with a logger that keeps what it is told.</summary>
    private sealed class RecordingLogger : ILogger<KexieExceptionHandler>
    {
        public List<(LogLevel Level, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, exception));
    }

    private async Task<(int Status, JsonNode Body, RecordingLogger Log)> HandleAsync(Exception exception)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var log = new RecordingLogger();
        var handler = new KexieExceptionHandler(scope.ServiceProvider.GetRequiredService<IProblemDetailsService>(), log);
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = "GET";
        context.Request.Path = "/api/v1/workers";
        context.Request.Headers.Accept = "application/json";
        using var body = new MemoryStream();
        context.Response.Body = body;

        Assert.True(await handler.TryHandleAsync(context, exception, TestContext.Current.CancellationToken));
        return (context.Response.StatusCode, JsonNode.Parse(Encoding.UTF8.GetString(body.ToArray()))!, log);
    }

    private static T Caught<T>(Action action)
        where T : Exception => Assert.ThrowsAny<T>(action);

    [Fact]
    public async Task A_JSON_fault_of_the_server_itself_is_a_500_without_internals_and_is_logged()
    {
        // Writing a response the serializer cannot write (a cycle), and reading JSON the server stored that does not fit its type.
        var cycle = new Cycle();
        cycle.Next = cycle;
        var writing = Caught<JsonException>(() => JsonSerializer.Serialize(cycle));
        var reading = Caught<JsonException>(() => JsonSerializer.Deserialize<Dictionary<string, int>>("{\"score\":\"高\"}"));
        Assert.Equal("$.score", reading.Path);

        foreach (var fault in new[] { writing, reading })
        {
            var (status, body, log) = await HandleAsync(fault);
            Assert.Equal(500, status);
            Assert.Equal(500, body["status"]!.GetValue<int>());
            Assert.Equal("服务器内部错误", body["title"]!.GetValue<string>());
            Assert.Null(body["errors"]);
            var text = body.ToJsonString();
            Assert.DoesNotContain("Json", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("score", text, StringComparison.Ordinal);
            Assert.DoesNotContain("cycle", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("请求体格式不正确", text, StringComparison.Ordinal);
            var entry = Assert.Single(log.Entries);
            Assert.Equal(LogLevel.Error, entry.Level);
            Assert.Same(fault, entry.Exception);
        }
    }

    [Fact]
    public async Task A_request_body_the_server_cannot_read_stays_a_400_naming_the_field()
    {
        // Through the host: a number where the login expects a string.
        var response = await app.Anonymous().PostAsync("/api/v1/auth/login", new StringContent("{\"userName\": 1, \"password\": \"x\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadNodeAsync();
        Assert.NotNull(problem["errors"]!["userName"]);
        Assert.Contains("请求体格式不正确", problem["detail"]!.GetValue<string>());

        // Not JSON at all: the body is named.
        var broken = await app.Anonymous().PostAsync("/api/v1/auth/login", new StringContent("这不是 JSON", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.NotNull((await broken.ReadNodeAsync())["errors"]!["body"]);

        // The handler itself: binding's wrapper, and the project's own body exceptions even unwrapped.
        var binding = Caught<JsonException>(() => JsonSerializer.Deserialize<Dictionary<string, int>>("{\"budgetMin\":\"多\"}"));
        var (status, body, log) = await HandleAsync(new BadHttpRequestException("Failed to read parameter from the request body as JSON.", binding));
        Assert.Equal(400, status);
        Assert.NotNull(body["errors"]!["budgetMin"]);
        Assert.Empty(log.Entries);

        (status, body, _) = await HandleAsync(new UnstorableTextException());
        Assert.Equal(400, status);
        Assert.NotNull(body["errors"]!["body"]);

        (status, body, _) = await HandleAsync(new YuanJsonException("一百万"));
        Assert.Equal(400, status);
        Assert.NotNull(body["errors"]);
    }
}

public sealed class JsonFaultSqliteTests(SqliteApp app) : JsonFaultTests(app);

public sealed class JsonFaultPostgresTests(PostgresApp app) : JsonFaultTests(app);
