using System.Text.RegularExpressions;

namespace Kexie.Web.Tests.Security;

/// <summary>
/// People choose a region by its name, never by typing its code: every input of a form or filter whose name, id or bound
/// property is a region (region, regionCode, Input.RegionCode…) carries the region picker (<c>data-picker="regions"</c>), or
/// is hidden. A scan of the page sources, so a new raw code box fails here before anyone has to type 510923 in it.
/// </summary>
public sealed partial class RegionPickerSourceTests
{
    [Fact]
    public void Every_visible_region_input_of_the_pages_has_the_region_picker()
    {
        var root = Path.Combine(RepositoryRoot(), "src", "Kexie.Web");
        var files = Directory.EnumerateFiles(Path.Combine(root, "Pages"), "*.cshtml", SearchOption.AllDirectories).ToList();
        Assert.True(files.Count > 100, $"only {files.Count} pages found");
        var raw = new List<string>();
        var regionInputs = 0;
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (Match input in InputTag().Matches(text))
            {
                var attributes = Attribute().Matches(input.Value).GroupBy(a => a.Groups[1].Value.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First().Groups[2].Value);
                var names = string.Join(' ', new[] { "name", "asp-for", "id" }.Select(a => attributes.GetValueOrDefault(a, string.Empty)));
                if (!names.Contains("region", StringComparison.OrdinalIgnoreCase) || attributes.GetValueOrDefault("type", string.Empty).Equals("hidden", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                regionInputs++;
                if (attributes.GetValueOrDefault("data-picker") != "regions")
                {
                    var line = text[..input.Index].Count(c => c == '\n') + 1;
                    raw.Add($"{Path.GetRelativePath(root, file)}:{line} {input.Value}");
                }
            }
        }

        Assert.True(regionInputs > 40, $"only {regionInputs} region inputs found: the scan no longer reads the pages");
        Assert.True(raw.Count == 0, "地区输入框没有地区选择器（data-picker=\"regions\"），要人手填代码：\n" + string.Join("\n", raw));
    }

    [GeneratedRegex(@"<input\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex InputTag();

    [GeneratedRegex("([\\w.-]+)=\"([^\"]*)\"")]
    private static partial Regex Attribute();

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kexie.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Kexie.slnx not found above the test binaries");
    }
}
