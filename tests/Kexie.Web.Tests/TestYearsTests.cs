using System.Text.RegularExpressions;

namespace Kexie.Web.Tests;

/// <summary>
/// The allocator of <see cref="TestYears"/> never hands a year out twice, never a demo year nor one next to it; and no test
/// source picks a year with <see cref="Random"/> again (random years in the demo county are how tests came to count each
/// other's records).
/// </summary>
public sealed partial class TestYearsTests
{
    [Fact]
    public void A_pool_hands_each_year_out_once_even_when_many_take_at_the_same_time_and_then_fails_instead_of_reusing_one()
    {
        var demo = new HashSet<int> { 2040, 2041 };
        var pool = new TestYears.Pool(2030, 2060, demo);
        var years = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallel.For(0, pool.Capacity, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => years.Add(pool.Take()));

        Assert.Equal(pool.Capacity, years.Count);
        Assert.Equal(years.Count, years.Distinct().Count());
        Assert.All(years, y => Assert.InRange(y, 2030, 2060));
        Assert.DoesNotContain(years, y => demo.Contains(y) || demo.Contains(y - 1) || demo.Contains(y + 1));
        var sorted = years.Order().ToArray();
        Assert.All(sorted.Zip(sorted.Skip(1)), pair => Assert.True(pair.Second - pair.First >= 2, $"{pair.First} and {pair.Second} are neighbours"));

        var exhausted = Assert.Throws<InvalidOperationException>(() => pool.Take());
        Assert.Contains("2030–2060", exhausted.Message);
    }

    [Theory]
    [InlineData(Kexie.Data.DatabaseProvider.Sqlite)]
    [InlineData(Kexie.Data.DatabaseProvider.Postgres)]
    public void The_shared_pools_keep_clear_of_the_demo_years_and_of_each_other(Kexie.Data.DatabaseProvider provider)
    {
        // Take one of each, so the check below sees at least these whatever ran before.
        var future = TestYears.Next(provider);
        var past = TestYears.Past(provider);
        Assert.InRange(future, 2030, 2100);
        Assert.InRange(past, 1980, 2014);

        var handedOut = TestYears.HandedOut(provider);
        Assert.Equal(handedOut.Count, handedOut.Distinct().Count());
        Assert.DoesNotContain(handedOut, y => TestYears.DemoYears.Contains(y) || TestYears.FixedYears.Contains(y));
        Assert.Contains(2020, TestYears.DemoYears);
        Assert.Contains(2025, TestYears.DemoYears);
        Assert.Contains(2026, TestYears.DemoYears);
    }

    [Fact]
    public void A_class_keeps_its_own_year_per_provider()
    {
        var sqlite = TestYears.OwnYear("TestYearsTests.Own", Kexie.Data.DatabaseProvider.Sqlite);
        Assert.Equal(sqlite, TestYears.OwnYear("TestYearsTests.Own", Kexie.Data.DatabaseProvider.Sqlite));
        Assert.Contains(sqlite, TestYears.HandedOut(Kexie.Data.DatabaseProvider.Sqlite));
        var postgres = TestYears.OwnYear("TestYearsTests.Own", Kexie.Data.DatabaseProvider.Postgres);
        Assert.Contains(postgres, TestYears.HandedOut(Kexie.Data.DatabaseProvider.Postgres));
        Assert.Equal(1, TestYears.HandedOut(Kexie.Data.DatabaseProvider.Sqlite).Count(y => y == sqlite));
    }

    [Fact]
    public void The_demo_years_cover_every_year_a_demo_seeder_writes_records_in()
    {
        var seeding = Path.Combine(Root(), "src", "Kexie.Data", "Seeding");
        var years = Directory.EnumerateFiles(seeding, "*Seeder.cs")
            .SelectMany(f => SeededYear().Matches(File.ReadAllText(f)).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .Where(y => y >= 2000)
            .Distinct()
            .Order()
            .ToList();
        Assert.NotEmpty(years);
        Assert.All(years, y => Assert.True(TestYears.DemoYears.Contains(y), $"a demo seeder writes in {y}, which TestYears.DemoYears lacks"));
    }

    [Fact]
    public void No_test_picks_a_year_with_Random()
    {
        var tests = Path.Combine(Root(), "tests");
        var offenders = Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(tests, f), Line: i + 1, Text: line)))
            .Where(l => RandomYear().IsMatch(l.Text) || YearFromRandom().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "Take a year from TestYears.Next()/Past() instead of Random:\n" + string.Join('\n', offenders));

        // The check itself recognises the patterns it forbids (split here, so that this file does not match them).
        Assert.Matches(RandomYear(), "var year = Random.Shared" + ".Next(2040, 2099);");
        Assert.Matches(RandomYear(), "new { year = random" + ".Next(1990, 2010) }");
        Assert.Matches(YearFromRandom(), "var surveyYear = 2000 + Random.Shared" + ".Next(40);");
        Assert.DoesNotMatch(RandomYear(), "var login = $\"ce-{token}-{Random.Shared.Next(1000, 9999)}\";");
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kexie.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Kexie.slnx not found above the test binaries");
    }

    /// <summary>A Random's Next whose lower bound is a year (1800–2199).</summary>
    [GeneratedRegex(@"(?i)random\w*(\.shared)?\.next\(\s*(1[89]|2[01])\d\d\b")]
    private static partial Regex RandomYear();

    /// <summary>A year (any name with "year" in it) assigned from an expression that uses a Random.</summary>
    [GeneratedRegex(@"(?i)\w*year\w*\s*[=:]\s*[^;\n]*\brandom\w*(\.shared)?\.next")]
    private static partial Regex YearFromRandom();

    /// <summary>A year literal in a seeder's dates and year fields: new DateOnly(2020, …), Year: 2020, year == 2025, (…, 2024, …).</summary>
    [GeneratedRegex(@"(?:DateOnly\(|DateTime\(|DateTimeOffset\(|[Yy]ear\s*[:=]=?\s*)(20\d\d)\b")]
    private static partial Regex SeededYear();
}
