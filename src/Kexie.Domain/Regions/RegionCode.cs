using Kexie.Domain.Common;

namespace Kexie.Domain.Regions;

/// <summary>Rules of administrative region codes.</summary>
public static class RegionCode
{
    /// <summary>The root of the tree (all of China). Platform-wide scope.</summary>
    public const string Country = "";

    public static RegionLevel LevelOf(string code) => code.Length switch
    {
        0 => RegionLevel.Country,
        2 => RegionLevel.Province,
        4 => RegionLevel.Prefecture,
        6 => RegionLevel.County,
        9 => RegionLevel.Township,
        _ => throw new DomainValidationException("regionCode", $"行政区划代码“{code}”的位数不正确（应为2、4、6或9位）"),
    };

    public static bool IsWellFormed(string? code) =>
        code is not null
        && code.Length is 2 or 4 or 6 or 9
        && code.All(char.IsAsciiDigit);

    public static string Validate(string? code, string field)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            throw new DomainValidationException(field, "行政区划代码不能为空");
        }

        var trimmed = code.Trim();
        if (!IsWellFormed(trimmed))
        {
            throw new DomainValidationException(field, $"行政区划代码“{trimmed}”格式不正确（应为2、4、6或9位数字）");
        }

        return trimmed;
    }

    /// <summary>True when <paramref name="code"/> lies in the subtree rooted at <paramref name="scope"/>.</summary>
    public static bool IsWithin(string code, string scope) => code.StartsWith(scope, StringComparison.Ordinal);

    /// <summary>Code of the parent region, or null for a province.</summary>
    public static string? ParentOf(string code) => code.Length switch
    {
        9 => code[..6],
        6 => code[..4],
        4 => code[..2],
        _ => null,
    };

    /// <summary>The county (6 digits) that holds <paramref name="code"/>: a township's county, or the code itself when it is a county or above.</summary>
    public static string CountyOf(string code) => code.Length > 6 ? code[..6] : code;

    /// <summary>Codes from the province down to the code itself.</summary>
    public static IEnumerable<string> Ancestry(string code)
    {
        foreach (var length in new[] { 2, 4, 6, 9 })
        {
            if (code.Length >= length)
            {
                yield return code[..length];
            }
        }
    }
}
