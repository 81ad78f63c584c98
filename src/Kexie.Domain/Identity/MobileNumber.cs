using Kexie.Domain.Common;

namespace Kexie.Domain.Identity;

/// <summary>A mainland China mobile number (中国大陆手机号): 11 digits, 1[3-9]…; "+86", spaces and dashes are dropped.</summary>
public static class MobileNumber
{
    /// <summary>The normalised number, or null when <paramref name="value"/> is not a mainland mobile number.</summary>
    public static string? Normalize(string? value)
    {
        var trimmed = value?.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.StartsWith("+86", StringComparison.Ordinal))
        {
            trimmed = trimmed[3..];
        }
        else if (trimmed.StartsWith("0086", StringComparison.Ordinal))
        {
            trimmed = trimmed[4..];
        }

        return trimmed.Length == 11 && trimmed[0] == '1' && trimmed[1] is >= '3' and <= '9' && trimmed.All(char.IsAsciiDigit) ? trimmed : null;
    }

    public static bool IsValid(string? value) => Normalize(value) is not null;

    public static string Validate(string? value, string field = "phone")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainValidationException(field, "手机号不能为空");
        }

        return Normalize(value) ?? throw new DomainValidationException(field, "手机号格式不正确（应为11位中国大陆手机号）");
    }

    /// <summary>The number as shown to people who may not see it whole: 138****5678.</summary>
    public static string Mask(string phone) => phone.Length == 11 ? $"{phone[..3]}****{phone[7..]}" : "***";
}
