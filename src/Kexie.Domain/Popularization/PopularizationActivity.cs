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

/// <summary>
/// Who signs up for an activity: one person, or a group (a school class, a unit) named by <see cref="GroupName"/> with
/// <see cref="Headcount"/> people and <see cref="Name"/>/<see cref="Phone"/> as its contact.
/// </summary>
public sealed record ParticipantData(string? Name, string? Phone, string? Group = null, string? GroupName = null, int? Headcount = null);

/// <summary>Where a registration stands: a person's is confirmed at once, a group's waits for the organiser.</summary>
public enum ParticipantStatus
{
    /// <summary>已确认.</summary>
    Confirmed = 1,

    /// <summary>待确认: a group sign-up the organiser has not yet decided; its seats are held.</summary>
    Pending = 2,

    /// <summary>未通过 (with a reason): its seats are free again.</summary>
    Declined = 3,
}

/// <summary>
/// 科普活动 (科技活动周, 全国科普日, 科技下乡, 培训, 大篷车…): organised by the staff of a region, with a venue, dates
/// (China dates, inclusive) and an optional capacity. People register (<see cref="Register"/>) and are checked in on
/// site (<see cref="ActivityParticipant.CheckIn"/>); participants (参与人次) are counted by check-in.
/// </summary>
public sealed class PopularizationActivity : Entity, IRegional
{
    public const int MaxCapacity = 1_000_000;

    /// <summary>An unsaved activity to check a sign-up's fields against (<see cref="ActivityParticipant.Check"/>).</summary>
    internal static PopularizationActivity Probe => new();

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
    /// (<paramref name="registered"/> is the number of people signed up so far, a group counting its headcount, declined
    /// sign-ups not counted). Anyone may register; the phone identifies the person (a group's contact). A group's sign-up
    /// waits for the organiser (<see cref="ParticipantStatus.Pending"/>) and holds its seats meanwhile.
    /// </summary>
    public ActivityParticipant Register(ParticipantData data, int registered, Actor actor, DateTimeOffset? at = null)
    {
        var when = at ?? DateTimeOffset.UtcNow;
        RequireOpen(when, "报名");
        var participant = ActivityParticipant.Create(this, data, actor, when);
        if (Capacity is { } capacity && registered + participant.Headcount > capacity)
        {
            var left = Math.Max(0, capacity - registered);
            if (participant.IsGroup)
            {
                throw new DomainValidationException("headcount", left == 0
                    ? $"参加人数超出名额：报名人数已满（上限{capacity}人）"
                    : $"参加人数超出名额：本活动还剩{left}个名额（上限{capacity}人），请减少人数");
            }

            throw new InvalidTransitionException($"报名人数已满（上限{capacity}人）");
        }

        return participant;
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
        // Every field is checked, so a form shows all its mistakes at once (FieldErrors); nothing is changed unless all pass.
        var errors = new FieldErrors();
        var kind = errors.Check(() => ContactRules.Enum(data.Kind, "kind", "活动类型"));
        var title = errors.Check(() => Guard.Required(data.Title, "title", "活动名称", MarketRules.TitleMaxLength));
        var description = errors.Check(() => Guard.Optional(data.Description, "description", "活动简介", MarketRules.DescriptionMaxLength));
        var region = errors.Check(() => Regions.RegionCode.Validate(data.RegionCode, "regionCode"));
        var venue = errors.Check(() => Guard.Required(data.Venue, "venue", "活动地点", 200));
        var organizer = errors.Check(() => Guard.Optional(data.Organizer, "organizer", "主办单位", 100));
        var setting = errors.Check(() => data.Setting is { } s ? ContactRules.Enum(s, "setting", "服务场所") : (ServiceSetting?)null);
        var targetGroup = errors.Check(() => data.TargetGroup is { } g ? ContactRules.Enum(g, "targetGroup", "重点人群") : (TargetGroup?)null);
        var tags = errors.Check(() => ScienceTopics.Normalize(data.Tags));
        var starts = data.StartsOn;
        if (starts is null)
        {
            errors.Add(new DomainValidationException("startsOn", "开始日期不能为空"));
        }
        else if (starts < new DateOnly(2000, 1, 1))
        {
            errors.Add(new DomainValidationException("startsOn", "开始日期不合理"));
        }

        var ends = data.EndsOn ?? starts;
        if (starts is { } a && ends is { } b)
        {
            if (b < a)
            {
                errors.Add(new DomainValidationException("endsOn", "结束日期不能早于开始日期"));
            }
            else if (b.DayNumber - a.DayNumber > 366)
            {
                errors.Add(new DomainValidationException("endsOn", "活动时间不能超过一年"));
            }
        }

        if (data.Capacity is { } capacity && capacity is < 1 or > MaxCapacity)
        {
            errors.Add(new DomainValidationException("capacity", $"人数上限应在1至{MaxCapacity}之间（不限请留空）"));
        }

        errors.ThrowIfAny();
        Kind = kind;
        Title = title!;
        Description = description;
        RegionCode = region!;
        Venue = venue!;
        Organizer = organizer;
        Setting = setting;
        TargetGroup = targetGroup;
        Tags = tags!;
        StartsOn = starts!.Value;
        EndsOn = ends!.Value;
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

    /// <summary>A group sign-up's name (学校、班级或单位); null for one person.</summary>
    public string? GroupName { get; private set; }

    /// <summary>How many people the registration brings: 1 for a person, the group's number of participants.</summary>
    public int Headcount { get; private set; } = 1;

    public ParticipantStatus Status { get; private set; } = ParticipantStatus.Confirmed;

    /// <summary>Why the organiser declined a group sign-up.</summary>
    public string? DeclineReason { get; private set; }

    public bool IsGroup => GroupName is not null;

    /// <summary>Most people one group sign-up brings.</summary>
    public const int MaxHeadcount = 2000;

    public string? RegisteredByUserId { get; private set; }

    public DateTimeOffset? CheckedInAt { get; private set; }

    public string? CheckedInByUserId { get; private set; }

    public bool IsCheckedIn => CheckedInAt is not null;

    internal static ActivityParticipant Create(PopularizationActivity activity, ParticipantData data, Actor actor, DateTimeOffset when)
    {
        var isGroup = data.GroupName is not null || data.Headcount is not null;
        var errors = new FieldErrors();
        var participant = new ActivityParticipant
        {
            ActivityId = activity.Id,
            RegionCode = activity.RegionCode,
            Name = errors.Check(() => Guard.Required(data.Name, "name", isGroup ? "联系人" : "姓名", 50)) ?? string.Empty,
            Phone = errors.Check(() => ContactRules.Phone(data.Phone, "phone")) ?? string.Empty,
            Group = errors.Check(() => Guard.Optional(data.Group, "group", "人群", 50)),
            RegisteredByUserId = actor.UserId,
            CreatedAt = when,
            UpdatedAt = when,
        };
        if (isGroup)
        {
            participant.GroupName = errors.Check(() => Guard.Required(data.GroupName, "groupName", "学校/班级名称", 100));
            participant.Headcount = errors.Check(() => data.Headcount is { } n and >= 1 and <= MaxHeadcount
                ? n
                : throw new DomainValidationException("headcount", data.Headcount is null ? "参加人数不能为空" : $"参加人数应在1至{MaxHeadcount}之间"));
            participant.Status = ParticipantStatus.Pending;
        }

        errors.ThrowIfAny();
        return participant;
    }

    /// <summary>Checks a sign-up's fields without an activity (a form that refused another field first), throwing every error.</summary>
    public static void Check(ParticipantData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var probe = PopularizationActivity.Probe;
        Create(probe, data, Actor.Public, DateTimeOffset.UnixEpoch);
    }

    /// <summary>确认 a group's sign-up: the managers of the activity's region, while it waits.</summary>
    public void Confirm(PopularizationActivity activity, Actor actor, DateTimeOffset? at = null)
    {
        RequireDecision(activity, actor);
        Status = ParticipantStatus.Confirmed;
        UpdatedAt = at ?? DateTimeOffset.UtcNow;
    }

    /// <summary>Declines a group's sign-up with a reason; its seats are free again.</summary>
    public void Decline(PopularizationActivity activity, Actor actor, string? reason, DateTimeOffset? at = null)
    {
        RequireDecision(activity, actor);
        DeclineReason = MarketRules.Reason(reason, "原因");
        Status = ParticipantStatus.Declined;
        UpdatedAt = at ?? DateTimeOffset.UtcNow;
    }

    private void RequireDecision(PopularizationActivity activity, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Id != ActivityId)
        {
            throw new DomainValidationException("activityId", "报名记录不属于该活动");
        }

        activity.RequireManager(actor);
        if (Status != ParticipantStatus.Pending)
        {
            throw new InvalidTransitionException($"{GroupName ?? Name}的报名{Status.Chinese()}，不能再次处理");
        }
    }

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
            throw new InvalidTransitionException($"{GroupName ?? Name}已签到");
        }

        if (Status != ParticipantStatus.Confirmed)
        {
            throw new InvalidTransitionException($"{GroupName ?? Name}的报名{Status.Chinese()}，不能签到");
        }

        CheckedInAt = when;
        CheckedInByUserId = actor.UserId;
        UpdatedAt = when;
    }
}
