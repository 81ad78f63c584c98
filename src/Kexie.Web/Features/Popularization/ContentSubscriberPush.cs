using Kexie.Data;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Popularization;

/// <summary>
/// 推送给订阅者: when a 科普 item is published, every account that subscribed at a 科普e站 (远程订阅: an active subscription at
/// an active station, made while signed in) to one of the item's topics gets one notification with the title and a link,
/// through the notification outbox (in-app, and the e-mail or text copy as the person chose). Once per item and account:
/// publishing it again after a withdrawal tells no one twice. Only accounts that may read the item are told (the item's
/// own visibility rule, asked per recipient). Subscribers without an account and the stations' kiosks read the same
/// items from their feeds (<see cref="EStationInteractionService.MatchingContentAsync"/>), so they need no push.
/// </summary>
public sealed class ContentSubscriberPush(KexieDbContext db, Notifier notifier)
{
    /// <summary>The notification's dedup key: one per item and recipient.</summary>
    public static string DedupKey(Guid contentId) => $"content-published:{contentId}";

    public static string Title(string contentTitle) => $"订阅的科普内容已发布：{contentTitle}";

    public static string Body(string stationName, IEnumerable<string> topics, string contentTitle, string author) =>
        $"您在“{stationName}”订阅的“{string.Join("、", topics)}”主题有新发布的科普内容“{contentTitle}”（{author}），点击查看。";

    /// <summary>Adds the notifications to the caller's unit of work (saved with the publication); the number added.</summary>
    public async Task<int> AddAsync(ScienceContent content, Actor actor, CancellationToken ct)
    {
        if (!content.IsPublished || content.Tags.Count == 0)
        {
            return 0;
        }

        var tags = content.Tags.ToList();
        var subscriptions = await db.EStationSubscriptions.AsNoTracking()
            .Where(s => s.Active && s.UserId != null && s.Tags.Any(t => tags.Contains(t)))
            .Join(db.EStations.AsNoTracking().Where(e => e.Status == EStationStatus.Active), s => s.StationId, e => e.Id, (s, e) => new { s.UserId, s.Tags, s.CreatedAt, Station = e.Name })
            .ToListAsync(ct);
        if (subscriptions.Count == 0)
        {
            return 0;
        }

        var key = DedupKey(content.Id);
        var userIds = subscriptions.Select(s => s.UserId!).Distinct(StringComparer.Ordinal).ToList();
        var told = (await db.Set<Notification>().AsNoTracking()
            .Where(n => n.DedupKey == key && userIds.Contains(n.RecipientUserId)).Select(n => n.RecipientUserId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToListAsync(ct);
        var link = $"/Popularization/Contents/Details/{content.Id}";
        var added = 0;
        foreach (var user in users.Where(u => !told.Contains(u.Id) && content.IsVisibleTo(u.ToActor())).OrderBy(u => u.Id, StringComparer.Ordinal))
        {
            var mine = subscriptions.Where(s => s.UserId == user.Id).OrderBy(s => s.CreatedAt).ToList();
            var topics = tags.Where(t => mine.Any(s => s.Tags.Contains(t)));
            added += notifier.Add(
                [user.Id], NotificationKind.SubscribedContent, Title(content.Title), Body(mine[0].Station, topics, content.Title, content.AuthorOrganization),
                link, content.UpdatedAt, except: actor.UserId, dedupKey: key);
        }

        return added;
    }
}
