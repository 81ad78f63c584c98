using Kexie.Data;
using Kexie.Domain.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Notifications;

/// <summary>
/// Sends the text-message copies of notifications through <see cref="ITextMessageSender"/>, with the e-mail copy's outbox
/// pattern: the notification row is the outbox (written with the change), a node claims a row with one conditional UPDATE,
/// failures are retried with back-off. Only recipients who chose text messages for the kind get one
/// (<see cref="NotificationPreference"/>; the default is none); the others' rows are marked <see cref="TextDelivery.Skipped"/>.
/// </summary>
public sealed class TextOutbox(KexieDbContext db, ITextMessageSender sender, NotificationPreferences preferences, ILogger<TextOutbox> logger)
{
    public const int MaxAttempts = 5;

    /// <summary>A text message is a notice of now: copies older than this are not sent.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(6);

    private const int BatchSize = 100;

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

    public async Task<(int Due, int Sent)> DispatchOnceAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var since = now - Window;
        var due = await db.Set<Notification>().AsNoTracking()
            .Where(n => n.TextState == TextDelivery.Pending && n.CreatedAt >= since && (n.TextNextAttemptAt == null || n.TextNextAttemptAt <= now))
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Take(BatchSize).ToListAsync(ct);
        if (due.Count == 0)
        {
            return (0, 0);
        }

        var recipients = due.Select(n => n.RecipientUserId).Distinct().ToList();
        var choices = await preferences.LoadAsync(recipients, ct);
        var unwanted = due.Where(n => !choices[n.RecipientUserId].Wants(n.Kind, NotificationChannel.Text)).Select(n => n.Id).ToList();
        if (unwanted.Count > 0)
        {
            await db.Set<Notification>().Where(n => unwanted.Contains(n.Id) && n.TextState == TextDelivery.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.TextState, TextDelivery.Skipped), ct);
        }

        var phones = await db.Users.AsNoTracking().Where(u => recipients.Contains(u.Id) && u.PhoneNumber != null && u.PhoneNumber != "")
            .ToDictionaryAsync(u => u.Id, u => u.PhoneNumber!, ct);
        var sent = 0;
        foreach (var n in due.Where(n => !unwanted.Contains(n.Id)))
        {
            var claimedUntil = now + EmailOutbox.ClaimFor;
            var claimed = await Row(n.Id)
                .Where(x => x.TextState == TextDelivery.Pending && (x.TextNextAttemptAt == null || x.TextNextAttemptAt <= now))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.TextNextAttemptAt, claimedUntil), ct);
            if (claimed == 0)
            {
                continue;
            }

            if (!phones.TryGetValue(n.RecipientUserId, out var phone))
            {
                await Row(n.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.TextState, TextDelivery.NoPhone), ct);
                continue;
            }

            try
            {
                await sender.SendAsync(Compose(n, phone), ct);
                await Row(n.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.TextState, TextDelivery.Sent).SetProperty(x => x.TextAttempts, n.TextAttempts + 1), ct);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var attempts = n.TextAttempts + 1;
                var giveUp = attempts >= MaxAttempts;
                await Row(n.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.TextAttempts, attempts)
                    .SetProperty(x => x.TextState, giveUp ? TextDelivery.Failed : TextDelivery.Pending)
                    .SetProperty(x => x.TextNextAttemptAt, now + TimeSpan.FromMinutes(Math.Pow(3, attempts))), ct);
                logger.LogWarning(e, "通知短信发送失败（第 {Attempt} 次{GiveUp}）", attempts, giveUp ? "，不再重试" : string.Empty);
            }
        }

        return (due.Count, sent);
    }

    /// <summary>The text: the title and a pointer to the site (short; the body stays on the platform).</summary>
    public static TextMessage Compose(Notification n, string phone) => new(phone, $"【科协云】{n.Title}。请登录科协云查看。");

    private IQueryable<Notification> Row(Guid id) => db.Set<Notification>().Where(x => x.Id == id);
}
