namespace Kexie.Matching;

/// <summary>What a document in the match index stands for.</summary>
public enum DocumentKind
{
    /// <summary>科技所能: a service, achievement or project a worker or team offers.</summary>
    Offer = 0,

    /// <summary>科技工作者: a science worker's (or team's) profile.</summary>
    Worker = 1,

    /// <summary>专家: an entry of the expert database.</summary>
    Expert = 2,

    /// <summary>科技需求 (所需): an organisation's problem with budget and deadline.</summary>
    Need = 3,
}

/// <summary>A provider's track record on the platform.</summary>
/// <param name="DealsDone">Orders settled (成交订单数).</param>
/// <param name="Rating">Average rating, 0–5; <c>null</c> when not rated yet.</param>
public sealed record TrackRecord(int DealsDone = 0, double? Rating = null);

/// <summary>
/// One matchable document: an offer, a worker profile, an expert or a need. The engine keeps the
/// analysed text and the structured fields; the texts themselves stay in the database.
/// </summary>
public sealed record MatchDocument
{
    /// <summary>Stable identifier (the database key, e.g. "offer:123").</summary>
    public required string Id { get; init; }

    /// <summary>Offer, worker, expert or need.</summary>
    public DocumentKind Kind { get; init; }

    /// <summary>Title or name (标题 / 姓名).</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>Keywords or skills (关键词 / 专长).</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Description, abstract or profile text (正文 / 简介).</summary>
    public string Body { get; init; } = string.Empty;

    /// <summary>Discipline codes, GB/T 13745-2009 (3, 5 or 7 digits) unless the options name another hierarchy.</summary>
    public IReadOnlyList<string> DisciplineCodes { get; init; } = [];

    /// <summary>Industry codes, GB/T 4754-2017 (2, 3 or 4 digits).</summary>
    public IReadOnlyList<string> IndustryCodes { get; init; } = [];

    /// <summary>Administrative region code: 2 digits province, 4 city, 6 county, 9+ township (e.g. "510923").</summary>
    public string? RegionCode { get; init; }

    /// <summary>For offers and workers the asking price, for needs the budget, in yuan (元).</summary>
    public decimal? Price { get; init; }

    /// <summary>When it was published (UTC).</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>The provider's record (offers, workers, experts).</summary>
    public TrackRecord? TrackRecord { get; init; }
}
