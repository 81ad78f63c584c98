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

public sealed record HonourCallRequest(string? Name, HonourKind? Kind, int? Year, string? RegionCode, string? ConferredBy = null, int? Quota = null, string? Note = null, bool? AllowsUnitNominations = null)
{
    public HonourCallData ToData() => new(Name, Kind, Year, RegionCode, ConferredBy, Quota, Note, AllowsUnitNominations ?? false);
}

/// <summary>A society's nomination of its member: the society (led by the caller) and the member.</summary>
public sealed record UnitNominationRequest(Guid? AssociationId, Guid? WorkerId, string? Reason);

/// <summary>A member of a society the caller leads, whom the society may nominate.</summary>
public sealed record UnitNomineeOption(Guid AssociationId, string AssociationName, Guid WorkerId, string WorkerName);

public sealed record NominationRequest(Guid? WorkerId, Guid? OrganizationId, string? Reason);

/// <param name="RankingReason">Why, when the decision goes against the experts' ranking (a lower-ranked nomination selected…): then required, kept in the history.</param>
public sealed record DecisionRequest(bool? Selected, string? Note, string? RankingReason = null);

public sealed record HonourCallDto(
    Guid Id, string Name, HonourKind Kind, string KindName, bool ForOrganizations, int Year, HonourLevel Level, string LevelName, string RegionCode, string RegionName,
    string? ConferredBy, int? Quota, string? Note, HonourCallStatus Status, string StatusName, int Nominated, int Selected, int Version, bool AllowsUnitNominations = false);

public sealed record NominationDto(
    Guid Id, Guid CallId, string CallName, HonourKind Kind, string KindName, int Year, string NomineeName, bool IsOrganization, string RegionCode, string RegionName,
    string NominatedByRegionName, string? Reason, NominationStatus Status, string StatusName, string? DecisionNote, DateOnly? DecidedOn, int Version,
    string? LevelName = null, string? NominatedByUnitName = null, string NominatedBy = "");

/// <param name="SelectedByTitle">For organizations' honours: the selected by the title their call's name gives (优秀执行单位、优秀组织单位…).</param>
public sealed record HonourKindCount(HonourKind Kind, string KindName, int Nominated, int Selected, IReadOnlyList<NamedCount>? SelectedByTitle = null);

/// <summary>A science worker's own view of honours: the calls they were nominated to, with the state, and the open calls they may be nominated for.</summary>
/// <param name="OpenCalls">Open calls for a person's honour whose region holds the worker's and that they are not yet nominated to (推荐由所在地区科协提出).</param>
public sealed record MyHonoursDto(bool IsScienceWorker, IReadOnlyList<NominationDto> Nominations, IReadOnlyList<HonourCallDto> OpenCalls);

/// <summary>Candidates a region sent to the awards of the levels above it ("向省科协推荐2人参评青年科技奖").</summary>
/// <param name="Award">The award as its call names it (全国科技助力精准扶贫先进个人) or the kind's name.</param>
/// <param name="Levels">The levels of the calls (国家级、省级、市级), highest first.</param>
public sealed record UpwardCandidates(HonourKind Kind, string Award, IReadOnlyList<HonourLevel> Levels, int Nominated, int Selected);

/// <param name="Upward">The region's candidates for the awards of the levels above it (not the 托举工程, a programme reported by who was selected).</param>
public sealed record HonourStatisticsDto(
    string RegionCode, string RegionName, int Year, int Nominated, int Selected, IReadOnlyList<HonourKindCount> ByKind, string Summary,
    IReadOnlyList<UpwardCandidates>? Upward = null);

/// <summary>
/// 人才荣誉与推荐: calls (评选) held by a region's admins, nominations of science workers or organizations by the admins of a region
/// holding the nominee (named through <see cref="Parties"/>), results decided by the call's region; selected honours are public.
/// </summary>
public sealed class HonourService(KexieDbContext db, Parties parties, ReferenceCodesCache reference)
{
    public async Task<PagedResult<HonourCallDto>> ListAsync(string? region, int? year, HonourKind? kind, int? page, int? pageSize, CancellationToken ct = default)
    {
        var paging = PageRequest.Of(page, pageSize);
        var query = db.HonourCalls.AsNoTracking();
        if (MarketSupport.RegionFilter(region) is { } code)
        {
            // A region's calls and the calls above it that its associations may nominate to.
            var ancestors = Kexie.Domain.Regions.RegionCode.Ancestry(code).ToList();
            query = query.Where(c => RegionScope.Within(c.RegionCode, code) || ancestors.Contains(c.RegionCode));
        }

        if (year is { } y)
        {
            query = query.Where(c => c.Year == y);
        }

        if (kind is { } k)
        {
            query = query.Where(c => c.Kind == k);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(c => c.Year).ThenBy(c => c.Level).ThenBy(c => c.Name).ThenBy(c => c.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedResult<HonourCallDto>(await ToDtosAsync(rows, ct), total, paging.Page, paging.PageSize);
    }

    public async Task<HonourCallDto> GetAsync(Guid id, CancellationToken ct = default)
    {
        var call = await db.HonourCalls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("评选不存在");
        return (await ToDtosAsync([call], ct))[0];
    }

    public async Task<HonourCallDto> CreateAsync(Actor actor, HonourCallRequest r, CancellationToken ct = default)
    {
        var call = HonourCall.Create(r.ToData(), actor);
        (await reference.GetAsync(db, ct)).RequireRegion(call.RegionCode);
        db.HonourCalls.Add(call);
        await db.SaveChangesAsync(ct);
        return await GetAsync(call.Id, ct);
    }

    public async Task<HonourCallDto> CloseAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var call = await db.HonourCalls.InScope(actor).FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("评选不存在");
        call.Close(actor);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>
    /// Nominations of a call: all for the call's admins, the region's own for the managers of a nominee's region, a society's own for its
    /// 会长/副会长, selected ones for everyone.
    /// </summary>
    public async Task<IReadOnlyList<NominationDto>> NominationsAsync(Actor actor, Guid callId, CancellationToken ct = default)
    {
        var call = await db.HonourCalls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId, ct) ?? throw new NotFoundException("评选不存在");
        var rows = await Visible(actor, call).Where(n => n.CallId == callId).OrderBy(n => n.Status == NominationStatus.Selected ? 0 : 1).ThenBy(n => n.CreatedAt).Take(1000).ToListAsync(ct);
        return await ToNominationDtosAsync(actor, rows, ct);
    }

    /// <summary>The honours a worker or an organization was selected for (their profile's list), newest first.</summary>
    public async Task<IReadOnlyList<NominationDto>> HonoursOfAsync(Actor actor, Guid? workerId, Guid? organizationId, CancellationToken ct = default)
    {
        if (workerId is null && organizationId is null)
        {
            throw new DomainValidationException("workerId", "请指定科技工作者或单位");
        }

        var rows = await db.Nominations.AsNoTracking()
            .Where(n => n.Status == NominationStatus.Selected && (workerId != null ? n.WorkerId == workerId : n.OrganizationId == organizationId))
            .OrderByDescending(n => n.DecidedOn).Take(200).ToListAsync(ct);
        return await ToNominationDtosAsync(actor, rows, ct);
    }

    /// <summary>
    /// The caller's own nominations (as a science worker), every state, newest call first; and the open calls for a person's honour held by
    /// their region or a region above it, that they are not nominated to yet. Empty for a caller who is not a science worker.
    /// </summary>
    public async Task<MyHonoursDto> MineAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.ScienceWorkerId is not { } me)
        {
            return new MyHonoursDto(false, [], []);
        }

        var region = await db.ScienceWorkers.AsNoTracking().Where(w => w.Id == me).Select(w => w.RegionCode).FirstOrDefaultAsync(ct);
        if (region is null)
        {
            return new MyHonoursDto(false, [], []);
        }

        var rows = await db.Nominations.AsNoTracking().Where(n => n.WorkerId == me)
            .Join(db.HonourCalls, n => n.CallId, c => c.Id, (n, c) => new { Nomination = n, c.Year })
            .OrderByDescending(x => x.Year).ThenByDescending(x => x.Nomination.CreatedAt).Take(200).Select(x => x.Nomination).ToListAsync(ct);
        var nominated = rows.Select(n => n.CallId).ToList();
        var above = Kexie.Domain.Regions.RegionCode.Ancestry(region).ToList();
        var open = await db.HonourCalls.AsNoTracking()
            .Where(c => c.Status == HonourCallStatus.Open && c.Kind != HonourKind.OrganizationHonour && above.Contains(c.RegionCode) && !nominated.Contains(c.Id))
            .OrderByDescending(c => c.Year).ThenBy(c => c.Level).ThenBy(c => c.Name).Take(50).ToListAsync(ct);
        return new MyHonoursDto(true, await ToNominationDtosAsync(actor, rows, ct), await ToDtosAsync(open, ct));
    }

    public async Task<NominationDto> NominateAsync(Actor actor, Guid callId, NominationRequest r, CancellationToken ct = default)
    {
        var call = await db.HonourCalls.FirstOrDefaultAsync(c => c.Id == callId, ct) ?? throw new NotFoundException("评选不存在");
        PartyRef nominee;
        if (call.Kind.ForOrganizations())
        {
            nominee = r.OrganizationId is { } o && o != Guid.Empty
                ? await parties.OrganizationAsync(actor, o, "organizationId", "单位", ct)
                : throw new DomainValidationException("organizationId", "集体荣誉请选择推荐的单位");
        }
        else
        {
            nominee = r.WorkerId is { } w && w != Guid.Empty
                ? await parties.WorkerAsync(actor, w, "workerId", "科技工作者", ct)
                : throw new DomainValidationException("workerId", "请选择推荐的科技工作者");
        }

        var forOrganization = call.Kind.ForOrganizations();
        var nomination = Nomination.Nominate(call, forOrganization ? null : nominee.Id, forOrganization ? nominee.Id : null, nominee.Name, nominee.RegionCode, r.Reason, actor);
        if (await db.Nominations.AnyAsync(n => n.CallId == callId && (forOrganization ? n.OrganizationId == nominee.Id : n.WorkerId == nominee.Id), ct))
        {
            throw new DomainValidationException(forOrganization ? "organizationId" : "workerId", $"{nominee.Name}已被推荐参加该评选");
        }

        db.Nominations.Add(nomination);
        await db.SaveChangesAsync(ct);
        return (await ToNominationDtosAsync(actor, [nomination], ct))[0];
    }

    /// <summary>
    /// A society's 会长/副会长 nominates one of its members: the society is found among those the caller leads and the worker among its
    /// members — anything else is "not found", naming nothing.
    /// </summary>
    public async Task<NominationDto> NominateAsUnitAsync(Actor actor, Guid callId, UnitNominationRequest r, CancellationToken ct = default)
    {
        var call = await db.HonourCalls.FirstOrDefaultAsync(c => c.Id == callId, ct) ?? throw new NotFoundException("评选不存在");
        var associationId = r.AssociationId is { } a && a != Guid.Empty ? a : throw new DomainValidationException("associationId", "请选择推荐的学会（协会）");
        var workerId = r.WorkerId is { } w && w != Guid.Empty ? w : throw new DomainValidationException("workerId", "请选择推荐的会员");
        var leads = await InspectionService.LeadsQuery(db, actor).AnyAsync(m => m.AssociationId == associationId, ct);
        var unit = leads ? await db.Associations.AsNoTracking().Where(x => x.Id == associationId).Select(x => new { x.Id, x.Name, x.RegionCode }).FirstOrDefaultAsync(ct) : null;
        if (unit is null)
        {
            throw new NotFoundException("组织不存在");
        }

        var member = await db.Set<Kexie.Domain.Directory.AssociationMember>().AsNoTracking().AnyAsync(m => m.AssociationId == associationId && m.ScienceWorkerId == workerId, ct);
        var worker = member ? await db.ScienceWorkers.AsNoTracking().Where(x => x.Id == workerId).Select(x => new { x.Id, x.Name, x.RegionCode }).FirstOrDefaultAsync(ct) : null;
        if (worker is null)
        {
            throw new NotFoundException("科技工作者不存在");
        }

        var nomination = Nomination.NominateAsUnit(call, new ManagedAssociation(unit.Id, unit.Name, unit.RegionCode), leads, worker.Id, worker.Name, worker.RegionCode, r.Reason, actor);
        if (await db.Nominations.AnyAsync(n => n.CallId == callId && n.WorkerId == worker.Id, ct))
        {
            throw new DomainValidationException("workerId", $"{worker.Name}已被推荐参加该评选");
        }

        db.Nominations.Add(nomination);
        await db.SaveChangesAsync(ct);
        return (await ToNominationDtosAsync(actor, [nomination], ct))[0];
    }

    /// <summary>The members of the societies the actor leads (会长/副会长), for the society's nomination form.</summary>
    public async Task<IReadOnlyList<UnitNomineeOption>> UnitNomineesAsync(Actor actor, CancellationToken ct = default)
    {
        var led = await InspectionService.LeadsQuery(db, actor).Select(m => m.AssociationId).Distinct().ToListAsync(ct);
        if (led.Count == 0)
        {
            return [];
        }

        var rows = await db.Set<Kexie.Domain.Directory.AssociationMember>().AsNoTracking().Where(m => led.Contains(m.AssociationId) && m.ScienceWorkerId != null)
            .Join(db.Associations.AsNoTracking(), m => m.AssociationId, x => x.Id, (m, x) => new { m.AssociationId, AssociationName = x.Name, m.ScienceWorkerId })
            .Join(db.ScienceWorkers.AsNoTracking(), x => x.ScienceWorkerId, w => w.Id, (x, w) => new { x.AssociationId, x.AssociationName, WorkerId = w.Id, WorkerName = w.Name })
            .Take(2000).ToListAsync(ct);
        return rows.OrderBy(x => x.AssociationName, StringComparer.Ordinal).ThenBy(x => x.WorkerName, StringComparer.Ordinal)
            .Select(x => new UnitNomineeOption(x.AssociationId, x.AssociationName, x.WorkerId, x.WorkerName)).ToList();
    }

    public async Task<NominationDto> DecideAsync(Actor actor, Guid id, DecisionRequest r, CancellationToken ct = default)
    {
        var found = await db.Nominations.Join(db.HonourCalls.InScope(actor), n => n.CallId, c => c.Id, (n, c) => new { Nomination = n, Call = c })
            .FirstOrDefaultAsync(x => x.Nomination.Id == id, ct) ?? throw new NotFoundException("推荐不存在");
        var selected = await db.Nominations.CountAsync(n => n.CallId == found.Call.Id && n.Status == NominationStatus.Selected && n.Id != id, ct);
        var choice = r.Selected ?? throw new DomainValidationException("selected", "请选择评选结果（入选或未入选）");
        found.Nomination.Decide(found.Call, choice, r.Note, selected, MarketRules.ChinaDate(DateTimeOffset.UtcNow), actor);

        // The experts' ranking (when the call had an expert review): a decision against it needs a reason, kept in the history.
        var standings = await HonourReviewService.StandingsAsync(db, found.Call.Id, ct);
        var ranks = HonourRanking.Ranks(standings);
        db.NominationDecisions.Add(NominationDecision.Record(found.Call, found.Nomination, choice, ranks.TryGetValue(id, out var rank) ? rank : null,
            standings.FirstOrDefault(s => s.Id == id)?.Mean, HonourRanking.AgainstRanking(standings, id, choice), r.RankingReason, actor));
        await db.SaveChangesAsync(ct);
        return (await ToNominationDtosAsync(actor, [found.Nomination], ct))[0];
    }

    /// <summary>
    /// A region's nominees in a year's calls: nominated and selected, by kind ("2名同志入选青年科技人才托举工程", "评选出10名优秀科技人才",
    /// organizations' honours as units).
    /// </summary>
    public async Task<HonourStatisticsDto> StatisticsAsync(string? region, int? year, CancellationToken ct = default)
    {
        var code = MarketSupport.RegionFilter(region) ?? throw new DomainValidationException("region", "请选择地区");
        var y = year ?? MarketRules.ChinaDate(DateTimeOffset.UtcNow).Year;
        if (y is < 1980 or > 2100)
        {
            throw new DomainValidationException("year", "年份不正确");
        }

        var rows = await db.Nominations.AsNoTracking().Where(n => RegionScope.Within(n.RegionCode, code))
            .Join(db.HonourCalls.Where(c => c.Year == y), n => n.CallId, c => c.Id, (n, c) => new { c.Kind, c.Name, c.RegionCode, c.Level, n.Status })
            .GroupBy(x => new { x.Kind, x.Name, x.RegionCode, x.Level, x.Status })
            .Select(g => new { g.Key.Kind, g.Key.Name, g.Key.RegionCode, g.Key.Level, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var byKind = rows.GroupBy(r => r.Kind).OrderBy(g => g.Key)
            .Select(g => new HonourKindCount(g.Key, g.Key.Chinese(), g.Sum(r => r.Count), g.Where(r => r.Status == NominationStatus.Selected).Sum(r => r.Count),
                g.Key.ForOrganizations()
                    ? g.Where(r => r.Status == NominationStatus.Selected).GroupBy(r => TitleOf(g.Key, r.Name)).OrderByDescending(t => t.Sum(r => r.Count)).ThenBy(t => t.Key, StringComparer.Ordinal)
                        .Select(t => new NamedCount(t.Key, t.Key, t.Sum(r => r.Count), 0)).ToList()
                    : null)).ToList();
        // Calls held above the region (its city's, its province's) for a person's award: the candidates it sent upward.
        var upward = rows.Where(r => r.RegionCode != code && Kexie.Domain.Regions.RegionCode.IsWithin(code, r.RegionCode) && IsUpwardAward(r.Kind))
            .GroupBy(r => (r.Kind, Award: AwardOf(r.Kind, r.Name))).OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Award, StringComparer.Ordinal)
            .Select(g => new UpwardCandidates(g.Key.Kind, g.Key.Award, [.. g.Select(r => r.Level).Distinct().Order()], g.Sum(r => r.Count),
                g.Where(r => r.Status == NominationStatus.Selected).Sum(r => r.Count))).ToList();
        var name = (await db.Regions.AsNoTracking().Where(r => r.Code == code).Select(r => r.Name).FirstOrDefaultAsync(ct)) ?? "所选地区";
        return new HonourStatisticsDto(code, name, y, byKind.Sum(k => k.Nominated), byKind.Sum(k => k.Selected), byKind, Summary(y, name, byKind, upward), upward);
    }

    /// <summary>A person's award a region recommends candidates for upward (the 托举工程 is a programme, reported by who was selected).</summary>
    public static bool IsUpwardAward(HonourKind kind) => !kind.ForOrganizations() && kind != HonourKind.YouthTalentLifting;

    /// <summary>The award a call confers as its name says it ("…推荐全国科技助力精准扶贫先进个人" → 全国科技助力精准扶贫先进个人), else the kind's name.</summary>
    public static string AwardOf(HonourKind kind, string callName) =>
        (callName ?? string.Empty).Contains("全国" + kind.Chinese(), StringComparison.Ordinal) ? "全国" + kind.Chinese() : kind.Chinese();

    /// <summary>"向省、市科协推荐1人参评青年科技奖、2人参评全国科技助力精准扶贫先进个人" (中国科协 is 中; one level alone: 省科协).</summary>
    public static string UpwardClause(IReadOnlyList<UpwardCandidates> upward)
    {
        if (upward.Count == 0)
        {
            return string.Empty;
        }

        var levels = upward.SelectMany(u => u.Levels).Distinct().Order().ToList();
        static string Short(HonourLevel level) => level switch { HonourLevel.National => "中", HonourLevel.Provincial => "省", HonourLevel.Prefectural => "市", _ => "县" };
        var to = levels is [HonourLevel.National] ? "中国科协" : string.Join("、", levels.Select(Short)) + "科协";
        return $"向{to}推荐{string.Join("、", upward.Select(u => $"{u.Nominated}人参评{u.Award}"))}";
    }

    /// <summary>
    /// "2020年，大英县推荐参加各类荣誉评选12人（个），入选3人（个）：2名同志入选青年科技人才托举工程、1个单位获评优秀执行单位……；向省、市科协推荐
    /// 1人参评青年科技奖、2人参评最美科技工作者" (the awards of the levels above, <see cref="UpwardClause"/>) — an
    /// organization's honour by the title its call names (优秀执行单位, 优秀组织单位, 先进集体), else the kind's name.
    /// </summary>
    public static string Summary(int year, string regionName, IReadOnlyList<HonourKindCount> byKind, IReadOnlyList<UpwardCandidates>? upward = null)
    {
        var text = $"{year}年，{regionName}推荐参加各类荣誉评选{byKind.Sum(k => k.Nominated)}人（个），入选{byKind.Sum(k => k.Selected)}人（个）";
        var parts = byKind.Where(k => k.Selected > 0)
            .SelectMany(k => k.Kind.ForOrganizations()
                ? (k.SelectedByTitle is { Count: > 0 } titles ? titles.Select(t => $"{t.Entries}个单位获评{t.Name}") : new[] { $"{k.Selected}个单位获评{k.KindName}" })
                : new[] { $"{k.Selected}名同志入选{k.KindName}" }).ToList();
        var clause = UpwardClause(upward ?? []);
        return text + (parts.Count > 0 ? "：" + string.Join("、", parts) : string.Empty) + (clause.Length > 0 ? "；" + clause : string.Empty) + "。";
    }

    /// <summary>
    /// The honour a call confers as its name says it ("遂宁市2025年科普工作优秀执行单位评选" → 优秀执行单位; 先进集体, 先进单位, 示范单位), else the
    /// kind's name.
    /// </summary>
    public static string TitleOf(HonourKind kind, string callName) =>
        System.Text.RegularExpressions.Regex.Match(callName ?? string.Empty, "优秀\\p{IsCJKUnifiedIdeographs}{0,6}?单位|先进集体|先进单位|示范单位") is { Success: true } m ? m.Value : kind.Chinese();

    private IQueryable<Nomination> Visible(Actor actor, HonourCall call)
    {
        var all = db.Nominations.AsNoTracking();
        if (call.MayDecide(actor) || actor.Manages(call.RegionCode))
        {
            return all;
        }

        // A society's 会长/副会长 follows the nominations the society made, while they wait too.
        var scope = actor.ManagedScope;
        var led = InspectionService.LeadsQuery(db, actor).Select(m => (Guid?)m.AssociationId);
        return all.Where(n => n.Status == NominationStatus.Selected || (scope != null && RegionScope.Within(n.RegionCode, scope))
            || (n.NominatedByAssociationId != null && led.Contains(n.NominatedByAssociationId)));
    }

    private async Task<List<HonourCallDto>> ToDtosAsync(IReadOnlyList<HonourCall> calls, CancellationToken ct)
    {
        var ids = calls.Select(c => c.Id).ToList();
        var counts = await db.Nominations.AsNoTracking().Where(n => ids.Contains(n.CallId)).GroupBy(n => n.CallId)
            .Select(g => new { g.Key, Nominated = g.Count(), Selected = g.Count(n => n.Status == NominationStatus.Selected) }).ToDictionaryAsync(x => x.Key, ct);
        var names = await Lookups.RegionNamesAsync(db, calls.Select(c => c.RegionCode), ct);
        return calls.Select(c =>
        {
            var n = counts.GetValueOrDefault(c.Id);
            return new HonourCallDto(c.Id, c.Name, c.Kind, c.Kind.Chinese(), c.Kind.ForOrganizations(), c.Year, c.Level, c.Level.Chinese(), c.RegionCode,
                names.GetValueOrDefault(c.RegionCode, "未知地区"), c.ConferredBy, c.Quota, c.Note, c.Status, c.Status.Chinese(), n?.Nominated ?? 0, n?.Selected ?? 0, c.Version,
                c.AllowsUnitNominations);
        }).ToList();
    }

    private async Task<List<NominationDto>> ToNominationDtosAsync(Actor actor, IReadOnlyList<Nomination> rows, CancellationToken ct)
    {
        var callIds = rows.Select(r => r.CallId).Distinct().ToList();
        var calls = await db.HonourCalls.AsNoTracking().Where(c => callIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var names = await Lookups.RegionNamesAsync(db, rows.SelectMany(r => new[] { r.RegionCode, r.NominatedByRegionCode }), ct);
        return rows.Select(n =>
        {
            var c = calls[n.CallId];
            var details = c.MayDecide(actor) || (actor.Manages(n.RegionCode) || actor.Manages(c.RegionCode));
            return new NominationDto(n.Id, n.CallId, c.Name, c.Kind, c.Kind.Chinese(), c.Year, n.NomineeName, n.OrganizationId is not null || (n.WorkerId is null && c.Kind.ForOrganizations()),
                n.RegionCode, names.GetValueOrDefault(n.RegionCode, "未知地区"), names.GetValueOrDefault(n.NominatedByRegionCode, "未知地区"), details ? n.Reason : null,
                n.Status, n.Status.Chinese(), details ? n.DecisionNote : null, n.DecidedOn, n.Version, c.Level.Chinese(),
                n.NominatedByUnitName, Nomination.NominatedByText(n.NominatedByUnitName, names.GetValueOrDefault(n.NominatedByRegionCode, "未知地区")));
        }).ToList();
    }
}
