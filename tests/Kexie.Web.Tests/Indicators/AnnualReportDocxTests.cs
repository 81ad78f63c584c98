using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using Kexie.Domain.Indicators;
using Kexie.Web.Features.Indicators;
using Kexie.Web.Features.Indicators.Report;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Kexie.Web.Tests.Indicators;

/// <summary>
/// The annual report document built from known totals: numbers in the reports' style, parts and template, and a chart
/// that LibreOffice and WPS draw: the chart part is checked for what they need to draw bars (see
/// <c>AnnualReportService.ColumnChart</c>): explicit RGB fills (no theme colours), cached values, an embedded workbook
/// holding the same numbers, square corners, Open XML schema validity; and LibreOffice renders it with its bars.
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
        Assert.Equal("截至2020年12月31日，全县累计注册科技工作者7816人；2020年，新增注册科技工作者1200人（较上年增长25%），发布科技服务所能0条，科技工作者承接订单12笔、服务收入35.5万元。", year[0]);
        Assert.Equal("截至2020年12月31日，全县累计注册企事业单位593个，累计发布科技需求2352条、科技服务0条、科技成果0项、科研项目0个，累计达成交易订单729笔1.22亿元。", year[1]);
        // no needs last year: no growth
        Assert.Equal("2020年，全县发布科技需求0条，“一单一策”需求按时响应率87.5%，成交交易订单51笔、金额4699万元（较上年下降6%），其中科研成果转化0项；科技云服务中心开展保姆式服务0次。", year[2]);
        Assert.DoesNotContain("46987463", string.Concat(year));

        var soFar = AnnualReportService.Paragraphs(Data(new DateOnly(2020, 12, 20)));
        Assert.StartsWith("截至2020年12月20日，全县累计注册科技工作者7816人；2020年以来，新增注册科技工作者1200人（较上年同期增长25%）", soFar[0]);
    }

    [Fact]
    public void Only_the_parts_with_data_are_printed_in_the_seed_reports_order()
    {
        var data = Data(new DateOnly(2020, 12, 31));
        Assert.Equal([ReportPart.ServingWorkers, ReportPart.Innovation], AnnualReportService.Parts(data).Select(p => p.Part));

        // A module's values (here the popularization sentences and the linkage targets) bring their parts in.
        var contributed = new List<ReportValue>
        {
            new("科普工作", "全年接待团队14个、观众14500人次。", true),
            new("联动任务目标", "新增注册科技工作者不少于1,500人（12月31日前）", true),
            ReportText.Count("学会协会", 0, "个"), ReportText.Count("农村专业技术协会", 0, "个"), ReportText.Count("入驻第三方服务机构", 0, "家"),
            ReportText.Count("入库专家", 0, "名"), ReportText.Count("接待咨询上门服务", 0, "人次"), ReportText.Count("组织培训", 0, "场次"),
        };
        var parts = AnnualReportService.Parts(data with { Contributed = contributed });
        Assert.Equal([ReportPart.ServingWorkers, ReportPart.Innovation, ReportPart.ScienceLiteracy, ReportPart.NextYear], parts.Select(p => p.Part));
        Assert.Equal(["全年接待团队14个、观众14500人次。"], parts.Single(p => p.Part == ReportPart.ScienceLiteracy).Paragraphs); // no S01–S04: that paragraph left out
        Assert.Equal(["2021年，全县将按照上级联动任务推进工作：新增注册科技工作者不少于1,500人（12月31日前）。"], parts.Single(p => p.Part == ReportPart.NextYear).Paragraphs);

        // The docx titles the parts in order; the tables and the chart follow as 附表 and 附图.
        using var docx = WordprocessingDocument.Open(new MemoryStream(AnnualReportService.Docx(data with { Contributed = contributed })), false);
        var text = string.Join("\n", docx.MainDocumentPart!.Document!.Body!.Elements<W.Paragraph>().Select(p => p.InnerText));
        Assert.Contains("一、服务科技工作者\n截至2020年12月31日", text);
        Assert.Contains("三、服务全民科学素质提升\n全年接待团队", text);
        Assert.Contains("四、下一年工作安排", text);
        Assert.Contains("五、综合评价", text);
        Assert.DoesNotContain("自身建设", text);
    }

    [Fact]
    public void A_template_staff_edit_is_validated_and_words_the_report()
    {
        var known = new HashSet<string>(["截至", "全域", "累计注册科技工作者", "科普工作"]);
        Assert.Equal("报告模板第4行（服务科技工作者第2段）：占位符“{注册人数}”不存在，可用的占位符见模板页的列表",
            Assert.Throws<Kexie.Domain.Common.DomainValidationException>(() => ReportTemplate.Parse("# 服务科技工作者\n{截至}\n\n{截至}，注册{注册人数}。", known)).Message);
        Assert.Contains("部分“科技工作”不存在",
            Assert.Throws<Kexie.Domain.Common.DomainValidationException>(() => ReportTemplate.Parse("# 科技工作\n{截至}", known)).Message);
        Assert.Contains("段落前应先写部分标题",
            Assert.Throws<Kexie.Domain.Common.DomainValidationException>(() => ReportTemplate.Parse("{截至}", known)).Message);
        Assert.Contains("花括号不成对",
            Assert.Throws<Kexie.Domain.Common.DomainValidationException>(() => ReportTemplate.Parse("# 自身建设\n{截至", known)).Message);

        // Paragraphs edited one by one make the same text: parts in the report's order, empty paragraphs dropped.
        Assert.Equal(
            "# 服务科技工作者\n{截至}，甲 乙。\n# 自身建设\n{全域}\n",
            ReportTemplate.Compose([("自身建设", "{全域}"), ("服务科技工作者", "{截至}，甲\r\n乙。"), ("自身建设", "  ")]).Replace("\r\n", "\n"));
        Assert.Contains("部分“其他”不存在", Assert.Throws<Kexie.Domain.Common.DomainValidationException>(() => ReportTemplate.Compose([("其他", "{截至}")])).Message);
        Assert.Contains("不能以“#”开头", Assert.Throws<Kexie.Domain.Common.DomainValidationException>(() => ReportTemplate.Compose([("自身建设", "# 服务科技工作者")])).Message);

        var template = ReportTemplate.Parse("# 自身建设\n{截至}，{全域}已有科技工作者{累计注册科技工作者}。\n\n# 服务全民科学素质提升\n{科普工作}", known);
        var data = Data(new DateOnly(2020, 12, 20)) with { Template = template };
        var parts = AnnualReportService.Parts(data);
        Assert.Equal([(ReportPart.SelfBuilding, "截至2020年12月20日，全县已有科技工作者7816人。")], parts.Select(p => (p.Part, Assert.Single(p.Paragraphs))));

        // The shipped template uses only placeholders the report and its sources fill.
        Assert.NotEmpty(AnnualReportService.DefaultTemplate);
        var names = ReportTemplate.PlaceholdersIn(ReportTemplate.Default);
        var offered = CoreReportValues.Placeholders.Select(p => p.Name).ToHashSet();
        Assert.Contains("累计交易金额", names);
        Assert.Equal(["人才举荐", "科技工作者状况调查", "专家工作站", "科普工作", "青少年科技创新大赛", "报送建言献策", "智库课题推荐", "学会协会", "农村专业技术协会", "入驻第三方服务机构", "入库专家", "接待咨询上门服务", "组织培训", "组织建设", "联动任务目标"], names.Where(n => !offered.Contains(n)));
    }

    [Fact]
    public async Task LibreOffice_draws_the_bars_of_the_chart()
    {
        // The .docx converted to PDF by LibreOffice (headless, as CI installs it: libreoffice-writer-nogui) and the chart's
        // page rendered by poppler's pdftoppm: the bars are there in their series colours, not only axes and legend.
        await AssertChartDrawnAsync(AnnualReportService.Docx(Data(new DateOnly(2020, 12, 31))), 800);
    }

    /// <summary>
    /// Converts <paramref name="report"/> to PDF with headless LibreOffice, renders its last page (the chart ends the report)
    /// with pdftoppm and checks that both series' bars are drawn: at least <paramref name="minimum"/> pixels of each colour
    /// (at 60 dpi three full bars cover well over a thousand pixels; a legend key a few dozen).
    /// </summary>
    internal static async Task AssertChartDrawnAsync(byte[] report, int minimum)
    {
        var dir = Directory.CreateTempSubdirectory("kexie-report-").FullName;
        try
        {
            var docx = Path.Combine(dir, "report.docx");
            await File.WriteAllBytesAsync(docx, report);
            await RunAsync("soffice", $"-env:UserInstallation=file://{dir}/profile --headless --convert-to pdf --outdir {dir} {docx}");
            Assert.True(File.Exists(Path.Combine(dir, "report.pdf")), "LibreOffice wrote no PDF");
            await RunAsync("pdftoppm", $"-r 60 {dir}/report.pdf {dir}/page");
            var last = Directory.GetFiles(dir, "page*.ppm").OrderBy(f => f.Length).ThenBy(f => f, StringComparer.Ordinal).Last(); // the chart ends the report
            var (width, height, pixels) = ReadPpm(await File.ReadAllBytesAsync(last));
            Assert.True(Math.Abs(width - 496) <= 2 && Math.Abs(height - 702) <= 2, $"an A4 page at 60 dpi is 496 × 702 pixels, not {width} × {height}");
            int Near(string hex)
            {
                var (r, g, b) = (Convert.ToInt32(hex[..2], 16), Convert.ToInt32(hex[2..4], 16), Convert.ToInt32(hex[4..], 16));
                var count = 0;
                for (var i = 0; i < width * height; i++)
                {
                    if (Math.Abs(pixels[3 * i] - r) < 24 && Math.Abs(pixels[(3 * i) + 1] - g) < 24 && Math.Abs(pixels[(3 * i) + 2] - b) < 24)
                    {
                        count++;
                    }
                }

                return count;
            }

            Assert.True(Near("1F5AA6") > minimum, $"county bars: {Near("1F5AA6")} pixels");
            Assert.True(Near("F39C12") > minimum, $"average bars: {Near("F39C12")} pixels");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static async Task RunAsync(string program, string arguments)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{program} failed: {await error}");
    }

    /// <summary>A binary PPM (P6, 8 bits), as pdftoppm writes it: width, height and the RGB bytes.</summary>
    private static (int Width, int Height, byte[] Pixels) ReadPpm(byte[] data)
    {
        var position = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)data[position]))
            {
                position++;
            }

            var start = position;
            while (!char.IsWhiteSpace((char)data[position]))
            {
                position++;
            }

            return System.Text.Encoding.ASCII.GetString(data, start, position - start);
        }

        Assert.Equal("P6", Token());
        var width = int.Parse(Token(), CultureInfo.InvariantCulture);
        var height = int.Parse(Token(), CultureInfo.InvariantCulture);
        Assert.Equal("255", Token());
        position++; // the one whitespace after the header
        return (width, height, data[position..(position + (3 * width * height))]);
    }

    [Fact]
    public void The_document_declares_what_WPS_needs_Chinese_fonts_theme_styles_and_an_A4_page_with_official_margins()
    {
        using var docx = WordprocessingDocument.Open(new MemoryStream(AnnualReportService.Docx(Data(new DateOnly(2020, 12, 31)))), false);
        var main = docx.MainDocumentPart!;

        // Every run names its East-Asian font (with the hint for quotes and punctuation) and Times New Roman for Latin text.
        var runs = main.Document!.Body!.Descendants<W.Run>().Where(r => r.GetFirstChild<W.Text>() is not null).ToList();
        Assert.NotEmpty(runs);
        var used = new HashSet<string>();
        foreach (var run in runs)
        {
            var fonts = run.RunProperties?.RunFonts;
            Assert.True(fonts?.EastAsia?.Value is { Length: > 0 }, $"run without an East-Asian font: {run.InnerText}");
            Assert.Equal(W.FontTypeHintValues.EastAsia, fonts!.Hint!.Value);
            Assert.Equal("Times New Roman", fonts.Ascii!.Value);
            used.Add(fonts.EastAsia!.Value!);
        }

        Assert.Equal(["仿宋_GB2312", "宋体", "黑体"], used.Order(StringComparer.Ordinal)); // body, title and tables, headings
        var body = main.Document.Body.Elements<W.Paragraph>().First(p => p.InnerText.StartsWith("截至2020年12月31日", StringComparison.Ordinal));
        Assert.Equal("仿宋_GB2312", body.Descendants<W.RunFonts>().Single().EastAsia!.Value);
        var heading = main.Document.Body.Elements<W.Paragraph>().First(p => p.InnerText == "一、服务科技工作者");
        Assert.Equal(ReportDocument.HeadingStyle, heading.ParagraphProperties!.ParagraphStyleId!.Val!.Value);

        // The font table declares each font used, Chinese ones with the GB2312 charset and an alternative name (仿宋_GB2312 → 仿宋).
        var table = main.FontTablePart!.Fonts!.Elements<W.Font>().ToDictionary(f => f.Name!.Value!);
        foreach (var font in used.Append("Times New Roman"))
        {
            Assert.True(table.ContainsKey(font), $"font table lacks {font}");
            Assert.NotEmpty(table[font].GetFirstChild<W.AltName>()!.Val!.Value!);
            Assert.Matches("^[0-9A-F]{20}$", table[font].GetFirstChild<W.Panose1Number>()!.Val!.Value!);
        }

        Assert.Equal("仿宋", table["仿宋_GB2312"].GetFirstChild<W.AltName>()!.Val!.Value);
        Assert.Equal("86", table["宋体"].GetFirstChild<W.FontCharSet>()!.Val!.Value);

        // Styles: Chinese defaults (zh-CN, 仿宋_GB2312), the styles the paragraphs name; a theme with 简体 faces; settings.
        var styles = main.StyleDefinitionsPart!.Styles!;
        var defaults = styles.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        Assert.Equal("仿宋_GB2312", defaults.GetFirstChild<W.RunFonts>()!.EastAsia!.Value);
        Assert.Equal("zh-CN", defaults.GetFirstChild<W.Languages>()!.EastAsia!.Value);
        var styleIds = styles.Elements<W.Style>().Select(x => x.StyleId!.Value).ToHashSet();
        Assert.All(main.Document.Body.Descendants<W.ParagraphStyleId>(), id => Assert.Contains(id.Val!.Value, styleIds));
        Assert.Contains("Normal", styleIds);
        var theme = main.ThemePart!.Theme!;
        Assert.Equal("宋体", theme.ThemeElements!.FontScheme!.MinorFont!.EastAsianFont!.Typeface!.Value);
        Assert.Contains(theme.ThemeElements.FontScheme.MajorFont!.Elements<A.SupplementalFont>(), f => f.Script!.Value == "Hans" && f.Typeface!.Value == "黑体");
        var settings = main.DocumentSettingsPart!.Settings!;
        Assert.Equal("zh-CN", settings.GetFirstChild<W.ThemeFontLanguages>()!.EastAsia!.Value);
        Assert.Equal("15", settings.Descendants<W.CompatibilitySetting>().Single(c => c.Name!.Value == W.CompatSettingNameValues.CompatibilityMode).Val!.Value);
        Assert.Equal("大英县2020年科技云服务工作统计", docx.PackageProperties.Title);

        // The page, the body's last child: A4 (210 × 297 mm) with the margins of GB/T 9704 (37, 35, 28, 26 mm), in twips.
        var section = Assert.IsType<W.SectionProperties>(main.Document.Body.LastChild);
        static int Mm(double twips) => (int)Math.Round(twips / 1440 * 25.4);
        Assert.Equal((210, 297), (Mm(section.GetFirstChild<W.PageSize>()!.Width!.Value), Mm(section.GetFirstChild<W.PageSize>()!.Height!.Value)));
        var margin = section.GetFirstChild<W.PageMargin>()!;
        Assert.Equal((37, 35, 28, 26), (Mm(margin.Top!.Value), Mm(margin.Bottom!.Value), Mm(margin.Left!.Value), Mm(margin.Right!.Value)));

        // The chart for WPS: its categories and values cached in the chart part, and the embedded workbook it edits.
        var chart = Assert.Single(main.ChartParts);
        Assert.All(chart.ChartSpace!.Descendants<C.BarChartSeries>(), s =>
        {
            Assert.NotNull(s.GetFirstChild<C.CategoryAxisData>()!.StringReference!.StringCache);
            Assert.NotNull(s.GetFirstChild<C.Values>()!.NumberReference!.NumberingCache);
        });
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Assert.Single(chart.GetPartsOfType<EmbeddedPackagePart>()).ContentType);
    }

    /// <summary>
    /// Open XML schema validity of the document and of its chart's embedded workbook (the one WPS's and Word's 编辑数据 open),
    /// under every file format version the SDK knows, Office 2007 (the strictest: no later extension elements) to Microsoft 365.
    /// </summary>
    internal static void AssertValidInEveryOfficeVersion(WordprocessingDocument docx)
    {
        var versions = Enum.GetValues<DocumentFormat.OpenXml.FileFormatVersions>().Where(v => v != DocumentFormat.OpenXml.FileFormatVersions.None && System.Numerics.BitOperations.IsPow2((int)v)).ToList();
        Assert.Contains(DocumentFormat.OpenXml.FileFormatVersions.Office2007, versions);
        foreach (var version in versions)
        {
            var validator = new DocumentFormat.OpenXml.Validation.OpenXmlValidator(version);
            var errors = validator.Validate(docx).Select(e => $"{version} {e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
            foreach (var embedded in docx.MainDocumentPart!.ChartParts.SelectMany(c => c.GetPartsOfType<EmbeddedPackagePart>()))
            {
                using var stream = embedded.GetStream();
                var copy = new MemoryStream();
                stream.CopyTo(copy);
                copy.Position = 0;
                using var workbook = SpreadsheetDocument.Open(copy, false);
                errors.AddRange(validator.Validate(workbook).Select(e => $"{version} 嵌入工作簿 {e.Part?.Uri} {e.Path?.XPath}: {e.Description}"));
            }

            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }
    }

    [Fact]
    public void The_Excel_report_is_valid_Open_XML_in_every_Office_version()
    {
        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(AnnualReportService.Xlsx(Data(new DateOnly(2020, 12, 31)))), false);
        Assert.Equal(["统计", "主要指标", "排名"], xlsx.WorkbookPart!.Workbook!.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value!));
        foreach (var version in Enum.GetValues<DocumentFormat.OpenXml.FileFormatVersions>().Where(v => v != DocumentFormat.OpenXml.FileFormatVersions.None && System.Numerics.BitOperations.IsPow2((int)v)))
        {
            var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator(version).Validate(xlsx).Select(e => $"{version} {e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }
    }

    [Fact]
    public void The_chart_carries_its_own_colours_and_numbers_for_LibreOffice_and_WPS()
    {
        using var docx = WordprocessingDocument.Open(new MemoryStream(AnnualReportService.Docx(Data(new DateOnly(2020, 12, 31)))), false);
        AssertValidInEveryOfficeVersion(docx);

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
