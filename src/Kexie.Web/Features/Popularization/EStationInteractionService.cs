using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Popularization;

public sealed record TerminalRequest(string? Name, TerminalKind Kind, EStationSiteKind PlaceKind, string? Place, DateOnly? InstalledOn);

public sealed record TerminalDto(Guid Id, Guid StationId, string Name, TerminalKind Kind, string KindName, EStationSiteKind PlaceKind, string PlaceKindName, string Place, DateOnly InstalledOn, TerminalStatus Status, string StatusName)
{
    public static TerminalDto From(EStationTerminal t) => new(
        t.Id, t.StationId, t.Name, t.Kind, t.Kind.Chinese(), t.PlaceKind, t.PlaceKind.Chinese(), t.Place, t.InstalledOn, t.Status, t.Status.Chinese());
}

/// <summary>
/// A subscription. <see cref="OnBehalf"/>: true when the caller subscribes someone else (代为订阅: staff for a resident, school or
/// unit), false for themself; left out, a station's staff are taken to subscribe on someone's behalf unless the phone is their own,
/// anyone else for themself unless the phone is someone else's.
/// </summary>
public sealed record SubscriptionRequest(SubscriberKind SubscriberKind, string? SubscriberName, string? Phone, TargetGroup? TargetGroup, IReadOnlyList<string>? Tags, bool? OnBehalf = null);

/// <summary>A subscription as its station's staff see it (the phone masked); <see cref="AccessKey"/> only to the subscriber, once.</summary>
public sealed record SubscriptionDto(
    Guid Id, Guid StationId, SubscriberKind SubscriberKind, string SubscriberKindName, string SubscriberName, string? Phone, TargetGroup? TargetGroup, string? TargetGroupName,
    IReadOnlyList<string> Tags, bool Active, DateTimeOffset CreatedAt, string? AccessKey = null, string? FeedLink = null)
{
    public static SubscriptionDto From(EStationSubscription s, bool withKey = false) => new(
        s.Id, s.StationId, s.SubscriberKind, s.SubscriberKind.Chinese(), s.SubscriberName, s.Phone is null ? null : MobileNumber.Mask(s.Phone), s.TargetGroup, s.TargetGroup?.Chinese(),
        s.Tags, s.Active, s.CreatedAt, withKey ? s.AccessKey : null, withKey ? $"/Popularization/Stations/Feed/{s.AccessKey}" : null);
}

public sealed record FeedItemDto(Guid Id, string Title, string KindName, string AuthorOrganization, IReadOnlyList<string> Tags, DateTimeOffset? PublishedAt);

/// <summary>What a subscriber sees: the station, their topics, and the published content that carries one of them, newest first.</summary>
public sealed record FeedDto(string StationName, string SubscriberName, IReadOnlyList<string> Tags, bool Active, IReadOnlyList<FeedItemDto> Items);

public sealed record SubscriptionTagsRequest(IReadOnlyList<string>? Tags);

public sealed record AskRequest(string? AskerName, string? Phone, string? Text);

public sealed record MessageRequest(string? Text);

public sealed record QuestionMessageDto(bool FromStaff, string AuthorName, string Text, DateTimeOffset At);

/// <summary>A question thread; the asker's phone (masked) only for the station's staff, the access key only to the asker when they ask.</summary>
public sealed record QuestionDto(
    Guid Id, Guid StationId, string StationName, string AskerName, string? AskerPhone, string Title, QuestionStatus Status, string StatusName,
    IReadOnlyList<QuestionMessageDto> Messages, int Version, DateTimeOffset CreatedAt, string? AccessKey = null, string? ThreadLink = null)
{
    public static QuestionDto From(EStationQuestion q, string stationName, bool forStaff, bool withKey = false) => new(
        q.Id, q.StationId, stationName, q.AskerName, forStaff && q.AskerPhone is not null ? MobileNumber.Mask(q.AskerPhone) : null, q.Title, q.Status, q.Status.Chinese(),
        q.Messages.OrderBy(m => m.At).Select(m => new QuestionMessageDto(m.FromStaff, m.AuthorName, m.Text, m.At)).ToList(), q.Version, q.CreatedAt,
        withKey ? q.AccessKey : null, withKey ? $"/Popularization/Stations/Thread/{q.AccessKey}" : null);
}

/// <summary>
/// 科普e站 that work: terminals (kind and place), 远程订阅 (a visitor subscribes to topics and sees the matching published
/// content through their own link) and 双向互动 (a visitor asks, the station's staff answer, both see the thread).
/// Staff actions are checked against the station's region; visitors need no account, only their link's key.
/// </summary>
public sealed class EStationInteractionService(KexieDbContext db)
{
    public const int FeedSize = 30;

    public async Task<IReadOnlyList<TerminalDto>> TerminalsAsync(Guid stationId, CancellationToken ct = default)
    {
        await StationAsync(stationId, ct);
        var rows = await db.EStationTerminals.AsNoTracking().Where(t => t.StationId == stationId).OrderBy(t => t.Status).ThenBy(t => t.InstalledOn).ThenBy(t => t.Name).ToListAsync(ct);
        return rows.Select(TerminalDto.From).ToList();
    }

    public async Task<TerminalDto> InstallAsync(Actor actor, Guid stationId, TerminalRequest r, CancellationToken ct = default)
    {
        var station = await StationAsync(stationId, ct);
        var terminal = EStationTerminal.Install(station, new TerminalData(r.Name, r.Kind, r.PlaceKind, r.Place, r.InstalledOn), actor);
        db.EStationTerminals.Add(terminal);
        await db.SaveChangesAsync(ct);
        return TerminalDto.From(terminal);
    }

    public async Task<TerminalDto> RemoveTerminalAsync(Actor actor, Guid stationId, Guid terminalId, CancellationToken ct = default)
    {
        var station = await StationAsync(stationId, ct);
        var terminal = await db.EStationTerminals.FirstOrDefaultAsync(t => t.Id == terminalId && t.StationId == stationId, ct) ?? throw new NotFoundException("终端不存在");
        terminal.Remove(station, actor);
        await db.SaveChangesAsync(ct);
        return TerminalDto.From(terminal);
    }

    public async Task<SubscriptionDto> SubscribeAsync(Actor actor, Guid stationId, SubscriptionRequest r, CancellationToken ct = default)
    {
        var station = await StationAsync(stationId, ct);
        var (onBehalf, account) = await SubscriberAccountAsync(station, actor, r, ct);
        var subscription = EStationSubscription.Subscribe(station, new SubscriptionData(r.SubscriberKind, r.SubscriberName, r.Phone, r.TargetGroup, r.Tags), actor, onBehalf: onBehalf, subscriberUserId: account);
        db.EStationSubscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        return SubscriptionDto.From(subscription, withKey: true);
    }

    /// <summary>
    /// Whose pushes a subscription brings: the caller's own when they subscribe for themself; on someone's behalf, the account
    /// holding the subscriber's (confirmed) phone when the caller is the station's staff, else none — the person reads the items
    /// through the subscription's link. A bad phone is left for the domain to name.
    /// </summary>
    private async Task<(bool OnBehalf, string? Account)> SubscriberAccountAsync(EStation station, Actor actor, SubscriptionRequest r, CancellationToken ct)
    {
        if (actor.UserId is not { } me)
        {
            return (false, null);
        }

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(r.Phone))
        {
            try
            {
                phone = Kexie.Domain.Directory.ContactRules.Phone(r.Phone, "phone");
            }
            catch (DomainValidationException)
            {
                return (false, null);
            }
        }

        var myPhone = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.PhoneNumber).FirstOrDefaultAsync(ct);
        var ownPhone = phone is not null && string.Equals(phone, myPhone, StringComparison.Ordinal);
        var staff = station.MayManage(actor);
        var onBehalf = r.OnBehalf ?? (phone is null ? staff : !ownPhone);
        if (ownPhone)
        {
            return (true, me); // the phone is the caller's own: their subscription whatever they ticked
        }

        if (!onBehalf)
        {
            return (false, null); // for themself: the domain takes the caller's account
        }

        if (phone is null || !staff)
        {
            return (true, null);
        }

        var account = await db.Users.AsNoTracking().Where(u => u.PhoneNumber == phone && u.PhoneNumberConfirmed).Select(u => u.Id).FirstOrDefaultAsync(ct);
        return (true, account);
    }

    /// <summary>The station's subscribers, for its region's staff.</summary>
    public async Task<IReadOnlyList<SubscriptionDto>> SubscriptionsAsync(Actor actor, Guid stationId, CancellationToken ct = default)
    {
        var station = await StationAsync(stationId, ct);
        RequireStaff(station, actor);
        var rows = await db.EStationSubscriptions.AsNoTracking().Where(s => s.StationId == stationId).OrderByDescending(s => s.CreatedAt).Take(500).ToListAsync(ct);
        return rows.Select(s => SubscriptionDto.From(s)).ToList();
    }

    /// <summary>The subscriber's feed through their key: published content carrying one of their topics, newest first.</summary>
    public async Task<FeedDto> FeedAsync(string key, CancellationToken ct = default)
    {
        var subscription = await BySubscriptionKeyAsync(key, tracking: false, ct);
        var station = await db.EStations.AsNoTracking().FirstAsync(s => s.Id == subscription.StationId, ct);
        var items = subscription.Active ? await MatchingContentAsync(subscription.Tags, FeedSize, ct) : [];
        return new FeedDto(station.Name, subscription.SubscriberName, subscription.Tags, subscription.Active, items);
    }

    public async Task<FeedDto> ChangeTopicsAsync(string key, IReadOnlyList<string>? tags, CancellationToken ct = default)
    {
        var subscription = await BySubscriptionKeyAsync(key, tracking: true, ct);
        subscription.ChangeTags(tags);
        await db.SaveChangesAsync(ct);
        return await FeedAsync(key, ct);
    }

    public async Task CancelSubscriptionAsync(string key, CancellationToken ct = default)
    {
        var subscription = await BySubscriptionKeyAsync(key, tracking: true, ct);
        subscription.Cancel();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Published content carrying any of <paramref name="tags"/>, newest first.</summary>
    public async Task<IReadOnlyList<FeedItemDto>> MatchingContentAsync(IReadOnlyCollection<string> tags, int take, CancellationToken ct = default)
    {
        var list = tags.ToList();
        if (list.Count == 0)
        {
            return [];
        }

        var rows = await db.ScienceContents.AsNoTracking()
            .Where(c => c.Status == ReviewStatus.Published && c.Tags.Any(t => list.Contains(t)))
            .OrderByDescending(c => c.PublishedAt).ThenBy(c => c.Id)
            .Take(take)
            .Select(c => new { c.Id, c.Title, c.Kind, c.AuthorOrganization, c.Tags, c.PublishedAt })
            .ToListAsync(ct);
        return rows.Select(c => new FeedItemDto(c.Id, c.Title, c.Kind.Chinese(), c.AuthorOrganization, c.Tags, c.PublishedAt)).ToList();
    }

    public async Task<QuestionDto> AskAsync(Guid stationId, AskRequest r, CancellationToken ct = default)
    {
        var station = await StationAsync(stationId, ct);
        var question = EStationQuestion.Ask(station, r.AskerName, r.Phone, r.Text);
        db.EStationQuestions.Add(question);
        await db.SaveChangesAsync(ct);
        return QuestionDto.From(question, station.Name, forStaff: false, withKey: true);
    }

    /// <summary>The station's questions for its region's staff (open ones first).</summary>
    public async Task<IReadOnlyList<QuestionDto>> QuestionsAsync(Actor actor, Guid stationId, QuestionStatus? status, CancellationToken ct = default)
    {
        var station = await StationAsync(stationId, ct);
        RequireStaff(station, actor);
        var query = db.EStationQuestions.AsNoTracking().Where(q => q.StationId == stationId);
        if (status is { } s)
        {
            query = query.Where(q => q.Status == s);
        }

        var rows = await query.OrderBy(q => q.Status).ThenByDescending(q => q.UpdatedAt).Take(200).ToListAsync(ct);
        return rows.Select(q => QuestionDto.From(q, station.Name, forStaff: true)).ToList();
    }

    /// <summary>One thread, for the station's staff.</summary>
    public async Task<QuestionDto> QuestionAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var question = await db.EStationQuestions.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id, ct) ?? throw new NotFoundException("问题不存在");
        var station = await StationAsync(question.StationId, ct);
        if (!station.MayManage(actor))
        {
            throw new NotFoundException("问题不存在");
        }

        return QuestionDto.From(question, station.Name, forStaff: true);
    }

    public async Task<QuestionDto> AnswerAsync(Actor actor, Guid id, MessageRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var question = await db.EStationQuestions.FirstOrDefaultAsync(q => q.Id == id, ct) ?? throw new NotFoundException("问题不存在");
        MarketSupport.CheckVersion(question.Version, expectedVersion);
        var station = await StationAsync(question.StationId, ct);
        question.Answer(station, actor, StaffName(station, actor), r.Text);
        await db.SaveChangesAsync(ct);
        return QuestionDto.From(question, station.Name, forStaff: true);
    }

    /// <summary>The asker's view of their thread, through their key.</summary>
    public async Task<QuestionDto> ThreadAsync(string key, CancellationToken ct = default)
    {
        var question = await ByQuestionKeyAsync(key, tracking: false, ct);
        var station = await db.EStations.AsNoTracking().FirstAsync(s => s.Id == question.StationId, ct);
        return QuestionDto.From(question, station.Name, forStaff: false);
    }

    public async Task<QuestionDto> FollowUpAsync(string key, MessageRequest r, CancellationToken ct = default)
    {
        var question = await ByQuestionKeyAsync(key, tracking: true, ct);
        question.FollowUp(r.Text);
        await db.SaveChangesAsync(ct);
        var station = await db.EStations.AsNoTracking().FirstAsync(s => s.Id == question.StationId, ct);
        return QuestionDto.From(question, station.Name, forStaff: false);
    }

    private static string StaffName(EStation station, Actor actor) =>
        $"{station.Name}工作人员" + (string.IsNullOrWhiteSpace(actor.DisplayName) ? string.Empty : $"（{actor.DisplayName}）");

    private static void RequireStaff(EStation station, Actor actor)
    {
        if (!station.MayManage(actor))
        {
            throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以查看e站的订阅和提问");
        }
    }

    private async Task<EStation> StationAsync(Guid id, CancellationToken ct) =>
        await db.EStations.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("科普e站不存在");

    private static bool IsKey(string? key) => key is { Length: 32 } && key.All(char.IsAsciiHexDigitLower);

    private async Task<EStationSubscription> BySubscriptionKeyAsync(string key, bool tracking, CancellationToken ct)
    {
        var query = tracking ? db.EStationSubscriptions : db.EStationSubscriptions.AsNoTracking();
        return (IsKey(key) ? await query.FirstOrDefaultAsync(s => s.AccessKey == key, ct) : null) ?? throw new NotFoundException("订阅不存在或链接有误");
    }

    private async Task<EStationQuestion> ByQuestionKeyAsync(string key, bool tracking, CancellationToken ct)
    {
        var query = (tracking ? db.EStationQuestions : db.EStationQuestions.AsNoTracking());
        return (IsKey(key) ? await query.FirstOrDefaultAsync(q => q.AccessKey == key, ct) : null) ?? throw new NotFoundException("问题不存在或链接有误");
    }
}
