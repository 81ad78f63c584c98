using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Kexie.Data;
using Kexie.Data.Security;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Features.Account;

public enum SignInStatus
{
    Succeeded,
    Invalid,
    Failed,
    LockedOut,
    RateLimited,
}

/// <summary>What a sign-in attempt answers: the user, or a Chinese error, its HTTP status and when to try again.</summary>
public sealed record SignInOutcome(AppUser? User, string? Error, SignInStatus Status, TimeSpan? RetryAfter = null)
{
    public bool LockedOut => Status == SignInStatus.LockedOut;

    public int HttpStatus => Status switch
    {
        SignInStatus.Succeeded => StatusCodes.Status200OK,
        SignInStatus.LockedOut => StatusCodes.Status423Locked,
        SignInStatus.RateLimited => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status401Unauthorized,
    };
}

/// <summary>The per-account sign-in rate limit (in memory, per node), keyed by the normalised account name.</summary>
public sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public LoginThrottle(IOptionsMonitor<SecurityOptions> options)
    {
        limiter = PartitionedRateLimiter.Create<string, string>(name =>
        {
            var limit = options.CurrentValue.RateLimits.LoginPerAccount;
            return limit.PermitLimit <= 0
                ? RateLimitPartition.GetNoLimiter(name)
                : RateLimitPartition.GetFixedWindowLimiter(name, _ => RateLimits.Window(limit));
        });
    }

    /// <summary>Takes one attempt for the account; null when allowed, else how long to wait.</summary>
    public TimeSpan? TryAcquire(string normalizedName)
    {
        using var lease = limiter.AttemptAcquire(normalizedName);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => limiter.Dispose();
}

/// <summary>
/// One sign-in rule for pages and API. In order: a lockout per account name and client address (failures from one
/// address lock that address out of that account only, so a stranger cannot lock the owner out); the per-account
/// rate limit for addresses the account has not signed in from before; then Identity's password hasher, run against
/// a dummy hash for an unknown name so that it costs the same and answers the same as a wrong password. Every attempt
/// is written to the login log (in the request: sign-ins are rare and the lockout reads them back).
/// </summary>
public sealed class SignInService(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    KexieDbContext db,
    LoginThrottle throttle,
    IOptionsMonitor<SecurityOptions> options,
    IHttpContextAccessor accessor,
    TimeProvider clock)
{
    public const string WrongCredentials = "用户名或密码错误";

    private static readonly Lock DummyGate = new();
    private static string? dummyHash;

    /// <summary>
    /// Checks a name and password under the lockout, rate limits and login log, and on success signs the user in with the
    /// cookie (<paramref name="issueCookie"/>) or leaves it to the caller to issue a bearer token.
    /// </summary>
    public async Task<SignInOutcome> SignInAsync(string? userName, string? password, bool issueCookie = true)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return new SignInOutcome(null, "请输入用户名和密码", SignInStatus.Invalid);
        }

        var dummy = DummyHash(users);
        var http = accessor.HttpContext;
        var name = userName.Trim();
        var normalized = users.NormalizeName(name) ?? name.ToUpperInvariant();
        var attempt = new LoginLogEntry
        {
            At = clock.GetUtcNow(),
            UserKey = LoginKeys.Of(normalized),
            Ip = http is null ? null : ClientAddress.Of(http),
            UserAgent = http is null ? null : ClientAddress.UserAgent(http),
        };
        var settings = options.CurrentValue;

        if (await LockedUntilAsync(attempt, settings.Lockout) is { } lockedUntil)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling((lockedUntil - attempt.At).TotalMinutes));
            await LogAsync(attempt, name, LoginOutcome.LockedOut, await FindAsync(name));
            return new SignInOutcome(null, $"登录失败次数过多，已暂时锁定，请{minutes}分钟后再试", SignInStatus.LockedOut, lockedUntil - attempt.At);
        }

        if (!await IsKnownAddressAsync(attempt, settings.RateLimits) && throttle.TryAcquire(normalized) is { } wait)
        {
            await LogAsync(attempt, name, LoginOutcome.RateLimited, await FindAsync(name));
            return new SignInOutcome(null, RateLimits.Message, SignInStatus.RateLimited, wait);
        }

        var user = await FindAsync(name);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), dummy, password);
            await LogAsync(attempt, name, LoginOutcome.UnknownUser, null);
            return new SignInOutcome(null, WrongCredentials, SignInStatus.Failed);
        }

        if (!await users.CheckPasswordAsync(user, password))
        {
            await LogAsync(attempt, name, LoginOutcome.WrongPassword, user);
            return new SignInOutcome(null, WrongCredentials, SignInStatus.Failed);
        }

        // Only who knows the password learns that an administrator has locked the account.
        if (await users.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user))
        {
            await LogAsync(attempt, name, LoginOutcome.AccountDisabled, user);
            return new SignInOutcome(null, "账号已被锁定或停用，请联系管理员", SignInStatus.LockedOut);
        }

        if (issueCookie)
        {
            await signIn.SignInAsync(user, isPersistent: false);
        }

        await LogAsync(attempt, name, LoginOutcome.Succeeded, user);
        return new SignInOutcome(user, null, SignInStatus.Succeeded);
    }

    /// <summary>The account by login name, or else by its (confirmed) mobile number: people sign in with either.</summary>
    private async Task<AppUser?> FindAsync(string name)
    {
        if (await users.FindByNameAsync(name) is { } byName)
        {
            return byName;
        }

        return Kexie.Domain.Identity.MobileNumber.Normalize(name) is { } phone
            ? await users.Users.FirstOrDefaultAsync(u => u.PhoneNumber == phone && u.PhoneNumberConfirmed)
            : null;
    }

    /// <summary>When the address is locked out of the account: the failures since its last success within the window.</summary>
    private async Task<DateTimeOffset?> LockedUntilAsync(LoginLogEntry attempt, SignInLockoutOptions lockout)
    {
        if (lockout.MaxFailures <= 0)
        {
            return null;
        }

        var window = TimeSpan.FromMinutes(Math.Max(1, lockout.Minutes));
        var since = attempt.At - window;
        var recent = db.LoginLog.AsNoTracking().Where(l => l.UserKey == attempt.UserKey && l.Ip == attempt.Ip && l.At > since);
        var lastSuccess = await recent.Where(l => l.Outcome == LoginOutcome.Succeeded).OrderByDescending(l => l.At).Select(l => (DateTimeOffset?)l.At).FirstOrDefaultAsync();
        if (lastSuccess is { } success)
        {
            recent = recent.Where(l => l.At > success);
        }

        var failures = await recent
            .Where(l => l.Outcome == LoginOutcome.WrongPassword || l.Outcome == LoginOutcome.UnknownUser)
            .OrderByDescending(l => l.At)
            .Select(l => l.At)
            .Take(lockout.MaxFailures)
            .ToListAsync();
        return failures.Count >= lockout.MaxFailures ? failures[^1] + window : null;
    }

    private async Task<bool> IsKnownAddressAsync(LoginLogEntry attempt, RateLimitOptions limits)
    {
        if (attempt.Ip is null || limits.KnownAddressDays <= 0)
        {
            return false;
        }

        var since = attempt.At.AddDays(-limits.KnownAddressDays);
        return await db.LoginLog.AsNoTracking().AnyAsync(l => l.UserKey == attempt.UserKey && l.Ip == attempt.Ip && l.Outcome == LoginOutcome.Succeeded && l.At > since);
    }

    private async Task LogAsync(LoginLogEntry attempt, string name, LoginOutcome outcome, AppUser? user)
    {
        attempt.Outcome = outcome;
        attempt.UserName = user?.UserName ?? LoginKeys.Mask(name);
        attempt.UserId = user?.Id;
        attempt.DisplayName = user?.DisplayName;
        attempt.RegionCode = user?.RegionCode;
        db.LoginLog.Add(attempt);
        await db.SaveChangesAsync();
    }

    private static string DummyHash(UserManager<AppUser> users)
    {
        lock (DummyGate)
        {
            return dummyHash ??= users.PasswordHasher.HashPassword(new AppUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        }
    }
}

/// <summary>How a tried account name is keyed and shown in the login log.</summary>
public static class LoginKeys
{
    /// <summary>A hash of the normalised name: counts failures per name without storing names that are not accounts.</summary>
    public static string Of(string normalizedName) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedName)), 0, 16);

    /// <summary>A name that is not an account, masked: its first character and three stars (it may be a mistyped password).</summary>
    public static string Mask(string name)
    {
        var first = name.Length == 0 ? string.Empty : name[..StringInfo.GetNextTextElementLength(name)];
        return first + "***";
    }
}
