using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.Popularization;

public sealed record ActivitySeriesData(string? RegionCode, int? Year, string? Name, ActivityKind Kind, DateOnly? StartsOn, DateOnly? EndsOn, string? Description = null);

/// <summary>
/// 活动系列: one region's 科技活动周, 全国科普日, 科普月… of one year (name, kind, dates), grouping the activities its townships
/// and departments hold under it (<see cref="PopularizationActivity.SeriesId"/>), so their tallies and registrations add up
/// by township. Public like activities; managed by the staff of its region.
/// </summary>
public sealed class ActivitySeries : Entity, IRegional
{
    private ActivitySeries()
    {
    }

    public string RegionCode { get; private set; } = string.Empty;

    public int Year { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public ActivityKind Kind { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly EndsOn { get; private set; }

    public string? Description { get; private set; }

    public string? CreatedByUserId { get; private set; }

    public int Version { get; private set; }

    public static ActivitySeries Create(ActivitySeriesData data, Actor actor, DateTimeOffset? at = null)
    {
        var series = new ActivitySeries();
        series.Apply(data);
        series.RequireManager(actor);
        var when = at ?? DateTimeOffset.UtcNow;
        series.CreatedByUserId = actor.UserId;
        series.CreatedAt = when;
        series.UpdatedAt = when;
        return series;
    }

    public bool MayManage(Actor actor) => actor.Manages(RegionCode);

    /// <summary>Edits the series; it stays in its region and year (its activities were counted there).</summary>
    public void Update(ActivitySeriesData data, Actor actor, DateTimeOffset? at = null)
    {
        RequireManager(actor);
        if (Regions.RegionCode.Validate(data.RegionCode, "regionCode") != RegionCode)
        {
            throw new DomainValidationException("regionCode", "不能更改活动系列所属地区");
        }

        if ((data.Year ?? data.StartsOn?.Year) != Year)
        {
            throw new DomainValidationException("year", "不能更改活动系列的年份");
        }

        Apply(data);
        UpdatedAt = at ?? DateTimeOffset.UtcNow;
        Version++;
    }

    /// <summary>
    /// Whether <paramref name="activity"/> may join: it lies in the series' region (a township's event joins its county's
    /// 科技活动周) and begins in the series' year.
    /// </summary>
    public void RequireMember(PopularizationActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!Regions.RegionCode.IsWithin(activity.RegionCode, RegionCode))
        {
            throw new DomainValidationException("seriesId", "活动不在该活动系列的地区之内");
        }

        if (activity.StartsOn.Year != Year)
        {
            throw new DomainValidationException("seriesId", $"该活动系列是{Year}年的，活动应在{Year}年举办");
        }
    }

    private void RequireManager(Actor actor)
    {
        if (!MayManage(actor))
        {
            throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以管理活动系列");
        }
    }

    private void Apply(ActivitySeriesData data)
    {
        RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        Name = Guard.Required(data.Name, "name", "系列名称", MarketRules.TitleMaxLength);
        Kind = ContactRules.Enum(data.Kind, "kind", "活动类型");
        Description = Guard.Optional(data.Description, "description", "说明", 500);
        var starts = data.StartsOn ?? throw new DomainValidationException("startsOn", "开始日期不能为空");
        var year = data.Year ?? starts.Year;
        if (year is < 2000 or > 2100)
        {
            throw new DomainValidationException("year", "年份不正确");
        }

        var ends = data.EndsOn ?? starts;
        if (starts.Year != year)
        {
            throw new DomainValidationException("startsOn", $"开始日期应在{year}年");
        }

        if (ends < starts)
        {
            throw new DomainValidationException("endsOn", "结束日期不能早于开始日期");
        }

        if (ends.Year != year)
        {
            throw new DomainValidationException("endsOn", $"结束日期应在{year}年");
        }

        Year = year;
        StartsOn = starts;
        EndsOn = ends;
    }
}
