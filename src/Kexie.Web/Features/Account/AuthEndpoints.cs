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
        auth.MapPost("/login", async Task<Results<Ok<MeDto>, ProblemHttpResult>> (LoginRequest body, SignInService signIn, HttpContext http) =>
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
        }).AllowAnonymous().RequireRateLimiting(RateLimits.LoginPolicy).WithSummary("用户名密码登录（设置会话 Cookie）")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status423Locked).ProducesProblem(StatusCodes.Status429TooManyRequests).RequirePermission(AccountPermissions.SignIn);
        auth.MapPost("/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.NoContent();
        }).RequirePermission(AccountPermissions.SignIn);
        auth.MapGet("/me", async Task<Results<Ok<MeDto>, UnauthorizedHttpResult>> (HttpContext http, UserManager<AppUser> users) =>
        {
            var user = await users.GetUserAsync(http.User);
            return user is null ? TypedResults.Unauthorized() : TypedResults.Ok(ToMe(user));
        }).RequireAuthorization();
        return api;
    }

    private static MeDto ToMe(AppUser u) => new(u.UserName!, u.DisplayName, u.Role, u.Role.Chinese(), u.RegionCode, u.ScienceWorkerId, u.OrganizationId);
}
