using System.Net;
using System.Text.Json.Nodes;
using Kexie.Web.Tests.Security;

namespace Kexie.Web.Tests.Popularization;

/// <summary>
/// 团体报名: a teacher signs a class up for an activity (school/class name, number of participants, contact phone). The
/// capacity counts the participants, a group over the seats left is refused on 参加人数 in Chinese, the sign-up waits for
/// the organiser, who confirms or declines it in the same list as individual registrations; another county's manager finds
/// neither the activity's list nor the sign-up. The page form shows every mistake at once with the input kept.
/// </summary>
public abstract class GroupRegistrationTests(KexieApp app)
{
    private const string DaYing = "510923";

    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Token() => Guid.NewGuid().ToString("N")[..8];

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private async Task<string> ActivityAsync(HttpClient staff, string title, int capacity) => Id(await (await staff.PostJsonAsync("/api/v1/popularization-activities", new
    {
        kind = "Lecture", title, regionCode = DaYing, venue = "大英县科技馆报告厅", startsOn = ChinaToday, endsOn = ChinaToday.AddDays(2), capacity, organizer = "大英县科协",
    })).OkJsonAsync());

    [Fact]
    public async Task A_class_holds_seats_by_headcount_waits_for_the_organiser_and_is_refused_over_capacity()
    {
        var token = Token();
        var staff = await app.SignInAsync("daying-staff");
        var shehong = await app.SignInAsync("shehong");
        var teacher = app.Anonymous();
        var id = await ActivityAsync(staff, $"青少年科普讲座{token}", 50);
        var url = $"/api/v1/popularization-activities/{id}/registrations";

        var receipt = await (await teacher.PostJsonAsync(url, new { groupName = "大英县实验小学五年级二班", headcount = 40, name = "张老师", phone = "13911112222" })).OkJsonAsync();
        Assert.Equal("待确认", receipt["statusName"]!.GetValue<string>());
        Assert.Equal(40, receipt["headcount"]!.GetValue<int>());
        var detail = await (await teacher.GetAsync($"/api/v1/popularization-activities/{id}")).OkJsonAsync();
        Assert.Equal(40, detail["registered"]!.GetValue<int>());

        // 11 more do not fit in the 10 seats left: refused on 参加人数, naming the seats left; one person still fits.
        var over = await (await teacher.PostJsonAsync(url, new { groupName = "大英县实验小学五年级三班", headcount = 11, name = "李老师", phone = "13911113333" }))
            .AssertValidationProblemAsync("headcount");
        Assert.Contains("还剩10个名额", over);
        await (await teacher.PostJsonAsync(url, new { groupName = "", headcount = 0, name = "", phone = "123" })).AssertValidationProblemAsync("groupName");
        var bad = await (await teacher.PostJsonAsync(url, new { groupName = "", headcount = 0, name = "王老师", phone = "123" })).ReadNodeAsync();
        Assert.NotNull(bad["errors"]!["groupName"]);
        Assert.NotNull(bad["errors"]!["headcount"]);
        Assert.NotNull(bad["errors"]!["phone"]);

        // The organiser sees the group in the registration list, waiting; another county finds neither list nor sign-up.
        var list = (await (await staff.GetAsync($"/api/v1/popularization-activities/{id}/participants")).OkJsonAsync()).AsArray();
        var group = list.Single(p => p!["groupName"]?.GetValue<string>() == "大英县实验小学五年级二班")!;
        Assert.Equal("待确认", group["statusName"]!.GetValue<string>());
        var groupId = Id(group);
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.PostAsync($"/api/v1/popularization-activities/{id}/participants/{groupId}/confirm", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await teacher.PostAsync($"/api/v1/popularization-activities/{id}/participants/{groupId}/confirm", null)).StatusCode);

        // A waiting group cannot be checked in; confirmed, it is, and counts its 40 people.
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/api/v1/popularization-activities/{id}/participants/{groupId}/check-in", null)).StatusCode);
        var confirmed = await (await staff.PostAsync($"/api/v1/popularization-activities/{id}/participants/{groupId}/confirm", null)).OkJsonAsync();
        Assert.Equal("已确认", confirmed["statusName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/api/v1/popularization-activities/{id}/participants/{groupId}/confirm", null)).StatusCode);
        await (await staff.PostAsync($"/api/v1/popularization-activities/{id}/participants/{groupId}/check-in", null)).OkJsonAsync();
        detail = await (await teacher.GetAsync($"/api/v1/popularization-activities/{id}")).OkJsonAsync();
        Assert.Equal((40, 40), (detail["registered"]!.GetValue<int>(), detail["checkedIn"]!.GetValue<int>()));

        // A second class waits, is declined with a reason, and its seats are free again.
        var second = Id(await (await teacher.PostJsonAsync(url, new { groupName = "大英县实验小学四年级一班", headcount = 10, name = "赵老师", phone = "13911114444" })).OkJsonAsync());
        await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{id}/participants/{second}/decline", new { reason = "" })).AssertValidationProblemAsync("reason");
        var declined = await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{id}/participants/{second}/decline", new { reason = "年级不符" })).OkJsonAsync();
        Assert.Equal("未通过", declined["statusName"]!.GetValue<string>());
        detail = await (await teacher.GetAsync($"/api/v1/popularization-activities/{id}")).OkJsonAsync();
        Assert.Equal(40, detail["registered"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_page_takes_a_class_shows_every_mistake_at_once_and_the_organiser_confirms_it()
    {
        var token = Token();
        var staff = await app.SignInAsync("daying-staff");
        var teacher = app.Anonymous();
        var id = await ActivityAsync(staff, $"科技馆研学{token}", 30);
        var page = $"/Popularization/Activities/Details/{id}";
        var html = await teacher.GetStringAsync(page);
        Assert.Contains("id=\"group-form\"", html);

        // Two bad fields (no class name, too many people): both messages next to their fields, the typed phone kept.
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = LoginTestSupport.TokenOf(html),
            ["GroupSignUp.GroupName"] = "", ["GroupSignUp.Headcount"] = "三十", ["GroupSignUp.Name"] = "孙老师", ["GroupSignUp.Phone"] = "13922223333",
        };
        var refused = await teacher.PostAsync($"{page}?handler=Group", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Matches("data-valmsg-for=\"GroupSignUp.GroupName\"[^>]*>学校/班级名称不能为空", refusedHtml);
        Assert.Matches("data-valmsg-for=\"GroupSignUp.Headcount\"[^>]*>参加人数“三十”不是有效的数字", refusedHtml);
        Assert.Contains("value=\"13922223333\"", refusedHtml);

        // Over the 30 seats: refused on 参加人数.
        form["__RequestVerificationToken"] = LoginTestSupport.TokenOf(refusedHtml);
        form["GroupSignUp.GroupName"] = "大英中学初二（3）班";
        form["GroupSignUp.Headcount"] = "31";
        var over = await (await teacher.PostAsync($"{page}?handler=Group", new FormUrlEncodedContent(form))).Content.ReadAsStringAsync();
        Assert.Matches("data-valmsg-for=\"GroupSignUp.Headcount\"[^>]*>参加人数超出名额", over);

        form["__RequestVerificationToken"] = LoginTestSupport.TokenOf(over);
        form["GroupSignUp.Headcount"] = "28";
        var saved = await teacher.PostAsync($"{page}?handler=Group", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // The organiser's list shows the class waiting, with a confirm button; confirmed, it reads 已确认.
        var managed = await staff.GetStringAsync(page);
        Assert.Contains("大英中学初二（3）班（联系人 孙老师）", managed);
        Assert.Contains("待确认", managed);
        var groupId = System.Text.RegularExpressions.Regex.Match(managed, "name=\"participantId\" value=\"([0-9a-f-]{36})\" /><button type=\"submit\" class=\"btn btn-small confirm-group\"").Groups[1].Value;
        Assert.NotEmpty(groupId);
        var confirm = await staff.PostAsync($"{page}?handler=ConfirmGroup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = LoginTestSupport.TokenOf(managed), ["participantId"] = groupId,
        }));
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        var after = await staff.GetStringAsync(page);
        Assert.Contains("已确认大英中学初二（3）班的报名（28人）", after);
        Assert.Contains("<strong id=\"registered\">28</strong> / 30", after);
    }

    /// <summary>
    /// A teacher with an account signs two classes up (one with their own phone, one with a colleague's as the contact): the organiser confirms one and declines the other with a reason; the
    /// teacher is told of each (the reason in the message) and finds both on 我的报名 (linked beside their name), with their
    /// status and the reason. Someone else's sign-up is not on their page.
    /// </summary>
    [Fact]
    public async Task The_teacher_is_told_of_the_organisers_decision_and_finds_their_sign_ups_on_my_registrations()
    {
        var token = Token();
        var staff = await app.SignInAsync("daying-staff");
        var id = await ActivityAsync(staff, $"青少年研学{token}", 100);
        var url = $"/api/v1/popularization-activities/{id}/registrations";

        var signUp = Kexie.Web.Tests.Accounts.SignUpSupport.Client(app);
        var phone = KexieApp.NewPhone();
        var code = await Kexie.Web.Tests.Accounts.SignUpSupport.CodeForAsync(app, signUp, phone);
        await (await Kexie.Web.Tests.Accounts.SignUpSupport.RegisterAsync(signUp, new { phone, code, password = Kexie.Web.Tests.Accounts.SignUpSupport.Password, name = "实验小学钱老师", kind = "Worker", regionCode = DaYing })).OkJsonAsync();
        var teacher = await app.SignInAsync(phone, Kexie.Web.Tests.Accounts.SignUpSupport.Password);
        Assert.DoesNotContain("href=\"/Popularization/MyRegistrations\"", await teacher.GetStringAsync("/"));

        var first = Id(await (await teacher.PostJsonAsync(url, new { groupName = $"实验小学六年级一班{token}", headcount = 30, name = "钱老师", phone })).OkJsonAsync());
        var second = Id(await (await teacher.PostJsonAsync(url, new { groupName = $"实验小学六年级二班{token}", headcount = 25, name = "孙老师", phone = KexieApp.NewPhone() })).OkJsonAsync());
        var stranger = Id(await (await app.Anonymous().PostJsonAsync(url, new { groupName = $"他校五年级{token}", headcount = 5, name = "周老师", phone = KexieApp.NewPhone() })).OkJsonAsync());

        var mine = await teacher.GetStringAsync("/Popularization/MyRegistrations");
        Assert.Contains($"实验小学六年级一班{token}（30人）", mine);
        Assert.Contains("等待组织方确认", mine);
        Assert.DoesNotContain($"他校五年级{token}", mine);
        Assert.DoesNotContain(stranger, mine);

        await (await staff.PostAsync($"/api/v1/popularization-activities/{id}/participants/{first}/confirm", null)).OkJsonAsync();
        await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{id}/participants/{second}/decline", new { reason = "本场只接待一个班，请报名下一场" })).OkJsonAsync();

        var notes = await (await teacher.GetAsync("/api/v1/notifications")).Content.ReadAsStringAsync();
        Assert.Contains($"报名已确认：青少年研学{token}", notes);
        Assert.Contains($"报名未通过：青少年研学{token}", notes);
        Assert.Contains("原因：本场只接待一个班，请报名下一场", notes);
        // Told as a sign-up decision (活动报名), not as a review of something the teacher published (审核通过/不予发布).
        using (var json = System.Text.Json.JsonDocument.Parse(notes))
        {
            var kinds = json.RootElement.GetProperty("items").EnumerateArray().Where(n => n.GetProperty("title").GetString()!.EndsWith($"青少年研学{token}", StringComparison.Ordinal))
                .Select(n => n.GetProperty("kindName").GetString()).ToList();
            Assert.Equal(["活动报名", "活动报名"], kinds);
        }

        var home = await teacher.GetStringAsync("/");
        Assert.Contains("href=\"/Popularization/MyRegistrations\"", home);
        mine = await teacher.GetStringAsync("/Popularization/MyRegistrations");
        var rows = System.Text.RegularExpressions.Regex.Matches(mine, "<tr data-registration=\"([0-9a-f-]{36})\">(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Contains("已确认", rows[first]);
        Assert.Contains("未通过", rows[second]);
        Assert.Contains("原因：本场只接待一个班，请报名下一场", rows[second]);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Anonymous().GetAsync("/Popularization/MyRegistrations")).StatusCode);
    }
}

public sealed class GroupRegistrationSqliteTests(SqliteApp app) : GroupRegistrationTests(app);

public sealed class GroupRegistrationPostgresTests(PostgresApp app) : GroupRegistrationTests(app);
