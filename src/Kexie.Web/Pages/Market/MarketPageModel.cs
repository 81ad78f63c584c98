using Kexie.Domain.Common;
using Kexie.Domain.Market;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Pages.Market;

/// <summary>
/// Base of the market pages. On top of <see cref="KexiePageModel"/>: a step the viewer's party may not take is a
/// 403 page, a write on a stale or concurrently changed record is a 409 page ("记录已被他人修改，请刷新后重试"),
/// and a bad value posted by a button form (a missing reason, an amount out of range) comes back on the same page
/// as a Chinese alert.
/// </summary>
public abstract class MarketPageModel : KexiePageModel
{
    public const string ConcurrencyMessage = "记录已被他人修改，请刷新后重试";

    /// <summary>Shown next to an edit form whose record changed after the form was opened; what the user typed stays in the form.</summary>
    public const string StaleFormMessage = "记录已被他人修改，请刷新后再改";

    public override Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
        base.OnPageHandlerExecutionAsync(context, async () =>
        {
            var executed = await next();
            if (executed.Exception is { } ex && !executed.ExceptionHandled)
            {
                IActionResult? result = ex switch
                {
                    NotPermittedException => StatusPage(new StatusInfo(403, "无权执行此操作", ex.Message)),
                    DbUpdateConcurrencyException => StatusPage(new StatusInfo(409, ConcurrencyMessage, "您打开页面之后，该记录已被他人修改（或同时有人操作）。请刷新页面，查看最新状态后再操作。")),
                    DomainValidationException when HttpMethods.IsPost(Request.Method) => BackWithAlert(ex.Message),
                    _ => null,
                };
                if (result is not null)
                {
                    executed.Result = result;
                    executed.ExceptionHandled = true;
                }
            }

            return executed;
        });

    /// <summary>Back to the page the form was on (GET), with the message shown on top.</summary>
    protected IActionResult BackWithAlert(string message)
    {
        Alert = message;
        return Redirect(ThisPageUrl());
    }

    /// <summary>Back to the page the form was on (GET), with a success notice.</summary>
    protected IActionResult BackWithNotice(string message)
    {
        Notice = message;
        return Redirect(ThisPageUrl());
    }

    /// <summary>
    /// Runs an upload; a file the service refuses (its Chinese 400 message: empty, too big, wrong type…) is shown next to
    /// the file input of <paramref name="itemId"/> after the redirect back to <paramref name="page"/>.
    /// </summary>
    protected async Task<IActionResult> UploadAndBackAsync(Guid itemId, string page, Func<Task> upload, string done = "已上传附件")
    {
        try
        {
            await upload();
            Notice = done;
        }
        catch (DomainValidationException e)
        {
            TempData[AttachmentsPanel.ErrorKey(itemId)] = e.Message;
        }

        return Redirect($"{page}#attachments-{itemId:N}");
    }

    /// <summary>The upload error waiting for <paramref name="itemId"/>'s file input, if any.</summary>
    protected string? UploadError(Guid itemId) => TempData[AttachmentsPanel.ErrorKey(itemId)] as string;

    /// <summary>Sends a stored file under the uploader's name; never sniffed or run by the browser.</summary>
    protected IActionResult SendFile(Kexie.Web.Features.Market.FileDownload file)
    {
        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return new FileStreamResult(file.Content, file.ContentType) { FileDownloadName = file.FileName, EnableRangeProcessing = true };
    }

    /// <summary>Splits "a, b；c d" into codes.</summary>
    protected static string[] Codes(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split([',', '，', ';', '；', '、', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Parses an amount in 元 typed into a form ("1,200.50", "5万", "1.2亿"; the domain's <see cref="YuanAmount"/>), with a Chinese message on failure.</summary>
    protected static decimal? ParseYuan(string? text, string field, string label) => YuanAmount.Parse(text, field, label);

    /// <summary>Parses a date typed or picked in a form (yyyy-MM-dd).</summary>
    protected static DateOnly? ParseDate(string? text, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateOnly.TryParse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var value)
            ? value
            : throw new DomainValidationException(field, $"{label}“{text.Trim()}”不是有效的日期（如 2026-03-31）");
    }

    /// <summary>A GUID from a select or hidden field; empty is null.</summary>
    protected static Guid? ParseGuid(string? text, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Guid.TryParse(text.Trim(), out var value) ? value : throw new DomainValidationException(field, $"{label}无效");
    }
}
