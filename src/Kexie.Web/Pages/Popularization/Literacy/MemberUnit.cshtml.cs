using Kexie.Domain.Common;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Literacy;

/// <summary>
/// A 纲要实施成员单位: its record, its tasks by year and its year-end assessments; the region's managers edit it, record that it
/// left, assign and tick off tasks, assess it and attach the evidence. A bad value in the edit, task, assessment or leave form
/// comes back on the page under the field it names (a message naming no field of the form under the form's button).
/// </summary>
public sealed class MemberUnitModel(LiteracyMemberUnitService units) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty] public MemberUnitInput Input { get; set; } = new();

    [BindProperty] public int Version { get; set; }

    /// <summary>The 分配任务 form.</summary>
    [BindProperty] public MemberTaskInput TaskForm { get; set; } = new();

    /// <summary>The 年度考核登记 form.</summary>
    [BindProperty] public MemberAssessInput AssessForm { get; set; } = new();

    /// <summary>The 退出成员单位 form.</summary>
    [BindProperty] public MemberLeaveInput LeaveForm { get; set; } = new();

    public MemberUnitDetailsDto Details { get; private set; } = null!;

    public IReadOnlyList<MemberOrganizationOption> Organizations { get; private set; } = [];

    public bool IsManager => Details.Unit.Actions.Count > 0 && Can(PopularizationPermissions.ManageMemberUnits, Details.Unit.RegionCode);

    public static IReadOnlyList<MemberAssessmentResult> Results { get; } = Enum.GetValues<MemberAssessmentResult>();

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var u = Details.Unit;
        Input = new MemberUnitInput
        {
            Name = u.Name, OrganizationId = u.OrganizationId?.ToString(), JoinedOn = u.JoinedOn.ToString("yyyy-MM-dd"),
            ContactName = u.ContactName, ContactPhone = u.ContactPhone, Note = u.Note,
        };
        Version = u.Version;
        TaskForm.Year = AssessForm.Year = Year?.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageMemberUnits))]
    public async Task<IActionResult> OnPostEditAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var saved = await units.UpdateAsync(
                Actor, id,
                new MemberUnitRequest(null, Input.Name, ParseDate(Input.JoinedOn, "joinedOn", "加入日期"), ParseGuid(Input.OrganizationId, "organizationId", "名录中的单位"), Input.ContactName, Input.ContactPhone, Input.Note),
                Version, ct);
            return BackWithNotice($"已保存“{saved.Name}”");
        }
        catch (DomainValidationException e)
        {
            AddError<MemberUnitInput>(e);
        }

        await LoadAsync(id, ct);
        return Page();
    }

    [RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageMemberUnits))]
    public async Task<IActionResult> OnPostLeaveAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var saved = await units.LeaveAsync(Actor, id, new MemberLeaveRequest(ParseDate(LeaveForm.LeftOn, "leftOn", "退出日期")), ct);
            return BackWithNotice($"“{saved.Name}”已于{saved.LeftOn:yyyy-MM-dd}退出成员单位");
        }
        catch (DomainValidationException e)
        {
            return await ShowErrorAsync<MemberLeaveInput>(id, e, nameof(LeaveForm), ct);
        }
    }

    [RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageMemberUnits))]
    public async Task<IActionResult> OnPostTaskAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var f = TaskForm;
            var saved = await units.AssignTaskAsync(Actor, id, new MemberTaskRequest(ParseInt(f.Year, "year", "年份"), f.Text, ParseDate(f.DueOn, "dueOn", "完成期限"), f.Target), ct);
            return BackWithNotice($"已分配{saved.Year}年任务");
        }
        catch (DomainValidationException e)
        {
            return await ShowErrorAsync<MemberTaskInput>(id, e, nameof(TaskForm), ct);
        }
    }

    [RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageMemberUnits))]
    public async Task<IActionResult> OnPostDoneAsync(Guid id, Guid taskId, string? completedOn, bool reopen, CancellationToken ct)
    {
        DateOnly? on = reopen ? null : ParseDate(completedOn, "completedOn", "完成日期") ?? DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        await units.MarkTaskAsync(Actor, id, taskId, new MemberTaskDoneRequest(on), ct);
        return BackWithNotice(reopen ? "已重新打开任务" : "已标记任务完成");
    }

    [RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageMemberUnits))]
    public async Task<IActionResult> OnPostAssessAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var f = AssessForm;
            var saved = await units.AssessAsync(Actor, id, new MemberAssessmentRequest(ParseInt(f.Year, "year", "考核年份"), f.Result, ParseInt(f.Score, "score", "考核得分"), f.Note), ct);
            return BackWithNotice($"已登记{saved.Year}年度考核：{saved.ResultName}");
        }
        catch (DomainValidationException e)
        {
            return await ShowErrorAsync<MemberAssessInput>(id, e, nameof(AssessForm), ct);
        }
    }

    [RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageMemberUnits))]
    public async Task<IActionResult> OnPostEvidenceAsync(Guid id, Guid assessmentId, IFormFile? file, CancellationToken ct)
    {
        var saved = await units.AttachEvidenceAsync(Actor, id, assessmentId, file, ct);
        return BackWithNotice($"已上传{saved.Year}年度考核佐证材料“{saved.EvidenceFileName}”");
    }

    /// <summary>
    /// The page again with <paramref name="e"/>'s message under the field of the sub-form <paramref name="prefix"/> it names
    /// ("year" → "TaskForm.Year"); a message naming no field of the form is shown under the form's button.
    /// </summary>
    private async Task<IActionResult> ShowErrorAsync<TInput>(Guid id, DomainValidationException e, string prefix, CancellationToken ct)
    {
        var key = FieldKey<TInput>(e.Field, prefix);
        ModelState.AddModelError(key.Length > 0 ? key : prefix, e.Message);
        await LoadAsync(id, ct);
        var u = Details.Unit;
        Input = new MemberUnitInput
        {
            Name = u.Name, OrganizationId = u.OrganizationId?.ToString(), JoinedOn = u.JoinedOn.ToString("yyyy-MM-dd"),
            ContactName = u.ContactName, ContactPhone = u.ContactPhone, Note = u.Note,
        };
        Version = u.Version;
        return Page();
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Details = await units.GetAsync(Actor, id, ct);
        Year ??= DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).Year;
        if (IsManager)
        {
            Organizations = await units.OrganizationOptionsAsync(Actor, Details.Unit.RegionCode, ct);
        }
    }
}

/// <summary>The 分配任务 sub-form of a member unit (as typed, parsed by the handler).</summary>
public sealed class MemberTaskInput
{
    public string? Year { get; set; }
    public string? Text { get; set; }
    public string? DueOn { get; set; }
    public string? Target { get; set; }
}

/// <summary>The 年度考核登记 sub-form of a member unit.</summary>
public sealed class MemberAssessInput
{
    public string? Year { get; set; }
    public string? Result { get; set; }
    public string? Score { get; set; }
    public string? Note { get; set; }
}

/// <summary>The 退出成员单位 sub-form of a member unit.</summary>
public sealed class MemberLeaveInput
{
    public string? LeftOn { get; set; }
}
