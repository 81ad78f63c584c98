using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Popularization;

/// <summary>
/// 推送给订阅者: publishing a 科普 item tells the accounts subscribed at a 科普e站 to one of its topics, once, with the title
/// and a link, and nobody else (other topics, cancelled subscriptions, a draft, a republication).
/// </summary>
public abstract partial class ContentPushTests(KexieApp app)
{
    private const string DaYing = "510923";

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private Task<Guid> StationAsync(string name) => app.QueryAsync(db => db.EStations.Where(s => s.Name == name).Select(s => s.Id).SingleAsync());

    private Task<List<Notification>> PushesAsync(string userId, string link) =>
        app.QueryAsync(db => db.Set<Notification>().AsNoTracking().Where(n => n.RecipientUserId == userId && n.Link == link).ToListAsync());

    private static object Content(string title, params string[] tags) =>
        new { kind = "Article", title, body = "正文", authorOrganization = "大英县科协", regionCode = DaYing, tags };

    [Fact]
    public async Task Publishing_tells_the_accounts_subscribed_to_its_topic_once_with_the_title_and_a_link()
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        var station = await StationAsync("蓬莱镇社区科普e站");
        var subscriptions = $"/api/v1/e-stations/{station}/subscriptions";
        var (reader, readerId) = await app.CreateUserAsync(UserRole.ScienceWorker, "订阅推送读者" + token);
        var (farmer, farmerId) = await app.CreateUserAsync(UserRole.ScienceWorker, "订阅推送农户" + token);
        var (leaver, leaverId) = await app.CreateUserAsync(UserRole.ScienceWorker, "订阅推送退订者" + token);

        // Two subscriptions of the reader on the item's topics (told once), the farmer on another topic, the leaver cancelled.
        await (await reader.PostJsonAsync(subscriptions, new { subscriberKind = "ScienceWorker", subscriberName = "读者", tags = new[] { "防疫" } })).OkJsonAsync();
        await (await reader.PostJsonAsync(subscriptions, new { subscriberKind = "ScienceWorker", subscriberName = "读者", tags = new[] { "健康", "防疫" } })).OkJsonAsync();
        await (await farmer.PostJsonAsync(subscriptions, new { subscriberKind = "ScienceWorker", subscriberName = "农户", tags = new[] { "农业技术" } })).OkJsonAsync();
        var cancelled = await (await leaver.PostJsonAsync(subscriptions, new { subscriberKind = "ScienceWorker", subscriberName = "退订者", tags = new[] { "防疫" } })).OkJsonAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await app.Anonymous().PostAsync($"/api/v1/e-station-subscriptions/by-key/{cancelled["accessKey"]!.GetValue<string>()}/cancel", null)).StatusCode);
        // A visitor without an account subscribes too: nobody to notify, their feed shows the item.
        await (await app.Anonymous().PostJsonAsync(subscriptions, new { subscriberKind = "Resident", subscriberName = "居民", tags = new[] { "防疫" } })).OkJsonAsync();

        var staff = await app.SignInAsync("daying-staff");
        var admin = await app.SignInAsync("daying");
        var title = $"秋冬季防疫要点{token}";
        var id = Id(await (await staff.PostJsonAsync("/api/v1/science-contents", Content(title, "防疫", "健康"))).OkJsonAsync());
        var link = $"/Popularization/Contents/Details/{id}";

        // Not yet published: a draft or an item waiting for review is not the readers' to see, and nobody is told.
        await (await staff.PostAsync($"/api/v1/science-contents/{id}/submit", null)).OkJsonAsync();
        Assert.Empty(await PushesAsync(readerId, link));

        await (await admin.PostAsync($"/api/v1/science-contents/{id}/publish", null)).OkJsonAsync();
        var push = Assert.Single(await PushesAsync(readerId, link));
        Assert.Equal(NotificationKind.SubscribedContent, push.Kind);
        Assert.Equal($"订阅的科普内容已发布：{title}", push.Title);
        Assert.Contains("“蓬莱镇社区科普e站”订阅的“防疫、健康”主题", push.Body, StringComparison.Ordinal);
        Assert.Contains(title, push.Body, StringComparison.Ordinal);
        Assert.Empty(await PushesAsync(farmerId, link));
        Assert.Empty(await PushesAsync(leaverId, link));

        // The reader's notification list shows it, named by kind, with its 查看 button (which opens the link).
        var list = await reader.GetStringAsync("/Notifications");
        var item = Regex.Match(list, $"<li [^>]*data-id=\"{push.Id}\"[^>]*>(.*?)</li>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("订阅推送", item, StringComparison.Ordinal);
        Assert.Contains(title, item, StringComparison.Ordinal);
        Assert.Contains("notification-open", item, StringComparison.Ordinal);

        // Withdrawn and published again: nobody is told twice.
        await (await staff.PostJsonAsync($"/api/v1/science-contents/{id}/withdraw", new { reason = "补充内容" })).OkJsonAsync();
        await (await staff.PostAsync($"/api/v1/science-contents/{id}/submit", null)).OkJsonAsync();
        await (await admin.PostAsync($"/api/v1/science-contents/{id}/publish", null)).OkJsonAsync();
        Assert.Single(await PushesAsync(readerId, link));

        // An item on other topics tells the farmer, not the reader.
        var other = Id(await (await staff.PostJsonAsync("/api/v1/science-contents", Content($"柑橘冬季管理{token}", "农业技术"))).OkJsonAsync());
        await (await staff.PostAsync($"/api/v1/science-contents/{other}/submit", null)).OkJsonAsync();
        await (await admin.PostAsync($"/api/v1/science-contents/{other}/publish", null)).OkJsonAsync();
        Assert.Single(await PushesAsync(farmerId, $"/Popularization/Contents/Details/{other}"));
        Assert.Empty(await PushesAsync(readerId, $"/Popularization/Contents/Details/{other}"));
    }

    [Fact]
    public async Task A_subscriber_the_item_is_not_visible_to_is_not_told()
    {
        // The rule is the item's own visibility, asked per recipient: a published item is everyone's, anything else only its editors'.
        var token = Guid.NewGuid().ToString("N")[..8];
        var staff = await app.SignInAsync("daying-staff");
        var id = Guid.Parse(Id(await (await staff.PostJsonAsync("/api/v1/science-contents", Content($"未发布草稿{token}", "防疫"))).OkJsonAsync()));
        var (_, readerId) = await app.CreateUserAsync(UserRole.ScienceWorker, "草稿订阅者" + token);
        var station = await StationAsync("蓬莱镇社区科普e站");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Kexie.Data.KexieDbContext>();
        var reader = await db.Users.AsNoTracking().SingleAsync(u => u.Id == readerId);
        db.EStationSubscriptions.Add(Kexie.Domain.Popularization.EStationSubscription.Subscribe(
            await db.EStations.SingleAsync(s => s.Id == station), new(Kexie.Domain.Popularization.SubscriberKind.ScienceWorker, "草稿订阅者", null, null, ["防疫"]), reader.ToActor()));
        await db.SaveChangesAsync();
        var draft = await db.ScienceContents.SingleAsync(c => c.Id == id);
        var push = scope.ServiceProvider.GetRequiredService<Kexie.Web.Features.Popularization.ContentSubscriberPush>();
        Assert.Equal(0, await push.AddAsync(draft, Actor.System, CancellationToken.None));
        Assert.Empty(await PushesAsync(readerId, $"/Popularization/Contents/Details/{id}"));
    }
}

public sealed class ContentPushSqliteTests(SqliteApp app) : ContentPushTests(app);

public sealed class ContentPushPostgresTests(PostgresApp app) : ContentPushTests(app);
