using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Kexie.Web.Features.Indicators.Report;

namespace Kexie.Web.Features.Popularization;

/// <summary>One confirmed service on a record: the activity, its day (China date) and the confirmed hours.</summary>
public sealed record ServiceRecordLine(string Activity, DateOnly Day, decimal Hours);

/// <summary>What a 志愿服务记录证明 says: who served, their team, each confirmed service, the total, the issuing association and the date.</summary>
public sealed record ServiceRecordData(string VolunteerName, string RegionName, string? TeamName, IReadOnlyList<ServiceRecordLine> Lines, decimal TotalHours, string Issuer, DateOnly Date);

/// <summary>
/// 志愿服务记录证明 as a Word document (.docx): the annual report's A4 page, styles and fonts (<see cref="ReportDocument"/>), a heading,
/// the sentence, a table of the confirmed services (活动、日期、时长) with the total, the issuing association and the date.
/// </summary>
public static class VolunteerServiceRecord
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static byte[] Build(ServiceRecordData d)
    {
        ArgumentNullException.ThrowIfNull(d);
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            ReportDocument.AddParts(document, main, $"{d.VolunteerName}志愿服务记录证明");
            var body = new Body();
            main.Document = new Document(body);
            body.Append(Line("志愿服务记录证明", ReportDocument.HeadingFont, 44, JustificationValues.Center, before: 600, after: 600));
            var team = d.TeamName is null ? string.Empty : $"，{d.TeamName}队员";
            body.Append(Line(
                $"兹证明{d.VolunteerName}（{d.RegionName}科技志愿者{team}）参加科技志愿服务{d.Lines.Count}次，经活动组织方确认的服务时长共计{Hours(d.TotalHours)}小时。明细如下：",
                ReportDocument.BodyFont, 28, JustificationValues.Left, indent: true));
            body.Append(Table(d));
            body.Append(Line("特此证明。", ReportDocument.BodyFont, 28, JustificationValues.Left, indent: true, before: 240, after: 900));
            body.Append(Line(d.Issuer, ReportDocument.BodyFont, 28, JustificationValues.Right));
            body.Append(Line($"{d.Date.Year}年{d.Date.Month}月{d.Date.Day}日", ReportDocument.BodyFont, 28, JustificationValues.Right));
            body.Append(ReportDocument.Section());
        }

        return stream.ToArray();
    }

    /// <summary>The file name: 志愿服务记录证明-姓名.docx (characters a file name may not hold left out).</summary>
    public static string FileName(string name) =>
        $"志愿服务记录证明-{new string([.. name.Where(c => !Path.GetInvalidFileNameChars().Contains(c) && c is not ('\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|'))])}.docx";

    public static string Hours(decimal hours) => hours.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    private static Table Table(ServiceRecordData d)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(border, new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
        table.Append(Row(true, "序号", "服务活动", "日期", "服务时长（小时）"));
        for (var i = 0; i < d.Lines.Count; i++)
        {
            var line = d.Lines[i];
            table.Append(Row(false, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), line.Activity, $"{line.Day.Year}年{line.Day.Month}月{line.Day.Day}日", Hours(line.Hours)));
        }

        table.Append(Row(true, "合计", string.Empty, string.Empty, Hours(d.TotalHours)));
        return table;
    }

    private static TableRow Row(bool bold, params string[] cells)
    {
        var row = new TableRow();
        foreach (var text in cells)
        {
            var run = new RunProperties(ReportDocument.RunFontsFor(ReportDocument.BodyFont), new FontSize { Val = "24" }, new FontSizeComplexScript { Val = "24" });
            if (bold)
            {
                run.Append(new Bold());
            }

            row.Append(new TableCell(new Paragraph(new Run(run, new Text(text) { Space = SpaceProcessingModeValues.Preserve }))));
        }

        return row;
    }

    private static Paragraph Line(string text, string font, int halfPoints, JustificationValues align, bool indent = false, int before = 0, int after = 240)
    {
        var properties = new ParagraphProperties(
            new SpacingBetweenLines { Before = before.ToString(System.Globalization.CultureInfo.InvariantCulture), After = after.ToString(System.Globalization.CultureInfo.InvariantCulture), Line = "480", LineRule = LineSpacingRuleValues.Exact },
            new Justification { Val = align });
        if (indent)
        {
            properties.Append(new Indentation { FirstLineChars = 200 });
        }

        var size = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Paragraph(properties, new Run(new RunProperties(ReportDocument.RunFontsFor(font), new FontSize { Val = size }, new FontSizeComplexScript { Val = size }), new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }
}
