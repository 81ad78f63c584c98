using Kexie.Domain.Directory;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Kexie.Domain.Talent;
using Kexie.Domain.ThinkTank;

namespace Kexie.Domain.Indicators;

/// <summary>
/// Turns platform records into activity facts. Pure and deterministic given the record and the instant
/// <c>now</c> (a response plan's deadline only settles once it has passed). Re-deriving a record replaces its facts.
/// </summary>
public static class FactDerivation
{
    public static IEnumerable<ActivityFact> From(ScienceWorker worker)
    {
        yield return Fact(worker.RegionCode, FactKind.WorkerRegistered, worker.CreatedAt, 1, 0, FactSource.ScienceWorker, worker.Id);
    }

    public static IEnumerable<ActivityFact> From(Organization organization)
    {
        yield return Fact(organization.RegionCode, FactKind.OrganizationRegistered, organization.CreatedAt, 1, 0, FactSource.Organization, organization.Id);
    }

    /// <summary>An offer counts once it has been published (withdrawn or closed later, it was still published).</summary>
    public static IEnumerable<ActivityFact> From(Offer offer)
    {
        if (offer.PublishedAt is not { } at)
        {
            yield break;
        }

        var kind = offer.Kind switch
        {
            OfferKind.Achievement => FactKind.AchievementPublished,
            OfferKind.Project => FactKind.ProjectPublished,
            _ => FactKind.ServiceOfferPublished,
        };
        yield return Fact(offer.RegionCode, kind, at, 1, 0, FactSource.Offer, offer.Id);
    }

    public static IEnumerable<ActivityFact> From(Need need)
    {
        if (need.PublishedAt is { } at)
        {
            yield return Fact(need.RegionCode, FactKind.NeedPublished, at, 1, 0, FactSource.Need, need.Id);
        }
    }

    /// <summary>
    /// A plan is dated by the day its need was published (the plan's creation). Its deadline is settled once it
    /// was answered or the deadline passed; then it is either in time or late.
    /// </summary>
    public static IEnumerable<ActivityFact> From(ResponsePlan plan, DateTimeOffset now)
    {
        var settled = plan.FirstRespondedAt is not null || now > plan.ResponseDueAt;
        if (!settled)
        {
            yield break;
        }

        yield return Fact(plan.RegionCode, FactKind.NeedResponseSettled, plan.CreatedAt, 1, 0, FactSource.ResponsePlan, plan.Id);
        var inTime = plan.FirstRespondedAt is { } first && first <= plan.ResponseDueAt;
        yield return Fact(plan.RegionCode, inTime ? FactKind.NeedAnsweredInTime : FactKind.NeedAnsweredLate, plan.CreatedAt, 1, 0, FactSource.ResponsePlan, plan.Id);
    }

    /// <summary>
    /// A deal is an order agreed and not cancelled (<see cref="StatisticDefinitions.IsDeal"/>): dated by its agreement,
    /// worth its contract amount. It counts in the order's region, and for the provider in the provider worker's region.
    /// </summary>
    public static IEnumerable<ActivityFact> From(Order order, string? providerRegionCode)
    {
        if (StatisticDefinitions.DealDate(order) is not { } at)
        {
            yield break;
        }

        var fen = (long)decimal.Round((order.ContractAmount ?? 0m) * 100m);
        yield return Fact(order.RegionCode, FactKind.DealClosed, at, 1, fen, FactSource.Order, order.Id);
        if (order.OfferKind == OfferKind.Achievement)
        {
            yield return Fact(order.RegionCode, FactKind.AchievementTransferred, at, 1, fen, FactSource.Order, order.Id);
        }

        if (!string.IsNullOrEmpty(providerRegionCode))
        {
            yield return Fact(providerRegionCode, FactKind.DealTakenByWorker, at, 1, fen, FactSource.Order, order.Id);
        }
    }

    /// <summary>A ticket is dated by the (CST) day it was served.</summary>
    public static IEnumerable<ActivityFact> From(ServiceTicket ticket)
    {
        yield return new ActivityFact(ticket.RegionCode, FactKind.ServiceTicketServed, ChinaTime.DayKey(ticket.ServedOn), 1, 0, FactSource.ServiceTicket, ticket.Id);
    }

    /// <summary>A popularization item counts once published (closed or withdrawn later, it was still pushed).</summary>
    public static IEnumerable<ActivityFact> From(ScienceContent content)
    {
        if (content.PublishedAt is { } at)
        {
            yield return Fact(content.RegionCode, FactKind.PopularizationContentPublished, at, 1, 0, FactSource.ScienceContent, content.Id);
        }
    }

    /// <summary>A registration counts once checked in (a group its headcount: 人次), in the activity's region, on the (CST) day of check-in.</summary>
    public static IEnumerable<ActivityFact> From(ActivityParticipant participant)
    {
        if (participant.CheckedInAt is { } at)
        {
            yield return Fact(participant.RegionCode, FactKind.PopularizationParticipants, at, participant.Headcount, 0, FactSource.ActivityParticipant, participant.Id);
        }
    }

    /// <summary>An activity counts once (one 场次) in its region on its first day, unless it is cancelled.</summary>
    public static IEnumerable<ActivityFact> From(PopularizationActivity activity)
    {
        if (activity.Status != ActivityStatus.Cancelled)
        {
            yield return new ActivityFact(activity.RegionCode, FactKind.PopularizationActivitiesHeld, ChinaTime.DayKey(activity.StartsOn), 1, 0, FactSource.PopularizationActivity, activity.Id);
        }
    }

    /// <summary>A mass event's tally counts the participants counted on site, in its place on its day.</summary>
    public static IEnumerable<ActivityFact> From(EventTally tally)
    {
        if (tally.Participants > 0)
        {
            yield return new ActivityFact(tally.RegionCode, FactKind.MassEventParticipants, ChinaTime.DayKey(tally.Day), tally.Participants, 0, FactSource.EventTally, tally.Id);
        }
    }

    /// <summary>A venue's visitor record counts its visitors (人次), in the venue's region on the day.</summary>
    public static IEnumerable<ActivityFact> From(VenueVisit visit)
    {
        if (visit.Visitors > 0)
        {
            yield return new ActivityFact(visit.RegionCode, FactKind.VenueVisitors, ChinaTime.DayKey(visit.Day), visit.Visitors, 0, FactSource.VenueVisit, visit.Id);
        }
    }

    /// <summary>
    /// A volunteer's service counts once confirmed by the organiser: one 人次, and its hours in the amount (hours × 100, so
    /// the indicator reads hours with two decimals), in the activity's region on the (CST) day of sign-in.
    /// </summary>
    public static IEnumerable<ActivityFact> From(ServiceRecord record)
    {
        if (record.Status == ServiceRecordStatus.Confirmed)
        {
            yield return Fact(record.RegionCode, FactKind.VolunteerService, record.SignedInAt, 1, (long)Math.Round(record.Minutes * 100m / 60m), FactSource.ServiceRecord, record.Id);
        }
    }

    /// <summary>A 科普宣传栏's content refresh counts one 期, in the board's region on its day.</summary>
    public static IEnumerable<ActivityFact> From(ScienceBoardRefresh refresh)
    {
        yield return new ActivityFact(refresh.RegionCode, FactKind.BoardRefreshes, ChinaTime.DayKey(refresh.Day), 1, 0, FactSource.ScienceBoardRefresh, refresh.Id);
    }

    /// <summary>
    /// A member unit's year-end assessment counts the unit as assessed, and as completed when judged 完成, in the unit's region on
    /// 31 December of the year assessed (so S10 is the year's share of 完成).
    /// </summary>
    public static IEnumerable<ActivityFact> From(LiteracyMemberAssessment assessment)
    {
        var day = ChinaTime.DayKey(new DateOnly(assessment.Year, 12, 31));
        yield return new ActivityFact(assessment.RegionCode, FactKind.MemberUnitsAssessed, day, 1, 0, FactSource.LiteracyMemberAssessment, assessment.Id);
        if (assessment.Result == MemberAssessmentResult.Completed)
        {
            yield return new ActivityFact(assessment.RegionCode, FactKind.MemberUnitsCompleted, day, 1, 0, FactSource.LiteracyMemberAssessment, assessment.Id);
        }
    }

    /// <summary>
    /// A survey result judged by its 纲要 target (<see cref="LiteracyRate.TargetFor"/>) gives S11 its two sides, in the survey's region on
    /// 31 December of the year it describes: the measured rate capped at the target (so one result counts at most 100%) and the target.
    /// A result with no target for its region or above gives no fact (the region's S11 is absent, not zero).
    /// </summary>
    public static IEnumerable<ActivityFact> From(LiteracySurvey survey, LiteracyTarget? target)
    {
        if (target is null || target.Rate <= 0)
        {
            yield break;
        }

        var day = ChinaTime.DayKey(new DateOnly(survey.Year, 12, 31));
        yield return new ActivityFact(survey.RegionCode, FactKind.LiteracyRateMeasured, day, 1, Math.Min(survey.Rate, target.Rate), FactSource.LiteracySurvey, survey.Id);
        yield return new ActivityFact(survey.RegionCode, FactKind.LiteracyRateTarget, day, 1, target.Rate, FactSource.LiteracySurvey, survey.Id);
    }

    /// <summary>Every survey result's facts, each judged by its target among <paramref name="targets"/>.</summary>
    public static IEnumerable<ActivityFact> From(IEnumerable<LiteracySurvey> surveys, IReadOnlyList<LiteracyTarget> targets) =>
        surveys.SelectMany(s => From(s, LiteracyRate.TargetFor(s.RegionCode, s.Year, targets)));

    /// <summary>A day of e-station use counts its visits and interactions together, on that day.</summary>
    public static IEnumerable<ActivityFact> From(EStationUsage usage)
    {
        if (usage.Total > 0)
        {
            yield return new ActivityFact(usage.RegionCode, FactKind.EStationVisits, ChinaTime.DayKey(usage.Day), usage.Total, 0, FactSource.EStationUsage, usage.Id);
        }
    }

    /// <summary>
    /// A topic counts once approved (立项), on that day; concluding it later keeps the count. A topic recommended upward
    /// (its copy in a higher region's call, <see cref="ThinkTankTopic.SourceTopicId"/>) was counted when its source was approved.
    /// A topic recommended to a higher region's call counts once more (D03 向上推荐), in the region of the call that recommended it
    /// on the day recommended: the county's recommendation in the county, the city's recommending the county's topic on in the city.
    /// </summary>
    public static IEnumerable<ActivityFact> From(ThinkTankTopic topic)
    {
        if (topic.ApprovedAt is { } at && topic.SourceTopicId is null)
        {
            yield return Fact(topic.RegionCode, FactKind.ThinkTankTopics, at, 1, 0, FactSource.ThinkTankTopic, topic.Id);
        }

        if (topic.RecommendedAt is { } recommended && topic.RecommendedTopicId is not null)
        {
            yield return Fact(topic.CallRegionCode, FactKind.ThinkTankTopicsRecommended, recommended, 1, 0, FactSource.ThinkTankTopic, topic.Id);
        }
    }

    /// <summary>A person's nomination decided 入选 counts one, in the nominee's region on the day decided (an organization's honour does not).</summary>
    public static IEnumerable<ActivityFact> From(Nomination nomination)
    {
        if (nomination.Status == NominationStatus.Selected && nomination.DecidedOn is { } on && nomination.OrganizationId is null)
        {
            yield return new ActivityFact(nomination.RegionCode, FactKind.NominationsSelected, ChinaTime.DayKey(on), 1, 0, FactSource.Nomination, nomination.Id);
        }
    }

    /// <summary>
    /// A school's contest work counts one, in the school's region on the (CST) day entered, unless it failed the review; its copy
    /// recommended to a higher edition (<see cref="ContestEntry.SourceEntryId"/>) was counted as the original.
    /// </summary>
    public static IEnumerable<ActivityFact> From(ContestEntry entry)
    {
        if (entry.SourceEntryId is null && entry.Status != ContestEntryStatus.Rejected)
        {
            yield return Fact(entry.RegionCode, FactKind.ContestEntries, entry.CreatedAt, 1, 0, FactSource.ContestEntry, entry.Id);
        }
    }

    /// <summary>Whether a workstation kind counts in W08 (院士(专家)工作站, 专家工作站, 科技小院; not 专家服务团 nor 产学研合作项目).</summary>
    public static bool CountsAsStation(WorkstationKind kind) =>
        kind is WorkstationKind.AcademicianWorkstation or WorkstationKind.ExpertWorkstation or WorkstationKind.ScienceCourtyard;

    /// <summary>A 院士(专家)工作站, 专家工作站 or 科技小院 counts one, in its region on the day founded (ended later, it was still founded).</summary>
    public static IEnumerable<ActivityFact> From(Workstation station)
    {
        if (CountsAsStation(station.Kind))
        {
            yield return new ActivityFact(station.RegionCode, FactKind.WorkstationsFounded, ChinaTime.DayKey(station.FoundedOn), 1, 0, FactSource.Workstation, station.Id);
        }
    }

    /// <summary>Whether a society's activity is an academic exchange (年会, 学术交流, 特色学术交流) counted in W09.</summary>
    public static bool IsExchange(SocietyActivityKind kind) =>
        kind is SocietyActivityKind.AnnualMeeting or SocietyActivityKind.AcademicExchange or SocietyActivityKind.FeaturedExchange;

    /// <summary>A society's 年会 or 学术交流 counts one, in the association's region on the day held.</summary>
    public static IEnumerable<ActivityFact> From(SocietyActivity activity)
    {
        if (IsExchange(activity.Kind))
        {
            yield return new ActivityFact(activity.RegionCode, FactKind.SocietyExchanges, ChinaTime.DayKey(activity.HeldOn), 1, 0, FactSource.SocietyActivity, activity.Id);
        }
    }

    /// <summary>
    /// A workstation's (or base's) output of a year counts its projects, patents and trainings, in its region on 31 December of that year
    /// (every kind of station, as the stations' statistics add them up; a figure of zero gives no fact).
    /// </summary>
    public static IEnumerable<ActivityFact> From(WorkstationOutput output)
    {
        var day = ChinaTime.DayKey(new DateOnly(output.Year, 12, 31));
        foreach (var (kind, count) in new[] { (FactKind.WorkstationProjects, output.Projects), (FactKind.WorkstationPatents, output.Patents), (FactKind.WorkstationTrainings, output.Trainings) })
        {
            if (count > 0)
            {
                yield return new ActivityFact(output.RegionCode, kind, day, count, 0, FactSource.WorkstationOutput, output.Id);
            }
        }
    }

    /// <summary>The kinds the 科协 inspects yearly (学会, 协会, 农技协): those due a 年检 and counted in 年检合格率.</summary>
    public static bool IsInspected(AssociationKind kind) => kind is AssociationKind.Society or AssociationKind.Association or AssociationKind.RuralTechAssociation;

    /// <summary>
    /// A 学会, 协会 or 农技协 is due a 年检 every year from the year it was established (or, with no date of establishment, registered on
    /// the platform) to the year of <paramref name="today"/>: one fact per year in its region on 31 December of that year.
    /// </summary>
    public static IEnumerable<ActivityFact> From(Association association, DateOnly today)
    {
        if (!IsInspected(association.Kind))
        {
            yield break;
        }

        var first = association.EstablishedOn?.Year ?? ChinaTime.DateOf(association.CreatedAt).Year;
        for (var year = Math.Max(first, 1950); year <= today.Year; year++)
        {
            yield return new ActivityFact(association.RegionCode, FactKind.InspectionsDue, ChinaTime.DayKey(new DateOnly(year, 12, 31)), 1, 0, FactSource.Association, association.Id);
        }
    }

    /// <summary>Whether a 年检 result passes (合格 or 基本合格) in 年检合格率.</summary>
    public static bool Passes(InspectionStatus status) => status is InspectionStatus.Passed or InspectionStatus.BasicallyPassed;

    /// <summary>A 年检 decided 合格 or 基本合格 counts one, in the association's region on 31 December of the year inspected (the caller passes only those of inspected kinds).</summary>
    public static IEnumerable<ActivityFact> From(Inspection inspection)
    {
        if (Passes(inspection.Status))
        {
            yield return new ActivityFact(inspection.RegionCode, FactKind.InspectionsPassed, ChinaTime.DayKey(new DateOnly(inspection.Year, 12, 31)), 1, 0, FactSource.Inspection, inspection.Id);
        }
    }

    /// <summary>A valid returned questionnaire counts one, in the survey's region on the (CST) day submitted.</summary>
    public static IEnumerable<ActivityFact> From(SurveyResponse response)
    {
        if (response.Valid)
        {
            yield return Fact(response.RegionCode, FactKind.SurveyResponsesValid, response.SubmittedAt, 1, 0, FactSource.SurveyResponse, response.Id);
        }
    }

    /// <summary>A proposal counts once adopted, on the day adopted.</summary>
    public static IEnumerable<ActivityFact> From(Proposal proposal)
    {
        if (proposal.Status == ProposalStatus.Adopted && proposal.DecidedAt is { } at)
        {
            yield return Fact(proposal.RegionCode, FactKind.ProposalsAdopted, at, 1, 0, FactSource.Proposal, proposal.Id);
        }
    }

    private static ActivityFact Fact(string region, FactKind kind, DateTimeOffset at, int count, long fen, FactSource source, Guid id) =>
        new(region, kind, ChinaTime.DayKey(at), count, fen, source, id);
}
