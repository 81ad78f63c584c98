using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Notifications;

public sealed record NotificationDto(Guid Id, NotificationKind Kind, string KindName, string Title, string Body, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt, bool IsRead);

public sealed record NotificationPage(IReadOnlyList<NotificationDto> Items, int Total, int Page, int PageSize, int Unread);

/// <summary>The signed-in user's own notifications: list (newest first), mark one or all read.</summary>
public sealed class NotificationService(KexieDbContext db, TimeProvider clock)
{
    public async Task<NotificationPage> ListAsync(Actor actor, bool unreadOnly, NotificationKind? kind, int? page, int? pageSize, CancellationToken ct = default)
    {
        var me = Me(actor);
        var paging = PageRequest.Of(page, pageSize);
        var mine = db.Set<Notification>().AsNoTracking().Where(n => n.RecipientUserId == me);
        var query = unreadOnly ? mine.Where(n => n.ReadAt == null) : mine;
        if (kind is { } k)
        {
            query = query.Where(n => n.Kind == k);
        }

        var total = await query.CountAsync(ct);
        var unread = await mine.CountAsync(n => n.ReadAt == null, ct);
        var rows = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new NotificationPage(rows.Select(ToDto).ToList(), total, paging.Page, paging.PageSize, unread);
    }

    /// <summary>How many of the signed-in user's notifications are unread (0 when not signed in); for the bell in the page header.</summary>
    public Task<int> UnreadCountAsync(Actor actor, CancellationToken ct = default) =>
        actor.UserId is { } me ? Unread(me).CountAsync(ct) : Task.FromResult(0);

    /// <summary>The unread notifications of user <paramref name="me"/> (the layout counts them with the workbench's counts, one statement).</summary>
    public IQueryable<Notification> Unread(string me) => db.Set<Notification>().AsNoTracking().Where(n => n.RecipientUserId == me && n.ReadAt == null);

    public async Task<NotificationDto> MarkReadAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var me = Me(actor);
        var notification = await db.Set<Notification>().FirstOrDefaultAsync(n => n.Id == id && n.RecipientUserId == me, ct)
            ?? throw new NotFoundException("通知不存在");
        notification.MarkRead(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return ToDto(notification);
    }

    /// <summary>Marks every unread notification of the user read; returns how many.</summary>
    public async Task<int> MarkAllReadAsync(Actor actor, CancellationToken ct = default)
    {
        var me = Me(actor);
        var now = clock.GetUtcNow();
        return await db.Set<Notification>().Where(n => n.RecipientUserId == me && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    private static NotificationDto ToDto(Notification n) => new(n.Id, n.Kind, n.Kind.Chinese(), n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt, n.IsRead);

    private static string Me(Actor actor) => actor.UserId ?? throw new AccessDeniedException("请先登录");
}

public static class NotificationEndpoints
{
    public static RouteGroupBuilder MapNotifications(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/notifications").WithTags("站内通知").RequireAuthorization();
        g.MapGet("/", List).WithSummary("我的通知（新在前；unread=true 只看未读；返回未读总数）");
        g.MapPost("/{id:guid}/read", MarkRead)
            .WithSummary("标记为已读").RequirePermission(NotificationPermissions.ReadOwn);
        g.MapPost("/read-all", MarkAllRead).WithSummary("全部标记为已读").RequirePermission(NotificationPermissions.ReadOwn);
        g.MapGet("/settings", GetSettings)
            .WithSummary("我的通知设置（每类通知的邮件、短信；站内通知总是开启；每日摘要）");
        g.MapPut("/settings", SaveSettings)
            .WithSummary("保存我的通知设置").RequirePermission(NotificationPermissions.EditSettings);
        return api;
    }

    public static async Task<Ok<NotificationPage>> List(HttpContext http, NotificationService s, bool? unread, NotificationKind? kind, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), unread ?? false, kind, page, pageSize, ct));

    public static async Task<Ok<NotificationDto>> MarkRead(HttpContext http, NotificationService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.MarkReadAsync(http.User.ToActor(), id, ct));

    public static async Task<Ok<MarkedReadDto>> MarkAllRead(HttpContext http, NotificationService s, CancellationToken ct) =>
        TypedResults.Ok(new MarkedReadDto(await s.MarkAllReadAsync(http.User.ToActor(), ct)));

    public static async Task<Ok<NotificationSettingsDto>> GetSettings(HttpContext http, NotificationPreferences s, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(http.User.ToActor(), ct));

    public static async Task<Ok<NotificationSettingsDto>> SaveSettings(HttpContext http, NotificationPreferences s, NotificationSettingsRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.SaveAsync(http.User.ToActor(), body, ct));
}

/// <summary>How many notifications "mark all read" marked.</summary>
public sealed record MarkedReadDto(int Marked);
