using Kexie.Data;
using Kexie.Data.Exchange;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Indicators;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Directory;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Popularization;

public sealed record VolunteerTeamRequest(string? Name, VolunteerTeamKind Kind, string? RegionCode, string? Organizer = null, DateOnly? EstablishedOn = null, string? Note = null);

/// <summary>
/// A volunteer registered by a manager: optionally linked to a science worker, by id (<see cref="ScienceWorkerId"/>) or by
/// name (<see cref="ScienceWorkerName"/>, resolved among the workers the manager sees in their region).
/// </summary>
public sealed record VolunteerRequest(
    string? Name, string? Phone, string? RegionCode, string? Expertise = null, Guid? TeamId = null, Guid? ScienceWorkerId = null, string? ScienceWorkerName = null);

/// <summary>A science worker registers themself: name and region come from their own record.</summary>
public sealed record SelfVolunteerRequest(string? Phone = null, string? Expertise = null, Guid? TeamId = null);

public sealed record ServiceSignInRequest(Guid? VolunteerId = null);

public sealed record ServiceConfirmRequest(int? Minutes = null);

public sealed record VolunteerFilter(string? Q = null, string? Region = null, Guid? Team = null, int? Page = null, int? PageSize = null);

public sealed record VolunteerTeamDto(
    Guid Id, string Name, VolunteerTeamKind Kind, string KindName, string RegionCode, string RegionName, string? Organizer, DateOnly? EstablishedOn, string? Note,
    int Members, decimal Hours, int Version);

public sealed record VolunteerDto(
    Guid Id, string Name, string Phone, string RegionCode, string RegionName, string? Expertise, Guid? TeamId, string? TeamName, bool IsScienceWorker,
    bool SignsInThemself, int Services, decimal Hours, int Version);

public sealed record ServiceRecordDto(
    Guid Id, Guid VolunteerId, string VolunteerName, Guid ActivityId, string ActivityTitle, DateTimeOffset SignedInAt, DateTimeOffset? SignedOutAt, int Minutes,
    decimal Hours, ServiceRecordStatus Status, string StatusName, string? Reason);

/// <summary>A volunteer's own page: the record, the service records and the confirmed and pending hours.</summary>
public sealed record MyVolunteerDto(VolunteerDto Volunteer, IReadOnlyList<ServiceRecordDto> Records, decimal ConfirmedHours, decimal PendingHours);

public sealed record VolunteerTeamCount(VolunteerTeamKind Kind, string KindName, int Teams);

/// <summary>Volunteers of a region subtree in a year, with the report's sentence.</summary>
public sealed record VolunteerStatisticsDto(
    string RegionCode, string RegionName, int Year, int Teams, IReadOnlyList<VolunteerTeamCount> TeamsByKind, int Volunteers, int Activities, int Services,
    decimal Hours, string Summary);

/// <summary>
/// 科技志愿者: teams of a region (科技志愿服务队, 科普志愿者, 信息员), volunteers registered by the region's managers or by a
/// science worker for themself, and service records at activities (sign-in and sign-out by the volunteer or the organiser,
/// hours confirmed by the activity region's managers). Only confirmed minutes count as 服务时长.
/// </summary>
public sealed class VolunteerService(KexieDbContext db, ReferenceCodesCache reference, Parties parties)
{
    public static decimal Hours(long minutes) => Math.Round(minutes / 60m, 1);

    // Teams -----------------------------------------------------------------------------------------------------------

    public async Task<IReadOnlyList<VolunteerTeamDto>> TeamsAsync(string? region, VolunteerTeamKind? kind, CancellationToken ct = default)
    {
        var query = db.VolunteerTeams.AsNoTracking();
        if (MarketSupport.RegionFilter(region) is { } code)
        {
            query = query.Where(t => RegionScope.Within(t.RegionCode, code));
        }

        if (kind is { } k)
        {
            query = query.Where(t => t.Kind == k);
        }

        var rows = await query.OrderBy(t => t.RegionCode).ThenBy(t => t.Kind).ThenBy(t => t.Name).Take(500)
            .Select(t => new
            {
                Team = t,
                Members = db.Volunteers.Count(v => v.TeamId == t.Id),
                Minutes = db.ServiceRecords.Where(r => r.Status == ServiceRecordStatus.Confirmed && db.Volunteers.Any(v => v.Id == r.VolunteerId && v.TeamId == t.Id)).Sum(r => (long)r.Minutes),
            })
            .ToListAsync(ct);
        var names = await Lookups.RegionNamesAsync(db, rows.Select(r => r.Team.RegionCode), ct);
        return rows.Select(r => ToDto(r.Team, names, r.Members, r.Minutes)).ToList();
    }

    public async Task<VolunteerTeamDto> TeamAsync(Guid id, CancellationToken ct = default)
    {
        var team = await db.VolunteerTeams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("志愿服务队不存在");
        return await TeamDtoAsync(team, ct);
    }

    public async Task<VolunteerTeamDto> CreateTeamAsync(Actor actor, VolunteerTeamRequest r, CancellationToken ct = default)
    {
        var team = VolunteerTeam.Create(new VolunteerTeamData(r.Name, r.Kind, r.RegionCode, r.Organizer, r.EstablishedOn, r.Note), actor);
        (await reference.GetAsync(db, ct)).RequireRegion(team.RegionCode);
        db.VolunteerTeams.Add(team);
        await db.SaveChangesAsync(ct);
        return await TeamDtoAsync(team, ct);
    }

    public async Task<VolunteerTeamDto> UpdateTeamAsync(Actor actor, Guid id, VolunteerTeamRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var team = await db.VolunteerTeams.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("志愿服务队不存在");
        MarketSupport.CheckVersion(team.Version, expectedVersion);
        team.Update(new VolunteerTeamData(r.Name, r.Kind, r.RegionCode, r.Organizer, r.EstablishedOn, r.Note), actor);
        (await reference.GetAsync(db, ct)).RequireRegion(team.RegionCode);
        await db.SaveChangesAsync(ct);
        return await TeamDtoAsync(team, ct);
    }

    // Volunteers ------------------------------------------------------------------------------------------------------

    /// <summary>Volunteers of the subtree the actor manages (names and phones are personal data: nobody else lists them).</summary>
    public async Task<PagedResult<VolunteerDto>> ListAsync(Actor actor, VolunteerFilter filter, CancellationToken ct = default)
    {
        var page = PageRequest.Of(filter.Page, filter.PageSize);
        var query = db.Volunteers.AsNoTracking().InScope(actor);
        if (MarketSupport.RegionFilter(filter.Region) is { } code)
        {
            query = query.Where(v => RegionScope.Within(v.RegionCode, code));
        }

        if (filter.Team is { } team)
        {
            query = query.Where(v => v.TeamId == team);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            query = query.Where(v => v.Name.Contains(q) || (v.Expertise != null && v.Expertise.Contains(q)));
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(v => v.RegionCode).ThenBy(v => v.Name).ThenBy(v => v.Id).Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        return new PagedResult<VolunteerDto>(await ToDtosAsync(rows, ct), total, page.Page, page.PageSize);
    }

    /// <summary>
    /// The registry the list shows (same filter, every page, only the subtree the actor manages) as an .xlsx: the import's columns
    /// (姓名、手机号、行政区划代码、专长、服务队), so an edited export imports back (/api/v1/imports/volunteers); beside them, read-only,
    /// 所在地区, the services and the confirmed hours.
    /// </summary>
    public async Task<byte[]> ExportAsync(Actor actor, VolunteerFilter filter, CancellationToken ct = default)
    {
        var all = new List<VolunteerDto>();
        for (var page = 1; ; page++)
        {
            var result = await ListAsync(actor, filter with { Page = page, PageSize = 200 }, ct);
            all.AddRange(result.Items);
            if (result.Items.Count == 0 || page >= result.PageCount || all.Count >= VenueService.MaxExportRows)
            {
                break;
            }
        }

        var h = DirectoryImporter.ColumnsOf(ImportKind.Volunteers).ToDictionary(c => c.Field, c => c.Header);
        return ExcelExport.ToXlsx(all, [
            (h["name"], v => v.Name),
            (h["phone"], v => v.Phone),
            (h["regionCode"], v => v.RegionCode),
            ("所在地区", v => v.RegionName),
            (h["expertise"], v => v.Expertise),
            (h["team"], v => v.TeamName),
            ("服务次数", v => v.Services),
            ("确认服务时长（小时）", v => v.Hours),
        ], "科技志愿者");
    }

    /// <summary>
    /// 志愿服务记录证明 of a volunteer (.docx): their confirmed services (activity, day, hours) and the total, issued by the association
    /// of the volunteer's county. The volunteer themself and the managers of their region may download it; for anyone else the
    /// volunteer does not exist.
    /// </summary>
    public async Task<(byte[] Content, string FileName)> ServiceRecordAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var volunteer = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct);
        if (volunteer is null || !volunteer.IsSelfOrManager(actor))
        {
            throw new NotFoundException("志愿者不存在");
        }

        var services = await db.ServiceRecords.AsNoTracking().Where(r => r.VolunteerId == id && r.Status == ServiceRecordStatus.Confirmed)
            .Join(db.PopularizationActivities, r => r.ActivityId, a => a.Id, (r, a) => new { r.SignedInAt, r.Minutes, a.Title })
            .ToListAsync(ct);
        var lines = services.OrderBy(s => s.SignedInAt)
            .Select(s => new ServiceRecordLine(s.Title, MarketRules.ChinaDate(s.SignedInAt), Hours(s.Minutes))).ToList();
        var county = volunteer.RegionCode.Length > 6 ? volunteer.RegionCode[..6] : volunteer.RegionCode;
        var names = await Lookups.RegionNamesAsync(db, [volunteer.RegionCode, county], ct);
        var team = volunteer.TeamId is { } teamId ? await db.VolunteerTeams.AsNoTracking().Where(t => t.Id == teamId).Select(t => t.Name).FirstOrDefaultAsync(ct) : null;
        var data = new ServiceRecordData(
            volunteer.Name, names.GetValueOrDefault(volunteer.RegionCode, "本地区"), team, lines, Hours(services.Sum(s => (long)s.Minutes)),
            $"{names.GetValueOrDefault(county, string.Empty)}科学技术协会", MarketRules.ChinaDate(DateTimeOffset.UtcNow));
        return (VolunteerServiceRecord.Build(data), VolunteerServiceRecord.FileName(volunteer.Name));
    }

    public async Task<VolunteerDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var volunteer = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct);
        if (volunteer is null || !volunteer.IsSelfOrManager(actor))
        {
            throw new NotFoundException("志愿者不存在");
        }

        return (await ToDtosAsync([volunteer], ct))[0];
    }

    /// <summary>A manager registers a volunteer of their region, optionally linked to a science worker they can see.</summary>
    public async Task<VolunteerDto> RegisterAsync(Actor actor, VolunteerRequest r, CancellationToken ct = default)
    {
        (Guid, string)? worker = null;
        if (r.ScienceWorkerId is { } workerId)
        {
            var party = await parties.WorkerAsync(actor, workerId, "scienceWorkerId", "科技工作者", ct);
            worker = (party.Id, party.RegionCode);
        }
        else if (!string.IsNullOrWhiteSpace(r.ScienceWorkerName))
        {
            worker = await WorkerByNameAsync(actor, r.ScienceWorkerName.Trim(), r.Phone, ct);
        }

        var team = await TeamForAsync(r.TeamId, ct);
        var volunteer = Volunteer.Register(new VolunteerData(r.Name, r.Phone, r.RegionCode, r.Expertise), team, worker, actor);
        (await reference.GetAsync(db, ct)).RequireRegion(volunteer.RegionCode);
        if (volunteer.ScienceWorkerId is { } linked && await db.Volunteers.AnyAsync(v => v.ScienceWorkerId == linked, ct))
        {
            throw new DomainValidationException(r.ScienceWorkerId is null ? "scienceWorkerName" : "scienceWorkerId", "该科技工作者已登记为志愿者");
        }

        db.Volunteers.Add(volunteer);
        await db.SaveChangesAsync(ct);
        return (await ToDtosAsync([volunteer], ct))[0];
    }

    /// <summary>A science worker registers themself: linked to their record and account, in their record's region.</summary>
    public async Task<VolunteerDto> RegisterSelfAsync(Actor actor, SelfVolunteerRequest r, CancellationToken ct = default)
    {
        if (actor.ScienceWorkerId is not { } own || actor.UserId is null)
        {
            throw new NotPermittedException("只有已登记的科技工作者可以本人注册为志愿者");
        }

        var me = await db.ScienceWorkers.AsNoTracking().Where(w => w.Id == own).Select(w => new { w.Id, w.Name, w.Phone, w.RegionCode }).FirstOrDefaultAsync(ct)
            ?? throw new NotPermittedException("只有已登记的科技工作者可以本人注册为志愿者");
        if (await db.Volunteers.AnyAsync(v => v.UserId == actor.UserId || v.ScienceWorkerId == own, ct))
        {
            throw new InvalidTransitionException("您已注册为科技志愿者");
        }

        var team = await TeamForAsync(r.TeamId, ct);
        var phone = string.IsNullOrWhiteSpace(r.Phone) ? me.Phone : r.Phone;
        var volunteer = Volunteer.Register(new VolunteerData(me.Name, phone, me.RegionCode, r.Expertise), team, (me.Id, me.RegionCode), actor);
        db.Volunteers.Add(volunteer);
        await db.SaveChangesAsync(ct);
        return (await ToDtosAsync([volunteer], ct))[0];
    }

    /// <summary>The signed-in person's volunteer record with their service records and hours; null when they are not one.</summary>
    public async Task<MyVolunteerDto?> MineAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is null)
        {
            return null;
        }

        var volunteer = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.UserId == actor.UserId, ct);
        if (volunteer is null)
        {
            return null;
        }

        var records = await RecordsAsync(db.ServiceRecords.Where(r => r.VolunteerId == volunteer.Id), ct);
        return new MyVolunteerDto(
            (await ToDtosAsync([volunteer], ct))[0], records,
            Hours(records.Where(r => r.Status == ServiceRecordStatus.Confirmed).Sum(r => (long)r.Minutes)),
            Hours(records.Where(r => r.Status == ServiceRecordStatus.Pending).Sum(r => (long)r.Minutes)));
    }

    // Service records -------------------------------------------------------------------------------------------------

    /// <summary>An activity's service records: all of them for its managers, one's own for a volunteer, nothing for others.</summary>
    public async Task<IReadOnlyList<ServiceRecordDto>> ActivityRecordsAsync(Actor actor, Guid activityId, CancellationToken ct = default)
    {
        var activity = await db.PopularizationActivities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId, ct) ?? throw new NotFoundException("科普活动不存在");
        var query = db.ServiceRecords.Where(r => r.ActivityId == activityId);
        if (!activity.MayManage(actor))
        {
            if (actor.UserId is null)
            {
                return [];
            }

            query = query.Where(r => db.Volunteers.Any(v => v.Id == r.VolunteerId && v.UserId == actor.UserId));
        }

        return await RecordsAsync(query, ct);
    }

    /// <summary>Signs a volunteer in: the actor's own volunteer record when none is named, or one named by the activity's managers.</summary>
    public async Task<ServiceRecordDto> SignInAsync(Actor actor, Guid activityId, ServiceSignInRequest r, CancellationToken ct = default)
    {
        var activity = await db.PopularizationActivities.FirstOrDefaultAsync(a => a.Id == activityId, ct) ?? throw new NotFoundException("科普活动不存在");
        Volunteer volunteer;
        if (r.VolunteerId is { } id)
        {
            volunteer = await db.Volunteers.FirstOrDefaultAsync(v => v.Id == id, ct) ?? throw new DomainValidationException("volunteerId", "志愿者不存在");
            if (!activity.MayManage(actor) && !volunteer.IsSelfOrManager(actor))
            {
                throw new DomainValidationException("volunteerId", "志愿者不存在");
            }
        }
        else
        {
            volunteer = await db.Volunteers.FirstOrDefaultAsync(v => actor.UserId != null && v.UserId == actor.UserId, ct)
                ?? throw new DomainValidationException("volunteerId", "您还不是科技志愿者，请先注册");
        }

        var alreadyIn = await db.ServiceRecords.AnyAsync(x => x.ActivityId == activityId && x.VolunteerId == volunteer.Id && x.Status == ServiceRecordStatus.SignedIn, ct);
        // At an activity with a 志愿者招募 the accepted volunteers are the ones expected (the organiser may still sign in anyone).
        var notRecruited = await db.VolunteerCalls.AnyAsync(c => c.ActivityId == activityId, ct)
            && !await db.VolunteerApplications.AnyAsync(a => a.ActivityId == activityId && a.VolunteerId == volunteer.Id && a.Status == VolunteerApplicationStatus.Accepted, ct);
        var record = ServiceRecord.SignIn(volunteer, activity, alreadyIn, actor, notRecruited: notRecruited);
        db.ServiceRecords.Add(record);
        await db.SaveChangesAsync(ct);
        return await RecordDtoAsync(record.Id, ct);
    }

    public Task<ServiceRecordDto> SignOutAsync(Actor actor, Guid activityId, Guid recordId, CancellationToken ct = default) =>
        ChangeAsync(activityId, recordId, null, (record, volunteer, activity) => record.SignOut(volunteer, activity, actor), ct);

    public Task<ServiceRecordDto> ConfirmAsync(Actor actor, Guid activityId, Guid recordId, ServiceConfirmRequest? r, int? expectedVersion, CancellationToken ct = default) =>
        ChangeAsync(activityId, recordId, expectedVersion, (record, _, activity) => record.Confirm(activity, actor, r?.Minutes), ct);

    public Task<ServiceRecordDto> RejectAsync(Actor actor, Guid activityId, Guid recordId, string? reason, int? expectedVersion, CancellationToken ct = default) =>
        ChangeAsync(activityId, recordId, expectedVersion, (record, _, activity) => record.Reject(activity, actor, reason), ct);

    // Statistics ------------------------------------------------------------------------------------------------------

    /// <summary>
    /// Teams (founded by the year's end) and volunteers (registered by then) of a region subtree, and the year's confirmed
    /// service at activities of the subtree: activities served (场), services (人次) and hours.
    /// </summary>
    public async Task<VolunteerStatisticsDto> StatisticsAsync(string? region, int? year, CancellationToken ct = default)
    {
        var code = MarketSupport.RegionFilter(region) ?? throw new DomainValidationException("region", "请选择地区");
        var y = year ?? MarketRules.ChinaDate(DateTimeOffset.UtcNow).Year;
        if (y is < 1950 or > 2100)
        {
            throw new DomainValidationException("year", "年份不正确");
        }

        return await StatisticsAsync(code, new DayRange(new DateOnly(y, 1, 1), new DateOnly(y, 12, 31)), ct);
    }

    /// <summary>Teams and volunteers as of the range's last day and the confirmed service within <paramref name="range"/> (a report period).</summary>
    public async Task<VolunteerStatisticsDto> StatisticsAsync(string code, DayRange range, CancellationToken ct = default)
    {
        var (start, end) = MarketSupport.ChinaPeriod(range.First, range.Last);
        var lastDay = range.Last;
        var teams = await db.VolunteerTeams.AsNoTracking().Where(VolunteerTeam.ExistedBy(lastDay, end!.Value)).Where(t => RegionScope.Within(t.RegionCode, code))
            .GroupBy(t => t.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(ct);
        var volunteers = await db.Volunteers.AsNoTracking().CountAsync(v => RegionScope.Within(v.RegionCode, code) && v.CreatedAt < end!.Value, ct);
        var service = await db.ServiceRecords.AsNoTracking()
            .Where(r => RegionScope.Within(r.RegionCode, code) && r.Status == ServiceRecordStatus.Confirmed && r.SignedInAt >= start!.Value && r.SignedInAt < end!.Value)
            .Select(r => new { r.ActivityId, r.Minutes }).ToListAsync(ct);
        var byKind = teams.OrderBy(t => t.Kind).Select(t => new VolunteerTeamCount(t.Kind, t.Kind.Chinese(), t.Count)).ToList();
        var names = await Lookups.RegionNamesAsync(db, [code], ct);
        var activities = service.Select(s => s.ActivityId).Distinct().Count();
        var hours = Hours(service.Sum(s => (long)s.Minutes));
        var teamCount = teams.Sum(t => t.Count);
        return new VolunteerStatisticsDto(
            code, names.GetValueOrDefault(code, "所选地区"), range.Last.Year, teamCount, byKind, volunteers, activities, service.Count, hours,
            Summary(range, teamCount, volunteers, activities, service.Count, hours));
    }

    /// <summary>"2025年，共有64支科技志愿服务队伍、2451名科技志愿者，累计开展科技志愿服务活动300场，志愿服务420人次，服务时长1260小时。"</summary>
    public static string Summary(DayRange range, int teams, int volunteers, int activities, int services, decimal hours)
    {
        var text = $"{PopularizationPeriod.Text(range)}，共有{teams}支科技志愿服务队伍、{volunteers}名科技志愿者";
        return activities == 0
            ? text + "，暂无经确认的志愿服务记录。"
            : text + $"，累计开展科技志愿服务活动{activities}场，志愿服务{services}人次，服务时长{hours:0.#}小时。";
    }

    // Helpers ---------------------------------------------------------------------------------------------------------

    private async Task<(Guid, string)> WorkerByNameAsync(Actor actor, string name, string? phone, CancellationToken ct)
    {
        var matches = await db.ScienceWorkers.AsNoTracking().Where(DirectoryAccess.WorkersVisibleTo(actor)).Where(w => w.Name == name)
            .Select(w => new { w.Id, w.RegionCode, w.Phone }).Take(20).ToListAsync(ct);
        if (matches.Count > 1 && !string.IsNullOrWhiteSpace(phone))
        {
            matches = matches.Where(m => m.Phone == phone.Trim()).ToList();
        }

        return matches.Count switch
        {
            0 => throw new DomainValidationException("scienceWorkerName", $"科技工作者“{name}”不存在"),
            1 => (matches[0].Id, matches[0].RegionCode),
            _ => throw new DomainValidationException("scienceWorkerName", $"有多名名为“{name}”的科技工作者，请填写与其登记一致的手机号"),
        };
    }

    private async Task<VolunteerTeam?> TeamForAsync(Guid? teamId, CancellationToken ct) =>
        teamId is { } id
            ? await db.VolunteerTeams.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new DomainValidationException("teamId", "志愿服务队不存在")
            : null;

    private async Task<ServiceRecordDto> ChangeAsync(
        Guid activityId, Guid recordId, int? expectedVersion, Action<ServiceRecord, Volunteer, PopularizationActivity> change, CancellationToken ct)
    {
        var record = await db.ServiceRecords.FirstOrDefaultAsync(r => r.Id == recordId && r.ActivityId == activityId, ct) ?? throw new NotFoundException("服务记录不存在");
        MarketSupport.CheckVersion(record.Version, expectedVersion);
        var activity = await db.PopularizationActivities.FirstAsync(a => a.Id == activityId, ct);
        var volunteer = await db.Volunteers.FirstAsync(v => v.Id == record.VolunteerId, ct);
        change(record, volunteer, activity);
        await db.SaveChangesAsync(ct);
        return await RecordDtoAsync(record.Id, ct);
    }

    private async Task<ServiceRecordDto> RecordDtoAsync(Guid id, CancellationToken ct) => (await RecordsAsync(db.ServiceRecords.Where(r => r.Id == id), ct))[0];

    private async Task<IReadOnlyList<ServiceRecordDto>> RecordsAsync(IQueryable<ServiceRecord> query, CancellationToken ct)
    {
        var rows = await query.AsNoTracking()
            .Join(db.Volunteers, r => r.VolunteerId, v => v.Id, (r, v) => new { Record = r, VolunteerName = v.Name })
            .Join(db.PopularizationActivities, x => x.Record.ActivityId, a => a.Id, (x, a) => new { x.Record, x.VolunteerName, a.Title })
            .Take(1000).ToListAsync(ct);
        return rows.OrderByDescending(x => x.Record.SignedInAt)
            .Select(x => new ServiceRecordDto(
                x.Record.Id, x.Record.VolunteerId, x.VolunteerName, x.Record.ActivityId, x.Title, x.Record.SignedInAt, x.Record.SignedOutAt, x.Record.Minutes,
                Hours(x.Record.Minutes), x.Record.Status, x.Record.Status.Chinese(), x.Record.Reason))
            .ToList();
    }

    private async Task<List<VolunteerDto>> ToDtosAsync(IReadOnlyList<Volunteer> volunteers, CancellationToken ct)
    {
        var ids = volunteers.Select(v => v.Id).ToList();
        var teamIds = volunteers.Where(v => v.TeamId != null).Select(v => v.TeamId!.Value).Distinct().ToList();
        var teams = await db.VolunteerTeams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var sums = await db.ServiceRecords.AsNoTracking().Where(r => ids.Contains(r.VolunteerId) && r.Status == ServiceRecordStatus.Confirmed)
            .GroupBy(r => r.VolunteerId).Select(g => new { g.Key, Count = g.Count(), Minutes = g.Sum(r => (long)r.Minutes) }).ToDictionaryAsync(g => g.Key, ct);
        var names = await Lookups.RegionNamesAsync(db, volunteers.Select(v => v.RegionCode), ct);
        return volunteers.Select(v =>
        {
            var sum = sums.GetValueOrDefault(v.Id);
            return new VolunteerDto(
                v.Id, v.Name, v.Phone, v.RegionCode, names.GetValueOrDefault(v.RegionCode, "未知地区"), v.Expertise, v.TeamId,
                v.TeamId is { } t ? teams.GetValueOrDefault(t) : null, v.ScienceWorkerId is not null, v.UserId is not null, sum?.Count ?? 0, Hours(sum?.Minutes ?? 0), v.Version);
        }).ToList();
    }

    private async Task<VolunteerTeamDto> TeamDtoAsync(VolunteerTeam team, CancellationToken ct)
    {
        var members = await db.Volunteers.CountAsync(v => v.TeamId == team.Id, ct);
        var minutes = await db.ServiceRecords.Where(r => r.Status == ServiceRecordStatus.Confirmed && db.Volunteers.Any(v => v.Id == r.VolunteerId && v.TeamId == team.Id))
            .SumAsync(r => (long)r.Minutes, ct);
        return ToDto(team, await Lookups.RegionNamesAsync(db, [team.RegionCode], ct), members, minutes);
    }

    private static VolunteerTeamDto ToDto(VolunteerTeam t, Dictionary<string, string> names, int members, long minutes) => new(
        t.Id, t.Name, t.Kind, t.Kind.Chinese(), t.RegionCode, names.GetValueOrDefault(t.RegionCode, "未知地区"), t.Organizer, t.EstablishedOn, t.Note, members,
        Hours(minutes), t.Version);
}
