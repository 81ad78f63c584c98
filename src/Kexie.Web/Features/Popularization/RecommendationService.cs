using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Popularization;

/// <summary>A recommended item and, in one Chinese line, why (names the topic, never a code).</summary>
public sealed record RecommendedItemDto(Guid Id, string Title, string KindName, IReadOnlyList<string> Tags, string Reason, string Link, DateOnly? StartsOn = null);

/// <summary>为你推荐: the topics the user's own profile weighs (or their region's), and published content and upcoming activities on them.</summary>
public sealed record RecommendationsDto(IReadOnlyList<string> Topics, bool FromRegion, IReadOnlyList<RecommendedItemDto> Contents, IReadOnlyList<RecommendedItemDto> Activities);

/// <summary>
/// 为你推荐 from the 科普需求画像 of one signed-in user: the topics of their active 科普e站 subscriptions (weight 3) and of
/// the activities they registered for (weight 2). A user with none of those gets their region's top topics (its
/// subscriptions and kiosk quiz answers). Kiosk views and quiz answers are anonymous, so they feed the station's and the
/// region's profile, not a person's.
/// </summary>
public sealed class RecommendationService(KexieDbContext db, EStationInteractionService interaction)
{
    public const int Size = 6;

    public async Task<RecommendationsDto> ForAsync(Actor actor, CancellationToken ct = default)
    {
        var reasons = new Dictionary<string, (int Weight, string Reason)>(StringComparer.Ordinal);
        void Add(IEnumerable<string> tags, int weight, Func<string, string> reason)
        {
            foreach (var tag in tags)
            {
                var (w, r) = reasons.GetValueOrDefault(tag);
                reasons[tag] = (w + weight, r ?? reason(tag));
            }
        }

        if (actor.UserId is { } userId)
        {
            var subscribed = await db.EStationSubscriptions.AsNoTracking().Where(s => s.UserId == userId && s.Active).Select(s => s.Tags).ToListAsync(ct);
            subscribed.ForEach(t => Add(t, 3, tag => $"你在科普e站订阅了“{tag}”"));
            var registered = await db.ActivityParticipants.AsNoTracking().Where(p => p.RegisteredByUserId == userId)
                .Join(db.PopularizationActivities.AsNoTracking(), p => p.ActivityId, a => a.Id, (p, a) => a.Tags).ToListAsync(ct);
            registered.ForEach(t => Add(t, 2, tag => $"你报名过“{tag}”主题的活动"));
        }

        var fromRegion = reasons.Count == 0;
        if (fromRegion)
        {
            var region = RegionOf(actor);
            var subscriptions = await db.EStationSubscriptions.AsNoTracking().Where(s => s.Active && RegionScope.Within(s.RegionCode, region)).Select(s => s.Tags).ToListAsync(ct);
            var quizzes = await db.QuizAttempts.AsNoTracking().Where(a => RegionScope.Within(a.RegionCode, region)).OrderByDescending(a => a.CreatedAt).Take(2000).Select(a => a.Topics).ToListAsync(ct);
            subscriptions.ForEach(t => Add(t, 1, tag => $"本地区群众关注“{tag}”"));
            quizzes.ForEach(t => Add(t, 1, tag => $"本地区群众关注“{tag}”"));
        }

        var topics = reasons.OrderByDescending(r => r.Value.Weight).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Key).Take(3).ToList();
        string Why(IEnumerable<string> tags) => reasons[topics.First(tags.Contains)].Reason;

        var contents = (await interaction.MatchingContentAsync(topics, 50, ct))
            .OrderBy(c => topics.FindIndex(c.Tags.Contains)).ThenByDescending(c => c.PublishedAt)
            .Take(Size)
            .Select(c => new RecommendedItemDto(c.Id, c.Title, c.KindName, c.Tags, Why(c.Tags), $"/Popularization/Contents/Details/{c.Id}"))
            .ToList();

        var today = MarketRules.ChinaDate(DateTimeOffset.UtcNow);
        var activities = topics.Count == 0 ? [] : (await db.PopularizationActivities.AsNoTracking()
                .Where(a => a.Status == ActivityStatus.Open && a.EndsOn >= today && a.Tags.Any(t => topics.Contains(t)))
                .OrderBy(a => a.StartsOn).Take(50).ToListAsync(ct))
            .OrderBy(a => topics.FindIndex(a.Tags.Contains)).ThenBy(a => a.StartsOn)
            .Take(Size)
            .Select(a => new RecommendedItemDto(a.Id, a.Title, a.Kind.Chinese(), a.Tags, Why(a.Tags), $"/Popularization/Activities/Details/{a.Id}", a.StartsOn))
            .ToList();
        return new RecommendationsDto(topics, fromRegion && topics.Count > 0, contents, activities);
    }

    /// <summary>The region a user's profile falls back to: the county (or larger region) of their account.</summary>
    private static string RegionOf(Actor actor) => actor.RegionCode is "-" ? string.Empty : Kexie.Domain.Regions.RegionCode.CountyOf(actor.RegionCode);
}
