namespace Kexie.Data;

/// <summary>A GB/T 13745-2009 discipline (学科): 3 digits level 1, 5 level 2, 7 level 3.</summary>
public sealed class Discipline
{
    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public int Level { get; set; }

    public string? ParentCode { get; set; }
}

/// <summary>A GB/T 4754-2017 industry (国民经济行业): section letter, then 2/3/4-digit division, group, class.</summary>
public sealed class Industry
{
    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>section, division, group or class.</summary>
    public string Level { get; set; } = string.Empty;

    public string? ParentCode { get; set; }

    public string Section { get; set; } = string.Empty;

    public string? Description { get; set; }
}
