using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using Kexie.Data.Indicators;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Indicators;
using Kexie.Domain.Regions;
using Kexie.Web.Features.Indicators.Report;
using MiniExcelLibs;

namespace Kexie.Web.Features.Indicators;

/// <summary>
/// The numbers of an annual report, all from the platform's data; <c>Synthetic</c>: the part of them that is synthetic demo
/// activity; <c>Contributed</c>: the values of the modules' <see cref="IReportStatisticSource"/>s; <c>Template</c>: the
/// wording (null: <see cref="ReportTemplate.Default"/>).
/// </summary>
public sealed record AnnualReportData(
    string RegionCode,
    string RegionName,
    int Year,
    DateOnly AsOf,
    FactTotals Totals,
    IReadOnlyDictionary<string, decimal?> Values,
    IReadOnlyDictionary<string, decimal?> PreviousValues,
    RankingDto? Ranking,
    RankingEntryDto? Entry,
    FactTotals? Synthetic = null,
    IReadOnlyList<ReportValue>? Contributed = null,
    IReadOnlyList<TemplateParagraph>? Template = null,
    DateOnly? From = null)
{
    /// <summary>The first day the report covers: <see cref="From"/>, or 1 January of <see cref="Year"/>.</summary>
    public DateOnly First => From ?? new DateOnly(Year, 1, 1);

    public long Cumulative(FactKind kind) => Totals.Get(kind, Accumulation.Cumulative).Count;

    public long InYear(FactKind kind) => Totals.Get(kind, Accumulation.Period).Count;

    public decimal CumulativeYuan(FactKind kind) => Totals.Get(kind, Accumulation.Cumulative).AmountYuan;

    public decimal InYearYuan(FactKind kind) => Totals.Get(kind, Accumulation.Period).AmountYuan;

    /// <summary>The report covers 1 January to 31 December of <see cref="Year"/>.</summary>
    public bool WholeYear => First == new DateOnly(Year, 1, 1) && AsOf == new DateOnly(Year, 12, 31);

    /// <summary>The report covers 1 January of <see cref="Year"/> to <see cref="AsOf"/> (the whole year or the year so far).</summary>
    public bool FromNewYear => First == new DateOnly(AsOf.Year, 1, 1);

    /// <summary>"截至2020年12月31日" / "截至2026年12月4日".</summary>
    public string AsOfText => $"截至{AsOf.Year}年{AsOf.Month}月{AsOf.Day}日";

    /// <summary>"2020年" for a whole year, "2026年以来" for the year so far, "2019年12月21日至2020年12月20日" for another span.</summary>
    public string PeriodText => WholeYear ? $"{Year}年" : FromNewYear ? $"{Year}年以来" : ReportPeriod.RangeText(First, AsOf);

    /// <summary>The comparison's name: "上年" for a whole year, "上年同期" for another span.</summary>
    public string PreviousName => WholeYear ? "上年" : "上年同期";

    /// <summary>The comparison column of the tables: "2019年", "2019年同期", "上年同期".</summary>
    public string PreviousColumn => WholeYear ? $"{Year - 1}年" : FromNewYear ? $"{Year - 1}年同期" : "上年同期";
}

/// <summary>
/// 年度工作总结的统计部分: statistics paragraphs in Chinese in the style of the work reports, indicator and ranking
/// tables, as a Word document (.docx) and an Excel workbook.
/// </summary>
public sealed class AnnualReportService(
    IndicatorService indicators, IndicatorEngine engine, IndicatorRefresher refresher, IEnumerable<IReportStatisticSource> sources, ReportTemplateService templates, TimeProvider clock)
{
    /// <summary>
    /// The report's numbers for a year (1 January to <paramref name="asOf"/>; default 31 December, or today for the
    /// current year) or for <paramref name="from"/> to <paramref name="asOf"/> (<see cref="ReportPeriod"/>): a report
    /// never speaks of a day that has not come; the comparison is the same days a year earlier.
    /// </summary>
    public async Task<AnnualReportData> DataAsync(Actor actor, string? region, int? year, DateOnly? from, DateOnly? asOf, CancellationToken ct)
    {
        var place = await indicators.RegionAsync(region, ct);
        if (!actor.Manages(place.Code))
        {
            throw new AccessDeniedException("只能生成本级及下级地区的年度报告");
        }

        var days = ReportPeriod.Resolve(year, from, asOf, ChinaTime.DateOf(clock.GetUtcNow()));
        var last = days.Last;
        var period = Period.OfYear(last.Year);
        var previousDays = new DayRange(days.First.AddYears(-1), last.AddYears(-1));
        await refresher.RefreshAsync(ct: ct);
        var totals = await engine.TotalsForAsync(place.Code, days, ct);
        var values = IndicatorCatalogue.All.ToDictionary(i => i.Code, i => i.Compute(totals));
        var previous = await engine.ValuesAsync(place.Code, previousDays, ct);
        // A whole year ranks as the dashboards rank it; another span (the year so far, 21 December to 20 December) over its
        // own days against the same days a year earlier, as the report's other figures.
        var ranking = await indicators.RankingAsync(actor, place.Code, days, previousDays, ct);
        var synthetic = await indicators.SyntheticTotalsAsync(place.Code, days, ct);
        var scope = new ReportScope(place.Code, place.Name, days.First, days.Last);
        var contributed = new List<ReportValue>();
        foreach (var source in sources)
        {
            contributed.AddRange(await source.ValuesAsync(scope, ct));
        }

        return new AnnualReportData(
            place.Code, place.Name, period.Year, last, totals, values, previous, ranking, ranking.Entries.FirstOrDefault(e => e.RegionCode == place.Code), synthetic, contributed,
            await templates.ForReportAsync(place.Code, ct), days.First);
    }

    /// <summary>Every placeholder a template may use: the report's own and those of the registered sources.</summary>
    public static IReadOnlyList<ReportPlaceholder> Placeholders(IEnumerable<IReportStatisticSource> sources) =>
        CoreReportValues.Placeholders.Concat(sources.SelectMany(s => s.Placeholders)).DistinctBy(p => p.Name).ToList();

    /// <summary>The shipped template, parsed (its placeholders are checked by a test against the registered sources).</summary>
    public static IReadOnlyList<TemplateParagraph> DefaultTemplate { get; } = ReportTemplate.Parse(ReportTemplate.Default, null);

    /// <summary>"，大型科普活动现场参与81200人次，科普阵地接待观众14500人次，科技志愿服务32人次、80小时" — the parts with records (S05–S08).</summary>
    public static string PopularizationReach(AnnualReportData d)
    {
        var parts = new List<string>();
        if (d.InYear(FactKind.MassEventParticipants) is > 0 and var mass)
        {
            parts.Add($"大型科普活动现场参与{mass}人次");
        }

        if (d.InYear(FactKind.VenueVisitors) is > 0 and var visitors)
        {
            parts.Add($"科普阵地接待观众{visitors}人次");
        }

        if (d.InYear(FactKind.VolunteerService) is > 0 and var services)
        {
            parts.Add($"科技志愿服务{services}人次、{d.InYearYuan(FactKind.VolunteerService):0.#}小时");
        }

        return parts.Count == 0 ? string.Empty : "，" + string.Join("，", parts);
    }

    /// <summary>
    /// The report's parts (服务科技工作者 … 自身建设, 下一年工作安排) as the template words them, each paragraph with its
    /// statistics filled; a paragraph without activity and a part without paragraphs are left out.
    /// </summary>
    public static IReadOnlyList<(ReportPart Part, IReadOnlyList<string> Paragraphs)> Parts(AnnualReportData d)
    {
        var values = CoreReportValues.Values(d).Concat(d.Contributed ?? []).GroupBy(v => v.Name).ToDictionary(g => g.Key, g => g.Last());
        return ReportTemplate.Render(d.Template ?? DefaultTemplate, values);
    }

    /// <summary>Every paragraph of the report: the parts', then the synthetic-data note and the ranking.</summary>
    public static IReadOnlyList<string> Paragraphs(AnnualReportData d) => Parts(d).SelectMany(p => p.Paragraphs).Concat(Closing(d)).ToList();

    /// <summary>The closing paragraphs: the synthetic-data note and the ranking ("综合评分…位列…第13位").</summary>
    public static IReadOnlyList<string> Closing(AnnualReportData d)
    {
        var paragraphs = new List<string>();
        if (SyntheticNote(d) is { } note)
        {
            paragraphs.Add(note);
        }

        if (d.Ranking is { } ranking && d.Entry is { Rank: { } rank } entry)
        {
            var groups = entry.Groups.Where(g => g.Rank is not null).Select(g => $"{g.GroupName}主要指标综合排名第{g.Rank}位").ToList();
            var change = entry.RankChange switch
            {
                > 0 => $"，较{d.PreviousName}上升{entry.RankChange}位",
                < 0 => $"，较{d.PreviousName}下降{-entry.RankChange}位",
                0 => $"，与{d.PreviousName}持平",
                _ => string.Empty,
            };
            var text = $"{d.PeriodText}，{d.RegionName}精准绩效管理指标综合评分{Number(entry.Score ?? 0)}分，位列{ranking.PeerDescription}中第{rank}位{change}";
            text += groups.Count > 0 ? "；其中" + string.Join("，", groups) + "。" : "。";
            var missing = entry.Groups.Where(g => g.Rank is null).Select(g => g.GroupName).ToList();
            if (missing.Count > 0)
            {
                text += $"{string.Join("、", missing)}{(d.WholeYear ? "本年度" : "本期")}暂无数据，未参与评分。";
            }

            paragraphs.Add(text);
        }

        return paragraphs;
    }

    /// <summary>
    /// "注：以上统计含演示用合成数据（非平台记录）：累计注册科技工作者7816名中7696名为合成数据，平台名录实有120名；…": a report
    /// never passes synthetic figures off as records. Null when there are none.
    /// </summary>
    public static string? SyntheticNote(AnnualReportData d)
    {
        var parts = new List<string>();
        if (d.Synthetic is { } synthetic)
        {
            void Part(string what, FactKind kind, Accumulation accumulation, string unit)
            {
                var all = d.Totals.Get(kind, accumulation).Count;
                var made = synthetic.Get(kind, accumulation).Count;
                if (made != 0)
                {
                    parts.Add($"{what}{all}{unit}中{made}{unit}为合成数据、平台记录{all - made}{unit}");
                }
            }

            Part("累计注册科技工作者", FactKind.WorkerRegistered, Accumulation.Cumulative, "名");
            Part("累计注册企事业单位", FactKind.OrganizationRegistered, Accumulation.Cumulative, "个");
            Part("累计发布科技需求", FactKind.NeedPublished, Accumulation.Cumulative, "条");
            Part("累计交易订单", FactKind.DealClosed, Accumulation.Cumulative, "笔");
            if (parts.Count == 0 && IndicatorCatalogue.All.Any(i => IndicatorService.SyntheticPart(i, synthetic) is not null))
            {
                parts.Add("部分本期数字为合成数据");
            }
        }

        if (parts.Count > 0)
        {
            return $"注：以上统计含系统生成的演示用合成数据（非平台记录）：{string.Join("；", parts)}。";
        }

        return d.Ranking is { IncludesSynthetic: true } ? "注：排名所用的同级地区数据含系统生成的演示用合成数据（非平台记录）。" : null;
    }

    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static IReadOnlyList<(IndicatorDefinition Indicator, decimal? Value, decimal? Previous)> IndicatorRows(AnnualReportData d) =>
        IndicatorCatalogue.All.Select(i => (i, d.Values[i.Code], d.PreviousValues[i.Code])).ToList();

    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八"];

    public static byte[] Docx(AnnualReportData d)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var title = $"{d.RegionName}{d.Year}年科技云服务工作统计";
            ReportDocument.AddParts(document, main, title);
            var body = new Body();
            main.Document = new Document(body);
            body.Append(Heading(title));
            body.Append(Para($"（由科协云平台根据平台记录自动生成，统计口径为北京时间{ReportPeriod.RangeText(d.First, d.AsOf)}）", size: 20));
            var number = 0;
            foreach (var (part, paragraphs) in Parts(d))
            {
                body.Append(Heading($"{Numerals[number++]}、{part.Chinese()}", 28));
                foreach (var paragraph in paragraphs)
                {
                    body.Append(Para(paragraph, indent: true));
                }
            }

            if (Closing(d) is { Count: > 0 } closing)
            {
                body.Append(Heading($"{Numerals[number]}、综合评价", 28));
                foreach (var paragraph in closing)
                {
                    body.Append(Para(paragraph, indent: true));
                }
            }

            body.Append(Heading("附表1　主要指标", 28));
            var rows = new List<string[]> { new[] { "指标代码", "指标", "服务类别", d.PeriodText, d.PreviousColumn } };
            rows.AddRange(IndicatorRows(d).Select(r => new[]
            {
                r.Indicator.Code, r.Indicator.Name, r.Indicator.Group.Chinese(), Cell(r.Value, r.Indicator), Cell(r.Previous, r.Indicator),
            }));
            body.Append(Table(rows));

            if (d.Ranking is { } ranking)
            {
                body.Append(Heading($"附表2　{d.PeriodText}{ranking.PeerDescription}排名（权重版本 {ranking.WeightSet.Version}：{ranking.WeightSet.Name}）", 28));
                var rankRows = new List<string[]> { new[] { "排名", "地区", "综合评分", "较上年" }.Concat(ServiceGroupNames.All.Select(g => g.Chinese() + "排名")).ToArray() };
                var shown = ranking.Entries.Take(10).ToList();
                if (d.Entry is { } own && !shown.Contains(own))
                {
                    shown.Add(own);
                }

                rankRows.AddRange(shown.Select(e => new[]
                {
                    e.Rank?.ToString(CultureInfo.InvariantCulture) ?? "—", e.RegionName, e.Score is { } s ? Number(s) : "—", Change(e.RankChange),
                }.Concat(e.Groups.Select(g => g.Rank?.ToString(CultureInfo.InvariantCulture) ?? "未评分")).ToArray()));
                body.Append(Table(rankRows));
                body.Append(Para(ranking.MissingDataRule, size: 18));

                if (d.Entry is { } entry && GroupChart(entry, ranking) is { } chart)
                {
                    body.Append(Heading($"附图　各服务类别得分（{d.RegionName}与{ranking.PeerDescription}平均）", 28));
                    body.Append(ColumnChart(main, 1, chart.Categories, chart.Series));
                }
            }

            body.Append(ReportDocument.Section());
            main.Document.Save();
        }

        return stream.ToArray();
    }

    public static byte[] Xlsx(AnnualReportData d)
    {
        var sheets = new Dictionary<string, object>
        {
            ["统计"] = Parts(d).SelectMany(p => p.Paragraphs.Select(text => (Part: p.Part.Chinese(), Text: text)))
                .Concat(Closing(d).Select(text => (Part: "综合评价", Text: text)))
                .Select((p, i) => new Dictionary<string, object?> { ["序号"] = i + 1, ["部分"] = p.Part, ["统计段落"] = p.Text }).ToList(),
            ["主要指标"] = IndicatorRows(d).Select(r => new Dictionary<string, object?>
            {
                ["指标代码"] = r.Indicator.Code,
                ["指标"] = r.Indicator.Name,
                ["服务类别"] = r.Indicator.Group.Chinese(),
                [d.PeriodText] = r.Value is { } v ? decimal.Round(v, 2, MidpointRounding.AwayFromZero) : null,
                [d.PreviousColumn] = r.Previous is { } p ? decimal.Round(p, 2, MidpointRounding.AwayFromZero) : null,
                ["单位"] = r.Indicator.Unit,
                ["数据来源"] = r.Indicator.IsAvailable ? string.Join("、", r.Indicator.Sources.Select(s => s.Chinese())) : "模块待建，数值缺失",
            }).ToList(),
        };
        if (d.Ranking is { } ranking)
        {
            sheets["排名"] = IndicatorExports.RankingRows(ranking);
        }

        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }

    /// <summary>A value with its unit as the reports print it ("4699万元", "12,560人", "87.5%").</summary>
    private static string Cell(decimal? value, IndicatorDefinition indicator) => StatFormat.Value(value, indicator.Unit) ?? (indicator.IsAvailable ? "—" : "待接入");

    private static string Change(int? change) => change switch
    {
        > 0 => $"↑{change}",
        < 0 => $"↓{-change}",
        0 => "持平",
        _ => "—",
    };

    /// <summary>The region's score per service group beside the peer group's average (groups without a score left out).</summary>
    public static (IReadOnlyList<string> Categories, IReadOnlyList<(string Name, IReadOnlyList<decimal> Values)> Series)? GroupChart(RankingEntryDto entry, RankingDto ranking)
    {
        var groups = entry.Groups.Where(g => g.Score is not null).ToList();
        if (groups.Count == 0)
        {
            return null;
        }

        var averages = groups.Select(g =>
        {
            var scores = ranking.Entries.Select(e => e.Groups.FirstOrDefault(x => x.Group == g.Group)?.Score).OfType<decimal>().ToList();
            return scores.Count == 0 ? 0m : decimal.Round(scores.Average(), 2, MidpointRounding.AwayFromZero);
        }).ToList();
        return (groups.Select(g => g.GroupName).ToList(),
            [(entry.RegionName, groups.Select(g => decimal.Round(g.Score!.Value, 2, MidpointRounding.AwayFromZero)).ToList()), ("同级平均", averages)]);
    }

    /// <summary>Series colours, written as RGB: LibreOffice cannot resolve theme colours inside a chart part of a Word document.</summary>
    private static readonly string[] SeriesColours = ["1F5AA6", "F39C12", "2E8B57", "C0392B"];

    /// <summary>
    /// A native Word column chart that Word, WPS and LibreOffice all draw. What each needs (LibreOffice draws bars
    /// without an explicit fill as transparent, resolves no theme colour in a chart part and reads no embedded workbook):
    /// every series, axis and gridline carries an explicit RGB fill or line; categories, names and values are cell
    /// references with their cached values in the chart part; the workbook they refer to is embedded (Word's and WPS's
    /// 编辑数据 open it); corners are square (absent means rounded in Word).
    /// </summary>
    private static Paragraph ColumnChart(MainDocumentPart main, uint id, IReadOnlyList<string> categories, IReadOnlyList<(string Name, IReadOnlyList<decimal> Values)> series)
    {
        var chartPart = main.AddNewPart<ChartPart>();
        var workbook = chartPart.AddEmbeddedPackagePart(EmbeddedPackagePartType.Xlsx);
        using (var data = new MemoryStream())
        {
            data.SaveAs(categories.Select((c, i) =>
            {
                var row = new Dictionary<string, object?> { ["类别"] = c };
                foreach (var s in series)
                {
                    row[s.Name] = s.Values[i];
                }

                return row;
            }).ToList(), sheetName: ChartSheet);
            data.Position = 0;
            workbook.FeedData(data);
        }

        var n = (uint)categories.Count;
        var bar = new C.BarChart(
            new C.BarDirection { Val = C.BarDirectionValues.Column },
            new C.BarGrouping { Val = C.BarGroupingValues.Clustered },
            new C.VaryColors { Val = false });
        for (var s = 0; s < series.Count; s++)
        {
            var column = (char)('B' + s);
            var names = new C.StringCache(new C.PointCount { Val = n });
            var values = new C.NumberingCache(new C.FormatCode("0.00"), new C.PointCount { Val = n });
            for (var i = 0; i < categories.Count; i++)
            {
                names.Append(new C.StringPoint(new C.NumericValue(categories[i])) { Index = (uint)i });
                values.Append(new C.NumericPoint(new C.NumericValue(series[s].Values[i].ToString("0.00", CultureInfo.InvariantCulture))) { Index = (uint)i });
            }

            var colour = SeriesColours[s % SeriesColours.Length];
            bar.Append(new C.BarChartSeries(
                new C.Index { Val = (uint)s },
                new C.Order { Val = (uint)s },
                new C.SeriesText(new C.StringReference(
                    new C.Formula($"{ChartSheet}!${column}$1"),
                    new C.StringCache(new C.PointCount { Val = 1u }, new C.StringPoint(new C.NumericValue(series[s].Name)) { Index = 0u }))),
                new C.ChartShapeProperties(new A.SolidFill(Rgb(colour)), new A.Outline(new A.SolidFill(Rgb(colour))) { Width = 6350 }),
                new C.InvertIfNegative { Val = false },
                new C.DataLabels(
                    new C.NumberingFormat { FormatCode = "0.0", SourceLinked = false },
                    new C.ChartShapeProperties(new A.NoFill(), new A.Outline(new A.NoFill())),
                    TextProperties(800),
                    new C.DataLabelPosition { Val = C.DataLabelPositionValues.OutsideEnd },
                    new C.ShowLegendKey { Val = false },
                    new C.ShowValue { Val = true },
                    new C.ShowCategoryName { Val = false },
                    new C.ShowSeriesName { Val = false },
                    new C.ShowPercent { Val = false },
                    new C.ShowBubbleSize { Val = false }),
                new C.CategoryAxisData(new C.StringReference(new C.Formula($"{ChartSheet}!$A$2:$A${n + 1}"), names)),
                new C.Values(new C.NumberReference(new C.Formula($"{ChartSheet}!${column}$2:${column}${n + 1}"), values))));
        }

        bar.Append(new C.GapWidth { Val = 80 }, new C.Overlap { Val = -10 }, new C.AxisId { Val = 1u }, new C.AxisId { Val = 2u });
        var plot = new C.PlotArea(
            new C.Layout(),
            bar,
            new C.CategoryAxis(
                new C.AxisId { Val = 1u },
                new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
                new C.Delete { Val = false },
                new C.AxisPosition { Val = C.AxisPositionValues.Bottom },
                new C.NumberingFormat { FormatCode = "General", SourceLinked = false },
                new C.MajorTickMark { Val = C.TickMarkValues.None },
                new C.MinorTickMark { Val = C.TickMarkValues.None },
                new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
                new C.ChartShapeProperties(new A.Outline(new A.SolidFill(Rgb("808080"))) { Width = 9525 }),
                TextProperties(900),
                new C.CrossingAxis { Val = 2u },
                new C.Crosses { Val = C.CrossesValues.AutoZero },
                new C.AutoLabeled { Val = true },
                new C.LabelAlignment { Val = C.LabelAlignmentValues.Center },
                new C.LabelOffset { Val = 100 },
                new C.NoMultiLevelLabels { Val = false }),
            new C.ValueAxis(
                new C.AxisId { Val = 2u },
                new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }, new C.MaxAxisValue { Val = 100d }, new C.MinAxisValue { Val = 0d }),
                new C.Delete { Val = false },
                new C.AxisPosition { Val = C.AxisPositionValues.Left },
                new C.MajorGridlines(new C.ChartShapeProperties(new A.Outline(new A.SolidFill(Rgb("D9D9D9"))) { Width = 9525 })),
                new C.NumberingFormat { FormatCode = "0", SourceLinked = false },
                new C.MajorTickMark { Val = C.TickMarkValues.None },
                new C.MinorTickMark { Val = C.TickMarkValues.None },
                new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
                new C.ChartShapeProperties(new A.Outline(new A.SolidFill(Rgb("808080"))) { Width = 9525 }),
                TextProperties(900),
                new C.CrossingAxis { Val = 1u },
                new C.Crosses { Val = C.CrossesValues.AutoZero },
                new C.CrossBetween { Val = C.CrossBetweenValues.Between },
                new C.MajorUnit { Val = 20d }),
            new C.ShapeProperties(new A.NoFill(), new A.Outline(new A.NoFill())));
        chartPart.ChartSpace = new C.ChartSpace(
            new C.Date1904 { Val = false },
            new C.EditingLanguage { Val = "zh-CN" },
            new C.RoundedCorners { Val = false },
            new C.Chart(
                new C.AutoTitleDeleted { Val = true },
                plot,
                new C.Legend(new C.LegendPosition { Val = C.LegendPositionValues.Bottom }, new C.Overlay { Val = false }, TextProperties(900)),
                new C.PlotVisibleOnly { Val = true },
                new C.DisplayBlanksAs { Val = C.DisplayBlanksAsValues.Gap }),
            new C.ChartShapeProperties(new A.SolidFill(Rgb("FFFFFF")), new A.Outline(new A.NoFill())),
            TextProperties(1000),
            new C.ExternalData(new C.AutoUpdate { Val = false }) { Id = chartPart.GetIdOfPart(workbook) });
        chartPart.ChartSpace.Save();

        var inline = new DW.Inline(
            new DW.Extent { Cx = 5_400_000L, Cy = 3_000_000L },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = id, Name = $"图表{id}" },
            new DW.NonVisualGraphicFrameDrawingProperties(),
            new A.Graphic(new A.GraphicData(new C.ChartReference { Id = main.GetIdOfPart(chartPart) })
            {
                Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart",
            }))
        {
            DistanceFromTop = 0U,
            DistanceFromBottom = 0U,
            DistanceFromLeft = 0U,
            DistanceFromRight = 0U,
        };
        return new Paragraph(new Run(new Drawing(inline)));
    }

    /// <summary>The sheet of the chart's embedded workbook.</summary>
    public const string ChartSheet = "Sheet1";

    private static A.RgbColorModelHex Rgb(string hex) => new() { Val = hex };

    /// <summary>Chart text in a font with Chinese glyphs, in RGB (no theme colour), <paramref name="size"/> in hundredths of a point.</summary>
    private static C.TextProperties TextProperties(int size) => new(
        new A.BodyProperties(),
        new A.ListStyle(),
        new A.Paragraph(
            new A.ParagraphProperties(new A.DefaultRunProperties(
                new A.SolidFill(Rgb("404040")),
                new A.LatinFont { Typeface = "宋体" },
                new A.EastAsianFont { Typeface = "宋体" }) { FontSize = size }),
            new A.EndParagraphRunProperties { Language = "zh-CN" }));

    /// <summary>The title (size 36: 宋体, centred) or a part or appendix heading (黑体), in the styles of <see cref="ReportDocument"/>.</summary>
    private static Paragraph Heading(string text, int size = 36) => size >= 36
        ? Para(text, size, bold: true, center: true, style: ReportDocument.TitleStyle, font: ReportDocument.PlainFont)
        : Para(text, size, style: ReportDocument.HeadingStyle, font: ReportDocument.HeadingFont);

    /// <summary>
    /// A paragraph with its fonts written on the run as well as in its style (WPS and older Word honour the run's): Chinese in
    /// <paramref name="font"/> (body text 仿宋_GB2312), Latin in Times New Roman, the East-Asian hint for quotes and punctuation.
    /// </summary>
    private static Paragraph Para(string text, int size = 24, bool bold = false, bool center = false, bool indent = false, string? style = null, string font = ReportDocument.BodyFont)
    {
        // Children in schema order (rFonts, b, sz; pStyle, ind, jc): Word rejects documents whose properties are out of order.
        var runProperties = new RunProperties(ReportDocument.RunFontsFor(font));
        if (bold)
        {
            runProperties.Append(new Bold());
        }

        runProperties.Append(new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) });
        var paragraphProperties = new ParagraphProperties();
        if (style is not null)
        {
            paragraphProperties.Append(new ParagraphStyleId { Val = style });
        }

        if (indent)
        {
            paragraphProperties.Append(new Indentation { FirstLineChars = 200 });
        }

        if (center)
        {
            paragraphProperties.Append(new Justification { Val = JustificationValues.Center });
        }

        return new Paragraph(paragraphProperties, new Run(runProperties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static Table Table(IReadOnlyList<string[]> rows)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 },
            new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
            new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var columns = rows.Count == 0 ? 0 : rows.Max(r => r.Length);
        var table = new Table(
            new TableProperties(new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }, border),
            new TableGrid(Enumerable.Range(0, columns).Select(_ => new GridColumn { Width = (9000 / Math.Max(1, columns)).ToString(CultureInfo.InvariantCulture) })));
        foreach (var (row, index) in rows.Select((r, i) => (r, i)))
        {
            table.Append(new TableRow(row.Select(cell => new TableCell(Para(cell, 20, bold: index == 0, style: ReportDocument.TableTextStyle, font: ReportDocument.PlainFont)))));
        }

        return table;
    }
}
