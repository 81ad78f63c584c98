using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Web.Features.SignUp;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Account;

/// <summary>找回密码: a text-message code to the account's phone sets a new password.</summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(PhoneCodes codes, RegistrationService registration) : KexiePageModel
{
    public sealed class ResetInput
    {
        public string? Phone { get; set; }

        public string? Code { get; set; }

        public string? NewPassword { get; set; }
    }

    [BindProperty]
    public ResetInput Input { get; set; } = new();

    public string? CodeNotice { get; private set; }

    public void OnGet()
    {
    }

    [RequiresPermission(typeof(SignUpPermissions), nameof(SignUpPermissions.Register))]
    public async Task<IActionResult> OnPostSendCodeAsync(CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            var sent = await codes.SendAsync(Input.Phone, CodePurpose.ResetPassword, null, ct);
            CodeNotice = $"如该手机号已注册，验证码已发送（{sent.ExpiresInSeconds / 60}分钟内有效）";
        }
        catch (DomainValidationException e)
        {
            AddError<ResetInput>(e);
        }
        catch (TooManyRequestsException e)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            RateLimits.SetRetryAfter(Response, e.RetryAfter);
            ModelState.AddModelError("Input.Phone", e.Message);
        }

        Input.NewPassword = null;
        return Page();
    }

    [RequiresPermission(typeof(SignUpPermissions), nameof(SignUpPermissions.Register))]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            await registration.ResetPasswordAsync(new ResetPasswordRequest(Input.Phone, Input.Code, Input.NewPassword), ct);
            Notice = "密码已重设，请用新密码登录";
            return RedirectToPage("/Account/Login");
        }
        catch (DomainValidationException e)
        {
            AddError<ResetInput>(e);
        }

        Input.NewPassword = null;
        ModelState.Remove("Input.NewPassword");
        return Page();
    }
}
