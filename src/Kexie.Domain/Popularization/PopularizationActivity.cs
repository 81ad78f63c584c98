using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.Popularization;

public enum ActivityKind
{
    /// <summary>科技活动周.</summary>
    ScienceWeek = 1,

    /// <summary>全国科普日.</summary>
    NationalScienceDay = 2,

    /// <summary>科技下乡.</summary>
    ScienceToCountryside = 3,

    /// <summary>科普培训.</summary>
    Training = 4,

    /// <summary>科普大篷车.</summary>
    ScienceCaravan = 5,

    /// <summary>科普讲座.</summary>
    Lecture = 6,

    /// <summary>集中科普宣传 (防灾减灾日、世界气象日… a county-wide day of stands and talks; with 科技活动周 and 全国科普日 the report's "集中科普宣传N次").</summary>
    Campaign = 7,

    /// <summary>其他.</summary>
    Other = 9,
}

public enum ActivityStatus
{
    /// <summary>报名中 / 进行中 (until its last day passes or it is cancelled).</summary>
    Open = 1,

    /// <summary>已取消 (with a reason); registrations and check-ins stop.</summary>
    Cancelled = 2,
}

public sealed record PopularizationActivityData(
    ActivityKind Kind,
    string? Title,
    string? Description,
    string? RegionCode,
    string? Venue,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    int? Capacity,
    string? Organizer,
    ServiceSetting? Setting = null,
    TargetGroup? TargetGroup = null,
    IReadOnlyList<string>? Tags = null);

/// <summary>Who signs up for an activity.</summary>
public sealed record ParticipantData(string? Name, string? Phone, string? Group = null);

/// <summary>
/// 科普活动 (科技活动周, 全国科普日, 科技下乡, 培训, 大篷车…): organised by the staff of a region, with a venue, dates
/// (China dates, inclusive) and an optional capacity. People register (<see cref="Register"/>) and are checked in on
/// site (<see cref="ActivityParticipant.CheckIn"/>); participants (参与人次) are counted by check-in.
/// </summary>
public sealed class PopularizationActivity : Entity, IRegional
{
    public const int MaxCapacity = 1_000_000;

    private PopularizationActivity()
    {
    }

    public ActivityKind Kind { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    public string Venue { get; private set; } = string.Empty;

    public DateOnly StartsOn { get; private set; }

    public DateOnly EndsOn { get; private set; }

    /// <summary>Most registrations accepted; null is unlimited.</summary>
    public int? Capacity { get; private set; }

    /// <summary>主办单位.</summary>
    public string? Organizer { get; private set; }

    public ActivityStatus Status { get; private set; } = ActivityStatus.Open;

    /// <summary>Where the activity goes (进农村、进社区、进学校、进机关、进企业、进家庭), when it is one of those.</summary>
    public ServiceSetting? Setting { get; private set; }

    /// <summary>The 重点人群 it is for (青少年、农民、城镇劳动者、老年人、领导干部和公务员), when it has one.</summary>
    public TargetGroup? TargetGroup { get; private set; }

    /// <summary>Topic tags (<see cref="ScienceTopics"/>): registrations and attendance count toward these topics in the 科普需求画像.</summary>
    public List<string> Tags { get; private set; } = [];

    public string? CancelReason { get; private set; }

    /// <summary>The 活动系列 (科技活动周, 全国科普日… of a region and year) it belongs to, if any.</summary>
    public Guid? SeriesId { get; private set; }

    public string? CreatedByUserId { get; private set; }

    /// <summary>Concurrency token: incremented on every change.</summary>
    public int Version { get; private set; }

    public static PopularizationActivity Create(PopularizationActivityData data, Actor actor, DateTimeOffset? at = null)
    {
        var activity = new PopularizationActivity();
        activity.Apply(data);
        activity.RequireManager(actor);
        var when = at ?? DateTimeOffset.UtcNow;
        activity.CreatedByUserId = actor.UserId;
        activity.CreatedAt = when;
        activity.UpdatedAt = when;
        return activity;
    }

    public bool MayManage(Actor actor) => actor.Manages(RegionCode);

    /// <summary>Edits the activity; it stays in its region (the staff of another county cannot take it over).</summary>
    public void Update(PopularizationActivityData data, Actor actor, int registered, DateTimeOffset? at = null)
    {
        RequireManager(actor);
        if (Status == ActivityStatus.Cancelled)
        {
            throw new InvalidTransitionException("活动已取消，不能修改");
        }

        if (Regions.RegionCode.Validate(data.RegionCode, "regionCode") != RegionCode)
        {
            throw new DomainValidationException("regionCode", "不能更改活动所属地区");
        }

        if (data.Capacity is { } capacity && capacity < registered)
        {
            throw new DomainValidationException("capacity", $"人数上限不能少于已报名人数（{registered}人）");
        }

        Apply(data);
        Touch(at ?? DateTimeOffset.UtcNow);
    }

    /// <summary>Joins <paramref name="series"/> (null: leaves the one it was in); the series must take it (<see cref="ActivitySeries.RequireMember"/>).</summary>
    public void JoinSeries(ActivitySeries? series, Actor actor, DateTimeOffset? at = null)
    {
        RequireManager(actor);
        if (series?.Id == SeriesId)
        {
            return;
        }

        series?.RequireMember(this);
        SeriesId = series?.Id;
        Touch(at ?? DateTimeOffset.UtcNow);
    }

    public void Cancel(Actor actor, string? reason, DateTimeOffset? at = null)
    {
        RequireManager(actor);
        if (Status == ActivityStatus.Cancelled)
        {
            throw new InvalidTransitionException("活动已取消");
        }

        CancelReason = MarketRules.Reason(reason, "取消原因");
        Status = ActivityStatus.Cancelled;
        Touch(at ?? DateTimeOffset.UtcNow);
    }

    /// <summary>True once the last day (China date) is over.</summary>
    public bool IsOver(DateTimeOffset now) => MarketRules.ChinaDate(now) > EndsOn;

    /// <summary>
    /// A registration: open activities only, before the last day is over, within the capacity
    /// (<paramref name="registered"/> is the count so far). Anyone may register; the phone identifies the person.
    /// </summary>
    public ActivityParticipant Register(ParticipantData data, int registered, Actor actor, DateTimeOffset? at = null)
    {
        var when = at ?? DateTimeOffset.UtcNow;
        RequireOpen(when, "报名");
        if (Capacity is { } capacity && registered >= capacity)
        {
            throw new InvalidTransitionException($"报名人数已满（上限{capacity}人）");
        }

        return ActivityParticipant.Create(this, data, actor, when);
    }

    internal void RequireOpen(DateTimeOffset now, string verb)
    {
        if (Status == ActivityStatus.Cancelled)
        {
            throw new InvalidTransitionException($"活动已取消，不能{verb}");
        }

        if (IsOver(now))
        {
            throw new InvalidTransitionException($"活动已结束，不能{verb}");
        }
    }

    internal void RequireManager(Actor actor)
    {
        if (!MayManage(actor))
        {
            throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以管理科普活动");
        }
    }

    private void Touch(DateTimeOffset when)
    {
        UpdatedAt = when;
        Version++;
    }

    private void Apply(PopularizationActivityData data)
    {
        Kind = ContactRules.Enum(data.Kind, "kind", "活动类型");
        Title = Guard.Required(data.Title, "title", "活动名称", MarketRules.TitleMaxLength);
        Description = Guard.Optional(data.Description, "description", "活动简介", MarketRules.DescriptionMaxLength);
        RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        Venue = Guard.Required(data.Venue, "venue", "活动地点", 200);
        Organizer = Guard.Optional(data.Organizer, "organizer", "主办单位", 100);
        Setting = data.Setting is { } setting ? ContactRules.Enum(setting, "setting", "服务场所") : null;
        TargetGroup = data.TargetGroup is { } group ? ContactRules.Enum(group, "targetGroup", "重点人群") : null;
        Tags = ScienceTopics.Normalize(data.Tags);
        var starts = data.StartsOn ?? throw new DomainValidationException("startsOn", "开始日期不能为空");
        var ends = data.EndsOn ?? starts;
        if (starts < new DateOnly(2000, 1, 1))
        {
            throw new DomainValidationException("startsOn", "开始日期不合理");
        }

        if (ends < starts)
        {
            throw new DomainValidationException("endsOn", "结束日期不能早于开始日期");
        }

        if (ends.DayNumber - starts.DayNumber > 366)
        {
            throw new DomainValidationException("endsOn", "活动时间不能超过一年");
        }

        if (data.Capacity is { } capacity && capacity is < 1 or > MaxCapacity)
        {
            throw new DomainValidationException("capacity", $"人数上限应在1至{MaxCapacity}之间（不限请留空）");
        }

        StartsOn = starts;
        EndsOn = ends;
        Capacity = data.Capacity;
    }
}

/// <summary>
/// One person registered for an activity (报名), checked in on site (签到) by the staff. Carries the activity's region,
/// where the participant counts. One registration per phone and activity.
/// </summary>
public sealed class ActivityParticipant : Entity, IRegional
{
    private ActivityParticipant()
    {
    }

    public Guid ActivityId { get; private set; }

    /// <summary>The activity's region: where the participation counts and who manages it.</summary>
    public string RegionCode { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public string Phone { get; private set; } = string.Empty;

    /// <summary>人群 (学生、农民、社区居民…), free text for the 科普需求画像.</summary>
    public string? Group { get; private set; }

    public string? RegisteredByUserId { get; private set; }

    public DateTimeOffset? CheckedInAt { get; private set; }

    public string? CheckedInByUserId { get; private set; }

    public bool IsCheckedIn => CheckedInAt is not null;

    internal static ActivityParticipant Create(PopularizationActivity activity, ParticipantData data, Actor actor, DateTimeOffset when) => new()
    {
        ActivityId = activity.Id,
        RegionCode = activity.RegionCode,
        Name = Guard.Required(data.Name, "name", "姓名", 50),
        Phone = ContactRules.Phone(data.Phone, "phone"),
        Group = Guard.Optional(data.Group, "group", "人群", 50),
        RegisteredByUserId = actor.UserId,
        CreatedAt = when,
        UpdatedAt = when,
    };

    /// <summary>签到 by the staff of the activity's region, on one of the activity's days (China date), once.</summary>
    public void CheckIn(PopularizationActivity activity, Actor actor, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Id != ActivityId)
        {
            throw new DomainValidationException("activityId", "报名记录不属于该活动");
        }

        activity.RequireManager(actor);
        var when = at ?? DateTimeOffset.UtcNow;
        activity.RequireOpen(when, "签到");
        if (MarketRules.ChinaDate(when) < activity.StartsOn)
        {
            throw new InvalidTransitionException($"活动尚未开始（{activity.StartsOn:yyyy-MM-dd}开始），不能签到");
        }

        if (IsCheckedIn)
        {
            throw new InvalidTransitionException($"{Name}已签到");
        }

        CheckedInAt = when;
        CheckedInByUserId = actor.UserId;
        UpdatedAt = when;
    }
}
