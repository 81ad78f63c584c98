using System.Net.Http.Json;
using Kexie.Data;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Web.Features.Notifications;
using Kexie.Web.Features.Workbench;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Tests.Notifications;

/// <summary>Per-user channel choices (通知设置) honoured by the e-mail and text outboxes; the daily digest once per user per day.</summary>
public abstract class ChannelTests(KexieApp app)
{
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

    private sealed class FakeText : ITextMessageSender
    {
        public List<TextMessage> Sent { get; } = [];

        public bool DeliversToPhones => true;

        public Task SendAsync(TextMessage message, CancellationToken ct = default)
        {
            lock (Sent)
            {
                Sent.Add(message);
            }

            return Task.CompletedTask;
        }
    }

    private async Task<(string Id, string UserName, string Email)> AccountAsync(UserRole role, string region, string displayName, string? phone = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var token = Guid.NewGuid().ToString("N")[..8];
        var user = new AppUser { UserName = $"ch-{token}", Email = $"ch-{token}@example.cn", PhoneNumber = phone, DisplayName = displayName, Role = role, RegionCode = region, EmailConfirmed = true };
        var result = await users.CreateAsync(user, Kexie.Data.Seeding.DemoSeeder.DemoPassword);
        Assert.True(result.Succeeded);
        return (user.Id, user.UserName, user.Email);
    }

    private Task<Guid> NotifyAsync(string userId, NotificationKind kind, string title) => app.QueryAsync(async db =>
    {
        var n = Notification.Create(userId, kind, title, "请及时处理。", "/Notifications", DateTimeOffset.UtcNow);
        db.Add(n);
        await db.SaveChangesAsync();
        return n.Id;
    });

    private Task<Notification> StateAsync(Guid id) => app.QueryAsync(db => db.Set<Notification>().AsNoTracking().SingleAsync(n => n.Id == id));

    [Fact]
    public async Task Each_channel_carries_only_the_kinds_the_user_chose()
    {
        var (userId, userName, address) = await AccountAsync(UserRole.OrganizationMember, "510923", "渠道测试 赵磊", "13900000000");
        var client = await app.SignInAsync(userName);

        var defaults = await (await client.GetAsync("/api/v1/notifications/settings")).OkJsonAsync();
        // E-mail for every kind but 订阅推送, whose copies are opt-in.
        Assert.All(defaults["kinds"]!.AsArray(), k => Assert.Equal(k!["kind"]!.GetValue<string>() != "SubscribedContent", k["email"]!.GetValue<bool>()));
        Assert.All(defaults["kinds"]!.AsArray(), k => Assert.False(k!["text"]!.GetValue<bool>()));
        Assert.False(defaults["digestOffered"]!.GetValue<bool>());

        var saved = await (await client.PutAsJsonAsync("/api/v1/notifications/settings", new { email = new[] { "OrderInquiry" }, text = new[] { "ReviewApproved" }, dailyDigest = false }, Json.Options)).OkJsonAsync();
        Assert.Equal(["OrderInquiry"], saved["kinds"]!.AsArray().Where(k => k!["email"]!.GetValue<bool>()).Select(k => k!["kind"]!.GetValue<string>()).ToArray());

        var token = Guid.NewGuid().ToString("N")[..8];
        var inquiry = await NotifyAsync(userId, NotificationKind.OrderInquiry, $"新的询价{token}");
        var approved = await NotifyAsync(userId, NotificationKind.ReviewApproved, $"审核通过{token}");

        var email = new FakeEmail();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
            var outbox = new EmailOutbox(db, email, Options.Create(new SmtpOptions { Host = "smtp.example.cn" }), NullLogger<EmailOutbox>.Instance, scope.ServiceProvider.GetRequiredService<NotificationPreferences>());
            await outbox.DispatchDueAsync(DateTimeOffset.UtcNow);
        }

        Assert.Equal([$"【科协云】新的询价{token}"], email.Sent.Where(m => m.To == address).Select(m => m.Subject).ToArray());
        Assert.Equal(EmailDelivery.Sent, (await StateAsync(inquiry)).EmailState);
        Assert.Equal(EmailDelivery.Skipped, (await StateAsync(approved)).EmailState);

        // Text messages: only the approval. (The host's own dispatcher may take a row first: the states tell. A row it has
        // claimed but not finished stays 待发送 until it does, so dispatch again until neither row is pending, for at most 30 s.)
        var text = new FakeText();
        for (var attempt = 0; attempt < 60; attempt++)
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var outbox = new TextOutbox(scope.ServiceProvider.GetRequiredService<KexieDbContext>(), text, scope.ServiceProvider.GetRequiredService<NotificationPreferences>(), NullLogger<TextOutbox>.Instance);
                await outbox.DispatchDueAsync(DateTimeOffset.UtcNow);
            }

            if ((await StateAsync(approved)).TextState != TextDelivery.Pending && (await StateAsync(inquiry)).TextState != TextDelivery.Pending)
            {
                break;
            }

            await Task.Delay(500);
        }

        Assert.Equal(TextDelivery.Sent, (await StateAsync(approved)).TextState);
        Assert.Equal(TextDelivery.Skipped, (await StateAsync(inquiry)).TextState);
        Assert.DoesNotContain(text.Sent, m => m.Text.Contains($"新的询价{token}", StringComparison.Ordinal));
        Assert.Equal(new TextMessage("13900000000", $"【科协云】审核通过{token}。请登录科协云查看。"), TextOutbox.Compose(await StateAsync(approved), "13900000000"));

        // The settings page shows the choices by their Chinese names.
        var page = await (await client.GetAsync("/Notifications/Settings")).Content.ReadAsStringAsync();
        Assert.Contains("通知设置", page);
        Assert.Contains("一单一策指派", page);
        Assert.DoesNotContain("每日摘要", page);
    }

    [Fact]
    public async Task A_kind_added_after_the_user_saved_their_settings_is_e_mailed_by_default_and_their_choices_stay()
    {
        var (userId, userName, address) = await AccountAsync(UserRole.OrganizationMember, "510923", "渠道测试 孙悦");

        // Saved when 活动报名 did not exist: the settings showed every other kind; review results by e-mail were turned off.
        await app.QueryAsync(async db =>
        {
            var preference = NotificationPreference.Defaults(userId);
            preference.Set(
                [NotificationKind.OrderInquiry, NotificationKind.VolunteerRecruitment],
                [],
                dailyDigest: false,
                DateTimeOffset.UtcNow.AddDays(-30),
                shown: Enum.GetValues<NotificationKind>().Where(k => k != NotificationKind.ActivityRegistration));
            db.Add(preference);
            await db.SaveChangesAsync();
            return 0;
        });

        var client = await app.SignInAsync(userName);
        var settings = await (await client.GetAsync("/api/v1/notifications/settings")).OkJsonAsync();
        var emailed = settings["kinds"]!.AsArray().Where(k => k!["email"]!.GetValue<bool>()).Select(k => k!["kind"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["ActivityRegistration", "OrderInquiry", "VolunteerRecruitment"], emailed);

        var token = Guid.NewGuid().ToString("N")[..8];
        var signUp = await NotifyAsync(userId, NotificationKind.ActivityRegistration, $"报名已确认{token}");
        var approved = await NotifyAsync(userId, NotificationKind.ReviewApproved, $"审核通过{token}");
        var email = new FakeEmail();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
            var outbox = new EmailOutbox(db, email, Options.Create(new SmtpOptions { Host = "smtp.example.cn" }), NullLogger<EmailOutbox>.Instance, scope.ServiceProvider.GetRequiredService<NotificationPreferences>());
            await outbox.DispatchDueAsync(DateTimeOffset.UtcNow);
        }

        Assert.Equal([$"【科协云】报名已确认{token}"], email.Sent.Where(m => m.To == address).Select(m => m.Subject).ToArray());
        Assert.Equal(EmailDelivery.Sent, (await StateAsync(signUp)).EmailState);
        Assert.Equal(EmailDelivery.Skipped, (await StateAsync(approved)).EmailState);

        // Saving on today's page, with 活动报名 left unticked, makes that their choice.
        await (await client.PutAsJsonAsync("/api/v1/notifications/settings", new { email = new[] { "OrderInquiry" }, text = Array.Empty<string>(), dailyDigest = false }, Json.Options)).OkJsonAsync();
        var stored = await app.QueryAsync(db => db.Set<NotificationPreference>().AsNoTracking().SingleAsync(p => p.UserId == userId));
        Assert.False(stored.Wants(NotificationKind.ActivityRegistration, NotificationChannel.Email));
        Assert.True(stored.Chose(NotificationKind.ActivityRegistration));
    }

    [Fact]
    public async Task The_daily_digest_goes_once_per_user_per_day_across_nodes_from_the_configured_hour()
    {
        var (staffId, _, staffMail) = await AccountAsync(UserRole.ServiceCenterStaff, "510981", "射洪市科技云服务中心 周涛");
        var (quietId, quietName, quietMail) = await AccountAsync(UserRole.ServiceCenterStaff, "510981", "射洪市科技云服务中心 孙丽");
        await NotifyAsync(staffId, NotificationKind.ResponseOverdue, "科技需求“柑橘保鲜”超期未响应");
        await NotifyAsync(quietId, NotificationKind.ResponseOverdue, "科技需求“柠檬深加工”超期未响应");
        await (await (await app.SignInAsync(quietName)).PutAsJsonAsync("/api/v1/notifications/settings", new { email = Array.Empty<string>(), text = Array.Empty<string>(), dailyDigest = false }, Json.Options)).OkJsonAsync();

        var email = new FakeEmail();
        var china = TimeSpan.FromHours(8);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(30); // a day no other run has claimed
        DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 30)), china);

        async Task<int> RunAsync(DateTimeOffset now)
        {
            await using var a = app.Services.CreateAsyncScope();
            await using var b = app.Services.CreateAsyncScope();
            var results = await Task.WhenAll(Sender(a.ServiceProvider, email).RunAsync(now), Sender(b.ServiceProvider, email).RunAsync(now));
            return results.Sum();
        }

        // Before the hour: nothing.
        await RunAsync(At(today, 7));
        Assert.DoesNotContain(email.Sent, m => m.To == staffMail);

        // From the hour, two nodes together: one digest.
        await RunAsync(At(today, 8));
        await RunAsync(At(today, 15));
        var digest = Assert.Single(email.Sent, m => m.To == staffMail);
        Assert.Contains("每日待办摘要", digest.Subject);
        Assert.Contains("射洪市科技云服务中心 周涛", digest.Body);
        Assert.Contains("未读通知 1 条", digest.Body);
        Assert.DoesNotContain(email.Sent, m => m.To == quietMail);

        // The next day: the next one.
        await RunAsync(At(today.AddDays(1), 9));
        Assert.Equal(2, email.Sent.Count(m => m.To == staffMail));
        Assert.Equal(2, await app.QueryAsync(db => db.Set<NotificationDigest>().CountAsync(d => d.UserId == staffId)));
    }

    private static DigestSender Sender(IServiceProvider services, IEmailSender email) => new(
        services.GetRequiredService<KexieDbContext>(),
        email,
        services.GetRequiredService<NotificationPreferences>(),
        services.GetRequiredService<WorkbenchService>(),
        services.GetRequiredService<Kexie.Domain.Authorization.AccessPolicy>(),
        Options.Create(new NotificationOptions { DigestHour = 8 }),
        Options.Create(new SmtpOptions { Host = "smtp.example.cn", SiteUrl = "https://kxy.example.cn" }),
        NullLogger<DigestSender>.Instance);
}

public sealed class ChannelSqliteTests(SqliteApp app) : ChannelTests(app);

public sealed class ChannelPostgresTests(PostgresApp app) : ChannelTests(app);
