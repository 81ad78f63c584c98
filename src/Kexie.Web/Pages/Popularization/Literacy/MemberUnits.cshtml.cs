using Kexie.Domain.Common;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Literacy;

/// <summary>The form of a 纲要实施成员单位, on the list (add) and on its own page (edit).</summary>
public sealed class MemberUnitInput
{
    public string? Name { get; set; }
    public string? OrganizationId { get; set; }
    public string? JoinedOn { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// 纲要实施成员单位 of a region in a year: the count at year end and the change from the year before, tasks done of all assigned,
/// the units assessed, and every unit of the year with its tasks and assessment; the region's managers add units (by name or
/// picked from the organizations they can see), export the list and import it.
/// </summary>
public sealed class MemberUnitsModel(LiteracyMemberUnitService units) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty] public MemberUnitInput Input { get; set; } = new();

    public MemberUnitYearDto? Stats { get; private set; }

    public IReadOnlyList<MemberOrganizationOption> Organizations { get; private set; } = [];

    public string? FilterError { get; private set; }

    /// <summary>Whether the viewer may add, edit and assess the region's units.</summary>
    public bool IsManager { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    [RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageMemberUnits))]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var saved = await units.CreateAsync(
                Actor,
                new MemberUnitRequest(Region, Input.Name, ParseDate(Input.JoinedOn, "joinedOn", "加入日期"), ParseGuid(Input.OrganizationId, "organizationId", "名录中的单位"), Input.ContactName, Input.ContactPhone, Input.Note),
                ct);
            Notice = $"已登记成员单位“{saved.Name}”";
            return Redirect($"/Popularization/Literacy/MemberUnits?region={saved.RegionCode}&year={Year}");
        }
        catch (DomainValidationException e) when (e.Field != "region")
        {
            AddError<MemberUnitInput>(e);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Region ??= HomeRegion;
        Year ??= DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).Year;
        try
        {
            Stats = await units.YearAsync(Actor, Region, Year, ct);
            IsManager = Can(PopularizationPermissions.ManageMemberUnits, Stats.RegionCode);
            if (IsManager)
            {
                Organizations = await units.OrganizationOptionsAsync(Actor, Stats.RegionCode, ct);
            }
        }
        catch (DomainValidationException e)
        {
            FilterError = e.Message;
        }
    }
}
