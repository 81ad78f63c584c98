using System.Globalization;

namespace Kexie.Domain.Common;

/// <summary>
/// Amounts of money as people type them in China: "50000", "50,000", "5万", "5万元", "1.2亿", "3000元", "￥3,000",
/// full-width digits ("５万"). The result is in 元; the domain's <see cref="Guard.Yuan"/> then checks range and 分.
/// One parser for every amount field of the market (budgets, asking prices, contract amounts), used by the API when a
/// string is sent and by the pages.
/// </summary>
public static class YuanAmount
{
    /// <summary>
    /// Parses <paramref name="text"/>; null or blank gives null (the field was left empty). A text that is not an amount
    /// throws <see cref="DomainValidationException"/> naming <paramref name="field"/> and <paramref name="label"/>.
    /// </summary>
    public static decimal? Parse(string? text, string field, string label) =>
        TryParse(text, out var value) ? value
        : string.IsNullOrWhiteSpace(text) ? null
        : throw new DomainValidationException(field, $"{label}“{Shorten(text.Trim())}”不是有效的金额，请填写数字，如 50000、5万 或 1.2亿（单位：元）");

    /// <summary>True with the amount in 元 when <paramref name="text"/> is an amount; false for blank or bad text.</summary>
    public static bool TryParse(string? text, out decimal yuan)
    {
        yuan = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim().Normalize(System.Text.NormalizationForm.FormKC); // full-width digits, commas and signs → ASCII
        s = s.Replace(" ", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal)
            .Replace("、", string.Empty, StringComparison.Ordinal);
        if (s.StartsWith('¥') || s.StartsWith('￥'))
        {
            s = s[1..];
        }

        if (s.EndsWith("人民币", StringComparison.Ordinal))
        {
            s = s[..^3];
        }

        if (s.EndsWith('元') || s.EndsWith('圆'))
        {
            s = s[..^1];
        }

        decimal factor = 1m;
        if (s.EndsWith("万亿", StringComparison.Ordinal))
        {
            return false; // far beyond any market amount; refuse rather than overflow
        }

        if (s.EndsWith('亿'))
        {
            factor = 100_000_000m;
            s = s[..^1];
        }
        else if (s.EndsWith('万'))
        {
            factor = 10_000m;
            s = s[..^1];
        }
        else if (s.EndsWith('千') || s.EndsWith('k') || s.EndsWith('K'))
        {
            factor = 1_000m;
            s = s[..^1];
        }

        if (s.Length is 0 or > 20 || !decimal.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        yuan = number * factor;
        return true;
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
