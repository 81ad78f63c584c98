using Kexie.Domain.Common;

namespace Kexie.Domain.Market;

/// <summary>What a notification is about.</summary>
public enum NotificationKind
{
    /// <summary>新的候选: candidates were proposed for the recipient's need.</summary>
    CandidateProposed = 1,

    /// <summary>新的询价: a new order (inquiry) on the recipient's offer, or addressed to them.</summary>
    OrderInquiry = 2,

    /// <summary>响应超期: a 一单一策 plan passed its first-response deadline unanswered.</summary>
    ResponseOverdue = 3,

    /// <summary>订单状态变化: the other party moved an order.</summary>
    OrderStatusChanged = 4,

    /// <summary>一单一策指派: the recipient was made the handler of a plan.</summary>
    PlanAssigned = 5,

    /// <summary>新的待审核: an item of the recipient's region was submitted for review.</summary>
    ReviewSubmitted = 6,

    /// <summary>审核通过: the recipient's item was approved and published (fair projects: selected).</summary>
    ReviewApproved = 7,

    /// <summary>退回修改: the recipient's item was returned with a reason.</summary>
    ReviewReturned = 8,

    /// <summary>不予发布: the recipient's item was rejected with a reason.</summary>
    ReviewRejected = 9,

    /// <summary>即将到期: a plan's first-response deadline falls on the next working day (or later today).</summary>
    DeadlineApproaching = 10,

    /// <summary>订阅推送: a 科普 item on a topic the recipient subscribed to (远程订阅) was published.</summary>
    SubscribedContent = 11,

    /// <summary>志愿者招募: an application to the recipient's call, or the organiser's decision on the recipient's application.</summary>
    VolunteerRecruitment = 12,

    /// <summary>活动报名: the organiser confirmed or declined the recipient's (or their class's) sign-up for an activity.</summary>
    ActivityRegistration = 13,
}

public static class NotificationKindNames
{
    public static string Chinese(this NotificationKind kind) => kind switch
    {
        NotificationKind.CandidateProposed => "新的候选",
        NotificationKind.OrderInquiry => "新的询价",
        NotificationKind.ResponseOverdue => "响应超期",
        NotificationKind.OrderStatusChanged => "订单状态变化",
        NotificationKind.PlanAssigned => "一单一策指派",
        NotificationKind.ReviewSubmitted => "新的待审核",
        NotificationKind.ReviewApproved => "审核通过",
        NotificationKind.ReviewReturned => "退回修改",
        NotificationKind.ReviewRejected => "不予发布",
        NotificationKind.DeadlineApproaching => "即将到期",
        NotificationKind.SubscribedContent => "订阅推送",
        NotificationKind.VolunteerRecruitment => "志愿者招募",
        NotificationKind.ActivityRegistration => "活动报名",
        _ => kind.ToString(),
    };
}

/// <summary>Where the e-mail copy of a notification stands (the notification row is the e-mail outbox).</summary>
public enum EmailDelivery
{
    /// <summary>待发送: written with the notification, in the same transaction.</summary>
    Pending = 0,

    /// <summary>已发送.</summary>
    Sent = 1,

    /// <summary>收件人没有邮箱: nothing to send.</summary>
    NoAddress = 2,

    /// <summary>多次发送失败，已放弃.</summary>
    Failed = 3,

    /// <summary>收件人设置为不通过该渠道接收此类通知.</summary>
    Skipped = 4,
}

/// <summary>Where the text-message (短信) copy of a notification stands; the notification row is its outbox too.</summary>
public enum TextDelivery
{
    /// <summary>待处理.</summary>
    Pending = 0,

    /// <summary>已发送.</summary>
    Sent = 1,

    /// <summary>收件人没有手机号.</summary>
    NoPhone = 2,

    /// <summary>多次发送失败，已放弃.</summary>
    Failed = 3,

    /// <summary>收件人未选择短信接收此类通知.</summary>
    Skipped = 4,
}

/// <summary>The channels besides the in-app list (always on).</summary>
public enum NotificationChannel
{
    /// <summary>电子邮件.</summary>
    Email = 1,

    /// <summary>短信.</summary>
    Text = 2,
}

/// <summary>
/// One user's choice of channels per <see cref="NotificationKind"/> (in-app is always on) and of the daily digest. No row
/// means the defaults: e-mail for every kind but the opt-in ones (<see cref="EmailOptIn"/>), text messages for none, the
/// digest on (it is sent to staff and admins only). A row holds explicit choices only for the kinds the person was shown
/// when saving (<see cref="ShownKinds"/>): a kind added to the platform later follows the defaults for them until they save
/// again, so a new kind's e-mail reaches those who saved before it existed, and nobody's explicit choice changes.
/// </summary>
public sealed class NotificationPreference
{
    private NotificationPreference()
    {
    }

    public string UserId { get; private set; } = string.Empty;

    /// <summary>Bit <c>1 &lt;&lt; (int)kind</c> set: an e-mail copy is wanted (read only for the kinds in <see cref="ShownKinds"/>).</summary>
    public int EmailKinds { get; private set; }

    /// <summary>Bit <c>1 &lt;&lt; (int)kind</c> set: a text-message copy is wanted (read only for the kinds in <see cref="ShownKinds"/>).</summary>
    public int TextKinds { get; private set; }

    /// <summary>
    /// Bit <c>1 &lt;&lt; (int)kind</c> set: the kind was on the settings the person saved, so <see cref="EmailKinds"/> and
    /// <see cref="TextKinds"/> hold their choice for it; a kind not set here follows <see cref="DefaultWants"/>.
    /// </summary>
    public int ShownKinds { get; private set; }

    /// <summary>每日摘要 by e-mail (staff and admins).</summary>
    public bool DailyDigest { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static int AllKinds => Enum.GetValues<NotificationKind>().Aggregate(0, (mask, kind) => mask | Bit(kind));

    /// <summary>Kinds whose e-mail copy is opt-in (off until the person turns it on): 订阅推送, which may come often.</summary>
    public static IReadOnlyList<NotificationKind> EmailOptIn { get; } = [NotificationKind.SubscribedContent];

    /// <summary>No choice made: e-mail for every kind but the opt-in ones, no text messages, the digest.</summary>
    public static NotificationPreference Defaults(string userId) =>
        new() { UserId = userId, EmailKinds = 0, TextKinds = 0, ShownKinds = 0, DailyDigest = true };

    public static int Bit(NotificationKind kind) => 1 << (int)kind;

    private static int Mask(IEnumerable<NotificationKind> kinds) => kinds.Where(Enum.IsDefined).Aggregate(0, (mask, kind) => mask | Bit(kind));

    /// <summary>The default for a kind the person made no choice on: e-mail unless the kind is opt-in; never a text message.</summary>
    public static bool DefaultWants(NotificationKind kind, NotificationChannel channel) =>
        channel == NotificationChannel.Email && !EmailOptIn.Contains(kind);

    /// <summary>Whether the person made a choice on <paramref name="kind"/> (it was on the settings they saved).</summary>
    public bool Chose(NotificationKind kind) => (ShownKinds & Bit(kind)) != 0;

    public bool Wants(NotificationKind kind, NotificationChannel channel) =>
        Chose(kind)
            ? ((channel == NotificationChannel.Email ? EmailKinds : TextKinds) & Bit(kind)) != 0
            : DefaultWants(kind, channel);

    /// <summary>
    /// Replaces the choices made on settings that showed <paramref name="shown"/> (null: every kind defined now): a shown kind
    /// not listed is off, a kind not shown follows the defaults; unknown kinds are ignored.
    /// </summary>
    public void Set(IEnumerable<NotificationKind> email, IEnumerable<NotificationKind> text, bool dailyDigest, DateTimeOffset at, IEnumerable<NotificationKind>? shown = null)
    {
        ShownKinds = shown is null ? AllKinds : Mask(shown);
        EmailKinds = Mask(email) & ShownKinds;
        TextKinds = Mask(text) & ShownKinds;
        DailyDigest = dailyDigest;
        UpdatedAt = at;
    }
}

/// <summary>The daily digest sent to one user for one China day: the row is the claim, so one node sends it, once.</summary>
public sealed class NotificationDigest
{
    private NotificationDigest()
    {
    }

    public string UserId { get; private set; } = string.Empty;

    public DateOnly Day { get; private set; }

    public DateTimeOffset ClaimedAt { get; private set; }

    public static NotificationDigest Claim(string userId, DateOnly day, DateTimeOffset at) => new() { UserId = userId, Day = day, ClaimedAt = at.ToUniversalTime() };
}

/// <summary>
/// An in-app notification for one user account. Text is Chinese and shortened to the column limits (a notification
/// must never fail because the need's title was long). <see cref="DedupKey"/>, when set, is unique per recipient: it
/// makes producers that may run twice (the overdue scanner, several web nodes) idempotent.
/// </summary>
public sealed class Notification
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 1000;
    public const int LinkMaxLength = 300;

    private Notification()
    {
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public string RecipientUserId { get; private set; } = string.Empty;

    public NotificationKind Kind { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public string Body { get; private set; } = string.Empty;

    /// <summary>Where in the app the recipient can act on it (a site-relative path).</summary>
    public string? Link { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    public string? DedupKey { get; private set; }

    /// <summary>The e-mail copy (sent by the web app's dispatcher when SMTP is configured).</summary>
    public EmailDelivery EmailState { get; private set; }

    /// <summary>Sending attempts so far.</summary>
    public int EmailAttempts { get; private set; }

    /// <summary>The text-message copy (sent through the configured <c>ITextMessageSender</c> when the recipient chose it).</summary>
    public TextDelivery TextState { get; private set; }

    public int TextAttempts { get; private set; }

    /// <summary>Not before this time: a claim by one node's text dispatcher, or the back-off after a failure.</summary>
    public DateTimeOffset? TextNextAttemptAt { get; private set; }

    /// <summary>Not before this time: a claim by one node's dispatcher, or the back-off after a failure.</summary>
    public DateTimeOffset? EmailNextAttemptAt { get; private set; }

    public bool IsRead => ReadAt is not null;

    public static Notification Create(string? recipientUserId, NotificationKind kind, string? title, string? body, string? link, DateTimeOffset at, string? dedupKey = null)
    {
        var recipient = Guard.Required(recipientUserId, "recipientUserId", "接收人", 64);
        var heading = Shorten(Guard.Required(title, "title", "通知标题", int.MaxValue), TitleMaxLength);
        var text = Shorten(body?.Trim() ?? string.Empty, BodyMaxLength);
        var path = link?.Trim();
        if (path is { Length: > 0 } && (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal) || path.Length > LinkMaxLength))
        {
            throw new DomainValidationException("link", "通知链接应为站内相对路径");
        }

        return new Notification
        {
            RecipientUserId = recipient,
            Kind = MarketRules.Defined(kind, "kind", "通知类型"),
            Title = heading,
            Body = text,
            Link = string.IsNullOrEmpty(path) ? null : path,
            CreatedAt = at,
            DedupKey = Guard.Optional(dedupKey, "dedupKey", "去重键", 200),
        };
    }

    /// <summary>Marks it read; reading again keeps the first time.</summary>
    public void MarkRead(DateTimeOffset at) => ReadAt ??= at;

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
