using Kexie.Data;
using Kexie.Domain.Market;
using Kexie.Web.Features.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Market.Orders;

/// <summary>
/// One order and the next steps the viewer's party may take (the domain decides; the page only offers the buttons
/// that fit the viewer's party and the status). Every form posts the version it read, so acting on a page that is
/// out of date gives the 409 page instead of overwriting someone else's step.
/// </summary>
[Authorize]
public sealed class DetailsModel(OrderService orders, AttachmentService files, KexieDbContext db) : MarketPageModel
{
    public OrderDto Order { get; private set; } = null!;

    public string BuyerName { get; private set; } = string.Empty;

    public string ProviderName { get; private set; } = string.Empty;

    public string? OfferTitle { get; private set; }

    public string? NeedTitle { get; private set; }

    public IReadOnlyList<StoredFileDto> Files { get; private set; } = [];

    /// <summary>The viewer's side of the order (mirrors <see cref="Kexie.Domain.Market.Order.PartyOf"/>).</summary>
    public OrderParty? Party { get; private set; }

    /// <summary>Whether the viewer may take <paramref name="step"/> now: the order's <c>actions</c>, the API's own list (<see cref="Kexie.Domain.Market.Order.ActionsFor"/>).</summary>
    public bool Can(string step) => Order.Actions.Contains(step);

    /// <summary>The proposal waiting for confirmation, if any.</summary>
    public OrderProposalDto? Pending => Order.AwaitingConfirmationBy is null ? null : Order.Proposals.LastOrDefault(p => p.Outcome == ProposalOutcome.Pending);

    /// <summary>A side by its name: the buyer organization's or the provider's, the region's association for administrators.</summary>
    public string NameOf(OrderParty party) => party switch
    {
        OrderParty.Buyer => BuyerName,
        OrderParty.Provider => ProviderName,
        _ => "本地区科协",
    };

    /// <summary>A file's side may delete it (not the other side's files, not the contract agreed or proposed).</summary>
    public bool MayDelete(StoredFileDto f) => CanManageFiles && !f.IsContract && !f.IsProposed && (f.UploadedBy is null || f.UploadedBy == Party);

    /// <summary>The parties upload files (contract drafts, delivery reports) until the order is settled or cancelled.</summary>
    public bool CanManageFiles => Party is not null && Order.Status is not (OrderStatus.Settled or OrderStatus.Cancelled);

    public string? FileError => UploadError(Order.Id);

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.EditFiles))]
    public async Task<IActionResult> OnPostUploadFileAsync(Guid id, IFormFile? file, CancellationToken ct) =>
        await UploadAndBackAsync(id, "/Market/Orders/Details/" + id, () => files.UploadOrderFileAsync(Actor, id, file, ct), "已上传订单文件");

    public async Task<IActionResult> OnGetFileAsync(Guid id, Guid fileId, CancellationToken ct) =>
        SendFile(await files.DownloadOrderFileAsync(Actor, id, fileId, ct));

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.EditFiles))]
    public async Task<IActionResult> OnPostDeleteFileAsync(Guid id, Guid fileId, CancellationToken ct)
    {
        await files.DeleteOrderFileAsync(Actor, id, fileId, ct);
        Notice = "已删除订单文件";
        return Redirect("/Market/Orders/Details/" + id);
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Order = await orders.GetAsync(Actor, id, ct);
        Party = Actor.OrganizationId == Order.BuyerOrganizationId ? OrderParty.Buyer
            : Actor.ScienceWorkerId == Order.ProviderWorkerId ? OrderParty.Provider
            : Can(Kexie.Web.Features.Market.MarketPermissions.ResolveOrders, Order.RegionCode) ? OrderParty.Administrator
            : null;
        BuyerName = (await MarketText.OrganizationNamesAsync(db, [Order.BuyerOrganizationId], ct)).GetValueOrDefault(Order.BuyerOrganizationId, "—");
        ProviderName = (await MarketText.WorkerNamesAsync(db, [Order.ProviderWorkerId], Actor, parties: true, ct: ct)).GetValueOrDefault(Order.ProviderWorkerId, "—");
        if (Order.OfferId is { } offer)
        {
            OfferTitle = (await MarketLookups.OfferTitlesAsync(db, [offer], ct)).GetValueOrDefault(offer);
        }

        if (Order.NeedId is { } need)
        {
            NeedTitle = (await MarketLookups.NeedTitlesAsync(db, [need], ct)).GetValueOrDefault(need);
        }

        Files = await files.OrderFilesAsync(Actor, id, ct);
        return Page();
    }

    /// <summary>One side proposes (or counter-proposes) the amount, terms and contract file (uploaded now, or one already uploaded).</summary>
    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.TradeOrders))]
    public async Task<IActionResult> OnPostProposeAsync(Guid id, int version, string? amount, string? terms, string? contractFileId, IFormFile? contractFile, CancellationToken ct)
    {
        var value = ParseYuan(amount, "contractAmount", "合同金额") ?? throw new Kexie.Domain.Common.DomainValidationException("contractAmount", "请填写合同金额（元），如 50000 或 5万");
        var fileId = await ContractFileAsync(id, version, contractFileId, contractFile, ct);
        var order = await orders.ProposeAsync(Actor, id, new ProposeRequest(value, terms, fileId), version, ct);
        return BackWithNotice($"已提出合同条件（合同金额 {MarketText.Yuan(order.Proposals[^1].Amount)}），等待对方确认");
    }

    /// <summary>The other side confirms the pending proposal it saw: the order is agreed.</summary>
    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.TradeOrders))]
    public async Task<IActionResult> OnPostConfirmAsync(Guid id, int version, int proposalNumber, CancellationToken ct)
    {
        var order = await orders.ConfirmAsync(Actor, id, new ConfirmRequest(proposalNumber), version, ct);
        return BackWithNotice($"已确认合同条件，订单已签约，合同金额 {MarketText.Yuan(order.ContractAmount)}");
    }

    /// <summary>An administrator records a contract both sides signed offline: the amount and the contract file.</summary>
    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.TradeOrders))]
    public async Task<IActionResult> OnPostAgreeAsync(Guid id, int version, string? amount, string? terms, string? contractFileId, IFormFile? contractFile, CancellationToken ct)
    {
        var value = ParseYuan(amount, "contractAmount", "合同金额") ?? throw new Kexie.Domain.Common.DomainValidationException("contractAmount", "请填写合同金额（元），如 50000 或 5万");
        var fileId = await ContractFileAsync(id, version, contractFileId, contractFile, ct);
        var order = await orders.AgreeAsync(Actor, id, new AgreeRequest(value, fileId, terms), version, ct);
        return BackWithNotice($"已登记签约，合同金额 {MarketText.Yuan(order.ContractAmount)}");
    }

    private async Task<Guid?> ContractFileAsync(Guid id, int version, string? contractFileId, IFormFile? contractFile, CancellationToken ct)
    {
        var current = await orders.GetAsync(Actor, id, ct);
        MarketSupport.CheckVersion(current.Version, version);
        var fileId = ParseGuid(contractFileId, "contractFileId", "合同文件");
        if (contractFile is { Length: > 0 })
        {
            fileId = (await files.UploadOrderFileAsync(Actor, id, contractFile, ct)).Id;
        }

        return fileId;
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.TradeOrders))]
    public async Task<IActionResult> OnPostDeliverAsync(Guid id, int version, string? note, CancellationToken ct)
    {
        await orders.TransitionAsync(Actor, id, o => o.StartDelivery(Actor, note), version, ct);
        return BackWithNotice("已开始履约");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.TradeOrders))]
    public async Task<IActionResult> OnPostAcceptAsync(Guid id, int version, string? note, CancellationToken ct)
    {
        await orders.TransitionAsync(Actor, id, o => o.Accept(Actor, note), version, ct);
        return BackWithNotice("已验收");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.TradeOrders))]
    public async Task<IActionResult> OnPostSettleAsync(Guid id, int version, string? note, CancellationToken ct)
    {
        await orders.TransitionAsync(Actor, id, o => o.Settle(Actor, note), version, ct);
        return BackWithNotice("已结算");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.TradeOrders))]
    public async Task<IActionResult> OnPostCancelAsync(Guid id, int version, string? reason, CancellationToken ct)
    {
        await orders.TransitionAsync(Actor, id, o => o.Cancel(Actor, reason), version, ct);
        return BackWithNotice("订单已取消");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.TradeOrders))]
    public async Task<IActionResult> OnPostDisputeAsync(Guid id, int version, string? reason, CancellationToken ct)
    {
        await orders.TransitionAsync(Actor, id, o => o.Dispute(Actor, reason), version, ct);
        return BackWithNotice("已提出争议，等待科协处理");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.ResolveOrders))]
    public async Task<IActionResult> OnPostResolveAsync(Guid id, int version, string? reason, CancellationToken ct)
    {
        await orders.TransitionAsync(Actor, id, o => o.ResolveDispute(Actor, reason), version, ct);
        return BackWithNotice("争议已处理，订单恢复原状态");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.TradeOrders))]
    public async Task<IActionResult> OnPostRateAsync(Guid id, int version, string? stars, string? comment, CancellationToken ct)
    {
        var value = ParseInt(stars, "stars", "评分") ?? throw new Kexie.Domain.Common.DomainValidationException("stars", "请选择评分（1–5星）");
        await orders.TransitionAsync(Actor, id, o => o.Rate(Actor, value, comment), version, ct);
        return BackWithNotice("感谢评价");
    }
}
