using Kexie.Domain.Common;

namespace Kexie.Domain.Directory;

/// <summary>
/// 统一社会信用代码 per GB 32100-2015: 18 characters from a 31-character alphabet
/// (digits and capitals without I, O, Z, S, V); characters 3–8 are the registering
/// authority's administrative division code; the 18th is a check character computed
/// from the first 17 with weights 3^(i) mod 31.
/// </summary>
public static class UnifiedSocialCreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Returns null when valid, otherwise the Chinese reason.</summary>
    public static string? Problem(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return "统一社会信用代码不能为空";
        }

        var value = code.Trim().ToUpperInvariant();
        if (value.Length != 18)
        {
            return $"统一社会信用代码应为18位，实际为{value.Length}位";
        }

        foreach (var c in value)
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return $"统一社会信用代码含有非法字符“{c}”（不使用I、O、Z、S、V）";
            }
        }

        if (!value.Substring(2, 6).All(char.IsAsciiDigit))
        {
            return "统一社会信用代码第3至8位应为行政区划代码（数字）";
        }

        var expected = CheckCharacter(value.AsSpan(0, 17));
        return value[17] == expected
            ? null
            : $"统一社会信用代码校验位错误（第18位应为“{expected}”）";
    }

    public static bool IsValid(string? code) => Problem(code) is null;

    public static string Validate(string? code, string field)
    {
        var problem = Problem(code);
        return problem is null ? code!.Trim().ToUpperInvariant() : throw new DomainValidationException(field, problem);
    }

    /// <summary>The check character for the first 17 characters.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("需要17位", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(char.ToUpperInvariant(first17[i]), StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"非法字符“{first17[i]}”", nameof(first17));
            }

            sum += value * Weights[i];
        }

        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }

    /// <summary>The 6-digit administrative division code embedded in the code.</summary>
    public static string DivisionCode(string code) => code.Substring(2, 6);
}
