using Kexie.Domain.Common;
using Kexie.Domain.Indicators;

namespace Kexie.Domain.Tests.Indicators;

/// <summary>
/// Hand-computed fixture (four peers, four indicators):
/// <code>
///        X1 count share-of-best (W)  X2 count min-max lower (E)  X3 coverage absolute (E, w2)  X4 popularization (S)
/// A      10 → 100                    0 → 100                     80 → 80                       —
/// B       5 → 50                     4 → 0                        — → 0                        —
/// C       0 → 0                      2 → 50                      50 → 50                       —
/// D      10 → 100                    0 → 100                     80 → 80                       —
/// group W: A 100, B 50, C — (no data: X1 is 0), D 100; group E = (X2 + 2·X3) / 3: A 86.6667, B 0, C 50, D 86.6667
/// S has no values → excluded; group weights W 50, E 50 (S 20 dropped) → composite = (W + E) / 2, C's missing W adding 0:
/// A 93.3333, B 25, C 25, D 93.3333 → ranks A 1, D 1, B 3, C 3.
/// </code>
/// </summary>
public sealed class ScoringTests
{
    private static readonly IndicatorDefinition X1 = new("X1", "指标一", ServiceGroup.ServingScienceWorkers, IndicatorKind.Count, FactKind.WorkerRegistered, Measure.Count, null, Measure.Count, Accumulation.Period, Direction.HigherIsBetter, Normalisation.ShareOfBest, "人", "");
    private static readonly IndicatorDefinition X2 = new("X2", "指标二", ServiceGroup.ServingEnterprises, IndicatorKind.Count, FactKind.NeedAnsweredLate, Measure.Count, null, Measure.Count, Accumulation.Period, Direction.LowerIsBetter, Normalisation.MinMax, "条", "");
    private static readonly IndicatorDefinition X3 = new("X3", "指标三", ServiceGroup.ServingEnterprises, IndicatorKind.Coverage, FactKind.NeedAnsweredInTime, Measure.Count, FactKind.NeedResponseSettled, Measure.Count, Accumulation.Period, Direction.HigherIsBetter, Normalisation.Absolute, "%", "");
    private static readonly IndicatorDefinition X4 = new("X4", "指标四", ServiceGroup.ScienceLiteracy, IndicatorKind.Count, FactKind.PopularizationParticipants, Measure.Count, null, Measure.Count, Accumulation.Period, Direction.HigherIsBetter, Normalisation.ShareOfBest, "人次", "");
    private static readonly IReadOnlyList<IndicatorDefinition> Catalogue = [X1, X2, X3, X4];

    private static readonly IReadOnlyList<PeerValues> Peers =
    [
        Peer("A", 10, 0, 80),
        Peer("B", 5, 4, null),
        Peer("C", 0, 2, 50),
        Peer("D", 10, 0, 80),
    ];

    private static PeerValues Peer(string code, decimal x1, decimal x2, decimal? x3) =>
        new(code, new Dictionary<string, decimal?> { ["X1"] = x1, ["X2"] = x2, ["X3"] = x3, ["X4"] = null });

    private static WeightSet Weights(decimal w, decimal e, decimal s = 20m) => WeightSet.Create(
        1,
        "测试",
        null,
        new Dictionary<ServiceGroup, decimal> { [ServiceGroup.ServingScienceWorkers] = w, [ServiceGroup.ServingEnterprises] = e, [ServiceGroup.ScienceLiteracy] = s },
        new Dictionary<string, decimal> { ["X1"] = 1, ["X2"] = 1, ["X3"] = 2, ["X4"] = 1 },
        null,
        Catalogue);

    [Fact]
    public void Composite_scores_and_ties_match_the_hand_computation()
    {
        var ranking = Scoring.Rank(Catalogue, Peers, Weights(50, 50));
        Assert.Equal(["A", "D", "B", "C"], ranking.Entries.Select(e => e.RegionCode));
        Assert.Equal([93.3333m, 93.3333m, 25m, 25m], ranking.Entries.Select(e => e.Score!.Value));
        Assert.Equal([1, 1, 3, 3], ranking.Entries.Select(e => e.Rank!.Value));
        Assert.Equal(["X4"], ranking.ExcludedIndicators);
        Assert.Equal(50m, ranking.EffectiveGroupWeights[ServiceGroup.ServingEnterprises]);
        Assert.Equal(0m, ranking.EffectiveGroupWeights[ServiceGroup.ScienceLiteracy]);

        var b = ranking.Find("B")!;
        Assert.Equal(50m, b.Indicator("X1").Normalised);
        Assert.Null(b.Indicator("X3").Value);
        Assert.Equal(0m, b.Indicator("X3").Normalised);
        Assert.False(b.Indicator("X4").Counted);
        Assert.Null(b.Indicator("X4").Normalised);
    }

    [Fact]
    public void Find_answers_by_code_a_copy_finds_its_own_entries_and_equality_ignores_the_index()
    {
        var ranking = Scoring.Rank(Catalogue, Peers, Weights(50, 50));
        Assert.Same(ranking.Entries[2], ranking.Find("B"));
        Assert.Same(ranking.Entries[0], ranking.Find("A"));
        Assert.Null(ranking.Find("Z"));

        // A copy with other entries (after the original built its index) finds its own.
        var withoutB = ranking with { Entries = ranking.Entries.Where(e => e.RegionCode != "B").ToList() };
        Assert.Null(withoutB.Find("B"));
        Assert.Same(withoutB.Entries[2], withoutB.Find("C"));
        Assert.Same(ranking.Entries[2], ranking.Find("B"));

        // Equality is the four values', whether or not either side has built its index.
        var fresh = ranking with { };
        Assert.Equal(ranking, fresh);
        Assert.Equal(ranking.GetHashCode(), fresh.GetHashCode());
        Assert.NotEqual(ranking, withoutB);

        // A code given twice (never by the engine) answers the first entry, as the scan did.
        var twice = ranking with { Entries = [.. ranking.Entries, ranking.Entries[2] with { Score = 1m }] };
        Assert.Same(twice.Entries[2], twice.Find("B"));
    }

    [Fact]
    public void Group_sub_rankings_skip_after_ties_and_missing_groups_have_no_rank()
    {
        var ranking = Scoring.Rank(Catalogue, Peers, Weights(50, 50));
        int? Rank(string code, ServiceGroup group) => ranking.Find(code)!.Group(group).Rank;
        Assert.Equal([1, 3, null, 1], new[] { "A", "B", "C", "D" }.Select(c => Rank(c, ServiceGroup.ServingScienceWorkers)));
        Assert.Null(ranking.Find("C")!.Group(ServiceGroup.ServingScienceWorkers).Score); // no data, not 0
        Assert.Null(ranking.Find("C")!.Indicator("X1").Normalised);
        Assert.Equal([1, 4, 3, 1], new[] { "A", "B", "C", "D" }.Select(c => Rank(c, ServiceGroup.ServingEnterprises)));
        Assert.Equal(86.6667m, ranking.Find("A")!.Group(ServiceGroup.ServingEnterprises).Score);
        Assert.All(ranking.Entries, e => Assert.Null(e.Group(ServiceGroup.ScienceLiteracy).Score));
        Assert.All(ranking.Entries, e => Assert.Null(e.Group(ServiceGroup.ScienceLiteracy).Rank));
    }

    [Fact]
    public void A_new_weight_version_changes_the_ranking()
    {
        var ranking = Scoring.Rank(Catalogue, Peers, Weights(0, 100));
        Assert.Equal(["A", "D", "C", "B"], ranking.Entries.Select(e => e.RegionCode));
        Assert.Equal([86.6667m, 86.6667m, 50m, 0m], ranking.Entries.Select(e => e.Score!.Value));
        Assert.Equal([1, 1, 3, 4], ranking.Entries.Select(e => e.Rank!.Value));
        Assert.Contains("X1", ranking.ExcludedIndicators); // group weight 0: does not count
    }

    [Fact]
    public void No_peers_give_an_empty_ranking_and_no_data_gives_no_scores()
    {
        Assert.Empty(Scoring.Rank(Catalogue, [], Weights(50, 50)).Entries);

        var nothing = Scoring.Rank([X3, X4], [new PeerValues("A", new Dictionary<string, decimal?>()), new PeerValues("B", new Dictionary<string, decimal?>())], Weights(50, 50));
        Assert.All(nothing.Entries, e => Assert.Null(e.Score));
        Assert.All(nothing.Entries, e => Assert.Null(e.Rank));
        Assert.Equal(["X3", "X4"], nothing.ExcludedIndicators);
    }

    [Fact]
    public void Regions_without_data_get_no_score_and_no_rank_and_earn_nothing_from_zero_timeouts()
    {
        var peers = new[] { Peer("A", 4, 1, 100), Peer("E1", 0, 0, null), Peer("E2", 0, 0, null) };
        var ranking = Scoring.Rank([X1, X2, X3], peers, Weights(50, 50));
        // A alone has data: W 100; E: X2 among regions with data only (1 = min = max → 100), X3 100 → 100; composite 100.
        Assert.Equal(["A", "E1", "E2"], ranking.Entries.Select(e => e.RegionCode));
        Assert.Equal(100m, ranking.Find("A")!.Score);
        Assert.Equal(1, ranking.Find("A")!.Rank);
        Assert.Equal(100m, ranking.Find("A")!.Indicator("X2").Normalised);
        foreach (var empty in ranking.Entries.Skip(1))
        {
            Assert.Null(empty.Score);
            Assert.Null(empty.Rank);
            Assert.All(empty.Groups, g => Assert.Null(g.Score));
            Assert.All(empty.Groups, g => Assert.Null(g.Rank));
        }
    }

    [Fact]
    public void Thirty_empty_provinces_leave_the_one_with_data_alone_at_the_top()
    {
        // The province view: 31 provinces, only 四川 (51) with records; its needs answered late are not compared with
        // the zero timeouts of provinces that had no needs.
        var codes = Enumerable.Range(11, 30).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("51").ToList();
        var peers = codes.Select(c => c == "51" ? Peer(c, 120, 7, 62.5m) : Peer(c, 0, 0, null)).ToList();
        var ranking = Scoring.Rank(Catalogue, peers, Weights(50, 50));
        var sichuan = ranking.Entries[0];
        Assert.Equal("51", sichuan.RegionCode);
        Assert.Equal(1, sichuan.Rank);
        Assert.Equal(100m, sichuan.Indicator("X2").Normalised);
        // W 100; E = (100 + 2·62.5) / 3 = 75 → (100 + 75) / 2.
        Assert.Equal(87.5m, sichuan.Score);
        Assert.Equal(30, ranking.Entries.Count(e => e.Score is null && e.Rank is null));
        Assert.Equal(1, ranking.Entries.Count(e => e.Rank is not null));
    }

    [Theory]
    [InlineData(Normalisation.MinMax, Direction.HigherIsBetter, 5, 0, 10, 50)]
    [InlineData(Normalisation.MinMax, Direction.HigherIsBetter, 7, 7, 7, 100)]
    [InlineData(Normalisation.MinMax, Direction.LowerIsBetter, 2, 0, 8, 75)]
    [InlineData(Normalisation.ShareOfBest, Direction.HigherIsBetter, 3, 0, 12, 25)]
    [InlineData(Normalisation.ShareOfBest, Direction.HigherIsBetter, 0, 0, 0, 0)]
    [InlineData(Normalisation.ShareOfBest, Direction.LowerIsBetter, 8, 2, 8, 25)]
    [InlineData(Normalisation.ShareOfBest, Direction.LowerIsBetter, 0, 0, 8, 100)]
    [InlineData(Normalisation.Absolute, Direction.HigherIsBetter, 62.5, 0, 100, 62.5)]
    [InlineData(Normalisation.Absolute, Direction.LowerIsBetter, 62.5, 0, 100, 37.5)]
    public void Normalisations(Normalisation normalisation, Direction direction, double value, double min, double max, double expected)
    {
        var definition = X1 with { Normalisation = normalisation, Direction = direction };
        Assert.Equal((decimal)expected, Scoring.Normalise(definition, (decimal)value, (decimal)min, (decimal)max));
        Assert.Equal(0m, Scoring.Normalise(definition, null, (decimal)min, (decimal)max));
    }

    [Fact]
    public void Competition_ranks_and_rank_changes()
    {
        Assert.Equal([1, 3, 1, null, 4], Scoring.CompetitionRanks([5m, 3m, 5m, null, 1m]));
        Assert.Equal(3, Scoring.RankChange(16, 13));
        Assert.Equal(-2, Scoring.RankChange(11, 13));
        Assert.Null(Scoring.RankChange(null, 13));
    }

    [Fact]
    public void Weight_sets_are_validated_and_default_to_zero_for_unnamed_indicators()
    {
        var groups = new Dictionary<ServiceGroup, decimal> { [ServiceGroup.ServingEnterprises] = 1 };
        Assert.Equal("indicatorWeights", Assert.Throws<DomainValidationException>(() => WeightSet.Create(1, "x", null, groups, new Dictionary<string, decimal> { ["NOPE"] = 1 }, null)).Field);
        Assert.Equal("indicatorWeights", Assert.Throws<DomainValidationException>(() => WeightSet.Create(1, "x", null, groups, new Dictionary<string, decimal> { ["E01"] = -1 }, null)).Field);
        Assert.Equal("indicatorWeights", Assert.Throws<DomainValidationException>(() => WeightSet.Create(1, "x", null, groups, new Dictionary<string, decimal> { ["E01"] = 0 }, null)).Field);
        Assert.Equal("groupWeights", Assert.Throws<DomainValidationException>(() => WeightSet.Create(1, "x", null, new Dictionary<ServiceGroup, decimal> { [ServiceGroup.ServingEnterprises] = 0 }, new Dictionary<string, decimal> { ["E01"] = 1 }, null)).Field);
        Assert.Equal("version", Assert.Throws<DomainValidationException>(() => WeightSet.Create(0, "x", null, groups, new Dictionary<string, decimal> { ["E01"] = 1 }, null)).Field);
        Assert.Equal("name", Assert.Throws<DomainValidationException>(() => WeightSet.Create(1, " ", null, groups, new Dictionary<string, decimal> { ["E01"] = 1 }, null)).Field);

        var set = WeightSet.Create(3, "只看企业", null, groups, new Dictionary<string, decimal> { ["e01"] = 2.5m }, null);
        Assert.Equal(2.5m, set.IndicatorWeight("E01"));
        Assert.Equal(0m, set.IndicatorWeight("E02"));
        Assert.Equal(0m, set.GroupWeight(ServiceGroup.ServingScienceWorkers));
        Assert.Equal(0, WeightSet.BuiltInDefault.Version);
        Assert.Equal(100m, WeightSet.BuiltInDefault.GroupWeights.Values.Sum());
    }

    [Fact]
    public void The_real_catalogue_ranks_with_the_default_weights_without_the_missing_groups()
    {
        var peers = new[]
        {
            new PeerValues("510923", IndicatorCatalogue.All.ToDictionary(i => i.Code, i => i.IsAvailable ? (decimal?)10 : null)),
            new PeerValues("510981", IndicatorCatalogue.All.ToDictionary(i => i.Code, i => i.IsAvailable ? (decimal?)5 : null)),
        };
        var ranking = Scoring.Rank(IndicatorCatalogue.All, peers, WeightSet.BuiltInDefault);
        Assert.All(ServiceGroupNames.All, g => Assert.Equal(WeightSet.BuiltInDefault.GroupWeights[g], ranking.EffectiveGroupWeights[g]));
        Assert.Equal(100m, ranking.EffectiveGroupWeights.Values.Sum());
        Assert.Equal(1, ranking.Find("510923")!.Rank);
        Assert.Equal(2, ranking.Find("510981")!.Rank);
    }
}
