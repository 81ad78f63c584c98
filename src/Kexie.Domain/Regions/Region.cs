namespace Kexie.Domain.Regions;

/// <summary>
/// A node of China's administrative division tree, keyed by the National Bureau of Statistics
/// code: 2 digits for a province, 4 for a prefecture, 6 for a county, 9 for a township.
/// The code of every region starts with its parent's code, so a subtree is a code prefix.
/// </summary>
public sealed class Region
{
    public Region(string code, string name, string? parentCode)
    {
        Code = RegionCode.Validate(code, nameof(code));
        Name = name;
        ParentCode = parentCode;
        Level = RegionCode.LevelOf(code);
    }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public string? ParentCode { get; private set; }

    public RegionLevel Level { get; private set; }

    /// <summary>Full name from the province down, e.g. "四川省 遂宁市 大英县".</summary>
    public string FullName { get; set; } = string.Empty;
}
