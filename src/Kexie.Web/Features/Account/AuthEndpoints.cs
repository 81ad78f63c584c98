using Kexie.Data;
using Kexie.Domain.Identity;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Kexie.Web.Features.Account;

public sealed record LoginRequest(string? UserName, string? Password);

public sealed record MeDto(string UserName, string DisplayName, UserRole Role, string RoleName, string RegionCode, Guid? ScienceWorkerId, Guid? OrganizationId);

/// <summary>Cookie sign-in for the API (the same cookie the pages use); the rules are <see cref="SignInService"/>'s.</summary>
public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("登录");
        auth.MapPost("/login", Login).AllowAnonymous().RequireRateLimiting(RateLimits.LoginPolicy).WithSummary("用户名密码登录（设置会话 Cookie）")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status423Locked).ProducesProblem(StatusCodes.Status429TooManyRequests).RequirePermission(AccountPermissions.SignIn);
        auth.MapPost("/logout", Logout).RequirePermission(AccountPermissions.SignIn);
        auth.MapPost("/token", IssueToken).AllowAnonymous().RequireRateLimiting(RateLimits.LoginPolicy)
            .WithSummary("用户名密码换取访问令牌（Bearer，供移动端、小程序等 API 客户端使用；与 Cookie 登录同样限流、锁定和记录登录日志）")
            .Produces<Microsoft.AspNetCore.Authentication.BearerToken.AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status423Locked).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequirePermission(AccountPermissions.SignIn);
        auth.MapPost("/token/refresh", RefreshToken).AllowAnonymous().RequireRateLimiting(RateLimits.LoginPolicy)
            .WithSummary("用刷新令牌换取新的访问令牌（注销后失效）")
            .Produces<Microsoft.AspNetCore.Authentication.BearerToken.AccessTokenResponse>().ProducesProblem(StatusCodes.Status401Unauthorized)
            .RequirePermission(AccountPermissions.SignIn);
        auth.MapPost("/token/revoke", RevokeTokens)
            .WithSummary("注销本人已签发的全部令牌（访问令牌和刷新令牌立即失效，其他设备上的登录也将失效）")
            .RequirePermission(AccountPermissions.RevokeOwnTokens);
        auth.MapGet("/me", Me).RequireAuthorization();
        return api;
    }

    /// <summary>Cookie sign-in: the caller's account, or a problem saying why not (locked out, rate limited, wrong password).</summary>
    public static async Task<Results<Ok<MeDto>, ProblemHttpResult>> Login(LoginRequest body, SignInService signIn, HttpContext http)
    {
        var outcome = await signIn.SignInAsync(body.UserName, body.Password);
        if (outcome.User is { } user)
        {
            return TypedResults.Ok(ToMe(user));
        }

        if (outcome.RetryAfter is { } retryAfter)
        {
            RateLimits.SetRetryAfter(http.Response, retryAfter);
        }

        return TypedResults.Problem(title: outcome.Status == SignInStatus.RateLimited ? RateLimits.Title : "登录失败", detail: outcome.Error, statusCode: outcome.HttpStatus);
    }

    public static async Task<NoContent> Logout(SignInManager<AppUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<MeDto>, UnauthorizedHttpResult>> Me(HttpContext http, UserManager<AppUser> users)
    {
        var user = await users.GetUserAsync(http.User);
        return user is null ? TypedResults.Unauthorized() : TypedResults.Ok(ToMe(user));
    }

    /// <summary>Same checks as the cookie sign-in; on success the bearer handler writes the access and refresh tokens.</summary>
    public static async Task<IResult> IssueToken(LoginRequest body, SignInService signIn, SignInManager<AppUser> manager, HttpContext http)
    {
        var outcome = await signIn.SignInAsync(body.UserName, body.Password, issueCookie: false);
        if (outcome.User is { } user)
        {
            return TypedResults.SignIn(await manager.CreateUserPrincipalAsync(user), authenticationScheme: IdentityConstants.BearerScheme);
        }

        if (outcome.RetryAfter is { } retryAfter)
        {
            RateLimits.SetRetryAfter(http.Response, retryAfter);
        }

        return TypedResults.Problem(title: outcome.Status == SignInStatus.RateLimited ? RateLimits.Title : "登录失败", detail: outcome.Error, statusCode: outcome.HttpStatus);
    }

    public sealed record RefreshRequest(string? RefreshToken);

    /// <summary>A new pair of tokens for a refresh token that has not expired and was issued after the last revocation.</summary>
    public static async Task<IResult> RefreshToken(
        RefreshRequest body,
        SignInManager<AppUser> manager,
        Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions> options,
        TimeProvider clock)
    {
        var user = await BearerTokens.RedeemAsync(body.RefreshToken, options, manager, clock);
        return user is null || !await manager.CanSignInAsync(user) || await manager.UserManager.IsLockedOutAsync(user)
            ? TypedResults.Problem(title: "请先登录", detail: "刷新令牌无效、已过期或已注销，请重新登录", statusCode: StatusCodes.Status401Unauthorized)
            : TypedResults.SignIn(await manager.CreateUserPrincipalAsync(user), authenticationScheme: IdentityConstants.BearerScheme);
    }

    /// <summary>Changes the caller's security stamp: every token issued before is refused from then on.</summary>
    public static async Task<Results<NoContent, UnauthorizedHttpResult>> RevokeTokens(HttpContext http, UserManager<AppUser> users, Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        BearerStampMiddleware.Forget(cache, user.Id, await users.GetSecurityStampAsync(user));
        await users.UpdateSecurityStampAsync(user);
        return TypedResults.NoContent();
    }

    private static MeDto ToMe(AppUser u) => new(u.UserName!, u.DisplayName, u.Role, u.Role.Chinese(), u.RegionCode, u.ScienceWorkerId, u.OrganizationId);
}
