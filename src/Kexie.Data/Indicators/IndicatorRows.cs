using Kexie.Domain.Indicators;

namespace Kexie.Data.Indicators;

/// <summary>
/// A stored activity fact (table IndicatorFacts): append-only per source record; re-deriving a record whose facts
/// changed deletes its rows and appends new ones (a record derived again with the same facts keeps its rows). Amounts are integer 分 on both providers so SQL sums are exact.
/// </summary>
public sealed class IndicatorFactRow
{
    public long Id { get; set; }

    public string RegionCode { get; set; } = string.Empty;

    public FactKind Kind { get; set; }

    /// <summary>China Standard Time day, yyyymmdd.</summary>
    public int Day { get; set; }

    public int Count { get; set; }

    public long AmountFen { get; set; }

    public FactSource Source { get; set; }

    public Guid? SourceId { get; set; }

    public static IndicatorFactRow From(ActivityFact fact) => new()
    {
        RegionCode = fact.RegionCode,
        Kind = fact.Kind,
        Day = fact.Day,
        Count = fact.Count,
        AmountFen = fact.AmountFen,
        Source = fact.Source,
        SourceId = fact.SourceId,
    };
}

/// <summary>
/// Facts summed per region (at every level of the tree: a township fact also counts for its county, city and
/// province), fact kind and day (<see cref="RollupGrain.Day"/>) or month (<see cref="RollupGrain.Month"/>,
/// <see cref="Day"/> = the month's first day). Rankings read these, never the facts.
/// </summary>
public sealed class IndicatorRollupRow
{
    public RollupGrain Grain { get; set; }

    /// <summary>Length of <see cref="RegionCode"/>: 2, 4, 6 or 9.</summary>
    public int Level { get; set; }

    public string RegionCode { get; set; } = string.Empty;

    public int Day { get; set; }

    public FactKind Kind { get; set; }

    public long Count { get; set; }

    public long AmountFen { get; set; }
}

/// <summary>A source record changed (written in the same transaction as the change); its facts must be re-derived.</summary>
public sealed class IndicatorOutboxEntry
{
    public long Id { get; set; }

    public FactSource Source { get; set; }

    public Guid SourceId { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>One row (Id 1): when facts were last refreshed; response deadlines passed since then settle plans.</summary>
public sealed class IndicatorRefreshState
{
    public int Id { get; set; } = 1;

    public DateTimeOffset LastRefreshedAt { get; set; }
}
