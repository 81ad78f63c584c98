using Kexie.Data;
using Kexie.Data.Indicators;
using Kexie.Domain.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Bench.Indicators;

/// <summary>
/// The ranking read path as it was before the year grain (commit e09adf9), kept verbatim for the --baseline
/// comparison: month rollups for whole months, day rollups at the ragged ends, and the cumulative read summing
/// every month row from the beginning up to the period's end for every fact kind.
/// </summary>
internal sealed class LegacyRanking(KexieDbContext db)
{
    public async Task<PeerRanking> RankAsync(PeerGroup group, Period period, WeightSet weights, CancellationToken ct = default)
    {
        var indicators = IndicatorCatalogue.All;
        var peers = await new IndicatorEngine(db).PeersAsync(group, ct);
        var current = await SumAsync(group, Cover(period.Days), ct);
        var previous = await SumAsync(group, Cover(period.Previous.Days), ct);
        var upToEnd = await SumAsync(group, Cover(period.Days, fromBeginning: true), ct);
        var upToPreviousEnd = upToEnd.ToDictionary(
            r => r.Key,
            r => r.Value.ToDictionary(k => k.Key, k => k.Value - (current.GetValueOrDefault(r.Key)?.GetValueOrDefault(k.Key) ?? default)));
        var codes = peers.Select(p => p.Code).ToList();
        var values = new PeerPeriodData(period, Combine(current, upToEnd)).Values(codes, indicators);
        var previousValues = new PeerPeriodData(period.Previous, Combine(previous, upToPreviousEnd)).Values(codes, indicators);
        var previousRanking = previous.Count == 0 ? Scoring.Rank(indicators, [], weights) : Scoring.Rank(indicators, previousValues, weights);
        return new PeerRanking(group, peers, period, Scoring.Rank(indicators, values, weights), previousRanking, values, weights);
    }

    private async Task<Dictionary<string, Dictionary<FactKind, FactTotal>>> SumAsync(PeerGroup group, IReadOnlyList<RollupSegment> segments, CancellationToken ct)
    {
        var result = new Dictionary<string, Dictionary<FactKind, FactTotal>>(StringComparer.Ordinal);
        var level = group.CodeLength;
        var low = group.AncestorCode;
        var high = group.AncestorCode.Length == 0 ? "~" : group.AncestorCode[..^1] + (char)(group.AncestorCode[^1] + 1);
        foreach (var segment in segments)
        {
            var grain = segment.Grain;
            var from = segment.FromKey;
            var to = segment.ToKey;
            var rows = await db.IndicatorRollups.AsNoTracking()
                .Where(r => r.Grain == grain && r.Level == level && r.Day >= from && r.Day <= to)
                .Where(r => string.Compare(r.RegionCode, low) >= 0 && string.Compare(r.RegionCode, high) < 0)
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

    /// <summary>The previous cover: month rollups for whole months, day rollups at the ragged ends (no year grain).</summary>
    private static List<RollupSegment> Cover(DayRange range, bool fromBeginning = false)
    {
        var segments = new List<RollupSegment>();
        var first = fromBeginning ? new DateOnly(1, 1, 1) : range.First;
        var last = range.Last;
        if (first > last)
        {
            return segments;
        }

        var firstWholeMonth = first.Day == 1 ? first : new DateOnly(first.Year, first.Month, 1).AddMonths(1);
        var lastMonthEnd = new DateOnly(last.Year, last.Month, 1).AddMonths(1).AddDays(-1);
        var lastWholeMonth = last == lastMonthEnd ? new DateOnly(last.Year, last.Month, 1) : new DateOnly(last.Year, last.Month, 1).AddMonths(-1);
        if (firstWholeMonth > lastWholeMonth)
        {
            segments.Add(new RollupSegment(RollupGrain.Day, ChinaTime.DayKey(first), ChinaTime.DayKey(last)));
            return segments;
        }

        if (first < firstWholeMonth)
        {
            segments.Add(new RollupSegment(RollupGrain.Day, ChinaTime.DayKey(first), ChinaTime.DayKey(firstWholeMonth.AddDays(-1))));
        }

        segments.Add(new RollupSegment(RollupGrain.Month, ChinaTime.DayKey(firstWholeMonth), ChinaTime.DayKey(lastWholeMonth)));
        var afterWhole = lastWholeMonth.AddMonths(1);
        if (afterWhole <= last)
        {
            segments.Add(new RollupSegment(RollupGrain.Day, ChinaTime.DayKey(afterWhole), ChinaTime.DayKey(last)));
        }

        return segments;
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
