using Kexie.Domain.Common;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Talent;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Pages.Talent.Stations;

/// <summary>Registers or edits a workstation or base; the host and the experts are typed by name.</summary>
[Authorize]
public sealed class EditModel(WorkstationService stations, CooperationService cooperation, NamePicker names) : MarketPageModel
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

    /// <summary>A 产学研合作协议 being recorded or corrected: parties typed by name (resolved through what the caller may see).</summary>
    public sealed class AgreementInput
    {
        public Guid? Id { get; set; }
        public int? Version { get; set; }
        public string? Organizations { get; set; }
        public string? Experts { get; set; }
        public string? Institution { get; set; }
        public string? SignedOn { get; set; }
        public string? Subject { get; set; }
        public string? Amount { get; set; }
    }

    /// <summary>A year's output (年度成果) typed into the form: kept as typed so a bad number is shown next to its field.</summary>
    public sealed class OutputInput
    {
        public string? Year { get; set; }
        public string? Projects { get; set; }
        public string? Patents { get; set; }
        public string? Trainings { get; set; }
        public string? Trainees { get; set; }
        public string? Note { get; set; }
    }

    [BindProperty] public StationInput Input { get; set; } = new();

    [BindProperty] public OutputInput YearOutput { get; set; } = new();

    /// <summary>Whether the caller may record the station's yearly output (the managers of its region, while it stands).</summary>
    public bool MayRecordOutputs => Station is { Status: WorkstationStatus.Active } s && Can(TalentPermissions.ManageWorkstations, s.RegionCode);

    [BindProperty] public AgreementInput Agreement { get; set; } = new();

    /// <summary>The record shown (with its agreements when a 产学研合作项目).</summary>
    public WorkstationDto? Station { get; private set; }

    /// <summary>Whether the caller may record, correct and delete the project's agreements.</summary>
    public bool MayKeepAgreements => Station is { Kind: WorkstationKind.CooperationProject, Status: WorkstationStatus.Active } s && Can(TalentPermissions.ManageWorkstations, s.RegionCode);

    [BindProperty] public int Version { get; set; }

    public Guid? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, Guid? agreement, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            if (!await LoadAsync(existing, ct))
            {
                return ForbiddenPage("只有依托单位所在地区的管理人员可以修改该记录");
            }

            if (agreement is { } editing && MayKeepAgreements)
            {
                var a = await cooperation.GetAsync(Actor, existing, editing, ct);
                var (organizations, experts) = await cooperation.PartyNamesAsync(Actor, existing, editing, ct);
                Agreement = new AgreementInput
                {
                    Id = a.Id, Version = a.Version, Organizations = string.Join("、", organizations), Experts = string.Join("、", experts), Institution = a.Institution,
                    SignedOn = a.SignedOn.ToString("yyyy-MM-dd"), Subject = a.Subject, Amount = a.AmountWan?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                };
            }
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

    /// <summary>Records a 产学研合作协议 under the project, or corrects one (<see cref="AgreementInput.Id"/>); errors next to the field.</summary>
    [Kexie.Web.Infrastructure.RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ManageWorkstations))]
    public async Task<IActionResult> OnPostAgreementAsync(Guid id, CancellationToken ct)
    {
        Id = id;
        try
        {
            var organizations = await names.OrganizationsAsync(Actor, Agreement.Organizations, "organizationIds", ct);
            var experts = await names.WorkersAsync(Actor, Agreement.Experts, "expertWorkerIds", ct);
            var request = new CooperationAgreementRequest(
                Agreement.Subject, ParseDate(Agreement.SignedOn, "signedOn", "签订日期"), organizations, experts, Agreement.Institution, ParseWan(Agreement.Amount));
            var saved = Agreement.Id is { } existing
                ? await cooperation.AmendAsync(Actor, id, existing, request, Agreement.Version, ct)
                : await cooperation.SignAsync(Actor, id, request, ct);
            Notice = Agreement.Id is null ? $"已登记合作协议“{saved.Subject}”" : $"已修改合作协议“{saved.Subject}”";
            return Redirect($"/Talent/Stations/Edit/{id}#agreements");
        }
        catch (DomainValidationException e)
        {
            ModelState.AddModelError(e.Field switch
            {
                "organizationIds" => "Agreement.Organizations",
                "expertWorkerIds" => "Agreement.Experts",
                "institution" => "Agreement.Institution",
                "signedOn" => "Agreement.SignedOn",
                "subject" => "Agreement.Subject",
                "amountWan" => "Agreement.Amount",
                _ => "Agreement",
            }, e.Message);
        }
        catch (InvalidTransitionException e)
        {
            ModelState.AddModelError("Agreement", e.Message);
        }
        catch (DbUpdateConcurrencyException) when (Agreement.Id is { } stale)
        {
            // Changed since the form was opened: the form again as typed, the saved values beside it, and the current version so that
            // saving again applies what was typed.
            await LoadAsync(id, ct, fillInput: true);
            var saved = await cooperation.GetAsync(Actor, id, stale, ct);
            ModelState.Remove("Agreement.Version");
            Agreement.Version = saved.Version;
            ModelState.AddModelError("Agreement", $"{StaleFormMessage}。现保存的是：“{saved.Subject}”，{saved.SignedOn:yyyy-MM-dd}签订。下面保留了您填写的内容，再次保存将以您填写的为准。");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        await LoadAsync(id, ct, fillInput: true);
        return Page();
    }

    /// <summary>Records a year's output of the station, or corrects the year's figures; errors next to the field, the input kept.</summary>
    [Kexie.Web.Infrastructure.RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ManageWorkstations))]
    public async Task<IActionResult> OnPostOutputAsync(Guid id, CancellationToken ct)
    {
        Id = id;
        try
        {
            var request = new WorkstationOutputRequest(
                ParseInt(YearOutput.Year, "year", "成果年度"), ParseInt(YearOutput.Projects, "projects", "承担项目数"), ParseInt(YearOutput.Patents, "patents", "获得专利数"),
                ParseInt(YearOutput.Trainings, "trainings", "培训场次"), ParseInt(YearOutput.Trainees, "trainees", "培训人次"), YearOutput.Note);
            var saved = await stations.RecordOutputAsync(Actor, id, request, null, ct);
            Notice = $"已登记{saved.Year}年度成果";
            return Redirect($"/Talent/Stations/Edit/{id}#outputs");
        }
        catch (DomainValidationException e)
        {
            ModelState.AddModelError(FieldKey<OutputInput>(e.Field, "YearOutput") is { Length: > 0 } key ? key : "YearOutput", e.Message);
        }

        await LoadAsync(id, ct, fillInput: true);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ManageWorkstations))]
    public async Task<IActionResult> OnPostDeleteAgreementAsync(Guid id, Guid agreementId, CancellationToken ct)
    {
        await cooperation.DeleteAsync(Actor, id, agreementId, ct);
        Notice = "已删除合作协议";
        return Redirect($"/Talent/Stations/Edit/{id}#agreements");
    }

    /// <summary>Loads the record the caller may edit (false when another region's); fills the station form unless it was posted.</summary>
    private async Task<bool> LoadAsync(Guid id, CancellationToken ct, bool fillInput = true)
    {
        var w = await stations.GetAsync(Actor, id, ct);
        if (!Can(TalentPermissions.ManageWorkstations, w.RegionCode))
        {
            return false;
        }

        Station = w;
        if (fillInput)
        {
            Input = new StationInput
            {
                Name = w.Name, Kind = w.Kind.ToString(), Level = w.Level.ToString(), HostOrganization = w.HostName, Experts = string.Join("、", w.ExpertNames),
                FoundedOn = w.FoundedOn.ToString("yyyy-MM-dd"), AccreditedBy = w.AccreditedBy, Field = w.Field, Note = w.Note,
            };
            Version = w.Version;
        }

        return true;
    }

    /// <summary>合同金额（万元）: a number, optional; "万元" may be typed after it.</summary>
    private static decimal? ParseWan(string? text)
    {
        var t = text?.Trim().Replace("万元", string.Empty, StringComparison.Ordinal).Replace("万", string.Empty, StringComparison.Ordinal).Trim();
        if (string.IsNullOrEmpty(t))
        {
            return null;
        }

        return decimal.TryParse(t, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new DomainValidationException("amountWan", "合同金额请填写数字（万元），如 12.5");
    }
}
