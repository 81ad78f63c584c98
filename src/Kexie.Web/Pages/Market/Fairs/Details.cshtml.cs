using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Market;
using Kexie.Web.Features.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Market.Fairs;

/// <summary>A fair: its public catalogue by category, the viewer's own projects, and the form to submit one.</summary>
public sealed class DetailsModel(FairService fairs, AttachmentService files, KexieDbContext db) : MarketPageModel
{
    public sealed class ProjectInput
    {
        public string? Category { get; set; }
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? RegionCode { get; set; }
        public string? DisciplineCodes { get; set; }
        public string? IndustryCodes { get; set; }
    }

    [BindProperty] public ProjectInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)] public string? Category { get; set; }

    public FairDto Fair { get; private set; } = null!;

    public IReadOnlyList<FairProjectDto> Catalogue { get; private set; } = [];

    /// <summary>For the reviewers: every project; for others: their own (the catalogue shows the selected ones).</summary>
    public IReadOnlyList<FairProjectDto> Projects { get; private set; } = [];

    public string RegionName { get; private set; } = string.Empty;

    public bool CanSubmit => Fair.Status == FairStatus.Open && (Actor.ScienceWorkerId is not null || Actor.OrganizationId is not null || Can(Kexie.Web.Features.Market.MarketPermissions.ActForOthers));

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Input = new ProjectInput { Category = nameof(FairCategory.TechnologyToPromote), RegionCode = Fair.RegionCode.Length >= 6 ? Fair.RegionCode : null };
        return Page();
    }

    /// <summary>The submitter (worker or organization) or the region's staff, while the project is a draft, returned or withdrawn.</summary>
    public bool MayManage(FairProjectDto p) =>
        p.Status is ReviewStatus.Draft or ReviewStatus.Returned or ReviewStatus.Withdrawn && p.ReviewHistory is not null
        && ((Actor.ScienceWorkerId is { } w && p.ScienceWorkerId == w) || (Actor.OrganizationId is { } o && p.OrganizationId == o) || Can(Kexie.Web.Features.Market.MarketPermissions.ActForOthers, p.RegionCode));

    public AttachmentsPanel AttachmentsOf(FairProjectDto p, bool manage) =>
        new(p.Id, p.Attachments, "/Market/Fairs/Details/" + Fair.Id, manage, manage ? UploadError(p.Id) : null, "projectId=" + p.Id);

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.EditFiles))]
    public async Task<IActionResult> OnPostUploadAsync(Guid id, Guid projectId, IFormFile? file, CancellationToken ct) =>
        await UploadAndBackAsync(projectId, "/Market/Fairs/Details/" + id, () => files.UploadAsync(Actor, AttachmentOwner.FairProject, projectId, id, file, ct));

    public async Task<IActionResult> OnGetDownloadAsync(Guid id, Guid projectId, Guid attachmentId, CancellationToken ct) =>
        SendFile(await files.DownloadAsync(Actor, AttachmentOwner.FairProject, projectId, id, attachmentId, ct));

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.EditFiles))]
    public async Task<IActionResult> OnPostDeleteAttachmentAsync(Guid id, Guid projectId, Guid attachmentId, CancellationToken ct)
    {
        await files.DeleteAsync(Actor, AttachmentOwner.FairProject, projectId, id, attachmentId, ct);
        Notice = "已删除附件";
        return Redirect($"/Market/Fairs/Details/{id}#attachments-{projectId:N}");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.SubmitFairProjects))]
    public async Task<IActionResult> OnPostSubmitProjectAsync(Guid id, Guid projectId, int version, CancellationToken ct)
    {
        await fairs.ProjectTransitionAsync(Actor, id, projectId, p => p.Submit(Actor), version, ct);
        Notice = "已提交项目，等待科协遴选";
        return Redirect($"/Market/Fairs/Details/{id}");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.SubmitFairProjects))]
    public async Task<IActionResult> OnPostAsync(Guid id, bool draft, CancellationToken ct)
    {
        try
        {
            var created = await fairs.CreateProjectAsync(Actor, id, new FairProjectRequest(
                ParseEnum<FairCategory>(Input.Category, "category", "项目类别"), Input.Title, RichTextForm.FromEditor(Input.Description), null, null, Input.RegionCode,
                Codes(Input.DisciplineCodes), Codes(Input.IndustryCodes)), ct);
            if (draft)
            {
                Notice = $"已保存项目草稿“{created.Title}”，可上传附件后提交";
                return Redirect($"/Market/Fairs/Details/{id}#attachments-{created.Id:N}");
            }

            await fairs.ProjectTransitionAsync(Actor, id, created.Id, p => p.Submit(Actor), created.Version, ct);
            Notice = $"已提交项目“{created.Title}”，等待科协遴选";
            return Redirect($"/Market/Fairs/Details/{id}");
        }
        catch (DomainValidationException e)
        {
            AddError<ProjectInput>(e);
        }

        await LoadAsync(id, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.SubmitFairProjects))]
    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, Guid projectId, int version, CancellationToken ct)
    {
        await fairs.ProjectTransitionAsync(Actor, id, projectId, p => p.Withdraw(Actor, null), version, ct);
        return BackWithNotice("已撤回项目");
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Fair = await fairs.GetAsync(id, ct);
        FairCategory? category = Enum.TryParse<FairCategory>(Category, true, out var c) && Enum.IsDefined(c) ? c : null;
        Catalogue = await fairs.CatalogueAsync(id, category, ct);
        if (Actor.IsAuthenticated)
        {
            Projects = (await fairs.ProjectsAsync(Actor, id, null, ct)).Where(p => p.Status != ReviewStatus.Published || Can(Kexie.Web.Features.Market.MarketPermissions.ReviewFairProjects, p.RegionCode)).ToList();
        }

        RegionName = (await Lookups.RegionNamesAsync(db, [Fair.RegionCode], ct)).GetValueOrDefault(Fair.RegionCode, Fair.RegionCode);
    }
}
