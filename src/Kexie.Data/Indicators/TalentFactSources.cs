using Kexie.Domain.Indicators;
using Kexie.Domain.Talent;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Data.Indicators;

/// <summary>
/// The records of 人才与组织 that feed indicators, in one place: 推荐人才入选 (<see cref="Nomination"/>, W06), 青少年科技创新大赛参赛作品
/// (<see cref="ContestEntry"/>, W07), 新建工作站和科技小院 (<see cref="Workstation"/>, W08), 学会学术交流活动 (<see cref="SocietyActivity"/>, W09)
/// and 状况调查有效问卷 (<see cref="SurveyResponse"/>, D04); the stations' yearly output (<see cref="WorkstationOutput"/>, W10–W12) and
/// 学会年检合格率 (W13: 学会、协会、农技协 due each year, <see cref="Kexie.Domain.Directory.Association"/>, and their 年检 passed, <see cref="Inspection"/>). Which records changed is <see cref="SourceOf"/> (the outbox); the facts of a
/// record are <see cref="FactDerivation"/>'s; the refresher reads them all (<see cref="AllAsync"/>) or those changed (<see cref="DeriveAsync"/>).
/// </summary>
internal static class TalentFactSources
{
    public static FactSource? SourceOf(object entity) => entity switch
    {
        Nomination => FactSource.Nomination,
        ContestEntry => FactSource.ContestEntry,
        Workstation => FactSource.Workstation,
        SocietyActivity => FactSource.SocietyActivity,
        SurveyResponse => FactSource.SurveyResponse,
        WorkstationOutput => FactSource.WorkstationOutput,
        Kexie.Domain.Directory.Association => FactSource.Association,
        Inspection => FactSource.Inspection,
        _ => null,
    };

    /// <summary>
    /// Records whose facts a change of <paramref name="entity"/> may also move: a 年检 submitted or decided re-derives its society's due
    /// years (<see cref="FactDerivation.From(Kexie.Domain.Directory.Association, DateOnly)"/> runs to the current year), so 学会年检合格率 (W13)
    /// counts the society as due in a year begun since the society itself last changed — incrementally, not only after a full refresh.
    /// </summary>
    public static IEnumerable<(FactSource Source, Guid Id)> AlsoChanged(object entity) => entity switch
    {
        Inspection i when i.AssociationId != Guid.Empty => [(FactSource.Association, i.AssociationId)],
        _ => [],
    };

    /// <summary>
    /// Whether a (China) year has begun between two refreshes: every 学会、协会、农技协 is then due a 年检 for it (W13's denominator,
    /// <see cref="FactDerivation.From(Kexie.Domain.Directory.Association, DateOnly)"/>) although none of them was written — the calendar
    /// moves those facts, as it settles the response plans whose deadline passed.
    /// </summary>
    public static bool YearBegunSince(DateTimeOffset last, DateTimeOffset now) => ChinaTime.DateOf(now).Year > ChinaTime.DateOf(last).Year;

    /// <summary>The associations due a 年检 every year (学会、协会、农技协), whose facts a new year moves (<see cref="YearBegunSince"/>).</summary>
    public static IQueryable<Guid> DueEveryYear(KexieDbContext db) => InspectedAssociations(db).Select(a => a.Id);

    /// <summary>The 学会、协会、农技协 (the kinds inspected every year), read without tracking.</summary>
    public static IQueryable<Kexie.Domain.Directory.Association> InspectedAssociations(KexieDbContext db) =>
        db.Associations.AsNoTracking().Where(a => a.Kind == Kexie.Domain.Directory.AssociationKind.Society || a.Kind == Kexie.Domain.Directory.AssociationKind.Association
            || a.Kind == Kexie.Domain.Directory.AssociationKind.RuralTechAssociation);

    /// <summary>The id of a changed record the outbox queues: an <see cref="Kexie.Domain.Common.Entity"/>'s, or a questionnaire's (not an audited entity).</summary>
    public static Guid? IdOf(object entity) => entity switch
    {
        Kexie.Domain.Common.Entity e => e.Id,
        SurveyResponse r => r.Id,
        _ => null,
    };

    /// <summary>The 年检 of associations of the inspected kinds (an admin may have recorded one for another kind: it is not counted).</summary>
    private static IQueryable<Inspection> CountedInspections(KexieDbContext db) =>
        db.Inspections.AsNoTracking().Where(i => db.Associations.Any(a => a.Id == i.AssociationId
            && (a.Kind == Kexie.Domain.Directory.AssociationKind.Society || a.Kind == Kexie.Domain.Directory.AssociationKind.Association
                || a.Kind == Kexie.Domain.Directory.AssociationKind.RuralTechAssociation)));

    public static async Task<List<ActivityFact>> AllAsync(KexieDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var today = ChinaTime.DateOf(now);
        var facts = new List<ActivityFact>();
        facts.AddRange((await db.Nominations.AsNoTracking().Where(n => n.Status == NominationStatus.Selected).ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange((await db.ContestEntries.AsNoTracking().Where(e => e.SourceEntryId == null && e.Status != ContestEntryStatus.Rejected).ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange((await db.Workstations.AsNoTracking().ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange((await db.SocietyActivities.AsNoTracking().ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange((await db.SurveyResponses.AsNoTracking().Where(r => r.Valid).ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange((await db.WorkstationOutputs.AsNoTracking().ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange((await db.Associations.AsNoTracking().ToListAsync(ct)).SelectMany(a => FactDerivation.From(a, today)));
        facts.AddRange((await CountedInspections(db).ToListAsync(ct)).SelectMany(FactDerivation.From));
        return facts;
    }

    /// <summary>The facts of the changed records among <paramref name="sources"/> (a deleted record has none).</summary>
    public static async Task<List<ActivityFact>> DeriveAsync(KexieDbContext db, IReadOnlyCollection<(FactSource Source, Guid SourceId)> sources, DateTimeOffset now, CancellationToken ct)
    {
        List<Guid> Ids(FactSource source) => sources.Where(s => s.Source == source).Select(s => s.SourceId).ToList();
        var facts = new List<ActivityFact>();
        if (Ids(FactSource.Nomination) is { Count: > 0 } nominations)
        {
            facts.AddRange((await db.Nominations.AsNoTracking().Where(n => nominations.Contains(n.Id)).ToListAsync(ct)).SelectMany(FactDerivation.From));
        }

        if (Ids(FactSource.ContestEntry) is { Count: > 0 } entries)
        {
            facts.AddRange((await db.ContestEntries.AsNoTracking().Where(e => entries.Contains(e.Id)).ToListAsync(ct)).SelectMany(FactDerivation.From));
        }

        if (Ids(FactSource.Workstation) is { Count: > 0 } stations)
        {
            facts.AddRange((await db.Workstations.AsNoTracking().Where(w => stations.Contains(w.Id)).ToListAsync(ct)).SelectMany(FactDerivation.From));
        }

        if (Ids(FactSource.SocietyActivity) is { Count: > 0 } activities)
        {
            facts.AddRange((await db.SocietyActivities.AsNoTracking().Where(a => activities.Contains(a.Id)).ToListAsync(ct)).SelectMany(FactDerivation.From));
        }

        if (Ids(FactSource.SurveyResponse) is { Count: > 0 } responses)
        {
            facts.AddRange((await db.SurveyResponses.AsNoTracking().Where(r => responses.Contains(r.Id)).ToListAsync(ct)).SelectMany(FactDerivation.From));
        }

        if (Ids(FactSource.WorkstationOutput) is { Count: > 0 } outputs)
        {
            facts.AddRange((await db.WorkstationOutputs.AsNoTracking().Where(o => outputs.Contains(o.Id)).ToListAsync(ct)).SelectMany(FactDerivation.From));
        }

        if (Ids(FactSource.Association) is { Count: > 0 } associations)
        {
            var today = ChinaTime.DateOf(now);
            facts.AddRange((await db.Associations.AsNoTracking().Where(a => associations.Contains(a.Id)).ToListAsync(ct)).SelectMany(a => FactDerivation.From(a, today)));
        }

        if (Ids(FactSource.Inspection) is { Count: > 0 } inspections)
        {
            facts.AddRange((await CountedInspections(db).Where(i => inspections.Contains(i.Id)).ToListAsync(ct)).SelectMany(FactDerivation.From));
        }

        return facts;
    }
}
