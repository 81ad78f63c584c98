using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Regions;

namespace Kexie.Domain.Indicators;

/// <summary>What a higher level asks of a lower level: reach <see cref="LinkageTaskData.Target"/> on an indicator by a date.</summary>
public sealed record LinkageTaskData(string? Title, string? IndicatorCode, string? RegionCode, decimal Target, DateOnly StartsOn, DateOnly DueOn, string? Note = null);

/// <summary>Progress status of a linkage task.</summary>
public enum LinkageStatus
{
    /// <summary>未开始: before the start date.</summary>
    NotStarted = 1,

    /// <summary>正常推进.</summary>
    OnTrack = 2,

    /// <summary>有风险: behind the straight-line pace towards the target by more than 20%.</summary>
    AtRisk = 3,

    /// <summary>已完成: the target is reached.</summary>
    Achieved = 4,

    /// <summary>已逾期: past the due date, target not reached.</summary>
    Overdue = 5,
}

public static class LinkageStatusNames
{
    public static string Chinese(this LinkageStatus status) => status switch
    {
        LinkageStatus.NotStarted => "未开始",
        LinkageStatus.OnTrack => "正常推进",
        LinkageStatus.AtRisk => "进度滞后",
        LinkageStatus.Achieved => "已完成",
        LinkageStatus.Overdue => "已逾期",
        _ => status.ToString(),
    };
}

/// <summary>Progress of a task computed from data.</summary>
public sealed record LinkageProgress(decimal Actual, decimal Target, decimal Percent, decimal ExpectedPercent, LinkageStatus Status);

/// <summary>A comment on a task, usually by the lower level (情况说明).</summary>
public sealed class LinkageComment
{
    public const int MaxLength = 1000;

    internal LinkageComment(Actor actor, string text, DateTimeOffset at)
    {
        ByUserId = actor.UserId;
        ByName = actor.Name;
        ByRegionCode = actor.ManagedScope ?? actor.RegionCode;
        Text = text;
        At = at;
    }

    private LinkageComment()
    {
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public DateTimeOffset At { get; private set; }

    public string? ByUserId { get; private set; }

    public string? ByName { get; private set; }

    public string? ByRegionCode { get; private set; }

    public string Text { get; private set; } = string.Empty;
}

/// <summary>
/// 联动调度: a higher-level association assigns a numeric target on an indicator to a lower-level region, with a
/// start and a due date (CST days). Progress is never typed in: it is the indicator's value for the region over
/// the task's days (for cumulative indicators: the total up to today or the due date).
/// </summary>
public sealed class LinkageTask : Entity, IRegional
{
    /// <summary>Behind the straight-line pace by more than this share of the expected progress = at risk.</summary>
    public const decimal AtRiskTolerance = 0.2m;

    private readonly List<LinkageComment> comments = [];

    private LinkageTask()
    {
    }

    public string Title { get; private set; } = string.Empty;

    public string IndicatorCode { get; private set; } = string.Empty;

    /// <summary>The lower-level region that must reach the target.</summary>
    public string RegionCode { get; private set; } = string.Empty;

    /// <summary>The assigning level's region (the assigner's managed scope).</summary>
    public string AssignedByRegionCode { get; private set; } = string.Empty;

    public string? AssignedByUserId { get; private set; }

    public string? AssignedByName { get; private set; }

    public decimal Target { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly DueOn { get; private set; }

    public string? Note { get; private set; }

    public IReadOnlyList<LinkageComment> Comments => comments;

    public IndicatorDefinition Indicator => IndicatorCatalogue.Get(IndicatorCode);

    /// <summary>
    /// Assigns a task. The actor must manage the region and sit strictly above it; which managers may is the permission's
    /// decision (`indicators.linkage.assign`, admins by default).
    /// </summary>
    public static LinkageTask Assign(Actor actor, LinkageTaskData data)
    {
        if (actor.ManagedScope is not { } scope)
        {
            throw new AccessDeniedException("只有上级地区的管理人员可以下达联动任务");
        }

        var region = RegionCode_Validate(data.RegionCode);
        if (!actor.Manages(region) || region.Length <= scope.Length)
        {
            throw new AccessDeniedException("只能向本级所辖的下级地区下达联动任务");
        }

        var indicator = IndicatorCatalogue.Find(data.IndicatorCode)
            ?? throw new DomainValidationException("indicatorCode", $"指标“{data.IndicatorCode}”不存在");
        if (!indicator.IsAvailable)
        {
            throw new DomainValidationException("indicatorCode", $"指标“{indicator.Name}”的数据来源尚未建成，暂不能下达目标");
        }

        if (indicator.Direction != Direction.HigherIsBetter)
        {
            throw new DomainValidationException("indicatorCode", $"指标“{indicator.Name}”越低越好，不能设定达到型目标");
        }

        if (data.Target <= 0 || data.Target > 1_000_000_000m || decimal.Round(data.Target, 2) != data.Target)
        {
            throw new DomainValidationException("target", "目标值应为正数，最多保留两位小数");
        }

        if (indicator.Kind == IndicatorKind.Coverage && data.Target > 100m)
        {
            throw new DomainValidationException("target", "比例类指标的目标值不能超过100");
        }

        if (data.DueOn < data.StartsOn)
        {
            throw new DomainValidationException("dueOn", "截止日期不能早于开始日期");
        }

        return new LinkageTask
        {
            Title = Guard.Required(data.Title, "title", "任务名称", 100),
            IndicatorCode = indicator.Code,
            RegionCode = region,
            AssignedByRegionCode = scope,
            AssignedByUserId = actor.UserId,
            AssignedByName = actor.Name,
            Target = data.Target,
            StartsOn = data.StartsOn,
            DueOn = data.DueOn,
            Note = Guard.Optional(data.Note, "note", "说明", 500),
        };
    }

    /// <summary>Who may see the task: managers of the assignee region and of the assigning region.</summary>
    public bool IsVisibleTo(Actor actor) => actor.Manages(RegionCode) || actor.Manages(AssignedByRegionCode);

    /// <summary>The lower level (managers of the task's region) and the assigning level may comment.</summary>
    public LinkageComment Comment(Actor actor, string? text, DateTimeOffset? at = null)
    {
        if (!actor.IsRegionManager || !IsVisibleTo(actor))
        {
            throw new AccessDeniedException("无权对该联动任务发表说明");
        }

        var comment = new LinkageComment(actor, Guard.Required(text, "text", "说明内容", LinkageComment.MaxLength), at ?? DateTimeOffset.UtcNow);
        comments.Add(comment);
        UpdatedAt = comment.At;
        return comment;
    }

    /// <summary>The CST days whose data count for the task as of <paramref name="today"/> (clipped to the task's days).</summary>
    public DayRange MeasuredDays(DateOnly today) => new(StartsOn, today < DueOn ? (today < StartsOn ? StartsOn : today) : DueOn);

    /// <summary>Progress of <paramref name="actual"/> (the indicator value over <see cref="MeasuredDays"/>) on <paramref name="today"/>.</summary>
    public LinkageProgress Evaluate(decimal? actual, DateOnly today)
    {
        var value = actual ?? 0m;
        var percent = decimal.Round(value / Target * 100m, 2);
        var totalDays = DueOn.DayNumber - StartsOn.DayNumber + 1;
        var elapsedDays = Math.Clamp(today.DayNumber - StartsOn.DayNumber + 1, 0, totalDays);
        var expected = decimal.Round((decimal)elapsedDays / totalDays * 100m, 2);
        LinkageStatus status;
        if (value >= Target)
        {
            status = LinkageStatus.Achieved;
        }
        else if (today > DueOn)
        {
            status = LinkageStatus.Overdue;
        }
        else if (today < StartsOn)
        {
            status = LinkageStatus.NotStarted;
        }
        else
        {
            status = percent < expected * (1m - AtRiskTolerance) ? LinkageStatus.AtRisk : LinkageStatus.OnTrack;
        }

        return new LinkageProgress(value, Target, percent, expected, status);
    }

    private static string RegionCode_Validate(string? code) => Regions.RegionCode.Validate(code, "regionCode");
}
