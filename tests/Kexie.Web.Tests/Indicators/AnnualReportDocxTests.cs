using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using Kexie.Domain.Indicators;
using Kexie.Web.Features.Indicators;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Kexie.Web.Tests.Indicators;

/// <summary>
/// The annual report document built from known totals: numbers in the reports' style, and a chart that LibreOffice and
/// WPS draw. No LibreOffice on the build machine, so the chart part is checked for what LibreOffice needs to draw bars
/// (see <c>AnnualReportService.ColumnChart</c>): explicit RGB fills (no theme colours), cached values, an embedded
/// workbook holding the same numbers, square corners, and Open XML schema validity.
/// </summary>
public sealed class AnnualReportDocxTests
{
    private static AnnualReportData Data(DateOnly asOf)
    {
        var totals = new FactTotals();
        totals.UpToEnd[FactKind.WorkerRegistered] = new FactTotal(7816, 0);
        totals.UpToEnd[FactKind.OrganizationRegistered] = new FactTotal(593, 0);
        totals.UpToEnd[FactKind.NeedPublished] = new FactTotal(2352, 0);
        totals.UpToEnd[FactKind.DealClosed] = new FactTotal(729, 12_246_000_000); // 1.2246亿元 in 分
        totals.InPeriod[FactKind.WorkerRegistered] = new FactTotal(1200, 0);
        totals.InPeriod[FactKind.DealClosed] = new FactTotal(51, 4_698_746_333); // 46,987,463.33 元
        totals.InPeriod[FactKind.DealTakenByWorker] = new FactTotal(12, 35_500_000); // 35.5万元
        totals.InPeriod[FactKind.NeedResponseSettled] = new FactTotal(8, 0);
        totals.InPeriod[FactKind.NeedAnsweredInTime] = new FactTotal(7, 0);
        var values = IndicatorCatalogue.All.ToDictionary(i => i.Code, i => i.Compute(totals));
        var previous = IndicatorCatalogue.All.ToDictionary(i => i.Code, i => i.Code switch
        {
            "W02" => (decimal?)960m, // 1200 new workers this year: 25% more
            "E06" => 50_000_000m, // 5000万元 last year, 4699万元 now: 6% less
            _ => null,
        });
        var groups = new List<GroupRankDto>
        {
            new(ServiceGroup.ServingScienceWorkers, "为科技工作者服务", 80.5m, 2, null, null),
            new(ServiceGroup.ServingEnterprises, "为企事业单位精准科技服务", 61.25m, 3, null, null),
            new(ServiceGroup.ScienceLiteracy, "为提高全民科学素质服务", null, null, null, null),
            new(ServiceGroup.DecisionSupport, "为党委政府科学决策服务", 10m, 5, null, null),
        };
        var entry = new RankingEntryDto("510923", "大英县", 55.5m, 3, null, null, groups);
        var other = new RankingEntryDto("510921", "蓬溪县", 40m, 4, null, null,
        [
            new(ServiceGroup.ServingScienceWorkers, "为科技工作者服务", 60.5m, 3, null, null),
            new(ServiceGroup.ServingEnterprises, "为企事业单位精准科技服务", 41.25m, 4, null, null),
            new(ServiceGroup.ScienceLiteracy, "为提高全民科学素质服务", null, null, null, null),
            new(ServiceGroup.DecisionSupport, "为党委政府科学决策服务", 30m, 2, null, null),
        ]);
        var ranking = new RankingDto("5109", "遂宁市", "全市2个县（市、区）", 2, "2020", "2020年", "2019", new WeightSetRef(0, "默认"), [], [],
            new Dictionary<ServiceGroup, decimal>(), IndicatorService.MissingDataRule, [entry, other]);
        return new AnnualReportData("510923", "大英县", asOf.Year, asOf, totals, values, previous, ranking, entry);
    }

    [Fact]
    public void Amounts_are_printed_in_wan_and_yi_yuan_and_the_day_is_the_as_of_day()
    {
        var year = AnnualReportService.Paragraphs(Data(new DateOnly(2020, 12, 31)));
        Assert.StartsWith("截至2020年12月31日，全县累计注册科技工作者7816名、企事业单位593个", year[0]);
        Assert.Contains("累计达成交易订单729笔1.22亿元。", year[0]);
        Assert.Contains("2020年，全县新增注册科技工作者1200名（较上年增长25%）、企事业单位0个，发布科技需求0条，", year[1]); // no needs last year: no growth
        Assert.Contains("需求按时响应率87.5%", year[1]);
        Assert.Contains("成交交易订单51笔、金额4699万元（较上年下降6%），", year[1]);
        Assert.Contains("科技工作者承接订单收入35.5万元", year[1]);
        Assert.DoesNotContain("46987463", string.Concat(year));

        var soFar = AnnualReportService.Paragraphs(Data(new DateOnly(2020, 12, 20)));
        Assert.StartsWith("截至2020年12月20日，", soFar[0]);
        Assert.StartsWith("2020年以来，全县新增注册科技工作者1200名（较上年同期增长25%）", soFar[1]);
    }

    [Fact]
    public void The_chart_carries_its_own_colours_and_numbers_for_LibreOffice_and_WPS()
    {
        using var docx = WordprocessingDocument.Open(new MemoryStream(AnnualReportService.Docx(Data(new DateOnly(2020, 12, 31)))), false);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(docx).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        // Tables print amounts with their unit, never raw yuan.
        var cells = docx.MainDocumentPart!.Document!.Body!.Descendants<W.TableCell>().Select(c => c.InnerText).ToList();
        Assert.Contains("4699万元", cells);
        Assert.Contains("1,200人", cells);
        Assert.Contains("87.5%", cells);
        Assert.DoesNotContain(cells, c => c.Contains("46987463", StringComparison.Ordinal));

        var chart = Assert.Single(docx.MainDocumentPart.ChartParts);
        var space = chart.ChartSpace!;
        Assert.Empty(space.Descendants<A.SchemeColor>()); // LibreOffice resolves no theme colour in a Word chart part
        Assert.False(space.GetFirstChild<C.RoundedCorners>()!.Val!.Value);

        var series = space.Descendants<C.BarChartSeries>().ToList();
        Assert.Equal(2, series.Count);
        var fills = series.Select(s => s.GetFirstChild<C.ChartShapeProperties>()?.GetFirstChild<A.SolidFill>()?.RgbColorModelHex?.Val?.Value).ToList();
        Assert.All(fills, f => Assert.Matches("^[0-9A-F]{6}$", f));
        Assert.Equal(fills.Count, fills.Distinct().Count());

        // Categories: the groups with a score (科学素质 has none); values: the county's scores and the peers' average.
        var categories = series[0].GetFirstChild<C.CategoryAxisData>()!.Descendants<C.StringPoint>().Select(p => p.InnerText).ToList();
        Assert.Equal(["为科技工作者服务", "为企事业单位精准科技服务", "为党委政府科学决策服务"], categories);
        decimal[] Cached(C.BarChartSeries s)
        {
            var cache = s.GetFirstChild<C.Values>()!.NumberReference!.NumberingCache!;
            Assert.Equal((uint)categories.Count, cache.PointCount!.Val!.Value);
            return cache.Elements<C.NumericPoint>().Select(p => decimal.Parse(p.InnerText, CultureInfo.InvariantCulture)).ToArray();
        }

        Assert.Equal([80.5m, 61.25m, 10m], Cached(series[0]));
        Assert.Equal([70.5m, 51.25m, 20m], Cached(series[1]));
        Assert.Equal("大英县", series[0].SeriesText!.StringReference!.StringCache!.GetFirstChild<C.StringPoint>()!.InnerText);

        // The embedded workbook the references point to holds the same numbers.
        var external = space.GetFirstChild<C.ExternalData>()!;
        var embedded = (EmbeddedPackagePart)chart.GetPartById(external.Id!.Value!);
        using var stream = embedded.GetStream();
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        var rows = MiniExcelLibs.MiniExcel.Query(copy, useHeaderRow: true, sheetName: AnnualReportService.ChartSheet).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(categories, rows.Select(r => r["类别"]!.ToString()!).ToList());
        Assert.Equal([80.5m, 61.25m, 10m], rows.Select(r => Convert.ToDecimal(r["大英县"], CultureInfo.InvariantCulture)).ToArray());
        Assert.Equal("Sheet1!$B$2:$B$4", series[0].GetFirstChild<C.Values>()!.NumberReference!.Formula!.Text);
    }
}
