using Kexie.Web.Features.Admin;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Admin;

/// <summary>系统管理: the first tab the reader may open (账号管理 for admins, 操作日志 for an auditor).</summary>
public sealed class IndexModel : KexiePageModel
{
    public IActionResult OnGet() =>
        Can(AdminPermissions.ManageUsers) ? RedirectToPage("/Admin/Users")
        : Can(AdminPermissions.ReadLogs) ? RedirectToPage("/Admin/OperationLog")
        : ForbiddenPage("只有科协管理员和审计员可以进入系统管理");
}
