using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Admin;

public sealed class IndexModel : KexiePageModel
{
    public IActionResult OnGet() => RedirectToPage("/Admin/Users");
}
