using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;
using Kexie.Domain.Talent;
using Kexie.Domain.ThinkTank;
using Kexie.Web.Features.Workbench;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Talent;

/// <summary>
/// The contests' part of 我的工作台 (<see cref="IWorkItemSource"/>, registered by <see cref="TalentModule"/>): for an expert of the
/// 专家库, one item per edition with works assigned to them and not yet scored ("大赛评审：N件作品待评分", to 我的大赛评审), gone once
/// all are scored; for the holding region's reviewers, the 评审进度 of each of their own editions in review (专家评分 M/N 份).
/// </summary>
public sealed class ContestWorkItems(KexieDbContext db, AccessPolicy policy) : IWorkItemSource
{
    public WorkSection Section => WorkSection.Review;

    public bool AppliesTo(Actor actor) => Scores(actor) || Reviews(actor);

    public async Task<int> CountAsync(Actor actor, DateTimeOffset now, CancellationToken ct) =>
        (await PendingAsync(actor, ct)).Count + (Reviews(actor) ? await InReview(actor).CountAsync(ct) : 0);

    /// <summary>A reviewer's count (the editions in review) as a query; an expert's sheets are counted by <see cref="CountAsync"/> (a round's closing is checked per category in memory).</summary>
    public IQueryable<int>? CountQuery(Actor actor, DateTimeOffset now) => Scores(actor) ? null : InReview(actor).Select(_ => 1);

    public async Task<IReadOnlyList<WorkItemDto>> ItemsAsync(Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var items = new List<WorkItemDto>();
        var pending = await PendingAsync(actor, ct);
        if (pending.Count > 0)
        {
            var ids = pending.Select(p => p.ContestId).ToList();
            var contests = await db.Contests.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
            items.AddRange(pending.Select(p => WorkbenchService.Item(WorkSection.Review, "待我评分的大赛作品", $"大赛评审：{p.Count}件作品待评分", contests[p.ContestId].RegionCode,
                null, p.Since, false, contests[p.ContestId].Name, "/Talent/Contests/Reviews")));
        }

        var reviewing = !Reviews(actor) ? [] : await InReview(actor).OrderBy(c => c.UpdatedAt).Take(WorkbenchService.PerSection).Select(c => new { c.Id, c.Name, c.RegionCode, c.UpdatedAt }).ToListAsync(ct);
        if (reviewing.Count > 0)
        {
            var ids = reviewing.Select(c => c.Id).ToList();
            var sheets = await db.ContestAssignments.AsNoTracking().Where(a => ids.Contains(a.ContestId) && a.Status != AssignmentStatus.Declined)
                .Join(db.ContestEntries.Where(e => e.Status != ContestEntryStatus.NotAdvanced), a => a.EntryId, e => e.Id, (a, e) => new { a.ContestId, a.Status, a.Round, EntryRound = e.Round })
                .Where(a => a.Round == a.EntryRound)
                .GroupBy(a => a.ContestId).Select(g => new { g.Key, Assigned = g.Count(), Scored = g.Count(a => a.Status == AssignmentStatus.Scored) }).ToDictionaryAsync(x => x.Key, ct);
            var waiting = await db.ContestEntries.AsNoTracking().Where(e => ids.Contains(e.ContestId) && e.Status == ContestEntryStatus.Submitted)
                .GroupBy(e => e.ContestId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            items.AddRange(reviewing.Select(c =>
            {
                var s = sheets.GetValueOrDefault(c.Id);
                var note = s is null ? "尚未指派评审专家" : $"专家已评分{s.Scored}/{s.Assigned}份";
                return WorkbenchService.Item(WorkSection.Review, "大赛评审进度", c.Name, c.RegionCode, null, c.UpdatedAt, false,
                    $"评审进度：{note}，待评审作品{waiting.GetValueOrDefault(c.Id)}件", $"/Talent/Contests/Details/{c.Id}#expert-review");
            }));
        }

        return items;
    }

    /// <summary>The caller's assignments as an expert not yet scored, of works still waiting in editions not closed, by edition.</summary>
    private async Task<List<(Guid ContestId, int Count, DateTimeOffset Since)>> PendingAsync(Actor actor, CancellationToken ct)
    {
        if (!Scores(actor) || actor.ScienceWorkerId is not { } worker)
        {
            return [];
        }

        var rows = await db.ContestAssignments.AsNoTracking()
            .Where(a => a.ExpertWorkerId == worker && a.Status == AssignmentStatus.Assigned)
            .Join(db.ContestEntries.Where(e => e.Status == ContestEntryStatus.Submitted), a => a.EntryId, e => e.Id, (a, e) => new { Sheet = a, EntryRound = e.Round, e.Category })
            .Where(x => x.Sheet.Round == x.EntryRound)
            .Join(db.Contests.Where(c => c.Status != ContestStatus.Closed), x => x.Sheet.ContestId, c => c.Id, (x, c) => new { x.Sheet.ContestId, x.Sheet.CreatedAt, x.Category })
            .ToListAsync(ct);
        if (rows.Count == 0)
        {
            return [];
        }

        // A waiting work's sheet of its own round is of its category's current round; the category's round may be closed (its own or the edition's).
        var ids = rows.Select(r => r.ContestId).Distinct().ToList();
        var contests = await db.Contests.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        return [.. rows.Where(r => !contests[r.ContestId].RoundClosedFor(r.Category)).GroupBy(r => r.ContestId).Select(g => (g.Key, g.Count(), g.Min(r => r.CreatedAt))).OrderBy(x => x.Item3)];
    }

    /// <summary>Editions held by the caller's own region (not those below it) in 评审中, for those who review them.</summary>
    private IQueryable<Contest> InReview(Actor actor)
    {
        var scope = actor.ManagedScope;
        return db.Contests.AsNoTracking().Where(c => c.RegionCode == scope && c.Status == ContestStatus.Reviewing);
    }

    /// <summary>An expert of the 专家库 signed in as themselves, who may score works.</summary>
    private bool Scores(Actor actor) => actor.ScienceWorkerId is not null && policy.Can(actor, TalentPermissions.ScoreContests);

    /// <summary>One who reviews the editions of their own region.</summary>
    private bool Reviews(Actor actor) => actor.ManagedScope is { } scope && policy.Can(actor, TalentPermissions.ReviewContests, scope);
}
