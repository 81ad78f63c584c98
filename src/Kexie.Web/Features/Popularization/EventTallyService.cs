using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Indicators;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Market;
using Kexie.Web.Pages;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Popularization;

public sealed record EventTallyRequest(
    string? RegionCode, DateOnly? Day, int Sessions = 1, int Participants = 0, int Consultations = 0, int Boards = 0, int Materials = 0, int Books = 0, int Items = 0,
    ServiceSetting? Setting = null, TargetGroup? TargetGroup = null, string? Note = null);

/// <remarks><see cref="EvidenceCount"/> is public; <see cref="Evidence"/> (file names) is listed only to those who may see the evidence
/// (the managers of the tally's place and above), empty for anyone else.</remarks>
public sealed record EventTallyDto(
    Guid Id, Guid ActivityId, string RegionCode, string RegionName, DateOnly Day, int Sessions, int Participants, int Consultations, int Boards, int Materials,
    int Books, int Items, ServiceSetting? Setting, string? SettingName, TargetGroup? TargetGroup, string? TargetGroupName, string? Note,
    int EvidenceCount = 0, IReadOnlyList<TallyEvidenceDto>? Evidence = null);

/// <summary>A 佐证材料 file of a tally.</summary>
public sealed record TallyEvidenceDto(Guid Id, Guid TallyId, string FileName, string ContentType, long SizeBytes, bool IsImage, DateTimeOffset UploadedAt)
{
    public static TallyEvidenceDto From(EventTallyEvidence e) => new(e.Id, e.TallyId, e.FileName, e.ContentType, e.SizeBytes, e.IsImage, e.CreatedAt);
}

/// <summary>Tallies summed: 场次, 参与人次, 咨询人次, 展板, 宣传资料, 科普丛书, 科普实物; checked-in registrations beside them.</summary>
public sealed record TallyTotals(string Key, string Name, int Events, long Sessions, long Participants, long Consultations, long Boards, long Materials, long Books, long Items);

/// <summary>Mass-event reach of a region subtree in a year (optionally one kind of activity, the series), with the report's sentence.</summary>
public sealed record EventTallyStatisticsDto(
    string RegionCode, string RegionName, int Year, ActivityKind? Kind, string? KindName, TallyTotals Totals, long CheckedIn, IReadOnlyList<TallyTotals> ByKind,
    IReadOnlyList<TallyTotals> ByRegion, IReadOnlyList<TallyTotals> ByTargetGroup, IReadOnlyList<TallyTotals> BySetting, string Summary,
    IReadOnlyList<PartnerCount>? Partners = null, int PartneredActivities = 0, string? PartnerSummary = null);

/// <summary>A partner unit (主办/承办/协办/支持) of the year's activities: its name as printed, its roles, how many activities it joined.</summary>
public sealed record PartnerCount(string Name, IReadOnlyList<string> Roles, int Activities);

/// <summary>
/// 活动统计 of mass events: the staff of a place record what they counted (people who never register one by one), and the
/// figures are summed for any region subtree and year, by kind of activity (科技活动周, 全国科普日… as a series across
/// townships), by the next level of regions, target group and setting.
/// </summary>
public sealed class EventTallyService(KexieDbContext db, ReferenceCodesCache reference, IFileStore store)
{
    /// <summary>The tallies of an activity; <paramref name="actor"/> decides whose evidence files are listed (see <see cref="EventTallyDto"/>).</summary>
    public async Task<IReadOnlyList<EventTallyDto>> ListAsync(Guid activityId, CancellationToken ct = default) => await ListAsync(Actor.Public, activityId, ct);

    public async Task<IReadOnlyList<EventTallyDto>> ListAsync(Actor actor, Guid activityId, CancellationToken ct = default)
    {
        if (!await db.PopularizationActivities.AnyAsync(a => a.Id == activityId, ct))
        {
            throw new NotFoundException("科普活动不存在");
        }

        var rows = await db.EventTallies.AsNoTracking().Where(t => t.ActivityId == activityId).OrderBy(t => t.Day).ThenBy(t => t.RegionCode).ThenBy(t => t.CreatedAt).Take(2000).ToListAsync(ct);
        var names = await Lookups.RegionNamesAsync(db, rows.Select(r => r.RegionCode), ct);
        var evidence = (await db.EventTallyEvidence.AsNoTracking().Where(e => e.ActivityId == activityId).OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync(ct))
            .ToLookup(e => e.TallyId);
        return rows.Select(r =>
        {
            var files = evidence[r.Id].ToList();
            var shown = EventTallyEvidence.MaySee(actor, r.RegionCode) ? files.Select(TallyEvidenceDto.From).ToList() : [];
            return ToDto(r, names) with { EvidenceCount = files.Count, Evidence = shown };
        }).ToList();
    }

    /// <summary>
    /// Uploads a 佐证材料 file (JPG, PNG or PDF within the store's limits) to a tally, by the staff who may record it there. The bytes
    /// are stored first and deleted again when the record is refused.
    /// </summary>
    public async Task<TallyEvidenceDto> AttachEvidenceAsync(Actor actor, Guid activityId, Guid tallyId, IFormFile? file, CancellationToken ct = default)
    {
        var tally = await db.EventTallies.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tallyId && t.ActivityId == activityId, ct) ?? throw new NotFoundException("活动统计不存在");
        if (!tally.MayRemove(actor))
        {
            throw new NotPermittedException("只有登记该统计地点的服务中心工作人员或科协管理员可以上传佐证材料");
        }

        var upload = await UploadInspector.InspectAsync(file, ct);
        var existing = await db.EventTallyEvidence.CountAsync(e => e.TallyId == tallyId, ct);
        EventTallyEvidence? attached = null;
        await store.SaveThenRecordAsync(upload, async data =>
        {
            attached = EventTallyEvidence.Attach(tally, data, existing, actor);
            db.EventTallyEvidence.Add(attached);
            await db.SaveChangesAsync(ct);
            return attached;
        }, ct);
        return TallyEvidenceDto.From(attached!);
    }

    /// <summary>An evidence file, for the managers of the tally's place (and above); anyone else: not found, naming nothing.</summary>
    public async Task<FileDownload> EvidenceAsync(Actor actor, Guid activityId, Guid tallyId, Guid evidenceId, CancellationToken ct = default)
    {
        var evidence = await db.EventTallyEvidence.AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId && e.TallyId == tallyId && e.ActivityId == activityId, ct);
        if (evidence is null || !EventTallyEvidence.MaySee(actor, evidence.RegionCode))
        {
            throw new NotFoundException("佐证材料不存在");
        }

        return await store.DownloadAsync(evidence.StorageKey, evidence.ContentType, evidence.FileName, ct, missing: "佐证材料不存在");
    }

    /// <summary>Removes an evidence file (tallies do not lock: any time, by the staff who may record the tally); the stored bytes go after the save.</summary>
    public async Task DeleteEvidenceAsync(Actor actor, Guid activityId, Guid tallyId, Guid evidenceId, CancellationToken ct = default)
    {
        var evidence = await db.EventTallyEvidence.FirstOrDefaultAsync(e => e.Id == evidenceId && e.TallyId == tallyId && e.ActivityId == activityId, ct);
        if (evidence is null || !EventTallyEvidence.MaySee(actor, evidence.RegionCode))
        {
            throw new NotFoundException("佐证材料不存在");
        }

        db.EventTallyEvidence.Remove(evidence);
        await db.SaveChangesAsync(ct);
        await store.DeleteAsync(evidence.StorageKey, CancellationToken.None);
    }

    public async Task<EventTallyDto> RecordAsync(Actor actor, Guid activityId, EventTallyRequest r, CancellationToken ct = default)
    {
        var activity = await db.PopularizationActivities.FirstOrDefaultAsync(a => a.Id == activityId, ct) ?? throw new NotFoundException("科普活动不存在");
        var tally = EventTally.Record(
            activity, new EventTallyData(r.RegionCode, r.Day, r.Sessions, r.Participants, r.Consultations, r.Boards, r.Materials, r.Books, r.Items, r.Setting, r.TargetGroup, r.Note), actor);
        (await reference.GetAsync(db, ct)).RequireRegion(tally.RegionCode);
        db.EventTallies.Add(tally);
        await db.SaveChangesAsync(ct);
        return ToDto(tally, await Lookups.RegionNamesAsync(db, [tally.RegionCode], ct));
    }

    /// <summary>Removes a mistaken tally (the audit trail keeps it).</summary>
    public async Task DeleteAsync(Actor actor, Guid activityId, Guid tallyId, CancellationToken ct = default)
    {
        var tally = await db.EventTallies.FirstOrDefaultAsync(t => t.Id == tallyId && t.ActivityId == activityId, ct) ?? throw new NotFoundException("活动统计不存在");
        if (!tally.MayRemove(actor))
        {
            throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以删除活动统计");
        }

        var evidence = await db.EventTallyEvidence.Where(e => e.TallyId == tallyId).ToListAsync(ct);
        db.EventTallyEvidence.RemoveRange(evidence);
        db.EventTallies.Remove(tally);
        await db.SaveChangesAsync(ct);
        foreach (var e in evidence)
        {
            await store.DeleteAsync(e.StorageKey, CancellationToken.None);
        }
    }

    public async Task<EventTallyStatisticsDto> StatisticsAsync(string? region, int? year, ActivityKind? kind, CancellationToken ct = default)
    {
        var code = MarketSupport.RegionFilter(region) ?? throw new DomainValidationException("region", "请选择地区");
        var y = year ?? MarketRules.ChinaDate(DateTimeOffset.UtcNow).Year;
        if (y is < 1950 or > 2100)
        {
            throw new DomainValidationException("year", "年份不正确");
        }

        if (kind is { } k && !Enum.IsDefined(k))
        {
            throw new DomainValidationException("kind", "活动类型取值不正确");
        }

        return await StatisticsAsync(code, new DayRange(new DateOnly(y, 1, 1), new DateOnly(y, 12, 31)), kind, ct);
    }

    /// <summary>The tallies of a region subtree dated within <paramref name="range"/> (a report period, not necessarily a calendar year).</summary>
    public async Task<EventTallyStatisticsDto> StatisticsAsync(string code, DayRange range, ActivityKind? kind, CancellationToken ct = default)
    {
        var (from, to) = (range.First, range.Last);
        var tallies = db.EventTallies.AsNoTracking().Where(t => RegionScope.Within(t.RegionCode, code) && t.Day >= from && t.Day <= to)
            .Join(db.PopularizationActivities, t => t.ActivityId, a => a.Id, (t, a) => new { Tally = t, a.Kind });
        if (kind is { } only)
        {
            tallies = tallies.Where(x => x.Kind == only);
        }

        var rows = await tallies.Select(x => new TallyRow(
            x.Kind, x.Tally.ActivityId, x.Tally.RegionCode, x.Tally.Setting, x.Tally.TargetGroup, x.Tally.Sessions, x.Tally.Participants, x.Tally.Consultations,
            x.Tally.Boards, x.Tally.Materials, x.Tally.Books, x.Tally.Items)).ToListAsync(ct);

        // Registrations checked in at activities of the subtree that started in the year, beside the tallies.
        var checkedInQuery = db.ActivityParticipants.Where(p => RegionScope.Within(p.RegionCode, code) && p.CheckedInAt != null)
            .Join(db.PopularizationActivities, p => p.ActivityId, a => a.Id, (p, a) => a)
            .Where(a => a.StartsOn >= from && a.StartsOn <= to);
        if (kind is { } only2)
        {
            checkedInQuery = checkedInQuery.Where(a => a.Kind == only2);
        }

        var checkedIn = await checkedInQuery.CountAsync(ct);

        var childLength = code.Length switch { 2 => 4, 4 => 6, 6 => 9, _ => code.Length };
        var childCodes = rows.Select(r => r.RegionCode.Length >= childLength ? r.RegionCode[..childLength] : r.RegionCode).Distinct().ToList();
        var names = await Lookups.RegionNamesAsync(db, childCodes.Append(code), ct);

        static TallyTotals Sum(string key, string name, IEnumerable<TallyRow> group)
        {
            var list = group.ToList();
            return new TallyTotals(
                key, name, list.Select(r => r.ActivityId).Distinct().Count(), list.Sum(r => (long)r.Sessions), list.Sum(r => (long)r.Participants),
                list.Sum(r => (long)r.Consultations), list.Sum(r => (long)r.Boards), list.Sum(r => (long)r.Materials), list.Sum(r => (long)r.Books), list.Sum(r => (long)r.Items));
        }

        var totals = Sum("all", "合计", rows);
        var byKind = rows.GroupBy(r => r.Kind).OrderBy(g => g.Key).Select(g => Sum(g.Key.ToString(), g.Key.Chinese(), g)).ToList();
        var byRegion = rows.GroupBy(r => r.RegionCode.Length >= childLength ? r.RegionCode[..childLength] : r.RegionCode).OrderBy(g => g.Key)
            .Select(g => Sum(g.Key, g.Key == code ? "本级" : ShortName(names.GetValueOrDefault(g.Key, "未知地区")), g)).ToList();
        var byGroup = rows.Where(r => r.TargetGroup != null).GroupBy(r => r.TargetGroup!.Value).OrderBy(g => g.Key).Select(g => Sum(g.Key.ToString(), g.Key.Chinese(), g)).ToList();
        var bySetting = rows.Where(r => r.Setting != null).GroupBy(r => r.Setting!.Value).OrderBy(g => g.Key).Select(g => Sum(g.Key.ToString(), g.Key.Chinese(), g)).ToList();
        var (partners, partnered) = await PartnersAsync(code, range, kind, ct);
        var regionName = names.GetValueOrDefault(code, "所选地区");
        return new EventTallyStatisticsDto(
            code, regionName, to.Year, kind, kind?.Chinese(), totals, checkedIn, byKind, byRegion, byGroup, bySetting, Summary(range, kind, totals),
            partners, partnered, PartnerSentence(range, await RegionShortNameAsync(code, ct), partners, partnered));
    }

    /// <summary>
    /// The partner units (<see cref="ActivityPartner"/>) of the subtree's activities begun in <paramref name="range"/> (not cancelled;
    /// optionally one kind), most activities first (ties by name), and how many activities had any. The host itself is left out:
    /// the 科协 (科学技术协会) of the statistics' region and of the regions below it down to the activity's own (the report's
    /// association and its townships' — <see cref="HostNames"/>); another association (遂宁市科协 co-organizing in 大英县, 射洪市科协)
    /// is a partner like any unit.
    /// </summary>
    public async Task<(IReadOnlyList<PartnerCount> Partners, int Activities)> PartnersAsync(string code, DayRange range, ActivityKind? kind, CancellationToken ct = default)
    {
        var (from, to) = (range.First, range.Last);
        var activities = db.PopularizationActivities.AsNoTracking()
            .Where(a => RegionScope.Within(a.RegionCode, code) && a.Status != ActivityStatus.Cancelled && a.StartsOn >= from && a.StartsOn <= to);
        if (kind is { } only)
        {
            activities = activities.Where(a => a.Kind == only);
        }

        var rows = await db.ActivityPartners.AsNoTracking()
            .Join(activities, p => p.ActivityId, a => a.Id, (p, a) => new { p.ActivityId, p.Name, p.Role, a.RegionCode })
            .ToListAsync(ct);
        if (rows.Any(r => IsAssociation(r.Name)))
        {
            // The regions from the statistics' one down to each activity's: their names make the host's.
            var path = rows.Select(r => r.RegionCode).Distinct(StringComparer.Ordinal)
                .SelectMany(c => Enumerable.Range(code.Length, Math.Max(0, c.Length - code.Length + 1)).Select(n => c[..n])).Distinct(StringComparer.Ordinal).ToList();
            var names = await db.Regions.AsNoTracking().Where(r => path.Contains(r.Code)).Select(r => new { r.Code, r.Name }).ToListAsync(ct);
            var own = names.FirstOrDefault(n => n.Code == code)?.Name;
            rows = rows.Where(r => !HostNames(own, names.Where(n => RegionScope.Within(r.RegionCode, n.Code)).Select(n => n.Name)).Contains(r.Name.Trim())).ToList();
        }

        var partners = rows.GroupBy(r => r.Name.Trim(), StringComparer.Ordinal)
            .Select(g => new PartnerCount(g.Key, g.Select(r => r.Role).Distinct().Order().Select(r => r.Chinese()).ToList(), g.Select(r => r.ActivityId).Distinct().Count()))
            .OrderByDescending(p => p.Activities).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        return (partners, rows.Select(r => r.ActivityId).Distinct().Count());
    }

    /// <summary>The region's own name ("大英县"), as partner names begin with it.</summary>
    public async Task<string> RegionShortNameAsync(string code, CancellationToken ct = default) =>
        await db.Regions.AsNoTracking().Where(r => r.Code == code).Select(r => r.Name).FirstOrDefaultAsync(ct) ?? string.Empty;

    /// <summary>A 科协 by its name (ends in 科协 or 科学技术协会).</summary>
    public static bool IsAssociation(string name) =>
        name.Trim().EndsWith("科协", StringComparison.Ordinal) || name.Trim().EndsWith("科学技术协会", StringComparison.Ordinal);

    /// <summary>
    /// The names the host association goes by: 科协 and 科学技术协会 of each region given ("大英县科协", "蓬莱镇科学技术协会"), with
    /// its name less the level ("大英科协"), and of the statistics' own region as its report writes it ("县科协").
    /// </summary>
    public static IReadOnlySet<string> HostNames(string? ownRegionName, IEnumerable<string> regionNames)
    {
        var hosts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in regionNames)
        {
            var stems = name.Length > 2 && "县市区州旗省镇乡".Contains(name[^1], StringComparison.Ordinal) ? new[] { name, name[..^1] } : new[] { name };
            foreach (var stem in stems)
            {
                hosts.Add(stem + "科协");
                hosts.Add(stem + "科学技术协会");
            }
        }

        if (ownRegionName is { Length: > 0 } own && "县市区州旗省".Contains(own[^1], StringComparison.Ordinal))
        {
            hosts.Add(own[^1] + "科协");
            hosts.Add(own[^1] + "科学技术协会");
        }

        return hosts;
    }

    /// <summary>
    /// "2020年，联合县农业农村局、县卫生健康局等6家单位开展科普活动46场次。" — the two units of most activities named (a name beginning
    /// with the region's own name printed as the seeds do: 大英县农业农村局 → 县农业农村局), the count of units and of the activities
    /// held with any of them; null without partners.
    /// </summary>
    public static string? PartnerSentence(DayRange range, string regionName, IReadOnlyList<PartnerCount> partners, int activities)
    {
        if (partners.Count == 0 || activities == 0)
        {
            return null;
        }

        var named = string.Join("、", partners.Take(2).Select(p => LocalName(p.Name, regionName)));
        var units = partners.Count > 2 ? $"{named}等{partners.Count}家单位" : named;
        return $"{PopularizationPeriod.Text(range)}，联合{units}开展科普活动{activities}场次。";
    }

    /// <summary>"大英县农业农村局" in 大英县's report → "县农业农村局"; other names unchanged.</summary>
    public static string LocalName(string name, string regionName)
    {
        if (regionName.Length < 2 || !name.StartsWith(regionName, StringComparison.Ordinal) || name.Length == regionName.Length)
        {
            return name;
        }

        var level = regionName[^1];
        return "县市区州旗省".Contains(level, StringComparison.Ordinal) ? level + name[regionName.Length..] : name;
    }

    /// <summary>"2025年科技活动周期间，共开展活动200场次，参与群众80000人次，展出宣传展板1000块，…" — only the figures that were counted.</summary>
    public static string Summary(DayRange range, ActivityKind? kind, TallyTotals t) =>
        $"{PopularizationPeriod.Text(range)}{(kind is { } k ? k.Chinese() + "期间" : "各类科普活动中")}，{Figures(t)}。";

    /// <summary>"共开展活动206场次，参与群众81200人次，…，赠送科普实物25000件、科普丛书30150册" — only the figures that were counted.</summary>
    public static string Figures(TallyTotals t)
    {
        var parts = new List<string> { $"共开展活动{t.Sessions}场次" };
        if (t.Participants > 0)
        {
            parts.Add($"参与群众{t.Participants}人次");
        }

        if (t.Boards > 0)
        {
            parts.Add($"展出宣传展板{t.Boards}块");
        }

        if (t.Consultations > 0)
        {
            parts.Add($"接受群众咨询{t.Consultations}人次");
        }

        if (t.Materials > 0)
        {
            parts.Add($"发放宣传资料{t.Materials}份");
        }

        var gifts = new List<string>();
        if (t.Items > 0)
        {
            gifts.Add($"科普实物{t.Items}件");
        }

        if (t.Books > 0)
        {
            gifts.Add($"科普丛书{t.Books}册");
        }

        if (gifts.Count > 0)
        {
            parts.Add("赠送" + string.Join("、", gifts));
        }

        return string.Join("，", parts);
    }

    private sealed record TallyRow(
        ActivityKind Kind, Guid ActivityId, string RegionCode, ServiceSetting? Setting, TargetGroup? TargetGroup, int Sessions, int Participants, int Consultations,
        int Boards, int Materials, int Books, int Items);

    private static string ShortName(string path) => path.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? path;

    private static EventTallyDto ToDto(EventTally t, Dictionary<string, string> names) => new(
        t.Id, t.ActivityId, t.RegionCode, names.GetValueOrDefault(t.RegionCode, "未知地区"), t.Day, t.Sessions, t.Participants, t.Consultations, t.Boards, t.Materials,
        t.Books, t.Items, t.Setting, t.Setting?.Chinese(), t.TargetGroup, t.TargetGroup?.Chinese(), t.Note);
}
