using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Talent;
using Kexie.Domain.Authorization;
using Kexie.Web.Features.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Talent;

/// <param name="Kind">Organization (a school or other unit) or Person.</param>
/// <param name="OrganizationId">The unit's directory record, when the expert picks one they may see.</param>
/// <param name="OrganizationName">Or the unit's full name as typed (a record of that exact name the expert may see is linked).</param>
public sealed record ExpertConflictRequest(ConflictKind? Kind, Guid? OrganizationId, string? OrganizationName, string? PersonName, string? Reason);

public sealed record ExpertConflictDto(Guid Id, ConflictKind Kind, string KindName, string Subject, string Reason, DateTimeOffset DeclaredAt)
{
    public static ExpertConflictDto From(ExpertConflict c) =>
        new(c.Id, c.Kind, c.Kind.Chinese(), c.Kind == ConflictKind.Organization ? c.OrganizationName ?? string.Empty : c.PersonName ?? string.Empty, c.Reason, c.CreatedAt);
}

/// <summary>
/// 长期回避声明 of the signed-in expert (<c>talent.contests.score</c>): declared once for a unit (school) or a person, with a reason,
/// they keep every contest's panel assignment from giving the expert that unit's or person's works (<see cref="ContestReviewService.AssignAsync"/>).
/// Only the expert sees and withdraws their own.
/// </summary>
public sealed class ExpertConflictService(KexieDbContext db)
{
    public async Task<IReadOnlyList<ExpertConflictDto>> MineAsync(Actor actor, CancellationToken ct = default)
    {
        MarketSupport.RequireSignedIn(actor);
        if (actor.ScienceWorkerId is not { } worker)
        {
            return [];
        }

        var rows = await db.ExpertConflicts.AsNoTracking().Where(c => c.ExpertWorkerId == worker).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(ct);
        return [.. rows.Select(ExpertConflictDto.From)];
    }

    public async Task<ExpertConflictDto> DeclareAsync(Actor actor, ExpertConflictRequest r, CancellationToken ct = default)
    {
        MarketSupport.RequireSignedIn(actor);
        var found = actor.ScienceWorkerId is { } worker
            ? await db.Experts.AsNoTracking().Where(e => e.WorkerId == worker)
                .Join(db.ScienceWorkers.AsNoTracking(), e => e.WorkerId, w => w.Id, (e, w) => new { Expert = e, Worker = w }).FirstOrDefaultAsync(ct)
            : null;
        if (found is null)
        {
            throw new InvalidTransitionException("您不是专家库专家，无需声明回避");
        }

        var expert = new PooledExpert(found.Expert, found.Worker).Candidate;
        if (await db.ExpertConflicts.CountAsync(c => c.ExpertId == expert.ExpertId, ct) >= ExpertConflict.MaxPerExpert)
        {
            throw new DomainValidationException("kind", $"长期回避声明最多{ExpertConflict.MaxPerExpert}条");
        }

        (Guid, string)? organization = r.Kind == ConflictKind.Organization ? await OrganizationAsync(actor, r, ct) : null;
        var conflict = ExpertConflict.Declare(expert, found.Expert.RegionCode, r.Kind, organization, r.PersonName, r.Reason, actor);
        var same = conflict.Kind == ConflictKind.Organization
            ? await db.ExpertConflicts.AnyAsync(c => c.ExpertId == expert.ExpertId && c.Kind == ConflictKind.Organization && c.OrganizationName == conflict.OrganizationName, ct)
            : await db.ExpertConflicts.AnyAsync(c => c.ExpertId == expert.ExpertId && c.Kind == ConflictKind.Person && c.PersonName == conflict.PersonName, ct);
        if (same)
        {
            throw new DomainValidationException(conflict.Kind == ConflictKind.Organization ? "organizationName" : "personName", "已声明过对该对象的长期回避");
        }

        db.ExpertConflicts.Add(conflict);
        await db.SaveChangesAsync(ct);
        return ExpertConflictDto.From(conflict);
    }

    /// <summary>Withdraws one of the expert's own declarations (others' are "不存在").</summary>
    public async Task WithdrawAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        MarketSupport.RequireSignedIn(actor);
        var conflict = await db.ExpertConflicts.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (conflict is null || !conflict.IsExpert(actor))
        {
            throw new NotFoundException("回避声明不存在");
        }

        db.ExpertConflicts.Remove(conflict);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The unit: a record the expert may see (by id), or the full name typed, linked to the one visible record of that name if any.</summary>
    private async Task<(Guid, string)?> OrganizationAsync(Actor actor, ExpertConflictRequest r, CancellationToken ct)
    {
        var visible = db.Organizations.AsNoTracking().Where(DirectoryAccess.OrganizationsVisibleTo(actor));
        if (r.OrganizationId is { } id && id != Guid.Empty)
        {
            var org = await visible.Where(o => o.Id == id).Select(o => new { o.Id, o.Name }).FirstOrDefaultAsync(ct)
                ?? throw new DomainValidationException("organizationId", "单位不存在，请重新选择");
            return (org.Id, org.Name);
        }

        var name = Guard.Required(r.OrganizationName, "organizationName", "回避单位（学校）全称", 100);
        var ids = await visible.Where(o => o.Name == name).Select(o => o.Id).Take(2).ToListAsync(ct);
        return (ids.Count == 1 ? ids[0] : Guid.Empty, name);
    }
}
