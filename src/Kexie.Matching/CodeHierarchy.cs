namespace Kexie.Matching;

/// <summary>How two codes of one hierarchy relate.</summary>
public enum CodeRelation
{
    /// <summary>No shared level.</summary>
    None = 0,

    /// <summary>Same top level only (学科一级 / 行业大类).</summary>
    SameDivision = 1,

    /// <summary>Same second level (学科二级 / 行业中类).</summary>
    SameGroup = 2,

    /// <summary>The same code.</summary>
    Same = 3,
}

/// <summary>
/// A code table whose hierarchy is carried by prefixes, e.g. GB/T 13745 disciplines (3/5/7
/// digits) or GB/T 4754 industries (2/3/4 digits). Codes are compared by the deepest shared level.
/// </summary>
public sealed class CodeHierarchy
{
    private readonly int[] levelLengths;

    /// <summary>Creates a hierarchy whose levels are the code prefixes of the given lengths (ascending).</summary>
    public CodeHierarchy(string name, params int[] levelLengths)
    {
        ArgumentOutOfRangeException.ThrowIfZero(levelLengths.Length);
        Name = name;
        this.levelLengths = [.. levelLengths.Order()];
    }

    /// <summary>GB/T 13745-2009 学科分类与代码: 3, 5, 7 digits.</summary>
    public static CodeHierarchy Gbt13745Discipline { get; } = new("GB/T 13745-2009", 3, 5, 7);

    /// <summary>GB/T 4754-2017 国民经济行业分类: division 2, group 3, class 4 digits.</summary>
    public static CodeHierarchy Gbt4754Industry { get; } = new("GB/T 4754-2017", 2, 3, 4);

    /// <summary>Name of the code table.</summary>
    public string Name { get; }

    /// <summary>Prefix lengths of the levels.</summary>
    public IReadOnlyList<int> LevelLengths => levelLengths;

    /// <summary>How <paramref name="a"/> and <paramref name="b"/> relate.</summary>
    public CodeRelation Relate(string? a, string? b)
    {
        if (string.IsNullOrEmpty(a) || string.IsNullOrEmpty(b))
        {
            return CodeRelation.None;
        }
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return CodeRelation.Same;
        }
        var shared = 0;
        foreach (var length in levelLengths)
        {
            if (a.Length < length || b.Length < length || !a.AsSpan(0, length).SequenceEqual(b.AsSpan(0, length)))
            {
                break;
            }
            shared++;
        }
        // Both codes agree on every level the shorter one has, but one is deeper: the parent of a
        // class "contains" it; treat as the shared level.
        return shared switch
        {
            0 => CodeRelation.None,
            1 => CodeRelation.SameDivision,
            _ => CodeRelation.SameGroup,
        };
    }
}

/// <summary>How two region codes relate (same county &gt; city &gt; province &gt; elsewhere).</summary>
public enum RegionRelation
{
    /// <summary>Unknown on either side.</summary>
    Unknown = 0,

    /// <summary>Different provinces.</summary>
    Elsewhere = 1,

    /// <summary>Same province (first 2 digits).</summary>
    SameProvince = 2,

    /// <summary>Same city or prefecture (first 4 digits).</summary>
    SameCity = 3,

    /// <summary>Same county or district (first 6 digits), including the same township.</summary>
    SameCounty = 4,
}

/// <summary>Region code helpers (6-digit county codes; prefixes give the hierarchy).</summary>
public static class RegionCodes
{
    /// <summary>How region <paramref name="a"/> relates to region <paramref name="b"/>.</summary>
    public static RegionRelation Relate(string? a, string? b)
    {
        if (string.IsNullOrWhiteSpace(a) || string.IsNullOrWhiteSpace(b) || a.Length < 2 || b.Length < 2)
        {
            return RegionRelation.Unknown;
        }
        if (!a.AsSpan(0, 2).SequenceEqual(b.AsSpan(0, 2)))
        {
            return RegionRelation.Elsewhere;
        }
        if (!SamePrefix(a, b, 4))
        {
            return RegionRelation.SameProvince;
        }
        return SamePrefix(a, b, 6) ? RegionRelation.SameCounty : RegionRelation.SameCity;
    }

    private static bool SamePrefix(string a, string b, int length)
    {
        if (a.Length < length || b.Length < length)
        {
            return false;
        }
        // "5109" and "510900": a 4-digit city-level code written as 6 digits ends in "00".
        var pa = a.AsSpan(0, length);
        var pb = b.AsSpan(0, length);
        return pa.SequenceEqual(pb) && !IsZeros(pa[(length - 2)..]);
    }

    private static bool IsZeros(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (c != '0')
            {
                return false;
            }
        }
        return true;
    }
}
