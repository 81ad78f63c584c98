using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Web.Features.Directory;
using Kexie.Web.Features.SignUp;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Admin;

/// <summary>单位入驻审核: new organizations and claims from sign-up, approved or returned by the county's admins.</summary>
public sealed class OrganizationApplicationsModel(OrganizationReviews reviews, KexieDbContext db) : KexiePageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; } = nameof(OrganizationApplicationStatus.Pending);

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNumber { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public PagedResult<ApplicationDto> Result { get; private set; } = new([], 0, 1, 20);

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Admin/OrganizationApplications", new Dictionary<string, string?> { ["status"] = Status });

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Can(Kexie.Web.Features.Directory.DirectoryPermissions.ReviewOrganizations))
        {
            return ForbiddenPage("只有科协管理员可以审核单位入驻");
        }

        OrganizationApplicationStatus? status = Enum.TryParse<OrganizationApplicationStatus>(Status, true, out var s) && Enum.IsDefined(s) ? s : null;
        Result = await reviews.ListAsync(Actor, status, PageNumber, 20, ct);
        RegionNames = await Lookups.RegionNamesAsync(db, Result.Items.Select(a => a.RegionCode), ct);
        return Page();
    }

    [RequiresPermission(typeof(DirectoryPermissions), nameof(DirectoryPermissions.ReviewOrganizations))]
    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct)
    {
        var decided = await reviews.ApproveAsync(Actor, id, ct);
        Notice = $"已审核通过“{decided.OrganizationName}”，{decided.ApplicantName}成为该单位管理员";
        return Redirect(ThisPageUrl());
    }

    [RequiresPermission(typeof(DirectoryPermissions), nameof(DirectoryPermissions.ReviewOrganizations))]
    public async Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var decided = await reviews.ReturnAsync(Actor, id, Reason, ct);
            Notice = $"已退回“{decided.OrganizationName}”的申请";
        }
        catch (DomainValidationException e)
        {
            Alert = e.Message;
        }

        return Redirect(ThisPageUrl());
    }
}
