using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Directory;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Talent;

/// <param name="Rubric">评分标准 (items with 满分 adding up to 100); null keeps the edition's, a new edition gets 创新性30、科学性30、实用性20、表达20.</param>
/// <param name="Eligibility">参赛条件 (学段, 作者人数上限, 每人每类限报1件, 须有指导教师); null keeps the edition's, a new edition has none.</param>
/// <param name="Rounds">评审轮次 in order (初评、终评); null keeps the edition's, a new edition has one round.</param>
/// <param name="Kind">大赛类型 (青少年科技创新大赛, 金钥匙, 科幻绘画, 科学调查体验, 市长奖); null keeps the edition's, a new edition is a 青少年科技创新大赛.</param>
public sealed record ContestRequest(string? Name, int? Year, string? RegionCode, IReadOnlyList<string>? Categories, int? RecommendQuota, string? Note = null, IReadOnlyList<ContestCriterionData>? Rubric = null,
    ContestEligibility? Eligibility = null, IReadOnlyList<string>? Rounds = null, ContestKind? Kind = null)
{
    public ContestData ToData() => new(Name, Year, RegionCode, Categories, RecommendQuota, Note, Rubric, Eligibility, Rounds, Kind);
}

/// <summary>参赛条件 of an edition: the stages that may enter (and their names), the authors' limit, the one-work-per-category rule, the teacher rule, in words.</summary>
public sealed record ContestEligibilityDto(IReadOnlyList<SchoolStage> Stages, IReadOnlyList<string> StageNames, int? MaxStudents, bool OnePerStudent, bool TeacherRequired, string? Text);

public sealed record ContestStatusRequest(ContestStatus? Status);

/// <param name="Stage">学段 of the authors (小学、初中、高中): required when the edition limits the stages.</param>
public sealed record ContestEntryRequest(Guid? SchoolId, string? Title, string? Category, IReadOnlyList<string>? Students, string? Teacher, string? Summary = null, string? TeacherOrganization = null,
    SchoolStage? Stage = null)
{
    public ContestEntryData ToData() => new(Title, Category, Students, Teacher, Summary, TeacherOrganization, Stage);
}

public sealed record EntryReviewRequest(bool? Passed, decimal? Score, string? Opinion);

public sealed record EntryAwardRequest(AwardGrade? Award);

public sealed record EntryRecommendRequest(Guid? TargetContestId);

public sealed record ContestDto(
    Guid Id, string Name, int Year, ContestLevel Level, string LevelName, string RegionCode, string RegionName, IReadOnlyList<string> Categories,
    int? RecommendQuota, string? Note, ContestStatus Status, string StatusName, int Entries, int Accepted, int Recommended, int Awarded, int Version,
    IReadOnlyList<ContestCriterionDto> Rubric, ContestEligibilityDto? Eligibility = null, ContestKind Kind = ContestKind.Innovation, string? KindName = null,
    IReadOnlyList<string>? Rounds = null, int CurrentRound = 1, string? CurrentRoundName = null, bool RoundOpen = true,
    IReadOnlyList<ContestCategoryStageDto>? CategoryRounds = null);

/// <summary>
/// Where one category of an edition stands: its current round (its own once the reviewers closed, reopened or advanced it alone, else the
/// edition's it follows), whether experts score in it now, and whether it is the last round (its results and awards may be decided).
/// </summary>
public sealed record ContestCategoryStageDto(string Category, int Round, string RoundName, string StateName, bool Own, bool Open, bool FinalRound);

/// <param name="Students">Only for those who may see the work's details (the edition's and the school's managers, the school's members).</param>
/// <param name="ExpertsAssigned">评审专家 assigned (not counting those who declared a conflict) and <paramref name="ExpertsScored"/> of them scored; details only.</param>
public sealed record ContestEntryDto(
    Guid Id, Guid ContestId, string ContestName, string Title, string Category, IReadOnlyList<string>? Students, string? Teacher, string? Summary,
    string SchoolName, string RegionCode, string RegionName, ContestEntryStatus Status, string StatusName, decimal? Score, string? Opinion,
    AwardGrade? Award, string? AwardName, string? RecommendedFrom, string? RecommendedTo, string? SubmittedByName, DateTimeOffset CreatedAt, int Version,
    string? TeacherOrganization = null, decimal? ExpertScore = null, int? ExpertsAssigned = null, int? ExpertsScored = null, bool MayCertify = false,
    IReadOnlyList<AttachmentDto>? Attachments = null, bool MayEditFiles = false, SchoolStage? Stage = null, string? StageName = null, int Round = 1, string? RoundName = null,
    string? CountyName = null);

public sealed record NamedCount(string Key, string Name, int Entries, int Awarded);

/// <summary>Works of a region's schools awarded in one edition.</summary>
public sealed record AwardCount(Guid ContestId, string ContestName, ContestLevel Level, string LevelName, int Awarded, IReadOnlyList<NamedCount> ByGrade);

/// <summary>
/// A region's contests of a year: works received by its own editions, passed, recommended upward (and where to), works of its schools
/// awarded at each level, by category, school and township, with the annual report's sentence.
/// </summary>
/// <param name="Received">Works received by the region's own 青少年科技创新大赛 of the year (other kinds: <paramref name="ByKind"/>).</param>
/// <param name="ByKind">Works of the region's schools in the year's other kinds (金钥匙, 科幻绘画, 科学调查体验, 市长奖), and how many were awarded.</param>
public sealed record ContestStatisticsDto(
    string RegionCode, string RegionName, int Year, int Received, int Accepted, int Recommended, IReadOnlyList<string> RecommendedTo,
    IReadOnlyList<AwardCount> Awards, IReadOnlyList<NamedCount> ByCategory, IReadOnlyList<NamedCount> BySchool, IReadOnlyList<NamedCount> ByRegion, string Summary,
    IReadOnlyList<NamedCount>? ByKind = null);

public sealed record SchoolOption(Guid Id, string Name, string RegionName);

/// <summary>
/// 青少年科技创新大赛: editions held by a region's admins (public), works entered by schools (a school's members, or the managers of
/// the school's region, in the school's name through <see cref="Parties"/>), reviewed, awarded and recommended upward by the
/// managers of the holding region; counts per region and year (<see cref="StatisticsAsync"/>).
/// </summary>
public sealed class ContestService(KexieDbContext db, Parties parties, ReferenceCodesCache reference, IFileStore store, TimeProvider clock)
{
    public async Task<PagedResult<ContestDto>> ListAsync(string? region, int? year, string? q, int? page, int? pageSize, CancellationToken ct = default)
    {
        var paging = PageRequest.Of(page, pageSize);
        var query = db.Contests.AsNoTracking();
        if (MarketSupport.RegionFilter(region) is { } code)
        {
            query = query.Where(c => RegionScope.Within(c.RegionCode, code));
        }

        if (year is { } y)
        {
            query = query.Where(c => c.Year == y);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(c => c.Name.Contains(text));
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(c => c.Year).ThenBy(c => c.Level).ThenBy(c => c.RegionCode).ThenBy(c => c.Id)
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedResult<ContestDto>(await ToDtosAsync(rows, ct), total, paging.Page, paging.PageSize);
    }

    public async Task<ContestDto> GetAsync(Guid id, CancellationToken ct = default)
    {
        var contest = await db.Contests.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("大赛不存在");
        return (await ToDtosAsync([contest], ct))[0];
    }

    public async Task<ContestDto> CreateAsync(Actor actor, ContestRequest r, CancellationToken ct = default)
    {
        var contest = Contest.Create(r.ToData(), actor);
        (await reference.GetAsync(db, ct)).RequireRegion(contest.RegionCode);
        db.Contests.Add(contest);
        await db.SaveChangesAsync(ct);
        return await GetAsync(contest.Id, ct);
    }

    public async Task<ContestDto> UpdateAsync(Actor actor, Guid id, ContestRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var contest = await ContestInScopeAsync(actor, id, ct);
        MarketSupport.CheckVersion(contest.Version, expectedVersion);
        var removed = contest.Categories.Except(r.Categories ?? []).ToList();
        var rubric = RubricText(contest);
        contest.Update(r.ToData(), actor);
        if (RubricText(contest) != rubric && await db.ContestAssignments.AnyAsync(a => a.ContestId == id, ct))
        {
            throw new DomainValidationException("rubric", "已指派评审专家的大赛不能修改评分标准");
        }

        if (removed.Count > 0 && await db.ContestEntries.AnyAsync(e => e.ContestId == id && removed.Contains(e.Category), ct))
        {
            throw new DomainValidationException("categories", "已有作品的类别不能删除");
        }

        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    public async Task<ContestDto> MoveAsync(Actor actor, Guid id, ContestStatus? status, CancellationToken ct = default)
    {
        var contest = await ContestInScopeAsync(actor, id, ct);
        contest.MoveTo(status is { } s && Enum.IsDefined(s) ? s : throw new DomainValidationException("status", "请选择大赛状态"), actor);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>Works of an edition the actor may see: all of them for the edition's managers, the school's own for its members and the school region's managers, awarded ones for everyone (without students).</summary>
    public async Task<PagedResult<ContestEntryDto>> EntriesAsync(Actor actor, Guid contestId, ContestEntryStatus? status, string? category, string? q, int? page, int? pageSize, CancellationToken ct = default)
    {
        var contest = await db.Contests.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contestId, ct) ?? throw new NotFoundException("大赛不存在");
        var paging = PageRequest.Of(page, pageSize);
        var query = Visible(actor, contest).Where(e => e.ContestId == contestId);
        if (status is { } s)
        {
            query = query.Where(e => e.Status == s);
        }

        if (!string.IsNullOrWhiteSpace(category))
        {
            var c = category.Trim();
            query = query.Where(e => e.Category == c);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(e => e.Title.Contains(text) || e.SchoolName.Contains(text));
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(e => e.Award == null).ThenBy(e => e.Award).ThenByDescending(e => e.Score).ThenBy(e => e.CreatedAt).ThenBy(e => e.Id)
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedResult<ContestEntryDto>(await ToEntryDtosAsync(actor, rows, ct), total, paging.Page, paging.PageSize);
    }

    public async Task<ContestEntryDto> GetEntryAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var entry = await db.ContestEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException("作品不存在");
        var contest = await db.Contests.AsNoTracking().FirstAsync(c => c.Id == entry.ContestId, ct);
        if (!MaySee(actor, contest, entry))
        {
            throw new NotFoundException("作品不存在");
        }

        return (await ToEntryDtosAsync(actor, [entry], ct))[0];
    }

    /// <summary>
    /// 获奖证书 of an awarded work as a .docx, for those who may see the work's details (the edition's reviewers, the school's
    /// managers and members) — it names the students; others answer "不存在". Dated the award's day (the work's last change, China date).
    /// </summary>
    public async Task<(byte[] Content, string FileName)> CertificateAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var entry = await db.ContestEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException("作品不存在");
        var contest = await db.Contests.AsNoTracking().FirstAsync(c => c.Id == entry.ContestId, ct);
        if (!MaySeeDetails(actor, contest, entry))
        {
            throw new NotFoundException("作品不存在");
        }

        var award = entry.Award ?? throw new InvalidTransitionException($"作品“{entry.Title}”未获奖，没有获奖证书");
        var region = (await db.Regions.AsNoTracking().Where(r => r.Code == contest.RegionCode).Select(r => r.Name).FirstOrDefaultAsync(ct)) ?? "";
        var data = new CertificateData(contest.Name, entry.Title, entry.Category, entry.Students, entry.Teacher, entry.SchoolName, award,
            $"{region}科学技术协会", Kexie.Domain.Market.MarketRules.ChinaDate(entry.UpdatedAt));
        return (ContestCertificate.Build(data), ContestCertificate.FileName(entry.Title));
    }

    /// <summary>
    /// Adds a file to a work (研究报告、照片…; checked by content, ≤20MB, PDF/Office/images/text/zip): the entrant (the school's members,
    /// the managers of its region) while the work waits for the review in an edition still collecting works. Others answer "不存在"
    /// when they may not see the work's details.
    /// </summary>
    public async Task<AttachmentDto> UploadAsync(Actor actor, Guid entryId, IFormFile? file, CancellationToken ct = default)
    {
        MarketSupport.RequireSignedIn(actor);
        var (entry, contest) = await EntryWithContestAsync(actor, entryId, tracked: true, ct);
        entry.RequireFileEditor(contest, actor);
        var upload = await UploadInspector.InspectAsync(file, ct);
        return await store.SaveThenRecordAsync(upload, async data =>
        {
            var attachment = entry.AddAttachment(contest, data, actor, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return AttachmentDto.From(attachment);
        }, ct);
    }

    /// <summary>A file of a work, for those who may see its details and for the experts assigned to it; the public never (it may name the students).</summary>
    public async Task<FileDownload> DownloadAsync(Actor actor, Guid entryId, Guid attachmentId, CancellationToken ct = default)
    {
        var (entry, _) = await EntryWithContestAsync(actor, entryId, tracked: false, ct);
        var attachment = entry.Attachments.FirstOrDefault(a => a.Id == attachmentId) ?? throw new NotFoundException("附件不存在");
        return await store.DownloadAsync(attachment.StorageKey, attachment.ContentType, attachment.FileName, ct);
    }

    /// <summary>Removes a file of a work before its review (the entrant); the bytes go once no work (a recommended copy) names them.</summary>
    public async Task DeleteAttachmentAsync(Actor actor, Guid entryId, Guid attachmentId, CancellationToken ct = default)
    {
        MarketSupport.RequireSignedIn(actor);
        var (entry, contest) = await EntryWithContestAsync(actor, entryId, tracked: true, ct);
        var key = entry.RemoveAttachment(contest, attachmentId, actor, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        if (!await db.ContestEntries.AnyAsync(e => e.Attachments.Any(a => a.StorageKey == key), ct))
        {
            await store.DeleteAsync(key, ct);
        }
    }

    /// <summary>Enters a school's work: the school's members, or a manager of the school's region, in the school's name.</summary>
    public async Task<ContestEntryDto> SubmitAsync(Actor actor, Guid contestId, ContestEntryRequest r, CancellationToken ct = default)
    {
        var contest = await db.Contests.FirstOrDefaultAsync(c => c.Id == contestId, ct) ?? throw new NotFoundException("大赛不存在");
        if (r.SchoolId is not { } schoolId || schoolId == Guid.Empty)
        {
            throw new DomainValidationException("schoolId", "请选择报送作品的学校");
        }

        var school = await parties.OrganizationToActForAsync(actor, schoolId, "schoolId", "学校", "报送作品", ct);
        var kind = await db.Organizations.AsNoTracking().Where(o => o.Id == school.Id).Select(o => o.Kind).FirstAsync(ct);
        if (kind is not (OrganizationKind.School or OrganizationKind.University))
        {
            throw new DomainValidationException("schoolId", $"“{school.Name}”不是学校，请选择报送作品的学校");
        }

        var entry = ContestEntry.Submit(contest, school.Id, school.Name, school.RegionCode, r.ToData(), actor);
        if (contest.OneEntryPerStudent)
        {
            entry.RequireOnePerStudent(contest, await db.ContestEntries.AsNoTracking().Where(e => e.ContestId == contest.Id && e.SchoolId == school.Id && e.Category == entry.Category).ToListAsync(ct));
        }

        db.ContestEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        return await GetEntryAsync(actor, entry.Id, ct);
    }

    public async Task<ContestEntryDto> ReviewAsync(Actor actor, Guid id, EntryReviewRequest r, CancellationToken ct = default)
    {
        var (entry, contest) = await EntryToReviewAsync(actor, id, ct);
        entry.Review(contest, r.Passed ?? throw new DomainValidationException("passed", "请选择评审结果（通过或未通过）"), r.Score, r.Opinion, actor);
        await db.SaveChangesAsync(ct);
        return await GetEntryAsync(actor, id, ct);
    }

    public async Task<ContestEntryDto> AwardAsync(Actor actor, Guid id, EntryAwardRequest r, CancellationToken ct = default)
    {
        var (entry, contest) = await EntryToReviewAsync(actor, id, ct);
        entry.SetAward(contest, r.Award, actor);
        await db.SaveChangesAsync(ct);
        return await GetEntryAsync(actor, id, ct);
    }

    /// <summary>推荐参加上级大赛: the work appears in the higher edition for that region to review.</summary>
    public async Task<ContestEntryDto> RecommendAsync(Actor actor, Guid id, EntryRecommendRequest r, CancellationToken ct = default)
    {
        var (entry, contest) = await EntryToReviewAsync(actor, id, ct);
        var target = r.TargetContestId is { } targetId ? await db.Contests.FirstOrDefaultAsync(c => c.Id == targetId, ct) : null;
        if (target is null)
        {
            throw new DomainValidationException("targetContestId", "上级大赛不存在");
        }

        var sent = await db.ContestEntries.CountAsync(e => e.ContestId == contest.Id && e.RecommendedEntryId != null, ct);
        // The higher edition's 参赛条件 are checked before anything changes (one work per student and category: the school's works there).
        var there = target.OneEntryPerStudent
            ? await db.ContestEntries.AsNoTracking().Where(e => e.ContestId == target.Id && e.SchoolId == entry.SchoolId && e.Category == entry.Category).ToListAsync(ct)
            : [];
        var copy = entry.RecommendTo(contest, target, sent, actor, there);
        db.ContestEntries.Add(copy);
        await db.SaveChangesAsync(ct);
        return await GetEntryAsync(actor, id, ct);
    }

    /// <summary>Higher editions a work of <paramref name="contestId"/> may be recommended to (open, holding region above, same or next year).</summary>
    public async Task<IReadOnlyList<ContestDto>> UpwardTargetsAsync(Guid contestId, CancellationToken ct = default)
    {
        var contest = await db.Contests.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contestId, ct) ?? throw new NotFoundException("大赛不存在");
        var ancestors = Kexie.Domain.Regions.RegionCode.Ancestry(contest.RegionCode).Where(a => a != contest.RegionCode).ToList();
        var rows = await db.Contests.AsNoTracking()
            .Where(c => ancestors.Contains(c.RegionCode) && c.Status == ContestStatus.Open && c.Year >= contest.Year && c.Year <= contest.Year + 1)
            .OrderByDescending(c => c.Level).ThenBy(c => c.Name).ToListAsync(ct);
        return await ToDtosAsync(rows, ct);
    }

    /// <summary>Schools (中小学校, 高等院校) the actor may enter works for in this edition, by name.</summary>
    public async Task<IReadOnlyList<SchoolOption>> SchoolOptionsAsync(Actor actor, Guid contestId, string? q, CancellationToken ct = default)
    {
        var contest = await db.Contests.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contestId, ct) ?? throw new NotFoundException("大赛不存在");
        var query = db.Organizations.AsNoTracking().Where(DirectoryAccess.OrganizationsVisibleTo(actor))
            .Where(o => RegionScope.Within(o.RegionCode, contest.RegionCode) && (o.Kind == OrganizationKind.School || o.Kind == OrganizationKind.University));
        query = actor.ManagedScope is { } scope
            ? query.Where(o => RegionScope.Within(o.RegionCode, scope) || o.Id == actor.OrganizationId)
            : query.Where(o => o.Id == actor.OrganizationId);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(o => o.Name.Contains(text));
        }

        var rows = await query.OrderBy(o => o.Name).Take(200).Select(o => new { o.Id, o.Name, o.RegionCode }).ToListAsync(ct);
        var names = await Lookups.RegionNamesAsync(db, rows.Select(r => r.RegionCode), ct);
        return rows.Select(r => new SchoolOption(r.Id, r.Name, names.GetValueOrDefault(r.RegionCode, "未知地区"))).ToList();
    }

    /// <summary>
    /// Counts of a region and year: works received by the region's own editions ("共收获827件作品"), passed, recommended upward
    /// ("推荐85件作品参加第35届省青少年科技创新大赛"), and works of the region's schools awarded in editions of every level
    /// ("286件作品在…获奖"); by category, school and township of the region's own editions.
    /// </summary>
    public async Task<ContestStatisticsDto> StatisticsAsync(string? region, int? year, CancellationToken ct = default)
    {
        var code = MarketSupport.RegionFilter(region) ?? throw new DomainValidationException("region", "请选择地区");
        var y = year ?? Kexie.Domain.Market.MarketRules.ChinaDate(DateTimeOffset.UtcNow).Year;
        if (y is < 1980 or > 2100)
        {
            throw new DomainValidationException("year", "年份不正确");
        }

        var own = db.ContestEntries.AsNoTracking().Where(e => db.Contests.Any(c => c.Id == e.ContestId && c.RegionCode == code && c.Year == y && c.Kind == ContestKind.Innovation));
        var received = await own.CountAsync(ct);
        var accepted = await own.CountAsync(e => e.Status == ContestEntryStatus.Accepted, ct);
        var recommended = await own.CountAsync(e => e.RecommendedEntryId != null, ct);
        var recommendedTo = await own.Where(e => e.RecommendedEntryId != null)
            .Join(db.ContestEntries, e => e.RecommendedEntryId, t => (Guid?)t.Id, (e, t) => t.ContestId)
            .Join(db.Contests, id => id, c => c.Id, (id, c) => c.Name).Distinct().ToListAsync(ct);

        var awardRows = await db.ContestEntries.AsNoTracking()
            .Where(e => e.Award != null && RegionScope.Within(e.RegionCode, code))
            .Join(db.Contests.Where(c => c.Year == y), e => e.ContestId, c => c.Id, (e, c) => new { c.Id, c.Name, c.Level, e.Award })
            .GroupBy(x => new { x.Id, x.Name, x.Level, x.Award }).Select(g => new { g.Key.Id, g.Key.Name, g.Key.Level, g.Key.Award, Count = g.Count() })
            .ToListAsync(ct);
        var awards = awardRows.GroupBy(r => new { r.Id, r.Name, r.Level }).OrderBy(g => g.Key.Level).ThenBy(g => g.Key.Name)
            .Select(g => new AwardCount(g.Key.Id, g.Key.Name, g.Key.Level, g.Key.Level.Chinese(), g.Sum(r => r.Count),
                g.OrderBy(r => r.Award).Select(r => new NamedCount(r.Award!.Value.ToString(), r.Award!.Value.Chinese(), r.Count, r.Count)).ToList()))
            .ToList();

        var groups = await own.GroupBy(e => new { e.Category, e.SchoolName, e.RegionCode })
            .Select(g => new { g.Key.Category, g.Key.SchoolName, g.Key.RegionCode, Count = g.Count(), Awarded = g.Count(e => e.Award != null) }).ToListAsync(ct);
        var names = await Lookups.RegionNamesAsync(db, groups.Select(g => g.RegionCode).Append(code), ct);
        var byCategory = groups.GroupBy(g => g.Category).Select(g => new NamedCount(g.Key, g.Key, g.Sum(x => x.Count), g.Sum(x => x.Awarded)))
            .OrderByDescending(c => c.Entries).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        var bySchool = groups.GroupBy(g => g.SchoolName).Select(g => new NamedCount(g.Key, g.Key, g.Sum(x => x.Count), g.Sum(x => x.Awarded)))
            .OrderByDescending(c => c.Entries).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        // The township (乡镇/街道) of each school: the first 9 digits of its region, or its own region above that.
        var byRegion = groups.GroupBy(g => g.RegionCode.Length > 9 ? g.RegionCode[..9] : g.RegionCode)
            .Select(g => new NamedCount(g.Key, names.GetValueOrDefault(g.Key, "未知地区"), g.Sum(x => x.Count), g.Sum(x => x.Awarded)))
            .OrderByDescending(c => c.Entries).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        var regionName = (await db.Regions.AsNoTracking().Where(r => r.Code == code).Select(r => r.Name).FirstOrDefaultAsync(ct)) ?? "所选地区";

        // The other kinds (金钥匙, 科幻绘画, 科学调查体验, 市长奖): the region's schools' original works of the year, at any level.
        var kindRows = await db.ContestEntries.AsNoTracking().Where(e => e.SourceEntryId == null && RegionScope.Within(e.RegionCode, code))
            .Join(db.Contests.Where(c => c.Year == y && c.Kind != ContestKind.Innovation), e => e.ContestId, c => c.Id, (e, c) => new { c.Kind, e.Award })
            .GroupBy(x => x.Kind).Select(g => new { g.Key, Count = g.Count(), Awarded = g.Count(x => x.Award != null) }).ToListAsync(ct);
        var byKind = kindRows.OrderBy(k => k.Key).Select(k => new NamedCount(k.Key.ToString(), k.Key.Chinese(), k.Count, k.Awarded)).ToList();
        return new ContestStatisticsDto(code, regionName, y, received, accepted, recommended, recommendedTo, awards, byCategory, bySchool, byRegion,
            Summary(y, regionName, received, recommended, recommendedTo, awards, byKind), byKind);
    }

    /// <summary>"2023年，大英县青少年科技创新大赛共收获827件作品，推荐85件作品参加第35届四川省青少年科技创新大赛；本地区286件作品在…获奖。"</summary>
    /// <param name="byKind">The other kinds the region's schools took part in ("组织参加青少年科技教育“金钥匙”活动12件作品…").</param>
    public static string Summary(int year, string regionName, int received, int recommended, IReadOnlyList<string> recommendedTo, IReadOnlyList<AwardCount> awards, IReadOnlyList<NamedCount>? byKind = null)
    {
        var parts = new List<string>();
        if (received > 0 || recommended > 0 || byKind is not { Count: > 0 })
        {
            parts.Add($"青少年科技创新大赛共收获{received}件作品" + (recommended > 0 ? $"，推荐{recommended}件作品参加{string.Join("、", recommendedTo)}" : ""));
        }

        if (byKind is { Count: > 0 })
        {
            parts.Add($"组织参加{string.Join("、", byKind.Select(k => $"{k.Name}{k.Entries}件作品"))}");
        }

        parts.AddRange(awards.Select(a => $"{a.Awarded}件作品在{a.ContestName}上获奖（{string.Join("、", a.ByGrade.Select(g => $"{g.Name}{g.Entries}件"))}）"));
        return $"{year}年，{regionName}{string.Join("；", parts)}。";
    }

    private IQueryable<ContestEntry> Visible(Actor actor, Contest contest)
    {
        var entries = db.ContestEntries.AsNoTracking();
        if (contest.MayReview(actor))
        {
            return entries;
        }

        var scope = actor.ManagedScope;
        var organization = actor.OrganizationId;
        return entries.Where(e => e.Award != null || (scope != null && RegionScope.Within(e.RegionCode, scope)) || (organization != null && e.SchoolId == organization));
    }

    /// <summary>A work and its edition, for those who may see its details or are assigned to score it (others: "不存在").</summary>
    private async Task<(ContestEntry Entry, Contest Contest)> EntryWithContestAsync(Actor actor, Guid id, bool tracked, CancellationToken ct)
    {
        var entry = await (tracked ? db.ContestEntries : db.ContestEntries.AsNoTracking()).FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException("作品不存在");
        var contest = await db.Contests.AsNoTracking().FirstAsync(c => c.Id == entry.ContestId, ct);
        return MaySeeDetails(actor, contest, entry) || await AssignedAsync(actor, entry.Id, ct) ? (entry, contest) : throw new NotFoundException("作品不存在");
    }

    /// <summary>Whether the actor is an expert assigned to score the work (not one who declared a conflict).</summary>
    private async Task<bool> AssignedAsync(Actor actor, Guid entryId, CancellationToken ct) =>
        actor.ScienceWorkerId is { } worker
        && await db.ContestAssignments.AnyAsync(a => a.EntryId == entryId && a.ExpertWorkerId == worker && a.Status != Kexie.Domain.ThinkTank.AssignmentStatus.Declined, ct);

    private static bool MaySee(Actor actor, Contest contest, ContestEntry entry) =>
        entry.Award is not null || MaySeeDetails(actor, contest, entry);

    private static bool MaySeeDetails(Actor actor, Contest contest, ContestEntry entry) =>
        contest.MayReview(actor) || actor.Manages(entry.RegionCode) || (actor.OrganizationId is { } o && entry.SchoolId == o);

    private static string RubricText(Contest contest) => string.Join("、", contest.Rubric.Select(c => $"{c.Name}{c.MaxScore}"));

    private async Task<Contest> ContestInScopeAsync(Actor actor, Guid id, CancellationToken ct) =>
        await db.Contests.InScope(actor).FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("大赛不存在");

    /// <summary>A work of an edition held within the actor's managed region (others answer "不存在").</summary>
    private async Task<(ContestEntry Entry, Contest Contest)> EntryToReviewAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var found = await db.ContestEntries.Join(db.Contests.InScope(actor), e => e.ContestId, c => c.Id, (e, c) => new { Entry = e, Contest = c })
            .FirstOrDefaultAsync(x => x.Entry.Id == id, ct) ?? throw new NotFoundException("作品不存在");
        return (found.Entry, found.Contest);
    }

    private async Task<List<ContestDto>> ToDtosAsync(IReadOnlyList<Contest> contests, CancellationToken ct)
    {
        var ids = contests.Select(c => c.Id).ToList();
        var counts = await db.ContestEntries.AsNoTracking().Where(e => ids.Contains(e.ContestId)).GroupBy(e => e.ContestId)
            .Select(g => new
            {
                g.Key,
                Entries = g.Count(),
                Accepted = g.Count(e => e.Status == ContestEntryStatus.Accepted),
                Recommended = g.Count(e => e.RecommendedEntryId != null),
                Awarded = g.Count(e => e.Award != null),
            })
            .ToDictionaryAsync(x => x.Key, ct);
        var names = await Lookups.RegionNamesAsync(db, contests.Select(c => c.RegionCode), ct);
        return contests.Select(c =>
        {
            var n = counts.GetValueOrDefault(c.Id);
            return new ContestDto(c.Id, c.Name, c.Year, c.Level, c.Level.Chinese(), c.RegionCode, names.GetValueOrDefault(c.RegionCode, "未知地区"), c.Categories,
                c.RecommendQuota, c.Note, c.Status, c.Status.Chinese(), n?.Entries ?? 0, n?.Accepted ?? 0, n?.Recommended ?? 0, n?.Awarded ?? 0, c.Version,
                ContestReviewService.Rubric(c),
                new ContestEligibilityDto(c.Stages, [.. c.Stages.Select(s => s.Chinese())], c.MaxStudentsPerEntry, c.OneEntryPerStudent, c.TeacherRequired, c.EligibilityText),
                c.Kind, c.Kind.Chinese(), [.. Enumerable.Range(1, c.RoundCount).Select(c.RoundName)], c.CurrentRound, c.RoundName(c.CurrentRound),
                !c.RoundClosed && c.Status != ContestStatus.Closed,
                [.. c.Categories.Select(k => Stage(c, k))]);
        }).ToList();
    }

    /// <summary>A category's round as the edition's page and API show it (the reviewers' card adds its works and decisions).</summary>
    public static ContestCategoryStageDto Stage(Contest contest, string category)
    {
        var round = contest.RoundOf(category);
        var open = !contest.RoundClosedFor(category) && contest.Status != ContestStatus.Closed;
        return new ContestCategoryStageDto(category, round, contest.RoundName(round), open ? "进行中" : "已结束", contest.HasOwnRound(category), open, contest.InFinalRoundFor(category));
    }

    private async Task<List<ContestEntryDto>> ToEntryDtosAsync(Actor actor, IReadOnlyList<ContestEntry> entries, CancellationToken ct)
    {
        var contestIds = entries.Select(e => e.ContestId).Distinct().ToList();
        var contests = await db.Contests.AsNoTracking().Where(c => contestIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var linked = entries.SelectMany(e => new[] { e.SourceEntryId, e.RecommendedEntryId }).OfType<Guid>().ToList();
        var linkedContests = await db.ContestEntries.AsNoTracking().Where(e => linked.Contains(e.Id))
            .Join(db.Contests, e => e.ContestId, c => c.Id, (e, c) => new { e.Id, c.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        static string County(string code) => code.Length > 6 ? code[..6] : code;
        var names = await Lookups.RegionNamesAsync(db, entries.Select(e => e.RegionCode), ct);
        // The school's county by its own name (大英县), shown beside the school in a higher edition's list.
        var countyCodes = entries.Select(e => County(e.RegionCode)).Distinct().ToList();
        var counties = await db.Regions.AsNoTracking().Where(r => countyCodes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        var entryIds = entries.Select(e => e.Id).ToList();
        var panels = await db.ContestAssignments.AsNoTracking().Where(a => entryIds.Contains(a.EntryId) && a.Status != Kexie.Domain.ThinkTank.AssignmentStatus.Declined)
            .Join(db.ContestEntries, a => a.EntryId, e => e.Id, (a, e) => new { a.EntryId, a.Status, a.Round, EntryRound = e.Round }).Where(a => a.Round == a.EntryRound)
            .GroupBy(a => a.EntryId).Select(g => new { g.Key, Assigned = g.Count(), Scored = g.Count(a => a.Status == Kexie.Domain.ThinkTank.AssignmentStatus.Scored) })
            .ToDictionaryAsync(x => x.Key, ct);
        return entries.Select(e =>
        {
            var contest = contests[e.ContestId];
            var details = MaySeeDetails(actor, contest, e);
            var panel = panels.GetValueOrDefault(e.Id);
            return new ContestEntryDto(
                e.Id, e.ContestId, contest.Name, e.Title, e.Category, details ? e.Students : null, details ? e.Teacher : null, e.Summary, e.SchoolName, e.RegionCode,
                names.GetValueOrDefault(e.RegionCode, "未知地区"), e.Status, e.StatusName(contest), details ? e.Score : null, details ? e.Opinion : null, e.Award, e.Award?.Chinese(),
                e.SourceEntryId is { } s ? linkedContests.GetValueOrDefault(s) : null, e.RecommendedEntryId is { } t ? linkedContests.GetValueOrDefault(t) : null,
                details ? e.SubmittedByName : null, e.CreatedAt, e.Version, details ? e.TeacherOrganization : null, details ? e.ExpertScore : null,
                details ? panel?.Assigned ?? 0 : null, details ? panel?.Scored ?? 0 : null, details && e.Award is not null,
                details ? [.. e.Attachments.OrderBy(a => a.UploadedAt).Select(AttachmentDto.From)] : null, e.MayEditFiles(contest, actor), e.Stage, e.Stage?.Chinese(),
                e.Round, contest.RoundName(e.Round), counties.GetValueOrDefault(County(e.RegionCode)));
        }).ToList();
    }
}
