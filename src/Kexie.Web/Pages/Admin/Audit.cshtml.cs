using Kexie.Domain.Auditing;
using Kexie.Web.Features.Admin;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Admin;

public sealed class AuditModel(AuditQueries audit, AuditPresenter presenter) : KexiePageModel
{
    [BindProperty(SupportsGet = true)]
    public string? EntityType { get; set; }

    /// <summary>One record's history (the record's links carry it; not typed by people).</summary>
    [BindProperty(SupportsGet = true)]
    public string? EntityId { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNumber { get; set; }

    public PagedResult<AuditEntry> Result { get; private set; } = new([], 0, 1, 30);

    public IReadOnlyList<AuditRow> Rows { get; private set; } = [];

    /// <summary>The record whose history is shown, by name (when filtered to one record).</summary>
    public string? RecordName { get; private set; }

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Admin/Audit", new Dictionary<string, string?> { ["entityType"] = EntityType, ["entityId"] = EntityId });

    /// <summary>The record kinds offered in the filter.</summary>
    public static IEnumerable<KeyValuePair<string, string>> EntityNames => AuditPresenter.KindNames.OrderBy(k => k.Value, StringComparer.Ordinal);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await audit.ListAsync(Actor, EntityType, EntityId, PageNumber, 30, ct);
        Rows = await presenter.PresentAsync(Result.Items, Actor, ct);
        if (!string.IsNullOrWhiteSpace(EntityId) && Rows.Count > 0)
        {
            RecordName = Rows[0].Record;
        }
    }
}
