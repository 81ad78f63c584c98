using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Kexie.Domain.Identity;

namespace Kexie.Web.Tests.Security;

/// <summary>
/// People see names, never internals: walks the site as each demo role would (following the links of the pages
/// it sees, two pages of each kind) and fails for any page whose visible text shows a GUID, a login name, an English
/// class or enum name, or a signed zero.
/// </summary>
public sealed partial class NoInternalsCrawlerTests(SqliteApp app)
{
    /// <summary>Pages of one shape (path with ids replaced, same query keys) visited per role.</summary>
    private const int PerShape = 2;

    private const int MaxPagesPerRole = 140;

    private static readonly string[] LoginNames = ["admin", "sichuan", "suining", "daying", "daying-staff", "daying-auditor", "shehong", "worker", "enterprise"];

    public static TheoryData<string> Roles => ["(anonymous)", "admin", "daying", "daying-staff", "daying-auditor", "worker", "enterprise", "shehong"];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task No_page_shows_a_guid_a_login_name_or_a_class_name(string role)
    {
        var client = role == "(anonymous)" ? app.Anonymous() : await app.SignInAsync(role);
        var forbidden = ForbiddenWords();

        // The account management page shows each account's 登录名 in its own column: that is what the admin tells the user.
        var forbiddenOnAccountPages = forbidden.Except(LoginNames).ToHashSet(StringComparer.Ordinal);
        var parser = new HtmlParser();
        var queue = new Queue<string>(["/"]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { "/" };
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var findings = new List<string>();
        var visited = 0;
        while (queue.Count > 0 && visited < MaxPagesPerRole)
        {
            var url = queue.Dequeue();
            using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
            visited++;
            var type = response.Content.Headers.ContentType?.MediaType;
            if (response.StatusCode != HttpStatusCode.OK || type != "text/html")
            {
                if ((int)response.StatusCode >= 500)
                {
                    findings.Add($"{url}: {(int)response.StatusCode}");
                }

                continue;
            }

            var document = await parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            foreach (var problem in Problems(document, url.StartsWith("/Admin/Users", StringComparison.Ordinal) ? forbiddenOnAccountPages : forbidden))
            {
                findings.Add($"{url}: {problem}");
            }

            foreach (var link in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (Normalize(link) is not { } next || !seen.Add(next))
                {
                    continue;
                }

                var shape = Shape(next);
                shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
                if (shapes[shape] <= PerShape)
                {
                    queue.Enqueue(next);
                }
            }
        }

        // The walk must really have reached the site, not stopped at a sign-in page.
        Assert.True(visited >= (role == "(anonymous)" ? 10 : 25), $"only {visited} pages visited as {role}");
        Assert.True(findings.Count == 0, $"{findings.Count} problems as {role}:\n" + string.Join("\n", findings.Distinct().Take(60)));
    }

    [Fact]
    public void The_checks_catch_what_they_look_for()
    {
        var parser = new HtmlParser();
        var forbidden = ForbiddenWords();
        string[] bad =
        [
            "<p>编号 0193a4c2-7d1e-7c3a-9f00-1234567890ab</p>",
            "<div>提交人：daying-staff</div>",
            "<span>状态：InDelivery</span>",
            "<span>Kexie.Domain.Market.Order</span>",
            "<div>-0.00</div>",
            "<div>扣分来自文本匹配（-0.00）</div>",
            "<div title=\"ServiceCenterStaff\">工作人员</div>",
        ];
        foreach (var html in bad)
        {
            Assert.NotEmpty(Problems(parser.ParseDocument(html), forbidden));
        }

        string[] good =
        [
            "<p>大英县科协 2026年12月4日 已签约</p>",
            "<p>PostgreSQL 与 SQLite</p><script>var id='0193a4c2-7d1e-7c3a-9f00-1234567890ab'</script>",
            "<a href=\"/Market/Needs/0193a4c2-7d1e-7c3a-9f00-1234567890ab\">柠檬深加工</a>",
            "<div>0.00</div><div>-1.50</div>",
            "<div>批次 A-00，账号 ind-42-00aa</div>",
            "<div class=\"small\">POST /Market/Review/Index?handler=Need</div>",
        ];
        foreach (var html in good)
        {
            Assert.Empty(Problems(parser.ParseDocument(html), forbidden));
        }
    }

    /// <summary>What a person reads: text nodes (a request path in the operation log is a path, not a class name) outside scripts and styles, and the titles, placeholders and labels of elements.</summary>
    private static IEnumerable<string> Problems(IDocument document, HashSet<string> forbidden)
    {
        var texts = new List<string>();
        foreach (var node in document.Body?.Descendants() ?? [])
        {
            if (node is IText text && text.ParentElement?.LocalName is not ("script" or "style" or "template" or "textarea"))
            {
                texts.Add(text.Data);
            }
            else if (node is IElement element)
            {
                foreach (var attribute in new[] { "title", "placeholder", "aria-label", "alt" })
                {
                    if (element.GetAttribute(attribute) is { Length: > 0 } value)
                    {
                        texts.Add(value);
                    }
                }

                if (element.LocalName == "input" && element.GetAttribute("type") is "submit" or "button" && element.GetAttribute("value") is { Length: > 0 } caption)
                {
                    texts.Add(caption);
                }
            }
        }

        if (document.Title is { Length: > 0 } title)
        {
            texts.Add(title);
        }

        foreach (var text in texts)
        {
            if (Guid().Match(text) is { Success: true } guid)
            {
                yield return $"GUID “{guid.Value}” in “{Clip(text)}”";
            }

            if (SignedZero().Match(text) is { Success: true } zero)
            {
                yield return $"signed zero “{zero.Value}” in “{Clip(text)}”";
            }

            if (text.Contains("Kexie.", StringComparison.Ordinal))
            {
                yield return $"namespace in “{Clip(text)}”";
            }

            foreach (Match word in Word().Matches(text))
            {
                if (forbidden.Contains(word.Value))
                {
                    yield return $"“{word.Value}” in “{Clip(text)}”";
                }
            }
        }
    }

    /// <summary>Demo login names and the names of the domain's enum members and types (four letters or more).</summary>
    private static HashSet<string> ForbiddenWords()
    {
        var words = new HashSet<string>(LoginNames, StringComparer.Ordinal);
        foreach (var type in typeof(UserRole).Assembly.GetTypes().Where(t => t.IsPublic))
        {
            if (type.IsEnum)
            {
                words.UnionWith(Enum.GetNames(type).Where(n => n.Length >= 4));
            }
            else if (type.Name.Length >= 6 && !type.Name.Contains('`'))
            {
                words.Add(type.Name);
            }
        }

        // Proper names and units that are the same in Chinese text.
        words.ExceptWith(["None", "Other", "Excel", "Word", "Email", "Public", "Kexie", "Cloud"]);
        return words;
    }

    private static string? Normalize(string href)
    {
        if (!href.StartsWith('/') || href.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }

        var path = href.Split('#')[0];
        var lower = path.ToLowerInvariant();
        if (lower.StartsWith("/api/", StringComparison.Ordinal) || lower.Contains("logout") || lower.Contains("handler=")
            || lower.Contains("export") || lower.Contains("download") || lower.Contains("/files/") || lower.Contains("template")
            || lower.EndsWith(".xlsx", StringComparison.Ordinal) || lower.EndsWith(".docx", StringComparison.Ordinal) || lower.EndsWith(".csv", StringComparison.Ordinal))
        {
            return null;
        }

        return path;
    }

    private static string Shape(string url)
    {
        var parts = url.Split('?', 2);
        var path = Guid().Replace(Digits().Replace(parts[0], "{n}"), "{id}");
        var keys = parts.Length == 2 ? string.Join('&', parts[1].Split('&').Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal)) : string.Empty;
        return path + "?" + keys;
    }

    private static string Clip(string text)
    {
        var t = text.Trim();
        return t.Length <= 80 ? t : t[..80] + "…";
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    // A minus before zeros that stand alone ("-0.00", "（-0）"), not a hyphen inside a name or number ("ind-42-00aa…").
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])[-−](0+)(\.0+)?(?![A-Za-z0-9.])")]
    private static partial Regex SignedZero();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.?=&/-])[A-Za-z][A-Za-z-]{3,}(?![A-Za-z0-9_/-])")]
    private static partial Regex Word();

    [GeneratedRegex(@"(?<=/)\d+(?=/|$)")]
    private static partial Regex Digits();
}
