using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Popularization;

/// <summary>
/// 科技志愿者 through the real host: teams and volunteers registered by the region's staff (linked to a science worker picked
/// by name), a worker registering themself, sign-in and sign-out at an activity, hours confirmed by the organiser and seen by
/// the volunteer, statistics per region and year in the report's words, and the region scope of every write.
/// </summary>
public abstract class VolunteerTests(KexieApp app)
{
    private const string DaYing = "510923";

    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Token() => Guid.NewGuid().ToString("N")[..8];

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    [Fact]
    public async Task The_demo_counts_come_out_of_the_records_like_the_report()
    {
        var stats = await (await app.Anonymous().GetAsync($"/api/v1/volunteers/statistics?region={DaYing}&year=2025")).OkJsonAsync();
        Assert.True(stats["teams"]!.GetValue<int>() >= 3);
        Assert.Equal(3, stats["activities"]!.GetValue<int>());
        Assert.Equal(32, stats["services"]!.GetValue<int>());
        var summary = stats["summary"]!.GetValue<string>();
        Assert.Contains("支科技志愿服务队伍", summary);
        Assert.Contains("累计开展科技志愿服务活动3场，志愿服务32人次", summary);
        var kinds = stats["teamsByKind"]!.AsArray().Select(k => k!["kindName"]!.GetValue<string>()).ToList();
        Assert.Contains("科普信息员队伍", kinds);

        // The city sums its counties; a year without service says so.
        var city = await (await app.Anonymous().GetAsync("/api/v1/volunteers/statistics?region=5109&year=2025")).OkJsonAsync();
        Assert.True(city["teams"]!.GetValue<int>() > stats["teams"]!.GetValue<int>());
        var empty = await (await app.Anonymous().GetAsync($"/api/v1/volunteers/statistics?region={DaYing}&year=2010")).OkJsonAsync();
        Assert.Contains("暂无经确认的志愿服务记录", empty["summary"]!.GetValue<string>());
        await (await app.Anonymous().GetAsync("/api/v1/volunteers/statistics?region=5x")).AssertValidationProblemAsync("region");

        // Names and phones are personal: nobody but the region's managers lists them.
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/volunteers")).StatusCode);
        var shehongList = await (await (await app.SignInAsync("shehong")).GetAsync($"/api/v1/volunteers?region={DaYing}")).OkJsonAsync();
        Assert.Equal(0, shehongList["total"]!.GetValue<int>());
        var stafflist = await (await (await app.SignInAsync("daying-staff")).GetAsync("/api/v1/volunteers")).OkJsonAsync();
        Assert.True(stafflist["total"]!.GetValue<int>() >= 12);
    }

    [Fact]
    public async Task Staff_register_volunteers_a_worker_joins_serves_and_sees_confirmed_hours()
    {
        var token = Token();
        var staff = await app.SignInAsync("daying-staff");
        var shehong = await app.SignInAsync("shehong");
        var worker = await app.SignInAsync("worker");

        // A team of the county: other counties and workers cannot form one.
        var teamBody = new { name = $"应急科普志愿服务队{token}", kind = "ScienceService", regionCode = DaYing, organizer = "大英县应急管理局" };
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostJsonAsync("/api/v1/volunteer-teams", teamBody)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostJsonAsync("/api/v1/volunteer-teams", teamBody)).StatusCode);
        var team = await (await staff.PostJsonAsync("/api/v1/volunteer-teams", teamBody)).OkJsonAsync();
        Assert.Equal("科技志愿服务队", team["kindName"]!.GetValue<string>());
        var teamId = Id(team);

        // A volunteer linked to a science worker picked by name; an unknown name is named as missing.
        var workerName = await app.QueryAsync(db => db.ScienceWorkers.Where(w => w.RegionCode.StartsWith(DaYing) && w.IsPublicProfile)
            .GroupBy(w => w.Name).Where(g => g.Count() == 1).OrderBy(g => g.Key).Select(g => g.Key).Skip(7).FirstAsync());
        await (await staff.PostJsonAsync("/api/v1/volunteers", new { name = "张三", phone = "13900001111", regionCode = DaYing, scienceWorkerName = $"无此人{token}" }))
            .AssertValidationProblemAsync("scienceWorkerName");
        var linked = await staff.PostJsonAsync("/api/v1/volunteers", new { name = workerName, phone = "13900001112", regionCode = DaYing, teamId, scienceWorkerName = workerName, expertise = "应急科普" });
        if (linked.StatusCode == HttpStatusCode.Created)
        {
            var volunteer = await linked.OkJsonAsync();
            Assert.True(volunteer["isScienceWorker"]!.GetValue<bool>());
            Assert.Equal($"应急科普志愿服务队{token}", volunteer["teamName"]!.GetValue<string>());
        }
        else
        {
            await linked.AssertValidationProblemAsync("scienceWorkerName"); // already a demo volunteer
        }

        var plain = await (await staff.PostJsonAsync("/api/v1/volunteers", new { name = $"志愿者{token}", phone = "13900001113", regionCode = DaYing, teamId })).OkJsonAsync();
        Assert.False(plain["isScienceWorker"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostJsonAsync("/api/v1/volunteers", new { name = "冒名", phone = "13900001114", regionCode = DaYing })).StatusCode);
        await (await staff.PostJsonAsync("/api/v1/volunteers", new { name = "无号", regionCode = DaYing })).AssertValidationProblemAsync("phone");

        // The worker registers themself (once), then signs in and out of an activity of today.
        var joined = await worker.PostJsonAsync("/api/v1/volunteers/me", new { expertise = "农业技术推广", teamId });
        Assert.True(joined.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, joined.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostJsonAsync("/api/v1/volunteers/me", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostJsonAsync("/api/v1/volunteers/me", new { })).StatusCode);
        var mine = await (await worker.GetAsync("/api/v1/volunteers/me")).OkJsonAsync();
        var confirmedBefore = mine["confirmedHours"]!.GetValue<decimal>();

        var activity = Id(await (await staff.PostJsonAsync("/api/v1/popularization-activities", new { kind = "ScienceToCountryside", title = $"科技下乡{token}", regionCode = DaYing, venue = "蓬莱镇", startsOn = ChinaToday, endsOn = ChinaToday })).OkJsonAsync());
        var record = await (await worker.PostJsonAsync($"/api/v1/popularization-activities/{activity}/service-records", new { })).OkJsonAsync();
        Assert.Equal("服务中", record["statusName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostJsonAsync($"/api/v1/popularization-activities/{activity}/service-records", new { })).StatusCode);
        var recordId = Id(record);
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostAsync($"/api/v1/popularization-activities/{activity}/service-records/{recordId}/sign-out", null)).StatusCode);
        var out1 = await (await worker.PostAsync($"/api/v1/popularization-activities/{activity}/service-records/{recordId}/sign-out", null)).OkJsonAsync();
        Assert.Equal("待确认", out1["statusName"]!.GetValue<string>());

        // Only the organiser confirms (correcting to 150 minutes); the worker cannot confirm their own hours.
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostJsonAsync($"/api/v1/popularization-activities/{activity}/service-records/{recordId}/confirm", new { minutes = 600 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostJsonAsync($"/api/v1/popularization-activities/{activity}/service-records/{recordId}/confirm", new { minutes = 600 })).StatusCode);
        await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{activity}/service-records/{recordId}/confirm", new { minutes = 9999 })).AssertValidationProblemAsync("minutes");
        var confirmed = await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{activity}/service-records/{recordId}/confirm", new { minutes = 150 })).OkJsonAsync();
        Assert.Equal(2.5m, confirmed["hours"]!.GetValue<decimal>());

        // The staff sign in another volunteer and refuse the hours with a reason.
        var other = Id(await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{activity}/service-records", new { volunteerId = Id(plain) })).OkJsonAsync());
        await (await staff.PostAsync($"/api/v1/popularization-activities/{activity}/service-records/{other}/sign-out", null)).OkJsonAsync();
        await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{activity}/service-records/{other}/reject", new { })).AssertValidationProblemAsync("reason");
        var rejected = await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{activity}/service-records/{other}/reject", new { reason = "未到岗" })).OkJsonAsync();
        Assert.Equal("未予确认", rejected["statusName"]!.GetValue<string>());

        // The worker sees own hours; the activity's list is the organiser's, the worker sees only their own.
        mine = await (await worker.GetAsync("/api/v1/volunteers/me")).OkJsonAsync();
        Assert.Equal(confirmedBefore + 2.5m, mine["confirmedHours"]!.GetValue<decimal>());
        Assert.Contains(mine["records"]!.AsArray(), r => r!["activityTitle"]!.GetValue<string>() == $"科技下乡{token}");
        Assert.Equal(2, (await (await staff.GetAsync($"/api/v1/popularization-activities/{activity}/service-records")).OkJsonAsync()).AsArray().Count);
        Assert.Single((await (await worker.GetAsync($"/api/v1/popularization-activities/{activity}/service-records")).OkJsonAsync()).AsArray());
        Assert.Empty((await (await shehong.GetAsync($"/api/v1/popularization-activities/{activity}/service-records")).OkJsonAsync()).AsArray());
        Assert.Equal(150, await app.QueryAsync(db => db.ServiceRecords.Where(r => r.ActivityId == Guid.Parse(activity) && r.Status == Kexie.Domain.Popularization.ServiceRecordStatus.Confirmed).SumAsync(r => r.Minutes)));

        var teamRead = await (await app.Anonymous().GetAsync($"/api/v1/volunteer-teams/{teamId}")).OkJsonAsync();
        Assert.True(teamRead["members"]!.GetValue<int>() >= 2);
        if (joined.StatusCode == HttpStatusCode.Created)
        {
            Assert.Equal(2.5m, teamRead["hours"]!.GetValue<decimal>());
        }
    }

    [Fact]
    public async Task The_pages_show_the_figures_the_teams_and_the_forms_to_whom_they_belong()
    {
        var anonymous = await app.Anonymous().GetStringAsync($"/Popularization/Volunteers?region={DaYing}&year=2025");
        Assert.Contains("累计开展科技志愿服务活动3场", anonymous);
        Assert.Contains("大英县科普信息员队伍", anonymous);
        Assert.DoesNotContain("volunteer-form", anonymous);
        Assert.DoesNotContain("13909250000", anonymous);

        var staff = await (await app.SignInAsync("daying-staff")).GetStringAsync($"/Popularization/Volunteers?region={DaYing}&year=2025");
        Assert.Contains("volunteer-form", staff);
        Assert.Contains("team-form", staff);
        Assert.Contains("周晓红", staff);

        var worker = await app.SignInAsync("worker");
        var mine = await worker.GetStringAsync("/Popularization/Volunteers/Mine");
        Assert.True(mine.Contains("join-form") || mine.Contains("confirmed-hours"));
        Assert.Equal(HttpStatusCode.Redirect, (await app.Anonymous().GetAsync("/Popularization/Volunteers/Mine")).StatusCode);

        var served = await app.QueryAsync(db => db.ServiceRecords.Where(r => r.RegionCode.StartsWith(DaYing) && r.Status == Kexie.Domain.Popularization.ServiceRecordStatus.Confirmed).Select(r => r.ActivityId).FirstAsync());
        var details = await (await app.SignInAsync("daying-staff")).GetStringAsync($"/Popularization/Activities/Details/{served}");
        Assert.Contains("service-records", details);
        Assert.Contains("已确认", details);
    }
}

public sealed class VolunteerSqliteTests(SqliteApp app) : VolunteerTests(app);

public sealed class VolunteerPostgresTests(PostgresApp app) : VolunteerTests(app);
