using System.Globalization;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Dictionaries;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Talent;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Data.Exchange;

/// <summary>How one kind of record is read from a row, validated, keyed and written.</summary>
internal abstract class ImportSpec<TEntity, TData>
    where TEntity : Entity
{
    public abstract IReadOnlyList<ImportColumn> ColumnsList { get; }

    /// <summary>The code lists as they are now (set before the rows are read): synonyms map to their entry's name.</summary>
    public DictionaryLookup Dictionaries { get; set; } = DictionaryLookup.Seeds;

    /// <summary>The field of the natural key.</summary>
    public abstract string KeyField { get; }

    public abstract TData Parse(IReadOnlyDictionary<string, string?> row);

    public abstract TEntity Create(TData data, ReferenceCodes codes);

    public abstract void Update(TEntity entity, TData data, ReferenceCodes codes);

    public abstract string KeyOf(TEntity entity);

    public abstract IQueryable<TEntity> LoadExisting(KexieDbContext db, IReadOnlyCollection<string> keys);

    /// <summary>True when writing <paramref name="data"/> would change nothing.</summary>
    public abstract bool Same(TEntity entity, TData data, ReferenceCodes codes);

    /// <summary>Loads what validating the rows needs besides the reference codes (e.g. the records they refer to).</summary>
    public virtual Task PrepareAsync(KexieDbContext db, Actor actor, IReadOnlyList<Dictionary<string, string?>> rows, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Values known to pass validation, put in place of a bad required field so the rest of the row is checked too.</summary>
    protected virtual IReadOnlyDictionary<string, string> Placeholders { get; } = new Dictionary<string, string>();

    /// <summary>
    /// What replaces a bad <paramref name="field"/> while the rest of the row is validated: empty for an optional
    /// column, a valid placeholder for a required one; false when the field cannot be replaced.
    /// </summary>
    public bool TryPlaceholder(string field, out string? value)
    {
        if (Placeholders.TryGetValue(field, out var placeholder))
        {
            value = placeholder;
            return true;
        }

        value = null;
        return ColumnsList.Any(c => c.Field == field && !c.Required);
    }

    protected static string? Text(IReadOnlyDictionary<string, string?> row, string field) =>
        row.TryGetValue(field, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    protected static int? Year(IReadOnlyDictionary<string, string?> row, string field, string label)
    {
        var text = Text(row, field);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var year)
            ? year
            : throw new DomainValidationException(field, $"{label}“{text}”不是有效的年份");
    }

    /// <summary>A date as Excel gives it (a date cell, a serial number) or as typed: 2020-03-01, 2020/3/1, 2020年3月1日, 20200301.</summary>
    protected static DateOnly? Date(IReadOnlyDictionary<string, string?> row, string field, string label)
    {
        var text = Text(row, field);
        if (text is null)
        {
            return null;
        }

        var t = text.Replace("年", "-", StringComparison.Ordinal).Replace("月", "-", StringComparison.Ordinal).Replace("日", string.Empty, StringComparison.Ordinal).Replace('/', '-').Replace('.', '-');
        string[] formats = ["yyyy-M-d", "yyyy-MM-dd", "yyyyMMdd", "yyyy-M-d H:mm:ss", "yyyy-MM-dd HH:mm:ss", "M-d-yyyy H:mm:ss", "MM-dd-yyyy HH:mm:ss"];
        if (DateTime.TryParseExact(t, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact))
        {
            return DateOnly.FromDateTime(exact);
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var serial) && serial is > 20_000 and < 80_000)
        {
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        }

        throw new DomainValidationException(field, $"{label}“{text}”不是有效的日期（如 2020-03-01）");
    }

    protected static bool YesNo(IReadOnlyDictionary<string, string?> row, string field, string label) => Text(row, field) switch
    {
        null => false,
        "是" or "公开" or "true" or "True" or "TRUE" or "1" or "Y" or "y" => true,
        "否" or "不公开" or "false" or "False" or "FALSE" or "0" or "N" or "n" => false,
        var other => throw new DomainValidationException(field, $"{label}应填“是”或“否”，而不是“{other}”"),
    };
}

internal sealed class WorkerSpec : ImportSpec<ScienceWorker, ScienceWorkerData>
{
    public static readonly IReadOnlyList<ImportColumn> Columns =
    [
        new("姓名", "name", true, "必填，最多50字"),
        new("性别", "gender", false, "男/女"),
        new("出生年份", "birthYear", false, "如 1980"),
        new("工作单位", "employer", false, "最多100字"),
        new("职称", "title", false, "如 高级农艺师；常用职称见“代码表”，高工等简称自动换成全称", DictionaryTypes.Title),
        new("学科代码", "disciplineCodes", false, "GB/T 13745 代码，多个用逗号分隔"),
        new("学历", "education", false, "见“代码表”（GB/T 4658）；本科、大专等简称自动换成标准名称", DictionaryTypes.Education),
        new("政治面貌", "politicalStatus", false, "见“代码表”（GB/T 4762）；党员、团员等简称自动换成标准名称", DictionaryTypes.PoliticalStatus),
        new("手机号", "phone", true, "必填，11位手机号；同一手机号视为同一人"),
        new("行政区划代码", "regionCode", true, "必填，县级6位或乡镇级9位代码"),
        new("公开资料", "isPublicProfile", false, "是/否"),
    ];

    public override IReadOnlyList<ImportColumn> ColumnsList => Columns;

    public override string KeyField => "phone";

    protected override IReadOnlyDictionary<string, string> Placeholders { get; } = new Dictionary<string, string>
    {
        ["name"] = "占位",
        ["phone"] = "13800000000",
        ["regionCode"] = "110101",
    };

    public override ScienceWorkerData Parse(IReadOnlyDictionary<string, string?> row) => new(
        Text(row, "name"),
        Text(row, "gender") switch
        {
            null => Gender.Unspecified,
            "男" or "M" or "Male" => Gender.Male,
            "女" or "F" or "Female" => Gender.Female,
            var other => throw new DomainValidationException("gender", $"性别应填“男”或“女”，而不是“{other}”"),
        },
        Year(row, "birthYear", "出生年份"),
        Text(row, "employer"),
        Text(row, "title"),
        Text(row, "disciplineCodes") is { } codes ? [codes] : [],
        Text(row, "education"),
        Text(row, "politicalStatus"),
        Text(row, "phone"),
        Text(row, "regionCode"),
        YesNo(row, "isPublicProfile", "公开资料"));

    public override ScienceWorker Create(ScienceWorkerData data, ReferenceCodes codes) => ScienceWorker.Create(data, codes.Disciplines.Contains, Dictionaries);

    public override void Update(ScienceWorker entity, ScienceWorkerData data, ReferenceCodes codes) => entity.Update(data, codes.Disciplines.Contains, Dictionaries);

    public override string KeyOf(ScienceWorker entity) => entity.Phone;

    public override IQueryable<ScienceWorker> LoadExisting(KexieDbContext db, IReadOnlyCollection<string> keys) =>
        db.ScienceWorkers.Where(w => keys.Contains(w.Phone));

    public override bool Same(ScienceWorker entity, ScienceWorkerData data, ReferenceCodes codes)
    {
        var probe = Create(data, codes);
        return entity.Name == probe.Name && entity.Gender == probe.Gender && entity.BirthYear == probe.BirthYear
            && entity.Employer == probe.Employer && entity.Title == probe.Title
            && entity.DisciplineCodes.SequenceEqual(probe.DisciplineCodes)
            && entity.Education == probe.Education && entity.PoliticalStatus == probe.PoliticalStatus
            && entity.RegionCode == probe.RegionCode && entity.IsPublicProfile == probe.IsPublicProfile;
    }
}

internal sealed class OrganizationSpec : ImportSpec<Organization, OrganizationData>
{
    public static readonly IReadOnlyList<ImportColumn> Columns =
    [
        new("单位名称", "name", true, "必填，最多100字"),
        new("单位类型", "kind", true, string.Join("/", Enum.GetValues<OrganizationKind>().Select(k => k.Chinese()))),
        new("统一社会信用代码", "creditCode", true, "必填，18位，按 GB 32100-2015 校验"),
        new("行业代码", "industryCode", false, "GB/T 4754-2017 代码，如 2614"),
        new("行政区划代码", "regionCode", true, "必填，县级6位或乡镇级9位代码"),
        new("地址", "address", false, "最多200字"),
        new("联系人", "contactName", false, "最多50字"),
        new("联系电话", "contactPhone", false, "手机或带区号固话"),
    ];

    public override IReadOnlyList<ImportColumn> ColumnsList => Columns;

    public override string KeyField => "creditCode";

    protected override IReadOnlyDictionary<string, string> Placeholders { get; } = new Dictionary<string, string>
    {
        ["name"] = "占位",
        ["kind"] = OrganizationKind.Enterprise.Chinese(),
        ["creditCode"] = "91510923MA6251000" + UnifiedSocialCreditCode.CheckCharacter("91510923MA6251000"),
        ["regionCode"] = "110101",
    };

    public override OrganizationData Parse(IReadOnlyDictionary<string, string?> row)
    {
        var kindText = Text(row, "kind");
        var kind = OrganizationKindNames.Parse(kindText)
            ?? throw new DomainValidationException("kind", kindText is null ? "单位类型不能为空" : $"单位类型“{kindText}”不正确（可选：{string.Join("、", Enum.GetValues<OrganizationKind>().Select(k => k.Chinese()))}）");
        return new OrganizationData(
            Text(row, "name"),
            kind,
            Text(row, "creditCode"),
            Text(row, "industryCode"),
            Text(row, "regionCode"),
            Text(row, "address"),
            Text(row, "contactName"),
            Text(row, "contactPhone"));
    }

    public override Organization Create(OrganizationData data, ReferenceCodes codes) => Organization.Create(data, codes.Industries.Contains);

    public override void Update(Organization entity, OrganizationData data, ReferenceCodes codes) => entity.Update(data, codes.Industries.Contains);

    public override string KeyOf(Organization entity) => entity.CreditCode;

    public override IQueryable<Organization> LoadExisting(KexieDbContext db, IReadOnlyCollection<string> keys) =>
        db.Organizations.Where(o => keys.Contains(o.CreditCode));

    public override bool Same(Organization entity, OrganizationData data, ReferenceCodes codes)
    {
        var probe = Create(data, codes);
        return entity.Name == probe.Name && entity.Kind == probe.Kind && entity.IndustryCode == probe.IndustryCode
            && entity.RegionCode == probe.RegionCode && entity.Address == probe.Address
            && entity.ContactName == probe.ContactName && entity.ContactPhone == probe.ContactPhone;
    }
}

/// <param name="Phone">手机号 of a worker already in the directory (normalised).</param>
internal sealed record ExpertRow(string Phone, ExpertData Data);

/// <summary>
/// 专家库 entries: each row names a worker of the directory by phone (import the workers first) and gives the
/// level, expertise and research directions. Keyed by that phone: re-importing updates the entry, never duplicates it.
/// </summary>
internal sealed class ExpertSpec : ImportSpec<Expert, ExpertRow>
{
    public static readonly IReadOnlyList<ImportColumn> Columns =
    [
        new("手机号", "phone", true, "必填，已在科技工作者名录中的手机号"),
        new("专家级别", "level", true, "国家级/省级/市级/县级"),
        new("专长领域", "expertise", true, "必填，最多100字"),
        new("研究方向", "researchDirections", true, "必填，1–10个，用顿号或逗号分隔"),
        new("专家简介", "profile", false, "最多2000字"),
    ];

    private static readonly char[] Separators = ['、', '，', ',', '；', ';'];

    private readonly Dictionary<string, ScienceWorker> byPhone = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, ScienceWorker> byId = [];

    public override IReadOnlyList<ImportColumn> ColumnsList => Columns;

    public override string KeyField => "phone";

    public override async Task PrepareAsync(KexieDbContext db, Actor actor, IReadOnlyList<Dictionary<string, string?>> rows, CancellationToken ct)
    {
        var phones = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            try
            {
                if (Text(row, "phone") is { } phone)
                {
                    phones.Add(ContactRules.Phone(phone, "phone"));
                }
            }
            catch (DomainValidationException)
            {
                // Reported with the row.
            }
        }

        foreach (var chunk in phones.Chunk(500))
        {
            // Only the caller's own subtree: a phone registered elsewhere reads exactly like an unknown one.
            foreach (var w in await db.ScienceWorkers.AsNoTracking().InScope(actor).Where(w => chunk.Contains(w.Phone)).ToListAsync(ct))
            {
                byPhone[w.Phone] = w;
                byId[w.Id] = w;
            }
        }
    }

    protected override IReadOnlyDictionary<string, string> Placeholders { get; } = new Dictionary<string, string>
    {
        ["phone"] = "13800000000",
        ["level"] = ExpertLevel.County.Chinese(),
        ["expertise"] = "占位",
        ["researchDirections"] = "占位",
    };

    /// <summary>Stands in for a worker the phone does not name, so the entry's own fields are still checked.</summary>
    private static readonly ScienceWorker StandIn = ScienceWorker.Create(
        new ScienceWorkerData("占位", Gender.Unspecified, null, null, null, [], null, null, "13800000000", "110101", false), _ => true);

    public override ExpertRow Parse(IReadOnlyDictionary<string, string?> row) => new(
        ContactRules.Phone(Text(row, "phone"), "phone"),
        new ExpertData(
            Text(row, "level") is not { } level
                ? null
                : ExpertLevelNames.Parse(level) ?? throw new DomainValidationException("level", $"专家级别应为国家级、省级、市级或县级，而不是“{level}”"),
            Text(row, "expertise"),
            (Text(row, "researchDirections") ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries),
            Text(row, "profile")));

    public override Expert Create(ExpertRow data, ReferenceCodes codes)
    {
        // The entry's own fields first, so an unknown phone and a bad field are both reported.
        var known = byPhone.TryGetValue(data.Phone, out var worker);
        var expert = Expert.Admit(worker ?? StandIn, data.Data, MarketRules.ChinaDate(DateTimeOffset.UtcNow));
        return known ? expert : throw NotInDirectory(data.Phone);
    }

    public override void Update(Expert entity, ExpertRow data, ReferenceCodes codes) => entity.Update(Worker(data.Phone), data.Data);

    public override string KeyOf(Expert entity) => byId[entity.WorkerId].Phone;

    public override IQueryable<Expert> LoadExisting(KexieDbContext db, IReadOnlyCollection<string> keys)
    {
        var workerIds = keys.Select(k => byPhone[k].Id).ToList();
        return db.Experts.Where(e => workerIds.Contains(e.WorkerId));
    }

    public override bool Same(Expert entity, ExpertRow data, ReferenceCodes codes)
    {
        var probe = Create(data, codes);
        return entity.Level == probe.Level && entity.Expertise == probe.Expertise && entity.ResearchDirections.SequenceEqual(probe.ResearchDirections)
            && entity.Profile == probe.Profile && entity.RegionCode == probe.RegionCode;
    }

    private static DomainValidationException NotInDirectory(string phone) =>
        new("phone", $"手机号{phone}不在本地区的科技工作者名录中，请先导入科技工作者");

    private ScienceWorker Worker(string phone) => byPhone.TryGetValue(phone, out var worker) ? worker : throw NotInDirectory(phone);
}

/// <param name="TeamName">服务队 by name: a team of the volunteer's region or above.</param>
internal sealed record VolunteerRow(Kexie.Domain.Popularization.VolunteerData Data, string? TeamName);

/// <summary>
/// 科技志愿者 roster: name, phone, region, expertise, team (by name). Keyed by phone: re-importing corrects the volunteer,
/// never duplicates them. A volunteer whose phone is a science worker's of the caller's subtree is linked to that worker.
/// </summary>
internal sealed class VolunteerSpec : ImportSpec<Kexie.Domain.Popularization.Volunteer, VolunteerRow>
{
    public static readonly IReadOnlyList<ImportColumn> Columns =
    [
        new("姓名", "name", true, "必填，最多50字"),
        new("手机号", "phone", true, "必填，11位手机号；同一手机号视为同一人，与科技工作者名录中的手机号相同时自动关联"),
        new("行政区划代码", "regionCode", true, "必填，县级6位或乡镇级9位代码"),
        new("专长", "expertise", false, "最多200字，如 应急救护、农业技术"),
        new("服务队", "team", false, "已建的志愿服务队名称（本地区或上级地区的队伍）"),
    ];

    private readonly List<Kexie.Domain.Popularization.VolunteerTeam> teams = [];
    private readonly Dictionary<string, (Guid Id, string RegionCode)> workers = new(StringComparer.Ordinal);
    private Actor actor = Actor.Public;

    public override IReadOnlyList<ImportColumn> ColumnsList => Columns;

    public override string KeyField => "phone";

    protected override IReadOnlyDictionary<string, string> Placeholders { get; } = new Dictionary<string, string>
    {
        ["name"] = "占位",
        ["phone"] = "13800000000",
        ["regionCode"] = "110101",
    };

    public override async Task PrepareAsync(KexieDbContext db, Actor caller, IReadOnlyList<Dictionary<string, string?>> rows, CancellationToken ct)
    {
        actor = caller;
        var names = rows.Select(r => Text(r, "team")).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (names.Count > 0)
        {
            teams.AddRange(await db.VolunteerTeams.AsNoTracking().Where(t => names.Contains(t.Name)).ToListAsync(ct));
        }

        var phones = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            try
            {
                if (Text(row, "phone") is { } phone)
                {
                    phones.Add(ContactRules.Phone(phone, "phone"));
                }
            }
            catch (DomainValidationException)
            {
                // Reported with the row.
            }
        }

        foreach (var chunk in phones.Chunk(500))
        {
            // Only the caller's own subtree: a worker of another region is never linked (nor named).
            foreach (var w in await db.ScienceWorkers.AsNoTracking().InScope(caller).Where(w => chunk.Contains(w.Phone)).Select(w => new { w.Id, w.Phone, w.RegionCode }).ToListAsync(ct))
            {
                workers[w.Phone] = (w.Id, w.RegionCode);
            }
        }
    }

    public override VolunteerRow Parse(IReadOnlyDictionary<string, string?> row) => new(
        new Kexie.Domain.Popularization.VolunteerData(Text(row, "name"), Text(row, "phone"), Text(row, "regionCode"), Text(row, "expertise")),
        Text(row, "team"));

    public override Kexie.Domain.Popularization.Volunteer Create(VolunteerRow data, ReferenceCodes codes)
    {
        var phone = ContactRules.Phone(data.Data.Phone, "phone");
        var region = Kexie.Domain.Regions.RegionCode.Validate(data.Data.RegionCode, "regionCode");
        // A row of another region is refused by the importer's own region check (and never written); it is still
        // validated field by field here, so every problem of the row is reported at once.
        var registrar = actor.Manages(region) ? actor : Actor.System;
        return Kexie.Domain.Popularization.Volunteer.Register(data.Data, Team(data.TeamName, region), workers.TryGetValue(phone, out var w) ? w : null, registrar);
    }

    public override void Update(Kexie.Domain.Popularization.Volunteer entity, VolunteerRow data, ReferenceCodes codes)
    {
        var region = Kexie.Domain.Regions.RegionCode.Validate(data.Data.RegionCode, "regionCode");
        entity.Correct(data.Data, Team(data.TeamName, region), workers.TryGetValue(entity.Phone, out var w) ? w.Id : null, actor);
    }

    public override string KeyOf(Kexie.Domain.Popularization.Volunteer entity) => entity.Phone;

    public override IQueryable<Kexie.Domain.Popularization.Volunteer> LoadExisting(KexieDbContext db, IReadOnlyCollection<string> keys) =>
        db.Volunteers.Where(v => keys.Contains(v.Phone));

    public override bool Same(Kexie.Domain.Popularization.Volunteer entity, VolunteerRow data, ReferenceCodes codes)
    {
        var probe = Create(data, codes);
        return entity.Name == probe.Name && entity.RegionCode == probe.RegionCode && entity.Expertise == probe.Expertise
            && entity.TeamId == probe.TeamId && (probe.ScienceWorkerId is null || entity.ScienceWorkerId == probe.ScienceWorkerId);
    }

    /// <summary>The named team whose region holds <paramref name="region"/> (the nearest one when several share the name).</summary>
    private Kexie.Domain.Popularization.VolunteerTeam? Team(string? name, string region) => name is null
        ? null
        : teams.Where(t => t.Name == name && Kexie.Domain.Regions.RegionCode.IsWithin(region, t.RegionCode)).OrderByDescending(t => t.RegionCode.Length).FirstOrDefault()
            ?? throw new DomainValidationException("team", $"服务队“{name}”不存在，或不在该志愿者所在地区及其上级地区");
}
