using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.Popularization;

/// <summary>Where a 科普e站 terminal stands.</summary>
public enum EStationSiteKind
{
    School = 1,
    Community = 2,
    Library = 3,
    Village = 4,
    ScienceVenue = 5,
    Enterprise = 6,
    Other = 9,
}

public enum EStationStatus
{
    /// <summary>运行中.</summary>
    Active = 1,

    /// <summary>已停用 (no usage may be logged).</summary>
    Suspended = 2,
}

public sealed record EStationData(string? Name, EStationSiteKind SiteKind, string? RegionCode, string? Address, string? ContactName = null, string? ContactPhone = null);

/// <summary>
/// 科普e站: a popularization terminal in a school, community, library… of a region, run by the region's staff. Its
/// use is logged as one <see cref="EStationUsage"/> row per day (visits and interactions).
/// </summary>
public sealed class EStation : Entity, IRegional
{
    /// <summary>A day's counts above this are a typing error, not a busy day.</summary>
    public const int MaxDailyCount = 100_000;

    private EStation()
    {
    }

    public string Name { get; private set; } = string.Empty;

    public EStationSiteKind SiteKind { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    public string? Address { get; private set; }

    public string? ContactName { get; private set; }

    public string? ContactPhone { get; private set; }

    public EStationStatus Status { get; private set; } = EStationStatus.Active;

    public int Version { get; private set; }

    public static EStation Create(EStationData data, Actor actor, DateTimeOffset? at = null)
    {
        var station = new EStation();
        station.Apply(data);
        station.RequireManager(actor);
        var when = at ?? DateTimeOffset.UtcNow;
        station.CreatedAt = when;
        station.UpdatedAt = when;
        return station;
    }

    public bool MayManage(Actor actor) => actor.Manages(RegionCode);

    /// <summary>Edits name, kind, address, contact; the region may move within the editor's own scope.</summary>
    public void Update(EStationData data, Actor actor, DateTimeOffset? at = null)
    {
        RequireManager(actor);
        Apply(data);
        RequireManager(actor);
        Touch(at ?? DateTimeOffset.UtcNow);
    }

    public void Suspend(Actor actor, DateTimeOffset? at = null)
    {
        RequireManager(actor);
        if (Status == EStationStatus.Suspended)
        {
            throw new InvalidTransitionException("该科普e站已停用");
        }

        Status = EStationStatus.Suspended;
        Touch(at ?? DateTimeOffset.UtcNow);
    }

    public void Resume(Actor actor, DateTimeOffset? at = null)
    {
        RequireManager(actor);
        if (Status == EStationStatus.Active)
        {
            throw new InvalidTransitionException("该科普e站正在运行");
        }

        Status = EStationStatus.Active;
        Touch(at ?? DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// The usage of one China day: a new row, or <paramref name="existing"/> (that day's row) corrected. Only for an
    /// active station, a day not in the future and not before the station was set up.
    /// </summary>
    public EStationUsage LogUsage(DateOnly day, int visits, int interactions, Actor actor, EStationUsage? existing = null, DateTimeOffset? at = null)
    {
        RequireManager(actor);
        var when = at ?? DateTimeOffset.UtcNow;
        if (Status != EStationStatus.Active)
        {
            throw new InvalidTransitionException("科普e站已停用，不能登记使用情况");
        }

        if (day > MarketRules.ChinaDate(when))
        {
            throw new DomainValidationException("day", "日期不能晚于今天");
        }

        if (day < MarketRules.ChinaDate(CreatedAt))
        {
            throw new DomainValidationException("day", $"日期不能早于e站建站日期（{MarketRules.ChinaDate(CreatedAt):yyyy-MM-dd}）");
        }

        Count(visits, "visits", "访问次数");
        Count(interactions, "interactions", "互动次数");
        if (existing is { IsSystemCounted: true })
        {
            throw new DomainValidationException("day", "该日使用情况已由e站终端自动统计，不能手工登记");
        }

        if (existing is null)
        {
            return EStationUsage.Create(this, day, visits, interactions, when);
        }

        if (existing.StationId != Id || existing.Day != day)
        {
            throw new DomainValidationException("day", "使用记录不属于该e站或该日期");
        }

        existing.Set(visits, interactions, when);
        return existing;
    }

    private static void Count(int value, string field, string label)
    {
        if (value is < 0 or > MaxDailyCount)
        {
            throw new DomainValidationException(field, $"{label}应在0至{MaxDailyCount}之间");
        }
    }

    private void RequireManager(Actor actor)
    {
        if (!MayManage(actor))
        {
            throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以管理科普e站");
        }
    }

    private void Touch(DateTimeOffset when)
    {
        UpdatedAt = when;
        Version++;
    }

    private void Apply(EStationData data)
    {
        Name = Guard.Required(data.Name, "name", "e站名称", 100);
        SiteKind = ContactRules.Enum(data.SiteKind, "siteKind", "站点类型");
        RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        Address = Guard.Optional(data.Address, "address", "地址", 200);
        ContactName = Guard.Optional(data.ContactName, "contactName", "联系人", 50);
        ContactPhone = string.IsNullOrWhiteSpace(data.ContactPhone) ? null : ContactRules.Phone(data.ContactPhone, "contactPhone");
    }
}

/// <summary>What a 科普e站 kiosk reports to the system.</summary>
public enum KioskEvent
{
    /// <summary>A visitor opened an item (浏览).</summary>
    View = 1,

    /// <summary>A visitor liked an item (点赞).</summary>
    Like = 2,

    /// <summary>A visitor asked a question (提问).</summary>
    Question = 3,

    /// <summary>The kiosk is on (心跳).</summary>
    Heartbeat = 4,

    /// <summary>A visitor finished a quiz (知识竞答; one per attempt).</summary>
    Quiz = 5,
}

/// <summary>
/// One day of a 科普e站's use. Typed in by the staff (<see cref="Visits"/>, <see cref="Interactions"/>) for a station
/// without a kiosk, or counted by the system from its kiosks (<see cref="KioskViews"/>, <see cref="KioskLikes"/>,
/// <see cref="KioskQuestions"/>, <see cref="KioskQuizzes"/>, <see cref="Heartbeats"/>). A day with any system count is counted by the system only:
/// <see cref="Total"/> (what indicator S03 adds up) never adds typed and counted numbers together, and such a day cannot
/// be typed in.
/// </summary>
public sealed class EStationUsage : Entity, IRegional
{
    private EStationUsage()
    {
    }

    public Guid StationId { get; private set; }

    /// <summary>The station's region when the day was logged.</summary>
    public string RegionCode { get; private set; } = string.Empty;

    /// <summary>China date.</summary>
    public DateOnly Day { get; private set; }

    /// <summary>访问次数, typed in.</summary>
    public int Visits { get; private set; }

    /// <summary>互动次数, typed in.</summary>
    public int Interactions { get; private set; }

    /// <summary>Items opened on the station's kiosks (counted by the system).</summary>
    public int KioskViews { get; private set; }

    /// <summary>Likes given on the kiosks (counted by the system).</summary>
    public int KioskLikes { get; private set; }

    /// <summary>Questions asked on the kiosks (counted by the system).</summary>
    public int KioskQuestions { get; private set; }

    /// <summary>Quizzes finished on the kiosks (counted by the system): one per attempt, however many questions it had.</summary>
    public int KioskQuizzes { get; private set; }

    /// <summary>Heartbeats the kiosks sent that day; a day with any is an online day (在线天数).</summary>
    public int Heartbeats { get; private set; }

    /// <summary>Whether the day was counted by the system (a kiosk reported anything).</summary>
    public bool IsSystemCounted => KioskViews + KioskLikes + KioskQuestions + KioskQuizzes + Heartbeats > 0;

    /// <summary>The day's uses: the kiosk's views, likes, questions and finished quizzes when the system counted the day, else the typed-in visits and interactions.</summary>
    public int Total => IsSystemCounted ? KioskViews + KioskLikes + KioskQuestions + KioskQuizzes : Visits + Interactions;

    internal static EStationUsage Create(EStation station, DateOnly day, int visits, int interactions, DateTimeOffset when) => new()
    {
        StationId = station.Id,
        RegionCode = station.RegionCode,
        Day = day,
        Visits = visits,
        Interactions = interactions,
        CreatedAt = when,
        UpdatedAt = when,
    };

    /// <summary>An empty row for a day a kiosk reports on (the counts are then added in SQL).</summary>
    public static EStationUsage ForKiosk(EStation station, DateOnly day, DateTimeOffset when) => Create(station, day, 0, 0, when);

    /// <summary>Adds a kiosk's counts to the day (the demo seeder; the kiosk service adds them one at a time in SQL).</summary>
    public void AddKioskCounts(int views, int likes, int questions, int heartbeats, DateTimeOffset when, int quizzes = 0)
    {
        if (views < 0 || likes < 0 || questions < 0 || heartbeats < 0 || quizzes < 0)
        {
            throw new DomainValidationException("count", "次数不能为负数");
        }

        KioskViews += views;
        KioskLikes += likes;
        KioskQuestions += questions;
        KioskQuizzes += quizzes;
        Heartbeats += heartbeats;
        UpdatedAt = when;
    }

    internal void Set(int visits, int interactions, DateTimeOffset when)
    {
        Visits = visits;
        Interactions = interactions;
        UpdatedAt = when;
    }
}
