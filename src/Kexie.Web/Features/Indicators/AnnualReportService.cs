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
using MiniExcelLibs;

namespace Kexie.Web.Features.Indicators;

/// <summary>The numbers of an annual report, all from the platform's data.</summary>
public sealed record AnnualReportData(
    string RegionCode,
    string RegionName,
    int Year,
    FactTotals Totals,
    IReadOnlyDictionary<string, decimal?> Values,
    IReadOnlyDictionary<string, decimal?> PreviousValues,
    RankingDto? Ranking,
    RankingEntryDto? Entry)
{
    public long Cumulative(FactKind kind) => Totals.Get(kind, Accumulation.Cumulative).Count;

    public long InYear(FactKind kind) => Totals.Get(kind, Accumulation.Period).Count;

    public decimal CumulativeWan(FactKind kind) => Wan(Totals.Get(kind, Accumulation.Cumulative).AmountYuan);

    public decimal InYearWan(FactKind kind) => Wan(Totals.Get(kind, Accumulation.Period).AmountYuan);

    public static decimal Wan(decimal yuan) => decimal.Round(yuan / 10_000m, 2, MidpointRounding.AwayFromZero);
}

/// <summary>
/// 年度工作总结的统计部分: statistics paragraphs in Chinese in the style of the work reports, indicator and ranking
/// tables, as a Word document (.docx) and an Excel workbook.
/// </summary>
public sealed class AnnualReportService(IndicatorService indicators, IndicatorEngine engine, IndicatorRefresher refresher)
{
    public async Task<AnnualReportData> DataAsync(Actor actor, string? region, int year, CancellationToken ct)
    {
        var place = await indicators.RegionAsync(region, ct);
        if (!actor.Manages(place.Code))
        {
            throw new AccessDeniedException("只能生成本级及下级地区的年度报告");
        }

        var period = Period.Create(PeriodKind.Year, year, 1);
        await refresher.RefreshAsync(ct: ct);
        var totals = await engine.TotalsForAsync(place.Code, period.Days, ct);
        var values = IndicatorCatalogue.All.ToDictionary(i => i.Code, i => i.Compute(totals));
        var previous = await engine.ValuesAsync(place.Code, period.Previous.Days, ct);
        var ranking = await indicators.RankingAsync(actor, place.Code, period.ToString(), null, ct);
        return new AnnualReportData(place.Code, place.Name, year, totals, values, previous, ranking, ranking.Entries.FirstOrDefault(e => e.RegionCode == place.Code));
    }

    /// <summary>The statistics paragraphs, e.g. "截至2020年12月31日，全县累计注册科技工作者7816名…".</summary>
    public static IReadOnlyList<string> Paragraphs(AnnualReportData d)
    {
        var whole = IndicatorService.Whole(d.RegionName);
        var paragraphs = new List<string>
        {
            $"截至{d.Year}年12月31日，{whole}累计注册科技工作者{d.Cumulative(FactKind.WorkerRegistered)}名、企事业单位{d.Cumulative(FactKind.OrganizationRegistered)}个，" +
            $"累计发布科技需求{d.Cumulative(FactKind.NeedPublished)}条、科技服务{d.Cumulative(FactKind.ServiceOfferPublished)}条、科技成果{d.Cumulative(FactKind.AchievementPublished)}项、科研项目{d.Cumulative(FactKind.ProjectPublished)}个，" +
            $"累计达成交易订单{d.Cumulative(FactKind.DealClosed)}笔、金额{Number(d.CumulativeWan(FactKind.DealClosed))}万元。",
            $"{d.Year}年，{whole}新增注册科技工作者{d.InYear(FactKind.WorkerRegistered)}名、企事业单位{d.InYear(FactKind.OrganizationRegistered)}个，发布科技需求{d.InYear(FactKind.NeedPublished)}条，" +
            $"“一单一策”需求按时响应率{Percent(d.Values["E03"])}，成交交易订单{d.InYear(FactKind.DealClosed)}笔、金额{Number(d.InYearWan(FactKind.DealClosed))}万元，" +
            $"科技工作者承接订单收入{Number(d.InYearWan(FactKind.DealTakenByWorker))}万元，科技云服务中心开展保姆式服务{d.InYear(FactKind.ServiceTicketServed)}次。",
            $"{d.Year}年，{whole}推送科普文章、视频、科学辟谣等科普内容{d.InYear(FactKind.PopularizationContentPublished)}条，开展科普活动{d.InYear(FactKind.PopularizationActivitiesHeld)}场次、签到参与{d.InYear(FactKind.PopularizationParticipants)}人次，" +
            $"科普e站访问与互动{d.InYear(FactKind.EStationVisits)}次；智库课题立项{d.InYear(FactKind.ThinkTankTopics)}项，建言献策被采纳{d.InYear(FactKind.ProposalsAdopted)}条。",
        };

        if (d.Ranking is { } ranking && d.Entry is { Rank: { } rank } entry)
        {
            var groups = entry.Groups.Where(g => g.Rank is not null).Select(g => $"{g.GroupName}主要指标综合排名第{g.Rank}位").ToList();
            var change = entry.RankChange switch
            {
                > 0 => $"，较上年上升{entry.RankChange}位",
                < 0 => $"，较上年下降{-entry.RankChange}位",
                0 => "，与上年持平",
                _ => string.Empty,
            };
            var text = $"{d.Year}年，{d.RegionName}精准绩效管理指标综合评分{Number(entry.Score ?? 0)}分，位列{ranking.PeerDescription}中第{rank}位{change}";
            text += groups.Count > 0 ? "；其中" + string.Join("，", groups) + "。" : "。";
            var missing = entry.Groups.Where(g => g.Rank is null).Select(g => g.GroupName).ToList();
            if (missing.Count > 0)
            {
                text += $"{string.Join("、", missing)}的指标数据来源尚未接入平台，本年度未参与评分。";
            }

            paragraphs.Add(text);
        }

        return paragraphs;
    }

    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Percent(decimal? value) => value is { } v ? Number(v) + "%" : "—（本年无到期需求）";

    public static IReadOnlyList<(IndicatorDefinition Indicator, decimal? Value, decimal? Previous)> IndicatorRows(AnnualReportData d) =>
        IndicatorCatalogue.All.Select(i => (i, d.Values[i.Code], d.PreviousValues[i.Code])).ToList();

    public static byte[] Docx(AnnualReportData d)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            main.Document = new Document(body);
            body.Append(Heading($"{d.RegionName}{d.Year}年科技云服务工作统计"));
            body.Append(Para($"（由科协云平台根据平台记录自动生成，统计口径为北京时间{d.Year}年1月1日至12月31日）", size: 20));
            foreach (var paragraph in Paragraphs(d))
            {
                body.Append(Para(paragraph, indent: true));
            }

            body.Append(Heading("一、主要指标", 28));
            var rows = new List<string[]> { new[] { "指标代码", "指标", "服务类别", $"{d.Year}年", $"{d.Year - 1}年", "单位" } };
            rows.AddRange(IndicatorRows(d).Select(r => new[]
            {
                r.Indicator.Code, r.Indicator.Name, r.Indicator.Group.Chinese(), Cell(r.Value, r.Indicator), Cell(r.Previous, r.Indicator), r.Indicator.Unit,
            }));
            body.Append(Table(rows));

            if (d.Ranking is { } ranking)
            {
                body.Append(Heading($"二、{ranking.PeerDescription}排名（权重版本 {ranking.WeightSet.Version}：{ranking.WeightSet.Name}）", 28));
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
                    body.Append(Heading($"三、各服务类别得分（{d.RegionName}与{ranking.PeerDescription}平均）", 28));
                    body.Append(ColumnChart(main, 1, chart.Categories, chart.Series));
                }
            }

            main.Document.Save();
        }

        return stream.ToArray();
    }

    public static byte[] Xlsx(AnnualReportData d)
    {
        var sheets = new Dictionary<string, object>
        {
            ["统计"] = Paragraphs(d).Select((p, i) => new Dictionary<string, object?> { ["序号"] = i + 1, ["统计段落"] = p }).ToList(),
            ["主要指标"] = IndicatorRows(d).Select(r => new Dictionary<string, object?>
            {
                ["指标代码"] = r.Indicator.Code,
                ["指标"] = r.Indicator.Name,
                ["服务类别"] = r.Indicator.Group.Chinese(),
                [$"{d.Year}年"] = r.Value,
                [$"{d.Year - 1}年"] = r.Previous,
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

    private static string Cell(decimal? value, IndicatorDefinition indicator) => value is { } v ? Number(v) : indicator.IsAvailable ? "—" : "待接入";

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

    /// <summary>
    /// A native Word column chart (DrawingML, data held as literals in the chart part): Word and LibreOffice draw it,
    /// and its numbers can be read back from the file.
    /// </summary>
    private static Paragraph ColumnChart(MainDocumentPart main, uint id, IReadOnlyList<string> categories, IReadOnlyList<(string Name, IReadOnlyList<decimal> Values)> series)
    {
        var chartPart = main.AddNewPart<ChartPart>();
        var bar = new C.BarChart(
            new C.BarDirection { Val = C.BarDirectionValues.Column },
            new C.BarGrouping { Val = C.BarGroupingValues.Clustered },
            new C.VaryColors { Val = false });
        for (var s = 0; s < series.Count; s++)
        {
            var names = new C.StringLiteral(new C.PointCount { Val = (uint)categories.Count });
            var values = new C.NumberLiteral(new C.FormatCode("0.00"), new C.PointCount { Val = (uint)categories.Count });
            for (var i = 0; i < categories.Count; i++)
            {
                names.Append(new C.StringPoint(new C.NumericValue(categories[i])) { Index = (uint)i });
                values.Append(new C.NumericPoint(new C.NumericValue(series[s].Values[i].ToString("0.00", CultureInfo.InvariantCulture))) { Index = (uint)i });
            }

            bar.Append(new C.BarChartSeries(
                new C.Index { Val = (uint)s },
                new C.Order { Val = (uint)s },
                new C.SeriesText(new C.NumericValue(series[s].Name)),
                new C.InvertIfNegative { Val = false },
                new C.CategoryAxisData(names),
                new C.Values(values)));
        }

        bar.Append(new C.GapWidth { Val = 80 }, new C.AxisId { Val = 1u }, new C.AxisId { Val = 2u });
        var plot = new C.PlotArea(
            new C.Layout(),
            bar,
            new C.CategoryAxis(
                new C.AxisId { Val = 1u },
                new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
                new C.Delete { Val = false },
                new C.AxisPosition { Val = C.AxisPositionValues.Bottom },
                new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
                new C.CrossingAxis { Val = 2u },
                new C.Crosses { Val = C.CrossesValues.AutoZero }),
            new C.ValueAxis(
                new C.AxisId { Val = 2u },
                new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
                new C.Delete { Val = false },
                new C.AxisPosition { Val = C.AxisPositionValues.Left },
                new C.MajorGridlines(),
                new C.NumberingFormat { FormatCode = "0", SourceLinked = false },
                new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
                new C.CrossingAxis { Val = 1u },
                new C.Crosses { Val = C.CrossesValues.AutoZero }));
        chartPart.ChartSpace = new C.ChartSpace(
            new C.EditingLanguage { Val = "zh-CN" },
            new C.Chart(
                new C.AutoTitleDeleted { Val = true },
                plot,
                new C.Legend(new C.LegendPosition { Val = C.LegendPositionValues.Bottom }, new C.Overlay { Val = false }),
                new C.PlotVisibleOnly { Val = true }));
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

    private static Paragraph Heading(string text, int size = 36) => Para(text, size, bold: true, center: size >= 36);

    private static Paragraph Para(string text, int size = 24, bool bold = false, bool center = false, bool indent = false)
    {
        // Children in schema order (rFonts, b, sz; ind, jc): Word rejects documents whose properties are out of order.
        var runProperties = new RunProperties(new RunFonts { EastAsia = "宋体", Ascii = "Times New Roman", HighAnsi = "Times New Roman" });
        if (bold)
        {
            runProperties.Append(new Bold());
        }

        runProperties.Append(new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) });
        var paragraphProperties = new ParagraphProperties();
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
            table.Append(new TableRow(row.Select(cell => new TableCell(Para(cell, 20, bold: index == 0)))));
        }

        return table;
    }
}
