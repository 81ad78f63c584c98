using Kexie.Domain.Indicators;
using Kexie.Web.Features.Indicators.Report;

namespace Kexie.Web.Features.Popularization;

/// <summary>How the popularization sentences name their period: "2025年" for a calendar year (or the year to date), else the span.</summary>
public static class PopularizationPeriod
{
    /// <summary>True when the range starts on 1 January and ends in the same year.</summary>
    public static bool IsYear(DayRange range) => range.First is { Month: 1, Day: 1 } && range.Last.Year == range.First.Year;

    /// <summary>"2025年" or "2024年12月21日至2025年12月20日".</summary>
    public static string Text(DayRange range) => IsYear(range) ? $"{range.First.Year}年" : ReportPeriod.RangeText(range.First, range.Last);
}
