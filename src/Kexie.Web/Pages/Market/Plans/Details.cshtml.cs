using Kexie.Data;
using Kexie.Domain.Market;
using Kexie.Web.Features.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Market.Plans;

[Authorize]
public sealed class DetailsModel(ResponsePlanService plans, NeedService needs, OrderService orders, KexieDbContext db) : MarketPageModel
{
    public ResponsePlanDto Plan { get; private set; } = null!;

    public NeedDto Need { get; private set; } = null!;

    public string OrganizationName { get; private set; } = string.Empty;

    public Dictionary<Guid, string> OfferTitles { get; private set; } = [];

    public Dictionary<Guid, string> WorkerNames { get; private set; } = [];

    public List<CodeName> HandlerOptions { get; private set; } = [];

    public IReadOnlyList<OrderSummaryDto> NeedOrders { get; private set; } = [];

    /// <summary>The handler and the region's managers act; the need's organization only follows.</summary>
    public bool CanHandle => Actor.IsRegionManager && (Actor.Manages(Plan.RegionCode) || Actor.UserId == Plan.HandlerUserId);

    public bool IsOpen => Plan.Status is ResponsePlanStatus.New or ResponsePlanStatus.Responded or ResponsePlanStatus.Negotiating;

    public string CandidateName(PlanCandidateDto c) => c.Kind == CandidateKind.Offer
        ? OfferTitles.GetValueOrDefault(c.TargetId, "（科技所能）")
        : WorkerNames.GetValueOrDefault(c.TargetId, "（科技工作者）");

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Plan = await plans.GetAsync(Actor, id, ct);
        Need = await needs.GetAsync(Actor, Plan.NeedId, ct);
        OrganizationName = (await MarketText.OrganizationNamesAsync(db, [Need.OrganizationId], ct)).GetValueOrDefault(Need.OrganizationId, "—");
        OfferTitles = await MarketLookups.OfferTitlesAsync(db, Plan.Candidates.Where(c => c.Kind == CandidateKind.Offer).Select(c => c.TargetId), ct);
        WorkerNames = await MarketText.WorkerNamesAsync(db, Plan.Candidates.Where(c => c.Kind == CandidateKind.Worker).Select(c => c.TargetId), CanHandle, ct);
        if (CanHandle)
        {
            HandlerOptions = await MarketLookups.HandlerOptionsAsync(db, Plan.RegionCode, ct);
            NeedOrders = (await orders.ListAsync(Actor, new OrderFilter(Need: Need.Id, PageSize: 50), ct)).Items;
        }

        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.HandlePlans))]
    public async Task<IActionResult> OnPostHandlerAsync(Guid id, int version, string? handlerUserId, string? note, CancellationToken ct)
    {
        var plan = await plans.AssignHandlerAsync(Actor, id, new AssignHandlerRequest(handlerUserId, note), version, ct);
        return BackWithNotice($"已改派处理人：{plan.HandlerName}");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.HandlePlans))]
    public async Task<IActionResult> OnPostContactAsync(Guid id, int version, string? contactedName, string? channel, string? note, string? candidateId, CancellationToken ct)
    {
        await plans.LogContactAsync(Actor, id, new ContactRequest(
            contactedName, ParseEnum<ContactChannel>(channel, "channel", "联系方式", ContactChannel.Phone), note, ParseGuid(candidateId, "candidateId", "候选")), version, ct);
        return BackWithNotice("已登记联系情况");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.HandlePlans))]
    public async Task<IActionResult> OnPostRefreshAsync(Guid id, int version, CancellationToken ct)
    {
        var plan = await plans.RefreshCandidatesAsync(Actor, id, version, ct);
        return BackWithNotice($"已重新匹配，当前候选 {plan.Candidates.Count} 个");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.HandlePlans))]
    public async Task<IActionResult> OnPostNegotiateAsync(Guid id, int version, string? note, CancellationToken ct)
    {
        await plans.TransitionAsync(Actor, id, (p, now) => p.StartNegotiation(Actor, note, now), version, ct);
        return BackWithNotice("已进入洽谈");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.HandlePlans))]
    public async Task<IActionResult> OnPostDealAsync(Guid id, int version, string? orderId, string? note, CancellationToken ct)
    {
        await plans.RecordDealAsync(Actor, id, new DealRequest(ParseGuid(orderId, "orderId", "订单"), note), version, ct);
        return BackWithNotice("已登记成交");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.HandlePlans))]
    public async Task<IActionResult> OnPostCloseAsync(Guid id, int version, string? reason, CancellationToken ct)
    {
        await plans.TransitionAsync(Actor, id, (p, now) => p.CloseWithoutDeal(Actor, reason, now), version, ct);
        return BackWithNotice("已关闭（未成交）");
    }
}
