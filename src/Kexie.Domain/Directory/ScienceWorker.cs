using Kexie.Domain.Common;
using Kexie.Domain.Regions;

namespace Kexie.Domain.Directory;

public enum Gender
{
    Unspecified = 0,
    Male = 1,
    Female = 2,
}

/// <summary>The editable facts of a science worker, as entered on a form, an API call or an import row.</summary>
public sealed record ScienceWorkerData(
    string? Name,
    Gender Gender,
    int? BirthYear,
    string? Employer,
    string? Title,
    IReadOnlyList<string>? DisciplineCodes,
    string? Education,
    string? PoliticalStatus,
    string? Phone,
    string? RegionCode,
    bool IsPublicProfile);

/// <summary>科技工作者: a registered science and technology worker of a region.</summary>
public sealed class ScienceWorker : Entity, IRegional
{
    public static readonly string[] Educations = ["博士研究生", "硕士研究生", "大学本科", "大学专科", "中专/高中", "初中及以下"];

    public static readonly string[] PoliticalStatuses = ["中共党员", "中共预备党员", "共青团员", "民主党派", "无党派人士", "群众"];

    public static readonly string[] Titles = ["正高级", "副高级", "中级", "初级", "无"];

    private ScienceWorker()
    {
    }

    public string Name { get; private set; } = string.Empty;

    public Gender Gender { get; private set; }

    public int? BirthYear { get; private set; }

    public string? Employer { get; private set; }

    /// <summary>职称 (free text such as “高级工程师”, or a grade from <see cref="Titles"/>).</summary>
    public string? Title { get; private set; }

    /// <summary>GB/T 13745 discipline codes.</summary>
    public string[] DisciplineCodes { get; private set; } = [];

    public string? Education { get; private set; }

    public string? PoliticalStatus { get; private set; }

    /// <summary>The natural key: one registration per phone number.</summary>
    public string Phone { get; private set; } = string.Empty;

    public string RegionCode { get; private set; } = string.Empty;

    /// <summary>Whether the public may see the profile (never the phone or birth year).</summary>
    public bool IsPublicProfile { get; private set; }

    /// <summary>The account that owns this profile, when the worker registered themselves.</summary>
    public string? UserId { get; set; }

    public static ScienceWorker Create(ScienceWorkerData data, Func<string, bool> disciplineExists)
    {
        var worker = new ScienceWorker();
        worker.Update(data, disciplineExists);
        return worker;
    }

    public void Update(ScienceWorkerData data, Func<string, bool> disciplineExists)
    {
        Name = Guard.Required(data.Name, "name", "姓名", 50);
        Gender = ContactRules.Enum(data.Gender, "gender", "性别");
        BirthYear = ContactRules.BirthYear(data.BirthYear, "birthYear");
        Employer = Guard.Optional(data.Employer, "employer", "工作单位", 100);
        Title = Guard.Optional(data.Title, "title", "职称", 50);
        DisciplineCodes = ContactRules.Codes(data.DisciplineCodes, "disciplineCodes", "学科代码", disciplineExists);
        Education = OneOf(data.Education, Educations, "education", "学历");
        PoliticalStatus = OneOf(data.PoliticalStatus, PoliticalStatuses, "politicalStatus", "政治面貌");
        Phone = ContactRules.Phone(data.Phone, "phone");
        RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        IsPublicProfile = data.IsPublicProfile;
        UpdatedAt = DateTimeOffset.UtcNow;
    }

    private static string? OneOf(string? value, string[] allowed, string field, string label)
    {
        var trimmed = Guard.Optional(value, field, label, 20);
        return trimmed is null || allowed.Contains(trimmed)
            ? trimmed
            : throw new DomainValidationException(field, $"{label}“{trimmed}”不在可选范围内（{string.Join("、", allowed)}）");
    }
}
