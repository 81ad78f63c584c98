using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Talent;

public sealed record SocietyActivityRequest(SocietyActivityKind? Kind, string? Title, DateOnly? HeldOn, int? Participants = null, string? PartnerUnits = null, string? Note = null)
{
    public SocietyActivityData ToData() => new(Kind, Title, HeldOn, Participants, PartnerUnits, Note);
}

public sealed record SocietyActivityDto(
    Guid Id, Guid AssociationId, string AssociationName, SocietyActivityKind Kind, string KindName, string Title, DateOnly HeldOn, int? Participants,
    string? PartnerUnits, string? Note, string? RecordedByName, int Version = 0)
{
    public static SocietyActivityDto From(SocietyActivity a) =>
        new(a.Id, a.AssociationId, a.AssociationName, a.Kind, a.Kind.Chinese(), a.Title, a.HeldOn, a.Participants, a.PartnerUnits, a.Note, a.RecordedByName, a.Version);
}

/// <summary>
/// 学会学术活动: a society's 会长/副会长 (see <see cref="InspectionService.LeadsQuery"/>) or the admins of its region record what it held
/// (年会, 学术交流, 特色学术交流, 科普, 培训); the records are listed in the association's management file and counted by kind and year in
/// <see cref="AssociationManagementService.StatisticsAsync"/>.
/// </summary>
public sealed class SocietyActivityService(KexieDbContext db)
{
    public const int Listed = 100;

    public async Task<SocietyActivityDto> RecordAsync(Actor actor, Guid associationId, SocietyActivityRequest r, CancellationToken ct = default)
    {
        var (association, leads) = await AssociationAsync(actor, associationId, ct);
        if (association.Kind == Kexie.Domain.Directory.AssociationKind.Kexie)
        {
            throw new DomainValidationException("associationId", "科协自身的活动请在科普活动中登记");
        }

        var activity = SocietyActivity.Record(new ManagedAssociation(association.Id, association.Name, association.RegionCode), r.ToData(), actor, MarketRules.ChinaDate(DateTimeOffset.UtcNow), leads);
        db.SocietyActivities.Add(activity);
        await db.SaveChangesAsync(ct);
        return SocietyActivityDto.From(activity);
    }

    /// <summary>
    /// Corrects an activity (the same people who may record one for its society); the region's counts follow. A stale
    /// <paramref name="expectedVersion"/> (<c>If-Match</c>) is refused with 409.
    /// </summary>
    public async Task<SocietyActivityDto> AmendAsync(Actor actor, Guid id, SocietyActivityRequest r, int? expectedVersion = null, CancellationToken ct = default)
    {
        var (activity, leads) = await ActivityAsync(actor, id, ct);
        MarketSupport.CheckVersion(activity.Version, expectedVersion);
        activity.Amend(r.ToData(), actor, MarketRules.ChinaDate(DateTimeOffset.UtcNow), leads);
        await db.SaveChangesAsync(ct);
        return SocietyActivityDto.From(activity);
    }

    /// <summary>Deletes an activity recorded in error (the same people who may record one); the region's counts follow.</summary>
    public async Task DeleteAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var (activity, leads) = await ActivityAsync(actor, id, ct);
        activity.RequireRemovable(actor, leads);
        db.SocietyActivities.Remove(activity);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>One activity the caller leads or manages (for the edit form); anything else is "not found".</summary>
    public async Task<SocietyActivityDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default) => SocietyActivityDto.From((await ActivityAsync(actor, id, ct)).Activity);

    /// <summary>An association the actor leads or manages; anything else is "not found" (its existence is not revealed).</summary>
    private async Task<(Kexie.Domain.Directory.Association Association, bool Leads)> AssociationAsync(Actor actor, Guid associationId, CancellationToken ct)
    {
        MarketSupport.RequireSignedIn(actor);
        var association = await db.Associations.AsNoTracking().FirstOrDefaultAsync(a => a.Id == associationId, ct);
        var leads = association is not null && await InspectionService.LeadsQuery(db, actor).AnyAsync(m => m.AssociationId == associationId, ct);
        return association is not null && (leads || actor.Manages(association.RegionCode)) ? (association, leads) : throw new NotFoundException("组织不存在");
    }

    private async Task<(SocietyActivity Activity, bool Leads)> ActivityAsync(Actor actor, Guid id, CancellationToken ct)
    {
        MarketSupport.RequireSignedIn(actor);
        var activity = await db.SocietyActivities.FirstOrDefaultAsync(a => a.Id == id, ct);
        var leads = activity is not null && await InspectionService.LeadsQuery(db, actor).AnyAsync(m => m.AssociationId == activity.AssociationId, ct);
        return activity is not null && (leads || actor.Manages(activity.RegionCode)) ? (activity, leads) : throw new NotFoundException("学会活动不存在");
    }

    /// <summary>An association's activities, newest first (the caller has already been checked to manage it).</summary>
    public async Task<IReadOnlyList<SocietyActivityDto>> OfAsync(Guid associationId, CancellationToken ct = default) =>
        (await db.SocietyActivities.AsNoTracking().Where(a => a.AssociationId == associationId).OrderByDescending(a => a.HeldOn).ThenByDescending(a => a.CreatedAt).Take(Listed).ToListAsync(ct))
            .Select(SocietyActivityDto.From).ToList();
}
