namespace Kexie.Domain.Regions;

/// <summary>Administrative level of a region (省 → 市/州 → 县/区 → 乡镇/街道).</summary>
public enum RegionLevel
{
    Country = 0,
    Province = 1,
    Prefecture = 2,
    County = 3,
    Township = 4,
}
