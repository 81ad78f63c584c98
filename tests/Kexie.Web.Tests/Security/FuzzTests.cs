using System.Collections.Concurrent;
using System.Net.Http.Json;
using Kexie.Web.Features.Matching;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Security;

/// <summary>
/// A bounded, deterministic fuzz run over every /api operation the host maps (from its endpoint list, so a new endpoint is
/// fuzzed without a change here): each operation gets several kinds of hostile input (<see cref="FuzzCase"/>) as an
/// anonymous client and as the signed-in platform admin. No answer may be a 5xx, and every 4xx must be RFC 7807
/// problem details (<c>application/problem+json</c>) with a Chinese title. The run's status counts and the writes that succeeded are written
/// to the test output. Run it alone with
/// <c>dotnet test --project tests/Kexie.Web.Tests -- --filter-class "Kexie.Web.Tests.Security.Fuzz*"</c>.
/// </summary>
public abstract partial class FuzzTests(KexieApp app)
{
    /// <summary>Fixed, so a failure reproduces; each provider gets its own stream of cases.</summary>
    private const int Seed = 20_261_204;

    /// <summary>Hostile cases per operation and identity (of the <see cref="FuzzCase"/> kinds, chosen at random).</summary>
    private const int CasesPerOperation = 4;

    [Fact]
    public async Task Hostile_requests_to_every_api_operation_get_problem_details_and_never_a_5xx()
    {
        // The discipline classifier answers 503 while it trains (by design); wait for it so the run is deterministic.
        var matching = app.Services.GetRequiredService<MatchIndexHost>();
        await matching.WhenReadyAsync();
        await matching.WhenClassifierReadyAsync(TimeSpan.FromMinutes(5));

        var (operations, schemas) = await ApiFuzzer.DiscoverAsync(app);
        Assert.True(operations.Count > 150, $"only {operations.Count} operations found");
        var fuzzer = new ApiFuzzer(operations, schemas, Seed + (int)app.Provider);
        // The admin's cookie is sent as a header on each request, so a fuzzed POST /auth/logout cannot sign the run out.
        var adminCookie = await SignInCookieAsync("admin");
        var runs = fuzzer.Generate("anonymous", CasesPerOperation).Select(r => (Request: r, Cookie: (string?)null))
            .Concat(fuzzer.Generate("admin", CasesPerOperation).Select(r => (Request: r, Cookie: (string?)adminCookie)))
            .ToList();

        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var writes = new ConcurrentBag<string>();
        using var client = app.Anonymous();
        await Parallel.ForEachAsync(runs, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (run, ct) =>
        {
            using var message = run.Request.ToMessage(run.Cookie);
            var who = run.Cookie is null ? "anonymous" : "admin";
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(message, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The test server hands an exception that escaped the pipeline to the client; a real server answers 500.
                failures.Add($"{run.Request.Operation} → 500 (unhandled {e.GetBaseException().GetType().Name}: {Shorten(e.GetBaseException().Message)}) [{run.Request.Case}, {who}] {run.Request.Method} {Shorten(run.Request.Url)}");
                return;
            }

            using var disposeResponse = response;
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (status < 300 && run.Request.Method != "GET")
            {
                writes.Add($"{run.Request.Operation} → {status} [{run.Request.Case}, {who}]");
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var text = await response.Content.ReadAsStringAsync(ct);
            if (status >= 500 || (status >= 400 && (mediaType != "application/problem+json" || !ChineseTitle(text))))
            {
                failures.Add($"{run.Request.Operation} → {status} {mediaType ?? "(no content type)"} [{run.Request.Case}, {who}] {run.Request.Method} {Shorten(run.Request.Url)} {Shorten(text)}");
            }
        });

        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"{runs.Count} requests over {operations.Count} operations; statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        output?.WriteLine("Writes that succeeded: " + string.Join("; ", writes.Order(StringComparer.Ordinal)));
        var lines = failures.Order(StringComparer.Ordinal).ToList();
        Assert.True(lines.Count == 0, $"{lines.Count} of {runs.Count} hostile requests got a 5xx or a 4xx that is not problem details:\n" + string.Join("\n", lines.Take(300)));
    }

    private static bool ChineseTitle(string problem)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(problem)?["title"]?.GetValue<string>() is { } title && ChineseText().IsMatch(title);
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial System.Text.RegularExpressions.Regex ChineseText();

    private async Task<string> SignInCookieAsync(string userName)
    {
        using var client = app.Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = Kexie.Data.Seeding.DemoSeeder.DemoPassword });
        response.EnsureSuccessStatusCode();
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("kexie.auth=", StringComparison.Ordinal));
        return cookie.Split(';')[0];
    }

    private static string Shorten(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= 160 ? flat : flat[..160] + "…";
    }
}

public sealed class FuzzSqliteTests(SqliteApp app) : FuzzTests(app);

public sealed class FuzzPostgresTests(PostgresApp app) : FuzzTests(app);
