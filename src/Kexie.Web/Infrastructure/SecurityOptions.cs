namespace Kexie.Web.Infrastructure;

/// <summary>
/// <c>Security:*</c> settings for sign-in protection and the security logs. The defaults are production values;
/// <c>appsettings.Testing.json</c> raises the rate limits because the test suites sign in hundreds of times from one host.
/// </summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    public RateLimitOptions RateLimits { get; set; } = new();

    public SignInLockoutOptions Lockout { get; set; } = new();

    public SecurityLogOptions Logs { get; set; } = new();

    /// <summary>
    /// Origins besides the request's own (<c>scheme://host[:port]</c>) from which a signed-in browser may send writes, e.g.
    /// the public <c>https://kexie.example.cn</c> when a proxy in front terminates TLS and forwards plain HTTP.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Reverse proxies whose <c>X-Forwarded-For</c> is believed (besides loopback): IP addresses and CIDR networks.</summary>
    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();
}

/// <summary>At most <see cref="PermitLimit"/> requests per <see cref="WindowSeconds"/> (fixed window); 0 turns the limit off.</summary>
public sealed class WindowLimit
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; } = 60;
}

public sealed class RateLimitOptions
{
    /// <summary>Sign-in attempts (API and page) per client address.</summary>
    public WindowLimit LoginPerIp { get; set; } = new() { PermitLimit = 30, WindowSeconds = 60 };

    /// <summary>Sign-in attempts per account name from addresses the account has not signed in from before (slows distributed guessing).</summary>
    public WindowLimit LoginPerAccount { get; set; } = new() { PermitLimit = 10, WindowSeconds = 300 };

    /// <summary>
    /// An address from which the account signed in successfully within this many days is exempt from the per-account
    /// limit, so a stranger who exhausts it cannot keep the owner out from the owner's usual network. 0: no exemption.
    /// </summary>
    public int KnownAddressDays { get; set; } = 30;

    /// <summary>Requests for text-message codes per client address.</summary>
    public WindowLimit CodesPerIp { get; set; } = new() { PermitLimit = 30, WindowSeconds = 3600 };

    /// <summary>Text-message codes sent to one phone (besides the 60-second resend interval of <c>Sms:ResendSeconds</c>).</summary>
    public WindowLimit CodesPerPhone { get; set; } = new() { PermitLimit = 5, WindowSeconds = 3600 };

    /// <summary>Anonymous POST/PUT/PATCH/DELETE (activity registration, sign-in, …) per client address.</summary>
    public WindowLimit AnonymousWritesPerIp { get; set; } = new() { PermitLimit = 60, WindowSeconds = 60 };
}

public sealed class SignInLockoutOptions
{
    /// <summary>Failed attempts for one account name from one client address that lock that address out of that account.</summary>
    public int MaxFailures { get; set; } = 5;

    /// <summary>The window the failures are counted in, and so how long the lockout lasts.</summary>
    public int Minutes { get; set; } = 15;
}

public sealed class SecurityLogOptions
{
    /// <summary>Days the login and operation logs are kept (等保 asks for at least 180). 0: kept for good.</summary>
    public int RetentionDays { get; set; } = 180;

    /// <summary>Most rows one Excel export holds.</summary>
    public int MaxExportRows { get; set; } = 50_000;
}

public sealed class ForwardedHeadersSettings
{
    public List<string> KnownProxies { get; set; } = [];

    public List<string> KnownNetworks { get; set; } = [];
}
