using Kexie.Domain.Common;
using Kexie.Web.Features.Talent;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Talent.Organizations;

/// <summary>组织建设: the admin's 学会, 协会 and township 科协 with their 年检 and 党建, the region's counts and township coverage.</summary>
[Authorize]
public sealed class IndexModel(AssociationManagementService management) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public IReadOnlyList<ManagedAssociationRow> Rows { get; private set; } = [];

    public AssociationBuildingDto? Stats { get; private set; }

    public TownshipCoverageDto? Coverage { get; private set; }

    public string? FilterError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Can(Kexie.Web.Features.Talent.TalentPermissions.ManageAssociations))
        {
            return Forbid();
        }

        try
        {
            var region = Region ?? HomeRegion;
            Rows = await management.ListAsync(Actor, Region, ct);
            Stats = await management.StatisticsAsync(region, Year, ct);
            if (region is { Length: <= 6 })
            {
                Coverage = await management.CoverageAsync(region, ct);
            }
        }
        catch (DomainValidationException e)
        {
            FilterError = e.Message;
        }

        return Page();
    }
}
