using System.Data.Common;
using System.Globalization;
using Kexie.Domain.Indicators;
using Kexie.Domain.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

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

/// <summary>
/// A ranking of a peer group for a period, with the previous period's ranking for rank changes. <c>Span</c>: the days
/// ranked when they are not a calendar period (a report from 21 December to 20 December), <c>Period</c> then being the
/// year of the span's last day; <c>PreviousSpan</c>: the days the previous ranking covers (the same days a year earlier).
/// </summary>
public sealed record PeerRanking(PeerGroup Group, IReadOnlyList<Region> Peers, Period Period, Ranking Current, Ranking Previous, IReadOnlyList<PeerValues> Values, WeightSet Weights, DayRange? Span = null, DayRange? PreviousSpan = null)
{
    /// <summary>The days ranked: <see cref="Span"/>, or the period's.</summary>
    public DayRange Days => Span ?? Period.Days;

    /// <summary>The days of the previous ranking.</summary>
    public DayRange PreviousDays => PreviousSpan ?? Period.Previous.Days;

    /// <summary>Every peer's values in the previous days (as <see cref="Values"/> for the days).</summary>
    public IReadOnlyList<PeerValues> PreviousValues { get; init; } = [];

    /// <summary>Every peer's totals behind <see cref="Values"/>: in the days, and up to their end for the kinds of cumulative indicators.</summary>
    public IReadOnlyDictionary<string, FactTotals> Totals { get; init; } = new Dictionary<string, FactTotals>();

    /// <summary>The indicators ranked.</summary>
    public IReadOnlyList<IndicatorDefinition> Indicators { get; init; } = IndicatorCatalogue.All;

    /// <summary>The rollup sums read for this ranking (per read, per peer), kept so that <see cref="IndicatorEngine.RerankAsync"/> reads only changed peers.</summary>
    internal IReadOnlyList<Dictionary<string, Dictionary<FactKind, FactTotal>>> Sums { get; init; } = [];

    public int? RankChange(string code) => Scoring.RankChange(Previous.Find(code)?.Rank, Current.Find(code)?.Rank);

    public int? GroupRankChange(string code, ServiceGroup group) =>
        Scoring.RankChange(Previous.Find(code)?.Group(group).Rank, Current.Find(code)?.Group(group).Rank);
}

/// <summary>One sum of a <see cref="IndicatorEngine.SumAllAsync"/> batch: the segments to cover and the fact kinds to read (all when null).</summary>
public sealed record RollupRead(IReadOnlyList<RollupSegment> Segments, IReadOnlyCollection<FactKind>? Kinds = null);

/// <summary>Reads rollups (never facts) to compute values and rankings of any region at any level and period.</summary>
public sealed class IndicatorEngine(KexieDbContext db)
{
    public async Task<IReadOnlyList<Region>> PeersAsync(PeerGroup group, CancellationToken ct = default)
    {
        var prefix = group.AncestorCode;
        var level = group.Level;
        var (low, high) = CodeRange(group);
        // The range on the primary key lets the database seek to the ancestor's regions instead of scanning all.
        return await db.Regions.AsNoTracking()
            .Where(r => string.Compare(r.Code, low) >= 0 && string.Compare(r.Code, high) < 0)
            .Where(r => r.Level == level && r.Code.StartsWith(prefix))
            .OrderBy(r => r.Code)
            .ToListAsync(ct);
    }

    /// <summary>Sums of rollups per (region, kind) over the segments, for the regions of a peer group or one region.</summary>
    public Task<Dictionary<string, Dictionary<FactKind, FactTotal>>> SumAsync(PeerGroup group, string? onlyRegion, IReadOnlyList<RollupSegment> segments, CancellationToken ct = default) =>
        SumAsync(group, onlyRegion, segments, null, ct);

    /// <summary>As above, reading only the fact kinds in <paramref name="kinds"/> (all kinds when null).</summary>
    public async Task<Dictionary<string, Dictionary<FactKind, FactTotal>>> SumAsync(PeerGroup group, string? onlyRegion, IReadOnlyList<RollupSegment> segments, IReadOnlyCollection<FactKind>? kinds, CancellationToken ct = default) =>
        (await SumAllAsync(group, onlyRegion, [new RollupRead(segments, kinds)], ct))[0];

    /// <summary>
    /// Several sums in one statement and one round trip (UNION ALL of one grouped read per segment, each tagged with
    /// its read's index), the same SQL on SQLite and PostgreSQL. Under load every round trip waits for the database
    /// to be scheduled, so a ranking reads all its rollups at once. Month and year reads carry the redundant term
    /// "Grain" &gt;= 2 that matches the partial covering index IX_IndicatorRollups_Covering (SQLite only uses a partial
    /// index when the query repeats its condition).
    /// </summary>
    public async Task<IReadOnlyList<Dictionary<string, Dictionary<FactKind, FactTotal>>>> SumAllAsync(PeerGroup group, string? onlyRegion, IReadOnlyList<RollupRead> reads, CancellationToken ct = default, IReadOnlyList<string>? onlyRegions = null)
    {
        var results = reads.Select(_ => new Dictionary<string, Dictionary<FactKind, FactTotal>>(StringComparer.Ordinal)).ToList();
        var (low, high) = onlyRegion is null ? CodeRange(group) : (onlyRegion, onlyRegion);
        var regionFilter = onlyRegions is not null
            ? "\"RegionCode\" IN (" + string.Join(", ", onlyRegions.Select((_, i) => "@r" + i.ToString(CultureInfo.InvariantCulture))) + ")"
            : onlyRegion is null ? "\"RegionCode\" >= @low AND \"RegionCode\" < @high" : "\"RegionCode\" = @low";
        var selects = new List<string>();
        for (var index = 0; index < reads.Count; index++)
        {
            var kinds = reads[index].Kinds;
            if (kinds is { Count: 0 })
            {
                continue;
            }

            var kindFilter = kinds is null ? string.Empty : " AND \"Kind\" IN (" + string.Join(", ", kinds.Select(k => ((int)k).ToString(CultureInfo.InvariantCulture))) + ")";
            foreach (var segment in reads[index].Segments)
            {
                selects.Add(string.Create(CultureInfo.InvariantCulture, $"""
                    SELECT {index} AS "Read", "RegionCode", "Kind", CAST(SUM("Count") AS BIGINT) AS "Count", CAST(SUM("AmountFen") AS BIGINT) AS "AmountFen"
                    FROM "IndicatorRollups"
                    WHERE "Grain" = {(int)segment.Grain}{(segment.Grain == RollupGrain.Day ? string.Empty : " AND \"Grain\" >= 2")} AND "Level" = {group.CodeLength} AND {regionFilter} AND "Day" BETWEEN {segment.FromKey} AND {segment.ToKey}{kindFilter}
                    GROUP BY "RegionCode", "Kind"
                    """));
            }
        }

        if (selects.Count == 0)
        {
            return results;
        }

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = string.Join("\nUNION ALL\n", selects);
            if (onlyRegions is not null)
            {
                for (var i = 0; i < onlyRegions.Count; i++)
                {
                    AddParameter(command, "@r" + i.ToString(CultureInfo.InvariantCulture), onlyRegions[i]);
                }
            }
            else
            {
                AddParameter(command, "@low", low);
                if (onlyRegion is null)
                {
                    AddParameter(command, "@high", high);
                }
            }

            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var result = results[reader.GetInt32(0)];
                var code = reader.GetString(1);
                var kind = (FactKind)reader.GetInt32(2);
                var total = new FactTotal(reader.GetInt64(3), reader.GetInt64(4));
                if (!result.TryGetValue(code, out var totals))
                {
                    result[code] = totals = [];
                }

                totals[kind] = totals.GetValueOrDefault(kind) + total;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return results;
    }

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Totals for the days of <paramref name="range"/> and up to its last day.</summary>
    public async Task<Dictionary<string, FactTotals>> TotalsAsync(PeerGroup group, string? onlyRegion, DayRange range, CancellationToken ct = default)
    {
        var sums = await SumAllAsync(group, onlyRegion, [new RollupRead(RollupSegments.Cover(range)), new RollupRead(RollupSegments.Cover(range, fromBeginning: true))], ct);
        return Combine(sums[0], sums[1]);
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
    /// Ranks the peer group for the period and the previous period with three rollup reads in one statement: the period, the
    /// previous period (both one year row per region and kind for a year), and, for the fact kinds of cumulative
    /// indicators only, everything before the period (whole years from the year grain). Up to the period's end is
    /// "before" plus the period; up to the previous period's end is "before".
    /// </summary>
    public Task<PeerRanking> RankAsync(PeerGroup group, Period period, WeightSet weights, IReadOnlyList<IndicatorDefinition>? indicators = null, CancellationToken ct = default) =>
        RankAsync(group, period, period.Days, period.Previous.Days, weights, indicators, ct);

    /// <summary>
    /// Ranks the peer group over any <paramref name="days"/> (a report's span, at most a year) against
    /// <paramref name="previousDays"/> (the same days a year earlier); <paramref name="label"/> is the calendar period the
    /// ranking is filed under (the year of the span's last day). Reads as the period ranking does, plus, when the previous
    /// days do not end right before <paramref name="days"/>, the cumulative kinds up to the previous days' end.
    /// </summary>
    public async Task<PeerRanking> RankAsync(PeerGroup group, Period label, DayRange days, DayRange previousDays, WeightSet weights, IReadOnlyList<IndicatorDefinition>? indicators = null, CancellationToken ct = default)
    {
        indicators ??= IndicatorCatalogue.All;
        var peers = await PeersAsync(group, ct);
        var reads = RankingReads(indicators, days, previousDays);
        var sums = await SumAllAsync(group, null, reads, ct);
        return Score(group, peers, label, days, previousDays, weights, indicators, sums);
    }

    /// <summary>
    /// <paramref name="ranking"/> again after a refresh that changed the rollups of <paramref name="changedRegions"/> (fact
    /// region codes, any level) only: one read of the changed peers' rollups (the same reads as <see cref="RankAsync(PeerGroup, Period, DayRange, DayRange, WeightSet, IReadOnlyList{IndicatorDefinition}?, CancellationToken)"/>,
    /// limited to those peers' codes), the other peers' sums kept, every peer scored again. The result equals a ranking
    /// computed from scratch at the new version: a peer's rollup rows at the group's level are fed only by facts whose
    /// region code starts with the peer's code.
    /// </summary>
    public async Task<PeerRanking> RerankAsync(PeerRanking ranking, IReadOnlyCollection<string> changedRegions, CancellationToken ct = default)
    {
        var group = ranking.Group;
        var peers = changedRegions
            .Where(c => c.Length >= group.CodeLength && c.StartsWith(group.AncestorCode, StringComparison.Ordinal))
            .Select(c => c[..group.CodeLength])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (peers.Count == 0)
        {
            return ranking;
        }

        var reads = RankingReads(ranking.Indicators, ranking.Days, ranking.PreviousDays);
        var fresh = await SumAllAsync(group, null, reads, ct, peers);
        var sums = ranking.Sums.Select((kept, index) =>
        {
            var merged = new Dictionary<string, Dictionary<FactKind, FactTotal>>(kept, StringComparer.Ordinal);
            foreach (var code in peers)
            {
                merged.Remove(code);
                if (fresh[index].TryGetValue(code, out var totals))
                {
                    merged[code] = totals;
                }
            }

            return merged;
        }).ToList();
        return Score(group, ranking.Peers, ranking.Period, ranking.Days, ranking.PreviousDays, ranking.Weights, ranking.Indicators, sums);
    }

    /// <summary>
    /// The rollup reads of a ranking: the days, the previous days, and, for the fact kinds of cumulative indicators only,
    /// everything before the days (and before the previous days' end when they do not end right before the days).
    /// </summary>
    private static List<RollupRead> RankingReads(IReadOnlyList<IndicatorDefinition> indicators, DayRange days, DayRange previousDays)
    {
        var cumulativeKinds = CumulativeKinds(indicators);
        List<RollupRead> reads =
        [
            new RollupRead(RollupSegments.Cover(days)),
            new RollupRead(RollupSegments.Cover(previousDays)),
            new RollupRead(RollupSegments.Cover(new DayRange(DateOnly.MinValue, days.First.AddDays(-1))), cumulativeKinds),
        ];
        if (previousDays.Last != days.First.AddDays(-1))
        {
            reads.Add(new RollupRead(RollupSegments.Cover(new DayRange(DateOnly.MinValue, previousDays.Last)), cumulativeKinds));
        }

        return reads;
    }

    private static List<FactKind> CumulativeKinds(IReadOnlyList<IndicatorDefinition> indicators) =>
        indicators.Where(i => i.Accumulation == Accumulation.Cumulative).SelectMany(i => i.FactKinds).Distinct().ToList();

    /// <summary>Values, totals and scores of every peer from the sums of <see cref="RankingReads"/>.</summary>
    private static PeerRanking Score(PeerGroup group, IReadOnlyList<Region> peers, Period label, DayRange days, DayRange previousDays, WeightSet weights, IReadOnlyList<IndicatorDefinition> indicators, IReadOnlyList<Dictionary<string, Dictionary<FactKind, FactTotal>>> sums)
    {
        var cumulativeKinds = CumulativeKinds(indicators);
        var (current, previous, before) = (sums[0], sums[1], sums[2]);
        var upToPreviousEnd = sums.Count > 3 ? sums[3] : before;
        var upToEnd = new Dictionary<string, Dictionary<FactKind, FactTotal>>(StringComparer.Ordinal);
        foreach (var code in before.Keys.Union(current.Keys))
        {
            var earlier = before.GetValueOrDefault(code);
            var now = current.GetValueOrDefault(code);
            upToEnd[code] = cumulativeKinds
                .Where(k => earlier?.ContainsKey(k) == true || now?.ContainsKey(k) == true)
                .ToDictionary(k => k, k => (earlier?.GetValueOrDefault(k) ?? default) + (now?.GetValueOrDefault(k) ?? default));
        }

        var codes = peers.Select(p => p.Code).ToList();
        var totals = Combine(current, upToEnd);
        var values = new PeerPeriodData(label, totals).Values(codes, indicators);
        var previousValues = new PeerPeriodData(label.Previous, Combine(previous, upToPreviousEnd)).Values(codes, indicators);
        // No activity at all in the previous period (e.g. before the platform existed): no previous ranks, no changes.
        var previousRanking = previous.Count == 0 ? Scoring.Rank(indicators, [], weights) : Scoring.Rank(indicators, previousValues, weights);
        var calendar = days == label.Days && previousDays == label.Previous.Days;
        return new PeerRanking(group, peers, label, Scoring.Rank(indicators, values, weights), previousRanking, values, weights,
            calendar ? null : days, calendar ? null : previousDays)
        {
            PreviousValues = previousValues,
            Totals = totals,
            Indicators = indicators,
            Sums = sums,
        };
    }

    /// <summary>Region codes under the group's ancestor: [ancestor, next ancestor) in ordinal order ("~" above all digits).</summary>
    private static (string Low, string High) CodeRange(PeerGroup group) =>
        (group.AncestorCode, group.AncestorCode.Length == 0 ? "~" : group.AncestorCode[..^1] + (char)(group.AncestorCode[^1] + 1));

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
