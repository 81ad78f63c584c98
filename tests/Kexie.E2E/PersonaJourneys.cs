using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kexie.E2E;

/// <summary>
/// Three more people, each from the front page by the links the pages show: a school teacher finds an activity and signs a
/// class up (two mistakes are shown together, the typed phone kept), sees the e-stations and bases of the county, and the
/// organiser confirms the class in the registration list; a science worker signs up, registers as a volunteer, applies to an
/// activity that recruits volunteers and finds the application in 我的志愿服务; a city's association admin (the demo's
/// reader of logs: no read-only role exists) reads the operation log and the county's ranking.
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
    public async Task The_city_reader_of_logs_reads_the_operation_log_and_a_county_ranking()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await page.ClickAsync("nav a:has-text('登录')");
        await page.FillAsync("#UserName", "suining");
        await page.FillAsync("#Password", KexieApp.Password);
        await page.ClickAsync("form button[type=submit]");
        await page.ClickAsync("nav a:has-text('系统管理')");
        await page.Locator("a[href='/Admin/OperationLog']").First.ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("条操作记录");
        await Expect(page.Locator("#total")).ToHaveTextAsync(new Regex("^\\d+$"));
        await KexieApp.ScreenshotAsync(page, "p08-reader-operation-log");

        await page.ClickAsync("#nav-indicators");
        await Expect(page.Locator("h1")).ToContainTextAsync("精准绩效看板");
        await Expect(page.Locator("#composite-rank")).ToContainTextAsync("第");
        await KexieApp.ScreenshotAsync(page, "p09-reader-ranking");
    }

    [GeneratedRegex("(?<!\\d)\\d{6}(?!\\d)")]
    private static partial Regex SixDigits();
}
