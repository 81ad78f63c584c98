using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Pages.Popularization.Activities;

/// <summary>An activity: public registration; for the region's managers the participant list, check-in, walk-ins and cancelling.</summary>
public sealed class DetailsModel(ActivityService activities, EventTallyService tallies, VolunteerService volunteers, VolunteerRecruitmentService recruitment, KexieDbContext db) : MarketPageModel
{
    /// <summary>志愿者招募 as the organiser types it: how many, until when, which posts and skills.</summary>
    public sealed class CallInput
    {
        public string? Slots { get; set; }
        public string? Deadline { get; set; }
        public string? Duties { get; set; }
        public string? Skills { get; set; }
    }

    [BindProperty] public CallInput Call { get; set; } = new();

    /// <summary>A volunteer's application note.</summary>
    public sealed class ApplyInput
    {
        public string? Note { get; set; }
    }

    [BindProperty] public ApplyInput Application { get; set; } = new();

    /// <summary>The activity's call for volunteers (null: none), with the caller's own application.</summary>
    public VolunteerCallDto? VolunteerCall { get; private set; }

    /// <summary>For those who run the call: the applicants.</summary>
    public IReadOnlyList<VolunteerApplicationDto> Applications { get; private set; } = [];

    /// <summary>Whether the caller may publish the call and decide the applications (the activity's region's managers).</summary>
    public bool IsRecruiter { get; private set; }

    /// <summary>Whether the volunteer may sign themself in: no call, or accepted by it.</summary>
    public bool MaySignInThemself => VolunteerCall is null || VolunteerCall.Mine?.Status == Kexie.Domain.Popularization.VolunteerApplicationStatus.Accepted;

    public sealed class RegistrationInput
    {
        public string? Name { get; set; }
        public string? Phone { get; set; }
        public string? Group { get; set; }
    }

    [BindProperty] public RegistrationInput Input { get; set; } = new();

    /// <summary>A group's sign-up (a school class, a unit): its name, how many come, the contact.</summary>
    public sealed class GroupInput
    {
        public string? GroupName { get; set; }
        public string? Headcount { get; set; }
        public string? Name { get; set; }
        public string? Phone { get; set; }
    }

    [BindProperty] public GroupInput GroupSignUp { get; set; } = new();

    /// <summary>活动统计 typed by the staff: a place (optional: the activity's region), a day and the counts.</summary>
    public sealed class TallyInput
    {
        public string? RegionCode { get; set; }
        public string? Day { get; set; }
        public string? Sessions { get; set; }
        public string? Participants { get; set; }
        public string? Consultations { get; set; }
        public string? Boards { get; set; }
        public string? Materials { get; set; }
        public string? Books { get; set; }
        public string? Items { get; set; }
    }

    [BindProperty] public TallyInput Tally { get; set; } = new();

    /// <summary>A partner unit: a role, an organization of the directory or a name.</summary>
    public sealed class PartnerInput
    {
        public string? Role { get; set; }
        public string? OrganizationId { get; set; }
        public string? Name { get; set; }
    }

    [BindProperty] public PartnerInput Partner { get; set; } = new();

    /// <summary>For the activity's managers: the organizations they may pick as partners.</summary>
    public IReadOnlyList<PartnerOrganizationOption> OrganizationOptions { get; private set; } = [];

    /// <summary>The tally whose evidence upload was refused (its form shows the error next to the file field).</summary>
    public Guid? EvidenceTallyId { get; private set; }

    public IReadOnlyList<EventTallyDto> Tallies { get; private set; } = [];

    public ActivityDto Activity { get; private set; } = null!;

    public IReadOnlyList<ParticipantDto> Participants { get; private set; } = [];

    public string RegionName { get; private set; } = string.Empty;

    public bool IsManager { get; private set; }

    /// <summary>The activity's volunteer service: all records for its managers, the actor's own for a volunteer.</summary>
    public IReadOnlyList<ServiceRecordDto> ServiceRecords { get; private set; } = [];

    /// <summary>Whether the signed-in person is a registered volunteer (who may sign in themself).</summary>
    public bool IsVolunteer { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        return Page();
    }

    /// <summary>Registration: the public registers itself; a manager registers someone, checking them in with <paramref name="checkIn"/>.</summary>
    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.RegisterForActivities))]
    public async Task<IActionResult> OnPostAsync(Guid id, bool checkIn, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        try
        {
            if (IsManager)
            {
                var p = await activities.RegisterByStaffAsync(Actor, id, new StaffRegistrationRequest(Input.Name, Input.Phone, Input.Group, checkIn), ct);
                Notice = checkIn ? $"{p.Name}已登记并签到" : $"已为{p.Name}报名";
            }
            else
            {
                var receipt = await activities.RegisterAsync(Actor, id, new RegistrationRequest(Input.Name, Input.Phone, Input.Group), ct);
                Notice = $"报名成功：{receipt.Name}（手机尾号{receipt.PhoneTail}），请按时到场签到";
            }

            return Redirect($"/Popularization/Activities/Details/{id}");
        }
        catch (DomainValidationException e)
        {
            AddError<RegistrationInput>(e);
        }
        catch (InvalidTransitionException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
        }

        return Page();
    }

    /// <summary>A group signs up (a teacher for a class): every field checked at once; the sign-up waits for the organiser.</summary>
    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.RegisterForActivities))]
    public async Task<IActionResult> OnPostGroupAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        try
        {
            var errors = new FieldErrors();
            var headcount = errors.Check(() => string.IsNullOrWhiteSpace(GroupSignUp.Headcount)
                ? throw new DomainValidationException("headcount", "参加人数不能为空")
                : ParseInt(GroupSignUp.Headcount, "headcount", "参加人数"));
            if (errors.Any)
            {
                // The other fields are still checked, so every mistake shows at once.
                errors.Check(() => Kexie.Domain.Popularization.ActivityParticipant.Check(new Kexie.Domain.Popularization.ParticipantData(GroupSignUp.Name, GroupSignUp.Phone, null, GroupSignUp.GroupName ?? string.Empty, 1)));
                errors.ThrowIfAny();
            }

            var receipt = await activities.RegisterAsync(Actor, id, new RegistrationRequest(GroupSignUp.Name, GroupSignUp.Phone, null, GroupSignUp.GroupName ?? string.Empty, headcount), ct);
            Notice = $"已提交团体报名：{receipt.GroupName} {receipt.Headcount}人（联系电话尾号{receipt.PhoneTail}），{receipt.StatusName}，组织方确认后生效";
            return Redirect($"/Popularization/Activities/Details/{id}#group-registration");
        }
        catch (DomainValidationException e)
        {
            AddError<GroupInput>(e, "GroupSignUp");
        }
        catch (InvalidTransitionException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
        }

        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageActivities))]
    public async Task<IActionResult> OnPostConfirmGroupAsync(Guid id, Guid participantId, CancellationToken ct)
    {
        try
        {
            var p = await activities.ConfirmAsync(Actor, id, participantId, ct);
            Notice = $"已确认{p.GroupName ?? p.Name}的报名（{p.Headcount}人）";
        }
        catch (InvalidTransitionException e)
        {
            Alert = e.Message;
        }

        return Redirect($"/Popularization/Activities/Details/{id}");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageActivities))]
    public async Task<IActionResult> OnPostDeclineGroupAsync(Guid id, Guid participantId, string? reason, CancellationToken ct)
    {
        try
        {
            var p = await activities.DeclineAsync(Actor, id, participantId, reason, ct);
            Notice = $"{p.GroupName ?? p.Name}的报名未通过，名额已释放";
        }
        catch (Exception e) when (e is InvalidTransitionException or DomainValidationException)
        {
            Alert = e.Message;
        }

        return Redirect($"/Popularization/Activities/Details/{id}");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageActivities))]
    public async Task<IActionResult> OnPostCheckInAsync(Guid id, Guid participantId, CancellationToken ct)
    {
        var p = await activities.CheckInAsync(Actor, id, participantId, ct);
        return BackWithNotice($"{p.Name}已签到");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageActivities))]
    public async Task<IActionResult> OnPostCancelAsync(Guid id, int version, string? reason, CancellationToken ct)
    {
        await activities.CancelAsync(Actor, id, reason, version, ct);
        return BackWithNotice("活动已取消");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageActivities))]
    public async Task<IActionResult> OnPostTallyAsync(Guid id, CancellationToken ct)
    {
        try
        {
            int Count(string? text, string field, string label) => ParseInt(text, field, label) ?? 0;
            var request = new EventTallyRequest(
                Tally.RegionCode, ParseDate(Tally.Day, "day", "日期") ?? throw new DomainValidationException("day", "日期不能为空"),
                ParseInt(Tally.Sessions, "sessions", "场次") ?? 1, Count(Tally.Participants, "participants", "参与人次"), Count(Tally.Consultations, "consultations", "咨询人次"),
                Count(Tally.Boards, "boards", "展板数"), Count(Tally.Materials, "materials", "宣传资料份数"), Count(Tally.Books, "books", "科普丛书册数"), Count(Tally.Items, "items", "科普实物件数"));
            var saved = await tallies.RecordAsync(Actor, id, request, ct);
            Notice = $"已登记{saved.RegionName.Split(' ').Last()} {saved.Day:yyyy-MM-dd} 的活动统计：{saved.Sessions} 场次，{saved.Participants} 人次";
            return Redirect($"/Popularization/Activities/Details/{id}");
        }
        catch (DomainValidationException e)
        {
            AddError<TallyInput>(e, "Tally");
        }

        await LoadAsync(id, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageActivities))]
    public async Task<IActionResult> OnPostPartnerAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var role = ParseEnum<Kexie.Domain.Popularization.PartnerRole>(Partner.Role, "role", "合作方式");
            var added = await activities.AddPartnerAsync(Actor, id, new ActivityPartnerRequest(role, ParseGuid(Partner.OrganizationId, "organizationId", "所选单位"), Partner.Name), ct);
            return BackWithNotice($"已添加{added.RoleName}单位：{added.Name}");
        }
        catch (DomainValidationException e)
        {
            AddError<PartnerInput>(e, "Partner");
        }

        await LoadAsync(id, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageActivities))]
    public async Task<IActionResult> OnPostRemovePartnerAsync(Guid id, Guid partnerId, CancellationToken ct)
    {
        await activities.RemovePartnerAsync(Actor, id, partnerId, ct);
        return BackWithNotice("已移除该合作单位");
    }

    /// <summary>Uploads a 佐证材料 file to a tally; a refusal is shown next to that tally's file field.</summary>
    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageActivities))]
    public async Task<IActionResult> OnPostEvidenceAsync(Guid id, Guid tallyId, IFormFile? file, CancellationToken ct)
    {
        try
        {
            var saved = await tallies.AttachEvidenceAsync(Actor, id, tallyId, file, ct);
            return BackWithNotice($"已上传佐证材料“{saved.FileName}”");
        }
        catch (DomainValidationException e)
        {
            EvidenceTallyId = tallyId;
            ModelState.AddModelError("file", e.Message);
        }

        await LoadAsync(id, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageActivities))]
    public async Task<IActionResult> OnPostDeleteEvidenceAsync(Guid id, Guid tallyId, Guid evidenceId, CancellationToken ct)
    {
        await tallies.DeleteEvidenceAsync(Actor, id, tallyId, evidenceId, ct);
        return BackWithNotice("已删除该佐证材料");
    }

    /// <summary>Downloads a 佐证材料 file (the managers of the tally's place and above; anyone else: not found).</summary>
    public async Task<IActionResult> OnGetEvidenceAsync(Guid id, Guid tallyId, Guid evidenceId, CancellationToken ct) =>
        SendFile(await tallies.EvidenceAsync(Actor, id, tallyId, evidenceId, ct));

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageActivities))]
    public async Task<IActionResult> OnPostDeleteTallyAsync(Guid id, Guid tallyId, CancellationToken ct)
    {
        await tallies.DeleteAsync(Actor, id, tallyId, ct);
        return BackWithNotice("已删除该条活动统计");
    }

    /// <summary>A volunteer signs themself in (or a manager signs in a volunteer picked from the list).</summary>
    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ServeAsVolunteer))]
    public async Task<IActionResult> OnPostServiceSignInAsync(Guid id, Guid? volunteerId, CancellationToken ct)
    {
        var record = await volunteers.SignInAsync(Actor, id, new ServiceSignInRequest(volunteerId), ct);
        return BackWithNotice($"{record.VolunteerName} 已签到，服务结束时请签退");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ServeAsVolunteer))]
    public async Task<IActionResult> OnPostServiceSignOutAsync(Guid id, Guid recordId, CancellationToken ct)
    {
        var record = await volunteers.SignOutAsync(Actor, id, recordId, ct);
        return BackWithNotice($"{record.VolunteerName} 已签退，服务 {record.Hours:0.#} 小时，待组织方确认");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageVolunteers))]
    public async Task<IActionResult> OnPostServiceConfirmAsync(Guid id, Guid recordId, string? minutes, CancellationToken ct)
    {
        var record = await volunteers.ConfirmAsync(Actor, id, recordId, new ServiceConfirmRequest(ParseInt(minutes, "minutes", "服务时长（分钟）")), null, ct);
        return BackWithNotice($"已确认 {record.VolunteerName} 的服务时长 {record.Hours:0.#} 小时");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageVolunteers))]
    public async Task<IActionResult> OnPostServiceRejectAsync(Guid id, Guid recordId, string? reason, CancellationToken ct)
    {
        var record = await volunteers.RejectAsync(Actor, id, recordId, reason, null, ct);
        return BackWithNotice($"已不予确认 {record.VolunteerName} 的服务时长");
    }

    /// <summary>The organiser publishes or changes the call; a refused value is shown next to its field with the input kept.</summary>
    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageRecruitment))]
    public async Task<IActionResult> OnPostCallAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var request = new VolunteerCallRequest(
                ParseInt(Call.Slots, "slots", "招募人数") ?? throw new DomainValidationException("slots", "招募人数不能为空"),
                ParseDate(Call.Deadline, "deadline", "报名截止日期") ?? throw new DomainValidationException("deadline", "报名截止日期不能为空"), Call.Duties, Call.Skills);
            var saved = await recruitment.PublishAsync(Actor, id, request, null, ct);
            return BackWithNotice($"已发布志愿者招募：招募{saved.Slots}名，{saved.Deadline:yyyy-MM-dd}截止报名");
        }
        catch (DomainValidationException e)
        {
            AddError<CallInput>(e, "Call");
        }
        catch (InvalidTransitionException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
        }

        await LoadAsync(id, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageRecruitment))]
    public async Task<IActionResult> OnPostCloseCallAsync(Guid id, CancellationToken ct)
    {
        await recruitment.CloseAsync(Actor, id, ct);
        return BackWithNotice("已结束志愿者招募");
    }

    /// <summary>A registered volunteer applies with a short note.</summary>
    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ApplyAsVolunteer))]
    public async Task<IActionResult> OnPostApplyAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await recruitment.ApplyAsync(Actor, id, new VolunteerApplyRequest(Application.Note), ct);
            return BackWithNotice("报名成功，请等待组织方录用；录用结果会通过消息通知您");
        }
        catch (DomainValidationException e)
        {
            AddError<ApplyInput>(e, "Application");
        }
        catch (InvalidTransitionException e)
        {
            ModelState.AddModelError("Application.Note", e.Message);
        }

        await LoadAsync(id, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ApplyAsVolunteer))]
    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, Guid applicationId, CancellationToken ct)
    {
        try
        {
            await recruitment.WithdrawAsync(Actor, id, applicationId, ct);
            return BackWithNotice("已撤回报名");
        }
        catch (InvalidTransitionException e)
        {
            return BackWithAlert(e.Message);
        }
    }

    /// <summary>The organiser accepts an applicant; when the call is full, the page says so.</summary>
    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageRecruitment))]
    public async Task<IActionResult> OnPostAcceptAsync(Guid id, Guid applicationId, CancellationToken ct)
    {
        try
        {
            var a = await recruitment.AcceptAsync(Actor, id, applicationId, null, ct);
            return BackWithNotice($"已录用 {a.VolunteerName}，已通知本人");
        }
        catch (InvalidTransitionException e)
        {
            return BackWithAlert(e.Message);
        }
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageRecruitment))]
    public async Task<IActionResult> OnPostDeclineAsync(Guid id, Guid applicationId, string? reason, CancellationToken ct)
    {
        try
        {
            var a = await recruitment.DeclineAsync(Actor, id, applicationId, reason, null, ct);
            return BackWithNotice($"未录用 {a.VolunteerName}，已通知本人");
        }
        catch (DomainValidationException e)
        {
            return BackWithAlert(e.Message);
        }
        catch (InvalidTransitionException e)
        {
            return BackWithAlert(e.Message);
        }
    }

    /// <summary>For the region's managers: volunteers to sign in on their behalf (id, name and expertise).</summary>
    public IReadOnlyList<KeyValuePair<Guid, string>> VolunteerOptions { get; private set; } = [];

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Activity = await activities.GetAsync(id, ct);
        ServiceRecords = await volunteers.ActivityRecordsAsync(Actor, id, ct);
        IsVolunteer = Actor.UserId is not null && await db.Volunteers.AnyAsync(v => v.UserId == Actor.UserId, ct);
        Tallies = await tallies.ListAsync(Actor, id, ct);
        IsManager = Can(PopularizationPermissions.ManageActivities, Activity.RegionCode);
        IsRecruiter = Can(PopularizationPermissions.ManageRecruitment, Activity.RegionCode);
        VolunteerCall = await recruitment.CallOfAsync(Actor, id, ct);
        if (VolunteerCall is { } existing && Call.Slots is null && Call.Deadline is null)
        {
            Call = new CallInput { Slots = existing.Slots.ToString(System.Globalization.CultureInfo.InvariantCulture), Deadline = existing.Deadline.ToString("yyyy-MM-dd"), Duties = existing.Duties, Skills = existing.Skills };
        }
        if (IsRecruiter && VolunteerCall is not null)
        {
            Applications = await recruitment.ApplicationsAsync(Actor, id, ct);
        }
        if (IsManager)
        {
            Participants = await activities.ParticipantsAsync(Actor, id, null, ct);
            OrganizationOptions = await activities.PartnerOrganizationOptionsAsync(Actor, Activity.RegionCode, ct);

            // The volunteers the organiser may sign in on their behalf: those of the managed subtree, by name.
            VolunteerOptions = await db.Volunteers.AsNoTracking().InScope(Actor)
                .OrderBy(v => v.Name).ThenBy(v => v.Id).Take(300)
                .Select(v => new KeyValuePair<Guid, string>(v.Id, v.Name + (v.Expertise == null ? "" : "（" + v.Expertise + "）")))
                .ToListAsync(ct);
        }

        RegionName = (await Lookups.RegionNamesAsync(db, [Activity.RegionCode], ct)).GetValueOrDefault(Activity.RegionCode, Activity.RegionCode);
    }
}
