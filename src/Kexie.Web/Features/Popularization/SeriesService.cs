using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Indicators;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Market;
using Kexie.Web.Pages;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Popularization;

public sealed record ActivitySeriesRequest(string? RegionCode, int? Year, string? Name, ActivityKind Kind, DateOnly? StartsOn, DateOnly? EndsOn, string? Description = null);

/// <summary>A series; <see cref="Actions"/> holds <c>edit</c> for whoever may manage it.</summary>
public sealed record ActivitySeriesDto(
    Guid Id, string RegionCode, string RegionName, int Year, string Name, ActivityKind Kind, string KindName, DateOnly StartsOn, DateOnly EndsOn, string? Description,
    int Activities, int Version, IReadOnlyList<string> Actions);

/// <summary>One activity of a series with its registrations and tallied figures.</summary>
public sealed record SeriesActivityDto(
    Guid Id, string Title, string KindName, string RegionCode, string RegionName, DateOnly StartsOn, DateOnly EndsOn, string StatusName, int Registered, int CheckedIn,
    long Sessions, long Participants);

/// <summary>A township's (or the series region's own, 本级) part of a series: its activities, tallied figures and registrations.</summary>
public sealed record SeriesPlaceDto(
    string Key, string Name, int Activities, long Sessions, long Participants, long Consultations, long Boards, long Materials, long Books, long Items, int Registered, int CheckedIn);

/// <summary>A series with its activities, its figures by township (the next level below its region) and its sentence.</summary>
public sealed record ActivitySeriesDetailsDto(ActivitySeriesDto Series, IReadOnlyList<SeriesActivityDto> ActivityList, IReadOnlyList<SeriesPlaceDto> ByPlace, SeriesPlaceDto Totals, string? Summary);

/// <summary>A series an activity may join (the picker).</summary>
public sealed record SeriesOption(Guid Id, string Name, int Year);

/// <summary>
/// 活动系列 (科技活动周, 全国科普日, 科普月… of a region and year): public list and page with the figures of its activities summed by
/// township; the region's staff create and edit them, and activities join one through their own form (<see cref="ActivityRequest.SeriesId"/>).
/// </summary>
public sealed class SeriesService(KexieDbContext db, ReferenceCodesCache reference)
{
    public const string Edit = "edit";

    public async Task<IReadOnlyList<ActivitySeriesDto>> ListAsync(Actor actor, string? region, int? year, CancellationToken ct = default)
    {
        var query = db.ActivitySeries.AsNoTracking();
        if (MarketSupport.RegionFilter(region) is { } code)
        {
            query = query.Where(s => RegionScope.Within(s.RegionCode, code));
        }

        if (year is { } y)
        {
            query = query.Where(s => s.Year == y);
        }

        var rows = await query.OrderByDescending(s => s.Year).ThenBy(s => s.StartsOn).ThenBy(s => s.RegionCode).ThenBy(s => s.Id).Take(500)
            .Select(s => new { Series = s, Activities = db.PopularizationActivities.Count(a => a.SeriesId == s.Id) }).ToListAsync(ct);
        var names = await Lookups.RegionNamesAsync(db, rows.Select(r => r.Series.RegionCode), ct);
        return rows.Select(r => ToDto(r.Series, actor, names, r.Activities)).ToList();
    }

    public async Task<ActivitySeriesDetailsDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var series = await db.ActivitySeries.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("活动系列不存在");
        var activities = await db.PopularizationActivities.AsNoTracking().Where(a => a.SeriesId == id).OrderBy(a => a.StartsOn).ThenBy(a => a.RegionCode).ThenBy(a => a.Id)
            .Select(a => new
            {
                Activity = a,
                Registered = db.ActivityParticipants.Where(p => p.ActivityId == a.Id && p.Status != ParticipantStatus.Declined).Sum(p => p.Headcount),
                CheckedIn = db.ActivityParticipants.Where(p => p.ActivityId == a.Id && p.CheckedInAt != null).Sum(p => p.Headcount),
            }).ToListAsync(ct);
        var ids = activities.Select(a => a.Activity.Id).ToList();
        var tallies = await db.EventTallies.AsNoTracking().Where(t => ids.Contains(t.ActivityId))
            .Select(t => new { t.ActivityId, t.RegionCode, t.Sessions, t.Participants, t.Consultations, t.Boards, t.Materials, t.Books, t.Items }).ToListAsync(ct);

        var code = series.RegionCode;
        var childLength = code.Length switch { 2 => 4, 4 => 6, 6 => 9, 9 => 12, _ => code.Length };
        string Place(string region) => region.Length >= childLength ? region[..childLength] : code;
        var names = await Lookups.RegionNamesAsync(
            db, tallies.Select(t => Place(t.RegionCode)).Concat(activities.Select(a => Place(a.Activity.RegionCode))).Concat(activities.Select(a => a.Activity.RegionCode)).Append(code), ct);
        string Short(string key) => key == code ? "本级" : (names.GetValueOrDefault(key, "未知地区").Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "未知地区");

        var keys = tallies.Select(t => Place(t.RegionCode)).Concat(activities.Select(a => Place(a.Activity.RegionCode))).Distinct().OrderBy(k => k == code ? string.Empty : k, StringComparer.Ordinal).ToList();
        var byPlace = keys.Select(key =>
        {
            var there = tallies.Where(t => Place(t.RegionCode) == key).ToList();
            var held = activities.Where(a => Place(a.Activity.RegionCode) == key).ToList();
            return new SeriesPlaceDto(
                key, Short(key), there.Select(t => t.ActivityId).Concat(held.Select(a => a.Activity.Id)).Distinct().Count(),
                there.Sum(t => (long)t.Sessions), there.Sum(t => (long)t.Participants), there.Sum(t => (long)t.Consultations), there.Sum(t => (long)t.Boards),
                there.Sum(t => (long)t.Materials), there.Sum(t => (long)t.Books), there.Sum(t => (long)t.Items), held.Sum(a => a.Registered), held.Sum(a => a.CheckedIn));
        }).ToList();
        var totals = new SeriesPlaceDto(
            "all", "合计", activities.Count, byPlace.Sum(p => p.Sessions), byPlace.Sum(p => p.Participants), byPlace.Sum(p => p.Consultations), byPlace.Sum(p => p.Boards),
            byPlace.Sum(p => p.Materials), byPlace.Sum(p => p.Books), byPlace.Sum(p => p.Items), byPlace.Sum(p => p.Registered), byPlace.Sum(p => p.CheckedIn));

        var list = activities.Select(a =>
        {
            var mine = tallies.Where(t => t.ActivityId == a.Activity.Id).ToList();
            return new SeriesActivityDto(
                a.Activity.Id, a.Activity.Title, a.Activity.Kind.Chinese(), a.Activity.RegionCode,
                names.GetValueOrDefault(a.Activity.RegionCode, "未知地区").Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "未知地区",
                a.Activity.StartsOn, a.Activity.EndsOn, a.Activity.Status.Chinese(), a.Registered, a.CheckedIn, mine.Sum(t => (long)t.Sessions), mine.Sum(t => (long)t.Participants));
        }).ToList();
        return new ActivitySeriesDetailsDto(ToDto(series, actor, names, activities.Count), list, byPlace, totals, Summary(series, totals));
    }

    /// <summary>
    /// "2025年大英县科技活动周期间，共开展活动206场次，参与群众81200人次，…" — the tallied figures of the series' activities; null when nothing
    /// was tallied.
    /// </summary>
    public static string? Summary(ActivitySeries series, SeriesPlaceDto totals) =>
        totals.Sessions == 0
            ? null
            : $"{series.Name}期间，{EventTallyService.Figures(new TallyTotals("all", "合计", totals.Activities, totals.Sessions, totals.Participants, totals.Consultations, totals.Boards, totals.Materials, totals.Books, totals.Items))}。";

    /// <summary>The sentences of the series of exactly <paramref name="regionCode"/> (科技活动周, 全国科普日) that began in the report's days.</summary>
    public async Task<IReadOnlyList<string>> ReportSentencesAsync(string regionCode, DayRange period, CancellationToken ct = default)
    {
        var (first, last) = (period.First, period.Last);
        var ids = await db.ActivitySeries.AsNoTracking()
            .Where(s => s.RegionCode == regionCode && s.StartsOn >= first && s.StartsOn <= last && (s.Kind == ActivityKind.ScienceWeek || s.Kind == ActivityKind.NationalScienceDay))
            .OrderBy(s => s.StartsOn).ThenBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        var sentences = new List<string>();
        foreach (var id in ids)
        {
            if ((await GetAsync(Actor.Public, id, ct)).Summary is { Length: > 0 } summary)
            {
                sentences.Add(summary);
            }
        }

        return sentences;
    }

    public async Task<ActivitySeriesDto> CreateAsync(Actor actor, ActivitySeriesRequest r, CancellationToken ct = default)
    {
        var series = ActivitySeries.Create(ToData(r), actor);
        (await reference.GetAsync(db, ct)).RequireRegion(series.RegionCode);
        await RequireUniqueAsync(series, ct);
        db.ActivitySeries.Add(series);
        await db.SaveChangesAsync(ct);
        return ToDto(series, actor, await Lookups.RegionNamesAsync(db, [series.RegionCode], ct), 0);
    }

    public async Task<ActivitySeriesDto> UpdateAsync(Actor actor, Guid id, ActivitySeriesRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var series = await db.ActivitySeries.FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("活动系列不存在");
        MarketSupport.CheckVersion(series.Version, expectedVersion);
        series.Update(ToData(r), actor);
        await RequireUniqueAsync(series, ct);
        await db.SaveChangesAsync(ct);
        var count = await db.PopularizationActivities.CountAsync(a => a.SeriesId == id, ct);
        return ToDto(series, actor, await Lookups.RegionNamesAsync(db, [series.RegionCode], ct), count);
    }

    /// <summary>The series an activity of <paramref name="regionCode"/> may join: those of the region itself and the regions above it, newest first.</summary>
    public async Task<IReadOnlyList<SeriesOption>> OptionsAsync(string? regionCode, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(regionCode))
        {
            return [];
        }

        var code = regionCode.Trim();
        var above = new[] { 2, 4, 6, 9, 12 }.Where(n => n <= code.Length).Select(n => code[..n]).ToList();
        return await db.ActivitySeries.AsNoTracking().Where(s => above.Contains(s.RegionCode))
            .OrderByDescending(s => s.Year).ThenBy(s => s.StartsOn).ThenBy(s => s.Id).Take(100).Select(s => new SeriesOption(s.Id, s.Name, s.Year)).ToListAsync(ct);
    }

    private async Task RequireUniqueAsync(ActivitySeries series, CancellationToken ct)
    {
        if (await db.ActivitySeries.AnyAsync(s => s.Id != series.Id && s.RegionCode == series.RegionCode && s.Year == series.Year && s.Name == series.Name, ct))
        {
            throw new DomainValidationException("name", $"本地区{series.Year}年已有“{series.Name}”");
        }
    }

    private static ActivitySeriesData ToData(ActivitySeriesRequest r) => new(r.RegionCode?.Trim(), r.Year, r.Name, r.Kind, r.StartsOn, r.EndsOn, r.Description);

    private static ActivitySeriesDto ToDto(ActivitySeries s, Actor actor, Dictionary<string, string> names, int activities) => new(
        s.Id, s.RegionCode, names.GetValueOrDefault(s.RegionCode, "未知地区"), s.Year, s.Name, s.Kind, s.Kind.Chinese(), s.StartsOn, s.EndsOn, s.Description, activities, s.Version,
        s.MayManage(actor) ? [Edit] : []);
}
