using Kexie.Web.Features.Account;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Account;

[AllowAnonymous]
public sealed class LoginModel(SignInService signIn, Microsoft.Extensions.Options.IOptionsMonitor<SecurityOptions> options) : KexiePageModel
{
    /// <summary>The lockout rule in words, from the settings.</summary>
    public string LockoutHint => $"在同一网络连续输错密码{options.CurrentValue.Lockout.MaxFailures}次，该账号在此网络将暂停登录{options.CurrentValue.Lockout.Minutes}分钟。";

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Account.AccountPermissions), nameof(Kexie.Web.Features.Account.AccountPermissions.SignIn))]
    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await signIn.SignInAsync(UserName, Password);
        if (outcome.User is null)
        {
            Error = outcome.Error;
            Password = null;
            if (outcome.RetryAfter is { } retryAfter)
            {
                Response.StatusCode = outcome.HttpStatus;
                RateLimits.SetRetryAfter(Response, retryAfter);
            }

            return Page();
        }

        Notice = $"欢迎，{outcome.User.DisplayName}";
        return LocalRedirect(SafeReturnUrl(Url, ReturnUrl));
    }

    /// <summary>Where to go after signing in or registering: a local page other than the account pages, else the front page.</summary>
    public static string SafeReturnUrl(IUrlHelper url, string? returnUrl) =>
        url.IsLocalUrl(returnUrl) && !returnUrl!.StartsWith("/Account/", StringComparison.OrdinalIgnoreCase) ? returnUrl : "/";
}
