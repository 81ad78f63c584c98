using System.Text;
using Kexie.Data;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Web.Features.Workbench;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Features.Notifications;

/// <summary>Settings of the notification channels (section <c>Notifications</c>).</summary>
public sealed class NotificationOptions
{
    /// <summary>China-time hour (0–23) from which the daily digest goes out; negative turns it off.</summary>
    public int DigestHour { get; set; } = 8;

    /// <summary>How often each node looks for digests to send (minutes).</summary>
    public int DigestScanMinutes { get; set; } = 5;

    /// <summary>How often each node sends the text-message copies (seconds; 0 turns the dispatcher off).</summary>
    public int TextDispatchSeconds { get; set; } = 10;
}

/// <summary>
/// 每日摘要: once per China day, from <see cref="NotificationOptions.DigestHour"/>, each holder of
/// <see cref="NotificationPermissions.ReceiveDigest"/> (by default staff and admins) with an e-mail address who kept the digest on gets one e-mail: the workbench's counts and its first items
/// (nearest deadline first) and the unread notifications. The (user, day) row is claimed before sending, so across nodes
/// each user gets at most one a day; a failed send gives the claim back so a later pass retries. Nothing waiting, nothing
/// sent (the day is still marked).
/// </summary>
public sealed class DigestSender(
    KexieDbContext db,
    IEmailSender email,
    NotificationPreferences preferences,
    WorkbenchService workbench,
    Kexie.Domain.Authorization.AccessPolicy policy,
    IOptions<NotificationOptions> options,
    IOptions<SmtpOptions> smtp,
    ILogger<DigestSender> logger)
{
    public const int ItemsListed = 10;

    /// <summary>One pass at <paramref name="now"/>; returns how many digests were sent.</summary>
    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var hour = options.Value.DigestHour;
        var china = now.ToOffset(MarketRules.ChinaOffset);
        if (!email.IsEnabled || hour < 0 || china.Hour < hour)
        {
            return 0;
        }

        var day = DateOnly.FromDateTime(china.DateTime);
        var done = db.Set<NotificationDigest>().Where(d => d.Day == day).Select(d => d.UserId);
        var roles = policy.Grants.RolesHolding(NotificationPermissions.ReceiveDigest);
        var users = await db.Users.AsNoTracking()
            .Where(u => roles.Contains(u.Role)
                && u.Email != null && u.Email != "" && !done.Contains(u.Id))
            .OrderBy(u => u.Id)
            .ToListAsync(ct);
        var choices = await preferences.LoadAsync(users.Select(u => u.Id).ToList(), ct);
        var sent = 0;
        foreach (var user in users.Where(u => choices[u.Id].DailyDigest))
        {
            if (!await ClaimAsync(user.Id, day, now, ct))
            {
                continue;
            }

            var message = await ComposeAsync(user, day, ct);
            if (message is null)
            {
                continue;
            }

            try
            {
                await email.SendAsync(message, ct);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "每日摘要发送失败，稍后重试");
                await db.Set<NotificationDigest>().Where(d => d.UserId == user.Id && d.Day == day).ExecuteDeleteAsync(ct);
            }
        }

        return sent;
    }

    /// <summary>The digest of <paramref name="user"/> for <paramref name="day"/>, or null when nothing waits and nothing is unread.</summary>
    public async Task<EmailMessage?> ComposeAsync(AppUser user, DateOnly day, CancellationToken ct)
    {
        var actor = user.ToActor();
        var bench = await workbench.GetAsync(actor, ct);
        var unread = await db.Set<Notification>().AsNoTracking().CountAsync(n => n.RecipientUserId == user.Id && n.ReadAt == null, ct);
        if (bench.Counts.Total == 0 && unread == 0)
        {
            return null;
        }

        var c = bench.Counts;
        var text = new StringBuilder();
        text.Append(user.DisplayName).Append("，您好！\n\n")
            .Append($"截至{bench.AsOf.ToOffset(MarketRules.ChinaOffset):yyyy-MM-dd HH:mm}（北京时间），您的工作台有 {c.Total} 项待办：")
            .Append($"待审核 {c.Review} 项，一单一策 {c.Plans} 项，订单 {c.Orders} 项，联动任务 {c.Linkage} 项，近期活动 {c.Activities} 项；未读通知 {unread} 条。\n\n");
        foreach (var item in bench.Items.Take(ItemsListed))
        {
            var when = item.DueAt is { } due ? $"截止 {due:yyyy-MM-dd HH:mm}{(item.Overdue ? "（已超期）" : string.Empty)}" : item.Since is { } since ? $"{since:yyyy-MM-dd HH:mm} 起" : string.Empty;
            text.Append($"· 【{item.KindName}】{item.Title}（{item.RegionName}）{when} {item.Note}\n  {Absolute(item.Link)}\n");
        }

        if (bench.Items.Count > ItemsListed)
        {
            text.Append($"……另有 {bench.Items.Count - ItemsListed} 项，请登录工作台查看。\n");
        }

        text.Append($"\n工作台：{Absolute("/")}\n（每日摘要可在“通知设置”中关闭：{Absolute("/Notifications/Settings")}）");
        return new EmailMessage(user.Email!, $"【科协云】每日待办摘要（{day:yyyy-MM-dd}）：{c.Total} 项待办", text.ToString());
    }

    private async Task<bool> ClaimAsync(string userId, DateOnly day, DateTimeOffset now, CancellationToken ct)
    {
        db.Add(NotificationDigest.Claim(userId, day, now));
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node claimed it first.
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private string Absolute(string link) => smtp.Value.AbsoluteLink(link);
}

/// <summary>Runs <see cref="DigestSender"/> every <see cref="NotificationOptions.DigestScanMinutes"/> minutes (only when e-mail is configured).</summary>
public sealed class DigestService(IServiceScopeFactory scopes, IEmailSender email, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<DigestService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!email.IsEnabled || options.Value.DigestHour < 0 || options.Value.DigestScanMinutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.DigestScanMinutes));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sent = await scope.ServiceProvider.GetRequiredService<DigestSender>().RunAsync(clock.GetUtcNow(), stoppingToken);
                if (sent > 0)
                {
                    logger.LogInformation("每日摘要：发送 {Count} 封", sent);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "每日摘要轮次失败，稍后重试");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>Runs <see cref="TextOutbox"/> every <see cref="NotificationOptions.TextDispatchSeconds"/> seconds.</summary>
public sealed class TextDispatchService(IServiceScopeFactory scopes, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<TextDispatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.TextDispatchSeconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.TextDispatchSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<TextOutbox>().DispatchDueAsync(clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "通知短信发送轮次失败，稍后重试");
            }
        }
    }
}
