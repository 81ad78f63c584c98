using Kexie.Data;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Web.Features.Account;
using Kexie.Web.Features.Admin;
using Kexie.Web.Features.Directory;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Kexie.Web.Features.SignUp;

public sealed record CodeRequest(string? Phone, CodePurpose Purpose, string? RegionCode);

public sealed record RegisteredDto(MeDto Account, string Message, bool PendingReview);

public static class SignUpEndpoints
{
    public static RouteGroupBuilder MapSignUp(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("登录");
        auth.MapPost("/codes", async (CodeRequest body, PhoneCodes codes, CancellationToken ct) =>
                TypedResults.Ok(await codes.SendAsync(body.Phone, body.Purpose, body.RegionCode, ct)))
            .AllowAnonymous().RequireRateLimiting(RateLimits.CodePolicy)
            .WithSummary("获取短信验证码（purpose：SignUp 注册、ResetPassword 找回密码；同一手机号60秒内只能获取一次）")
            .ProducesProblem(StatusCodes.Status429TooManyRequests).RequirePermission(SignUpPermissions.Register);
        auth.MapPost("/register", async (RegisterRequest body, RegistrationService registration, SignInManager<AppUser> signIn, CancellationToken ct) =>
            {
                var result = await registration.RegisterAsync(body, ct);
                await signIn.SignInAsync(result.User, isPersistent: false);
                var u = result.User;
                return TypedResults.Created("/api/v1/auth/me", new RegisteredDto(
                    new MeDto(u.UserName!, u.DisplayName, u.Role, u.Role.Chinese(), u.RegionCode, u.ScienceWorkerId, u.OrganizationId), result.Message, result.PendingReview));
            })
            .AllowAnonymous().RequireRateLimiting(RateLimits.LoginPolicy)
            .WithSummary("手机号注册（科技工作者认领或新建档案；单位用户按统一社会信用代码新建或认领单位、或凭邀请码加入）并登录")
            .RequirePermission(SignUpPermissions.Register);
        auth.MapPost("/password/reset", async (ResetPasswordRequest body, RegistrationService registration, CancellationToken ct) =>
            {
                await registration.ResetPasswordAsync(body, ct);
                return TypedResults.NoContent();
            })
            .AllowAnonymous().RequireRateLimiting(RateLimits.LoginPolicy)
            .WithSummary("凭短信验证码重设密码（原有登录和令牌全部失效）")
            .RequirePermission(SignUpPermissions.Register);

        var applications = api.MapGroup("/organization-applications").WithTags("单位入驻审核").RequireAuthorization();
        applications.MapGet("/", (HttpContext http, OrganizationReviews reviews, OrganizationApplicationStatus? status, int? page, int? pageSize, CancellationToken ct) =>
            reviews.ListAsync(http.User.ToActor(), status, page, pageSize, ct)).WithSummary("本地区的单位入驻和认领申请");
        applications.MapPost("/{id:guid}/approve", (HttpContext http, OrganizationReviews reviews, Guid id, CancellationToken ct) =>
                reviews.ApproveAsync(http.User.ToActor(), id, ct))
            .WithSummary("审核通过单位入驻申请（申请人成为单位管理员）").RequirePermission(DirectoryPermissions.ReviewOrganizations);
        applications.MapPost("/{id:guid}/return", (HttpContext http, OrganizationReviews reviews, Guid id, ReturnRequest body, CancellationToken ct) =>
                reviews.ReturnAsync(http.User.ToActor(), id, body.Reason, ct))
            .WithSummary("退回单位入驻申请（须填写原因）").RequirePermission(DirectoryPermissions.ReviewOrganizations);

        var invitations = api.MapGroup("/organization-invitations").WithTags("单位邀请").RequireAuthorization();
        invitations.MapGet("/", (HttpContext http, Invitations s, CancellationToken ct) => s.ListAsync(http.User.ToActor(), ct)).WithSummary("本单位发出的邀请");
        invitations.MapPost("/", (HttpContext http, Invitations s, InvitationRequest body, CancellationToken ct) => s.CreateAsync(http.User.ToActor(), body, ct))
            .WithSummary("邀请同事（按手机号，发送邀请码短信）").RequirePermission(SignUpPermissions.InviteColleagues);

        var users = api.MapGroup("/users").WithTags("账号管理").RequireAuthorization();
        users.MapPost("/{id}/disable", (HttpContext http, AccountAdministration s, string id) => s.SetDisabledAsync(http.User.ToActor(), id, true))
            .WithSummary("停用账号（立即不能登录，已签发的令牌失效）").RequirePermission(AdminPermissions.ManageUsers);
        users.MapPost("/{id}/enable", (HttpContext http, AccountAdministration s, string id) => s.SetDisabledAsync(http.User.ToActor(), id, false))
            .WithSummary("启用账号").RequirePermission(AdminPermissions.ManageUsers);
        users.MapPost("/{id}/reset-password", (HttpContext http, AccountAdministration s, string id) => s.ResetPasswordAsync(http.User.ToActor(), id))
            .WithSummary("重置密码（返回只显示一次的临时密码）").RequirePermission(AdminPermissions.ManageUsers);
        users.MapPut("/{id}/links", (HttpContext http, AccountAdministration s, string id, LinksRequest body, CancellationToken ct) => s.SetLinksAsync(http.User.ToActor(), id, body, ct))
            .WithSummary("关联或解除关联科技工作者、单位（null 为解除）").RequirePermission(AdminPermissions.ManageUsers);

        api.MapGet("/admin/text-messages", (HttpContext http, TextMessageOutbox outbox, string? phone, int? page, int? pageSize, CancellationToken ct) =>
                outbox.ListAsync(http.User.ToActor(), phone, page, pageSize, ct))
            .WithTags("系统管理").RequireAuthorization().WithSummary("短信发件箱（平台管理员看全部，科协管理员看本地区）");
        return api;
    }
}
