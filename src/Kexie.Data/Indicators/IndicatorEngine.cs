using Kexie.Domain.Indicators;
using Kexie.Domain.Regions;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Data.Indicators;

/// <summary>The regions ranked together: all regions of one level under a common ancestor.</summary>
public sealed record PeerGroup(string AncestorCode, int CodeLength)
{
    public RegionLevel Level => RegionCode.LevelOf(new string('0', CodeLength));

    /// <summary>Counties and cities rank within their province, townships within their county, provinces nationally.</summary>
    public static PeerGroup Of(string regionCode) => regionCode.Length switch
    {
        2 => new PeerGroup(string.Empty, 2),
        4 => new PeerGroup(regionCode[..2], 4),
        6 => new PeerGroup(regionCode[..2], 6),
        9 => new PeerGroup(regionCode[..6], 9),
        _ => throw new Kexie.Domain.Common.DomainValidationException("region", "全国不参与排名，请选择省、市、县或乡镇"),
    };
}

/// <summary>Totals of every peer for a period, and the values computed from them.</summary>
public sealed record PeerPeriodData(Period Period, IReadOnlyDictionary<string, FactTotals> Totals)
{
    public IReadOnlyList<PeerValues> Values(IEnumerable<string> regionCodes, IReadOnlyList<IndicatorDefinition> indicators) =>
        regionCodes.Select(code =>
        {
            var totals = Totals.GetValueOrDefault(code) ?? new FactTotals();
            return new PeerValues(code, indicators.ToDictionary(i => i.Code, i => i.Compute(totals)));
        }).ToList();
}

/// <summary>A ranking of a peer group for a period, with the previous period's ranking for rank changes.</summary>
public sealed record PeerRanking(PeerGroup Group, IReadOnlyList<Region> Peers, Period Period, Ranking Current, Ranking Previous, IReadOnlyList<PeerValues> Values, WeightSet Weights)
{
    public int? RankChange(string code) => Scoring.RankChange(Previous.Find(code)?.Rank, Current.Find(code)?.Rank);

    public int? GroupRankChange(string code, ServiceGroup group) =>
        Scoring.RankChange(Previous.Find(code)?.Group(group).Rank, Current.Find(code)?.Group(group).Rank);
}

/// <summary>Reads rollups (never facts) to compute values and rankings of any region at any level and period.</summary>
public sealed class IndicatorEngine(KexieDbContext db)
{
    public async Task<IReadOnlyList<Region>> PeersAsync(PeerGroup group, CancellationToken ct = default)
    {
        var prefix = group.AncestorCode;
        var level = group.Level;
        return await db.Regions.AsNoTracking()
            .Where(r => r.Level == level && r.Code.StartsWith(prefix))
            .OrderBy(r => r.Code)
            .ToListAsync(ct);
    }

    /// <summary>Sums of rollups per (region, kind) over the segments, for the regions of a peer group or one region.</summary>
    public async Task<Dictionary<string, Dictionary<FactKind, FactTotal>>> SumAsync(PeerGroup group, string? onlyRegion, IReadOnlyList<RollupSegment> segments, CancellationToken ct = default)
    {
        var result = new Dictionary<string, Dictionary<FactKind, FactTotal>>(StringComparer.Ordinal);
        var level = group.CodeLength;
        var low = onlyRegion ?? group.AncestorCode;
        var high = onlyRegion ?? (group.AncestorCode.Length == 0 ? "~" : group.AncestorCode[..^1] + (char)(group.AncestorCode[^1] + 1));
        foreach (var segment in segments)
        {
            var grain = segment.Grain;
            var from = segment.FromKey;
            var to = segment.ToKey;
            var query = db.IndicatorRollups.AsNoTracking().Where(r => r.Grain == grain && r.Level == level && r.Day >= from && r.Day <= to);
            query = onlyRegion is not null
                ? query.Where(r => r.RegionCode == low)
                : query.Where(r => string.Compare(r.RegionCode, low) >= 0 && string.Compare(r.RegionCode, high) < 0);
            var rows = await query
                .GroupBy(r => new { r.RegionCode, r.Kind })
                .Select(g => new { g.Key.RegionCode, g.Key.Kind, Count = g.Sum(x => x.Count), Amount = g.Sum(x => x.AmountFen) })
                .ToListAsync(ct);
            foreach (var row in rows)
            {
                if (!result.TryGetValue(row.RegionCode, out var kinds))
                {
                    result[row.RegionCode] = kinds = [];
                }

                kinds[row.Kind] = kinds.GetValueOrDefault(row.Kind) + new FactTotal(row.Count, row.Amount);
            }
        }

        return result;
    }

    /// <summary>Totals for the days of <paramref name="range"/> and up to its last day.</summary>
    public async Task<Dictionary<string, FactTotals>> TotalsAsync(PeerGroup group, string? onlyRegion, DayRange range, CancellationToken ct = default)
    {
        var inRange = await SumAsync(group, onlyRegion, RollupSegments.Cover(range), ct);
        var upToEnd = await SumAsync(group, onlyRegion, RollupSegments.Cover(range, fromBeginning: true), ct);
        return Combine(inRange, upToEnd);
    }

    /// <summary>Values of every indicator for one region (any level) over a day range.</summary>
    public async Task<IReadOnlyDictionary<string, decimal?>> ValuesAsync(string regionCode, DayRange range, CancellationToken ct = default)
    {
        var totals = await TotalsForAsync(regionCode, range, ct);
        return IndicatorCatalogue.All.ToDictionary(i => i.Code, i => i.Compute(totals));
    }

    public async Task<FactTotals> TotalsForAsync(string regionCode, DayRange range, CancellationToken ct = default)
    {
        var group = new PeerGroup(string.Empty, regionCode.Length);
        var totals = await TotalsAsync(group, regionCode, range, ct);
        return totals.GetValueOrDefault(regionCode) ?? new FactTotals();
    }

    /// <summary>
    /// Ranks the peer group for the period and the previous period with three rollup reads: the period, the
    /// previous period, and everything up to the period's end (the previous cumulative is that minus the period).
    /// </summary>
    public async Task<PeerRanking> RankAsync(PeerGroup group, Period period, WeightSet weights, IReadOnlyList<IndicatorDefinition>? indicators = null, CancellationToken ct = default)
    {
        indicators ??= IndicatorCatalogue.All;
        var peers = await PeersAsync(group, ct);
        var current = await SumAsync(group, null, RollupSegments.Cover(period.Days), ct);
        var previous = await SumAsync(group, null, RollupSegments.Cover(period.Previous.Days), ct);
        var upToEnd = await SumAsync(group, null, RollupSegments.Cover(period.Days, fromBeginning: true), ct);
        var upToPreviousEnd = upToEnd.ToDictionary(
            r => r.Key,
            r => r.Value.ToDictionary(k => k.Key, k => k.Value - (current.GetValueOrDefault(r.Key)?.GetValueOrDefault(k.Key) ?? default)));
        var codes = peers.Select(p => p.Code).ToList();
        var values = new PeerPeriodData(period, Combine(current, upToEnd)).Values(codes, indicators);
        var previousValues = new PeerPeriodData(period.Previous, Combine(previous, upToPreviousEnd)).Values(codes, indicators);
        // No activity at all in the previous period (e.g. before the platform existed): no previous ranks, no changes.
        var previousRanking = previous.Count == 0 ? Scoring.Rank(indicators, [], weights) : Scoring.Rank(indicators, previousValues, weights);
        return new PeerRanking(group, peers, period, Scoring.Rank(indicators, values, weights), previousRanking, values, weights);
    }

    private static Dictionary<string, FactTotals> Combine(Dictionary<string, Dictionary<FactKind, FactTotal>> inRange, Dictionary<string, Dictionary<FactKind, FactTotal>> upToEnd)
    {
        var result = new Dictionary<string, FactTotals>(StringComparer.Ordinal);
        foreach (var code in inRange.Keys.Union(upToEnd.Keys))
        {
            var totals = new FactTotals();
            foreach (var (kind, total) in inRange.GetValueOrDefault(code) ?? [])
            {
                totals.InPeriod[kind] = total;
            }

            foreach (var (kind, total) in upToEnd.GetValueOrDefault(code) ?? [])
            {
                totals.UpToEnd[kind] = total;
            }

            result[code] = totals;
        }

        return result;
    }
}
