using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;
using Kexie.Domain.Regions;
using Kexie.Domain.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Notifications;

/// <summary>
/// Adds notifications to the caller's unit of work, so they are saved in the same transaction as the change that
/// caused them (no change without its notification, no notification without its change). After the caller saved,
/// Each notification is also the outbox row of its e-mail copy (<see cref="EmailOutbox"/>); <see cref="AfterSaveAsync"/>
/// only wakes the dispatcher.
/// </summary>
public sealed class Notifier(KexieDbContext db, IEmailSender email, EmailSignal signal, AccessPolicy policy)
{
    private int pending;

    /// <summary>Notifies each distinct user once; <paramref name="except"/> (the one who acted) is left out.</summary>
    public int Add(IEnumerable<string?> userIds, NotificationKind kind, string title, string body, string? link, DateTimeOffset at, string? except = null, string? dedupKey = null)
    {
        var count = 0;
        foreach (var userId in userIds.Where(u => !string.IsNullOrEmpty(u) && u != except).Distinct(StringComparer.Ordinal))
        {
            var notification = Notification.Create(userId, kind, title, body, link, at, dedupKey);
            db.Set<Notification>().Add(notification);
            pending++;
            count++;
        }

        return count;
    }

    /// <summary>Accounts of the members of an organization.</summary>
    public Task<List<string>> OrganizationMembersAsync(Guid organizationId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.OrganizationId == organizationId).Select(u => u.Id).ToListAsync(ct);

    /// <summary>The account(s) of a science worker.</summary>
    public Task<List<string>> WorkerAccountsAsync(Guid workerId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.ScienceWorkerId == workerId).Select(u => u.Id).ToListAsync(ct);

    /// <summary>
    /// The accounts of the county (6 digits) that holds <paramref name="regionCode"/> who may use <paramref name="permission"/>
    /// on a record of that region, as the authorization model decides (the deployment's grants included): whom a county's
    /// work goes to is the permission it needs, never a role written here.
    /// </summary>
    public async Task<List<string>> CountyHoldersAsync(Permission permission, string regionCode, CancellationToken ct) =>
        (await HoldersAsync(permission, regionCode, [RegionCode.CountyOf(regionCode)], ct)).Select(u => u.Id).ToList();

    /// <summary>
    /// The accounts registered at one of <paramref name="levels"/> whose role holds <paramref name="permission"/> and who may use
    /// it on a record of <paramref name="regionCode"/>.
    /// </summary>
    public async Task<List<AppUser>> HoldersAsync(Permission permission, string regionCode, IReadOnlyCollection<string> levels, CancellationToken ct)
    {
        var roles = policy.Grants.RolesHolding(permission);
        var users = await db.Users.AsNoTracking().Where(u => roles.Contains(u.Role) && levels.Contains(u.RegionCode)).ToListAsync(ct);
        return users.Where(u => policy.Can(u.ToActor(), permission, regionCode)).ToList();
    }

    /// <summary>The name people know the acting user by (display name), never the login name; <paramref name="fallback"/> when unknown.</summary>
    public async Task<string> PersonNameAsync(string? userId, string fallback, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(userId))
        {
            return fallback;
        }

        var name = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        return string.IsNullOrWhiteSpace(name) ? fallback : name;
    }

    /// <summary>
    /// A review step of <paramref name="item"/> (an offer, need, science content or fair project), called after the step and
    /// before the caller saves: submitted → the county's holders of <paramref name="reviewers"/> (by default its association admins) hear of a new item to review; published, returned
    /// or rejected → the owners hear of the outcome (with the reason). Other steps notify nobody.
    /// </summary>
    public async Task ReviewStepAsync(Reviewable item, ReviewStatus before, string noun, string title, Func<CancellationToken, Task<List<string>>> owners, string link, Actor actor, DateTimeOffset at, Permission reviewers, CancellationToken ct)
    {
        var after = item.Status;
        if (after == before)
        {
            return;
        }

        var who = await PersonNameAsync(actor.UserId, "工作人员", ct);
        var selected = noun == "科创会项目";
        switch (after)
        {
            case ReviewStatus.Submitted:
                Add(
                    await CountyHoldersAsync(reviewers, item.RegionCode, ct),
                    NotificationKind.ReviewSubmitted,
                    $"新的待审核{noun}：{title}",
                    $"{who}提交了{noun}“{title}”，请及时{(selected ? "遴选" : "审核")}。",
                    link,
                    at,
                    except: actor.UserId);
                break;
            case ReviewStatus.Published when before == ReviewStatus.Submitted:
                Add(
                    await owners(ct),
                    NotificationKind.ReviewApproved,
                    $"您的{noun}“{title}”{(selected ? "已入选" : "已审核通过")}",
                    $"您的{noun}“{title}”经{who}审核，{(selected ? "已入选科创会项目" : "已通过并公开发布")}。",
                    link,
                    at,
                    except: actor.UserId);
                break;
            case ReviewStatus.Returned:
                Add(
                    await owners(ct),
                    NotificationKind.ReviewReturned,
                    $"您的{noun}“{title}”被退回修改",
                    $"{who}退回了您的{noun}“{title}”，原因：{item.StatusReason}。请修改后重新提交。",
                    link,
                    at,
                    except: actor.UserId);
                break;
            case ReviewStatus.Rejected:
                Add(
                    await owners(ct),
                    NotificationKind.ReviewRejected,
                    $"您的{noun}“{title}”{(selected ? "未入选" : "不予发布")}",
                    $"{who}审核了您的{noun}“{title}”，结果为{(selected ? "未入选" : "不予发布")}，原因：{item.StatusReason}。",
                    link,
                    at,
                    except: actor.UserId);
                break;
        }
    }

    /// <summary>The handler of <paramref name="plan"/> was set: the new handler hears of it with the deadline (China time).</summary>
    public async Task PlanAssignedAsync(ResponsePlan plan, string needTitle, Actor actor, CancellationToken ct)
    {
        if (plan.HandlerUserId is null)
        {
            return;
        }

        var who = await PersonNameAsync(actor.UserId, "系统", ct);
        var due = plan.Status == ResponsePlanStatus.New
            ? $"请于{plan.ResponseDueAt.ToOffset(MarketRules.ChinaOffset):yyyy-MM-dd HH:mm}（北京时间）前首次响应。"
            : $"当前状态：{plan.Status.Chinese()}。";
        Add(
            [plan.HandlerUserId],
            NotificationKind.PlanAssigned,
            $"一单一策指派：{needTitle}",
            $"{who}将科技需求“{needTitle}”的一单一策指派给您办理，{due}",
            $"/Market/Plans/Details/{plan.Id}",
            plan.UpdatedAt,
            except: actor.UserId);
    }

    /// <summary>Forgets what was added (the save failed or was abandoned).</summary>
    public void Discard() => pending = 0;

    /// <summary>After the caller saved: wakes the e-mail dispatcher (the notifications are its outbox rows).</summary>
    public Task AfterSaveAsync(CancellationToken ct)
    {
        var saved = pending;
        pending = 0;
        if (email.IsEnabled && saved > 0)
        {
            signal.Nudge();
        }

        return Task.CompletedTask;
    }
}
