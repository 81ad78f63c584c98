using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Infrastructure;

/// <summary>
/// The client's address: the connection's, or the <c>X-Forwarded-For</c> of a trusted reverse proxy (loopback, and
/// those in <c>Security:ForwardedHeaders</c>) as applied by the forwarded-headers middleware. The header of any other
/// peer is ignored, so a client cannot choose its own address. Null where the server has none (in-process test
/// server, a Unix socket without a proxy header): those clients share one rate-limit partition.
/// </summary>
public static class ClientAddress
{
    public static string? Of(HttpContext http)
    {
        var ip = http.Connection.RemoteIpAddress;
        if (ip is null)
        {
            return null;
        }

        return (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString();
    }

    /// <summary>The rate-limit partition of a client: its IPv4 address, or its IPv6 /64 (one subscriber's network).</summary>
    public static string PartitionKey(HttpContext http)
    {
        var ip = http.Connection.RemoteIpAddress;
        if (ip is null)
        {
            return "unknown";
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = ip.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return ip.ToString();
    }

    public static string? UserAgent(HttpContext http)
    {
        var agent = http.Request.Headers.UserAgent.ToString();
        return agent.Length == 0 ? null : agent.Length > 512 ? agent[..512] : agent;
    }
}

/// <summary>
/// ASP.NET Core rate limiting: every anonymous write per client address (global limiter), sign-in per client address
/// (the <see cref="LoginPolicy"/> on the API endpoint and the login page). Rejections answer 429 with Retry-After,
/// as problem details under /api and as the Chinese status page elsewhere. Limits in <c>Security:RateLimits</c>.
/// The per-account sign-in limit needs the account name from the body and lives in <c>LoginThrottle</c>.
/// Counters are per node (in memory).
/// </summary>
public static class RateLimits
{
    public const string LoginPolicy = "login";

    /// <summary>Requests for text-message codes (sign-up, password reset, invitations) per client address.</summary>
    public const string CodePolicy = "codes";
    public const string Title = "请求过于频繁";
    public const string Message = "请求过于频繁，请稍后再试";

    public static IServiceCollection AddKexieRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SecurityOptions>(configuration.GetSection(SecurityOptions.Section));
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            var settings = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>()?.ForwardedHeaders ?? new ForwardedHeadersSettings();
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in settings.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in settings.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(AnonymousWrites);
            o.AddPolicy(LoginPolicy, LoginPerIp);
            o.AddPolicy(CodePolicy, http => IsRead(http.Request.Method) || http.Features.Get<IStatusCodeReExecuteFeature>() is not null
                ? RateLimitPartition.GetNoLimiter("-")
                : Partition(http, "codes:", Options(http).CodesPerIp));
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>Writes the 429 answer (also used by the per-account sign-in limit).</summary>
    public static void SetRetryAfter(HttpResponse response, TimeSpan retryAfter) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static RateLimitPartition<string> AnonymousWrites(HttpContext http)
    {
        if (IsRead(http.Request.Method) || http.User.Identity?.IsAuthenticated == true || http.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            return RateLimitPartition.GetNoLimiter("-");
        }

        return Partition(http, "write:", Options(http).AnonymousWritesPerIp);
    }

    private static RateLimitPartition<string> LoginPerIp(HttpContext http) =>
        IsRead(http.Request.Method) || http.Features.Get<IStatusCodeReExecuteFeature>() is not null
            ? RateLimitPartition.GetNoLimiter("-")
            : Partition(http, "login:", Options(http).LoginPerIp);

    private static RateLimitPartition<string> Partition(HttpContext http, string prefix, WindowLimit limit)
    {
        if (limit.PermitLimit <= 0)
        {
            return RateLimitPartition.GetNoLimiter("-");
        }

        return RateLimitPartition.GetFixedWindowLimiter(prefix + ClientAddress.PartitionKey(http), _ => Window(limit));
    }

    public static FixedWindowRateLimiterOptions Window(WindowLimit limit) => new()
    {
        PermitLimit = limit.PermitLimit,
        Window = TimeSpan.FromSeconds(Math.Max(1, limit.WindowSeconds)),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static RateLimitOptions Options(HttpContext http) => http.RequestServices.GetRequiredService<IOptionsMonitor<SecurityOptions>>().CurrentValue.RateLimits;

    private static bool IsRead(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        SetRetryAfter(http.Response, context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(60));
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await WriteProblemAsync(http);
        }

        // Pages: no body, so the status-code page (/Status/429) explains it in Chinese.
    }

    public static ValueTask WriteProblemAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = Title, Detail = Message },
        });
    }
}

/// <summary>A limit a service checks itself (the key is in the body, e.g. a phone): 429 with Retry-After.</summary>
public sealed class TooManyRequestsException(TimeSpan retryAfter, string message = RateLimits.Message) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>A per-key fixed-window limit in memory (per node), e.g. text-message codes per phone.</summary>
public sealed class KeyedThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public KeyedThrottle(Func<WindowLimit> limit)
    {
        limiter = PartitionedRateLimiter.Create<string, string>(key =>
        {
            var current = limit();
            return current.PermitLimit <= 0 ? RateLimitPartition.GetNoLimiter(key) : RateLimitPartition.GetFixedWindowLimiter(key, _ => RateLimits.Window(current));
        });
    }

    /// <summary>Takes one permit for <paramref name="key"/>; null when allowed, else how long to wait.</summary>
    public TimeSpan? TryAcquire(string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => limiter.Dispose();
}
