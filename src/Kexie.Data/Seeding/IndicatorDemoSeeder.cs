using Kexie.Data.Indicators;
using Kexie.Domain.Indicators;
using Kexie.Domain.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kexie.Data.Seeding;

/// <summary>
/// Demo activity for all 183 county-level units of Sichuan, so rankings mean something out of the box: synthetic
/// monthly facts (<see cref="FactSource.Synthetic"/>, shown as 演示数据) from the launch of 天府科技云 (July 2020)
/// to today. Deterministic (each county's random stream is seeded by its code). County sizes are drawn from one
/// distribution; only 大英县's 2020 volumes are set to the figures of its 2020 work report (7816 workers, 593
/// organizations, 325 needs, 376 offers, 9300万元) — its rank is whatever the data gives. Science literacy (content
/// pushed, activity participants, e-station use) and decision support (think-tank topics approved, proposals adopted)
/// come from a second random stream per county, so adding them left the market figures as they were. In the two demo
/// counties (大英县, 射洪市) each month's activity is spread over the county's townships (fixed, uneven shares), so
/// townships rank within their county too; the county totals are the same as if it were booked on the county. Runs
/// once, on a database that has never been refreshed, then performs the first full refresh.
/// </summary>
public sealed class IndicatorDemoSeeder(KexieDbContext db, IndicatorRefresher refresher, TimeProvider clock, ILogger<IndicatorDemoSeeder> logger)
{
    public const string Province = "51";
    public static readonly DateOnly Launch = new(2020, 7, 1);

    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.IndicatorRefreshStates.AnyAsync(ct) || await db.IndicatorFacts.AnyAsync(ct))
        {
            await refresher.RefreshAsync(ct: ct);
            return;
        }

        var counties = await db.Regions.AsNoTracking()
            .Where(r => r.Level == RegionLevel.County && r.Code.StartsWith(Province))
            .OrderBy(r => r.Code)
            .Select(r => r.Code)
            .ToListAsync(ct);
        var demoCounties = new[] { DemoSeeder.DaYing, DemoSeeder.SheHong };
        var townships = (await db.Regions.AsNoTracking()
                .Where(r => r.Level == RegionLevel.Township && demoCounties.Contains(r.ParentCode!))
                .OrderBy(r => r.Code)
                .Select(r => new { r.Code, r.ParentCode })
                .ToListAsync(ct))
            .GroupBy(r => r.ParentCode!)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(r => r.Code).ToList());
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var started = System.Diagnostics.Stopwatch.StartNew();
        var facts = Generate(counties, today, townships).ToList();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await FactStore.AppendAsync(db, facts, ct);
            await tx.CommitAsync(ct);
        }

        await refresher.RefreshAsync(full: true, ct);
        logger.LogInformation("已生成指标演示数据：{Counties} 个县级单位，{Facts} 条月度事实，用时 {Ms} ms", counties.Count, facts.Count, started.ElapsedMilliseconds);
    }

    /// <summary>
    /// Monthly synthetic facts for each county from July 2020 to <paramref name="until"/>; for a county listed in
    /// <paramref name="townshipsOf"/>, the facts are booked on its townships instead (see <see cref="SplitOverTownships"/>).
    /// </summary>
    public static IEnumerable<ActivityFact> Generate(IReadOnlyList<string> counties, DateOnly until,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? townshipsOf = null)
    {
        foreach (var county in counties)
        {
            if (townshipsOf?.GetValueOrDefault(county) is { Count: > 0 } townships)
            {
                var shares = TownshipShares(townships);
                foreach (var month in GenerateCounty(county, until).GroupBy(f => f.Day))
                {
                    foreach (var fact in SplitOverTownships(month.ToList(), townships, shares))
                    {
                        yield return fact;
                    }
                }
                continue;
            }
            foreach (var fact in GenerateCounty(county, until))
            {
                yield return fact;
            }
        }
    }

    /// <summary>
    /// Books one county-month of facts on its townships: every count is divided by the shares (largest remainder, so
    /// the totals are exact); the in-time and late answers are divided separately and the settled and published needs
    /// of a township are their sum, so no township answers more needs in time than it settled; amounts follow the
    /// counts.
    /// </summary>
    public static IEnumerable<ActivityFact> SplitOverTownships(IReadOnlyList<ActivityFact> countyMonth, IReadOnlyList<string> townships, IReadOnlyList<double> shares)
    {
        var byKind = countyMonth.ToDictionary(f => f.Kind);
        var parts = new Dictionary<FactKind, int[]>();
        foreach (var fact in countyMonth)
        {
            parts[fact.Kind] = Divide(fact.Count, shares);
        }
        if (parts.ContainsKey(FactKind.NeedResponseSettled))
        {
            var inTime = parts.GetValueOrDefault(FactKind.NeedAnsweredInTime) ?? new int[townships.Count];
            var late = parts.GetValueOrDefault(FactKind.NeedAnsweredLate) ?? new int[townships.Count];
            var settled = inTime.Zip(late, (a, b) => a + b).ToArray();
            parts[FactKind.NeedResponseSettled] = settled;
            if (parts.ContainsKey(FactKind.NeedPublished) && byKind[FactKind.NeedPublished].Count == byKind[FactKind.NeedResponseSettled].Count)
            {
                parts[FactKind.NeedPublished] = settled;
            }
        }
        foreach (var fact in countyMonth)
        {
            var counts = parts[fact.Kind];
            var amountLeft = fact.AmountFen;
            var countLeft = fact.Count;
            for (var i = 0; i < townships.Count; i++)
            {
                if (counts[i] == 0)
                {
                    continue;
                }
                var amount = countLeft == counts[i] ? amountLeft : (long)Math.Round((double)fact.AmountFen * counts[i] / fact.Count);
                amountLeft -= amount;
                countLeft -= counts[i];
                yield return fact with { RegionCode = townships[i], Count = counts[i], AmountFen = amount };
            }
        }
    }

    /// <summary>Fixed, uneven shares of the townships (a log-normal weight each, seeded by the township's code).</summary>
    public static IReadOnlyList<double> TownshipShares(IReadOnlyList<string> townships)
    {
        var weights = townships.Select(t => Math.Exp(0.7 * Gaussian(new Random(StableSeed(t))))).ToArray();
        var total = weights.Sum();
        return weights.Select(w => w / total).ToArray();
    }

    private static int StableSeed(string code) => (int)(long.Parse(code, System.Globalization.CultureInfo.InvariantCulture) % int.MaxValue);

    /// <summary>Divides <paramref name="total"/> by <paramref name="shares"/>: floors, then the largest remainders get one more.</summary>
    private static int[] Divide(int total, IReadOnlyList<double> shares)
    {
        var exact = shares.Select(s => total * s).ToArray();
        var result = exact.Select(x => (int)Math.Floor(x)).ToArray();
        var left = total - result.Sum();
        foreach (var i in Enumerable.Range(0, shares.Count).OrderByDescending(i => exact[i] - result[i]).ThenBy(i => i).Take(left))
        {
            result[i]++;
        }
        return result;
    }

    private static IEnumerable<ActivityFact> GenerateCounty(string county, DateOnly until)
    {
        {
            var random = new Random(int.Parse(county, System.Globalization.CultureInfo.InvariantCulture));
            var isDaYing = county == DemoSeeder.DaYing;
            double workers2020 = isDaYing ? 7816 : 4200 * Math.Exp(0.55 * Gaussian(random));
            double organizations2020 = isDaYing ? 593 : workers2020 * 0.076 * Math.Exp(0.3 * Gaussian(random));
            double needs2020 = isDaYing ? 325 : organizations2020 * 0.55 * Math.Exp(0.35 * Gaussian(random));
            double offers2020 = isDaYing ? 376 : workers2020 * 0.048 * Math.Exp(0.35 * Gaussian(random));
            var dealShare = 0.25 + (random.NextDouble() * 0.35);
            double dealValue2020 = isDaYing ? 93_000_000 : needs2020 * dealShare * 500_000 * Math.Exp(0.5 * Gaussian(random));
            var inTimeRate = 0.6 + (random.NextDouble() * 0.38);
            var ticketsPerMonth = workers2020 / 300 * (0.5 + random.NextDouble());
            var growth = 0.08 + (random.NextDouble() * 0.1);

            // Science literacy and decision support: their own stream (the market figures above stay as they were).
            var civic = new Random(int.Parse(county, System.Globalization.CultureInfo.InvariantCulture) ^ 0x5EED);
            var literacy = Math.Exp(0.5 * Gaussian(civic));
            var contentPerYear = isDaYing ? 1200 : 400 * literacy * Math.Exp(0.3 * Gaussian(civic));
            var participantsPerYear = isDaYing ? 14_500 : 9000 * literacy * Math.Exp(0.4 * Gaussian(civic));
            var stationUsePerYear = 36_000 * literacy * Math.Exp(0.6 * Gaussian(civic));
            var topicsPerYear = 2 + (6 * civic.NextDouble());
            var proposalsPerYear = 3 + (10 * civic.NextDouble());

            // Activities held (场次): a third stream, so the figures above stay as they were when it was added.
            var events = new Random(int.Parse(county, System.Globalization.CultureInfo.InvariantCulture) ^ 0xAC71);
            var activitiesPerYear = participantsPerYear / (90 + (60 * events.NextDouble()));

            for (var month = Launch; month <= until; month = month.AddMonths(1))
            {
                // 2020: the launch campaign front-loads registrations; afterwards steady growth.
                double share = month.Year == 2020 ? LaunchProfile[month.Month - 7] : 1.0 / 12;
                var later = month.Year > 2020;
                var noise = 0.7 + (random.NextDouble() * 0.6);
                var workers = Round(workers2020 * share * (later ? growth : 1) * noise, random);
                var organizations = Round(organizations2020 * share * (later ? growth * 1.2 : 1) * noise, random);
                var needs = Round(needs2020 * share * (later ? 0.6 : 1) * noise, random);
                var offers = Round(offers2020 * share * (later ? 0.5 : 1) * noise, random);
                var deals = isDaYing && month.Year == 2020 ? Round(110 * share, random) : Round(needs * dealShare, random);
                var value = dealValue2020 * share * (later ? 0.6 : 1) * noise;
                var inTime = Round(needs * inTimeRate, random);
                var day = Math.Min(ChinaTime.DayKey(until), ChinaTime.DayKey(month.AddDays(random.Next(28))));
                var services = (int)Math.Round(offers * 0.8);
                var achievements = (int)Math.Round(offers * 0.15);

                foreach (var (kind, count, fen) in new (FactKind, int, long)[]
                         {
                             (FactKind.WorkerRegistered, workers, 0),
                             (FactKind.OrganizationRegistered, organizations, 0),
                             (FactKind.ServiceOfferPublished, services, 0),
                             (FactKind.AchievementPublished, achievements, 0),
                             (FactKind.ProjectPublished, offers - services - achievements, 0),
                             (FactKind.NeedPublished, needs, 0),
                             (FactKind.NeedResponseSettled, needs, 0),
                             (FactKind.NeedAnsweredInTime, inTime, 0),
                             (FactKind.NeedAnsweredLate, needs - inTime, 0),
                             (FactKind.DealClosed, deals, deals == 0 ? 0 : (long)Math.Round(value * 100)),
                             (FactKind.DealTakenByWorker, (int)Math.Round(deals * 0.9), deals == 0 ? 0 : (long)Math.Round(value * 90)),
                             (FactKind.ServiceTicketServed, Round(ticketsPerMonth * noise, random), 0),
                         })
                {
                    if (count > 0)
                    {
                        yield return new ActivityFact(county, kind, day, count, fen, FactSource.Synthetic, null);
                    }
                }

                var civicNoise = 0.6 + (civic.NextDouble() * 0.8);
                foreach (var (kind, count) in new (FactKind, int)[]
                         {
                             (FactKind.PopularizationContentPublished, Round(contentPerYear / 12 * civicNoise, civic)),
                             (FactKind.PopularizationParticipants, Round(participantsPerYear / 12 * civicNoise * (month.Month is 5 or 9 ? 2.5 : 0.7), civic)),
                             (FactKind.EStationVisits, Round(stationUsePerYear / 12 * civicNoise, civic)),
                             (FactKind.ThinkTankTopics, month.Month is 5 or 6 ? Round(topicsPerYear / 2 * civicNoise, civic) : 0),
                             (FactKind.ProposalsAdopted, Round(proposalsPerYear / 12 * civicNoise, civic)),
                         })
                {
                    if (count > 0)
                    {
                        yield return new ActivityFact(county, kind, day, count, 0, FactSource.Synthetic, null);
                    }
                }

                var held = Round(activitiesPerYear / 12 * (0.6 + (events.NextDouble() * 0.8)) * (month.Month is 5 or 9 ? 2.0 : 0.8), events);
                if (held > 0)
                {
                    yield return new ActivityFact(county, FactKind.PopularizationActivitiesHeld, day, held, 0, FactSource.Synthetic, null);
                }
            }
        }
    }

    private static readonly double[] LaunchProfile = [0.10, 0.22, 0.25, 0.20, 0.13, 0.10];

    private static int Round(double value, Random random)
    {
        var floor = Math.Floor(value);
        return (int)floor + (random.NextDouble() < value - floor ? 1 : 0);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
