using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Market;
using Kexie.Web.Features.Notifications;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Popularization;

public sealed record VolunteerCallRequest(int? Slots, DateOnly? Deadline, string? Duties = null, string? Skills = null);

public sealed record VolunteerApplyRequest(string? Note = null);

/// <summary>A call for volunteers, as the public sees it (the number accepted, never who), with the caller's own application when they have one.</summary>
public sealed record VolunteerCallDto(
    Guid Id, Guid ActivityId, string ActivityTitle, string RegionCode, string RegionName, string Venue, DateOnly StartsOn, DateOnly EndsOn,
    int Slots, int Accepted, int Waiting, string? Duties, string? Skills, DateOnly Deadline, VolunteerCallStatus Status, string StatusName, bool IsOpen,
    MyVolunteerApplicationDto? Mine, int Version);

/// <summary>The caller's own application to a call.</summary>
public sealed record MyVolunteerApplicationDto(Guid Id, VolunteerApplicationStatus Status, string StatusName, string? Note, string? Reason);

/// <summary>An applicant as the organiser sees them: name, team, expertise, past confirmed hours.</summary>
public sealed record VolunteerApplicationDto(
    Guid Id, Guid VolunteerId, string VolunteerName, string? TeamName, string? Expertise, decimal ConfirmedHours, int Services, string? Note,
    VolunteerApplicationStatus Status, string StatusName, string? Reason, DateTimeOffset AppliedAt, DateTimeOffset? DecidedAt, int Version);

/// <summary>A volunteer's application with its activity (我的志愿服务).</summary>
public sealed record MyRecruitmentDto(
    Guid Id, Guid ActivityId, string ActivityTitle, string Venue, DateOnly StartsOn, DateOnly EndsOn, VolunteerApplicationStatus Status, string StatusName, string? Reason);

public sealed record VolunteerCallFilter(string? Region = null, int? Page = null, int? PageSize = null);

public sealed record RecruitmentActivityRow(Guid ActivityId, string ActivityTitle, string RegionCode, string RegionName, int Slots, int Applications, int Accepted, decimal FillRate);

/// <summary>The calls of the activities of one 活动系列 (科技活动周, 全国科普日…) added up.</summary>
public sealed record RecruitmentSeriesRow(Guid SeriesId, string SeriesName, int Calls, int Slots, int Applications, int Accepted, decimal FillRate);

/// <summary>
/// Recruitment of a region subtree in a year (calls of activities starting that year): calls, applications, accepted, fill rate;
/// by activity, by 活动系列 and by the next region level.
/// </summary>
public sealed record RecruitmentStatisticsDto(
    string RegionCode, string RegionName, int Year, int Calls, int Slots, int Applications, int Accepted, decimal FillRate, IReadOnlyList<RecruitmentActivityRow> Activities,
    IReadOnlyList<RecruitmentActivityRow> Regions, IReadOnlyList<RecruitmentSeriesRow> Series);

/// <summary>
/// 志愿者招募: the organiser of an activity (its region's managers) publishes a call for N volunteers with posts, skills and a
/// deadline; registered volunteers apply (by their own account) and may withdraw before a decision; the organiser accepts up to N
/// or declines with a reason, and the volunteer hears of it (notification outbox). At an activity with a call, the accepted
/// volunteers sign themselves in (<see cref="VolunteerService.SignInAsync"/>); the organiser may still sign in anyone.
/// Another region's activity is not found for the writes and the applicant list.
/// </summary>
public sealed class VolunteerRecruitmentService(KexieDbContext db, Notifier notifier)
{
    // Calls ----------------------------------------------------------------------------------------------------------

    /// <summary>Open calls (not closed, deadline not passed) of a region subtree, the nearest deadline first.</summary>
    public async Task<PagedResult<VolunteerCallDto>> OpenCallsAsync(Actor actor, VolunteerCallFilter f, CancellationToken ct = default)
    {
        var today = MarketRules.ChinaDate(DateTimeOffset.UtcNow);
        var query = db.VolunteerCalls.AsNoTracking().Where(c => c.Status == VolunteerCallStatus.Open && c.Deadline >= today);
        if (MarketSupport.RegionFilter(f.Region) is { } code)
        {
            query = query.Where(c => RegionScope.Within(c.RegionCode, code));
        }

        var page = Math.Max(1, f.Page ?? 1);
        var size = Math.Clamp(f.PageSize ?? 20, 1, 100);
        var total = await query.CountAsync(ct);
        var calls = await query.OrderBy(c => c.Deadline).ThenBy(c => c.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<VolunteerCallDto>(await ToDtosAsync(calls, actor, ct), total, page, size);
    }

    /// <summary>The call of an activity (public), with the caller's application; null when the activity has none.</summary>
    public async Task<VolunteerCallDto?> CallOfAsync(Actor actor, Guid activityId, CancellationToken ct = default)
    {
        _ = await db.PopularizationActivities.AsNoTracking().AnyAsync(a => a.Id == activityId, ct) ? 0 : throw new NotFoundException("科普活动不存在");
        var call = await db.VolunteerCalls.AsNoTracking().FirstOrDefaultAsync(c => c.ActivityId == activityId, ct);
        return call is null ? null : (await ToDtosAsync([call], actor, ct))[0];
    }

    /// <summary>Publishes the activity's call or changes it (reopening a closed one).</summary>
    public async Task<VolunteerCallDto> PublishAsync(Actor actor, Guid activityId, VolunteerCallRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var activity = await ManagedActivityAsync(actor, activityId, ct);
        var data = new VolunteerCallData(r.Slots, r.Deadline, r.Duties, r.Skills);
        var call = await db.VolunteerCalls.FirstOrDefaultAsync(c => c.ActivityId == activityId, ct);
        if (call is null)
        {
            call = VolunteerCall.Publish(activity, data, actor);
            db.VolunteerCalls.Add(call);
        }
        else
        {
            MarketSupport.CheckVersion(call.Version, expectedVersion);
            call.Change(activity, data, await AcceptedAsync(call.Id, ct), actor);
        }

        await db.SaveChangesAsync(ct);
        return (await ToDtosAsync([call], actor, ct))[0];
    }

    public async Task<VolunteerCallDto> CloseAsync(Actor actor, Guid activityId, CancellationToken ct = default)
    {
        var activity = await ManagedActivityAsync(actor, activityId, ct);
        var call = await db.VolunteerCalls.FirstOrDefaultAsync(c => c.ActivityId == activityId, ct) ?? throw new NotFoundException("该活动没有志愿者招募");
        call.Close(activity, actor);
        await db.SaveChangesAsync(ct);
        return (await ToDtosAsync([call], actor, ct))[0];
    }

    // Applications ---------------------------------------------------------------------------------------------------

    /// <summary>The applicants of the activity's call, for its organiser: waiting first, then accepted, then the rest.</summary>
    public async Task<IReadOnlyList<VolunteerApplicationDto>> ApplicationsAsync(Actor actor, Guid activityId, CancellationToken ct = default)
    {
        await ManagedActivityAsync(actor, activityId, ct);
        var rows = await db.VolunteerApplications.AsNoTracking().Where(a => a.ActivityId == activityId)
            .Join(db.Volunteers, a => a.VolunteerId, v => v.Id, (a, v) => new { Application = a, v.Name, v.TeamId, v.Expertise })
            .Take(1000).ToListAsync(ct);
        var volunteerIds = rows.Select(r => r.Application.VolunteerId).ToList();
        var teamIds = rows.Where(r => r.TeamId != null).Select(r => r.TeamId!.Value).Distinct().ToList();
        var teams = await db.VolunteerTeams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var served = await db.ServiceRecords.AsNoTracking().Where(s => volunteerIds.Contains(s.VolunteerId) && s.Status == ServiceRecordStatus.Confirmed)
            .GroupBy(s => s.VolunteerId).Select(g => new { g.Key, Count = g.Count(), Minutes = g.Sum(s => (long)s.Minutes) }).ToDictionaryAsync(g => g.Key, ct);
        return rows.OrderBy(r => Order(r.Application.Status)).ThenBy(r => r.Application.CreatedAt)
            .Select(r =>
            {
                var a = r.Application;
                var s = served.GetValueOrDefault(a.VolunteerId);
                return new VolunteerApplicationDto(
                    a.Id, a.VolunteerId, r.Name, r.TeamId is { } t ? teams.GetValueOrDefault(t) : null, r.Expertise, VolunteerService.Hours(s?.Minutes ?? 0), s?.Count ?? 0,
                    a.Note, a.Status, a.Status.Chinese(), a.Reason, a.CreatedAt, a.DecidedAt, a.Version);
            }).ToList();
    }

    /// <summary>The signed-in volunteer applies (again, after withdrawing); someone without a volunteer record is told to register.</summary>
    public async Task<MyVolunteerApplicationDto> ApplyAsync(Actor actor, Guid activityId, VolunteerApplyRequest r, CancellationToken ct = default)
    {
        var activity = await db.PopularizationActivities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId, ct) ?? throw new NotFoundException("科普活动不存在");
        var call = await db.VolunteerCalls.AsNoTracking().FirstOrDefaultAsync(c => c.ActivityId == activityId, ct) ?? throw new NotFoundException("该活动没有志愿者招募");
        var volunteer = await OwnVolunteerAsync(actor, ct);
        var application = await db.VolunteerApplications.FirstOrDefaultAsync(a => a.VolunteerCallId == call.Id && a.VolunteerId == volunteer.Id, ct);
        if (application is null)
        {
            application = VolunteerApplication.Submit(call, volunteer, r.Note, actor);
            db.VolunteerApplications.Add(application);
        }
        else
        {
            application.Resubmit(call, volunteer, r.Note, actor);
        }

        var organisers = await notifier.CountyHoldersAsync(PopularizationPermissions.ManageRecruitment, activity.RegionCode, ct);
        notifier.Add(
            organisers, NotificationKind.VolunteerRecruitment, $"新的志愿者报名：{activity.Title}", $"{volunteer.Name}报名了“{activity.Title}”的志愿者招募，请及时录用或说明原因。",
            $"/Popularization/Activities/Details/{activity.Id}#volunteer-call", DateTimeOffset.UtcNow, actor.UserId);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return Mine(application);
    }

    public async Task<MyVolunteerApplicationDto> WithdrawAsync(Actor actor, Guid activityId, Guid applicationId, CancellationToken ct = default)
    {
        // Someone else's application (or no volunteer record at all) is not found.
        var volunteer = (actor.UserId is null ? null : await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.UserId == actor.UserId, ct)) ?? throw new NotFoundException("报名不存在");
        var application = await db.VolunteerApplications.FirstOrDefaultAsync(a => a.Id == applicationId && a.ActivityId == activityId && a.VolunteerId == volunteer.Id, ct)
            ?? throw new NotFoundException("报名不存在");
        application.Withdraw(volunteer, actor);
        await db.SaveChangesAsync(ct);
        return Mine(application);
    }

    public Task<VolunteerApplicationDto> AcceptAsync(Actor actor, Guid activityId, Guid applicationId, int? expectedVersion, CancellationToken ct = default) =>
        DecideAsync(actor, activityId, applicationId, expectedVersion, true, null, ct);

    public Task<VolunteerApplicationDto> DeclineAsync(Actor actor, Guid activityId, Guid applicationId, string? reason, int? expectedVersion, CancellationToken ct = default) =>
        DecideAsync(actor, activityId, applicationId, expectedVersion, false, reason, ct);

    /// <summary>The caller's applications (latest activity first), for 我的志愿服务.</summary>
    public async Task<IReadOnlyList<MyRecruitmentDto>> MineAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is null)
        {
            return [];
        }

        var rows = await db.VolunteerApplications.AsNoTracking()
            .Where(a => db.Volunteers.Any(v => v.Id == a.VolunteerId && v.UserId == actor.UserId))
            .Join(db.PopularizationActivities, a => a.ActivityId, x => x.Id, (a, x) => new { a.Id, a.ActivityId, x.Title, x.Venue, x.StartsOn, x.EndsOn, a.Status, a.Reason })
            .OrderByDescending(x => x.StartsOn).Take(200).ToListAsync(ct);
        return rows.Select(x => new MyRecruitmentDto(x.Id, x.ActivityId, x.Title, x.Venue, x.StartsOn, x.EndsOn, x.Status, x.Status.Chinese(), x.Reason)).ToList();
    }

    // Statistics -----------------------------------------------------------------------------------------------------

    /// <summary>Calls of activities of a region subtree starting in <paramref name="year"/>: numbers, applications, accepted and the fill rate (accepted ÷ slots).</summary>
    public async Task<RecruitmentStatisticsDto> StatisticsAsync(string? region, int? year, CancellationToken ct = default)
    {
        var code = MarketSupport.RegionFilter(region) ?? throw new DomainValidationException("region", "请选择地区");
        var y = year ?? MarketRules.ChinaDate(DateTimeOffset.UtcNow).Year;
        if (y is < 1950 or > 2100)
        {
            throw new DomainValidationException("year", "年份不正确");
        }

        var first = new DateOnly(y, 1, 1);
        var last = new DateOnly(y, 12, 31);
        var rows = await db.VolunteerCalls.AsNoTracking().Where(c => RegionScope.Within(c.RegionCode, code))
            .Join(db.PopularizationActivities, c => c.ActivityId, a => a.Id, (c, a) => new { c.Id, c.ActivityId, a.Title, c.RegionCode, c.Slots, a.StartsOn, a.SeriesId })
            .Where(x => x.StartsOn >= first && x.StartsOn <= last)
            .Select(x => new
            {
                x.ActivityId, x.Title, x.RegionCode, x.Slots, x.SeriesId,
                Applications = db.VolunteerApplications.Count(a => a.VolunteerCallId == x.Id && a.Status != VolunteerApplicationStatus.Withdrawn),
                Accepted = db.VolunteerApplications.Count(a => a.VolunteerCallId == x.Id && a.Status == VolunteerApplicationStatus.Accepted),
            })
            .Take(2000).ToListAsync(ct);

        // By the next level down (the county's townships, the city's counties), or the region itself for a township.
        var childLength = code.Length switch { 0 => 2, 2 => 4, 4 => 6, 6 => 9, _ => code.Length };
        string Child(string c) => c.Length >= childLength ? c[..childLength] : c;
        var names = await Lookups.RegionNamesAsync(db, rows.Select(r => r.RegionCode).Concat(rows.Select(r => Child(r.RegionCode))).Append(code), ct);
        static decimal Rate(int accepted, int slots) => slots == 0 ? 0 : Math.Round(100m * accepted / slots, 1);
        var activities = rows.OrderByDescending(r => r.Slots).ThenBy(r => r.Title)
            .Select(r => new RecruitmentActivityRow(r.ActivityId, r.Title, r.RegionCode, names.GetValueOrDefault(r.RegionCode, "所选地区"), r.Slots, r.Applications, r.Accepted, Rate(r.Accepted, r.Slots)))
            .ToList();
        var regions = rows.GroupBy(r => Child(r.RegionCode)).OrderBy(g => g.Key)
            .Select(g => new RecruitmentActivityRow(Guid.Empty, string.Empty, g.Key, names.GetValueOrDefault(g.Key, "所选地区"), g.Sum(r => r.Slots), g.Sum(r => r.Applications), g.Sum(r => r.Accepted), Rate(g.Sum(r => r.Accepted), g.Sum(r => r.Slots))))
            .ToList();
        var seriesIds = rows.Where(r => r.SeriesId != null).Select(r => r.SeriesId!.Value).Distinct().ToList();
        var seriesNames = await db.ActivitySeries.AsNoTracking().Where(x => seriesIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var series = rows.Where(r => r.SeriesId != null).GroupBy(r => r.SeriesId!.Value)
            .Select(g => new RecruitmentSeriesRow(g.Key, seriesNames.GetValueOrDefault(g.Key, "活动系列"), g.Count(), g.Sum(r => r.Slots), g.Sum(r => r.Applications), g.Sum(r => r.Accepted), Rate(g.Sum(r => r.Accepted), g.Sum(r => r.Slots))))
            .OrderBy(x => x.SeriesName).ToList();
        var slots = rows.Sum(r => r.Slots);
        var accepted = rows.Sum(r => r.Accepted);
        return new RecruitmentStatisticsDto(code, names.GetValueOrDefault(code, "所选地区"), y, rows.Count, slots, rows.Sum(r => r.Applications), accepted, Rate(accepted, slots), activities, regions, series);
    }

    // Helpers --------------------------------------------------------------------------------------------------------

    /// <summary>The activity when the actor manages its region; another region's activity is not found (naming nothing).</summary>
    private async Task<PopularizationActivity> ManagedActivityAsync(Actor actor, Guid activityId, CancellationToken ct)
    {
        var activity = await db.PopularizationActivities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId, ct);
        return activity is not null && activity.MayManage(actor) ? activity : throw new NotFoundException("科普活动不存在");
    }

    private async Task<Volunteer> OwnVolunteerAsync(Actor actor, CancellationToken ct) =>
        (actor.UserId is null ? null : await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.UserId == actor.UserId, ct))
        ?? throw new DomainValidationException("volunteer", "您还不是科技志愿者，请先在“我的志愿服务”页面注册为科技志愿者，再报名");

    private async Task<VolunteerApplicationDto> DecideAsync(Actor actor, Guid activityId, Guid applicationId, int? expectedVersion, bool accept, string? reason, CancellationToken ct)
    {
        var activity = await ManagedActivityAsync(actor, activityId, ct);
        var application = await db.VolunteerApplications.FirstOrDefaultAsync(a => a.Id == applicationId && a.ActivityId == activityId, ct) ?? throw new NotFoundException("报名不存在");
        MarketSupport.CheckVersion(application.Version, expectedVersion);
        var call = await db.VolunteerCalls.FirstAsync(c => c.Id == application.VolunteerCallId, ct);
        if (accept)
        {
            application.Accept(call, activity, await AcceptedAsync(call.Id, ct), actor);
        }
        else
        {
            application.Decline(activity, reason, actor);
        }

        var volunteer = await db.Volunteers.AsNoTracking().FirstAsync(v => v.Id == application.VolunteerId, ct);
        var when = $"{activity.StartsOn:yyyy年M月d日}" + (activity.EndsOn != activity.StartsOn ? $"至{activity.EndsOn:M月d日}" : string.Empty);
        var (title, body) = accept
            ? ($"志愿者招募已录用：{activity.Title}", $"您已被录用为“{activity.Title}”的志愿者，请于{when}到{activity.Venue}服务，到岗后签到，服务结束后签退。")
            : ($"志愿者招募未录用：{activity.Title}", $"“{activity.Title}”的组织方未录用您的报名，原因：{application.Reason}。感谢您的参与。");
        notifier.Add([volunteer.UserId], NotificationKind.VolunteerRecruitment, title, body, $"/Popularization/Activities/Details/{activity.Id}#volunteer-call", DateTimeOffset.UtcNow, actor.UserId);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return (await ApplicationsAsync(actor, activityId, ct)).First(a => a.Id == applicationId);
    }

    private Task<int> AcceptedAsync(Guid callId, CancellationToken ct) =>
        db.VolunteerApplications.CountAsync(a => a.VolunteerCallId == callId && a.Status == VolunteerApplicationStatus.Accepted, ct);

    private static int Order(VolunteerApplicationStatus s) => s switch
    {
        VolunteerApplicationStatus.Applied => 0,
        VolunteerApplicationStatus.Accepted => 1,
        VolunteerApplicationStatus.Declined => 2,
        _ => 3,
    };

    private static MyVolunteerApplicationDto Mine(VolunteerApplication a) => new(a.Id, a.Status, a.Status.Chinese(), a.Note, a.Reason);

    private async Task<List<VolunteerCallDto>> ToDtosAsync(IReadOnlyList<VolunteerCall> calls, Actor actor, CancellationToken ct)
    {
        var ids = calls.Select(c => c.Id).ToList();
        var activityIds = calls.Select(c => c.ActivityId).ToList();
        var activities = await db.PopularizationActivities.AsNoTracking().Where(a => activityIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Title, a.Venue, a.StartsOn, a.EndsOn }).ToDictionaryAsync(a => a.Id, ct);
        var counts = await db.VolunteerApplications.AsNoTracking().Where(a => ids.Contains(a.VolunteerCallId))
            .GroupBy(a => a.VolunteerCallId)
            .Select(g => new { g.Key, Accepted = g.Count(a => a.Status == VolunteerApplicationStatus.Accepted), Waiting = g.Count(a => a.Status == VolunteerApplicationStatus.Applied) })
            .ToDictionaryAsync(g => g.Key, ct);
        var mine = actor.UserId is null
            ? new Dictionary<Guid, VolunteerApplication>()
            : await db.VolunteerApplications.AsNoTracking().Where(a => ids.Contains(a.VolunteerCallId) && db.Volunteers.Any(v => v.Id == a.VolunteerId && v.UserId == actor.UserId))
                .ToDictionaryAsync(a => a.VolunteerCallId, ct);
        var names = await Lookups.RegionNamesAsync(db, calls.Select(c => c.RegionCode), ct);
        var today = MarketRules.ChinaDate(DateTimeOffset.UtcNow);
        return calls.Select(c =>
        {
            var a = activities[c.ActivityId];
            var n = counts.GetValueOrDefault(c.Id);
            return new VolunteerCallDto(
                c.Id, c.ActivityId, a.Title, c.RegionCode, names.GetValueOrDefault(c.RegionCode, "未知地区"), a.Venue, a.StartsOn, a.EndsOn, c.Slots, n?.Accepted ?? 0,
                n?.Waiting ?? 0, c.Duties, c.Skills, c.Deadline, c.Status, c.Status.Chinese(), c.IsOpenOn(today), mine.GetValueOrDefault(c.Id) is { } m ? Mine(m) : null, c.Version);
        }).ToList();
    }
}
