using System.Globalization;
using Kexie.Domain.Common;
using Kexie.Domain.Directory;

namespace Kexie.Data.Exchange;

/// <summary>How one kind of record is read from a row, validated, keyed and written.</summary>
internal abstract class ImportSpec<TEntity, TData>
    where TEntity : Entity
{
    public abstract IReadOnlyList<ImportColumn> ColumnsList { get; }

    /// <summary>The field of the natural key.</summary>
    public abstract string KeyField { get; }

    public abstract TData Parse(IReadOnlyDictionary<string, string?> row);

    public abstract TEntity Create(TData data, ReferenceCodes codes);

    public abstract void Update(TEntity entity, TData data, ReferenceCodes codes);

    public abstract string KeyOf(TEntity entity);

    public abstract IQueryable<TEntity> LoadExisting(KexieDbContext db, IReadOnlyCollection<string> keys);

    /// <summary>True when writing <paramref name="data"/> would change nothing.</summary>
    public abstract bool Same(TEntity entity, TData data, ReferenceCodes codes);

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
        new("职称", "title", false, "如 高级农艺师"),
        new("学科代码", "disciplineCodes", false, "GB/T 13745 代码，多个用逗号分隔"),
        new("学历", "education", false, string.Join("/", ScienceWorker.Educations)),
        new("政治面貌", "politicalStatus", false, string.Join("/", ScienceWorker.PoliticalStatuses)),
        new("手机号", "phone", true, "必填，11位手机号；同一手机号视为同一人"),
        new("行政区划代码", "regionCode", true, "必填，县级6位或乡镇级9位代码"),
        new("公开资料", "isPublicProfile", false, "是/否"),
    ];

    public override IReadOnlyList<ImportColumn> ColumnsList => Columns;

    public override string KeyField => "phone";

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

    public override ScienceWorker Create(ScienceWorkerData data, ReferenceCodes codes) => ScienceWorker.Create(data, codes.Disciplines.Contains);

    public override void Update(ScienceWorker entity, ScienceWorkerData data, ReferenceCodes codes) => entity.Update(data, codes.Disciplines.Contains);

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
