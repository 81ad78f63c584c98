using Kexie.Web.Features.Admin;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Pages.Admin;

public sealed class LoginLogModel(SecurityLogQueries logs) : SecurityLogPageModel
{
    public PagedResult<LoginLogDto> Result { get; private set; } = new([], 0, 1, 30);

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Admin/LoginLog", Query);

    public string ExportUrl => ExportUrlFor("/api/v1/admin/login-log/export.xlsx");

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await ReadAsync(filter => logs.LoginLogAsync(Actor, filter, PageNumber, 30, ct));
    }
}
