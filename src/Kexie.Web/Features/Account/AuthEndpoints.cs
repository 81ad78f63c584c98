using Kexie.Data;
using Kexie.Domain.Identity;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Kexie.Web.Features.Account;

public sealed record LoginRequest(string? UserName, string? Password);

public sealed record MeDto(string UserName, string DisplayName, UserRole Role, string RoleName, string RegionCode, Guid? ScienceWorkerId, Guid? OrganizationId);

/// <summary>Cookie sign-in for the API (the same cookie the pages use). Lockout after repeated failures.</summary>
public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("登录");
        auth.MapPost("/login", async Task<Results<Ok<MeDto>, ProblemHttpResult>> (LoginRequest body, SignInService signIn) =>
        {
            var outcome = await signIn.SignInAsync(body.UserName, body.Password);
            return outcome.User is { } user
                ? TypedResults.Ok(ToMe(user))
                : TypedResults.Problem(title: "登录失败", detail: outcome.Error, statusCode: outcome.LockedOut ? 423 : 401);
        }).AllowAnonymous().WithSummary("用户名密码登录（设置会话 Cookie）").RequirePermission(AccountPermissions.SignIn);
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

public sealed record SignInOutcome(AppUser? User, string? Error, bool LockedOut);

/// <summary>One sign-in rule for pages and API: lockout on repeated failures, Chinese messages.</summary>
public sealed class SignInService(SignInManager<AppUser> signIn, UserManager<AppUser> users)
{
    public async Task<SignInOutcome> SignInAsync(string? userName, string? password)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return new SignInOutcome(null, "请输入用户名和密码", false);
        }

        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            return new SignInOutcome(null, "用户名或密码错误", false);
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return new SignInOutcome(user, null, false);
        }

        return result.IsLockedOut
            ? new SignInOutcome(null, "登录失败次数过多，账号已锁定15分钟", true)
            : new SignInOutcome(null, "用户名或密码错误", false);
    }
}
