using Kexie.Web.Tests.Notifications;

namespace Kexie.Web.Tests.Security;

/// <summary>
/// A statistics page opened without a region shows the viewer's own region, else the region whose 科协 runs the site
/// (<c>Site:RegionCode</c>) — never a region written into the code.
/// </summary>
public sealed class SiteRegionTests(ReassignedWorkApp app) : IClassFixture<ReassignedWorkApp>
{
    [Fact]
    public async Task A_visitor_without_a_region_sees_the_sites_own_region()
    {
        var page = await app.Anonymous().GetStringAsync("/Popularization/Volunteers", TestContext.Current.CancellationToken);
        // The region filter opens on the site's region (this host has no demo data, so the region has no name to print).
        var region = System.Text.RegularExpressions.Regex.Match(page, "id=\"region\" name=\"region\" value=\"([0-9]*)\"").Groups[1].Value;
        Assert.Equal("510922", region);
    }
}
