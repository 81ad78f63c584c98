using System.Runtime.CompilerServices;
using Ganss.Xss;
using Kexie.Domain.Common;

namespace Kexie.Web.Features.Market;

/// <summary>
/// Cleans the free-text fields that may carry formatting (offer description, need problem statement, fair and fair
/// project descriptions, storefront introduction) before they reach the domain. Only a small safe set survives:
/// <c>p, br, ul, ol, li, strong, em</c> and <c>a</c> with an http/https <c>href</c> (given
/// <c>rel="nofollow noopener noreferrer"</c>). Script, style and similar elements are dropped with their content;
/// other unknown tags are dropped but their text is kept; every other attribute (<c>on*</c>, <c>style</c>, …) goes.
/// Text comes back HTML-encoded where needed (<c>&lt;</c>, <c>&amp;</c>), so the stored field is safe to render as HTML.
/// </summary>
public sealed class RichTextSanitizer
{
    /// <summary>
    /// The most characters of raw input that are sanitised at all: four times the longest rich-text field (a 科普 article's
    /// body, <see cref="Kexie.Domain.Popularization.ScienceContent.BodyMaxLength"/>), so markup around a full-length text
    /// fits, and the domain then checks the cleaned text against the field's own maximum.
    /// </summary>
    public const int MaxInputLength = 4 * Kexie.Domain.Popularization.ScienceContent.BodyMaxLength;

    /// <summary>The deepest nesting of elements accepted; deeper markup is refused before it is parsed.</summary>
    public const int MaxDepth = 100;

    private static readonly HashSet<string> DropWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math", "frame", "frameset", "noembed", "noframes", "xmp", "title", "head", "textarea", "select", "button",
    };

    /// <summary>Elements without content (never opened) and elements the parser closes by itself when a sibling starts.</summary>
    private static readonly HashSet<string> NotNesting = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "dt", "dd", "option", "optgroup", "rb", "rp", "rt", "rtc", "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup", "caption",
    };

    /// <summary>
    /// One sanitiser per thread: HtmlSanitizer is documented as safe to share once configured, but a per-thread instance
    /// needs no such promise and no lock, so one long input never holds up other writers.
    /// </summary>
    [ThreadStatic]
    private static HtmlSanitizer? perThread;

    /// <summary>The sanitiser for rendered Markdown (<see cref="CleanRendered"/>), one per thread like <see cref="perThread"/>.</summary>
    [ThreadStatic]
    private static HtmlSanitizer? renderedPerThread;

    /// <summary>
    /// The only images rendered Markdown may show: a 科普 item's own uploaded images, served by this site
    /// (<c>/api/v1/science-contents/{id}/images/{imageId}</c>); any other <c>src</c> (another site, <c>data:</c>) drops the image.
    /// </summary>
    private static readonly System.Text.RegularExpressions.Regex LocalImage = new(
        "^/api/v1/science-contents/[0-9a-fA-F-]{36}/images/[0-9a-fA-F-]{36}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// The cleaned HTML, trimmed; null stays null. Input longer than <see cref="MaxInputLength"/> or nested deeper than
    /// <see cref="MaxDepth"/> is refused (<see cref="DomainValidationException"/> naming <paramref name="field"/>) before it is
    /// parsed, so its cost is bounded. <paramref name="field"/> defaults to the member passed as <paramref name="html"/> in
    /// camel case (<c>Clean(r.Problem)</c> names <c>problem</c>), which is the request field at every call site.
    /// </summary>
    public string? Clean(string? html, [CallerArgumentExpression(nameof(html))] string field = "html")
    {
        if (html is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(html))
        {
            return html.Trim();
        }

        var name = FieldName(field);
        if (html.Length > MaxInputLength)
        {
            throw new DomainValidationException(name, $"内容过长：连同格式标记不能超过{MaxInputLength}个字符");
        }

        if (NestingExceeds(html, MaxDepth))
        {
            throw new DomainValidationException(name, $"格式标记嵌套过深（不能超过{MaxDepth}层）");
        }

        return (perThread ??= Create()).Sanitize(html).Trim();
    }

    /// <summary>
    /// Cleans HTML rendered from a 科普 item's Markdown body (<see cref="Kexie.Web.Features.Popularization.ContentMarkdown"/>).
    /// The same rules as <see cref="Clean"/> (same limits, script and style dropped with their content, links
    /// http/https with <c>rel="nofollow…"</c>) with the few more elements Markdown writes: headings, quotes, code, struck
    /// text, rules, tables, and <c>img</c> (<c>src</c>, <c>alt</c>) whose source is one of the item's uploaded images.
    /// </summary>
    public string CleanRendered(string html) =>
        html.Length > MaxInputLength * 2
            ? throw new DomainValidationException("body", $"内容过长：连同格式标记不能超过{MaxInputLength}个字符")
            : NestingExceeds(html, MaxDepth)
                ? throw new DomainValidationException("body", $"格式标记嵌套过深（不能超过{MaxDepth}层）")
                : (renderedPerThread ??= CreateRendered()).Sanitize(html).Trim();

    private static HtmlSanitizer CreateRendered()
    {
        var sanitizer = Create(
            ["p", "br", "ul", "ol", "li", "strong", "em", "a", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "code", "pre", "del", "hr", "table", "thead", "tbody", "tr", "th", "td", "img"],
            ["href", "src", "alt"]);
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "img" } image && !LocalImage.IsMatch(image.GetAttribute("src") ?? string.Empty))
            {
                image.Remove();
            }
        };
        return sanitizer;
    }

    private static HtmlSanitizer Create() => Create(["p", "br", "ul", "ol", "li", "strong", "em", "a"], ["href"]);

    private static HtmlSanitizer Create(string[] tags, string[] attributes)
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(attributes, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
            AllowedClasses = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        };
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        sanitizer.RemovingTag += (_, e) =>
        {
            if (DropWithContent.Contains(e.Tag.LocalName))
            {
                e.Cancel = true;
                e.Tag.Remove();
            }
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", "nofollow noopener noreferrer");
            }
        };
        return sanitizer;
    }

    /// <summary>
    /// Whether more than <paramref name="limit"/> elements are open at once, by one pass over the tags (a tag is read up to
    /// its <c>&gt;</c> and never again). It errs towards counting deeper than the parser would (unclosed tags stay open,
    /// tags in comments count), never shallower, apart from the elements in <see cref="NotNesting"/>, which need a
    /// counted parent (a list, a table) to nest.
    /// </summary>
    internal static bool NestingExceeds(string html, int limit)
    {
        var depth = 0;
        var i = html.IndexOf('<');
        while (i >= 0 && i < html.Length - 1)
        {
            var closing = html[i + 1] == '/';
            var start = closing ? i + 2 : i + 1;
            if (start >= html.Length || !char.IsAsciiLetter(html[start]))
            {
                i = html.IndexOf('<', i + 1);
                continue;
            }

            var end = start;
            while (end < html.Length && (char.IsAsciiLetterOrDigit(html[end]) || html[end] is '-' or ':'))
            {
                end++;
            }

            var gt = html.IndexOf('>', end);
            if (gt < 0)
            {
                break;
            }

            if (!NotNesting.Contains(html[start..end]))
            {
                if (closing)
                {
                    depth = Math.Max(0, depth - 1);
                }
                else if (html[gt - 1] != '/' && ++depth > limit)
                {
                    return true;
                }
            }

            i = html.IndexOf('<', gt + 1);
        }

        return false;
    }

    /// <summary><c>r.Problem</c> → <c>problem</c>; a plain name stays as it is.</summary>
    private static string FieldName(string expression)
    {
        var member = expression[(expression.LastIndexOf('.') + 1)..].Trim();
        return member.Length > 0 && member.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? char.ToLowerInvariant(member[0]) + member[1..]
            : "html";
    }
}
