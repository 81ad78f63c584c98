using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Web.Features.Directory;
using Kexie.Web.Pages.Associations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Agencies;

/// <summary>Registers or edits a third-party service agency (第三方服务机构); admins of its region only.</summary>
[Authorize]
public sealed class EditModel(ServiceAgencyService agencies, KexieDbContext db) : KexiePageModel
{
    public sealed class AgencyInput
    {
        public string? Name { get; set; }

        public string? CreditCode { get; set; }

        public string? ServiceScope { get; set; }

        public string? RegionCode { get; set; }

        public string? ContactName { get; set; }

        public string? ContactPhone { get; set; }
    }

    [BindProperty]
    public AgencyInput Input { get; set; } = new();

    public Guid? Id { get; private set; }

    public RegionPicker Regions { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            var a = await agencies.GetAsync(Actor, existing, ct);
            if (!Can(Kexie.Web.Features.Directory.DirectoryPermissions.ManageAgencies, a.RegionCode))
            {
                return ForbiddenPage("只有本地区科协管理员可以编辑该机构");
            }

            Input = new AgencyInput
            {
                Name = a.Name,
                CreditCode = a.CreditCode,
                ServiceScope = a.ServiceScope,
                RegionCode = a.RegionCode,
                ContactName = a.ContactName,
                ContactPhone = a.ContactPhone,
            };
        }
        else
        {
            if (!Can(Kexie.Web.Features.Directory.DirectoryPermissions.ManageAgencies))
            {
                return ForbiddenPage("只有科协管理员可以登记服务机构");
            }

            Input = new AgencyInput { RegionCode = Actor.ManagedScope is { Length: > 0 } scope ? scope : null };
        }

        await LoadOptionsAsync(ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Directory.DirectoryPermissions), nameof(Kexie.Web.Features.Directory.DirectoryPermissions.ManageAgencies))]
    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is null && !Can(Kexie.Web.Features.Directory.DirectoryPermissions.ManageAgencies))
        {
            return ForbiddenPage("只有科协管理员可以登记服务机构");
        }

        if (id is { } current && !Can(Kexie.Web.Features.Directory.DirectoryPermissions.ManageAgencies, (await agencies.GetAsync(Actor, current, ct)).RegionCode))
        {
            return ForbiddenPage("只有本地区科协管理员可以编辑该机构");
        }

        try
        {
            var data = new ServiceAgencyData(Input.Name, Input.CreditCode?.Trim().ToUpperInvariant(), Input.ServiceScope, Input.RegionCode, Input.ContactName, Input.ContactPhone);
            var saved = id is { } existing
                ? await agencies.UpdateAsync(Actor, existing, data, ct)
                : await agencies.CreateAsync(Actor, data, ct);
            Notice = id is null
                ? $"已登记服务机构“{saved.Name}”（{Lookups.AgencyStatusName(saved.Status)}，同意入驻后对公众显示）"
                : $"已保存“{saved.Name}”的资料";
            return RedirectToPage("/Agencies/Index", new { q = saved.Name });
        }
        catch (DomainValidationException e)
        {
            AddError<AgencyInput>(e);
        }
        catch (AccessDeniedException e)
        {
            // A region outside one's subtree: the form stays, with the reason next to the region.
            ModelState.AddModelError(FieldKey<AgencyInput>("regionCode"), e.Message);
        }

        await LoadOptionsAsync(ct);
        return Page();
    }

    private async Task LoadOptionsAsync(CancellationToken ct) =>
        Regions = await RegionPicker.ForAsync(db, Actor, Input.RegionCode, ct);
}
