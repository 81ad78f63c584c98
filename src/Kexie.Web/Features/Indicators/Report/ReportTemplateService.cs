using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Indicators.Report;

/// <summary>A paragraph of a template in its part, for the page ("服务科技工作者", text with placeholders).</summary>
public sealed record TemplateParagraphDto(string Part, string Text);

/// <summary>A saved version of a region's template.</summary>
public sealed record ReportTemplateVersionDto(int Version, string Text, string? Note, string? CreatedByName, DateTimeOffset CreatedAt);

/// <summary>
/// A region's report template as the page shows it: the wording in force (the region's newest version, or the
/// platform's default when <see cref="Version"/> is 0), its paragraphs by part, the placeholders it may use and the
/// saved versions, newest first. A region without a version of its own uses its nearest ancestor's template
/// (<see cref="InheritedFromName"/>, e.g. 遂宁市 for 大英县), else the default (<see cref="IsDefault"/>).
/// </summary>
public sealed record ReportTemplateDto(
    string RegionCode,
    string RegionName,
    int Version,
    bool IsDefault,
    string Text,
    IReadOnlyList<TemplateParagraphDto> Paragraphs,
    IReadOnlyList<string> Parts,
    IReadOnlyList<ReportPlaceholder> Placeholders,
    IReadOnlyList<ReportTemplateVersionDto> Versions,
    string? InheritedFromCode = null,
    string? InheritedFromName = null,
    int? InheritedVersion = null);

/// <summary>Saves a new version of a region's template: the whole text ("# 部分" lines and paragraphs) and what changed.</summary>
public sealed record SaveReportTemplateRequest(string? Text, string? Note);

/// <summary>
/// The stored, editable report templates: staff of a region word their report (per paragraph, with placeholders);
/// saving validates every part and placeholder against those the sources give and keeps every version; the report uses
/// the region's newest version, else its nearest ancestor's (county → city → province), else the default.
/// </summary>
public sealed class ReportTemplateService(KexieDbContext db, IndicatorService indicators, IEnumerable<IReportStatisticSource> sources, TimeProvider clock)
{
    private const int VersionsShown = 20;

    /// <summary>The placeholders a template may use: the report's own and those of every registered source.</summary>
    public IReadOnlyList<ReportPlaceholder> Placeholders => AnnualReportService.Placeholders(sources);

    public async Task<ReportTemplateDto> GetAsync(Actor actor, string? region, CancellationToken ct)
    {
        var place = await indicators.RegionAsync(region ?? actor.RegionCode, ct);
        RequireScope(actor, place.Code);
        var versions = await db.ReportTemplateVersions.AsNoTracking()
            .Where(v => v.RegionCode == place.Code)
            .OrderByDescending(v => v.Version)
            .Take(VersionsShown)
            .ToListAsync(ct);
        var current = versions.FirstOrDefault();
        var inherited = current is null ? await NearestAsync(place.Code, ct) : null;
        var inheritedName = inherited is null ? null : await db.Regions.AsNoTracking().Where(r => r.Code == inherited.RegionCode).Select(r => r.Name).FirstOrDefaultAsync(ct);
        var text = current?.Text ?? inherited?.Text ?? ReportTemplate.Default;
        return new ReportTemplateDto(
            place.Code,
            place.Name,
            current?.Version ?? 0,
            current is null && inherited is null,
            text,
            ReportTemplate.Parse(text, null).Select(p => new TemplateParagraphDto(p.Part.Chinese(), p.Text)).ToList(),
            ReportPartNames.All.Select(p => p.Chinese()).ToList(),
            Placeholders,
            versions.Select(v => new ReportTemplateVersionDto(v.Version, v.Text, v.Note, v.CreatedByName, v.CreatedAt)).ToList(),
            inherited?.RegionCode,
            inherited is null ? null : inheritedName ?? "上级地区",
            inherited?.Version);
    }

    /// <summary>Validates <paramref name="request"/>'s text (an unknown part or placeholder is named in the error) and saves it as the region's next version.</summary>
    public async Task<ReportTemplateDto> SaveAsync(Actor actor, string? region, SaveReportTemplateRequest request, CancellationToken ct)
    {
        var place = await indicators.RegionAsync(region ?? actor.RegionCode, ct);
        RequireScope(actor, place.Code);
        var known = Placeholders.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        ReportTemplate.Parse(request.Text, known);
        var last = await db.ReportTemplateVersions.Where(v => v.RegionCode == place.Code).MaxAsync(v => (int?)v.Version, ct) ?? 0;
        db.ReportTemplateVersions.Add(ReportTemplateVersion.Create(place.Code, last + 1, request.Text!.Replace("\r\n", "\n").Trim(), request.Note, actor, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return await GetAsync(actor, place.Code, ct);
    }

    /// <summary>
    /// The template a region's report uses: its newest saved version, else the newest version of its nearest ancestor that
    /// has one (county → city → province), or null for the default.
    /// </summary>
    public async Task<IReadOnlyList<TemplateParagraph>?> ForReportAsync(string regionCode, CancellationToken ct) =>
        await NearestAsync(regionCode, ct) is { } version ? ReportTemplate.Parse(version.Text, null) : null;

    /// <summary>The newest version of the nearest region (the region itself first, then its ancestors) that has saved one.</summary>
    private async Task<ReportTemplateVersion?> NearestAsync(string regionCode, CancellationToken ct)
    {
        var lineage = Kexie.Domain.Regions.RegionCode.Ancestry(regionCode).Append(regionCode).Distinct().ToList();
        var heads = await db.ReportTemplateVersions.AsNoTracking()
            .Where(v => lineage.Contains(v.RegionCode))
            .Select(v => new { v.RegionCode, v.Version })
            .ToListAsync(ct);
        if (heads.Count == 0)
        {
            return null;
        }

        var nearest = heads.OrderByDescending(v => v.RegionCode.Length).ThenByDescending(v => v.Version).First();
        return await db.ReportTemplateVersions.AsNoTracking().FirstAsync(v => v.RegionCode == nearest.RegionCode && v.Version == nearest.Version, ct);
    }

    private void RequireScope(Actor actor, string regionCode)
    {
        indicators.RequireManager(actor);
        if (!actor.Manages(regionCode))
        {
            throw new AccessDeniedException("只能查看和编辑本级及下级地区的报告模板");
        }
    }
}
