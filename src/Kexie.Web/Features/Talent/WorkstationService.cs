using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Directory;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Talent;

public sealed record WorkstationRequest(
    string? Name, WorkstationKind? Kind, HonourLevel? Level, Guid? HostOrganizationId, IReadOnlyList<Guid>? ExpertWorkerIds, DateOnly? FoundedOn,
    string? AccreditedBy = null, string? Field = null, string? Note = null)
{
    public WorkstationData ToData() => new(Name, Kind, Level, FoundedOn, AccreditedBy, Field, Note);
}

public sealed record WorkstationEndRequest(DateOnly? EndedOn);

/// <summary>A year's output of a workstation or base: recorded, or corrected when the year has one (If-Match: its version).</summary>
public sealed record WorkstationOutputRequest(int? Year, int? Projects, int? Patents, int? Trainings, int? Trainees = null, string? Note = null)
{
    public WorkstationOutputData ToData() => new(Year, Projects, Patents, Trainings, Trainees, Note);
}

public sealed record WorkstationOutputDto(Guid Id, int Year, int Projects, int Patents, int Trainings, int Trainees, string? Note, int Version)
{
    public static WorkstationOutputDto From(WorkstationOutput o) => new(o.Id, o.Year, o.Projects, o.Patents, o.Trainings, o.Trainees, o.Note, o.Version);
}

/// <summary>The outputs reported for a year by a region's workstations and bases (年度成果).</summary>
public sealed record WorkstationOutputTotals(int Stations, int Projects, int Patents, int Trainings, int Trainees);

public sealed record WorkstationDto(
    Guid Id, string Name, WorkstationKind Kind, string KindName, HonourLevel Level, string LevelName, string HostName, string RegionCode, string RegionName,
    int Experts, IReadOnlyList<string> ExpertNames, DateOnly FoundedOn, string? AccreditedBy, string? Field, string? Note, WorkstationStatus Status, string StatusName,
    DateOnly? EndedOn, int Version, int Agreements = 0, IReadOnlyList<CooperationAgreementDto>? AgreementList = null, IReadOnlyList<WorkstationOutputDto>? Outputs = null);

/// <param name="Experts">People linked (a 专家服务团's members are counted once per team).</param>
/// <param name="Agreements">产学研合作协议 signed by the year's end under the projects standing then.</param>
/// <param name="AccreditedByChinaRuralTechInYear">Of those founded in the year, the ones 中国农技协 accredited ("3家企业被中国农技协授牌", 科技小院).</param>
/// <param name="ProvincialBreakthrough">The region's first provincial 院士(专家)工作站 ever was founded in the year ("实现零突破").</param>
/// <param name="AccreditedEnterprisesInYear">Of <paramref name="AccreditedByChinaRuralTechInYear"/>, those whose host organization is an enterprise.</param>
public sealed record WorkstationKindCount(
    WorkstationKind Kind, string KindName, int Total, int FoundedInYear, int Experts, IReadOnlyList<NamedCount> ByLevel, int Agreements = 0, int AgreementsInYear = 0,
    int AccreditedByChinaRuralTechInYear = 0, bool ProvincialBreakthrough = false, int AccreditedEnterprisesInYear = 0);

public sealed record WorkstationStatisticsDto(
    string RegionCode, string RegionName, int Year, int Total, IReadOnlyList<WorkstationKindCount> ByKind, string Summary, WorkstationOutputTotals? Outputs = null);

/// <summary>
/// 院士(专家)工作站、科技小院、专家服务团、产学研合作项目: a public registry kept by the managers of the host organization's region
/// (host and experts named through <see cref="Parties"/>), counted by kind and level at a year's end.
/// </summary>
public sealed class WorkstationService(KexieDbContext db, Parties parties, CooperationService cooperation)
{
    public async Task<PagedResult<WorkstationDto>> ListAsync(Actor actor, string? region, WorkstationKind? kind, string? q, int? page, int? pageSize, CancellationToken ct = default)
    {
        var paging = PageRequest.Of(page, pageSize);
        var query = db.Workstations.AsNoTracking();
        if (MarketSupport.RegionFilter(region) is { } code)
        {
            query = query.Where(w => RegionScope.Within(w.RegionCode, code));
        }

        if (kind is { } k)
        {
            query = query.Where(w => w.Kind == k);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(w => w.Name.Contains(text) || w.HostName.Contains(text));
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(w => w.Kind).ThenBy(w => w.Level).ThenBy(w => w.Name).ThenBy(w => w.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedResult<WorkstationDto>(await ToDtosAsync(actor, rows, ct), total, paging.Page, paging.PageSize);
    }

    public async Task<WorkstationDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var station = await db.Workstations.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException("记录不存在");
        var dto = (await ToDtosAsync(actor, [station], ct))[0];
        var outputs = (await db.WorkstationOutputs.AsNoTracking().Where(o => o.WorkstationId == id).OrderByDescending(o => o.Year).ToListAsync(ct))
            .Select(WorkstationOutputDto.From).ToList();
        dto = dto with { Outputs = outputs };
        return station.Kind == WorkstationKind.CooperationProject ? dto with { AgreementList = await cooperation.OfAsync(actor, id, ct) } : dto;
    }

    /// <summary>
    /// Records a year's output of the station (projects, patents, trainings), or corrects the year's figures when it has them; the managers
    /// of the station's region only. A stale <paramref name="expectedVersion"/> of the year's record is refused (409).
    /// </summary>
    public async Task<WorkstationOutputDto> RecordOutputAsync(Actor actor, Guid id, WorkstationOutputRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var station = await db.Workstations.AsNoTracking().InScope(actor).FirstOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException("记录不存在");
        var today = MarketRules.ChinaDate(DateTimeOffset.UtcNow);
        var year = r.Year ?? throw new DomainValidationException("year", "请填写成果年度");
        var output = await db.WorkstationOutputs.FirstOrDefaultAsync(o => o.WorkstationId == id && o.Year == year, ct);
        if (output is null)
        {
            output = WorkstationOutput.Record(station, r.ToData(), actor, today);
            db.WorkstationOutputs.Add(output);
        }
        else
        {
            MarketSupport.CheckVersion(output.Version, expectedVersion);
            output.Correct(station, r.ToData(), actor, today);
        }

        await db.SaveChangesAsync(ct);
        return WorkstationOutputDto.From(output);
    }

    public async Task<WorkstationDto> CreateAsync(Actor actor, WorkstationRequest r, CancellationToken ct = default)
    {
        var (host, experts) = await ResolveAsync(actor, r, ct);
        var station = Workstation.Create(r.ToData(), host.Id, host.Name, host.RegionCode, experts, actor, MarketRules.ChinaDate(DateTimeOffset.UtcNow));
        db.Workstations.Add(station);
        await db.SaveChangesAsync(ct);
        return await GetAsync(actor, station.Id, ct);
    }

    public async Task<WorkstationDto> UpdateAsync(Actor actor, Guid id, WorkstationRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var station = await db.Workstations.InScope(actor).FirstOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException("记录不存在");
        MarketSupport.CheckVersion(station.Version, expectedVersion);
        var (host, experts) = await ResolveAsync(actor, r, ct);
        station.Update(r.ToData(), host.Id, host.Name, host.RegionCode, experts, actor, MarketRules.ChinaDate(DateTimeOffset.UtcNow));
        await db.SaveChangesAsync(ct);
        return await GetAsync(actor, id, ct);
    }

    public async Task<WorkstationDto> EndAsync(Actor actor, Guid id, WorkstationEndRequest r, CancellationToken ct = default)
    {
        var station = await db.Workstations.InScope(actor).FirstOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException("记录不存在");
        var today = MarketRules.ChinaDate(DateTimeOffset.UtcNow);
        station.End(r.EndedOn ?? today, today, actor);
        await db.SaveChangesAsync(ct);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>Records of a region subtree standing at the end of <paramref name="year"/>, by kind and level, with those founded that year and their experts.</summary>
    public async Task<WorkstationStatisticsDto> StatisticsAsync(string? region, int? year, CancellationToken ct = default)
    {
        var code = MarketSupport.RegionFilter(region) ?? throw new DomainValidationException("region", "请选择地区");
        var y = year ?? MarketRules.ChinaDate(DateTimeOffset.UtcNow).Year;
        if (y is < 1980 or > 2100)
        {
            throw new DomainValidationException("year", "年份不正确");
        }

        var end = new DateOnly(y, 12, 31);
        var start = new DateOnly(y, 1, 1);
        var rows = await db.Workstations.AsNoTracking()
            .Where(w => RegionScope.Within(w.RegionCode, code) && w.FoundedOn <= end && (w.EndedOn == null || w.EndedOn > end))
            .Select(w => new { w.Id, w.Kind, w.Level, w.FoundedOn, w.ExpertWorkerIds, w.AccreditedBy, w.HostOrganizationId }).ToListAsync(ct);
        // Hosts of the year's 中国农技协 accreditations that are enterprises ("3家企业被中国农技协授牌"; other hosts: 依托单位).
        var accreditedHosts = rows.Where(r => r.FoundedOn >= start && WorkstationNames.IsChinaRuralTechAssociation(r.AccreditedBy) && r.HostOrganizationId != null)
            .Select(r => r.HostOrganizationId!.Value).Distinct().ToList();
        var enterprises = accreditedHosts.Count == 0 ? []
            : (await db.Organizations.AsNoTracking().Where(o => accreditedHosts.Contains(o.Id) && o.Kind == Kexie.Domain.Directory.OrganizationKind.Enterprise).Select(o => o.Id).ToListAsync(ct)).ToHashSet();
        // 零突破: a provincial 院士(专家)工作站 founded in the year, and none in the region (standing or since ended) before it.
        var breakthrough = rows.Any(r => r.Kind == WorkstationKind.AcademicianWorkstation && r.Level == HonourLevel.Provincial && r.FoundedOn >= start)
            && !await db.Workstations.AsNoTracking().AnyAsync(
                w => RegionScope.Within(w.RegionCode, code) && w.Kind == WorkstationKind.AcademicianWorkstation && w.Level == HonourLevel.Provincial && w.FoundedOn < start, ct);
        var projects = rows.Where(r => r.Kind == WorkstationKind.CooperationProject).Select(r => r.Id).ToList();
        var agreements = projects.Count == 0 ? []
            : await db.CooperationAgreements.AsNoTracking().Where(a => projects.Contains(a.WorkstationId) && a.SignedOn <= end).Select(a => a.SignedOn).ToListAsync(ct);
        var byKind = rows.GroupBy(r => r.Kind).OrderBy(g => g.Key)
            .Select(g => new WorkstationKindCount(g.Key, g.Key.Chinese(), g.Count(), g.Count(r => r.FoundedOn >= start), g.Sum(r => r.ExpertWorkerIds.Length),
                g.GroupBy(r => r.Level).OrderBy(l => l.Key).Select(l => new NamedCount(l.Key.ToString(), l.Key.Chinese(), l.Count(), 0)).ToList(),
                g.Key == WorkstationKind.CooperationProject ? agreements.Count : 0, g.Key == WorkstationKind.CooperationProject ? agreements.Count(d => d >= start) : 0,
                g.Count(r => r.FoundedOn >= start && WorkstationNames.IsChinaRuralTechAssociation(r.AccreditedBy)),
                g.Key == WorkstationKind.AcademicianWorkstation && breakthrough,
                g.Count(r => r.FoundedOn >= start && WorkstationNames.IsChinaRuralTechAssociation(r.AccreditedBy) && r.HostOrganizationId is { } host && enterprises.Contains(host))))
            .ToList();
        var standing = rows.Select(r => r.Id).ToList();
        var reported = standing.Count == 0 ? []
            : await db.WorkstationOutputs.AsNoTracking().Where(o => o.Year == y && standing.Contains(o.WorkstationId))
                .Select(o => new { o.Projects, o.Patents, o.Trainings, o.Trainees }).ToListAsync(ct);
        var outputs = new WorkstationOutputTotals(reported.Count, reported.Sum(o => o.Projects), reported.Sum(o => o.Patents), reported.Sum(o => o.Trainings), reported.Sum(o => o.Trainees));
        var name = (await db.Regions.AsNoTracking().Where(r => r.Code == code).Select(r => r.Name).FirstOrDefaultAsync(ct)) ?? "所选地区";
        return new WorkstationStatisticsDto(code, name, y, rows.Count, byKind, Summary(y, name, byKind, outputs), outputs);
    }

    /// <summary>
    /// "截至2021年底，恩施州建立院士(专家)工作站24家（省级3家、市级21家），当年新建5家；专家服务团1个，专家71人。2021年，工作站和基地承担项目12个、
    /// 获得专利5件、开展培训30场次、培训1200人次。" (the second sentence when stations reported the year's output) — with the year's
    /// "省级院士(专家)工作站建设实现零突破" and "3家企业被中国农技协授牌" (依托单位 when a host is not an enterprise) where the records say so.
    /// </summary>
    public static string Summary(int year, string regionName, IReadOnlyList<WorkstationKindCount> byKind, WorkstationOutputTotals? outputs = null)
    {
        if (byKind.Count == 0)
        {
            return $"截至{year}年底，{regionName}尚无登记的工作站和基地。";
        }

        var parts = byKind.Select(k =>
        {
            var text = $"{k.KindName}{k.Total}{k.Kind.Unit()}（{string.Join("、", k.ByLevel.Select(l => $"{l.Name}{l.Entries}{k.Kind.Unit()}"))}）";
            if (k.FoundedInYear > 0)
            {
                text += $"，当年新建{k.FoundedInYear}{k.Kind.Unit()}";
                if (k.AccreditedByChinaRuralTechInYear > 0)
                {
                    // The seeds' "3家企业被中国农技协授牌" when every accredited host is an enterprise; otherwise 依托单位.
                    var hosts = k.AccreditedEnterprisesInYear == k.AccreditedByChinaRuralTechInYear ? "企业" : "依托单位";
                    text += $"，{k.AccreditedByChinaRuralTechInYear}家{hosts}被中国农技协授牌";
                }

                if (k.ProvincialBreakthrough)
                {
                    text += $"，省级{k.KindName}建设实现零突破";
                }
            }

            if (k.Agreements > 0)
            {
                text += $"，签订合作协议{k.Agreements}份";
            }

            return k.Experts > 0 ? text + $"，专家{k.Experts}人" : text;
        });
        return $"截至{year}年底，{regionName}建立{string.Join("；", parts)}。" + OutputSentence(year, outputs);
    }

    /// <summary>"2021年，工作站和基地承担项目12个、获得专利5件、开展培训30场次、培训1200人次。" — the figures above zero; empty when none.</summary>
    public static string OutputSentence(int year, WorkstationOutputTotals? o)
    {
        if (o is null)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        if (o.Projects > 0)
        {
            parts.Add($"承担项目{o.Projects}个");
        }

        if (o.Patents > 0)
        {
            parts.Add($"获得专利{o.Patents}件");
        }

        if (o.Trainings > 0)
        {
            parts.Add($"开展培训{o.Trainings}场次");
        }

        if (o.Trainees > 0)
        {
            parts.Add($"培训{o.Trainees}人次");
        }

        return parts.Count == 0 ? string.Empty : $"{year}年，工作站和基地{string.Join("、", parts)}。";
    }

    private async Task<(PartyRef Host, List<Guid> Experts)> ResolveAsync(Actor actor, WorkstationRequest r, CancellationToken ct)
    {
        var host = r.HostOrganizationId is { } h && h != Guid.Empty
            ? await parties.OrganizationAsync(actor, h, "hostOrganizationId", "依托单位", ct)
            : throw new DomainValidationException("hostOrganizationId", "请选择依托单位");
        var experts = (r.ExpertWorkerIds ?? []).Where(e => e != Guid.Empty).Distinct().ToList();
        if (!await parties.AllWorkersVisibleAsync(actor, experts, ct))
        {
            throw new DomainValidationException("expertWorkerIds", "所选专家不存在");
        }

        // A 专家服务团's members are experts of the 专家库 (active entries), so "专家人才服务团71人" counts people the 专家库 holds.
        if (r.Kind == WorkstationKind.ExpertServiceTeam && experts.Count > 0)
        {
            var admitted = await db.Experts.AsNoTracking().Where(e => e.Status == ExpertStatus.Active && experts.Contains(e.WorkerId)).Select(e => e.WorkerId).Distinct().CountAsync(ct);
            if (admitted != experts.Count)
            {
                throw new DomainValidationException("expertWorkerIds", "专家服务团的成员须是专家库中的在库专家");
            }
        }

        return (host, experts);
    }

    private async Task<List<WorkstationDto>> ToDtosAsync(Actor actor, IReadOnlyList<Workstation> rows, CancellationToken ct)
    {
        var ids = rows.SelectMany(r => r.ExpertWorkerIds).Distinct().ToList();
        var visible = await db.ScienceWorkers.AsNoTracking().Where(DirectoryAccess.WorkersVisibleTo(actor)).Where(w => ids.Contains(w.Id))
            .Select(w => new { w.Id, w.Name }).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        var names = await Lookups.RegionNamesAsync(db, rows.Select(r => r.RegionCode), ct);
        var stationIds = rows.Where(r => r.Kind == WorkstationKind.CooperationProject).Select(r => r.Id).ToList();
        var signed = stationIds.Count == 0 ? new Dictionary<Guid, int>()
            : (await db.CooperationAgreements.AsNoTracking().Where(a => stationIds.Contains(a.WorkstationId)).Select(a => a.WorkstationId).ToListAsync(ct))
                .GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
        return rows.Select(w => new WorkstationDto(
            w.Id, w.Name, w.Kind, w.Kind.Chinese(), w.Level, w.Level.Chinese(), w.HostName, w.RegionCode, names.GetValueOrDefault(w.RegionCode, "未知地区"),
            w.ExpertWorkerIds.Length, w.ExpertWorkerIds.Where(visible.ContainsKey).Select(e => visible[e]).ToList(), w.FoundedOn, w.AccreditedBy, w.Field, w.Note,
            w.Status, w.Status.Chinese(), w.EndedOn, w.Version, signed.GetValueOrDefault(w.Id))).ToList();
    }
}
