using Kexie.Domain.Common;
using Kexie.Domain.Indicators;

namespace Kexie.Web.Features.Indicators.Report;

/// <summary>
/// The days a report covers: a year (1 January to the as-of day: 31 December, or today for the current year) or a
/// span from a day to an as-of day ("截止12月20日", at most a year). A report never speaks of a day that has not come.
/// </summary>
public static class ReportPeriod
{
    /// <summary>
    /// A day typed in a query (yyyy-MM-dd): blank is none, as a form with an empty date field sends it (a nullable
    /// <see cref="DateOnly"/> parameter of a minimal API refuses the empty value); anything else unreadable is a 400
    /// naming <paramref name="field"/>.
    /// </summary>
    public static DateOnly? Day(string? text, string field, string label) => Kexie.Web.Infrastructure.QueryDay.Parse(text, field, label);

    /// <summary>
    /// The report's days: with <paramref name="from"/>, <paramref name="from"/> to <paramref name="asOf"/> (default: a year
    /// later less a day, or today); otherwise the year <paramref name="year"/> up to <paramref name="asOf"/>. Bad input is a
    /// validation error naming the field.
    /// </summary>
    public static DayRange Resolve(int? year, DateOnly? from, DateOnly? asOf, DateOnly today)
    {
        if (from is { } first)
        {
            if (first.Year < 2000)
            {
                throw new DomainValidationException("from", "起始日期应在2000年以后");
            }

            if (first > today)
            {
                throw new DomainValidationException("from", "起始日期不能晚于今天");
            }

            var yearLater = first.AddYears(1).AddDays(-1);
            var last = asOf ?? (yearLater < today ? yearLater : today);
            if (last < first)
            {
                throw new DomainValidationException("asOf", "截止日期不能早于起始日期");
            }

            if (last > today)
            {
                throw new DomainValidationException("asOf", "截止日期不能晚于今天");
            }

            if (last > yearLater)
            {
                throw new DomainValidationException("asOf", "报告期不能超过一年");
            }

            return new DayRange(first, last);
        }

        if (year is not { } y)
        {
            throw new DomainValidationException("year", "请指定年份或起始日期");
        }

        if (y is < 2000 or > 2100)
        {
            throw new DomainValidationException("year", "年份应在2000至2100年之间");
        }

        var period = Period.OfYear(y);
        if (period.FirstDay > today)
        {
            throw new DomainValidationException("year", $"{y}年尚未开始，不能生成年度报告");
        }

        var end = asOf ?? (period.LastDay < today ? period.LastDay : today);
        if (end < period.FirstDay || end > period.LastDay)
        {
            throw new DomainValidationException("asOf", $"截止日期应在{y}年内");
        }

        if (end > today)
        {
            throw new DomainValidationException("asOf", "截止日期不能晚于今天");
        }

        return new DayRange(period.FirstDay, end);
    }

    /// <summary>
    /// The period after a report's (下一年工作安排): the next calendar year for a report from 1 January (a year, or the year
    /// so far); for another span, the year after its last day ("截止2019年12月20日": 2019年12月21日至2020年12月20日).
    /// </summary>
    public static DayRange Next(DateOnly first, DateOnly last) =>
        first == new DateOnly(last.Year, 1, 1)
            ? new DayRange(new DateOnly(last.Year + 1, 1, 1), new DateOnly(last.Year + 1, 12, 31))
            : new DayRange(last.AddDays(1), last.AddYears(1));

    /// <summary>"2021年" after a year report, "2019年12月21日至2020年12月20日" after a span.</summary>
    public static string NextText(DateOnly first, DateOnly last)
    {
        var next = Next(first, last);
        return next.First.DayOfYear == 1 && next.Last == new DateOnly(next.First.Year, 12, 31) ? $"{next.First.Year}年" : RangeText(next.First, next.Last);
    }

    /// <summary>"2020年3月1日至9月30日", "2019年12月21日至2020年12月20日".</summary>
    public static string RangeText(DateOnly first, DateOnly last) =>
        $"{first.Year}年{first.Month}月{first.Day}日至{(last.Year == first.Year ? string.Empty : $"{last.Year}年")}{last.Month}月{last.Day}日";
}
