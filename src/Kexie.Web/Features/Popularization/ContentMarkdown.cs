using System.Text.RegularExpressions;
using Kexie.Web.Features.Market;
using Markdig;

namespace Kexie.Web.Features.Popularization;

/// <summary>
/// A 科普 item's body is written in Markdown (<c>**粗体**</c>, <c>- 列表</c>, <c>## 小标题</c>, <c>[链接](https://…)</c>,
/// <c>![图片](/files/…)</c>); every line break the author types is kept. What is stored is the source after
/// <see cref="RichTextSanitizer"/> (so the stored field and the API's <c>body</c> stay safe to show as HTML, as before);
/// what is shown is that source rendered by Markdig and cleaned by the same sanitiser again
/// (<see cref="RichTextSanitizer.CleanRendered"/>: headings, quotes, tables and the item's own images besides). Bodies stored before the
/// editor spoke Markdown are sanitised HTML (<c>&lt;p&gt;</c>, <c>&lt;br&gt;</c>, <c>&lt;strong&gt;</c>): Markdown passes
/// such HTML through, so they render as they always did without rewriting a row.
/// </summary>
public static partial class ContentMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseSoftlineBreakAsHardlineBreak()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UsePipeTables()
        .Build();

    /// <summary>The stored body → HTML to show (rendered, then sanitised).</summary>
    public static string ToHtml(string? stored, RichTextSanitizer sanitizer)
    {
        if (string.IsNullOrWhiteSpace(stored))
        {
            return string.Empty;
        }

        return sanitizer.CleanRendered(Markdown.ToHtml(stored, Pipeline));
    }

    /// <summary>
    /// What the editor sent → the source the service sanitises and stores: line endings made one kind, trimmed.
    /// Markdown needs the author's line breaks as they are (a list is one item per line), so unlike
    /// <c>RichTextForm.FromEditor</c> nothing becomes <c>&lt;br&gt;</c>.
    /// </summary>
    public static string? FromEditor(string? text) =>
        string.IsNullOrWhiteSpace(text) ? text : text.ReplaceLineEndings("\n").Trim();

    /// <summary>
    /// The stored body → the editor's text. A Markdown source comes back as typed (the sanitiser's entities decoded);
    /// an older HTML body keeps its markup (Markdown shows it the same) but its <c>&lt;br&gt;</c> become line breaks
    /// where it has no paragraphs, which mean the same now.
    /// </summary>
    public static string? ToEditor(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return stored;
        }

        var text = BlockTag().IsMatch(stored) ? stored : Br().Replace(stored, "\n");
        return HasTag().IsMatch(text)
            ? text
            : text.Replace("&gt;", ">", StringComparison.Ordinal).Replace("&lt;", "<", StringComparison.Ordinal)
                .Replace("&nbsp;", "\u00a0", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<\s*/?\s*(p|ul|ol|li)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTag();

    [GeneratedRegex(@"<br\s*/?>\n?", RegexOptions.IgnoreCase)]
    private static partial Regex Br();

    [GeneratedRegex(@"<\s*/?\s*[a-zA-Z]")]
    private static partial Regex HasTag();
}
