using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Popularization;

public sealed record EStationFilter(string? Q = null, string? Region = null, EStationSiteKind? SiteKind = null, EStationStatus? Status = null, int? Page = null, int? PageSize = null);

public sealed record EStationRequest(string? Name, EStationSiteKind SiteKind, string? RegionCode, string? Address, string? ContactName = null, string? ContactPhone = null);

public sealed record UsageRequest(int Visits, int Interactions);

/// <summary>
/// An e-station; contact name and phone only for the managers of its region. <see cref="Visits"/> and <see cref="Interactions"/>
/// add up each day as it was counted: by its kiosks (views; likes and questions) where they reported, else as typed in.
/// <see cref="KioskOffline"/>: null without kiosk devices, true when none of them sent a heartbeat lately (离线).
/// </summary>
public sealed record EStationDto(
    Guid Id, string Name, EStationSiteKind SiteKind, string SiteKindName, string RegionCode, string? Address, string? ContactName, string? ContactPhone,
    EStationStatus Status, string StatusName, long Visits, long Interactions, int Version, DateTimeOffset CreatedAt, bool? KioskOffline = null)
{
    public static EStationDto From(EStation s, long visits, long interactions, bool withContact, bool? offline = null) => new(
        s.Id, s.Name, s.SiteKind, s.SiteKind.Chinese(), s.RegionCode, s.Address, withContact ? s.ContactName : null, withContact ? s.ContactPhone : null,
        s.Status, s.Status.Chinese(), visits, interactions, s.Version, s.CreatedAt, offline);
}

/// <summary>A day of use: typed in (visits, interactions) or counted by the kiosks (views, likes, questions, heartbeats); <see cref="Total"/> is what S03 counts.</summary>
public sealed record UsageDto(Guid Id, Guid StationId, DateOnly Day, int Visits, int Interactions, int Total, bool SystemCounted = false, int KioskViews = 0, int KioskLikes = 0, int KioskQuestions = 0, int Heartbeats = 0, int KioskQuizzes = 0)
{
    public static UsageDto From(EStationUsage u) => new(u.Id, u.StationId, u.Day, u.Visits, u.Interactions, u.Total, u.IsSystemCounted, u.KioskViews, u.KioskLikes, u.KioskQuestions, u.Heartbeats, u.KioskQuizzes);
}

/// <summary>
/// 科普e站: the public directory of stations (without contacts), managed by the region's staff, who log each day's
/// visits and interactions (one row per station and day; logging a day again corrects it).
/// </summary>
public sealed class EStationService(KexieDbContext db, ReferenceCodesCache reference, IConfiguration configuration)
{
    public async Task<PagedResult<EStationDto>> ListAsync(Actor actor, EStationFilter filter, CancellationToken ct = default)
    {
        var page = PageRequest.Of(filter.Page, filter.PageSize);
        var query = db.EStations.AsNoTracking();
        if (MarketSupport.RegionFilter(filter.Region) is { } region)
        {
            query = query.Where(s => RegionScope.Within(s.RegionCode, region));
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            query = query.Where(s => s.Name.Contains(q) || (s.Address != null && s.Address.Contains(q)));
        }

        if (filter.SiteKind is { } kind)
        {
            query = query.Where(s => s.SiteKind == kind);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(s => s.Status == status);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(s => s.RegionCode).ThenBy(s => s.Name).ThenBy(s => s.Id).Skip(page.Skip).Take(page.PageSize)
            .Select(s => new
            {
                Station = s,
                Visits = db.EStationUsages.Where(u => u.StationId == s.Id)
                    .Sum(u => (long)(u.KioskViews + u.KioskLikes + u.KioskQuestions + u.KioskQuizzes + u.Heartbeats > 0 ? u.KioskViews : u.Visits)),
                Interactions = db.EStationUsages.Where(u => u.StationId == s.Id)
                    .Sum(u => (long)(u.KioskViews + u.KioskLikes + u.KioskQuestions + u.KioskQuizzes + u.Heartbeats > 0 ? u.KioskLikes + u.KioskQuestions + u.KioskQuizzes : u.Interactions)),
            })
            .ToListAsync(ct);
        var offline = await OfflineAsync(rows.Select(r => r.Station.Id).ToList(), ct);
        return new PagedResult<EStationDto>(
            rows.Select(r => EStationDto.From(r.Station, r.Visits, r.Interactions, r.Station.MayManage(actor), offline.TryGetValue(r.Station.Id, out var o) ? o : null)).ToList(),
            total, page.Page, page.PageSize);
    }

    /// <summary>After how long without a heartbeat a kiosk counts as offline: <c>Popularization:KioskOfflineMinutes</c>, 30 by default.</summary>
    public TimeSpan OfflineAfter => KioskSupport.OfflineAfter(configuration);

    /// <summary>Per station with active kiosk devices: whether all of them are offline (离线).</summary>
    public async Task<Dictionary<Guid, bool>> OfflineAsync(IReadOnlyCollection<Guid> stationIds, CancellationToken ct = default)
    {
        var ids = stationIds.ToList();
        var now = DateTimeOffset.UtcNow;
        var devices = await db.EStationDevices.AsNoTracking().Where(d => ids.Contains(d.StationId) && d.RevokedAt == null).ToListAsync(ct);
        return devices.GroupBy(d => d.StationId).ToDictionary(g => g.Key, g => g.All(d => d.IsOffline(now, OfflineAfter)));
    }

    public async Task<EStationDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var station = await db.EStations.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("科普e站不存在");
        return await ToDtoAsync(actor, station, ct);
    }

    public async Task<EStationDto> CreateAsync(Actor actor, EStationRequest r, CancellationToken ct = default)
    {
        var station = EStation.Create(ToData(r), actor);
        (await reference.GetAsync(db, ct)).RequireRegion(station.RegionCode);
        db.EStations.Add(station);
        await db.SaveChangesAsync(ct);
        return EStationDto.From(station, 0, 0, true);
    }

    public async Task<EStationDto> UpdateAsync(Actor actor, Guid id, EStationRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var station = await FindAsync(id, expectedVersion, ct);
        station.Update(ToData(r), actor);
        (await reference.GetAsync(db, ct)).RequireRegion(station.RegionCode);
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(actor, station, ct);
    }

    public async Task<EStationDto> SetActiveAsync(Actor actor, Guid id, bool active, int? expectedVersion, CancellationToken ct = default)
    {
        var station = await FindAsync(id, expectedVersion, ct);
        if (active)
        {
            station.Resume(actor);
        }
        else
        {
            station.Suspend(actor);
        }

        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(actor, station, ct);
    }

    /// <summary>Logs (or corrects) the usage of one China day.</summary>
    public async Task<UsageDto> LogUsageAsync(Actor actor, Guid id, DateOnly day, UsageRequest r, CancellationToken ct = default)
    {
        var station = await FindAsync(id, null, ct);
        var existing = await db.EStationUsages.FirstOrDefaultAsync(u => u.StationId == id && u.Day == day, ct);
        var usage = station.LogUsage(day, r.Visits, r.Interactions, actor, existing);
        if (existing is null)
        {
            db.EStationUsages.Add(usage);
        }

        await db.SaveChangesAsync(ct);
        return UsageDto.From(usage);
    }

    /// <summary>The daily usage rows of a station, newest first (public: counts only).</summary>
    public async Task<IReadOnlyList<UsageDto>> UsageAsync(Guid id, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        if (!await db.EStations.AnyAsync(s => s.Id == id, ct))
        {
            throw new NotFoundException("科普e站不存在");
        }

        if (from is { } f && to is { } t && f > t)
        {
            throw new DomainValidationException("to", "结束日期不能早于开始日期");
        }

        var query = db.EStationUsages.AsNoTracking().Where(u => u.StationId == id);
        if (from is { } a)
        {
            query = query.Where(u => u.Day >= a);
        }

        if (to is { } b)
        {
            query = query.Where(u => u.Day <= b);
        }

        var rows = await query.OrderByDescending(u => u.Day).Take(366).ToListAsync(ct);
        return rows.Select(UsageDto.From).ToList();
    }

    private async Task<EStation> FindAsync(Guid id, int? expectedVersion, CancellationToken ct)
    {
        var station = await db.EStations.FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("科普e站不存在");
        MarketSupport.CheckVersion(station.Version, expectedVersion);
        return station;
    }

    private async Task<EStationDto> ToDtoAsync(Actor actor, EStation station, CancellationToken ct)
    {
        var days = await db.EStationUsages.AsNoTracking().Where(u => u.StationId == station.Id).ToListAsync(ct);
        var offline = await OfflineAsync([station.Id], ct);
        return EStationDto.From(
            station,
            days.Sum(u => (long)(u.IsSystemCounted ? u.KioskViews : u.Visits)),
            days.Sum(u => (long)(u.IsSystemCounted ? u.KioskLikes + u.KioskQuestions + u.KioskQuizzes : u.Interactions)),
            station.MayManage(actor),
            offline.TryGetValue(station.Id, out var o) ? o : null);
    }

    private static EStationData ToData(EStationRequest r) => new(r.Name, r.SiteKind, r.RegionCode, r.Address, r.ContactName, r.ContactPhone);
}
