namespace Kexie.Web.Tests;

public sealed class ApiDocsTests(SqliteApp app)
{
    [Fact]
    public async Task The_OpenAPI_document_describes_the_v1_api()
    {
        var doc = await (await app.Anonymous().GetAsync("/openapi/v1.json")).OkJsonAsync();
        var paths = doc["paths"]!.AsObject();
        Assert.Contains("/api/v1/workers", paths.Select(p => p.Key));
        Assert.Contains("/api/v1/regions/{code}/children", paths.Select(p => p.Key));
        Assert.Contains("/api/v1/imports/{kind}", paths.Select(p => p.Key));
    }

    [Fact]
    public async Task Every_operation_describes_its_result_and_the_problems_it_can_answer()
    {
        var doc = await (await app.Anonymous().GetAsync("/openapi/v1.json")).OkJsonAsync();
        var operations = doc["paths"]!.AsObject()
            .Where(p => p.Key.StartsWith("/api/v1/", StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Where(o => o.Key is "get" or "post" or "put" or "patch" or "delete").Select(o => (Path: p.Key, Method: o.Key, Operation: o.Value!)))
            .ToList();
        Assert.True(operations.Count > 300, $"only {operations.Count} operations");
        var missing = new List<string>();
        foreach (var (path, method, operation) in operations)
        {
            var responses = operation["responses"]!.AsObject();
            void Expect(string status, bool when)
            {
                if (when && (!responses.TryGetPropertyValue(status, out var response) || response?["content"]?["application/problem+json"] is null))
                {
                    missing.Add($"{method.ToUpperInvariant()} {path}: {status}");
                }
            }

            if (!responses.Any(r => r.Key.StartsWith('2') || r.Key.StartsWith('3')))
            {
                missing.Add($"{method.ToUpperInvariant()} {path}: no result");
            }

            Expect("400", true);
            Expect("404", path.Contains('{'));
            Expect("409", method is "post" or "put" or "patch" or "delete");
        }

        Assert.True(missing.Count == 0, "operations that do not describe a response:\n" + string.Join("\n", missing));

        // A write that needs a permission also says who may not: 401 for a stranger, 403 for a role without it.
        var publish = doc["paths"]!["/api/v1/needs/{id}/publish"]!["post"]!["responses"]!.AsObject();
        Assert.All(new[] { "400", "401", "403", "404", "409" }, status => Assert.True(publish.ContainsKey(status), status));
        Assert.False(doc["paths"]!["/api/v1/regions/{code}/children"]!["get"]!["responses"]!.AsObject().ContainsKey("401"));
    }

    [Fact]
    public async Task The_interactive_reference_page_is_served()
    {
        var html = await (await app.CreateClient().GetAsync("/api/docs")).Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", html);
    }
}

public sealed class StatusPageTests(SqliteApp app)
{
    [Fact]
    public async Task An_unknown_page_is_a_Chinese_404_page()
    {
        var response = await app.Anonymous().GetAsync("/no-such-page");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_problem_details_404()
    {
        var response = await app.Anonymous().GetAsync("/api/v1/no-such-thing");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("资源不存在", (await response.ReadNodeAsync())["title"]!.GetValue<string>());
    }
}
