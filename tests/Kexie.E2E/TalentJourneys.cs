using System.Text.RegularExpressions;
using Kexie.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kexie.E2E;

/// <summary>专家库 in the browser: a county admin admits a worker from the worker's page (after a missing field is
/// pointed out in place), finds the expert in the list, withdraws the entry with a reason; the public no longer sees it.</summary>
public sealed class TalentJourneys(KexieApp app)
{
    private const string DaYing = "510923";

    [Fact]
    public async Task County_admin_admits_a_worker_to_the_expert_database_and_withdraws_the_entry()
    {
        var ct = TestContext.Current.CancellationToken;
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
        var experts = db.Experts.Select(e => e.WorkerId);
        var worker = await db.ScienceWorkers.AsNoTracking()
            .Where(w => w.RegionCode.StartsWith(DaYing) && w.IsPublicProfile && !experts.Contains(w.Id))
            .OrderByDescending(w => w.Phone).Select(w => new { w.Id, w.Name }).FirstAsync(ct);
        var expertise = "大棚蔬菜病虫害绿色防控" + Guid.NewGuid().ToString("N")[..6];

        var page = await app.NewPageAsync();
        await KexieApp.LoginAsync(page, "daying");
        async Task<int> ExpertsOnHomePage()
        {
            await page.GotoAsync("/");
            return int.Parse((await page.Locator("[data-stat=experts] .num").InnerTextAsync()).Replace(",", string.Empty), System.Globalization.CultureInfo.InvariantCulture);
        }

        var before = await ExpertsOnHomePage();
        Assert.True(before >= 12, "the demo's 12 大英县 experts count on daying's home page");
        await page.GotoAsync($"/Workers/Details/{worker.Id}");
        await page.ClickAsync("#admit-expert");
        await Expect(page.Locator("h1")).ToContainTextAsync($"纳入专家库：{worker.Name}");

        // Expertise left empty: the form stays, the message is next to the field, nothing is saved.
        await page.SelectOptionAsync("#Input_Level", "County");
        await page.FillAsync("#Input_ResearchDirections", "番茄灰霉病、黄瓜霜霉病");
        await page.ClickAsync("button:has-text('保存')");
        await Expect(page.Locator("[data-valmsg-for='Input.Expertise']")).ToContainTextAsync("专长领域不能为空");
        await Expect(page.Locator("#Input_ResearchDirections")).ToHaveValueAsync("番茄灰霉病、黄瓜霜霉病");

        await page.FillAsync("#Input_Expertise", expertise);
        await page.ClickAsync("button:has-text('保存')");
        await Expect(page).ToHaveURLAsync(new Regex("/Experts\\?q="));
        await Expect(page.Locator(".notice")).ToContainTextAsync($"已将“{worker.Name}”纳入专家库（县级）");
        var row = page.Locator("#experts tbody tr", new() { HasText = expertise });
        await Expect(row).ToContainTextAsync("番茄灰霉病、黄瓜霜霉病");
        await Expect(row).ToContainTextAsync("在库");
        await KexieApp.ScreenshotAsync(page, "t01-expert-admitted");

        Assert.Equal(before + 1, await ExpertsOnHomePage());

        // The worker's page shows the entry.
        await page.GotoAsync($"/Workers/Details/{worker.Id}");
        await Expect(page.Locator("#expert")).ToContainTextAsync(expertise);

        await page.GotoAsync($"/Experts?q={Uri.EscapeDataString(expertise)}");
        await page.FillAsync("#experts input[name='reason']", "本人申请退出");
        await page.ClickAsync("#experts button:has-text('退出专家库')");
        await Expect(page.Locator(".notice")).ToContainTextAsync("已退出专家库");
        await Expect(page.Locator("#experts tbody tr", new() { HasText = expertise })).ToContainTextAsync("本人申请退出");
        Assert.Equal(before, await ExpertsOnHomePage());

        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync($"/Experts?q={Uri.EscapeDataString(expertise)}");
        await Expect(visitor.Locator("#total")).ToHaveTextAsync("共 0 位");
    }
}
