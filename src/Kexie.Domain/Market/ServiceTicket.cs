using Kexie.Domain.Common;
using Kexie.Domain.Identity;

namespace Kexie.Domain.Market;

public enum ServiceTicketKind
{
    /// <summary>咨询.</summary>
    Consultation = 1,

    /// <summary>走访.</summary>
    Visit = 2,

    /// <summary>培训.</summary>
    Training = 3,

    /// <summary>注册帮办.</summary>
    RegistrationHelp = 4,

    /// <summary>其他.</summary>
    Other = 9,
}

public static class ServiceTicketKindNames
{
    public static string Chinese(this ServiceTicketKind kind) => kind switch
    {
        ServiceTicketKind.Consultation => "咨询",
        ServiceTicketKind.Visit => "走访",
        ServiceTicketKind.Training => "培训",
        ServiceTicketKind.RegistrationHelp => "注册帮办",
        _ => "其他",
    };
}

/// <summary>
/// The facts of a service given. The target is a worker, an organization, or free text (at least one; not both a
/// worker and an organization). Trainings need <see cref="ParticipantCount"/>.
/// </summary>
public sealed record ServiceTicketData(
    ServiceTicketKind Kind,
    Guid? TargetWorkerId,
    Guid? TargetOrganizationId,
    string? TargetText,
    DateOnly ServedOn,
    string? RegionCode,
    int? DurationMinutes = null,
    string? Notes = null,
    int? ParticipantCount = null,
    Guid? NeedId = null);

/// <summary>
/// 保姆式服务单: a hands-on service recorded by service-centre staff (or an association admin) of the region.
/// Counted per staff member and region. The recorder and the region's managers holding <c>market.tickets.manage</c> may correct it.
/// </summary>
public sealed class ServiceTicket : Entity, IRegional
{
    public const int MaxParticipants = 100_000;

    private ServiceTicket()
    {
    }

    public string StaffUserId { get; private set; } = string.Empty;

    public string? StaffName { get; private set; }

    public ServiceTicketKind Kind { get; private set; }

    public Guid? TargetWorkerId { get; private set; }

    public Guid? TargetOrganizationId { get; private set; }

    public string? TargetText { get; private set; }

    /// <summary>Date of the service (China date); not in the future.</summary>
    public DateOnly ServedOn { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    public int? DurationMinutes { get; private set; }

    public string? Notes { get; private set; }

    public int? ParticipantCount { get; private set; }

    /// <summary>The need the service was about, if any.</summary>
    public Guid? NeedId { get; private set; }

    public static ServiceTicket Create(ServiceTicketData data, Actor actor, DateTimeOffset? at = null)
    {
        var when = at ?? DateTimeOffset.UtcNow;
        var ticket = new ServiceTicket();
        ticket.Apply(data, when);
        // A manager of the ticket's region (only managers have a region to manage); which managers record tickets is
        // market.tickets.edit's grant.
        if (actor.UserId is null || !actor.Manages(ticket.RegionCode))
        {
            throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以登记服务单");
        }

        ticket.StaffUserId = actor.UserId;
        ticket.StaffName = actor.Name;
        ticket.CreatedAt = when;
        ticket.UpdatedAt = when;
        return ticket;
    }

    /// <summary>Whether <paramref name="actor"/> recorded the ticket.</summary>
    public bool IsRecordedBy(Actor actor) => actor.UserId is not null && actor.UserId == StaffUserId;

    /// <summary>
    /// The recorder, or a manager of the ticket's region (its subtree). Which managers may correct another's ticket — by
    /// default the association admins — is <c>market.tickets.manage</c>'s grant, decided by the <c>AccessPolicy</c> before
    /// this rule is asked.
    /// </summary>
    public bool MayEdit(Actor actor) => IsRecordedBy(actor) || actor.Manages(RegionCode);

    public void Update(ServiceTicketData data, Actor actor, DateTimeOffset? at = null)
    {
        if (!MayEdit(actor))
        {
            throw new NotPermittedException("只有登记人或本地区（含上级）的管理人员可以修改服务单");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        Apply(data, when);
        UpdatedAt = when;
    }

    private void Apply(ServiceTicketData data, DateTimeOffset now)
    {
        Kind = MarketRules.Defined(data.Kind, "kind", "服务类型");
        var worker = data.TargetWorkerId == Guid.Empty ? null : data.TargetWorkerId;
        var organization = data.TargetOrganizationId == Guid.Empty ? null : data.TargetOrganizationId;
        var text = Guard.Optional(data.TargetText, "targetText", "服务对象", 200);
        if (worker is not null && organization is not null)
        {
            throw new DomainValidationException("targetOrganizationId", "服务对象只能是一名科技工作者或一个单位");
        }

        if (worker is null && organization is null && text is null)
        {
            throw new DomainValidationException("targetText", "服务对象不能为空（选择科技工作者、单位或填写名称）");
        }

        if (data.ServedOn > MarketRules.ChinaDate(now))
        {
            throw new DomainValidationException("servedOn", "服务日期不能晚于今天");
        }

        if (data.ServedOn < new DateOnly(2000, 1, 1))
        {
            throw new DomainValidationException("servedOn", "服务日期不合理");
        }

        if (data.DurationMinutes is { } minutes && minutes is < 1 or > 24 * 60)
        {
            throw new DomainValidationException("durationMinutes", "服务时长应在1至1440分钟之间");
        }

        if (data.ParticipantCount is { } count && count is < 1 or > MaxParticipants)
        {
            throw new DomainValidationException("participantCount", $"参加人数应在1至{MaxParticipants}之间");
        }

        if (Kind == ServiceTicketKind.Training && data.ParticipantCount is null)
        {
            throw new DomainValidationException("participantCount", "培训须填写参加人数");
        }

        TargetWorkerId = worker;
        TargetOrganizationId = organization;
        TargetText = text;
        ServedOn = data.ServedOn;
        RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        DurationMinutes = data.DurationMinutes;
        Notes = Guard.Optional(data.Notes, "notes", "服务情况", MarketRules.NoteMaxLength);
        ParticipantCount = data.ParticipantCount;
        NeedId = data.NeedId == Guid.Empty ? null : data.NeedId;
    }
}
