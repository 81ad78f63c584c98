using System.Security.Cryptography;
using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Web.Features.Account;
using Kexie.Web.Features.Directory;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Kexie.Web.Features.SignUp;

public sealed record LinksRequest(Guid? ScienceWorkerId, Guid? OrganizationId, bool? IsOrganizationAdmin);

public sealed record TemporaryPasswordDto(string TemporaryPassword, string Message);

public sealed record AccountStateDto(string Id, string DisplayName, bool Disabled, Guid? ScienceWorkerId, Guid? OrganizationId, bool IsOrganizationAdmin);

/// <summary>
/// 账号管理 beyond creating accounts: disable/enable, reset a password (a temporary one shown once), link or unlink a worker
/// or organization. Only accounts of the admin's region subtree (never the admin's own, never a platform admin unless the
/// caller is one); only records the admin can see and administers. Disabling and resetting change the security stamp, so
/// bearer tokens stop at once on this node (within 15 s on others) and cookie sessions within a minute.
/// </summary>
public sealed class AccountAdministration(UserManager<AppUser> users, KexieDbContext db, Parties parties, IMemoryCache cache, Kexie.Domain.Authorization.AccessPolicy policy)
{
    public async Task<AccountStateDto> SetDisabledAsync(Actor actor, string id, bool disabled)
    {
        var user = await FindAsync(actor, id);
        if (disabled)
        {
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            await NewStampAsync(user);
        }
        else
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }

        return ToDto(user);
    }

    public async Task<TemporaryPasswordDto> ResetPasswordAsync(Actor actor, string id)
    {
        var user = await FindAsync(actor, id);
        var password = TemporaryPassword();
        BearerStampMiddleware.Forget(cache, user.Id, user.SecurityStamp);
        await RegistrationService.SetPasswordAsync(users, user, password, "password");
        return new TemporaryPasswordDto(password, $"已为“{user.DisplayName}”设置临时密码（只显示这一次），请当面或电话告知本人并提醒其登录后修改");
    }

    public async Task<AccountStateDto> SetLinksAsync(Actor actor, string id, LinksRequest request, CancellationToken ct)
    {
        var user = await FindAsync(actor, id);
        if (request.ScienceWorkerId is { } workerId && workerId != user.ScienceWorkerId)
        {
            var worker = await parties.WorkerAsync(actor, workerId, "scienceWorkerId", "科技工作者", ct);
            if (!policy.Can(actor, Kexie.Web.Features.Admin.AdminPermissions.ManageUsers, worker.RegionCode))
            {
                throw new AccessDeniedException("只能关联本地区（含下级）的科技工作者");
            }

            if (await users.Users.AnyAsync(u => u.ScienceWorkerId == workerId && u.Id != user.Id, ct))
            {
                throw new DomainValidationException("scienceWorkerId", "该科技工作者档案已关联其他账号，请先解除");
            }
        }

        if (request.OrganizationId is { } organizationId && organizationId != user.OrganizationId)
        {
            var organization = await parties.OrganizationAsync(actor, organizationId, "organizationId", "单位", ct);
            if (!policy.Can(actor, Kexie.Web.Features.Admin.AdminPermissions.ManageUsers, organization.RegionCode))
            {
                throw new AccessDeniedException("只能关联本地区（含下级）的单位");
            }
        }

        if (user.ScienceWorkerId is { } oldWorker && oldWorker != request.ScienceWorkerId
            && await db.ScienceWorkers.FirstOrDefaultAsync(w => w.Id == oldWorker, ct) is { } previous && previous.UserId == user.Id)
        {
            previous.UserId = null;
        }

        if (request.ScienceWorkerId is { } newWorker && await db.ScienceWorkers.FirstOrDefaultAsync(w => w.Id == newWorker, ct) is { } profile)
        {
            profile.UserId = user.Id;
        }

        user.ScienceWorkerId = request.ScienceWorkerId;
        user.OrganizationId = request.OrganizationId;
        user.IsOrganizationAdmin = request.OrganizationId is not null && (request.IsOrganizationAdmin ?? user.IsOrganizationAdmin);
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            throw new DomainValidationException("id", result.Errors.First().Description);
        }

        return ToDto(user);
    }

    private async Task<AppUser> FindAsync(Actor actor, string id)
    {
        if (!policy.Can(actor, Kexie.Web.Features.Admin.AdminPermissions.ManageUsers) || actor.ManagedScope is not { } scope)
        {
            throw new AccessDeniedException("只有科协管理员可以管理账号");
        }

        var user = await users.Users.FirstOrDefaultAsync(u => u.Id == id && RegionScope.Within(u.RegionCode, scope));
        if (user is null || (user.Role == UserRole.PlatformAdmin && !policy.Can(actor, Kexie.Web.Features.Admin.AdminPermissions.ManageUsers, Kexie.Domain.Regions.RegionCode.Country)))
        {
            throw new NotFoundException("账号不存在");
        }

        return user.Id == actor.UserId ? throw new AccessDeniedException("不能对自己的账号执行此操作") : user;
    }

    private async Task NewStampAsync(AppUser user)
    {
        BearerStampMiddleware.Forget(cache, user.Id, user.SecurityStamp);
        await users.UpdateSecurityStampAsync(user);
    }

    /// <summary>Twelve characters from letters and digits without look-alikes, with at least one digit and one lower-case letter.</summary>
    public static string TemporaryPassword()
    {
        const string lower = "abcdefghjkmnpqrstuvwxyz";
        const string upper = "ABCDEFGHJKMNPQRSTUVWXYZ";
        const string digits = "23456789";
        var all = lower + upper + digits;
        var chars = new char[12];
        chars[0] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[1] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        chars[2] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        for (var i = 3; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static AccountStateDto ToDto(AppUser u) =>
        new(u.Id, u.DisplayName, u.LockoutEnd > DateTimeOffset.UtcNow, u.ScienceWorkerId, u.OrganizationId, u.IsOrganizationAdmin);
}
