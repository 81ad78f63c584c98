namespace Kexie.Web.Tests;

/// <summary>
/// The years test records are written in. Every web test class of one provider shares one database (the assembly fixtures
/// <see cref="SqliteApp"/> and <see cref="PostgresApp"/>), and the tests run in parallel: a test that writes a contest, an
/// honour call or a survey into 大英县 in a year another test counts (or asserts the demo's figures for) breaks that test
/// now and then — CI has failed so more than once. So a test that writes year-keyed records asks here for its year: each
/// one is handed out once in the test process, never a year the demo data uses (<see cref="DemoYears"/>), never a year
/// a test keeps as its own fixed year (<see cref="FixedYears"/>), and the year after it is never handed out either
/// (a contest recommends to the ancestors' editions of its year and the next, so neighbouring years would meet).
/// Tests that assert the demo's figures keep reading the demo years; tests that write never write there.
/// </summary>
public static class TestYears
{
    /// <summary>
    /// The years the demo seeders write (DemoSeeder, TalentDemoSeeder, ContestDemoSeeder — its edition is this year or
    /// 2026 —, PopularizationDemoSeeder, LiteracyMemberUnitDemoSeeder, ScienceBoardDemoSeeder, IndicatorDemoSeeder,
    /// MarketDemoSeeder): societies founded from 2015, literacy surveys 2018–2025, member units 2019–2020, indicators and
    /// tallies 2020–2025, contests 2025–2026, a plan until 2027; and the current year, which the seeders and "today" use.
    /// </summary>
    public static IReadOnlySet<int> DemoYears { get; } = Enumerable.Range(2015, 2027 - 2015 + 1)
        .Append(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year)
        .ToHashSet();

    /// <summary>
    /// Years some tests write in as fixed values, each in a region it keeps to itself: 射洪市's 清理整顿 of 1997–1999
    /// (SocietyRectificationTests) and 年检 of 2003 (AssociationManagementTests), 船山区's 年检 of 2001–2002
    /// (SocietyInspectionTests), 安居区's society activities and workstation outputs of 2003–2004 (SocietyActivityTests)
    /// and honour calls of 2006 (HonourUnitNominationTests), 大英县 township 510923101's workstations of 2002 (HonourTests), 蓬溪县's
    /// workstation outputs of 2007–2008 (TalentRecordEditTests). The pools skip them and their neighbours.
    /// </summary>
    public static IReadOnlySet<int> FixedYears { get; } = new HashSet<int> { 1997, 1998, 1999, 2001, 2002, 2003, 2004, 2006, 2007, 2008 };

    // One pair of pools per provider: the SQLite and the PostgreSQL test classes each share their own database, so a year
    // need only be unique among the tests of one provider (the domain caps years at 2100: one pool for both ran out).
    private static readonly Dictionary<Kexie.Data.DatabaseProvider, (Pool Future, Pool Earlier)> Pools = new()
    {
        [Kexie.Data.DatabaseProvider.Sqlite] = (new(2030, 2100, DemoYears, FixedYears), new(1980, 2014, DemoYears, FixedYears)),
        [Kexie.Data.DatabaseProvider.Postgres] = (new(2030, 2100, DemoYears, FixedYears), new(1980, 2014, DemoYears, FixedYears)),
    };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, Kexie.Data.DatabaseProvider), Lazy<int>> Own = new();

    /// <summary>A year of its own (2030–2100) in <paramref name="provider"/>'s database for records that may lie in the future: contests, honour calls, surveys.</summary>
    public static int Next(Kexie.Data.DatabaseProvider provider) => Pools[provider].Future.Take();

    /// <summary>A year of its own before the demo's (1980–2014) in <paramref name="provider"/>'s database, for records that refuse a year after this one.</summary>
    public static int Past(Kexie.Data.DatabaseProvider provider) => Pools[provider].Earlier.Take();

    /// <summary>
    /// One year of its own (as <see cref="Next"/>) per <paramref name="owner"/> and provider, the same every time it is asked for: for a
    /// test class whose tests all write in one year (xunit makes an instance per test, so an instance field would take one per test).
    /// </summary>
    public static int OwnYear(string owner, Kexie.Data.DatabaseProvider provider) =>
        Own.GetOrAdd((owner, provider), key => new Lazy<int>(() => Next(key.Item2))).Value;

    /// <summary>Every year handed out so far in this process for <paramref name="provider"/>, in the order they were taken.</summary>
    public static IReadOnlyList<int> HandedOut(Kexie.Data.DatabaseProvider provider) => [.. Pools[provider].Future.Taken, .. Pools[provider].Earlier.Taken];

    /// <summary>
    /// One range of years handed out in turn, each at most once, skipping the reserved years and every year next to one
    /// handed out. Thread-safe; running out is a failure naming the range, never a reused year.
    /// </summary>
    public sealed class Pool
    {
        private readonly int[] years;
        private readonly System.Collections.Concurrent.ConcurrentQueue<int> taken = new();
        private int next = -1;

        public Pool(int first, int last, params IReadOnlySet<int>[] reserved)
        {
            var list = new List<int>();
            for (var year = first; year <= last; year++)
            {
                var blocked = reserved.Any(r => r.Contains(year) || r.Contains(year + 1) || r.Contains(year - 1));
                if (!blocked && (list.Count == 0 || list[^1] < year - 1))
                {
                    list.Add(year);
                }
            }

            years = [.. list];
            First = first;
            Last = last;
        }

        public int First { get; }

        public int Last { get; }

        /// <summary>How many years this pool can hand out.</summary>
        public int Capacity => years.Length;

        public IReadOnlyCollection<int> Taken => taken;

        public int Take()
        {
            var index = Interlocked.Increment(ref next);
            if (index >= years.Length)
            {
                throw new InvalidOperationException(
                    $"The test years {First}–{Last} are used up ({years.Length} handed out); widen the pool in TestYears rather than reuse a year.");
            }

            taken.Enqueue(years[index]);
            return years[index];
        }
    }
}
