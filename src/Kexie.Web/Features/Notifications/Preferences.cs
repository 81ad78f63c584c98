using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Notifications;

public sealed record KindChoiceDto(NotificationKind Kind, string KindName, bool Email, bool Text);

/// <summary>One's notification settings: per kind, e-mail and text message (in-app is always on); the daily digest.</summary>
public sealed record NotificationSettingsDto(IReadOnlyList<KindChoiceDto> Kinds, bool DailyDigest, bool DigestOffered, bool HasEmail, bool HasPhone);

public sealed record NotificationSettingsRequest(IReadOnlyList<NotificationKind>? Email, IReadOnlyList<NotificationKind>? Text, bool DailyDigest);

/// <summary>通知设置: reads and saves the signed-in user's channel choices; the dispatchers read them through <see cref="LoadAsync"/>.</summary>
public sealed class NotificationPreferences(KexieDbContext db, TimeProvider clock)
{
    /// <summary>The daily digest is for those who have a workbench to summarise.</summary>
    public static bool DigestOffered(UserRole? role) => role is UserRole.ServiceCenterStaff or UserRole.AssociationAdmin or UserRole.PlatformAdmin;

    /// <summary>The choices of <paramref name="userIds"/> (defaults for those who never chose).</summary>
    public async Task<Dictionary<string, NotificationPreference>> LoadAsync(IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        var stored = await db.Set<NotificationPreference>().AsNoTracking().Where(p => userIds.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, ct);
        return userIds.Distinct().ToDictionary(u => u, u => stored.GetValueOrDefault(u) ?? NotificationPreference.Defaults(u));
    }

    public async Task<NotificationSettingsDto> GetAsync(Actor actor, CancellationToken ct = default)
    {
        var me = Me(actor);
        var preference = (await LoadAsync([me], ct))[me];
        var user = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => new { u.Email, u.PhoneNumber }).FirstAsync(ct);
        return new NotificationSettingsDto(
            Enum.GetValues<NotificationKind>().Select(k => new KindChoiceDto(k, k.Chinese(), preference.Wants(k, NotificationChannel.Email), preference.Wants(k, NotificationChannel.Text))).ToList(),
            preference.DailyDigest && DigestOffered(actor.Role),
            DigestOffered(actor.Role),
            !string.IsNullOrWhiteSpace(user.Email),
            !string.IsNullOrWhiteSpace(user.PhoneNumber));
    }

    public async Task<NotificationSettingsDto> SaveAsync(Actor actor, NotificationSettingsRequest request, CancellationToken ct = default)
    {
        var me = Me(actor);
        foreach (var (list, field) in new[] { (request.Email, "email"), (request.Text, "text") })
        {
            if (list is not null && list.Any(k => !Enum.IsDefined(k)))
            {
                throw new DomainValidationException(field, "包含未知的通知类型");
            }
        }

        var preference = await db.Set<NotificationPreference>().FirstOrDefaultAsync(p => p.UserId == me, ct);
        if (preference is null)
        {
            preference = NotificationPreference.Defaults(me);
            db.Add(preference);
        }

        preference.Set(request.Email ?? [], request.Text ?? [], request.DailyDigest, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await GetAsync(actor, ct);
    }

    private static string Me(Actor actor) => actor.UserId ?? throw new AccessDeniedException("请先登录");
}
