using Kexie.Domain.Indicators;
using Kexie.Domain.Talent;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Data.Indicators;

/// <summary>
/// The records of 人才与组织 that feed indicators, in one place: 推荐人才入选 (<see cref="Nomination"/>, W06), 青少年科技创新大赛参赛作品
/// (<see cref="ContestEntry"/>, W07), 新建工作站和科技小院 (<see cref="Workstation"/>, W08), 学会学术交流活动 (<see cref="SocietyActivity"/>, W09)
/// and 状况调查有效问卷 (<see cref="SurveyResponse"/>, D04). Which records changed is <see cref="SourceOf"/> (the outbox); the facts of a
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
        _ => null,
    };

    /// <summary>The id of a changed record the outbox queues: an <see cref="Kexie.Domain.Common.Entity"/>'s, or a questionnaire's (not an audited entity).</summary>
    public static Guid? IdOf(object entity) => entity switch
    {
        Kexie.Domain.Common.Entity e => e.Id,
        SurveyResponse r => r.Id,
        _ => null,
    };

    public static async Task<List<ActivityFact>> AllAsync(KexieDbContext db, CancellationToken ct)
    {
        var facts = new List<ActivityFact>();
        facts.AddRange((await db.Nominations.AsNoTracking().Where(n => n.Status == NominationStatus.Selected).ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange((await db.ContestEntries.AsNoTracking().Where(e => e.SourceEntryId == null && e.Status != ContestEntryStatus.Rejected).ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange((await db.Workstations.AsNoTracking().ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange((await db.SocietyActivities.AsNoTracking().ToListAsync(ct)).SelectMany(FactDerivation.From));
        facts.AddRange((await db.SurveyResponses.AsNoTracking().Where(r => r.Valid).ToListAsync(ct)).SelectMany(FactDerivation.From));
        return facts;
    }

    /// <summary>The facts of the changed records among <paramref name="sources"/> (a deleted record has none).</summary>
    public static async Task<List<ActivityFact>> DeriveAsync(KexieDbContext db, IReadOnlyCollection<(FactSource Source, Guid SourceId)> sources, CancellationToken ct)
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

        return facts;
    }
}
