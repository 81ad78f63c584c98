using System.Net;

namespace Kexie.Web.Tests.Walk;

public abstract partial class FirstUseFixTests
{
    [Fact]
    public async Task The_site_has_an_icon()
    {
        var client = app.Anonymous();
        var ico = await client.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, ico.StatusCode);
        Assert.Equal("image/x-icon", ico.Content.Headers.ContentType?.MediaType);
        var bytes = await ico.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/favicon.svg")).StatusCode);
        var page = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\" />", page);
    }
}
