using Kexie.Domain.Common;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Literacy;

/// <summary>
/// 公民科学素质: a region's 公民具备科学素质比例 for a year with its source, the 纲要 target and whether it is met, the trend and the
/// regions below, the 纲要实施成员单位 of the year (count, change, tasks, assessments); the region's staff record survey results and set targets (a form error comes back as the page's alert).
/// </summary>
public sealed class IndexModel(LiteracyService literacy, LiteracyMemberUnitService memberUnits) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public LiteracyStatisticsDto? Stats { get; private set; }

    /// <summary>The region's 纲要实施成员单位 in the year: count and change, tasks done, units assessed.</summary>
    public MemberUnitYearDto? Members { get; private set; }

    public string? FilterError { get; private set; }

    /// <summary>Whether the viewer may record results and targets for the region shown.</summary>
    public bool IsManager { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Region ??= HomeRegion;
        Year ??= DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).Year;
        try
        {
            Stats = await literacy.StatisticsAsync(Region, Year, ct);
            IsManager = Can(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageLiteracy, Stats.RegionCode);
            Members = await memberUnits.YearAsync(Actor, Stats.RegionCode, Stats.Year, ct);
        }
        catch (DomainValidationException e)
        {
            FilterError = e.Message;
        }
    }

    [RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageLiteracy))]
    public async Task<IActionResult> OnPostSurveyAsync(
        string? regionCode, string? surveyYear, string? rate, string? sampleSize, string? source, string? surveyedOn, CancellationToken ct)
    {
        var saved = await literacy.RecordSurveyAsync(
            Actor,
            new LiteracySurveyRequest(
                regionCode, ParseInt(surveyYear, "year", "年份"), ParseRate(rate, "rate", "具备科学素质比例"), ParseInt(sampleSize, "sampleSize", "样本量"), source,
                ParseDate(surveyedOn, "surveyedOn", "调查日期")),
            ct);
        return Redirect($"/Popularization/Literacy?region={saved.RegionCode}&year={saved.Year}", $"已登记{saved.RegionName}{saved.Year}年公民具备科学素质比例 {saved.RateText}");
    }

    [RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageLiteracy))]
    public async Task<IActionResult> OnPostTargetAsync(string? regionCode, string? targetYear, string? rate, string? plan, CancellationToken ct)
    {
        var saved = await literacy.SetTargetAsync(
            Actor, new LiteracyTargetRequest(regionCode, ParseInt(targetYear, "year", "目标年份"), ParseRate(rate, "rate", "目标比例"), plan), ct);
        return Redirect($"/Popularization/Literacy?region={saved.RegionCode}&year={saved.Year}", $"已设定{saved.RegionName}{saved.Year}年目标 {saved.RateText}");
    }

    private IActionResult Redirect(string url, string notice)
    {
        Notice = notice;
        return Redirect(url);
    }

    private static decimal? ParseRate(string? text, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return decimal.TryParse(text.Trim().TrimEnd('%', '％'), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new DomainValidationException(field, $"{label}“{text.Trim()}”不是有效的百分比");
    }
}
