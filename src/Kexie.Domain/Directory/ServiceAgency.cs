using Kexie.Domain.Common;

namespace Kexie.Domain.Directory;

public enum AgencyStatus
{
    /// <summary>申请中.</summary>
    Applied = 1,

    /// <summary>已入驻.</summary>
    Admitted = 2,

    /// <summary>已暂停.</summary>
    Suspended = 3,
}

public sealed record ServiceAgencyData(string? Name, string? CreditCode, string? ServiceScope, string? RegionCode, string? ContactName, string? ContactPhone);

/// <summary>第三方服务机构: an agency admitted to offer services on the platform (资阳: 15).</summary>
public sealed class ServiceAgency : Entity, IRegional
{
    private ServiceAgency()
    {
    }

    public string Name { get; private set; } = string.Empty;

    public string CreditCode { get; private set; } = string.Empty;

    /// <summary>服务范围, e.g. 知识产权代理、技术评估、检验检测.</summary>
    public string ServiceScope { get; private set; } = string.Empty;

    public string RegionCode { get; private set; } = string.Empty;

    public string? ContactName { get; private set; }

    public string? ContactPhone { get; private set; }

    public AgencyStatus Status { get; private set; } = AgencyStatus.Applied;

    public DateOnly? AdmittedOn { get; private set; }

    public static ServiceAgency Create(ServiceAgencyData data)
    {
        var agency = new ServiceAgency();
        agency.Update(data);
        return agency;
    }

    public void Update(ServiceAgencyData data)
    {
        Name = Guard.Required(data.Name, "name", "机构名称", 100);
        CreditCode = UnifiedSocialCreditCode.Validate(data.CreditCode, "creditCode");
        ServiceScope = Guard.Required(data.ServiceScope, "serviceScope", "服务范围", 500);
        RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        ContactName = Guard.Optional(data.ContactName, "contactName", "联系人", 50);
        ContactPhone = string.IsNullOrWhiteSpace(data.ContactPhone) ? null : ContactRules.Phone(data.ContactPhone, "contactPhone");
        UpdatedAt = DateTimeOffset.UtcNow;
    }

    public void Admit(DateOnly on)
    {
        if (Status == AgencyStatus.Admitted)
        {
            throw new InvalidTransitionException("该机构已入驻");
        }

        Status = AgencyStatus.Admitted;
        AdmittedOn = on;
        UpdatedAt = DateTimeOffset.UtcNow;
    }

    public void Suspend()
    {
        if (Status != AgencyStatus.Admitted)
        {
            throw new InvalidTransitionException("只有已入驻的机构可以暂停");
        }

        Status = AgencyStatus.Suspended;
        UpdatedAt = DateTimeOffset.UtcNow;
    }
}
