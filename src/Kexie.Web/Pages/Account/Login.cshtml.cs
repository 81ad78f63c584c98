using Kexie.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Account;

[AllowAnonymous]
public sealed class LoginModel(SignInService signIn) : KexiePageModel
{
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

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await signIn.SignInAsync(UserName, Password);
        if (outcome.User is null)
        {
            Error = outcome.Error;
            Password = null;
            return Page();
        }

        Notice = $"欢迎，{outcome.User.DisplayName}";
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && !ReturnUrl!.StartsWith("/Account/", StringComparison.OrdinalIgnoreCase) ? ReturnUrl : "/");
    }
}
