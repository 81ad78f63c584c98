using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.Popularization;

/// <summary>What a volunteer team is for.</summary>
public enum VolunteerTeamKind
{
    /// <summary>科技志愿服务队.</summary>
    ScienceService = 1,

    /// <summary>科普志愿者队伍.</summary>
    Popularization = 2,

    /// <summary>科普信息员队伍.</summary>
    Informants = 3,

    /// <summary>其他志愿服务队.</summary>
    Other = 9,
}

public enum ServiceRecordStatus
{
    /// <summary>服务中: signed in, not yet out.</summary>
    SignedIn = 1,

    /// <summary>待确认: signed out, waiting for the organiser.</summary>
    Pending = 2,

    /// <summary>已确认: counts as service hours.</summary>
    Confirmed = 3,

    /// <summary>未予确认 (with a reason): does not count.</summary>
    Rejected = 4,
}

public static class VolunteerNames
{
    public static string Chinese(this VolunteerTeamKind kind) => kind switch
    {
        VolunteerTeamKind.ScienceService => "科技志愿服务队",
        VolunteerTeamKind.Popularization => "科普志愿者队伍",
        VolunteerTeamKind.Informants => "科普信息员队伍",
        _ => "其他志愿服务队",
    };

    public static string Chinese(this ServiceRecordStatus status) => status switch
    {
        ServiceRecordStatus.SignedIn => "服务中",
        ServiceRecordStatus.Pending => "待确认",
        ServiceRecordStatus.Confirmed => "已确认",
        ServiceRecordStatus.Rejected => "未予确认",
        _ => "其他",
    };
}

public sealed record VolunteerTeamData(string? Name, VolunteerTeamKind Kind, string? RegionCode, string? Organizer = null, DateOnly? EstablishedOn = null, string? Note = null);

/// <summary>科技志愿服务队: a team of a region (依托单位, founding date), run by the region's managers.</summary>
public sealed class VolunteerTeam : Entity, IRegional
{
    private VolunteerTeam()
    {
    }

    public string Name { get; private set; } = string.Empty;

    public VolunteerTeamKind Kind { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    /// <summary>依托单位.</summary>
    public string? Organizer { get; private set; }

    public DateOnly? EstablishedOn { get; private set; }

    public string? Note { get; private set; }

    public int Version { get; private set; }

    public static VolunteerTeam Create(VolunteerTeamData data, Actor actor, DateTimeOffset? at = null)
    {
        var team = new VolunteerTeam();
        var when = at ?? DateTimeOffset.UtcNow;
        team.Apply(data, when);
        team.RequireManager(actor);
        team.CreatedAt = when;
        team.UpdatedAt = when;
        return team;
    }

    public bool MayManage(Actor actor) => actor.Manages(RegionCode);

    /// <summary>
    /// The teams that existed by <paramref name="lastDay"/>: founded on or before it, or — without a founding date — registered
    /// before <paramref name="end"/> (the instant after that day), so a team registered today does not count in an earlier year.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<VolunteerTeam, bool>> ExistedBy(DateOnly lastDay, DateTimeOffset end) =>
        t => t.EstablishedOn != null ? t.EstablishedOn <= lastDay : t.CreatedAt < end;

    public void Update(VolunteerTeamData data, Actor actor, DateTimeOffset? at = null)
    {
        RequireManager(actor);
        var when = at ?? DateTimeOffset.UtcNow;
        Apply(data, when);
        RequireManager(actor);
        UpdatedAt = when;
        Version++;
    }

    private void RequireManager(Actor actor)
    {
        if (!MayManage(actor))
        {
            throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以管理志愿服务队");
        }
    }

    private void Apply(VolunteerTeamData data, DateTimeOffset when)
    {
        Name = Guard.Required(data.Name, "name", "队伍名称", 100);
        Kind = ContactRules.Enum(data.Kind, "kind", "队伍类型");
        RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        Organizer = Guard.Optional(data.Organizer, "organizer", "依托单位", 100);
        if (data.EstablishedOn is { } d && d > MarketRules.ChinaDate(when))
        {
            throw new DomainValidationException("establishedOn", "成立日期不能晚于今天");
        }

        EstablishedOn = data.EstablishedOn;
        Note = Guard.Optional(data.Note, "note", "备注", 500);
    }
}

public sealed record VolunteerData(string? Name, string? Phone, string? RegionCode, string? Expertise = null);

/// <summary>
/// 科技志愿者: registered by the managers of a region, or by a science worker for themself (then linked to the worker's
/// record and account, in the worker's region). Optionally a member of a team of the region or above.
/// </summary>
public sealed class Volunteer : Entity, IRegional
{
    private Volunteer()
    {
    }

    public string Name { get; private set; } = string.Empty;

    public string Phone { get; private set; } = string.Empty;

    public string RegionCode { get; private set; } = string.Empty;

    public string? Expertise { get; private set; }

    public Guid? TeamId { get; private set; }

    /// <summary>The directory record of the science worker this volunteer is, when there is one.</summary>
    public Guid? ScienceWorkerId { get; private set; }

    /// <summary>The account that signs in and out for this volunteer (a self-registered volunteer's own).</summary>
    public string? UserId { get; private set; }

    public int Version { get; private set; }

    /// <summary>
    /// A volunteer registered by a manager of its region (<paramref name="worker"/>: a worker the manager may see, to link),
    /// or by a science worker for themself (<paramref name="worker"/> is their own record; its region wins).
    /// </summary>
    public static Volunteer Register(VolunteerData data, VolunteerTeam? team, (Guid Id, string RegionCode)? worker, Actor actor, DateTimeOffset? at = null)
    {
        var when = at ?? DateTimeOffset.UtcNow;
        var volunteer = new Volunteer
        {
            Name = Guard.Required(data.Name, "name", "姓名", 50),
            Phone = ContactRules.Phone(data.Phone, "phone"),
            Expertise = Guard.Optional(data.Expertise, "expertise", "专长", 200),
            CreatedAt = when,
            UpdatedAt = when,
        };
        var self = worker is { } w && actor.ScienceWorkerId == w.Id;
        if (self)
        {
            volunteer.RegionCode = worker!.Value.RegionCode;
            volunteer.ScienceWorkerId = worker.Value.Id;
            volunteer.UserId = actor.UserId;
        }
        else
        {
            volunteer.RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
            if (!(actor.Manages(volunteer.RegionCode)))
            {
                throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以登记志愿者，科技工作者可以本人报名");
            }

            if (worker is { } linked)
            {
                if (!actor.Manages(linked.RegionCode))
                {
                    throw new NotPermittedException("只能关联本地区的科技工作者");
                }

                volunteer.ScienceWorkerId = linked.Id;
            }
        }

        volunteer.Join(team);
        return volunteer;
    }

    public bool MayManage(Actor actor) => actor.Manages(RegionCode);

    /// <summary>
    /// A manager of the volunteer's region corrects name, region, expertise, team and the linked worker (a re-imported
    /// roster row); the phone is the volunteer's key and stays.
    /// </summary>
    public void Correct(VolunteerData data, VolunteerTeam? team, Guid? workerId, Actor actor, DateTimeOffset? at = null)
    {
        if (!MayManage(actor))
        {
            throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以修改志愿者信息");
        }

        var region = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        if (!actor.Manages(region))
        {
            throw new NotPermittedException("不能把志愿者移到本地区以外");
        }

        Name = Guard.Required(data.Name, "name", "姓名", 50);
        Expertise = Guard.Optional(data.Expertise, "expertise", "专长", 200);
        RegionCode = region;
        ScienceWorkerId = workerId ?? ScienceWorkerId;
        Join(team);
        UpdatedAt = at ?? DateTimeOffset.UtcNow;
        Version++;
    }

    /// <summary>The volunteer themself (by account) or a manager of the volunteer's region.</summary>
    public bool IsSelfOrManager(Actor actor) => (UserId is not null && actor.UserId == UserId) || MayManage(actor);

    private void Join(VolunteerTeam? team)
    {
        if (team is null)
        {
            TeamId = null;
            return;
        }

        if (!Regions.RegionCode.IsWithin(RegionCode, team.RegionCode))
        {
            throw new DomainValidationException("teamId", "志愿者所在地区不在该队伍的地区内");
        }

        TeamId = team.Id;
    }
}

/// <summary>
/// 服务记录: a volunteer's service at an activity, signed in and out (by the volunteer or the organiser) and confirmed by the
/// organiser (the activity region's managers); only confirmed minutes count as 服务时长.
/// </summary>
public sealed class ServiceRecord : Entity, IRegional
{
    /// <summary>A sign-out more than this after the sign-in is a forgotten sign-out, not a day of service.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(12);

    private ServiceRecord()
    {
    }

    public Guid VolunteerId { get; private set; }

    public Guid ActivityId { get; private set; }

    /// <summary>The activity's region: its managers confirm, and the hours count there.</summary>
    public string RegionCode { get; private set; } = string.Empty;

    public DateTimeOffset SignedInAt { get; private set; }

    public DateTimeOffset? SignedOutAt { get; private set; }

    public int Minutes { get; private set; }

    public ServiceRecordStatus Status { get; private set; }

    public string? ConfirmedByUserId { get; private set; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    public string? Reason { get; private set; }

    public int Version { get; private set; }

    /// <summary>
    /// Signs in for an open activity on one of its days, by the volunteer themself or the activity's managers. At an activity
    /// with a 志愿者招募 (<paramref name="notRecruited"/>: the volunteer was not accepted) the volunteer cannot sign themself in:
    /// the accepted are the ones expected; the organiser may still sign in a walk-in volunteer on their behalf.
    /// </summary>
    public static ServiceRecord SignIn(Volunteer volunteer, PopularizationActivity activity, bool alreadyIn, Actor actor, DateTimeOffset? at = null, bool notRecruited = false)
    {
        var when = at ?? DateTimeOffset.UtcNow;
        if (!(volunteer.UserId is not null && actor.UserId == volunteer.UserId) && !activity.MayManage(actor))
        {
            throw new NotPermittedException("只有志愿者本人或活动所在地区的管理人员可以签到");
        }

        if (notRecruited && !activity.MayManage(actor))
        {
            throw new InvalidTransitionException("本活动通过招募确定志愿者，您未被录用，不能签到；如需到岗服务，请联系组织方代为签到");
        }

        if (activity.Status == ActivityStatus.Cancelled)
        {
            throw new InvalidTransitionException("活动已取消，不能签到");
        }

        var today = MarketRules.ChinaDate(when);
        if (today < activity.StartsOn || today > activity.EndsOn)
        {
            throw new InvalidTransitionException("不在活动日期内，不能签到");
        }

        if (alreadyIn)
        {
            throw new InvalidTransitionException("该志愿者已在本活动签到，请先签退");
        }

        return new ServiceRecord
        {
            VolunteerId = volunteer.Id,
            ActivityId = activity.Id,
            RegionCode = activity.RegionCode,
            SignedInAt = when,
            Status = ServiceRecordStatus.SignedIn,
            CreatedAt = when,
            UpdatedAt = when,
        };
    }

    /// <summary>Signs out: the minutes between sign-in and now (at most 12 hours), waiting for the organiser.</summary>
    public void SignOut(Volunteer volunteer, PopularizationActivity activity, Actor actor, DateTimeOffset? at = null)
    {
        var when = at ?? DateTimeOffset.UtcNow;
        if (!(volunteer.UserId is not null && actor.UserId == volunteer.UserId) && !activity.MayManage(actor))
        {
            throw new NotPermittedException("只有志愿者本人或活动所在地区的管理人员可以签退");
        }

        if (Status != ServiceRecordStatus.SignedIn)
        {
            throw new InvalidTransitionException("该服务记录已签退");
        }

        var span = when - SignedInAt;
        if (span > MaxDuration)
        {
            span = MaxDuration;
        }

        SignedOutAt = when;
        Minutes = Math.Max(0, (int)span.TotalMinutes);
        Status = ServiceRecordStatus.Pending;
        Touch(when);
    }

    /// <summary>The organiser confirms the hours (optionally corrected), or refuses them with a reason.</summary>
    public void Confirm(PopularizationActivity activity, Actor actor, int? minutes = null, DateTimeOffset? at = null)
    {
        RequireOrganiser(activity, actor);
        if (Status != ServiceRecordStatus.Pending)
        {
            throw new InvalidTransitionException(Status == ServiceRecordStatus.SignedIn ? "志愿者尚未签退" : "该服务记录已处理");
        }

        if (minutes is { } m)
        {
            if (m < 0 || m > (int)MaxDuration.TotalMinutes)
            {
                throw new DomainValidationException("minutes", $"服务时长应在0至{(int)MaxDuration.TotalMinutes}分钟之间");
            }

            Minutes = m;
        }

        var when = at ?? DateTimeOffset.UtcNow;
        Status = ServiceRecordStatus.Confirmed;
        ConfirmedByUserId = actor.UserId;
        ConfirmedAt = when;
        Touch(when);
    }

    public void Reject(PopularizationActivity activity, Actor actor, string? reason, DateTimeOffset? at = null)
    {
        RequireOrganiser(activity, actor);
        if (Status != ServiceRecordStatus.Pending)
        {
            throw new InvalidTransitionException(Status == ServiceRecordStatus.SignedIn ? "志愿者尚未签退" : "该服务记录已处理");
        }

        Reason = MarketRules.Reason(reason, "原因");
        var when = at ?? DateTimeOffset.UtcNow;
        Status = ServiceRecordStatus.Rejected;
        ConfirmedByUserId = actor.UserId;
        ConfirmedAt = when;
        Touch(when);
    }

    private static void RequireOrganiser(PopularizationActivity activity, Actor actor)
    {
        if (!activity.MayManage(actor))
        {
            throw new NotPermittedException("只有活动所在地区的服务中心工作人员或科协管理员可以确认服务时长");
        }
    }

    private void Touch(DateTimeOffset when)
    {
        UpdatedAt = when;
        Version++;
    }
}
