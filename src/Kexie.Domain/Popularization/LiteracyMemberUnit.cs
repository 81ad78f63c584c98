using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.Popularization;

/// <summary>完成情况 of a member unit's tasks for a year, as the year-end assessment judges it.</summary>
public enum MemberAssessmentResult
{
    /// <summary>完成.</summary>
    Completed = 1,

    /// <summary>基本完成.</summary>
    MostlyCompleted = 2,

    /// <summary>未完成.</summary>
    NotCompleted = 3,
}

public static class MemberUnitNames
{
    public static string Chinese(this MemberAssessmentResult result) => result switch
    {
        MemberAssessmentResult.Completed => "完成",
        MemberAssessmentResult.MostlyCompleted => "基本完成",
        MemberAssessmentResult.NotCompleted => "未完成",
        _ => "其他",
    };

    /// <summary>"完成", "基本完成", "未完成" (or the enum's English name) → the result; null when blank; a field error otherwise.</summary>
    public static MemberAssessmentResult? Parse(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.Trim();
        foreach (var r in Enum.GetValues<MemberAssessmentResult>())
        {
            if (t == r.Chinese() || string.Equals(t, r.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return r;
            }
        }

        throw new DomainValidationException(field, $"完成情况“{t}”不正确（可选：完成、基本完成、未完成）");
    }
}

public sealed record MemberUnitData(string? RegionCode, string? Name, DateOnly? JoinedOn, string? ContactName = null, string? ContactPhone = null, string? Note = null);

/// <summary>
/// 全民科学素质纲要实施工作成员单位: a government department or organization (县教育局、县农业农村局…) that the region's 纲要 office
/// counts as a member from the day it joined to the day it left; optionally the directory's record of it. A region's count for a
/// year is the units that are members on 31 December ("成员单位由24个增加到30个"). Managed by the region's managers.
/// </summary>
public sealed class LiteracyMemberUnit : Entity, IRegional
{
    private LiteracyMemberUnit()
    {
    }

    public string RegionCode { get; private set; } = string.Empty;

    /// <summary>单位名称 (县教育局).</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>The directory's organization, when the unit is registered there.</summary>
    public Guid? OrganizationId { get; private set; }

    /// <summary>加入日期.</summary>
    public DateOnly JoinedOn { get; private set; }

    /// <summary>退出日期; null while a member.</summary>
    public DateOnly? LeftOn { get; private set; }

    public string? ContactName { get; private set; }

    public string? ContactPhone { get; private set; }

    public string? Note { get; private set; }

    public int Version { get; private set; }

    public static LiteracyMemberUnit Join(MemberUnitData data, Guid? organizationId, Actor actor, DateTimeOffset? at = null)
    {
        var when = at ?? DateTimeOffset.UtcNow;
        var unit = new LiteracyMemberUnit { RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode"), CreatedAt = when };
        unit.RequireManager(actor);
        unit.Apply(data, organizationId, when);
        return unit;
    }

    public bool MayManage(Actor actor) => actor.Manages(RegionCode);

    /// <summary>Corrects the name, dates, contact and link; the region stays.</summary>
    public void Update(MemberUnitData data, Guid? organizationId, Actor actor, DateTimeOffset? at = null)
    {
        RequireManager(actor);
        var when = at ?? DateTimeOffset.UtcNow;
        Apply(data, organizationId, when);
        if (LeftOn is { } left && left < JoinedOn)
        {
            throw new DomainValidationException("joinedOn", "加入日期不能晚于退出日期");
        }

        Version++;
    }

    /// <summary>退出: from <paramref name="leftOn"/> the unit no longer counts.</summary>
    public void Leave(DateOnly? leftOn, Actor actor, DateTimeOffset? at = null)
    {
        RequireManager(actor);
        var when = at ?? DateTimeOffset.UtcNow;
        if (LeftOn is not null)
        {
            throw new InvalidTransitionException("该单位已退出成员单位");
        }

        var left = leftOn ?? throw new DomainValidationException("leftOn", "退出日期不能为空");
        if (left < JoinedOn)
        {
            throw new DomainValidationException("leftOn", "退出日期不能早于加入日期");
        }

        if (left > MarketRules.ChinaDate(when).AddYears(1))
        {
            throw new DomainValidationException("leftOn", "退出日期不能晚于一年以后");
        }

        LeftOn = left;
        UpdatedAt = when;
        Version++;
    }

    /// <summary>Whether the unit is a member on 31 December of <paramref name="year"/> (the year's count).</summary>
    public bool IsMemberAtEndOf(int year)
    {
        var end = new DateOnly(year, 12, 31);
        return JoinedOn <= end && (LeftOn is null || LeftOn > end);
    }

    /// <summary>Whether the unit is a member on some day of <paramref name="year"/> (it can be given tasks and assessed).</summary>
    public bool IsMemberDuring(int year) => JoinedOn.Year <= year && (LeftOn is null || LeftOn.Value.Year >= year);

    private void RequireManager(Actor actor)
    {
        if (!MayManage(actor))
        {
            throw new NotPermittedException("只有本地区科协管理员可以管理纲要实施成员单位");
        }
    }

    private void Apply(MemberUnitData data, Guid? organizationId, DateTimeOffset when)
    {
        Name = Guard.Required(data.Name, "name", "单位名称", 100);
        var joined = data.JoinedOn ?? throw new DomainValidationException("joinedOn", "加入日期不能为空");
        if (joined.Year < 1990)
        {
            throw new DomainValidationException("joinedOn", "加入日期应在1990年以后");
        }

        if (joined > MarketRules.ChinaDate(when).AddYears(1))
        {
            throw new DomainValidationException("joinedOn", "加入日期不能晚于一年以后");
        }

        JoinedOn = joined;
        ContactName = Guard.Optional(data.ContactName, "contactName", "联系人", 50);
        var phone = ContactRules.Phone(data.ContactPhone, "contactPhone", required: false);
        ContactPhone = phone.Length == 0 ? null : phone;
        Note = Guard.Optional(data.Note, "note", "备注", 200);
        OrganizationId = organizationId;
        UpdatedAt = when;
    }

    /// <summary>The units that count at the end of <paramref name="year"/>.</summary>
    public static int CountAtEndOf(IEnumerable<LiteracyMemberUnit> units, int year) => units.Count(u => u.IsMemberAtEndOf(year));
}

public sealed record MemberTaskData(int? Year, string? Text, DateOnly? DueOn = null, string? Target = null);

/// <summary>
/// A task the 纲要 office assigns a member unit for a year (任务分工: "组织开展科技活动周…"), with its due date and target
/// ("举办培训10场次"); marked done when the unit reports it done.
/// </summary>
public sealed class LiteracyMemberTask : Entity, IRegional
{
    private LiteracyMemberTask()
    {
    }

    public Guid MemberUnitId { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    public int Year { get; private set; }

    /// <summary>任务内容.</summary>
    public string Text { get; private set; } = string.Empty;

    /// <summary>完成期限.</summary>
    public DateOnly? DueOn { get; private set; }

    /// <summary>目标 (e.g. 举办培训10场次).</summary>
    public string? Target { get; private set; }

    /// <summary>完成日期; null while open.</summary>
    public DateOnly? CompletedOn { get; private set; }

    public bool IsDone => CompletedOn is not null;

    public static LiteracyMemberTask Assign(LiteracyMemberUnit unit, MemberTaskData data, Actor actor, DateTimeOffset? at = null)
    {
        RequireManager(unit, actor);
        var when = at ?? DateTimeOffset.UtcNow;
        var task = new LiteracyMemberTask { MemberUnitId = unit.Id, RegionCode = unit.RegionCode, CreatedAt = when };
        task.Apply(unit, data, when);
        return task;
    }

    public void Update(LiteracyMemberUnit unit, MemberTaskData data, Actor actor, DateTimeOffset? at = null)
    {
        RequireManager(unit, actor);
        Apply(unit, data, at ?? DateTimeOffset.UtcNow);
    }

    /// <summary>Marks the task done on <paramref name="on"/> (null: open again).</summary>
    public void MarkDone(LiteracyMemberUnit unit, DateOnly? on, Actor actor, DateTimeOffset? at = null)
    {
        RequireManager(unit, actor);
        var when = at ?? DateTimeOffset.UtcNow;
        if (on is { } d && d > MarketRules.ChinaDate(when))
        {
            throw new DomainValidationException("completedOn", "完成日期不能晚于今天");
        }

        CompletedOn = on;
        UpdatedAt = when;
    }

    private static void RequireManager(LiteracyMemberUnit unit, Actor actor)
    {
        if (!unit.MayManage(actor))
        {
            throw new NotPermittedException("只有本地区科协管理员可以分配成员单位任务");
        }
    }

    private void Apply(LiteracyMemberUnit unit, MemberTaskData data, DateTimeOffset when)
    {
        var year = LiteracyRate.Year(data.Year);
        if (!unit.IsMemberDuring(year))
        {
            throw new DomainValidationException("year", $"{year}年该单位不是成员单位");
        }

        Year = year;
        Text = Guard.Required(data.Text, "text", "任务内容", 500);
        if (data.DueOn is { } due && (due.Year < year || due.Year > year + 1))
        {
            throw new DomainValidationException("dueOn", $"完成期限应在{year}年或次年");
        }

        DueOn = data.DueOn;
        Target = Guard.Optional(data.Target, "target", "目标", 200);
        UpdatedAt = when;
    }
}

public sealed record MemberAssessmentData(int? Year, MemberAssessmentResult? Result, int? Score = null, string? Note = null);

/// <summary>
/// 年度考核 of a member unit: 完成情况 (完成/基本完成/未完成), an optional score (0–100), a note and one evidence file (a scanned
/// assessment form); one per unit and year, a second assessment corrects the first.
/// </summary>
public sealed class LiteracyMemberAssessment : Entity, IRegional
{
    private LiteracyMemberAssessment()
    {
    }

    public Guid MemberUnitId { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    public int Year { get; private set; }

    public MemberAssessmentResult Result { get; private set; }

    /// <summary>考核得分 (0–100), when the office scores.</summary>
    public int? Score { get; private set; }

    public string? Note { get; private set; }

    public DateOnly AssessedOn { get; private set; }

    public string? AssessedByUserId { get; private set; }

    /// <summary>佐证材料: the file's name as uploaded; null when none.</summary>
    public string? EvidenceFileName { get; private set; }

    public string? EvidenceContentType { get; private set; }

    public long? EvidenceSizeBytes { get; private set; }

    /// <summary>Where the bytes lie in the file store.</summary>
    public string? EvidenceStorageKey { get; private set; }

    public static LiteracyMemberAssessment Assess(LiteracyMemberUnit unit, MemberAssessmentData data, Actor actor, DateTimeOffset? at = null)
    {
        RequireManager(unit, actor);
        var when = at ?? DateTimeOffset.UtcNow;
        var assessment = new LiteracyMemberAssessment { MemberUnitId = unit.Id, RegionCode = unit.RegionCode, CreatedAt = when };
        assessment.Apply(unit, data, actor, when);
        return assessment;
    }

    public void Correct(LiteracyMemberUnit unit, MemberAssessmentData data, Actor actor, DateTimeOffset? at = null)
    {
        RequireManager(unit, actor);
        var year = Year;
        Apply(unit, data with { Year = year }, actor, at ?? DateTimeOffset.UtcNow);
    }

    /// <summary>Attaches the evidence file (replacing one attached); returns the key of the replaced file, to delete it.</summary>
    public string? AttachEvidence(LiteracyMemberUnit unit, AttachmentData file, Actor actor, DateTimeOffset? at = null)
    {
        RequireManager(unit, actor);
        var name = Guard.Required(file.FileName, "file", "文件名", 200);
        if (name.IndexOfAny(['/', '\\']) >= 0)
        {
            throw new DomainValidationException("file", "文件名不能包含路径");
        }

        var old = EvidenceStorageKey;
        EvidenceFileName = name;
        EvidenceContentType = Guard.Required(file.ContentType, "file", "文件类型", 100);
        EvidenceSizeBytes = file.SizeBytes;
        EvidenceStorageKey = Guard.Required(file.StorageKey, "file", "文件存储键", 200);
        UpdatedAt = at ?? DateTimeOffset.UtcNow;
        return old;
    }

    private static void RequireManager(LiteracyMemberUnit unit, Actor actor)
    {
        if (!unit.MayManage(actor))
        {
            throw new NotPermittedException("只有本地区科协管理员可以考核成员单位");
        }
    }

    private void Apply(LiteracyMemberUnit unit, MemberAssessmentData data, Actor actor, DateTimeOffset when)
    {
        var year = LiteracyRate.Year(data.Year);
        if (!unit.IsMemberDuring(year))
        {
            throw new DomainValidationException("year", $"{year}年该单位不是成员单位");
        }

        var today = MarketRules.ChinaDate(when);
        if (year > today.Year || (year == today.Year && today.Month < 10))
        {
            throw new DomainValidationException("year", $"{year}年的年度考核应在该年10月以后进行");
        }

        Year = year;
        Result = data.Result is { } r && Enum.IsDefined(r) ? r : throw new DomainValidationException("result", "请选择完成情况（完成、基本完成、未完成）");
        if (data.Score is { } s && s is < 0 or > 100)
        {
            throw new DomainValidationException("score", "考核得分应在0至100之间");
        }

        Score = data.Score;
        Note = Guard.Optional(data.Note, "note", "考核说明", 500);
        AssessedOn = today;
        AssessedByUserId = actor.UserId;
        UpdatedAt = when;
    }
}
