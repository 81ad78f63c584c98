using System.Globalization;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Popularization;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Data.Exchange;

/// <summary>The Chinese names the venue sheets use for the venue lists, read back (the enum's name is accepted too).</summary>
public static class VenueSheetNames
{
    public static VenueKind Kind(string? text, string field = "kind") => Parse(text, field, "阵地类型", Enum.GetValues<VenueKind>(), k => k.Chinese())
        ?? throw new DomainValidationException(field, "阵地类型不能为空");

    public static VenueLevel Level(string? text, string field = "level") => text?.Trim() is "市（州）级" or "市(州)级" or "州级"
        ? VenueLevel.Prefectural
        : Parse(text, field, "级别", Enum.GetValues<VenueLevel>(), l => l.Chinese()) ?? throw new DomainValidationException(field, "级别不能为空");

    public static VenueStatus? Status(string? text, string field = "status") => text?.Trim() is "开放运行"
        ? VenueStatus.Open
        : Parse(text, field, "运行状态", Enum.GetValues<VenueStatus>(), s => s.Chinese());

    public static TargetGroup? Group(string? text, string field = "targetGroup") => text?.Trim() is "领导干部" or "公务员"
        ? TargetGroup.Officials
        : Parse(text, field, "重点人群", Enum.GetValues<TargetGroup>(), g => g.Chinese());

    /// <summary>进农村…进家庭; the place alone (农村, 社区) is taken too.</summary>
    public static ServiceSetting? Setting(string? text, string field = "setting") =>
        Parse(text is { Length: > 0 } t && !t.Trim().StartsWith('进') && !Enum.TryParse<ServiceSetting>(t.Trim(), true, out _) ? "进" + t.Trim() : text, field, "服务场所", Enum.GetValues<ServiceSetting>(), s => s.Chinese());

    private static T? Parse<T>(string? text, string field, string label, T[] values, Func<T, string> chinese)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.Trim();
        foreach (var value in values)
        {
            if (chinese(value) == t || (string.Equals(value.ToString(), t, StringComparison.OrdinalIgnoreCase) && !int.TryParse(t, out _)))
            {
                return value;
            }
        }

        throw new DomainValidationException(field, $"{label}“{t}”不正确（可选：{string.Join("、", values.Select(chinese))}）");
    }
}

/// <summary>
/// 科普阵地 of a region: name, kind, level, region, address, accreditation, status and opening. Keyed by region and name:
/// re-importing the list (or an edited export) corrects the venues, never duplicates them. An empty 运行状态 is 开放 when an
/// 开放日期 is given, else 在建.
/// </summary>
internal sealed class VenueSpec : ImportSpec<Venue, VenueData>
{
    public static readonly IReadOnlyList<ImportColumn> Columns =
    [
        new("阵地名称", "name", true, "必填，最多100字，如 县科技馆"),
        new("阵地类型", "kind", true, "必填：" + string.Join("、", Enum.GetValues<VenueKind>().Select(k => k.Chinese()))),
        new("级别", "level", true, "必填：" + string.Join("、", Enum.GetValues<VenueLevel>().Select(l => l.Chinese()))),
        new("行政区划代码", "regionCode", true, "必填，县级6位或乡镇级9位代码"),
        new("地址", "address", false, "最多200字"),
        new("认定单位", "accreditedBy", false, "如 四川省科协"),
        new("认定日期", "accreditedOn", false, "如 2019-06-01"),
        new("运行状态", "status", false, "在建、开放、停止运行；不填时有开放日期为开放，否则为在建"),
        new("开放日期", "openedOn", false, "开放运行的必填，如 2019-06-01"),
        new("备注", "note", false, "最多500字"),
    ];

    private Actor actor = Actor.Public;

    public override IReadOnlyList<ImportColumn> ColumnsList => Columns;

    public override string KeyField => "name";

    protected override IReadOnlyDictionary<string, string> Placeholders { get; } = new Dictionary<string, string>
    {
        ["name"] = "占位",
        ["kind"] = VenueKind.Other.Chinese(),
        ["level"] = VenueLevel.Unrated.Chinese(),
        ["regionCode"] = "110101",
    };

    public override Task PrepareAsync(KexieDbContext db, Actor caller, IReadOnlyList<Dictionary<string, string?>> rows, CancellationToken ct)
    {
        actor = caller;
        return Task.CompletedTask;
    }

    public override VenueData Parse(IReadOnlyDictionary<string, string?> row)
    {
        var opened = Date(row, "openedOn", "开放日期");
        return new VenueData(
            Text(row, "name"), VenueSheetNames.Kind(Text(row, "kind")), VenueSheetNames.Level(Text(row, "level")), Text(row, "regionCode"), Text(row, "address"),
            Text(row, "accreditedBy"), Date(row, "accreditedOn", "认定日期"),
            VenueSheetNames.Status(Text(row, "status")) ?? (opened is null ? VenueStatus.Building : VenueStatus.Open), opened, Text(row, "note"));
    }

    public override Venue Create(VenueData data, ReferenceCodes codes)
    {
        var region = Kexie.Domain.Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        // A row of another region is refused by the importer's own region check (never written); it is still validated here.
        return Venue.Create(data, actor.Manages(region) ? actor : Actor.System);
    }

    public override void Update(Venue entity, VenueData data, ReferenceCodes codes) => entity.Update(data, actor);

    public override string KeyOf(Venue entity) => Key(entity.RegionCode, entity.Name);

    public override IQueryable<Venue> LoadExisting(KexieDbContext db, IReadOnlyCollection<string> keys)
    {
        var names = keys.Select(k => k[(k.IndexOf('|') + 1)..]).Distinct().ToList();
        var regions = keys.Select(k => k[..k.IndexOf('|')]).Distinct().ToList();
        return db.Venues.Where(v => regions.Contains(v.RegionCode) && names.Contains(v.Name));
    }

    public override bool Same(Venue entity, VenueData data, ReferenceCodes codes)
    {
        var probe = Create(data, codes);
        return entity.Name == probe.Name && entity.Kind == probe.Kind && entity.Level == probe.Level && entity.Address == probe.Address
            && entity.AccreditedBy == probe.AccreditedBy && entity.AccreditedOn == probe.AccreditedOn && entity.Status == probe.Status
            && entity.OpenedOn == probe.OpenedOn && entity.Note == probe.Note;
    }

    private static string Key(string region, string name) => $"{region}|{name}";
}

/// <param name="Venue">The venue named by the row, found among the importer's own venues.</param>
internal sealed record VenueVisitRow(Venue Venue, VenueVisitData Data);

/// <summary>
/// 接待记录 of the importer's venues: the venue by name (with its 行政区划代码 when two of the importer's venues share the name),
/// day, groups, visitors, target group, setting and place. Keyed by venue, day and place: re-importing corrects the records,
/// never duplicates them. A venue of another region is not found (and not named).
/// </summary>
internal sealed class VenueVisitSpec : ImportSpec<VenueVisit, VenueVisitRow>
{
    public static readonly IReadOnlyList<ImportColumn> Columns =
    [
        new("阵地名称", "venue", true, "必填，本地区已登记的科普阵地名称"),
        new("行政区划代码", "regionCode", false, "科普阵地所在地区；本地区有同名阵地时必填"),
        new("日期", "day", true, "必填，如 2025-05-18；流动科技馆、大篷车每次服务一行"),
        new("接待团队", "groups", false, "团队个数，不填为0"),
        new("观众人次", "visitors", true, "必填，人次"),
        new("重点人群", "targetGroup", false, string.Join("、", Enum.GetValues<TargetGroup>().Select(g => g.Chinese()))),
        new("服务场所", "setting", false, string.Join("、", Enum.GetValues<ServiceSetting>().Select(s => s.Chinese()))),
        new("服务地点", "place", false, "流动科技馆、大篷车必填，如 某某镇中心小学"),
        new("备注", "note", false, "最多200字"),
    ];

    private readonly Dictionary<string, List<Venue>> venuesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, Venue> venuesById = [];
    private Actor actor = Actor.Public;

    public override IReadOnlyList<ImportColumn> ColumnsList => Columns;

    public override string KeyField => "day";

    protected override IReadOnlyDictionary<string, string> Placeholders { get; } = new Dictionary<string, string>
    {
        ["day"] = "2020-01-01",
        ["visitors"] = "1000000",
    };

    public override async Task PrepareAsync(KexieDbContext db, Actor caller, IReadOnlyList<Dictionary<string, string?>> rows, CancellationToken ct)
    {
        actor = caller;
        var names = rows.Select(r => Text(r, "venue")).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in names.Chunk(500))
        {
            // Only the importer's own subtree: a venue of another region is never found (nor named).
            foreach (var venue in await db.Venues.AsNoTracking().InScope(caller).Where(v => chunk.Contains(v.Name)).ToListAsync(ct))
            {
                venuesById[venue.Id] = venue;
                if (!venuesByName.TryGetValue(venue.Name, out var list))
                {
                    venuesByName[venue.Name] = list = [];
                }

                list.Add(venue);
            }
        }
    }

    public override VenueVisitRow Parse(IReadOnlyDictionary<string, string?> row)
    {
        var venue = FindVenue(Text(row, "venue"), Text(row, "regionCode"));
        return new VenueVisitRow(venue, new VenueVisitData(
            Date(row, "day", "日期"), Number(row, "groups", "接待团队") ?? 0, Number(row, "visitors", "观众人次") ?? throw new DomainValidationException("visitors", "观众人次不能为空"),
            Text(row, "place"), VenueSheetNames.Setting(Text(row, "setting")), VenueSheetNames.Group(Text(row, "targetGroup")), Text(row, "note")));
    }

    public override VenueVisit Create(VenueVisitRow data, ReferenceCodes codes) => data.Venue.RecordVisit(data.Data, actor);

    public override void Update(VenueVisit entity, VenueVisitRow data, ReferenceCodes codes) => data.Venue.CorrectVisit(entity, data.Data, actor);

    public override string KeyOf(VenueVisit entity) => Key(venuesById.TryGetValue(entity.VenueId, out var venue) ? venue : null, entity.VenueId, entity.Day, entity.Place);

    public override IQueryable<VenueVisit> LoadExisting(KexieDbContext db, IReadOnlyCollection<string> keys)
    {
        var ids = venuesById.Keys.ToList();
        var days = keys.Select(k => DateOnly.ParseExact(k.Split(' ')[1], "yyyy-MM-dd", CultureInfo.InvariantCulture)).Distinct().ToList();
        // The key names the venue, the day and the place; records of the same venue and day elsewhere are filtered by the key.
        return db.VenueVisits.Where(v => ids.Contains(v.VenueId) && days.Contains(v.Day)).OrderBy(v => v.CreatedAt);
    }

    public override bool Same(VenueVisit entity, VenueVisitRow data, ReferenceCodes codes)
    {
        var probe = Create(data, codes);
        return entity.Groups == probe.Groups && entity.Visitors == probe.Visitors && entity.Setting == probe.Setting && entity.TargetGroup == probe.TargetGroup
            && entity.Note == probe.Note && entity.Place == probe.Place && entity.Day == probe.Day;
    }

    /// <summary>
    /// The key as a person reads it in a duplicate-row message: the venue's name, the day and the place ("县科技馆 2025-05-18 某小学").
    /// Two venues of the same name are told apart by their region.
    /// </summary>
    private string Key(Venue? venue, Guid venueId, DateOnly day, string? place)
    {
        var name = venue is null ? venueId.ToString("N") : venuesByName[venue.Name].Count > 1 ? $"{venue.Name}（{venue.RegionCode}）" : venue.Name;
        return $"{name.Replace(' ', '\u00a0')} {day:yyyy-MM-dd}{(place is null ? string.Empty : " " + place)}";
    }

    private Venue FindVenue(string? name, string? region)
    {
        if (name is null)
        {
            throw new DomainValidationException("venue", "阵地名称不能为空");
        }

        var candidates = venuesByName.TryGetValue(name, out var list) ? list : [];
        if (region is not null)
        {
            candidates = candidates.Where(v => v.RegionCode == region.Trim()).ToList();
        }

        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new DomainValidationException("venue", $"本地区没有名为“{name}”的科普阵地{(region is null ? string.Empty : "（" + region.Trim() + "）")}，请先登记或导入科普阵地"),
            _ => throw new DomainValidationException("regionCode", $"本地区有{candidates.Count}个名为“{name}”的科普阵地，请填写行政区划代码"),
        };
    }

    private static int? Number(IReadOnlyDictionary<string, string?> row, string field, string label)
    {
        var text = Text(row, field);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new DomainValidationException(field, $"{label}“{text}”不是整数");
    }
}
