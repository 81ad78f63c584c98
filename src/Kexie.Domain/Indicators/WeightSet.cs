using Kexie.Domain.Common;
using Kexie.Domain.Identity;

namespace Kexie.Domain.Indicators;

/// <summary>One weight of a <see cref="WeightSet"/>: a service group ("group:ServingEnterprises") or an indicator code.</summary>
public sealed class WeightEntry
{
    public WeightEntry(string key, decimal weight)
    {
        Key = key;
        Weight = weight;
    }

    private WeightEntry()
    {
    }

    public string Key { get; private set; } = string.Empty;

    public decimal Weight { get; private set; }
}

/// <summary>
/// A versioned set of weights (policy): a weight per service group and a weight per indicator within its group.
/// Versions are never edited; a change of policy is a new version, and rankings name the version they used.
/// A missing weight is 0 (the indicator or group does not count).
/// </summary>
public sealed class WeightSet : Entity
{
    public const string GroupPrefix = "group:";
    public const decimal MaxWeight = 1000m;

    private readonly List<WeightEntry> entries = [];

    private WeightSet()
    {
    }

    /// <summary>1, 2, 3…; 0 is the built-in default used while no version has been saved.</summary>
    public int Version { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string? Note { get; private set; }

    public string? CreatedByUserId { get; private set; }

    public string? CreatedByName { get; private set; }

    public IReadOnlyList<WeightEntry> Entries => entries;

    /// <summary>
    /// The built-in default: 为科技工作者服务 30, 为企事业单位服务 40, 科学素质 20, 决策服务 10; each indicator 1,
    /// with the headline indicators (累计注册、需求按时响应率、成交金额) at 2; 科研成果转化 (E11, a part of 成交订单) at 0 until a
    /// weight version gives it one, so that adding it did not move the rankings. Indicators added to a group later (S05–S10,
    /// W06–W09, D03–D04) weigh 1 like the rest of their group; the stations' yearly output (W10–W12) and 学会年检合格率 (W13) weigh 0
    /// like E11 until a weight version gives them one (they are shown, traced and reported, but do not move the rankings); so does
    /// 公民科学素质达标率 (S11).
    /// </summary>
    public static WeightSet BuiltInDefault { get; } = CreateUnchecked(
        0,
        "内置默认权重",
        "未保存权重版本时使用",
        new Dictionary<ServiceGroup, decimal>
        {
            [ServiceGroup.ServingScienceWorkers] = 30m,
            [ServiceGroup.ServingEnterprises] = 40m,
            [ServiceGroup.ScienceLiteracy] = 20m,
            [ServiceGroup.DecisionSupport] = 10m,
        },
        IndicatorCatalogue.All.ToDictionary(i => i.Code, i => i.Code switch { "W01" or "E03" or "E06" => 2m, "E11" or "W10" or "W11" or "W12" or "W13" or "S11" => 0m, _ => 1m }),
        null);

    public static WeightSet Create(
        int version,
        string? name,
        string? note,
        IReadOnlyDictionary<ServiceGroup, decimal>? groupWeights,
        IReadOnlyDictionary<string, decimal>? indicatorWeights,
        Actor? by,
        IReadOnlyList<IndicatorDefinition>? catalogue = null)
    {
        catalogue ??= IndicatorCatalogue.All;
        if (version < 1)
        {
            throw new DomainValidationException("version", "权重版本号应从1开始");
        }

        if (groupWeights is null || groupWeights.Count == 0)
        {
            throw new DomainValidationException("groupWeights", "请为服务类别设置权重");
        }

        foreach (var (group, weight) in groupWeights)
        {
            if (!Enum.IsDefined(group))
            {
                throw new DomainValidationException("groupWeights", $"服务类别“{group}”不存在");
            }

            CheckWeight(weight, "groupWeights");
        }

        if (groupWeights.Values.Sum() <= 0)
        {
            throw new DomainValidationException("groupWeights", "至少一个服务类别的权重应大于0");
        }

        var normalised = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (code, weight) in indicatorWeights ?? new Dictionary<string, decimal>())
        {
            var definition = catalogue.FirstOrDefault(i => string.Equals(i.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw new DomainValidationException("indicatorWeights", $"指标“{code}”不存在");
            CheckWeight(weight, "indicatorWeights");
            normalised[definition.Code] = weight;
        }

        if (normalised.Values.Sum() <= 0)
        {
            throw new DomainValidationException("indicatorWeights", "至少一个指标的权重应大于0");
        }

        return CreateUnchecked(version, Guard.Required(name, "name", "权重方案名称", 50), Guard.Optional(note, "note", "说明", 500), groupWeights, normalised, by);
    }

    public decimal GroupWeight(ServiceGroup group) => Weight(GroupPrefix + group);

    public decimal IndicatorWeight(string code) => Weight(code);

    public IReadOnlyDictionary<ServiceGroup, decimal> GroupWeights =>
        ServiceGroupNames.All.ToDictionary(g => g, GroupWeight);

    public IReadOnlyDictionary<string, decimal> IndicatorWeights =>
        entries.Where(e => !e.Key.StartsWith(GroupPrefix, StringComparison.Ordinal)).ToDictionary(e => e.Key, e => e.Weight, StringComparer.Ordinal);

    private decimal Weight(string key) => entries.FirstOrDefault(e => e.Key == key)?.Weight ?? 0m;

    private static void CheckWeight(decimal weight, string field)
    {
        if (weight < 0 || weight > MaxWeight)
        {
            throw new DomainValidationException(field, $"权重应在0至{MaxWeight}之间");
        }

        if (decimal.Round(weight, 2) != weight)
        {
            throw new DomainValidationException(field, "权重最多保留两位小数");
        }
    }

    private static WeightSet CreateUnchecked(int version, string name, string? note, IReadOnlyDictionary<ServiceGroup, decimal> groups, IReadOnlyDictionary<string, decimal> indicators, Actor? by)
    {
        var set = new WeightSet
        {
            Version = version,
            Name = name,
            Note = note,
            CreatedByUserId = by?.UserId,
            CreatedByName = by?.Name,
        };
        set.entries.AddRange(groups.OrderBy(g => g.Key).Select(g => new WeightEntry(GroupPrefix + g.Key, g.Value)));
        set.entries.AddRange(indicators.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => new WeightEntry(i.Key, i.Value)));
        return set;
    }
}
