using Kexie.Data;
using Kexie.Domain.Market;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Market.Orders;

[Authorize]
public sealed class IndexModel(OrderService orders, KexieDbContext db) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public PagedResult<OrderSummaryDto> Result { get; private set; } = new([], 0, 1, 20);

    public Dictionary<Guid, string> BuyerNames { get; private set; } = [];

    public Dictionary<Guid, string> ProviderNames { get; private set; } = [];

    public string? FilterError { get; private set; }

    public PagerModel Pager => new(Result.Page, Result.PageCount, "/Market/Orders", new Dictionary<string, string?> { ["q"] = Q, ["region"] = Region, ["status"] = Status });

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            OrderStatus? status = Enum.TryParse<OrderStatus>(Status, true, out var s) && Enum.IsDefined(s) ? s : null;
            Result = await orders.ListAsync(Actor, new OrderFilter(Region, status, Q: Q, Page: PageNumber, PageSize: 20), ct);
        }
        catch (Kexie.Domain.Common.DomainValidationException e)
        {
            FilterError = e.Message;
        }

        BuyerNames = await MarketText.OrganizationNamesAsync(db, Result.Items.Select(o => o.BuyerOrganizationId), ct);
        ProviderNames = await MarketText.WorkerNamesAsync(db, Result.Items.Select(o => o.ProviderWorkerId), Actor, parties: true, ct: ct);
    }
}
