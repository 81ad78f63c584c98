using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Web.Features.Admin;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Admin;

public sealed class UsersModel(UserAdminService users, KexieDbContext db) : KexiePageModel
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

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public List<CodeName> RegionOptions { get; private set; } = [];

    /// <summary>Roles this admin may create accounts for.</summary>
    public IEnumerable<UserRole> Roles => Enum.GetValues<UserRole>().Where(r => r != UserRole.PlatformAdmin || Actor.Role == UserRole.PlatformAdmin);

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Admin/Users", new Dictionary<string, string?> { ["q"] = Q });

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Actor.IsAdmin)
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
        if (!Actor.IsAdmin)
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

    private async Task LoadAsync(CancellationToken ct)
    {
        Result = await users.ListAsync(Actor, Q, PageNumber, 20, ct);
        RegionNames = await Lookups.RegionNamesAsync(db, Result.Items.Select(u => u.RegionCode), ct);
        RegionOptions = await Lookups.RegionOptionsAsync(db, Lookups.RootFor(Actor), ct);
    }
}
