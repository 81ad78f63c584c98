using System.Security.Cryptography;
using System.Text;
using Kexie.Domain.Common;

namespace Kexie.Domain.Identity;

/// <summary>What a one-time code may be used for; a code of one purpose never serves another.</summary>
public enum CodePurpose
{
    /// <summary>注册.</summary>
    SignUp = 1,

    /// <summary>找回密码.</summary>
    ResetPassword = 2,
}

public static class CodePurposeNames
{
    public static string Chinese(this CodePurpose purpose) => purpose switch
    {
        CodePurpose.SignUp => "注册",
        CodePurpose.ResetPassword => "找回密码",
        _ => "验证",
    };
}

/// <summary>How a code check ended.</summary>
public enum CodeCheck
{
    Accepted,
    Wrong,
    Expired,
    Used,
    TooManyAttempts,
}

/// <summary>
/// 短信验证码: six digits sent to a phone for one purpose. Only a hash is stored (SHA-256 of the row's id and the code, so
/// equal codes hash differently); it expires, it is used once, and five wrong tries end it. Not an audited
/// <see cref="Entity"/>: the audit trail is readable by admins and a hash of six digits is easily reversed.
/// </summary>
public sealed class OneTimeCode
{
    public const int Digits = 6;
    public const int MaxAttempts = 5;
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DefaultResendInterval = TimeSpan.FromSeconds(60);

    private OneTimeCode()
    {
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string Phone { get; private set; } = string.Empty;

    public CodePurpose Purpose { get; private set; }

    public string CodeHash { get; private set; } = string.Empty;

    public DateTimeOffset ExpiresAt { get; private set; }

    public int FailedAttempts { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    /// <summary>A new code for <paramref name="phone"/>; returns the entity and the plain code (sent, never stored).</summary>
    public static (OneTimeCode Code, string Plain) Issue(string phone, CodePurpose purpose, DateTimeOffset now, TimeSpan lifetime)
    {
        if (!Enum.IsDefined(purpose))
        {
            throw new DomainValidationException("purpose", "验证码用途取值不正确");
        }

        var plain = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var code = new OneTimeCode
        {
            Phone = MobileNumber.Validate(phone),
            Purpose = purpose,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = now + (lifetime <= TimeSpan.Zero ? DefaultLifetime : lifetime),
        };
        code.CodeHash = code.Hash(plain);
        return (code, plain);
    }

    /// <summary>Checks <paramref name="plain"/>; a right code is used up, a wrong one counts towards <see cref="MaxAttempts"/>.</summary>
    public CodeCheck Check(string? plain, DateTimeOffset now)
    {
        if (UsedAt is not null)
        {
            return CodeCheck.Used;
        }

        if (FailedAttempts >= MaxAttempts)
        {
            return CodeCheck.TooManyAttempts;
        }

        if (now >= ExpiresAt)
        {
            return CodeCheck.Expired;
        }

        var given = (plain ?? string.Empty).Trim();
        if (given.Length != Digits || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(given)), Encoding.ASCII.GetBytes(CodeHash)))
        {
            FailedAttempts++;
            UpdatedAt = now;
            return FailedAttempts >= MaxAttempts ? CodeCheck.TooManyAttempts : CodeCheck.Wrong;
        }

        UsedAt = now;
        UpdatedAt = now;
        return CodeCheck.Accepted;
    }

    /// <summary>Whether a new code may be sent to a phone whose last code was issued at <paramref name="lastIssued"/>; else how long to wait.</summary>
    public static TimeSpan? WaitBeforeResend(DateTimeOffset? lastIssued, DateTimeOffset now, TimeSpan interval)
    {
        if (lastIssued is not { } last)
        {
            return null;
        }

        var wait = last + interval - now;
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>The Chinese answer to a failed check, naming the field <c>code</c>.</summary>
    public static string Message(CodeCheck check) => check switch
    {
        CodeCheck.Wrong => "验证码不正确",
        CodeCheck.Expired => "验证码已过期，请重新获取",
        CodeCheck.Used => "验证码已使用，请重新获取",
        CodeCheck.TooManyAttempts => "验证码错误次数过多，请重新获取",
        _ => string.Empty,
    };

    private string Hash(string plain) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{Id:N}:{plain}")));
}
