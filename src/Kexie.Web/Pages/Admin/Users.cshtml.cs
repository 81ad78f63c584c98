using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Web.Features.Admin;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Pages.Admin;

public sealed class UsersModel(UserAdminService users, Kexie.Web.Features.SignUp.AccountAdministration accounts, KexieDbContext db) : KexiePageModel
{
    public sealed class UserInput
    {
        public string? UserName { get; set; }

        public string? DisplayName { get; set; }

        public string? Password { get; set; }

        public string? Role { get; set; }

        public string? RegionCode { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNumber { get; set; }

    [BindProperty]
    public UserInput Input { get; set; } = new();

    public PagedResult<UserDto> Result { get; private set; } = new([], 0, 1, 20);

    /// <summary>What each listed account is linked to, by name (worker, organization, 单位管理员).</summary>
    public Dictionary<string, string> Links { get; private set; } = [];

    /// <summary>A temporary password just set, shown once.</summary>
    public string? TemporaryPassword { get; private set; }

    [BindProperty]
    public string? LinkUserName { get; set; }

    [BindProperty]
    public string? LinkWorkerPhone { get; set; }

    [BindProperty]
    public string? LinkCreditCode { get; set; }

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public List<CodeName> RegionOptions { get; private set; } = [];

    /// <summary>Roles this admin may create accounts for.</summary>
    public IEnumerable<UserRole> Roles => Enum.GetValues<UserRole>().Where(r => r != UserRole.PlatformAdmin || Can(Kexie.Web.Features.Admin.AdminPermissions.ManageUsers, Kexie.Domain.Regions.RegionCode.Country));

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Admin/Users", new Dictionary<string, string?> { ["q"] = Q });

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Can(Kexie.Web.Features.Admin.AdminPermissions.ManageUsers))
        {
            return ForbiddenPage("只有科协管理员可以管理账号");
        }

        Input = new UserInput { Role = nameof(UserRole.ScienceWorker), RegionCode = string.IsNullOrEmpty(Actor.ManagedScope) ? null : Actor.ManagedScope };
        await LoadAsync(ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Admin.AdminPermissions), nameof(Kexie.Web.Features.Admin.AdminPermissions.ManageUsers))]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Can(Kexie.Web.Features.Admin.AdminPermissions.ManageUsers))
        {
            return ForbiddenPage("只有科协管理员可以管理账号");
        }

        try
        {
            var created = await users.CreateAsync(Actor, new CreateUserRequest(
                Input.UserName,
                Input.DisplayName,
                Input.Password,
                ParseEnum<UserRole>(Input.Role, "role", "角色"),
                Input.RegionCode,
                null,
                null));
            Notice = $"已创建账号“{created.UserName}”（{created.RoleName}）";
            return RedirectToPage();
        }
        catch (DomainValidationException e)
        {
            AddError<UserInput>(e);
        }
        catch (AccessDeniedException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
        }

        Input.Password = null;
        ModelState.Remove("Input.Password");
        await LoadAsync(ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Admin.AdminPermissions), nameof(Kexie.Web.Features.Admin.AdminPermissions.ManageUsers))]
    public async Task<IActionResult> OnPostDisableAsync(string id, CancellationToken ct)
    {
        var state = await accounts.SetDisabledAsync(Actor, id, true);
        Notice = $"已停用“{state.DisplayName}”的账号，其登录和令牌随即失效";
        return Redirect(ThisPageUrl());
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Admin.AdminPermissions), nameof(Kexie.Web.Features.Admin.AdminPermissions.ManageUsers))]
    public async Task<IActionResult> OnPostEnableAsync(string id, CancellationToken ct)
    {
        var state = await accounts.SetDisabledAsync(Actor, id, false);
        Notice = $"已启用“{state.DisplayName}”的账号";
        return Redirect(ThisPageUrl());
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Admin.AdminPermissions), nameof(Kexie.Web.Features.Admin.AdminPermissions.ManageUsers))]
    public async Task<IActionResult> OnPostResetPasswordAsync(string id, CancellationToken ct)
    {
        var reset = await accounts.ResetPasswordAsync(Actor, id);
        TemporaryPassword = reset.TemporaryPassword;
        ViewData["Notice"] = reset.Message;
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Links an account (by login name) to the worker with a phone and/or the organization with a credit code; empty fields unlink.</summary>
    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Admin.AdminPermissions), nameof(Kexie.Web.Features.Admin.AdminPermissions.ManageUsers))]
    public async Task<IActionResult> OnPostLinkAsync(CancellationToken ct)
    {
        try
        {
            var scope = Actor.ManagedScope ?? "-";
            var name = LinkUserName?.Trim();
            var user = await db.Users.AsNoTracking().Where(u => (u.UserName == name || u.PhoneNumber == name) && RegionScope.Within(u.RegionCode, scope)).Select(u => new { u.Id, u.IsOrganizationAdmin }).FirstOrDefaultAsync(ct)
                ?? throw new DomainValidationException("linkUserName", "账号不存在");
            Guid? worker = null;
            if (!string.IsNullOrWhiteSpace(LinkWorkerPhone))
            {
                var phone = Kexie.Domain.Directory.ContactRules.Phone(LinkWorkerPhone, "linkWorkerPhone");
                worker = await db.ScienceWorkers.AsNoTracking().Where(Kexie.Domain.Authorization.DirectoryAccess.WorkersVisibleTo(Actor)).Where(w => w.Phone == phone).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(ct)
                    ?? throw new DomainValidationException("linkWorkerPhone", "科技工作者不存在");
            }

            Guid? organization = null;
            if (!string.IsNullOrWhiteSpace(LinkCreditCode))
            {
                var code = LinkCreditCode.Trim().ToUpperInvariant();
                organization = await db.Organizations.AsNoTracking().Where(Kexie.Domain.Authorization.DirectoryAccess.OrganizationsVisibleTo(Actor)).Where(o => o.CreditCode == code).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct)
                    ?? throw new DomainValidationException("linkCreditCode", "单位不存在");
            }

            var state = await accounts.SetLinksAsync(Actor, user.Id, new Kexie.Web.Features.SignUp.LinksRequest(worker, organization, user.IsOrganizationAdmin), ct);
            Notice = $"已更新“{state.DisplayName}”的关联";
            return Redirect(ThisPageUrl());
        }
        catch (DomainValidationException e)
        {
            ModelState.AddModelError(e.Field switch { "linkWorkerPhone" or "scienceWorkerId" => nameof(LinkWorkerPhone), "linkCreditCode" or "organizationId" => nameof(LinkCreditCode), _ => nameof(LinkUserName) }, e.Message);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Result = await users.ListAsync(Actor, Q, PageNumber, 20, ct);
        var ids = Result.Items.Select(u => u.Id).ToList();
        var links = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.ScienceWorkerId, u.OrganizationId, u.IsOrganizationAdmin }).ToListAsync(ct);
        var workerIds = links.Where(l => l.ScienceWorkerId != null).Select(l => l.ScienceWorkerId!.Value).ToList();
        var orgIds = links.Where(l => l.OrganizationId != null).Select(l => l.OrganizationId!.Value).ToList();
        var workers = await db.ScienceWorkers.AsNoTracking().Where(w => workerIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        var orgs = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        Links = links.ToDictionary(
            l => l.Id,
            l => string.Join("；", new[]
            {
                l.ScienceWorkerId is { } w ? $"科技工作者：{workers.GetValueOrDefault(w, "（已删除）")}" : null,
                l.OrganizationId is { } o ? $"单位：{orgs.GetValueOrDefault(o, "（已删除）")}{(l.IsOrganizationAdmin ? "（管理员）" : string.Empty)}" : null,
            }.Where(x => x is not null)));
        RegionNames = await Lookups.RegionNamesAsync(db, Result.Items.Select(u => u.RegionCode), ct);
        RegionOptions = await Lookups.RegionOptionsAsync(db, Lookups.RootFor(Actor), ct);
    }
}
