using Kexie.Domain.Common;
using Kexie.Domain.Indicators;

namespace Kexie.Domain.Tests.Indicators;

public sealed class PeriodTests
{
    [Fact]
    public void A_year_starts_at_CST_midnight()
    {
        var year = Period.OfYear(2025);
        Assert.Equal(new DateTimeOffset(2024, 12, 31, 16, 0, 0, TimeSpan.Zero), year.StartUtc);
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 16, 0, 0, TimeSpan.Zero), year.EndUtcExclusive);
        Assert.True(year.Contains(new DateTimeOffset(2024, 12, 31, 16, 30, 0, TimeSpan.Zero)));
        Assert.False(year.Contains(new DateTimeOffset(2024, 12, 31, 15, 59, 59, TimeSpan.Zero)));
        Assert.False(year.Contains(new DateTimeOffset(2025, 12, 31, 16, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Day_keys_are_CST_dates()
    {
        Assert.Equal(20250101, ChinaTime.DayKey(new DateTimeOffset(2024, 12, 31, 16, 30, 0, TimeSpan.Zero)));
        Assert.Equal(20241231, ChinaTime.DayKey(new DateTimeOffset(2024, 12, 31, 15, 59, 0, TimeSpan.Zero)));
        Assert.Equal(20250301, ChinaTime.MonthKey(20250317));
        Assert.Equal(new DateOnly(2024, 2, 29), ChinaTime.FromDayKey(20240229));
    }

    [Theory]
    [InlineData("2025", PeriodKind.Year, 2025, 1, "2025-01-01", "2025-12-31", "2024")]
    [InlineData("2025Q1", PeriodKind.Quarter, 2025, 1, "2025-01-01", "2025-03-31", "2024Q4")]
    [InlineData("2024-q3", PeriodKind.Quarter, 2024, 3, "2024-07-01", "2024-09-30", "2024Q2")]
    [InlineData("2024-02", PeriodKind.Month, 2024, 2, "2024-02-01", "2024-02-29", "2024-01")]
    [InlineData("2025-01", PeriodKind.Month, 2025, 1, "2025-01-01", "2025-01-31", "2024-12")]
    public void Parses_and_knows_its_days_and_predecessor(string text, PeriodKind kind, int year, int number, string first, string last, string previous)
    {
        var period = Period.Parse(text);
        Assert.Equal(new Period(kind, year, number), period);
        Assert.Equal(DateOnly.Parse(first), period.FirstDay);
        Assert.Equal(DateOnly.Parse(last), period.LastDay);
        Assert.Equal(previous, period.Previous.ToString());
        Assert.Equal(period, Period.Parse(period.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2025Q5")]
    [InlineData("2025-13")]
    [InlineData("25")]
    [InlineData("1999")]
    public void Rejects_bad_periods(string text)
    {
        var error = Assert.Throws<DomainValidationException>(() => Period.Parse(text));
        Assert.Equal("period", error.Field);
    }

    [Fact]
    public void Labels_are_Chinese()
    {
        Assert.Equal("2025年", Period.OfYear(2025).Label);
        Assert.Equal("2025年第2季度", Period.OfQuarter(2025, 2).Label);
        Assert.Equal("2025年3月", Period.OfMonth(2025, 3).Label);
        Assert.Equal(Period.OfQuarter(2025, 4), Period.Containing(PeriodKind.Quarter, new DateOnly(2025, 11, 30)));
    }

    [Fact]
    public void Rollup_segments_use_years_and_months_inside_and_days_at_the_ragged_ends()
    {
        var segments = RollupSegments.Cover(new DayRange(new DateOnly(2025, 1, 15), new DateOnly(2025, 3, 10)));
        Assert.Equal(
            [new(RollupGrain.Day, 20250115, 20250131), new(RollupGrain.Month, 20250201, 20250201), new RollupSegment(RollupGrain.Day, 20250301, 20250310)],
            segments);

        Assert.Equal([new RollupSegment(RollupGrain.Year, 20250101, 20250101)], RollupSegments.Cover(Period.OfYear(2025).Days));
        Assert.Equal([new RollupSegment(RollupGrain.Month, 20250101, 20250301)], RollupSegments.Cover(Period.OfQuarter(2025, 1).Days));
        Assert.Equal([new RollupSegment(RollupGrain.Day, 20250305, 20250320)], RollupSegments.Cover(new DayRange(new DateOnly(2025, 3, 5), new DateOnly(2025, 3, 20))));
        Assert.Equal(
            [new(RollupGrain.Year, 10101, 20240101), new RollupSegment(RollupGrain.Month, 20250101, 20250301)],
            RollupSegments.Cover(Period.OfQuarter(2025, 1).Days, fromBeginning: true));
        Assert.Equal([new RollupSegment(RollupGrain.Year, 10101, 20250101)], RollupSegments.Cover(Period.OfYear(2025).Days, fromBeginning: true));
        Assert.Equal(
            [new(RollupGrain.Year, 10101, 20240101), new(RollupGrain.Month, 20250101, 20250201), new RollupSegment(RollupGrain.Day, 20250301, 20250310)],
            RollupSegments.Cover(new DayRange(new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 10)), fromBeginning: true));

        // Across years: ragged start month, whole months to the year's end, whole years, months, ragged end.
        Assert.Equal(
            [new(RollupGrain.Day, 20220615, 20220630), new(RollupGrain.Month, 20220701, 20221201), new(RollupGrain.Year, 20230101, 20240101),
             new(RollupGrain.Month, 20250101, 20250101), new RollupSegment(RollupGrain.Day, 20250201, 20250203)],
            RollupSegments.Cover(new DayRange(new DateOnly(2022, 6, 15), new DateOnly(2025, 2, 3))));
        Assert.Empty(RollupSegments.Cover(new DayRange(new DateOnly(2025, 3, 2), new DateOnly(2025, 3, 1))));
    }

    [Fact]
    public void Rollup_segments_cover_every_day_exactly_once()
    {
        var random = new Random(20251125);
        var origin = new DateOnly(2019, 1, 1);
        for (var i = 0; i < 500; i++)
        {
            var first = origin.AddDays(random.Next(2600));
            var last = first.AddDays(random.Next(-3, 1500));
            var fromBeginning = random.Next(4) == 0;
            // A cumulative cover starts at 0001-01-01; its days are checked from a window before the test dates.
            var clip = fromBeginning ? origin.AddDays(-400) : first;
            var expected = new List<int>();
            for (var day = clip; day <= last; day = day.AddDays(1))
            {
                expected.Add(ChinaTime.DayKey(day));
            }

            var covered = new List<int>();
            var segments = RollupSegments.Cover(new DayRange(first, last), fromBeginning);
            Assert.True(!fromBeginning || segments[0].FromKey == 10101);
            foreach (var segment in segments)
            {
                var from = ChinaTime.FromDayKey(segment.FromKey);
                var to = ChinaTime.FromDayKey(segment.ToKey);
                Assert.True(from <= to);
                var end = segment.Grain switch
                {
                    RollupGrain.Year => new DateOnly(to.Year, 12, 31),
                    RollupGrain.Month => to.AddMonths(1).AddDays(-1),
                    _ => to,
                };
                Assert.True(segment.Grain == RollupGrain.Day || from.Day == 1);
                Assert.True(segment.Grain != RollupGrain.Year || (from.DayOfYear == 1 && to.DayOfYear == 1));
                for (var day = from > clip ? from : clip; day <= end; day = day.AddDays(1))
                {
                    covered.Add(ChinaTime.DayKey(day));
                }
            }

            Assert.Equal(expected, covered);
        }
    }
}
