using Kexie.Domain.Common;

namespace Kexie.Domain.Directory;

/// <summary>Kinds of 企事业单位.</summary>
public enum OrganizationKind
{
    Enterprise = 1,
    Institution = 2,
    Hospital = 3,
    School = 4,
    University = 5,
    ResearchInstitute = 6,
    SocialOrganization = 7,
    Other = 9,
}

public static class OrganizationKindNames
{
    public static string Chinese(this OrganizationKind kind) => kind switch
    {
        OrganizationKind.Enterprise => "企业",
        OrganizationKind.Institution => "事业单位",
        OrganizationKind.Hospital => "医院",
        OrganizationKind.School => "中小学校",
        OrganizationKind.University => "高等院校",
        OrganizationKind.ResearchInstitute => "科研院所",
        OrganizationKind.SocialOrganization => "社会组织",
        _ => "其他",
    };

    public static OrganizationKind? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        foreach (var kind in Enum.GetValues<OrganizationKind>())
        {
            if (kind.Chinese() == trimmed || kind.ToString().Equals(trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        return null;
    }
}

public sealed record OrganizationData(
    string? Name,
    OrganizationKind Kind,
    string? CreditCode,
    string? IndustryCode,
    string? RegionCode,
    string? Address,
    string? ContactName,
    string? ContactPhone);

/// <summary>企事业单位: an enterprise or institution registered on the platform; it publishes needs.</summary>
public sealed class Organization : Entity, IRegional
{
    private Organization()
    {
    }

    public string Name { get; private set; } = string.Empty;

    public OrganizationKind Kind { get; private set; }

    /// <summary>统一社会信用代码 (GB 32100-2015), the natural key.</summary>
    public string CreditCode { get; private set; } = string.Empty;

    /// <summary>GB/T 4754-2017 industry code (section letter, or 2–4 digits).</summary>
    public string? IndustryCode { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    public string? Address { get; private set; }

    public string? ContactName { get; private set; }

    public string? ContactPhone { get; private set; }

    /// <summary>审核通过: verified by the region's association; only verified organizations are public.</summary>
    public bool IsVerified { get; private set; }

    public static Organization Create(OrganizationData data, Func<string, bool> industryExists)
    {
        var organization = new Organization();
        organization.Update(data, industryExists);
        return organization;
    }

    public void Update(OrganizationData data, Func<string, bool> industryExists)
    {
        Name = Guard.Required(data.Name, "name", "单位名称", 100);
        Kind = ContactRules.Enum(data.Kind, "kind", "单位类型");
        CreditCode = UnifiedSocialCreditCode.Validate(data.CreditCode, "creditCode");
        var industry = Guard.Optional(data.IndustryCode, "industryCode", "行业代码", 4);
        if (industry is not null && !industryExists(industry))
        {
            throw new DomainValidationException("industryCode", $"行业代码“{industry}”不在《国民经济行业分类》(GB/T 4754-2017)中");
        }

        IndustryCode = industry;
        RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        Address = Guard.Optional(data.Address, "address", "地址", 200);
        ContactName = Guard.Optional(data.ContactName, "contactName", "联系人", 50);
        ContactPhone = string.IsNullOrWhiteSpace(data.ContactPhone) ? null : ContactRules.Phone(data.ContactPhone, "contactPhone");
        UpdatedAt = DateTimeOffset.UtcNow;
    }

    public void Verify(bool verified)
    {
        IsVerified = verified;
        UpdatedAt = DateTimeOffset.UtcNow;
    }
}
