using Kexie.Web.Features.Admin;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Pages.Admin;

public sealed class OperationLogModel(SecurityLogQueries logs) : SecurityLogPageModel
{
    public PagedResult<OperationLogDto> Result { get; private set; } = new([], 0, 1, 30);

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Admin/OperationLog", Query);

    public string ExportUrl => ExportUrlFor("/api/v1/admin/operation-log/export.xlsx");

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await ReadAsync(filter => logs.OperationLogAsync(Actor, filter, PageNumber, 30, ct));
    }
}
