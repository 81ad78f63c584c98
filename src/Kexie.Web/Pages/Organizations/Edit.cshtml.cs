using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Web.Features.Directory;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Organizations;

[Authorize]
public sealed class EditModel(OrganizationService organizations, KexieDbContext db) : KexiePageModel
{
    public sealed class OrganizationInput
    {
        public string? Name { get; set; }

        public string? Kind { get; set; }

        public string? CreditCode { get; set; }

        public string? IndustryCode { get; set; }

        public string? RegionCode { get; set; }

        public string? Address { get; set; }

        public string? ContactName { get; set; }

        public string? ContactPhone { get; set; }
    }

    [BindProperty]
    public OrganizationInput Input { get; set; } = new();

    public Guid? Id { get; private set; }

    public List<CodeName> RegionOptions { get; private set; } = [];

    public List<CodeName> IndustryOptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            var o = await organizations.GetAsync(Actor, existing, ct);
            if (Actor.OrganizationId != o.Id && !Can(Kexie.Web.Features.Directory.DirectoryPermissions.RegisterOthers, o.RegionCode))
            {
                return ForbiddenPage("只有本单位用户和所在地区的管理人员可以修改该单位的资料");
            }

            Input = new OrganizationInput
            {
                Name = o.Name,
                Kind = o.Kind.ToString(),
                CreditCode = o.CreditCode,
                IndustryCode = o.IndustryCode,
                RegionCode = o.RegionCode,
                Address = o.Address,
                ContactName = o.ContactName,
                ContactPhone = o.ContactPhone,
            };
        }
        else
        {
            if (!Can(Kexie.Web.Features.Directory.DirectoryPermissions.RegisterOthers))
            {
                return ForbiddenPage("只有科协管理员和服务中心工作人员可以登记单位");
            }

            Input = new OrganizationInput { Kind = nameof(OrganizationKind.Enterprise), RegionCode = Actor.ManagedScope is { Length: >= 6 } scope ? scope : null };
        }

        await LoadOptionsAsync(ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Directory.DirectoryPermissions), nameof(Kexie.Web.Features.Directory.DirectoryPermissions.EditOrganizations))]
    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        try
        {
            var data = new OrganizationData(
                Input.Name,
                ParseEnum<OrganizationKind>(Input.Kind, "kind", "单位类型"),
                Input.CreditCode,
                Input.IndustryCode,
                Input.RegionCode,
                Input.Address,
                Input.ContactName,
                Input.ContactPhone);
            var saved = id is { } existing
                ? await organizations.UpdateAsync(Actor, existing, data, ct)
                : await organizations.CreateAsync(Actor, data, ct);
            Notice = id is null ? $"已登记单位“{saved.Name}”" : $"已保存“{saved.Name}”的资料";
            return RedirectToPage("/Organizations/Details", new { id = saved.Id });
        }
        catch (DomainValidationException e)
        {
            AddError<OrganizationInput>(e);
        }
        catch (AccessDeniedException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
        }

        await LoadOptionsAsync(ct);
        return Page();
    }

    private async Task LoadOptionsAsync(CancellationToken ct)
    {
        RegionOptions = await Lookups.RegionOptionsAsync(db, Lookups.RootFor(Actor), ct);
        IndustryOptions = await Lookups.IndustriesAsync(db, ct);
    }
}
