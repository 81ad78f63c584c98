using System.Text.RegularExpressions;
using Kexie.Web.Features.Market;

namespace Kexie.Web.Pages;

/// <summary>
/// The rich-text fields (offer description, need problem, fair and fair-project descriptions, storefront introduction)
/// are stored as HTML sanitised by <see cref="RichTextSanitizer"/>. A textarea shows them as a person typed them
/// ("a &amp; b", line breaks), not as markup ("a &amp;amp; b", "&lt;br&gt;"); what comes back is turned into HTML again
/// (line breaks of plain text become <c>&lt;br&gt;</c>; allowed tags typed by hand are kept) before the service sanitises it.
/// </summary>
public static partial class RichTextForm
{
    /// <summary>
    /// What was typed → what goes to the service: plain text keeps its line breaks (as <c>&lt;br&gt;</c>, with no newline
    /// after it: <c>.prose</c> keeps white space for older plain-text records); markup is left as it is.
    /// </summary>
    public static string? FromEditor(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return text;
        }

        var clean = text.ReplaceLineEndings("\n").Trim();
        return BlockTag().IsMatch(clean) ? clean : clean.Replace("\n", "<br>", StringComparison.Ordinal);
    }

    /// <summary>
    /// Stored HTML → the textarea's text. Entities are decoded and <c>&lt;br&gt;</c> becomes a line break, but only when
    /// saving that text again gives back the same HTML; otherwise the HTML itself is shown (it still round-trips).
    /// </summary>
    public static string? ToEditor(string? html, RichTextSanitizer sanitizer)
    {
        if (string.IsNullOrEmpty(html))
        {
            return html;
        }

        var lines = ParagraphTag().IsMatch(html) ? html : Br().Replace(html, "\n");
        string[] candidates =
        [
            lines.Replace("&gt;", ">", StringComparison.Ordinal).Replace("&lt;", "<", StringComparison.Ordinal)
                .Replace("&nbsp;", "\u00a0", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal),
            lines.Replace("&gt;", ">", StringComparison.Ordinal).Replace("&nbsp;", "\u00a0", StringComparison.Ordinal).Replace("&amp; ", "& ", StringComparison.Ordinal),
            lines,
        ];
        var target = Normal(html);
        foreach (var candidate in candidates)
        {
            if (Normal(sanitizer.Clean(FromEditor(candidate))) == target)
            {
                return candidate;
            }
        }

        return html;
    }

    private static string Normal(string? html) => Br().Replace(html ?? string.Empty, "<br>").Trim();

    [GeneratedRegex(@"<\s*/?\s*(p|ul|ol|li|br)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTag();

    [GeneratedRegex(@"<\s*/?\s*(p|ul|ol|li)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ParagraphTag();

    [GeneratedRegex(@"<br\s*/?>\n?", RegexOptions.IgnoreCase)]
    private static partial Regex Br();
}
