using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.Popularization;

/// <summary>A measured rate: 公民具备科学素质比例 in hundredths of a percent (7.5% = 750), so sums and comparisons stay exact on every provider.</summary>
public static class LiteracyRate
{
    /// <summary>100%.</summary>
    public const int Max = 10_000;

    /// <summary>"7.5%", "10.25%": no trailing zeros.</summary>
    public static string Format(int hundredths) => (hundredths / 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";

    /// <summary>A percentage typed as "7.5" or "7.5%" → 750; two decimals at most, between 0 and 100.</summary>
    public static int Parse(decimal? percent, string field, string label)
    {
        var value = percent ?? throw new DomainValidationException(field, $"{label}不能为空");
        if (value is <= 0 or > 100)
        {
            throw new DomainValidationException(field, $"{label}应在0至100之间（百分比）");
        }

        var hundredths = value * 100;
        if (hundredths != decimal.Truncate(hundredths))
        {
            throw new DomainValidationException(field, $"{label}最多保留两位小数");
        }

        return (int)hundredths;
    }

    /// <summary>"十三五" for a plan ending in 2020 (2016–2020), "十四五" for 2025…; null when the year ends no five-year plan.</summary>
    public static string? FiveYearPlan(int targetYear)
    {
        if (targetYear % 5 != 0 || targetYear < 1960 || targetYear > 2045)
        {
            return null;
        }

        var n = ((targetYear - 2020) / 5) + 13;
        string[] digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        return n switch
        {
            < 10 => digits[n] + "五",
            10 => "十五",
            _ => "十" + digits[n - 10] + "五",
        };
    }

    /// <summary>
    /// The target a result of <paramref name="regionCode"/> for <paramref name="year"/> is judged by: among the region's own targets
    /// (else those of the nearest ancestor that has any), the nearest target year not before the result's; when all lie before it,
    /// the latest. Null when neither the region nor any ancestor has a target.
    /// </summary>
    public static LiteracyTarget? TargetFor(string regionCode, int year, IEnumerable<LiteracyTarget> targets)
    {
        var all = targets as IReadOnlyCollection<LiteracyTarget> ?? targets.ToList();
        foreach (var code in Regions.RegionCode.Ancestry(regionCode).Reverse())
        {
            var mine = all.Where(t => t.RegionCode == code).ToList();
            if (mine.Count > 0)
            {
                return mine.Where(t => t.Year >= year).OrderBy(t => t.Year).FirstOrDefault() ?? mine.OrderByDescending(t => t.Year).First();
            }
        }

        return null;
    }

    private static void RequireYear(int year)
    {
        if (year is < 1990 or > 2100)
        {
            throw new DomainValidationException("year", "年份应在1990至2100之间");
        }
    }

    internal static int Year(int? year)
    {
        var y = year ?? throw new DomainValidationException("year", "年份不能为空");
        RequireYear(y);
        return y;
    }

    internal static void RequireManager(Actor actor, string regionCode)
    {
        if (!(actor.Manages(regionCode)))
        {
            throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以登记公民科学素质调查结果和目标");
        }
    }
}

public sealed record LiteracySurveyData(string? RegionCode, int? Year, decimal? Rate, int? SampleSize, string? Source, DateOnly? SurveyedOn, string? Note = null);

public sealed record LiteracyTargetData(string? RegionCode, int? Year, decimal? Rate, string? Plan, string? Note = null);

/// <summary>
/// 公民科学素质调查结果: the share of citizens of a region who have basic scientific literacy in a year (公民具备科学素质比例),
/// as the survey measured it — its source (e.g. 中国公民科学素质抽样调查), sample size and date. One result per region and year;
/// a correction replaces the figures (the audit trail keeps the old ones).
/// </summary>
public sealed class LiteracySurvey : Entity, IRegional
{
    private LiteracySurvey()
    {
    }

    public string RegionCode { get; private set; } = string.Empty;

    /// <summary>The year the rate describes.</summary>
    public int Year { get; private set; }

    /// <summary>Hundredths of a percent (<see cref="LiteracyRate"/>).</summary>
    public int Rate { get; private set; }

    /// <summary>有效样本量.</summary>
    public int SampleSize { get; private set; }

    /// <summary>调查来源 (e.g. 第十二次中国公民科学素质抽样调查).</summary>
    public string Source { get; private set; } = string.Empty;

    /// <summary>调查（发布）日期, China date.</summary>
    public DateOnly SurveyedOn { get; private set; }

    public string? Note { get; private set; }

    public string? RecordedByUserId { get; private set; }

    public static LiteracySurvey Record(LiteracySurveyData data, Actor actor, DateTimeOffset? at = null)
    {
        var when = at ?? DateTimeOffset.UtcNow;
        var survey = new LiteracySurvey { RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode"), CreatedAt = when };
        LiteracyRate.RequireManager(actor, survey.RegionCode);
        survey.Apply(data, actor, when);
        return survey;
    }

    /// <summary>Corrects the figures of the same region and year.</summary>
    public void Correct(LiteracySurveyData data, Actor actor, DateTimeOffset? at = null)
    {
        LiteracyRate.RequireManager(actor, RegionCode);
        Apply(data, actor, at ?? DateTimeOffset.UtcNow);
    }

    public bool MayManage(Actor actor) => actor.Manages(RegionCode);

    private void Apply(LiteracySurveyData data, Actor actor, DateTimeOffset when)
    {
        Year = LiteracyRate.Year(data.Year);
        Rate = LiteracyRate.Parse(data.Rate, "rate", "具备科学素质比例");
        var sample = data.SampleSize ?? throw new DomainValidationException("sampleSize", "样本量不能为空");
        if (sample is < 1 or > 10_000_000)
        {
            throw new DomainValidationException("sampleSize", "样本量应在1至10000000之间");
        }

        SampleSize = sample;
        Source = Guard.Required(data.Source, "source", "调查来源", 100);
        var surveyed = data.SurveyedOn ?? throw new DomainValidationException("surveyedOn", "调查日期不能为空");
        if (surveyed > MarketRules.ChinaDate(when))
        {
            throw new DomainValidationException("surveyedOn", "调查日期不能晚于今天");
        }

        if (surveyed.Year < Year || surveyed.Year > Year + 1)
        {
            throw new DomainValidationException("surveyedOn", $"调查日期应在{Year}年或次年");
        }

        SurveyedOn = surveyed;
        Note = Guard.Optional(data.Note, "note", "备注", 200);
        RecordedByUserId = actor.UserId;
        UpdatedAt = when;
    }
}

/// <summary>
/// 纲要目标: the share a region's 全民科学素质行动计划纲要 (or its 实施方案) sets for a year ("2020年实现全市公民具备科学素质比例达到
/// 8.8%"). One target per region and year; a region without its own target is measured against the nearest ancestor's.
/// </summary>
public sealed class LiteracyTarget : Entity, IRegional
{
    private LiteracyTarget()
    {
    }

    public string RegionCode { get; private set; } = string.Empty;

    /// <summary>The year by which the rate is to be reached.</summary>
    public int Year { get; private set; }

    /// <summary>Hundredths of a percent.</summary>
    public int Rate { get; private set; }

    /// <summary>The plan that sets it (e.g. 天门市“十三五”全民科学素质行动计划纲要实施方案).</summary>
    public string Plan { get; private set; } = string.Empty;

    public string? Note { get; private set; }

    public static LiteracyTarget Set(LiteracyTargetData data, Actor actor, DateTimeOffset? at = null)
    {
        var when = at ?? DateTimeOffset.UtcNow;
        var target = new LiteracyTarget { RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode"), CreatedAt = when };
        LiteracyRate.RequireManager(actor, target.RegionCode);
        target.Apply(data, when);
        return target;
    }

    public void Change(LiteracyTargetData data, Actor actor, DateTimeOffset? at = null)
    {
        LiteracyRate.RequireManager(actor, RegionCode);
        Apply(data, at ?? DateTimeOffset.UtcNow);
    }

    public bool MayManage(Actor actor) => actor.Manages(RegionCode);

    private void Apply(LiteracyTargetData data, DateTimeOffset when)
    {
        Year = LiteracyRate.Year(data.Year);
        Rate = LiteracyRate.Parse(data.Rate, "rate", "目标比例");
        Plan = Guard.Required(data.Plan, "plan", "规划纲要名称", 100);
        Note = Guard.Optional(data.Note, "note", "备注", 200);
        UpdatedAt = when;
    }
}
