using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.SignUp;

/// <summary>科技工作者 or 单位用户.</summary>
public enum AccountKind
{
    Worker = 1,
    Organization = 2,
}

public sealed record RegisterRequest(
    string? Phone,
    string? Code,
    string? Password,
    string? Name,
    AccountKind Kind,
    string? RegionCode,
    string? CreditCode = null,
    string? OrganizationName = null,
    string? InvitationCode = null);

/// <summary>What a registration did, in words for the person.</summary>
public sealed record RegisterResult(AppUser User, string Message, bool PendingReview);

public sealed record ResetPasswordRequest(string? Phone, string? Code, string? NewPassword);

/// <summary>
/// 注册: a verified phone, a password and a name make an account, linked at once to the worker profile it claims or
/// creates, or (for an organization) to the organization through an invitation, or waiting for the county's review of a
/// new organization or of a claim. Everything is written in one SaveChanges together with the code being used up, so a
/// refusal creates nothing and leaves the code usable.
/// </summary>
public sealed class RegistrationService(KexieDbContext db, UserManager<AppUser> users, PhoneCodes codes, TimeProvider clock)
{
    public async Task<RegisterResult> RegisterAsync(RegisterRequest r, CancellationToken ct)
    {
        var phone = MobileNumber.Validate(r.Phone);
        var name = Guard.Required(r.Name, "name", "姓名", 50);
        if (!Enum.IsDefined(r.Kind))
        {
            throw new DomainValidationException("kind", "请选择注册身份（科技工作者或单位用户）");
        }

        var user = new AppUser { UserName = phone, PhoneNumber = phone, PhoneNumberConfirmed = true, DisplayName = name, EmailConfirmed = true, CreatedAt = clock.GetUtcNow() };
        await ValidatePasswordAsync(user, r.Password, "password");
        var invitationCode = OrganizationInvitation.Normalize(r.InvitationCode);
        string? county = null;
        if (r.Kind == AccountKind.Worker || invitationCode.Length == 0)
        {
            county = await CountyAsync(r.RegionCode, ct);
        }

        string? creditCode = null;
        if (r.Kind == AccountKind.Organization && invitationCode.Length == 0)
        {
            creditCode = UnifiedSocialCreditCode.Validate(r.CreditCode, "creditCode");
        }

        if (await db.Users.AnyAsync(u => u.PhoneNumber == phone || u.NormalizedUserName == phone, ct))
        {
            throw new DomainValidationException("phone", "该手机号已注册，请直接登录；忘记密码可通过短信验证码找回");
        }

        await codes.VerifyAsync(phone, CodePurpose.SignUp, r.Code, ct);
        var now = clock.GetUtcNow();
        string message;
        var pending = false;
        if (r.Kind == AccountKind.Worker)
        {
            message = await AsWorkerAsync(user, phone, name, county!, ct);
        }
        else if (invitationCode.Length > 0)
        {
            var invitation = await db.OrganizationInvitations.FirstOrDefaultAsync(i => i.Code == invitationCode, ct)
                ?? throw new DomainValidationException("invitationCode", "邀请码无效、已使用、已过期或与手机号不符");
            invitation.Accept(phone, user.Id, now);
            var organization = await db.Organizations.FirstAsync(o => o.Id == invitation.OrganizationId, ct);
            user.Role = UserRole.OrganizationMember;
            user.OrganizationId = organization.Id;
            user.RegionCode = organization.RegionCode;
            message = $"注册成功，您已加入“{organization.Name}”";
        }
        else
        {
            message = await AsOrganizationAsync(user, phone, name, county!, creditCode!, r.OrganizationName, ct);
            pending = true;
        }

        var result = await users.CreateAsync(user, r.Password!);
        if (!result.Succeeded)
        {
            throw new DomainValidationException("phone", result.Errors.First().Description);
        }

        return new RegisterResult(user, message, pending);
    }

    /// <summary>找回密码: a verified phone sets a new password; every session and token of the account ends.</summary>
    public async Task<AppUser> ResetPasswordAsync(ResetPasswordRequest r, CancellationToken ct)
    {
        var phone = MobileNumber.Validate(r.Phone);
        var user = await users.Users.FirstOrDefaultAsync(u => u.PhoneNumber == phone, ct);
        await ValidatePasswordAsync(user ?? new AppUser(), r.NewPassword, "newPassword");
        await codes.VerifyAsync(phone, CodePurpose.ResetPassword, r.Code, ct);
        if (user is null)
        {
            // No account has this phone (and no code was sent to it): the code check above has already failed.
            throw new DomainValidationException("code", "验证码不正确");
        }

        await SetPasswordAsync(users, user, r.NewPassword!, "newPassword");
        return user;
    }

    /// <summary>Replaces an account's password (after checking it) and ends its sessions and tokens (new security stamp).</summary>
    public static async Task SetPasswordAsync(UserManager<AppUser> users, AppUser user, string password, string field)
    {
        await ValidatePasswordAsync(users, user, password, field);
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        await users.UpdateSecurityStampAsync(user);
        await users.ResetAccessFailedCountAsync(user);
    }

    private Task ValidatePasswordAsync(AppUser user, string? password, string field) => ValidatePasswordAsync(users, user, password, field);

    private static async Task ValidatePasswordAsync(UserManager<AppUser> users, AppUser user, string? password, string field)
    {
        if (string.IsNullOrEmpty(password))
        {
            throw new DomainValidationException(field, "密码不能为空");
        }

        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            if (!result.Succeeded)
            {
                throw new DomainValidationException(field, result.Errors.First().Description);
            }
        }
    }

    private async Task<string> AsWorkerAsync(AppUser user, string phone, string name, string county, CancellationToken ct)
    {
        user.Role = UserRole.ScienceWorker;
        var profile = await db.ScienceWorkers.FirstOrDefaultAsync(w => w.Phone == phone, ct);
        var linked = profile is not null && (profile.UserId is not null || await db.Users.AnyAsync(u => u.ScienceWorkerId == profile.Id, ct));
        if (SignUpRules.ForWorker(profile is not null, linked) == WorkerSignUp.ClaimProfile)
        {
            profile!.UserId = user.Id;
            user.ScienceWorkerId = profile.Id;
            user.RegionCode = profile.RegionCode;
            return $"注册成功，已认领您在科技工作者名录中的档案“{profile.Name}”";
        }

        var created = ScienceWorker.Create(new ScienceWorkerData(name, Gender.Unspecified, null, null, null, [], null, null, phone, county, false), _ => true);
        created.UserId = user.Id;
        db.ScienceWorkers.Add(created);
        user.ScienceWorkerId = created.Id;
        user.RegionCode = county;
        return "注册成功，已为您建立科技工作者档案（默认不公开，可在个人档案中完善并设为公开）";
    }

    private async Task<string> AsOrganizationAsync(AppUser user, string phone, string name, string county, string creditCode, string? organizationName, CancellationToken ct)
    {
        user.Role = UserRole.OrganizationMember;
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.CreditCode == creditCode, ct);
        var holders = organization is null ? 0
            : await db.Users.CountAsync(u => u.OrganizationId == organization.Id, ct)
              + await db.OrganizationApplications.CountAsync(a => a.OrganizationId == organization.Id && a.Status == OrganizationApplicationStatus.Pending, ct);
        OrganizationApplicationKind kind;
        if (SignUpRules.ForOrganization(organization is not null, holders) == OrganizationSignUp.CreateOrganization)
        {
            organization = Organization.Create(
                new OrganizationData(Guard.Required(organizationName, "organizationName", "单位名称", 100), OrganizationKind.Enterprise, creditCode, null, county, null, name, phone),
                _ => false);
            db.Organizations.Add(organization);
            kind = OrganizationApplicationKind.NewOrganization;
        }
        else
        {
            kind = OrganizationApplicationKind.Claim;
        }

        user.RegionCode = organization!.RegionCode;
        db.OrganizationApplications.Add(OrganizationApplication.Submit(organization.Id, organization.RegionCode, user.Id, name, phone, kind));
        var county6 = Kexie.Domain.Regions.RegionCode.CountyOf(organization.RegionCode);
        var countyName = await db.Regions.Where(x => x.Code == county6).Select(x => x.Name).FirstOrDefaultAsync(ct) ?? "所在县";
        return $"注册成功，“{organization.Name}”的{kind.Chinese()}申请已提交{countyName}科协审核，审核通过后即可发布科技需求";
    }

    /// <summary>The chosen county (a 6-digit code of the region table, below prefecture level).</summary>
    private async Task<string> CountyAsync(string? regionCode, CancellationToken ct)
    {
        var code = regionCode?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            throw new DomainValidationException("regionCode", "请选择所在县（市、区）");
        }

        var region = await db.Regions.AsNoTracking().Where(x => x.Code == code).Select(x => new { x.Code }).FirstOrDefaultAsync(ct);
        if (region is null || region.Code.Length < 6)
        {
            throw new DomainValidationException("regionCode", "所在县（市、区）不存在，请从列表中选择");
        }

        return region.Code;
    }
}
