using Kexie.Domain.Common;
using Kexie.Domain.Dictionaries;
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

    /// <param name="dictionaries">The code lists (学历, 政治面貌, 职称) to check and map synonyms against; the seeded lists when null.</param>
    public static ScienceWorker Create(ScienceWorkerData data, Func<string, bool> disciplineExists, IDictionaryLookup? dictionaries = null)
    {
        var worker = new ScienceWorker();
        worker.Update(data, disciplineExists, dictionaries);
        return worker;
    }

    /// <param name="dictionaries">The code lists (学历, 政治面貌, 职称) to check and map synonyms against; the seeded lists when null.</param>
    public void Update(ScienceWorkerData data, Func<string, bool> disciplineExists, IDictionaryLookup? dictionaries = null)
    {
        dictionaries ??= DictionaryLookup.Seeds;
        Name = Guard.Required(data.Name, "name", "姓名", 50);
        Gender = ContactRules.Enum(data.Gender, "gender", "性别");
        BirthYear = ContactRules.BirthYear(data.BirthYear, "birthYear");
        Employer = Guard.Optional(data.Employer, "employer", "工作单位", 100);
        Title = DictionaryLookup.Pick(dictionaries, DictionaryTypes.Title, data.Title, "title", "职称", 50, Title);
        DisciplineCodes = ContactRules.Codes(data.DisciplineCodes, "disciplineCodes", "学科代码", disciplineExists);
        Education = DictionaryLookup.Pick(dictionaries, DictionaryTypes.Education, data.Education, "education", "学历", 20, Education);
        PoliticalStatus = DictionaryLookup.Pick(dictionaries, DictionaryTypes.PoliticalStatus, data.PoliticalStatus, "politicalStatus", "政治面貌", 20, PoliticalStatus);
        Phone = ContactRules.Phone(data.Phone, "phone");
        RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        IsPublicProfile = data.IsPublicProfile;
        UpdatedAt = DateTimeOffset.UtcNow;
    }
}
