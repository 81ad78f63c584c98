using Kexie.Data;
using Kexie.Data.Exchange;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Directory;
using Kexie.Web.Features.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Popularization;

/// <summary>A member unit: <c>organizationId</c> links the directory's record (one the caller can see, in the unit's region); the name may then be left empty.</summary>
public sealed record MemberUnitRequest(string? RegionCode, string? Name, DateOnly? JoinedOn, Guid? OrganizationId = null, string? ContactName = null, string? ContactPhone = null, string? Note = null);

public sealed record MemberLeaveRequest(DateOnly? LeftOn);

public sealed record MemberTaskRequest(int? Year, string? Text, DateOnly? DueOn = null, string? Target = null);

/// <summary><c>completedOn</c> null reopens the task.</summary>
public sealed record MemberTaskDoneRequest(DateOnly? CompletedOn);

/// <summary><c>result</c>: 完成 / 基本完成 / 未完成 (or Completed / MostlyCompleted / NotCompleted); <c>score</c> 0–100, optional.</summary>
public sealed record MemberAssessmentRequest(int? Year, string? Result, int? Score = null, string? Note = null);

public sealed record MemberTaskDto(Guid Id, Guid MemberUnitId, string UnitName, int Year, string Text, DateOnly? DueOn, string? Target, DateOnly? CompletedOn, bool Done);

public sealed record MemberAssessmentDto(
    Guid Id, Guid MemberUnitId, string UnitName, int Year, MemberAssessmentResult Result, string ResultName, int? Score, string? Note, DateOnly AssessedOn, string? EvidenceFileName);

/// <summary>
/// A member unit as the caller may see it: the contact only for the region's managers (<c>actions</c> lists what the caller may do:
/// edit, leave, tasks, assess).
/// </summary>
public sealed record MemberUnitDto(
    Guid Id, string RegionCode, string RegionName, string Name, Guid? OrganizationId, DateOnly JoinedOn, DateOnly? LeftOn, bool IsMember,
    string? ContactName, string? ContactPhone, string? Note, int Version, IReadOnlyList<string> Actions);

/// <summary>A unit in a year: its tasks (done of total) and its assessment.</summary>
public sealed record MemberUnitYearRowDto(MemberUnitDto Unit, int TasksTotal, int TasksDone, MemberAssessmentDto? Assessment);

/// <summary>
/// 纲要实施成员单位 of a region in a year: the count on 31 December and the year before ("由24个增加到30个"), who joined and left,
/// the tasks done of all assigned, the units assessed by result, and each unit's row.
/// </summary>
public sealed record MemberUnitYearDto(
    string RegionCode, string RegionName, int Year, int Count, int PreviousCount, int Joined, int Left, int TasksTotal, int TasksDone,
    int Assessed, int Completed, int MostlyCompleted, int NotCompleted, IReadOnlyList<MemberUnitYearRowDto> Units, string? Summary);

/// <summary>A unit with all its tasks and assessments.</summary>
public sealed record MemberUnitDetailsDto(MemberUnitDto Unit, IReadOnlyList<MemberTaskDto> Tasks, IReadOnlyList<MemberAssessmentDto> Assessments);

/// <summary>An organization of the directory the caller can see, offered for linking.</summary>
public sealed record MemberOrganizationOption(Guid Id, string Name);

/// <summary>
/// 全民科学素质纲要实施工作成员单位: the region's member units (joined, left, contact, link to the directory), the tasks assigned to
/// them each year and the year-end assessment with its evidence file; the yearly count and the report's sentence come from them.
/// Reads are public except the contact and the evidence; writes are the region managers' (<see cref="PopularizationPermissions.ManageMemberUnits"/>).
/// </summary>
public sealed class LiteracyMemberUnitService(KexieDbContext db, Parties parties, AccessPolicy policy, IFileStore store, TimeProvider clock)
{
    public const string Edit = "edit";
    public const string Leave = "leave";
    public const string Tasks = "tasks";
    public const string Assess = "assess";

    /// <summary>The units of a region subtree (members now, or all with <paramref name="all"/>), by region and name.</summary>
    public async Task<IReadOnlyList<MemberUnitDto>> ListAsync(Actor actor, string? region, bool all = false, CancellationToken ct = default)
    {
        var code = MarketSupport.RegionFilter(region) ?? throw new DomainValidationException("region", "请选择地区");
        var query = db.LiteracyMemberUnits.AsNoTracking().Where(u => RegionScope.Within(u.RegionCode, code));
        var units = await query.OrderBy(u => u.RegionCode).ThenBy(u => u.JoinedOn).ThenBy(u => u.Name).Take(1000).ToListAsync(ct);
        var today = MarketRules.ChinaDate(clock.GetUtcNow());
        if (!all)
        {
            units = units.Where(u => u.LeftOn is null || u.LeftOn > today).ToList();
        }

        var names = await NamesAsync(units.Select(u => u.RegionCode), ct);
        return units.Select(u => ToDto(u, actor, names, today)).ToList();
    }

    public async Task<MemberUnitDetailsDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var unit = await db.LiteracyMemberUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("成员单位不存在");
        var tasks = await db.LiteracyMemberTasks.AsNoTracking().Where(t => t.MemberUnitId == id).OrderByDescending(t => t.Year).ThenBy(t => t.CreatedAt).ToListAsync(ct);
        var assessments = await db.LiteracyMemberAssessments.AsNoTracking().Where(a => a.MemberUnitId == id).OrderByDescending(a => a.Year).ToListAsync(ct);
        var names = await NamesAsync([unit.RegionCode], ct);
        var dto = ToDto(unit, actor, names, MarketRules.ChinaDate(clock.GetUtcNow()));
        return new MemberUnitDetailsDto(dto, tasks.Select(t => ToDto(t, unit.Name)).ToList(), assessments.Select(a => ToDto(a, unit.Name, dto.Actions.Count > 0)).ToList());
    }

    /// <summary>Organizations of the region subtree the caller can see (the picker of the unit form), by name; at most 300.</summary>
    public async Task<IReadOnlyList<MemberOrganizationOption>> OrganizationOptionsAsync(Actor actor, string? region, CancellationToken ct = default)
    {
        var code = MarketSupport.RegionFilter(region) ?? string.Empty;
        return await db.Organizations.AsNoTracking().Where(DirectoryAccess.OrganizationsVisibleTo(actor)).Where(o => RegionScope.Within(o.RegionCode, code))
            .OrderBy(o => o.Name).Take(300).Select(o => new MemberOrganizationOption(o.Id, o.Name)).ToListAsync(ct);
    }

    public async Task<MemberUnitDto> CreateAsync(Actor actor, MemberUnitRequest r, CancellationToken ct = default)
    {
        var region = Kexie.Domain.Regions.RegionCode.Validate(r.RegionCode?.Trim(), "regionCode");
        var (organization, name) = await OrganizationAsync(actor, r.OrganizationId, region, r.Name, ct);
        var unit = LiteracyMemberUnit.Join(new MemberUnitData(region, name, r.JoinedOn, r.ContactName, r.ContactPhone, r.Note), organization, actor, clock.GetUtcNow());
        if (!await db.Regions.AnyAsync(x => x.Code == region, ct))
        {
            throw new DomainValidationException("regionCode", $"行政区划“{region}”不存在");
        }

        if (await db.LiteracyMemberUnits.AnyAsync(u => u.RegionCode == region && u.Name == unit.Name && u.LeftOn == null, ct))
        {
            throw new DomainValidationException("name", $"“{unit.Name}”已是本地区的成员单位");
        }

        db.LiteracyMemberUnits.Add(unit);
        await db.SaveChangesAsync(ct);
        return ToDto(unit, actor, await NamesAsync([unit.RegionCode], ct), MarketRules.ChinaDate(clock.GetUtcNow()));
    }

    public async Task<MemberUnitDto> UpdateAsync(Actor actor, Guid id, MemberUnitRequest r, int? expectedVersion = null, CancellationToken ct = default)
    {
        var unit = await FindAsync(id, ct);
        MarketSupport.CheckVersion(unit.Version, expectedVersion);
        var (organization, name) = await OrganizationAsync(actor, r.OrganizationId, unit.RegionCode, r.Name, ct);
        unit.Update(new MemberUnitData(unit.RegionCode, name, r.JoinedOn, r.ContactName, r.ContactPhone, r.Note), organization, actor, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return ToDto(unit, actor, await NamesAsync([unit.RegionCode], ct), MarketRules.ChinaDate(clock.GetUtcNow()));
    }

    public async Task<MemberUnitDto> LeaveAsync(Actor actor, Guid id, MemberLeaveRequest r, CancellationToken ct = default)
    {
        var unit = await FindAsync(id, ct);
        unit.Leave(r.LeftOn, actor, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return ToDto(unit, actor, await NamesAsync([unit.RegionCode], ct), MarketRules.ChinaDate(clock.GetUtcNow()));
    }

    public async Task<MemberTaskDto> AssignTaskAsync(Actor actor, Guid id, MemberTaskRequest r, CancellationToken ct = default)
    {
        var unit = await FindAsync(id, ct);
        var task = LiteracyMemberTask.Assign(unit, new MemberTaskData(r.Year, r.Text, r.DueOn, r.Target), actor, clock.GetUtcNow());
        db.LiteracyMemberTasks.Add(task);
        await db.SaveChangesAsync(ct);
        return ToDto(task, unit.Name);
    }

    public async Task<MemberTaskDto> MarkTaskAsync(Actor actor, Guid id, Guid taskId, MemberTaskDoneRequest r, CancellationToken ct = default)
    {
        var unit = await FindAsync(id, ct);
        var task = await db.LiteracyMemberTasks.FirstOrDefaultAsync(t => t.Id == taskId && t.MemberUnitId == id, ct) ?? throw new NotFoundException("任务不存在");
        task.MarkDone(unit, r.CompletedOn, actor, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return ToDto(task, unit.Name);
    }

    public async Task DeleteTaskAsync(Actor actor, Guid id, Guid taskId, CancellationToken ct = default)
    {
        var unit = await FindAsync(id, ct);
        var task = await db.LiteracyMemberTasks.FirstOrDefaultAsync(t => t.Id == taskId && t.MemberUnitId == id, ct) ?? throw new NotFoundException("任务不存在");
        if (!unit.MayManage(actor))
        {
            throw new NotPermittedException("只有本地区科协管理员可以删除成员单位任务");
        }

        db.LiteracyMemberTasks.Remove(task);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The year-end assessment of a unit (a second one for the same year corrects the first).</summary>
    public async Task<MemberAssessmentDto> AssessAsync(Actor actor, Guid id, MemberAssessmentRequest r, CancellationToken ct = default)
    {
        var unit = await FindAsync(id, ct);
        var data = new MemberAssessmentData(r.Year, MemberUnitNames.Parse(r.Result, "result"), r.Score, r.Note);
        var existing = r.Year is { } y ? await db.LiteracyMemberAssessments.FirstOrDefaultAsync(a => a.MemberUnitId == id && a.Year == y, ct) : null;
        LiteracyMemberAssessment assessment;
        if (existing is null)
        {
            assessment = LiteracyMemberAssessment.Assess(unit, data, actor, clock.GetUtcNow());
            db.LiteracyMemberAssessments.Add(assessment);
        }
        else
        {
            existing.Correct(unit, data, actor, clock.GetUtcNow());
            assessment = existing;
        }

        await db.SaveChangesAsync(ct);
        return ToDto(assessment, unit.Name);
    }

    /// <summary>Attaches the evidence file of an assessment (PDF, image, Office document; replacing the one attached).</summary>
    public async Task<MemberAssessmentDto> AttachEvidenceAsync(Actor actor, Guid id, Guid assessmentId, IFormFile? file, CancellationToken ct = default)
    {
        var unit = await FindAsync(id, ct);
        var assessment = await db.LiteracyMemberAssessments.FirstOrDefaultAsync(a => a.Id == assessmentId && a.MemberUnitId == id, ct) ?? throw new NotFoundException("考核记录不存在");
        if (!unit.MayManage(actor))
        {
            throw new NotPermittedException("只有本地区科协管理员可以上传考核佐证材料");
        }

        var upload = await UploadInspector.InspectAsync(file, ct);
        var old = await store.SaveThenRecordAsync(upload, async data =>
        {
            var replaced = assessment.AttachEvidence(unit, data, actor, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return replaced;
        }, ct);
        if (old is not null)
        {
            await store.DeleteAsync(old, CancellationToken.None);
        }

        return ToDto(assessment, unit.Name);
    }

    /// <summary>The evidence file, for the region's managers only (anyone else: not found, naming nothing).</summary>
    public async Task<FileDownload> EvidenceAsync(Actor actor, Guid id, Guid assessmentId, CancellationToken ct = default)
    {
        var assessment = await db.LiteracyMemberAssessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == assessmentId && a.MemberUnitId == id, ct);
        if (assessment?.EvidenceStorageKey is not { } key || !policy.Can(actor, PopularizationPermissions.ManageMemberUnits, assessment.RegionCode) || !actor.Manages(assessment.RegionCode))
        {
            throw new NotFoundException("佐证材料不存在");
        }

        return await store.DownloadAsync(key, assessment.EvidenceContentType ?? "application/octet-stream", assessment.EvidenceFileName ?? "佐证材料", ct, missing: "佐证材料不存在");
    }

    /// <summary>
    /// The region's units in a year: members on 31 December of the year and of the year before, who joined and left during it,
    /// tasks done of total, units assessed; every unit that was a member on some day of the year has a row.
    /// </summary>
    public async Task<MemberUnitYearDto> YearAsync(Actor actor, string? region, int? year, CancellationToken ct = default)
    {
        var code = MarketSupport.RegionFilter(region) ?? throw new DomainValidationException("region", "请选择地区");
        var y = year ?? MarketRules.ChinaDate(clock.GetUtcNow()).Year;
        if (y is < 1990 or > 2100)
        {
            throw new DomainValidationException("year", "年份不正确");
        }

        var units = await db.LiteracyMemberUnits.AsNoTracking().Where(u => u.RegionCode == code).ToListAsync(ct);
        var during = units.Where(u => u.IsMemberDuring(y)).OrderBy(u => u.JoinedOn).ThenBy(u => u.Name).ToList();
        var ids = during.Select(u => u.Id).ToList();
        var tasks = await db.LiteracyMemberTasks.AsNoTracking().Where(t => t.RegionCode == code && t.Year == y).ToListAsync(ct);
        var assessments = await db.LiteracyMemberAssessments.AsNoTracking().Where(a => a.RegionCode == code && a.Year == y).ToListAsync(ct);
        var names = await NamesAsync([code], ct);
        var today = MarketRules.ChinaDate(clock.GetUtcNow());
        var rows = during.Select(u =>
        {
            var mine = tasks.Where(t => t.MemberUnitId == u.Id).ToList();
            var assessment = assessments.FirstOrDefault(a => a.MemberUnitId == u.Id);
            var dto = ToDto(u, actor, names, today);
            return new MemberUnitYearRowDto(dto, mine.Count, mine.Count(t => t.IsDone), assessment is null ? null : ToDto(assessment, u.Name, dto.Actions.Count > 0));
        }).ToList();
        var count = LiteracyMemberUnit.CountAtEndOf(units, y);
        var previous = LiteracyMemberUnit.CountAtEndOf(units, y - 1);
        var regionName = names.GetValueOrDefault(code, "本地区");
        return new MemberUnitYearDto(
            code, regionName, y, count, previous,
            units.Count(u => u.JoinedOn.Year == y), units.Count(u => u.LeftOn is { } l && l.Year == y),
            tasks.Count, tasks.Count(t => t.IsDone), assessments.Count,
            assessments.Count(a => a.Result == MemberAssessmentResult.Completed), assessments.Count(a => a.Result == MemberAssessmentResult.MostlyCompleted),
            assessments.Count(a => a.Result == MemberAssessmentResult.NotCompleted), rows,
            count == 0 ? null : Summary(previous, count));
    }

    /// <summary>
    /// The report's words: "纲要实施成员单位由24个增加到30个" when the count changed over the year, else "纲要实施成员单位30个".
    /// </summary>
    public static string Summary(int previous, int count) => "纲要实施成员单位" + CountText(previous, count);

    /// <summary>"由24个增加到30个" when the count changed over the year, else "30个" (the report's placeholder {纲要实施成员单位}).</summary>
    public static string CountText(int previous, int count) => previous > 0 && previous != count
        ? $"由{previous}个{(count > previous ? "增加" : "减少")}到{count}个"
        : $"{count}个";

    /// <summary>The list as .xlsx with the import's columns (and the region's name beside its code), so it can be edited and imported back.</summary>
    public async Task<byte[]> ExportAsync(Actor actor, string? region, CancellationToken ct = default)
    {
        var units = await ListAsync(actor, region, all: true, ct);
        var managed = units.Where(u => u.Actions.Contains(Edit)).ToHashSet();
        var headers = MemberUnitColumns();
        return ExcelExport.ToXlsx(units, [
            (headers["name"], u => u.Name),
            (headers["regionCode"], u => u.RegionCode),
            ("所在地区", u => u.RegionName),
            (headers["joinedOn"], u => u.JoinedOn.ToString("yyyy-MM-dd")),
            (headers["leftOn"], u => u.LeftOn?.ToString("yyyy-MM-dd")),
            (headers["contactName"], u => managed.Contains(u) ? u.ContactName : null),
            (headers["contactPhone"], u => managed.Contains(u) ? u.ContactPhone : null),
            (headers["note"], u => u.Note),
        ], "纲要实施成员单位");
    }

    private static Dictionary<string, string> MemberUnitColumns() => DirectoryImporter.ColumnsOf(ImportKind.MemberUnits).ToDictionary(c => c.Field, c => c.Header);

    /// <summary>
    /// The linked organization, resolved through the caller's visibility (one they cannot see reads as not existing) and checked to
    /// lie in the unit's region; the name defaults to the organization's.
    /// </summary>
    private async Task<(Guid? Id, string? Name)> OrganizationAsync(Actor actor, Guid? id, string region, string? name, CancellationToken ct)
    {
        if (id is not { } oid)
        {
            return (null, name);
        }

        var party = await parties.OrganizationAsync(actor, oid, "organizationId", "所选单位", ct);
        if (!Kexie.Domain.Regions.RegionCode.IsWithin(party.RegionCode, region))
        {
            throw new DomainValidationException("organizationId", "所选单位不在该成员单位所属地区");
        }

        return (party.Id, string.IsNullOrWhiteSpace(name) ? party.Name : name);
    }

    private async Task<LiteracyMemberUnit> FindAsync(Guid id, CancellationToken ct) =>
        await db.LiteracyMemberUnits.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("成员单位不存在");

    private async Task<Dictionary<string, string>> NamesAsync(IEnumerable<string> codes, CancellationToken ct)
    {
        var wanted = codes.Distinct().ToList();
        return wanted.Count == 0 ? [] : await db.Regions.AsNoTracking().Where(r => wanted.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
    }

    private MemberUnitDto ToDto(LiteracyMemberUnit u, Actor actor, Dictionary<string, string> names, DateOnly today)
    {
        var manages = u.MayManage(actor) && policy.Can(actor, PopularizationPermissions.ManageMemberUnits, u.RegionCode);
        var member = u.JoinedOn <= today && (u.LeftOn is null || u.LeftOn > today);
        IReadOnlyList<string> actions = !manages ? [] : u.LeftOn is null ? [Edit, Leave, Tasks, Assess] : [Edit, Tasks, Assess];
        return new MemberUnitDto(
            u.Id, u.RegionCode, names.GetValueOrDefault(u.RegionCode, "未知地区"), u.Name, u.OrganizationId, u.JoinedOn, u.LeftOn, member,
            manages ? u.ContactName : null, manages ? u.ContactPhone : null, u.Note, u.Version, actions);
    }

    private static MemberTaskDto ToDto(LiteracyMemberTask t, string unitName) =>
        new(t.Id, t.MemberUnitId, unitName, t.Year, t.Text, t.DueOn, t.Target, t.CompletedOn, t.IsDone);

    /// <summary>The evidence's file name only for the region's managers (<paramref name="manager"/>): the file is theirs.</summary>
    private static MemberAssessmentDto ToDto(LiteracyMemberAssessment a, string unitName, bool manager = true) =>
        new(a.Id, a.MemberUnitId, unitName, a.Year, a.Result, a.Result.Chinese(), a.Score, a.Note, a.AssessedOn, manager ? a.EvidenceFileName : null);
}
