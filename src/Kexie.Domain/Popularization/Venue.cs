using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.Popularization;

/// <summary>The kind of a 科普阵地 (base or venue), as the annual reports count them.</summary>
public enum VenueKind
{
    /// <summary>科普教育基地.</summary>
    PopularizationBase = 1,

    /// <summary>科技馆.</summary>
    ScienceMuseum = 2,

    /// <summary>流动科技馆 (tours from place to place).</summary>
    MobileMuseum = 3,

    /// <summary>中学科技馆 / 农村中学科技馆.</summary>
    SchoolMuseum = 4,

    /// <summary>特色产业科普基地.</summary>
    IndustryBase = 5,

    /// <summary>科普惠民共享基地.</summary>
    SharedBase = 6,

    /// <summary>科普惠民社区（村）.</summary>
    BenefitCommunity = 7,

    /// <summary>科普教育学校.</summary>
    EducationSchool = 8,

    /// <summary>科普活动室.</summary>
    ActivityRoom = 9,

    /// <summary>科普大篷车 (trips from place to place).</summary>
    Caravan = 10,

    /// <summary>其他科普阵地.</summary>
    Other = 99,
}

/// <summary>The level that accredited a venue.</summary>
public enum VenueLevel
{
    /// <summary>国家级.</summary>
    National = 1,

    /// <summary>省级.</summary>
    Provincial = 2,

    /// <summary>市（州）级.</summary>
    Prefectural = 3,

    /// <summary>县级.</summary>
    County = 4,

    /// <summary>未定级 (a 科普活动室, a school's museum…).</summary>
    Unrated = 9,
}

public enum VenueStatus
{
    /// <summary>在建 / 筹建: counted, receives no visitors yet.</summary>
    Building = 1,

    /// <summary>开放运行.</summary>
    Open = 2,

    /// <summary>停止运行: keeps its records, takes no new ones.</summary>
    Closed = 3,
}

/// <summary>五类重点人群.</summary>
public enum TargetGroup
{
    /// <summary>青少年.</summary>
    Youth = 1,

    /// <summary>农民.</summary>
    Farmers = 2,

    /// <summary>城镇劳动者.</summary>
    UrbanWorkers = 3,

    /// <summary>老年人.</summary>
    Elderly = 4,

    /// <summary>领导干部和公务员.</summary>
    Officials = 5,
}

/// <summary>Where a service goes (进农村、进社区、进学校、进机关、进企业、进家庭).</summary>
public enum ServiceSetting
{
    Countryside = 1,
    Community = 2,
    School = 3,
    Agency = 4,
    Enterprise = 5,
    Family = 6,
}

public static class VenueNames
{
    public static string Chinese(this VenueKind kind) => kind switch
    {
        VenueKind.PopularizationBase => "科普教育基地",
        VenueKind.ScienceMuseum => "科技馆",
        VenueKind.MobileMuseum => "流动科技馆",
        VenueKind.SchoolMuseum => "中学科技馆",
        VenueKind.IndustryBase => "特色产业科普基地",
        VenueKind.SharedBase => "科普惠民共享基地",
        VenueKind.BenefitCommunity => "科普惠民社区（村）",
        VenueKind.EducationSchool => "科普教育学校",
        VenueKind.ActivityRoom => "科普活动室",
        VenueKind.Caravan => "科普大篷车",
        _ => "其他科普阵地",
    };

    public static string Chinese(this VenueLevel level) => level switch
    {
        VenueLevel.National => "国家级",
        VenueLevel.Provincial => "省级",
        VenueLevel.Prefectural => "市级",
        VenueLevel.County => "县级",
        _ => "未定级",
    };

    public static string Chinese(this VenueStatus status) => status switch
    {
        VenueStatus.Building => "在建",
        VenueStatus.Open => "开放",
        VenueStatus.Closed => "停止运行",
        _ => "其他",
    };

    public static string Chinese(this TargetGroup group) => group switch
    {
        TargetGroup.Youth => "青少年",
        TargetGroup.Farmers => "农民",
        TargetGroup.UrbanWorkers => "城镇劳动者",
        TargetGroup.Elderly => "老年人",
        TargetGroup.Officials => "领导干部和公务员",
        _ => "其他人群",
    };

    public static string Chinese(this ServiceSetting setting) => setting switch
    {
        ServiceSetting.Countryside => "进农村",
        ServiceSetting.Community => "进社区",
        ServiceSetting.School => "进学校",
        ServiceSetting.Agency => "进机关",
        ServiceSetting.Enterprise => "进企业",
        ServiceSetting.Family => "进家庭",
        _ => "其他",
    };

    /// <summary>Venues that travel: each visitor record names the place served.</summary>
    public static bool Travels(this VenueKind kind) => kind is VenueKind.MobileMuseum or VenueKind.Caravan;
}

public sealed record VenueData(
    string? Name,
    VenueKind Kind,
    VenueLevel Level,
    string? RegionCode,
    string? Address = null,
    string? AccreditedBy = null,
    DateOnly? AccreditedOn = null,
    VenueStatus Status = VenueStatus.Open,
    DateOnly? OpenedOn = null,
    string? Note = null);

public sealed record VenueVisitData(DateOnly? Day, int Groups, int Visitors, string? Place = null, ServiceSetting? Setting = null, TargetGroup? TargetGroup = null, string? Note = null);

/// <summary>
/// 科普阵地: a base or venue of a region (科普教育基地 by level, 科技馆, 流动科技馆, 中学科技馆, 科普活动室, 科普大篷车…)
/// with its accreditation and opening. Its visitors are recorded as <see cref="VenueVisit"/> rows (groups and head counts
/// of a day, or one trip of a travelling venue), so "接待团队14个、观众14500人次" is a sum of records.
/// </summary>
public sealed class Venue : Entity, IRegional
{
    private Venue()
    {
    }

    public string Name { get; private set; } = string.Empty;

    public VenueKind Kind { get; private set; }

    public VenueLevel Level { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    public string? Address { get; private set; }

    /// <summary>认定单位 (e.g. 四川省科协).</summary>
    public string? AccreditedBy { get; private set; }

    /// <summary>认定日期.</summary>
    public DateOnly? AccreditedOn { get; private set; }

    public VenueStatus Status { get; private set; }

    /// <summary>开放日期 (China date); required once open.</summary>
    public DateOnly? OpenedOn { get; private set; }

    public string? Note { get; private set; }

    public int Version { get; private set; }

    public static Venue Create(VenueData data, Actor actor, DateTimeOffset? at = null)
    {
        var venue = new Venue();
        var when = at ?? DateTimeOffset.UtcNow;
        venue.Apply(data, when);
        venue.RequireManager(actor);
        venue.CreatedAt = when;
        venue.UpdatedAt = when;
        return venue;
    }

    public bool MayManage(Actor actor) => actor.Manages(RegionCode);

    /// <summary>Edits the venue (also its status: 在建 → 开放 → 停止运行); the region may move only within the editor's scope.</summary>
    public void Update(VenueData data, Actor actor, DateTimeOffset? at = null)
    {
        RequireManager(actor);
        var when = at ?? DateTimeOffset.UtcNow;
        Apply(data, when);
        RequireManager(actor);
        UpdatedAt = when;
        Version++;
    }

    /// <summary>
    /// A visitor record: the groups and visitors of a day, or one trip of a travelling venue (the place is required).
    /// Only an open venue receives visitors, on a day neither in the future nor before its opening.
    /// </summary>
    public VenueVisit RecordVisit(VenueVisitData data, Actor actor, DateTimeOffset? at = null)
    {
        RequireManager(actor);
        var when = at ?? DateTimeOffset.UtcNow;
        if (Status != VenueStatus.Open)
        {
            throw new InvalidTransitionException($"该科普阵地{Status.Chinese()}，不能登记接待记录");
        }

        var day = data.Day ?? throw new DomainValidationException("day", "日期不能为空");
        if (day > MarketRules.ChinaDate(when))
        {
            throw new DomainValidationException("day", "日期不能晚于今天");
        }

        if (OpenedOn is { } opened && day < opened)
        {
            throw new DomainValidationException("day", $"日期不能早于开放日期（{opened:yyyy-MM-dd}）");
        }

        if (data.Visitors is < 0 or > VenueVisit.MaxVisitors)
        {
            throw new DomainValidationException("visitors", $"观众人次应在0至{VenueVisit.MaxVisitors}之间");
        }

        if (data.Groups is < 0 or > VenueVisit.MaxGroups)
        {
            throw new DomainValidationException("groups", $"接待团队数应在0至{VenueVisit.MaxGroups}之间");
        }

        if (data.Groups > data.Visitors)
        {
            throw new DomainValidationException("groups", "接待团队数不能多于观众人次");
        }

        var place = Guard.Optional(data.Place, "place", "服务地点", 100);
        if (place is null && Kind.Travels())
        {
            throw new DomainValidationException("place", $"{Kind.Chinese()}的每次服务须填写服务地点");
        }

        return new VenueVisit
        {
            VenueId = Id,
            RegionCode = RegionCode,
            Day = day,
            Groups = data.Groups,
            Visitors = data.Visitors,
            Place = place,
            Setting = data.Setting is { } s ? ContactRules.Enum(s, "setting", "服务场所") : null,
            TargetGroup = data.TargetGroup is { } g ? ContactRules.Enum(g, "targetGroup", "重点人群") : null,
            Note = Guard.Optional(data.Note, "note", "备注", 200),
            RecordedByUserId = actor.UserId,
            CreatedAt = when,
            UpdatedAt = when,
        };
    }

    /// <summary>
    /// Corrects a visitor record of this venue (a re-imported sheet): the same rules as <see cref="RecordVisit"/>, the record keeps
    /// its identity and the one who first recorded it.
    /// </summary>
    public void CorrectVisit(VenueVisit visit, VenueVisitData data, Actor actor, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(visit);
        if (visit.VenueId != Id)
        {
            throw new InvalidOperationException("The visitor record is another venue's.");
        }

        var valid = RecordVisit(data, actor, at);
        visit.Day = valid.Day;
        visit.Groups = valid.Groups;
        visit.Visitors = valid.Visitors;
        visit.Place = valid.Place;
        visit.Setting = valid.Setting;
        visit.TargetGroup = valid.TargetGroup;
        visit.Note = valid.Note;
        visit.UpdatedAt = valid.UpdatedAt;
    }

    /// <summary>Whether the actor may remove a mistaken visitor record of this venue.</summary>
    public void RequireManager(Actor actor)
    {
        if (!MayManage(actor))
        {
            throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以管理科普阵地");
        }
    }

    private void Apply(VenueData data, DateTimeOffset when)
    {
        Name = Guard.Required(data.Name, "name", "阵地名称", 100);
        Kind = ContactRules.Enum(data.Kind, "kind", "阵地类型");
        Level = ContactRules.Enum(data.Level, "level", "级别");
        RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        Address = Guard.Optional(data.Address, "address", "地址", 200);
        AccreditedBy = Guard.Optional(data.AccreditedBy, "accreditedBy", "认定单位", 100);
        var today = MarketRules.ChinaDate(when);
        if (data.AccreditedOn is { } accredited && accredited > today)
        {
            throw new DomainValidationException("accreditedOn", "认定日期不能晚于今天");
        }

        AccreditedOn = data.AccreditedOn;
        Status = ContactRules.Enum(data.Status, "status", "运行状态");
        if (Status == VenueStatus.Open && data.OpenedOn is null)
        {
            throw new DomainValidationException("openedOn", "开放运行的科普阵地须填写开放日期");
        }

        if (Status == VenueStatus.Building && data.OpenedOn is not null)
        {
            throw new DomainValidationException("openedOn", "在建的科普阵地尚无开放日期");
        }

        if (data.OpenedOn is { } opened && opened > today)
        {
            throw new DomainValidationException("openedOn", "开放日期不能晚于今天");
        }

        OpenedOn = data.OpenedOn;
        Note = Guard.Optional(data.Note, "note", "备注", 500);
    }
}

/// <summary>
/// 接待记录: the groups (团队) and visitors (观众人次) of one day at a venue, or one trip (场次) of a travelling venue
/// with the place served, its setting and its main target group.
/// </summary>
public sealed class VenueVisit : Entity, IRegional
{
    public const int MaxVisitors = 1_000_000;
    public const int MaxGroups = 10_000;

    internal VenueVisit()
    {
    }

    public Guid VenueId { get; internal set; }

    /// <summary>The venue's region when the record was made.</summary>
    public string RegionCode { get; internal set; } = string.Empty;

    /// <summary>China date.</summary>
    public DateOnly Day { get; internal set; }

    public int Groups { get; internal set; }

    public int Visitors { get; internal set; }

    /// <summary>服务地点 (a school, a village…) — required for travelling venues.</summary>
    public string? Place { get; internal set; }

    public ServiceSetting? Setting { get; internal set; }

    public TargetGroup? TargetGroup { get; internal set; }

    public string? Note { get; internal set; }

    public string? RecordedByUserId { get; internal set; }
}
