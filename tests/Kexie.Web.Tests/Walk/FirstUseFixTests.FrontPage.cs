namespace Kexie.Web.Tests.Walk;

public abstract partial class FirstUseFixTests
{
    [Theory]
    [InlineData("worker")]
    [InlineData("enterprise")]
    public async Task A_signed_in_user_without_a_managed_region_sees_their_own_countys_figures_labelled_so(string account)
    {
        var client = await app.SignInAsync(account);
        var page = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Equal("所在地区：四川省 遂宁市 大英县", ScopeLabel(page));
        Assert.Contains("大英县概况", page);
        Assert.DoesNotContain("全国概况", page);
        Assert.Contains("href=\"/Workers?region=510923\"", page);

        // Managers keep their managed region.
        var suining = await (await (await app.SignInAsync("suining")).GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Equal("管理范围：四川省 遂宁市", ScopeLabel(suining));
    }

    private static string ScopeLabel(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "<span id=\"scope-label\">([^<]*)</span>").Groups[1].Value;
}
