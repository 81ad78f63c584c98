// Where a need detail page's miss spends its time (issue 16): starts the real host in-process on a province database
// (as bench/node.sh does: Release, PostgreSQL, the kept classifier), waits until the match index is built and the
// classifier's reading done, then runs the detail page's match query (MatchingService.MatchesForNeedAsync's two steps:
// MatchIndex.FindProvidersForNeed at the page's depth, then MatchResultFilter.ToListAsync for an anonymous visitor) for N
// published public needs, one at a time, with the searcher's stage profile on. Variants of the same needs: the title
// alone (a CSL-shaped short query); the text pass before match18, with match18's floor (MatchIndex.WeightBounds) and now
// (MatchIndex.LegacyTextPass) in the same process,
// after comparing both passes' results for every need; all cores and one thread.
// Usage: dotnet run -c Release --project bench/Kexie.Bench.NeedMatches -- "<connection string>" <models folder> [needs=500] [compare]
// (compare: only the comparison of the text pass before and now, no timings)
using System.Diagnostics;
using System.Globalization;
using Kexie.Data;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Matching;
using Kexie.Matching.Indexing;
using Kexie.Web.Features.Matching;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

internal static class NeedMatchesBench
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var conn = args.Length > 0 ? args[0] : throw new ArgumentException("connection string");
        var models = args.Length > 1 ? args[1] : throw new ArgumentException("models folder");
        var count = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 500;
        var contentRoot = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Kexie.Web"));
        Console.WriteLine($"# need detail page's match query, {count} needs ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}, {Environment.ProcessorCount} cores)");

        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseContentRoot(contentRoot);
            b.UseSetting("Database:Provider", "Postgres");
            b.UseSetting("ConnectionStrings:Kexie", conn);
            b.UseSetting("Demo:Seed", "false");
            b.UseSetting("Matching:ModelCacheDirectory", models);
            b.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        var started = Stopwatch.StartNew();
        _ = factory.Server;
        var host = factory.Services.GetRequiredService<MatchIndexHost>();
        await host.WhenReadyAsync();
        await host.WhenClassifierReadyAsync(TimeSpan.FromMinutes(10));
        await host.WhenDisciplinesReadAsync();
        Console.WriteLine($"index ready: {host.Index.Count:N0} documents, classifier read, after {started.Elapsed.TotalSeconds:F1} s");

        List<(Need Need, string? Industry)> sample;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
            var ids = await db.Needs.AsNoTracking().Where(n => n.Status == ReviewStatus.Published && n.Visibility == NeedVisibility.Public)
                .OrderBy(n => n.Id).Select(n => n.Id).ToListAsync();
            var random = new Random(16);
            var picked = ids.OrderBy(_ => random.Next()).Take(count + 50).ToHashSet();
            var needs = await db.Needs.AsNoTracking().Where(n => picked.Contains(n.Id)).ToListAsync();
            var industries = await MatchDocuments.OrganizationIndustriesAsync(db, needs.Select(n => n.OrganizationId).ToHashSet(), default);
            sample = needs.OrderBy(n => n.Id).Select(n => (n, industries.GetValueOrDefault(n.OrganizationId))).ToList();
            Console.WriteLine($"{ids.Count:N0} published public needs; {sample.Count} picked (the first 50 warm up)");
        }

        const System.Reflection.BindingFlags Flags = System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic;
        const int Top = 10; // the page's panel
        const int PageDepth = (Top * 2) + 10; // MatchingService.Depth(10, null)
        // match18: the text pass before (MatchIndex.LegacyTextPass: PriorityQueue, every posting scored) and now, in the same
        // process on the same needs. First the results of both for every need (the top 30 by id and round-trip score).
        // The index follows the database's outbox (other nodes' and the load runs' writes move N, df and the averages) and
        // the host's clock moves recency: both passes are run on one snapshot taken here, and compared by id and by every
        // signal's contribution but recency, in round trip and in order; the old pass against itself is the control.
        int differing = 0, differingControl = 0, differingMatch18 = 0;
        var frozen = (IndexSnapshot)typeof(MatchIndex).GetField("current", Flags)!.GetValue(host.Index)!;
        // The clock fixed too: recency is part of the totals the text leader's lift compares, so a moving clock changes
        // other signals' contributions between two runs of the same pass.
        var fixedClock = host.Index.Options with { Clock = new FixedClock(DateTimeOffset.UtcNow) };
        string Key(MatchDocument need, bool legacy, bool weightBounds = false) => string.Join('\n',
            new Searcher(frozen, fixedClock, host.Index.Analyzer, host.Index.DisciplinePredictor, host.Index.ParallelQueryDocuments, legacy, weightBounds)
                .Search(MatchQuery.From(need, [DocumentKind.Offer, DocumentKind.Worker, DocumentKind.Expert], PageDepth), flagDuplicates: false)
                .Select(r => $"{r.Id} " + string.Join(',', r.Explanation.Contributions.Select(c => $"{c.Signal}:{c.Score:R}"))));
        for (var i = 0; i < sample.Count; i++)
        {
            var doc = MatchDocuments.ForNeed(sample[i].Need, sample[i].Industry);
            var before = Key(doc, legacy: true);
            var after = Key(doc, legacy: false);
            var again = Key(doc, legacy: true);
            var match18 = Key(doc, legacy: false, weightBounds: true);
            differing += before == after ? 0 : 1;
            differingControl += before == again ? 0 : 1;
            differingMatch18 += before == match18 ? 0 : 1;
        }
        Console.WriteLine($"top {PageDepth} on one snapshot (ids, and every signal in round trip, one fixed clock), text pass before and now: {differing} of {sample.Count} needs differ (before and before again: {differingControl}; before and match18's bounds: {differingMatch18})");
        if (args.Length > 3 && args[3] == "compare")
        {
            return differing == 0 ? 0 : 1;
        }
        // match20: three variants in the same process: before match18 (PriorityQueue, every posting), match18's floor (a
        // term bounded by its weight: MatchIndex.WeightBounds) and now (per segment and term), in the order a b c c b a.
        var variants = new (string Label, bool Legacy, bool WeightBounds)[]
        {
            ("text pass before match18 (PriorityQueue, every posting)", true, false),
            ("match18's floor (weight bounds)", false, true),
            ("now (bounds per segment and term)", false, false),
        };
        foreach (var v in new[] { 0, 1, 2, 2, 1, 0 })
        {
            (host.Index.LegacyTextPass, host.Index.WeightBounds) = (variants[v].Legacy, variants[v].WeightBounds);
            Run($"page query, {variants[v].Label}", n => MatchDocuments.ForNeed(n.Need, n.Industry), PageDepth, filter: false);
            Run($"title alone (short, CSL-like), {variants[v].Label}", n => MatchDocuments.ForNeed(n.Need, n.Industry) with { Body = string.Empty }, PageDepth, filter: false);
        }
        // The same on one thread (the segments not scored in parallel: MatchIndex.ParallelQueryDocuments out of reach),
        // which also times the text pass's parts and counts the non-essential terms' postings.
        typeof(MatchIndex).GetField("<ParallelQueryDocuments>k__BackingField", Flags)!.SetValue(host.Index, long.MaxValue);
        foreach (var v in new[] { 0, 1, 2, 2, 1, 0 })
        {
            (host.Index.LegacyTextPass, host.Index.WeightBounds) = (variants[v].Legacy, variants[v].WeightBounds);
            Run($"page query on one thread, {variants[v].Label}", n => MatchDocuments.ForNeed(n.Need, n.Industry), PageDepth, filter: false);
        }
        (host.Index.LegacyTextPass, host.Index.WeightBounds) = (false, false);
        return 0;

        void Run(string name, Func<(Need Need, string? Industry), MatchDocument> document, int depth, bool filter)
        {
            var stages = Enum.GetValues<SearchStage>();
            var perStage = stages.Select(_ => new List<double>()).ToArray();
            var totals = new List<double>();
            var filters = new List<double>();
            long postings = 0, candidates = 0, bytes = 0, postingTicks = 0, gatherTicks = 0, heapTicks = 0, listTicks = 0, hits = 0, entries = 0, skippedPostings = 0, skippedHits = 0, nonEssential = 0, skippable = 0;
            var cpu = TimeSpan.Zero;
            for (var i = 0; i < sample.Count; i++)
            {
                var doc = document(sample[i]);
                var profile = new SearchProfile();
                SearchProfile.Current = profile;
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                var t0 = Stopwatch.GetTimestamp();
                var results = host.Index.FindProvidersForNeed(doc, depth);
                var elapsed = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
                SearchProfile.Current = null;
                double filterMs = 0;
                if (filter)
                {
                    using var scope = factory.Services.CreateScope();
                    var shown = scope.ServiceProvider.GetRequiredService<MatchResultFilter>();
                    var t1 = Stopwatch.GetTimestamp();
                    shown.ToListAsync(Actor.Public, results, Top, null, default).GetAwaiter().GetResult();
                    filterMs = Stopwatch.GetElapsedTime(t1).TotalMilliseconds;
                }
                if (i < 50)
                {
                    continue;
                }
                totals.Add(elapsed);
                filters.Add(filterMs);
                cpu += cpuUsed;
                postings += profile.Postings;
                candidates += profile.Candidates;
                bytes += profile.Bytes.Sum();
                (postingTicks, gatherTicks, heapTicks, listTicks, hits) = (postingTicks + profile.PostingTicks, gatherTicks + profile.GatherTicks, heapTicks + profile.HeapTicks, listTicks + profile.ListTicks, hits + profile.Hits);
                (entries, skippedPostings, skippedHits) = (entries + profile.HeapEntries, skippedPostings + profile.SkippedPostings, skippedHits + profile.SkippedHits);
                (nonEssential, skippable) = (nonEssential + profile.NonEssentialPostings, skippable + profile.SkippableBlockPostings);
                foreach (var s in stages)
                {
                    perStage[(int)s].Add(profile.Ticks[(int)s] * 1000.0 / Stopwatch.Frequency);
                }
            }
            var n = totals.Count;
            Console.WriteLine();
            Console.WriteLine($"## {name}: {n} queries");
            Console.WriteLine($"FindProvidersForNeed ms: mean {totals.Average():F2}, p50 {P(totals, 0.5):F2}, p90 {P(totals, 0.9):F2}, p99 {P(totals, 0.99):F2}; process CPU per query {cpu.TotalMilliseconds / n:F2} ms");
            Console.WriteLine($"postings (first pass) per query {postings / (double)n:F0}, candidates {candidates / (double)n:F0}, allocated {bytes / (double)n / 1024:F0} KiB");
            foreach (var s in stages)
            {
                var v = perStage[(int)s];
                Console.WriteLine($"  {s,-13} mean {v.Average(),7:F2} ms  p50 {P(v, 0.5),7:F2}  p90 {P(v, 0.9),7:F2}  ({100 * v.Average() / totals.Average(),4:F1} %)");
            }
            double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency / n;
            Console.WriteLine($"  text pass parts (one thread only): postings {Ms(postingTicks):F2} ms, gather {Ms(gatherTicks):F2}, heap {Ms(heapTicks):F2}, list {Ms(listTicks):F2}; hits {hits / (double)n:F0} per query");
            Console.WriteLine($"  per query (all passes, all cores): hits offered to the heap {hits / (double)n:F0}, entered {entries / (double)n:F0}, postings not scored {skippedPostings / (double)n:F0}, hits under the floor not offered {skippedHits / (double)n:F0}");
            Console.WriteLine($"  per query (one thread only): postings of non-essential terms decoded {nonEssential / (double)n:F0}, of which in whole skip blocks reaching no touched document {skippable / (double)n:F0}");
            if (filter)
            {
                Console.WriteLine($"ToListAsync ms: mean {filters.Average():F2}, p50 {P(filters, 0.5):F2}, p90 {P(filters, 0.9):F2}");
            }
        }

        static double P(List<double> values, double q)
        {
            var sorted = values.Order().ToList();
            return sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
        }

    }
}

/// <summary>A clock that does not move (the comparison's one snapshot in time).</summary>
file sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
