using Kexie.Domain.Common;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Talent;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Talent.Stations;

/// <summary>Registers or edits a workstation or base; the host and the experts are typed by name.</summary>
[Authorize]
public sealed class EditModel(WorkstationService stations, NamePicker names) : MarketPageModel
{
    public sealed class StationInput
    {
        public string? Name { get; set; }
        public string? Kind { get; set; }
        public string? Level { get; set; }
        public string? HostOrganization { get; set; }
        public string? Experts { get; set; }
        public string? FoundedOn { get; set; }
        public string? AccreditedBy { get; set; }
        public string? Field { get; set; }
        public string? Note { get; set; }
    }

    [BindProperty] public StationInput Input { get; set; } = new();

    [BindProperty] public int Version { get; set; }

    public Guid? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            var w = await stations.GetAsync(Actor, existing, ct);
            if (!Can(Kexie.Web.Features.Talent.TalentPermissions.ManageWorkstations, w.RegionCode))
            {
                return ForbiddenPage("只有依托单位所在地区的管理人员可以修改该记录");
            }

            Input = new StationInput
            {
                Name = w.Name, Kind = w.Kind.ToString(), Level = w.Level.ToString(), HostOrganization = w.HostName, Experts = string.Join("、", w.ExpertNames),
                FoundedOn = w.FoundedOn.ToString("yyyy-MM-dd"), AccreditedBy = w.AccreditedBy, Field = w.Field, Note = w.Note,
            };
            Version = w.Version;
        }
        else
        {
            Input = new StationInput { Kind = nameof(WorkstationKind.ExpertWorkstation), Level = nameof(HonourLevel.County) };
        }

        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ManageWorkstations))]
    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        try
        {
            var host = await names.OrganizationAsync(Actor, Input.HostOrganization, "hostOrganization", ct);
            var experts = await names.WorkersAsync(Actor, Input.Experts, "experts", ct);
            var request = new WorkstationRequest(
                Input.Name, ParseEnum<WorkstationKind>(Input.Kind, "kind", "类型"), ParseEnum<HonourLevel>(Input.Level, "level", "级别"), host, experts,
                ParseDate(Input.FoundedOn, "foundedOn", "建立日期"), Input.AccreditedBy, Input.Field, Input.Note);
            var saved = id is { } existing ? await stations.UpdateAsync(Actor, existing, request, Version, ct) : await stations.CreateAsync(Actor, request, ct);
            Notice = $"已保存“{saved.Name}”";
            return Redirect("/Talent/Stations");
        }
        catch (DomainValidationException e)
        {
            ModelState.AddModelError(e.Field switch
            {
                "hostOrganizationId" => "Input.HostOrganization",
                "expertWorkerIds" => "Input.Experts",
                _ => FieldKey<StationInput>(e.Field),
            }, e.Message);
        }
        catch (InvalidTransitionException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
        }

        return Page();
    }
}
