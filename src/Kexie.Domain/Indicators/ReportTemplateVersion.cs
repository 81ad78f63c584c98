using Kexie.Domain.Common;
using Kexie.Domain.Identity;

namespace Kexie.Domain.Indicators;

/// <summary>
/// A version of a region's report template (the wording of its annual report, with placeholders for the statistics).
/// Versions are never edited: saving is a new version, the newest is in force, and a region without one uses the
/// platform's default. The placeholders are checked by the web layer against the statistics the modules give.
/// </summary>
public sealed class ReportTemplateVersion : Entity, IRegional
{
    public const int MaxTextLength = 20_000;

    private ReportTemplateVersion()
    {
    }

    public string RegionCode { get; private set; } = string.Empty;

    /// <summary>1, 2, 3… per region.</summary>
    public int Version { get; private set; }

    public string Text { get; private set; } = string.Empty;

    /// <summary>What changed (修改说明), optional.</summary>
    public string? Note { get; private set; }

    public string? CreatedByUserId { get; private set; }

    public string? CreatedByName { get; private set; }

    public static ReportTemplateVersion Create(string regionCode, int version, string? text, string? note, Actor by, DateTimeOffset at)
    {
        if (version < 1)
        {
            throw new DomainValidationException("version", "模板版本号应从1开始");
        }

        return new ReportTemplateVersion
        {
            RegionCode = Guard.Required(regionCode, "region", "地区", 12),
            Version = version,
            Text = Guard.Required(text, "text", "报告模板", MaxTextLength),
            Note = Guard.Optional(note, "note", "修改说明", 200),
            CreatedByUserId = by.UserId,
            CreatedByName = by.Name,
            CreatedAt = at,
            UpdatedAt = at,
        };
    }
}
