using Kexie.Data;
using Kexie.Domain.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Notifications;

/// <summary>
/// Adds notifications to the caller's unit of work, so they are saved in the same transaction as the change that
/// caused them (no change without its notification, no notification without its change). After the caller saved,
/// Each notification is also the outbox row of its e-mail copy (<see cref="EmailOutbox"/>); <see cref="AfterSaveAsync"/>
/// only wakes the dispatcher.
/// </summary>
public sealed class Notifier(KexieDbContext db, IEmailSender email, EmailSignal signal)
{
    private int pending;

    /// <summary>Notifies each distinct user once; <paramref name="except"/> (the one who acted) is left out.</summary>
    public int Add(IEnumerable<string?> userIds, NotificationKind kind, string title, string body, string? link, DateTimeOffset at, string? except = null, string? dedupKey = null)
    {
        var count = 0;
        foreach (var userId in userIds.Where(u => !string.IsNullOrEmpty(u) && u != except).Distinct(StringComparer.Ordinal))
        {
            var notification = Notification.Create(userId, kind, title, body, link, at, dedupKey);
            db.Set<Notification>().Add(notification);
            pending++;
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
    public void Discard() => pending = 0;

    /// <summary>After the caller saved: wakes the e-mail dispatcher (the notifications are its outbox rows).</summary>
    public Task AfterSaveAsync(CancellationToken ct)
    {
        var saved = pending;
        pending = 0;
        if (email.IsEnabled && saved > 0)
        {
            signal.Nudge();
        }

        return Task.CompletedTask;
    }
}
