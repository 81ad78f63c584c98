using System.Globalization;
using Kexie.Data;
using Kexie.Data.Exchange;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Popularization;

/// <summary>A survey result: <c>rate</c> as a percentage (7.5 = 7.5%).</summary>
public sealed record LiteracySurveyRequest(string? RegionCode, int? Year, decimal? Rate, int? SampleSize, string? Source, DateOnly? SurveyedOn, string? Note = null);

/// <summary>A 纲要 target: <c>rate</c> as a percentage to be reached by <c>year</c>.</summary>
public sealed record LiteracyTargetRequest(string? RegionCode, int? Year, decimal? Rate, string? Plan, string? Note = null);

public sealed record LiteracySurveyDto(
    Guid Id, string RegionCode, string RegionName, int Year, decimal Rate, string RateText, int SampleSize, string Source, DateOnly SurveyedOn, string? Note);

public sealed record LiteracyRecordsDto(IReadOnlyList<LiteracySurveyDto> Surveys, IReadOnlyList<LiteracyTargetDto> Targets);

public sealed record LiteracyTargetDto(Guid Id, string RegionCode, string RegionName, int Year, decimal Rate, string RateText, string Plan, string? Note);

/// <summary>Where a region's measured rate stands against its target.</summary>
public enum LiteracyStanding
{
    /// <summary>No survey result up to the year.</summary>
    NoSurvey = 0,

    /// <summary>Measured; no target for the region or above it.</summary>
    NoTarget = 1,

    /// <summary>The rate reaches the target.</summary>
    Met = 2,

    /// <summary>Below a target whose year has not come.</summary>
    OnTheWay = 3,

    /// <summary>Below the target in or after its year.</summary>
    Missed = 4,
}

public sealed record LiteracyRegionDto(
    string RegionCode, string RegionName, LiteracySurveyDto? Measured, LiteracyTargetDto? Target, LiteracyStanding Standing, string StandingName, decimal? Gap);

/// <summary>
/// 公民具备科学素质比例 of a region for a year: the latest survey result up to the year (with source, sample, date), the target it
/// is measured against (the region's own, else the nearest ancestor's; the nearest target year not before the survey's), whether
/// it is met, the trend of all the region's results, the regions one level below, and the report's sentence.
/// </summary>
public sealed record LiteracyStatisticsDto(
    string RegionCode, string RegionName, int Year, LiteracySurveyDto? Measured, LiteracyTargetDto? Target, LiteracyStanding Standing, string StandingName,
    decimal? Gap, IReadOnlyList<LiteracySurveyDto> Trend, IReadOnlyList<LiteracyTargetDto> Targets, IReadOnlyList<LiteracyRegionDto> ByRegion, string? Summary);

/// <summary>
/// The statutory outcome of 全民科学素质行动: survey results (公民具备科学素质比例 per region and year) and the targets of the regions'
/// 纲要 plans, recorded by the region's staff; statistics and the annual report's sentence come from them.
/// </summary>
public sealed class LiteracyService(KexieDbContext db, ReferenceCodesCache reference)
{
    public static string Chinese(LiteracyStanding standing) => standing switch
    {
        LiteracyStanding.Met => "已达到目标",
        LiteracyStanding.OnTheWay => "尚未达到，目标年份未到",
        LiteracyStanding.Missed => "未达到目标",
        LiteracyStanding.NoTarget => "未设定目标",
        _ => "暂无调查结果",
    };

    /// <summary>Survey results and targets of a region subtree, newest year first.</summary>
    public async Task<LiteracyRecordsDto> ListAsync(string? region, CancellationToken ct = default)
    {
        var code = MarketSupport.RegionFilter(region) ?? string.Empty;
        var surveys = await db.LiteracySurveys.AsNoTracking().Where(s => RegionScope.Within(s.RegionCode, code))
            .OrderByDescending(s => s.Year).ThenBy(s => s.RegionCode).Take(500).ToListAsync(ct);
        var targets = await db.LiteracyTargets.AsNoTracking().Where(t => RegionScope.Within(t.RegionCode, code))
            .OrderByDescending(t => t.Year).ThenBy(t => t.RegionCode).Take(500).ToListAsync(ct);
        var names = await NamesAsync(surveys.Select(s => s.RegionCode).Concat(targets.Select(t => t.RegionCode)), ct);
        return new LiteracyRecordsDto(surveys.Select(s => ToDto(s, names)).ToList(), targets.Select(t => ToDto(t, names)).ToList());
    }

    /// <summary>
    /// The survey results of a region subtree (all years, oldest first) as an .xlsx with the import's columns
    /// (/api/v1/imports/literacy-surveys) and, read-only, 所在地区 beside the code: an edited export imports back.
    /// </summary>
    public async Task<byte[]> ExportSurveysAsync(string? region, CancellationToken ct = default)
    {
        var code = MarketSupport.RegionFilter(region) ?? string.Empty;
        var surveys = await db.LiteracySurveys.AsNoTracking().Where(s => RegionScope.Within(s.RegionCode, code))
            .OrderBy(s => s.RegionCode).ThenBy(s => s.Year).Take(50_000).ToListAsync(ct);
        var names = await NamesAsync(surveys.Select(s => s.RegionCode), ct);
        var h = DirectoryImporter.ColumnsOf(ImportKind.LiteracySurveys).ToDictionary(c => c.Field, c => c.Header);
        return ExcelExport.ToXlsx(surveys, [
            (h["regionCode"], s => s.RegionCode),
            ("所在地区", s => names.GetValueOrDefault(s.RegionCode, "未知地区")),
            (h["year"], s => s.Year),
            (h["rate"], s => s.Rate / 100m),
            (h["sampleSize"], s => s.SampleSize),
            (h["source"], s => s.Source),
            (h["surveyedOn"], s => s.SurveyedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            (h["note"], s => s.Note),
        ], "调查结果");
    }

    /// <summary>Records the result of a region and year, or corrects the one recorded.</summary>
    public async Task<LiteracySurveyDto> RecordSurveyAsync(Actor actor, LiteracySurveyRequest r, CancellationToken ct = default)
    {
        var data = new LiteracySurveyData(r.RegionCode?.Trim(), r.Year, r.Rate, r.SampleSize, r.Source, r.SurveyedOn, r.Note);
        var code = Kexie.Domain.Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        var existing = await db.LiteracySurveys.FirstOrDefaultAsync(s => s.RegionCode == code && s.Year == r.Year, ct);
        LiteracySurvey survey;
        if (existing is null)
        {
            survey = LiteracySurvey.Record(data, actor);
            (await reference.GetAsync(db, ct)).RequireRegion(survey.RegionCode);
            db.LiteracySurveys.Add(survey);
        }
        else
        {
            existing.Correct(data, actor);
            survey = existing;
        }

        await db.SaveChangesAsync(ct);
        return ToDto(survey, await NamesAsync([survey.RegionCode], ct));
    }

    /// <summary>Sets the target of a region for a year (replacing the one set).</summary>
    public async Task<LiteracyTargetDto> SetTargetAsync(Actor actor, LiteracyTargetRequest r, CancellationToken ct = default)
    {
        var data = new LiteracyTargetData(r.RegionCode?.Trim(), r.Year, r.Rate, r.Plan, r.Note);
        var code = Kexie.Domain.Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        var existing = await db.LiteracyTargets.FirstOrDefaultAsync(t => t.RegionCode == code && t.Year == r.Year, ct);
        LiteracyTarget target;
        if (existing is null)
        {
            target = LiteracyTarget.Set(data, actor);
            (await reference.GetAsync(db, ct)).RequireRegion(target.RegionCode);
            db.LiteracyTargets.Add(target);
        }
        else
        {
            existing.Change(data, actor);
            target = existing;
        }

        await db.SaveChangesAsync(ct);
        return ToDto(target, await NamesAsync([target.RegionCode], ct));
    }

    /// <summary>Removes a result recorded by mistake (the audit trail keeps it).</summary>
    public async Task DeleteSurveyAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var survey = await db.LiteracySurveys.FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("调查结果不存在");
        if (!survey.MayManage(actor))
        {
            throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以删除调查结果");
        }

        db.LiteracySurveys.Remove(survey);
        await db.SaveChangesAsync(ct);
    }

    public async Task<LiteracyStatisticsDto> StatisticsAsync(string? region, int? year, CancellationToken ct = default)
    {
        var code = MarketSupport.RegionFilter(region) ?? throw new DomainValidationException("region", "请选择地区");
        var y = year ?? MarketRules.ChinaDate(DateTimeOffset.UtcNow).Year;
        if (y is < 1990 or > 2100)
        {
            throw new DomainValidationException("year", "年份不正确");
        }

        var ancestry = Kexie.Domain.Regions.RegionCode.Ancestry(code).ToList();
        var childLength = code.Length switch { 2 => 4, 4 => 6, 6 => 9, _ => 0 };
        var surveys = await db.LiteracySurveys.AsNoTracking()
            .Where(s => s.Year <= y && (s.RegionCode == code || (childLength > 0 && RegionScope.Within(s.RegionCode, code) && s.RegionCode.Length == childLength)))
            .ToListAsync(ct);
        var trend = await db.LiteracySurveys.AsNoTracking().Where(s => s.RegionCode == code).OrderBy(s => s.Year).ToListAsync(ct);
        var targets = await db.LiteracyTargets.AsNoTracking()
            .Where(t => ancestry.Contains(t.RegionCode) || (childLength > 0 && RegionScope.Within(t.RegionCode, code) && t.RegionCode.Length == childLength))
            .ToListAsync(ct);
        var names = await NamesAsync(surveys.Select(s => s.RegionCode).Concat(targets.Select(t => t.RegionCode)).Concat(trend.Select(s => s.RegionCode)).Append(code), ct);

        var own = Assess(code, surveys, targets);
        var children = surveys.Where(s => s.RegionCode.Length == childLength).Select(s => s.RegionCode).Distinct().Order()
            .Select(c => Assess(c, surveys, targets))
            .Select(a => new LiteracyRegionDto(
                a.Code, names.GetValueOrDefault(a.Code, "未知地区"), a.Measured is null ? null : ToDto(a.Measured, names), a.Target is null ? null : ToDto(a.Target, names),
                a.Standing, Chinese(a.Standing), a.Gap))
            .ToList();
        var ownTargets = targets.Where(t => t.RegionCode == code).OrderBy(t => t.Year).Select(t => ToDto(t, names)).ToList();
        return new LiteracyStatisticsDto(
            code, names.GetValueOrDefault(code, "所选地区"), y, own.Measured is null ? null : ToDto(own.Measured, names), own.Target is null ? null : ToDto(own.Target, names),
            own.Standing, Chinese(own.Standing), own.Gap, trend.Select(s => ToDto(s, names)).ToList(), ownTargets, children,
            own.Measured is null ? null : Summary(names.GetValueOrDefault(code, "本地区"), own.Measured.Year, own.Measured.Rate, own.Target?.Year, own.Target?.Rate, own.Standing));
    }

    /// <summary>
    /// The report's sentence in the seeds' style: "2020年，恩施州公民具备科学素质比例达7.5%，圆满完成“十三五”目标。",
    /// "2018年，天门市公民具备科学素质比例为7.2%，距2020年实现8.8%的目标还差1.6个百分点。"
    /// </summary>
    public static string Summary(string regionName, int year, int rate, int? targetYear, int? targetRate, LiteracyStanding standing)
    {
        var head = $"{year}年，{regionName}公民具备科学素质比例";
        if (targetYear is not { } ty || targetRate is not { } tr)
        {
            return $"{head}为{LiteracyRate.Format(rate)}。";
        }

        var plan = LiteracyRate.FiveYearPlan(ty);
        var named = plan is null ? $"{ty}年{LiteracyRate.Format(tr)}的目标" : $"“{plan}”目标（{LiteracyRate.Format(tr)}）";
        var gap = LiteracyRate.Format(tr - rate).TrimEnd('%');
        return standing switch
        {
            LiteracyStanding.Met when ty == year => $"{head}达{LiteracyRate.Format(rate)}，圆满完成{named}。",
            LiteracyStanding.Met when ty > year => $"{head}达{LiteracyRate.Format(rate)}，提前实现{ty}年{LiteracyRate.Format(tr)}的目标。",
            LiteracyStanding.Met => $"{head}达{LiteracyRate.Format(rate)}，达到{named}。",
            LiteracyStanding.OnTheWay => $"{head}为{LiteracyRate.Format(rate)}，距{ty}年实现{LiteracyRate.Format(tr)}的目标还差{gap}个百分点。",
            _ => $"{head}为{LiteracyRate.Format(rate)}，未达到{named}，还差{gap}个百分点。",
        };
    }

    /// <summary>
    /// A region's latest result up to the year, and the target to judge it by: among the region's own targets (else the nearest
    /// ancestor's that has any), the nearest year not before the result's; when all lie before it, the latest.
    /// </summary>
    private static Assessment Assess(string code, IReadOnlyList<LiteracySurvey> surveys, IReadOnlyList<LiteracyTarget> targets)
    {
        var measured = surveys.Where(s => s.RegionCode == code).OrderByDescending(s => s.Year).FirstOrDefault();
        if (measured is null)
        {
            return new Assessment(code, null, null, LiteracyStanding.NoSurvey, null);
        }

        var target = LiteracyRate.TargetFor(code, measured.Year, targets);
        if (target is null)
        {
            return new Assessment(code, measured, null, LiteracyStanding.NoTarget, null);
        }

        var standing = measured.Rate >= target.Rate ? LiteracyStanding.Met : measured.Year < target.Year ? LiteracyStanding.OnTheWay : LiteracyStanding.Missed;
        return new Assessment(code, measured, target, standing, standing == LiteracyStanding.Met ? 0 : (target.Rate - measured.Rate) / 100m);
    }

    private sealed record Assessment(string Code, LiteracySurvey? Measured, LiteracyTarget? Target, LiteracyStanding Standing, decimal? Gap);

    /// <summary>Short names (大英县, 遂宁市): the report says "大英县公民…", not the full path.</summary>
    private async Task<Dictionary<string, string>> NamesAsync(IEnumerable<string> codes, CancellationToken ct)
    {
        var wanted = codes.Where(c => !string.IsNullOrEmpty(c)).Distinct().ToList();
        return wanted.Count == 0 ? [] : await db.Regions.AsNoTracking().Where(r => wanted.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
    }

    private static LiteracySurveyDto ToDto(LiteracySurvey s, Dictionary<string, string> names) => new(
        s.Id, s.RegionCode, names.GetValueOrDefault(s.RegionCode, "未知地区"), s.Year, s.Rate / 100m, LiteracyRate.Format(s.Rate), s.SampleSize, s.Source, s.SurveyedOn, s.Note);

    private static LiteracyTargetDto ToDto(LiteracyTarget t, Dictionary<string, string> names) => new(
        t.Id, t.RegionCode, names.GetValueOrDefault(t.RegionCode, "未知地区"), t.Year, t.Rate / 100m, LiteracyRate.Format(t.Rate), t.Plan, t.Note);
}
