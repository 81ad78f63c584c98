using System.Text.RegularExpressions;
using Kexie.Data;
using Kexie.Domain.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kexie.E2E;

/// <summary>
/// Managing the directory in the browser: a county admin creates a 农技协 under its 科协 and manages its
/// members; a neighbouring county's admin cannot edit it; a service agency is registered after a bad
/// credit code is corrected in place.
/// </summary>
public sealed class DirectoryManagementJourneys(KexieApp app)
{
    private const string DaYing = "510923";

    private static string NewName(string stem) => stem + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    /// <summary>A valid 统一社会信用代码 registered in 大英县 that no seed record uses.</summary>
    private static string NewCreditCode()
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var body = new string(Enumerable.Range(0, 9).Select(_ => alphabet[Random.Shared.Next(alphabet.Length)]).ToArray());
        var first17 = "91" + DaYing + body;
        return first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
    }

    private async Task<T> QueryAsync<T>(Func<KexieDbContext, Task<T>> query)
    {
        using var scope = app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<KexieDbContext>());
    }

    [Fact]
    public async Task County_admin_creates_a_rural_tech_association_and_manages_its_members()
    {
        var ct = TestContext.Current.CancellationToken;
        var worker = await QueryAsync(db => db.ScienceWorkers.AsNoTracking().Where(w => w.RegionCode.StartsWith(DaYing))
            .OrderBy(w => w.Phone).Select(w => new { w.Name, w.Phone }).FirstAsync(ct));
        var organization = await QueryAsync(db => db.Organizations.AsNoTracking().Where(o => o.RegionCode.StartsWith(DaYing))
            .OrderBy(o => o.CreditCode).Select(o => new { o.Name, o.CreditCode }).FirstAsync(ct));
        var township = await QueryAsync(db => db.Regions.AsNoTracking().Where(r => r.ParentCode == DaYing).OrderBy(r => r.Code).Select(r => r.Code).FirstAsync(ct));
        var name = NewName("大英县测试农技协");

        var page = await app.NewPageAsync();
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await KexieApp.LoginAsync(page, "daying");
        await page.GotoAsync("/Associations");
        await page.ClickAsync("#new-association");
        await Expect(page.Locator("h1")).ToHaveTextAsync("新建科协组织");

        // The region list is daying's own subtree; the parent defaults to 大英县科学技术协会.
        await Expect(page.Locator("#Input_RegionCode")).ToHaveValueAsync(DaYing);
        await Expect(page.Locator("#Input_RegionCode option", new() { HasText = "射洪" })).ToHaveCountAsync(0);
        Assert.True(await page.Locator("#Input_RegionCode option").CountAsync() > 3, "daying picks from 大英县 and its townships");
        Assert.Equal("大英县科学技术协会（科协）", (await page.Locator("#Input_ParentId option:checked").InnerTextAsync()).Trim());

        // A township 科协 gets the "3+1" hint; any other kind or a county does not.
        var hint = page.Locator("#three-plus-one");
        await Expect(hint).ToBeHiddenAsync();
        await page.SelectOptionAsync("#Input_Kind", "Kexie");
        await Expect(hint).ToBeHiddenAsync();
        await page.SelectOptionAsync("#Input_RegionCode", township);
        await Expect(hint).ToBeVisibleAsync();
        await Expect(hint).ToContainTextAsync("副主席");
        await KexieApp.ScreenshotAsync(page, "d01-association-form-3plus1-hint");
        await page.SelectOptionAsync("#Input_Kind", "RuralTechAssociation");
        await Expect(hint).ToBeHiddenAsync();
        await page.SelectOptionAsync("#Input_RegionCode", DaYing);

        await page.FillAsync("#Input_Name", name);
        await page.FillAsync("#Input_EstablishedOn", "2021-05-18");
        await page.ClickAsync("button:has-text('保存')");
        await Expect(page).ToHaveURLAsync(new Regex("/Associations/Details/[0-9a-f-]{36}$"));
        await Expect(page.Locator(".notice")).ToContainTextAsync("已新建组织");
        await Expect(page.Locator("h1")).ToContainTextAsync(name);
        await Expect(page.Locator("h1 .badge")).ToHaveTextAsync("农技协");
        await Expect(page.Locator(".props")).ToContainTextAsync("大英县科学技术协会");
        await Expect(page.Locator(".props")).ToContainTextAsync("2021年5月18日");
        await Expect(page.Locator("#member-count")).ToHaveTextAsync("0");

        // A science worker, found by phone, joins as a council member.
        await page.FillAsync("#mq", worker.Phone);
        await page.ClickAsync("#member-search");
        await Expect(page.Locator("#candidates .candidate")).ToHaveCountAsync(1);
        await Expect(page.Locator("#candidates")).ToContainTextAsync(worker.Name);
        await page.SelectOptionAsync("#Add_Role", "Council");
        await page.FillAsync("#Add_JoinedOn", "2022-01-10");
        await page.ClickAsync("#add-member-submit");
        await Expect(page.Locator(".notice")).ToContainTextAsync($"已添加会员“{worker.Name}”");
        var rows = page.Locator("#member-list tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("理事");
        await Expect(rows.First).ToContainTextAsync("2022-01-10");

        // An organization, found by its credit code, joins as a vice-chair unit.
        await page.CheckAsync("input[name=mtype][value=org]");
        await page.FillAsync("#mq", organization.CreditCode);
        await page.ClickAsync("#member-search");
        await Expect(page.Locator("#candidates .candidate")).ToHaveCountAsync(1);
        await Expect(page.Locator("#candidates")).ToContainTextAsync(organization.Name);
        await page.SelectOptionAsync("#Add_Role", "ViceChair");
        await page.ClickAsync("#add-member-submit");
        await Expect(page.Locator(".notice")).ToContainTextAsync($"已添加会员“{organization.Name}”");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.Locator("#member-list tr", new() { HasText = organization.Name })).ToContainTextAsync("单位会员");
        await Expect(page.Locator("#member-list tr", new() { HasText = organization.Name })).ToContainTextAsync("副主席");
        await Expect(page.Locator("#member-count")).ToHaveTextAsync("2");

        // Searching again shows the worker as already a member, and adding nobody is refused next to the list.
        await page.CheckAsync("input[name=mtype][value=worker]");
        await page.FillAsync("#mq", worker.Phone);
        await page.ClickAsync("#member-search");
        await Expect(page.Locator("#candidates .candidate")).ToContainTextAsync("已是会员");
        await Expect(page.Locator("#candidates input[type=radio]")).ToBeDisabledAsync();
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await KexieApp.ScreenshotAsync(page, "d02-association-members");
        await page.ClickAsync("#add-member-submit");
        await Expect(page.Locator("[data-valmsg-for='Add.Member']")).ToContainTextAsync("请先查找并选择");
        await Expect(page.Locator("#mq")).ToHaveValueAsync(worker.Phone);

        // Removing asks first, then the worker is gone and the organization stays.
        await page.Locator("#member-list tr", new() { HasText = worker.Name }).Locator("button:has-text('移除')").ClickAsync();
        await Expect(page.Locator(".notice")).ToContainTextAsync($"已移除会员“{worker.Name}”");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(page.Locator("#member-list")).ToContainTextAsync(organization.Name);
        await Expect(page.Locator("#member-list")).Not.ToContainTextAsync(worker.Name);
        await KexieApp.ScreenshotAsync(page, "d03-association-member-removed");

        // On a phone the same page fits the screen: no sideways scrolling.
        var phone = await app.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        await KexieApp.LoginAsync(phone, "daying");
        await phone.GotoAsync(new Uri(page.Url).AbsolutePath + "?mq=" + Uri.EscapeDataString(organization.Name) + "&mtype=org");
        await Expect(phone.Locator("#candidates")).ToContainTextAsync(organization.Name);
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the members page scrolls sideways on a phone");
        await KexieApp.ScreenshotAsync(phone, "d03b-association-members-phone");

        // The new association is listed under 大英县 with its one member.
        await page.GotoAsync("/Associations?q=" + Uri.EscapeDataString(name));
        await Expect(page.Locator("#associations tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#associations tbody tr").First).ToContainTextAsync("农技协");
    }

    [Fact]
    public async Task Neighbouring_county_admin_cannot_edit_daying_association_or_its_members()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await QueryAsync(db => db.Associations.AsNoTracking().Where(a => a.Name == "大英县科学技术协会").Select(a => a.Id).SingleAsync(ct));

        var shehong = await app.NewPageAsync();
        await KexieApp.LoginAsync(shehong, "shehong");
        var edit = await shehong.GotoAsync($"/Associations/Edit/{id}");
        Assert.Contains(edit!.Status, new[] { 403, 404 });
        await Expect(shehong.Locator(".status-page")).ToContainTextAsync("无权访问");
        await Expect(shehong.Locator("#Input_Name")).ToHaveCountAsync(0);
        await KexieApp.ScreenshotAsync(shehong, "d04-shehong-edit-daying-403");

        // The public details page shows neither edit, member list nor the add-member form.
        await shehong.GotoAsync($"/Associations/Details/{id}");
        await Expect(shehong.Locator("h1")).ToContainTextAsync("大英县科学技术协会");
        await Expect(shehong.Locator("#edit")).ToHaveCountAsync(0);
        await Expect(shehong.Locator("#add-member")).ToHaveCountAsync(0);
        await Expect(shehong.Locator("#member-list")).ToHaveCountAsync(0);
        await Expect(shehong.Locator("main")).ToContainTextAsync("会员名单仅对本地区");

        // A crafted add-member search for 大英's association is refused too.
        var search = await shehong.GotoAsync($"/Associations/Details/{id}?mq=张");
        Assert.Equal(200, search!.Status);
        await Expect(shehong.Locator("#candidates")).ToHaveCountAsync(0);

        // Shehong still manages its own 科协.
        var own = await QueryAsync(db => db.Associations.AsNoTracking().Where(a => a.Name == "射洪市科学技术协会").Select(a => a.Id).SingleAsync(ct));
        var ownEdit = await shehong.GotoAsync($"/Associations/Edit/{own}");
        Assert.Equal(200, ownEdit!.Status);
        await Expect(shehong.Locator("#Input_Name")).ToHaveValueAsync("射洪市科学技术协会");
    }

    [Fact]
    public async Task County_admin_registers_an_agency_and_fixes_a_bad_credit_code_without_retyping()
    {
        var name = NewName("大英县测试知识产权服务中心");
        var good = NewCreditCode();
        var bad = good[..17] + (good[17] == '0' ? '1' : '0');

        var page = await app.NewPageAsync();
        await KexieApp.LoginAsync(page, "daying");
        await page.GotoAsync("/Agencies");
        await page.ClickAsync("#new-agency");
        await Expect(page.Locator("h1")).ToHaveTextAsync("登记服务机构");
        await page.FillAsync("#Input_Name", name);
        await page.FillAsync("#Input_CreditCode", bad);
        await page.FillAsync("#Input_ServiceScope", "知识产权代理、科技成果评价");
        await page.FillAsync("#Input_ContactName", "周女士");
        await page.FillAsync("#Input_ContactPhone", "0825-4822123");
        await page.ClickAsync("button:has-text('保存')");

        // The Chinese reason sits next to the credit code; everything typed is still there.
        var error = page.Locator("[data-valmsg-for='Input.CreditCode']");
        await Expect(error).ToContainTextAsync("校验位错误");
        await Expect(error).ToContainTextAsync(good[17].ToString());
        await Expect(page.Locator("#Input_CreditCode")).ToHaveClassAsync(new Regex("input-validation-error"));
        await Expect(page.Locator("#Input_CreditCode")).ToHaveValueAsync(bad);
        await Expect(page.Locator("#Input_Name")).ToHaveValueAsync(name);
        await Expect(page.Locator("#Input_ServiceScope")).ToHaveValueAsync("知识产权代理、科技成果评价");
        await Expect(page.Locator("#Input_ContactName")).ToHaveValueAsync("周女士");
        await Expect(page.Locator("#Input_ContactPhone")).ToHaveValueAsync("0825-4822123");
        await Expect(page.Locator("#Input_RegionCode")).ToHaveValueAsync(DaYing);
        await KexieApp.ScreenshotAsync(page, "d05-agency-form-credit-code-error");

        await page.FillAsync("#Input_CreditCode", good);
        await page.ClickAsync("button:has-text('保存')");
        await Expect(page).ToHaveURLAsync(new Regex("/Agencies\\?q="));
        await Expect(page.Locator(".notice")).ToContainTextAsync($"已登记服务机构“{name}”");
        var row = page.Locator("#agencies tbody tr", new() { HasText = name });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync(good);
        await Expect(row).ToContainTextAsync("申请中");
        await Expect(row).ToContainTextAsync("周女士");
        await KexieApp.ScreenshotAsync(page, "d06-agency-listed");

        // Editing keeps the record and its new scope shows in the list.
        await row.Locator("a:has-text('编辑')").ClickAsync();
        await Expect(page.Locator("#Input_CreditCode")).ToHaveValueAsync(good);
        await page.FillAsync("#Input_ServiceScope", "知识产权代理、科技成果评价、检验检测");
        await page.ClickAsync("button:has-text('保存')");
        await Expect(page.Locator(".notice")).ToContainTextAsync("已保存");
        await Expect(page.Locator("#agencies tbody tr", new() { HasText = name })).ToContainTextAsync("检验检测");

        // A neighbouring county's admin cannot open its edit page.
        var id = await QueryAsync(db => db.ServiceAgencies.AsNoTracking().Where(a => a.Name == name).Select(a => a.Id).SingleAsync(TestContext.Current.CancellationToken));
        var shehong = await app.NewPageAsync();
        await KexieApp.LoginAsync(shehong, "shehong");
        var response = await shehong.GotoAsync($"/Agencies/Edit/{id}");
        Assert.Contains(response!.Status, new[] { 403, 404 });
    }
}
