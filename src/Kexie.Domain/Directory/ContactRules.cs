using Kexie.Domain.Common;

namespace Kexie.Domain.Directory;

/// <summary>Shared field rules of the directory (phones, code lists, years).</summary>
public static class ContactRules
{
    /// <summary>A mainland mobile number (11 digits starting 1[3-9]) or a landline with area code.</summary>
    public static string Phone(string? value, string field, bool required = true)
    {
        var trimmed = value?.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (string.IsNullOrEmpty(trimmed))
        {
            return required ? throw new DomainValidationException(field, "联系电话不能为空") : string.Empty;
        }

        if (trimmed.StartsWith("+86", StringComparison.Ordinal))
        {
            trimmed = trimmed[3..];
        }

        var mobile = trimmed.Length == 11 && trimmed[0] == '1' && trimmed[1] is >= '3' and <= '9' && trimmed.All(char.IsAsciiDigit);
        var landline = trimmed.Length is >= 10 and <= 12 && trimmed[0] == '0' && trimmed.All(char.IsAsciiDigit);
        if (!mobile && !landline)
        {
            throw new DomainValidationException(field, $"联系电话“{value}”格式不正确（应为11位手机号或带区号的固定电话）");
        }

        return trimmed;
    }

    /// <summary>Normalises a list of codes: trimmed, distinct, each checked by <paramref name="isValid"/>.</summary>
    public static string[] Codes(IEnumerable<string>? codes, string field, string label, Func<string, bool> isValid, int max = 10)
    {
        var list = (codes ?? [])
            .SelectMany(c => c.Split([',', '，', ';', '；', ' ', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (list.Length > max)
        {
            throw new DomainValidationException(field, $"{label}最多{max}个");
        }

        foreach (var code in list)
        {
            if (!isValid(code))
            {
                throw new DomainValidationException(field, $"{label}“{code}”不存在或格式不正确");
            }
        }

        return list;
    }

    public static int? BirthYear(int? year, string field)
    {
        if (year is null)
        {
            return null;
        }

        var now = DateTime.UtcNow.Year;
        if (year < now - 110 || year > now - 14)
        {
            throw new DomainValidationException(field, $"出生年份{year}不合理（应在{now - 110}至{now - 14}之间）");
        }

        return year;
    }

    public static TEnum Enum<TEnum>(TEnum value, string field, string label)
        where TEnum : struct, System.Enum =>
        System.Enum.IsDefined(value) ? value : throw new DomainValidationException(field, $"{label}取值不正确");
}
