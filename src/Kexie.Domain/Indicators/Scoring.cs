namespace Kexie.Domain.Indicators;

/// <summary>The indicator values of one region (absent values are null).</summary>
public sealed record PeerValues(string RegionCode, IReadOnlyDictionary<string, decimal?> Values);

/// <summary>How one indicator scored for a region: value, 0–100 normalised score, weight within its group.</summary>
public sealed record IndicatorScore(string Code, ServiceGroup Group, decimal? Value, decimal? Normalised, decimal Weight, bool Counted);

/// <summary>A region's score and rank within one service group; null when the group does not count.</summary>
public sealed record GroupScore(ServiceGroup Group, decimal? Score, int? Rank);

public sealed record RegionScore(string RegionCode, decimal? Score, int? Rank, IReadOnlyList<GroupScore> Groups, IReadOnlyList<IndicatorScore> Indicators)
{
    public GroupScore Group(ServiceGroup group) => Groups.First(g => g.Group == group);

    public IndicatorScore Indicator(string code) => Indicators.First(i => i.Code == code);
}

/// <summary>A ranking of peers under one weight set.</summary>
public sealed record Ranking(
    IReadOnlyList<RegionScore> Entries,
    IReadOnlyList<string> CountedIndicators,
    IReadOnlyList<string> ExcludedIndicators,
    IReadOnlyDictionary<ServiceGroup, decimal> EffectiveGroupWeights)
{
    // Find's index, built on first use (a kept ranking is read by many requests at once: each may build one, all equal,
    // and the reference is published whole). A table of 183 counties asks every entry's previous rank and rank change,
    // which scanned the entries each time (O(n²) per request).
    private Dictionary<string, RegionScore>? byCode;

    /// <summary>The entry of <paramref name="regionCode"/> (the first, should a code occur twice), or null.</summary>
    public RegionScore? Find(string regionCode)
    {
        var index = byCode;
        if (index is null)
        {
            index = new Dictionary<string, RegionScore>(Entries.Count, StringComparer.Ordinal);
            foreach (var entry in Entries)
            {
                index.TryAdd(entry.RegionCode, entry);
            }

            byCode = index;
        }

        return index.GetValueOrDefault(regionCode);
    }

    /// <summary>A copy (<c>with</c>) builds its own index: its entries may differ.</summary>
    private Ranking(Ranking original)
    {
        Entries = original.Entries;
        CountedIndicators = original.CountedIndicators;
        ExcludedIndicators = original.ExcludedIndicators;
        EffectiveGroupWeights = original.EffectiveGroupWeights;
    }

    /// <summary>The record's equality over its four values, as before the index (which is derived from them).</summary>
    public bool Equals(Ranking? other) =>
        other is not null
        && EqualityComparer<IReadOnlyList<RegionScore>>.Default.Equals(Entries, other.Entries)
        && EqualityComparer<IReadOnlyList<string>>.Default.Equals(CountedIndicators, other.CountedIndicators)
        && EqualityComparer<IReadOnlyList<string>>.Default.Equals(ExcludedIndicators, other.ExcludedIndicators)
        && EqualityComparer<IReadOnlyDictionary<ServiceGroup, decimal>>.Default.Equals(EffectiveGroupWeights, other.EffectiveGroupWeights);

    public override int GetHashCode() => HashCode.Combine(Entries, CountedIndicators, ExcludedIndicators, EffectiveGroupWeights);
}

/// <summary>
/// Composite score and ranks. The rules (see docs/decisions.md):
/// <list type="number">
/// <item>A region <em>has data</em> in a service group when one of its values on the group's indicators shows activity:
/// a count or sum other than zero, or a ratio at all (a ratio exists only when its denominator does). A region without
/// data in a group gets no score and no rank in it (暂无数据, never 0): zero timeouts where there were no needs earn
/// nothing.</item>
/// <item>An indicator counts when its weight and its group's weight are positive and a region with data in the group
/// has a value for it; its peers' range (for normalisation) is taken over those regions only.</item>
/// <item>Each counted indicator is normalised to 0–100 (<see cref="Normalisation"/>); a region with data in the group
/// but no value on the indicator scores 0 on it.</item>
/// <item>A group's score is the weighted mean of its counted indicators. A group with no counted indicator is
/// missing for everyone: no score, no rank, and the group weights are re-normalised over the groups that count.</item>
/// <item>The composite is Σ group weight × group score ÷ Σ weights of counted groups (0–100), a counted group in
/// which the region has no data adding 0 (no credit for a service not given). A region with data in no counted
/// group has no composite and no rank.</item>
/// <item>Scores are rounded to 4 decimals and ranked by competition ranking: equal scores share a rank and
/// the next rank skips (1, 2, 2, 4).</item>
/// </list>
/// </summary>
public static class Scoring
{
    public const int ScoreDecimals = 4;

    /// <summary>Whether <paramref name="value"/> of <paramref name="indicator"/> shows activity (see the rules above).</summary>
    public static bool ShowsActivity(IndicatorDefinition indicator, decimal? value) =>
        value is { } v && (v != 0 || indicator.Kind is IndicatorKind.Ratio or IndicatorKind.Coverage);

    public static Ranking Rank(IReadOnlyList<IndicatorDefinition> indicators, IReadOnlyList<PeerValues> peers, WeightSet weights)
    {
        var weighted = indicators.Where(i => weights.IndicatorWeight(i.Code) > 0 && weights.GroupWeight(i.Group) > 0).ToList();
        // Regions with data, per group, judged on the group's weighted indicators.
        var active = ServiceGroupNames.All.ToDictionary(
            g => g,
            g => peers.Where(p => weighted.Any(i => i.Group == g && ShowsActivity(i, p.Values.GetValueOrDefault(i.Code)))).Select(p => p.RegionCode).ToHashSet(StringComparer.Ordinal));
        var counted = weighted
            .Where(i => peers.Any(p => active[i.Group].Contains(p.RegionCode) && p.Values.GetValueOrDefault(i.Code) is not null))
            .ToList();
        var excluded = indicators.Where(i => !counted.Contains(i)).Select(i => i.Code).ToList();
        var countedGroups = counted.Select(i => i.Group).Distinct().ToList();
        var groupWeightSum = countedGroups.Sum(weights.GroupWeight);
        var effective = ServiceGroupNames.All.ToDictionary(
            g => g,
            g => countedGroups.Contains(g) ? decimal.Round(weights.GroupWeight(g) / groupWeightSum * 100m, ScoreDecimals) : 0m);

        var bounds = counted.ToDictionary(i => i.Code, i =>
        {
            var values = peers.Where(p => active[i.Group].Contains(p.RegionCode)).Select(p => p.Values.GetValueOrDefault(i.Code)).OfType<decimal>().ToList();
            return (Min: values.Min(), Max: values.Max());
        });

        var partial = peers.Select(peer =>
        {
            var indicatorScores = indicators.Select(i =>
            {
                var value = peer.Values.GetValueOrDefault(i.Code);
                var isCounted = bounds.TryGetValue(i.Code, out var b);
                decimal? normalised = isCounted && active[i.Group].Contains(peer.RegionCode) ? Normalise(i, value, b.Min, b.Max) : null;
                return new IndicatorScore(i.Code, i.Group, value, normalised is { } n ? decimal.Round(n, ScoreDecimals) : null, weights.IndicatorWeight(i.Code), isCounted);
            }).ToList();

            var groupScores = new Dictionary<ServiceGroup, decimal?>();
            foreach (var group in ServiceGroupNames.All)
            {
                var inGroup = indicatorScores.Where(s => s.Counted && s.Group == group).ToList();
                if (inGroup.Count == 0 || !active[group].Contains(peer.RegionCode))
                {
                    groupScores[group] = null;
                    continue;
                }

                var weightSum = inGroup.Sum(s => s.Weight);
                groupScores[group] = inGroup.Sum(s => s.Weight * FullNormalised(indicators, s, peer, bounds)) / weightSum;
            }

            decimal? composite = groupWeightSum > 0 && countedGroups.Any(g => groupScores[g] is not null)
                ? decimal.Round(countedGroups.Sum(g => weights.GroupWeight(g) * (groupScores[g] ?? 0m)) / groupWeightSum, ScoreDecimals)
                : null;
            return (peer.RegionCode, Composite: composite, Groups: groupScores.ToDictionary(g => g.Key, g => g.Value is { } v ? decimal.Round(v, ScoreDecimals) : (decimal?)null), Indicators: indicatorScores);
        }).ToList();

        var overallRanks = CompetitionRanks(partial.Select(p => p.Composite).ToList());
        var groupRanks = ServiceGroupNames.All.ToDictionary(g => g, g => CompetitionRanks(partial.Select(p => p.Groups[g]).ToList()));
        var entries = partial.Select((p, index) => new RegionScore(
                p.RegionCode,
                p.Composite,
                overallRanks[index],
                ServiceGroupNames.All.Select(g => new GroupScore(g, p.Groups[g], groupRanks[g][index])).ToList(),
                p.Indicators))
            .OrderBy(e => e.Rank ?? int.MaxValue)
            .ThenBy(e => e.RegionCode, StringComparer.Ordinal)
            .ToList();
        return new Ranking(entries, counted.Select(i => i.Code).ToList(), excluded, effective);
    }

    /// <summary>Competition ranking (1, 2, 2, 4): higher is better; null scores get no rank.</summary>
    public static IReadOnlyList<int?> CompetitionRanks(IReadOnlyList<decimal?> scores)
    {
        var present = scores.OfType<decimal>().OrderDescending().ToList();
        return scores.Select(s => s is { } score ? present.FindIndex(p => p == score) + 1 : (int?)null).ToList();
    }

    /// <summary>Rank change against the previous period: positive = moved up. Null when either rank is missing.</summary>
    public static int? RankChange(int? previous, int? current) => previous is { } p && current is { } c ? p - c : null;

    /// <summary>0–100 score of a value among peers whose values span [min, max]; a missing value scores 0.</summary>
    public static decimal Normalise(IndicatorDefinition indicator, decimal? value, decimal min, decimal max)
    {
        if (value is not { } v)
        {
            return 0m;
        }

        var higher = indicator.Direction == Direction.HigherIsBetter;
        switch (indicator.Normalisation)
        {
            case Normalisation.MinMax:
                if (max == min)
                {
                    return 100m;
                }

                return (higher ? v - min : max - v) / (max - min) * 100m;
            case Normalisation.ShareOfBest:
                if (higher)
                {
                    return max <= 0 ? 0m : Math.Max(0m, v) / max * 100m;
                }

                return v <= 0 ? 100m : Math.Max(0m, min) / v * 100m;
            case Normalisation.Absolute:
                var clamped = Math.Clamp(v, 0m, 100m);
                return higher ? clamped : 100m - clamped;
            default:
                throw new InvalidOperationException($"未知的归一化方式 {indicator.Normalisation}");
        }
    }

    private static decimal FullNormalised(IReadOnlyList<IndicatorDefinition> indicators, IndicatorScore score, PeerValues peer, Dictionary<string, (decimal Min, decimal Max)> bounds)
    {
        var definition = indicators.First(i => i.Code == score.Code);
        var (min, max) = bounds[score.Code];
        return Normalise(definition, peer.Values.GetValueOrDefault(score.Code), min, max);
    }
}
