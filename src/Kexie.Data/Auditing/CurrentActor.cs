using Kexie.Domain.Identity;

namespace Kexie.Data;

/// <summary>Supplies the actor of the current unit of work (the signed-in user, or the CLI's system actor).</summary>
public interface ICurrentActor
{
    Actor Actor { get; }
}

public sealed class FixedActor(Actor actor) : ICurrentActor
{
    public Actor Actor { get; } = actor;
}
