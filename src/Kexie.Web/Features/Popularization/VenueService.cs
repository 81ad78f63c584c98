using System.Globalization;
using Kexie.Data;
using Kexie.Data.Exchange;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Indicators;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Popularization;

public sealed record VenueFilter(string? Q = null, string? Region = null, VenueKind? Kind = null, VenueLevel? Level = null, VenueStatus? Status = null, int? Page = null, int? PageSize = null);

public sealed record VenueRequest(
    string? Name, VenueKind Kind, VenueLevel Level, string? RegionCode, string? Address = null, string? AccreditedBy = null, DateOnly? AccreditedOn = null,
    VenueStatus Status = VenueStatus.Open, DateOnly? OpenedOn = null, string? Note = null);

public sealed record VenueVisitRequest(DateOnly? Day, int Groups, int Visitors, string? Place = null, ServiceSetting? Setting = null, TargetGroup? TargetGroup = null, string? Note = null);

public sealed record VenueDto(
    Guid Id, string Name, VenueKind Kind, string KindName, VenueLevel Level, string LevelName, string RegionCode, string RegionName, string? Address,
    string? AccreditedBy, DateOnly? AccreditedOn, VenueStatus Status, string StatusName, DateOnly? OpenedOn, string? Note,
    long Groups, long Visitors, int Sessions, int Version, DateTimeOffset CreatedAt);

public sealed record VenueVisitDto(
    Guid Id, Guid VenueId, DateOnly Day, int Groups, int Visitors, string? Place, ServiceSetting? Setting, string? SettingName,
    TargetGroup? TargetGroup, string? TargetGroupName, string? Note)
{
    public static VenueVisitDto From(VenueVisit v) => new(
        v.Id, v.VenueId, v.Day, v.Groups, v.Visitors, v.Place, v.Setting, v.Setting?.Chinese(), v.TargetGroup, v.TargetGroup?.Chinese(), v.Note);
}

/// <summary>How many venues of one kind, by level.</summary>
public sealed record VenueKindCount(VenueKind Kind, string KindName, int Total, IReadOnlyList<VenueLevelCount> ByLevel);

public sealed record VenueLevelCount(VenueLevel Level, string LevelName, int Count);

/// <summary>Visitor records summed: 场次 (records), 接待团队, 观众人次.</summary>
public sealed record VisitTotals(string Key, string Name, int Sessions, long Groups, long Visitors);

/// <summary>
/// 科普阵地 of a region subtree in a year: venues (accredited by the year's end, not closed) by kind and level, and the
/// year's visitor records summed by kind, target group and setting, with the report's sentence.
/// </summary>
public sealed record VenueStatisticsDto(
    string RegionCode, string RegionName, int Year, IReadOnlyList<string>? Kinds, int Venues, IReadOnlyList<VenueKindCount> ByKind,
    IReadOnlyList<VenueLevelCount> ByLevel, VisitTotals Visits, IReadOnlyList<VisitTotals> VisitsByKind, IReadOnlyList<VisitTotals> VisitsByTargetGroup,
    IReadOnlyList<VisitTotals> VisitsBySetting, string Summary);

/// <summary>
/// 科普阵地 (bases and venues): a public registry by kind, level and region, managed by the region's staff, who record
/// visitors (a day's groups and head counts, or one trip of a travelling venue). Counts for a region and year come
/// from the records (<see cref="StatisticsAsync"/>).
/// </summary>
public sealed class VenueService(KexieDbContext db, ReferenceCodesCache reference)
{
    /// <summary>The most rows one export writes.</summary>
    public const int MaxExportRows = 50_000;

    public async Task<PagedResult<VenueDto>> ListAsync(VenueFilter filter, CancellationToken ct = default)
    {
        var page = PageRequest.Of(filter.Page, filter.PageSize);
        var query = Filtered(filter);
        var total = await query.CountAsync(ct);
        var rows = await WithTotals(query.OrderBy(v => v.RegionCode).ThenBy(v => v.Kind).ThenBy(v => v.Name).ThenBy(v => v.Id).Skip(page.Skip).Take(page.PageSize)).ToListAsync(ct);
        var names = await Lookups.RegionNamesAsync(db, rows.Select(r => r.Venue.RegionCode), ct);
        return new PagedResult<VenueDto>(
            rows.Select(r => ToDto(r.Venue, names, r.Groups, r.Visitors, r.Sessions)).ToList(), total, page.Page, page.PageSize);
    }

    /// <summary>
    /// The venues the list shows (same filter, every page) as an .xlsx: the import template's columns with kinds, levels and
    /// statuses by name, so an edited export imports back (/api/v1/imports/venues); beside them, read-only, 所在地区 and the
    /// visitors received so far.
    /// </summary>
    public async Task<byte[]> ExportAsync(VenueFilter filter, CancellationToken ct = default)
    {
        var rows = await WithTotals(Filtered(filter).OrderBy(v => v.RegionCode).ThenBy(v => v.Kind).ThenBy(v => v.Name).ThenBy(v => v.Id).Take(MaxExportRows)).ToListAsync(ct);
        var names = await Lookups.RegionNamesAsync(db, rows.Select(r => r.Venue.RegionCode), ct);
        var h = DirectoryImporter.ColumnsOf(ImportKind.Venues).ToDictionary(c => c.Field, c => c.Header);
        return ExcelExport.ToXlsx(rows.Select(r => ToDto(r.Venue, names, r.Groups, r.Visitors, r.Sessions)), [
            (h["name"], v => v.Name),
            (h["kind"], v => v.KindName),
            (h["level"], v => v.LevelName),
            (h["regionCode"], v => v.RegionCode),
            ("所在地区", v => v.RegionName),
            (h["address"], v => v.Address),
            (h["accreditedBy"], v => v.AccreditedBy),
            (h["accreditedOn"], v => v.AccreditedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            (h["status"], v => v.StatusName),
            (h["openedOn"], v => v.OpenedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            (h["note"], v => v.Note),
            ("累计接待团队", v => v.Groups),
            ("累计观众人次", v => v.Visitors),
            ("累计服务场次", v => v.Sessions),
        ], "科普阵地");
    }

    /// <summary>
    /// Visitor records of one venue or of a region subtree's venues within a period (either end open), oldest first, as an .xlsx with
    /// the import's columns (/api/v1/imports/venue-visits) and 所在地区 beside the code.
    /// </summary>
    public async Task<byte[]> ExportVisitsAsync(string? region, Guid? venueId, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        if (from is { } f && to is { } t && f > t)
        {
            throw new DomainValidationException("to", "结束日期不能早于开始日期");
        }

        var venues = db.Venues.AsNoTracking();
        if (venueId is { } id)
        {
            if (!await venues.AnyAsync(v => v.Id == id, ct))
            {
                throw new NotFoundException("科普阵地不存在");
            }

            venues = venues.Where(v => v.Id == id);
        }
        else
        {
            var code = MarketSupport.RegionFilter(region) ?? throw new DomainValidationException("region", "请选择地区或科普阵地");
            venues = venues.Where(v => RegionScope.Within(v.RegionCode, code));
        }

        var visits = db.VenueVisits.AsNoTracking();
        if (from is { } first)
        {
            visits = visits.Where(x => x.Day >= first);
        }

        if (to is { } last)
        {
            visits = visits.Where(x => x.Day <= last);
        }

        var rows = await visits.Join(venues, x => x.VenueId, v => v.Id, (x, v) => new { Visit = x, v.Name, v.RegionCode })
            .OrderBy(r => r.Visit.Day).ThenBy(r => r.Name).ThenBy(r => r.Visit.CreatedAt).Take(MaxExportRows).ToListAsync(ct);
        var names = await Lookups.RegionNamesAsync(db, rows.Select(r => r.RegionCode), ct);
        var h = DirectoryImporter.ColumnsOf(ImportKind.VenueVisits).ToDictionary(c => c.Field, c => c.Header);
        return ExcelExport.ToXlsx(rows, [
            (h["venue"], r => r.Name),
            (h["regionCode"], r => r.RegionCode),
            ("所在地区", r => names.GetValueOrDefault(r.RegionCode, "未知地区")),
            (h["day"], r => r.Visit.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            (h["groups"], r => r.Visit.Groups),
            (h["visitors"], r => r.Visit.Visitors),
            (h["targetGroup"], r => r.Visit.TargetGroup?.Chinese()),
            (h["setting"], r => r.Visit.Setting?.Chinese()),
            (h["place"], r => r.Visit.Place),
            (h["note"], r => r.Visit.Note),
        ], "接待记录");
    }

    private IQueryable<Venue> Filtered(VenueFilter filter)
    {
        var query = db.Venues.AsNoTracking();
        if (MarketSupport.RegionFilter(filter.Region) is { } region)
        {
            query = query.Where(v => RegionScope.Within(v.RegionCode, region));
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            query = query.Where(v => v.Name.Contains(q) || (v.Address != null && v.Address.Contains(q)));
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(v => v.Kind == kind);
        }

        if (filter.Level is { } level)
        {
            query = query.Where(v => v.Level == level);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(v => v.Status == status);
        }

        return query;
    }

    private IQueryable<VenueWithTotals> WithTotals(IQueryable<Venue> venues) => venues.Select(v => new VenueWithTotals(
        v,
        db.VenueVisits.Where(x => x.VenueId == v.Id).Sum(x => (long)x.Groups),
        db.VenueVisits.Where(x => x.VenueId == v.Id).Sum(x => (long)x.Visitors),
        db.VenueVisits.Count(x => x.VenueId == v.Id)));

    public async Task<VenueDto> GetAsync(Guid id, CancellationToken ct = default)
    {
        var venue = await db.Venues.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct) ?? throw new NotFoundException("科普阵地不存在");
        return await ToDtoAsync(venue, ct);
    }

    public async Task<VenueDto> CreateAsync(Actor actor, VenueRequest r, CancellationToken ct = default)
    {
        var venue = Venue.Create(ToData(r), actor);
        (await reference.GetAsync(db, ct)).RequireRegion(venue.RegionCode);
        db.Venues.Add(venue);
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(venue, ct);
    }

    public async Task<VenueDto> UpdateAsync(Actor actor, Guid id, VenueRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var venue = await FindAsync(id, expectedVersion, ct);
        venue.Update(ToData(r), actor);
        (await reference.GetAsync(db, ct)).RequireRegion(venue.RegionCode);
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(venue, ct);
    }

    public async Task<VenueVisitDto> RecordVisitAsync(Actor actor, Guid id, VenueVisitRequest r, CancellationToken ct = default)
    {
        var venue = await FindAsync(id, null, ct);
        var visit = venue.RecordVisit(new VenueVisitData(r.Day, r.Groups, r.Visitors, r.Place, r.Setting, r.TargetGroup, r.Note), actor);
        db.VenueVisits.Add(visit);
        await db.SaveChangesAsync(ct);
        return VenueVisitDto.From(visit);
    }

    /// <summary>Removes a mistaken visitor record (the audit trail keeps it).</summary>
    public async Task DeleteVisitAsync(Actor actor, Guid id, Guid visitId, CancellationToken ct = default)
    {
        var venue = await FindAsync(id, null, ct);
        venue.RequireManager(actor);
        var visit = await db.VenueVisits.FirstOrDefaultAsync(v => v.Id == visitId && v.VenueId == id, ct) ?? throw new NotFoundException("接待记录不存在");
        db.VenueVisits.Remove(visit);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A venue's visitor records, newest first; a year limits them to that year.</summary>
    public async Task<IReadOnlyList<VenueVisitDto>> VisitsAsync(Guid id, int? year, CancellationToken ct = default)
    {
        if (!await db.Venues.AnyAsync(v => v.Id == id, ct))
        {
            throw new NotFoundException("科普阵地不存在");
        }

        var query = db.VenueVisits.AsNoTracking().Where(v => v.VenueId == id);
        if (year is { } y)
        {
            var (from, to) = YearRange(y);
            query = query.Where(v => v.Day >= from && v.Day <= to);
        }

        var rows = await query.OrderByDescending(v => v.Day).ThenByDescending(v => v.CreatedAt).Take(1000).ToListAsync(ct);
        return rows.Select(VenueVisitDto.From).ToList();
    }

    /// <summary>
    /// Venues and visitors of a region subtree in a year. <paramref name="kinds"/> (comma-separated kind names) limits both,
    /// e.g. "MobileMuseum,SchoolMuseum" for "流动科技馆和中学科技馆全年接待团队…".
    /// </summary>
    public async Task<VenueStatisticsDto> StatisticsAsync(string? region, int? year, string? kinds, CancellationToken ct = default)
    {
        var code = MarketSupport.RegionFilter(region) ?? throw new DomainValidationException("region", "请选择地区");
        var y = year ?? MarketRules.ChinaDate(DateTimeOffset.UtcNow).Year;
        if (y is < 1950 or > 2100)
        {
            throw new DomainValidationException("year", "年份不正确");
        }

        return await StatisticsAsync(code, YearRange(y), kinds, ct);
    }

    /// <summary>
    /// Venues (accredited by the range's last day) and their visits within <paramref name="range"/>: a report period that need
    /// not be a calendar year ("2024年12月21日至2025年12月20日").
    /// </summary>
    public async Task<VenueStatisticsDto> StatisticsAsync(string code, DayRange range, string? kinds, CancellationToken ct = default)
    {
        var kindList = ParseKinds(kinds);
        var (from, to) = (range.First, range.Last);
        var venues = db.Venues.AsNoTracking().Where(v => RegionScope.Within(v.RegionCode, code) && v.Status != VenueStatus.Closed && (v.AccreditedOn == null || v.AccreditedOn <= to));
        var visits = db.VenueVisits.AsNoTracking().Where(v => RegionScope.Within(v.RegionCode, code) && v.Day >= from && v.Day <= to);
        if (kindList is not null)
        {
            venues = venues.Where(v => kindList.Contains(v.Kind));
            visits = visits.Where(x => db.Venues.Any(v => v.Id == x.VenueId && kindList.Contains(v.Kind)));
        }

        var counts = await venues.GroupBy(v => new { v.Kind, v.Level }).Select(g => new { g.Key.Kind, g.Key.Level, Count = g.Count() }).ToListAsync(ct);
        var visitRows = await visits
            .Join(db.Venues, x => x.VenueId, v => v.Id, (x, v) => new { v.Kind, x.TargetGroup, x.Setting, x.Groups, x.Visitors })
            .GroupBy(x => new { x.Kind, x.TargetGroup, x.Setting })
            .Select(g => new { g.Key.Kind, g.Key.TargetGroup, g.Key.Setting, Sessions = g.Count(), Groups = g.Sum(x => (long)x.Groups), Visitors = g.Sum(x => (long)x.Visitors) })
            .ToListAsync(ct);

        var byKind = counts.GroupBy(c => c.Kind).OrderBy(g => g.Key)
            .Select(g => new VenueKindCount(g.Key, g.Key.Chinese(), g.Sum(c => c.Count),
                g.OrderBy(c => c.Level).Select(c => new VenueLevelCount(c.Level, c.Level.Chinese(), c.Count)).ToList()))
            .ToList();
        var byLevel = counts.GroupBy(c => c.Level).OrderBy(g => g.Key).Select(g => new VenueLevelCount(g.Key, g.Key.Chinese(), g.Sum(c => c.Count))).ToList();
        var total = new VisitTotals("all", "合计", visitRows.Sum(r => r.Sessions), visitRows.Sum(r => r.Groups), visitRows.Sum(r => r.Visitors));
        var visitsByKind = visitRows.GroupBy(r => r.Kind).OrderBy(g => g.Key)
            .Select(g => new VisitTotals(g.Key.ToString(), g.Key.Chinese(), g.Sum(r => r.Sessions), g.Sum(r => r.Groups), g.Sum(r => r.Visitors))).ToList();
        var visitsByGroup = visitRows.Where(r => r.TargetGroup != null).GroupBy(r => r.TargetGroup!.Value).OrderBy(g => g.Key)
            .Select(g => new VisitTotals(g.Key.ToString(), g.Key.Chinese(), g.Sum(r => r.Sessions), g.Sum(r => r.Groups), g.Sum(r => r.Visitors))).ToList();
        var visitsBySetting = visitRows.Where(r => r.Setting != null).GroupBy(r => r.Setting!.Value).OrderBy(g => g.Key)
            .Select(g => new VisitTotals(g.Key.ToString(), g.Key.Chinese(), g.Sum(r => r.Sessions), g.Sum(r => r.Groups), g.Sum(r => r.Visitors))).ToList();

        var regionName = (await Lookups.RegionNamesAsync(db, [code], ct)).GetValueOrDefault(code, "所选地区");
        return new VenueStatisticsDto(
            code, regionName, to.Year, kindList?.Select(k => k.ToString()).ToList(), counts.Sum(c => c.Count), byKind, byLevel, total, visitsByKind, visitsByGroup, visitsBySetting,
            Summary(range, kindList, counts.Select(c => (c.Kind, c.Level, c.Count)).ToList(), total));
    }

    /// <summary>The report's sentence: "2020年，共有科普阵地20个：省级科普惠民共享基地4个、…；全年接待团队14个、观众14500人次，服务16场次。"</summary>
    public static string Summary(DayRange range, IReadOnlyList<VenueKind>? kinds, IReadOnlyList<(VenueKind Kind, VenueLevel Level, int Count)> counts, VisitTotals visits)
    {
        var subject = kinds is null ? "科普阵地" : string.Join("和", kinds.Select(k => k.Chinese()));
        var parts = counts.OrderBy(c => c.Level).ThenBy(c => c.Kind)
            .Select(c => $"{(c.Level == VenueLevel.Unrated ? string.Empty : c.Level.Chinese())}{c.Kind.Chinese()}{c.Count}个").ToList();
        var text = $"{PopularizationPeriod.Text(range)}，共有{subject}{counts.Sum(c => c.Count)}个";
        if (parts.Count > 0)
        {
            text += "：" + string.Join("、", parts);
        }

        return text + $"；{(PopularizationPeriod.IsYear(range) ? "全年" : "期间")}接待团队{visits.Groups}个、观众{visits.Visitors}人次，服务{visits.Sessions}场次。";
    }

    private static List<VenueKind>? ParseKinds(string? kinds)
    {
        if (string.IsNullOrWhiteSpace(kinds))
        {
            return null;
        }

        var list = new List<VenueKind>();
        foreach (var part in kinds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<VenueKind>(part, true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(part, out _))
            {
                throw new DomainValidationException("kinds", "阵地类型取值不正确");
            }

            if (!list.Contains(kind))
            {
                list.Add(kind);
            }
        }

        return list;
    }

    private sealed record VenueWithTotals(Venue Venue, long Groups, long Visitors, int Sessions);

    private static DayRange YearRange(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    private async Task<Venue> FindAsync(Guid id, int? expectedVersion, CancellationToken ct)
    {
        var venue = await db.Venues.FirstOrDefaultAsync(v => v.Id == id, ct) ?? throw new NotFoundException("科普阵地不存在");
        MarketSupport.CheckVersion(venue.Version, expectedVersion);
        return venue;
    }

    private async Task<VenueDto> ToDtoAsync(Venue venue, CancellationToken ct)
    {
        var sums = await db.VenueVisits.Where(v => v.VenueId == venue.Id)
            .GroupBy(v => v.VenueId)
            .Select(g => new { Groups = g.Sum(v => (long)v.Groups), Visitors = g.Sum(v => (long)v.Visitors), Sessions = g.Count() })
            .FirstOrDefaultAsync(ct);
        var names = await Lookups.RegionNamesAsync(db, [venue.RegionCode], ct);
        return ToDto(venue, names, sums?.Groups ?? 0, sums?.Visitors ?? 0, sums?.Sessions ?? 0);
    }

    private static VenueDto ToDto(Venue v, Dictionary<string, string> names, long groups, long visitors, int sessions) => new(
        v.Id, v.Name, v.Kind, v.Kind.Chinese(), v.Level, v.Level.Chinese(), v.RegionCode, names.GetValueOrDefault(v.RegionCode, "未知地区"), v.Address,
        v.AccreditedBy, v.AccreditedOn, v.Status, v.Status.Chinese(), v.OpenedOn, v.Note, groups, visitors, sessions, v.Version, v.CreatedAt);

    private static VenueData ToData(VenueRequest r) =>
        new(r.Name, r.Kind, r.Level, r.RegionCode, r.Address, r.AccreditedBy, r.AccreditedOn, r.Status, r.OpenedOn, r.Note);
}
