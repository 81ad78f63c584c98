using Kexie.Web.Features.Market;

namespace Kexie.Web.Pages.Market;

/// <summary>
/// What the attachments partial (<c>_Attachments.cshtml</c>) shows for one offer, need or fair project: its files with
/// download links, and (for its owner or the region's staff while it is editable) the upload form and delete buttons.
/// Every link and form goes to handlers of <see cref="PagePath"/> (<c>Download</c>, <c>Upload</c>, <c>DeleteAttachment</c>);
/// <see cref="ExtraQuery"/> names the item when the page holds several (a fair's projects).
/// </summary>
public sealed record AttachmentsPanel(Guid ItemId, IReadOnlyList<AttachmentDto> Items, string PagePath, bool CanManage, string? Error, string? ExtraQuery = null)
{
    /// <summary>The file types the upload accepts (matched to what <see cref="UploadInspector"/> checks).</summary>
    public const string Accept = ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.jpg,.jpeg,.png,.webp,.txt,.csv,.md,.zip";

    public const string Limits = "单个文件不超过20MB，每项最多10个；支持 PDF、Word/Excel/PowerPoint、JPEG/PNG/WebP 图片、文本（txt/csv/md）和 zip，按文件内容校验类型";

    public static string ErrorKey(Guid itemId) => "UploadError:" + itemId.ToString("N");

    public string HandlerUrl(string handler, Guid? attachmentId = null) =>
        $"{PagePath}?handler={handler}{(ExtraQuery is null ? "" : "&" + ExtraQuery)}{(attachmentId is { } a ? "&attachmentId=" + a : "")}";

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / 1024.0 / 1024.0:0.#} MB",
    };
}
