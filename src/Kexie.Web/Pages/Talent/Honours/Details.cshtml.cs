using Kexie.Domain.Common;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Talent;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Talent.Honours;

/// <summary>A call: its nominations; a region's admin nominates by name; the call's admins decide and close it.</summary>
public sealed class DetailsModel(HonourService honours, HonourReviewService review, NamePicker names) : MarketPageModel
{
    public sealed class NominationInput
    {
        public string? Nominee { get; set; }
        public string? Reason { get; set; }
    }

    [BindProperty] public NominationInput Input { get; set; } = new();

    public sealed class UnitNominationInput
    {
        /// <summary>"{associationId}|{workerId}" of one of <see cref="UnitNominees"/>.</summary>
        public string? Member { get; set; }
        public string? Reason { get; set; }
    }

    [BindProperty] public UnitNominationInput Unit { get; set; } = new();

    /// <summary>The members of the societies the signed-in person leads, when the call takes societies' nominations.</summary>
    public IReadOnlyList<UnitNomineeOption> UnitNominees { get; private set; } = [];

    public HonourCallDto Call { get; private set; } = null!;

    public IReadOnlyList<NominationDto> Nominations { get; private set; } = [];

    public bool IsDecider { get; private set; }

    /// <summary>The expert review, for the call's region that organizes it (null for everyone else).</summary>
    public HonourReviewDto? Review { get; private set; }

    /// <summary>The 专家库 experts the region may put on the panel, while the review is open.</summary>
    public IReadOnlyList<ContestExpertOptionDto> ExpertOptions { get; private set; } = [];

    /// <summary>The panel form's input kept after an error, and the error with its field.</summary>
    public IReadOnlyList<Guid> PanelInput { get; private set; } = [];

    public int? PerNominationInput { get; private set; }

    public string? PanelField { get; private set; }

    public string? PanelError { get; private set; }

    /// <summary>The rubric form's text kept after an error ("名称,权重,满分" a line), and the error.</summary>
    public string? RubricInput { get; private set; }

    public string? RubricError { get; private set; }

    /// <summary>A decision refused for want of a reason (against the ranking): the row, the message, the reason typed.</summary>
    public Guid? DecideFor { get; private set; }

    public string? DecideError { get; private set; }

    public string? DecideReason { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        return Page();
    }

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.Nominate))]
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var call = await honours.GetAsync(id, ct);
            NominationRequest request = call.ForOrganizations
                ? new(null, await names.OrganizationAsync(Actor, Input.Nominee, "nominee", ct), Input.Reason)
                : new(await names.WorkerAsync(Actor, Input.Nominee, "nominee", true, ct), null, Input.Reason);
            var n = await honours.NominateAsync(Actor, id, request, ct);
            Notice = $"已推荐{n.NomineeName}";
            return Redirect($"/Talent/Honours/Details/{id}");
        }
        catch (DomainValidationException e)
        {
            ModelState.AddModelError(e.Field is "reason" ? "Input.Reason" : "Input.Nominee", e.Message);
        }
        catch (InvalidTransitionException e)
        {
            return BackWithAlert(e.Message);
        }

        await LoadAsync(id, ct);
        return Page();
    }

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.NominateAsUnit))]
    public async Task<IActionResult> OnPostUnitAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var parts = (Unit.Member ?? string.Empty).Split('|');
            var request = parts.Length == 2 && Guid.TryParse(parts[0], out var association) && Guid.TryParse(parts[1], out var worker)
                ? new UnitNominationRequest(association, worker, Unit.Reason)
                : throw new DomainValidationException("workerId", "请选择推荐的会员");
            var n = await honours.NominateAsUnitAsync(Actor, id, request, ct);
            Notice = $"已推荐{n.NomineeName}（{n.NominatedByUnitName ?? n.NominatedBy}）";
            return Redirect($"/Talent/Honours/Details/{id}");
        }
        catch (DomainValidationException e)
        {
            ModelState.AddModelError(e.Field is "reason" ? "Unit.Reason" : "Unit.Member", e.Message);
        }
        catch (NotFoundException e)
        {
            ModelState.AddModelError("Unit.Member", e.Message);
        }
        catch (InvalidTransitionException e)
        {
            return BackWithAlert(e.Message);
        }

        await LoadAsync(id, ct);
        return Page();
    }

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ManageHonours))]
    public async Task<IActionResult> OnPostDecideAsync(Guid id, Guid nominationId, bool selected, string? rankingReason, CancellationToken ct)
    {
        try
        {
            var n = await honours.DecideAsync(Actor, nominationId, new DecisionRequest(selected, null, rankingReason), ct);
            return BackWithNotice($"{n.NomineeName}：{n.StatusName}");
        }
        catch (DomainValidationException e) when (e.Field == "rankingReason")
        {
            // Against the experts' ranking: the page says so next to the row and asks for the reason, keeping what was typed.
            DecideFor = nominationId;
            DecideError = e.Message;
            DecideReason = rankingReason;
        }
        catch (Exception e) when (e is DomainValidationException or InvalidTransitionException or NotFoundException)
        {
            return BackWithAlert(e.Message);
        }

        await LoadAsync(id, ct);
        return Page();
    }

    /// <summary>指派评审专家: the panel checked, to every nomination waiting or N of them to each.</summary>
    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ReviewHonours))]
    public async Task<IActionResult> OnPostAssignAsync(Guid id, List<Guid>? expertIds, int? perNomination, CancellationToken ct)
    {
        try
        {
            var done = await review.AssignAsync(Actor, id, new AssignHonourExpertsRequest(expertIds, null, perNomination), ct);
            var skipped = done.Skipped.Count == 0 ? string.Empty : "；未指派：" + string.Join("；", done.Skipped.Take(5).Select(s => $"{s.NomineeName}—{s.Reason}"));
            Notice = $"已指派评审专家{done.Assigned.Count}人次{skipped}";
            return Redirect($"/Talent/Honours/Details/{id}#expert-review");
        }
        catch (Exception e) when (e is DomainValidationException or InvalidTransitionException)
        {
            PanelField = e is DomainValidationException d ? d.Field : "expertIds";
            PanelError = e.Message;
            PanelInput = expertIds ?? [];
            PerNominationInput = perNomination;
        }

        await LoadAsync(id, ct);
        return Page();
    }

    /// <summary>评审指标: the call's rubric, typed a criterion a line, while no expert is assigned; empty is the default.</summary>
    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ReviewHonours))]
    public async Task<IActionResult> OnPostRubricAsync(Guid id, string? rubric, CancellationToken ct)
    {
        try
        {
            await review.SetRubricAsync(Actor, id, new HonourRubricRequest(Kexie.Domain.ThinkTank.ReviewRubric.Parse(rubric)), ct);
            Notice = "评审指标已保存";
            return Redirect($"/Talent/Honours/Details/{id}#expert-review");
        }
        catch (Exception e) when (e is DomainValidationException or InvalidTransitionException)
        {
            RubricError = e.Message;
            RubricInput = rubric;
        }

        await LoadAsync(id, ct);
        return Page();
    }

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ReviewHonours))]
    public async Task<IActionResult> OnPostCloseReviewAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await review.CloseReviewAsync(Actor, id, ct);
            return BackWithNotice("专家评审已结束");
        }
        catch (InvalidTransitionException e)
        {
            return BackWithAlert(e.Message);
        }
    }

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ManageHonours))]
    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await honours.CloseAsync(Actor, id, ct);
            return BackWithNotice("评选已结束");
        }
        catch (Exception e) when (e is InvalidTransitionException or NotFoundException)
        {
            return BackWithAlert(e.Message);
        }
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Call = await honours.GetAsync(id, ct);
        Nominations = await honours.NominationsAsync(Actor, id, ct);
        IsDecider = Can(Kexie.Web.Features.Talent.TalentPermissions.ManageHonours, Call.RegionCode);
        if (Can(TalentPermissions.ReviewHonours, Call.RegionCode))
        {
            Review = await review.ReviewAsync(Actor, id, ct);
            ExpertOptions = Review.ReviewOpen ? await review.ExpertOptionsAsync(Actor, id, ct) : [];
        }
        if (Call.AllowsUnitNominations && Call.Status == HonourCallStatus.Open && Can(TalentPermissions.NominateAsUnit))
        {
            UnitNominees = await honours.UnitNomineesAsync(Actor, ct);
        }
    }
}
