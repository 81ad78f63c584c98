namespace Kexie.Domain.Indicators;

/// <summary>How an indicator's value is formed from facts.</summary>
public enum IndicatorKind
{
    /// <summary>计数: the number of facts of the numerator kind.</summary>
    Count = 1,

    /// <summary>求和: the amount of the numerator kind, in 元.</summary>
    Sum = 2,

    /// <summary>比值: numerator measure ÷ denominator measure (e.g. 元 per deal).</summary>
    Ratio = 3,

    /// <summary>覆盖率: numerator count ÷ denominator count, as a percentage 0–100.</summary>
    Coverage = 4,
}

/// <summary>Which measure of a fact kind a side of a definition reads.</summary>
public enum Measure
{
    Count = 1,

    /// <summary>Amount in 元.</summary>
    Amount = 2,
}

public enum Direction
{
    /// <summary>越高越好.</summary>
    HigherIsBetter = 1,

    /// <summary>越低越好.</summary>
    LowerIsBetter = 2,
}

/// <summary>Whether a value counts what happened in the period, or everything up to the period's end (累计).</summary>
public enum Accumulation
{
    /// <summary>本期: facts dated inside the period.</summary>
    Period = 1,

    /// <summary>累计: facts dated on or before the period's last day.</summary>
    Cumulative = 2,
}

/// <summary>
/// How a value becomes a 0–100 score among peers (the regions ranked together):
/// <list type="bullet">
/// <item><see cref="MinMax"/>: higher-is-better (v − min) ÷ (max − min) × 100, lower-is-better (max − v) ÷ (max − min) × 100;
/// when every peer has the same value nobody is behind: 100.</item>
/// <item><see cref="ShareOfBest"/>: higher-is-better v ÷ max × 100 (0 when max is 0); lower-is-better min ÷ v × 100
/// (100 when v is 0). Keeps proportions: half the best county's registrations is 50.</item>
/// <item><see cref="Absolute"/>: for percentages already on 0–100: v (higher-is-better) or 100 − v (lower-is-better);
/// does not depend on peers.</item>
/// </list>
/// A peer without a value (ratio over nothing) scores 0 on that indicator.
/// </summary>
public enum Normalisation
{
    MinMax = 1,
    ShareOfBest = 2,
    Absolute = 3,
}

/// <summary>One indicator of 精准绩效管理. Build through <see cref="IndicatorCatalogue"/>.</summary>
public sealed record IndicatorDefinition(
    string Code,
    string Name,
    ServiceGroup Group,
    IndicatorKind Kind,
    FactKind Numerator,
    Measure NumeratorMeasure,
    FactKind? Denominator,
    Measure DenominatorMeasure,
    Accumulation Accumulation,
    Direction Direction,
    Normalisation Normalisation,
    string Unit,
    string Description)
{
    /// <summary>Fact kinds read by the definition.</summary>
    public IReadOnlyList<FactKind> FactKinds => Denominator is { } d ? [Numerator, d] : [Numerator];

    /// <summary>Modules the values come from.</summary>
    public IReadOnlyList<SourceModule> Sources => FactKinds.Select(Indicators.FactKinds.ModuleOf).Distinct().ToList();

    /// <summary>False while a source module does not exist: the value is absent, never zero.</summary>
    public bool IsAvailable => FactKinds.All(Indicators.FactKinds.IsImplemented);

    /// <summary>
    /// The value from the totals of a region, or null when absent: source module not built yet, or a ratio or
    /// coverage over a zero denominator (nothing to measure). Counts are whole numbers, amounts in 元 with two
    /// decimals, ratios rounded to two decimals, coverage a percentage with two decimals.
    /// </summary>
    public decimal? Compute(IFactTotals totals)
    {
        if (!IsAvailable)
        {
            return null;
        }

        var numerator = Read(totals, Numerator, NumeratorMeasure);
        switch (Kind)
        {
            case IndicatorKind.Count:
            case IndicatorKind.Sum:
                return numerator;
            case IndicatorKind.Ratio:
            case IndicatorKind.Coverage:
                var denominator = Read(totals, Denominator!.Value, DenominatorMeasure);
                if (denominator == 0)
                {
                    return null;
                }

                var ratio = numerator / denominator;
                return decimal.Round(Kind == IndicatorKind.Coverage ? ratio * 100m : ratio, 2, MidpointRounding.AwayFromZero);
            default:
                throw new InvalidOperationException($"未知的指标类型 {Kind}");
        }
    }

    private decimal Read(IFactTotals totals, FactKind kind, Measure measure)
    {
        var total = totals.Get(kind, Accumulation);
        return measure == Measure.Count ? total.Count : total.AmountFen / 100m;
    }
}

/// <summary>Count and amount (分) of one fact kind for one region.</summary>
public readonly record struct FactTotal(long Count, long AmountFen)
{
    public static FactTotal operator +(FactTotal a, FactTotal b) => new(a.Count + b.Count, a.AmountFen + b.AmountFen);

    public static FactTotal operator -(FactTotal a, FactTotal b) => new(a.Count - b.Count, a.AmountFen - b.AmountFen);

    public decimal AmountYuan => AmountFen / 100m;
}

/// <summary>The totals one region has for a period: per fact kind, within the period and up to its end.</summary>
public interface IFactTotals
{
    FactTotal Get(FactKind kind, Accumulation accumulation);
}

/// <summary>Totals held in dictionaries (what rollup queries and in-memory roll-ups produce).</summary>
public sealed class FactTotals : IFactTotals
{
    public Dictionary<FactKind, FactTotal> InPeriod { get; } = [];

    public Dictionary<FactKind, FactTotal> UpToEnd { get; } = [];

    public FactTotal Get(FactKind kind, Accumulation accumulation) =>
        (accumulation == Accumulation.Period ? InPeriod : UpToEnd).GetValueOrDefault(kind);

    /// <summary>
    /// Rolls facts up to regions at one level: a fact in a township counts for its county, city and province.
    /// Facts registered above the level (e.g. at a city) count for no region of the level.
    /// </summary>
    public static Dictionary<string, FactTotals> RollUp(IEnumerable<ActivityFact> facts, int codeLength, DayRange range)
    {
        var result = new Dictionary<string, FactTotals>(StringComparer.Ordinal);
        foreach (var fact in facts)
        {
            if (fact.RegionCode.Length < codeLength || fact.Day > range.LastKey)
            {
                continue;
            }

            var code = fact.RegionCode[..codeLength];
            if (!result.TryGetValue(code, out var totals))
            {
                result[code] = totals = new FactTotals();
            }

            var value = new FactTotal(fact.Count, fact.AmountFen);
            totals.UpToEnd[fact.Kind] = totals.UpToEnd.GetValueOrDefault(fact.Kind) + value;
            if (fact.Day >= range.FirstKey)
            {
                totals.InPeriod[fact.Kind] = totals.InPeriod.GetValueOrDefault(fact.Kind) + value;
            }
        }

        return result;
    }
}
