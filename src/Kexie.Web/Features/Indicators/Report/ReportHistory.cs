using Kexie.Data.Indicators;
using Kexie.Domain.Identity;
using Kexie.Domain.Indicators;
using MiniExcelLibs;

namespace Kexie.Web.Features.Indicators.Report;

/// <summary>A year of the history: "2022年", or "2026年（截至12月4日）" for the current year (never a day to come).</summary>
public sealed record HistoryYearDto(int Year, string Label, DateOnly First, DateOnly Last);

/// <summary>
/// One statistic over the years, from the registry (an indicator of <see cref="IndicatorCatalogue"/> or a record-counted
/// report statistic of <see cref="ReportStatistics.Catalogue"/>): its value per year (null: no data) and, per year,
/// whether a part of it is synthetic demo activity.
/// </summary>
public sealed record HistoryRowDto(string Code, string Name, string Unit, string Definition, IReadOnlyList<decimal?> Values, IReadOnlyList<string?> Texts, IReadOnlyList<bool> Synthetic);

/// <summary>A region's headline statistics year by year, side by side (the seeds compare five years).</summary>
public sealed record ReportHistoryDto(string RegionCode, string RegionName, IReadOnlyList<HistoryYearDto> Years, IReadOnlyList<HistoryRowDto> Rows)
{
    public bool AnySynthetic => Rows.Any(r => r.Synthetic.Any(s => s));
}

/// <summary>
/// The growth of a region over the platform's life: every available indicator and report statistic for each of the last
/// years (default five), each year counted as the annual report counts it (1 January to 31 December, the current year to
/// today).
/// </summary>
public sealed class ReportHistoryService(IndicatorService indicators, IndicatorEngine engine, IndicatorRefresher refresher, ReportStatistics statistics, TimeProvider clock)
{
    public const int DefaultYears = 5;
    public const int MaxYears = 10;

    public async Task<ReportHistoryDto> HistoryAsync(Actor actor, string? region, int? years, CancellationToken ct)
    {
        indicators.RequireManager(actor);
        var count = years ?? DefaultYears;
        if (count is < 2 or > MaxYears)
        {
            throw new Kexie.Domain.Common.DomainValidationException("years", $"对比年数应在2至{MaxYears}之间");
        }

        var place = await indicators.RegionAsync(region ?? actor.RegionCode, ct);
        if (!actor.Manages(place.Code))
        {
            throw new Kexie.Domain.Common.AccessDeniedException("只能查看本级及下级地区的统计");
        }

        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var spans = Enumerable.Range(today.Year - count + 1, count)
            .Where(y => y >= 2000)
            .Select(y => ReportPeriod.Resolve(y, null, null, today))
            .Select(d => new HistoryYearDto(d.First.Year, d.Last == new DateOnly(d.First.Year, 12, 31) ? $"{d.First.Year}年" : $"{d.First.Year}年（截至{d.Last.Month}月{d.Last.Day}日）", d.First, d.Last))
            .ToList();
        await refresher.RefreshAsync(ct: ct);
        var values = new List<IReadOnlyDictionary<string, decimal?>>();
        var synthetic = new List<FactTotals>();
        var resources = new List<ResourceStatistics>();
        foreach (var year in spans)
        {
            var days = new DayRange(year.First, year.Last);
            values.Add(await engine.ValuesAsync(place.Code, days, ct));
            synthetic.Add(await indicators.SyntheticTotalsAsync(place.Code, days, ct));
            resources.Add(await statistics.ComputeAsync(place.Code, days, ct));
        }

        var rows = new List<HistoryRowDto>();
        foreach (var indicator in IndicatorCatalogue.All.Where(i => i.IsAvailable))
        {
            var row = values.Select(v => v.GetValueOrDefault(indicator.Code)).ToList();
            rows.Add(new HistoryRowDto(
                indicator.Code, indicator.Name, indicator.Unit, indicator.Description, row, row.Select(v => StatFormat.Value(v, indicator.Unit)).ToList(),
                synthetic.Select(s => IndicatorService.SyntheticPart(indicator, s) is not null).ToList()));
        }

        foreach (var statistic in ReportStatistics.Catalogue)
        {
            var row = resources.Select(r => (decimal?)Resource(statistic.Code, r)).ToList();
            rows.Add(new HistoryRowDto(
                statistic.Code, statistic.Name, statistic.Unit, statistic.Definition, row, row.Select(v => StatFormat.Value(v, statistic.Unit)).ToList(), row.Select(_ => false).ToList()));
        }

        return new ReportHistoryDto(place.Code, place.Name, spans, rows);
    }

    private static long Resource(string code, ResourceStatistics r) => code switch
    {
        "R01" => r.Societies,
        "R02" => r.RuralTechAssociations,
        "R03" => r.Agencies,
        "R04" => r.Experts,
        "R05" => r.ServedPeople,
        "R06" => r.Trainings,
        "R07" => r.ProposalsSubmitted,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "not a report statistic"),
    };

    /// <summary>The history as a workbook: a row per statistic, a column per year (numbers), its unit and definition.</summary>
    public static byte[] Xlsx(ReportHistoryDto history)
    {
        var rows = history.Rows.Select(r =>
        {
            var row = new Dictionary<string, object?> { ["代码"] = r.Code, ["统计"] = r.Name, ["单位"] = r.Unit };
            for (var i = 0; i < history.Years.Count; i++)
            {
                row[history.Years[i].Label] = r.Values[i] is { } v ? decimal.Round(v, 2, MidpointRounding.AwayFromZero) : null;
            }

            row["含合成数据的年份"] = string.Join("、", history.Years.Where((_, i) => r.Synthetic[i]).Select(y => y.Label));
            row["口径"] = r.Definition;
            return row;
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { [$"{history.RegionName}主要统计"] = rows });
        return stream.ToArray();
    }
}
