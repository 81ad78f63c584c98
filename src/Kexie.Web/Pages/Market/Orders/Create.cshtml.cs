using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Market;
using Kexie.Web.Features.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Market.Orders;

/// <summary>发起询价: an inquiry on a published offer, optionally answering one of the buyer's published needs.</summary>
[Authorize]
public sealed class CreateModel(OrderService orders, OfferService offers, NeedService needs, FairService fairs, KexieDbContext db) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public Guid Offer { get; set; }

    [BindProperty] public string? NeedId { get; set; }

    [BindProperty] public string? FairId { get; set; }

    [BindProperty] public string? Note { get; set; }

    public OfferDto OfferItem { get; private set; } = null!;

    public string ProviderName { get; private set; } = string.Empty;

    public IReadOnlyList<NeedSummaryDto> MyNeeds { get; private set; } = [];

    public IReadOnlyList<FairDto> OpenFairs { get; private set; } = [];

    /// <summary>
    /// The need the inquiry answers by default: the one it was started from (<c>?need=</c>, from the need's matches), else
    /// the buyer's only published need.
    /// </summary>
    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.TradeOrders))]
    public async Task<IActionResult> OnGetAsync(Guid? need, CancellationToken ct)
    {
        await LoadAsync(ct);
        NeedId ??= MyNeeds.FirstOrDefault(n => n.Id == need)?.Id.ToString()
            ?? (MyNeeds.Count == 1 ? MyNeeds[0].Id.ToString() : null);
        return !Kexie.Domain.Market.Offer.MayStartInquiries(Actor)
            ? ForbiddenPage("只有单位用户可以发起询价（服务人员可代单位发起）")
            : Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.TradeOrders))]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var order = await orders.CreateAsync(Actor, new CreateOrderRequest(
                Offer, ParseGuid(NeedId, "needId", "科技需求"), ParseGuid(FairId, "fairId", "科创会"), Note: string.IsNullOrWhiteSpace(Note) ? null : Note), ct);
            Notice = "已发起询价，等待双方商定合同金额";
            return Redirect($"/Market/Orders/Details/{order.Id}");
        }
        catch (DomainValidationException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
        }
        catch (InvalidTransitionException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        OfferItem = await offers.GetAsync(Actor, Offer, ct);
        ProviderName = (await MarketText.WorkerNamesAsync(db, [OfferItem.ProviderWorkerId], Actor, ct: ct)).GetValueOrDefault(OfferItem.ProviderWorkerId, "—");
        if (Actor.OrganizationId is { } org)
        {
            MyNeeds = (await needs.ListAsync(Actor, new NeedFilter(Status: ReviewStatus.Published, Organization: org, PageSize: 100), ct)).Items;
        }

        OpenFairs = (await fairs.ListAsync(null, FairStatus.Open, 1, 50, ct)).Items;
    }
}
