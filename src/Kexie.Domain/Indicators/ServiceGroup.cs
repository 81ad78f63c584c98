namespace Kexie.Domain.Indicators;

/// <summary>The four services (四服务) by which a 科协 is scored.</summary>
public enum ServiceGroup
{
    /// <summary>为科技工作者服务.</summary>
    ServingScienceWorkers = 1,

    /// <summary>为企事业单位 / 创新驱动发展服务.</summary>
    ServingEnterprises = 2,

    /// <summary>为提高全民科学素质服务.</summary>
    ScienceLiteracy = 3,

    /// <summary>为党委政府科学决策服务.</summary>
    DecisionSupport = 4,
}

public static class ServiceGroupNames
{
    public static IReadOnlyList<ServiceGroup> All { get; } = [ServiceGroup.ServingScienceWorkers, ServiceGroup.ServingEnterprises, ServiceGroup.ScienceLiteracy, ServiceGroup.DecisionSupport];

    public static string Chinese(this ServiceGroup group) => group switch
    {
        ServiceGroup.ServingScienceWorkers => "为科技工作者服务",
        ServiceGroup.ServingEnterprises => "为企事业单位精准科技服务",
        ServiceGroup.ScienceLiteracy => "为提高全民科学素质服务",
        ServiceGroup.DecisionSupport => "为党委政府科学决策服务",
        _ => group.ToString(),
    };
}
