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

    public bool MayManage(Actor actor) => actor.IsRegionManager && actor.Manages(RegionCode);

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

/// <summary>One day of a 科普e站's use: visits (访问) and interactions (互动: questions, subscriptions, comments).</summary>
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

    public int Visits { get; private set; }

    public int Interactions { get; private set; }

    public int Total => Visits + Interactions;

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

    internal void Set(int visits, int interactions, DateTimeOffset when)
    {
        Visits = visits;
        Interactions = interactions;
        UpdatedAt = when;
    }
}
