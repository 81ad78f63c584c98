using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MiniExcelLibs;
using static Microsoft.Playwright.Assertions;

namespace Kexie.E2E;

/// <summary>What people do in the browser, end to end against the real host and database.</summary>
public sealed class Journeys(KexieApp app)
{
    private const string DaYing = "510923";

    /// <summary>A mobile number not used by the demo seed (which only issues 13x numbers).</summary>
    private static string NewPhone() => "15" + Random.Shared.Next(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A name no other journey uses, so each journey can find exactly its own records.</summary>
    private static string NewName(string stem) => stem + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    [Fact]
    public async Task Anonymous_visitor_sees_public_lists_and_the_region_tree()
    {
        var page = await app.NewPageAsync();

        await page.GotoAsync("/Regions");
        await Expect(page.Locator("#children")).ToContainTextAsync("四川省");
        await page.ClickAsync("#children a:has-text('四川省')");
        await Expect(page.Locator("h1")).ToHaveTextAsync("四川省");
        await Expect(page.Locator("#children li")).ToHaveCountAsync(21);
        await Expect(page.Locator("#children")).ToContainTextAsync("成都市");
        await Expect(page.Locator("#children")).ToContainTextAsync("凉山彝族自治州");
        await KexieApp.ScreenshotAsync(page, "01-anonymous-sichuan-regions");

        await page.ClickAsync("#children a:has-text('遂宁市')");
        await page.ClickAsync("#children a:has-text('大英县')");
        await Expect(page.Locator(".breadcrumb")).ToContainTextAsync("四川省");
        await Expect(page.Locator(".breadcrumb")).ToContainTextAsync("遂宁市");
        Assert.True(await page.Locator("#children li").CountAsync() > 3, "大英县 should list its townships");

        await page.GotoAsync("/Workers");
        Assert.True(await page.Locator("#workers tbody tr").CountAsync() > 0, "the public sees public worker profiles");
        await Expect(page.Locator("#workers")).Not.ToContainTextAsync("不公开");
        await Expect(page.Locator("a:has-text('登记科技工作者')")).ToHaveCountAsync(0);

        await page.GotoAsync("/Organizations");
        Assert.True(await page.Locator("#organizations tbody tr").CountAsync() > 0);
        await Expect(page.Locator("#organizations")).Not.ToContainTextAsync("待审核");

        await page.GotoAsync("/Associations");
        await Expect(page.Locator("#associations")).ToContainTextAsync("大英县科学技术协会");
        await page.GotoAsync("/Agencies");
        await Expect(page.Locator("#agencies")).ToContainTextAsync("已入驻");
        await Expect(page.Locator("#agencies")).Not.ToContainTextAsync("申请中");

        // Navigation shows only what an anonymous visitor may use.
        var nav = page.Locator(".mainnav");
        await Expect(nav).ToContainTextAsync("科技工作者");
        await Expect(nav).ToContainTextAsync("登录");
        await Expect(nav).Not.ToContainTextAsync("批量导入");
        await Expect(nav).Not.ToContainTextAsync("系统管理");

        var imports = await page.GotoAsync("/Imports");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        Assert.NotNull(imports);
    }

    [Fact]
    public async Task County_admin_registers_a_worker_and_fixes_a_bad_phone_without_retyping()
    {
        var page = await app.NewPageAsync();
        await KexieApp.LoginAsync(page, "daying");
        var name = NewName("测试张");
        var phone = NewPhone();

        await page.GotoAsync("/Workers");
        await page.ClickAsync("a:has-text('登记科技工作者')");
        await page.FillAsync("#Input_Name", name);
        await page.SelectOptionAsync("#Input_Gender", "Female");
        await page.FillAsync("#Input_BirthYear", "1986");
        await page.FillAsync("#Input_Employer", "大英县农业技术推广中心");
        await page.FillAsync("#Input_Title", "高级农艺师");
        await page.FillAsync("#Input_Phone", "1234567");
        await KexieApp.SetCodesAsync(page, "#Input_RegionCode", DaYing);
        await page.SelectOptionAsync("#Input_Education", "大学本科");
        await page.ClickAsync("button:has-text('保存')");

        // The Chinese message sits next to the phone field, and nothing typed is lost.
        var phoneError = page.Locator("[data-valmsg-for='Input.Phone']");
        await Expect(phoneError).ToContainTextAsync("格式不正确");
        await Expect(page.Locator("#Input_Phone")).ToHaveClassAsync(new Regex("input-validation-error"));
        await Expect(page.Locator("#Input_Phone")).ToHaveValueAsync("1234567");
        await Expect(page.Locator("#Input_Name")).ToHaveValueAsync(name);
        await Expect(page.Locator("#Input_Employer")).ToHaveValueAsync("大英县农业技术推广中心");
        await Expect(page.Locator("#Input_BirthYear")).ToHaveValueAsync("1986");
        await Expect(page.Locator("#Input_Gender")).ToHaveValueAsync("Female");
        await Expect(page.Locator("#Input_Education")).ToHaveValueAsync("大学本科");
        await KexieApp.ScreenshotAsync(page, "02-worker-form-phone-error");

        await page.FillAsync("#Input_Phone", phone);
        await page.ClickAsync("button:has-text('保存')");
        await Expect(page).ToHaveURLAsync(new Regex("/Workers/Details/[0-9a-f-]{36}$"));
        await Expect(page.Locator(".notice")).ToContainTextAsync("已登记");
        await Expect(page.Locator("#phone")).ToHaveTextAsync(phone);

        await page.GotoAsync("/Workers?q=" + Uri.EscapeDataString(name));
        await Expect(page.Locator("#workers tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#workers")).ToContainTextAsync("高级农艺师");
        await Expect(page.Locator("#export")).ToHaveAttributeAsync("href", new Regex("^/api/v1/workers/export\\.xlsx\\?q="));
        await KexieApp.ScreenshotAsync(page, "03-worker-listed");
    }

    [Fact]
    public async Task Neighbouring_county_admin_cannot_see_a_private_worker_of_daying()
    {
        var daying = await app.NewPageAsync();
        await KexieApp.LoginAsync(daying, "daying");
        var name = NewName("隐私李");
        await daying.GotoAsync("/Workers/Edit");
        await daying.FillAsync("#Input_Name", name);
        await daying.FillAsync("#Input_Phone", NewPhone());
        await KexieApp.SetCodesAsync(daying, "#Input_RegionCode", DaYing);
        await daying.UncheckAsync("#Input_IsPublicProfile");
        await daying.ClickAsync("button:has-text('保存')");
        await Expect(daying).ToHaveURLAsync(new Regex("/Workers/Details/"));
        var detailsPath = new Uri(daying.Url).AbsolutePath;
        await Expect(daying.Locator("h1")).ToContainTextAsync("不公开");

        var shehong = await app.NewPageAsync();
        await KexieApp.LoginAsync(shehong, "shehong");
        var response = await shehong.GotoAsync(detailsPath);
        Assert.Equal(404, response!.Status);
        await Expect(shehong.Locator(".status-page")).ToContainTextAsync("记录不存在");
        await Expect(shehong.Locator("body")).Not.ToContainTextAsync(name);
        await KexieApp.ScreenshotAsync(shehong, "04-shehong-private-worker-404");

        await shehong.GotoAsync("/Workers?q=" + Uri.EscapeDataString(name));
        await Expect(shehong.Locator("#total")).ToHaveTextAsync("共 0 名");

        var edit = await shehong.GotoAsync(detailsPath.Replace("/Details/", "/Edit/", StringComparison.Ordinal));
        Assert.Equal(404, edit!.Status);

        var anonymous = await app.NewPageAsync();
        Assert.Equal(404, (await anonymous.GotoAsync(detailsPath))!.Status);
    }

    [Fact]
    public async Task Excel_import_reports_bad_rows_then_imports_good_rows_exactly_once()
    {
        var stem = NewName("导入");
        var good1 = NewPhone();
        var good2 = NewPhone();
        var file = Path.Combine(Path.GetTempPath(), $"workers-{stem}.xlsx");
        var rows = new[]
        {
            Row(stem + "甲", "男", good1, DaYing),
            Row(stem + "乙", "女", "12345", DaYing),            // row 3: bad phone
            Row(stem + "丙", "女", good2, DaYing + "101"),      // 隆盛镇, a township of 大英: valid
            Row(stem + "丁", "未知", NewPhone(), DaYing),        // row 5: bad gender
            Row(stem + "戊", "男", NewPhone(), "510981"),       // row 6: 射洪, outside daying's region
        };
        await MiniExcel.SaveAsAsync(file, rows, overwriteFile: true, cancellationToken: TestContext.Current.CancellationToken);

        var page = await app.NewPageAsync();
        await KexieApp.LoginAsync(page, "daying");
        await page.ClickAsync(".mainnav a:has-text('批量导入')");
        await Expect(page.Locator("#columns")).ToContainTextAsync("手机号");
        await Expect(page.Locator("#template")).ToHaveAttributeAsync("href", "/api/v1/imports/workers/template.xlsx");
        await page.SetInputFilesAsync("#Upload", file);
        await page.ClickAsync("button:has-text('上传并校验')");

        var errors = page.Locator("#errors tbody tr");
        await Expect(page.Locator("#report")).ToContainTextAsync("校验结果");
        await Expect(errors.Filter(new() { HasText = "第 3 行" })).ToContainTextAsync("手机号");
        await Expect(errors.Filter(new() { HasText = "第 5 行" })).ToContainTextAsync("性别");
        await Expect(errors.Filter(new() { HasText = "第 6 行" })).ToContainTextAsync("无权导入其他地区");
        await Expect(errors.Filter(new() { HasText = "第 2 行" })).ToHaveCountAsync(0);
        await Expect(errors.Filter(new() { HasText = "第 4 行" })).ToHaveCountAsync(0);
        await Expect(errors).ToHaveCountAsync(3);
        const int expectedValid = 2;
        await Expect(page.Locator("#valid-rows")).ToHaveTextAsync(expectedValid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#created")).ToHaveTextAsync(expectedValid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await KexieApp.ScreenshotAsync(page, "05-import-dry-run");

        // Nothing was written by the dry run.
        var check = await app.NewPageAsync();
        await KexieApp.LoginAsync(check, "daying");
        await check.GotoAsync("/Workers?q=" + Uri.EscapeDataString(stem));
        await Expect(check.Locator("#total")).ToHaveTextAsync("共 0 名");

        await page.ClickAsync("#commit");
        await Expect(page.Locator("#report")).ToContainTextAsync("导入结果");
        await Expect(page.Locator(".notice")).ToContainTextAsync($"新增 {expectedValid} 条");
        await KexieApp.ScreenshotAsync(page, "06-import-committed");

        await check.GotoAsync("/Workers?q=" + Uri.EscapeDataString(stem));
        await Expect(check.Locator("#total")).ToHaveTextAsync($"共 {expectedValid} 名");
        await Expect(check.Locator("#workers tbody tr").Filter(new() { HasText = stem + "甲" })).ToHaveCountAsync(1);
        await Expect(check.Locator("#workers")).Not.ToContainTextAsync(stem + "乙");

        // Re-importing the same file changes nothing and creates no duplicates.
        await page.GotoAsync("/Imports");
        await page.SetInputFilesAsync("#Upload", file);
        await page.ClickAsync("button:has-text('上传并校验')");
        await Expect(page.Locator("#created")).ToHaveTextAsync("0");
        await Expect(page.Locator("#unchanged")).ToHaveTextAsync(expectedValid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#commit");
        await Expect(page.Locator(".notice")).ToContainTextAsync("新增 0 条");
        await check.GotoAsync("/Workers?q=" + Uri.EscapeDataString(stem));
        await Expect(check.Locator("#total")).ToHaveTextAsync($"共 {expectedValid} 名");
        await Expect(check.Locator("#workers tbody tr").Filter(new() { HasText = stem + "甲" })).ToHaveCountAsync(1);
        File.Delete(file);
    }

    [Fact]
    public async Task Import_of_a_file_that_is_not_a_spreadsheet_shows_a_chinese_error()
    {
        var file = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllTextAsync(file, "this is not an excel file", TestContext.Current.CancellationToken);
        var page = await app.NewPageAsync();
        await KexieApp.LoginAsync(page, "daying");
        await page.GotoAsync("/Imports?kind=organizations");
        await Expect(page.Locator("#columns")).ToContainTextAsync("统一社会信用代码");
        await page.SetInputFilesAsync("#Upload", file);
        await page.ClickAsync("button:has-text('上传并校验')");
        await Expect(page.Locator("[data-valmsg-for='Upload']")).ToContainTextAsync("文件无法读取");
        await Expect(page.Locator("#commit")).ToHaveCountAsync(0);
        File.Delete(file);
    }

    [Fact]
    public async Task Admin_verifies_an_organization_and_others_see_no_admin_tools()
    {
        var page = await app.NewPageAsync();
        await KexieApp.LoginAsync(page, "daying");
        await page.GotoAsync("/Organizations?verified=false&region=" + DaYing);
        var pending = page.Locator("#organizations tbody tr a").First;
        var name = (await pending.TextContentAsync())!.Trim();
        await pending.ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("待审核");
        await page.ClickAsync("#verify");
        await Expect(page.Locator("#status")).ToHaveTextAsync("已审核");
        await Expect(page.Locator(".notice")).ToContainTextAsync("已审核通过");

        var anonymous = await app.NewPageAsync();
        await anonymous.GotoAsync("/Organizations?q=" + Uri.EscapeDataString(name));
        await Expect(anonymous.Locator("#organizations")).ToContainTextAsync(name);

        var worker = await app.NewPageAsync();
        await KexieApp.LoginAsync(worker, "worker");
        await Expect(worker.Locator(".mainnav")).Not.ToContainTextAsync("批量导入");
        await Expect(worker.Locator(".mainnav")).Not.ToContainTextAsync("系统管理");
        var imports = await worker.GotoAsync("/Imports");
        Assert.Equal(403, imports!.Status);
        var admin = await worker.GotoAsync("/Admin/Users");
        Assert.Equal(403, admin!.Status);

        await page.GotoAsync("/Admin/Users");
        await Expect(page.Locator("#users")).ToContainTextAsync("daying-staff");
        await Expect(page.Locator("#users")).Not.ToContainTextAsync("shehong");
        await page.GotoAsync("/Admin/Audit");
        await Expect(page.Locator("#audit")).ToContainTextAsync("企事业单位");
    }

    [Fact]
    public async Task Phone_width_viewport_has_a_usable_menu_and_no_sideways_scrolling()
    {
        var page = await app.NewPageAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
        });
        await KexieApp.LoginAsync(page, "daying");
        await page.GotoAsync("/");
        var workersLink = page.Locator(".mainnav a:has-text('科技工作者')");
        await Expect(workersLink).ToBeHiddenAsync();
        await page.ClickAsync(".nav-toggle-label");
        await Expect(workersLink).ToBeVisibleAsync();
        await Expect(page.Locator(".mainnav a:has-text('批量导入')")).ToBeVisibleAsync();
        await KexieApp.ScreenshotAsync(page, "07-phone-menu-open");
        await Assert.AllAsync(new[] { "/", "/Workers", "/Regions?code=51", "/Imports" }, async path =>
        {
            await page.GotoAsync(path);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{path} scrolls sideways by {overflow}px on a phone");
        });

        await page.GotoAsync("/");
        await page.ClickAsync(".nav-toggle-label");
        await workersLink.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Workers$"));
        await Expect(page.Locator("#workers tbody tr").First).ToBeVisibleAsync();
        await KexieApp.ScreenshotAsync(page, "08-phone-workers");
    }

    private static Dictionary<string, object?> Row(string name, string gender, string phone, string region) => new()
    {
        ["姓名"] = name,
        ["性别"] = gender,
        ["出生年份"] = 1980,
        ["工作单位"] = "大英县农业农村局",
        ["职称"] = "农艺师",
        ["手机号"] = phone,
        ["行政区划代码"] = region,
        ["公开资料"] = "是",
    };
}
