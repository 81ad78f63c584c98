using Microsoft.EntityFrameworkCore;
using static Kexie.Web.Tests.Workbench.WorkbenchSteps;

namespace Kexie.Web.Tests.Walk;

public abstract partial class FirstUseFixTests
{
    [Fact]
    public async Task A_workers_own_profile_links_to_their_offers_and_to_posting_one()
    {
        var own = await app.QueryAsync(db => db.Users.Where(u => u.UserName == "worker").Select(u => u.ScienceWorkerId!.Value).FirstAsync());
        var other = await app.QueryAsync(db => db.ScienceWorkers.Where(w => w.Id != own && w.RegionCode == DaYing && w.IsPublicProfile).Select(w => w.Id).FirstAsync());
        var worker = await app.SignInAsync("worker");
        var page = await (await worker.GetAsync($"/Workers/Details/{own}")).Content.ReadAsStringAsync();
        Assert.Contains("<a class=\"btn\" href=\"/Market/Offers?mine=true\" id=\"my-offers\">我的所能</a>", page);
        Assert.Contains("<a class=\"btn btn-primary\" href=\"/Market/Offers/Edit\" id=\"post-offer\">发布科技所能</a>", page);

        var someoneElse = await (await worker.GetAsync($"/Workers/Details/{other}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("id=\"my-offers\"", someoneElse);
        Assert.DoesNotContain("id=\"post-offer\"", someoneElse);
    }
}
