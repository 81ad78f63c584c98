using System.Globalization;
using Kexie.Domain.Common;

namespace Kexie.Domain.Indicators;

/// <summary>China Standard Time (UTC+8, no daylight saving): every indicator day and period boundary is CST midnight.</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The CST calendar date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The instant (UTC) at which CST day <paramref name="date"/> begins.</summary>
    public static DateTimeOffset StartOf(DateOnly date) => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();

    /// <summary>Day key yyyymmdd, the integer form stored in facts and rollups.</summary>
    public static int DayKey(DateOnly date) => (date.Year * 10000) + (date.Month * 100) + date.Day;

    public static int DayKey(DateTimeOffset instant) => DayKey(DateOf(instant));

    public static DateOnly FromDayKey(int key) => new(key / 10000, key / 100 % 100, key % 100);

    /// <summary>Key of the first day of the month containing <paramref name="dayKey"/>.</summary>
    public static int MonthKey(int dayKey) => (dayKey / 100 * 100) + 1;
}

public enum PeriodKind
{
    Year = 1,
    Quarter = 2,
    Month = 3,
}

/// <summary>An inclusive range of CST days.</summary>
public readonly record struct DayRange(DateOnly First, DateOnly Last)
{
    public int FirstKey => ChinaTime.DayKey(First);

    public int LastKey => ChinaTime.DayKey(Last);

    public bool Contains(DateOnly day) => day >= First && day <= Last;
}

/// <summary>A reporting period: a year, a quarter or a month of the CST calendar.</summary>
public readonly record struct Period(PeriodKind Kind, int Year, int Number)
{
    public static Period OfYear(int year) => Create(PeriodKind.Year, year, 1);

    public static Period OfQuarter(int year, int quarter) => Create(PeriodKind.Quarter, year, quarter);

    public static Period OfMonth(int year, int month) => Create(PeriodKind.Month, year, month);

    public static Period Create(PeriodKind kind, int year, int number)
    {
        if (year is < 2000 or > 2100)
        {
            throw new DomainValidationException("period", "统计期的年份应在2000至2100年之间");
        }

        var max = kind switch
        {
            PeriodKind.Year => 1,
            PeriodKind.Quarter => 4,
            PeriodKind.Month => 12,
            _ => throw new DomainValidationException("period", "统计期类型不正确"),
        };
        if (number < 1 || number > max)
        {
            throw new DomainValidationException("period", kind == PeriodKind.Quarter ? "季度应为1至4" : "月份应为1至12");
        }

        return new Period(kind, year, number);
    }

    public DateOnly FirstDay => Kind switch
    {
        PeriodKind.Year => new DateOnly(Year, 1, 1),
        PeriodKind.Quarter => new DateOnly(Year, ((Number - 1) * 3) + 1, 1),
        _ => new DateOnly(Year, Number, 1),
    };

    public DateOnly LastDay => Kind switch
    {
        PeriodKind.Year => new DateOnly(Year, 12, 31),
        PeriodKind.Quarter => FirstDay.AddMonths(3).AddDays(-1),
        _ => FirstDay.AddMonths(1).AddDays(-1),
    };

    public DayRange Days => new(FirstDay, LastDay);

    /// <summary>CST midnight at the start of the period, as UTC.</summary>
    public DateTimeOffset StartUtc => ChinaTime.StartOf(FirstDay);

    /// <summary>CST midnight after the period ends, as UTC (exclusive).</summary>
    public DateTimeOffset EndUtcExclusive => ChinaTime.StartOf(LastDay.AddDays(1));

    public bool Contains(DateTimeOffset instant) => instant >= StartUtc && instant < EndUtcExclusive;

    /// <summary>The period of the same kind immediately before.</summary>
    public Period Previous => Kind switch
    {
        PeriodKind.Year => OfYear(Year - 1),
        PeriodKind.Quarter => Number == 1 ? OfQuarter(Year - 1, 4) : OfQuarter(Year, Number - 1),
        _ => Number == 1 ? OfMonth(Year - 1, 12) : OfMonth(Year, Number - 1),
    };

    /// <summary>The period of <paramref name="kind"/> containing CST day <paramref name="day"/>.</summary>
    public static Period Containing(PeriodKind kind, DateOnly day) => kind switch
    {
        PeriodKind.Year => OfYear(day.Year),
        PeriodKind.Quarter => OfQuarter(day.Year, ((day.Month - 1) / 3) + 1),
        _ => OfMonth(day.Year, day.Month),
    };

    public string Label => Kind switch
    {
        PeriodKind.Year => $"{Year}年",
        PeriodKind.Quarter => $"{Year}年第{Number}季度",
        _ => $"{Year}年{Number}月",
    };

    public override string ToString() => Kind switch
    {
        PeriodKind.Year => Year.ToString(CultureInfo.InvariantCulture),
        PeriodKind.Quarter => $"{Year}Q{Number}",
        _ => $"{Year}-{Number:00}",
    };

    /// <summary>Parses "2025", "2025Q1" (or "2025-Q1") and "2025-03".</summary>
    public static Period Parse(string? text)
    {
        var value = text?.Trim().ToUpperInvariant() ?? string.Empty;
        if (value.Length == 4 && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return OfYear(year);
        }

        var compact = value.Replace("-Q", "Q", StringComparison.Ordinal);
        if (compact.Length == 6 && compact[4] == 'Q'
            && int.TryParse(compact.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out year)
            && int.TryParse(compact.AsSpan(5, 1), NumberStyles.None, CultureInfo.InvariantCulture, out var quarter))
        {
            return OfQuarter(year, quarter);
        }

        if (value.Length == 7 && value[4] == '-'
            && int.TryParse(value.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out year)
            && int.TryParse(value.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month))
        {
            return OfMonth(year, month);
        }

        throw new DomainValidationException("period", $"统计期“{text}”格式不正确（例如 2025、2025Q1、2025-03）");
    }
}

/// <summary>Which rollup grain and which day keys to read so that a day range is covered exactly once.</summary>
public enum RollupGrain
{
    Day = 1,
    Month = 2,

    /// <summary>Whole CST calendar years, keyed by the year's first day (yyyy0101).</summary>
    Year = 3,
}

/// <summary>A run of rollup rows: grain and inclusive key range.</summary>
public readonly record struct RollupSegment(RollupGrain Grain, int FromKey, int ToKey);

public static class RollupSegments
{
    /// <summary>
    /// Covers <paramref name="range"/> with year rollups for whole years, month rollups for the whole months
    /// outside them and day rollups for the partial months at either end, each day exactly once. With
    /// <paramref name="fromBeginning"/>, covers everything up to the range's last day (a cumulative value is then
    /// one year row per whole year before, not one row per month).
    /// </summary>
    public static IReadOnlyList<RollupSegment> Cover(DayRange range, bool fromBeginning = false)
    {
        var segments = new List<RollupSegment>();
        var first = fromBeginning ? DateOnly.MinValue : range.First;
        var last = range.Last;
        if (first > last)
        {
            return segments;
        }

        var firstWholeYear = first.DayOfYear == 1 ? first.Year : first.Year + 1;
        var lastWholeYear = last.Month == 12 && last.Day == 31 ? last.Year : last.Year - 1;
        if (firstWholeYear > lastWholeYear)
        {
            CoverMonths(segments, first, last);
            return segments;
        }

        if (first.Year < firstWholeYear)
        {
            CoverMonths(segments, first, new DateOnly(first.Year, 12, 31));
        }

        segments.Add(new RollupSegment(RollupGrain.Year, ChinaTime.DayKey(new DateOnly(firstWholeYear, 1, 1)), ChinaTime.DayKey(new DateOnly(lastWholeYear, 1, 1))));
        if (lastWholeYear < last.Year)
        {
            CoverMonths(segments, new DateOnly(last.Year, 1, 1), last);
        }

        return segments;
    }

    /// <summary>Whole months of [first, last] from the month grain, the partial months at either end from the day grain.</summary>
    private static void CoverMonths(List<RollupSegment> segments, DateOnly first, DateOnly last)
    {
        var firstWholeMonth = first.Day == 1 ? first : new DateOnly(first.Year, first.Month, 1).AddMonths(1);
        var lastMonthEnd = new DateOnly(last.Year, last.Month, 1).AddMonths(1).AddDays(-1);
        var lastWholeMonth = last == lastMonthEnd ? new DateOnly(last.Year, last.Month, 1) : new DateOnly(last.Year, last.Month, 1).AddMonths(-1);
        if (firstWholeMonth > lastWholeMonth)
        {
            // No whole month inside: days only.
            segments.Add(new RollupSegment(RollupGrain.Day, ChinaTime.DayKey(first), ChinaTime.DayKey(last)));
            return;
        }

        if (first < firstWholeMonth)
        {
            segments.Add(new RollupSegment(RollupGrain.Day, ChinaTime.DayKey(first), ChinaTime.DayKey(firstWholeMonth.AddDays(-1))));
        }

        segments.Add(new RollupSegment(RollupGrain.Month, ChinaTime.DayKey(firstWholeMonth), ChinaTime.DayKey(lastWholeMonth)));
        var afterWhole = lastWholeMonth.AddMonths(1);
        if (afterWhole <= last)
        {
            segments.Add(new RollupSegment(RollupGrain.Day, ChinaTime.DayKey(afterWhole), ChinaTime.DayKey(last)));
        }
    }
}
