using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.ThinkTank;
using Kexie.Web.Features.ThinkTank;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.ThinkTank;

/// <summary>One proposal; the region's association admins record whether (and by which level) it was adopted.</summary>
[Authorize]
public sealed class ProposalModel(ProposalService proposals, KexieDbContext db) : MarketPageModel
{
    public ProposalDto Proposal { get; private set; } = null!;

    public string RegionName { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Proposal = await proposals.GetAsync(Actor, id, ct);
        RegionName = (await Lookups.RegionNamesAsync(db, [Proposal.RegionCode], ct)).GetValueOrDefault(Proposal.RegionCode, Proposal.RegionCode);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.ThinkTank.ThinkTankPermissions), nameof(Kexie.Web.Features.ThinkTank.ThinkTankPermissions.DecideProposals))]
    public async Task<IActionResult> OnPostAdoptAsync(Guid id, int version, string? level, string? adoptedBy, string? note, CancellationToken ct)
    {
        await proposals.AdoptAsync(Actor, id, new AdoptRequest(ParseEnum<AdoptionLevel>(level, "level", "采纳层级"), adoptedBy, note), version, ct);
        return BackWithNotice("已登记采纳");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.ThinkTank.ThinkTankPermissions), nameof(Kexie.Web.Features.ThinkTank.ThinkTankPermissions.DecideProposals))]
    public async Task<IActionResult> OnPostDeclineAsync(Guid id, int version, string? reason, CancellationToken ct)
    {
        await proposals.DeclineAsync(Actor, id, reason, version, ct);
        return BackWithNotice("已登记未采纳");
    }
}
