using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kexie.Data.Security;

/// <summary>How a sign-in attempt ended.</summary>
public enum LoginOutcome
{
    Succeeded = 1,

    /// <summary>A known account, wrong password.</summary>
    WrongPassword = 2,

    /// <summary>No such account (answered exactly like a wrong password).</summary>
    UnknownUser = 3,

    /// <summary>Too many failures for this account from this client address.</summary>
    LockedOut = 4,

    /// <summary>The per-account rate limit refused the attempt before the password was checked.</summary>
    RateLimited = 5,

    /// <summary>Right password, but the account is locked or disabled by an administrator.</summary>
    AccountDisabled = 6,
}

public static class LoginOutcomeNames
{
    public static string Chinese(this LoginOutcome outcome) => outcome switch
    {
        LoginOutcome.Succeeded => "登录成功",
        LoginOutcome.WrongPassword => "密码错误",
        LoginOutcome.UnknownUser => "用户名不存在",
        LoginOutcome.LockedOut => "失败次数过多，已暂时锁定",
        LoginOutcome.RateLimited => "请求过于频繁",
        LoginOutcome.AccountDisabled => "账号已被停用或锁定",
        _ => outcome.ToString(),
    };

    /// <summary>Failures that count towards the lockout of an account from one client address.</summary>
    public static bool CountsTowardsLockout(this LoginOutcome outcome) => outcome is LoginOutcome.WrongPassword or LoginOutcome.UnknownUser;
}

/// <summary>
/// One sign-in attempt (登录日志). <see cref="UserName"/> is the account's login name when it exists, otherwise the
/// name tried, masked (it may be a password typed into the wrong field). <see cref="UserKey"/> identifies the name
/// tried (a hash of the normalised name) so that lockouts count failures per name and client address, known or not.
/// </summary>
public sealed class LoginLogEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public string UserName { get; set; } = string.Empty;

    public string UserKey { get; set; } = string.Empty;

    public string? UserId { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>The account's region (null for unknown names): admins see the rows of their subtree.</summary>
    public string? RegionCode { get; set; }

    public LoginOutcome Outcome { get; set; }

    public string? Ip { get; set; }

    public string? UserAgent { get; set; }
}

/// <summary>One state-changing request (操作日志): who, from where, what, how it ended and how long it took.</summary>
public sealed class OperationLogEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public string? UserId { get; set; }

    public string? UserName { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>The acting user's region (null when anonymous): admins see the rows of their subtree.</summary>
    public string? RegionCode { get; set; }

    public string Method { get; set; } = string.Empty;

    /// <summary>Route pattern (<c>/api/v1/needs/{id:guid}/publish</c>) or page and handler (<c>/Market/Needs/Edit?handler=Submit</c>).</summary>
    public string Route { get; set; } = string.Empty;

    /// <summary>Chinese name of the operation where the endpoint has one (its summary, else tag and verb).</summary>
    public string? Operation { get; set; }

    public int StatusCode { get; set; }

    public string? Ip { get; set; }

    public string? UserAgent { get; set; }

    public int DurationMs { get; set; }
}

internal sealed class LoginLogEntryConfiguration : IEntityTypeConfiguration<LoginLogEntry>
{
    public void Configure(EntityTypeBuilder<LoginLogEntry> builder)
    {
        builder.ToTable("LoginLog");
        builder.Property(l => l.UserName).HasMaxLength(256);
        builder.Property(l => l.UserKey).HasMaxLength(64);
        builder.Property(l => l.UserId).HasMaxLength(64);
        builder.Property(l => l.DisplayName).HasMaxLength(50);
        builder.Property(l => l.RegionCode).HasMaxLength(12);
        builder.Property(l => l.Ip).HasMaxLength(64);
        builder.Property(l => l.UserAgent).HasMaxLength(512);
        builder.HasIndex(l => new { l.UserKey, l.Ip, l.At });
        builder.HasIndex(l => l.At);
        builder.HasIndex(l => l.RegionCode);
    }
}

internal sealed class OperationLogEntryConfiguration : IEntityTypeConfiguration<OperationLogEntry>
{
    public void Configure(EntityTypeBuilder<OperationLogEntry> builder)
    {
        builder.ToTable("OperationLog");
        builder.Property(o => o.UserId).HasMaxLength(64);
        builder.Property(o => o.UserName).HasMaxLength(256);
        builder.Property(o => o.DisplayName).HasMaxLength(50);
        builder.Property(o => o.RegionCode).HasMaxLength(12);
        builder.Property(o => o.Method).HasMaxLength(10);
        builder.Property(o => o.Route).HasMaxLength(300);
        builder.Property(o => o.Operation).HasMaxLength(200);
        builder.Property(o => o.Ip).HasMaxLength(64);
        builder.Property(o => o.UserAgent).HasMaxLength(512);
        builder.HasIndex(o => o.At);
        builder.HasIndex(o => o.RegionCode);
        builder.HasIndex(o => o.UserId);
    }
}
