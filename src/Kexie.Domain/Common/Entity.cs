namespace Kexie.Domain.Common;

/// <summary>Base of every persisted aggregate: a time-ordered GUID and UTC timestamps.</summary>
public abstract class Entity
{
    public Guid Id { get; protected set; } = Guid.CreateVersion7();

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A record that belongs to exactly one region: scoping and ranking use its code.</summary>
public interface IRegional
{
    string RegionCode { get; }
}
