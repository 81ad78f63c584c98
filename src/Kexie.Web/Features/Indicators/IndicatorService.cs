using System.Globalization;
using Kexie.Data;
using Kexie.Data.Indicators;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Indicators;
using Kexie.Domain.Regions;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Indicators;

/// <summary>
/// Values, rankings, explanations and traces. Every read first applies pending record changes (incremental
/// refresh, cheap when nothing changed). Region managers see values and rankings of any peer group; the records
/// behind a value only inside their own scope.
/// </summary>
public sealed class IndicatorService(KexieDbContext db, IndicatorEngine engine, IndicatorRefresher refresher, RankingCache rankings, Kexie.Domain.Authorization.AccessPolicy policy, IndicatorFreshness freshness)
{
    // What one request reads once (the service is scoped to the request): the rollups' version (one refresh check per
    // request, not one per ranking, trend period and value read: each is three reads), the regions and the newest
    // weight set. A page's readings then all come from one version of the rollups.
    private RollupReading? rollupReading;
    private readonly Dictionary<string, Region> regions = new(StringComparer.Ordinal);
    private WeightSet? newestWeights;

    /// <summary>The rollups' version this request reads at (<see cref="IndicatorRefresher.RollupVersionAsync"/>, once per request).</summary>
    private async Task<RollupVersion> VersionAsync(CancellationToken ct) => (await ReadingAsync(ct)).Version;

    /// <summary>
    /// The rollups' version with the time what is read at it is true as of: with <see cref="IndicatorFreshness.MaxStale"/>
    /// the pending changes are left to the background when the last refresh is recent enough (<see cref="IndicatorRefresher.RollupVersionAsync(DateTimeOffset, TimeSpan, CancellationToken)"/>).
    /// </summary>
    private async Task<RollupReading> ReadingAsync(CancellationToken ct)
    {
        if (rollupReading is null)
        {
            readAt = freshness.Now;
            rollupReading = await refresher.RollupVersionAsync(readAt.Value, MaxStale, ct);
            if (rollupReading.Deferred)
            {
                freshness.RefreshInBackground();
            }

            Served(rollupReading.AsOf);
        }

        return rollupReading;
    }

    /// <summary>
    /// Whether this request wants current figures (the dashboard's 刷新, <c>fresh=true</c>): the pending record changes are
    /// applied and the ranking computed at the current version before it is answered, whatever
    /// <see cref="IndicatorFreshness.MaxStale"/> allows — a staffer who has just recorded something sees it. Set before the
    /// first read.
    /// </summary>
    public bool RequireCurrent { get; set; }

    /// <summary>How old this request's answers may be: <see cref="IndicatorFreshness.MaxStale"/>, zero with <see cref="RequireCurrent"/>.</summary>
    private TimeSpan MaxStale => RequireCurrent ? TimeSpan.Zero : freshness.MaxStale;

    private DateTimeOffset? readAt;

    /// <summary>
    /// Whether something this request answered is older than the request (<see cref="AsOf"/> before its first read): changes
    /// recorded since <see cref="AsOf"/> are not in it yet (the page says so and offers 刷新).
    /// </summary>
    public bool Behind => AsOf is { } asOf && readAt is { } at && asOf < at;

    /// <summary>
    /// The time the indicator data this request answered is true as of (the oldest of what it read: every record change up
    /// to it is in the figures; “数据截至 HH:mm” on the pages); null before anything was read.
    /// </summary>
    public DateTimeOffset? AsOf { get; private set; }

    private void Served(DateTimeOffset asOf)
    {
        if (AsOf is null || asOf < AsOf)
        {
            AsOf = asOf;
        }
    }

    public const string MissingDataRule = "某地区在某类服务中没有任何业务数据（计数均为0、比值均无分母）时，该类显示“暂无数据”，不评分、不排名，也不与其他地区比较（如无需求的地区不以“超时未响应0条”得分）；在综合评分中该类按0分计；各类均无数据的地区不参与综合排名。全部同级地区均无数据的指标和服务类别不参与评分，其余类别按权重重新归一；有数据的地区比值类指标无分母（如当期无到期需求）时该指标记0分。";

    // Region names this request has read (a ranking's peers, then the region explained out of them): read once per request,
    // so a rename shows on the next request.
    private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);

    public async Task<IReadOnlyDictionary<string, string>> RegionNamesAsync(IEnumerable<string> codes, CancellationToken ct)
    {
        var list = codes.Distinct().ToList();
        var missing = list.Where(c => !names.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            foreach (var r in await db.Regions.AsNoTracking().Where(r => missing.Contains(r.Code)).Select(r => new { r.Code, r.Name }).ToListAsync(ct))
            {
                names[r.Code] = r.Name;
            }
        }

        return list.Where(names.ContainsKey).ToDictionary(c => c, c => names[c], StringComparer.Ordinal);
    }

    public async Task<Region> RegionAsync(string? code, CancellationToken ct)
    {
        var valid = RegionCode.Validate(code, "region");
        if (regions.TryGetValue(valid, out var known))
        {
            return known;
        }

        var region = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Code == valid, ct)
            ?? throw new DomainValidationException("region", $"行政区划“{valid}”不存在");
        regions[valid] = region;
        return region;
    }

    public void RequireManager(Actor actor)
    {
        if (!policy.Can(actor, IndicatorPermissions.ViewDashboards))
        {
            throw new AccessDeniedException("只有科协管理员和服务中心工作人员可以查看绩效指标");
        }
    }

    public async Task<WeightSet> WeightSetAsync(int? version, CancellationToken ct)
    {
        if (version is { } v)
        {
            if (v == 0)
            {
                return WeightSet.BuiltInDefault;
            }

            return await db.WeightSets.AsNoTracking().FirstOrDefaultAsync(w => w.Version == v, ct)
                ?? throw new DomainValidationException("weightSet", $"权重版本 {v} 不存在");
        }

        return newestWeights ??= await db.WeightSets.AsNoTracking().OrderByDescending(w => w.Version).FirstOrDefaultAsync(ct) ?? WeightSet.BuiltInDefault;
    }

    public async Task<RegionValuesDto> ValuesAsync(Actor actor, string? region, string? period, CancellationToken ct)
    {
        RequireManager(actor);
        var place = await RegionAsync(region, ct);
        var p = Period.Parse(period);
        var version = await VersionAsync(ct);
        var (current, previous) = await rankings.GetAsync(
            version,
            string.Create(CultureInfo.InvariantCulture, $"values|{place.Code}|{p}"),
            p.LastDay,
            async () => new RegionPeriodValues(
                await engine.ValuesAsync(place.Code, p.Days, ct),
                await engine.ValuesAsync(place.Code, p.Previous.Days, ct)));
        var synthetic = await rankings.GetAsync(
            version,
            string.Create(CultureInfo.InvariantCulture, $"synthetic-totals|{place.Code}|{p}"),
            SyntheticFactsDay,
            () => SyntheticTotalsAsync(place.Code, p.Days, ct));
        var values = IndicatorCatalogue.All.Select(i => new IndicatorValueDto(i.Code, i.Name, i.Group, current[i.Code], previous[i.Code], i.Unit, i.IsAvailable, SyntheticPart(i, synthetic))).ToList();
        return new RegionValuesDto(place.Code, place.Name, p.ToString(), p.Label, p.FirstDay, p.LastDay, values, values.Any(v => v.Synthetic is not null));
    }

    /// <summary>
    /// <paramref name="code"/>'s values as <see cref="ValuesAsync(Actor, string?, string?, CancellationToken)"/> gives them,
    /// taken from a ranking of its peers for the period (<see cref="RankAsync"/>), which read the same rollups: a dashboard
    /// view after a write into the period reads no values of its own.
    /// </summary>
    public async Task<RegionValuesDto> ValuesAsync(PeerRanking ranking, string code, CancellationToken ct)
    {
        var place = await RegionAsync(code, ct);
        var p = ranking.Period;
        var current = ranking.Values.FirstOrDefault(v => v.RegionCode == place.Code) ?? throw new NotFoundException("该地区不在排名范围内");
        var previous = ranking.PreviousValues.First(v => v.RegionCode == place.Code);
        var synthetic = await rankings.GetAsync(
            await VersionAsync(ct),
            string.Create(CultureInfo.InvariantCulture, $"synthetic-totals|{place.Code}|{p}"),
            SyntheticFactsDay,
            () => SyntheticTotalsAsync(place.Code, ranking.Days, ct));
        var values = IndicatorCatalogue.All.Select(i => new IndicatorValueDto(i.Code, i.Name, i.Group, current.Values[i.Code], previous.Values[i.Code], i.Unit, i.IsAvailable, SyntheticPart(i, synthetic))).ToList();
        return new RegionValuesDto(place.Code, place.Name, p.ToString(), p.Label, p.FirstDay, p.LastDay, values, values.Any(v => v.Synthetic is not null));
    }

    /// <summary>A region's values for a period and the previous one: kept by the rollups' version.</summary>
    private sealed record RegionPeriodValues(IReadOnlyDictionary<string, decimal?> Current, IReadOnlyDictionary<string, decimal?> Previous);

    /// <summary>
    /// The "last day" under which reads of synthetic facts alone are kept (<see cref="RankingCache.GetAsync{T}"/>). Synthetic
    /// facts (演示数据) are written by the seeders only; a refresh never writes or deletes them, so this node's incremental
    /// refreshes (a write today) keep them, while a full refresh (it rebuilds from day 0) or a refresh by another node or
    /// writer (the version chain breaks) reads them again. Before, every write into the current period read them again
    /// (two sums over the region's facts, 40–50 ms a call on the 0.1 province).
    /// </summary>
    private static readonly DateOnly SyntheticFactsDay = DateOnly.MinValue;

    /// <summary>
    /// The synthetic demo activity (<see cref="FactSource.Synthetic"/>, 演示数据) inside a region's totals over
    /// <paramref name="range"/>: in the range, and up to its end for cumulative indicators. Pages and reports say how much
    /// of a figure it makes, so that 12,560 workers on the dashboard beside 120 in the directory is explained.
    /// </summary>
    public async Task<FactTotals> SyntheticTotalsAsync(string regionCode, DayRange range, CancellationToken ct)
    {
        var prefix = regionCode;
        var synthetic = db.IndicatorFacts.AsNoTracking().Where(f => f.Source == FactSource.Synthetic && RegionScope.Within(f.RegionCode, prefix) && f.Day <= range.LastKey);
        var inRange = await synthetic.Where(f => f.Day >= range.FirstKey)
            .GroupBy(f => f.Kind).Select(g => new { Kind = g.Key, Count = g.Sum(f => (long)f.Count), Amount = g.Sum(f => f.AmountFen) }).ToListAsync(ct);
        var upToEnd = await synthetic
            .GroupBy(f => f.Kind).Select(g => new { Kind = g.Key, Count = g.Sum(f => (long)f.Count), Amount = g.Sum(f => f.AmountFen) }).ToListAsync(ct);
        var totals = new FactTotals();
        foreach (var t in inRange)
        {
            totals.InPeriod[t.Kind] = new FactTotal(t.Count, t.Amount);
        }

        foreach (var t in upToEnd)
        {
            totals.UpToEnd[t.Kind] = new FactTotal(t.Count, t.Amount);
        }

        return totals;
    }

    /// <summary>The synthetic part of a count or sum indicator (null when none; ratios are not split).</summary>
    public static decimal? SyntheticPart(IndicatorDefinition indicator, FactTotals synthetic) =>
        indicator.Kind is IndicatorKind.Count or IndicatorKind.Sum && indicator.Compute(synthetic) is { } v && v != 0 ? v : null;

    /// <summary>Whether any synthetic demo activity lies under <paramref name="ancestorCode"/> up to <paramref name="lastDay"/>.</summary>
    public Task<bool> AnySyntheticAsync(string ancestorCode, DateOnly lastDay, CancellationToken ct)
    {
        var last = ChinaTime.DayKey(lastDay);
        return db.IndicatorFacts.AsNoTracking().AnyAsync(f => f.Source == FactSource.Synthetic && RegionScope.Within(f.RegionCode, ancestorCode) && f.Day <= last, ct);
    }

    public async Task<PeerRanking> RankAsync(Actor actor, string? region, string? period, int? weightSet, CancellationToken ct)
    {
        RequireManager(actor);
        var place = await RegionAsync(region, ct);
        var p = Period.Parse(period);
        var weights = await WeightSetAsync(weightSet, ct);
        var reading = await ReadingAsync(ct);
        var version = reading.Version;
        var group = PeerGroup.Of(place.Code);

        // Computed in a scope of its own: the ranking may be computed in the background for all readers
        // (RankingCache.GetRecentAsync, one computation per ranking at a time on this node) and outlive this request. With
        // no allowance (MaxStale zero: the tests' setting, or RequireCurrent) the reader waits for the current ranking.
        var (ranking, asOf) = await rankings.GetRecentAsync(
            version,
            reading.AsOf,
            string.Create(CultureInfo.InvariantCulture, $"rank|{group.AncestorCode}|{group.CodeLength}|{p}|{weights.Version}"),
            p.LastDay,
            freshness.Now,
            MaxStale,
            () => freshness.DetachedAsync(s => s.GetRequiredService<IndicatorEngine>().RankAsync(group, p, weights)),
            (kept, changed) => freshness.DetachedAsync(s => s.GetRequiredService<IndicatorEngine>().RerankAsync(kept, changed)));
        Served(asOf);
        return ranking;
    }

    public async Task<RankingDto> RankingAsync(Actor actor, string? region, string? period, int? weightSet, CancellationToken ct)
    {
        var ranking = await RankAsync(actor, region, period, weightSet, ct);
        return await ToDtoAsync(ranking, ct);
    }

    /// <summary>
    /// The ranking of <paramref name="region"/>'s peers over <paramref name="days"/> against <paramref name="previousDays"/>
    /// with the newest weights: a report's ranking. Days that are a calendar year give that year's ranking (the dashboards');
    /// other days rank over themselves, filed under the year of their last day.
    /// </summary>
    public async Task<RankingDto> RankingAsync(Actor actor, string region, DayRange days, DayRange previousDays, CancellationToken ct)
    {
        RequireManager(actor);
        var place = await RegionAsync(region, ct);
        var weights = await WeightSetAsync(null, ct);
        await refresher.RefreshAsync(ct: ct);
        return await ToDtoAsync(await engine.RankAsync(PeerGroup.Of(place.Code), Period.OfYear(days.Last.Year), days, previousDays, weights, ct: ct), ct);
    }

    public async Task<RankingDto> ToDtoAsync(PeerRanking ranking, CancellationToken ct)
    {
        // Names are read now, not taken from the kept ranking: the ranking is kept by the rollups' version, which a
        // region's rename does not change (one read of 183 names, the ancestor's with them).
        var ancestor = ranking.Group.AncestorCode;
        var names = await RegionNamesAsync(ranking.Peers.Select(p => p.Code).Append(ancestor), ct);
        var ancestorName = ancestor.Length == 0 ? "全国" : names.GetValueOrDefault(ancestor) ?? ancestor;
        var entries = ranking.Current.Entries.Select(e =>
        {
            var previous = ranking.Previous.Find(e.RegionCode);
            return new RankingEntryDto(
                e.RegionCode,
                names.GetValueOrDefault(e.RegionCode) ?? e.RegionCode,
                e.Score,
                e.Rank,
                previous?.Rank,
                ranking.RankChange(e.RegionCode),
                e.Groups.Select(g => new GroupRankDto(g.Group, g.Group.Chinese(), g.Score, g.Rank, previous?.Group(g.Group).Rank, ranking.GroupRankChange(e.RegionCode, g.Group))).ToList());
        }).ToList();
        return new RankingDto(
            ancestor,
            ancestorName,
            PeerDescription(ranking.Group, ancestorName, ranking.Peers.Count),
            ranking.Peers.Count,
            ranking.Span is { } span ? SpanKey(span) : ranking.Period.ToString(),
            ranking.Span is { } spanLabel ? Kexie.Web.Features.Indicators.Report.ReportPeriod.RangeText(spanLabel.First, spanLabel.Last) : ranking.Period.Label,
            ranking.PreviousSpan is { } before ? SpanKey(before) : ranking.Period.Previous.ToString(),
            new WeightSetRef(ranking.Weights.Version, ranking.Weights.Name),
            ranking.Current.CountedIndicators,
            ranking.Current.ExcludedIndicators,
            ranking.Current.EffectiveGroupWeights,
            MissingDataRule,
            entries,
            await AnySyntheticCachedAsync(ancestor, ranking.Days.Last, ct),
            AsOf);
    }

    /// <summary><see cref="AnySyntheticAsync"/> kept by the rollups' version with the rankings (facts change only in a refresh).</summary>
    private async Task<bool> AnySyntheticCachedAsync(string ancestorCode, DateOnly lastDay, CancellationToken ct)
    {
        var version = await VersionAsync(ct);
        return await rankings.GetAsync(
            version,
            string.Create(CultureInfo.InvariantCulture, $"synthetic|{ancestorCode}|{lastDay:yyyyMMdd}"),
            SyntheticFactsDay,
            async () => (object)await AnySyntheticAsync(ancestorCode, lastDay, ct)) is true;
    }

    /// <summary>"2019-12-21~2020-12-20": a ranking over days that are not a calendar period.</summary>
    private static string SpanKey(DayRange days) => FormattableString.Invariant($"{days.First:yyyy-MM-dd}~{days.Last:yyyy-MM-dd}");

    /// <summary>"全省183个县（市、区）", "全市5个县（市、区）", "全县9个乡镇（街道）".</summary>
    public static string PeerDescription(PeerGroup group, string ancestorName, int count) => group.CodeLength switch
    {
        2 => $"全国{count}个省（区、市）",
        4 => $"{Whole(ancestorName)}{count}个市（州）",
        6 => $"{Whole(ancestorName)}{count}个县（市、区）",
        _ => $"{Whole(ancestorName)}{count}个乡镇（街道）",
    };

    /// <summary>"全省" for 四川省, "全县" for 大英县, "全市" for 射洪市.</summary>
    public static string Whole(string regionName) => regionName.Length == 0 ? "全国" : "全" + regionName[^1];

    public async Task<ScoreExplanationDto> ExplainAsync(Actor actor, string? region, string? period, int? weightSet, CancellationToken ct)
    {
        var ranking = await RankAsync(actor, region, period, weightSet, ct);
        return await ExplainAsync(ranking, RegionCode.Validate(region, "region"), ct);
    }

    /// <summary>
    /// How <paramref name="code"/>'s score in <paramref name="ranking"/> (from <see cref="RankAsync"/>) is made up; pages that
    /// show the ranking too pass the one they already computed instead of ranking the peers again.
    /// </summary>
    public async Task<ScoreExplanationDto> ExplainAsync(PeerRanking ranking, string code, CancellationToken ct)
    {
        var entry = ranking.Current.Find(code) ?? throw new NotFoundException("该地区不在排名范围内");
        // The region's totals for the period: those the ranking read (no read of their own; a dashboard view read them every time).
        var totals = ranking.Totals.GetValueOrDefault(code) ?? new FactTotals();
        var name = (await RegionNamesAsync([code], ct)).GetValueOrDefault(code) ?? ranking.Peers.First(p => p.Code == code).Name;
        var groupWeights = ranking.Current.EffectiveGroupWeights;
        var indicators = IndicatorCatalogue.All.Select(i =>
        {
            var score = entry.Indicator(i.Code);
            var groupWeightSum = entry.Indicators.Where(s => s.Counted && s.Group == i.Group).Sum(s => s.Weight);
            decimal? contribution = score.Counted && groupWeightSum > 0 && score.Normalised is { } n
                ? decimal.Round(n * score.Weight / groupWeightSum * groupWeights[i.Group] / 100m, Scoring.ScoreDecimals)
                : null;
            return new IndicatorScoreDto(
                i.Code, i.Name, i.Group, score.Value, i.Unit, score.Normalised, score.Weight, score.Counted, contribution,
                Components(i, totals),
                $"/api/v1/indicators/trace?region={code}&period={ranking.Period}&indicator={i.Code}");
        }).ToList();
        var previous = ranking.Previous.Find(code);
        return new ScoreExplanationDto(
            code, name, ranking.Period.ToString(), new WeightSetRef(ranking.Weights.Version, ranking.Weights.Name), entry.Score, entry.Rank, ranking.Peers.Count,
            ranking.RankChange(code),
            entry.Groups.Select(g => new GroupRankDto(g.Group, g.Group.Chinese(), g.Score, g.Rank, previous?.Group(g.Group).Rank, ranking.GroupRankChange(code, g.Group))).ToList(),
            groupWeights,
            indicators);
    }

    private static List<FactTotalDto> Components(IndicatorDefinition indicator, IFactTotals totals) =>
        indicator.FactKinds.Select(k =>
        {
            var t = totals.Get(k, indicator.Accumulation);
            return new FactTotalDto(k, k.Chinese(), indicator.Accumulation, t.Count, t.AmountYuan);
        }).ToList();

    /// <summary>The facts (and their source records) behind one indicator value; only inside the actor's scope.</summary>
    public async Task<TraceDto> TraceAsync(Actor actor, string? region, string? period, string? indicator, int? page, int? pageSize, CancellationToken ct)
    {
        var place = await RegionAsync(region, ct);
        if (!actor.Manages(place.Code))
        {
            throw new AccessDeniedException("只能追溯本级及下级地区的原始记录");
        }

        var definition = IndicatorCatalogue.Get(indicator);
        var p = Period.Parse(period);
        await refresher.RefreshAsync(ct: ct);
        var totals = await engine.TotalsForAsync(place.Code, p.Days, ct);
        var kinds = definition.FactKinds.ToList();
        var from = definition.Accumulation == Accumulation.Cumulative ? 0 : p.Days.FirstKey;
        var to = p.Days.LastKey;
        var prefix = place.Code;
        var query = db.IndicatorFacts.AsNoTracking().Where(f => RegionScope.Within(f.RegionCode, prefix) && kinds.Contains(f.Kind) && f.Day >= from && f.Day <= to);
        var size = Math.Clamp(pageSize ?? 50, 1, 500);
        var number = Math.Max(page ?? 1, 1);
        var total = await query.LongCountAsync(ct);
        var rows = await query.OrderBy(f => f.Day).ThenBy(f => f.Id).Skip(new Kexie.Web.Infrastructure.PageRequest(number, size).Skip).Take(size).ToListAsync(ct);
        return new TraceDto(
            place.Code,
            definition.Code,
            definition.Name,
            p.ToString(),
            definition.Accumulation == Accumulation.Cumulative ? null : p.FirstDay,
            p.LastDay,
            definition.Compute(totals),
            Components(definition, totals),
            number,
            size,
            total,
            rows.Select(f => new TraceRecordDto(f.Id, f.RegionCode, f.Day, f.Kind, f.Kind.Chinese(), f.Count, f.AmountFen / 100m, f.Source, f.Source.Chinese(), f.SourceId)).ToList());
    }

    /// <summary>Applies pending record changes now (cheap). The full refresh goes through <see cref="IndicatorRefreshQueue"/>.</summary>
    public async Task<RefreshResult> RefreshAsync(Actor actor, CancellationToken ct)
    {
        if (!policy.Can(actor, IndicatorPermissions.Refresh))
        {
            throw new AccessDeniedException("只有管理员可以重算指标");
        }

        return await refresher.RefreshAsync(full: false, ct);
    }

    public async Task<IReadOnlyList<WeightSetDto>> WeightSetsAsync(Actor actor, CancellationToken ct)
    {
        RequireManager(actor);
        var sets = await db.WeightSets.AsNoTracking().OrderByDescending(w => w.Version).ToListAsync(ct);
        var activeVersion = sets.Count == 0 ? 0 : sets[0].Version;

        // The newest is the one a ranking without a chosen version uses (WeightSetAsync): the page's ranking reads none again.
        newestWeights ??= sets.Count == 0 ? WeightSet.BuiltInDefault : sets[0];
        return sets.Append(WeightSet.BuiltInDefault).Select(w => WeightSetDto.From(w, w.Version == activeVersion)).ToList();
    }

    /// <summary>Weights are provincial policy: platform admins and province-level association admins create versions.</summary>
    public async Task<WeightSetDto> CreateWeightSetAsync(Actor actor, CreateWeightSetRequest request, CancellationToken ct)
    {
        if (!policy.Can(actor, IndicatorPermissions.ManageWeights) || actor.ManagedScope is not { Length: <= 2 })
        {
            throw new AccessDeniedException("只有平台管理员和省级科协管理员可以设置权重");
        }

        var next = (await db.WeightSets.MaxAsync(w => (int?)w.Version, ct) ?? 0) + 1;
        var set = WeightSet.Create(next, request.Name, request.Note, request.GroupWeights, request.IndicatorWeights, actor);
        db.WeightSets.Add(set);
        await db.SaveChangesAsync(ct);
        newestWeights = null;
        return WeightSetDto.From(set, true);
    }
}
