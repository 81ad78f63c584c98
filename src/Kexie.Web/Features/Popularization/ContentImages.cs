using Kexie.Domain.Common;

namespace Kexie.Web.Features.Popularization;

/// <summary>
/// Images in a 科普 item's body: JPEG, PNG or WebP up to <see cref="MaxBytes"/>, kept in the attachment store as the item's
/// attachments and served at <see cref="Url"/> (what the body's Markdown <c>![…](…)</c> points at and the only image source
/// the rendered body may show). The type is read from the file's first bytes; the name and the declared type are not trusted.
/// </summary>
public static class ContentImages
{
    /// <summary>The largest image accepted: 5 MB.</summary>
    public const long MaxBytes = 5L * 1024 * 1024;

    public static bool IsImage(string? contentType) => contentType is "image/jpeg" or "image/png" or "image/webp";

    public static string Url(Guid contentId, Guid imageId) => $"/api/v1/science-contents/{contentId}/images/{imageId}";

    /// <summary>Whether a stored body shows the image (its URL, which carries the image's id, appears in it).</summary>
    public static bool IsShownIn(string? body, Guid imageId) =>
        body is { Length: > 0 } && body.Contains(imageId.ToString("D"), StringComparison.OrdinalIgnoreCase);

    /// <summary>The image type the bytes are (JPEG, PNG or WebP by their signature), or null for anything else.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return "image/jpeg";
        }

        if (head.Length >= 8 && head[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        return null;
    }

    /// <summary>
    /// Checks an uploaded image (present, not empty, at most <see cref="MaxBytes"/>, JPEG/PNG/WebP by its bytes) and gives its
    /// real type and a safe file name (the uploader's, without folders, its extension fitted to the real type). Refusals
    /// are 400s naming the form field <c>file</c>.
    /// </summary>
    public static async Task<(string ContentType, string FileName)> InspectAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length <= 0)
        {
            throw new DomainValidationException("file", "请选择要上传的图片（JPG、PNG 或 WebP）");
        }

        if (file.Length > MaxBytes)
        {
            throw new DomainValidationException("file", $"图片不能超过{MaxBytes / 1024 / 1024}MB");
        }

        var head = new byte[16];
        int read;
        await using (var stream = file.OpenReadStream())
        {
            read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        }

        var type = Sniff(head.AsSpan(0, read))
            ?? throw new DomainValidationException("file", "只能上传 JPG、PNG 或 WebP 图片（按文件内容判断，改扩展名无效）");
        var stem = Path.GetFileNameWithoutExtension(Path.GetFileName((file.FileName ?? string.Empty).Replace('\\', '/'))).Trim();
        stem = stem.Length == 0 ? "图片" : stem[..Math.Min(stem.Length, 150)];
        var extension = type switch { "image/png" => ".png", "image/webp" => ".webp", _ => ".jpg" };
        return (type, stem + extension);
    }
}
