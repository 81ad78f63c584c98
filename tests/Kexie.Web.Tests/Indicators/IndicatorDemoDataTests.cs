using Kexie.Data.Seeding;
using Kexie.Domain.Indicators;

namespace Kexie.Web.Tests.Indicators;

/// <summary>The synthetic demo activity: spreading a demo county's months over its townships keeps every total.</summary>
public sealed class IndicatorDemoDataTests
{
    private static readonly string[] Townships = ["510923100", "510923101", "510923102", "510923103", "510923104"];

    [Fact]
    public void Township_split_keeps_the_county_totals_and_never_answers_more_needs_in_time_than_settled()
    {
        var until = new DateOnly(2025, 12, 31);
        var county = IndicatorDemoSeeder.Generate([DemoSeeder.DaYing, DemoSeeder.SheHong], until).ToList();
        var split = IndicatorDemoSeeder.Generate([DemoSeeder.DaYing, DemoSeeder.SheHong], until,
            new Dictionary<string, IReadOnlyList<string>> { [DemoSeeder.DaYing] = Townships }).ToList();

        // 射洪 is untouched; 大英's facts all moved to its townships.
        Assert.Equal(county.Where(f => f.RegionCode == DemoSeeder.SheHong), split.Where(f => f.RegionCode == DemoSeeder.SheHong));
        Assert.DoesNotContain(split, f => f.RegionCode == DemoSeeder.DaYing);
        Assert.All(split.Where(f => f.RegionCode.StartsWith(DemoSeeder.DaYing, StringComparison.Ordinal)), f => Assert.Contains(f.RegionCode, Townships));

        // Per month and kind, counts and amounts add up exactly.
        var before = county.Where(f => f.RegionCode == DemoSeeder.DaYing).ToDictionary(f => (f.Day, f.Kind), f => (f.Count, f.AmountFen));
        var after = split.Where(f => f.RegionCode != DemoSeeder.SheHong).GroupBy(f => (f.Day, f.Kind))
            .ToDictionary(g => g.Key, g => (g.Sum(f => f.Count), g.Sum(f => f.AmountFen)));
        Assert.Equal(before.OrderBy(kv => kv.Key), after.OrderBy(kv => kv.Key));

        // Each township: in time ≤ settled, and settled = in time + late.
        foreach (var month in split.Where(f => f.RegionCode != DemoSeeder.SheHong).GroupBy(f => (f.Day, f.RegionCode)))
        {
            int Count(FactKind kind) => month.Where(f => f.Kind == kind).Sum(f => f.Count);
            Assert.True(Count(FactKind.NeedAnsweredInTime) <= Count(FactKind.NeedResponseSettled));
            Assert.Equal(Count(FactKind.NeedResponseSettled), Count(FactKind.NeedAnsweredInTime) + Count(FactKind.NeedAnsweredLate));
        }

        // The shares are uneven: townships differ.
        var perTownship = split.Where(f => f.Kind == FactKind.WorkerRegistered && f.RegionCode != DemoSeeder.SheHong)
            .GroupBy(f => f.RegionCode).Select(g => g.Sum(f => f.Count)).ToList();
        Assert.Equal(Townships.Length, perTownship.Count);
        Assert.True(perTownship.Distinct().Count() == Townships.Length, string.Join(", ", perTownship));
    }
}
