using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Indicators.Report;

namespace Kexie.Web.Features.Talent;

/// <summary>What an award certificate (荣誉证书) says: the work, its authors and school, the edition, the grade, the issuing association and the date.</summary>
public sealed record CertificateData(
    string ContestName, string Title, string Category, IReadOnlyList<string> Students, string? Teacher, string SchoolName, AwardGrade Award, string Issuer, DateOnly Date);

/// <summary>
/// 获奖证书 as a Word document (.docx): A4 with the Chinese styles and fonts of the annual report (<see cref="ReportDocument"/>), a
/// 荣誉证书 heading, the award sentence, the issuing association (举办地区科学技术协会) and the date, right-aligned.
/// </summary>
public static class ContestCertificate
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static byte[] Build(CertificateData d)
    {
        ArgumentNullException.ThrowIfNull(d);
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            ReportDocument.AddParts(document, main, $"{d.ContestName}获奖证书");
            var body = new Body();
            main.Document = new Document(body);
            body.Append(Line("荣 誉 证 书", ReportDocument.HeadingFont, 72, JustificationValues.Center, before: 1200, after: 900));
            body.Append(Line($"{string.Join("、", d.Students)}同学（{d.SchoolName}）：", ReportDocument.BodyFont, 32, JustificationValues.Left));
            var teacher = d.Teacher is null ? "" : $"，指导教师：{d.Teacher}";
            body.Append(Line($"你的作品《{d.Title}》（{d.Category}{teacher}）在{d.ContestName}中荣获{d.Award.Chinese()}。", ReportDocument.BodyFont, 32, JustificationValues.Left, indent: true));
            body.Append(Line("特发此证，以资鼓励。", ReportDocument.BodyFont, 32, JustificationValues.Left, indent: true, after: 1200));
            body.Append(Line(d.Issuer, ReportDocument.BodyFont, 32, JustificationValues.Right));
            body.Append(Line($"{d.Date.Year}年{d.Date.Month}月{d.Date.Day}日", ReportDocument.BodyFont, 32, JustificationValues.Right));
            body.Append(ReportDocument.Section());
        }

        return stream.ToArray();
    }

    /// <summary>The file name: 获奖证书-作品名.docx (characters a file name may not hold left out).</summary>
    public static string FileName(string title) =>
        $"获奖证书-{new string([.. title.Where(c => !Path.GetInvalidFileNameChars().Contains(c) && c is not ('\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|'))])}.docx";

    private static Paragraph Line(string text, string font, int halfPoints, JustificationValues align, bool indent = false, int before = 0, int after = 240)
    {
        var properties = new ParagraphProperties(
            new SpacingBetweenLines { Before = before.ToString(System.Globalization.CultureInfo.InvariantCulture), After = after.ToString(System.Globalization.CultureInfo.InvariantCulture), Line = "560", LineRule = LineSpacingRuleValues.Exact },
            new Justification { Val = align });
        if (indent)
        {
            properties.Append(new Indentation { FirstLineChars = 200 });
        }

        var size = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Paragraph(properties, new Run(new RunProperties(ReportDocument.RunFontsFor(font), new FontSize { Val = size }, new FontSizeComplexScript { Val = size }), new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }
}
