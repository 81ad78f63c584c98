using System.Net;
using System.Text.Json.Nodes;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Popularization;

/// <summary>
/// 志愿者招募 through the real host: the organiser of a 大英县 activity calls for N volunteers; a registered volunteer applies,
/// withdraws and applies again; someone without a volunteer record is told to register; the organiser sees the applicants with
/// their past hours, accepts up to N (then a clear message), declines with a reason; the volunteer is notified; at an activity
/// with a call only the accepted sign themselves in; both workbenches show it; another county finds nothing; the statistics
/// count calls, applications, accepted and the fill rate of a year of the test's own.
/// </summary>
public abstract class VolunteerRecruitmentTests(KexieApp app)
{
    private const string DaYing = "510923";

    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Token() => Guid.NewGuid().ToString("N")[..8];

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private async Task<string> ActivityAsync(HttpClient staff, string title, DateOnly day) =>
        Id(await (await staff.PostJsonAsync("/api/v1/popularization-activities", new { kind = "Lecture", title, regionCode = DaYing, venue = "蓬莱镇社区服务中心", startsOn = day, endsOn = day })).OkJsonAsync());

    [Fact]
    public async Task A_volunteer_applies_the_organiser_accepts_up_to_the_number_and_only_the_accepted_sign_themselves_in()
    {
        var token = Token();
        var staff = await app.SignInAsync("daying-staff");
        var shehong = await app.SignInAsync("shehong");
        var worker = await app.SignInAsync("worker");
        var joined = await worker.PostJsonAsync("/api/v1/volunteers/me", new { expertise = "应急科普" });
        Assert.True(joined.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, joined.StatusCode.ToString());
        var workerVolunteer = await (await worker.GetAsync("/api/v1/volunteers/me")).OkJsonAsync();
        var workerName = workerVolunteer["volunteer"]!["name"]!.GetValue<string>();

        var title = $"应急科普进社区{token}";
        var activity = await ActivityAsync(staff, title, ChinaToday);
        var callUrl = $"/api/v1/popularization-activities/{activity}/volunteer-call";
        Assert.Equal(HttpStatusCode.NoContent, (await app.Anonymous().GetAsync(callUrl)).StatusCode);

        // The organiser publishes the call; bad numbers and dates are named; another county finds no activity, a worker may not.
        await (await staff.PutJsonAsync(callUrl, new { slots = 0, deadline = ChinaToday })).AssertValidationProblemAsync("slots");
        await (await staff.PutJsonAsync(callUrl, new { slots = 1, deadline = ChinaToday.AddDays(3) })).AssertValidationProblemAsync("deadline");
        await (await staff.PutJsonAsync(callUrl, new { slots = 1 })).AssertValidationProblemAsync("deadline");
        var refused = await shehong.PutJsonAsync(callUrl, new { slots = 5, deadline = ChinaToday });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain(title, await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PutJsonAsync(callUrl, new { slots = 5, deadline = ChinaToday })).StatusCode);
        var call = await (await staff.PutJsonAsync(callUrl, new { slots = 1, deadline = ChinaToday, duties = "现场引导、展品讲解", skills = "应急救护" })).OkJsonAsync();
        Assert.Equal(1, call["slots"]!.GetValue<int>());
        Assert.True(call["isOpen"]!.GetValue<bool>());

        // The public sees it on the activity and in the list of open calls of the county.
        var open = await (await app.Anonymous().GetAsync($"/api/v1/volunteer-calls?region={DaYing}&pageSize=100")).OkJsonAsync();
        Assert.Contains(open["items"]!.AsArray(), c => c!["activityId"]!.GetValue<string>() == activity && c["duties"]!.GetValue<string>() == "现场引导、展品讲解");
        var shehongOpen = await (await app.Anonymous().GetAsync("/api/v1/volunteer-calls?region=510981&pageSize=100")).OkJsonAsync();
        Assert.DoesNotContain(shehongOpen["items"]!.AsArray(), c => c!["activityId"]!.GetValue<string>() == activity);

        // Before acceptance the volunteer cannot sign themself in at an activity with a call.
        var early = await worker.PostJsonAsync($"/api/v1/popularization-activities/{activity}/service-records", new { });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("录用", await early.Content.ReadAsStringAsync());

        // The volunteer applies, withdraws and applies again; twice is refused.
        var applyUrl = $"{callUrl}/applications";
        var applied = await (await worker.PostJsonAsync(applyUrl, new { note = "可担任讲解" })).OkJsonAsync();
        Assert.Equal("待录用", applied["statusName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostJsonAsync(applyUrl, new { })).StatusCode);
        var withdrawn = await (await worker.PostAsync($"{applyUrl}/{Id(applied)}/withdraw", null)).OkJsonAsync();
        Assert.Equal("已撤回", withdrawn["statusName"]!.GetValue<string>());
        applied = await (await worker.PostJsonAsync(applyUrl, new { note = "可担任讲解，擅长应急救护" })).OkJsonAsync();
        Assert.Equal(Id(withdrawn), Id(applied));
        var mine = await (await worker.GetAsync(callUrl)).OkJsonAsync();
        Assert.Equal("待录用", mine["mine"]!["statusName"]!.GetValue<string>());

        // A science worker without a volunteer record is told where to register, next to no error code.
        var (newcomer, newcomerId) = await app.CreateUserAsync(UserRole.ScienceWorker, "招募新人" + token);
        var message = await (await newcomer.PostJsonAsync(applyUrl, new { })).AssertValidationProblemAsync("volunteer");
        Assert.Contains("注册为科技志愿者", message);

        // That person becomes a volunteer (linked to their account) and applies too.
        await app.QueryAsync(async db =>
        {
            var self = new Actor(newcomerId, "newcomer", UserRole.ScienceWorker, DaYing, ScienceWorkerId: Guid.NewGuid());
            db.Volunteers.Add(Volunteer.Register(new VolunteerData("招募新人" + token, KexieApp.NewPhone(), DaYing), null, (self.ScienceWorkerId!.Value, DaYing), self));
            return await db.SaveChangesAsync();
        });
        var second = await (await newcomer.PostJsonAsync(applyUrl, new { note = "周末有空" })).OkJsonAsync();

        // The organiser sees the applicants with team and past hours; another county finds nothing; a volunteer may not look.
        var applicants = (await (await staff.GetAsync(applyUrl)).OkJsonAsync()).AsArray();
        Assert.Equal(2, applicants.Count);
        var workerRow = applicants.Single(a => a!["volunteerName"]!.GetValue<string>() == workerName)!;
        Assert.Equal("可担任讲解，擅长应急救护", workerRow["note"]!.GetValue<string>());
        Assert.Equal(workerVolunteer["confirmedHours"]!.GetValue<decimal>(), workerRow["confirmedHours"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.GetAsync(applyUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync(applyUrl)).StatusCode);

        // Another county cannot accept; the organiser accepts one (the number), the second is refused with a clear message.
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.PostAsync($"{applyUrl}/{Id(applied)}/accept", null)).StatusCode);
        var accepted = await (await staff.PostAsync($"{applyUrl}/{Id(applied)}/accept", null)).OkJsonAsync();
        Assert.Equal("已录用", accepted["statusName"]!.GetValue<string>());
        var full = await staff.PostAsync($"{applyUrl}/{Id(second)}/accept", null);
        Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
        Assert.Contains("招募名额已满（1名）", await full.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostAsync($"{applyUrl}/{Id(applied)}/withdraw", null)).StatusCode);
        await (await staff.PostJsonAsync($"{applyUrl}/{Id(second)}/decline", new { })).AssertValidationProblemAsync("reason");
        var declined = await (await staff.PostJsonAsync($"{applyUrl}/{Id(second)}/decline", new { reason = "名额已满" })).OkJsonAsync();
        Assert.Equal("未录用", declined["statusName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await newcomer.PostJsonAsync(applyUrl, new { })).StatusCode);

        // Both hear of the decision through the notifications.
        var workerId = await app.QueryAsync(db => db.Users.Where(u => u.UserName == "worker").Select(u => u.Id).SingleAsync());
        var notes = await app.QueryAsync(db => db.Set<Notification>().AsNoTracking()
            .Where(n => (n.RecipientUserId == workerId || n.RecipientUserId == newcomerId) && n.Kind == NotificationKind.VolunteerRecruitment && n.Title.Contains(token)).ToListAsync());
        Assert.Contains(notes, n => n.RecipientUserId == workerId && n.Title.Contains("已录用") && n.Link!.Contains(activity));
        Assert.Contains(notes, n => n.RecipientUserId == newcomerId && n.Body.Contains("名额已满"));

        // The workbenches: the volunteer's accepted service coming up; the organiser's item is gone once nobody waits.
        var workerBench = await (await worker.GetAsync("/api/v1/workbench")).OkJsonAsync();
        Assert.Contains(workerBench["items"]!.AsArray(), i => i!["kindName"]!.GetValue<string>() == "已录用的志愿服务" && i["title"]!.GetValue<string>() == title);
        var staffBench = await (await staff.GetAsync("/api/v1/workbench")).OkJsonAsync();
        Assert.DoesNotContain(staffBench["items"]!.AsArray(), i => i!["kindName"]!.GetValue<string>() == "志愿者报名待录用" && i["title"]!.GetValue<string>() == title);

        // The accepted volunteer signs in and out; the organiser still signs in the declined one on their behalf.
        var record = await (await worker.PostJsonAsync($"/api/v1/popularization-activities/{activity}/service-records", new { })).OkJsonAsync();
        Assert.Equal("服务中", record["statusName"]!.GetValue<string>());
        var secondVolunteer = await app.QueryAsync(db => db.Volunteers.Where(v => v.UserId == newcomerId).Select(v => v.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await newcomer.PostJsonAsync($"/api/v1/popularization-activities/{activity}/service-records", new { })).StatusCode);
        var walkIn = await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{activity}/service-records", new { volunteerId = secondVolunteer })).OkJsonAsync();
        Assert.Equal("服务中", walkIn["statusName"]!.GetValue<string>());

        // 我的志愿者报名 lists the decision; the organiser closes the call.
        var myApplications = (await (await worker.GetAsync("/api/v1/volunteer-calls/mine")).OkJsonAsync()).AsArray();
        Assert.Contains(myApplications, a => a!["activityTitle"]!.GetValue<string>() == title && a["statusName"]!.GetValue<string>() == "已录用");
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.PostAsync($"{callUrl}/close", null)).StatusCode);
        var closed = await (await staff.PostAsync($"{callUrl}/close", null)).OkJsonAsync();
        Assert.False(closed["isOpen"]!.GetValue<bool>());
        Assert.Equal("已结束招募", closed["statusName"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_organisers_workbench_shows_waiting_applications_and_the_statistics_count_the_fill_rate()
    {
        var token = Token();
        var year = TestYears.Next(app.Provider);
        var staff = await app.SignInAsync("daying-staff");
        var worker = await app.SignInAsync("worker");
        var joined = await worker.PostJsonAsync("/api/v1/volunteers/me", new { });
        Assert.True(joined.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, joined.StatusCode.ToString());

        // Two calls in a year of the test's own: 4 wanted at the first (one applies, is accepted), 2 at the second (nobody).
        var series = Id(await (await staff.PostJsonAsync("/api/v1/activity-series", new { regionCode = DaYing, name = $"{year}年科技活动周{token}", kind = "ScienceWeek", startsOn = new DateOnly(year, 5, 18), endsOn = new DateOnly(year, 5, 24) })).OkJsonAsync());
        var first = Id(await (await staff.PostJsonAsync("/api/v1/popularization-activities", new { kind = "Lecture", title = $"科技活动周志愿服务{token}", regionCode = DaYing, venue = "蓬莱镇社区服务中心", startsOn = new DateOnly(year, 5, 20), endsOn = new DateOnly(year, 5, 20), seriesId = series })).OkJsonAsync());
        var secondActivity = await ActivityAsync(staff, $"全国科普日志愿服务{token}", new DateOnly(year, 9, 16));
        await (await staff.PutJsonAsync($"/api/v1/popularization-activities/{first}/volunteer-call", new { slots = 4, deadline = ChinaToday })).OkJsonAsync();
        await (await staff.PutJsonAsync($"/api/v1/popularization-activities/{secondActivity}/volunteer-call", new { slots = 2, deadline = ChinaToday })).OkJsonAsync();
        var application = await (await worker.PostJsonAsync($"/api/v1/popularization-activities/{first}/volunteer-call/applications", new { note = "报名" })).OkJsonAsync();

        // The organiser's workbench: the call with an application waiting, to the activity's page.
        var bench = await (await staff.GetAsync("/api/v1/workbench")).OkJsonAsync();
        var item = bench["items"]!.AsArray().Single(i => i!["title"]!.GetValue<string>() == $"科技活动周志愿服务{token}")!;
        Assert.Equal("志愿者报名待录用", item["kindName"]!.GetValue<string>());
        Assert.Contains("1名志愿者报名待录用，已录用0/4名", item["note"]!.GetValue<string>());
        Assert.Equal($"/Popularization/Activities/Details/{first}#volunteer-call", item["link"]!.GetValue<string>());
        var shehongBench = await (await (await app.SignInAsync("shehong")).GetAsync("/api/v1/workbench")).OkJsonAsync();
        Assert.DoesNotContain(shehongBench["items"]!.AsArray(), i => i!["title"]!.GetValue<string>() == $"科技活动周志愿服务{token}");

        await (await staff.PostAsync($"/api/v1/popularization-activities/{first}/volunteer-call/applications/{Id(application)}/accept", null)).OkJsonAsync();

        // 2 calls, 6 wanted, 1 application, 1 accepted: 16.7 %; by activity and by township (the activities are the county's own).
        var stats = await (await app.Anonymous().GetAsync($"/api/v1/volunteer-calls/statistics?region={DaYing}&year={year}")).OkJsonAsync();
        Assert.Equal(2, stats["calls"]!.GetValue<int>());
        Assert.Equal(6, stats["slots"]!.GetValue<int>());
        Assert.Equal(1, stats["applications"]!.GetValue<int>());
        Assert.Equal(1, stats["accepted"]!.GetValue<int>());
        Assert.Equal(16.7m, stats["fillRate"]!.GetValue<decimal>());
        var row = stats["activities"]!.AsArray().Single(a => a!["activityId"]!.GetValue<string>() == first)!;
        Assert.Equal(25m, row["fillRate"]!.GetValue<decimal>());
        var week = stats["series"]!.AsArray().Single()!;
        Assert.Equal($"{year}年科技活动周{token}", week["seriesName"]!.GetValue<string>());
        Assert.Equal(1, week["calls"]!.GetValue<int>());
        Assert.Equal(25m, week["fillRate"]!.GetValue<decimal>());
        var city = await (await app.Anonymous().GetAsync($"/api/v1/volunteer-calls/statistics?region=5109&year={year}")).OkJsonAsync();
        Assert.Equal(6, city["regions"]!.AsArray().Single(r => r!["regionCode"]!.GetValue<string>() == DaYing)!["slots"]!.GetValue<int>());
        await (await app.Anonymous().GetAsync("/api/v1/volunteer-calls/statistics?region=5x")).AssertValidationProblemAsync("region");
    }

    [Fact]
    public async Task The_activity_page_shows_the_call_the_apply_form_and_for_the_organiser_the_applicants()
    {
        var token = Token();
        var staff = await app.SignInAsync("daying-staff");
        var activity = await ActivityAsync(staff, $"科普讲解志愿服务{token}", ChinaToday);
        await (await staff.PutJsonAsync($"/api/v1/popularization-activities/{activity}/volunteer-call", new { slots = 3, deadline = ChinaToday, duties = "展品讲解" })).OkJsonAsync();

        var anonymous = await (await app.Anonymous().GetAsync($"/Popularization/Activities/Details/{activity}")).Content.ReadAsStringAsync();
        Assert.Contains("志愿者招募", anonymous);
        Assert.Contains("服务岗位：展品讲解", anonymous);
        Assert.Contains("注册为科技志愿者", anonymous);
        Assert.DoesNotContain("id=\"call-form\"", anonymous);

        var worker = await app.SignInAsync("worker");
        var joined = await worker.PostJsonAsync("/api/v1/volunteers/me", new { });
        Assert.True(joined.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, joined.StatusCode.ToString());
        var workerPage = await (await worker.GetAsync($"/Popularization/Activities/Details/{activity}")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"apply-form\"", workerPage);
        Assert.Contains("录用后才能签到", workerPage);
        Assert.DoesNotContain("id=\"service-sign-in\"", workerPage);

        var staffPage = await (await staff.GetAsync($"/Popularization/Activities/Details/{activity}")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"call-form\"", staffPage);
        Assert.Contains("暂无志愿者报名", staffPage);

        var list = await (await app.Anonymous().GetAsync($"/Popularization/Volunteers/Calls?region={DaYing}")).Content.ReadAsStringAsync();
        Assert.Contains($"科普讲解志愿服务{token}", list);
    }
}

public sealed class VolunteerRecruitmentSqliteTests(SqliteApp app) : VolunteerRecruitmentTests(app);

public sealed class VolunteerRecruitmentPostgresTests(PostgresApp app) : VolunteerRecruitmentTests(app);
