using System.Globalization;
using System.Text.RegularExpressions;
using Kexie.Domain.Common;

namespace Kexie.Domain.Talent;

/// <summary>What a question's own validation rule (校验规则) checks: a text answer's format, or how many options a multiple choice takes.</summary>
public enum SurveyRuleKind
{
    /// <summary>无.</summary>
    None = 0,

    /// <summary>数字: within Min..Max (either may be open), an integer or up to <see cref="SurveyRule.Decimals"/> decimal places.</summary>
    Number = 1,

    /// <summary>手机号码: a mainland mobile number, 11 digits 1[3-9]….</summary>
    Phone = 2,

    /// <summary>电子邮箱.</summary>
    Email = 3,

    /// <summary>身份证号: 18 characters, a real birth date and the GB 11643 check digit.</summary>
    IdCard = 4,

    /// <summary>年份: four digits within Min..Max (default 1900 to this year).</summary>
    Year = 5,

    /// <summary>自定义长度: Min..Max characters.</summary>
    Length = 6,

    /// <summary>多选题至少选 Min、至多选 Max 项.</summary>
    Choices = 7,
}

/// <summary>A question's rule as the builder and the API give it (a kind and, for some kinds, bounds and decimal places).</summary>
public sealed record SurveyRuleData(SurveyRuleKind? Kind, decimal? Min = null, decimal? Max = null, int? Decimals = null);

/// <summary>
/// A question's validation rule (the survey owns it, with the question): checked on every answer given to the question (an unanswered
/// optional question is not checked; a required one is refused as missing first). Fixed with the questions once the survey is sent
/// out, so a response judged valid stays valid.
/// </summary>
public sealed partial record SurveyRule(SurveyRuleKind Kind, decimal? Min, decimal? Max, int Decimals)
{
    public const int MaxDecimals = 6;

    public const int FirstYear = 1900;

    private const decimal NumberLimit = 1_000_000_000_000m;

    /// <summary>The rule <paramref name="d"/> asks for on question <paramref name="number"/> of kind <paramref name="kind"/>; null: none.</summary>
    public static SurveyRule? From(SurveyRuleData? d, SurveyQuestionKind kind, int optionCount, int number)
    {
        if (d?.Kind is not { } k || k == SurveyRuleKind.None)
        {
            return null;
        }

        var field = $"questions[{number - 1}].rule";
        if (!Enum.IsDefined(k))
        {
            throw new DomainValidationException(field + ".kind", $"第{number}题的校验规则不正确");
        }

        if (k == SurveyRuleKind.Choices ? kind != SurveyQuestionKind.Multiple : kind != SurveyQuestionKind.Text)
        {
            throw new DomainValidationException(field + ".kind", $"第{number}题：“{k.Chinese()}”只能用于{(k == SurveyRuleKind.Choices ? "多选题" : "填空题")}");
        }

        var (min, max) = (d.Min, d.Max);
        if (min is { } lo && max is { } hi && lo > hi)
        {
            throw new DomainValidationException(field + ".min", $"第{number}题的校验规则：最小值不能大于最大值");
        }

        void Whole(decimal? value, string part, string name, decimal from, decimal to)
        {
            if (value is { } v && (v != decimal.Truncate(v) || v < from || v > to))
            {
                throw new DomainValidationException(field + "." + part, $"第{number}题的校验规则：{name}应为{Plain(from)}到{Plain(to)}之间的整数");
            }
        }

        switch (k)
        {
            case SurveyRuleKind.Number:
                var decimals = d.Decimals ?? 0;
                if (decimals is < 0 or > MaxDecimals)
                {
                    throw new DomainValidationException(field + ".decimals", $"第{number}题的校验规则：小数位数应为0到{MaxDecimals}");
                }

                foreach (var (value, part) in new[] { (min, "min"), (max, "max") })
                {
                    if (value is { } v && (Math.Abs(v) >= NumberLimit || Math.Round(v, decimals) != v))
                    {
                        throw new DomainValidationException(field + "." + part, $"第{number}题的校验规则：{(part == "min" ? "最小值" : "最大值")}应为不超过{decimals}位小数的数");
                    }
                }

                return new SurveyRule(k, min, max, decimals);
            case SurveyRuleKind.Year:
                Whole(min, "min", "最早年份", FirstYear, 2100);
                Whole(max, "max", "最晚年份", FirstYear, 2100);
                return new SurveyRule(k, min, max, 0);
            case SurveyRuleKind.Length:
                if (min is null && max is null)
                {
                    throw new DomainValidationException(field + ".min", $"第{number}题的校验规则：请填写最少或最多字数");
                }

                Whole(min, "min", "最少字数", 1, 2000);
                Whole(max, "max", "最多字数", 1, 2000);
                return new SurveyRule(k, min, max, 0);
            case SurveyRuleKind.Choices:
                if (min is null && max is null)
                {
                    throw new DomainValidationException(field + ".min", $"第{number}题的校验规则：请填写至少选或至多选几项");
                }

                Whole(min, "min", "至少选", 1, optionCount);
                Whole(max, "max", "至多选", 1, optionCount);
                return new SurveyRule(k, min, max, 0);
            default:
                // 手机号码, 电子邮箱, 身份证号: a format, nothing to bound.
                return new SurveyRule(k, null, null, 0);
        }
    }

    public SurveyRuleData ToData() => new(Kind, Min, Max, Kind == SurveyRuleKind.Number ? Decimals : null);

    /// <summary>What the answer must be, as the error and the page's hint word it: "18–80之间的整数", "11位手机号码", "至多选3项".</summary>
    public string Describe(int thisYear)
    {
        switch (Kind)
        {
            case SurveyRuleKind.Number:
                var what = Decimals == 0 ? "整数" : $"数（最多{Decimals}位小数）";
                return (Min, Max) switch
                {
                    ({ } lo, { } hi) => $"{Plain(lo)}–{Plain(hi)}之间的{what}",
                    ({ } lo, null) => $"不小于{Plain(lo)}的{what}",
                    (null, { } hi) => $"不大于{Plain(hi)}的{what}",
                    _ => Decimals == 0 ? "整数" : $"数字（最多{Decimals}位小数）",
                };
            case SurveyRuleKind.Phone:
                return "11位手机号码";
            case SurveyRuleKind.Email:
                return "有效的电子邮箱";
            case SurveyRuleKind.IdCard:
                return "18位居民身份证号码";
            case SurveyRuleKind.Year:
                var (from, to) = YearRange(thisYear);
                return $"{from}–{to}之间的年份";
            case SurveyRuleKind.Length:
                return (Min, Max) switch
                {
                    ({ } lo, { } hi) when lo == hi => $"{Plain(lo)}个字",
                    ({ } lo, { } hi) => $"{Plain(lo)}–{Plain(hi)}个字",
                    ({ } lo, null) => $"至少{Plain(lo)}个字",
                    (null, { } hi) => $"不超过{Plain(hi)}个字",
                    _ => string.Empty,
                };
            case SurveyRuleKind.Choices:
                return (Min, Max) switch
                {
                    ({ } lo, { } hi) when lo == hi => $"选{Plain(lo)}项",
                    ({ } lo, { } hi) => $"选{Plain(lo)}–{Plain(hi)}项",
                    ({ } lo, null) => $"至少选{Plain(lo)}项",
                    (null, { } hi) => $"至多选{Plain(hi)}项",
                    _ => string.Empty,
                };
            default:
                return string.Empty;
        }
    }

    /// <summary>
    /// Checks the answer to question <paramref name="number"/> (<paramref name="values"/>: the chosen options or the one text, trimmed,
    /// not empty) and returns it as stored (an ID number's x as X); a wrong one is refused naming the question:
    /// "第3题「年龄」须为18–80之间的整数".
    /// </summary>
    public string[] Check(string[] values, int number, string text, int thisYear)
    {
        if (values.Length == 0)
        {
            return values;
        }

        var ok = Kind switch
        {
            SurveyRuleKind.Choices => (Min is not { } lo || values.Length >= lo) && (Max is not { } hi || values.Length <= hi),
            SurveyRuleKind.Length => (Min is not { } lo || Length(values[0]) >= lo) && (Max is not { } hi || Length(values[0]) <= hi),
            SurveyRuleKind.Number => IsNumber(values[0]),
            SurveyRuleKind.Phone => PhonePattern().IsMatch(values[0]),
            SurveyRuleKind.Email => values[0].Length <= 254 && EmailPattern().IsMatch(values[0]),
            SurveyRuleKind.IdCard => IsIdCard(values[0]),
            SurveyRuleKind.Year => IsYear(values[0], thisYear),
            _ => true,
        };
        if (!ok)
        {
            var must = Kind == SurveyRuleKind.IdCard && values[0].Length == 18 && IdCardShape().IsMatch(values[0]) ? "须为有效的身份证号码（出生日期或末位校验码不正确）"
                : (Kind == SurveyRuleKind.Choices || (Kind == SurveyRuleKind.Length && (Min is null || Max is null)) ? "须" : "须为") + Describe(thisYear);
            throw new DomainValidationException($"q{number}", $"第{number}题「{text}」{must}");
        }

        return Kind == SurveyRuleKind.IdCard ? [values[0].ToUpperInvariant()] : values;
    }

    /// <summary>Whether an 18-character 居民身份证号码 has a real birth date and its GB 11643 (ISO 7064 MOD 11-2) check digit.</summary>
    public static bool IsIdCard(string value)
    {
        if (value.Length != 18 || !IdCardShape().IsMatch(value))
        {
            return false;
        }

        if (!DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth) || birth.Year < 1900)
        {
            return false;
        }

        return char.ToUpperInvariant(value[17]) == CheckDigit(value.AsSpan(0, 17));
    }

    /// <summary>The GB 11643 check character of the first 17 digits: Σ digit × (2^(17−i) mod 11), "10X98765432"[Σ mod 11].</summary>
    public static char CheckDigit(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return "10X98765432"[sum % 11];
    }

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private (int From, int To) YearRange(int thisYear) => ((int)(Min ?? FirstYear), (int)(Max ?? thisYear));

    private bool IsYear(string value, int thisYear)
    {
        var (from, to) = YearRange(thisYear);
        return value.Length == 4 && value.All(char.IsAsciiDigit) && int.Parse(value, CultureInfo.InvariantCulture) is var y && y >= from && y <= to;
    }

    private bool IsNumber(string value)
    {
        var m = NumberPattern().Match(value);
        if (!m.Success || m.Groups[2].Length > Decimals || value.Length > 30
            || !decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }

        return (Min is not { } lo || n >= lo) && (Max is not { } hi || n <= hi);
    }

    private static int Length(string value) => new StringInfo(value).LengthInTextElements;

    private static string Plain(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^1[3-9][0-9]{9}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[0-9]{17}[0-9Xx]$")]
    private static partial Regex IdCardShape();

    [GeneratedRegex(@"^-?([0-9]+)(?:\.([0-9]+))?$")]
    private static partial Regex NumberPattern();
}
