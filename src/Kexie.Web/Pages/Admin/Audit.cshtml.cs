using Kexie.Domain.Auditing;
using Kexie.Web.Features.Admin;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Admin;

public sealed class AuditModel(AuditQueries audit) : KexiePageModel
{
    [BindProperty(SupportsGet = true)]
    public string? EntityType { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EntityId { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNumber { get; set; }

    public PagedResult<AuditEntry> Result { get; private set; } = new([], 0, 1, 30);

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Admin/Audit", new Dictionary<string, string?> { ["entityType"] = EntityType, ["entityId"] = EntityId });

    public static readonly IReadOnlyDictionary<string, string> EntityNames = new Dictionary<string, string>
    {
        ["ScienceWorker"] = "科技工作者",
        ["Organization"] = "企事业单位",
        ["Association"] = "科协组织",
        ["ServiceAgency"] = "服务机构",
        ["AppUser"] = "账号",
    };

    public static string ActionName(string action) => action switch
    {
        "Added" => "新增",
        "Modified" => "修改",
        "Deleted" => "删除",
        _ => action,
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await audit.ListAsync(Actor, EntityType, EntityId, PageNumber, 30, ct);
    }
}
