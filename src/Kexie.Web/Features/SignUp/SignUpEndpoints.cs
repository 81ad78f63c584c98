using Kexie.Data;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Web.Features.Account;
using Kexie.Web.Features.Admin;
using Kexie.Web.Features.Directory;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Kexie.Web.Features.SignUp;

public sealed record CodeRequest(string? Phone, CodePurpose Purpose, string? RegionCode);

public sealed record RegisteredDto(MeDto Account, string Message, bool PendingReview);

public static class SignUpEndpoints
{
    public static RouteGroupBuilder MapSignUp(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("登录");
        auth.MapPost("/codes", SendCode)
            .AllowAnonymous().RequireRateLimiting(RateLimits.CodePolicy)
            .WithSummary("获取短信验证码（purpose：SignUp 注册、ResetPassword 找回密码；同一手机号60秒内只能获取一次）")
            .ProducesProblem(StatusCodes.Status429TooManyRequests).RequirePermission(SignUpPermissions.Register);
        auth.MapPost("/register", Register)
            .AllowAnonymous().RequireRateLimiting(RateLimits.LoginPolicy)
            .WithSummary("手机号注册（科技工作者认领或新建档案；单位用户按统一社会信用代码新建或认领单位、或凭邀请码加入）并登录")
            .RequirePermission(SignUpPermissions.Register);
        auth.MapPost("/password/reset", ResetPassword)
            .AllowAnonymous().RequireRateLimiting(RateLimits.LoginPolicy)
            .WithSummary("凭短信验证码重设密码（原有登录和令牌全部失效）")
            .RequirePermission(SignUpPermissions.Register);

        var applications = api.MapGroup("/organization-applications").WithTags("单位入驻审核").RequireAuthorization();
        applications.MapGet("/", ListApplications).WithSummary("本地区的单位入驻和认领申请");
        applications.MapPost("/{id:guid}/approve", ApproveApplication)
            .WithSummary("审核通过单位入驻申请（申请人成为单位管理员）").RequirePermission(DirectoryPermissions.ReviewOrganizations);
        applications.MapPost("/{id:guid}/return", ReturnApplication)
            .WithSummary("退回单位入驻申请（须填写原因）").RequirePermission(DirectoryPermissions.ReviewOrganizations);

        var invitations = api.MapGroup("/organization-invitations").WithTags("单位邀请").RequireAuthorization();
        invitations.MapGet("/", ListInvitations).WithSummary("本单位发出的邀请");
        invitations.MapPost("/", Invite)
            .WithSummary("邀请同事（按手机号，发送邀请码短信）").RequirePermission(SignUpPermissions.InviteColleagues);

        var users = api.MapGroup("/users").WithTags("账号管理").RequireAuthorization();
        users.MapPost("/{id}/disable", DisableUser)
            .WithSummary("停用账号（立即不能登录，已签发的令牌失效）").RequirePermission(AdminPermissions.ManageUsers);
        users.MapPost("/{id}/enable", EnableUser)
            .WithSummary("启用账号").RequirePermission(AdminPermissions.ManageUsers);
        users.MapPost("/{id}/reset-password", ResetUserPassword)
            .WithSummary("重置密码（返回只显示一次的临时密码）").RequirePermission(AdminPermissions.ManageUsers);
        users.MapPut("/{id}/links", SetUserLinks)
            .WithSummary("关联或解除关联科技工作者、单位（null 为解除）").RequirePermission(AdminPermissions.ManageUsers);

        api.MapGet("/admin/text-messages", ListTextMessages)
            .WithTags("系统管理").RequireAuthorization().WithSummary("短信发件箱（平台管理员看全部，科协管理员看本地区）");
        return api;
    }

    // Sign-up and password reset

    public static async Task<Ok<CodeSent>> SendCode(CodeRequest body, PhoneCodes codes, CancellationToken ct) =>
        TypedResults.Ok(await codes.SendAsync(body.Phone, body.Purpose, body.RegionCode, ct));

    public static async Task<Created<RegisteredDto>> Register(RegisterRequest body, RegistrationService registration, SignInManager<AppUser> signIn, CancellationToken ct)
    {
        var result = await registration.RegisterAsync(body, ct);
        await signIn.SignInAsync(result.User, isPersistent: false);
        var u = result.User;
        return TypedResults.Created("/api/v1/auth/me", new RegisteredDto(
            new MeDto(u.UserName!, u.DisplayName, u.Role, u.Role.Chinese(), u.RegionCode, u.ScienceWorkerId, u.OrganizationId), result.Message, result.PendingReview));
    }

    public static async Task<NoContent> ResetPassword(ResetPasswordRequest body, RegistrationService registration, CancellationToken ct)
    {
        await registration.ResetPasswordAsync(body, ct);
        return TypedResults.NoContent();
    }

    // Organization applications and invitations

    public static async Task<Ok<PagedResult<ApplicationDto>>> ListApplications(HttpContext http, OrganizationReviews reviews, OrganizationApplicationStatus? status, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await reviews.ListAsync(http.User.ToActor(), status, page, pageSize, ct));

    public static async Task<Ok<ApplicationDto>> ApproveApplication(HttpContext http, OrganizationReviews reviews, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await reviews.ApproveAsync(http.User.ToActor(), id, ct));

    public static async Task<Ok<ApplicationDto>> ReturnApplication(HttpContext http, OrganizationReviews reviews, Guid id, ReturnRequest body, CancellationToken ct) =>
        TypedResults.Ok(await reviews.ReturnAsync(http.User.ToActor(), id, body.Reason, ct));

    public static async Task<Ok<IReadOnlyList<InvitationDto>>> ListInvitations(HttpContext http, Invitations s, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), ct));

    public static async Task<Ok<InvitationDto>> Invite(HttpContext http, Invitations s, InvitationRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.CreateAsync(http.User.ToActor(), body, ct));

    // Account administration

    public static async Task<Ok<AccountStateDto>> DisableUser(HttpContext http, AccountAdministration s, string id) =>
        TypedResults.Ok(await s.SetDisabledAsync(http.User.ToActor(), id, true));

    public static async Task<Ok<AccountStateDto>> EnableUser(HttpContext http, AccountAdministration s, string id) =>
        TypedResults.Ok(await s.SetDisabledAsync(http.User.ToActor(), id, false));

    public static async Task<Ok<TemporaryPasswordDto>> ResetUserPassword(HttpContext http, AccountAdministration s, string id) =>
        TypedResults.Ok(await s.ResetPasswordAsync(http.User.ToActor(), id));

    public static async Task<Ok<AccountStateDto>> SetUserLinks(HttpContext http, AccountAdministration s, string id, LinksRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.SetLinksAsync(http.User.ToActor(), id, body, ct));

    public static async Task<Ok<PagedResult<TextMessageDto>>> ListTextMessages(HttpContext http, TextMessageOutbox outbox, string? phone, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await outbox.ListAsync(http.User.ToActor(), phone, page, pageSize, ct));
}
