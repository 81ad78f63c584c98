using System.Security.Claims;
using Kexie.Data;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Features.Account;

/// <summary>Settings section <c>Security:Tokens</c>: lifetimes of the bearer tokens API clients (a mobile app, a mini-program) use.</summary>
public sealed class BearerTokenSettings
{
    /// <summary>Minutes an access token is accepted.</summary>
    public int AccessTokenMinutes { get; set; } = 30;

    /// <summary>Days a refresh token can obtain a new access token.</summary>
    public int RefreshTokenDays { get; set; } = 14;
}

/// <summary>
/// Bearer tokens beside the cookie. A request that carries <c>Authorization: Bearer …</c> is authenticated by the token
/// (and so is exempt from the cookie's same-origin rule); every other request by the cookie. Tokens are ASP.NET Core's
/// protected bearer tokens (the data-protection keys are in the database, so any node accepts them); revocation is the
/// user's security stamp: revoking changes it, after which no access or refresh token issued before is accepted.
/// </summary>
public static class BearerTokens
{
    public const string Scheme = "Kexie";

    /// <summary>Cookie or bearer, chosen by the request's Authorization header.</summary>
    public static string SchemeOf(HttpContext http) => IsBearer(http) ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme;

    public static bool IsBearer(HttpContext http) =>
        http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>Configures the bearer scheme's lifetimes from <see cref="BearerTokenSettings"/>.</summary>
    public static void Configure(BearerTokenOptions bearer, BearerTokenSettings tokens)
    {
        bearer.BearerTokenExpiration = TimeSpan.FromMinutes(Math.Max(1, tokens.AccessTokenMinutes));
        bearer.RefreshTokenExpiration = TimeSpan.FromDays(Math.Max(1, tokens.RefreshTokenDays));
    }

    /// <summary>
    /// The user a refresh token names, when it has not expired and was issued after the user's last revocation; null otherwise.
    /// </summary>
    public static async Task<AppUser?> RedeemAsync(string? refreshToken, IOptionsMonitor<BearerTokenOptions> options, SignInManager<AppUser> signIn, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(refreshToken))
        {
            return null;
        }

        var ticket = options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(refreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires)
        {
            return null;
        }

        return await signIn.ValidateSecurityStampAsync(ticket.Principal);
    }
}

/// <summary>
/// Refuses an access token issued before its user's last revocation (security stamp changed: tokens revoked, password
/// changed, account disabled). The check is cached per user and stamp for a short while, so a revocation takes effect on
/// every node within <see cref="CacheSeconds"/> seconds.
/// </summary>
public sealed class BearerStampMiddleware(RequestDelegate next)
{
    public const int CacheSeconds = 15;

    public async Task InvokeAsync(HttpContext http, SignInManager<AppUser> signIn, IMemoryCache cache)
    {
        if (BearerTokens.IsBearer(http) && http.User.Identity?.IsAuthenticated == true)
        {
            var key = Key(http.User.FindFirstValue(ClaimTypes.NameIdentifier), http.User.FindFirstValue(signIn.Options.ClaimsIdentity.SecurityStampClaimType));
            if (!cache.TryGetValue(key, out bool valid))
            {
                valid = await signIn.ValidateSecurityStampAsync(http.User) is not null;
                cache.Set(key, valid, TimeSpan.FromSeconds(CacheSeconds));
            }

            if (!valid)
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await Results.Problem(title: "请先登录", detail: "登录凭据已失效（已注销、修改密码或账号被停用），请重新登录", statusCode: 401).ExecuteAsync(http);
                return;
            }
        }

        await next(http);
    }

    /// <summary>Forgets this node's cached answer for a user's stamp (called when the stamp is changed here).</summary>
    public static void Forget(IMemoryCache cache, string? userId, string? stamp) => cache.Remove(Key(userId, stamp));

    private static string Key(string? userId, string? stamp) => $"kexie:stamp:{userId}:{stamp}";
}
