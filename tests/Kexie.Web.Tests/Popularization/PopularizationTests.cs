using System.Net;
using System.Text.Json.Nodes;
using Kexie.Domain.Identity;
using Kexie.Domain.Popularization;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Popularization;

/// <summary>
/// 科普 through the real host: content review journey and view counting, activities with registration and check-in,
/// e-stations with daily usage, region scope, bad input, and S01–S04 computed from the records.
/// </summary>
public abstract class PopularizationTests(KexieApp app)
{
    private const string DaYing = "510923";
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Token() => Guid.NewGuid().ToString("N")[..8];

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static string Str(JsonNode node, string name) => node[name]!.GetValue<string>();

    private static int Int(JsonNode node, string name) => node[name]!.GetValue<int>();

    private static Dictionary<string, decimal?> ValuesOf(JsonNode values) =>
        values["values"]!.AsArray().ToDictionary(v => v!["code"]!.GetValue<string>(), v => v!["value"]?.GetValue<decimal?>());

    [Fact]
    public async Task Content_is_drafted_reviewed_published_read_and_counted_and_stays_in_its_county()
    {
        var token = Token();
        var staff = await app.SignInAsync("daying-staff");
        var daying = await app.SignInAsync("daying");
        var shehong = await app.SignInAsync("shehong");
        var anonymous = app.Anonymous();

        var created = await staff.PostJsonAsync("/api/v1/science-contents", new
        {
            kind = "RumourRebuttal",
            title = $"“柠檬水能抗癌”不可信{token}",
            body = "<p>柠檬富含维生素C，<script>alert(1)</script>但没有证据表明能治疗癌症。</p>",
            authorOrganization = "大英县科协",
            regionCode = DaYing,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var content = await created.OkJsonAsync();
        var id = Id(content);
        Assert.DoesNotContain("script", Str(content, "body"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("科学辟谣", Str(content, "kindName"));

        // A draft is not public, and another county cannot see it at all.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/science-contents/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.GetAsync($"/api/v1/science-contents/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.PostAsync($"/api/v1/science-contents/{id}/submit", null)).StatusCode);
        var shehongList = await (await shehong.GetAsync($"/api/v1/science-contents?q={token}")).OkJsonAsync();
        Assert.Equal(0, Int(shehongList, "total"));

        Assert.Equal("Submitted", Str(await (await staff.PostAsync($"/api/v1/science-contents/{id}/submit", null)).OkJsonAsync(), "status"));
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync($"/api/v1/science-contents/{id}/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/api/v1/science-contents/{id}/submit", null)).StatusCode);
        var published = await (await daying.PostAsync($"/api/v1/science-contents/{id}/publish", null)).OkJsonAsync();
        Assert.Equal("已发布", Str(published, "statusName"));

        // Public reads count; the editors' own reads do not.
        await (await anonymous.GetAsync($"/api/v1/science-contents/{id}")).OkJsonAsync();
        var read = await (await anonymous.GetAsync($"/api/v1/science-contents/{id}")).OkJsonAsync();
        Assert.Equal(2, Int(read, "views"));
        await (await staff.GetAsync($"/api/v1/science-contents/{id}")).OkJsonAsync();
        Assert.Equal(2L, await app.QueryAsync(db => db.ScienceContents.Where(c => c.Id == Guid.Parse(id)).Select(c => c.Views).SingleAsync()));
        var publicList = await (await anonymous.GetAsync($"/api/v1/science-contents?q={token}&kind=RumourRebuttal")).OkJsonAsync();
        Assert.Equal(1, Int(publicList, "total"));

        // Bad input: a Chinese problem naming the field, and nothing written.
        var before = await app.QueryAsync(db => db.ScienceContents.CountAsync());
        await (await staff.PostJsonAsync("/api/v1/science-contents", new { kind = "Video", title = "无地址视频", body = "正文", authorOrganization = "大英县科协", regionCode = DaYing }))
            .AssertValidationProblemAsync("videoUrl");
        await (await staff.PostJsonAsync("/api/v1/science-contents", new { kind = "Article", title = "只有脚本", body = "<script>x()</script>", authorOrganization = "大英县科协", regionCode = DaYing }))
            .AssertValidationProblemAsync("body");
        await (await staff.PostJsonAsync("/api/v1/science-contents", new { kind = "Poem", title = "x", body = "x", authorOrganization = "x", regionCode = DaYing }))
            .AssertValidationProblemAsync("kind");
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostJsonAsync("/api/v1/science-contents", new { kind = "Article", title = "越权", body = "正文", authorOrganization = "射洪市科协", regionCode = DaYing })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("worker")).PostJsonAsync("/api/v1/science-contents", new { kind = "Article", title = "x", body = "正文", authorOrganization = "x", regionCode = DaYing })).StatusCode);
        Assert.Equal(before, await app.QueryAsync(db => db.ScienceContents.CountAsync()));

        // Every write is audited.
        Assert.True(await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == id)) >= 3);
    }

    [Fact]
    public async Task An_activity_takes_registrations_checks_people_in_and_refuses_other_counties()
    {
        var token = Token();
        var staff = await app.SignInAsync("daying-staff");
        var shehong = await app.SignInAsync("shehong");
        var anonymous = app.Anonymous();
        var activity = await (await staff.PostJsonAsync("/api/v1/popularization-activities", new
        {
            kind = "NationalScienceDay",
            title = $"全国科普日主场活动{token}",
            regionCode = DaYing,
            venue = "大英县科技馆",
            startsOn = ChinaToday,
            endsOn = ChinaToday.AddDays(1),
            capacity = 2,
            organizer = "大英县科协",
        })).OkJsonAsync();
        var id = Id(activity);
        Assert.Equal("全国科普日", Str(activity, "kindName"));

        var receipt = await anonymous.PostJsonAsync($"/api/v1/popularization-activities/{id}/registrations", new { name = "王小明", phone = "13912345678", group = "学生" });
        Assert.Equal(HttpStatusCode.Created, receipt.StatusCode);
        Assert.Equal("5678", Str(await receipt.OkJsonAsync(), "phoneTail"));
        await (await anonymous.PostJsonAsync($"/api/v1/popularization-activities/{id}/registrations", new { name = "王小明", phone = "139-1234-5678" }))
            .AssertValidationProblemAsync("phone");
        await (await anonymous.PostJsonAsync($"/api/v1/popularization-activities/{id}/registrations", new { name = "", phone = "13912345670" }))
            .AssertValidationProblemAsync("name");

        // A walk-in registered and checked in by the staff fills the activity.
        var walkIn = await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{id}/participants", new { name = "李大妈", phone = "13912345679", checkIn = true })).OkJsonAsync();
        Assert.NotNull(walkIn["checkedInAt"]);
        Assert.Equal(HttpStatusCode.Conflict, (await anonymous.PostJsonAsync($"/api/v1/popularization-activities/{id}/registrations", new { name = "迟到者", phone = "13912345671" })).StatusCode);

        // Participant lists and check-in belong to the county.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/popularization-activities/{id}/participants")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.GetAsync($"/api/v1/popularization-activities/{id}/participants")).StatusCode);
        var waiting = await (await staff.GetAsync($"/api/v1/popularization-activities/{id}/participants?checkedIn=false")).OkJsonAsync();
        var participantId = Id(waiting.AsArray().Single()!);
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostAsync($"/api/v1/popularization-activities/{id}/participants/{participantId}/check-in", null)).StatusCode);
        await (await staff.PostAsync($"/api/v1/popularization-activities/{id}/participants/{participantId}/check-in", null)).OkJsonAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/api/v1/popularization-activities/{id}/participants/{participantId}/check-in", null)).StatusCode);
        var detail = await (await anonymous.GetAsync($"/api/v1/popularization-activities/{id}")).OkJsonAsync();
        Assert.Equal((2, 2), (Int(detail, "registered"), Int(detail, "checkedIn")));

        // Editing: another county is refused; capacity may not drop below registrations; cancelling needs a reason.
        var edit = new { kind = "NationalScienceDay", title = $"全国科普日主场活动{token}", regionCode = DaYing, venue = "大英县科技馆", startsOn = ChinaToday, endsOn = ChinaToday.AddDays(1), capacity = 1 };
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PutJsonAsync($"/api/v1/popularization-activities/{id}", edit)).StatusCode);
        await (await staff.PutJsonAsync($"/api/v1/popularization-activities/{id}", edit)).AssertValidationProblemAsync("capacity");
        await (await staff.PostJsonAsync($"/api/v1/popularization-activities/{id}/cancel", new { reason = "" })).AssertValidationProblemAsync("reason");
        await (await staff.PostJsonAsync("/api/v1/popularization-activities", new { kind = "ScienceWeek", title = "日期颠倒", regionCode = DaYing, venue = "广场", startsOn = ChinaToday, endsOn = ChinaToday.AddDays(-1) }))
            .AssertValidationProblemAsync("endsOn");
        var list = await (await anonymous.GetAsync($"/api/v1/popularization-activities?region={DaYing}&kind=NationalScienceDay")).OkJsonAsync();
        Assert.Contains(list["items"]!.AsArray(), a => Id(a!) == id);
    }

    [Fact]
    public async Task E_station_usage_is_logged_per_day_corrected_and_scoped()
    {
        var token = Token();
        var staff = await app.SignInAsync("daying-staff");
        var shehong = await app.SignInAsync("shehong");
        var anonymous = app.Anonymous();
        var station = await (await staff.PostJsonAsync("/api/v1/e-stations", new
        {
            name = $"大英中学科普e站{token}",
            siteKind = "School",
            regionCode = DaYing,
            address = "大英县蓬莱镇",
            contactName = "赵老师",
            contactPhone = "13800001111",
        })).OkJsonAsync();
        var id = Id(station);
        Assert.Equal("学校", Str(station, "siteKindName"));
        var today = ChinaToday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        await (await staff.PutJsonAsync($"/api/v1/e-stations/{id}/usage/{today}", new { visits = 120, interactions = 30 })).OkJsonAsync();
        var corrected = await (await staff.PutJsonAsync($"/api/v1/e-stations/{id}/usage/{today}", new { visits = 100, interactions = 20 })).OkJsonAsync();
        Assert.Equal(120, Int(corrected, "total"));
        Assert.Single((await (await anonymous.GetAsync($"/api/v1/e-stations/{id}/usage")).OkJsonAsync()).AsArray());
        var tomorrow = ChinaToday.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await (await staff.PutJsonAsync($"/api/v1/e-stations/{id}/usage/{tomorrow}", new { visits = 1, interactions = 0 })).AssertValidationProblemAsync("day");
        await (await staff.PutJsonAsync($"/api/v1/e-stations/{id}/usage/{today}", new { visits = -5, interactions = 0 })).AssertValidationProblemAsync("visits");
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PutJsonAsync($"/api/v1/e-stations/{id}/usage/{today}", new { visits = 999, interactions = 0 })).StatusCode);

        // The public sees the station and its totals but not the contact.
        var seen = await (await anonymous.GetAsync($"/api/v1/e-stations/{id}")).OkJsonAsync();
        Assert.Null(seen["contactPhone"]);
        Assert.Equal(100, seen["visits"]!.GetValue<int>());
        Assert.Equal("13800001111", Str(await (await staff.GetAsync($"/api/v1/e-stations/{id}")).OkJsonAsync(), "contactPhone"));

        await (await staff.PostAsync($"/api/v1/e-stations/{id}/suspend", null)).OkJsonAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PutJsonAsync($"/api/v1/e-stations/{id}/usage/{today}", new { visits = 1, interactions = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostAsync($"/api/v1/e-stations/{id}/resume", null)).StatusCode);
        await (await staff.PostJsonAsync("/api/v1/e-stations", new { name = "", siteKind = "School", regionCode = DaYing })).AssertValidationProblemAsync("name");
        Assert.Equal(120, await app.QueryAsync(db => db.EStationUsages.Where(u => u.StationId == Guid.Parse(id)).SumAsync(u => u.Visits + u.Interactions)));
    }

    [Fact]
    public async Task The_pages_render_in_Chinese_for_the_public_and_the_staff()
    {
        var token = Token();
        var staff = await app.SignInAsync("daying-staff");
        var station = Id(await (await staff.PostJsonAsync("/api/v1/e-stations", new { name = $"图书馆e站{token}", siteKind = "Library", regionCode = DaYing })).OkJsonAsync());
        var activity = Id(await (await staff.PostJsonAsync("/api/v1/popularization-activities", new { kind = "ScienceCaravan", title = $"科普大篷车进校园{token}", regionCode = DaYing, venue = "蓬莱镇中学", startsOn = ChinaToday })).OkJsonAsync());
        var content = Id(await (await staff.PostJsonAsync("/api/v1/science-contents", new { kind = "Article", title = $"柠檬修剪要点{token}", body = "第一行\n第二行", authorOrganization = "大英县科协", regionCode = DaYing })).OkJsonAsync());
        var anonymous = app.Anonymous();
        foreach (var (url, text) in new[] { ("/Popularization", "科普资源库"), ($"/Popularization/Activities?q={token}", token), ($"/Popularization/Stations?q={token}", token), ($"/Popularization/Activities/Details/{activity}", "我要报名"), ($"/Popularization/Stations/Details/{station}", "每日使用记录") })
        {
            var html = await anonymous.GetStringAsync(url);
            Assert.Contains(text, html);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/Popularization/Contents/Details/{content}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/Popularization/Contents/Edit")).StatusCode);
        foreach (var (url, text) in new[] { ("/Popularization/Contents/Edit", "保存并提交审核"), ($"/Popularization/Contents/Details/{content}", "提交审核"), ($"/Popularization/Activities/Details/{activity}", "登记并签到"), ($"/Popularization/Stations/Details/{station}", "登记使用情况"), ("/Popularization/Activities/Edit", "发布科普活动"), ($"/Popularization/Stations/Edit/{station}", "修改科普e站") })
        {
            var response = await staff.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(text, await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("shehong")).GetAsync($"/Popularization/Stations/Edit/{station}")).StatusCode);
    }

    [Fact]
    public async Task S01_to_S04_are_counted_from_the_records_by_CST_day_and_roll_up()
    {
        // 黄州区 421102 (townships 001, 002); no other test writes here.
        var staff = new Actor("ind-staff", "测试专员", UserRole.AssociationAdmin, "421102");
        DateTimeOffset At(int month, int day, int hour = 10) => new DateTimeOffset(2025, month, day, hour, 0, 0, Cst).ToUniversalTime();
        var published = ScienceContent.Create(new ScienceContentData(ScienceContentKind.Article, "春季防病", "<p>正文</p>", "黄州区科协", "421102001"), staff, At(3, 1));
        published.Submit(staff, At(3, 1));
        published.Publish(staff, new DateTimeOffset(2024, 12, 31, 16, 30, 0, TimeSpan.Zero)); // 2025-01-01 00:30 CST
        var draft = ScienceContent.Create(new ScienceContentData(ScienceContentKind.Article, "未发布", "<p>正文</p>", "黄州区科协", "421102"), staff, At(3, 1));
        var activity = PopularizationActivity.Create(new PopularizationActivityData(ActivityKind.ScienceToCountryside, "科技下乡", null, "421102", "东湖街道", new DateOnly(2025, 5, 20), new DateOnly(2025, 5, 21), null, null), staff, At(5, 1));
        var a = activity.Register(new ParticipantData("甲", "13700000001"), 0, staff, At(5, 10));
        var b = activity.Register(new ParticipantData("乙", "13700000002"), 1, staff, At(5, 10));
        var c = activity.Register(new ParticipantData("丙", "13700000003"), 2, staff, At(5, 10));
        a.CheckIn(activity, staff, At(5, 20));
        b.CheckIn(activity, staff, At(5, 21));
        var station = EStation.Create(new EStationData("黄州区图书馆e站", EStationSiteKind.Library, "421102002", null), staff, At(1, 5));
        var day1 = station.LogUsage(new DateOnly(2025, 6, 1), 40, 2, staff, null, At(6, 2));
        var day2 = station.LogUsage(new DateOnly(2025, 6, 2), 10, 0, staff, null, At(6, 3));
        await app.QueryAsync(async db =>
        {
            db.AddRange(published, draft, activity, station);
            await db.SaveChangesAsync();
            db.AddRange(a, b, c, day1, day2);
            return await db.SaveChangesAsync();
        });

        var hubei = await app.SignInAsync("admin");
        var county = ValuesOf(await (await hubei.GetAsync("/api/v1/indicators/values?region=421102&period=2025")).OkJsonAsync());
        Assert.Equal(1m, county["S01"]);
        Assert.Equal(2m, county["S02"]); // check-ins, not registrations
        Assert.Equal(52m, county["S03"]);
        var township = ValuesOf(await (await hubei.GetAsync("/api/v1/indicators/values?region=421102002&period=2025")).OkJsonAsync());
        Assert.Equal((0m, 52m), (township["S01"]!.Value, township["S03"]!.Value));
        var may = ValuesOf(await (await hubei.GetAsync("/api/v1/indicators/values?region=4211&period=2025-05")).OkJsonAsync());
        Assert.Equal(2m, may["S02"]);
        var year2024 = ValuesOf(await (await hubei.GetAsync("/api/v1/indicators/values?region=421102&period=2024")).OkJsonAsync());
        Assert.Equal(0m, year2024["S01"]);

        // S04: the activity was held once, in May; cancelled (through the API) it no longer counts.
        Assert.Equal(1m, county["S04"]);
        Assert.Equal(1m, may["S04"]);
        // A full re-derivation (as at the first start) finds the activity too.
        await Kexie.Web.Tests.Indicators.IndicatorRefresh.RunFullAsync(hubei);
        Assert.Equal(1m, ValuesOf(await (await hubei.GetAsync("/api/v1/indicators/values?region=421102&period=2025")).OkJsonAsync())["S04"]);
        var cancelled = await hubei.PostJsonAsync($"/api/v1/popularization-activities/{activity.Id}/cancel", new { reason = "改期" });
        Assert.Equal(System.Net.HttpStatusCode.OK, cancelled.StatusCode);
        var after = ValuesOf(await (await hubei.GetAsync("/api/v1/indicators/values?region=421102&period=2025")).OkJsonAsync());
        Assert.Equal(0m, after["S04"]);
        Assert.Equal(2m, after["S02"]); // the check-ins happened
    }
}

public sealed class PopularizationSqliteTests(SqliteApp app) : PopularizationTests(app);

public sealed class PopularizationPostgresTests(PostgresApp app) : PopularizationTests(app);
