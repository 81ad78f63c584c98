using System.Text.RegularExpressions;
using Kexie.Data.Seeding;
using Kexie.Domain.Directory;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kexie.E2E;

/// <summary>
/// First use, as newcomers do it: each person starts at the front page and goes on by the links the pages show (no typed
/// addresses but the admin's 短信发件箱, standing in for the phone): a researcher signs up, fills their profile (a bad year is
/// refused next to its field, the rest kept) and offers a service; a company engineer signs up a new organization, is
/// confirmed by the county, posts a need and asks a matched provider for a price; the county's staffer opens the workbench,
/// re-matches a plan's candidates and logs a contact (a missing name is refused next to its field, the note kept).
/// </summary>
public sealed partial class FirstUseJourneys(KexieApp app)
{
    private static string NewPhone() => $"1986{Random.Shared.Next(1_000_000, 9_999_999)}";

    /// <summary>The code of the register page's text message, read from the outbox as the platform admin.</summary>
    private async Task<string> CodeAsync(IPage person, string phone)
    {
        await person.FillAsync("#Input_Phone", phone);
        await person.SelectOptionAsync("#Input_RegionCode", "510923");
        await person.ClickAsync("#send-code");
        await Expect(person.Locator("#code-notice")).ToContainTextAsync("验证码已发送");
        var admin = await app.NewPageAsync();
        await KexieApp.LoginAsync(admin, "admin");
        await admin.GotoAsync($"/Admin/TextMessages?phone={phone}");
        var text = await admin.Locator("#text-messages tbody tr .sms-text").First.InnerTextAsync();
        await admin.Context.CloseAsync();
        return SixDigits().Match(text).Value;
    }

    [Fact]
    public async Task A_researcher_signs_up_from_the_front_page_fills_the_profile_and_offers_a_service()
    {
        var tag = Guid.NewGuid().ToString("N")[..4];
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.Locator("#front h1")).ToHaveTextAsync("大英县科协科技服务云");
        await page.ClickAsync("#front-register");
        await page.CheckAsync("input[name='Input.Kind'][value='Worker']");
        var phone = NewPhone();
        await page.FillAsync("#Input_Code", await CodeAsync(page, phone));
        await page.FillAsync("#Input_Name", "陈思远" + tag);
        await page.FillAsync("#Input_Password", KexieApp.Password);
        await page.ClickAsync("#register");
        await Expect(page.Locator(".notice[role=status]")).ToContainTextAsync("已为您建立科技工作者档案");
        await Expect(page.Locator("#workbench-empty")).ToContainTextAsync("目前没有等待您处理的事项");

        // The profile: a year in words is refused next to its field, with what was typed kept; corrected, it is saved.
        await page.ClickAsync("a:has-text('我的科技工作者资料')");
        await Expect(page.Locator("h1")).ToContainTextAsync("陈思远" + tag);
        await page.ClickAsync("main a:has-text('编辑')");
        await page.FillAsync("#Input_BirthYear", "八五年");
        await page.FillAsync("#Input_Employer", "大英县农业农村局");
        await page.FillAsync("#Input_Title", "高级农艺师");
        await page.Locator("#Input_DisciplineCodes-search").FillAsync("作物栽培");
        await page.Locator("#Input_DisciplineCodes-options [data-code='2103040']").ClickAsync();
        await page.CheckAsync("#Input_IsPublicProfile");
        await page.ClickAsync("button:has-text('保存')");
        await Expect(page.Locator("[data-valmsg-for='Input.BirthYear']")).ToContainTextAsync("出生年份“八五年”不是有效的数字");
        await Expect(page.Locator("#Input_Employer")).ToHaveValueAsync("大英县农业农村局");
        await page.FillAsync("#Input_BirthYear", "1985");
        await page.ClickAsync("button:has-text('保存')");
        await Expect(page.Locator(".notice[role=status]")).ToContainTextAsync("已保存");
        await Expect(page.Locator("main")).ToContainTextAsync("作物栽培学");
        await Expect(page.Locator("main")).ToContainTextAsync("高级农艺师");
        await KexieApp.ScreenshotAsync(page, "f01-researcher-profile");

        // The service: from 科技市场, its discipline taken from the profile; a bad price is refused beside it, then it is submitted.
        await page.ClickAsync("nav a:has-text('科技市场')");
        await page.ClickAsync("main a:has-text('发布科技所能')");
        await Expect(page.Locator("#offer-form .picker-chip[data-code='2103040'], .picker-chip[data-code='2103040']").First).ToContainTextAsync("作物栽培学");
        var title = "作物高产栽培技术指导" + tag;
        await page.FillAsync("#Input_Title", title);
        await page.FillAsync("#Input_Description", "提供水稻、玉米等作物高产栽培技术指导，包括测土配方施肥和病虫害绿色防控。");
        await page.SelectOptionAsync("#Input_PriceMode", "Range");
        await page.FillAsync("#Input_PriceMin", "两千");
        await page.FillAsync("#Input_PriceMax", "5000");
        await page.ClickAsync("button:has-text('保存草稿')");
        await Expect(page.Locator("[data-valmsg-for='Input.PriceMin']")).ToContainTextAsync("不是有效的金额");
        await Expect(page.Locator("#Input_Title")).ToHaveValueAsync(title);
        await page.FillAsync("#Input_PriceMin", "2000");
        await page.ClickAsync("button:has-text('保存草稿')");
        await Expect(page).ToHaveURLAsync(new Regex("/Market/Offers/Details/[0-9a-f-]{36}$"));
        await Expect(page.Locator("main")).ToContainTextAsync("2,000元–5,000元");
        await page.ClickAsync("button:has-text('提交审核')");
        await Expect(page.Locator("#status")).ToHaveTextAsync("待审核");
        await KexieApp.ScreenshotAsync(page, "f02-researcher-offer-submitted");
    }

    [Fact]
    public async Task An_engineer_signs_up_a_new_company_is_confirmed_posts_a_need_and_asks_a_matched_provider_for_a_price()
    {
        var tag = Guid.NewGuid().ToString("N")[..4];
        var company = await app.NewPageAsync();
        await company.GotoAsync("/");
        await company.ClickAsync("#cta-need");
        await Expect(company).ToHaveURLAsync(new Regex("/Account/Login"));
        await company.ClickAsync("#register-link");
        await company.CheckAsync("input[name='Input.Kind'][value='Organization']");
        var phone = NewPhone();
        await company.FillAsync("#Input_Code", await CodeAsync(company, phone));
        await company.FillAsync("#Input_Name", "刘工");
        await company.FillAsync("#Input_Password", KexieApp.Password);
        var organization = "大英县蜀丰化工科技有限公司" + tag;
        await company.FillAsync("#Input_CreditCode", DemoSeeder.CreditCodeFor("510923", new Random(), OrganizationKind.Enterprise));
        await company.FillAsync("#Input_OrganizationName", organization);
        await company.ClickAsync("#register");
        await Expect(company.Locator("#my-application")).ToContainTextAsync("正在等待大英县科协审核");

        // The county's admin confirms it from 系统管理.
        var daying = await app.NewPageAsync();
        await KexieApp.LoginAsync(daying, "daying");
        await daying.GotoAsync("/Admin/OrganizationApplications");
        await daying.Locator("#applications tr", new() { HasText = organization }).Locator("button:has-text('审核通过')").ClickAsync();
        await Expect(daying.Locator(".notice")).ToContainTextAsync("已审核通过");

        // The engineer signs in again and posts a need from the workbench's own button.
        await company.ClickAsync(".nav-user form button");
        await company.ClickAsync("nav a:has-text('登录')");
        await company.FillAsync("#UserName", phone);
        await company.FillAsync("#Password", KexieApp.Password);
        await company.ClickAsync("form button[type=submit]");
        await company.ClickAsync("#workbench-empty a:has-text('发布科技需求')");
        var title = "含盐废水蒸发结晶工艺优化" + tag;
        await company.FillAsync("#Input_Title", title);
        await company.FillAsync("#Input_Problem", "卤水提取后的含盐废水蒸发能耗高、结晶盐纯度低，希望优化蒸发结晶工艺，降低能耗。");
        await company.Locator("#Input_IndustryCodes-search").FillAsync("无机盐");
        await company.Locator("#Input_IndustryCodes-options [data-code='2613']").ClickAsync();
        await KexieApp.SetCodesAsync(company, "#Input_DisciplineCodes", "530");
        await company.FillAsync("#Input_BudgetMax", "10万");
        await company.ClickAsync("button:has-text('保存草稿')");

        // The county already has a need like it: the engineer is shown it, looks, and confirms this one is not a repeat.
        await Expect(company.Locator("#duplicate-warning h2")).ToHaveTextAsync("可能重复的需求");
        await Expect(company.Locator("#Input_Title")).ToHaveValueAsync(title);
        await company.CheckAsync("#Input_ConfirmDuplicate");
        await company.ClickAsync("button:has-text('保存草稿')");
        await Expect(company).ToHaveURLAsync(new Regex("/Market/Needs/Details/[0-9a-f-]{36}$"));
        var needUrl = company.Url;
        await company.ClickAsync("button:has-text('提交审核')");
        await Expect(company.Locator("#status")).ToHaveTextAsync("待审核");

        // The admin publishes it from the workbench item.
        await daying.GotoAsync("/");
        await daying.Locator("#work-items li", new() { HasText = title }).Locator("a").ClickAsync();
        await daying.ClickAsync("#review button:has-text('审核通过并发布')");
        await Expect(daying.Locator("#status")).ToHaveTextAsync("已发布");

        // The company sees candidates with a reason and asks the first one for a price; the order names its need.
        await company.GotoAsync(needUrl);
        var offers = company.Locator("#matches tbody tr", new() { HasText = "科技所能" });
        var match = offers.First;
        for (var i = 0; i < 120 && await offers.CountAsync() == 0; i++)
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
            await company.ReloadAsync();
        }

        await Expect(match.Locator(".explain")).Not.ToBeEmptyAsync();
        await KexieApp.ScreenshotAsync(company, "f03-engineer-need-matches");
        await match.Locator("a").First.ClickAsync();
        await Expect(company).ToHaveURLAsync(new Regex("/Market/Offers/Details/[0-9a-f-]{36}\\?need=[0-9a-f-]{36}$"));
        await company.ClickAsync("#inquire");
        await Expect(company.Locator("#NeedId option:checked")).ToHaveTextAsync(title);
        await company.ClickAsync("#inquiry-form button[type=submit]");
        await Expect(company).ToHaveURLAsync(new Regex("/Market/Orders/Details/[0-9a-f-]{36}$"));
        await Expect(company.Locator("#order-status")).ToHaveTextAsync("询价中");
        await KexieApp.ScreenshotAsync(company, "f04-engineer-inquiry");
    }

    [Fact]
    public async Task The_staffer_opens_the_workbench_rematches_a_plan_and_a_contact_without_a_name_keeps_the_note()
    {
        var staff = await app.NewPageAsync();
        await staff.GotoAsync("/");
        await staff.ClickAsync("nav a:has-text('登录')");
        await staff.FillAsync("#UserName", "daying-staff");
        await staff.FillAsync("#Password", KexieApp.Password);
        await staff.ClickAsync("form button[type=submit]");
        await Expect(staff.Locator("#workbench .work-count[data-count='plans'] b")).Not.ToHaveTextAsync("0");
        await staff.Locator("#work-items li[data-section='Plans'] a.work-title").First.ClickAsync();
        await Expect(staff).ToHaveURLAsync(new Regex("/Market/Plans/Details/[0-9a-f-]{36}$"));
        await Expect(staff.Locator("h1")).ToContainTextAsync("一单一策：");

        // The seeded demo's plan already has its candidates (nobody had to re-match), ranked 1, 2, 3… with the score of the table.
        await Expect(staff.Locator("h2", new() { HasTextRegex = new Regex("^候选（") })).Not.ToHaveTextAsync("候选（0）");
        var rows = staff.Locator("#candidates tbody tr");
        Assert.True(await rows.CountAsync() > 0);
        for (var i = 0; i < Math.Min(3, await rows.CountAsync()); i++)
        {
            var score = await rows.Nth(i).Locator("td[data-label='得分']").InnerTextAsync();
            await Expect(rows.Nth(i).Locator(".explain")).ToContainTextAsync($"排第{i + 1}位（综合得分{score}）");
        }

        await staff.ClickAsync("button:has-text('重新匹配候选')");
        await Expect(staff.Locator(".notice")).ToContainTextAsync("已重新匹配，当前候选");

        // 联系对象 left empty: the message is beside that field and the note and channel stay as typed.
        var note = "已电话沟通，约定下周上门" + Guid.NewGuid().ToString("N")[..4];
        await staff.SelectOptionAsync("#channel", "Visit");
        await staff.FillAsync("#note", note);
        await staff.ClickAsync("#contact-form button[type=submit]");
        await Expect(staff.Locator("#contact-form [data-valmsg-for='contactedName']")).ToHaveTextAsync("联系对象不能为空");
        await Expect(staff.Locator("#note")).ToHaveValueAsync(note);
        await Expect(staff.Locator("#channel")).ToHaveValueAsync("Visit");
        await Expect(staff.Locator(".error-box")).ToHaveCountAsync(0);
        await KexieApp.ScreenshotAsync(staff, "f05-staff-contact-refused");
        await staff.FillAsync("#contactedName", "张经理");
        await staff.ClickAsync("#contact-form button[type=submit]");
        await Expect(staff.Locator(".notice")).ToContainTextAsync("已登记联系情况");
        await Expect(staff.Locator("#contacts")).ToContainTextAsync("通过上门走访联系 张经理：" + note);
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task The_deal_value_card_keeps_its_unit_on_the_amounts_line(int width, int height)
    {
        var page = await app.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        await page.GotoAsync("/");
        var card = page.Locator("#market-stats [data-stat='deal-value']");
        await Expect(card.Locator(".num .unit")).ToHaveTextAsync(new Regex("^(万元|元)$"));
        await card.ScrollIntoViewIfNeededAsync();
        await KexieApp.ScreenshotAsync(page, $"f06-deal-value-{width}");

        // One line: the unit sits on the amount's line (its box within the number's single line) and nothing overflows the card.
        var fit = await card.EvaluateAsync<double[]>("""
            c => {
                const num = c.querySelector('.num'), unit = num.querySelector('.unit');
                const n = num.getBoundingClientRect(), u = unit.getBoundingClientRect();
                const line = parseFloat(getComputedStyle(num).lineHeight);
                return [n.height / line, u.bottom - n.top, n.height, num.scrollWidth - num.clientWidth, c.scrollWidth - c.clientWidth];
            }
            """);
        Assert.True(fit[0] < 1.5, $"成交金额占了 {fit[0]:0.0} 行");
        Assert.True(fit[1] <= fit[2] + 1, "万元不在金额那一行");
        Assert.True(fit[3] <= 0 && fit[4] <= 0, $"成交金额超出卡片 {fit[3]}/{fit[4]} px");
    }

    [GeneratedRegex("(?<!\\d)\\d{6}(?!\\d)")]
    private static partial Regex SixDigits();
}
