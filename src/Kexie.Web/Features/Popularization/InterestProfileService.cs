using Kexie.Domain.Authorization;
using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Indicators;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Popularization;

/// <summary>One topic of a region's profile: its active subscribers (by 科普e站 visitors of the region) and the reads of the region's published content on it.</summary>
public sealed record TopicInterestDto(string Tag, int Subscribers, long Reads, int Questions, long Likes = 0, int Registrations = 0, int Attended = 0, int QuizAnswers = 0);

/// <summary>A target group's top topics, by its subscribers.</summary>
public sealed record GroupInterestDto(TargetGroup? Group, string GroupName, int Subscribers, IReadOnlyList<string> TopTags);

/// <summary>A published item pushed to the region's subscribers: how many of them it reaches (their topics overlap its tags).</summary>
public sealed record PushedContentDto(Guid Id, string Title, string KindName, IReadOnlyList<string> Tags, DateTimeOffset? PublishedAt, int Reaches);

/// <summary>
/// 科普需求画像 of a region subtree, from what its people did on the platform: topics subscribed at its 科普e站 (with
/// the subscriber's target group), reads and kiosk likes of the content its staff published (and of its stations' own
/// posts), the questions asked at its stations (counted against a topic when the question's words contain the topic's
/// name), registrations and attendance of its activities tagged with the topic, and the questions on the topic answered in
/// its kiosks' quizzes (知识竞答). Each number says where it comes from.
/// </summary>
public sealed record InterestProfileDto(
    string RegionCode, string RegionName, int ActiveSubscriptions, int Stations, int Questions,
    IReadOnlyList<TopicInterestDto> Topics, IReadOnlyList<GroupInterestDto> Groups, IReadOnlyList<PushedContentDto> Pushed);

/// <summary>One topic of a period's 需求画像 (<see cref="DemandFigures"/>): its interest counts by source, and their sum (关注人次).</summary>
public sealed record TopicDemandDto(string Tag, int Subscriptions, int Registrations, long Consultations, int QuizAttempts, int Questions)
{
    /// <summary>What people did one by one (subscribed, registered, took a quiz, asked): ranks first.</summary>
    public long Declared => Subscriptions + Registrations + QuizAttempts + Questions;

    /// <summary>With the 群众咨询 tallied at the stands (attributed to the activity's topics): breaks the ties.</summary>
    public long Total => Declared + Consultations;
}

/// <summary>A target group's topics of most interest in the period (at most two, with their 关注人次).</summary>
public sealed record GroupDemandDto(TargetGroup Group, string GroupName, IReadOnlyList<TopicDemandDto> Topics);

/// <summary>
/// 科普需求画像 of a region subtree over a report's days, every number from records: the 远程订阅 standing at its end
/// (active subscriptions at the subtree's 科普e站 made by then, with the subscriber's group), the registrations for the subtree's
/// tagged activities begun in it (the activity's target group), the 群众咨询 tallied on site at them (the tally's group, else the
/// activity's), the kiosk 知识竞答 attempts of the period (an attempt counts once for each topic it asked), and the questions
/// asked at the subtree's stations in the period that name a topic. Topics rank by what people did one by one (订阅, 报名, 竞答,
/// 提问: <see cref="TopicDemandDto.Declared"/>), then with the tallied 咨询 (<see cref="TopicDemandDto.Total"/>, which a stand
/// counts for the activity's topics, not per person), then by name; <see cref="Top"/> are the first three, <see cref="Groups"/>
/// each group's first two; <see cref="Pushed"/> the subtree's 科普内容 published in the period on
/// one of those topics (pushed to their subscribers and the kiosks' feeds).
/// </summary>
public sealed record DemandFigures(
    int Subscriptions, int Registrations, long Consultations, int QuizAttempts, int Questions,
    IReadOnlyList<TopicDemandDto> Topics, IReadOnlyList<GroupDemandDto> Groups, IReadOnlyList<string> Top, int Pushed);

public sealed class InterestProfileService(KexieDbContext db, EStationInteractionService interaction, Kexie.Domain.Authorization.AccessPolicy policy)
{
    /// <summary>How many topics the report names for the region, and for each group.</summary>
    public const int TopTopics = 3;

    public const int GroupTopics = 2;

    /// <summary>The period's 需求画像 of the subtree for the annual report (<see cref="DemandFigures"/>); no actor: the report's caller was checked.</summary>
    public async Task<DemandFigures> DemandAsync(string code, DayRange period, CancellationToken ct = default)
    {
        var (first, last) = (period.First, period.Last);
        var (from, to) = MarketSupport.ChinaPeriod(first, last);
        var (start, end) = (from!.Value, to!.Value);
        var subscriptions = await db.EStationSubscriptions.AsNoTracking()
            .Where(s => s.Active && s.CreatedAt < end && RegionScope.Within(s.RegionCode, code) && s.Tags.Count > 0)
            .Select(s => new { s.Tags, s.TargetGroup }).ToListAsync(ct);
        var activities = db.PopularizationActivities.AsNoTracking()
            .Where(a => RegionScope.Within(a.RegionCode, code) && a.Status != ActivityStatus.Cancelled && a.StartsOn >= first && a.StartsOn <= last && a.Tags.Count > 0);
        var registrations = await activities
            .Select(a => new { a.Tags, a.TargetGroup, Registered = db.ActivityParticipants.Count(p => p.ActivityId == a.Id) })
            .Where(a => a.Registered > 0).ToListAsync(ct);
        var consultations = await db.EventTallies.AsNoTracking()
            .Where(t => t.Day >= first && t.Day <= last && t.Consultations > 0)
            .Join(activities, t => t.ActivityId, a => a.Id, (t, a) => new { a.Tags, Group = t.TargetGroup ?? a.TargetGroup, t.Consultations })
            .ToListAsync(ct);
        var quizzes = await db.QuizAttempts.AsNoTracking()
            .Where(q => RegionScope.Within(q.RegionCode, code) && q.CreatedAt >= start && q.CreatedAt < end)
            .Select(q => q.Topics).ToListAsync(ct);
        var questions = (await db.EStationQuestions.AsNoTracking()
            .Where(q => RegionScope.Within(q.RegionCode, code) && q.CreatedAt >= start && q.CreatedAt < end)
            .Select(q => q.Title).ToListAsync(ct))
            .Where(q => ScienceTopics.All.Any(t => q.Contains(t, StringComparison.Ordinal))).ToList();

        // Each signal with its group (none for quizzes and questions), counted per topic.
        var signals = subscriptions.Select(s => new Signal(s.Tags, s.TargetGroup, Sub: 1))
            .Concat(registrations.Select(r => new Signal(r.Tags, r.TargetGroup, Reg: r.Registered)))
            .Concat(consultations.Select(c => new Signal(c.Tags, c.Group, Con: c.Consultations)))
            .Concat(quizzes.Select(q => new Signal(q, null, Quiz: 1)))
            .Concat(questions.Select(q => new Signal(ScienceTopics.All.Where(t => q.Contains(t, StringComparison.Ordinal)), null, Ask: 1)))
            .SelectMany(s => s.Tags.Where(ScienceTopics.All.Contains).Distinct(StringComparer.Ordinal).Select(tag => s with { Tags = [tag] }))
            .ToList();
        static List<TopicDemandDto> Rank(IEnumerable<Signal> rows) =>
            rows.GroupBy(r => r.Tags.First(), StringComparer.Ordinal)
                .Select(g => new TopicDemandDto(g.Key, g.Sum(r => r.Sub), g.Sum(r => r.Reg), g.Sum(r => r.Con), g.Sum(r => r.Quiz), g.Sum(r => r.Ask)))
                .Where(t => t.Total > 0)
                .OrderByDescending(t => t.Declared).ThenByDescending(t => t.Total).ThenBy(t => t.Tag, StringComparer.Ordinal).ToList();

        var topics = Rank(signals);
        var groups = signals.Where(s => s.Group is not null).GroupBy(s => s.Group!.Value).OrderBy(g => g.Key)
            .Select(g => new GroupDemandDto(g.Key, g.Key.Chinese(), Rank(g).Take(GroupTopics).ToList()))
            .Where(g => g.Topics.Count > 0).ToList();
        var top = topics.Take(TopTopics).Select(t => t.Tag).ToList();
        var wanted = top.Concat(groups.SelectMany(g => g.Topics.Select(t => t.Tag))).Distinct(StringComparer.Ordinal).ToList();
        var pushed = wanted.Count == 0 ? 0 : (await db.ScienceContents.AsNoTracking()
            .Where(c => RegionScope.Within(c.RegionCode, code) && c.Status == ReviewStatus.Published && c.PublishedAt >= start && c.PublishedAt < end)
            .Select(c => c.Tags).ToListAsync(ct))
            .Count(tags => tags.Any(wanted.Contains));
        return new DemandFigures(
            subscriptions.Count, registrations.Sum(r => r.Registered), consultations.Sum(c => (long)c.Consultations), quizzes.Count(q => q.Count > 0), questions.Count,
            topics, groups, top, pushed);
    }

    public const int PushedSize = 10;

    public async Task<InterestProfileDto> ProfileAsync(Actor actor, string? region, CancellationToken ct = default)
    {
        var code = MarketSupport.RegionFilter(region) ?? actor.ManagedScope ?? throw new DomainValidationException("region", "请选择地区");
        if (!policy.Can(actor, PopularizationPermissions.AnswerEStationQuestions, code))
        {
            throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以查看本地区的科普需求画像");
        }

        var regionName = await db.Regions.AsNoTracking().Where(r => r.Code == code).Select(r => r.Name).FirstOrDefaultAsync(ct)
            ?? (code.Length == 0 ? "全国" : throw new DomainValidationException("region", "地区不存在"));

        var subscriptions = await db.EStationSubscriptions.AsNoTracking()
            .Where(s => s.Active && RegionScope.Within(s.RegionCode, code))
            .Select(s => new { s.Tags, s.TargetGroup })
            .ToListAsync(ct);
        var reads = await db.ScienceContents.AsNoTracking()
            .Where(c => c.Status == ReviewStatus.Published && RegionScope.Within(c.RegionCode, code) && c.Tags.Count > 0)
            .Select(c => new { c.Tags, c.Views })
            .ToListAsync(ct);
        var posts = await db.EStationPosts.AsNoTracking()
            .Where(p => RegionScope.Within(p.RegionCode, code) && p.Tags.Count > 0)
            .Select(p => new { p.Tags, p.Views, p.Likes })
            .ToListAsync(ct);
        var likes = await db.ScienceContents.AsNoTracking()
            .Where(c => c.Status == ReviewStatus.Published && RegionScope.Within(c.RegionCode, code) && c.Likes > 0)
            .Select(c => new { c.Tags, c.Likes })
            .ToListAsync(ct);
        var activities = await db.PopularizationActivities.AsNoTracking()
            .Where(a => RegionScope.Within(a.RegionCode, code) && a.Tags.Count > 0)
            .Select(a => new
            {
                a.Tags,
                Registered = db.ActivityParticipants.Count(p => p.ActivityId == a.Id),
                Attended = db.ActivityParticipants.Count(p => p.ActivityId == a.Id && p.CheckedInAt != null),
            })
            .ToListAsync(ct);
        var questions = await db.EStationQuestions.AsNoTracking().Where(q => RegionScope.Within(q.RegionCode, code)).Select(q => q.Title).ToListAsync(ct);
        var stations = await db.EStations.AsNoTracking().CountAsync(s => RegionScope.Within(s.RegionCode, code), ct);
        var quizTopics = (await db.QuizAttempts.AsNoTracking().Where(a => RegionScope.Within(a.RegionCode, code)).Select(a => a.Topics).ToListAsync(ct))
            .SelectMany(t => t).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());

        var topics = ScienceTopics.All
            .Select(tag => new TopicInterestDto(
                tag,
                subscriptions.Count(s => s.Tags.Contains(tag)),
                reads.Where(c => c.Tags.Contains(tag)).Sum(c => c.Views) + posts.Where(p => p.Tags.Contains(tag)).Sum(p => p.Views),
                questions.Count(q => q.Contains(tag, StringComparison.Ordinal)),
                likes.Where(c => c.Tags.Contains(tag)).Sum(c => c.Likes) + posts.Where(p => p.Tags.Contains(tag)).Sum(p => p.Likes),
                activities.Where(a => a.Tags.Contains(tag)).Sum(a => a.Registered),
                activities.Where(a => a.Tags.Contains(tag)).Sum(a => a.Attended),
                quizTopics.GetValueOrDefault(tag)))
            .Where(t => t.Subscribers > 0 || t.Reads > 0 || t.Questions > 0 || t.Likes > 0 || t.Registrations > 0 || t.QuizAnswers > 0)
            .OrderByDescending(t => t.Subscribers).ThenByDescending(t => t.Reads).ThenByDescending(t => t.Questions).ThenBy(t => t.Tag, StringComparer.Ordinal)
            .ToList();

        var groups = subscriptions
            .GroupBy(s => s.TargetGroup)
            .Select(g => new GroupInterestDto(
                g.Key,
                g.Key?.Chinese() ?? "未填写人群",
                g.Count(),
                g.SelectMany(s => s.Tags).GroupBy(t => t).OrderByDescending(t => t.Count()).ThenBy(t => t.Key, StringComparer.Ordinal).Take(3).Select(t => t.Key).ToList()))
            .OrderBy(g => g.Group is null ? 1 : 0).ThenBy(g => g.Group)
            .ToList();

        // What is pushed: the published items on the region's subscribed topics, and how many of its subscribers each reaches.
        var subscribed = topics.Where(t => t.Subscribers > 0).Select(t => t.Tag).ToList();
        var candidates = await interaction.MatchingContentAsync(subscribed, 200, ct);
        var pushed = candidates
            .Select(c => new PushedContentDto(c.Id, c.Title, c.KindName, c.Tags, c.PublishedAt, subscriptions.Count(s => s.Tags.Intersect(c.Tags).Any())))
            .OrderByDescending(p => p.Reaches).ThenByDescending(p => p.PublishedAt).ThenBy(p => p.Id)
            .Take(PushedSize)
            .ToList();

        return new InterestProfileDto(code, regionName, subscriptions.Count, stations, questions.Count, topics, groups, pushed);
    }

    /// <summary>One record's interest: its topics, its group, and what it counts as.</summary>
    private sealed record Signal(IEnumerable<string> Tags, TargetGroup? Group, int Sub = 0, int Reg = 0, long Con = 0, int Quiz = 0, int Ask = 0);
}
