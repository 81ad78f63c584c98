using Kexie.Domain.Identity;
using Kexie.Web.Tests.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Security;

/// <summary>
/// A grant in the settings is a real power, not only an open door in front of a domain rule that still says no: with
/// <c>market.offers.review</c> granted to service-centre staff, a staffer sees 发布 on a submitted offer of the county and
/// publishes it; a staffer of another county still cannot (the record's region), and the default grants are unchanged
/// elsewhere (the demo's staff cannot review: <c>OfferActionsTests</c>).
/// </summary>
public sealed class GrantedReviewTests(ReassignedWorkApp app) : IClassFixture<ReassignedWorkApp>
{
    [Fact]
    public async Task Staff_granted_offer_review_publish_offers_of_their_county_only()
    {
        var (admin, _) = await app.CreateUserAsync(UserRole.AssociationAdmin, "县科协 孙立");
        var (staff, _) = await app.CreateUserAsync(UserRole.ServiceCenterStaff, "服务中心 周安");
        var (stranger, _) = await app.CreateUserAsync(UserRole.ServiceCenterStaff, "射洪服务中心 吴迪", "510981");
        var township = await app.QueryAsync(db => db.Regions.Where(r => r.ParentCode == "510923").OrderBy(r => r.Code).Select(r => r.Code).FirstAsync());
        var worker = await (await admin.PostJsonAsync("/api/v1/workers", new { name = "郑工程师", gender = "Male", phone = KexieApp.NewPhone(), regionCode = township })).OkJsonAsync();
        var offer = await (await staff.PostJsonAsync("/api/v1/offers", new
        {
            kind = "Service",
            title = "盐卤综合利用工艺咨询",
            description = "提供盐卤综合利用与含盐废水处理工艺改进方面的技术咨询与现场指导。",
            providerWorkerId = worker["id"]!.GetValue<string>(),
            disciplineCodes = new[] { "21030" },
            industryCodes = new[] { "2614" },
            regionCode = township,
            priceMode = "Negotiable",
        })).OkJsonAsync();
        var offerId = offer["id"]!.GetValue<string>();
        await (await staff.PostAsync($"/api/v1/offers/{offerId}/submit", null)).OkJsonAsync();

        var seen = await (await staff.GetAsync($"/api/v1/offers/{offerId}")).OkJsonAsync();
        Assert.Contains("publish", seen["actions"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.NotEqual(System.Net.HttpStatusCode.OK, (await stranger.PostAsync($"/api/v1/offers/{offerId}/publish", null)).StatusCode);
        Assert.Equal("Published", (await (await staff.PostAsync($"/api/v1/offers/{offerId}/publish", null)).OkJsonAsync())["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_staffer_without_the_content_review_permission_cannot_publish_through_the_page_form()
    {
        var (staff, _) = await app.CreateUserAsync(UserRole.ServiceCenterStaff, "服务中心 冯雪");
        var content = await (await staff.PostJsonAsync("/api/v1/science-contents", new
        {
            kind = "Article",
            title = "冬季用电安全小常识",
            body = "取暖器远离可燃物。\n不要私拉乱接电线。",
            authorOrganization = "大英县科协",
            regionCode = "510923",
        })).OkJsonAsync();
        var id = content["id"]!.GetValue<string>();
        await (await staff.PostAsync($"/api/v1/science-contents/{id}/submit", null)).OkJsonAsync();

        // The domain lets a manager of the region review; the page's review steps also need popularization.contents.review.
        var page = await staff.GetStringAsync($"/Popularization/Contents/Details/{id}");
        Assert.DoesNotContain("step-publish", page);
        var version = (await (await staff.GetAsync($"/api/v1/science-contents/{id}")).OkJsonAsync())["version"]!.GetValue<int>();
        var forged = await staff.PostAsync($"/Popularization/Contents/Details/{id}?handler=Step", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = LoginTestSupport.TokenOf(page),
            ["step"] = "publish",
            ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("Submitted", (await (await staff.GetAsync($"/api/v1/science-contents/{id}")).OkJsonAsync())["status"]!.GetValue<string>());
    }
}
