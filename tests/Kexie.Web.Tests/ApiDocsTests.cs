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
