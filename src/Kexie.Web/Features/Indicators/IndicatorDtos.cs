using Kexie.Domain.Indicators;

namespace Kexie.Web.Features.Indicators;

public sealed record IndicatorDto(
    string Code,
    string Name,
    ServiceGroup Group,
    string GroupName,
    IndicatorKind Kind,
    FactKind Numerator,
    FactKind? Denominator,
    Accumulation Accumulation,
    Direction Direction,
    Normalisation Normalisation,
    string Unit,
    string Description,
    IReadOnlyList<string> Sources,
    bool Available)
{
    public static IndicatorDto From(IndicatorDefinition i) => new(
        i.Code, i.Name, i.Group, i.Group.Chinese(), i.Kind, i.Numerator, i.Denominator, i.Accumulation, i.Direction, i.Normalisation, i.Unit, i.Description,
        i.Sources.Select(s => s.Chinese()).ToList(), i.IsAvailable);
}

/// <summary>An indicator's value; <paramref name="Synthetic"/>: the part of it from synthetic demo activity (演示数据), null when none.</summary>
public sealed record IndicatorValueDto(string Code, string Name, ServiceGroup Group, decimal? Value, decimal? PreviousValue, string Unit, bool Available, decimal? Synthetic = null);

/// <summary>A region's values; <paramref name="IncludesSynthetic"/>: some come from synthetic demo activity, not from records.</summary>
public sealed record RegionValuesDto(string RegionCode, string? RegionName, string Period, string PeriodLabel, DateOnly From, DateOnly To, IReadOnlyList<IndicatorValueDto> Values, bool IncludesSynthetic = false);

public sealed record GroupRankDto(ServiceGroup Group, string GroupName, decimal? Score, int? Rank, int? PreviousRank, int? RankChange);

public sealed record RankingEntryDto(string RegionCode, string RegionName, decimal? Score, int? Rank, int? PreviousRank, int? RankChange, IReadOnlyList<GroupRankDto> Groups);

public sealed record WeightSetRef(int Version, string Name);

public sealed record RankingDto(
    string PeerAncestorCode,
    string PeerAncestorName,
    string PeerDescription,
    int PeerCount,
    string Period,
    string PeriodLabel,
    string PreviousPeriod,
    WeightSetRef WeightSet,
    IReadOnlyList<string> CountedIndicators,
    IReadOnlyList<string> ExcludedIndicators,
    IReadOnlyDictionary<ServiceGroup, decimal> EffectiveGroupWeights,
    string MissingDataRule,
    IReadOnlyList<RankingEntryDto> Entries,
    bool IncludesSynthetic = false,
    DateTimeOffset? AsOf = null);

public sealed record IndicatorScoreDto(
    string Code,
    string Name,
    ServiceGroup Group,
    decimal? Value,
    string Unit,
    decimal? Normalised,
    decimal Weight,
    bool Counted,
    decimal? Contribution,
    IReadOnlyList<FactTotalDto> Components,
    string TraceUrl);

public sealed record FactTotalDto(FactKind Kind, string KindName, Accumulation Accumulation, long Count, decimal AmountYuan);

public sealed record ScoreExplanationDto(
    string RegionCode,
    string RegionName,
    string Period,
    WeightSetRef WeightSet,
    decimal? Score,
    int? Rank,
    int PeerCount,
    int? RankChange,
    IReadOnlyList<GroupRankDto> Groups,
    IReadOnlyDictionary<ServiceGroup, decimal> EffectiveGroupWeights,
    IReadOnlyList<IndicatorScoreDto> Indicators);

public sealed record TraceRecordDto(long FactId, string RegionCode, int Day, FactKind Kind, string KindName, int Count, decimal AmountYuan, FactSource Source, string SourceName, Guid? SourceId);

public sealed record TraceDto(
    string RegionCode,
    string IndicatorCode,
    string IndicatorName,
    string Period,
    DateOnly? From,
    DateOnly To,
    decimal? Value,
    IReadOnlyList<FactTotalDto> Components,
    int Page,
    int PageSize,
    long Total,
    IReadOnlyList<TraceRecordDto> Records);

public sealed record WeightSetDto(Guid Id, int Version, string Name, string? Note, string? CreatedByName, DateTimeOffset CreatedAt, bool Active, IReadOnlyDictionary<ServiceGroup, decimal> GroupWeights, IReadOnlyDictionary<string, decimal> IndicatorWeights)
{
    public static WeightSetDto From(WeightSet w, bool active) =>
        new(w.Id, w.Version, w.Name, w.Note, w.CreatedByName, w.CreatedAt, active, w.GroupWeights, w.IndicatorWeights);
}

public sealed record CreateWeightSetRequest(string? Name, string? Note, Dictionary<ServiceGroup, decimal>? GroupWeights, Dictionary<string, decimal>? IndicatorWeights);

public sealed record AssignLinkageRequest(string? Title, string? IndicatorCode, List<string>? RegionCodes, decimal Target, DateOnly StartsOn, DateOnly DueOn, string? Note);

public sealed record CommentRequest(string? Text);

public sealed record LinkageCommentDto(Guid Id, DateTimeOffset At, string? ByName, string? ByRegionCode, string Text);

public sealed record LinkageTaskDto(
    Guid Id,
    string Title,
    string IndicatorCode,
    string IndicatorName,
    string Unit,
    string RegionCode,
    string? RegionName,
    string AssignedByRegionCode,
    string? AssignedByName,
    decimal Target,
    DateOnly StartsOn,
    DateOnly DueOn,
    string? Note,
    decimal Actual,
    decimal Percent,
    decimal ExpectedPercent,
    LinkageStatus Status,
    string StatusName,
    bool Overdue,
    bool AtRisk,
    IReadOnlyList<LinkageCommentDto> Comments);
