using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kexie.E2E;

/// <summary>
/// Three more people, each from the front page by the links the pages show: a school teacher finds an activity and signs a
/// class up (two mistakes are shown together, the typed phone kept), sees the e-stations and bases of the county, and the
/// organiser confirms the class in the registration list; a science worker signs up, registers as a volunteer, applies to an
/// activity that recruits volunteers and finds the application in 我的志愿服务; the county's auditor (审计员, read-only) opens
/// 系统管理 onto the operation log and reads the county's ranking. The top bar and the operation log are looked at in Chromium
/// at 1280, 1366 and 390 px: 登录/注册 and the log's columns keep one line, the phone layout has no sideways scroll.
/// </summary>
public sealed partial class PersonaJourneys(KexieApp app)
{
    private static string NewPhone() => $"1987{Random.Shared.Next(1_000_000, 9_999_999)}";

    private static string Today(int days = 0) => DateTime.UtcNow.AddHours(8).AddDays(days).ToString("yyyy-MM-dd");

    [Fact]
    public async Task A_teacher_finds_an_activity_signs_a_class_up_and_the_organiser_confirms_it()
    {
        var tag = Guid.NewGuid().ToString("N")[..4];
        var title = "青少年科学实验开放日" + tag;

        // The organiser publishes the activity from 科普 → 科普活动: two mistakes at once, the title kept.
        var staff = await app.NewPageAsync();
        await KexieApp.LoginAsync(staff, "daying-staff");
        await staff.ClickAsync("#nav-popularization");
        await staff.ClickAsync("#tab-activities");
        await staff.ClickAsync("#new-activity");
        await staff.SelectOptionAsync("#Input_Kind", "Lecture");
        await staff.FillAsync("#Input_Title", title);
        await staff.FillAsync("#Input_StartsOn", Today(3));
        await staff.FillAsync("#Input_EndsOn", Today(4));
        await staff.FillAsync("#Input_Capacity", "五十");
        await staff.ClickAsync("#save-activity");
        await Expect(staff.Locator("[data-valmsg-for='Input.Venue']")).ToHaveTextAsync("活动地点不能为空");
        await Expect(staff.Locator("[data-valmsg-for='Input.Capacity']")).ToContainTextAsync("不是有效的数字");
        await Expect(staff.Locator("#Input_Title")).ToHaveValueAsync(title);
        await KexieApp.ScreenshotAsync(staff, "p01-organiser-two-errors");
        await staff.FillAsync("#Input_Venue", "大英县科技馆");
        await staff.FillAsync("#Input_Capacity", "50");
        await staff.ClickAsync("#save-activity");
        await Expect(staff).ToHaveURLAsync(new Regex("/Popularization/Activities/Details/[0-9a-f-]{36}$"));

        // The teacher, not signed in, from the front page: the county's e-stations and bases, then the activity.
        var teacher = await app.NewPageAsync();
        await teacher.GotoAsync("/");
        await teacher.ClickAsync("#cta-activity");
        await teacher.ClickAsync("#tab-stations");
        await Expect(teacher.Locator("main table tbody tr").First).ToBeVisibleAsync();
        await KexieApp.ScreenshotAsync(teacher, "p02-teacher-estations");
        await teacher.ClickAsync("#tab-venues");
        await Expect(teacher.Locator("main table tbody tr").First).ToBeVisibleAsync();
        await KexieApp.ScreenshotAsync(teacher, "p03-teacher-venues");
        await teacher.ClickAsync("#tab-activities");
        await teacher.FillAsync("#q", tag);
        await teacher.PressAsync("#q", "Enter");
        await teacher.ClickAsync($"#activities a:has-text('{title}')");
        await Expect(teacher.Locator("h1")).ToContainTextAsync(title);

        // A class: no name and the number in words are both shown, next to their fields; the phone stays.
        await teacher.FillAsync("#GroupSignUp_Headcount", "四十");
        await teacher.FillAsync("#GroupSignUp_Name", "周老师");
        await teacher.FillAsync("#GroupSignUp_Phone", "13955556666");
        await teacher.ClickAsync("#register-group");
        await Expect(teacher.Locator("[data-valmsg-for='GroupSignUp.GroupName']")).ToHaveTextAsync("学校/班级名称不能为空");
        await Expect(teacher.Locator("[data-valmsg-for='GroupSignUp.Headcount']")).ToContainTextAsync("不是有效的数字");
        await Expect(teacher.Locator("#GroupSignUp_Phone")).ToHaveValueAsync("13955556666");
        await KexieApp.ScreenshotAsync(teacher, "p04-teacher-group-two-errors");
        var className = "大英县实验小学五年级二班" + tag;
        await teacher.FillAsync("#GroupSignUp_GroupName", className);
        await teacher.FillAsync("#GroupSignUp_Headcount", "40");
        await teacher.ClickAsync("#register-group");
        await Expect(teacher.Locator(".notice[role=status]")).ToContainTextAsync($"已提交团体报名：{className} 40人");
        await Expect(teacher.Locator("#registered")).ToHaveTextAsync("40");

        // The organiser sees the class in the registration list, waiting, and confirms it.
        await staff.ReloadAsync();
        var row = staff.Locator("#participants tr", new() { HasText = className });
        await Expect(row).ToContainTextAsync("待确认");
        await row.Locator(".confirm-group").ClickAsync();
        await Expect(staff.Locator(".notice[role=status]")).ToContainTextAsync($"已确认{className}的报名（40人）");
        await Expect(staff.Locator("#participants tr", new() { HasText = className })).ToContainTextAsync("已确认");
        await KexieApp.ScreenshotAsync(staff, "p05-organiser-confirmed");
    }

    [Fact]
    public async Task A_volunteer_signs_up_applies_to_an_activity_that_recruits_and_finds_it_in_their_own_page()
    {
        var tag = Guid.NewGuid().ToString("N")[..4];
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await page.ClickAsync("#front-register");
        await page.CheckAsync("input[name='Input.Kind'][value='Worker']");
        var phone = NewPhone();
        await page.FillAsync("#Input_Phone", phone);
        await page.SelectOptionAsync("#Input_RegionCode", "510923");
        await page.ClickAsync("#send-code");
        await Expect(page.Locator("#code-notice")).ToContainTextAsync("验证码已发送");
        var admin = await app.NewPageAsync();
        await KexieApp.LoginAsync(admin, "admin");
        await admin.GotoAsync($"/Admin/TextMessages?phone={phone}");
        var text = await admin.Locator("#text-messages tbody tr .sms-text").First.InnerTextAsync();
        await admin.Context.CloseAsync();
        await page.FillAsync("#Input_Code", SixDigits().Match(text).Value);
        await page.FillAsync("#Input_Name", "志愿者吴" + tag);
        await page.FillAsync("#Input_Password", KexieApp.Password);
        await page.ClickAsync("#register");
        await Expect(page.Locator(".notice[role=status]")).ToContainTextAsync("已为您建立科技工作者档案");

        // 科普 → 科技志愿者 → 我的志愿服务: registers as a volunteer.
        await page.ClickAsync("#nav-popularization");
        await page.ClickAsync("#tab-volunteers");
        await page.ClickAsync("#my-service");
        await page.FillAsync("#Input_Expertise", "科学实验演示");
        await page.ClickAsync("#join");
        await Expect(page.Locator(".notice[role=status]")).ToContainTextAsync("已注册为科技志愿者");

        // 志愿者招募: the open call's activity, and the application.
        await page.ClickAsync("#tab-volunteers");
        await page.ClickAsync("#volunteer-calls");
        var call = page.Locator("#open-calls tbody tr").First;
        var activity = (await call.Locator("a").First.InnerTextAsync()).Trim();
        await call.Locator("a").First.ClickAsync();
        await page.FillAsync("#Application_Note", "做过三年小学科学课实验助手");
        await page.ClickAsync("#apply");
        await Expect(page.Locator("#my-application")).ToContainTextAsync("我的报名");
        await KexieApp.ScreenshotAsync(page, "p06-volunteer-applied");

        // Their own place lists it.
        await page.ClickAsync("#tab-volunteers");
        await page.ClickAsync("#my-service");
        await Expect(page.Locator("#my-applications")).ToContainTextAsync(activity);
        await KexieApp.ScreenshotAsync(page, "p07-volunteer-mine");
    }

    [Fact]
    public async Task The_countys_auditor_reads_the_operation_log_and_a_county_ranking()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await page.ClickAsync("nav a:has-text('登录')");
        await page.FillAsync("#UserName", "daying-auditor");
        await page.FillAsync("#Password", KexieApp.Password);
        await page.ClickAsync("form button[type=submit]");
        await page.ClickAsync("nav a:has-text('系统管理')");
        await Expect(page).ToHaveURLAsync(new Regex("/Admin/OperationLog$"));
        await Expect(page.Locator("nav.tabs")).Not.ToContainTextAsync("账号管理");
        await Expect(page.Locator("main")).ToContainTextAsync("条操作记录");
        await Expect(page.Locator("#total")).ToHaveTextAsync(new Regex("^\\d+$"));
        await KexieApp.ScreenshotAsync(page, "p08-reader-operation-log");

        await page.ClickAsync("#nav-indicators");
        await Expect(page.Locator("h1")).ToContainTextAsync("精准绩效看板");
        await Expect(page.Locator("#composite-rank")).ToContainTextAsync("第");
        await KexieApp.ScreenshotAsync(page, "p09-reader-ranking");
    }

    /// <summary>How many lines the text of each element matching <paramref name="selector"/> takes (its line boxes' distinct tops).</summary>
    private static Task<int[]> LinesAsync(IPage page, string selector) => page.EvalOnSelectorAllAsync<int[]>(selector, """
        els => els.map(e => {
            const r = document.createRange();
            r.selectNodeContents(e);
            return new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top))).size;
        })
        """);

    [Fact]
    public async Task The_top_bar_and_the_operation_log_keep_one_line_at_laptop_widths_and_fit_a_phone()
    {
        // A write of the county (the staffer signs out), so the county's operation log has a row to lay out.
        var writer = await app.NewPageAsync();
        await KexieApp.LoginAsync(writer, "daying-staff");
        await writer.ClickAsync(".nav-user form button");
        await writer.Context.CloseAsync();

        foreach (var width in new[] { 1280, 1366 })
        {
            var visitor = await app.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 800 } });
            await visitor.GotoAsync("/");
            var links = await LinesAsync(visitor, ".nav-user a");
            Assert.True(links.Length >= 2 && links.All(l => l == 1), $"{width}px: 登录/注册 take {string.Join("/", links)} lines");
            var tops = await visitor.EvalOnSelectorAllAsync<int[]>(".nav-user a", "els => els.map(e => Math.round(e.getBoundingClientRect().top))");
            Assert.Single(tops.Distinct());
            await KexieApp.ScreenshotAsync(visitor, $"p10-topbar-{width}");

            var auditor = await app.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 800 } });
            await KexieApp.LoginAsync(auditor, "daying-auditor");
            for (var tries = 0; tries < 40; tries++)
            {
                await auditor.GotoAsync("/Admin/OperationLog");
                if (await auditor.Locator("#operation-log").CountAsync() > 0)
                {
                    break;
                }

                await Task.Delay(250, TestContext.Current.CancellationToken);
            }

            var heads = await LinesAsync(auditor, "#operation-log th");
            Assert.True(heads.Length == 7 && heads.All(l => l == 1), $"{width}px: the log's headings take {string.Join("/", heads)} lines");
            foreach (var column in new[] { "时间", "操作人", "地区", "结果", "耗时" })
            {
                var cells = await LinesAsync(auditor, $"#operation-log td[data-label='{column}']");
                Assert.True(cells.All(l => l == 1), $"{width}px: {column} takes {string.Join("/", cells.Distinct())} lines");
            }

            await KexieApp.ScreenshotAsync(auditor, $"p11-operation-log-{width}");
        }

        // A phone: the menu folds behind its button, the log reads as cards, nothing scrolls sideways.
        var phone = await app.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        await phone.GotoAsync("/");
        await Expect(phone.Locator(".nav-toggle-label")).ToBeVisibleAsync();
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the front page scrolls sideways at 390px");
        await KexieApp.ScreenshotAsync(phone, "p12-topbar-390");
        await phone.ClickAsync(".nav-toggle-label");
        await phone.ClickAsync("nav a:has-text('登录')");
        await phone.FillAsync("#UserName", "daying-auditor");
        await phone.FillAsync("#Password", KexieApp.Password);
        await phone.ClickAsync("form button[type=submit]");
        await phone.GotoAsync("/Admin/OperationLog");
        await Expect(phone.Locator("#operation-log thead")).ToBeHiddenAsync();
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the operation log scrolls sideways at 390px");
        await KexieApp.ScreenshotAsync(phone, "p13-operation-log-390");
    }

    [GeneratedRegex("(?<!\\d)\\d{6}(?!\\d)")]
    private static partial Regex SixDigits();
}
