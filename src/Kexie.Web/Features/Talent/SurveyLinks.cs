using Kexie.Web.Features.Notifications;
using Microsoft.Extensions.Options;
using QRCoder;

namespace Kexie.Web.Features.Talent;

/// <summary>
/// The absolute fill link of a survey (and of each invitation) and its QR code (二维码) as a PNG that a phone camera opens. The
/// platform's address is <c>Smtp:SiteUrl</c> when configured (the address people reach behind a proxy), else the request's own.
/// </summary>
public sealed class SurveyLinks(IOptions<SmtpOptions> smtp)
{
    /// <summary>Pixels per module: a link of about 70 characters makes a code of about 500 px, sharp enough to print on a poster.</summary>
    public const int PixelsPerModule = 12;

    public string BaseUrl(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return smtp.Value.SiteBase ?? $"{request.Scheme}://{request.Host}{request.PathBase}";
    }

    public string FillUrl(HttpRequest request, Guid surveyId, string? token = null) => FillUrl(BaseUrl(request), surveyId, token);

    public static string FillUrl(string baseUrl, Guid surveyId, string? token = null) =>
        $"{baseUrl}/Talent/Surveys/Fill/{surveyId}" + (string.IsNullOrEmpty(token) ? string.Empty : $"?t={Uri.EscapeDataString(token)}");

    /// <summary>The QR code of <paramref name="text"/> (error correction M, with the quiet zone) as PNG bytes.</summary>
    public static byte[] Png(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(PixelsPerModule);
    }
}
