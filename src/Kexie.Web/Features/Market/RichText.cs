using Ganss.Xss;

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
    private static readonly HashSet<string> DropWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math", "frame", "frameset", "noembed", "noframes", "xmp", "title", "head", "textarea", "select", "button",
    };

    private readonly HtmlSanitizer sanitizer;

    public RichTextSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(["p", "br", "ul", "ol", "li", "strong", "em", "a"], StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
            AllowedClasses = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        };
        sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
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
    }

    /// <summary>The cleaned HTML, trimmed; null stays null.</summary>
    public string? Clean(string? html)
    {
        if (html is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(html))
        {
            return html.Trim();
        }

        lock (sanitizer)
        {
            return sanitizer.Sanitize(html).Trim();
        }
    }
}
