using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kexie.E2E;

/// <summary>问卷调查 in the browser: a county admin creates the 科技工作者状况调查 from the template and sends it out; a respondent
/// fills it on a phone (the skip question stays hidden, a missing answer is named); the admin sees the valid count and the structure.</summary>
public sealed class SurveyJourneys(KexieApp app)
{
    [Fact]
    public async Task A_respondent_fills_the_status_survey_on_a_phone_and_the_admin_sees_the_counts()
    {
        var name = "科技工作者状况调查" + Guid.NewGuid().ToString("N")[..6];
        var admin = await app.NewPageAsync();
        await KexieApp.LoginAsync(admin, "daying");
        await admin.GotoAsync("/Talent/Surveys");
        await admin.FillAsync("#Input_Name", name);
        await admin.FillAsync("#Input_Distributed", "3000");
        await admin.FillAsync("#Input_MinSeconds", "0");
        await admin.ClickAsync("#create-survey");
        await Expect(admin.Locator("h1")).ToContainTextAsync(name);
        await Expect(admin.Locator("#survey-questions")).ToContainTextAsync("共 12 题");
        await admin.ClickAsync("#open-survey");
        await Expect(admin.Locator("#survey-status")).ToHaveTextAsync("收集中");
        var link = await admin.Locator("#fill-link").GetAttributeAsync("href");

        var phone = await app.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        await phone.GotoAsync(link!);
        await Expect(phone.Locator("h1")).ToHaveTextAsync(name);
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the survey page scrolls sideways on a phone");
        foreach (var (question, option) in new[] { (1, "女"), (2, "31—40岁"), (3, "大学本科"), (5, "中共党员"), (6, "农业技术"), (7, "企业"), (8, "4"), (9, "科普活动") })
        {
            await phone.Locator($"#q{question} label", new() { HasText = option }).First.ClickAsync();
        }

        // The follow-up appears only after "是"; the title was left out and is named after submitting.
        await Expect(phone.Locator("#q11")).ToBeHiddenAsync();
        await phone.Locator("#q10 label", new() { HasText = "是" }).ClickAsync();
        await Expect(phone.Locator("#q11")).ToBeVisibleAsync();
        await phone.Locator("#q10 label", new() { HasText = "否" }).ClickAsync();
        await Expect(phone.Locator("#q11")).ToBeHiddenAsync();
        await phone.FillAsync("#q12 textarea", "希望多组织基层培训");
        await phone.ClickAsync("#submit-survey");
        await Expect(phone.Locator("#survey-error")).ToContainTextAsync("第4题“您的职称”为必答题");
        await phone.Locator("#q4 label", new() { HasText = "中级" }).ClickAsync();
        await phone.ClickAsync("#submit-survey");
        await Expect(phone.Locator("#survey-done")).ToContainTextAsync("感谢您的参与");
        await KexieApp.ScreenshotAsync(phone, "t10-survey-answered-phone");

        await admin.ReloadAsync();
        await Expect(admin.Locator("#count-valid")).ToHaveTextAsync("1 份");
        await Expect(admin.Locator("#count-distributed")).ToHaveTextAsync("3000 份");
        await Expect(admin.Locator("#survey-structure table[data-statistic='Title'] tr", new() { HasText = "中级" })).ToContainTextAsync("100.0%");
        await Expect(admin.Locator("#suggestions")).ToContainTextAsync("希望多组织基层培训");
        await Expect(admin.Locator("#results-summary")).ToHaveTextAsync(new Regex("发放问卷3000份，回收有效问卷1份，征集到意见和建议共1条"));
        await KexieApp.ScreenshotAsync(admin, "t11-survey-results");
    }
}
