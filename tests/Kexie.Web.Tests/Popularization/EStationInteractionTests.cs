using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Popularization;

/// <summary>科普e站 that work, through the real host: terminals, 远程订阅 with its feed, 双向互动 questions, and the 科普需求画像 built from them.</summary>
public abstract class EStationInteractionTests(KexieApp app)
{
    private const string DaYing = "510923";

    private Task<Guid> StationAsync(string name) => app.QueryAsync(db => db.EStations.Where(s => s.Name == name).Select(s => s.Id).SingleAsync());

    [Fact]
    public async Task Staff_register_terminals_of_their_stations_and_others_cannot()
    {
        var station = await StationAsync("大英县图书馆科普e站");
        var staff = await app.SignInAsync("daying-staff");
        var shehong = await app.SignInAsync("shehong");
        var body = new { name = "县图书馆 自助借阅区触摸屏", kind = "TouchScreen", placeKind = "Library", place = "大英县图书馆二楼", installedOn = "2025-06-01" };

        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostJsonAsync($"/api/v1/e-stations/{station}/terminals", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostJsonAsync($"/api/v1/e-stations/{station}/terminals", body)).StatusCode);
        var created = await (await staff.PostJsonAsync($"/api/v1/e-stations/{station}/terminals", body)).OkJsonAsync();
        Assert.Equal("触摸屏一体机", created["kindName"]!.GetValue<string>());
        Assert.Equal("图书馆", created["placeKindName"]!.GetValue<string>());

        var terminals = (await (await app.Anonymous().GetAsync($"/api/v1/e-stations/{station}/terminals")).OkJsonAsync()).AsArray();
        Assert.Contains(terminals, t => t!["name"]!.GetValue<string>() == "县图书馆 自助借阅区触摸屏" && t["statusName"]!.GetValue<string>() == "在用");
        Assert.Contains(terminals, t => t!["name"]!.GetValue<string>() == "县图书馆 1号触摸屏"); // the demo's

        var id = created["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostAsync($"/api/v1/e-stations/{station}/terminals/{id}/remove", null)).StatusCode);
        Assert.Equal("已撤除", (await (await staff.PostAsync($"/api/v1/e-stations/{station}/terminals/{id}/remove", null)).OkJsonAsync())["statusName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/api/v1/e-stations/{station}/terminals/{id}/remove", null)).StatusCode);

        await (await staff.PostJsonAsync($"/api/v1/e-stations/{station}/terminals", body with { place = " " })).AssertValidationProblemAsync("place");
        await (await staff.PostJsonAsync($"/api/v1/e-stations/{station}/terminals", body with { installedOn = "2099-01-01" })).AssertValidationProblemAsync("installedOn");

        var page = await staff.GetStringAsync($"/Popularization/Stations/Details/{station}");
        Assert.Contains("id=\"terminals\"", page);
        Assert.Contains("县图书馆 少儿阅览室平板", page);
    }

    [Fact]
    public async Task A_visitor_subscribes_to_topics_and_sees_only_the_matching_published_content()
    {
        var station = await StationAsync("蓬莱镇社区科普e站");
        var anonymous = app.Anonymous();
        var phone = KexieApp.NewPhone();
        var created = await (await anonymous.PostJsonAsync($"/api/v1/e-stations/{station}/subscriptions", new { subscriberKind = "Resident", subscriberName = "订阅测试居民", phone, targetGroup = "Elderly", tags = new[] { "防疫" } })).OkJsonAsync();
        var key = created["accessKey"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{32}$", key);
        Assert.Equal($"/Popularization/Stations/Feed/{key}", created["feedLink"]!.GetValue<string>());
        Assert.DoesNotContain(phone, created.ToJsonString()); // masked

        // Only published items with the topic: the demo's 防疫 article, not the flu-vaccine draft waiting for review.
        var feed = await (await anonymous.GetAsync($"/api/v1/e-station-subscriptions/by-key/{key}/feed")).OkJsonAsync();
        var titles = feed["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>()).ToList();
        Assert.Contains("呼吸道传染病高发季，做好这几点防护", titles);
        Assert.DoesNotContain("秋冬季节预防流感，接种疫苗是关键", titles);
        Assert.All(feed["items"]!.AsArray(), i => Assert.Contains("防疫", i!["tags"]!.AsArray().Select(t => t!.GetValue<string>())));

        var changed = await (await anonymous.PutJsonAsync($"/api/v1/e-station-subscriptions/by-key/{key}/tags", new { tags = new[] { "农业技术" } })).OkJsonAsync();
        Assert.Contains("春季柠檬园病虫害绿色防控要点", changed["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>()));
        Assert.All(changed["items"]!.AsArray(), i => Assert.Contains("农业技术", i!["tags"]!.AsArray().Select(t => t!.GetValue<string>())));
        Assert.DoesNotContain(changed["items"]!.AsArray(), i => i!["title"]!.GetValue<string>() == "呼吸道传染病高发季，做好这几点防护");
        var page = await anonymous.GetStringAsync($"/Popularization/Stations/Feed/{key}");
        Assert.Contains("春季柠檬园病虫害绿色防控要点", page);
        Assert.Contains("订阅测试居民", page);

        // The station's staff see the subscriber (phone masked); another county's staff do not.
        var list = (await (await (await app.SignInAsync("daying-staff")).GetAsync($"/api/v1/e-stations/{station}/subscriptions")).OkJsonAsync()).AsArray();
        var mine = list.Single(s => s!["subscriberName"]!.GetValue<string>() == "订阅测试居民")!;
        Assert.Equal($"{phone[..3]}****{phone[7..]}", mine["phone"]!.GetValue<string>());
        Assert.Null(mine["accessKey"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("shehong")).GetAsync($"/api/v1/e-stations/{station}/subscriptions")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostAsync($"/api/v1/e-station-subscriptions/by-key/{key}/cancel", null)).StatusCode);
        var cancelled = await (await anonymous.GetAsync($"/api/v1/e-station-subscriptions/by-key/{key}/feed")).OkJsonAsync();
        Assert.False(cancelled["active"]!.GetValue<bool>());
        Assert.Empty(cancelled["items"]!.AsArray());

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/e-station-subscriptions/by-key/{new string('0', 32)}/feed")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/e-station-subscriptions/by-key/not-a-key/feed")).StatusCode);
        await (await anonymous.PostJsonAsync($"/api/v1/e-stations/{station}/subscriptions", new { subscriberKind = "Resident", subscriberName = "x", tags = new[] { "占星" } })).AssertValidationProblemAsync("tags");
        await (await anonymous.PostJsonAsync($"/api/v1/e-stations/{station}/subscriptions", new { subscriberKind = "Resident", subscriberName = "x", tags = Array.Empty<string>() })).AssertValidationProblemAsync("tags");
        await (await anonymous.PostJsonAsync($"/api/v1/e-stations/{station}/subscriptions", new { subscriberKind = "Resident", subscriberName = " ", tags = new[] { "健康" } })).AssertValidationProblemAsync("subscriberName");
    }

    [Fact]
    public async Task A_visitor_asks_the_staff_answer_and_both_see_the_thread()
    {
        var station = await StationAsync("大英中学科普e站");
        var anonymous = app.Anonymous();
        var staff = await app.SignInAsync("daying-staff");
        var shehong = await app.SignInAsync("shehong");
        var asked = await (await anonymous.PostJsonAsync($"/api/v1/e-stations/{station}/questions", new { askerName = "王同学", text = "为什么天空是蓝色的？" })).OkJsonAsync();
        var key = asked["accessKey"]!.GetValue<string>();
        var id = asked["id"]!.GetValue<string>();
        Assert.Equal("待答复", asked["statusName"]!.GetValue<string>());

        var open = (await (await staff.GetAsync($"/api/v1/e-stations/{station}/questions?status=Open")).OkJsonAsync()).AsArray();
        Assert.Contains(open, q => q!["id"]!.GetValue<string>() == id);
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.GetAsync($"/api/v1/e-stations/{station}/questions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostJsonAsync($"/api/v1/e-station-questions/{id}/answers", new { text = "越权" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shehong.GetAsync($"/api/v1/e-station-questions/{id}")).StatusCode);

        var answered = await (await staff.PostJsonAsync($"/api/v1/e-station-questions/{id}/answers", new { text = "阳光中的蓝光波长短，被大气散射得最多。" })).OkJsonAsync();
        Assert.Equal("已答复", answered["statusName"]!.GetValue<string>());
        await (await staff.PostJsonAsync($"/api/v1/e-station-questions/{id}/answers", new { text = "" })).AssertValidationProblemAsync("text");

        // The visitor sees the answer through their link and follows up; the thread waits for the staff again.
        var thread = await (await anonymous.GetAsync($"/api/v1/e-station-questions/by-key/{key}")).OkJsonAsync();
        Assert.Equal(["为什么天空是蓝色的？", "阳光中的蓝光波长短，被大气散射得最多。"], thread["messages"]!.AsArray().Select(m => m!["text"]!.GetValue<string>()).ToArray());
        Assert.True(thread["messages"]![1]!["fromStaff"]!.GetValue<bool>());
        Assert.StartsWith("大英中学科普e站工作人员", thread["messages"]![1]!["authorName"]!.GetValue<string>());
        var followed = await (await anonymous.PostJsonAsync($"/api/v1/e-station-questions/by-key/{key}/follow-ups", new { text = "那傍晚为什么是红色的？" })).OkJsonAsync();
        Assert.Equal("待答复", followed["statusName"]!.GetValue<string>());
        var page = await anonymous.GetStringAsync($"/Popularization/Stations/Thread/{key}");
        Assert.Contains("阳光中的蓝光波长短", page);
        Assert.Contains("那傍晚为什么是红色的？", page);

        var staffView = await (await staff.GetAsync($"/api/v1/e-station-questions/{id}")).OkJsonAsync();
        Assert.Equal(3, staffView["messages"]!.AsArray().Count);
        Assert.Null(staffView["accessKey"]);
        Assert.Contains("那傍晚为什么是红色的？", await staff.GetStringAsync($"/Popularization/Stations/Details/{station}"));
        await (await anonymous.PostJsonAsync($"/api/v1/e-stations/{station}/questions", new { askerName = "王同学", text = " " })).AssertValidationProblemAsync("text");
    }

    [Fact]
    public async Task The_interest_profile_ranks_the_countys_topics_by_group_and_shows_what_is_pushed()
    {
        var staff = await app.SignInAsync("daying-staff");
        var profile = await (await staff.GetAsync($"/api/v1/interest-profiles?region={DaYing}")).OkJsonAsync();
        Assert.Equal("大英县", profile["regionName"]!.GetValue<string>());
        Assert.True(profile["activeSubscriptions"]!.GetValue<int>() >= 36);
        var topics = profile["topics"]!.AsArray();
        Assert.Equal("健康", topics[0]!["tag"]!.GetValue<string>());
        var subscribers = topics.Select(t => t!["subscribers"]!.GetValue<int>()).ToList();
        Assert.Equal(subscribers.OrderByDescending(x => x), subscribers);
        Assert.True(topics.First(t => t!["tag"]!.GetValue<string>() == "农业技术")!["reads"]!.GetValue<long>() >= 0);

        var groups = profile["groups"]!.AsArray();
        Assert.Equal("青少年科技", groups.Single(g => g!["groupName"]!.GetValue<string>() == "青少年")!["topTags"]![0]!.GetValue<string>());
        Assert.Equal("农业技术", groups.Single(g => g!["groupName"]!.GetValue<string>() == "农民")!["topTags"]![0]!.GetValue<string>());

        var pushed = profile["pushed"]!.AsArray();
        Assert.Contains(pushed, p => p!["title"]!.GetValue<string>() == "呼吸道传染病高发季，做好这几点防护");
        var reaches = pushed.Select(p => p!["reaches"]!.GetValue<int>()).ToList();
        Assert.Equal(reaches.OrderByDescending(x => x), reaches);
        Assert.True(reaches[0] > 0);

        // A township: only its own station's subscribers (隆盛镇's farmers).
        var village = await app.QueryAsync(db => db.EStations.Where(s => s.Name == "隆盛镇农家书屋科普e站").Select(s => s.RegionCode).SingleAsync());
        var township = await (await staff.GetAsync($"/api/v1/interest-profiles?region={village}")).OkJsonAsync();
        Assert.Equal("农业技术", township["topics"]![0]!["tag"]!.GetValue<string>());
        Assert.Equal(["农民"], township["groups"]!.AsArray().Select(g => g!["groupName"]!.GetValue<string>()).ToArray());

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("shehong")).GetAsync($"/api/v1/interest-profiles?region={DaYing}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("worker")).GetAsync($"/api/v1/interest-profiles?region={DaYing}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync($"/api/v1/interest-profiles?region={DaYing}")).StatusCode);

        var page = await staff.GetStringAsync($"/Popularization/Interests?region={DaYing}");
        Assert.Contains("id=\"profile-topics\"", page);
        Assert.Contains("呼吸道传染病高发季，做好这几点防护", page);
    }

    [Fact]
    public async Task Content_carries_topic_tags_from_the_fixed_list()
    {
        var staff = await app.SignInAsync("daying-staff");
        var body = new { kind = "Article", title = "标签测试", body = "<p>正文</p>", authorOrganization = "大英县科协", regionCode = DaYing, tags = new[] { "防疫", "健康", "防疫" } };
        var created = await (await staff.PostJsonAsync("/api/v1/science-contents", body)).OkJsonAsync();
        Assert.Equal(["防疫", "健康"], created["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ToArray());
        await (await staff.PostJsonAsync("/api/v1/science-contents", body with { tags = new[] { "八卦" } })).AssertValidationProblemAsync("tags");
        await (await staff.PostJsonAsync("/api/v1/science-contents", body with { tags = new[] { "防疫", "健康", "农业技术", "食品安全", "应急避险", "生态环保" } })).AssertValidationProblemAsync("tags");
        Assert.Contains("防疫", await (await app.Anonymous().GetAsync("/api/v1/science-topics")).Content.ReadAsStringAsync());
    }
}

public sealed class EStationInteractionSqliteTests(SqliteApp app) : EStationInteractionTests(app);

public sealed class EStationInteractionPostgresTests(PostgresApp app) : EStationInteractionTests(app);
