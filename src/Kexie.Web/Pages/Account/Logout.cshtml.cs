using Kexie.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Account;

[AllowAnonymous]
public sealed class LogoutModel(SignInManager<AppUser> signIn) : KexiePageModel
{
    public void OnGet()
    {
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Account.AccountPermissions), nameof(Kexie.Web.Features.Account.AccountPermissions.SignIn))]
    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        Notice = "已退出登录";
        return LocalRedirect("/");
    }
}
