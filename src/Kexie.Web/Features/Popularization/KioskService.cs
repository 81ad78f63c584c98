using Kexie.Data;
using Kexie.Data.Indicators;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Indicators;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Kexie.Web.Features.Popularization;

public sealed record DeviceRequest(string? Name);

/// <summary>A kiosk device as its station's staff see it; <see cref="Token"/> and <see cref="KioskLink"/> only once, when issued.</summary>
public sealed record DeviceDto(Guid Id, Guid StationId, string Name, bool Active, bool Offline, DateTimeOffset IssuedAt, DateTimeOffset? LastHeartbeatAt, DateTimeOffset? RevokedAt, string? Token = null, string? KioskLink = null);

public sealed record StationPostRequest(string? Title, string? Body, IReadOnlyList<string>? Tags);

public sealed record StationPostDto(Guid Id, Guid StationId, string Title, string Body, IReadOnlyList<string> Tags, DateTimeOffset PublishedAt, bool Shown, long Views, long Likes)
{
    public static StationPostDto From(EStationPost p) => new(p.Id, p.StationId, p.Title, p.Body, p.Tags, p.PublishedAt, p.IsShown, p.Views, p.Likes);
}

/// <summary>Where a kiosk item comes from: the platform's published content, or the station's own post (自助发布).</summary>
public enum KioskSource
{
    Content = 1,
    Post = 2,
}

public sealed record KioskItemDto(KioskSource Source, Guid Id, string Title, string KindName, string Publisher, IReadOnlyList<string> Tags, DateTimeOffset? PublishedAt, long Views, long Likes);

/// <summary>The kiosk's home: the station, the topics it subscribes to (its subscribers' topics), and its items (the station's own posts first).</summary>
/// <see cref="TopTopics"/>: what this station's visitors care about most (its 画像), which orders the platform's tiles.
public sealed record KioskDto(Guid StationId, string StationName, IReadOnlyList<string> Topics, IReadOnlyList<KioskItemDto> Items, int HeartbeatSeconds, IReadOnlyList<string>? TopTopics = null);

/// <summary>One item opened on the kiosk. <see cref="Html"/> is the body of platform content rendered from its Markdown and sanitised; a station post is plain <see cref="Text"/>.</summary>
public sealed record KioskItemDetailDto(KioskSource Source, Guid Id, string Title, string KindName, string Publisher, IReadOnlyList<string> Tags, DateTimeOffset? PublishedAt, string? Html, string? Text, string? VideoUrl, long Views, long Likes);

public sealed record KioskAskRequest(string? Text, string? AskerName = null);

/// <summary>A day of a station's use as the staff see it: typed in or counted by the system (never both added up).</summary>
public sealed record StationUsageSummaryDto(int OnlineDays, long KioskViews, long KioskLikes, long KioskQuestions, long TypedVisits, long TypedInteractions, long Total, long KioskQuizzes = 0);

/// <summary>
/// 科普e站 kiosks: the station's staff issue and revoke device tokens (stored hashed) and publish to their own station
/// (自助发布); a device opens the kiosk with its token — no account — shows the station's subscribed topics' published
/// content and its own posts, counts each opened item, like and question into the day's usage, and sends heartbeats.
/// Every count goes to <see cref="EStationUsage"/> (the system-counted columns), which feeds indicator S03.
/// </summary>
public sealed class KioskService(KexieDbContext db, EStationInteractionService interaction, IConfiguration configuration, Kexie.Web.Features.Market.RichTextSanitizer richText)
{
    public const int KioskSize = 40;

    public const int HeartbeatSeconds = 60;

    public TimeSpan OfflineAfter => KioskSupport.OfflineAfter(configuration);

    /// <summary>How long a device's view of an item counts once (reloads inside it count nothing).</summary>
    public TimeSpan ViewWindow => TimeSpan.FromMinutes(Math.Max(0, configuration.GetValue<int?>("Popularization:KioskViewWindowMinutes") ?? 10));

    public async Task<DeviceDto> IssueAsync(Actor actor, Guid stationId, DeviceRequest r, CancellationToken ct = default)
    {
        var station = await StationAsync(stationId, ct);
        var (device, token) = EStationDevice.Issue(station, r.Name, actor);
        if (await db.EStationDevices.CountAsync(d => d.StationId == stationId && d.RevokedAt == null, ct) >= EStationDevice.MaxActivePerStation)
        {
            throw new DomainValidationException("name", $"每个e站最多{EStationDevice.MaxActivePerStation}个有效终端凭证，请先撤销不用的");
        }

        db.EStationDevices.Add(device);
        await db.SaveChangesAsync(ct);
        return ToDto(device, DateTimeOffset.UtcNow) with { Token = token, KioskLink = KioskLink(token) };
    }

    public async Task<DeviceDto> RevokeAsync(Actor actor, Guid stationId, Guid deviceId, CancellationToken ct = default)
    {
        var station = await StationAsync(stationId, ct);
        var device = await db.EStationDevices.FirstOrDefaultAsync(d => d.Id == deviceId && d.StationId == stationId, ct) ?? throw new NotFoundException("终端凭证不存在");
        device.Revoke(station, actor);
        await db.SaveChangesAsync(ct);
        return ToDto(device, DateTimeOffset.UtcNow);
    }

    /// <summary>The station's devices, for its region's staff.</summary>
    public async Task<IReadOnlyList<DeviceDto>> DevicesAsync(Actor actor, Guid stationId, CancellationToken ct = default)
    {
        var station = await StationAsync(stationId, ct);
        if (!station.MayManage(actor))
        {
            throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以查看e站终端凭证");
        }

        var now = DateTimeOffset.UtcNow;
        var rows = await db.EStationDevices.AsNoTracking().Where(d => d.StationId == stationId).ToListAsync(ct);
        return rows.OrderBy(d => d.RevokedAt is null ? 0 : 1).ThenBy(d => d.CreatedAt).Select(d => ToDto(d, now)).ToList();
    }

    public async Task<StationPostDto> PublishAsync(Actor actor, Guid stationId, StationPostRequest r, CancellationToken ct = default)
    {
        var station = await StationAsync(stationId, ct);
        var post = EStationPost.Publish(station, new StationPostData(r.Title, r.Body, r.Tags), actor);
        db.EStationPosts.Add(post);
        await db.SaveChangesAsync(ct);
        return StationPostDto.From(post);
    }

    public async Task<StationPostDto> WithdrawAsync(Actor actor, Guid stationId, Guid postId, CancellationToken ct = default)
    {
        var station = await StationAsync(stationId, ct);
        var post = await db.EStationPosts.FirstOrDefaultAsync(p => p.Id == postId && p.StationId == stationId, ct) ?? throw new NotFoundException("e站内容不存在");
        post.Withdraw(station, actor);
        await db.SaveChangesAsync(ct);
        return StationPostDto.From(post);
    }

    /// <summary>The station's own posts with the withdrawn ones, newest first, for its region's staff (visitors see them on the kiosk only).</summary>
    public async Task<IReadOnlyList<StationPostDto>> PostsAsync(Actor actor, Guid stationId, CancellationToken ct = default)
    {
        var station = await StationAsync(stationId, ct);
        if (!station.MayManage(actor))
        {
            throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以查看e站自助发布的内容");
        }

        var rows = await db.EStationPosts.AsNoTracking().Where(p => p.StationId == stationId).ToListAsync(ct);
        return rows.OrderByDescending(p => p.PublishedAt).Take(200).Select(StationPostDto.From).ToList();
    }

    /// <summary>How the station's use was counted: online days and kiosk counts by the system, typed-in days apart; the total as S03 counts it.</summary>
    public async Task<StationUsageSummaryDto> UsageSummaryAsync(Guid stationId, CancellationToken ct = default)
    {
        var rows = await db.EStationUsages.AsNoTracking().Where(u => u.StationId == stationId).ToListAsync(ct);
        var system = rows.Where(u => u.IsSystemCounted).ToList();
        var typed = rows.Where(u => !u.IsSystemCounted).ToList();
        return new StationUsageSummaryDto(
            system.Count(u => u.Heartbeats > 0), system.Sum(u => (long)u.KioskViews), system.Sum(u => (long)u.KioskLikes), system.Sum(u => (long)u.KioskQuestions),
            typed.Sum(u => (long)u.Visits), typed.Sum(u => (long)u.Interactions), rows.Sum(u => (long)u.Total), system.Sum(u => (long)u.KioskQuizzes));
    }

    // ---- The kiosk (device token, no account) ----

    public async Task<KioskDto> KioskAsync(string token, CancellationToken ct = default)
    {
        var (_, station) = await DeviceAsync(token, ct);
        var topics = await TopicsAsync(station.Id, ct);
        var posts = await db.EStationPosts.AsNoTracking().Where(p => p.StationId == station.Id && p.WithdrawnAt == null).ToListAsync(ct);
        var postItems = posts.OrderByDescending(p => p.PublishedAt).Take(KioskSize)
            .Select(p => new KioskItemDto(KioskSource.Post, p.Id, p.Title, "本站发布", station.Name, p.Tags, p.PublishedAt, p.Views, p.Likes));
        var weights = await TopicWeightsAsync(station, ct);
        var feed = (await interaction.MatchingContentAsync(topics, KioskSize, ct))
            .Select((f, i) => (Item: f, Index: i))
            .OrderByDescending(f => f.Item.Tags.Select(t => weights.GetValueOrDefault(t)).DefaultIfEmpty(0).Max())
            .ThenBy(f => f.Index)
            .Select(f => f.Item)
            .ToList();
        var counts = await CountsAsync(feed.Select(f => f.Id).ToList(), ct);
        var contentItems = feed.Select(f => new KioskItemDto(
            KioskSource.Content, f.Id, f.Title, f.KindName, f.AuthorOrganization, f.Tags, f.PublishedAt, counts.GetValueOrDefault(f.Id).Views, counts.GetValueOrDefault(f.Id).Likes));
        var top = weights.Where(w => w.Value > 0).OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal).Select(w => w.Key).Take(3).ToList();
        return new KioskDto(station.Id, station.Name, topics, [.. postItems, .. contentItems.Take(KioskSize)], HeartbeatSeconds, top);
    }

    /// <summary>Opens an item on the kiosk: counts one view of the item and one kiosk view of the station's day.</summary>
    /// <remarks>
    /// A reload is not a new reader: a device opening the same item again within <see cref="ViewWindow"/>
    /// (<c>Popularization:KioskViewWindowMinutes</c>, 10 by default) counts nothing. The window is held in the database
    /// (<see cref="KioskViewMark"/>), so it holds across nodes: a reload that reaches another node counts nothing there either.
    /// </remarks>
    public async Task<KioskItemDetailDto> OpenAsync(string token, KioskSource source, Guid id, CancellationToken ct = default)
    {
        var (device, station) = await DeviceAsync(token, ct);
        var item = await ItemAsync(station, source, id, ct);
        if (!await ClaimViewAsync(device.Id, source, id, ct))
        {
            return item;
        }

        if (source == KioskSource.Post)
        {
            await db.EStationPosts.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Views, p => p.Views + 1), ct);
        }
        else
        {
            await db.ScienceContents.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Views, c => c.Views + 1), ct);
        }

        await CountAsync(station, KioskEvent.View, ct);
        return item with { Views = item.Views + 1 };
    }

    /// <summary>
    /// Whether this open of the item by the device counts: one statement inserts the device's mark for the item, or moves
    /// it to now only when the last counted view is older than the window. The database decides atomically (PostgreSQL locks
    /// the conflicting row and re-checks the condition; SQLite writes one at a time), so of two nodes racing for the same
    /// reload exactly one counts it.
    /// </summary>
    private async Task<bool> ClaimViewAsync(Guid deviceId, KioskSource source, Guid itemId, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var before = now - (long)ViewWindow.TotalMilliseconds;
        var kind = (int)source;
        var claimed = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "KioskViewMarks" ("DeviceId", "Source", "ItemId", "CountedAtMs") VALUES ({deviceId}, {kind}, {itemId}, {now})
            ON CONFLICT ("DeviceId", "Source", "ItemId") DO UPDATE SET "CountedAtMs" = excluded."CountedAtMs"
            WHERE "KioskViewMarks"."CountedAtMs" <= {before}
            """, ct);
        return claimed > 0;
    }

    /// <summary>A visitor likes an item (点赞): the item's likes and the station's day both count one.</summary>
    public async Task<KioskItemDetailDto> LikeAsync(string token, KioskSource source, Guid id, CancellationToken ct = default)
    {
        var (_, station) = await DeviceAsync(token, ct);
        var item = await ItemAsync(station, source, id, ct);
        if (source == KioskSource.Post)
        {
            await db.EStationPosts.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Likes, p => p.Likes + 1), ct);
        }
        else
        {
            await db.ScienceContents.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Likes, c => c.Likes + 1), ct);
        }

        await CountAsync(station, KioskEvent.Like, ct);
        return item with { Likes = item.Likes + 1 };
    }

    /// <summary>A visitor asks at the kiosk (anonymous unless they give a name); the station's staff answer as for any question.</summary>
    public async Task<QuestionDto> AskAsync(string token, KioskAskRequest r, CancellationToken ct = default)
    {
        var (_, station) = await DeviceAsync(token, ct);
        var name = string.IsNullOrWhiteSpace(r.AskerName) ? "e站访客" : r.AskerName;
        var question = EStationQuestion.Ask(station, name, null, r.Text);
        db.EStationQuestions.Add(question);
        await db.SaveChangesAsync(ct);
        await CountAsync(station, KioskEvent.Question, ct);
        return QuestionDto.From(question, station.Name, forStaff: false, withKey: true);
    }

    /// <summary>The kiosk is on: the device's last heartbeat, and the station's day counts one (an online day).</summary>
    public async Task HeartbeatAsync(string token, CancellationToken ct = default)
    {
        var (device, station) = await DeviceAsync(token, ct);
        var now = DateTimeOffset.UtcNow;
        await db.EStationDevices.Where(d => d.Id == device.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.LastHeartbeatAt, now), ct);
        await CountAsync(station, KioskEvent.Heartbeat, ct);
    }

    public static string KioskLink(string token) => $"/Popularization/Kiosk/{token}";

    // ---- 知识竞答 on the kiosk (双向互动) ----

    /// <summary>
    /// A short quiz for a visitor: up to <see cref="QuizAttempt.Size"/> active questions of the bank of the station's region
    /// and its ancestors, those on the station's subscribed topics first, in a random order. Nothing is counted until the
    /// visitor hands in their answers.
    /// </summary>
    public async Task<KioskQuizDto> QuizAsync(string token, CancellationToken ct = default) => await QuizAsync(token, null, ct);

    /// <summary>The quiz again with the same questions (<paramref name="ids"/>, of this station's bank), e.g. when the visitor left one unanswered.</summary>
    public async Task<KioskQuizDto> QuizAsync(string token, IReadOnlyList<Guid>? ids, CancellationToken ct = default)
    {
        var (_, station) = await DeviceAsync(token, ct);
        var bank = QuizQuestion.BankRegionsFor(station.RegionCode);
        if (ids is { Count: > 0 })
        {
            var wanted = ids.Take(QuizAttempt.Size).ToList();
            var same = await db.QuizQuestions.AsNoTracking().Where(q => wanted.Contains(q.Id) && bank.Contains(q.RegionCode)).ToDictionaryAsync(q => q.Id, ct);
            return new KioskQuizDto(station.Id, station.Name, wanted.Where(same.ContainsKey).Select(id => same[id]).Select(q => new KioskQuizQuestionDto(q.Id, q.Tag, q.Stem, q.Options)).ToList());
        }

        var pool = await db.QuizQuestions.AsNoTracking().Where(q => bank.Contains(q.RegionCode) && q.RetiredAt == null)
            .OrderByDescending(q => q.CreatedAt).Take(500).ToListAsync(ct);
        if (pool.Count == 0)
        {
            throw new NotFoundException("本地区题库暂无题目，请联系e站工作人员");
        }

        var topics = await TopicsAsync(station.Id, ct);
        var drawn = pool.OrderBy(q => topics.Contains(q.Tag) ? 0 : 1).ThenBy(_ => Random.Shared.Next()).Take(QuizAttempt.Size).ToList();
        return new KioskQuizDto(station.Id, station.Name, drawn.Select(q => new KioskQuizQuestionDto(q.Id, q.Tag, q.Stem, q.Options)).ToList());
    }

    /// <summary>
    /// Grades the visitor's answers, shows the right ones, stores the attempt (its topics feed the 画像) and counts one
    /// kiosk quiz into the station's day: an attempt counts once in S03, however many questions it had.
    /// </summary>
    public async Task<KioskQuizResultDto> AnswerQuizAsync(string token, KioskQuizAnswerRequest r, CancellationToken ct = default)
    {
        var (device, station) = await DeviceAsync(token, ct);
        var answers = r.Answers ?? [];
        if (answers.Count is 0 or > QuizAttempt.Size)
        {
            throw new DomainValidationException("answers", answers.Count == 0 ? "请至少回答一道题" : $"每次最多回答{QuizAttempt.Size}道题");
        }

        if (answers.Any(a => a.Choice is null))
        {
            throw new DomainValidationException("answers", "每道题都要选择一个答案");
        }

        var bank = QuizQuestion.BankRegionsFor(station.RegionCode);
        var ids = answers.Select(a => a.QuestionId).Distinct().ToList();
        var questions = await db.QuizQuestions.AsNoTracking().Where(q => ids.Contains(q.Id) && bank.Contains(q.RegionCode)).ToDictionaryAsync(q => q.Id, ct);
        if (questions.Count != ids.Count)
        {
            throw new NotFoundException("题目不存在");
        }

        var graded = answers.Select(a => (questions[a.QuestionId], a.Choice!.Value)).ToList();
        var attempt = QuizAttempt.Grade(station, device.Id, graded);
        db.QuizAttempts.Add(attempt);
        await db.SaveChangesAsync(ct);
        await CountAsync(station, KioskEvent.Quiz, ct);
        return new KioskQuizResultDto(attempt.Id, attempt.Questions, attempt.Correct, attempt.Score, graded
            .Select(g => new KioskQuizAnswerResultDto(g.Item1.Id, g.Item1.Tag, g.Item1.Stem, g.Item1.Options, g.Item2, g.Item1.Answer, g.Item2 == g.Item1.Answer, g.Item1.Explanation))
            .ToList());
    }

    /// <summary>
    /// The station's 画像 by topic: its active subscriptions on the topic, the answers given in its quizzes and the likes of its own posts;
    /// a station nobody used yet falls back to its county's quiz answers and subscriptions.
    /// </summary>
    public async Task<Dictionary<string, int>> TopicWeightsAsync(EStation station, CancellationToken ct = default)
    {
        var weights = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(IEnumerable<string> tags, int by = 1)
        {
            foreach (var t in tags)
            {
                weights[t] = weights.GetValueOrDefault(t) + by;
            }
        }

        var subscriptions = await db.EStationSubscriptions.AsNoTracking().Where(s => s.StationId == station.Id && s.Active).Select(s => s.Tags).ToListAsync(ct);
        var quizTopics = await db.QuizAttempts.AsNoTracking().Where(a => a.StationId == station.Id).OrderByDescending(a => a.CreatedAt).Take(1000).Select(a => a.Topics).ToListAsync(ct);
        subscriptions.ForEach(t => Add(t));
        quizTopics.ForEach(t => Add(t));
        if (weights.Count == 0)
        {
            var county = Kexie.Domain.Regions.RegionCode.CountyOf(station.RegionCode);
            var regional = await db.QuizAttempts.AsNoTracking().Where(a => RegionScope.Within(a.RegionCode, county)).OrderByDescending(a => a.CreatedAt).Take(1000).Select(a => a.Topics).ToListAsync(ct);
            regional.ForEach(t => Add(t));
            (await db.EStationSubscriptions.AsNoTracking().Where(s => s.Active && RegionScope.Within(s.RegionCode, county)).Select(s => s.Tags).ToListAsync(ct)).ForEach(t => Add(t));
        }

        return weights;
    }

    /// <summary>Adds one to the station's day (China date) in SQL, creating the day's row first; queues the row for the indicators.</summary>
    private async Task CountAsync(EStation station, KioskEvent kind, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var day = MarketRules.ChinaDate(now);
        var existing = await db.EStationUsages.Where(u => u.StationId == station.Id && u.Day == day).Select(u => new { u.Id, u.Heartbeats }).FirstOrDefaultAsync(ct);
        var id = existing?.Id;
        if (id is null)
        {
            var usage = EStationUsage.ForKiosk(station, day, now);
            db.EStationUsages.Add(usage);
            try
            {
                await db.SaveChangesAsync(ct);
                id = usage.Id;
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                db.Entry(usage).State = EntityState.Detached;
                id = await db.EStationUsages.Where(u => u.StationId == station.Id && u.Day == day).Select(u => u.Id).FirstAsync(ct);
            }
        }

        var rows = db.EStationUsages.Where(u => u.Id == id);
        _ = kind switch
        {
            KioskEvent.View => await rows.ExecuteUpdateAsync(s => s.SetProperty(u => u.KioskViews, u => u.KioskViews + 1).SetProperty(u => u.UpdatedAt, now), ct),
            KioskEvent.Like => await rows.ExecuteUpdateAsync(s => s.SetProperty(u => u.KioskLikes, u => u.KioskLikes + 1).SetProperty(u => u.UpdatedAt, now), ct),
            KioskEvent.Question => await rows.ExecuteUpdateAsync(s => s.SetProperty(u => u.KioskQuestions, u => u.KioskQuestions + 1).SetProperty(u => u.UpdatedAt, now), ct),
            KioskEvent.Quiz => await rows.ExecuteUpdateAsync(s => s.SetProperty(u => u.KioskQuizzes, u => u.KioskQuizzes + 1).SetProperty(u => u.UpdatedAt, now), ct),
            _ => await rows.ExecuteUpdateAsync(s => s.SetProperty(u => u.Heartbeats, u => u.Heartbeats + 1).SetProperty(u => u.UpdatedAt, now), ct),
        };
        // A heartbeat changes what the day counts only when it is the day's first (the day is counted by the system from then on).
        if (kind != KioskEvent.Heartbeat || existing is null || existing.Heartbeats == 0)
        {
            db.IndicatorOutbox.Add(new IndicatorOutboxEntry { Source = FactSource.EStationUsage, SourceId = id.Value, At = now });
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The topics a station subscribes to: those of its active subscriptions.</summary>
    private async Task<List<string>> TopicsAsync(Guid stationId, CancellationToken ct)
    {
        var tags = await db.EStationSubscriptions.AsNoTracking().Where(s => s.StationId == stationId && s.Active).Select(s => s.Tags).ToListAsync(ct);
        return ScienceTopics.All.Where(t => tags.Any(l => l.Contains(t))).ToList();
    }

    private async Task<Dictionary<Guid, (long Views, long Likes)>> CountsAsync(List<Guid> ids, CancellationToken ct) =>
        (await db.ScienceContents.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Views, c.Likes }).ToListAsync(ct))
            .ToDictionary(c => c.Id, c => (c.Views, c.Likes));

    /// <summary>An item this kiosk shows: its station's shown post, or published content on one of the station's topics.</summary>
    private async Task<KioskItemDetailDto> ItemAsync(EStation station, KioskSource source, Guid id, CancellationToken ct)
    {
        if (source == KioskSource.Post)
        {
            var post = await db.EStationPosts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.StationId == station.Id && p.WithdrawnAt == null, ct)
                ?? throw new NotFoundException("内容不存在");
            return new KioskItemDetailDto(KioskSource.Post, post.Id, post.Title, "本站发布", station.Name, post.Tags, post.PublishedAt, null, post.Body, null, post.Views, post.Likes);
        }

        var topics = await TopicsAsync(station.Id, ct);
        var content = await db.ScienceContents.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.Status == ReviewStatus.Published, ct);
        if (content is null || !content.Tags.Any(topics.Contains))
        {
            throw new NotFoundException("内容不存在");
        }

        return new KioskItemDetailDto(KioskSource.Content, content.Id, content.Title, content.Kind.Chinese(), content.AuthorOrganization, content.Tags, content.PublishedAt, ContentMarkdown.ToHtml(content.Body, richText), null, content.VideoUrl, content.Views, content.Likes);
    }

    /// <summary>The device of a token (not revoked) and its active station; anything else is "not found" alike.</summary>
    private async Task<(EStationDevice Device, EStation Station)> DeviceAsync(string token, CancellationToken ct)
    {
        if (EStationDevice.IsToken(token))
        {
            var hash = EStationDevice.Hash(token);
            var device = await db.EStationDevices.AsNoTracking().FirstOrDefaultAsync(d => d.TokenHash == hash && d.RevokedAt == null, ct);
            if (device is not null && await db.EStations.AsNoTracking().FirstOrDefaultAsync(s => s.Id == device.StationId && s.Status == EStationStatus.Active, ct) is { } station)
            {
                return (device, station);
            }
        }

        throw new NotFoundException("终端凭证无效或已撤销，请联系e站工作人员");
    }

    private async Task<EStation> StationAsync(Guid id, CancellationToken ct) =>
        await db.EStations.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("科普e站不存在");

    private DeviceDto ToDto(EStationDevice d, DateTimeOffset now) =>
        new(d.Id, d.StationId, d.Name, d.IsActive, d.IsOffline(now, OfflineAfter), d.CreatedAt, d.LastHeartbeatAt, d.RevokedAt);
}
