using Kexie.Data;
using Kexie.Domain.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Notifications;

/// <summary>
/// Adds notifications to the caller's unit of work, so they are saved in the same transaction as the change that
/// caused them (no change without its notification, no notification without its change). After the caller saved,
/// <see cref="AfterSaveAsync"/> queues the e-mail copies when SMTP is configured.
/// </summary>
public sealed class Notifier(KexieDbContext db, IEmailSender email, EmailQueue queue, Microsoft.Extensions.Options.IOptions<SmtpOptions> smtp)
{
    private readonly List<Notification> pending = [];

    /// <summary>Notifies each distinct user once; <paramref name="except"/> (the one who acted) is left out.</summary>
    public int Add(IEnumerable<string?> userIds, NotificationKind kind, string title, string body, string? link, DateTimeOffset at, string? except = null, string? dedupKey = null)
    {
        var count = 0;
        foreach (var userId in userIds.Where(u => !string.IsNullOrEmpty(u) && u != except).Distinct(StringComparer.Ordinal))
        {
            var notification = Notification.Create(userId, kind, title, body, link, at, dedupKey);
            db.Set<Notification>().Add(notification);
            pending.Add(notification);
            count++;
        }

        return count;
    }

    /// <summary>Accounts of the members of an organization.</summary>
    public Task<List<string>> OrganizationMembersAsync(Guid organizationId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.OrganizationId == organizationId).Select(u => u.Id).ToListAsync(ct);

    /// <summary>The account(s) of a science worker.</summary>
    public Task<List<string>> WorkerAccountsAsync(Guid workerId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.ScienceWorkerId == workerId).Select(u => u.Id).ToListAsync(ct);

    /// <summary>Forgets what was added (the save failed or was abandoned).</summary>
    public void Discard() => pending.Clear();

    /// <summary>Queues e-mail copies of what was saved, to recipients with an address; nothing when e-mail is off.</summary>
    public async Task AfterSaveAsync(CancellationToken ct)
    {
        var saved = pending.ToList();
        pending.Clear();
        if (!email.IsEnabled || saved.Count == 0)
        {
            return;
        }

        var ids = saved.Select(n => n.RecipientUserId).Distinct().ToList();
        var addresses = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.Email != null && u.Email != "")
            .ToDictionaryAsync(u => u.Id, u => u.Email!, ct);
        foreach (var n in saved)
        {
            if (addresses.TryGetValue(n.RecipientUserId, out var address))
            {
                queue.TryEnqueue(new EmailMessage(address, $"【科协云】{n.Title}", $"{n.Body}\n\n（{n.Kind.Chinese()}，请登录科协云查看{(n.Link is null ? string.Empty : "：" + AbsoluteLink(n.Link))}）"));
            }
        }
    }

    private string AbsoluteLink(string link) =>
        string.IsNullOrWhiteSpace(smtp.Value.SiteUrl) || !link.StartsWith('/') ? link : smtp.Value.SiteUrl.TrimEnd('/') + link;
}
