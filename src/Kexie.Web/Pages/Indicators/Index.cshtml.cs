using System.Text.Json;
using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Indicators;
using Kexie.Domain.Regions;
using Kexie.Web.Features.Indicators;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Indicators;

/// <summary>One point of the trend line: a period's composite score and rank of the region.</summary>
public sealed record TrendPoint(string Period, string Label, decimal? Score, int? Rank, int Peers);

/// <summary>
/// 精准绩效 dashboard: a region's composite score and rank among its peers for a period, the four service groups,
/// the peers' ranking, the trend, the peer grid, and the indicator table with trace and explanation links.
/// </summary>
[Authorize]
public sealed class IndexModel(IndicatorService indicators, KexieDbContext db, TimeProvider clock) : KexiePageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    [BindProperty(SupportsGet = true, Name = "period")] public string? PeriodText { get; set; }

    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty(SupportsGet = true)] public int? Number { get; set; }

    [BindProperty(SupportsGet = true)] public int? WeightSet { get; set; }

    /// <summary>刷新 (<c>fresh=true</c>): the figures as of now — pending changes applied, the ranking computed — instead of the last ranking up to <c>Indicators:MaxStaleSeconds</c> old.</summary>
    [BindProperty(SupportsGet = true)] public bool Fresh { get; set; }

    public PeriodChoice? Choice { get; private set; }

    public List<CodeName> RegionOptions { get; private set; } = [];

    public IReadOnlyList<WeightSetDto> WeightSets { get; private set; } = [];

    public RankingDto? Ranking { get; private set; }

    public RankingEntryDto? Entry { get; private set; }

    public ScoreExplanationDto? Explanation { get; private set; }

    public Dictionary<string, IndicatorValueDto> Values { get; private set; } = [];

    public IReadOnlyList<TrendPoint> Trend { get; private set; } = [];

    public string? FilterError { get; private set; }

    /// <summary>What on the page is synthetic demo activity, in words; null when everything comes from records.</summary>
    public string? SyntheticNote { get; private set; }

    /// <summary>False for a period in which no peer has any data: then nothing is ranked.</summary>
    public bool HasActivity { get; private set; }

    /// <summary>Records behind a value are shown only inside the user's own scope.</summary>
    public bool CanTrace => Region is { } r && Can(Kexie.Web.Features.Indicators.IndicatorPermissions.ViewDashboards, r);

    public string ChartJson { get; private set; } = "{}";

    /// <summary>“数据截至 10:05”: every record change up to then is in the page's figures (<see cref="IndicatorService.AsOf"/>).</summary>
    public string? AsOfText { get; private set; }

    /// <summary>
    /// Whether the figures are older than the view (<see cref="IndicatorService.Behind"/>: answered from the last ranking while
    /// this node computes the newer one): the page gives the time to the second, says that later records are not in yet, and
    /// offers 刷新 (<see cref="Fresh"/>).
    /// </summary>
    public bool Behind { get; private set; }

    /// <summary>
    /// “数据截至 10:05” (China time) on the day of <paramref name="now"/>, “数据截至 2026-12-05 23:59” before it; to the second
    /// (“数据截至 10:05:07”) when <paramref name="behind"/>: a ranking a few seconds old would otherwise show the minute of the view.
    /// </summary>
    public static string AsOfWords(DateTimeOffset asOf, DateTimeOffset now, bool behind = false)
    {
        var local = asOf.ToOffset(ChinaTime.Offset);
        var time = behind ? local.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return ChinaTime.DateOf(asOf) == ChinaTime.DateOf(now)
            ? $"数据截至 {time}"
            : $"数据截至 {local:yyyy-MM-dd} {time}";
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        indicators.RequireManager(Actor);
        indicators.RequireCurrent = Fresh;
        var root = Lookups.RootFor(Actor);
        RegionOptions = await Lookups.RegionOptionsAsync(db, root, ct);
        WeightSets = await indicators.WeightSetsAsync(Actor, ct);
        try
        {
            Choice = IndicatorsUi.Choose(PeriodText, Kind, Year, Number, ChinaTime.DateOf(clock.GetUtcNow()));
            PeriodText = Choice.Period.ToString();
            Region = string.IsNullOrWhiteSpace(Region) ? await DefaultRegionAsync(root, ct) : Region.Trim();
            if (RegionOptions.All(o => o.Code != Region))
            {
                var names = await Lookups.RegionNamesAsync(db, [Region], ct);
                if (names.TryGetValue(Region, out var name))
                {
                    RegionOptions.Insert(0, new CodeName(Region, name));
                }
            }

            var peerRanking = await indicators.RankAsync(Actor, Region, PeriodText, WeightSet, ct);
            HasActivity = HadActivity(peerRanking);
            Ranking = await indicators.ToDtoAsync(peerRanking, ct);
            Entry = Ranking.Entries.FirstOrDefault(e => e.RegionCode == Region);
            Explanation = await indicators.ExplainAsync(peerRanking, RegionCode.Validate(Region, "region"), ct);
            Values = (await indicators.ValuesAsync(peerRanking, Region, ct)).Values.ToDictionary(v => v.Code);
            SyntheticNote = SyntheticText(Explanation.RegionName, Values, Ranking.IncludesSynthetic);
            Trend = await TrendAsync(Region, Choice.Period, peerRanking, ct);
            Behind = indicators.Behind;
            AsOfText = indicators.AsOf is { } asOf ? AsOfWords(asOf, clock.GetUtcNow(), Behind) : null;
        }
        catch (DomainValidationException e)
        {
            FilterError = e.Message;
            Ranking = null;
        }

        ChartJson = Ranking is null || Explanation is null ? "{}" : JsonSerializer.Serialize(ChartData(), IndicatorsUi.Json);
        return Page();
    }

    /// <summary>
    /// "本页含系统生成的合成活动数据…大英县累计注册科技工作者12,560人中合成12,440人，平台名录实有120人。": the dashboard's
    /// figures beside the directory's, explained.
    /// </summary>
    public static string? SyntheticText(string regionName, IReadOnlyDictionary<string, IndicatorValueDto> values, bool peersSynthetic)
    {
        var own = values.Values.Any(v => v.Synthetic is not null);
        if (!own && !peersSynthetic)
        {
            return null;
        }

        var text = "本页数字含系统生成的合成活动数据（非平台记录，仅用于演示排名和图表），追溯时标为“演示数据（合成）”。";
        if (values.TryGetValue("W01", out var workers) && workers.Value is { } total && workers.Synthetic is { } synthetic)
        {
            text += $"{regionName}累计注册科技工作者{StatFormat.Grouped(total)}人中合成{StatFormat.Grouped(synthetic)}人，平台名录实有{StatFormat.Grouped(total - synthetic)}人。";
        }
        else if (!own)
        {
            text += $"{regionName}本期数字全部来自平台记录，同级地区的数字含合成数据。";
        }

        return text;
    }

    /// <summary>The user's own region; for the whole country (platform admins), the best-ranked province.</summary>
    private async Task<string> DefaultRegionAsync(string root, CancellationToken ct)
    {
        if (root.Length > 0)
        {
            return root;
        }

        var province = RegionOptions.FirstOrDefault(o => o.Code.Length == 2)?.Code
            ?? throw new DomainValidationException("region", "请选择地区");
        var provinces = await indicators.RankingAsync(Actor, province, PeriodText, WeightSet, ct);
        return provinces.Entries.Where(e => e.Rank is not null).OrderBy(e => e.Rank).FirstOrDefault()?.RegionCode ?? province;
    }

    /// <summary>
    /// Whether any peer has any non-zero value: a period before the platform's data (or one with nothing at all)
    /// would rank every peer equal, which is no ranking.
    /// </summary>
    public static bool HadActivity(Kexie.Data.Indicators.PeerRanking ranking) =>
        ranking.Values.Any(v => v.Values.Values.Any(x => x is { } d && d != 0));

    /// <summary>
    /// The composite score and rank over the trend window; periods without any activity are gaps. A peer ranking
    /// carries the previous period's ranking too, so every second period comes for free.
    /// </summary>
    private async Task<IReadOnlyList<TrendPoint>> TrendAsync(string region, Period period, Kexie.Data.Indicators.PeerRanking current, CancellationToken ct)
    {
        var periods = IndicatorsUi.TrendPeriods(period);
        var found = new Dictionary<Period, (decimal? Score, int? Rank, int Peers)>();
        for (var i = periods.Count - 1; i >= 0; i -= 2)
        {
            var p = periods[i];
            var ranking = p == period ? current : await indicators.RankAsync(Actor, region, p.ToString(), WeightSet, ct);
            var entry = HadActivity(ranking) ? ranking.Current.Find(region) : null;
            found[p] = (entry?.Score, entry?.Score is null ? null : entry.Rank, ranking.Peers.Count);

            // The previous ranking is empty when the previous period had no activity at all.
            var previous = ranking.Previous.Find(region);
            found[p.Previous] = (previous?.Score, previous?.Score is null ? null : previous.Rank, ranking.Peers.Count);
        }

        return periods.Select(p => new TrendPoint(p.ToString(), IndicatorsUi.ShortLabel(p), found[p].Score, found[p].Rank, found[p].Peers)).ToList();
    }

    private object ChartData()
    {
        var ranked = Ranking!.Entries
            .OrderBy(e => e.Rank ?? int.MaxValue).ThenBy(e => e.RegionCode, StringComparer.Ordinal)
            .Select(e => new { code = e.RegionCode, name = e.RegionName, score = e.Score, rank = e.Rank })
            .ToList();
        return new
        {
            region = new { code = Region, name = Explanation!.RegionName },
            period = Ranking.PeriodLabel,
            peers = Ranking.PeerDescription,
            groups = ServiceGroupNames.All.Select(g =>
            {
                var score = Explanation.Groups.FirstOrDefault(x => x.Group == g);
                return new { name = g.Chinese(), shortName = IndicatorsUi.GroupShort(g), score = score?.Score, rank = score?.Rank };
            }),
            ranking = ranked,
            trend = Trend.Select(t => new { label = t.Label, score = t.Score, rank = t.Rank, peers = t.Peers }),
        };
    }
}
