using Kexie.Domain.Common;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Venues;

/// <summary>Registers a 科普阵地 or edits one, its status included (the region's staff and admins).</summary>
[Authorize]
public sealed class EditModel(VenueService venues) : MarketPageModel
{
    public sealed class VenueInput
    {
        public string? Name { get; set; }
        public string? Kind { get; set; }
        public string? Level { get; set; }
        public string? RegionCode { get; set; }
        public string? Address { get; set; }
        public string? AccreditedBy { get; set; }
        public string? AccreditedOn { get; set; }
        public string? Status { get; set; }
        public string? OpenedOn { get; set; }
        public string? Note { get; set; }
    }

    [BindProperty] public VenueInput Input { get; set; } = new();

    [BindProperty] public int Version { get; set; }

    public Guid? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            var v = await venues.GetAsync(existing, ct);
            if (!Can(PopularizationPermissions.ManageVenues, v.RegionCode))
            {
                return ForbiddenPage("只有本地区服务中心工作人员或科协管理员可以修改科普阵地");
            }

            Input = new VenueInput
            {
                Name = v.Name, Kind = v.Kind.ToString(), Level = v.Level.ToString(), RegionCode = v.RegionCode, Address = v.Address, AccreditedBy = v.AccreditedBy,
                AccreditedOn = v.AccreditedOn?.ToString("yyyy-MM-dd"), Status = v.Status.ToString(), OpenedOn = v.OpenedOn?.ToString("yyyy-MM-dd"), Note = v.Note,
            };
            Version = v.Version;
        }
        else
        {
            Input = new VenueInput
            {
                Kind = nameof(VenueKind.PopularizationBase), Level = nameof(VenueLevel.County), Status = nameof(VenueStatus.Open),
                RegionCode = Actor.ManagedScope is { Length: > 0 } scope ? scope : null,
            };
        }

        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageVenues))]
    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        try
        {
            var request = new VenueRequest(
                Input.Name, ParseEnum<VenueKind>(Input.Kind, "kind", "阵地类型"), ParseEnum<VenueLevel>(Input.Level, "level", "级别"), Input.RegionCode, Input.Address,
                Input.AccreditedBy, ParseDate(Input.AccreditedOn, "accreditedOn", "认定日期"), ParseEnum<VenueStatus>(Input.Status, "status", "运行状态"),
                ParseDate(Input.OpenedOn, "openedOn", "开放日期"), Input.Note);
            var saved = id is { } existing ? await venues.UpdateAsync(Actor, existing, request, Version, ct) : await venues.CreateAsync(Actor, request, ct);
            Notice = $"已保存“{saved.Name}”";
            return Redirect($"/Popularization/Venues/Details/{saved.Id}");
        }
        catch (DomainValidationException e)
        {
            AddError<VenueInput>(e);
        }

        return Page();
    }
}
