using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Popularization;

/// <remarks><see cref="From"/> and <see cref="To"/> are days as typed in the query (yyyy-MM-dd), read by <see cref="Kexie.Web.Infrastructure.QueryDay"/>:
/// blank is no date (a form's empty date field), an unreadable day a 400 naming the field.</remarks>
public sealed record ActivityFilter(
    string? Q = null, string? Region = null, ActivityKind? Kind = null, ActivityStatus? Status = null,
    [property: System.ComponentModel.Description("起始日期（yyyy-MM-dd）：活动在此日或之后结束；留空不限")] string? From = null,
    [property: System.ComponentModel.Description("结束日期（yyyy-MM-dd）：活动在此日或之前开始；留空不限")] string? To = null,
    int? Page = null, int? PageSize = null,
    ServiceSetting? Setting = null, TargetGroup? TargetGroup = null)
{
    /// <summary>The days of <see cref="From"/> and <see cref="To"/>; throws a validation error naming an unreadable one.</summary>
    public (DateOnly? From, DateOnly? To) Days() => Kexie.Web.Infrastructure.QueryDay.Range(From, To);
}

public sealed record ActivityRequest(
    ActivityKind Kind, string? Title, string? Description, string? RegionCode, string? Venue, DateOnly? StartsOn, DateOnly? EndsOn, int? Capacity = null, string? Organizer = null,
    ServiceSetting? Setting = null, TargetGroup? TargetGroup = null, IReadOnlyList<string>? Tags = null, Guid? SeriesId = null);

/// <summary>A partner unit: an organization of the directory (<see cref="OrganizationId"/>, its name used when <see cref="Name"/> is blank) or a name alone.</summary>
public sealed record ActivityPartnerRequest(PartnerRole Role, Guid? OrganizationId = null, string? Name = null);

/// <summary>A partner as shown: its role, name and whether it is a unit of the directory.</summary>
public sealed record ActivityPartnerDto(Guid Id, PartnerRole Role, string RoleName, string Name, bool InDirectory)
{
    public static ActivityPartnerDto From(ActivityPartner p) => new(p.Id, p.Role, p.Role.Chinese(), p.Name, p.OrganizationId is not null);
}

/// <summary>An organization the caller may pick as a partner.</summary>
public sealed record PartnerOrganizationOption(Guid Id, string Name);

/// <summary>
/// A registration: one person (name, phone), or a group — a school class or a unit — with <see cref="GroupName"/> (学校/班级名称),
/// <see cref="Headcount"/> (参加人数) and the contact's name and phone; a group's sign-up waits for the organiser's confirmation.
/// </summary>
public sealed record RegistrationRequest(string? Name, string? Phone, string? Group = null, string? GroupName = null, int? Headcount = null);

/// <summary>Why the organiser declines a group's sign-up.</summary>
public sealed record DeclineRegistrationRequest(string? Reason);

/// <summary>A registration taken by the staff; <see cref="CheckIn"/> true for a walk-in checked in at once.</summary>
public sealed record StaffRegistrationRequest(string? Name, string? Phone, string? Group = null, bool CheckIn = false);

public sealed record ActivityDto(
    Guid Id, ActivityKind Kind, string KindName, string Title, string? Description, string RegionCode, string Venue, DateOnly StartsOn, DateOnly EndsOn,
    int? Capacity, string? Organizer, ActivityStatus Status, string StatusName, string? CancelReason, int Registered, int CheckedIn, int Version, DateTimeOffset CreatedAt,
    ServiceSetting? Setting = null, string? SettingName = null, TargetGroup? TargetGroup = null, string? TargetGroupName = null, IReadOnlyList<string>? Tags = null,
    Guid? SeriesId = null, string? SeriesName = null, IReadOnlyList<ActivityPartnerDto>? Partners = null)
{
    public static ActivityDto From(PopularizationActivity a, int registered, int checkedIn) => new(
        a.Id, a.Kind, a.Kind.Chinese(), a.Title, a.Description, a.RegionCode, a.Venue, a.StartsOn, a.EndsOn, a.Capacity, a.Organizer,
        a.Status, a.Status.Chinese(), a.CancelReason, registered, checkedIn, a.Version, a.CreatedAt, a.Setting, a.Setting?.Chinese(), a.TargetGroup, a.TargetGroup?.Chinese(), a.Tags,
        a.SeriesId);
}

/// <summary>A registration as its organiser sees it: a person, or a group (<see cref="GroupName"/>, <see cref="Headcount"/> people, the contact's name and phone).</summary>
public sealed record ParticipantDto(
    Guid Id, Guid ActivityId, string Name, string Phone, string? Group, DateTimeOffset RegisteredAt, DateTimeOffset? CheckedInAt,
    string? GroupName = null, int Headcount = 1, ParticipantStatus Status = ParticipantStatus.Confirmed, string StatusName = "已确认", string? DeclineReason = null)
{
    public static ParticipantDto From(ActivityParticipant p) =>
        new(p.Id, p.ActivityId, p.Name, p.Phone, p.Group, p.CreatedAt, p.CheckedInAt, p.GroupName, p.Headcount, p.Status, p.Status.Chinese(), p.DeclineReason);
}

/// <summary>What a person sees after registering: no phone echoed to an anonymous page beyond its own last digits; a group's number and status.</summary>
public sealed record RegistrationReceiptDto(
    Guid Id, Guid ActivityId, string ActivityTitle, string Name, string PhoneTail, DateTimeOffset RegisteredAt,
    string? GroupName = null, int Headcount = 1, ParticipantStatus Status = ParticipantStatus.Confirmed, string StatusName = "已确认");

/// <summary>One of the signed-in person's sign-ups (我的报名).</summary>
public sealed record MyRegistrationDto(
    Guid Id, Guid ActivityId, string ActivityTitle, DateOnly StartsOn, DateOnly EndsOn, string Venue, string Name, string? GroupName, int Headcount,
    ParticipantStatus Status, string StatusName, string? DeclineReason, bool CheckedIn);

/// <summary>
/// 科普活动: public list and details; the region's staff create, edit and cancel them, take registrations and check
/// people in. Anyone may register (name and phone); participant lists with phones are for the region's managers only.
/// </summary>
public sealed class ActivityService(KexieDbContext db, ReferenceCodesCache reference, Kexie.Web.Features.Directory.Parties parties, Kexie.Web.Features.Notifications.Notifier notifier)
{
    public async Task<PagedResult<ActivityDto>> ListAsync(ActivityFilter filter, CancellationToken ct = default)
    {
        var page = PageRequest.Of(filter.Page, filter.PageSize);
        var query = db.PopularizationActivities.AsNoTracking();
        if (MarketSupport.RegionFilter(filter.Region) is { } region)
        {
            query = query.Where(a => RegionScope.Within(a.RegionCode, region));
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            query = query.Where(a => a.Title.Contains(q) || a.Venue.Contains(q));
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(a => a.Kind == kind);
        }

        if (filter.Setting is { } setting)
        {
            query = query.Where(a => a.Setting == setting);
        }

        if (filter.TargetGroup is { } group)
        {
            query = query.Where(a => a.TargetGroup == group);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(a => a.Status == status);
        }

        var days = filter.Days();
        if (days.From is { } f && days.To is { } t && f > t)
        {
            throw new DomainValidationException("to", "结束日期不能早于开始日期");
        }

        if (days.From is { } from)
        {
            query = query.Where(a => a.EndsOn >= from);
        }

        if (days.To is { } to)
        {
            query = query.Where(a => a.StartsOn <= to);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(a => a.StartsOn).ThenBy(a => a.Id).Skip(page.Skip).Take(page.PageSize)
            .Select(a => new
            {
                Activity = a,
                Registered = db.ActivityParticipants.Where(p => p.ActivityId == a.Id && p.Status != ParticipantStatus.Declined).Sum(p => p.Headcount),
                CheckedIn = db.ActivityParticipants.Where(p => p.ActivityId == a.Id && p.CheckedInAt != null).Sum(p => p.Headcount),
            })
            .ToListAsync(ct);
        return new PagedResult<ActivityDto>(rows.Select(r => ActivityDto.From(r.Activity, r.Registered, r.CheckedIn)).ToList(), total, page.Page, page.PageSize);
    }

    public async Task<ActivityDto> GetAsync(Guid id, CancellationToken ct = default)
    {
        var activity = await db.PopularizationActivities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("科普活动不存在");
        return await ToDtoAsync(activity, ct);
    }

    /// <param name="formErrors">the form's own refusals (a field it could not read), reported together with the activity's.</param>
    public async Task<ActivityDto> CreateAsync(Actor actor, ActivityRequest r, CancellationToken ct = default, FieldErrors? formErrors = null)
    {
        var errors = formErrors ?? new FieldErrors();
        var created = errors.Check(() => PopularizationActivity.Create(ToData(r), actor));
        errors.ThrowIfAny();
        var activity = created!;
        (await reference.GetAsync(db, ct)).RequireRegion(activity.RegionCode);
        activity.JoinSeries(await SeriesAsync(r.SeriesId, ct), actor);
        db.PopularizationActivities.Add(activity);
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(activity, ct);
    }

    public async Task<ActivityDto> UpdateAsync(Actor actor, Guid id, ActivityRequest r, int? expectedVersion, CancellationToken ct = default, FieldErrors? formErrors = null)
    {
        var activity = await FindAsync(id, expectedVersion, ct);
        var registered = await RegisteredAsync(id, ct);
        var errors = formErrors ?? new FieldErrors();
        errors.Check(() => activity.Update(ToData(r), actor, registered));
        errors.ThrowIfAny();
        activity.JoinSeries(await SeriesAsync(r.SeriesId, ct), actor);
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(activity, ct);
    }

    public async Task<ActivityDto> CancelAsync(Actor actor, Guid id, string? reason, int? expectedVersion, CancellationToken ct = default)
    {
        var activity = await FindAsync(id, expectedVersion, ct);
        activity.Cancel(actor, reason);
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(activity, ct);
    }

    /// <summary>A person registers themselves (signed in or not).</summary>
    public async Task<RegistrationReceiptDto> RegisterAsync(Actor actor, Guid id, RegistrationRequest r, CancellationToken ct = default)
    {
        var activity = await FindAsync(id, null, ct);
        var participant = await RegisterCoreAsync(actor, activity, new ParticipantData(r.Name, r.Phone, r.Group, r.GroupName, r.Headcount), ct);
        await db.SaveChangesAsync(ct);
        return new RegistrationReceiptDto(
            participant.Id, activity.Id, activity.Title, participant.Name, participant.Phone[^4..], participant.CreatedAt,
            participant.GroupName, participant.Headcount, participant.Status, participant.Status.Chinese());
    }

    /// <summary>The staff register someone (phone sign-up, walk-in); with <c>checkIn</c> the person is checked in at once.</summary>
    public async Task<ParticipantDto> RegisterByStaffAsync(Actor actor, Guid id, StaffRegistrationRequest r, CancellationToken ct = default)
    {
        var activity = await FindAsync(id, null, ct);
        ManagersOnly(actor, activity);
        var participant = await RegisterCoreAsync(actor, activity, new ParticipantData(r.Name, r.Phone, r.Group), ct);
        if (r.CheckIn)
        {
            participant.CheckIn(activity, actor);
        }

        await db.SaveChangesAsync(ct);
        return ParticipantDto.From(participant);
    }

    public async Task<ParticipantDto> CheckInAsync(Actor actor, Guid id, Guid participantId, CancellationToken ct = default)
    {
        var activity = await FindAsync(id, null, ct);
        ManagersOnly(actor, activity);
        var participant = await db.ActivityParticipants.FirstOrDefaultAsync(p => p.Id == participantId && p.ActivityId == id, ct)
            ?? throw new NotFoundException("报名记录不存在");
        participant.CheckIn(activity, actor);
        await db.SaveChangesAsync(ct);
        return ParticipantDto.From(participant);
    }

    /// <summary>确认 a group's sign-up (the managers of the activity's region); another region's activity is 404.</summary>
    public async Task<ParticipantDto> ConfirmAsync(Actor actor, Guid id, Guid participantId, CancellationToken ct = default)
    {
        var (activity, participant) = await ManagedParticipantAsync(actor, id, participantId, ct);
        participant.Confirm(activity, actor);
        await TellRegistrantAsync(activity, participant, actor, ct);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return ParticipantDto.From(participant);
    }

    /// <summary>Declines a group's sign-up with a reason; its seats are free again.</summary>
    public async Task<ParticipantDto> DeclineAsync(Actor actor, Guid id, Guid participantId, string? reason, CancellationToken ct = default)
    {
        var (activity, participant) = await ManagedParticipantAsync(actor, id, participantId, ct);
        participant.Decline(activity, actor, reason);
        await TellRegistrantAsync(activity, participant, actor, ct);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return ParticipantDto.From(participant);
    }

    /// <summary>
    /// The organiser's decision on a group's sign-up goes to whoever signed it up: the account that sent it, and the accounts
    /// whose verified phone is its contact phone (a sign-up needs no account, so the phone is what ties it to a person, as for
    /// e-station questions).
    /// </summary>
    private async Task TellRegistrantAsync(PopularizationActivity activity, ActivityParticipant participant, Actor actor, CancellationToken ct)
    {
        var phone = participant.Phone;
        var accounts = await db.Users.AsNoTracking().Where(u => u.PhoneNumber == phone && u.PhoneNumberConfirmed).Select(u => u.Id).ToListAsync(ct);
        if (participant.RegisteredByUserId is { Length: > 0 } registeredBy)
        {
            accounts.Add(registeredBy);
        }

        var who = participant.GroupName is { } group ? $"{group}（{participant.Headcount}人）" : participant.Name;
        var (title, body) = participant.Status == ParticipantStatus.Declined
            ? ($"报名未通过：{activity.Title}", $"{who}报名参加“{activity.Title}”未通过，原因：{participant.DeclineReason}。")
            : ($"报名已确认：{activity.Title}", $"{who}报名参加“{activity.Title}”已确认，请于{activity.StartsOn:yyyy年M月d日}到{activity.Venue}参加。");
        notifier.Add(accounts, NotificationKind.ActivityRegistration, title, body, "/Popularization/MyRegistrations", DateTimeOffset.UtcNow, except: actor.UserId);
    }

    /// <summary>
    /// 我的报名: the sign-ups (individual and group) the signed-in person sent, or whose contact phone is their verified phone,
    /// newest activity first, with their status and the organiser's reason for a declined one.
    /// </summary>
    public async Task<IReadOnlyList<MyRegistrationDto>> MineAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return [];
        }

        var rows = await (from p in Mine(userId)
                          join a in db.PopularizationActivities.AsNoTracking() on p.ActivityId equals a.Id
                          orderby a.StartsOn descending, p.Id
                          select new MyRegistrationDto(p.Id, a.Id, a.Title, a.StartsOn, a.EndsOn, a.Venue, p.Name, p.GroupName, p.Headcount, p.Status, string.Empty, p.DeclineReason, p.CheckedInAt != null))
            .Take(200)
            .ToListAsync(ct);
        return rows.Select(r => r with { StatusName = r.Status.Chinese() }).ToList();
    }

    /// <summary>Whether 我的报名 has anything to show (the menu asks on every page): one <c>EXISTS</c> over two indexes.</summary>
    public Task<bool> HasAnyAsync(Actor actor, CancellationToken ct = default) =>
        actor.UserId is { } userId ? Mine(userId).AnyAsync(ct) : Task.FromResult(false);

    /// <summary>The registrations a person made or that carry their confirmed phone (a teacher's class, their own seat).</summary>
    private IQueryable<ActivityParticipant> Mine(string userId)
    {
        var phones = db.Users.Where(u => u.Id == userId && u.PhoneNumberConfirmed && u.PhoneNumber != null).Select(u => u.PhoneNumber!);
        return db.ActivityParticipants.AsNoTracking().Where(p => p.RegisteredByUserId == userId || phones.Contains(p.Phone));
    }

    /// <summary>A registration of an activity the actor manages: outside the actor's region both are "not found", naming nothing.</summary>
    private async Task<(PopularizationActivity Activity, ActivityParticipant Participant)> ManagedParticipantAsync(Actor actor, Guid id, Guid participantId, CancellationToken ct)
    {
        var activity = await db.PopularizationActivities.InScope(actor).FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("科普活动不存在");
        var participant = await db.ActivityParticipants.FirstOrDefaultAsync(p => p.Id == participantId && p.ActivityId == id, ct)
            ?? throw new NotFoundException("报名记录不存在");
        return (activity, participant);
    }

    /// <summary>People signed up for the activity: each registration's headcount (a group's number), declined sign-ups not counted.</summary>
    private Task<int> RegisteredAsync(Guid id, CancellationToken ct) =>
        db.ActivityParticipants.Where(p => p.ActivityId == id && p.Status != ParticipantStatus.Declined).SumAsync(p => p.Headcount, ct);

    /// <summary>The registrations (with phones) for the managers of the activity's region.</summary>
    public async Task<IReadOnlyList<ParticipantDto>> ParticipantsAsync(Actor actor, Guid id, bool? checkedIn, CancellationToken ct = default)
    {
        var activity = await db.PopularizationActivities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("科普活动不存在");
        ManagersOnly(actor, activity);
        var scope = actor.ManagedScope!;
        var query = db.ActivityParticipants.AsNoTracking().Where(p => p.ActivityId == id && RegionScope.Within(p.RegionCode, scope));
        if (checkedIn is { } c)
        {
            query = c ? query.Where(p => p.CheckedInAt != null) : query.Where(p => p.CheckedInAt == null);
        }

        var rows = await query.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(ct);
        return rows.Select(ParticipantDto.From).ToList();
    }

    private static void ManagersOnly(Actor actor, PopularizationActivity activity)
    {
        if (!activity.MayManage(actor))
        {
            throw new AccessDeniedException("只有本地区服务中心工作人员或科协管理员可以查看报名名单和签到");
        }
    }

    private async Task<ActivityParticipant> RegisterCoreAsync(Actor actor, PopularizationActivity activity, ParticipantData data, CancellationToken ct)
    {
        var id = activity.Id;
        var registered = await RegisteredAsync(id, ct);
        var participant = activity.Register(data, registered, actor);
        if (await db.ActivityParticipants.AnyAsync(p => p.ActivityId == id && p.Phone == participant.Phone, ct))
        {
            throw new DomainValidationException("phone", "该手机号已报名本活动");
        }

        db.ActivityParticipants.Add(participant);
        return participant;
    }

    private async Task<PopularizationActivity> FindAsync(Guid id, int? expectedVersion, CancellationToken ct)
    {
        var activity = await db.PopularizationActivities.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("科普活动不存在");
        MarketSupport.CheckVersion(activity.Version, expectedVersion);
        return activity;
    }

    private async Task<ActivityDto> ToDtoAsync(PopularizationActivity activity, CancellationToken ct)
    {
        var registered = await RegisteredAsync(activity.Id, ct);
        var checkedIn = await db.ActivityParticipants.Where(p => p.ActivityId == activity.Id && p.CheckedInAt != null).SumAsync(p => p.Headcount, ct);
        var seriesName = activity.SeriesId is { } sid ? await db.ActivitySeries.Where(x => x.Id == sid).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var partners = await db.ActivityPartners.AsNoTracking().Where(p => p.ActivityId == activity.Id).OrderBy(p => p.Role).ThenBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(ct);
        return ActivityDto.From(activity, registered, checkedIn) with { SeriesName = seriesName, Partners = partners.Select(ActivityPartnerDto.From).ToList() };
    }

    /// <summary>The series an activity joins: series are public, so an unknown id is simply "not found" on the field.</summary>
    private async Task<ActivitySeries?> SeriesAsync(Guid? id, CancellationToken ct) =>
        id is not { } sid ? null : await db.ActivitySeries.FirstOrDefaultAsync(x => x.Id == sid, ct) ?? throw new DomainValidationException("seriesId", "所选活动系列不存在");

    /// <summary>
    /// Adds a partner unit (主办/承办/协办/支持). An organization is resolved through the caller's visibility: one the caller cannot
    /// see answers "not found" on the field, naming nothing; the same unit (or name) twice in the same role is refused.
    /// </summary>
    public async Task<ActivityPartnerDto> AddPartnerAsync(Actor actor, Guid id, ActivityPartnerRequest r, CancellationToken ct = default)
    {
        var activity = await FindAsync(id, null, ct);
        ActivityPartner.RequireEditor(activity, actor); // whoever may manage the activity adds and removes partners
        var name = r.Name;
        if (r.OrganizationId is { } oid)
        {
            var party = await parties.OrganizationAsync(actor, oid, "organizationId", "所选单位", ct);
            name = string.IsNullOrWhiteSpace(name) ? party.Name : name;
        }

        var existing = await db.ActivityPartners.Where(p => p.ActivityId == id).Select(p => new { p.Role, p.Name, p.OrganizationId }).ToListAsync(ct);
        var partner = ActivityPartner.Add(activity, r.Role, r.OrganizationId, name, existing.Count, actor);
        if (existing.Any(p => p.Role == partner.Role && (p.Name == partner.Name || (partner.OrganizationId is not null && p.OrganizationId == partner.OrganizationId))))
        {
            throw new DomainValidationException(r.OrganizationId is null ? "name" : "organizationId", $"“{partner.Name}”已是本活动的{partner.Role.Chinese()}单位");
        }

        db.ActivityPartners.Add(partner);
        await db.SaveChangesAsync(ct);
        return ActivityPartnerDto.From(partner);
    }

    public async Task RemovePartnerAsync(Actor actor, Guid id, Guid partnerId, CancellationToken ct = default)
    {
        var activity = await FindAsync(id, null, ct);
        var partner = await db.ActivityPartners.FirstOrDefaultAsync(p => p.Id == partnerId && p.ActivityId == id, ct) ?? throw new NotFoundException("合作单位不存在");
        ActivityPartner.RequireEditor(activity, actor);
        db.ActivityPartners.Remove(partner);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Organizations the caller can see in the city of <paramref name="regionCode"/> (the partner picker), by name; at most 300.</summary>
    public async Task<IReadOnlyList<PartnerOrganizationOption>> PartnerOrganizationOptionsAsync(Actor actor, string regionCode, CancellationToken ct = default)
    {
        var city = regionCode.Length >= 4 ? regionCode[..4] : regionCode;
        return await db.Organizations.AsNoTracking().Where(DirectoryAccess.OrganizationsVisibleTo(actor)).Where(o => RegionScope.Within(o.RegionCode, city))
            .OrderBy(o => o.Name).ThenBy(o => o.Id).Take(300).Select(o => new PartnerOrganizationOption(o.Id, o.Name)).ToListAsync(ct);
    }

    private static PopularizationActivityData ToData(ActivityRequest r) =>
        new(r.Kind, r.Title, r.Description, r.RegionCode, r.Venue, r.StartsOn, r.EndsOn, r.Capacity, r.Organizer, r.Setting, r.TargetGroup, r.Tags);
}
