using Kexie.Domain.Indicators;

namespace Kexie.Domain.Tests.Indicators;

public sealed class IndicatorTests
{
    private static readonly DayRange Year2025 = Period.OfYear(2025).Days;

    [Fact]
    public void The_catalogue_has_unique_codes_covers_all_four_services_and_at_least_twelve_computable_indicators()
    {
        var all = IndicatorCatalogue.All;
        Assert.Equal(all.Count, all.Select(i => i.Code).Distinct().Count());
        Assert.Equal(ServiceGroupNames.All.ToHashSet(), all.Select(i => i.Group).ToHashSet());
        Assert.True(all.Count(i => i.IsAvailable) >= 12);
        Assert.All(all, i => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", i.Name));
        Assert.All(all.Where(i => i.Kind is IndicatorKind.Ratio or IndicatorKind.Coverage), i => Assert.NotNull(i.Denominator));
        Assert.All(all, i => Assert.True(i.IsAvailable)); // every source module is built
        Assert.Same(IndicatorCatalogue.Get("e03"), IndicatorCatalogue.Find("E03"));
    }

    [Fact]
    public void Values_from_hand_counted_facts()
    {
        Guid Id() => Guid.NewGuid();
        var facts = new List<ActivityFact>
        {
            new("510923105", FactKind.WorkerRegistered, 20241120, 1, 0, FactSource.ScienceWorker, Id()),
            new("510923", FactKind.WorkerRegistered, 20250101, 1, 0, FactSource.ScienceWorker, Id()),
            new("510923", FactKind.WorkerRegistered, 20251231, 1, 0, FactSource.ScienceWorker, Id()),
            new("510923", FactKind.WorkerRegistered, 20260101, 1, 0, FactSource.ScienceWorker, Id()),
            new("510923", FactKind.DealClosed, 20250301, 1, 1_000_000, FactSource.Order, Id()),
            new("510923101", FactKind.DealClosed, 20250302, 1, 250_050, FactSource.Order, Id()),
            new("510923", FactKind.NeedResponseSettled, 20250105, 3, 0, FactSource.Synthetic, null),
            new("510923", FactKind.NeedAnsweredInTime, 20250105, 2, 0, FactSource.Synthetic, null),
        };
        var totals = FactTotals.RollUp(facts, 6, Year2025)["510923"];
        Assert.Equal(3m, IndicatorCatalogue.Get("W01").Compute(totals)); // 累计 up to 2025-12-31
        Assert.Equal(2m, IndicatorCatalogue.Get("W02").Compute(totals)); // new in 2025
        Assert.Equal(2m, IndicatorCatalogue.Get("E05").Compute(totals));
        Assert.Equal(12_500.50m, IndicatorCatalogue.Get("E06").Compute(totals));
        Assert.Equal(6_250.25m, IndicatorCatalogue.Get("E07").Compute(totals));
        Assert.Equal(66.67m, IndicatorCatalogue.Get("E03").Compute(totals));
        Assert.Equal(0m, IndicatorCatalogue.Get("E02").Compute(totals));
        Assert.Equal(0m, IndicatorCatalogue.Get("S01").Compute(totals)); // module built: nothing published is a real zero
        Assert.Equal(0m, IndicatorCatalogue.Get("D01").Compute(totals));
    }

    [Fact]
    public void Ratios_over_nothing_are_absent()
    {
        var empty = new FactTotals();
        Assert.Null(IndicatorCatalogue.Get("E03").Compute(empty));
        Assert.Null(IndicatorCatalogue.Get("E07").Compute(empty));
        Assert.Equal(0m, IndicatorCatalogue.Get("E05").Compute(empty));
    }

    [Fact]
    public void Facts_roll_up_the_region_tree()
    {
        var facts = new List<ActivityFact>
        {
            new("510923105", FactKind.NeedPublished, 20250610, 1, 0, FactSource.Need, Guid.NewGuid()),
            new("510923", FactKind.NeedPublished, 20250611, 2, 0, FactSource.Need, Guid.NewGuid()),
            new("510981", FactKind.NeedPublished, 20250612, 4, 0, FactSource.Need, Guid.NewGuid()),
            new("5109", FactKind.NeedPublished, 20250613, 8, 0, FactSource.Need, Guid.NewGuid()),
            new("5101", FactKind.NeedPublished, 20250613, 16, 0, FactSource.Need, Guid.NewGuid()),
        };
        Get(FactTotals.RollUp(facts, 9, Year2025), "510923105", 1);
        var counties = FactTotals.RollUp(facts, 6, Year2025);
        Get(counties, "510923", 3);
        Get(counties, "510981", 4);
        Assert.Equal(2, counties.Count); // the city-level fact belongs to no county
        var cities = FactTotals.RollUp(facts, 4, Year2025);
        Get(cities, "5109", 15);
        Get(cities, "5101", 16);
        Get(FactTotals.RollUp(facts, 2, Year2025), "51", 31);

        static void Get(Dictionary<string, FactTotals> totals, string code, long expected) =>
            Assert.Equal(expected, totals[code].Get(FactKind.NeedPublished, Accumulation.Period).Count);
    }
}
