using System.Text.RegularExpressions;
using Kexie.Data;
using Kexie.Data.Seeding;
using Kexie.Domain.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kexie.E2E;

/// <summary>
/// Newcomers, as people do it: a new company registers by a text-message code (read from the 短信发件箱 by the platform
/// admin), 大英县's admin confirms it, the company posts a need with the pickers; the admin sees it on the workbench and
/// publishes it, the staffer gets the plan; a worker registers with the phone of an imported 大英县 profile, claims it and
/// publishes an offer; the need recommends it, the company asks for a price, the worker proposes and the company confirms.
/// </summary>
public sealed partial class SignUpJourneys(KexieApp app)
{
    private static string NewPhone() => $"1987{Random.Shared.Next(1_000_000, 9_999_999)}";

    /// <summary>Asks for a code on the register page and reads it from the outbox page as the platform admin.</summary>
    private static async Task<string> CodeAsync(IPage person, IPage admin, string phone)
    {
        await person.FillAsync("#Input_Phone", phone);
        await person.SelectOptionAsync("#Input_RegionCode", "510923");
        await person.ClickAsync("#send-code");
        await Expect(person.Locator("#code-notice")).ToContainTextAsync("验证码已发送");
        await admin.GotoAsync($"/Admin/TextMessages?phone={phone}");
        var text = await admin.Locator("#text-messages tbody tr .sms-text").First.InnerTextAsync();
        return SixDigits().Match(text).Value;
    }

    [Fact]
    public async Task Newcomers_register_are_confirmed_match_and_agree_a_contract_while_the_county_is_told_what_is_due()
    {
        var admin = await app.NewPageAsync();
        await KexieApp.LoginAsync(admin, "admin");
        var tag = Guid.NewGuid().ToString("N")[..4];

        // 1. A new company registers from the login page; its workbench says who reviews it, and it cannot publish yet.
        var company = await app.NewPageAsync();
        var companyPhone = NewPhone();
        var organization = "大英县注册旅程柠檬食品有限公司" + tag;
        await company.GotoAsync("/Account/Login");
        await company.ClickAsync("#register-link");
        await company.CheckAsync("input[name='Input.Kind'][value='Organization']");
        var code = await CodeAsync(company, admin, companyPhone);
        await company.FillAsync("#Input_Code", code);
        await company.FillAsync("#Input_Name", "周经理");
        await company.FillAsync("#Input_Password", KexieApp.Password);
        await company.FillAsync("#Input_CreditCode", DemoSeeder.CreditCodeFor("510923", new Random(), OrganizationKind.Enterprise));
        await company.FillAsync("#Input_OrganizationName", organization);
        await company.ClickAsync("#register");
        await Expect(company.Locator(".notice[role=status]")).ToContainTextAsync("大英县科协审核");
        await Expect(company.Locator("#my-application")).ToContainTextAsync("正在等待大英县科协审核");
        await company.GotoAsync("/Market/Needs/Edit");
        await Expect(company.Locator("main")).ToContainTextAsync("尚待县科协审核");

        // 2. 大英县's admin confirms it.
        var daying = await app.NewPageAsync();
        await KexieApp.LoginAsync(daying, "daying");
        await daying.GotoAsync("/Admin/OrganizationApplications");
        await Expect(daying.Locator("#pending-applications")).ToBeVisibleAsync();
        await daying.Locator("#applications tr", new() { HasText = organization }).Locator("button:has-text('审核通过')").ClickAsync();
        await Expect(daying.Locator(".notice")).ToContainTextAsync("已审核通过");
        await KexieApp.ScreenshotAsync(daying, "s01-organization-approved");

        // 3. Signed in again (by phone), the company posts a need, choosing its industry and field by name.
        await company.ClickAsync(".nav-user form button");
        await KexieApp.LoginAsync(company, companyPhone);
        await Expect(company.Locator("#my-application")).ToHaveCountAsync(0);
        await company.GotoAsync("/Market/Needs/Edit");
        var needTitle = "柠檬果汁澄清与稳定工艺改进" + tag;
        await company.FillAsync("#Input_Title", needTitle);
        await company.FillAsync("#Input_Problem", "柠檬果汁存放后出现浑浊沉淀，希望改进澄清和稳定工艺，延长货架期。");
        await company.Locator("#Input_IndustryCodes-search").FillAsync("果菜汁");
        await company.Locator("#Input_IndustryCodes-options [data-code='1523']").ClickAsync();
        await Expect(company.Locator("#Input_IndustryCodes")).ToHaveValueAsync(new Regex("(^|,)1523$"));
        await company.Locator("#Input_DisciplineCodes-search").FillAsync("食品科学");
        await company.Locator("#Input_DisciplineCodes-options [data-code='550']").ClickAsync();
        await Expect(company.Locator("#need-form .picker-chip[data-code='550']")).ToContainTextAsync("食品科学技术");
        await company.FillAsync("#Input_BudgetMax", "5万");
        await KexieApp.ScreenshotAsync(company, "s02-need-form-pickers");
        await company.ClickAsync("button:has-text('保存草稿')");
        await Expect(company).ToHaveURLAsync(new Regex("/Market/Needs/Details/[0-9a-f-]{36}$"));
        var needUrl = company.Url;
        await company.ClickAsync("button:has-text('提交审核')");
        await Expect(company.Locator("#status")).ToHaveTextAsync("待审核");

        // 4. The admin sees it counted and named on the workbench, and publishes it, which opens its 一单一策 plan.
        await daying.GotoAsync("/");
        await Expect(daying.Locator("#nav-workbench-count")).ToBeVisibleAsync();
        await Expect(daying.Locator("#work-items li", new() { HasText = needTitle })).ToContainTextAsync("待审核科技需求");
        await daying.GotoAsync("/Market/Review");
        await daying.Locator($"#review-needs tr[data-title='{needTitle}'] button[value=publish]").ClickAsync();
        await Expect(daying.Locator(".notice")).ToContainTextAsync("已建立一单一策");

        // 5. The service-centre staffer finds the plan on the workbench, with its deadline, and was notified.
        var staff = await app.NewPageAsync();
        await KexieApp.LoginAsync(staff, "daying-staff");
        var plan = staff.Locator("#work-items li", new() { HasText = needTitle });
        await Expect(plan).ToContainTextAsync("截止");
        await staff.GotoAsync("/Notifications");
        await Expect(staff.Locator(".notification", new() { HasText = "一单一策指派：" + needTitle })).ToBeVisibleAsync();

        // 6. A worker registers with the phone of an imported 大英县 profile and claims it.
        string workerPhone;
        string workerName;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
            var profile = await db.ScienceWorkers.AsNoTracking()
                .Where(w => w.RegionCode.StartsWith("510923") && w.UserId == null && !db.Users.Any(u => u.ScienceWorkerId == w.Id || u.PhoneNumber == w.Phone))
                .OrderByDescending(w => w.Id).Select(w => new { w.Phone, w.Name }).FirstAsync(TestContext.Current.CancellationToken);
            (workerPhone, workerName) = (profile.Phone, profile.Name);
        }

        var worker = await app.NewPageAsync();
        await worker.GotoAsync("/Account/Register");
        var workerCode = await CodeAsync(worker, admin, workerPhone);
        await worker.FillAsync("#Input_Code", workerCode);
        await worker.FillAsync("#Input_Name", workerName);
        await worker.FillAsync("#Input_Password", KexieApp.Password);
        await worker.ClickAsync("#register");
        await Expect(worker.Locator(".notice[role=status]")).ToContainTextAsync("已认领");
        await Expect(worker.Locator("#workbench-empty a:has-text('发布科技所能')")).ToBeVisibleAsync();

        // 7. The worker publishes an offer in the field the company asks for; the county approves it and the worker is told.
        await worker.GotoAsync("/Market/Offers/Edit");
        var offerTitle = "果汁澄清与稳定工艺技术服务" + tag;
        await worker.FillAsync("#Input_Title", offerTitle);
        await worker.FillAsync("#Input_Description", "针对柠檬等果汁的浑浊沉淀，提供酶法澄清、超滤和稳定剂配方的工艺诊断与改进服务。");
        await worker.Locator("#Input_DisciplineCodes-search").FillAsync("食品科学");
        await worker.Locator("#Input_DisciplineCodes-options [data-code='550']").ClickAsync();
        await worker.SelectOptionAsync("#Input_PriceMode", "Negotiable");
        await worker.ClickAsync("button:has-text('保存草稿')");
        await Expect(worker).ToHaveURLAsync(new Regex("/Market/Offers/Details/[0-9a-f-]{36}$"));
        await worker.ClickAsync("button:has-text('提交审核')");
        await Expect(worker.Locator("#status")).ToHaveTextAsync("待审核");
        await daying.GotoAsync("/Market/Review");
        await daying.Locator($"#review-offers tr[data-title='{offerTitle}'] button[value=publish]").ClickAsync();
        await Expect(daying.Locator(".notice")).ToContainTextAsync("已发布");
        await worker.GotoAsync("/Notifications");
        await Expect(worker.Locator(".notification", new() { HasText = offerTitle })).ToBeVisibleAsync();

        // 8. The company's need recommends the worker's offer (the match index follows within seconds, a minute at most on a loaded CI machine), with a reason.
        await company.GotoAsync(needUrl);
        var match = company.Locator("#matches tr", new() { HasText = offerTitle });
        for (var i = 0; i < 120 && await match.CountAsync() == 0; i++)
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
            await company.ReloadAsync();
        }

        await Expect(match.Locator(".explain")).Not.ToBeEmptyAsync();
        await KexieApp.ScreenshotAsync(company, "s03-need-matches-new-offer");

        // 9. The company asks for a price from the match, answering its need; the worker is told.
        await match.Locator("a").ClickAsync();
        await company.ClickAsync("#inquire");
        await Expect(company.Locator("#NeedId option:checked")).ToHaveTextAsync(needTitle);
        await company.ClickAsync("#inquiry-form button[type=submit]");
        await Expect(company).ToHaveURLAsync(new Regex("/Market/Orders/Details/[0-9a-f-]{36}$"));
        var orderUrl = company.Url;
        await worker.GotoAsync("/Notifications");
        await Expect(worker.Locator(".notification", new() { HasText = "新的询价" }).First).ToBeVisibleAsync();

        // 10. The worker proposes 3万 with the contract; the company confirms; the need is 已对接.
        await worker.GotoAsync(orderUrl);
        await Expect(worker.Locator("#my-party")).ToContainTextAsync("供方");
        await worker.FillAsync("#amount-input", "3万");
        await Expect(worker.Locator("#propose-form .amount-hint")).ToContainTextAsync("30,000.00 元");
        await worker.FillAsync("#terms-input", "两个月内完成工艺诊断和改进方案");
        await worker.SetInputFilesAsync("#contractFile", new FilePayload
        {
            Name = "技术服务合同.pdf",
            MimeType = "application/pdf",
            Buffer = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray(),
        });
        await worker.ClickAsync("#propose-form button[type=submit]");
        await Expect(worker.Locator("#awaiting-other")).ToBeVisibleAsync();
        await company.GotoAsync(orderUrl);
        await Expect(company.Locator("#pending-proposal")).ToContainTextAsync("供方");
        await company.ClickAsync("#confirm-form button[type=submit]");
        await Expect(company.Locator("#order-status")).ToHaveTextAsync("已签约");
        await Expect(company.Locator("#amount")).ToContainTextAsync("30,000.00 元");
        await KexieApp.ScreenshotAsync(company, "s04-newcomers-agreed");
        await company.GotoAsync(needUrl);
        await Expect(company.Locator("#status-reason")).ToContainTextAsync("已对接");
    }

    [GeneratedRegex("(?<!\\d)\\d{6}(?!\\d)")]
    private static partial Regex SixDigits();
}
