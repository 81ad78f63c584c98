using System.Net;
using System.Text.Json.Nodes;
using Kexie.Domain.Popularization;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Popularization;

/// <summary>
/// 科普e站屏 through the real host: device tokens issued and revoked by the station's staff (stored hashed), the kiosk showing
/// the station's subscribed topics' content and its own posts (自助发布, on that station only), views, likes, questions and
/// heartbeats counted into the station's day (instead of typed-in usage, never added to it), and the 科普需求画像 fed by
/// likes and by activities tagged with a topic.
/// </summary>
public abstract class KioskTests(KexieApp app)
{
    private const string DaYing = "510923";

    /// <summary>A topic no demo record and no other test uses, so the profile's numbers for it are this test's own.</summary>
    private const string Topic = "节能低碳";

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");

    private async Task<(HttpClient Staff, string Station)> StationAsync(string name)
    {
        var staff = await app.SignInAsync("daying-staff");
        var station = Id(await (await staff.PostJsonAsync("/api/v1/e-stations", new { name, siteKind = "Community", regionCode = DaYing, address = "测试社区" })).OkJsonAsync());
        return (staff, station);
    }

    private async Task<string> IssueAsync(HttpClient staff, string station, string name = "大厅触摸屏")
    {
        var issued = await (await staff.PostJsonAsync($"/api/v1/e-stations/{station}/devices", new { name })).OkJsonAsync();
        var token = issued["token"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{64}$", token);
        Assert.Equal($"/Popularization/Kiosk/{token}", issued["kioskLink"]!.GetValue<string>());
        return token;
    }

    [Fact]
    public async Task A_kiosk_shows_the_stations_topics_and_own_posts_and_counts_views_likes_questions_and_heartbeats_into_its_day()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (staff, station) = await StationAsync($"节能社区e站{tag}");
        var daying = await app.SignInAsync("daying");
        var anonymous = app.Anonymous();

        // Published content on the station's subscribed topic, and a draft on it that must not show.
        var content = Id(await (await staff.PostJsonAsync("/api/v1/science-contents", new { kind = "Article", title = $"家庭节能小窍门{tag}", body = "<p>随手关灯，空调设定26度。</p>", authorOrganization = "大英县科协", regionCode = DaYing, tags = new[] { Topic } })).OkJsonAsync());
        await (await staff.PostAsync($"/api/v1/science-contents/{content}/submit", null)).OkJsonAsync();
        await (await daying.PostAsync($"/api/v1/science-contents/{content}/publish", null)).OkJsonAsync();
        await (await staff.PostJsonAsync("/api/v1/science-contents", new { kind = "Article", title = $"节能草稿{tag}", body = "<p>草稿</p>", authorOrganization = "大英县科协", regionCode = DaYing, tags = new[] { Topic } })).OkJsonAsync();
        await (await anonymous.PostJsonAsync($"/api/v1/e-stations/{station}/subscriptions", new { subscriberKind = "Resident", subscriberName = $"节能居民{tag}", tags = new[] { Topic } })).OkJsonAsync();

        // 自助发布: the station's staff publish to their station; another county cannot, and it is not in the resource library.
        var shehong = await app.SignInAsync("shehong");
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostJsonAsync($"/api/v1/e-stations/{station}/posts", new { title = "冒名", body = "冒名" })).StatusCode);
        await (await staff.PostJsonAsync($"/api/v1/e-stations/{station}/posts", new { title = " ", body = "正文" })).AssertValidationProblemAsync("title");
        var post = Id(await (await staff.PostJsonAsync($"/api/v1/e-stations/{station}/posts", new { title = $"本周六社区节能讲座{tag}", body = "周六上午9点\n社区活动室", tags = new[] { Topic } })).OkJsonAsync());
        Assert.Equal(0, (await (await anonymous.GetAsync($"/api/v1/science-contents?q=本周六社区节能讲座{tag}")).OkJsonAsync())["total"]!.GetValue<int>());

        // Devices: only the station's staff issue them; only the hash is stored.
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostJsonAsync($"/api/v1/e-stations/{station}/devices", new { name = "冒名" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync($"/api/v1/e-stations/{station}/devices", new { name = "冒名" })).StatusCode);
        var token = await IssueAsync(staff, station);
        var stored = await app.QueryAsync(db => db.EStationDevices.Where(d => d.StationId == Guid.Parse(station)).Select(d => d.TokenHash).SingleAsync());
        Assert.NotEqual(token, stored);
        Assert.Equal(EStationDevice.Hash(token), stored);

        var kiosk = await (await anonymous.GetAsync($"/api/v1/e-station-kiosks/{token}")).OkJsonAsync();
        Assert.Equal([Topic], kiosk["topics"]!.AsArray().Select(t => t!.GetValue<string>()).ToArray());
        var titles = kiosk["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>()).ToList();
        Assert.Equal($"本周六社区节能讲座{tag}", titles[0]); // the station's own first
        Assert.Contains($"家庭节能小窍门{tag}", titles);
        Assert.DoesNotContain($"节能草稿{tag}", titles);

        // Opening, liking, asking and heartbeats count into today's row, system-counted.
        var opened = await (await anonymous.GetAsync($"/api/v1/e-station-kiosks/{token}/items/content/{content}")).OkJsonAsync();
        Assert.Equal(1, opened["views"]!.GetValue<long>());
        Assert.Contains("随手关灯", opened["html"]!.GetValue<string>());
        await (await anonymous.GetAsync($"/api/v1/e-station-kiosks/{token}/items/post/{post}")).OkJsonAsync();
        Assert.Equal(1, (await (await anonymous.PostAsync($"/api/v1/e-station-kiosks/{token}/items/post/{post}/likes", null)).OkJsonAsync())["likes"]!.GetValue<long>());
        await (await anonymous.PostAsync($"/api/v1/e-station-kiosks/{token}/items/content/{content}/likes", null)).OkJsonAsync();
        var asked = await (await anonymous.PostJsonAsync($"/api/v1/e-station-kiosks/{token}/questions", new { text = $"家里{Topic}有什么补贴吗{tag}" })).OkJsonAsync();
        Assert.Equal("e站访客", asked["askerName"]!.GetValue<string>());
        await (await anonymous.PostJsonAsync($"/api/v1/e-station-kiosks/{token}/questions", new { text = " " })).AssertValidationProblemAsync("text");
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostAsync($"/api/v1/e-station-kiosks/{token}/heartbeats", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostAsync($"/api/v1/e-station-kiosks/{token}/heartbeats", null)).StatusCode);

        var summary = await (await anonymous.GetAsync($"/api/v1/e-stations/{station}/usage-summary")).OkJsonAsync();
        Assert.Equal(1, summary["onlineDays"]!.GetValue<int>());
        Assert.Equal(2, summary["kioskViews"]!.GetValue<long>());
        Assert.Equal(2, summary["kioskLikes"]!.GetValue<long>());
        Assert.Equal(1, summary["kioskQuestions"]!.GetValue<long>());
        Assert.Equal(5, summary["total"]!.GetValue<long>());
        var day = (await (await anonymous.GetAsync($"/api/v1/e-stations/{station}/usage")).OkJsonAsync()).AsArray().Single()!;
        Assert.True(day["systemCounted"]!.GetValue<bool>());
        Assert.Equal(2, day["heartbeats"]!.GetValue<int>());
        Assert.Equal(5, day["total"]!.GetValue<int>());

        // A day the kiosk counted cannot be typed in too (no double counting); the station reads as online.
        await (await staff.PutJsonAsync($"/api/v1/e-stations/{station}/usage/{Today}", new { visits = 100, interactions = 10 })).AssertValidationProblemAsync("day");
        var listed = await (await staff.GetAsync($"/api/v1/e-stations/{station}")).OkJsonAsync();
        Assert.False(listed["kioskOffline"]!.GetValue<bool>());
        Assert.Equal(2, listed["visits"]!.GetValue<long>());
        Assert.Equal(3, listed["interactions"]!.GetValue<long>());

        // The question reaches the station's staff like any other; the station page shows the counts.
        var questions = (await (await staff.GetAsync($"/api/v1/e-stations/{station}/questions")).OkJsonAsync()).AsArray();
        Assert.Contains(questions, q => q!["title"]!.GetValue<string>().Contains(tag, StringComparison.Ordinal));
        var page = await staff.GetStringAsync($"/Popularization/Stations/Details/{station}");
        Assert.Contains("id=\"kiosk-views\">2<", page);
        Assert.Contains($"本周六社区节能讲座{tag}", page);

        // Withdrawn posts leave the kiosk; a revoked token reaches nothing.
        await (await staff.PostAsync($"/api/v1/e-stations/{station}/posts/{post}/withdraw", null)).OkJsonAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/e-station-kiosks/{token}/items/post/{post}")).StatusCode);
        var device = Id((await (await staff.GetAsync($"/api/v1/e-stations/{station}/devices")).OkJsonAsync()).AsArray().Single()!);
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostAsync($"/api/v1/e-stations/{station}/devices/{device}/revoke", null)).StatusCode);
        await (await staff.PostAsync($"/api/v1/e-stations/{station}/devices/{device}/revoke", null)).OkJsonAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/e-station-kiosks/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsync($"/api/v1/e-station-kiosks/{token}/heartbeats", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/Popularization/Kiosk/{token}")).StatusCode);
    }

    [Fact]
    public async Task A_kiosk_reaches_only_its_own_stations_posts_and_topics()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (staff, one) = await StationAsync($"一号e站{tag}");
        var (_, two) = await StationAsync($"二号e站{tag}");
        var post = Id(await (await staff.PostJsonAsync($"/api/v1/e-stations/{two}/posts", new { title = $"二号站通知{tag}", body = "只在二号站" })).OkJsonAsync());
        var token = await IssueAsync(staff, one);
        var anonymous = app.Anonymous();

        var kiosk = await (await anonymous.GetAsync($"/api/v1/e-station-kiosks/{token}")).OkJsonAsync();
        Assert.Empty(kiosk["topics"]!.AsArray()); // no subscriber yet
        Assert.DoesNotContain(kiosk["items"]!.AsArray(), i => i!["title"]!.GetValue<string>() == $"二号站通知{tag}");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/e-station-kiosks/{token}/items/post/{post}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsync($"/api/v1/e-station-kiosks/{token}/items/post/{post}/likes", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/e-station-kiosks/{new string('0', 64)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/e-station-kiosks/short")).StatusCode);

        // Nothing was counted for the station whose post was probed.
        var summary = await (await anonymous.GetAsync($"/api/v1/e-stations/{two}/usage-summary")).OkJsonAsync();
        Assert.Equal(0, summary["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_kiosk_page_opens_with_its_token_and_an_opened_item_counts()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (staff, station) = await StationAsync($"页面e站{tag}");
        var post = Id(await (await staff.PostJsonAsync($"/api/v1/e-stations/{station}/posts", new { title = $"页面通知{tag}", body = "<b>不是标记</b>" })).OkJsonAsync());
        var token = await IssueAsync(staff, station);
        var anonymous = app.Anonymous();

        var home = await anonymous.GetStringAsync($"/Popularization/Kiosk/{token}");
        Assert.Contains($"页面e站{tag}", home);
        Assert.Contains($"/Popularization/Kiosk/Item/{token}/post/{post}", home);
        Assert.Contains("/js/kiosk.js", home);
        var item = await anonymous.GetStringAsync($"/Popularization/Kiosk/Item/{token}/post/{post}");
        Assert.Contains("&lt;b&gt;不是标记&lt;/b&gt;", item); // plain text, never markup
        Assert.Contains("id=\"kiosk-views\">1<", item);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/Popularization/Kiosk/Item/{token}/other/{post}")).StatusCode);

        var list = await (await staff.GetAsync($"/api/v1/e-stations?q=页面e站{tag}")).OkJsonAsync();
        Assert.Equal(1, list["items"]![0]!["visits"]!.GetValue<long>());
    }

    [Fact]
    public void A_device_is_offline_after_the_configured_time_without_a_heartbeat()
    {
        var now = DateTimeOffset.UtcNow;
        var station = EStation.Create(new EStationData("离线测试e站", EStationSiteKind.Library, DaYing, null), Kexie.Domain.Identity.Actor.System, now.AddDays(-1));
        var (device, _) = EStationDevice.Issue(station, "大屏", Kexie.Domain.Identity.Actor.System, now.AddHours(-2));
        Assert.True(device.IsOffline(now, TimeSpan.FromMinutes(30)));
        Assert.False(device.IsOffline(now, TimeSpan.FromHours(3)));
        Assert.False(EStationDevice.IsToken("abc"));
    }

    [Fact]
    public void A_day_counted_by_a_kiosk_counts_its_kiosk_numbers_in_S03_never_added_to_typed_ones()
    {
        var now = DateTimeOffset.UtcNow;
        var station = EStation.Create(new EStationData("计数测试e站", EStationSiteKind.Library, DaYing, null), Kexie.Domain.Identity.Actor.System, now.AddDays(-10));
        var day = DateOnly.FromDateTime(now.AddHours(8).DateTime).AddDays(-1);
        var typed = station.LogUsage(day, 100, 20, Kexie.Domain.Identity.Actor.System, null, now);
        Assert.Equal(120, Assert.Single(Kexie.Domain.Indicators.FactDerivation.From(typed)).Count);

        typed.AddKioskCounts(7, 2, 1, 30, now);
        Assert.True(typed.IsSystemCounted);
        var fact = Assert.Single(Kexie.Domain.Indicators.FactDerivation.From(typed));
        Assert.Equal(Kexie.Domain.Indicators.FactKind.EStationVisits, fact.Kind);
        Assert.Equal(10, fact.Count); // views + likes + questions; the typed 120 no longer count
        var refused = Assert.Throws<Kexie.Domain.Common.DomainValidationException>(() => station.LogUsage(day, 5, 5, Kexie.Domain.Identity.Actor.System, typed, now));
        Assert.Contains("自动统计", refused.Message);

        var heartbeatsOnly = EStationUsage.ForKiosk(station, day.AddDays(-1), now);
        heartbeatsOnly.AddKioskCounts(0, 0, 0, 12, now);
        Assert.Empty(Kexie.Domain.Indicators.FactDerivation.From(heartbeatsOnly)); // on, but nobody used it
    }

    [Fact]
    public async Task Likes_and_tagged_activities_registrations_feed_the_interest_profile()
    {
        var staff = await app.SignInAsync("daying-staff");
        var before = await TopicAsync(staff);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var activity = await (await staff.PostJsonAsync("/api/v1/popularization-activities", new { kind = "Lecture", title = $"节能低碳进社区{Guid.NewGuid():N}"[..16], regionCode = DaYing, venue = "社区活动室", startsOn = today.AddDays(3), endsOn = today.AddDays(3), tags = new[] { Topic, "不存在的主题" } })).AssertValidationProblemAsync("tags");
        Assert.Contains("主题", activity);
        var created = await (await staff.PostJsonAsync("/api/v1/popularization-activities", new { kind = "Lecture", title = $"节能低碳进社区{Guid.NewGuid():N}"[..16], regionCode = DaYing, venue = "社区活动室", startsOn = today.AddDays(3), endsOn = today.AddDays(3), tags = new[] { Topic } })).OkJsonAsync();
        Assert.Equal([Topic], created["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ToArray());
        await (await app.Anonymous().PostJsonAsync($"/api/v1/popularization-activities/{Id(created)}/registrations", new { name = "节能报名人", phone = KexieApp.NewPhone() })).OkJsonAsync();

        var (stationStaff, station) = await StationAsync($"画像e站{Guid.NewGuid():N}"[..12]);
        var post = Id(await (await stationStaff.PostJsonAsync($"/api/v1/e-stations/{station}/posts", new { title = "节能通知", body = "正文", tags = new[] { Topic } })).OkJsonAsync());
        var token = await IssueAsync(stationStaff, station);
        await (await app.Anonymous().PostAsync($"/api/v1/e-station-kiosks/{token}/items/post/{post}/likes", null)).OkJsonAsync();

        var after = await TopicAsync(staff);
        Assert.Equal(before.Registrations + 1, after.Registrations);
        Assert.Equal(before.Likes + 1, after.Likes);
    }

    private async Task<(int Registrations, long Likes)> TopicAsync(HttpClient staff)
    {
        var profile = await (await staff.GetAsync($"/api/v1/interest-profiles?region={DaYing}")).OkJsonAsync();
        var topic = profile["topics"]!.AsArray().FirstOrDefault(t => t!["tag"]!.GetValue<string>() == Topic);
        return topic is null ? (0, 0) : (topic["registrations"]!.GetValue<int>(), topic["likes"]!.GetValue<long>());
    }
}

public sealed class KioskSqliteTests(SqliteApp app) : KioskTests(app);

public sealed class KioskPostgresTests(PostgresApp app) : KioskTests(app);
