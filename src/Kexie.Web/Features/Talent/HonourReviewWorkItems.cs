using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;
using Kexie.Domain.Talent;
using Kexie.Domain.ThinkTank;
using Kexie.Web.Features.Workbench;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Talent;

/// <summary>
/// The honour review's part of 我的工作台 (<see cref="IWorkItemSource"/>, registered by <see cref="TalentModule"/>): for an expert of the
/// 专家库, one item per call with nominations assigned to them and not yet scored ("待评审的推荐人选", to 我的荣誉评审), gone once all are
/// scored, the review is closed or the nominations are decided.
/// </summary>
public sealed class HonourReviewWorkItems(KexieDbContext db, AccessPolicy policy) : IWorkItemSource
{
    public WorkSection Section => WorkSection.Review;

    public bool AppliesTo(Actor actor) => actor.ScienceWorkerId is not null && policy.Can(actor, TalentPermissions.ScoreHonours);

    public async Task<int> CountAsync(Actor actor, DateTimeOffset now, CancellationToken ct) => (await PendingAsync(actor, ct)).Count;

    public async Task<IReadOnlyList<WorkItemDto>> ItemsAsync(Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var pending = await PendingAsync(actor, ct);
        return [.. pending.Take(WorkbenchService.PerSection).Select(p => WorkbenchService.Item(WorkSection.Review, "待评审的推荐人选", $"荣誉评审：{p.Count}名推荐人选待评分",
            p.RegionCode, null, p.Since, false, p.Name, "/Talent/Honours/Reviews"))];
    }

    /// <summary>The caller's sheets not yet scored, of nominations still waiting in calls whose review is open, by call.</summary>
    private async Task<List<(string Name, string RegionCode, int Count, DateTimeOffset Since)>> PendingAsync(Actor actor, CancellationToken ct)
    {
        if (actor.ScienceWorkerId is not { } worker)
        {
            return [];
        }

        var rows = await db.NominationAssignments.AsNoTracking()
            .Where(a => a.ExpertWorkerId == worker && a.Status == AssignmentStatus.Assigned)
            .Join(db.Nominations.Where(n => n.Status == NominationStatus.Nominated), a => a.NominationId, n => n.Id, (a, n) => a)
            .Join(db.HonourCalls.Where(c => c.Status == HonourCallStatus.Open && !c.ReviewClosed), a => a.CallId, c => c.Id, (a, c) => new { c.Name, c.RegionCode, a.CallId, a.CreatedAt })
            .ToListAsync(ct);
        return [.. rows.GroupBy(r => r.CallId).Select(g => (g.First().Name, g.First().RegionCode, g.Count(), g.Min(r => r.CreatedAt))).OrderBy(x => x.Item4)];
    }
}
