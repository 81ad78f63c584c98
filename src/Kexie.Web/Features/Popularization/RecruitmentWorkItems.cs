using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Workbench;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Popularization;

/// <summary>
/// 志愿者招募 in the organiser's 我的工作台 (<see cref="IWorkItemSource"/>, registered by <see cref="PopularizationModule"/>): for
/// those who run the calls of their subtree (<c>popularization.volunteers.recruit</c>), one item per call with applications
/// waiting ("N名志愿者报名待录用", to the activity's page), gone once each is accepted, declined or withdrawn.
/// </summary>
public sealed class RecruitmentWorkItems(KexieDbContext db, AccessPolicy policy) : IWorkItemSource
{
    public WorkSection Section => WorkSection.Activities;

    public bool AppliesTo(Actor actor) => actor.ManagedScope is { } scope && policy.Can(actor, PopularizationPermissions.ManageRecruitment, scope);

    public Task<int> CountAsync(Actor actor, DateTimeOffset now, CancellationToken ct) => Waiting(actor, now).CountAsync(ct);

    public IQueryable<int> CountQuery(Actor actor, DateTimeOffset now) => Waiting(actor, now).Select(_ => 1);

    public async Task<IReadOnlyList<WorkItemDto>> ItemsAsync(Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var calls = await Waiting(actor, now).OrderBy(c => c.Deadline).ThenBy(c => c.Id).Take(WorkbenchService.PerSection)
            .Join(db.PopularizationActivities, c => c.ActivityId, a => a.Id, (c, a) => new { c.Id, c.ActivityId, a.Title, c.RegionCode, c.Slots, c.Deadline })
            .ToListAsync(ct);
        if (calls.Count == 0)
        {
            return [];
        }

        var ids = calls.Select(c => c.Id).ToList();
        var counts = await db.VolunteerApplications.AsNoTracking().Where(a => ids.Contains(a.VolunteerCallId))
            .GroupBy(a => a.VolunteerCallId)
            .Select(g => new
            {
                g.Key,
                Waiting = g.Count(a => a.Status == VolunteerApplicationStatus.Applied),
                Accepted = g.Count(a => a.Status == VolunteerApplicationStatus.Accepted),
                Since = g.Where(a => a.Status == VolunteerApplicationStatus.Applied).Min(a => (DateTimeOffset?)a.UpdatedAt),
            })
            .ToDictionaryAsync(x => x.Key, ct);
        return [.. calls.OrderBy(c => c.Deadline).Select(c =>
        {
            var n = counts[c.Id];
            var due = new DateTimeOffset(c.Deadline.ToDateTime(new TimeOnly(23, 59)), MarketRules.ChinaOffset);
            return WorkbenchService.Item(WorkSection.Activities, "志愿者报名待录用", c.Title, c.RegionCode, due, n.Since, false,
                $"{n.Waiting}名志愿者报名待录用，已录用{n.Accepted}/{c.Slots}名", $"/Popularization/Activities/Details/{c.ActivityId}#volunteer-call");
        })];
    }

    /// <summary>Calls of the caller's subtree for activities not yet over, with an application waiting.</summary>
    private IQueryable<VolunteerCall> Waiting(Actor actor, DateTimeOffset now)
    {
        var today = MarketRules.ChinaDate(now);
        return db.VolunteerCalls.AsNoTracking().InScope(actor)
            .Where(c => db.PopularizationActivities.Any(a => a.Id == c.ActivityId && a.EndsOn >= today && a.Status == ActivityStatus.Open)
                && db.VolunteerApplications.Any(a => a.VolunteerCallId == c.Id && a.Status == VolunteerApplicationStatus.Applied));
    }
}

/// <summary>
/// The volunteer's side of 我的工作台: activities not yet over at which they were accepted (已录用), with the day and place,
/// to the activity's page where they sign in and out. Only for science workers (the accounts that register as volunteers).
/// </summary>
public sealed class AcceptedVolunteeringWorkItems(KexieDbContext db, AccessPolicy policy) : IWorkItemSource
{
    public WorkSection Section => WorkSection.Activities;

    public bool AppliesTo(Actor actor) => actor.UserId is not null && actor.ScienceWorkerId is not null && policy.Can(actor, PopularizationPermissions.ApplyAsVolunteer, actor.RegionCode);

    public Task<int> CountAsync(Actor actor, DateTimeOffset now, CancellationToken ct) => Upcoming(actor, now).CountAsync(ct);

    public IQueryable<int> CountQuery(Actor actor, DateTimeOffset now) => Upcoming(actor, now).Select(_ => 1);

    public async Task<IReadOnlyList<WorkItemDto>> ItemsAsync(Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await Upcoming(actor, now)
            .Join(db.PopularizationActivities, a => a.ActivityId, x => x.Id, (a, x) => new { x.Id, x.Title, x.RegionCode, x.Venue, x.StartsOn, x.EndsOn, a.DecidedAt })
            .OrderBy(x => x.StartsOn).ThenBy(x => x.Id).Take(WorkbenchService.PerSection).ToListAsync(ct);
        return [.. rows.Select(x =>
        {
            var due = new DateTimeOffset(x.EndsOn.ToDateTime(new TimeOnly(23, 59)), MarketRules.ChinaOffset);
            var days = x.StartsOn.ToString("yyyy-MM-dd") + (x.EndsOn != x.StartsOn ? " 至 " + x.EndsOn.ToString("yyyy-MM-dd") : string.Empty);
            return WorkbenchService.Item(WorkSection.Activities, "已录用的志愿服务", x.Title, x.RegionCode, due, x.DecidedAt, false,
                $"{days}，{x.Venue}；到岗后签到，结束后签退", $"/Popularization/Activities/Details/{x.Id}#volunteer-service");
        })];
    }

    private IQueryable<VolunteerApplication> Upcoming(Actor actor, DateTimeOffset now)
    {
        var today = MarketRules.ChinaDate(now);
        return db.VolunteerApplications.AsNoTracking()
            .Where(a => a.Status == VolunteerApplicationStatus.Accepted
                && db.Volunteers.Any(v => v.Id == a.VolunteerId && v.UserId == actor.UserId)
                && db.PopularizationActivities.Any(x => x.Id == a.ActivityId && x.EndsOn >= today && x.Status == ActivityStatus.Open));
    }
}
