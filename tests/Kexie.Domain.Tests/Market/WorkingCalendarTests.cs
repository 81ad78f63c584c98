using Kexie.Domain.Market;
using static Kexie.Domain.Tests.Market.MarketFixtures;

namespace Kexie.Domain.Tests.Market;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Weekends = WorkingCalendar.WeekendsOnly;

    [Theory]
    [InlineData(2025, 3, 3, true)] // Monday
    [InlineData(2025, 3, 7, true)] // Friday
    [InlineData(2025, 3, 8, false)] // Saturday
    [InlineData(2025, 3, 9, false)] // Sunday
    public void Monday_to_Friday_are_working_days(int year, int month, int day, bool working)
    {
        Assert.Equal(working, Weekends.IsWorkingDay(new DateOnly(year, month, day)));
    }

    [Fact]
    public void Holidays_are_off_and_make_up_days_are_on()
    {
        var calendar = new WorkingCalendar([new DateOnly(2025, 5, 1)], [new DateOnly(2025, 4, 27)]);
        Assert.False(calendar.IsWorkingDay(new DateOnly(2025, 5, 1))); // Thursday, holiday
        Assert.True(calendar.IsWorkingDay(new DateOnly(2025, 4, 27))); // Sunday, 调休上班
        Assert.True(calendar.IsWorkingDay(new DateOnly(2025, 4, 30)));
    }

    [Fact]
    public void A_day_cannot_be_both_holiday_and_make_up_day()
    {
        var day = new DateOnly(2025, 5, 1);
        var ex = Assert.Throws<ArgumentException>(() => new WorkingCalendar([day], [day]));
        Assert.Contains("2025-05-01", ex.Message);
    }

    public static TheoryData<DateTimeOffset, int, DateTimeOffset> WeekendCases => new()
    {
        // Monday 09:00 → Tuesday 09:00
        { Cst(2025, 3, 3, 9), 1, Cst(2025, 3, 4, 9) },
        // Friday 16:00 → Monday 16:00: the weekend does not count
        { Cst(2025, 3, 7, 16), 1, Cst(2025, 3, 10, 16) },
        // Saturday 10:00 → the clock starts Monday 00:00 → Tuesday 00:00 (end of Monday)
        { Cst(2025, 3, 8, 10), 1, Cst(2025, 3, 11, 0) },
        // Sunday 23:30 → Tuesday 00:00
        { Cst(2025, 3, 9, 23, 30), 1, Cst(2025, 3, 11, 0) },
        // Thursday 10:00 + 2 working days → Monday 10:00
        { Cst(2025, 3, 6, 10), 2, Cst(2025, 3, 10, 10) },
        // Zero days: unchanged
        { Cst(2025, 3, 8, 10), 0, Cst(2025, 3, 8, 10) },
    };

    [Theory]
    [MemberData(nameof(WeekendCases))]
    public void Adds_working_days_skipping_weekends(DateTimeOffset start, int days, DateTimeOffset expected)
    {
        var due = Weekends.AddWorkingDays(start, days);
        Assert.Equal(expected, due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Fact]
    public void Weekends_are_read_in_China_time_not_UTC()
    {
        // Sunday 17:00 UTC is Monday 01:00 in China: a working day already → Tuesday 01:00 CST.
        var sundayUtc = new DateTimeOffset(2025, 3, 9, 17, 0, 0, TimeSpan.Zero);
        Assert.Equal(Cst(2025, 3, 11, 1), Weekends.AddWorkingDays(sundayUtc, 1));

        // Friday 20:00 UTC is Saturday 04:00 in China: not a working day → Tuesday 00:00 CST.
        var fridayUtc = new DateTimeOffset(2025, 3, 7, 20, 0, 0, TimeSpan.Zero);
        Assert.Equal(Cst(2025, 3, 11, 0), Weekends.AddWorkingDays(fridayUtc, 1));
    }

    [Fact]
    public void Skips_public_holidays()
    {
        // 清明 2025: Friday 4 April is a holiday, then the weekend.
        var calendar = new WorkingCalendar([new DateOnly(2025, 4, 4)]);
        Assert.Equal(Cst(2025, 4, 7, 15), calendar.AddWorkingDays(Cst(2025, 4, 3, 15), 1));
    }

    [Fact]
    public void Counts_make_up_working_days_on_a_weekend()
    {
        // 劳动节 2025: 1–5 May off, Sunday 27 April is a working day.
        var calendar = new WorkingCalendar(
            [new DateOnly(2025, 5, 1), new DateOnly(2025, 5, 2), new DateOnly(2025, 5, 5)],
            [new DateOnly(2025, 4, 27)]);

        // Friday 18:00: 6 hours on Friday, Saturday skipped, 18 hours on Sunday (a working day).
        Assert.Equal(Cst(2025, 4, 27, 18), calendar.AddWorkingDays(Cst(2025, 4, 25, 18), 1));

        // Wednesday 30 April 12:00: 12 hours, then 1–5 May skipped, 12 hours on Tuesday 6 May.
        Assert.Equal(Cst(2025, 5, 6, 12), calendar.AddWorkingDays(Cst(2025, 4, 30, 12), 1));
    }

    [Fact]
    public void Negative_days_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Weekends.AddWorkingDays(Monday0900, -1));
    }

    [Fact]
    public void A_calendar_without_working_days_fails_instead_of_looping()
    {
        var never = new NeverWorking();
        Assert.Throws<InvalidOperationException>(() => never.AddWorkingDays(Monday0900, 1));
    }

    [Fact]
    public void China_date_of_an_instant_uses_UTC_plus_8()
    {
        Assert.Equal(new DateOnly(2025, 3, 4), MarketRules.ChinaDate(new DateTimeOffset(2025, 3, 3, 16, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2025, 3, 3), MarketRules.ChinaDate(new DateTimeOffset(2025, 3, 3, 15, 59, 0, TimeSpan.Zero)));
    }

    private sealed class NeverWorking : IWorkingCalendar
    {
        public bool IsWorkingDay(DateOnly date) => false;
    }
}
