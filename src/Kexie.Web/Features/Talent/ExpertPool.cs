using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Talent;
using Kexie.Domain.ThinkTank;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Talent;

/// <summary>An active or retired entry of the 专家库 with its science worker.</summary>
public sealed record PooledExpert(Expert Expert, ScienceWorker Worker)
{
    /// <summary>The expert as a review assignment sees them.</summary>
    public ExpertCandidate Candidate => new(Expert.Id, Worker.Id, Worker.Name, Worker.Employer, Worker.UserId, Expert.Status == ExpertStatus.Active);
}

/// <summary>
/// The experts of the 专家库 an organizer may pick for a review (智库课题, 大赛作品): those whose profile is public and those of the
/// organizer's managed region — the same rule for the candidate list and for the one picked, so a hidden expert is "不存在".
/// </summary>
public static class ExpertPool
{
    /// <summary>Active experts the actor may pick, those within <paramref name="region"/> first, then by level and name (200 at most).</summary>
    public static async Task<IReadOnlyList<PooledExpert>> CandidatesAsync(KexieDbContext db, Actor actor, string region, CancellationToken ct)
    {
        var scope = actor.ManagedScope;
        var rows = await db.Experts.AsNoTracking().Where(e => e.Status == ExpertStatus.Active)
            .Join(db.ScienceWorkers.AsNoTracking(), e => e.WorkerId, w => w.Id, (e, w) => new { Expert = e, Worker = w })
            .Where(x => x.Worker.IsPublicProfile || (scope != null && RegionScope.Within(x.Expert.RegionCode, scope)))
            .OrderBy(x => !RegionScope.Within(x.Expert.RegionCode, region)).ThenBy(x => x.Expert.Level).ThenBy(x => x.Worker.Name).Take(200).ToListAsync(ct);
        return [.. rows.Select(x => new PooledExpert(x.Expert, x.Worker))];
    }

    /// <summary>The expert picked (<paramref name="expertId"/>), when the actor may pick them; otherwise a message on the field that reveals nothing.</summary>
    public static async Task<PooledExpert> PickAsync(KexieDbContext db, Actor actor, Guid? expertId, CancellationToken ct)
    {
        var id = expertId is { } e && e != Guid.Empty ? e : throw new DomainValidationException("expertId", "请从专家库中选择评审专家");
        var found = await db.Experts.AsNoTracking().Where(x => x.Id == id)
            .Join(db.ScienceWorkers.AsNoTracking(), x => x.WorkerId, w => w.Id, (x, w) => new { Expert = x, Worker = w }).FirstOrDefaultAsync(ct);
        return found is not null && (found.Worker.IsPublicProfile || actor.Manages(found.Expert.RegionCode))
            ? new PooledExpert(found.Expert, found.Worker)
            : throw new DomainValidationException("expertId", "专家库中没有该专家");
    }
}
