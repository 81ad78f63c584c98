using Kexie.Domain.Common;
using Kexie.Web.Features.Talent;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Talent.Organizations;

/// <summary>
/// 本会年检: the societies whose 会长 or 副会长 the signed-in person is; they submit the year's 年检 with materials, and resubmit it when
/// returned; under 清理整顿 they see its reasons and deadline and submit the 整改报告 with materials (again when the 科协 returned it).
/// </summary>
[Authorize]
public sealed class MineModel(InspectionService inspections, RectificationReportService rectifications) : MarketPageModel
{
    public IReadOnlyList<LedAssociationDto> Societies { get; private set; } = [];

    /// <summary>The field the last refused form named, and the message shown next to it.</summary>
    public string? ErrorField { get; private set; }

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Can(TalentPermissions.SubmitInspections))
        {
            return Forbid();
        }

        ErrorField = TempData["inspection-error-field"] as string;
        ErrorMessage = TempData["inspection-error"] as string;
        Societies = await inspections.MineAsync(Actor, ct);
        return Page();
    }

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.SubmitInspections))]
    public Task<IActionResult> OnPostSubmitAsync(Guid id, string? year, string? individualMembers, string? groupMembers, string? documents, List<IFormFile>? files, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            var created = await inspections.SubmitAsync(Actor, id, Form(year, individualMembers, groupMembers, documents), ct);
            foreach (var file in files ?? [])
            {
                await inspections.UploadAsync(Actor, created.Id, file, ct);
            }
        }, "年检已报送，等待科协审核");

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.SubmitInspections))]
    public Task<IActionResult> OnPostResubmitAsync(Guid id, Guid inspectionId, string? year, string? individualMembers, string? groupMembers, string? documents, List<IFormFile>? files, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            foreach (var file in files ?? [])
            {
                await inspections.UploadAsync(Actor, inspectionId, file, ct);
            }

            await inspections.ResubmitAsync(Actor, inspectionId, Form(year, individualMembers, groupMembers, documents), null, ct);
        }, "年检已重新报送");

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.SubmitInspections))]
    public Task<IActionResult> OnPostUploadAsync(Guid id, Guid inspectionId, List<IFormFile>? files, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            if (files is not { Count: > 0 })
            {
                throw new DomainValidationException("file", "请选择要上传的材料文件");
            }

            foreach (var file in files)
            {
                await inspections.UploadAsync(Actor, inspectionId, file, ct);
            }
        }, "材料已上传");

    /// <summary>The 整改报告 of an open 整顿, with its files (submitted first, so a refused report uploads nothing).</summary>
    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.SubmitInspections))]
    public Task<IActionResult> OnPostReportAsync(Guid id, Guid rectificationId, string? report, List<IFormFile>? files, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            try
            {
                await rectifications.SubmitAsync(Actor, rectificationId, new RectificationReportRequest(report), null, ct);
                foreach (var file in files ?? [])
                {
                    await rectifications.UploadAsync(Actor, rectificationId, file, ct);
                }
            }
            catch (DomainValidationException e)
            {
                throw new DomainValidationException($"rect-{e.Field}", e.Message);
            }
        }, "整改报告已提交，等待科协审核");

    private static InspectionRequest Form(string? year, string? individualMembers, string? groupMembers, string? documents) =>
        new(ParseInt(year, "year", "年检年度"), ParseInt(individualMembers, "individualMembers", "个人会员人数"), ParseInt(groupMembers, "groupMembers", "单位会员数"), documents, null);

    private async Task<IActionResult> RunAsync(Guid associationId, Func<Task> action, string done)
    {
        try
        {
            await action();
            Notice = done;
        }
        catch (DomainValidationException e)
        {
            TempData["inspection-error-field"] = $"{associationId:N}-{e.Field}";
            TempData["inspection-error"] = e.Message;
        }
        catch (InvalidTransitionException e)
        {
            Alert = e.Message;
        }

        return Redirect($"/Talent/Organizations/Mine#society-{associationId:N}");
    }
}
