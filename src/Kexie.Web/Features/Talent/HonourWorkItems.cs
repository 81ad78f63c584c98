using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Workbench;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Talent;

/// <summary>
/// The honours' part of 我的工作台 (<see cref="IWorkItemSource"/>, registered by <see cref="TalentModule"/>): for those who decide the
/// calls of their own region (<c>talent.honours.manage</c>), one item per open call with candidates waiting for a result
/// ("N名候选人待评选", to the call's page), gone once each is 入选 or 未入选 or the call is closed.
/// </summary>
public sealed class HonourWorkItems(KexieDbContext db, AccessPolicy policy) : IWorkItemSource
{
    public WorkSection Section => WorkSection.Review;

    public bool AppliesTo(Actor actor) => actor.ManagedScope is { } scope && policy.Can(actor, TalentPermissions.ManageHonours, scope);

    public Task<int> CountAsync(Actor actor, DateTimeOffset now, CancellationToken ct) => Waiting(actor).CountAsync(ct);

    public IQueryable<int> CountQuery(Actor actor, DateTimeOffset now) => Waiting(actor).Select(_ => 1);

    public async Task<IReadOnlyList<WorkItemDto>> ItemsAsync(Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var calls = await Waiting(actor).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Take(WorkbenchService.PerSection)
            .Select(c => new { c.Id, c.Name, c.Kind, c.RegionCode, c.Quota }).ToListAsync(ct);
        if (calls.Count == 0)
        {
            return [];
        }

        var ids = calls.Select(c => c.Id).ToList();
        var waiting = await db.Nominations.AsNoTracking().Where(n => ids.Contains(n.CallId) && n.Status == NominationStatus.Nominated)
            .GroupBy(n => n.CallId).Select(g => new { g.Key, Count = g.Count(), Since = g.Min(n => n.CreatedAt) }).ToDictionaryAsync(x => x.Key, ct);
        return [.. calls.Select(c =>
        {
            var w = waiting[c.Id];
            var quota = c.Quota is { } q ? $"，名额{q}名" : string.Empty;
            return WorkbenchService.Item(WorkSection.Review, "待评选的荣誉推荐", c.Name, c.RegionCode, null, w.Since, false,
                $"{c.Kind.Chinese()}：{w.Count}名候选人待评选{quota}", $"/Talent/Honours/Details/{c.Id}");
        })];
    }

    /// <summary>Open calls held by the caller's own region (not those below it) with a nomination waiting, for those who decide them.</summary>
    private IQueryable<HonourCall> Waiting(Actor actor)
    {
        var scope = actor.ManagedScope;
        return db.HonourCalls.AsNoTracking().Where(c => c.RegionCode == scope && c.Status == HonourCallStatus.Open
            && db.Nominations.Any(n => n.CallId == c.Id && n.Status == NominationStatus.Nominated));
    }
}
