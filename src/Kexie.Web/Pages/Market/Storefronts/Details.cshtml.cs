using Kexie.Data;
using Kexie.Web.Features.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Market.Storefronts;

/// <summary>A storefront's public page: its introduction and its published offers; its owner (or region staff) opens or closes it.</summary>
public sealed class DetailsModel(StorefrontService storefronts, KexieDbContext db) : MarketPageModel
{
    public StorefrontPageDto View { get; private set; } = null!;

    public StorefrontDto Storefront => View.Storefront;

    public string RegionName { get; private set; } = string.Empty;

    public Dictionary<Guid, string> MemberNames { get; private set; } = [];

    /// <summary>Whether the caller may take <paramref name="action"/> (<see cref="Kexie.Domain.Market.StorefrontActions"/>), from the storefront's own actions.</summary>
    public bool May(string action) => Storefront.Actions.Contains(action);

    public bool CanManage => Storefront.Actions.Count > 0;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        View = await storefronts.GetPageAsync(Actor, id, ct);
        RegionName = (await Lookups.RegionNamesAsync(db, [Storefront.RegionCode], ct)).GetValueOrDefault(Storefront.RegionCode, Storefront.RegionCode);
        if (Storefront.MemberWorkerIds.Length > 0)
        {
            MemberNames = await MarketText.WorkerNamesAsync(db, Storefront.MemberWorkerIds, Actor, parties: Actor.ScienceWorkerId == Storefront.OwnerWorkerId, ct: ct);
        }

        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.EditStorefronts))]
    public async Task<IActionResult> OnPostOpenAsync(Guid id, CancellationToken ct)
    {
        await storefronts.SetOpenAsync(Actor, id, true, ct);
        return BackWithNotice("工作室已开门营业");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Market.MarketPermissions), nameof(Kexie.Web.Features.Market.MarketPermissions.EditStorefronts))]
    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct)
    {
        await storefronts.SetOpenAsync(Actor, id, false, ct);
        return BackWithNotice("工作室已关闭，不再公开展示");
    }
}
