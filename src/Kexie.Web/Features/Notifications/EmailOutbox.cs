using Kexie.Data;
using Kexie.Domain.Market;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Features.Notifications;

/// <summary>
/// Sends the e-mail copies of notifications. The notification row is the outbox: it is written in the same
/// transaction as the change that caused it, with <see cref="EmailDelivery.Pending"/>, so a crash after the commit
/// loses no e-mail; the next pass of any node sends it. A node claims a row by moving its
/// <see cref="Notification.EmailNextAttemptAt"/> forward in one conditional UPDATE, so two nodes never send the same
/// copy at once; a failure is retried with back-off, and given up after <see cref="MaxAttempts"/>.
/// </summary>
public sealed class EmailOutbox(KexieDbContext db, IEmailSender sender, IOptions<SmtpOptions> smtp, ILogger<EmailOutbox> logger, NotificationPreferences? preferences = null)
{
    private readonly NotificationPreferences choices = preferences ?? new NotificationPreferences(db, TimeProvider.System);

    public const int MaxAttempts = 5;

    /// <summary>Copies older than this are not sent (e.g. written before SMTP was configured).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(1);

    /// <summary>How long a claim holds: longer than one SMTP conversation.</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);

    private const int BatchSize = 50;

    /// <summary>Sends everything due at <paramref name="now"/>, a batch at a time, oldest first; returns the copies sent.</summary>
    public async Task<int> DispatchDueAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var sent = 0;
        for (var pass = 0; pass < 1000; pass++)
        {
            var (due, done) = await DispatchOnceAsync(now, ct);
            sent += done;
            if (due < BatchSize)
            {
                break;
            }
        }

        return sent;
    }

    /// <summary>One batch: the oldest copies due at <paramref name="now"/>; returns how many were due and how many sent.</summary>
    public async Task<(int Due, int Sent)> DispatchOnceAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        if (!sender.IsEnabled)
        {
            return (0, 0);
        }

        var since = now - Window;
        var due = await db.Set<Notification>().AsNoTracking()
            .Where(n => n.EmailState == EmailDelivery.Pending && n.CreatedAt >= since && (n.EmailNextAttemptAt == null || n.EmailNextAttemptAt <= now))
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Take(BatchSize).ToListAsync(ct);
        var fetched = due.Count;
        var recipients = due.Select(n => n.RecipientUserId).Distinct().ToList();

        // Recipients who chose no e-mail for the kind (通知设置): marked skipped, not sent.
        var wanted = await choices.LoadAsync(recipients, ct);
        var unwanted = due.Where(n => !wanted[n.RecipientUserId].Wants(n.Kind, NotificationChannel.Email)).Select(n => n.Id).ToList();
        if (unwanted.Count > 0)
        {
            await db.Set<Notification>().Where(n => unwanted.Contains(n.Id) && n.EmailState == EmailDelivery.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailState, EmailDelivery.Skipped), ct);
            due = due.Where(n => !unwanted.Contains(n.Id)).ToList();
        }

        var addresses = await db.Users.AsNoTracking().Where(u => recipients.Contains(u.Id) && u.Email != null && u.Email != "")
            .ToDictionaryAsync(u => u.Id, u => u.Email!, ct);
        var sent = 0;
        foreach (var n in due)
        {
            var claimedUntil = now + ClaimFor;
            var claimed = await Row(n.Id)
                .Where(x => x.EmailState == EmailDelivery.Pending && (x.EmailNextAttemptAt == null || x.EmailNextAttemptAt <= now))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EmailNextAttemptAt, claimedUntil), ct);
            if (claimed == 0)
            {
                continue;
            }

            if (!addresses.TryGetValue(n.RecipientUserId, out var address) || string.IsNullOrWhiteSpace(address))
            {
                await Row(n.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.EmailState, EmailDelivery.NoAddress), ct);
                continue;
            }

            try
            {
                await sender.SendAsync(Compose(n, address), ct);
                await Row(n.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.EmailState, EmailDelivery.Sent).SetProperty(x => x.EmailAttempts, n.EmailAttempts + 1), ct);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var attempts = n.EmailAttempts + 1;
                var giveUp = attempts >= MaxAttempts;
                var next = now + TimeSpan.FromMinutes(Math.Pow(4, attempts));
                await Row(n.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.EmailAttempts, attempts)
                    .SetProperty(x => x.EmailState, giveUp ? EmailDelivery.Failed : EmailDelivery.Pending)
                    .SetProperty(x => x.EmailNextAttemptAt, next), ct);
                logger.LogWarning(e, "通知邮件发送失败（第 {Attempt} 次{GiveUp}）：{To}", attempts, giveUp ? "，不再重试" : string.Empty, address);
            }
        }

        return (fetched, sent);
    }

    /// <summary>The mail for <paramref name="n"/>: its title and body, and an absolute link when <c>Smtp:SiteUrl</c> is set.</summary>
    public EmailMessage Compose(Notification n, string address) =>
        new(address, $"【科协云】{n.Title}", $"{n.Body}\n\n（{n.Kind.Chinese()}，请登录科协云查看{(n.Link is null ? string.Empty : "：" + AbsoluteLink(n.Link))}）");

    private IQueryable<Notification> Row(Guid id) => db.Set<Notification>().Where(x => x.Id == id);

    private string AbsoluteLink(string link) => smtp.Value.AbsoluteLink(link);
}

/// <summary>Wakes the dispatcher right after a save that added notifications (it also polls on its own).</summary>
public sealed class EmailSignal
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Nudge()
    {
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already nudged.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);
}

/// <summary>Runs <see cref="EmailOutbox"/> every few seconds, and at once when nudged; off when SMTP is not configured.</summary>
public sealed class EmailDispatchService(IServiceScopeFactory scopes, IEmailSender sender, EmailSignal signal, TimeProvider clock, ILogger<EmailDispatchService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!sender.IsEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<EmailOutbox>().DispatchDueAsync(clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "通知邮件发送轮次失败，稍后重试");
            }

            await signal.WaitAsync(Interval, stoppingToken);
        }
    }
}
