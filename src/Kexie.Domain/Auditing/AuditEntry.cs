namespace Kexie.Domain.Auditing;

/// <summary>One audited write: who, when, what, before and after (JSON).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; } = DateTimeOffset.UtcNow;

    public string? UserId { get; set; }

    public string? UserName { get; set; }

    /// <summary>Added, Modified or Deleted.</summary>
    public string Action { get; set; } = string.Empty;

    public string EntityType { get; set; } = string.Empty;

    public string EntityId { get; set; } = string.Empty;

    public string? RegionCode { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }
}
