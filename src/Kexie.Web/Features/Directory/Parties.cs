using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Directory;

/// <summary>A worker or an organization named by a write, as the actor may know it.</summary>
public sealed record PartyRef(Guid Id, string Name, string RegionCode, bool IsSelf);

/// <summary>
/// Resolves the workers and organizations a request names <em>through the caller's visibility</em>: one the caller cannot see
/// is reported exactly like one that does not exist (same field, same message), so a look-up never confirms or names a
/// private record. <c>…ToActForAsync</c> also checks that the caller may act in the party's name, against the party's own
/// region (<see cref="RegionScope.MayActFor"/>), never against a region the caller typed.
/// </summary>
public sealed class Parties(KexieDbContext db)
{
    public async Task<PartyRef> WorkerAsync(Actor actor, Guid id, string field, string noun, CancellationToken ct)
    {
        var found = await db.ScienceWorkers.AsNoTracking().Where(DirectoryAccess.WorkersVisibleTo(actor)).Where(w => w.Id == id)
            .Select(w => new { w.Id, w.Name, w.RegionCode }).FirstOrDefaultAsync(ct);
        return found is null
            ? throw new DomainValidationException(field, $"{noun}不存在")
            : new PartyRef(found.Id, found.Name, found.RegionCode, actor.ScienceWorkerId == found.Id);
    }

    public async Task<PartyRef> OrganizationAsync(Actor actor, Guid id, string field, string noun, CancellationToken ct)
    {
        var found = await db.Organizations.AsNoTracking().Where(DirectoryAccess.OrganizationsVisibleTo(actor)).Where(o => o.Id == id)
            .Select(o => new { o.Id, o.Name, o.RegionCode }).FirstOrDefaultAsync(ct);
        return found is null
            ? throw new DomainValidationException(field, $"{noun}不存在")
            : new PartyRef(found.Id, found.Name, found.RegionCode, actor.OrganizationId == found.Id);
    }

    /// <summary>A worker the actor may act for: the worker themself, or a manager of the worker's region.</summary>
    public async Task<PartyRef> WorkerToActForAsync(Actor actor, Guid id, string field, string noun, string action, CancellationToken ct)
    {
        var party = await WorkerAsync(actor, id, field, noun, ct);
        return actor.MayActFor(party.RegionCode, party.IsSelf)
            ? party
            : throw new NotPermittedException($"只能以本人或本地区（含下级）科技工作者的名义{action}");
    }

    /// <summary>An organization the actor may act for: a member of it, or a manager of its region.</summary>
    public async Task<PartyRef> OrganizationToActForAsync(Actor actor, Guid id, string field, string noun, string action, CancellationToken ct)
    {
        var party = await OrganizationAsync(actor, id, field, noun, ct);
        return actor.MayActFor(party.RegionCode, party.IsSelf)
            ? party
            : throw new NotPermittedException($"只能以本单位或本地区（含下级）单位的名义{action}");
    }

    /// <summary>Whether every one of <paramref name="ids"/> is a worker the actor can see.</summary>
    public async Task<bool> AllWorkersVisibleAsync(Actor actor, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ids.Count == 0 || await db.ScienceWorkers.AsNoTracking().Where(DirectoryAccess.WorkersVisibleTo(actor)).CountAsync(w => ids.Contains(w.Id), ct) == ids.Count;
}
