namespace Kexie.Data.Exchange;

/// <summary>What is being imported.</summary>
public enum ImportKind
{
    ScienceWorkers,
    Organizations,

    /// <summary>专家库 entries of workers already in the directory (found by phone).</summary>
    Experts,

    /// <summary>科技志愿者 roster (found by phone; linked to a directory worker with that phone).</summary>
    Volunteers,

    /// <summary>全民科学素质纲要实施工作成员单位 of a region (keyed by region and name).</summary>
    MemberUnits,

    /// <summary>科普宣传栏、宣传橱窗、科普画廊、科普宣传点 of a region (keyed by region and name).</summary>
    ScienceBoards,

    /// <summary>科普阵地 of a region (keyed by region and name).</summary>
    Venues,

    /// <summary>接待记录 of the importer's 科普阵地 (venue by name, keyed by venue, day and place).</summary>
    VenueVisits,

    /// <summary>公民科学素质调查结果 of a region (keyed by region and year).</summary>
    LiteracySurveys,
}

/// <summary>The URL/CLI name and Chinese name of each <see cref="ImportKind"/>, in one place.</summary>
public static class ImportKinds
{
    public static readonly ImportKind[] All = [ImportKind.ScienceWorkers, ImportKind.Organizations, ImportKind.Experts, ImportKind.Volunteers, ImportKind.MemberUnits, ImportKind.ScienceBoards, ImportKind.Venues, ImportKind.VenueVisits, ImportKind.LiteracySurveys];

    public static string Slug(this ImportKind kind) => kind switch
    {
        ImportKind.Organizations => "organizations",
        ImportKind.Experts => "experts",
        ImportKind.Volunteers => "volunteers",
        ImportKind.MemberUnits => "member-units",
        ImportKind.ScienceBoards => "science-boards",
        ImportKind.Venues => "venues",
        ImportKind.VenueVisits => "venue-visits",
        ImportKind.LiteracySurveys => "literacy-surveys",
        _ => "workers",
    };

    public static string ChineseName(this ImportKind kind) => kind switch
    {
        ImportKind.Organizations => "企事业单位",
        ImportKind.Experts => "专家库",
        ImportKind.Volunteers => "科技志愿者",
        ImportKind.MemberUnits => "纲要实施成员单位",
        ImportKind.ScienceBoards => "科普宣传栏",
        ImportKind.Venues => "科普阵地",
        ImportKind.VenueVisits => "科普阵地接待记录",
        ImportKind.LiteracySurveys => "公民科学素质调查结果",
        _ => "科技工作者",
    };

    /// <summary>The kind named <paramref name="slug"/> (workers, organizations, experts); null when unknown.</summary>
    public static ImportKind? Parse(string? slug) => slug?.Trim().ToLowerInvariant() switch
    {
        "workers" or "scienceworkers" => ImportKind.ScienceWorkers,
        "organizations" => ImportKind.Organizations,
        "experts" => ImportKind.Experts,
        "volunteers" => ImportKind.Volunteers,
        "member-units" or "memberunits" => ImportKind.MemberUnits,
        "science-boards" or "scienceboards" or "boards" => ImportKind.ScienceBoards,
        "venues" => ImportKind.Venues,
        "venue-visits" or "venuevisits" => ImportKind.VenueVisits,
        "literacy-surveys" or "literacysurveys" => ImportKind.LiteracySurveys,
        _ => null,
    };
}

/// <summary>One problem with one cell of one row. Row numbers are as the user sees them in Excel (header = row 1).</summary>
public sealed record ImportError(int Row, string Column, string Field, string Message);

/// <summary>The outcome of a dry run or a commit.</summary>
public sealed record ImportReport(
    ImportKind Kind,
    bool DryRun,
    int TotalRows,
    int ValidRows,
    int Created,
    int Updated,
    int Unchanged,
    IReadOnlyList<ImportError> Errors)
{
    public bool Committed => !DryRun;
}

/// <summary>The file cannot be read at all (not an Excel/CSV file, no header, unknown columns).</summary>
public sealed class ImportFileException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Progress of a long import: the stage (校验 validating, 写入 writing) and rows done of total.</summary>
public readonly record struct ImportProgress(string Stage, int Done, int Total);
