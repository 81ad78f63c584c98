using Kexie.Data;
using Kexie.Web.Features.Directory;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Organizations;

public sealed class DetailsModel(OrganizationService organizations, KexieDbContext db, Kexie.Web.Features.Talent.HonourService honours) : KexiePageModel
{
    /// <summary>Honours the organization was selected for (优秀组织单位、优秀执行单位…; public, like a worker's).</summary>
    public IReadOnlyList<Kexie.Web.Features.Talent.NominationDto> Honours { get; private set; } = [];

    public OrganizationDto Organization { get; private set; } = null!;

    public string RegionName { get; private set; } = string.Empty;

    public string? IndustryName { get; private set; }

    public bool CanEdit => Actor.OrganizationId == Organization.Id || Can(Kexie.Web.Features.Directory.DirectoryPermissions.RegisterOthers, Organization.RegionCode);

    public bool CanAdminister => Can(Kexie.Web.Features.Directory.DirectoryPermissions.ReviewOrganizations, Organization.RegionCode);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Organization = await organizations.GetAsync(Actor, id, ct);
        RegionName = (await Lookups.RegionNamesAsync(db, [Organization.RegionCode], ct)).GetValueOrDefault(Organization.RegionCode, Organization.RegionCode);
        IndustryName = await Lookups.IndustryNameAsync(db, Organization.IndustryCode, ct);
        Honours = await honours.HonoursOfAsync(Actor, null, id, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Directory.DirectoryPermissions), nameof(Kexie.Web.Features.Directory.DirectoryPermissions.ReviewOrganizations))]
    public async Task<IActionResult> OnPostVerifyAsync(Guid id, bool verified, CancellationToken ct)
    {
        var organization = await organizations.VerifyAsync(Actor, id, verified, ct);
        Notice = verified ? $"已审核通过“{organization.Name}”" : $"已撤销“{organization.Name}”的审核";
        return RedirectToPage(new { id });
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Directory.DirectoryPermissions), nameof(Kexie.Web.Features.Directory.DirectoryPermissions.ReviewOrganizations))]
    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        var organization = await organizations.GetAsync(Actor, id, ct);
        await organizations.DeleteAsync(Actor, id, ct);
        Notice = $"已删除单位“{organization.Name}”";
        return RedirectToPage("/Organizations/Index");
    }
}
