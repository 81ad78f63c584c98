namespace Kexie.Web.Tests.Security;

/// <summary>A page number past the end, up to int.MaxValue, is an empty page (it used to overflow back to the first page).</summary>
public sealed class PagingTests(SqliteApp app)
{
    [Theory]
    [InlineData("/api/v1/needs?page=2147483647&pageSize=200")]
    [InlineData("/api/v1/workers?page=2147483647")]
    public async Task A_page_far_past_the_end_is_empty(string url)
    {
        var page = await (await app.Anonymous().GetAsync(url)).OkJsonAsync();
        Assert.Empty(page["items"]!.AsArray());
        Assert.Equal(2147483647, page["page"]!.GetValue<int>());
    }
}
