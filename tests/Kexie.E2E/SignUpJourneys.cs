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
/// Sign-up as a person does it: a new company registers by a text-message code (read from the 短信发件箱 by the platform
/// admin), 大英县's admin confirms it, the company posts a need; a worker registers with the phone of an imported 大英县
/// profile, claims it and publishes an offer.
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
    public async Task A_company_registers_is_confirmed_by_the_county_and_posts_a_need_and_a_worker_claims_an_imported_profile()
    {
        var admin = await app.NewPageAsync();
        await KexieApp.LoginAsync(admin, "admin");

        // A new company registers from the login page.
        var company = await app.NewPageAsync();
        var companyPhone = NewPhone();
        var organization = "大英县注册旅程柠檬食品有限公司" + Guid.NewGuid().ToString("N")[..4];
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
        await Expect(company.Locator(".notice")).ToContainTextAsync("大英县科协审核");
        await company.GotoAsync("/Market/Needs/Edit");
        await Expect(company.Locator("main")).ToContainTextAsync("尚待县科协审核");

        // 大英县's admin confirms it.
        var daying = await app.NewPageAsync();
        await KexieApp.LoginAsync(daying, "daying");
        await daying.GotoAsync("/Admin/OrganizationApplications");
        await Expect(daying.Locator("#pending-applications")).ToBeVisibleAsync();
        await daying.Locator("#applications tr", new() { HasText = organization }).Locator("button:has-text('审核通过')").ClickAsync();
        await Expect(daying.Locator(".notice")).ToContainTextAsync("已审核通过");
        await KexieApp.ScreenshotAsync(daying, "s01-organization-approved");

        // Signed in again (by phone), the company posts a need.
        await company.ClickAsync(".nav-user form button");
        await KexieApp.LoginAsync(company, companyPhone);
        await company.GotoAsync("/Market/Needs/Edit");
        await company.FillAsync("#Input_Title", "柠檬果汁澄清工艺改进");
        await company.FillAsync("#Input_Problem", "柠檬果汁存放后出现浑浊沉淀，希望改进澄清和稳定工艺。");
        await company.FillAsync("#Input_IndustryCodes", "1523");
        await company.ClickAsync("button:has-text('保存草稿')");
        await Expect(company).ToHaveURLAsync(new Regex("/Market/Needs/Details/[0-9a-f-]{36}$"));
        await company.ClickAsync("button:has-text('提交审核')");
        await Expect(company.Locator("#status")).ToHaveTextAsync("待审核");

        // A worker registers with the phone of an imported 大英县 profile and claims it.
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
        await Expect(worker.Locator(".notice")).ToContainTextAsync("已认领");

        await worker.GotoAsync("/Market/Offers/Edit");
        await worker.FillAsync("#Input_Title", "柠檬园病虫害绿色防控指导");
        await worker.FillAsync("#Input_Description", "到园区现场诊断病虫害，制定绿色防控方案。");
        await worker.FillAsync("#Input_DisciplineCodes", "210");
        await worker.SelectOptionAsync("#Input_PriceMode", "Negotiable");
        await worker.ClickAsync("button:has-text('保存草稿')");
        await Expect(worker).ToHaveURLAsync(new Regex("/Market/Offers/Details/[0-9a-f-]{36}$"));
        await worker.ClickAsync("button:has-text('提交审核')");
        await Expect(worker.Locator("#status")).ToHaveTextAsync("待审核");
        await KexieApp.ScreenshotAsync(worker, "s02-claimed-worker-offer");
    }

    [GeneratedRegex("(?<!\\d)\\d{6}(?!\\d)")]
    private static partial Regex SixDigits();
}
