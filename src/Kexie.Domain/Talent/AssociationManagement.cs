using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.Talent;

/// <summary>Where a 年检 stands: submitted by the society, then decided by its 科协.</summary>
public enum InspectionStatus
{
    /// <summary>已报送 (awaiting the result).</summary>
    Submitted = 1,

    /// <summary>合格.</summary>
    Passed = 2,

    /// <summary>基本合格.</summary>
    BasicallyPassed = 3,

    /// <summary>不合格.</summary>
    Failed = 4,

    /// <summary>退回修改: returned to the society with a reason, to be resubmitted.</summary>
    Returned = 5,
}

/// <summary>Kinds of leadership posts the seeds count ("专职副主席1名、挂职副主席1名、兼职副主席3名", 三长).</summary>
public enum LeadershipKind
{
    /// <summary>主席 / 理事长.</summary>
    Chair = 1,

    /// <summary>专职副主席.</summary>
    FullTimeViceChair = 2,

    /// <summary>挂职副主席.</summary>
    SecondedViceChair = 3,

    /// <summary>兼职副主席.</summary>
    PartTimeViceChair = 4,

    /// <summary>秘书长.</summary>
    SecretaryGeneral = 5,

    /// <summary>“三长”（医院院长、学校校长、农技站站长）任副主席 of a township 科协.</summary>
    ThreeHeads = 6,
}

/// <summary>How a society's party members are organized.</summary>
public enum PartyOrganizationForm
{
    /// <summary>尚未建立.</summary>
    None = 0,

    /// <summary>单独建立党组织 (required with 3 or more formal party members).</summary>
    Independent = 1,

    /// <summary>联合建立党组织.</summary>
    Joint = 2,
}

public static class AssociationManagementNames
{
    public static string Chinese(this InspectionStatus status) => status switch
    {
        InspectionStatus.Submitted => "已报送待审",
        InspectionStatus.Passed => "合格",
        InspectionStatus.BasicallyPassed => "基本合格",
        InspectionStatus.Returned => "已退回修改",
        _ => "不合格",
    };

    public static string Chinese(this LeadershipKind kind) => kind switch
    {
        LeadershipKind.Chair => "主席（理事长）",
        LeadershipKind.FullTimeViceChair => "专职副主席",
        LeadershipKind.SecondedViceChair => "挂职副主席",
        LeadershipKind.PartTimeViceChair => "兼职副主席",
        LeadershipKind.SecretaryGeneral => "秘书长",
        _ => "“三长”副主席",
    };

    public static string Chinese(this PartyOrganizationForm form) => form switch
    {
        PartyOrganizationForm.Independent => "单独建立党组织",
        PartyOrganizationForm.Joint => "联合建立党组织",
        _ => "尚未建立党组织",
    };
}

/// <summary>The association a management record belongs to: its id, name and region (records carry the region for scope).</summary>
public sealed record ManagedAssociation(Guid Id, string Name, string RegionCode);

internal static class ManagementRules
{
    /// <summary>
    /// A manager of the association's region (or above) keeps its management records. Which managers — by default the
    /// association admins — is the grant of <c>talent.associations.manage</c>, decided by the <c>AccessPolicy</c> before
    /// this rule is asked; a deployment that lets its service centre keep them grants the permission and nothing here changes.
    /// </summary>
    public static void RequireManager(Actor actor, string regionCode)
    {
        if (!actor.Manages(regionCode))
        {
            throw new NotPermittedException("只有该组织所在地区（含上级）的管理人员可以管理其年检、党建、领导班子和换届记录");
        }
    }

    public static DateOnly Date(DateOnly? value, DateOnly today, string field, string label) =>
        value is { } d
            ? d <= today ? d : throw new DomainValidationException(field, $"{label}不能晚于今天")
            : throw new DomainValidationException(field, $"请填写{label}");
}

/// <param name="IndividualMembers">个人会员人数 reported for the year.</param>
/// <param name="GroupMembers">单位会员数.</param>
/// <param name="Documents">报送材料 (年度工作报告、财务报告… as a list a person reads).</param>
public sealed record InspectionData(int? Year, int? IndividualMembers, int? GroupMembers, string? Documents, DateOnly? SubmittedOn);

/// <summary>
/// 年检: a society's (or any managed association's) yearly inspection — submitted with its member counts and materials (attachments), by the
/// society itself (its 会长/副会长's account: <c>leadsSociety</c> in the rules below) or by the admins of its region, then decided by
/// its 科协 (合格 / 基本合格 / 不合格, with the date and an opinion) or returned with a reason to be corrected and resubmitted. One per association
/// and year; its member counts are what "会员人数31034人" adds up.
/// <code>
/// Submitted ──Decide──▶ Passed | BasicallyPassed | Failed
///     └──Return(reason)──▶ Returned ──Resubmit──▶ Submitted
/// </code>
/// </summary>
public sealed class Inspection : Entity, IRegional
{
    public const int MaxMembers = 10_000_000;

    private readonly List<Attachment> attachments = [];

    private Inspection()
    {
    }

    public Guid AssociationId { get; private set; }

    public string AssociationName { get; private set; } = string.Empty;

    public string RegionCode { get; private set; } = string.Empty;

    public int Year { get; private set; }

    public int IndividualMembers { get; private set; }

    public int GroupMembers { get; private set; }

    public string? Documents { get; private set; }

    public DateOnly SubmittedOn { get; private set; }

    public InspectionStatus Status { get; private set; } = InspectionStatus.Submitted;

    public DateOnly? DecidedOn { get; private set; }

    public string? Opinion { get; private set; }

    /// <summary>The account that submitted (or last resubmitted) it.</summary>
    public string? SubmittedByUserId { get; private set; }

    /// <summary>报送人: the name people know the submitter by.</summary>
    public string? SubmittedByName { get; private set; }

    /// <summary>退回原因 while <see cref="InspectionStatus.Returned"/>.</summary>
    public string? ReturnReason { get; private set; }

    /// <summary>报送材料 files (年度工作报告、财务审计报告…).</summary>
    public IReadOnlyList<Attachment> Attachments => attachments;

    public int Version { get; private set; }

    /// <summary>
    /// Who may submit an association's 年检: the society itself (<paramref name="leadsSociety"/>: its 会长 or 副会长's account) or a
    /// manager of its region; which managers (by default the admins) is the grant of <c>talent.inspections.submit</c>.
    /// </summary>
    public static bool MaySubmit(Actor actor, string regionCode, bool leadsSociety) => (leadsSociety && actor.IsAuthenticated) || actor.Manages(regionCode);

    /// <summary>Whether the submitter side (the society or the region's admins) may still change it: attach files, resubmit.</summary>
    public bool MayAmend(Actor actor, bool leadsSociety) => Status is (InspectionStatus.Submitted or InspectionStatus.Returned) && MaySubmit(actor, RegionCode, leadsSociety);

    /// <summary>The managers of the region decide or return it; which managers (by default the 科协 admins) is the grant of <c>talent.associations.manage</c>.</summary>
    public bool MayDecide(Actor actor) => Status == InspectionStatus.Submitted && actor.Manages(RegionCode);

    public static Inspection Submit(ManagedAssociation association, InspectionData data, Actor actor, DateOnly today, bool leadsSociety = false)
    {
        ArgumentNullException.ThrowIfNull(association);
        ArgumentNullException.ThrowIfNull(data);
        RequireSubmitter(actor, association.RegionCode, leadsSociety);
        var inspection = new Inspection
        {
            AssociationId = association.Id,
            AssociationName = association.Name,
            RegionCode = association.RegionCode,
        };
        inspection.Fill(data, actor, today);
        return inspection;
    }

    /// <summary>Returned → Submitted: the society corrects what it reported and submits again.</summary>
    public void Resubmit(InspectionData data, Actor actor, DateOnly today, bool leadsSociety = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireSubmitter(actor, RegionCode, leadsSociety);
        if (Status != InspectionStatus.Returned)
        {
            throw new InvalidTransitionException(Status == InspectionStatus.Submitted ? "该年检已报送，正在等待审核" : "该年检已有结论，不能重新报送");
        }

        if (data.Year is { } y && y != Year)
        {
            throw new DomainValidationException("year", "重新报送时不能更改年检年度");
        }

        Fill(data with { Year = Year }, actor, today);
        Status = InspectionStatus.Submitted;
        ReturnReason = null;
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }

    /// <summary>Submitted → Returned with a reason, by the region's 科协 admins: the society corrects and resubmits.</summary>
    public void Return(string? reason, Actor actor)
    {
        ManagementRules.RequireManager(actor, RegionCode);
        if (Status != InspectionStatus.Submitted)
        {
            throw new InvalidTransitionException(Status == InspectionStatus.Returned ? "该年检已退回，等待学会重新报送" : "该年检已有结论，不能退回");
        }

        ReturnReason = MarketRules.Reason(reason, "退回原因");
        Status = InspectionStatus.Returned;
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }

    /// <summary>Adds a file of the materials while the 年检 is awaiting its result or returned; at most <see cref="Attachment.MaxPerItem"/>.</summary>
    public Attachment AddAttachment(AttachmentData data, Actor actor, bool leadsSociety, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!MaySubmit(actor, RegionCode, leadsSociety))
        {
            throw new NotPermittedException("只有该学会（协会）负责人或所在地区的管理人员可以上传年检材料");
        }

        if (Status is not (InspectionStatus.Submitted or InspectionStatus.Returned))
        {
            throw new InvalidTransitionException("该年检已有结论，不能再上传材料");
        }

        if (attachments.Count >= Attachment.MaxPerItem)
        {
            throw new DomainValidationException("file", $"每次年检最多上传{Attachment.MaxPerItem}个材料文件");
        }

        var attachment = Attachment.From(data, actor, at);
        attachments.Add(attachment);
        UpdatedAt = at;
        Version++;
        return attachment;
    }

    /// <summary>The 科协's result: 合格, 基本合格 or 不合格 (an opinion is required for the last two), once.</summary>
    public void Decide(InspectionStatus result, DateOnly? on, string? opinion, Actor actor, DateOnly today)
    {
        ManagementRules.RequireManager(actor, RegionCode);
        if (Status != InspectionStatus.Submitted)
        {
            throw new InvalidTransitionException(Status == InspectionStatus.Returned ? "该年检已退回修改，须待重新报送后再评定" : "该年检已有结论");
        }

        if (result is not (InspectionStatus.Passed or InspectionStatus.BasicallyPassed or InspectionStatus.Failed))
        {
            throw new DomainValidationException("result", "请选择年检结论（合格、基本合格或不合格）");
        }

        var date = ManagementRules.Date(on ?? today, today, "decidedOn", "年检结论日期");
        if (date < SubmittedOn)
        {
            throw new DomainValidationException("decidedOn", "年检结论日期不能早于报送日期");
        }

        Opinion = Guard.Optional(opinion, "opinion", "年检意见", 500);
        if (result != InspectionStatus.Passed && Opinion is null)
        {
            throw new DomainValidationException("opinion", "基本合格或不合格时请填写年检意见");
        }

        Status = result;
        DecidedOn = date;
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }

    private static void RequireSubmitter(Actor actor, string regionCode, bool leadsSociety)
    {
        if (!MaySubmit(actor, regionCode, leadsSociety))
        {
            throw new NotPermittedException("只有该学会（协会）负责人或所在地区的管理人员可以报送年检");
        }
    }

    private static int Count(int? value, string field, string label) =>
        value is { } n && n >= 0 && n <= MaxMembers ? n : throw new DomainValidationException(field, $"{label}应为0到{MaxMembers}之间的整数");

    private void Fill(InspectionData data, Actor actor, DateOnly today)
    {
        var year = data.Year is { } y && y >= 1950 && y <= today.Year ? y : throw new DomainValidationException("year", "年检年度不正确");
        var individual = Count(data.IndividualMembers, "individualMembers", "个人会员人数");
        var group = Count(data.GroupMembers, "groupMembers", "单位会员数");
        var documents = Guard.Optional(data.Documents, "documents", "报送材料", 500);
        var submittedOn = ManagementRules.Date(data.SubmittedOn ?? today, today, "submittedOn", "报送日期");
        Year = year;
        IndividualMembers = individual;
        GroupMembers = group;
        Documents = documents;
        SubmittedOn = submittedOn;
        SubmittedByUserId = actor.UserId;
        SubmittedByName = actor.Name;
    }
}

/// <param name="PersonName">姓名.</param>
/// <param name="Position">本职 (e.g. 蓬莱镇中心卫生院院长).</param>
public sealed record LeadershipPostData(string? PersonName, LeadershipKind? Kind, string? Position, DateOnly? From);

/// <summary>A seat on an association's leadership (主席, 专职/挂职/兼职副主席, 秘书长, a township's “三长”), held from a day until it ends.</summary>
public sealed class LeadershipPost : Entity, IRegional
{
    private LeadershipPost()
    {
    }

    public Guid AssociationId { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    public string PersonName { get; private set; } = string.Empty;

    public LeadershipKind Kind { get; private set; }

    public string? Position { get; private set; }

    public DateOnly From { get; private set; }

    public DateOnly? Until { get; private set; }

    public static LeadershipPost Appoint(ManagedAssociation association, LeadershipPostData data, Actor actor, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(association);
        ArgumentNullException.ThrowIfNull(data);
        ManagementRules.RequireManager(actor, association.RegionCode);
        return new LeadershipPost
        {
            AssociationId = association.Id,
            RegionCode = association.RegionCode,
            PersonName = Guard.Required(data.PersonName, "personName", "姓名", 50),
            Kind = data.Kind is { } k && Enum.IsDefined(k) ? k : throw new DomainValidationException("kind", "请选择职务（专职、挂职、兼职副主席等）"),
            Position = Guard.Optional(data.Position, "position", "本职", 100),
            From = ManagementRules.Date(data.From, today, "from", "任职日期"),
        };
    }

    /// <summary>离任 on a day (not before taking the post, not in the future).</summary>
    public void End(DateOnly? on, Actor actor, DateOnly today)
    {
        ManagementRules.RequireManager(actor, RegionCode);
        if (Until is not null)
        {
            throw new InvalidTransitionException("该职务已离任");
        }

        var date = ManagementRules.Date(on ?? today, today, "until", "离任日期");
        Until = date >= From ? date : throw new DomainValidationException("until", "离任日期不能早于任职日期");
        UpdatedAt = DateTimeOffset.UtcNow;
    }

    public bool HeldOn(DateOnly day) => From <= day && (Until is null || Until > day);
}

/// <param name="InstructorName">党建指导员.</param>
/// <param name="FormalMembers">正式党员人数.</param>
public sealed record PartyBuildingData(string? InstructorName, int? FormalMembers, PartyOrganizationForm? Form, DateOnly? EstablishedOn);

/// <summary>
/// 党建 of an association (DOMAIN's PartyOrganization): its 党建指导员, its formal party members and how they are organized. "凡是…有3名及以上
/// 正式党员的…必须单独建立党组织": with three or more formal members a society that has not set up its own organization is flagged, and one with
/// fewer cannot claim an independent one. One per association.
/// </summary>
public sealed class PartyBuilding : Entity, IRegional
{
    /// <summary>Formal party members from which a party organization must be set up on its own.</summary>
    public const int IndependentThreshold = 3;

    private PartyBuilding()
    {
    }

    public Guid AssociationId { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    public string? InstructorName { get; private set; }

    public int FormalMembers { get; private set; }

    public PartyOrganizationForm Form { get; private set; }

    public DateOnly? EstablishedOn { get; private set; }

    public int Version { get; private set; }

    /// <summary>应单独建立而未建立.</summary>
    public bool MustEstablish => RequiresIndependent(FormalMembers) && Form != PartyOrganizationForm.Independent;

    public static bool RequiresIndependent(int formalMembers) => formalMembers >= IndependentThreshold;

    public static PartyBuilding Create(ManagedAssociation association, PartyBuildingData data, Actor actor, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(association);
        var record = new PartyBuilding { AssociationId = association.Id, RegionCode = association.RegionCode };
        record.Update(data, actor, today);
        return record;
    }

    public void Update(PartyBuildingData data, Actor actor, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(data);
        ManagementRules.RequireManager(actor, RegionCode);
        // Everything is checked before anything changes: a refused update leaves the record as it was.
        var instructor = Guard.Optional(data.InstructorName, "instructorName", "党建指导员", 50);
        var members = data.FormalMembers is { } n && n >= 0 && n <= 100_000 ? n : throw new DomainValidationException("formalMembers", "正式党员人数应为0到100000之间的整数");
        var form = data.Form is { } f && Enum.IsDefined(f) ? f : PartyOrganizationForm.None;
        if (form == PartyOrganizationForm.Independent && !RequiresIndependent(members))
        {
            throw new DomainValidationException("form", $"正式党员不足{IndependentThreshold}名，不能单独建立党组织，可联合建立");
        }

        var established = form == PartyOrganizationForm.None ? (DateOnly?)null : ManagementRules.Date(data.EstablishedOn, today, "establishedOn", "党组织成立日期");
        InstructorName = instructor;
        FormalMembers = members;
        Form = form;
        EstablishedOn = established;
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }
}

/// <param name="Term">第几届.</param>
/// <param name="TermYears">每届年限 (5 by the usual charter).</param>
public sealed record CongressData(int? Term, DateOnly? HeldOn, int? TermYears, string? Note);

/// <summary>换届: a congress (会员代表大会) that elected an association's leadership, with the term length so the next one is due.</summary>
public sealed class Congress : Entity, IRegional
{
    private Congress()
    {
    }

    public Guid AssociationId { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    public int Term { get; private set; }

    public DateOnly HeldOn { get; private set; }

    public int TermYears { get; private set; }

    public string? Note { get; private set; }

    /// <summary>下次换届 due.</summary>
    public DateOnly NextDueOn => HeldOn.AddYears(TermYears);

    public static Congress Record(ManagedAssociation association, CongressData data, IReadOnlyCollection<int> termsRecorded, Actor actor, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(association);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(termsRecorded);
        ManagementRules.RequireManager(actor, association.RegionCode);
        var term = data.Term is { } t && t is >= 1 and <= 100 ? t : throw new DomainValidationException("term", "届次应为1到100之间的整数");
        if (termsRecorded.Contains(term))
        {
            throw new InvalidTransitionException($"第{term}届换届已登记");
        }

        return new Congress
        {
            AssociationId = association.Id,
            RegionCode = association.RegionCode,
            Term = term,
            HeldOn = ManagementRules.Date(data.HeldOn, today, "heldOn", "换届日期"),
            TermYears = data.TermYears is null ? 5 : data.TermYears is >= 1 and <= 10 ? data.TermYears.Value : throw new DomainValidationException("termYears", "每届年限应为1到10年"),
            Note = Guard.Optional(data.Note, "note", "备注", 500),
        };
    }
}
