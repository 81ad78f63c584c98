using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Indicators;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Kexie.Domain.ThinkTank;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Data.Indicators;

/// <summary>Queues every changed indicator source record in the same transaction as the change.</summary>
internal static class IndicatorOutbox
{
    public static void Record(DbContext context)
    {
        var changed = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .SelectMany(e => TalentFactSources.AlsoChanged(e.Entity).Select(x => ((FactSource?)x.Source, x.Id))
                .Prepend((SourceOf(e.Entity), TalentFactSources.IdOf(e.Entity) ?? Guid.Empty)))
            .Select(x => (Source: x.Item1, Id: x.Item2))
            .Where(x => x.Source is not null && x.Id != Guid.Empty)
            .Distinct()
            .ToList();
        var now = DateTimeOffset.UtcNow;
        foreach (var (source, id) in changed)
        {
            context.Add(new IndicatorOutboxEntry { Source = source!.Value, SourceId = id, At = now });
        }
    }

    public static FactSource? SourceOf(object entity) => entity switch
    {
        ScienceWorker => FactSource.ScienceWorker,
        Organization => FactSource.Organization,
        Offer => FactSource.Offer,
        Need => FactSource.Need,
        ResponsePlan => FactSource.ResponsePlan,
        Order => FactSource.Order,
        ServiceTicket => FactSource.ServiceTicket,
        ScienceContent => FactSource.ScienceContent,
        ActivityParticipant => FactSource.ActivityParticipant,
        PopularizationActivity => FactSource.PopularizationActivity,
        EStationUsage => FactSource.EStationUsage,
        EventTally => FactSource.EventTally,
        VenueVisit => FactSource.VenueVisit,
        ServiceRecord => FactSource.ServiceRecord,
        ScienceBoardRefresh => FactSource.ScienceBoardRefresh,
        LiteracyMemberAssessment => FactSource.LiteracyMemberAssessment,
        LiteracySurvey => FactSource.LiteracySurvey,
        LiteracyTarget => FactSource.LiteracyTarget,
        ThinkTankTopic => FactSource.ThinkTankTopic,
        Proposal => FactSource.Proposal,
        _ => TalentFactSources.SourceOf(entity),
    };
}
