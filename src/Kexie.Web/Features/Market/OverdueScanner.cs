using Kexie.Data;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Web.Features.Notifications;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Features.Market;

/// <summary>
/// Finds 一单一策 plans past their first-response deadline and notifies the handler and the association admins of
/// the need's county. Idempotent: one notification per recipient per plan per overdue episode (the episode is the
/// plan with its deadline, carried in the notification's dedup key, unique per recipient), however often it runs
/// and on however many web nodes. <see cref="RemindDueSoonAsync"/> does the same for plans whose deadline is near: from the
/// start (China time) of the last working day before the deadline's day, the handler (or, unassigned, the county's staff)
/// is reminded once per deadline.
/// </summary>
public sealed class OverdueScanner(KexieDbContext db, Notifier notifier, TimeProvider clock, IWorkingCalendar calendar, ILogger<OverdueScanner> logger)
{
    public const int BatchSize = 500;

    /// <summary>One pass over every overdue plan, <see cref="BatchSize"/> at a time; returns how many notifications it created.</summary>
    public Task<int> ScanAsync(CancellationToken ct = default) => ScanAsync(BatchSize, ct);

    /// <summary>
    /// One pass over every overdue plan, oldest deadline first, in batches of <paramref name="batchSize"/> read after the
    /// last (deadline, id) of the batch before: a province with thousands of unanswered plans reaches the newest too
    /// (a single batch of the oldest would notify those once and never get past them).
    /// </summary>
    public async Task<int> ScanAsync(int batchSize, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var adminsByCounty = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var created = 0;
        DateTimeOffset? lastDue = null;
        var lastId = Guid.Empty;
        while (true)
        {
            var plans = await BatchAsync(db.ResponsePlans.AsNoTracking().Where(ResponsePlan.OverdueAt(now)), lastDue, lastId, batchSize, ct);
            created += await NotifyOverdueAsync(plans, now, adminsByCounty, ct);
            if (plans.Count < batchSize)
            {
                return created;
            }

            (lastDue, lastId) = (plans[^1].ResponseDueAt, plans[^1].Id);
        }
    }

    /// <summary>Plans by deadline, then id, oldest first: the list order's keyset (<see cref="KeysetOrder{T}.ByTime"/>).</summary>
    private static readonly KeysetOrder<ResponsePlan> ByDeadline = KeysetOrder<ResponsePlan>.ByTime(p => p.ResponseDueAt, p => p.Id, oldestFirst: true);

    private sealed record OverduePlan(Guid Id, string RegionCode, string? HandlerUserId, DateTimeOffset ResponseDueAt, string Title);

    /// <summary>
    /// The next <paramref name="size"/> plans in (deadline, id) order as the database orders them (the keyset's next batch
    /// starts after the last of these, so the order must be the database's, not re-sorted here), with their needs' titles.
    /// </summary>
    private async Task<List<OverduePlan>> BatchAsync(IQueryable<ResponsePlan> plans, DateTimeOffset? afterDue, Guid afterId, int size, CancellationToken ct)
    {
        if (afterDue is { } due)
        {
            plans = ByDeadline.Beyond!(plans, ListCursor.ByTime(due, afterId), false);
        }

        var rows = await ByDeadline.Order(plans, false)
            .Take(size)
            .Select(p => new { p.Id, p.NeedId, p.RegionCode, p.HandlerUserId, p.ResponseDueAt })
            .ToListAsync(ct);
        var needIds = rows.Select(r => r.NeedId).Distinct().ToList();
        var titles = await db.Needs.AsNoTracking().Where(n => needIds.Contains(n.Id)).Select(n => new { n.Id, n.Title }).ToDictionaryAsync(n => n.Id, n => n.Title, ct);
        return rows.Select(r => new OverduePlan(r.Id, r.RegionCode, r.HandlerUserId, r.ResponseDueAt, titles.GetValueOrDefault(r.NeedId, "（需求已删除）"))).ToList();
    }

    private async Task<int> NotifyOverdueAsync(List<OverduePlan> plans, DateTimeOffset now, Dictionary<string, List<string>> adminsByCounty, CancellationToken ct)
    {
        var created = 0;
        var notified = await NotifiedAsync(plans.Select(p => OverdueKey(p.Id, p.ResponseDueAt)), ct);
        foreach (var plan in plans)
        {
            var county = Kexie.Domain.Regions.RegionCode.CountyOf(plan.RegionCode);
            if (!adminsByCounty.TryGetValue(county, out var admins))
            {
                admins = await notifier.CountyHoldersAsync(MarketPermissions.SupervisePlans, county, ct);
                adminsByCounty[county] = admins;
            }

            var key = OverdueKey(plan.Id, plan.ResponseDueAt);
            var already = notified[key];
            var recipients = admins.Append(plan.HandlerUserId).Where(u => u is not null && !already.Contains(u)).ToList();
            if (recipients.Count == 0)
            {
                continue;
            }

            var hours = Math.Max(1, (int)Math.Floor((now - plan.ResponseDueAt).TotalHours));
            var added = notifier.Add(
                recipients,
                NotificationKind.ResponseOverdue,
                $"科技需求“{plan.Title}”超期未响应",
                $"该需求的一单一策应于{plan.ResponseDueAt.ToOffset(MarketRules.ChinaOffset):yyyy-MM-dd HH:mm}（北京时间）前首次响应，已超期约{hours}小时，请尽快联系需求单位或候选并登记联系情况。",
                $"/Market/Plans/Details/{plan.Id}",
                now,
                dedupKey: key);
            try
            {
                await db.SaveChangesAsync(ct);
                await notifier.AfterSaveAsync(ct);
                created += added;
                // The saved notifications are not needed any more: a tracker that kept them would be scanned again by
                // every later save of the pass (the outboxes' and audit's change scans), quadratic in the batch.
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException e)
            {
                // Another node notified the same episode at the same moment: the unique key kept it to one.
                logger.LogInformation(e, "超期通知已由其他节点写入：{Plan}", plan.Id);
                notifier.Discard();
                db.ChangeTracker.Clear();
            }
        }

        return created;
    }

    private static string OverdueKey(Guid plan, DateTimeOffset due) => $"overdue:{plan:N}:{due.UtcTicks}";

    private static string DueSoonKey(Guid plan, DateTimeOffset due) => $"due-soon:{plan:N}:{due.UtcTicks}";

    /// <summary>
    /// Who already has a notification of each dedup key: one read for the batch (by the notifications' unique key), not
    /// one per plan — a pass over the 500 oldest overdue plans of a province was 500 reads every few minutes.
    /// </summary>
    private async Task<ILookup<string, string>> NotifiedAsync(IEnumerable<string> keys, CancellationToken ct)
    {
        var wanted = keys.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return Array.Empty<(string, string)>().ToLookup(k => k.Item1, k => k.Item2, StringComparer.Ordinal);
        }

        var rows = await db.Set<Notification>().AsNoTracking()
            .Where(n => n.DedupKey != null && wanted.Contains(n.DedupKey))
            .Select(n => new { Key = n.DedupKey!, n.RecipientUserId })
            .ToListAsync(ct);
        return rows.ToLookup(r => r.Key, r => r.RecipientUserId, StringComparer.Ordinal);
    }

    /// <summary>
    /// The last working day before the China date of <paramref name="due"/> (a deadline on Monday is announced on
    /// Friday); the reminder starts at 00:00 China time of that day.
    /// </summary>
    public DateTimeOffset ReminderStart(DateTimeOffset due)
    {
        var day = MarketRules.ChinaDate(due).AddDays(-1);
        for (var guard = 0; guard < 60 && !calendar.IsWorkingDay(day); guard++)
        {
            day = day.AddDays(-1);
        }

        return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), MarketRules.ChinaOffset);
    }

    /// <summary>One pass of the 即将到期 reminders (plans still New whose deadline is near); returns how many it created.</summary>
    public Task<int> RemindDueSoonAsync(CancellationToken ct = default) => RemindDueSoonAsync(BatchSize, ct);

    /// <summary>
    /// The 即将到期 pass in batches of <paramref name="batchSize"/>, nearest deadline first, each read after the last
    /// (deadline, id) of the batch before; it stops at the first plan whose reminder has not started (a later deadline
    /// never starts earlier).
    /// </summary>
    public async Task<int> RemindDueSoonAsync(int batchSize, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var horizon = now + DueSoon.Horizon;
        var created = 0;
        DateTimeOffset? lastDue = null;
        var lastId = Guid.Empty;
        while (true)
        {
            var near = db.ResponsePlans.AsNoTracking().Where(p => p.Status == ResponsePlanStatus.New && p.ResponseDueAt > now && p.ResponseDueAt <= horizon);
            var batch = await BatchAsync(near, lastDue, lastId, batchSize, ct);
            var started = batch.Where(p => ReminderStart(p.ResponseDueAt) <= now).ToList();
            created += await RemindAsync(started, now, ct);
            if (batch.Count < batchSize || started.Count < batch.Count)
            {
                return created;
            }

            (lastDue, lastId) = (batch[^1].ResponseDueAt, batch[^1].Id);
        }
    }

    private async Task<int> RemindAsync(List<OverduePlan> plans, DateTimeOffset now, CancellationToken ct)
    {
        var created = 0;
        var notified = await NotifiedAsync(plans.Select(p => DueSoonKey(p.Id, p.ResponseDueAt)), ct);
        foreach (var plan in plans)
        {
            var key = DueSoonKey(plan.Id, plan.ResponseDueAt);
            var already = notified[key];
            List<string> candidates = plan.HandlerUserId is { } handler ? [handler] : await notifier.CountyHoldersAsync(MarketPermissions.ReceivePlans, plan.RegionCode, ct);
            var recipients = candidates.Where(u => !already.Contains(u)).ToList();
            if (recipients.Count == 0)
            {
                continue;
            }

            var due = plan.ResponseDueAt.ToOffset(MarketRules.ChinaOffset);
            var when = MarketRules.ChinaDate(due) == MarketRules.ChinaDate(now) ? "今天" : MarketRules.ChinaDate(due) == MarketRules.ChinaDate(now).AddDays(1) ? "明天" : $"{due:M月d日}";
            var added = notifier.Add(
                recipients,
                NotificationKind.DeadlineApproaching,
                $"科技需求“{plan.Title}”{when}到期",
                $"该需求的一单一策应于{due:yyyy-MM-dd HH:mm}（北京时间）前首次响应{(plan.HandlerUserId is null ? "，目前尚未指派处理人" : string.Empty)}，请在到期前联系需求单位或候选并登记联系情况。",
                $"/Market/Plans/Details/{plan.Id}",
                now,
                dedupKey: key);
            try
            {
                await db.SaveChangesAsync(ct);
                await notifier.AfterSaveAsync(ct);
                created += added;
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException e)
            {
                logger.LogInformation(e, "到期提醒已由其他节点写入：{Plan}", plan.Id);
                notifier.Discard();
                db.ChangeTracker.Clear();
            }
        }

        return created;
    }
}

/// <summary>How far ahead <see cref="OverdueScanner.RemindDueSoonAsync"/> looks (longer than any run of holidays).</summary>
file static class DueSoon
{
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(20);
}

/// <summary>Runs <see cref="OverdueScanner"/> every <see cref="MarketOptions.OverdueScanMinutes"/> minutes (0 turns it off).</summary>
public sealed class OverdueScanService(IServiceScopeFactory scopes, IOptions<MarketOptions> options, ILogger<OverdueScanService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = options.Value.OverdueScanMinutes;
        if (minutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var scanner = scope.ServiceProvider.GetRequiredService<OverdueScanner>();
                var created = await scanner.ScanAsync(stoppingToken);
                var reminded = await scanner.RemindDueSoonAsync(stoppingToken);
                if (created + reminded > 0)
                {
                    logger.LogInformation("超期未响应提醒：新建 {Count} 条通知；即将到期提醒 {Reminded} 条", created, reminded);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "超期扫描失败，下次继续");
            }
        }
    }
}
