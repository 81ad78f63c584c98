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

    /// <summary>First China day shown (a 近期变更 item's link carries the day the reader last looked).</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    /// <summary>Last China day shown.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>Why the dates were not applied (a start after the end), in words.</summary>
    public string? DateError { get; private set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNumber { get; set; }

    public PagedResult<AuditEntry> Result { get; private set; } = new([], 0, 1, 30);

    public IReadOnlyList<AuditRow> Rows { get; private set; } = [];

    /// <summary>The record whose history is shown, by name (when filtered to one record).</summary>
    public string? RecordName { get; private set; }

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Admin/Audit", new Dictionary<string, string?>
    {
        ["entityType"] = EntityType,
        ["entityId"] = EntityId,
        ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    });

    /// <summary>The record kinds offered in the filter.</summary>
    public static IEnumerable<KeyValuePair<string, string>> EntityNames => AuditPresenter.KindNames.OrderBy(k => k.Value, StringComparer.Ordinal);

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Result = await audit.ListAsync(Actor, new AuditFilter(EntityType, EntityId, From, To), PageNumber, 30, ct);
        }
        catch (Kexie.Domain.Common.DomainValidationException e) when (e.Field is "from" or "to")
        {
            // Dates that cannot be applied are said so and dropped; the rest of the filter still answers.
            DateError = e.Message;
            Result = await audit.ListAsync(Actor, new AuditFilter(EntityType, EntityId), PageNumber, 30, ct);
        }

        Rows = await presenter.PresentAsync(Result.Items, Actor, ct);
        if (!string.IsNullOrWhiteSpace(EntityId) && Rows.Count > 0)
        {
            RecordName = Rows[0].Record;
        }
    }
}
