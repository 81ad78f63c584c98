using Kexie.Domain.Common;
using Kexie.Domain.Market;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Talent;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Pages.Talent.Organizations;

/// <summary>One association's management file for its region's admins: 年检 (submitted, then decided), 党建, leadership posts, 换届 and its activities.</summary>
[Authorize]
public sealed class DetailsModel(AssociationManagementService management, SocietyActivityService activities, RectificationReportService reports) : MarketPageModel
{
    public AssociationFileDto Record { get; private set; } = null!;

    /// <summary>The activity being corrected (<c>?activity=id</c>): its values fill the form.</summary>
    public SocietyActivityDto? Editing { get; private set; }

    /// <summary>
    /// The activity form as typed when the correction was refused because someone changed the activity after the form was opened:
    /// the page shows it again with <see cref="MarketPageModel.StaleFormMessage"/> next to it and the activity's saved values, so nothing typed is lost.
    /// </summary>
    public ActivityForm? Posted { get; private set; }

    public sealed record ActivityForm(string? Kind, string? Title, string? HeldOn, string? Participants, string? PartnerUnits);

    /// <summary>The 清理整顿 form as typed when it was refused: shown again with the message next to its field.</summary>
    public RectificationForm? RectificationTyped { get; private set; }

    /// <summary>The 整改结果 form as typed when it was refused.</summary>
    public ResultForm? ResultTyped { get; private set; }

    /// <summary>The refused field (the domain's field name) and its message, for the form that was posted.</summary>
    public (string Field, string Message)? FormError { get; private set; }

    public sealed record RectificationForm(string? Year, string? Reasons, string? Deadline, string? OpenedOn);

    public sealed record ResultForm(string? Result, string? ConcludedOn, string? Outcome);

    /// <summary>The message for <paramref name="field"/> of the posted form, or null.</summary>
    public string? ErrorFor(string field) => FormError is { } e && e.Field == field ? e.Message : null;

    /// <summary>
    /// The form that was refused — Inspection, Party, Post, Congress, or one row's <see cref="DecideForm"/>, <see cref="ReturnForm"/> or
    /// <see cref="EndPostForm"/>: the page shows that form again as typed.
    /// </summary>
    public string? RefusedForm { get; private set; }

    /// <summary>What was typed into <paramref name="name"/> of the refused <paramref name="handler"/> form, or null (then the saved value shows).</summary>
    public string? Typed(string handler, string name) => RefusedForm == handler ? Request.Form[name].ToString() : null;

    /// <summary>The message for <paramref name="field"/> when the refused form is <paramref name="handler"/>.</summary>
    public string? ErrorAt(string handler, string field) => RefusedForm == handler ? ErrorFor(field) : null;

    /// <summary>The refused <paramref name="handler"/> form's message when it names none of <paramref name="fields"/> (shown by its button).</summary>
    public string? OtherErrorAt(string handler, params string[] fields) =>
        RefusedForm == handler && FormError is { } e && !fields.Contains(e.Field) ? e.Message : null;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? activity, CancellationToken ct)
    {
        if (!Can(Kexie.Web.Features.Talent.TalentPermissions.ManageAssociations))
        {
            return Forbid();
        }

        Record = await management.FileAsync(Actor, id, ct);
        if (activity is { } editing && Can(TalentPermissions.RecordSocietyActivities))
        {
            Editing = Record.Activities?.FirstOrDefault(a => a.Id == editing);
        }

        return Page();
    }

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ManageAssociations))]
    public Task<IActionResult> OnPostInspectionAsync(Guid id, string? year, string? individualMembers, string? groupMembers, string? documents, string? submittedOn, CancellationToken ct) =>
        KeepAsync(id, "Inspection", async () => await management.SubmitInspectionAsync(Actor, id, new InspectionRequest(
            ParseInt(year, "year", "年检年度"), ParseInt(individualMembers, "individualMembers", "个人会员人数"), ParseInt(groupMembers, "groupMembers", "单位会员数"),
            documents, ParseDate(submittedOn, "submittedOn", "报送日期")), ct), "年检已报送", ct);

    /// <summary>The form of one 年检's 评定 (<see cref="RefusedForm"/> when refused): each submitted 年检 row has its own.</summary>
    public static string DecideForm(Guid inspectionId) => $"Decide-{inspectionId:N}";

    /// <summary>The form of one 年检's 退回修改.</summary>
    public static string ReturnForm(Guid inspectionId) => $"Return-{inspectionId:N}";

    /// <summary>The 离任 form of one post.</summary>
    public static string EndPostForm(Guid postId) => $"EndPost-{postId:N}";

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ManageAssociations))]
    public Task<IActionResult> OnPostDecideAsync(Guid id, Guid inspectionId, string? result, string? decidedOn, string? opinion, CancellationToken ct) =>
        KeepAsync(id, DecideForm(inspectionId), async () => await management.DecideInspectionAsync(Actor, inspectionId, new InspectionDecisionRequest(
            ParseEnum<InspectionStatus>(result, "result", "年检结论"), ParseDate(decidedOn, "decidedOn", "年检结论日期"), opinion), null, ct), "年检结论已登记", ct);

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ManageAssociations))]
    public Task<IActionResult> OnPostReturnAsync(Guid id, Guid inspectionId, string? reason, CancellationToken ct) =>
        KeepAsync(id, ReturnForm(inspectionId), async () => await management.ReturnInspectionAsync(Actor, inspectionId, reason, null, ct), "年检已退回，学会将收到通知", ct);

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.RectifySocieties))]
    public Task<IActionResult> OnPostRectifyAsync(Guid id, string? year, string? reasons, string? deadline, string? openedOn, CancellationToken ct) =>
        FormAsync(id, () => RectificationTyped = new RectificationForm(year, reasons, deadline, openedOn), async () => await management.OpenRectificationAsync(Actor, id, new RectificationRequest(
            ParseInt(year, "year", "年检年度"), reasons, ParseDate(deadline, "deadline", "整改期限"), ParseDate(openedOn, "openedOn", "整顿开始日期")), ct), "已列入清理整顿，学会负责人将收到通知", ct);

    /// <summary>The 整改报告 form (通过 / 退回) as typed when it was refused.</summary>
    public ReportReviewForm? ReportTyped { get; private set; }

    public sealed record ReportReviewForm(string? Outcome, string? Reason);

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.RectifySocieties))]
    public Task<IActionResult> OnPostAcceptReportAsync(Guid id, Guid rectificationId, string? outcome, CancellationToken ct) =>
        FormAsync(id, () => ReportTyped = new ReportReviewForm(outcome, null), async () => await reports.AcceptAsync(Actor, rectificationId, new RectificationAcceptRequest(null, outcome), null, ct),
            "整改报告已通过，整顿结果为整改合格", ct);

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.RectifySocieties))]
    public Task<IActionResult> OnPostReturnReportAsync(Guid id, Guid rectificationId, string? reason, CancellationToken ct) =>
        FormAsync(id, () => ReportTyped = new ReportReviewForm(null, reason), async () => await reports.ReturnAsync(Actor, rectificationId, reason, null, ct),
            "整改报告已退回，学会修改后重新提交", ct);

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.RectifySocieties))]
    public Task<IActionResult> OnPostConcludeAsync(Guid id, Guid rectificationId, string? result, string? concludedOn, string? outcome, CancellationToken ct) =>
        FormAsync(id, () => ResultTyped = new ResultForm(result, concludedOn, outcome), async () => await management.ConcludeRectificationAsync(Actor, rectificationId, new RectificationResultRequest(
            ParseEnum<RectificationStatus>(result, "result", "整改结果"), ParseDate(concludedOn, "concludedOn", "结果日期"), outcome), null, ct), "整改结果已登记", ct);

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ManageAssociations))]
    public Task<IActionResult> OnPostPartyAsync(Guid id, string? instructorName, string? formalMembers, string? form, string? establishedOn, CancellationToken ct) =>
        KeepAsync(id, "Party", async () => await management.SetPartyAsync(Actor, id, new PartyBuildingRequest(
            instructorName, ParseInt(formalMembers, "formalMembers", "正式党员人数"), ParseEnum<PartyOrganizationForm>(form, "form", "党组织形式", PartyOrganizationForm.None),
            ParseDate(establishedOn, "establishedOn", "党组织成立日期")), ct), "党建情况已保存", ct);

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ManageAssociations))]
    public Task<IActionResult> OnPostPostAsync(Guid id, string? personName, string? kind, string? position, string? from, CancellationToken ct) =>
        KeepAsync(id, "Post", async () => await management.AppointAsync(Actor, id, new LeadershipPostRequest(
            personName, ParseEnum<LeadershipKind>(kind, "kind", "职务"), position, ParseDate(from, "from", "任职日期")), ct), "职务已登记", ct);

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ManageAssociations))]
    public Task<IActionResult> OnPostEndPostAsync(Guid id, Guid postId, string? until, CancellationToken ct) =>
        KeepAsync(id, EndPostForm(postId), async () => await management.EndPostAsync(Actor, postId, new PostEndRequest(ParseDate(until, "until", "离任日期")), ct), "已登记离任", ct);

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.ManageAssociations))]
    public Task<IActionResult> OnPostCongressAsync(Guid id, string? term, string? heldOn, string? termYears, string? note, CancellationToken ct) =>
        KeepAsync(id, "Congress", async () => await management.RecordCongressAsync(Actor, id, new CongressRequest(
            ParseInt(term, "term", "届次"), ParseDate(heldOn, "heldOn", "换届日期"), ParseInt(termYears, "termYears", "每届年限"), note), ct), "换届已登记", ct);

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.RecordSocietyActivities))]
    public async Task<IActionResult> OnPostActivityAsync(
        Guid id, Guid? activityId, int? activityVersion, string? activityKind, string? activityTitle, string? activityOn, string? participants, string? partnerUnits, CancellationToken ct)
    {
        try
        {
            return await RunAsync(async () =>
            {
                var request = new SocietyActivityRequest(
                    ParseEnum<SocietyActivityKind>(activityKind, "kind", "活动类型"), activityTitle, ParseDate(activityOn, "heldOn", "活动日期"),
                    ParseInt(participants, "participants", "参加人数"), partnerUnits);
                _ = activityId is { } existing ? await activities.AmendAsync(Actor, existing, request, activityVersion, ct) : await activities.RecordAsync(Actor, id, request, ct);
            }, activityId is null ? "学会活动已登记" : "学会活动已修改");
        }
        catch (DbUpdateConcurrencyException) when (activityId is { } stale)
        {
            // Changed since the form was opened: the form again, as typed, beside the saved values; saving again applies it to them.
            Record = await management.FileAsync(Actor, id, ct);
            Editing = Record.Activities?.FirstOrDefault(a => a.Id == stale) ?? throw new NotFoundException("学会活动不存在或已被删除");
            Posted = new ActivityForm(activityKind, activityTitle, activityOn, participants, partnerUnits);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
    }

    [RequiresPermission(typeof(TalentPermissions), nameof(TalentPermissions.RecordSocietyActivities))]
    public Task<IActionResult> OnPostDeleteActivityAsync(Guid activityId, CancellationToken ct) =>
        RunAsync(() => activities.DeleteAsync(Actor, activityId, ct), "学会活动已删除");

    /// <summary>Runs a form's action; when the input is refused, the page again with what was typed and the message next to its field.</summary>
    private async Task<IActionResult> FormAsync(Guid id, Action keepTyped, Func<Task> action, string done, CancellationToken ct)
    {
        try
        {
            await action();
            return BackWithNotice(done);
        }
        catch (Exception e) when (e is DomainValidationException or InvalidTransitionException)
        {
            keepTyped();
            FormError = (e is DomainValidationException v ? v.Field : "form", e.Message);
            Record = await management.FileAsync(Actor, id, ct);
            return Page();
        }
    }

    /// <summary>
    /// Runs one of the file's forms (年检, 党建, 职务, 换届, and a row's 评定, 退回 or 离任); when the input is refused, the page again with that form as typed and the message
    /// next to its field — nothing typed is lost to a redirect.
    /// </summary>
    private async Task<IActionResult> KeepAsync(Guid id, string handler, Func<Task> action, string done, CancellationToken ct)
    {
        try
        {
            await action();
            return BackWithNotice(done);
        }
        catch (Exception e) when (e is DomainValidationException or InvalidTransitionException)
        {
            RefusedForm = handler;
            FormError = (e is DomainValidationException v ? v.Field : "form", e.Message);
            Record = await management.FileAsync(Actor, id, ct);
            return Page();
        }
    }

    private async Task<IActionResult> RunAsync(Func<Task> action, string done)
    {
        try
        {
            await action();
            return BackWithNotice(done);
        }
        catch (Exception e) when (e is DomainValidationException or InvalidTransitionException)
        {
            return BackWithAlert(e.Message);
        }
    }
}
