using System.Globalization;

namespace Kexie.Domain.Indicators;

/// <summary>
/// Numbers as the work reports print them: amounts in 元 below 1万, in 万元 up to 1亿 and in 亿元 above ("6500元",
/// "30万元", "152.3万元", "4699万元", "1.22亿元"), about four significant digits, never a raw 46987463.33; counts as whole
/// numbers with their unit ("7816人", "325条"), in tables with thousands separators ("12,560人").
/// </summary>
public static class StatFormat
{
    private const decimal Wan = 10_000m;
    private const decimal Yi = 100_000_000m;

    /// <summary>"6500元", "2万元", "35.5万元", "152.3万元", "4699万元", "1.22亿元", "12.3亿元".</summary>
    public static string Amount(decimal yuan)
    {
        var sign = yuan < 0 ? "-" : string.Empty;
        var a = Math.Abs(yuan);
        if (a >= Yi)
        {
            return sign + Significant(a / Yi) + "亿元";
        }

        if (a >= Wan)
        {
            // 9999.96万 would print as 10000万: say 1亿 instead.
            var wan = Significant(a / Wan);
            return wan == "10000" ? sign + "1亿元" : sign + wan + "万元";
        }

        var whole = decimal.Round(a, 0, MidpointRounding.AwayFromZero);
        return whole == 0 ? "0元" : sign + whole.ToString("0", CultureInfo.InvariantCulture) + "元";
    }

    /// <summary>Up to 4 significant digits, at most 2 decimals, trailing zeros dropped: 1.2246 → "1.22", 152.34 → "152.3", 4698.746 → "4699", 9300 → "9300".</summary>
    private static string Significant(decimal value)
    {
        var decimals = value switch
        {
            >= 1000m => 0,
            >= 100m => 1,
            _ => 2,
        };
        var rounded = decimal.Round(value, decimals, MidpointRounding.AwayFromZero);
        if (decimals > 0 && rounded >= 1000m)
        {
            rounded = decimal.Round(rounded, 0, MidpointRounding.AwayFromZero);
        }

        return rounded.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>A count in a sentence, as the reports write it: "7816", "14500".</summary>
    public static string Count(long count) => count.ToString("0", CultureInfo.InvariantCulture);

    /// <summary>A count in a table: "12,560".</summary>
    public static string Grouped(decimal value) =>
        value == decimal.Truncate(value) ? value.ToString("#,0", CultureInfo.InvariantCulture) : value.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>"87.5%".</summary>
    public static string Percent(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// An indicator value with its unit for tables and pages: amounts by size ("4699万元", "12.5万元/笔"), percentages
    /// ("87.5%"), counts with separators and unit ("12,560人"); null when the value is absent (the caller says why).
    /// </summary>
    public static string? Value(decimal? value, string unit)
    {
        if (value is not { } v)
        {
            return null;
        }

        return unit switch
        {
            "元" => Amount(v),
            "元/笔" => Amount(v) + "/笔",
            "%" => Percent(v),
            _ => Grouped(v) + unit,
        };
    }

    /// <summary>"较上年增长12.5%", "较上年下降3%", "与上年持平"; null when there is nothing to compare with (previous zero or absent).</summary>
    public static string? Growth(decimal current, decimal? previous, string against = "上年")
    {
        if (previous is not { } p || p <= 0)
        {
            return null;
        }

        var change = decimal.Round((current - p) / p * 100m, 1, MidpointRounding.AwayFromZero);
        return change switch
        {
            > 0 => $"较{against}增长{change.ToString("0.#", CultureInfo.InvariantCulture)}%",
            < 0 => $"较{against}下降{(-change).ToString("0.#", CultureInfo.InvariantCulture)}%",
            _ => $"与{against}持平",
        };
    }
}
