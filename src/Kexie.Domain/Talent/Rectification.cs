using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.Talent;

/// <summary>Where a 清理整顿 stands: opened by the region's 科协, then concluded once.</summary>
public enum RectificationStatus
{
    /// <summary>整顿中 (until the deadline, awaiting the result).</summary>
    UnderRectification = 1,

    /// <summary>整改合格: the society is back to normal.</summary>
    Passed = 2,

    /// <summary>撤销（注销）: the society is deregistered.</summary>
    Revoked = 3,

    /// <summary>停止活动: the society stops its activities.</summary>
    Suspended = 4,
}

/// <summary>
/// Where the society's 整改报告 stands: none yet, submitted (awaiting the 科协), returned with a reason (to be corrected and submitted
/// again), or accepted (the 整顿 concluded 整改合格).
/// </summary>
public enum RectificationReportStatus
{
    /// <summary>未提交.</summary>
    None = 0,

    /// <summary>已提交，待审核.</summary>
    Submitted = 1,

    /// <summary>已退回，待重新提交.</summary>
    Returned = 2,

    /// <summary>已通过（整改合格）.</summary>
    Accepted = 3,
}

/// <summary>Why a society is put under 整顿: its 年检 of the year failed, or it did not submit one.</summary>
public enum RectificationBasis
{
    /// <summary>年检不合格.</summary>
    FailedInspection = 1,

    /// <summary>未按期年检.</summary>
    MissingInspection = 2,
}

public static class RectificationNames
{
    public static string Chinese(this RectificationStatus status) => status switch
    {
        RectificationStatus.UnderRectification => "整顿中",
        RectificationStatus.Passed => "整改合格",
        RectificationStatus.Revoked => "已撤销（注销）",
        _ => "停止活动",
    };

    public static string Chinese(this RectificationReportStatus status) => status switch
    {
        RectificationReportStatus.None => "未提交整改报告",
        RectificationReportStatus.Submitted => "整改报告待审核",
        RectificationReportStatus.Returned => "整改报告已退回",
        _ => "整改报告已通过",
    };

    public static string Chinese(this RectificationBasis basis) => basis == RectificationBasis.FailedInspection ? "年检不合格" : "未按期年检";

    /// <summary>
    /// A society's standing from its latest 清理整顿 (none, or one 整改合格: 正常), in the words its page and the list show:
    /// "正常", "整顿中（限期至2026-06-30）", "已撤销（注销）", "停止活动".
    /// </summary>
    public static string StandingText(RectificationStatus? latest, DateOnly? deadline) => latest switch
    {
        null or RectificationStatus.Passed => "正常",
        RectificationStatus.UnderRectification => deadline is { } d ? $"整顿中（限期至{d:yyyy-MM-dd}）" : "整顿中",
        var s => s.Value.Chinese(),
    };
}

/// <param name="Year">The 年检 year that failed or was missed.</param>
/// <param name="Reasons">整顿原因 (what is wrong and what must be corrected).</param>
/// <param name="Deadline">整改期限.</param>
public sealed record RectificationData(int? Year, string? Reasons, DateOnly? Deadline, DateOnly? OpenedOn);

/// <summary>
/// 学会清理整顿: after a failed or missing 年检 the 科协 of the society's region puts it under rectification with the reasons and a deadline,
/// then records the result once — 整改合格 (back to normal), 撤销（注销） or 停止活动. Each is a record of its own, so the society's history
/// keeps every one; at most one is open at a time, and a society revoked or stopped is not put under 整顿 again.
/// <code>
/// UnderRectification ──Conclude──▶ Passed | Revoked | Suspended
/// </code>
/// While it is open the society itself (its 会长/副会长's account: <c>leadsSociety</c> below) or the region's admins on its behalf submit
/// the 整改报告 with its materials; the 科协 accepts it (the 整顿 concludes 整改合格) or returns it with a reason:
/// <code>
/// None ──SubmitReport──▶ Submitted ──AcceptReport──▶ Accepted (Status = Passed)
///                          └──ReturnReport(reason)──▶ Returned ──SubmitReport──▶ Submitted
/// </code>
/// </summary>
public sealed class Rectification : Entity, IRegional
{
    public const int MaxReportLength = 2000;

    private readonly List<Kexie.Domain.Market.Attachment> attachments = [];

    /// <summary>Kinds the 科协 inspects yearly and so may put under 整顿 (学会, 协会, 农技协).</summary>
    public static readonly Kexie.Domain.Directory.AssociationKind[] RectifiedKinds =
        [Kexie.Domain.Directory.AssociationKind.Society, Kexie.Domain.Directory.AssociationKind.Association, Kexie.Domain.Directory.AssociationKind.RuralTechAssociation];

    private Rectification()
    {
    }

    public Guid AssociationId { get; private set; }

    public string AssociationName { get; private set; } = string.Empty;

    public string RegionCode { get; private set; } = string.Empty;

    public int Year { get; private set; }

    public RectificationBasis Basis { get; private set; }

    public string Reasons { get; private set; } = string.Empty;

    /// <summary>整顿开始日期.</summary>
    public DateOnly StartedOn { get; private set; }

    /// <summary>整改期限.</summary>
    public DateOnly RectifyBy { get; private set; }

    public string? OpenedByName { get; private set; }

    public RectificationStatus Status { get; private set; } = RectificationStatus.UnderRectification;

    public DateOnly? ConcludedOn { get; private set; }

    /// <summary>整改情况 / 处理意见 recorded with the result.</summary>
    public string? Outcome { get; private set; }

    public string? ConcludedByName { get; private set; }

    public int Version { get; private set; }

    public RectificationReportStatus ReportStatus { get; private set; }

    /// <summary>整改报告: what the society corrected.</summary>
    public string? Report { get; private set; }

    public DateOnly? ReportedOn { get; private set; }

    public string? ReportedByUserId { get; private set; }

    public string? ReportedByName { get; private set; }

    /// <summary>退回原因 while the report is <see cref="RectificationReportStatus.Returned"/>.</summary>
    public string? ReportReturnReason { get; private set; }

    /// <summary>整改材料 files.</summary>
    public IReadOnlyList<Kexie.Domain.Market.Attachment> Attachments => attachments;

    /// <summary>Whether the society (its 会长/副会长) or a manager of its region still has to act: open, and no report awaiting the 科协.</summary>
    public bool AwaitsReport => Status == RectificationStatus.UnderRectification && ReportStatus is RectificationReportStatus.None or RectificationReportStatus.Returned;

    /// <summary>
    /// Who may report on a society's 整顿: the society itself (<paramref name="leadsSociety"/>: its 会长 or 副会长's account) or a manager
    /// of its region; which managers (by default the admins) is the grant of <c>talent.inspections.submit</c>.
    /// </summary>
    public static bool MayReport(Actor actor, string regionCode, bool leadsSociety) => (leadsSociety && actor.IsAuthenticated) || actor.Manages(regionCode);

    /// <summary>The society submits (or, after a return, submits again) its 整改报告 while the 整顿 is open.</summary>
    public void SubmitReport(string? report, Actor actor, bool leadsSociety, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayReport(actor, RegionCode, leadsSociety))
        {
            throw new NotPermittedException("只有该学会（协会）负责人或所在地区的管理人员可以提交整改报告");
        }

        if (Status != RectificationStatus.UnderRectification)
        {
            throw new InvalidTransitionException($"该整顿已有结果（{Status.Chinese()}），不能再提交整改报告");
        }

        if (ReportStatus == RectificationReportStatus.Submitted)
        {
            throw new InvalidTransitionException("整改报告已提交，正在等待审核");
        }

        Report = Guard.Required(report, "report", "整改报告", MaxReportLength);
        ReportStatus = RectificationReportStatus.Submitted;
        ReportedOn = today;
        ReportedByUserId = actor.UserId;
        ReportedByName = actor.Name;
        ReportReturnReason = null;
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }

    /// <summary>Adds a file of the 整改材料 while the 整顿 is open and its report not yet accepted; at most <see cref="Kexie.Domain.Market.Attachment.MaxPerItem"/>.</summary>
    public Kexie.Domain.Market.Attachment AddAttachment(Kexie.Domain.Market.AttachmentData data, Actor actor, bool leadsSociety, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!MayReport(actor, RegionCode, leadsSociety))
        {
            throw new NotPermittedException("只有该学会（协会）负责人或所在地区的管理人员可以上传整改材料");
        }

        if (Status != RectificationStatus.UnderRectification)
        {
            throw new InvalidTransitionException("该整顿已有结果，不能再上传材料");
        }

        if (attachments.Count >= Kexie.Domain.Market.Attachment.MaxPerItem)
        {
            throw new DomainValidationException("file", $"每次整顿最多上传{Kexie.Domain.Market.Attachment.MaxPerItem}个整改材料文件");
        }

        var attachment = Kexie.Domain.Market.Attachment.From(data, actor, at);
        attachments.Add(attachment);
        UpdatedAt = at;
        Version++;
        return attachment;
    }

    /// <summary>The 科协 returns a submitted report with a reason; the society corrects it and submits again.</summary>
    public void ReturnReport(string? reason, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Manages(RegionCode))
        {
            throw new NotPermittedException("只有该学会（协会）所在地区（含上级）的管理人员可以审核整改报告");
        }

        if (Status != RectificationStatus.UnderRectification || ReportStatus != RectificationReportStatus.Submitted)
        {
            throw new InvalidTransitionException(Status != RectificationStatus.UnderRectification ? $"该整顿已有结果（{Status.Chinese()}）" : "没有待审核的整改报告");
        }

        ReportReturnReason = MarketRules.Reason(reason, "退回原因");
        ReportStatus = RectificationReportStatus.Returned;
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }

    /// <summary>The 科协 accepts a submitted report: the 整顿 concludes 整改合格 on <paramref name="on"/> (today when not given).</summary>
    public void AcceptReport(DateOnly? on, string? outcome, Actor actor, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Status == RectificationStatus.UnderRectification && ReportStatus != RectificationReportStatus.Submitted && actor.Manages(RegionCode))
        {
            throw new InvalidTransitionException("没有待审核的整改报告");
        }

        Conclude(RectificationStatus.Passed, on, outcome, actor, today);
        ReportStatus = RectificationReportStatus.Accepted;
    }

    /// <summary>The managers of the society's region put it under 整顿; which managers (by default the 科协 admins) is the grant of <c>talent.societies.rectify</c>.</summary>
    public static bool MayOpen(Actor actor, string regionCode) => actor.Manages(regionCode);

    /// <summary>While it is open, the same managers record the result.</summary>
    public bool MayConclude(Actor actor) => Status == RectificationStatus.UnderRectification && actor.Manages(RegionCode);

    /// <summary>
    /// Puts a society under 整顿. <paramref name="inspectionOfYear"/> is its 年检 of <see cref="RectificationData.Year"/> (null: none submitted);
    /// one that passed, basically passed or still waits for its result is no ground. <paramref name="latest"/> is the society's latest
    /// 整顿 (null: none): an open one, or a society revoked or stopped, refuses another.
    /// </summary>
    public static Rectification Open(
        ManagedAssociation association, Kexie.Domain.Directory.AssociationKind kind, RectificationData data, InspectionStatus? inspectionOfYear,
        RectificationStatus? latest, Actor actor, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(association);
        ArgumentNullException.ThrowIfNull(data);
        if (!MayOpen(actor, association.RegionCode))
        {
            throw new NotPermittedException("只有该学会（协会）所在地区（含上级）的管理人员可以开展清理整顿");
        }

        if (!RectifiedKinds.Contains(kind))
        {
            throw new InvalidTransitionException("只有学会、协会和农技协纳入年检与清理整顿");
        }

        switch (latest)
        {
            case RectificationStatus.UnderRectification:
                throw new InvalidTransitionException($"{association.Name}正在整顿中，须先登记整改结果");
            case RectificationStatus.Revoked or RectificationStatus.Suspended:
                throw new InvalidTransitionException($"{association.Name}已{latest.Value.Chinese().Replace("已", string.Empty, StringComparison.Ordinal)}，不能再整顿");
        }

        var year = data.Year is { } y && y >= 1950 && y <= today.Year ? y : throw new DomainValidationException("year", "请填写年检年度");
        var basis = inspectionOfYear switch
        {
            null => RectificationBasis.MissingInspection,
            InspectionStatus.Failed => RectificationBasis.FailedInspection,
            InspectionStatus.Returned => RectificationBasis.MissingInspection,
            _ => throw new DomainValidationException("year", $"{year}年度年检为“{inspectionOfYear.Value.Chinese()}”，不是不合格或未年检，不能据此整顿"),
        };
        var reasons = Guard.Required(data.Reasons, "reasons", "整顿原因", 500);
        var opened = ManagementRules.Date(data.OpenedOn ?? today, today, "openedOn", "整顿开始日期");
        var deadline = data.Deadline is { } d
            ? d > opened ? d : throw new DomainValidationException("deadline", "整改期限应晚于整顿开始日期")
            : throw new DomainValidationException("deadline", "请填写整改期限");
        return new Rectification
        {
            AssociationId = association.Id,
            AssociationName = association.Name,
            RegionCode = association.RegionCode,
            Year = year,
            Basis = basis,
            Reasons = reasons,
            StartedOn = opened,
            RectifyBy = deadline,
            OpenedByName = actor.Name,
        };
    }

    /// <summary>The result, once: 整改合格 (back to normal), 撤销（注销） or 停止活动; the last two need the 处理意见.</summary>
    public void Conclude(RectificationStatus? result, DateOnly? on, string? outcome, Actor actor, DateOnly today)
    {
        if (!actor.Manages(RegionCode))
        {
            throw new NotPermittedException("只有该学会（协会）所在地区（含上级）的管理人员可以登记整改结果");
        }

        if (Status != RectificationStatus.UnderRectification)
        {
            throw new InvalidTransitionException($"该整顿已有结果（{Status.Chinese()}）");
        }

        if (result is not (RectificationStatus.Passed or RectificationStatus.Revoked or RectificationStatus.Suspended))
        {
            throw new DomainValidationException("result", "请选择整改结果（整改合格、撤销（注销）或停止活动）");
        }

        var date = ManagementRules.Date(on ?? today, today, "concludedOn", "结果日期");
        if (date < StartedOn)
        {
            throw new DomainValidationException("concludedOn", "结果日期不能早于整顿开始日期");
        }

        var text = Guard.Optional(outcome, "outcome", "整改情况", 500);
        if (result != RectificationStatus.Passed && text is null)
        {
            throw new DomainValidationException("outcome", "撤销（注销）或停止活动时请填写处理意见");
        }

        Status = result.Value;
        ConcludedOn = date;
        Outcome = text;
        ConcludedByName = actor.Name;
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }
}
