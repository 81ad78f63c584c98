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

/// <summary>An e-station; contact name and phone only for the managers of its region.</summary>
public sealed record EStationDto(
    Guid Id, string Name, EStationSiteKind SiteKind, string SiteKindName, string RegionCode, string? Address, string? ContactName, string? ContactPhone,
    EStationStatus Status, string StatusName, long Visits, long Interactions, int Version, DateTimeOffset CreatedAt)
{
    public static EStationDto From(EStation s, long visits, long interactions, bool withContact) => new(
        s.Id, s.Name, s.SiteKind, s.SiteKind.Chinese(), s.RegionCode, s.Address, withContact ? s.ContactName : null, withContact ? s.ContactPhone : null,
        s.Status, s.Status.Chinese(), visits, interactions, s.Version, s.CreatedAt);
}

public sealed record UsageDto(Guid Id, Guid StationId, DateOnly Day, int Visits, int Interactions, int Total)
{
    public static UsageDto From(EStationUsage u) => new(u.Id, u.StationId, u.Day, u.Visits, u.Interactions, u.Total);
}

/// <summary>
/// 科普e站: the public directory of stations (without contacts), managed by the region's staff, who log each day's
/// visits and interactions (one row per station and day; logging a day again corrects it).
/// </summary>
public sealed class EStationService(KexieDbContext db, ReferenceCodesCache reference)
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
                Visits = db.EStationUsages.Where(u => u.StationId == s.Id).Sum(u => (long)u.Visits),
                Interactions = db.EStationUsages.Where(u => u.StationId == s.Id).Sum(u => (long)u.Interactions),
            })
            .ToListAsync(ct);
        return new PagedResult<EStationDto>(rows.Select(r => EStationDto.From(r.Station, r.Visits, r.Interactions, r.Station.MayManage(actor))).ToList(), total, page.Page, page.PageSize);
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
        var sums = await db.EStationUsages.Where(u => u.StationId == station.Id)
            .GroupBy(u => u.StationId)
            .Select(g => new { Visits = g.Sum(u => (long)u.Visits), Interactions = g.Sum(u => (long)u.Interactions) })
            .FirstOrDefaultAsync(ct);
        return EStationDto.From(station, sums?.Visits ?? 0, sums?.Interactions ?? 0, station.MayManage(actor));
    }

    private static EStationData ToData(EStationRequest r) => new(r.Name, r.SiteKind, r.RegionCode, r.Address, r.ContactName, r.ContactPhone);
}
