using System.Text.RegularExpressions;

namespace Kexie.Web.Tests.Security;

/// <summary>
/// A Razor form that posts to a literal <c>action="…"</c> gets no antiforgery token from the form tag helper unless it asks
/// for one, and the page then answers 400 in the browser while API tests (which send their own token) pass. Two such forms
/// (an honour call's nomination forms, a science board's refresh form) shipped that way; this reads every page's source so
/// a third cannot.
/// </summary>
public sealed partial class PostFormAntiforgeryTests
{
    [Fact]
    public void Every_post_form_with_a_literal_action_carries_an_antiforgery_token()
    {
        var pages = Path.Combine(Root(), "src", "Kexie.Web", "Pages");
        var files = Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories).ToList();
        var offenders = new List<string>();
        var checkedForms = 0;
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (Match form in FormTag().Matches(text))
            {
                var tag = form.Value;
                if (!PostMethod().IsMatch(tag) || !LiteralAction().IsMatch(tag))
                {
                    continue;
                }

                checkedForms++;
                var end = text.IndexOf("</form>", form.Index, StringComparison.OrdinalIgnoreCase);
                var body = end < 0 ? text[form.Index..] : text[form.Index..end];
                if (!tag.Contains("asp-antiforgery=\"true\"", StringComparison.Ordinal)
                    && !body.Contains("AntiForgeryToken()", StringComparison.Ordinal))
                {
                    var line = text[..form.Index].Count(c => c == '\n') + 1;
                    offenders.Add($"{Path.GetRelativePath(pages, file)}:{line}");
                }
            }
        }

        Assert.True(checkedForms > 5, $"only {checkedForms} post forms with a literal action were found: the scan no longer reads the pages");
        Assert.True(offenders.Count == 0, "post forms without an antiforgery token: " + string.Join(", ", offenders));
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kexie.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Kexie.slnx not found above the test binaries");
    }

    [GeneratedRegex(@"<form\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex FormTag();

    [GeneratedRegex(@"\bmethod\s*=\s*""post""", RegexOptions.IgnoreCase)]
    private static partial Regex PostMethod();

    [GeneratedRegex(@"\saction\s*=\s*""", RegexOptions.IgnoreCase)]
    private static partial Regex LiteralAction();
}
