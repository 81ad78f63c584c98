using Kexie.Domain.Common;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Literacy;

/// <summary>
/// A 纲要实施成员单位: its record, its tasks by year and its year-end assessments; the region's managers edit it, record that it
/// left, assign and tick off tasks, assess it and attach the evidence (an edit error shows next to its field; the others on top).
/// </summary>
public sealed class MemberUnitModel(LiteracyMemberUnitService units) : MarketPageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty] public MemberUnitInput Input { get; set; } = new();

    [BindProperty] public int Version { get; set; }

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
    public async Task<IActionResult> OnPostLeaveAsync(Guid id, string? leftOn, CancellationToken ct)
    {
        var saved = await units.LeaveAsync(Actor, id, new MemberLeaveRequest(ParseDate(leftOn, "leftOn", "退出日期")), ct);
        return BackWithNotice($"“{saved.Name}”已于{saved.LeftOn:yyyy-MM-dd}退出成员单位");
    }

    [RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageMemberUnits))]
    public async Task<IActionResult> OnPostTaskAsync(Guid id, string? taskYear, string? text, string? dueOn, string? target, CancellationToken ct)
    {
        var saved = await units.AssignTaskAsync(Actor, id, new MemberTaskRequest(ParseInt(taskYear, "year", "年份"), text, ParseDate(dueOn, "dueOn", "完成期限"), target), ct);
        return BackWithNotice($"已分配{saved.Year}年任务");
    }

    [RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageMemberUnits))]
    public async Task<IActionResult> OnPostDoneAsync(Guid id, Guid taskId, string? completedOn, bool reopen, CancellationToken ct)
    {
        DateOnly? on = reopen ? null : ParseDate(completedOn, "completedOn", "完成日期") ?? DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        await units.MarkTaskAsync(Actor, id, taskId, new MemberTaskDoneRequest(on), ct);
        return BackWithNotice(reopen ? "已重新打开任务" : "已标记任务完成");
    }

    [RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageMemberUnits))]
    public async Task<IActionResult> OnPostAssessAsync(Guid id, string? assessYear, string? result, string? score, string? note, CancellationToken ct)
    {
        var saved = await units.AssessAsync(Actor, id, new MemberAssessmentRequest(ParseInt(assessYear, "year", "考核年份"), result, ParseInt(score, "score", "考核得分"), note), ct);
        return BackWithNotice($"已登记{saved.Year}年度考核：{saved.ResultName}");
    }

    [RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageMemberUnits))]
    public async Task<IActionResult> OnPostEvidenceAsync(Guid id, Guid assessmentId, IFormFile? file, CancellationToken ct)
    {
        var saved = await units.AttachEvidenceAsync(Actor, id, assessmentId, file, ct);
        return BackWithNotice($"已上传{saved.Year}年度考核佐证材料“{saved.EvidenceFileName}”");
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
