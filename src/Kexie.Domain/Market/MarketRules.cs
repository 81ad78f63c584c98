using System.Text.RegularExpressions;
using Kexie.Domain.Common;
using Kexie.Domain.Directory;

namespace Kexie.Domain.Market;

/// <summary>
/// The code vocabularies the market validates against (GB/T 13745 disciplines, GB/T 4754 industries).
/// The data layer supplies lookups over its reference tables.
/// </summary>
public sealed record MarketCodes(Func<string, bool> DisciplineExists, Func<string, bool> IndustryExists);

/// <summary>Shared field rules of the market: text limits, codes, money ranges, patent numbers.</summary>
public static partial class MarketRules
{
    public const int TitleMaxLength = 100;
    public const int DescriptionMaxLength = 4000;
    public const int ReasonMaxLength = 500;
    public const int NoteMaxLength = 1000;
    public const int MaxCodes = 5;
    public const int MaxPatentNumbers = 20;

    /// <summary>China Standard Time (UTC+8, no daylight saving): the clock all dates of the market are read in.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>The calendar date in China of an instant.</summary>
    public static DateOnly ChinaDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(ChinaOffset).DateTime);

    public static string[] Disciplines(IEnumerable<string>? codes, MarketCodes catalogs) =>
        ContactRules.Codes(codes, "disciplineCodes", "学科代码", catalogs.DisciplineExists, MaxCodes);

    public static string[] Industries(IEnumerable<string>? codes, MarketCodes catalogs) =>
        ContactRules.Codes(codes, "industryCodes", "行业代码", catalogs.IndustryExists, MaxCodes);

    /// <summary>A reason that a step requires (退回、驳回、关闭、取消、争议…).</summary>
    public static string Reason(string? reason, string label = "原因") =>
        Guard.Required(reason, "reason", label, ReasonMaxLength);

    /// <summary>
    /// An optional money range in 元: each bound validated by <see cref="Guard.Yuan"/>, min ≤ max.
    /// </summary>
    public static (decimal? Min, decimal? Max) Range(decimal? min, decimal? max, string minField, string maxField, string label)
    {
        var low = min is { } a ? Guard.Yuan(a, minField, $"{label}下限") : (decimal?)null;
        var high = max is { } b ? Guard.Yuan(b, maxField, $"{label}上限") : (decimal?)null;
        if (low is { } l && high is { } h && l > h)
        {
            throw new DomainValidationException(maxField, $"{label}上限不能低于{label}下限");
        }

        return (low, high);
    }

    /// <summary>
    /// A Chinese patent (application) number: optional “ZL”, 8 or 12 digits, “.”, check character (digit or X),
    /// e.g. ZL202010123456.7. Normalised to upper case with the “ZL” prefix and no spaces.
    /// </summary>
    public static string[] PatentNumbers(IEnumerable<string>? numbers)
    {
        var list = new List<string>();
        foreach (var raw in numbers ?? [])
        {
            var value = (raw ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Trim().ToUpperInvariant();
            if (value.Length == 0)
            {
                continue;
            }

            if (!PatentPattern().IsMatch(value))
            {
                throw new DomainValidationException("patentNumbers", $"专利号“{raw}”格式不正确（例：ZL202010123456.7）");
            }

            var normalised = value.StartsWith("ZL", StringComparison.Ordinal) ? value : "ZL" + value;
            if (!list.Contains(normalised, StringComparer.Ordinal))
            {
                list.Add(normalised);
            }
        }

        if (list.Count > MaxPatentNumbers)
        {
            throw new DomainValidationException("patentNumbers", $"专利号最多{MaxPatentNumbers}个");
        }

        return [.. list];
    }

    internal static T Defined<T>(T value, string field, string label)
        where T : struct, Enum => ContactRules.Enum(value, field, label);

    [GeneratedRegex(@"^(ZL)?(\d{8}|\d{12})\.[0-9X]$")]
    private static partial Regex PatentPattern();
}
