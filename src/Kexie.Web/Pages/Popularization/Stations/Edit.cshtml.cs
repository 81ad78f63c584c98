using Kexie.Domain.Common;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Stations;

/// <summary>Registers a 科普e站 or edits one (the region's staff and admins).</summary>
[Authorize]
public sealed class EditModel(EStationService stations) : MarketPageModel
{
    public sealed class StationInput
    {
        public string? Name { get; set; }
        public string? SiteKind { get; set; }
        public string? RegionCode { get; set; }
        public string? Address { get; set; }
        public string? ContactName { get; set; }
        public string? ContactPhone { get; set; }
    }

    [BindProperty] public StationInput Input { get; set; } = new();

    [BindProperty] public int Version { get; set; }

    public Guid? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            var s = await stations.GetAsync(Actor, existing, ct);
            if (!Can(PopularizationPermissions.ManageEStations, s.RegionCode))
            {
                return ForbiddenPage("只有本地区服务中心工作人员或科协管理员可以修改科普e站");
            }

            Input = new StationInput { Name = s.Name, SiteKind = s.SiteKind.ToString(), RegionCode = s.RegionCode, Address = s.Address, ContactName = s.ContactName, ContactPhone = s.ContactPhone };
            Version = s.Version;
        }
        else
        {
            Input = new StationInput { SiteKind = nameof(EStationSiteKind.School), RegionCode = Actor.ManagedScope is { Length: > 0 } scope ? scope : null };
        }

        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageEStations))]
    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        try
        {
            var request = new EStationRequest(Input.Name, ParseEnum<EStationSiteKind>(Input.SiteKind, "siteKind", "站点类型"), Input.RegionCode, Input.Address, Input.ContactName, Input.ContactPhone);
            var saved = id is { } existing ? await stations.UpdateAsync(Actor, existing, request, Version, ct) : await stations.CreateAsync(Actor, request, ct);
            Notice = $"已保存“{saved.Name}”";
            return Redirect($"/Popularization/Stations/Details/{saved.Id}");
        }
        catch (DomainValidationException e)
        {
            AddError<StationInput>(e);
        }

        return Page();
    }
}
