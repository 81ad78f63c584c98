using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.Popularization;

/// <summary>The topics science content is tagged with and e-station visitors subscribe to (a fixed list, so profiles add up).</summary>
public static class ScienceTopics
{
    public static readonly IReadOnlyList<string> All =
    [
        "防疫", "健康", "农业技术", "食品安全", "应急避险", "生态环保", "节能低碳", "信息技术", "航空航天", "青少年科技", "智慧助老", "科学辟谣",
    ];

    public const int MaxPerItem = 5;

    /// <summary>Trimmed, distinct, each one of <see cref="All"/>, at most <see cref="MaxPerItem"/>.</summary>
    public static List<string> Normalize(IEnumerable<string>? tags, string field = "tags") =>
        [.. ContactRules.Codes(tags, field, "主题标签", All.Contains, MaxPerItem)];
}

/// <summary>The kind of a 科普e站 terminal.</summary>
public enum TerminalKind
{
    /// <summary>触摸屏一体机.</summary>
    TouchScreen = 1,

    /// <summary>科普大屏.</summary>
    BigScreen = 2,

    /// <summary>科普宣传栏（电子）.</summary>
    NoticeBoard = 3,

    /// <summary>移动终端（平板）.</summary>
    Tablet = 4,
}

public enum TerminalStatus
{
    /// <summary>在用.</summary>
    InService = 1,

    /// <summary>已撤除.</summary>
    Removed = 2,
}

/// <summary>Who subscribes to a station's topics.</summary>
public enum SubscriberKind
{
    /// <summary>居民.</summary>
    Resident = 1,

    /// <summary>科技工作者.</summary>
    ScienceWorker = 2,

    /// <summary>学校.</summary>
    School = 3,

    /// <summary>企事业单位.</summary>
    Organization = 4,
}

public enum QuestionStatus
{
    /// <summary>待答复.</summary>
    Open = 1,

    /// <summary>已答复.</summary>
    Answered = 2,
}

public static class EStationNames
{
    public static string Chinese(this TerminalKind kind) => kind switch
    {
        TerminalKind.TouchScreen => "触摸屏一体机",
        TerminalKind.BigScreen => "科普大屏",
        TerminalKind.NoticeBoard => "电子科普宣传栏",
        TerminalKind.Tablet => "移动终端（平板）",
        _ => "其他终端",
    };

    public static string Chinese(this TerminalStatus status) => status switch
    {
        TerminalStatus.InService => "在用",
        TerminalStatus.Removed => "已撤除",
        _ => "其他",
    };

    public static string Chinese(this SubscriberKind kind) => kind switch
    {
        SubscriberKind.Resident => "居民",
        SubscriberKind.ScienceWorker => "科技工作者",
        SubscriberKind.School => "学校",
        SubscriberKind.Organization => "企事业单位",
        _ => "其他",
    };

    public static string Chinese(this QuestionStatus status) => status switch
    {
        QuestionStatus.Open => "待答复",
        QuestionStatus.Answered => "已答复",
        _ => "其他",
    };

    /// <summary>A secret for a visitor's own link (their feed, their question thread): 128 random bits, URL-safe.</summary>
    internal static string NewAccessKey() =>
        Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    internal static void RequireManager(EStation station, Actor actor)
    {
        if (!station.MayManage(actor))
        {
            throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以管理科普e站");
        }
    }
}

public sealed record TerminalData(string? Name, TerminalKind Kind, EStationSiteKind PlaceKind, string? Place, DateOnly? InstalledOn);

/// <summary>A terminal of a 科普e站: its kind and where it stands (a school, community, library…).</summary>
public sealed class EStationTerminal : Entity, IRegional
{
    private EStationTerminal()
    {
    }

    public Guid StationId { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    /// <summary>编号或名称, e.g. “天门中学 1号触摸屏”.</summary>
    public string Name { get; private set; } = string.Empty;

    public TerminalKind Kind { get; private set; }

    public EStationSiteKind PlaceKind { get; private set; }

    /// <summary>安放地点, e.g. “竟陵街道图书馆一楼大厅”.</summary>
    public string Place { get; private set; } = string.Empty;

    public DateOnly InstalledOn { get; private set; }

    public TerminalStatus Status { get; private set; } = TerminalStatus.InService;

    public static EStationTerminal Install(EStation station, TerminalData data, Actor actor, DateTimeOffset? at = null)
    {
        EStationNames.RequireManager(station, actor);
        if (station.Status != EStationStatus.Active)
        {
            throw new InvalidTransitionException("科普e站已停用，不能添加终端");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        var installed = data.InstalledOn ?? throw new DomainValidationException("installedOn", "安装日期不能为空");
        if (installed > MarketRules.ChinaDate(when))
        {
            throw new DomainValidationException("installedOn", "安装日期不能晚于今天");
        }

        return new EStationTerminal
        {
            StationId = station.Id,
            RegionCode = station.RegionCode,
            Name = Guard.Required(data.Name, "name", "终端名称", 100),
            Kind = ContactRules.Enum(data.Kind, "kind", "终端类型"),
            PlaceKind = ContactRules.Enum(data.PlaceKind, "placeKind", "安放场所"),
            Place = Guard.Required(data.Place, "place", "安放地点", 200),
            InstalledOn = installed,
            CreatedAt = when,
            UpdatedAt = when,
        };
    }

    public void Remove(EStation station, Actor actor, DateTimeOffset? at = null)
    {
        EStationNames.RequireManager(station, actor);
        if (Status == TerminalStatus.Removed)
        {
            throw new InvalidTransitionException("该终端已撤除");
        }

        Status = TerminalStatus.Removed;
        UpdatedAt = at ?? DateTimeOffset.UtcNow;
    }
}

public sealed record SubscriptionData(SubscriberKind SubscriberKind, string? SubscriberName, string? Phone, TargetGroup? TargetGroup, IReadOnlyList<string>? Tags);

/// <summary>
/// 远程订阅: a resident, worker, school or organization subscribes at a 科普e站 to topics; they then see the station's
/// matching published content. A signed-in subscriber is linked to their account.
/// </summary>
public sealed class EStationSubscription : Entity, IRegional
{
    private EStationSubscription()
    {
    }

    public Guid StationId { get; private set; }

    /// <summary>The station's region: where the subscriber lives or works.</summary>
    public string RegionCode { get; private set; } = string.Empty;

    public SubscriberKind SubscriberKind { get; private set; }

    public string SubscriberName { get; private set; } = string.Empty;

    public string? Phone { get; private set; }

    public TargetGroup? TargetGroup { get; private set; }

    public List<string> Tags { get; private set; } = [];

    /// <summary>
    /// The subscriber's own account, the one 订阅推送 notifications go to: the signed-in person subscribing for themself, or, when a
    /// station's staff subscribe a resident, school or unit on their behalf (代为订阅), the account holding the subscriber's phone
    /// (none when nobody has one): never the staff member who typed it in.
    /// </summary>
    public string? UserId { get; private set; }

    public bool Active { get; private set; } = true;

    /// <summary>The subscriber's own link (no account needed): shown once, when they subscribe.</summary>
    public string AccessKey { get; private set; } = string.Empty;

    /// <summary>
    /// A subscription at <paramref name="station"/>. For oneself (<paramref name="onBehalf"/> false) it is the signed-in actor's
    /// (their pushes); on behalf of someone else it belongs to <paramref name="subscriberUserId"/>, the account the caller resolved
    /// from the subscriber's phone, or to no account.
    /// </summary>
    public static EStationSubscription Subscribe(EStation station, SubscriptionData data, Actor actor, DateTimeOffset? at = null, bool onBehalf = false, string? subscriberUserId = null)
    {
        if (station.Status != EStationStatus.Active)
        {
            throw new InvalidTransitionException("科普e站已停用，暂不能订阅");
        }

        var tags = ScienceTopics.Normalize(data.Tags);
        if (tags.Count == 0)
        {
            throw new DomainValidationException("tags", "请至少选择一个订阅主题");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        return new EStationSubscription
        {
            StationId = station.Id,
            RegionCode = station.RegionCode,
            SubscriberKind = ContactRules.Enum(data.SubscriberKind, "subscriberKind", "订阅方类型"),
            SubscriberName = Guard.Required(data.SubscriberName, "subscriberName", "订阅人或单位名称", 100),
            Phone = string.IsNullOrWhiteSpace(data.Phone) ? null : ContactRules.Phone(data.Phone, "phone"),
            TargetGroup = data.TargetGroup is { } g ? ContactRules.Enum(g, "targetGroup", "重点人群") : null,
            Tags = tags,
            UserId = onBehalf ? subscriberUserId : actor.UserId,
            AccessKey = EStationNames.NewAccessKey(),
            CreatedAt = when,
            UpdatedAt = when,
        };
    }

    /// <summary>The subscriber changes their topics (anyone holding the subscription's link, or the station's staff).</summary>
    public void ChangeTags(IReadOnlyList<string>? tags, DateTimeOffset? at = null)
    {
        var list = ScienceTopics.Normalize(tags);
        if (list.Count == 0)
        {
            throw new DomainValidationException("tags", "请至少选择一个订阅主题");
        }

        Tags = list;
        Active = true;
        UpdatedAt = at ?? DateTimeOffset.UtcNow;
    }

    public void Cancel(DateTimeOffset? at = null)
    {
        if (!Active)
        {
            throw new InvalidTransitionException("该订阅已取消");
        }

        Active = false;
        UpdatedAt = at ?? DateTimeOffset.UtcNow;
    }
}

/// <summary>One message of a question thread: the visitor's words or the staff's answer.</summary>
public sealed class QuestionMessage
{
    private QuestionMessage()
    {
    }

    internal QuestionMessage(bool fromStaff, string authorName, string text, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        FromStaff = fromStaff;
        AuthorName = authorName;
        Text = text;
        At = at;
    }

    public Guid Id { get; private set; }

    public bool FromStaff { get; private set; }

    public string AuthorName { get; private set; } = string.Empty;

    public string Text { get; private set; } = string.Empty;

    public DateTimeOffset At { get; private set; }
}

/// <summary>
/// 双向互动: a visitor asks at a 科普e站, the station's staff answer; the visitor may follow up on the same thread
/// (through the thread's own link), and both sides see it whole.
/// </summary>
public sealed class EStationQuestion : Entity, IRegional
{
    public const int TextMaxLength = 1000;

    public const int MaxMessages = 40;

    private EStationQuestion()
    {
    }

    public Guid StationId { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    public string AskerName { get; private set; } = string.Empty;

    public string? AskerPhone { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public QuestionStatus Status { get; private set; } = QuestionStatus.Open;

    private readonly List<QuestionMessage> messages = [];

    public IReadOnlyList<QuestionMessage> Messages => messages;

    public int Version { get; private set; }

    /// <summary>The visitor's own link to the thread (no account needed).</summary>
    public string AccessKey { get; private set; } = string.Empty;

    public static EStationQuestion Ask(EStation station, string? askerName, string? phone, string? text, DateTimeOffset? at = null)
    {
        if (station.Status != EStationStatus.Active)
        {
            throw new InvalidTransitionException("科普e站已停用，暂不能提问");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        var name = Guard.Required(askerName, "askerName", "提问人", 50);
        var body = Guard.Required(text, "text", "问题", TextMaxLength);
        var question = new EStationQuestion
        {
            StationId = station.Id,
            RegionCode = station.RegionCode,
            AskerName = name,
            AskerPhone = string.IsNullOrWhiteSpace(phone) ? null : ContactRules.Phone(phone, "phone"),
            Title = body.Length <= 40 ? body : body[..40] + "…",
            AccessKey = EStationNames.NewAccessKey(),
            CreatedAt = when,
            UpdatedAt = when,
        };
        question.messages.Add(new QuestionMessage(false, name, body, when));
        return question;
    }

    /// <summary>The station's staff answer (their region's managers); the thread reads 已答复.</summary>
    public void Answer(EStation station, Actor actor, string staffName, string? text, DateTimeOffset? at = null)
    {
        EStationNames.RequireManager(station, actor);
        Add(true, staffName, Guard.Required(text, "text", "答复", TextMaxLength), at);
        Status = QuestionStatus.Answered;
    }

    /// <summary>The visitor follows up; the thread waits for the staff again.</summary>
    public void FollowUp(string? text, DateTimeOffset? at = null)
    {
        Add(false, AskerName, Guard.Required(text, "text", "追问", TextMaxLength), at);
        Status = QuestionStatus.Open;
    }

    private void Add(bool fromStaff, string author, string text, DateTimeOffset? at)
    {
        if (Messages.Count >= MaxMessages)
        {
            throw new InvalidTransitionException($"一个问题最多{MaxMessages}条往来，请另行提问");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        messages.Add(new QuestionMessage(fromStaff, author, text, when));
        UpdatedAt = when;
        Version++;
    }
}
