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

    [Fact]
    public async Task The_results_page_refreshes_itself_as_answers_come_in_and_rules_guard_the_phone_page()
    {
        var name = "规则与实时结果" + Guid.NewGuid().ToString("N")[..6];
        var admin = await app.NewPageAsync();
        await KexieApp.LoginAsync(admin, "daying");
        await admin.GotoAsync("/Talent/Surveys");
        await admin.FillAsync("#Input_Name", name);
        await admin.FillAsync("#Input_MinSeconds", "0");
        await admin.ClickAsync("#create-survey");
        await Expect(admin.Locator("h1")).ToContainTextAsync(name);

        // The builder adds a phone question with its rule.
        await admin.FillAsync("#Question_Text", "您的联系电话（选填）");
        await admin.SelectOptionAsync("#Question_Kind", "Text");
        await admin.SelectOptionAsync("#Question_RuleKind", "Phone");
        await admin.UncheckAsync("#Question_Required");
        await admin.ClickAsync("#add-question");
        await Expect(admin.Locator("#survey-questions")).ToContainTextAsync("共 13 题");
        await Expect(admin.Locator("#survey-questions .survey-question[data-number='13']")).ToContainTextAsync("校验：11位手机号码");
        await Expect(admin.Locator("#survey-questions .survey-question[data-number='9']")).ToContainTextAsync("校验：至多选3项");
        await admin.ClickAsync("#open-survey");
        await Expect(admin.Locator("#survey-status")).ToHaveTextAsync("收集中");
        await Expect(admin.Locator("#live-line")).ToContainTextAsync("已回收0份，有效0份，更新于");
        var link = await admin.Locator("#fill-link").GetAttributeAsync("href");

        var phone = await app.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        await phone.GotoAsync(link!);
        foreach (var (question, option) in new[] { (1, "男"), (2, "41—50岁"), (3, "大学专科"), (4, "初级"), (5, "群众"), (6, "工程技术"), (7, "企业"), (8, "3"), (10, "否") })
        {
            await phone.Locator($"#q{question} label", new() { HasText = option }).First.ClickAsync();
        }

        // 至多选3项: after three the other options wait.
        foreach (var option in new[] { "学术交流", "科普活动", "权益保障" })
        {
            await phone.Locator("#q9 label", new() { HasText = option }).ClickAsync();
        }

        await Expect(phone.Locator("#q9 input[value='人才评价与推荐']")).ToBeDisabledAsync();
        await phone.Locator("#q9 label", new() { HasText = "权益保障" }).ClickAsync();
        await Expect(phone.Locator("#q9 input[value='人才评价与推荐']")).ToBeEnabledAsync();
        await phone.Locator("#q9 label", new() { HasText = "权益保障" }).ClickAsync();

        // The phone number gets a number keyboard and the browser's own check first; a wrong one is not sent.
        var tel = phone.Locator("#q13 input[type='tel']");
        await Expect(tel).ToHaveAttributeAsync("inputmode", "numeric");
        await tel.FillAsync("1380013800");
        await phone.ClickAsync("#submit-survey");
        Assert.True(await tel.EvaluateAsync<bool>("e => !e.checkValidity()"), "a ten-digit phone number passes the page's check");
        await Expect(phone.Locator("#survey-done")).ToHaveCountAsync(0);
        await tel.FillAsync("13800138000");
        await phone.ClickAsync("#submit-survey");
        await Expect(phone.Locator("#survey-done")).ToContainTextAsync("感谢您的参与");

        // The admin's page, left open, shows the answer without a reload (it polls every 10 s).
        await Expect(admin.Locator("#count-returned")).ToHaveTextAsync("1 份", new() { Timeout = 35_000 });
        await Expect(admin.Locator("#count-valid")).ToHaveTextAsync("1 份");
        await Expect(admin.Locator("#live-line")).ToContainTextAsync("已回收1份，有效1份，更新于");
        await Expect(admin.Locator("#survey-structure table[data-statistic='Title'] tr", new() { HasText = "初级" })).ToContainTextAsync("100.0%");
        await KexieApp.ScreenshotAsync(admin, "t11b-survey-live-results");
    }
}
