using Kexie.Domain.Market;
using Kexie.Web.Features.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Market.Needs;

/// <summary>An anonymous visitor's page is kept per node under the platform's market stamp and the match index's state (<see cref="PublicMarketCache"/>).</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublicMarketCache.DetailName)]
public sealed class DetailsModel(NeedService needs, AttachmentService files) : MarketPageModel
{
    public AttachmentsPanel Attachments => new(Need.Id, Need.Attachments, "/Market/Needs/Details/" + Need.Id, May(ReviewActions.Edit), UploadError(Need.Id));

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.EditFiles))]
    public async Task<IActionResult> OnPostUploadAsync(Guid id, IFormFile? file, CancellationToken ct) =>
        await UploadAndBackAsync(id, "/Market/Needs/Details/" + id, () => files.UploadAsync(Actor, AttachmentOwner.Need, id, null, file, ct));

    public async Task<IActionResult> OnGetDownloadAsync(Guid id, Guid attachmentId, CancellationToken ct) =>
        SendFile(await files.DownloadAsync(Actor, AttachmentOwner.Need, id, null, attachmentId, ct));

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.EditFiles))]
    public async Task<IActionResult> OnPostDeleteAttachmentAsync(Guid id, Guid attachmentId, CancellationToken ct)
    {
        await files.DeleteAsync(Actor, AttachmentOwner.Need, id, null, attachmentId, ct);
        Notice = "已删除附件";
        return Redirect("/Market/Needs/Details/" + id);
    }

    public NeedDto Need { get; private set; } = null!;

    public string RegionName { get; private set; } = string.Empty;

    public string OrganizationName { get; private set; } = string.Empty;

    public Dictionary<string, string> DisciplineNames { get; private set; } = [];

    public Dictionary<string, string> IndustryNames { get; private set; } = [];

    /// <summary>Whether the caller may take <paramref name="action"/> now: the need's <c>actions</c>, the API's own list.</summary>
    public bool May(string action) => Need.Actions.Contains(action);

    /// <summary>The organization follows its plan; the region's staff handle it.</summary>
    public bool CanSeePlan => Need.ResponsePlanId is not null && (Actor.OrganizationId == Need.OrganizationId || Can(Kexie.Web.Features.Market.MarketPermissions.Oversee, Need.RegionCode));

    /// <summary>The match candidates' panel, given the need as read here (no second read of it or of its organization's industry).</summary>
    public Kexie.Web.Features.Matching.MatchesPanel Matches { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        // Two round trips: the need with its region's and organization's names (and industry), then its codes' names.
        var detail = await needs.GetDetailAsync(Actor, id, ct);
        (Need, RegionName, OrganizationName, DisciplineNames, IndustryNames) = detail;
        Matches = new("need", Need.Id, "推荐", detail.Record, detail.OrganizationIndustry);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.EditNeeds))]
    public async Task<IActionResult> OnPostSubmitAsync(Guid id, int version, CancellationToken ct)
    {
        await needs.TransitionAsync(Actor, id, n => n.Submit(Actor), version, ct);
        return BackWithNotice("已提交审核，请等待科协审核");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.EditNeeds))]
    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, int version, string? reason, CancellationToken ct)
    {
        await needs.TransitionAsync(Actor, id, n => n.Withdraw(Actor, reason), version, ct);
        return BackWithNotice("已撤回，可修改后重新提交");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.EditNeeds))]
    public async Task<IActionResult> OnPostCloseAsync(Guid id, int version, string? reason, CancellationToken ct)
    {
        await needs.TransitionAsync(Actor, id, n => n.Close(Actor, reason), version, ct);
        return BackWithNotice("已关闭");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.EditNeeds))]
    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        await needs.DeleteAsync(Actor, id, ct);
        Notice = "已删除草稿";
        return Redirect("/Market/Needs?mine=true");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.ReviewNeeds))]
    public async Task<IActionResult> OnPostPublishAsync(Guid id, int version, CancellationToken ct)
    {
        await needs.PublishAsync(Actor, id, version, ct);
        return BackWithNotice("审核通过，已发布；已自动建立一单一策");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.ReviewNeeds))]
    public async Task<IActionResult> OnPostReturnAsync(Guid id, int version, string? reason, CancellationToken ct)
    {
        await needs.TransitionAsync(Actor, id, n => n.Return(Actor, reason), version, ct);
        return BackWithNotice("已退回修改");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.ReviewNeeds))]
    public async Task<IActionResult> OnPostRejectAsync(Guid id, int version, string? reason, CancellationToken ct)
    {
        await needs.TransitionAsync(Actor, id, n => n.Reject(Actor, reason), version, ct);
        return BackWithNotice("已决定不予发布");
    }
}
