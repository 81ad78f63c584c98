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
/// </summary>
public sealed class Rectification : Entity, IRegional
{
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
