using System.Text.RegularExpressions;
using Kexie.Web.Features.Matching;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Kexie.E2E;

/// <summary>
/// 可能重复的需求: an enterprise posting a need whose text nearly repeats a published one is shown that need (linked,
/// with its region and the engine's sentence) and saves only after confirming that it is not a duplicate.
/// </summary>
public sealed class NeedDuplicateJourneys(KexieApp app)
{
    private const string Problem = "蚕桑养殖过程中桑叶霉变严重，希望引进桑叶保鲜贮藏技术和低温冷链设备，降低损耗，延长饲喂周期。";

    private static string NewName(string stem) => stem + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    [Fact]
    public async Task Posting_a_near_duplicate_need_warns_and_saves_after_confirmation()
    {
        // A need is published (enterprise posts and submits it, the county association publishes it).
        var enterprise = await app.NewPageAsync();
        await KexieApp.LoginAsync(enterprise, "enterprise");
        var originalTitle = NewName("桑叶保鲜贮藏技术");
        await enterprise.GotoAsync("/Market/Needs/Edit");
        await enterprise.FillAsync("#Input_Title", originalTitle);
        await enterprise.FillAsync("#Input_Problem", Problem);
        await KexieApp.SetCodesAsync(enterprise, "#Input_IndustryCodes", "2614");
        await enterprise.ClickAsync("button:has-text('保存草稿')");
        await Expect(enterprise).ToHaveURLAsync(new Regex("/Market/Needs/Details/[0-9a-f-]{36}$"));
        var originalId = enterprise.Url[^36..];
        await enterprise.ClickAsync("button:has-text('提交审核')");
        await Expect(enterprise.Locator("#status")).ToHaveTextAsync("待审核");

        var daying = await app.NewPageAsync();
        await KexieApp.LoginAsync(daying, "daying");
        await daying.GotoAsync("/Market/Review");
        await daying.Locator($"#review-needs tr[data-title='{originalTitle}'] button[value=publish]").ClickAsync();
        await Expect(daying.Locator(".notice")).ToContainTextAsync("已发布");

        // The match index follows the write on its next poll; catch up now rather than wait.
        await app.Services.GetRequiredService<MatchIndexHost>().PollOnceAsync(TestContext.Current.CancellationToken);

        // The enterprise posts nearly the same need again: the warning lists the published one and nothing is saved.
        var repeatTitle = NewName("桑叶保鲜贮藏技术");
        await enterprise.GotoAsync("/Market/Needs/Edit");
        await enterprise.FillAsync("#Input_Title", repeatTitle);
        await enterprise.FillAsync("#Input_Problem", Problem);
        await KexieApp.SetCodesAsync(enterprise, "#Input_IndustryCodes", "2614");
        await enterprise.ClickAsync("button:has-text('保存草稿')");
        var warning = enterprise.Locator("#duplicate-warning");
        await Expect(warning).ToBeVisibleAsync();
        await Expect(warning.Locator("h2")).ToHaveTextAsync("可能重复的需求");
        var listed = warning.Locator($"#duplicate-needs li[data-id='{originalId}']");
        await Expect(listed).ToHaveCountAsync(1);
        await Expect(listed.Locator("a")).ToHaveTextAsync(originalTitle);
        await Expect(listed.Locator("a")).ToHaveAttributeAsync("href", "/Market/Needs/Details/" + originalId);
        await Expect(listed.Locator(".duplicate-region")).ToContainTextAsync("大英县");
        await Expect(listed.Locator(".explain")).Not.ToBeEmptyAsync();
        Assert.InRange(await warning.Locator("#duplicate-needs li").CountAsync(), 1, 5);
        Assert.EndsWith("/Market/Needs/Edit", enterprise.Url, StringComparison.Ordinal);
        await Expect(enterprise.Locator("#Input_Title")).ToHaveValueAsync(repeatTitle);
        await KexieApp.ScreenshotAsync(enterprise, "m20-need-duplicate-warning");

        // Confirming that it is not a duplicate saves the draft.
        await enterprise.CheckAsync("#Input_ConfirmDuplicate");
        await enterprise.ClickAsync("button:has-text('保存草稿')");
        await Expect(enterprise).ToHaveURLAsync(new Regex("/Market/Needs/Details/[0-9a-f-]{36}$"));
        Assert.NotEqual(originalId, enterprise.Url[^36..]);
        await Expect(enterprise.Locator("#status")).ToHaveTextAsync("草稿");
        await Expect(enterprise.Locator(".notice")).ToContainTextAsync(repeatTitle);
    }
}
