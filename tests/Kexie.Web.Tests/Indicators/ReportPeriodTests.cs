using Kexie.Domain.Common;
using Kexie.Web.Features.Indicators.Report;

namespace Kexie.Web.Tests.Indicators;

/// <summary>The days a report covers, for a fixed "today" (4 December 2026): never a day that has not come.</summary>
public sealed class ReportPeriodTests
{
    private static readonly DateOnly Today = new(2026, 12, 4);

    [Theory]
    [InlineData(2020, null, null, "2020-01-01", "2020-12-31")] // a past year: to 31 December
    [InlineData(2026, null, null, "2026-01-01", "2026-12-04")] // the current year: to today, not to a 31 December to come
    [InlineData(2020, null, "2020-12-20", "2020-01-01", "2020-12-20")] // 截止12月20日
    [InlineData(null, "2019-12-21", "2020-12-20", "2019-12-21", "2020-12-20")] // a working year across New Year
    [InlineData(null, "2025-03-01", null, "2025-03-01", "2026-02-28")] // from a day: a year less a day
    [InlineData(null, "2026-03-01", null, "2026-03-01", "2026-12-04")] // … or today, whichever is earlier
    [InlineData(1999, "2026-12-04", null, "2026-12-04", "2026-12-04")] // with a start day the year is not used
    public void A_period_runs_from_its_first_day_to_its_as_of_day(int? year, string? from, string? asOf, string first, string last)
    {
        var days = ReportPeriod.Resolve(year, from is null ? null : DateOnly.Parse(from), asOf is null ? null : DateOnly.Parse(asOf), Today);
        Assert.Equal((DateOnly.Parse(first), DateOnly.Parse(last)), (days.First, days.Last));
    }

    [Theory]
    [InlineData(null, null, null, "year")]
    [InlineData(2027, null, null, "year")] // not begun
    [InlineData(2026, null, "2026-12-05", "asOf")] // tomorrow
    [InlineData(2025, null, "2026-01-01", "asOf")] // outside the year
    [InlineData(null, "2026-12-05", null, "from")]
    [InlineData(null, "2025-06-01", "2025-05-31", "asOf")] // before the start
    [InlineData(null, "2024-01-01", "2025-01-01", "asOf")] // longer than a year
    [InlineData(null, "2026-06-01", "2026-12-31", "asOf")] // a day to come
    public void A_bad_period_names_its_field(int? year, string? from, string? asOf, string field)
    {
        var error = Assert.Throws<DomainValidationException>(() => ReportPeriod.Resolve(year, from is null ? null : DateOnly.Parse(from), asOf is null ? null : DateOnly.Parse(asOf), Today));
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void A_span_is_written_with_the_year_once_when_it_stays_in_one_year() =>
        Assert.Equal(
            ("2020年3月1日至9月30日", "2019年12月21日至2020年12月20日"),
            (ReportPeriod.RangeText(new(2020, 3, 1), new(2020, 9, 30)), ReportPeriod.RangeText(new(2019, 12, 21), new(2020, 12, 20))));
}
