using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Kexie.Web.Features.Indicators.Report;

/// <summary>
/// The parts of the report's .docx that Word writes and WPS Office relies on, which a document built from its body alone
/// lacks: styles with Chinese defaults (language zh-CN, East-Asian fonts), a theme whose fonts have a 简体 (Hans) face,
/// a font table that names each Chinese font with its Windows name, charset and panose so WPS and Word substitute a
/// similar face where the font is missing (仿宋_GB2312 → 仿宋), settings (compatibility mode, Chinese punctuation
/// compression), core properties, and the page: A4 with the margins of GB/T 9704-2012 (党政机关公文格式: top 37 mm,
/// bottom 35 mm, left 28 mm, right 26 mm).
/// </summary>
public static class ReportDocument
{
    /// <summary>Body text (公文正文: 仿宋_GB2312).</summary>
    public const string BodyFont = "仿宋_GB2312";

    /// <summary>Part and appendix headings (公文一级标题: 黑体).</summary>
    public const string HeadingFont = "黑体";

    /// <summary>The title, tables and chart (宋体, present on every Chinese Windows and in WPS).</summary>
    public const string PlainFont = "宋体";

    /// <summary>Latin letters and digits.</summary>
    public const string LatinFont = "Times New Roman";

    /// <summary>Page and margins in twentieths of a point: A4 (210 × 297 mm), margins 37/35/28/26 mm (GB/T 9704).</summary>
    public const int PageWidth = 11906, PageHeight = 16838, MarginTop = 2098, MarginBottom = 1984, MarginLeft = 1588, MarginRight = 1474;

    public const string TitleStyle = "Title", HeadingStyle = "Heading1", TableTextStyle = "TableText";

    /// <summary>
    /// The fonts declared in the font table: name, the alternative Word and WPS try when it is missing, panose, and
    /// whether it is a Chinese (GB2312, charset 86) font.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, string AltName, string Panose, bool Chinese, FontFamilyValues Family, FontPitchValues Pitch)> DeclaredFonts =
    [
        (BodyFont, "仿宋", "02010609030101010101", true, FontFamilyValues.Modern, FontPitchValues.Fixed),
        (HeadingFont, "SimHei", "02010609060101010101", true, FontFamilyValues.Modern, FontPitchValues.Fixed),
        (PlainFont, "SimSun", "02010600030101010101", true, FontFamilyValues.Auto, FontPitchValues.Variable),
        ("仿宋", "FangSong", "02010609060101010101", true, FontFamilyValues.Modern, FontPitchValues.Fixed),
        (LatinFont, "Times", "02020603050405020304", false, FontFamilyValues.Roman, FontPitchValues.Variable),
    ];

    /// <summary>Adds styles, theme, font table, settings and core properties to a new document.</summary>
    public static void AddParts(WordprocessingDocument document, MainDocumentPart main, string title)
    {
        main.AddNewPart<StyleDefinitionsPart>().Styles = BuildStyles();
        main.AddNewPart<FontTablePart>().Fonts = BuildFontTable();
        main.AddNewPart<DocumentSettingsPart>().Settings = BuildSettings();
        var theme = main.AddNewPart<ThemePart>();
        using (var stream = theme.GetStream(FileMode.Create, FileAccess.Write))
        {
            var xml = Encoding.UTF8.GetBytes(Theme);
            stream.Write(xml, 0, xml.Length);
        }

        document.PackageProperties.Title = title;
        document.PackageProperties.Creator = "科协云";
        document.PackageProperties.Language = "zh-CN";
        document.PackageProperties.Created = DateTime.UtcNow;
    }

    /// <summary>The page: A4 portrait, GB/T 9704 margins, header and footer distances; the last child of the body.</summary>
    public static SectionProperties Section() => new(
        new PageSize { Width = (UInt32Value)(uint)PageWidth, Height = (UInt32Value)(uint)PageHeight, Orient = PageOrientationValues.Portrait },
        new PageMargin
        {
            Top = MarginTop, Bottom = MarginBottom, Left = (UInt32Value)(uint)MarginLeft, Right = (UInt32Value)(uint)MarginRight,
            Header = 851U, Footer = 992U, Gutter = 0U,
        },
        new Columns { Space = "425" },
        new DocGrid { LinePitch = 312 });

    /// <summary>Run fonts: <paramref name="eastAsia"/> for Chinese, Times New Roman for Latin text, and the East-Asian hint so that
    /// ambiguous characters (“”、：…) take the Chinese font in Word and WPS.</summary>
    public static RunFonts RunFontsFor(string eastAsia) => new()
    {
        Hint = FontTypeHintValues.EastAsia, Ascii = LatinFont, HighAnsi = LatinFont, EastAsia = eastAsia, ComplexScript = LatinFont,
    };

    private static Styles BuildStyles()
    {
        var defaults = new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                RunFontsFor(BodyFont),
                new Kern { Val = 2U },
                new FontSize { Val = "24" },
                new FontSizeComplexScript { Val = "24" },
                new Languages { Val = "en-US", EastAsia = "zh-CN", Bidi = "ar-SA" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new Justification { Val = JustificationValues.Both })));

        static Style Paragraph(string id, string name, string font, int size, bool bold, bool center, int? outline)
        {
            var paragraph = new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "120", After = "120" });
            if (center)
            {
                paragraph.Append(new Justification { Val = JustificationValues.Center });
            }

            if (outline is { } level)
            {
                paragraph.Append(new OutlineLevel { Val = level });
            }

            var run = new StyleRunProperties(RunFontsFor(font));
            if (bold)
            {
                run.Append(new Bold());
            }

            run.Append(new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) });
            return new Style(new StyleName { Val = name }, new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" }, new PrimaryStyle(), paragraph, run)
            {
                Type = StyleValues.Paragraph,
                StyleId = id,
            };
        }

        var normal = new Style(new StyleName { Val = "Normal" }, new PrimaryStyle())
        {
            Type = StyleValues.Paragraph,
            StyleId = "Normal",
            Default = true,
        };
        var table = new Style(
            new StyleName { Val = "Table Text" }, new BasedOn { Val = "Normal" }, new PrimaryStyle(),
            new StyleParagraphProperties(new Justification { Val = JustificationValues.Left }),
            new StyleRunProperties(RunFontsFor(PlainFont), new FontSize { Val = "20" }))
        {
            Type = StyleValues.Paragraph,
            StyleId = TableTextStyle,
        };
        var tableNormal = new Style(
            new StyleName { Val = "Normal Table" }, new UIPriority { Val = 99 }, new SemiHidden(), new UnhideWhenUsed(),
            new StyleTableProperties(
                new TableIndentation { Width = 0, Type = TableWidthUnitValues.Dxa },
                new TableCellMarginDefault(
                    new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 108, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 108, Type = TableWidthValues.Dxa })))
        {
            Type = StyleValues.Table,
            StyleId = "TableNormal",
            Default = true,
        };
        return new Styles(
            defaults,
            normal,
            Paragraph(TitleStyle, "Title", PlainFont, 36, true, true, null),
            Paragraph(HeadingStyle, "heading 1", HeadingFont, 28, false, false, 0),
            table,
            tableNormal);
    }

    private static Fonts BuildFontTable()
    {
        var fonts = new Fonts();
        foreach (var (name, alt, panose, chinese, family, pitch) in DeclaredFonts)
        {
            fonts.Append(new Font(
                new AltName { Val = alt },
                new Panose1Number { Val = panose },
                new FontCharSet { Val = chinese ? "86" : "00" },
                new FontFamily { Val = family },
                new Pitch { Val = pitch })
            {
                Name = name,
            });
        }

        return fonts;
    }

    private static Settings BuildSettings() => new(
        new Zoom { Percent = "100" },
        new DefaultTabStop { Val = 420 },
        new DrawingGridVerticalSpacing { Val = "156" },
        new CharacterSpacingControl { Val = CharacterSpacingValues.CompressPunctuation },
        new Compatibility(
            new BalanceSingleByteDoubleByteWidth(),
            new AdjustLineHeightInTable(),
            new UseFarEastLayout(),
            new CompatibilitySetting
            {
                Name = CompatSettingNameValues.CompatibilityMode,
                Uri = "http://schemas.microsoft.com/office/word",
                Val = "15",
            }),
        new ThemeFontLanguages { Val = "en-US", EastAsia = "zh-CN" },
        new DecimalSymbol { Val = "." },
        new ListSeparator { Val = "," });

    /// <summary>The Office theme with Chinese faces: major (headings) 黑体, minor (body) 宋体 for 简体 (Hans) and East-Asian text.</summary>
    public const string Theme = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office 主题">
          <a:themeElements>
            <a:clrScheme name="Office">
              <a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>
              <a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>
              <a:dk2><a:srgbClr val="44546A"/></a:dk2>
              <a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>
              <a:accent1><a:srgbClr val="1F5AA6"/></a:accent1>
              <a:accent2><a:srgbClr val="F39C12"/></a:accent2>
              <a:accent3><a:srgbClr val="A5A5A5"/></a:accent3>
              <a:accent4><a:srgbClr val="FFC000"/></a:accent4>
              <a:accent5><a:srgbClr val="5B9BD5"/></a:accent5>
              <a:accent6><a:srgbClr val="70AD47"/></a:accent6>
              <a:hlink><a:srgbClr val="0563C1"/></a:hlink>
              <a:folHlink><a:srgbClr val="954F72"/></a:folHlink>
            </a:clrScheme>
            <a:fontScheme name="Office">
              <a:majorFont>
                <a:latin typeface="Times New Roman"/>
                <a:ea typeface="黑体"/>
                <a:cs typeface="Times New Roman"/>
                <a:font script="Hans" typeface="黑体"/>
              </a:majorFont>
              <a:minorFont>
                <a:latin typeface="Times New Roman"/>
                <a:ea typeface="宋体"/>
                <a:cs typeface="Times New Roman"/>
                <a:font script="Hans" typeface="宋体"/>
              </a:minorFont>
            </a:fontScheme>
            <a:fmtScheme name="Office">
              <a:fillStyleLst>
                <a:solidFill><a:schemeClr val="phClr"/></a:solidFill>
                <a:solidFill><a:schemeClr val="phClr"/></a:solidFill>
                <a:solidFill><a:schemeClr val="phClr"/></a:solidFill>
              </a:fillStyleLst>
              <a:lnStyleLst>
                <a:ln w="6350" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>
                <a:ln w="12700" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>
                <a:ln w="19050" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>
              </a:lnStyleLst>
              <a:effectStyleLst>
                <a:effectStyle><a:effectLst/></a:effectStyle>
                <a:effectStyle><a:effectLst/></a:effectStyle>
                <a:effectStyle><a:effectLst/></a:effectStyle>
              </a:effectStyleLst>
              <a:bgFillStyleLst>
                <a:solidFill><a:schemeClr val="phClr"/></a:solidFill>
                <a:solidFill><a:schemeClr val="phClr"/></a:solidFill>
                <a:solidFill><a:schemeClr val="phClr"/></a:solidFill>
              </a:bgFillStyleLst>
            </a:fmtScheme>
          </a:themeElements>
          <a:objectDefaults/>
          <a:extraClrSchemeLst/>
        </a:theme>
        """;
}
