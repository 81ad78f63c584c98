using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kexie.E2E;

/// <summary>
/// 科普 in the browser: the staff write a rumour rebuttal and the county publishes it; an activity is published, a
/// visitor registers, the staff check the visitor in and register a walk-in; an e-station's day of use is logged; a kiosk
/// opened with its device token shows the station's subscribed content and its own post, a visitor takes its 知识竞答 and
/// sees the score and 解析, and the views, the like, the finished quiz and the heartbeat it sends are counted on the
/// station's usage page.
/// </summary>
public sealed class PopularizationJourneys(KexieApp app)
{
    private static string NewName(string stem) => stem + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    [Fact]
    public async Task Staff_publish_content_run_an_activity_with_check_in_and_log_e_station_use()
    {
        var staff = await app.NewPageAsync();
        await KexieApp.LoginAsync(staff, "daying-staff");
        await staff.ClickAsync("#nav-popularization");
        await Expect(staff).ToHaveURLAsync(new Regex("/Popularization$"));

        // Content: drafted and submitted by the staff, published by the county admin, then public.
        var title = NewName("“柠檬水能抗癌”不可信");
        await staff.ClickAsync("#new-content");
        await staff.SelectOptionAsync("#Input_Kind", "RumourRebuttal");
        await staff.FillAsync("#Input_Title", title);
        await staff.FillAsync("#Input_AuthorOrganization", "大英县科协");
        await staff.FillAsync("#Input_Body", "柠檬富含维生素C。\n但没有证据表明能治疗癌症。");
        await staff.ClickAsync("#save-submit");
        await Expect(staff).ToHaveURLAsync(new Regex("/Popularization/Contents/Details/[0-9a-f-]{36}$"));
        await Expect(staff.Locator("#status")).ToHaveTextAsync("待审核");
        var contentUrl = staff.Url;

        var admin = await app.NewPageAsync();
        await KexieApp.LoginAsync(admin, "daying");
        await admin.GotoAsync(contentUrl);
        await admin.ClickAsync("#step-publish");
        await Expect(admin.Locator("#status")).ToHaveTextAsync("已发布");
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync(contentUrl);
        await Expect(visitor.Locator("#body")).ToContainTextAsync("没有证据表明能治疗癌症");
        await Expect(visitor.Locator("#views")).ToHaveTextAsync("1");

        // Activity: published by the staff; bad input stays on the form with a Chinese message.
        var activity = NewName("全国科普日主场活动");
        await staff.GotoAsync("/Popularization/Activities");
        await staff.ClickAsync("#new-activity");
        await staff.SelectOptionAsync("#Input_Kind", "NationalScienceDay");
        await staff.FillAsync("#Input_Title", activity);
        await staff.FillAsync("#Input_Venue", "大英县科技馆");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");
        await staff.FillAsync("#Input_StartsOn", today);
        await staff.FillAsync("#Input_Capacity", "零");
        await staff.ClickAsync("#save-activity");
        await Expect(staff.Locator("span[data-valmsg-for='Input.Capacity']")).ToContainTextAsync("不是有效的数字");
        await staff.FillAsync("#Input_Capacity", "100");
        await staff.ClickAsync("#save-activity");
        await Expect(staff).ToHaveURLAsync(new Regex("/Popularization/Activities/Details/[0-9a-f-]{36}$"));
        var activityUrl = staff.Url;

        await visitor.GotoAsync(activityUrl);
        await visitor.FillAsync("#Input_Name", "王小明");
        await visitor.FillAsync("#Input_Phone", "13912340001");
        await visitor.ClickAsync("#register");
        await Expect(visitor.Locator(".notice")).ToContainTextAsync("报名成功");
        await Expect(visitor.Locator("#registered")).ToHaveTextAsync("1");

        await staff.GotoAsync(activityUrl);
        await staff.ClickAsync("#participants button:has-text('签到')");
        await Expect(staff.Locator("#participants")).ToContainTextAsync("已签到");
        await staff.FillAsync("#Input_Name", "李大妈");
        await staff.FillAsync("#Input_Phone", "13912340002");
        await staff.ClickAsync("#walk-in");
        await Expect(staff.Locator("#checked-in")).ToHaveTextAsync("2");

        // E-station: registered and a day of use logged.
        await staff.GotoAsync("/Popularization/Stations");
        await staff.ClickAsync("#new-station");
        await staff.FillAsync("#Input_Name", NewName("大英中学科普e站"));
        await staff.ClickAsync("#save-station");
        await Expect(staff).ToHaveURLAsync(new Regex("/Popularization/Stations/Details/[0-9a-f-]{36}$"));
        await staff.FillAsync("#Input_Visits", "120");
        await staff.FillAsync("#Input_Interactions", "30");
        await staff.ClickAsync("#log-usage");
        await Expect(staff.Locator("#visits")).ToHaveTextAsync("120");
        await Expect(staff.Locator("#usage")).ToContainTextAsync("150");
        await KexieApp.ScreenshotAsync(staff, "popularization-station");
    }

    [Fact]
    public async Task A_kiosk_shows_the_stations_subscribed_content_and_its_views_are_counted()
    {
        var staff = await app.NewPageAsync();
        await KexieApp.LoginAsync(staff, "daying-staff");
        var name = NewName("蓬莱社区e站屏");
        await staff.GotoAsync("/Popularization/Stations");
        await staff.ClickAsync("#new-station");
        await staff.FillAsync("#Input_Name", name);
        await staff.ClickAsync("#save-station");
        await Expect(staff).ToHaveURLAsync(new Regex("/Popularization/Stations/Details/[0-9a-f-]{36}$"));
        var stationUrl = staff.Url;

        // A resident subscribes to 防疫 at the station: the station's kiosk now shows 防疫 content.
        await staff.SelectOptionAsync("#sub-kind", "Resident");
        await staff.FillAsync("#sub-name", "社区居民");
        await staff.CheckAsync("#subscribe-form input[name='tags'][value='防疫']");
        await staff.ClickAsync("#subscribe");
        await Expect(staff).ToHaveURLAsync(new Regex("/Popularization/Stations/Feed/[0-9a-f]{32}$"));

        // 自助发布 to this station only, and a device token for its touch screen.
        await staff.GotoAsync(stationUrl);
        await staff.ClickAsync("#post-form >> xpath=ancestor::details/summary");
        var notice = NewName("本周六社区防疫义诊");
        await staff.FillAsync("#post-title", notice);
        await staff.FillAsync("#post-body", "周六上午9点，社区卫生服务站门口。");
        await staff.ClickAsync("#publish-post");
        await Expect(staff.Locator("#posts")).ToContainTextAsync(notice);
        await staff.FillAsync("#device-name", "社区大厅触摸屏");
        await staff.ClickAsync("#issue-device");
        var link = await staff.Locator("#kiosk-link").GetAttributeAsync("href");
        Assert.Matches("^/Popularization/Kiosk/[0-9a-f]{64}$", link);
        await Expect(staff.Locator("#kiosk-views")).ToHaveTextAsync("0");

        // The kiosk: no login, full screen; the station's own post first, then the published 防疫 content.
        var kiosk = await app.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 }, HasTouch = true });
        await kiosk.GotoAsync(link!);
        await Expect(kiosk.Locator("#kiosk-station")).ToHaveTextAsync(name);
        await Expect(kiosk.Locator("#kiosk-topics")).ToHaveTextAsync("防疫");
        await Expect(kiosk.Locator("#kiosk-items")).ToContainTextAsync(notice);
        await Expect(kiosk.Locator("#kiosk-items")).ToContainTextAsync("呼吸道传染病高发季，做好这几点防护");
        await KexieApp.ScreenshotAsync(kiosk, "popularization-kiosk");
        await kiosk.ClickAsync("#kiosk-items a:has-text('呼吸道传染病高发季')");
        await Expect(kiosk.Locator("#kiosk-item-title")).ToHaveTextAsync("呼吸道传染病高发季，做好这几点防护");
        await kiosk.ClickAsync("#kiosk-like");
        await Expect(kiosk.Locator("#kiosk-notice")).ToContainTextAsync("感谢点赞");
        await kiosk.ClickAsync($"#kiosk-items a:has-text('{notice}')");
        await Expect(kiosk.Locator("#kiosk-item-title")).ToHaveTextAsync(notice);

        // 知识竞答 on the kiosk: the visitor answers every drawn question, hands in, and sees the score, the right answers and 解析.
        await kiosk.GotoAsync(link!);
        await kiosk.ClickAsync("#kiosk-quiz-link");
        await Expect(kiosk.Locator("#kiosk-quiz-form")).ToBeVisibleAsync();
        var drawn = await kiosk.Locator("#kiosk-quiz-form fieldset").CountAsync();
        Assert.InRange(drawn, 1, 5);
        for (var i = 0; i < drawn; i++)
        {
            await kiosk.CheckAsync($"#kiosk-quiz-form input[name='answers[{i}].Choice'][value='0']");
        }

        await kiosk.ClickAsync("#kiosk-quiz-submit");
        await Expect(kiosk.Locator("#kiosk-quiz-score")).ToHaveTextAsync(new Regex("^[0-9]{1,3}$"));
        await Expect(kiosk.Locator("#kiosk-quiz-result")).ToContainTextAsync($"共 {drawn} 题");
        await Expect(kiosk.Locator("#kiosk-quiz-result")).ToContainTextAsync("正确答案：");
        await Expect(kiosk.Locator("#kiosk-quiz-result")).ToContainTextAsync("解析：");
        await KexieApp.ScreenshotAsync(kiosk, "popularization-kiosk-quiz");

        // The station's usage page: two views and a like counted by the system (the quiz is no view), one finished quiz,
        // and the kiosk's heartbeats (an online day).
        await staff.GotoAsync(stationUrl);
        await Expect(staff.Locator("#kiosk-views")).ToHaveTextAsync("2");
        await Expect(staff.Locator("#kiosk-likes")).ToHaveTextAsync("1");
        await Expect(staff.Locator("#kiosk-quizzes")).ToHaveTextAsync("1");
        await Expect(staff.Locator("#online-days")).ToHaveTextAsync("1");
        await Expect(staff.Locator("#usage")).ToContainTextAsync("系统统计");
        await Expect(staff.Locator("#kiosk-online")).ToBeVisibleAsync();
        await KexieApp.ScreenshotAsync(staff, "popularization-kiosk-usage");
    }

    [Fact]
    public async Task Staff_record_a_mass_events_tally_and_a_volunteers_confirmed_hours()
    {
        var staff = await app.NewPageAsync();
        await KexieApp.LoginAsync(staff, "daying-staff");
        var activity = NewName("科技活动周广场宣传");
        await staff.GotoAsync("/Popularization/Activities");
        await staff.ClickAsync("#new-activity");
        await staff.SelectOptionAsync("#Input_Kind", "ScienceWeek");
        await staff.FillAsync("#Input_Title", activity);
        await staff.FillAsync("#Input_Venue", "大英县人民广场");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");
        await staff.FillAsync("#Input_StartsOn", today);
        await staff.ClickAsync("#save-activity");
        await Expect(staff).ToHaveURLAsync(new Regex("/Popularization/Activities/Details/[0-9a-f-]{36}$"));

        // The crowd that never registers one by one: counted on the spot.
        await staff.FillAsync("#Tally_Day", today);
        await staff.FillAsync("#Tally_Participants", "八百");
        await staff.ClickAsync("#record-tally");
        await Expect(staff.Locator("#tally-form")).ToContainTextAsync("不是有效的数字");
        await staff.FillAsync("#Tally_Day", today);
        await staff.FillAsync("#Tally_Participants", "800");
        await staff.FillAsync("#Tally_Consultations", "200");
        await staff.FillAsync("#Tally_Materials", "600");
        await staff.ClickAsync("#record-tally");
        await Expect(staff.Locator("#tally-total")).ToContainTextAsync("参与 800 人次，咨询 200 人次");
        await Expect(staff.Locator("#tally-total")).ToContainTextAsync("宣传资料 600 份");

        // A volunteer signed in and out by the organiser, the hours corrected to what was served and confirmed.
        var volunteer = (await staff.Locator("#sign-in-volunteer option").First.TextContentAsync())!.Split('（')[0];
        await staff.ClickAsync("#service-sign-in-for button");
        await Expect(staff.Locator("#service-records")).ToContainTextAsync(volunteer);
        await staff.ClickAsync("#service-records .service-sign-out");
        await staff.FillAsync("#service-records input[name='minutes']", "150");
        await staff.ClickAsync("#service-records .service-confirm");
        await Expect(staff.Locator("#service-total")).ToContainTextAsync("已确认服务 1 人次，共 2.5 小时");
        await KexieApp.ScreenshotAsync(staff, "popularization-tally-volunteer");
    }
}
