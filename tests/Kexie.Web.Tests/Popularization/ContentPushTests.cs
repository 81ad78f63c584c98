using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Data;
using Kexie.Web.Features.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

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

    /// <summary>The 订阅推送 notifications of an account about one item (an author's own 审核通过 notice about it is another kind).</summary>
    private Task<List<Notification>> PushesAsync(string userId, string link) =>
        app.QueryAsync(db => db.Set<Notification>().AsNoTracking().Where(n => n.RecipientUserId == userId && n.Link == link && n.Kind == NotificationKind.SubscribedContent).ToListAsync());

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

    private sealed class FakeEmail : IEmailSender
    {
        public List<EmailMessage> Sent { get; } = [];

        public bool IsEnabled => true;

        public Task SendAsync(EmailMessage message, CancellationToken ct = default)
        {
            lock (Sent)
            {
                Sent.Add(message);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>A resident's account with a confirmed phone and an e-mail address; its id, phone and address.</summary>
    private async Task<(HttpClient Client, string Id, string Phone, string Email)> ResidentAsync(string name)
    {
        var (client, id) = await app.CreateUserAsync(UserRole.ScienceWorker, name);
        var phone = KexieApp.NewPhone();
        var email = $"push-{Guid.NewGuid():N}"[..20] + "@example.cn";
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(id);
        user!.PhoneNumber = phone;
        user.PhoneNumberConfirmed = true;
        user.Email = email;
        user.EmailConfirmed = true;
        Assert.True((await users.UpdateAsync(user)).Succeeded);
        return (client, id, phone, email);
    }

    private async Task<string> PublishAsync(string title, params string[] tags)
    {
        var staff = await app.SignInAsync("daying-staff");
        var admin = await app.SignInAsync("daying");
        var id = Id(await (await staff.PostJsonAsync("/api/v1/science-contents", Content(title, tags))).OkJsonAsync());
        await (await staff.PostAsync($"/api/v1/science-contents/{id}/submit", null)).OkJsonAsync();
        await (await admin.PostAsync($"/api/v1/science-contents/{id}/publish", null)).OkJsonAsync();
        return $"/Popularization/Contents/Details/{id}";
    }

    private async Task<List<EmailMessage>> DispatchEmailAsync()
    {
        var email = new FakeEmail();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
        var outbox = new EmailOutbox(db, email, Options.Create(new SmtpOptions { Host = "smtp.example.cn" }), NullLogger<EmailOutbox>.Instance, scope.ServiceProvider.GetRequiredService<NotificationPreferences>());
        await outbox.DispatchDueAsync(DateTimeOffset.UtcNow);
        return email.Sent;
    }

    [Fact]
    public async Task A_staff_member_who_subscribes_someone_on_their_behalf_gets_none_of_their_pushes_the_subscriber_does()
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        var station = await StationAsync("蓬莱镇社区科普e站");
        var subscriptions = $"/api/v1/e-stations/{station}/subscriptions";
        var staff = await app.SignInAsync("daying-staff");
        var staffId = await app.QueryAsync(db => db.Users.Where(u => u.UserName == "daying-staff").Select(u => u.Id).SingleAsync());
        var (_, residentId, phone, _) = await ResidentAsync("代订居民" + token);

        // The staff type in a resident with an account (by phone) and one without any (no phone): neither subscription is the staff's.
        await (await staff.PostJsonAsync(subscriptions, new { subscriberKind = "Resident", subscriberName = "代订居民", phone, tags = new[] { "节能低碳" } })).OkJsonAsync();
        await (await staff.PostJsonAsync(subscriptions, new { subscriberKind = "Organization", subscriberName = $"蓬莱镇某单位{token}", tags = new[] { "节能低碳" } })).OkJsonAsync();
        var owners = await app.QueryAsync(db => db.EStationSubscriptions.Where(s => s.StationId == station && (s.Phone == phone || s.SubscriberName == $"蓬莱镇某单位{token}"))
            .Select(s => s.UserId).ToListAsync());
        Assert.Equal(2, owners.Count);
        Assert.DoesNotContain(staffId, owners);
        Assert.Contains(residentId, owners);

        // The item is published by the county's admin (not the staff, whom a notifier would leave out as the actor anyway).
        var link = await PublishAsync($"冬季节能小常识{token}", "节能低碳");
        Assert.Single(await PushesAsync(residentId, link));
        Assert.Empty(await PushesAsync(staffId, link));

        // Said explicitly (onBehalf = false), the staff subscribe for themselves and are told.
        await (await staff.PostJsonAsync(subscriptions, new { subscriberKind = "ScienceWorker", subscriberName = "工作人员本人", tags = new[] { "航空航天" }, onBehalf = false })).OkJsonAsync();
        var own = await PublishAsync($"空间站科普{token}", "航空航天");
        Assert.Single(await PushesAsync(staffId, own));
    }

    [Fact]
    public async Task E_mail_copies_of_pushes_are_off_until_the_subscriber_turns_them_on()
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        var station = await StationAsync("大英县图书馆科普e站");
        var (client, residentId, _, address) = await ResidentAsync("邮件订阅者" + token);
        await (await client.PostJsonAsync($"/api/v1/e-stations/{station}/subscriptions", new { subscriberKind = "Resident", subscriberName = "邮件订阅者", tags = new[] { "生态环保" } })).OkJsonAsync();

        // By default: in-app only — the settings say so, and the outbox skips the copy.
        var defaults = (await (await client.GetAsync("/api/v1/notifications/settings")).OkJsonAsync())["kinds"]!.AsArray();
        Assert.False(defaults.Single(k => k!["kind"]!.GetValue<string>() == "SubscribedContent")!["email"]!.GetValue<bool>());
        Assert.True(defaults.Single(k => k!["kind"]!.GetValue<string>() == "OrderInquiry")!["email"]!.GetValue<bool>());
        var first = await PublishAsync($"湿地保护知多少{token}", "生态环保");
        var quiet = Assert.Single(await PushesAsync(residentId, first));
        var sent = await DispatchEmailAsync();
        Assert.DoesNotContain(sent, m => m.To == address);
        Assert.Equal(EmailDelivery.Skipped, (await app.QueryAsync(db => db.Set<Notification>().AsNoTracking().SingleAsync(n => n.Id == quiet.Id))).EmailState);

        // The subscriber turns e-mail on for 订阅推送: the next push comes by e-mail too.
        await (await client.PutAsJsonAsync("/api/v1/notifications/settings", new { email = new[] { "SubscribedContent" }, text = Array.Empty<string>(), dailyDigest = false }, Json.Options)).OkJsonAsync();
        var second = await PublishAsync($"垃圾分类新规{token}", "生态环保");
        var mailed = Assert.Single(await PushesAsync(residentId, second));
        sent = await DispatchEmailAsync();
        Assert.Contains(sent, m => m.To == address && m.Subject.Contains($"垃圾分类新规{token}", StringComparison.Ordinal));
        Assert.Equal(EmailDelivery.Sent, (await app.QueryAsync(db => db.Set<Notification>().AsNoTracking().SingleAsync(n => n.Id == mailed.Id))).EmailState);
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
