using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Web.Features.Notifications;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Features.SignUp;

/// <summary>Codes sent per phone (in memory, per node), besides the resend interval kept in the database.</summary>
public sealed class CodeThrottle(IOptionsMonitor<SecurityOptions> options) : IDisposable
{
    private readonly KeyedThrottle throttle = new(() => options.CurrentValue.RateLimits.CodesPerPhone);

    public TimeSpan? TryAcquire(string phone) => throttle.TryAcquire(phone);

    public void Dispose() => throttle.Dispose();
}

/// <summary>What a code request answers: when another may be asked for and how long this one lasts (seconds).</summary>
public sealed record CodeSent(int ResendAfterSeconds, int ExpiresInSeconds, string Message);

/// <summary>
/// 短信验证码: issues a six-digit code for one purpose to a phone (hashed in the database, sent by the configured
/// <see cref="ITextMessageSender"/>) and checks it. A phone gets at most one code per <c>Sms:ResendSeconds</c> (read from
/// the database, so it holds across nodes) and <c>Security:RateLimits:CodesPerPhone</c>; the endpoint adds a limit per
/// client address.
/// </summary>
public sealed class PhoneCodes(KexieDbContext db, ITextMessageSender sender, CodeThrottle throttle, IOptionsMonitor<SmsOptions> sms, TimeProvider clock)
{
    public const string SentMessage = "验证码已发送，请查收短信";

    public TimeSpan Lifetime => TimeSpan.FromMinutes(Math.Max(1, sms.CurrentValue.CodeMinutes));

    public TimeSpan ResendInterval => TimeSpan.FromSeconds(Math.Max(0, sms.CurrentValue.ResendSeconds));

    /// <summary>
    /// Sends a code. For sign-up a phone that already has an account is refused (the person is told to sign in); for a
    /// password reset a phone without an account is answered the same as one with, and nothing is sent.
    /// </summary>
    public async Task<CodeSent> SendAsync(string? phoneText, CodePurpose purpose, string? regionCode, CancellationToken ct)
    {
        if (!Enum.IsDefined(purpose))
        {
            throw new DomainValidationException("purpose", "验证码用途取值不正确");
        }

        var phone = MobileNumber.Validate(phoneText);
        var now = clock.GetUtcNow();
        var account = await db.Users.AsNoTracking().Where(u => u.PhoneNumber == phone).Select(u => new { u.RegionCode }).FirstOrDefaultAsync(ct);
        if (purpose == CodePurpose.SignUp && account is not null)
        {
            throw new DomainValidationException("phone", "该手机号已注册，请直接登录；忘记密码可通过短信验证码找回");
        }

        var last = await db.OneTimeCodes.AsNoTracking().Where(c => c.Phone == phone).OrderByDescending(c => c.CreatedAt).Select(c => (DateTimeOffset?)c.CreatedAt).FirstOrDefaultAsync(ct);
        if (OneTimeCode.WaitBeforeResend(last, now, ResendInterval) is { } wait)
        {
            throw new TooManyRequestsException(wait, $"验证码发送过于频繁，请{Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))}秒后再试");
        }

        if (throttle.TryAcquire(phone) is { } later)
        {
            throw new TooManyRequestsException(later, "该手机号今日获取验证码次数过多，请稍后再试");
        }

        var (code, plain) = OneTimeCode.Issue(phone, purpose, now, Lifetime);
        db.OneTimeCodes.Add(code);
        await db.SaveChangesAsync(ct);
        if (purpose == CodePurpose.ResetPassword && account is null)
        {
            // Answered like a real send, so the form does not tell which phones have accounts.
            return Sent();
        }

        var minutes = (int)Lifetime.TotalMinutes;
        try
        {
            await sender.SendAsync(
                new TextMessage(phone, $"【科协云】您的{purpose.Chinese()}验证码为{plain}，{minutes}分钟内有效。如非本人操作，请忽略本短信。", account?.RegionCode ?? NullIfEmpty(regionCode), new Dictionary<string, string> { ["code"] = plain, ["minutes"] = minutes.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
                ct);
        }
        catch (TextMessageFailedException)
        {
            // Not delivered: the code is withdrawn, so the person may ask again at once.
            db.OneTimeCodes.Remove(code);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }

        return Sent();
    }

    /// <summary>
    /// Checks the latest code of the phone for the purpose. A wrong code is counted (saved at once); a right one is marked
    /// used on the tracked entity and saved with the caller's next SaveChanges, so a request that fails after the check
    /// leaves the code usable.
    /// </summary>
    public async Task VerifyAsync(string phone, CodePurpose purpose, string? plain, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(plain))
        {
            throw new DomainValidationException("code", "请输入短信验证码");
        }

        var code = await db.OneTimeCodes.Where(c => c.Phone == phone && c.Purpose == purpose).OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct)
            ?? throw new DomainValidationException("code", "请先获取短信验证码");
        var check = code.Check(plain, clock.GetUtcNow());
        if (check != CodeCheck.Accepted)
        {
            if (check is CodeCheck.Wrong or CodeCheck.TooManyAttempts)
            {
                await db.SaveChangesAsync(ct);
            }

            throw new DomainValidationException("code", OneTimeCode.Message(check));
        }
    }

    private CodeSent Sent() => new((int)ResendInterval.TotalSeconds, (int)Lifetime.TotalSeconds, SentMessage);

    private static string? NullIfEmpty(string? region) => string.IsNullOrWhiteSpace(region) ? null : region.Trim();
}
