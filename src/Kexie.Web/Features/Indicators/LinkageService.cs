using Kexie.Data;
using Kexie.Data.Indicators;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Indicators;

/// <summary>联动调度: tasks a higher level assigns to lower levels, with progress computed from the indicator data.</summary>
public sealed class LinkageService(KexieDbContext db, IndicatorEngine engine, IndicatorRefresher refresher, IndicatorService indicators, TimeProvider clock)
{
    public async Task<IReadOnlyList<LinkageTaskDto>> AssignAsync(Actor actor, AssignLinkageRequest request, CancellationToken ct)
    {
        var regions = (request.RegionCodes ?? []).Select(c => c?.Trim() ?? string.Empty).Distinct().ToList();
        if (regions.Count == 0)
        {
            throw new DomainValidationException("regionCodes", "请选择下达任务的下级地区");
        }

        if (regions.Count > 500)
        {
            throw new DomainValidationException("regionCodes", "一次最多向500个地区下达任务");
        }

        var tasks = new List<LinkageTask>();
        foreach (var region in regions)
        {
            await indicators.RegionAsync(region, ct);
            tasks.Add(LinkageTask.Assign(actor, new LinkageTaskData(request.Title, request.IndicatorCode, region, request.Target, request.StartsOn, request.DueOn, request.Note)));
        }

        db.LinkageTasks.AddRange(tasks);
        await db.SaveChangesAsync(ct);
        return await ToDtosAsync(tasks, ct);
    }

    /// <summary>Tasks assigned to the actor's subtree, or assigned by it.</summary>
    public async Task<IReadOnlyList<LinkageTaskDto>> ListAsync(Actor actor, string? status, CancellationToken ct)
    {
        indicators.RequireManager(actor);
        var scope = actor.ManagedScope!;
        var tasks = await db.LinkageTasks.AsNoTracking()
            .Where(t => RegionScope.Within(t.RegionCode, scope) || RegionScope.Within(t.AssignedByRegionCode, scope))
            .OrderBy(t => t.DueOn).ThenBy(t => t.RegionCode)
            .Take(2000)
            .ToListAsync(ct);
        var dtos = await ToDtosAsync(tasks, ct);
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Enum.TryParse<LinkageStatus>(status, true, out var wanted))
            {
                throw new DomainValidationException("status", $"任务状态“{status}”不正确");
            }

            return dtos.Where(d => d.Status == wanted).ToList();
        }

        return dtos;
    }

    public async Task<LinkageTaskDto> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var task = await FindAsync(actor, id, ct);
        return (await ToDtosAsync([task], ct))[0];
    }

    public async Task<LinkageTaskDto> CommentAsync(Actor actor, Guid id, CommentRequest request, CancellationToken ct)
    {
        var task = await FindAsync(actor, id, ct, track: true);
        task.Comment(actor, request.Text, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return (await ToDtosAsync([task], ct))[0];
    }

    private async Task<LinkageTask> FindAsync(Actor actor, Guid id, CancellationToken ct, bool track = false)
    {
        var query = track ? db.LinkageTasks : db.LinkageTasks.AsNoTracking();
        var task = await query.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null || !task.IsVisibleTo(actor))
        {
            throw new NotFoundException("联动任务不存在");
        }

        return task;
    }

    public async Task<IReadOnlyList<LinkageTaskDto>> ToDtosAsync(IReadOnlyList<LinkageTask> tasks, CancellationToken ct)
    {
        await refresher.RefreshAsync(ct: ct);
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var names = await indicators.RegionNamesAsync(tasks.Select(t => t.RegionCode), ct);
        var result = new List<LinkageTaskDto>(tasks.Count);
        foreach (var task in tasks)
        {
            var definition = task.Indicator;
            decimal? actual = today < task.StartsOn ? 0m : definition.Compute(await engine.TotalsForAsync(task.RegionCode, task.MeasuredDays(today), ct));
            var progress = task.Evaluate(actual, today);
            result.Add(new LinkageTaskDto(
                task.Id, task.Title, task.IndicatorCode, definition.Name, definition.Unit, task.RegionCode, names.GetValueOrDefault(task.RegionCode),
                task.AssignedByRegionCode, task.AssignedByName, task.Target, task.StartsOn, task.DueOn, task.Note,
                progress.Actual, progress.Percent, progress.ExpectedPercent, progress.Status, progress.Status.Chinese(),
                progress.Status == LinkageStatus.Overdue, progress.Status == LinkageStatus.AtRisk,
                task.Comments.OrderBy(c => c.At).Select(c => new LinkageCommentDto(c.Id, c.At, c.ByName, c.ByRegionCode, c.Text)).ToList()));
        }

        return result;
    }
}
