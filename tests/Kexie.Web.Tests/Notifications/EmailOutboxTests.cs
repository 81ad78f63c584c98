using System.Net.Mail;
using Kexie.Data;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Tests.Notifications;

/// <summary>
/// The e-mail copies of notifications go out from the notification rows themselves: once, from any node, retried.
/// Other tests' notifications share the database (and are pending: SMTP is off in the test host), so every pass
/// here drains all that is due, as the background service does.
/// </summary>
public abstract class EmailOutboxTests(KexieApp app)
{
    /// <summary>Records what it sends; fails the first <see cref="FailuresLeft"/> copies whose subject holds
    /// <see cref="FailToken"/> (other tests' notifications share the database and pass through too).</summary>
    private sealed class FakeSender(string failToken = "\u0000") : IEmailSender
    {
        public List<EmailMessage> Sent { get; } = [];

        public int FailuresLeft { get; set; }

        public string FailToken => failToken;

        public bool IsEnabled => true;

        public Task SendAsync(EmailMessage message, CancellationToken ct = default)
        {
            lock (Sent)
            {
                if (message.Subject.Contains(failToken, StringComparison.Ordinal) && FailuresLeft-- > 0)
                {
                    throw new SmtpException(SmtpStatusCode.ServiceNotAvailable, "421 稍后再试");
                }

                Sent.Add(message);
            }

            return Task.CompletedTask;
        }
    }

    private static EmailOutbox Outbox(KexieDbContext db, IEmailSender sender) =>
        new(db, sender, Options.Create(new SmtpOptions { Host = "smtp.example.cn", SiteUrl = "https://kxy.example.cn/" }), NullLogger<EmailOutbox>.Instance);

    private async Task<T> WithDbAsync<T>(Func<KexieDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<KexieDbContext>());
    }

    private Task<Notification> StateAsync(Guid id) => WithDbAsync(db => db.Set<Notification>().AsNoTracking().SingleAsync(n => n.Id == id));

    private async Task<(string WithMail, string WithoutMail)> UsersAsync(string token) => await WithDbAsync(async db =>
    {
        var withMail = new AppUser { UserName = $"mail-{token}", Email = $"mail-{token}@example.cn", DisplayName = "邮件测试", Role = UserRole.OrganizationMember, RegionCode = "510923" };
        var withoutMail = new AppUser { UserName = $"nomail-{token}", DisplayName = "无邮箱", Role = UserRole.OrganizationMember, RegionCode = "510923" };
        db.Users.AddRange(withMail, withoutMail);
        await db.SaveChangesAsync();
        return (withMail.Id, withoutMail.Id);
    });

    private Task<Guid> NotifyAsync(string userId, string title, DateTimeOffset at) => WithDbAsync(async db =>
    {
        var n = Notification.Create(userId, NotificationKind.OrderInquiry, title, "有新的询价，请及时处理。", "/Market/Orders", at);
        db.Add(n);
        await db.SaveChangesAsync();
        return n.Id;
    });

    [Fact]
    public async Task A_committed_notification_is_mailed_once_even_when_two_nodes_dispatch_together()
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        var (withMail, withoutMail) = await UsersAsync(token);
        var now = DateTimeOffset.UtcNow;
        // A backlog of older copies, more than one batch: ours still goes out in this pass.
        await WithDbAsync(async db =>
        {
            db.AddRange(Enumerable.Range(0, 120).Select(i => Notification.Create(withoutMail, NotificationKind.OrderInquiry, $"积压{i}", "积压", null, now.AddMinutes(-1))));
            return await db.SaveChangesAsync();
        });
        var mailed = await NotifyAsync(withMail, $"新的询价{token}", now);
        var unmailable = await NotifyAsync(withoutMail, $"新的询价{token}-无邮箱", now);
        var stale = await NotifyAsync(withMail, $"旧通知{token}", now - EmailOutbox.Window - TimeSpan.FromMinutes(1));

        var sender = new FakeSender();
        await using (var a = app.Services.CreateAsyncScope())
        await using (var b = app.Services.CreateAsyncScope())
        {
            await Task.WhenAll(
                Outbox(a.ServiceProvider.GetRequiredService<KexieDbContext>(), sender).DispatchDueAsync(now),
                Outbox(b.ServiceProvider.GetRequiredService<KexieDbContext>(), sender).DispatchDueAsync(now));
        }

        var mine = sender.Sent.Where(m => m.Subject.Contains(token, StringComparison.Ordinal)).ToList();
        var message = Assert.Single(mine);
        Assert.Equal($"mail-{token}@example.cn", message.To);
        Assert.Equal($"【科协云】新的询价{token}", message.Subject);
        Assert.Contains("https://kxy.example.cn/Market/Orders", message.Body);
        Assert.Equal((EmailDelivery.Sent, 1), ((await StateAsync(mailed)).EmailState, (await StateAsync(mailed)).EmailAttempts));
        Assert.Equal(EmailDelivery.NoAddress, (await StateAsync(unmailable)).EmailState);
        Assert.Equal(EmailDelivery.Pending, (await StateAsync(stale)).EmailState);

        // Another pass sends nothing of these again.
        await WithDbAsync(db => Outbox(db, sender).DispatchDueAsync(now.AddMinutes(1)));
        Assert.Single(sender.Sent, m => m.Subject.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_send_is_retried_after_a_back_off_and_given_up_after_the_last_attempt()
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        var (withMail, _) = await UsersAsync(token);
        var now = DateTimeOffset.UtcNow;
        var retried = await NotifyAsync(withMail, $"重试{token}", now);
        var sender = new FakeSender(token);
        Task Pass(DateTimeOffset at, FakeSender s) => WithDbAsync(db => Outbox(db, s).DispatchDueAsync(at));

        // First attempt fails: still pending, not before the back-off.
        sender.FailuresLeft = 1;
        await Pass(now, sender);
        var state = await StateAsync(retried);
        Assert.Equal((EmailDelivery.Pending, 1), (state.EmailState, state.EmailAttempts));
        Assert.True(state.EmailNextAttemptAt > now);
        await Pass(now.AddSeconds(30), new FakeSender());
        Assert.Equal(1, (await StateAsync(retried)).EmailAttempts);
        await Pass(state.EmailNextAttemptAt!.Value, sender);
        Assert.Equal((EmailDelivery.Sent, 2), ((await StateAsync(retried)).EmailState, (await StateAsync(retried)).EmailAttempts));
        Assert.Single(sender.Sent, m => m.Subject.Contains(token, StringComparison.Ordinal));

        // A copy that never goes through is given up after the last attempt.
        var hopeless = await NotifyAsync(withMail, $"放弃{token}", now);
        var failing = new FakeSender(token) { FailuresLeft = int.MaxValue };
        var at = now;
        for (var i = 0; i < EmailOutbox.MaxAttempts; i++)
        {
            await Pass(at, failing);
            at = (await StateAsync(hopeless)).EmailNextAttemptAt!.Value;
        }

        var last = await StateAsync(hopeless);
        Assert.Equal((EmailDelivery.Failed, EmailOutbox.MaxAttempts), (last.EmailState, last.EmailAttempts));
    }
}

public sealed class EmailOutboxSqliteTests(SqliteApp app) : EmailOutboxTests(app);

public sealed class EmailOutboxPostgresTests(PostgresApp app) : EmailOutboxTests(app);
