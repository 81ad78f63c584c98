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
