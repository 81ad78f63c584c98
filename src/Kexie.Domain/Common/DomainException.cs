namespace Kexie.Domain.Common;

/// <summary>
/// A rule of the domain was broken by the caller's input. <see cref="Field"/> names the input
/// field (camelCase, as the API spells it); <see cref="Exception.Message"/> is Chinese for users.
/// </summary>
public class DomainValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>A state change that the current state does not allow (HTTP 409).</summary>
public class InvalidTransitionException(string message) : Exception(message);

/// <summary>Guards for field values, each throwing <see cref="DomainValidationException"/>.</summary>
public static class Guard
{
    /// <summary>
    /// Whether <paramref name="text"/> holds text a database cannot keep alike: U+0000 (PostgreSQL refuses it, SQLite
    /// stores it) or a UTF-16 surrogate without its pair (no valid UTF-8 for it). The web edge refuses such requests
    /// (<c>StorableText</c>); file imports check every cell with it before reading further.
    /// </summary>
    public static bool IsUnstorable(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return true;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    public static string Required(string? value, string field, string label, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainValidationException(field, $"{label}不能为空");
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainValidationException(field, $"{label}不能超过{maxLength}个字符");
        }

        return trimmed;
    }

    public static string? Optional(string? value, string field, string label, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainValidationException(field, $"{label}不能超过{maxLength}个字符");
        }

        return trimmed;
    }

    /// <summary>Money in 元 with at most two decimals, non-negative, below 100 亿元.</summary>
    public static decimal Yuan(decimal value, string field, string label)
    {
        if (value < 0)
        {
            throw new DomainValidationException(field, $"{label}不能为负数");
        }

        if (value > 10_000_000_000m)
        {
            throw new DomainValidationException(field, $"{label}超出合理范围（不超过100亿元）");
        }

        if (decimal.Round(value, 2) != value)
        {
            throw new DomainValidationException(field, $"{label}最多保留两位小数（单位：元）");
        }

        return value;
    }
}

/// <summary>The record does not exist, or the actor may not know it exists (HTTP 404).</summary>
public class NotFoundException(string message = "记录不存在") : Exception(message);

/// <summary>The actor may see the record but not do this to it (HTTP 403).</summary>
public class AccessDeniedException(string message = "无权执行此操作") : Exception(message);
