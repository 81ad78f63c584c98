namespace Kexie.Matching.Data;

/// <summary>
/// Domain terms for the analyzer's user dictionary: the names of the GB/T 4754-2017 industries and
/// GB/T 13745-2009 disciplines (taxonomy/*.csv) and CSL keywords.
/// </summary>
public static class DomainVocabulary
{
    /// <summary>Industry and discipline names from <c>{dataDir}/taxonomy</c> (names and their 、-separated parts).</summary>
    public static IReadOnlyList<string> TaxonomyTerms(string dataDir)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in new[] { "gbt4754_2017_industry.csv", "gbt13745_2009_discipline.csv" })
        {
            var path = Path.Combine(dataDir, "taxonomy", file);
            if (!File.Exists(path))
            {
                continue;
            }
            foreach (var line in File.ReadLines(path).Skip(1))
            {
                var fields = line.Split(',');
                if (fields.Length < 2)
                {
                    continue;
                }
                AddName(terms, fields[1]);
            }
        }
        return [.. terms.Order(StringComparer.Ordinal)];
    }

    /// <summary>The distinct keywords of <paramref name="records"/>.</summary>
    public static IReadOnlyList<string> Keywords(IEnumerable<CslRecord> records)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            foreach (var k in r.Keywords)
            {
                var t = k.Trim();
                if (t.Length is >= 2 and <= 16)
                {
                    terms.Add(t);
                }
            }
        }
        return [.. terms.Order(StringComparer.Ordinal)];
    }

    private static readonly string[] PlaceSuffixes =
        ["特别行政区", "自治区", "自治州", "自治县", "自治旗", "林区", "地区", "新区", "省", "市", "县", "区", "盟", "旗", "州"];

    /// <summary>
    /// The platform's place names, which never count as matched terms: every province, city and county name of
    /// <c>{dataDir}/regions</c> (provinces.csv, cities.csv, areas.csv) and its short form (大英县 → 大英, 四川省 → 四川),
    /// a short form only when it keeps at least two characters.
    /// </summary>
    public static IReadOnlySet<string> PlaceNames(string dataDir)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in new[] { "provinces.csv", "cities.csv", "areas.csv" })
        {
            var path = Path.Combine(dataDir, "regions", file);
            if (!File.Exists(path))
            {
                continue;
            }
            foreach (var line in File.ReadLines(path).Skip(1))
            {
                var fields = line.Split(',');
                if (fields.Length < 2)
                {
                    continue;
                }
                var name = fields[1].Trim().Trim('"');
                if (name.Length < 2 || name.Contains("辖", StringComparison.Ordinal) || name.Contains("开发区", StringComparison.Ordinal) || name.Contains("高新", StringComparison.Ordinal))
                {
                    continue;
                }
                names.Add(name);
                foreach (var suffix in PlaceSuffixes)
                {
                    if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length - suffix.Length >= 2)
                    {
                        names.Add(name[..^suffix.Length]);
                        break;
                    }
                }
            }
        }
        return names;
    }

    private static void AddName(HashSet<string> terms, string name)
    {
        name = name.Trim().Trim('"');
        if (name.Length is < 2 or > 24 || name.StartsWith("其他", StringComparison.Ordinal) || name.EndsWith("其他学科", StringComparison.Ordinal))
        {
            return;
        }
        terms.Add(name);
        foreach (var part in name.Split(['、', '，', '（', '）', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Length is >= 2 and <= 16)
            {
                terms.Add(part);
            }
        }
    }
}
