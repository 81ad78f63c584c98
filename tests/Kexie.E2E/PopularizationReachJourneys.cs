using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kexie.E2E;

/// <summary>
/// 科普 reach in the browser, as issue 13's "done when" names it: a newcomer signs up with a text-message code, registers
/// as a 科技志愿者, signs in and out of an activity, the organiser confirms the hours, and the volunteer sees them on
/// 我的志愿服务 and downloads the 志愿服务记录证明 (.docx); and a mass event's tally recorded by the staff shows in S05 on the
/// indicators page, in its trace and in the annual report's sentence.
/// </summary>
public sealed partial class PopularizationReachJourneys(KexieApp app)
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    private static string Today() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<string> DocumentTextAsync(IDownload download)
    {
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var entry = zip.GetEntry("word/document.xml") ?? throw new Xunit.Sdk.XunitException("word/document.xml is missing");
        using var reader = new StreamReader(entry.Open());
        var xml = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);

        // The text of the runs, without the markup between them (a sentence may be split over several runs).
        return TagPattern().Replace(xml, string.Empty);
    }

    [Fact]
    public async Task A_newcomer_signs_up_applies_to_a_call_is_accepted_volunteers_and_downloads_the_confirmed_hours()
    {
        var tag = Tag();

        // 1. A newcomer registers from the login page as a 科技工作者 (the code read from the 短信发件箱 by the platform admin).
        var admin = await app.NewPageAsync();
        await KexieApp.LoginAsync(admin, "admin");
        var person = await app.NewPageAsync();
        var phone = $"1986{Random.Shared.Next(1_000_000, 9_999_999)}";
        var name = "志愿新人" + tag;
        await person.GotoAsync("/Account/Login");
        await person.ClickAsync("#register-link");
        await person.CheckAsync("input[name='Input.Kind'][value='Worker']");
        await person.FillAsync("#Input_Phone", phone);
        await person.SelectOptionAsync("#Input_RegionCode", "510923");
        await person.ClickAsync("#send-code");
        await Expect(person.Locator("#code-notice")).ToContainTextAsync("验证码已发送");
        await admin.GotoAsync($"/Admin/TextMessages?phone={phone}");
        var sms = await admin.Locator("#text-messages tbody tr .sms-text").First.InnerTextAsync();
        await person.FillAsync("#Input_Code", SixDigits().Match(sms).Value);
        await person.FillAsync("#Input_Name", name);
        await person.FillAsync("#Input_Password", KexieApp.Password);
        await person.ClickAsync("#register");
        await Expect(person.Locator(".notice[role=status]")).ToContainTextAsync("注册成功");

        // 2. They register as a 科技志愿者 on 我的志愿服务.
        await person.GotoAsync("/Popularization/Volunteers/Mine");
        await person.FillAsync("#Input_Expertise", "应急科普");
        await person.ClickAsync("#join");
        await Expect(person.Locator(".notice")).ToContainTextAsync("已注册为科技志愿者");
        await Expect(person.Locator("#confirmed-hours")).ToHaveTextAsync("0");

        // 3. The staff publish today's activity.
        var staff = await app.NewPageAsync();
        await KexieApp.LoginAsync(staff, "daying-staff");
        var activity = "应急科普进社区志愿服务" + tag;
        await staff.GotoAsync("/Popularization/Activities");
        await staff.ClickAsync("#new-activity");
        await staff.SelectOptionAsync("#Input_Kind", "Lecture");
        await staff.FillAsync("#Input_Title", activity);
        await staff.FillAsync("#Input_Venue", "大英县蓬莱镇社区服务中心");
        await staff.FillAsync("#Input_StartsOn", Today());
        await staff.ClickAsync("#save-activity");
        await Expect(staff).ToHaveURLAsync(new Regex("/Popularization/Activities/Details/[0-9a-f-]{36}$"));
        var activityUrl = staff.Url;

        // 4. The staff call for two volunteers (a wrong number is named next to its field, the input kept); the volunteer applies
        //    and cannot sign in before being accepted; the organiser accepts them.
        await staff.FillAsync("#Call_Slots", "零");
        await staff.FillAsync("#Call_Deadline", Today());
        await staff.FillAsync("#Call_Duties", "现场引导、应急救护演示");
        await staff.ClickAsync("#publish-call");
        await Expect(staff.Locator("span[data-valmsg-for='Call.Slots']")).ToContainTextAsync("不是有效的数字");
        await Expect(staff.Locator("#Call_Duties")).ToHaveValueAsync("现场引导、应急救护演示");
        await staff.FillAsync("#Call_Slots", "2");
        await staff.ClickAsync("#publish-call");
        await Expect(staff.Locator(".notice")).ToContainTextAsync("已发布志愿者招募：招募2名");
        await person.GotoAsync("/Popularization/Volunteers/Calls?region=510923");
        await person.ClickAsync($"#open-calls a:has-text('{activity}')");
        await Expect(person.Locator("#sign-in-recruited-only")).ToContainTextAsync("录用后才能签到");
        await person.FillAsync("#Application_Note", "持有应急救护证，可做演示");
        await person.ClickAsync("#apply");
        await Expect(person.Locator(".notice")).ToContainTextAsync("报名成功");
        await Expect(person.Locator("#my-application")).ToContainTextAsync("待录用");
        await staff.ReloadAsync();
        var applicant = staff.Locator("#applications tr", new() { HasText = name });
        await Expect(applicant).ToContainTextAsync("持有应急救护证");
        await applicant.Locator(".accept-application").ClickAsync();
        await Expect(staff.Locator(".notice")).ToContainTextAsync($"已录用 {name}");
        await Expect(staff.Locator("#call-accepted")).ToHaveTextAsync("1");

        // 5. The volunteer, accepted (the workbench says so), signs in at the activity and out again when the service ends.
        await person.GotoAsync("/");
        await Expect(person.Locator("#workbench")).ToContainTextAsync(activity);
        await person.GotoAsync(activityUrl);
        await Expect(person.Locator("#my-application")).ToContainTextAsync("已录用");
        await person.ClickAsync("#service-sign-in button");
        await Expect(person.Locator(".notice")).ToContainTextAsync($"{name} 已签到");
        await Expect(person.Locator("#service-records")).ToContainTextAsync("服务中");
        await Expect(person.Locator("#service-sign-in")).ToHaveCountAsync(0);
        await person.ClickAsync("#service-records .service-sign-out");
        await Expect(person.Locator(".notice")).ToContainTextAsync("待组织方确认");
        await Expect(person.Locator("#service-records")).ToContainTextAsync("待确认");

        // 6. The organiser confirms three hours (the time actually served, corrected from the sign-in and sign-out).
        await staff.ReloadAsync();
        var row = staff.Locator("#service-records tr", new() { HasText = name });
        await row.Locator("input[name='minutes']").FillAsync("180");
        await row.Locator(".service-confirm").ClickAsync();
        await Expect(staff.Locator(".notice")).ToContainTextAsync($"已确认 {name} 的服务时长 3 小时");
        await Expect(staff.Locator("#service-records tr", new() { HasText = name })).ToContainTextAsync("已确认");

        // 7. The volunteer sees the hours on 我的志愿服务 and downloads the 志愿服务记录证明.
        await person.GotoAsync("/Popularization/Volunteers/Mine");
        await Expect(person.Locator("#confirmed-hours")).ToHaveTextAsync("3");
        await Expect(person.Locator("#pending-hours")).ToHaveTextAsync("0");
        var record = person.Locator("#my-records tr", new() { HasText = activity });
        await Expect(record).ToContainTextAsync("已确认");
        await KexieApp.ScreenshotAsync(person, "popularization-volunteer-mine");
        var download = await person.RunAndWaitForDownloadAsync(() => person.ClickAsync("#download-record"));
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains(name, download.SuggestedFilename, StringComparison.Ordinal);
        var text = await DocumentTextAsync(download);
        Assert.Contains("志愿服务记录证明", text, StringComparison.Ordinal);
        Assert.Contains($"兹证明{name}", text, StringComparison.Ordinal);
        Assert.Contains("服务时长共计3小时", text, StringComparison.Ordinal);
        Assert.Contains(activity, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mass_events_tally_shows_in_S05_its_trace_and_the_annual_report()
    {
        // 大英县 in 2022: a year no other journey records popularization in (the demo's are 2020 and 2024–2025).
        const string Year = "2022";
        var page = await app.NewPageAsync();
        await KexieApp.LoginAsync(page, "daying-staff");

        // The figure before: S05 of 2022 on the indicators page.
        await page.GotoAsync($"/Indicators?region=510923&period={Year}");
        await Expect(page.Locator("#scope")).ToContainTextAsync($"{Year}年");
        var s05 = page.Locator("#indicator-table tr[data-indicator=S05] td.num-cell").First;
        var before = long.TryParse(Digits().Replace(await s05.InnerTextAsync(), string.Empty), NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b : 0;

        // 2022's 全国科普日 square event, with its on-site tally.
        var activity = "2022年全国科普日广场活动" + Tag();
        await page.GotoAsync("/Popularization/Activities");
        await page.ClickAsync("#new-activity");
        await page.SelectOptionAsync("#Input_Kind", "NationalScienceDay");
        await page.FillAsync("#Input_Title", activity);
        await page.FillAsync("#Input_Venue", "大英县人民广场");
        await page.FillAsync("#Input_StartsOn", $"{Year}-09-17");
        await page.ClickAsync("#save-activity");
        await Expect(page).ToHaveURLAsync(new Regex("/Popularization/Activities/Details/[0-9a-f-]{36}$"));
        await page.FillAsync("#Tally_Day", $"{Year}-09-17");
        await page.FillAsync("#Tally_Sessions", "3");
        await page.FillAsync("#Tally_Participants", "2468");
        await page.FillAsync("#Tally_Consultations", "135");
        await page.FillAsync("#Tally_Boards", "40");
        await page.FillAsync("#Tally_Materials", "1500");
        await page.ClickAsync("#record-tally");
        await Expect(page.Locator("#tally-total")).ToContainTextAsync("参与 2468 人次，咨询 135 人次");
        await Expect(page.Locator("#tally-total")).ToContainTextAsync("宣传资料 1500 份");

        // The indicators page: S05 grew by the tally.
        var after = before + 2468;
        await page.GotoAsync($"/Indicators?region=510923&period={Year}");
        await Expect(s05).ToHaveTextAsync(new Regex("^\\s*" + Regex.Escape(after.ToString("#,0", CultureInfo.InvariantCulture)) + "人次"));
        await KexieApp.ScreenshotAsync(page, "popularization-tally-indicator");

        // Its trace lists the tally, with its day.
        await page.ClickAsync("#indicator-table tr[data-indicator=S05] a.trace-link");
        await Expect(page).ToHaveURLAsync(new Regex("/Indicators/Trace\\?.*indicator=S05"));
        await Expect(page.Locator("#trace-title")).ToContainTextAsync("大英县");
        var traced = page.Locator("#trace-records tbody tr", new() { HasText = "2,468" });
        await Expect(traced).ToContainTextAsync($"{Year}-09-17");
        await Expect(traced).ToContainTextAsync("大型科普活动");
        await KexieApp.ScreenshotAsync(page, "popularization-tally-trace");
        await traced.Locator("a:has-text('查看记录')").ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync(activity);
        await page.GoBackAsync();

        // The annual report of 2022 says it, in the seeds' words.
        await page.GoBackAsync();
        await Expect(page.Locator("#report-year option:checked")).ToHaveTextAsync($"{Year}年");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#report-docx"));
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
        var text = await DocumentTextAsync(download);
        Assert.Contains($"大型科普活动现场参与{after}人次", text, StringComparison.Ordinal);
        Assert.Contains($"参与群众{after}人次", text, StringComparison.Ordinal);
    }

    [GeneratedRegex("(?<!\\d)\\d{6}(?!\\d)")]
    private static partial Regex SixDigits();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex("[^0-9]")]
    private static partial Regex Digits();
}
