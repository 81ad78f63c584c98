using Kexie.Data;
using Kexie.Domain.Market;
using Kexie.Web.Features.Market;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Pages.Market.Offers;

public sealed class DetailsModel(OfferService offers, AttachmentService files, KexieDbContext db) : MarketPageModel
{
    public AttachmentsPanel Attachments => new(Offer.Id, Offer.Attachments, "/Market/Offers/Details/" + Offer.Id, May(ReviewActions.Edit), UploadError(Offer.Id));

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.EditFiles))]
    public async Task<IActionResult> OnPostUploadAsync(Guid id, IFormFile? file, CancellationToken ct) =>
        await UploadAndBackAsync(id, "/Market/Offers/Details/" + id, () => files.UploadAsync(Actor, AttachmentOwner.Offer, id, null, file, ct));

    public async Task<IActionResult> OnGetDownloadAsync(Guid id, Guid attachmentId, CancellationToken ct) =>
        SendFile(await files.DownloadAsync(Actor, AttachmentOwner.Offer, id, null, attachmentId, ct));

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.EditFiles))]
    public async Task<IActionResult> OnPostDeleteAttachmentAsync(Guid id, Guid attachmentId, CancellationToken ct)
    {
        await files.DeleteAsync(Actor, AttachmentOwner.Offer, id, null, attachmentId, ct);
        Notice = "已删除附件";
        return Redirect("/Market/Offers/Details/" + id);
    }

    public OfferDto Offer { get; private set; } = null!;

    public string RegionName { get; private set; } = string.Empty;

    public string ProviderName { get; private set; } = string.Empty;

    /// <summary>The 科创工作室 the offer belongs to, when it is open (or the viewer may manage it).</summary>
    public (Guid Id, string Name)? Storefront { get; private set; }

    public Dictionary<string, string> DisciplineNames { get; private set; } = [];

    public Dictionary<string, string> IndustryNames { get; private set; } = [];

    /// <summary>Whether the caller may take <paramref name="action"/> now: the offer's <c>actions</c>, the API's own list.</summary>
    public bool May(string action) => Offer.Actions.Contains(action);

    /// <summary>发起询价, from the offer's own actions (<see cref="OfferActions.Inquire"/>).</summary>
    public bool CanInquire => May(OfferActions.Inquire);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Offer = await offers.GetAsync(Actor, id, ct);
        RegionName = (await Lookups.RegionNamesAsync(db, [Offer.RegionCode], ct)).GetValueOrDefault(Offer.RegionCode, Offer.RegionCode);
        ProviderName = (await MarketText.WorkerNamesAsync(db, [Offer.ProviderWorkerId], Actor, ct: ct))
            .GetValueOrDefault(Offer.ProviderWorkerId, "—");
        if (Offer.StorefrontId is { } storefrontId)
        {
            var s = await db.Storefronts.AsNoTracking().Where(x => x.Id == storefrontId).Select(x => new { x.Id, x.Name, x.IsOpen, x.OwnerWorkerId, x.RegionCode }).FirstOrDefaultAsync(ct);
            if (s is not null && (s.IsOpen || Actor.ScienceWorkerId == s.OwnerWorkerId || Can(Kexie.Web.Features.Market.MarketPermissions.ActForOthers, s.RegionCode)))
            {
                Storefront = (s.Id, s.Name);
            }
        }

        DisciplineNames = await Lookups.DisciplineNamesAsync(db, Offer.DisciplineCodes, ct);
        IndustryNames = await MarketText.IndustryNamesAsync(db, Offer.IndustryCodes, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.EditOffers))]
    public async Task<IActionResult> OnPostSubmitAsync(Guid id, int version, CancellationToken ct)
    {
        await offers.TransitionAsync(Actor, id, o => o.Submit(Actor), version, ct);
        return BackWithNotice("已提交审核，请等待科协审核");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.EditOffers))]
    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, int version, string? reason, CancellationToken ct)
    {
        await offers.TransitionAsync(Actor, id, o => o.Withdraw(Actor, reason), version, ct);
        return BackWithNotice("已撤回，可修改后重新提交");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.EditOffers))]
    public async Task<IActionResult> OnPostCloseAsync(Guid id, int version, string? reason, CancellationToken ct)
    {
        await offers.TransitionAsync(Actor, id, o => o.Close(Actor, reason), version, ct);
        return BackWithNotice("已关闭");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.EditOffers))]
    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        await offers.DeleteAsync(Actor, id, ct);
        Notice = "已删除草稿";
        return Redirect("/Market/Offers?mine=true");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.ReviewOffers))]
    public async Task<IActionResult> OnPostPublishAsync(Guid id, int version, CancellationToken ct)
    {
        await offers.TransitionAsync(Actor, id, o => o.Publish(Actor), version, ct);
        return BackWithNotice("审核通过，已发布");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.ReviewOffers))]
    public async Task<IActionResult> OnPostReturnAsync(Guid id, int version, string? reason, CancellationToken ct)
    {
        await offers.TransitionAsync(Actor, id, o => o.Return(Actor, reason), version, ct);
        return BackWithNotice("已退回修改");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.ReviewOffers))]
    public async Task<IActionResult> OnPostRejectAsync(Guid id, int version, string? reason, CancellationToken ct)
    {
        await offers.TransitionAsync(Actor, id, o => o.Reject(Actor, reason), version, ct);
        return BackWithNotice("已决定不予发布");
    }
}
