namespace Kexie.Web.Features.Workbench;

/// <summary>Settings of the public front page (section <c>Site</c>).</summary>
public sealed class SiteOptions
{
    /// <summary>The region whose 科协 runs this site (e.g. <c>510923</c> 大英县): the front page names it and shows its numbers. Empty: the whole platform.</summary>
    public string? RegionCode { get; set; }
}
