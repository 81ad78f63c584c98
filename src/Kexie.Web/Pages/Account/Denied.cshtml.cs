using Microsoft.AspNetCore.Authorization;

namespace Kexie.Web.Pages.Account;

[AllowAnonymous]
public sealed class DeniedModel : KexiePageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
