using System.Text.Json;
using Kexie.Domain.Auditing;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Kexie.Data.Auditing;

/// <summary>Turns tracked changes of domain entities into audit rows (who, when, what, before/after).</summary>
internal static class AuditTrail
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Record(DbContext context, Actor? actor)
    {
        var entries = context.ChangeTracker.Entries()
            .Where(e => e.Entity is Entity or AppUser && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        foreach (var entry in entries)
        {
            context.Add(new AuditEntry
            {
                At = DateTimeOffset.UtcNow,
                UserId = actor?.UserId,
                UserName = actor?.UserName,
                Action = entry.State.ToString(),
                EntityType = entry.Metadata.ClrType.Name,
                EntityId = entry.Properties.First(p => p.Metadata.IsPrimaryKey()).CurrentValue?.ToString() ?? string.Empty,
                RegionCode = entry.Entity switch
                {
                    IRegional regional => regional.RegionCode,
                    AppUser user => user.RegionCode,
                    _ => null,
                },
                Before = entry.State == EntityState.Added ? null : Snapshot(entry, original: true),
                After = entry.State == EntityState.Deleted ? null : Snapshot(entry, original: false),
            });
        }
    }

    private static string Snapshot(EntityEntry entry, bool original)
    {
        var values = new Dictionary<string, object?>();
        foreach (var property in entry.Properties)
        {
            if (property.Metadata.Name is "PasswordHash" or "SecurityStamp" or "ConcurrencyStamp")
            {
                continue;
            }

            if (entry.State == EntityState.Modified && !property.IsModified && !property.Metadata.IsPrimaryKey())
            {
                continue;
            }

            values[property.Metadata.Name] = original ? property.OriginalValue : property.CurrentValue;
        }

        return JsonSerializer.Serialize(values, Json);
    }
}
