using Kexie.Data;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Features.Market;

/// <summary>
/// Finds 一单一策 plans past their first-response deadline and notifies the handler and the association admins of
/// the need's county. Idempotent: one notification per recipient per plan per overdue episode (the episode is the
/// plan with its deadline, carried in the notification's dedup key, unique per recipient), however often it runs
/// and on however many web nodes.
/// </summary>
public sealed class OverdueScanner(KexieDbContext db, Notifier notifier, TimeProvider clock, ILogger<OverdueScanner> logger)
{
    public const int BatchSize = 500;

    /// <summary>One pass; returns how many notifications it created.</summary>
    public async Task<int> ScanAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var plans = await db.ResponsePlans.AsNoTracking()
            .Where(ResponsePlan.OverdueAt(now))
            .Join(db.Needs, p => p.NeedId, n => n.Id, (p, n) => new { p.Id, p.NeedId, p.RegionCode, p.HandlerUserId, p.ResponseDueAt, n.Title })
            .OrderBy(p => p.ResponseDueAt)
            .Take(BatchSize)
            .ToListAsync(ct);
        var adminsByCounty = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var created = 0;
        foreach (var plan in plans)
        {
            var county = plan.RegionCode.Length > 6 ? plan.RegionCode[..6] : plan.RegionCode;
            if (!adminsByCounty.TryGetValue(county, out var admins))
            {
                admins = await db.Users.AsNoTracking().Where(u => u.Role == UserRole.AssociationAdmin && u.RegionCode == county).Select(u => u.Id).ToListAsync(ct);
                adminsByCounty[county] = admins;
            }

            var key = $"overdue:{plan.Id:N}:{plan.ResponseDueAt.UtcTicks}";
            var already = await db.Set<Notification>().AsNoTracking().Where(n => n.DedupKey == key).Select(n => n.RecipientUserId).ToListAsync(ct);
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
                var created = await scope.ServiceProvider.GetRequiredService<OverdueScanner>().ScanAsync(stoppingToken);
                if (created > 0)
                {
                    logger.LogInformation("超期未响应提醒：新建 {Count} 条通知", created);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "超期扫描失败，下次继续");
            }
        }
    }
}
