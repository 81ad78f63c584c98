using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.Popularization;

public enum VolunteerCallStatus
{
    /// <summary>招募中 (until its deadline passes).</summary>
    Open = 1,

    /// <summary>已结束招募: closed by the organiser.</summary>
    Closed = 2,
}

public enum VolunteerApplicationStatus
{
    /// <summary>待录用.</summary>
    Applied = 1,

    /// <summary>已录用: expected at the activity, signs in and out there.</summary>
    Accepted = 2,

    /// <summary>未录用 (with a reason).</summary>
    Declined = 3,

    /// <summary>已撤回 by the volunteer before a decision.</summary>
    Withdrawn = 4,
}

public static class VolunteerRecruitmentNames
{
    public static string Chinese(this VolunteerCallStatus status) => status switch
    {
        VolunteerCallStatus.Open => "招募中",
        VolunteerCallStatus.Closed => "已结束招募",
        _ => "其他",
    };

    public static string Chinese(this VolunteerApplicationStatus status) => status switch
    {
        VolunteerApplicationStatus.Applied => "待录用",
        VolunteerApplicationStatus.Accepted => "已录用",
        VolunteerApplicationStatus.Declined => "未录用",
        VolunteerApplicationStatus.Withdrawn => "已撤回",
        _ => "其他",
    };
}

/// <summary>A call for volunteers: how many (<paramref name="Slots"/>), for which posts, until when (China date, inclusive), with which skills.</summary>
public sealed record VolunteerCallData(int? Slots, DateOnly? Deadline, string? Duties = null, string? Skills = null);

/// <summary>
/// 志愿者招募: the organiser of an activity (its region's managers) calls for N volunteers, for posts (岗位) and skills, until a
/// deadline no later than the activity's last day. One call per activity; registered volunteers apply, the organiser accepts up to N.
/// </summary>
public sealed class VolunteerCall : Entity, IRegional
{
    public const int MaxSlots = 1000;

    private VolunteerCall()
    {
    }

    public Guid ActivityId { get; private set; }

    /// <summary>The activity's region: its managers run the call.</summary>
    public string RegionCode { get; private set; } = string.Empty;

    /// <summary>招募人数.</summary>
    public int Slots { get; private set; }

    /// <summary>服务岗位 (讲解、引导、秩序维护…).</summary>
    public string? Duties { get; private set; }

    /// <summary>专长要求.</summary>
    public string? Skills { get; private set; }

    /// <summary>报名截止日期 (China date, inclusive).</summary>
    public DateOnly Deadline { get; private set; }

    public VolunteerCallStatus Status { get; private set; } = VolunteerCallStatus.Open;

    public DateTimeOffset? ClosedAt { get; private set; }

    public string? CreatedByUserId { get; private set; }

    public int Version { get; private set; }

    public static VolunteerCall Publish(PopularizationActivity activity, VolunteerCallData data, Actor actor, DateTimeOffset? at = null)
    {
        RequireOrganiser(activity, actor);
        var when = at ?? DateTimeOffset.UtcNow;
        if (activity.Status == ActivityStatus.Cancelled)
        {
            throw new InvalidTransitionException("活动已取消，不能招募志愿者");
        }

        if (activity.EndsOn < MarketRules.ChinaDate(when))
        {
            throw new InvalidTransitionException("活动已结束，不能招募志愿者");
        }

        var call = new VolunteerCall { ActivityId = activity.Id, RegionCode = activity.RegionCode, CreatedByUserId = actor.UserId, CreatedAt = when, UpdatedAt = when };
        call.Apply(activity, data, 0, when);
        return call;
    }

    public bool MayManage(Actor actor) => actor.Manages(RegionCode);

    /// <summary>Open for applications on <paramref name="today"/> (China date): not closed and the deadline not passed.</summary>
    public bool IsOpenOn(DateOnly today) => Status == VolunteerCallStatus.Open && today <= Deadline;

    /// <summary>Changes the number, posts, skills or deadline; the number cannot drop below those already accepted.</summary>
    public void Change(PopularizationActivity activity, VolunteerCallData data, int accepted, Actor actor, DateTimeOffset? at = null)
    {
        RequireOrganiser(activity, actor);
        var when = at ?? DateTimeOffset.UtcNow;
        Apply(activity, data, accepted, when);
        Status = VolunteerCallStatus.Open;
        ClosedAt = null;
        Touch(when);
    }

    /// <summary>The organiser ends the call (those accepted stay accepted; applications waiting stay unanswered).</summary>
    public void Close(PopularizationActivity activity, Actor actor, DateTimeOffset? at = null)
    {
        RequireOrganiser(activity, actor);
        if (Status == VolunteerCallStatus.Closed)
        {
            throw new InvalidTransitionException("招募已结束");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        Status = VolunteerCallStatus.Closed;
        ClosedAt = when;
        Touch(when);
    }

    internal static void RequireOrganiser(PopularizationActivity activity, Actor actor)
    {
        if (!activity.MayManage(actor))
        {
            throw new NotPermittedException("只有活动所在地区的服务中心工作人员或科协管理员可以招募、录用志愿者");
        }
    }

    private void Apply(PopularizationActivity activity, VolunteerCallData data, int accepted, DateTimeOffset when)
    {
        var slots = data.Slots ?? throw new DomainValidationException("slots", "招募人数不能为空");
        if (slots < 1 || slots > MaxSlots)
        {
            throw new DomainValidationException("slots", $"招募人数应在1至{MaxSlots}之间");
        }

        if (slots < accepted)
        {
            throw new DomainValidationException("slots", $"已录用{accepted}名志愿者，招募人数不能少于{accepted}");
        }

        var deadline = data.Deadline ?? throw new DomainValidationException("deadline", "报名截止日期不能为空");
        if (deadline < MarketRules.ChinaDate(when))
        {
            throw new DomainValidationException("deadline", "报名截止日期不能早于今天");
        }

        if (deadline > activity.EndsOn)
        {
            throw new DomainValidationException("deadline", "报名截止日期不能晚于活动结束日期");
        }

        Slots = slots;
        Deadline = deadline;
        Duties = Guard.Optional(data.Duties, "duties", "服务岗位", 200);
        Skills = Guard.Optional(data.Skills, "skills", "专长要求", 200);
    }

    private void Touch(DateTimeOffset when)
    {
        UpdatedAt = when;
        Version++;
    }
}

/// <summary>
/// 志愿者报名: a registered volunteer applies to a call with a short note (by their own account), may withdraw before a decision,
/// and is accepted (up to the call's number) or declined with a reason by the organiser.
/// </summary>
public sealed class VolunteerApplication : Entity, IRegional
{
    private VolunteerApplication()
    {
    }

    public Guid VolunteerCallId { get; private set; }

    public Guid ActivityId { get; private set; }

    public Guid VolunteerId { get; private set; }

    /// <summary>The activity's region (its managers decide).</summary>
    public string RegionCode { get; private set; } = string.Empty;

    /// <summary>报名说明.</summary>
    public string? Note { get; private set; }

    public VolunteerApplicationStatus Status { get; private set; }

    public string? Reason { get; private set; }

    public string? DecidedByUserId { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public int Version { get; private set; }

    public static VolunteerApplication Submit(VolunteerCall call, Volunteer volunteer, string? note, Actor actor, DateTimeOffset? at = null)
    {
        var when = at ?? DateTimeOffset.UtcNow;
        RequireSelf(volunteer, actor);
        var application = new VolunteerApplication
        {
            VolunteerCallId = call.Id,
            ActivityId = call.ActivityId,
            VolunteerId = volunteer.Id,
            RegionCode = call.RegionCode,
            CreatedAt = when,
        };
        application.Open(call, note, when);
        return application;
    }

    /// <summary>A withdrawn application submitted again (the same row: one per volunteer and call).</summary>
    public void Resubmit(VolunteerCall call, Volunteer volunteer, string? note, Actor actor, DateTimeOffset? at = null)
    {
        RequireSelf(volunteer, actor);
        switch (Status)
        {
            case VolunteerApplicationStatus.Applied:
                throw new InvalidTransitionException("您已报名本次招募，请等待组织方录用");
            case VolunteerApplicationStatus.Accepted:
                throw new InvalidTransitionException("您已被录用");
            case VolunteerApplicationStatus.Declined:
                throw new InvalidTransitionException("组织方未录用您的报名，不能再次报名");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        Open(call, note, when);
        Reason = null;
        DecidedByUserId = null;
        DecidedAt = null;
        Version++;
    }

    public void Withdraw(Volunteer volunteer, Actor actor, DateTimeOffset? at = null)
    {
        RequireSelf(volunteer, actor);
        if (Status != VolunteerApplicationStatus.Applied)
        {
            throw new InvalidTransitionException(Status == VolunteerApplicationStatus.Accepted ? "已被录用，不能撤回报名，请联系组织方" : "该报名已处理");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        Status = VolunteerApplicationStatus.Withdrawn;
        UpdatedAt = when;
        Version++;
    }

    /// <summary>The organiser accepts, while fewer than the call's number are accepted (<paramref name="accepted"/>).</summary>
    public void Accept(VolunteerCall call, PopularizationActivity activity, int accepted, Actor actor, DateTimeOffset? at = null)
    {
        VolunteerCall.RequireOrganiser(activity, actor);
        RequireWaiting();
        if (accepted >= call.Slots)
        {
            throw new InvalidTransitionException($"招募名额已满（{call.Slots}名），不能再录用；如需增加人数，请先修改招募人数");
        }

        Decide(VolunteerApplicationStatus.Accepted, null, actor, at);
    }

    public void Decline(PopularizationActivity activity, string? reason, Actor actor, DateTimeOffset? at = null)
    {
        VolunteerCall.RequireOrganiser(activity, actor);
        RequireWaiting();
        Decide(VolunteerApplicationStatus.Declined, MarketRules.Reason(reason, "未录用原因"), actor, at);
    }

    private void Open(VolunteerCall call, string? note, DateTimeOffset when)
    {
        if (!call.IsOpenOn(MarketRules.ChinaDate(when)))
        {
            throw new InvalidTransitionException(call.Status == VolunteerCallStatus.Closed ? "招募已结束，不能报名" : "已过报名截止日期，不能报名");
        }

        Note = Guard.Optional(note, "note", "报名说明", 200);
        Status = VolunteerApplicationStatus.Applied;
        UpdatedAt = when;
    }

    private void RequireWaiting()
    {
        if (Status != VolunteerApplicationStatus.Applied)
        {
            throw new InvalidTransitionException(Status == VolunteerApplicationStatus.Withdrawn ? "志愿者已撤回报名" : "该报名已处理");
        }
    }

    private void Decide(VolunteerApplicationStatus status, string? reason, Actor actor, DateTimeOffset? at)
    {
        var when = at ?? DateTimeOffset.UtcNow;
        Status = status;
        Reason = reason;
        DecidedByUserId = actor.UserId;
        DecidedAt = when;
        UpdatedAt = when;
        Version++;
    }

    private static void RequireSelf(Volunteer volunteer, Actor actor)
    {
        if (volunteer.UserId is null || actor.UserId != volunteer.UserId)
        {
            throw new NotPermittedException("只有志愿者本人可以报名或撤回报名");
        }
    }
}
