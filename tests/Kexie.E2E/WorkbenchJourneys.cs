using System.Globalization;
using System.Text.RegularExpressions;
using Kexie.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Kexie.E2E;

/// <summary>
/// 我的工作台: the county admin sees the review count in the navigation and the submitted need on the home page; once it is
/// published, the staffer it is assigned to sees the new plan with its deadline (China time) and the notification.
/// </summary>
public sealed class WorkbenchJourneys(KexieApp app)
{
    [Fact]
    public async Task The_admin_sees_the_review_count_and_the_staffer_the_new_plan_with_its_deadline_and_notification()
    {
        var title = "柠檬果渣综合利用" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var enterprise = await app.NewPageAsync();
        await KexieApp.LoginAsync(enterprise, "enterprise");
        await enterprise.GotoAsync("/Market/Needs/Edit");
        await enterprise.FillAsync("#Input_Title", title);
        await enterprise.FillAsync("#Input_Problem", "柠檬加工后果渣量大，希望找到提取果胶和制作饲料的工艺，减少废弃物处理费用。");
        await KexieApp.SetCodesAsync(enterprise, "#Input_IndustryCodes", "2614");
        await enterprise.ClickAsync("button:has-text('保存草稿')");
        await Expect(enterprise).ToHaveURLAsync(new Regex("/Market/Needs/Details/[0-9a-f-]{36}$"));
        await enterprise.ClickAsync("button:has-text('提交审核')");
        await Expect(enterprise.Locator("#status")).ToHaveTextAsync("待审核");

        // The admin: the count in the navigation, the item by name on the workbench.
        var daying = await app.NewPageAsync();
        await KexieApp.LoginAsync(daying, "daying");
        await daying.GotoAsync("/");
        var badge = daying.Locator("#nav-workbench-count");
        await Expect(badge).ToBeVisibleAsync();
        var review = int.Parse(await daying.Locator("#work-counts [data-count=review] b").InnerTextAsync(), CultureInfo.InvariantCulture);
        Assert.True(review >= 1);
        await Expect(badge).ToHaveAttributeAsync("data-review", review.ToString(CultureInfo.InvariantCulture));
        await Expect(daying.Locator("#nav-workbench")).ToHaveAttributeAsync("title", new Regex($"待审核 {review}"));
        var item = daying.Locator("#work-items li", new() { HasText = title });
        await Expect(item).ToContainTextAsync("待审核科技需求");
        await Expect(item).ToContainTextAsync("大英县");
        await KexieApp.ScreenshotAsync(daying, "w01-admin-workbench");
        await item.Locator("a.work-title").ClickAsync();
        await Expect(daying).ToHaveURLAsync(new Regex("/Market/Needs/Details/"));
        await daying.GotoAsync("/Market/Review");
        await daying.Locator($"#review-needs tr[data-title='{title}'] button[value=publish]").ClickAsync();
        await Expect(daying.Locator(".notice")).ToContainTextAsync("已发布");

        // The staffer: the plan with its deadline, and the notification of the assignment.
        var due = await WithDbAsync(db => db.ResponsePlans.Join(db.Needs, p => p.NeedId, n => n.Id, (p, n) => new { p.ResponseDueAt, n.Title }).Where(x => x.Title == title).Select(x => x.ResponseDueAt).SingleAsync());
        var staff = await app.NewPageAsync();
        await KexieApp.LoginAsync(staff, "daying-staff");
        await staff.GotoAsync("/");
        var plan = staff.Locator("#work-items li", new() { HasText = title });
        await Expect(plan).ToContainTextAsync("一单一策");
        await Expect(plan).ToContainTextAsync("截止 " + due.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        await Expect(staff.Locator("#bell-count")).ToBeVisibleAsync();
        await KexieApp.ScreenshotAsync(staff, "w02-staff-workbench");
        await staff.GotoAsync("/Notifications");
        await Expect(staff.Locator(".notification", new() { HasText = "一单一策指派：" + title })).ToBeVisibleAsync();

        // A visitor gets the public front page.
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync("/");
        await Expect(visitor.Locator("#front h1")).ToContainTextAsync("科技服务云");
        await Expect(visitor.Locator("#cta-need")).ToBeVisibleAsync();
        await Expect(visitor.Locator("#footer-api")).ToBeVisibleAsync();
        await Expect(visitor.Locator("#nav-register")).ToHaveAttributeAsync("href", "/Account/Register");
        await Expect(visitor.Locator("#front-register")).ToBeVisibleAsync();
        await KexieApp.ScreenshotAsync(visitor, "w03-front-page");

        // List filters take a region by name too: "大英" finds 大英县, and the list is filtered by its code.
        await visitor.ClickAsync("#cta-offer ~ a");
        await visitor.Locator("#region-search").FillAsync("大英");
        await visitor.Locator("#region-options [data-code='510923']").ClickAsync();
        await visitor.ClickAsync(".filters button[type=submit]");
        await Expect(visitor).ToHaveURLAsync(new Regex("region=510923"));
        await Expect(visitor.Locator(".picker-chip[data-code='510923']")).ToContainTextAsync("大英县");
        // Counted once the filtered page's picker is drawn (a count does not wait: right after the submit it can catch the
        // new page before its script ran).
        Assert.Equal(1, await visitor.Locator("[id=region-options]").CountAsync());
    }

    private async Task<T> WithDbAsync<T>(Func<KexieDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<KexieDbContext>());
    }
}
