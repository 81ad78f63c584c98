namespace Kexie.Domain.Market;

/// <summary>Which calendar days are working days (工作日), read in China Standard Time.</summary>
public interface IWorkingCalendar
{
    bool IsWorkingDay(DateOnly date);
}

/// <summary>
/// Monday–Friday are working days, except configured public holidays (法定节假日); configured
/// make-up working days (调休上班, usually a Saturday or Sunday) are working days too.
/// </summary>
public sealed class WorkingCalendar : IWorkingCalendar
{
    private readonly HashSet<DateOnly> holidays;
    private readonly HashSet<DateOnly> makeUpWorkingDays;

    public WorkingCalendar(IEnumerable<DateOnly>? holidays = null, IEnumerable<DateOnly>? makeUpWorkingDays = null)
    {
        this.holidays = [.. holidays ?? []];
        this.makeUpWorkingDays = [.. makeUpWorkingDays ?? []];
        var both = this.holidays.Intersect(this.makeUpWorkingDays).ToList();
        if (both.Count > 0)
        {
            throw new ArgumentException($"日期{both[0]:yyyy-MM-dd}不能既是节假日又是调休工作日", nameof(makeUpWorkingDays));
        }
    }

    /// <summary>Weekends only, no holidays.</summary>
    public static WorkingCalendar WeekendsOnly { get; } = new();

    public IReadOnlyCollection<DateOnly> Holidays => holidays;

    public IReadOnlyCollection<DateOnly> MakeUpWorkingDays => makeUpWorkingDays;

    public bool IsWorkingDay(DateOnly date) =>
        makeUpWorkingDays.Contains(date)
        || (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(date));
}

public static class WorkingCalendarExtensions
{
    /// <summary>
    /// The instant at which <paramref name="workingDays"/> × 24 hours of working-day time (in China Standard
    /// Time) have elapsed since <paramref name="start"/>: time on non-working days does not count. So one
    /// working day from Friday 16:00 is Monday 16:00, and from Saturday 10:00 it is Tuesday 00:00 (the end of
    /// Monday). The result is in UTC.
    /// </summary>
    public static DateTimeOffset AddWorkingDays(this IWorkingCalendar calendar, DateTimeOffset start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var cursor = start.ToOffset(MarketRules.ChinaOffset);
        var remaining = TimeSpan.FromDays(workingDays);
        var guard = 0;
        while (remaining > TimeSpan.Zero)
        {
            if (++guard > 3660)
            {
                throw new InvalidOperationException("工作日历在十年内找不到足够的工作日");
            }

            var date = DateOnly.FromDateTime(cursor.DateTime);
            var endOfDay = new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), MarketRules.ChinaOffset);
            if (!calendar.IsWorkingDay(date))
            {
                cursor = endOfDay;
                continue;
            }

            var available = endOfDay - cursor;
            if (available >= remaining)
            {
                cursor += remaining;
                remaining = TimeSpan.Zero;
            }
            else
            {
                remaining -= available;
                cursor = endOfDay;
            }
        }

        return cursor.ToUniversalTime();
    }
}
