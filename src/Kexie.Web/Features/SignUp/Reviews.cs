using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Web.Features.Notifications;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.SignUp;

public sealed record ApplicationDto(
    Guid Id, string OrganizationName, string CreditCode, string Kind, string Status, string ApplicantName, string ApplicantPhone,
    string RegionCode, string? ReturnReason, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt, int Version);

public sealed record ReturnRequest(string? Reason);

/// <summary>
/// 单位入驻审核: the association admins of the organization's region (or above) approve or return what sign-ups submitted.
/// Approval links the account to the organization as its administrator and verifies a new organization; the account
/// sees the link at its next sign-in or within a minute (the cookie's principal is refreshed then).
/// </summary>
public sealed class OrganizationReviews(KexieDbContext db, ITextMessageSender sender, TimeProvider clock, Kexie.Domain.Authorization.AccessPolicy policy)
{
    public async Task<PagedResult<ApplicationDto>> ListAsync(Actor actor, OrganizationApplicationStatus? status, int? page, int? pageSize, CancellationToken ct)
    {
        var paging = PageRequest.Of(page, pageSize);
        var query = db.OrganizationApplications.AsNoTracking().InScope(actor);
        if (status is { } wanted)
        {
            query = query.Where(a => a.Status == wanted);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(a => a.Status).ThenByDescending(a => a.CreatedAt).Skip(paging.Skip).Take(paging.PageSize)
            .Join(db.Organizations, a => a.OrganizationId, o => o.Id, (a, o) => new { a, o.Name, o.CreditCode })
            .ToListAsync(ct);
        return new PagedResult<ApplicationDto>(rows.Select(x => ToDto(x.a, x.Name, x.CreditCode)).ToList(), total, paging.Page, paging.PageSize);
    }

    /// <summary>The pending applications the actor may decide (for counts in the navigation).</summary>
    public Task<int> PendingCountAsync(Actor actor, CancellationToken ct) =>
        policy.Can(actor, Kexie.Web.Features.Directory.DirectoryPermissions.ReviewOrganizations) ? db.OrganizationApplications.InScope(actor).CountAsync(a => a.Status == OrganizationApplicationStatus.Pending, ct) : Task.FromResult(0);

    public async Task<ApplicationDto> ApproveAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var application = await FindAsync(actor, id, ct);
        application.Approve(actor, clock.GetUtcNow());
        var organization = await db.Organizations.FirstAsync(o => o.Id == application.OrganizationId, ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == application.UserId, ct);
        if (user is not null)
        {
            user.OrganizationId = organization.Id;
            user.IsOrganizationAdmin = true;
        }

        if (!organization.IsVerified)
        {
            organization.Verify(true);
        }

        await db.SaveChangesAsync(ct);
        await TellAsync(application, $"【科协云】“{organization.Name}”的入驻申请已审核通过，请重新登录后发布科技需求、邀请同事。", ct);
        return ToDto(application, organization.Name, organization.CreditCode);
    }

    public async Task<ApplicationDto> ReturnAsync(Actor actor, Guid id, string? reason, CancellationToken ct)
    {
        var application = await FindAsync(actor, id, ct);
        application.Return(actor, reason, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        var organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == application.OrganizationId, ct);
        await TellAsync(application, $"【科协云】“{organization.Name}”的入驻申请被退回：{application.ReturnReason}。如有疑问请联系县科协。", ct);
        return ToDto(application, organization.Name, organization.CreditCode);
    }

    /// <summary>The message an organization user without a confirmed organization sees when trying to publish a need.</summary>
    public static async Task<string> NoOrganizationMessageAsync(KexieDbContext db, Actor actor, CancellationToken ct)
    {
        var pending = actor.UserId is { } userId && await db.OrganizationApplications.AnyAsync(a => a.UserId == userId && a.Status == OrganizationApplicationStatus.Pending, ct);
        return pending
            ? "您的单位尚待县科协审核，审核通过后即可发布科技需求"
            : "您的账号尚未关联单位，请联系县科协或本单位管理员";
    }

    private async Task TellAsync(OrganizationApplication application, string text, CancellationToken ct)
    {
        try
        {
            await sender.SendAsync(new TextMessage(application.ApplicantPhone, text, application.RegionCode), ct);
        }
        catch (TextMessageFailedException)
        {
            // The decision stands; the notice is in the outbox with the gateway's error.
        }
    }

    private async Task<OrganizationApplication> FindAsync(Actor actor, Guid id, CancellationToken ct) =>
        await db.OrganizationApplications.InScope(actor).FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("单位入驻申请不存在");

    private static ApplicationDto ToDto(OrganizationApplication a, string name, string creditCode) => new(
        a.Id, name, creditCode, a.Kind.Chinese(), a.Status.Chinese(), a.ApplicantName, a.ApplicantPhone, a.RegionCode, a.ReturnReason, a.CreatedAt, a.DecidedAt, 0);
}

public sealed record InvitationRequest(string? Phone);

public sealed record InvitationDto(Guid Id, string Phone, string Code, string Link, DateTimeOffset ExpiresAt, bool Accepted);

/// <summary>单位邀请: the organization's administrator invites colleagues by phone; they join without the county's review.</summary>
public sealed class Invitations(KexieDbContext db, ITextMessageSender sender, TimeProvider clock)
{
    public async Task<InvitationDto> CreateAsync(Actor actor, InvitationRequest request, CancellationToken ct)
    {
        var organization = await AdministeredAsync(actor, ct);
        var phone = MobileNumber.Validate(request.Phone);
        if (await db.Users.AnyAsync(u => u.PhoneNumber == phone, ct))
        {
            throw new DomainValidationException("phone", "该手机号已注册账号，不能再邀请");
        }

        var invitation = OrganizationInvitation.Create(organization.Id, organization.RegionCode, phone, actor.UserId!, clock.GetUtcNow());
        db.OrganizationInvitations.Add(invitation);
        await db.SaveChangesAsync(ct);
        try
        {
            await sender.SendAsync(new TextMessage(phone, $"【科协云】“{organization.Name}”邀请您加入科协云，邀请码{invitation.Code}，7天内有效。注册时选择“单位用户”并填写邀请码。", organization.RegionCode, new Dictionary<string, string> { ["invitation"] = invitation.Code }), ct);
        }
        catch (TextMessageFailedException)
        {
            // The administrator still has the code and link to pass on.
        }

        return ToDto(invitation);
    }

    public async Task<IReadOnlyList<InvitationDto>> ListAsync(Actor actor, CancellationToken ct)
    {
        var organization = await AdministeredAsync(actor, ct);
        var list = await db.OrganizationInvitations.AsNoTracking().Where(i => i.OrganizationId == organization.Id).OrderByDescending(i => i.CreatedAt).Take(100).ToListAsync(ct);
        return list.Select(ToDto).ToList();
    }

    /// <summary>The organization the actor administers (its first, county-approved user, or one an admin made so).</summary>
    public async Task<Organization> AdministeredAsync(Actor actor, CancellationToken ct)
    {
        var user = actor.UserId is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == actor.UserId, ct);
        if (user is not { IsOrganizationAdmin: true, OrganizationId: { } organizationId })
        {
            throw new AccessDeniedException("只有单位管理员可以邀请同事（单位管理员为本单位第一个经县科协审核通过的账号）");
        }

        return await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == organizationId, ct);
    }

    private static InvitationDto ToDto(OrganizationInvitation i) =>
        new(i.Id, i.Phone, i.Code, $"/Account/Register?invitation={i.Code}&phone={i.Phone}", i.ExpiresAt, i.AcceptedAt is not null);
}

public sealed record TextMessageDto(long Id, DateTimeOffset At, string Phone, string Text, string? RegionCode, string Channel, bool Delivered, string? Error);

/// <summary>短信发件箱 for admins: the platform admin reads every message; an association admin those about its subtree.</summary>
public sealed class TextMessageOutbox(KexieDbContext db, Kexie.Domain.Authorization.AccessPolicy policy)
{
    public async Task<PagedResult<TextMessageDto>> ListAsync(Actor actor, string? phone, int? page, int? pageSize, CancellationToken ct)
    {
        if (!policy.Can(actor, Kexie.Web.Features.Admin.AdminPermissions.ManageUsers) || actor.ManagedScope is not { } scope)
        {
            throw new AccessDeniedException("只有科协管理员可以查看短信发件箱");
        }

        var paging = PageRequest.Of(page, pageSize);
        var query = db.TextMessageOutbox.AsNoTracking();
        if (scope.Length > 0)
        {
            query = query.Where(m => m.RegionCode != null && RegionScope.Within(m.RegionCode, scope));
        }

        if (!string.IsNullOrWhiteSpace(phone))
        {
            var wanted = phone.Trim();
            query = query.Where(m => m.Phone.Contains(wanted));
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(m => m.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedResult<TextMessageDto>(rows.Select(m => new TextMessageDto(m.Id, m.At, m.Phone, m.Text, m.RegionCode, m.Channel, m.Delivered, m.Error)).ToList(), total, paging.Page, paging.PageSize);
    }
}
