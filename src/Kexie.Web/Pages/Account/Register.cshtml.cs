using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Web.Features.SignUp;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Kexie.Web.Pages.Account;

/// <summary>注册: phone and text-message code, password, name, 科技工作者 or 单位用户, county.</summary>
[AllowAnonymous]
public sealed class RegisterModel(PhoneCodes codes, RegistrationService registration, SignInManager<AppUser> signIn, KexieDbContext db, IMemoryCache cache, Microsoft.Extensions.Options.IOptions<Kexie.Web.Features.Workbench.SiteOptions> site) : KexiePageModel
{
    public sealed class RegisterInput
    {
        public string? Phone { get; set; }

        public string? Code { get; set; }

        public string? Password { get; set; }

        public string? Name { get; set; }

        public string? Kind { get; set; }

        public string? RegionCode { get; set; }

        public string? CreditCode { get; set; }

        public string? OrganizationName { get; set; }

        public string? InvitationCode { get; set; }
    }

    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    /// <summary>Counties (县级行政区) with their full names, for the select.</summary>
    public IReadOnlyList<CodeName> Counties { get; private set; } = [];

    public string? CodeNotice { get; private set; }

    /// <summary>The page the person came from (a need, an offer): registered, they go back there (see <see cref="LoginModel.SafeReturnUrl"/>).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task OnGetAsync(string? invitation, string? phone, CancellationToken ct)
    {
        Input = new RegisterInput { Kind = string.IsNullOrEmpty(invitation) ? nameof(AccountKind.Worker) : nameof(AccountKind.Organization), InvitationCode = invitation, Phone = phone };
        Counties = await CountiesAsync(db, cache, ct);

        // The county whose 科协 runs the site is where most who register here live: chosen already, still changeable.
        if (site.Value.RegionCode is { } home && Counties.Any(c => c.Code == home))
        {
            Input.RegionCode = home;
        }
    }

    [RequiresPermission(typeof(SignUpPermissions), nameof(SignUpPermissions.Register))]
    public async Task<IActionResult> OnPostSendCodeAsync(CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            var sent = await codes.SendAsync(Input.Phone, CodePurpose.SignUp, Input.RegionCode, ct);
            CodeNotice = $"{sent.Message}（{sent.ExpiresInSeconds / 60}分钟内有效）";
        }
        catch (DomainValidationException e)
        {
            AddError<RegisterInput>(e);
        }
        catch (TooManyRequestsException e)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            RateLimits.SetRetryAfter(Response, e.RetryAfter);
            ModelState.AddModelError("Input.Phone", e.Message);
        }

        Input.Password = null;
        Counties = await CountiesAsync(db, cache, ct);
        return Page();
    }

    [RequiresPermission(typeof(SignUpPermissions), nameof(SignUpPermissions.Register))]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var kind = ParseEnum<AccountKind>(Input.Kind, "kind", "注册身份");
            var result = await registration.RegisterAsync(
                new RegisterRequest(Input.Phone, Input.Code, Input.Password, Input.Name, kind, Input.RegionCode, Input.CreditCode, Input.OrganizationName, Input.InvitationCode), ct);
            await signIn.SignInAsync(result.User, isPersistent: false);
            Notice = result.Message;
            // Back to the page they came from; an organization waiting for the county's review goes to the front page,
            // which shows the application's state (it cannot post a need yet).
            return LocalRedirect(result.PendingReview ? "/" : LoginModel.SafeReturnUrl(Url, ReturnUrl));
        }
        catch (DomainValidationException e)
        {
            AddError<RegisterInput>(e);
        }

        Input.Password = null;
        ModelState.Remove("Input.Password");
        Counties = await CountiesAsync(db, cache, ct);
        return Page();
    }

    /// <summary>Every county-level region (6-digit code) with its full name, cached for the process.</summary>
    public static async Task<IReadOnlyList<CodeName>> CountiesAsync(KexieDbContext db, IMemoryCache cache, CancellationToken ct) =>
        await cache.GetOrCreateAsync("kexie:counties", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1);
            return (IReadOnlyList<CodeName>)await db.Regions.AsNoTracking()
                .Where(r => r.Code.Length == 6)
                .OrderBy(r => r.Code)
                .Select(r => new CodeName(r.Code, r.FullName == string.Empty ? r.Name : r.FullName))
                .ToListAsync(ct);
        }) ?? [];
}
