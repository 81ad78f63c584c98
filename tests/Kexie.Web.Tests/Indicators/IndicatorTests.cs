using System.Net;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Indicators;
using Kexie.Domain.Market;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Indicators;

/// <summary>
/// Indicator values, rankings, traceability, weights, linkage and the annual report through the real host.
/// Fixtures live in Hubei (province 42), where no other test or demo data writes, one prefecture or county per
/// test, so every expected number below is counted by hand from the records the test creates.
/// </summary>
public abstract class IndicatorTests(KexieApp app)
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private async Task<HttpClient> AdminOfAsync(string region, UserRole role = UserRole.AssociationAdmin)
    {
        var admin = await app.SignInAsync("admin");
        var userName = $"ind-{region}-{Guid.NewGuid():N}"[..30];
        var response = await admin.PostJsonAsync("/api/v1/users", new { userName, displayName = $"{region}管理员", password = "Kexie@2026x", role = role.ToString(), regionCode = region });
        await response.OkJsonAsync();
        return await app.SignInAsync(userName, "Kexie@2026x");
    }

    private static ScienceWorker Worker(string region, DateTimeOffset createdAt)
    {
        var worker = ScienceWorker.Create(
            new ScienceWorkerData("测试专家", Gender.Female, 1985, "测试单位", "工程师", [], "大学本科", null, KexieApp.NewPhone(), region, false),
            _ => true);
        worker.CreatedAt = createdAt.ToUniversalTime();
        return worker;
    }

    private static Organization Org(string region, DateTimeOffset createdAt)
    {
        var organization = Organization.Create(
            new OrganizationData("测试企业" + Guid.NewGuid().ToString("N")[..8], OrganizationKind.Enterprise, Kexie.Data.Seeding.DemoSeeder.CreditCodeFor(region, Random.Shared, OrganizationKind.Enterprise), null, region, null, null, null),
            _ => true);
        organization.CreatedAt = createdAt.ToUniversalTime();
        return organization;
    }

    private static Order AcceptedOrder(Organization buyer, ScienceWorker provider, string region, decimal amount, DateTimeOffset acceptedAt)
    {
        acceptedAt = acceptedAt.ToUniversalTime();
        var order = Order.Create(new OrderData("测试订单", buyer.Id, provider.Id, region), Actor.System, acceptedAt.AddDays(-3));
        order.Agree(Actor.System, amount, "合同-测试", acceptedAt.AddDays(-2));
        order.StartDelivery(Actor.System, null, acceptedAt.AddDays(-1));
        order.Accept(Actor.System, null, acceptedAt);
        return order;
    }

    private Task AddAsync(params object[] records) => app.QueryAsync(async db =>
    {
        db.AddRange(records);
        return await db.SaveChangesAsync();
    });

    private static Dictionary<string, decimal?> ValuesOf(JsonNode values) =>
        values["values"]!.AsArray().ToDictionary(v => v!["code"]!.GetValue<string>(), v => v!["value"]?.GetValue<decimal?>());

    [Fact]
    public async Task Values_match_hand_counted_records_and_roll_up_county_city_province()
    {
        // 宜昌市 4205: 西陵区 420502 (townships 001, 002) and 夷陵区 420506.
        var t1 = Worker("420502001", new DateTimeOffset(2025, 3, 10, 9, 0, 0, Cst));
        var records = new List<object>
        {
            t1,
            Worker("420502001", new DateTimeOffset(2025, 3, 11, 9, 0, 0, Cst)),
            Worker("420502002", new DateTimeOffset(2025, 6, 1, 9, 0, 0, Cst)),
            Worker("420502", new DateTimeOffset(2024, 5, 1, 9, 0, 0, Cst)),
            Worker("420506", new DateTimeOffset(2025, 7, 1, 9, 0, 0, Cst)),
            Worker("4205", new DateTimeOffset(2025, 8, 1, 9, 0, 0, Cst)),
        };
        var buyer = Org("420502002", new DateTimeOffset(2025, 2, 1, 9, 0, 0, Cst));
        var buyer2 = Org("420506", new DateTimeOffset(2025, 2, 2, 9, 0, 0, Cst));
        records.AddRange([buyer, buyer2]);
        await AddAsync(records.ToArray());
        await AddAsync(
            AcceptedOrder(buyer, t1, "420502002", 12_345.67m, new DateTimeOffset(2025, 4, 1, 10, 0, 0, Cst)),
            AcceptedOrder(buyer2, t1, "420506", 7_654.33m, new DateTimeOffset(2025, 5, 1, 10, 0, 0, Cst)));

        var hubei = await AdminOfAsync("42");
        var county = ValuesOf(await (await hubei.GetAsync("/api/v1/indicators/values?region=420502&period=2025")).OkJsonAsync());
        Assert.Equal(3m, county["W02"]);
        Assert.Equal(4m, county["W01"]);
        Assert.Equal(1m, county["E01"]);
        Assert.Equal(1m, county["E05"]);
        Assert.Equal(12_345.67m, county["E06"]);
        Assert.Equal(2m, county["W04"]); // both deals were taken by a worker of 西陵区
        Assert.Equal(20_000.00m, county["W05"]);
        Assert.Null(county["E03"]); // no needs: coverage absent, not 0
        Assert.Equal(0m, county["S01"]); // popularization module built: no records is zero
        Assert.Equal(0m, county["D01"]); // think-tank module built: no records is zero

        var township = ValuesOf(await (await hubei.GetAsync("/api/v1/indicators/values?region=420502001&period=2025")).OkJsonAsync());
        Assert.Equal(2m, township["W02"]);
        var city = ValuesOf(await (await hubei.GetAsync("/api/v1/indicators/values?region=4205&period=2025")).OkJsonAsync());
        Assert.Equal(5m, city["W02"]); // 3 + 1 (夷陵区) + 1 registered at city level
        Assert.Equal(2m, city["E05"]);
        Assert.Equal(20_000.00m, city["E06"]);
        var province = ValuesOf(await (await hubei.GetAsync("/api/v1/indicators/values?region=42&period=2025")).OkJsonAsync());
        Assert.True(province["W02"] >= 5m);
        var quarter = ValuesOf(await (await hubei.GetAsync("/api/v1/indicators/values?region=420502&period=2025Q1")).OkJsonAsync());
        Assert.Equal(2m, quarter["W02"]);
        Assert.Equal(3m, quarter["W01"]);

        var export = await hubei.GetAsync("/api/v1/indicators/values/export.xlsx?region=420502&period=2025");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var rows = MiniExcelLibs.MiniExcel.Query(await export.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(3d, Convert.ToDouble(rows.Single(r => (string)r["指标代码"] == "W02")["2025年"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Market_stats_and_the_indicators_give_the_same_figures_for_deals_transfers_and_published_offers()
    {
        // 孝昌县 420921: deals dated by agreement (also when accepted later), an agreed order cancelled later, an
        // offer withdrawn after publication — one definition (StatisticDefinitions, decision 27) on both pages.
        var provider = Worker("420921", new DateTimeOffset(2024, 6, 1, 9, 0, 0, Cst));
        var buyer = Org("420921", new DateTimeOffset(2024, 6, 1, 9, 0, 0, Cst));
        await AddAsync(provider, buyer);
        Order Agreed(decimal amount, DateTimeOffset agreedAt, OfferKind? kind = null)
        {
            var order = Order.Create(new OrderData("测试订单", buyer.Id, provider.Id, "420921", OfferKind: kind), Actor.System, agreedAt.AddDays(-1).ToUniversalTime());
            order.Agree(Actor.System, amount, "合同-测试", agreedAt.ToUniversalTime());
            return order;
        }

        var accepted = Agreed(10_000m, new DateTimeOffset(2025, 3, 10, 9, 0, 0, Cst), OfferKind.Achievement); // 科研成果转化
        accepted.StartDelivery(Actor.System, null, new DateTimeOffset(2025, 5, 1, 9, 0, 0, Cst).ToUniversalTime());
        accepted.Accept(Actor.System, null, new DateTimeOffset(2026, 1, 5, 9, 0, 0, Cst).ToUniversalTime()); // accepted the next year
        var cancelled = Agreed(99_999m, new DateTimeOffset(2025, 4, 5, 9, 0, 0, Cst));
        cancelled.Cancel(Actor.System, "双方协商取消", new DateTimeOffset(2025, 4, 6, 9, 0, 0, Cst).ToUniversalTime());
        var atNewYear = Agreed(2_500.50m, new DateTimeOffset(2025, 1, 1, 0, 30, 0, Cst)); // 2024-12-31 16:30 UTC
        var lastYear = Agreed(7_000m, new DateTimeOffset(2024, 12, 31, 23, 0, 0, Cst));
        var codes = new MarketCodes(_ => true, _ => true);
        var staff = new Actor("stats-staff", "统计测试", UserRole.AssociationAdmin, "420921");
        Offer Published(DateTimeOffset at)
        {
            var offer = Offer.Create(new OfferData(OfferKind.Service, "测试服务", "提供技术咨询与现场指导。", provider.Id, null, null, ["520"], ["C13"], "420921", PriceMode.Negotiable, null, null, null), staff, codes, at.ToUniversalTime());
            offer.Submit(staff, at.ToUniversalTime());
            offer.Publish(staff, at.ToUniversalTime());
            return offer;
        }

        var withdrawn = Published(new DateTimeOffset(2025, 2, 1, 9, 0, 0, Cst));
        withdrawn.Withdraw(staff, "暂停服务", new DateTimeOffset(2025, 8, 1, 9, 0, 0, Cst).ToUniversalTime());
        await AddAsync(accepted, cancelled, atNewYear, lastYear, withdrawn, Published(new DateTimeOffset(2025, 6, 1, 9, 0, 0, Cst)));

        var hubei = await AdminOfAsync("42");
        var values = ValuesOf(await (await hubei.GetAsync("/api/v1/indicators/values?region=420921&period=2025")).OkJsonAsync());
        var stats = await (await hubei.GetAsync("/api/v1/market/stats?region=420921&from=2025-01-01&to=2025-12-31")).OkJsonAsync();
        Assert.Equal(2m, values["E05"]);
        Assert.Equal(12_500.50m, values["E06"]);
        Assert.Equal(values["E05"], stats["deals"]!.GetValue<decimal>());
        Assert.Equal(values["E06"], stats["dealValueYuan"]!.GetValue<decimal>());
        Assert.Equal(1m, values["E11"]);
        Assert.Equal(values["E11"], stats["achievementsTransferred"]!.GetValue<decimal>());
        Assert.Equal(2m, values["W03"]); // the withdrawn offer was published in 2025
        Assert.Equal(values["W03"], stats["offersPublished"]!.GetValue<decimal>());
        var previous = ValuesOf(await (await hubei.GetAsync("/api/v1/indicators/values?region=420921&period=2024")).OkJsonAsync());
        var previousStats = await (await hubei.GetAsync("/api/v1/market/stats?region=420921&from=2024-01-01&to=2024-12-31")).OkJsonAsync();
        Assert.Equal((1m, 7_000m), (previous["E05"], previous["E06"]));
        Assert.Equal((previous["E05"], previous["E06"]), (previousStats["deals"]!.GetValue<decimal>(), previousStats["dealValueYuan"]!.GetValue<decimal>()));

        // Needs (by publication, also when withdrawn later), workers and organizations (by registration) and service tickets
        // (by the day served): the same figure on both for every statistic they share.
        (Need Need, ResponsePlan? Plan) PublishedNeed(DateTimeOffset at)
        {
            var need = Need.Create(new NeedData("测试需求", "需要技术咨询与现场指导。", buyer.Id, ["C13"], ["520"], null, null, null, "420921"), staff, codes, at.ToUniversalTime());
            need.Submit(staff, at.ToUniversalTime());
            return (need, need.Publish(staff, WorkingCalendar.WeekendsOnly, at: at.ToUniversalTime()));
        }

        var withdrawnNeed = PublishedNeed(new DateTimeOffset(2025, 3, 1, 9, 0, 0, Cst));
        withdrawnNeed.Need.Withdraw(staff, "需求已解决", new DateTimeOffset(2025, 9, 1, 9, 0, 0, Cst).ToUniversalTime());
        var laterNeed = PublishedNeed(new DateTimeOffset(2025, 7, 1, 9, 0, 0, Cst));
        var olderNeed = PublishedNeed(new DateTimeOffset(2024, 11, 1, 9, 0, 0, Cst));
        var ticketStaff = new Actor("stats-ticket-staff", "统计测试", UserRole.ServiceCenterStaff, "420921");
        await AddAsync(
            new object[] { withdrawnNeed.Need, laterNeed.Need, olderNeed.Need }.Concat(new[] { withdrawnNeed.Plan, laterNeed.Plan, olderNeed.Plan }.OfType<object>())
                .Append(Worker("420921", new DateTimeOffset(2025, 2, 2, 9, 0, 0, Cst))).Append(Org("420921", new DateTimeOffset(2025, 2, 3, 9, 0, 0, Cst)))
                .Append(ServiceTicket.Create(new ServiceTicketData(ServiceTicketKind.Consultation, null, null, "来访企业", new DateOnly(2025, 5, 5), "420921"), ticketStaff))
                .Append(ServiceTicket.Create(new ServiceTicketData(ServiceTicketKind.Visit, null, null, "走访企业", new DateOnly(2024, 5, 5), "420921"), ticketStaff))
                .ToArray());
        values = ValuesOf(await (await hubei.GetAsync("/api/v1/indicators/values?region=420921&period=2025")).OkJsonAsync());
        stats = await (await hubei.GetAsync("/api/v1/market/stats?region=420921&from=2025-01-01&to=2025-12-31")).OkJsonAsync();
        Assert.Equal((2m, 1m, 1m), (values["E02"], values["W02"], values["E10"]));
        Assert.Equal(values["E02"], stats["needsPublished"]!.GetValue<decimal>());
        Assert.Equal(values["W02"], stats["workersRegistered"]!.GetValue<decimal>());
        Assert.Equal(values["E10"], stats["serviceTickets"]!.GetValue<decimal>());
        // The cumulative ones: everything up to the period's end (an empty from, as a form sends it).
        var upToEnd = await (await hubei.GetAsync("/api/v1/market/stats?region=420921&from=&to=2025-12-31")).OkJsonAsync();
        Assert.Equal((2m, 2m), (values["W01"], values["E01"]));
        Assert.Equal((values["W01"], values["E01"]), (upToEnd["workersRegistered"]!.GetValue<decimal>(), upToEnd["organizationsRegistered"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task A_record_at_CST_midnight_counts_in_the_new_year()
    {
        await AddAsync(
            Worker("420703", new DateTimeOffset(2024, 12, 31, 16, 30, 0, TimeSpan.Zero)),
            Worker("420703", new DateTimeOffset(2024, 12, 31, 15, 59, 0, TimeSpan.Zero)));
        var hubei = await AdminOfAsync("42");
        async Task<decimal?> W02(string period) =>
            ValuesOf(await (await hubei.GetAsync($"/api/v1/indicators/values?region=420703&period={period}")).OkJsonAsync())["W02"];
        Assert.Equal(1m, await W02("2025"));
        Assert.Equal(1m, await W02("2025-01"));
        Assert.Equal(1m, await W02("2025Q1"));
        Assert.Equal(1m, await W02("2024"));
        Assert.Equal(1m, await W02("2024-12"));
        Assert.Equal(0m, await W02("2024-11"));
    }

    [Fact]
    public async Task Cumulative_values_read_whole_years_and_follow_record_changes()
    {
        // 公安县 421022: registrations in four years; the cumulative reads whole years from the year rollups.
        var removed = Worker("421022", new DateTimeOffset(2023, 3, 10, 9, 0, 0, Cst));
        await AddAsync(
            Worker("421022", new DateTimeOffset(2022, 6, 15, 9, 0, 0, Cst)),
            removed,
            Worker("421022", new DateTimeOffset(2024, 12, 31, 23, 30, 0, Cst)),
            Worker("421022", new DateTimeOffset(2025, 1, 5, 9, 0, 0, Cst)),
            Org("421022", new DateTimeOffset(2023, 7, 1, 9, 0, 0, Cst)));
        var hubei = await AdminOfAsync("42");
        async Task<Dictionary<string, decimal?>> Values(string period) =>
            ValuesOf(await (await hubei.GetAsync($"/api/v1/indicators/values?region=421022&period={period}")).OkJsonAsync());
        async Task<Dictionary<string, decimal?>> Ranked(string period)
        {
            var explain = await (await hubei.GetAsync($"/api/v1/indicators/rankings/explain?region=421022&period={period}&weightSet=0")).OkJsonAsync();
            return explain["indicators"]!.AsArray().ToDictionary(i => i!["code"]!.GetValue<string>(), i => i!["value"]?.GetValue<decimal?>());
        }

        var y2025 = await Values("2025");
        Assert.Equal(4m, y2025["W01"]);
        Assert.Equal(1m, y2025["W02"]);
        Assert.Equal(1m, y2025["E01"]);
        Assert.Equal(3m, (await Values("2024"))["W01"]);
        Assert.Equal(3m, (await Values("2024Q4"))["W01"]);
        Assert.Equal(1m, (await Values("2023-03"))["W02"]);
        Assert.Equal(2m, (await Values("2023-06"))["W01"]);
        var ranked = await Ranked("2025");
        Assert.Equal(4m, ranked["W01"]);
        Assert.Equal(1m, ranked["E01"]);
        Assert.Equal(1m, ranked["W02"]);
        Assert.Equal(3m, (await Ranked("2024"))["W01"]);
        Assert.Equal(4m, (await Ranked("2025Q1"))["W01"]);

        // Removing the 2023 registration rebuilds March 2023 and the year 2023: every later cumulative drops by one.
        await app.QueryAsync(async db =>
        {
            db.Remove(await db.ScienceWorkers.SingleAsync(w => w.Id == removed.Id));
            return await db.SaveChangesAsync();
        });
        Assert.Equal(3m, (await Values("2025"))["W01"]);
        Assert.Equal(0m, (await Values("2023"))["W02"]);
        Assert.Equal(1m, (await Values("2023"))["W01"]);
        Assert.Equal(3m, (await Ranked("2025"))["W01"]);
        Assert.Equal(2m, (await Ranked("2024"))["W01"]);
        Assert.Equal(1m, (await Ranked("2023"))["E01"]);
    }

    [Fact]
    public async Task Incremental_refreshes_keep_every_rollup_equal_to_the_facts_it_sums()
    {
        // 石首市 421081 and 松滋市 421087 (荆州 4210): the refresh after a change rebuilds only the rollup cells the
        // changed records' old and new facts fall in. Removing records must leave no stale cell behind: a day, month
        // and year of 松滋市 that lose their only record have no rollup row at all.
        var kept = Worker("421081", new DateTimeOffset(2024, 5, 10, 9, 0, 0, Cst));
        var removedWorker = Worker("421081", new DateTimeOffset(2024, 5, 10, 15, 0, 0, Cst));
        var removedOrg = Org("421087", new DateTimeOffset(2024, 6, 1, 9, 0, 0, Cst));
        await AddAsync(kept, removedWorker, removedOrg, Worker("421087", new DateTimeOffset(2024, 8, 2, 9, 0, 0, Cst)));
        var hubei = await AdminOfAsync("42");
        async Task<Dictionary<string, decimal?>> Values(string region, string period) =>
            ValuesOf(await (await hubei.GetAsync($"/api/v1/indicators/values?region={region}&period={period}")).OkJsonAsync());

        Assert.Equal(2m, (await Values("421081", "2024-05"))["W01"]);
        Assert.Equal(1m, (await Values("421087", "2024-06"))["E01"]);
        await AssertRollupsSumTheFactsAsync();

        await app.QueryAsync(async db =>
        {
            db.Remove(await db.ScienceWorkers.SingleAsync(w => w.Id == removedWorker.Id));
            db.Remove(await db.Organizations.SingleAsync(o => o.Id == removedOrg.Id));
            return await db.SaveChangesAsync();
        });
        Assert.Equal(1m, (await Values("421081", "2024-05"))["W01"]);
        Assert.Equal(0m, (await Values("421087", "2024"))["E01"]);
        Assert.Equal(1m, (await Values("421087", "2024"))["W01"]);
        await AssertRollupsSumTheFactsAsync();
        var stale = await app.QueryAsync(db => db.IndicatorRollups
            .Where(r => r.RegionCode == "421087" && r.Kind == FactKind.OrganizationRegistered && r.Day >= 20240101 && r.Day <= 20241231)
            .CountAsync());
        Assert.Equal(0, stale);
    }

    /// <summary>
    /// In one snapshot: every day, month and year rollup of 荆州 (4210) and its ancestors over 2024 equals the sum of the
    /// facts it covers, and no rollup row exists where no fact does.
    /// </summary>
    private Task AssertRollupsSumTheFactsAsync() => app.QueryAsync(async db =>
    {
        await using var tx = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable);
        var rollups = await db.IndicatorRollups.AsNoTracking()
            .Where(r => (r.RegionCode == "42" || r.RegionCode.StartsWith("4210")) && r.Day >= 20240101 && r.Day <= 20241231)
            .ToListAsync();
        var hubeiFacts = await db.IndicatorFacts.AsNoTracking()
            .Where(f => f.RegionCode.StartsWith("42") && f.Day >= 20240101 && f.Day <= 20241231)
            .Select(f => new { f.RegionCode, f.Day, f.Kind, f.Count, f.AmountFen })
            .ToListAsync();
        Assert.Contains(hubeiFacts, f => f.RegionCode.StartsWith("4210", StringComparison.Ordinal));
        foreach (var grain in new[] { RollupGrain.Day, RollupGrain.Month, RollupGrain.Year })
        {
            int Key(int day) => grain switch
            {
                RollupGrain.Day => day,
                RollupGrain.Month => (day / 100 * 100) + 1,
                _ => (day / 10000 * 10000) + 101,
            };

            var expected = hubeiFacts
                .SelectMany(f => new[] { 2, 4, 6, 9 }.Where(l => f.RegionCode.Length >= l).Select(l => (Region: f.RegionCode[..l], f.Day, f.Kind, f.Count, f.AmountFen)))
                .Where(f => f.Region == "42" || f.Region.StartsWith("4210", StringComparison.Ordinal))
                .GroupBy(f => (f.Region, Day: Key(f.Day), f.Kind))
                .ToDictionary(g => $"{g.Key.Region}/{g.Key.Day}/{g.Key.Kind}", g => (Count: g.Sum(f => (long)f.Count), Amount: g.Sum(f => f.AmountFen)));
            var actual = rollups.Where(r => r.Grain == grain)
                .ToDictionary(r => $"{r.RegionCode}/{r.Day}/{r.Kind}", r => (Count: r.Count, Amount: r.AmountFen));
            Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(a => a.Key));
        }

        return true;
    });

    [Fact]
    public async Task A_ranking_read_twice_is_the_same_and_a_record_change_is_ranked_at_once()
    {
        // 赣州市 3607 (江西 36): no other test writes there. The ranking is kept by the rollups' version; a new record must
        // move it without waiting for anything to expire, and a reader after it must see it.
        var at = new DateTimeOffset(2025, 4, 4, 10, 0, 0, Cst);
        await AddAsync(Worker("360702", at), Worker("360702", at), Org("360703", at));
        var jiangxi = await AdminOfAsync("36");
        const string url = "/api/v1/indicators/rankings?region=360702&period=2025&weightSet=0";
        var first = await (await jiangxi.GetAsync(url)).OkJsonAsync();
        var second = await (await jiangxi.GetAsync(url)).OkJsonAsync();

        // The same ranking; each answer says the time of its own read (asOf).
        Assert.True(second["asOf"]!.GetValue<DateTimeOffset>() >= first["asOf"]!.GetValue<DateTimeOffset>());
        first.AsObject().Remove("asOf");
        second.AsObject().Remove("asOf");
        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        decimal? Score(JsonNode ranking, string code) =>
            ranking["entries"]!.AsArray().First(e => e!["regionCode"]!.GetValue<string>() == code)!["score"]?.GetValue<decimal?>();
        Assert.NotNull(Score(first, "360702"));
        Assert.Null(Score(first, "360722"));

        await AddAsync(Worker("360722", at), Org("360722", at), Org("360722", at));
        var third = await (await jiangxi.GetAsync(url)).OkJsonAsync();
        Assert.NotNull(Score(third, "360722"));
        Assert.NotEqual(first.ToJsonString(), third.ToJsonString());
        var values = ValuesOf(await (await jiangxi.GetAsync("/api/v1/indicators/values?region=360722&period=2025")).OkJsonAsync());
        Assert.Equal(1m, values["W01"]);
    }

    [Fact]
    public async Task A_kept_ranking_brought_up_to_date_after_a_write_into_its_period_equals_one_ranked_afresh()
    {
        // 昆明市 5301 (云南 53): no other test writes there. After a write into 2025, the kept 2025 ranking is updated from the
        // changed peers' rollups only (IndicatorEngine.RerankAsync); it must equal a ranking computed from scratch, and the
        // dashboard's values taken from it must equal the values API's.
        var at = new DateTimeOffset(2025, 3, 3, 10, 0, 0, Cst);
        await AddAsync(Worker("530102", at), Worker("530102", at), Org("530103", at), Worker("530111", at.AddMonths(-14)));
        var yunnan = await AdminOfAsync("53");
        const string url = "/api/v1/indicators/rankings?region=530102&period=2025&weightSet=0";
        var before = await (await yunnan.GetAsync(url)).OkJsonAsync();
        await AddAsync(Worker("530103", at.AddMonths(5)), Org("530111", at.AddMonths(2)), Org("530111", at.AddMonths(2)), Worker("530102", at.AddDays(1)));
        var after = await (await yunnan.GetAsync(url)).OkJsonAsync();
        Assert.NotEqual(before.ToJsonString(), after.ToJsonString());

        var fresh = await app.QueryAsync(db => new Kexie.Data.Indicators.IndicatorEngine(db).RankAsync(Kexie.Data.Indicators.PeerGroup.Of("530102"), Period.OfYear(2025), WeightSet.BuiltInDefault));
        var entries = after["entries"]!.AsArray().ToDictionary(e => e!["regionCode"]!.GetValue<string>());
        Assert.Equal(fresh.Peers.Count, entries.Count);
        foreach (var entry in fresh.Current.Entries)
        {
            Assert.Equal(entry.Score, entries[entry.RegionCode]!["score"]?.GetValue<decimal?>());
            Assert.Equal(entry.Rank, entries[entry.RegionCode]!["rank"]?.GetValue<int?>());
            Assert.Equal(fresh.Previous.Find(entry.RegionCode)?.Rank, entries[entry.RegionCode]!["previousRank"]?.GetValue<int?>());
        }

        Assert.NotNull(entries["530111"]!["score"]?.GetValue<decimal?>());
        using var scope = app.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<Kexie.Web.Features.Indicators.IndicatorService>();
        foreach (var code in new[] { "530102", "530103", "530111" })
        {
            var fromRanking = await service.ValuesAsync(fresh, code, CancellationToken.None);
            var api = await (await yunnan.GetAsync($"/api/v1/indicators/values?region={code}&period=2025")).OkJsonAsync();
            var apiValues = api["values"]!.AsArray().ToDictionary(v => v!["code"]!.GetValue<string>(), v => (Value: v!["value"]?.GetValue<decimal?>(), Previous: v!["previousValue"]?.GetValue<decimal?>()));
            Assert.Equal(apiValues.Count, fromRanking.Values.Count);
            foreach (var value in fromRanking.Values)
            {
                Assert.Equal(apiValues[value.Code], (value.Value, value.PreviousValue));
            }
        }
    }

    [Fact]
    public async Task A_kept_ranking_shows_a_renamed_region_by_its_new_name_at_once()
    {
        // 兰州市 6201 (甘肃 62): no other test uses it. The ranking is kept by the rollups' version, which a rename does not
        // change; the names are read when the ranking is answered.
        await AddAsync(Worker("620102", new DateTimeOffset(2025, 5, 5, 10, 0, 0, Cst)));
        var gansu = await AdminOfAsync("62");
        const string url = "/api/v1/indicators/rankings?region=620102&period=2025&weightSet=0";
        string? NameOf(JsonNode ranking, string code) =>
            ranking["entries"]!.AsArray().First(e => e!["regionCode"]!.GetValue<string>() == code)!["regionName"]!.GetValue<string>();
        var before = await (await gansu.GetAsync(url)).OkJsonAsync();
        var original = await app.QueryAsync(db => db.Regions.Where(r => r.Code == "620102").Select(r => r.Name).SingleAsync());
        Assert.Equal(original, NameOf(before, "620102"));
        try
        {
            await app.QueryAsync(db => db.Regions.Where(r => r.Code == "620102").ExecuteUpdateAsync(u => u.SetProperty(r => r.Name, "兰州改名测试区")));
            var after = await (await gansu.GetAsync(url)).OkJsonAsync();
            Assert.Equal("兰州改名测试区", NameOf(after, "620102"));
            var explain = await (await gansu.GetAsync("/api/v1/indicators/rankings/explain?region=620102&period=2025&weightSet=0")).OkJsonAsync();
            Assert.Contains("兰州改名测试区", explain.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }
        finally
        {
            await app.QueryAsync(db => db.Regions.Where(r => r.Code == "620102").ExecuteUpdateAsync(u => u.SetProperty(r => r.Name, original)));
        }
    }

    [Fact]
    public async Task Townships_rank_with_ties_empty_regions_last_and_a_new_weight_version_reorders()
    {
        // 襄城区 420602 has 9 townships; three get activity in 2025, six stay empty.
        var at = new DateTimeOffset(2025, 5, 5, 10, 0, 0, Cst);
        await AddAsync(
            Worker("420602001", at), Worker("420602001", at),
            Worker("420602002", at), Worker("420602002", at),
            Worker("420602003", at), Org("420602003", at), Org("420602003", at), Org("420602003", at));
        var hubei = await AdminOfAsync("42");
        var ranking = await (await hubei.GetAsync("/api/v1/indicators/rankings?region=420602001&period=2025&weightSet=0")).OkJsonAsync();
        Assert.Equal("全区9个乡镇（街道）", ranking["peerDescription"]!.GetValue<string>());
        var entries = ranking["entries"]!.AsArray();
        Assert.Equal(9, entries.Count);
        JsonNode Entry(string code) => entries.First(e => e!["regionCode"]!.GetValue<string>() == code)!;
        // Hand computation in docs/decisions.md ("indicator scoring"): W = 30/30/15 (W01 at 2 and W02 score; W03–W09 are 0 of
        // a weight of 10); E = 22.2222 for 003, the only one with enterprise data (001 and 002 have none: no score, adding 0);
        // S and D have data nowhere, so they do not count: composite (30·W + 40·E) / 70. The six empty townships have no score and no rank.
        Assert.Equal(12.8571m, Entry("420602001")["score"]!.GetValue<decimal>());
        Assert.Equal(12.8571m, Entry("420602002")["score"]!.GetValue<decimal>());
        Assert.Equal(19.1270m, Entry("420602003")["score"]!.GetValue<decimal>());
        Assert.Equal(2, Entry("420602001")["rank"]!.GetValue<int>());
        Assert.Equal(2, Entry("420602002")["rank"]!.GetValue<int>());
        Assert.Equal(1, Entry("420602003")["rank"]!.GetValue<int>());
        var empty = entries.Where(e => e!["regionCode"]!.GetValue<string>() is not ("420602001" or "420602002" or "420602003")).ToList();
        Assert.Equal(6, empty.Count);
        Assert.All(empty, e => Assert.Null(e!["rank"]?.GetValue<int?>()));
        Assert.All(empty, e => Assert.Null(e!["score"]?.GetValue<decimal?>()));
        Assert.All(empty, e => Assert.All(e!["groups"]!.AsArray(), g => Assert.Null(g!["score"]?.GetValue<decimal?>())));
        var excluded = ranking["excludedIndicators"]!.AsArray().Select(x => x!.GetValue<string>()).ToList();
        Assert.Contains("E03", excluded);
        Assert.Contains("S01", excluded);
        Assert.Contains("D01", excluded);
        var enterprise = Entry("420602003")["groups"]!.AsArray().First(g => g!["group"]!.GetValue<string>() == "ServingEnterprises")!;
        Assert.Equal(1, enterprise["rank"]!.GetValue<int>());
        var noEnterprise = Entry("420602001")["groups"]!.AsArray().First(g => g!["group"]!.GetValue<string>() == "ServingEnterprises")!;
        Assert.Null(noEnterprise["score"]?.GetValue<decimal?>());
        Assert.Null(noEnterprise["rank"]?.GetValue<int?>());
        var literacy = Entry("420602003")["groups"]!.AsArray().First(g => g!["group"]!.GetValue<string>() == "ScienceLiteracy")!;
        Assert.Null(literacy["rank"]?.GetValue<int?>()); // 暂无数据, not a nine-way tie at zero

        var admin = await app.SignInAsync("admin");
        var created = await (await admin.PostJsonAsync("/api/v1/indicators/weight-sets", new
        {
            name = "只看企业服务",
            groupWeights = new Dictionary<string, decimal> { ["ServingEnterprises"] = 100 },
            indicatorWeights = IndicatorCatalogue.All.ToDictionary(i => i.Code, i => i.Code switch { "E06" or "W01" or "E03" => 2m, "E11" or "W10" or "W11" or "W12" or "W13" => 0m, _ => 1m }), // the default's indicator weights
        })).OkJsonAsync();
        var version = created["version"]!.GetValue<int>();
        Assert.True(version >= 1);
        var reweighted = await (await hubei.GetAsync($"/api/v1/indicators/rankings?region=420602001&period=2025&weightSet={version}")).OkJsonAsync();
        Assert.Equal(version, reweighted["weightSet"]!["version"]!.GetValue<int>());
        var top = reweighted["entries"]!.AsArray()[0]!;
        Assert.Equal("420602003", top["regionCode"]!.GetValue<string>());
        Assert.Equal(22.2222m, top["score"]!.GetValue<decimal>());
        // Only enterprise services count now, and 001 has none: no rank.
        Assert.Null(reweighted["entries"]!.AsArray().First(e => e!["regionCode"]!.GetValue<string>() == "420602001")!["rank"]?.GetValue<int?>());

        var xlsx = await hubei.GetAsync("/api/v1/indicators/rankings/export.xlsx?region=420602001&period=2025&weightSet=0");
        var rows = MiniExcelLibs.MiniExcel.Query(await xlsx.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(9, rows.Count);

        // The newest weight set is what reports use: leave the default's weights newest again for the other tests.
        await NewestWeightsAreTheDefaultsAsync();
    }

    /// <summary>Publishes the built-in default's weights as the newest set (reports rank with the newest weights).</summary>
    private async Task NewestWeightsAreTheDefaultsAsync()
    {
        var defaults = Kexie.Domain.Indicators.WeightSet.BuiltInDefault;
        await (await (await app.SignInAsync("admin")).PostJsonAsync("/api/v1/indicators/weight-sets", new
        {
            name = "默认权重",
            groupWeights = defaults.GroupWeights.ToDictionary(g => g.Key.ToString(), g => g.Value),
            indicatorWeights = defaults.IndicatorWeights,
        })).OkJsonAsync();
    }

    [Fact]
    public async Task Weight_sets_are_for_province_admins_and_validated()
    {
        var county = await app.SignInAsync("daying");
        var body = new { name = "县级自定", groupWeights = new Dictionary<string, decimal> { ["ServingEnterprises"] = 1 }, indicatorWeights = new Dictionary<string, decimal> { ["E01"] = 1 } };
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostJsonAsync("/api/v1/indicators/weight-sets", body)).StatusCode);
        var province = await app.SignInAsync("sichuan");
        await (await province.PostJsonAsync("/api/v1/indicators/weight-sets", body with { indicatorWeights = new Dictionary<string, decimal> { ["NOPE"] = 1 } }))
            .AssertValidationProblemAsync("indicatorWeights");
        await (await province.PostJsonAsync("/api/v1/indicators/weight-sets", body with { groupWeights = new Dictionary<string, decimal> { ["ServingEnterprises"] = -1 } }))
            .AssertValidationProblemAsync("groupWeights");
        var sets = await (await county.GetAsync("/api/v1/indicators/weight-sets")).OkJsonAsync();
        Assert.Contains(sets.AsArray(), s => s!["version"]!.GetValue<int>() == 0);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/indicators/rankings?region=510923&period=2025")).StatusCode);
        var catalogue = await (await app.Anonymous().GetAsync("/api/v1/indicators/catalogue")).OkJsonAsync();
        Assert.True(catalogue.AsArray().Count(i => i!["available"]!.GetValue<bool>()) >= 12);
    }

    [Fact]
    public async Task The_report_counts_societies_agencies_experts_and_service_centre_work_from_the_records()
    {
        // 罗田县 421123: no other test writes here.
        const string county = "421123";
        var at = new DateTimeOffset(2025, 3, 1, 10, 0, 0, Cst).ToUniversalTime();
        Kexie.Domain.Directory.Association Society(string name, AssociationKind kind)
        {
            var a = Kexie.Domain.Directory.Association.Create(new AssociationData(name, kind, county, null, null, null));
            a.CreatedAt = at;
            return a;
        }

        var admitted = ServiceAgency.Create(new ServiceAgencyData("罗田科技咨询有限公司", Kexie.Data.Seeding.DemoSeeder.CreditCodeFor(county, Random.Shared, OrganizationKind.Enterprise), "技术咨询", county, null, null));
        admitted.Admit(new DateOnly(2025, 4, 1));
        var applied = ServiceAgency.Create(new ServiceAgencyData("罗田检测服务中心", Kexie.Data.Seeding.DemoSeeder.CreditCodeFor(county, Random.Shared, OrganizationKind.Enterprise), "检验检测", county, null, null));
        var expertWorker = Worker(county + "001", at);
        var withdrawnWorker = Worker(county, at);
        var expert = Kexie.Domain.Talent.Expert.Admit(expertWorker, new Kexie.Domain.Talent.ExpertData(Kexie.Domain.Talent.ExpertLevel.County, "板栗栽培", ["板栗丰产栽培"], null), new DateOnly(2025, 5, 1));
        var withdrawn = Kexie.Domain.Talent.Expert.Admit(withdrawnWorker, new Kexie.Domain.Talent.ExpertData(Kexie.Domain.Talent.ExpertLevel.County, "茶叶加工", ["绿茶加工"], null), new DateOnly(2025, 5, 1));
        withdrawn.Withdraw("调离本县", new DateOnly(2025, 6, 1));
        var staff = new Actor("report-staff-421123", "罗田专员", UserRole.ServiceCenterStaff, county);
        ServiceTicket Ticket(ServiceTicketKind kind, DateOnly on, int? people = null) =>
            ServiceTicket.Create(new ServiceTicketData(kind, null, null, "来访企业", on, county, ParticipantCount: people), staff);
        await AddAsync(
            Society("罗田县农学会", AssociationKind.Society), Society("罗田县茶叶协会", AssociationKind.Association), Society("罗田县板栗农技协", AssociationKind.RuralTechAssociation),
            Society("罗田县科协", AssociationKind.Kexie), admitted, applied, expertWorker, withdrawnWorker);
        await AddAsync(expert, withdrawn,
            Ticket(ServiceTicketKind.Consultation, new DateOnly(2025, 6, 1), 5), Ticket(ServiceTicketKind.Visit, new DateOnly(2025, 7, 1)),
            Ticket(ServiceTicketKind.Training, new DateOnly(2025, 8, 1), 40), Ticket(ServiceTicketKind.Training, new DateOnly(2025, 9, 1), 25),
            Ticket(ServiceTicketKind.Consultation, new DateOnly(2024, 12, 31), 9), Ticket(ServiceTicketKind.RegistrationHelp, new DateOnly(2025, 6, 2)));

        var admin = await AdminOfAsync(county);
        // As the year page's form sends it: the date fields left empty mean a calendar year.
        using var docx = WordprocessingDocument.Open(new MemoryStream(await (await admin.GetAsync($"/api/v1/indicators/reports/annual?region={county}&year=2025&from=&asOf=&format=docx")).Content.ReadAsByteArrayAsync()), false);
        var text = docx.MainDocumentPart!.Document!.Body!.InnerText;
        var badDay = await admin.GetAsync($"/api/v1/indicators/reports/annual?region={county}&year=2025&from=2025-13-01");
        Assert.Equal(HttpStatusCode.BadRequest, badDay.StatusCode);
        Assert.Contains("起始日期", (await badDay.ReadNodeAsync())["errors"]!["from"]![0]!.GetValue<string>());
        // Societies and associations 2 (the 农技协 apart, the 科协 not counted); one agency admitted; one expert still in
        // the database; consultations and visits 5 + 1 people; two trainings; the 2024 consultation is not this year's.
        Assert.Contains("截至2025年12月31日，全县登记学会、协会2个、农村专业技术协会1个，入驻第三方服务机构1家，专家库入库专家1名；2025年，科技云服务中心接待咨询、上门服务6人次，组织培训2场次。", text);
        using var june = WordprocessingDocument.Open(new MemoryStream(await (await admin.GetAsync($"/api/v1/indicators/reports/annual?region={county}&year=2025&asOf=2025-05-20")).Content.ReadAsByteArrayAsync()), false);
        Assert.Contains("截至2025年5月20日，全县登记学会、协会2个、农村专业技术协会1个，入驻第三方服务机构1家，专家库入库专家2名；2025年以来，科技云服务中心接待咨询、上门服务0人次，组织培训0场次。", june.MainDocumentPart!.Document!.Body!.InnerText);
    }

    [Fact]
    public async Task In_the_province_view_provinces_without_data_have_no_score_and_no_rank()
    {
        // 2020: the demo's Sichuan activity; provinces without any record up to the end of 2020 used to score 3.33 each
        // (zero timeouts) and tie for second.
        var admin = await app.SignInAsync("admin");
        var ranking = await (await admin.GetAsync("/api/v1/indicators/rankings?region=51&period=2020&weightSet=0")).OkJsonAsync();
        var entries = ranking["entries"]!.AsArray();
        Assert.True(entries.Count >= 31);
        var withRecords = (await app.QueryAsync(db => db.IndicatorFacts.Where(f => f.Day <= 20201231).Select(f => f.RegionCode.Substring(0, 2)).Distinct().ToListAsync())).ToHashSet();
        Assert.Contains("51", withRecords);
        string Code(JsonNode? e) => e!["regionCode"]!.GetValue<string>();
        var empty = entries.Where(e => !withRecords.Contains(Code(e))).ToList();
        Assert.True(empty.Count >= 20);
        Assert.All(empty, e =>
        {
            Assert.Null(e!["score"]?.GetValue<decimal?>());
            Assert.Null(e["rank"]?.GetValue<int?>());
            Assert.All(e["groups"]!.AsArray(), g => Assert.Null(g!["rank"]?.GetValue<int?>()));
        });
        var sichuan = entries.First(e => Code(e) == "51")!;
        Assert.NotNull(sichuan["rank"]?.GetValue<int?>());
        Assert.All(entries.Where(e => e!["rank"] is not null), e => Assert.Contains(Code(e), withRecords));

        // 需求超时未响应 (E04, fewer is better) is compared among provinces with enterprise data only: its range is theirs, never
        // the zero timeouts of provinces that had no needs, and a province without enterprise data has no E04 score at all.
        var enterprises = ServiceGroup.ServingEnterprises.Chinese();
        bool Active(JsonNode? e) => e!["groups"]!.AsArray().Any(g => g!["groupName"]!.GetValue<string>() == enterprises && g["score"] is not null);
        async Task<JsonNode> E04Async(string province) =>
            (await (await admin.GetAsync($"/api/v1/indicators/rankings/explain?region={province}&period=2020&weightSet=0")).OkJsonAsync())["indicators"]!.AsArray()
            .First(i => i!["code"]!.GetValue<string>() == "E04")!;
        var active = new Dictionary<string, decimal?>();
        foreach (var province in entries.Where(Active).Select(Code))
        {
            active[province] = (await E04Async(province))["value"]?.GetValue<decimal>();
        }

        Assert.Contains("51", active.Keys);
        var values = active.Values.OfType<decimal>().ToList();
        var e04 = await E04Async("51");
        Assert.Equal(
            decimal.Round(Scoring.Normalise(IndicatorCatalogue.Get("E04"), e04["value"]?.GetValue<decimal>(), values.Min(), values.Max()), Scoring.ScoreDecimals),
            e04["normalised"]!.GetValue<decimal>());
        if (active.Count == 1)
        {
            Assert.Equal(100m, e04["normalised"]!.GetValue<decimal>()); // alone with data: the best, not 0 against 30 zeros
        }

        var withoutNeeds = Code(empty[0]);
        Assert.Null((await E04Async(withoutNeeds))["normalised"]?.GetValue<decimal?>());
    }

    [Theory]
    [InlineData("4304", "个市（州）")] // the city view: 衡阳市 among 湖南's cities
    [InlineData("430421", "个县（市、区）")] // the county view: 衡阳县 among 湖南's counties
    public async Task In_the_city_and_county_views_peers_without_data_have_no_score_and_no_rank(string region, string peers)
    {
        // 湖南 has no demo activity (Sichuan's demo covers every city and county of Sichuan): one worker registered in 衡阳县
        // this year gives it data, and the other cities or counties have none unless a test wrote there.
        var admin = await app.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync("/api/v1/workers", new { name = "无数据规则", gender = "Female", birthYear = 1985, employer = "衡阳县农业农村局", title = "农艺师", disciplineCodes = new[] { "21030" }, education = "大学本科", phone = KexieApp.NewPhone(), regionCode = "430421101", isPublicProfile = false })).StatusCode);
        var year = ChinaNowYear();
        var ranking = await (await admin.GetAsync($"/api/v1/indicators/rankings?region={region}&period={year}&weightSet=0")).OkJsonAsync();
        Assert.EndsWith(peers, ranking["peerDescription"]!.GetValue<string>());
        var entries = ranking["entries"]!.AsArray();
        var length = region.Length;
        var last = (year * 10000) + 1231;
        // Read after the ranking: records written meanwhile only add regions with data.
        var withRecords = (await app.QueryAsync(db => db.IndicatorFacts.Where(f => f.Day <= last && f.RegionCode.StartsWith("43") && f.RegionCode.Length >= length)
            .Select(f => f.RegionCode.Substring(0, length)).Distinct().ToListAsync())).ToHashSet();
        string Code(JsonNode? e) => e!["regionCode"]!.GetValue<string>();
        Assert.Contains(region, withRecords);
        var empty = entries.Where(e => !withRecords.Contains(Code(e))).ToList();
        Assert.True(empty.Count >= 5, $"{empty.Count} of {entries.Count} without data");
        Assert.All(empty, e =>
        {
            Assert.Null(e!["score"]?.GetValue<decimal?>());
            Assert.Null(e["rank"]?.GetValue<int?>());
            Assert.All(e["groups"]!.AsArray(), g => Assert.Null(g!["rank"]?.GetValue<int?>()));
        });
        Assert.All(entries.Where(e => e!["rank"] is not null), e => Assert.Contains(Code(e), withRecords));
        Assert.NotNull(entries.First(e => Code(e) == region)!["rank"]?.GetValue<int?>());
        // The unranked come last, and the rule is stated with the ranking.
        var ranks = entries.Select(e => e!["rank"]?.GetValue<int?>()).ToList();
        Assert.Equal(ranks.Where(r => r is not null), ranks.TakeWhile(r => r is not null));
        Assert.Contains("暂无数据", ranking["missingDataRule"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_183_Sichuan_counties_rank_and_traceability_stays_in_scope()
    {
        var daying = await app.SignInAsync("daying");
        var ranking = await (await daying.GetAsync("/api/v1/indicators/rankings?region=510923&period=2021&weightSet=0")).OkJsonAsync();
        Assert.Equal(183, ranking["peerCount"]!.GetValue<int>());
        Assert.Equal("全省183个县（市、区）", ranking["peerDescription"]!.GetValue<string>());
        var own = ranking["entries"]!.AsArray().First(e => e!["regionCode"]!.GetValue<string>() == "510923")!;
        Assert.InRange(own["rank"]!.GetValue<int>(), 1, 183);
        Assert.NotNull(own["rankChange"]);

        var explain = await (await daying.GetAsync("/api/v1/indicators/rankings/explain?region=510923&period=2021&weightSet=0")).OkJsonAsync();
        Assert.Equal(own["rank"]!.GetValue<int>(), explain["rank"]!.GetValue<int>());
        var w02 = explain["indicators"]!.AsArray().First(i => i!["code"]!.GetValue<string>() == "W02")!;
        var total = explain["indicators"]!.AsArray().Where(i => i!["contribution"] is not null).Sum(i => i!["contribution"]!.GetValue<decimal>());
        Assert.InRange(total, explain["score"]!.GetValue<decimal>() - 0.01m, explain["score"]!.GetValue<decimal>() + 0.01m);

        var trace = await (await daying.GetAsync(w02["traceUrl"]!.GetValue<string>() + "&pageSize=500")).OkJsonAsync();
        Assert.Equal(w02["value"]!.GetValue<decimal>(), trace["records"]!.AsArray().Sum(r => r!["count"]!.GetValue<int>()));

        var shehong = await app.SignInAsync("shehong");
        Assert.Equal(HttpStatusCode.OK, (await shehong.GetAsync("/api/v1/indicators/rankings?region=510923&period=2021")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.GetAsync("/api/v1/indicators/trace?region=510923&period=2021&indicator=W02")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("worker")).GetAsync("/api/v1/indicators/rankings?region=510923&period=2021")).StatusCode);

        // A record created through the API is traceable to its id.
        var phone = KexieApp.NewPhone();
        var created = await (await daying.PostJsonAsync("/api/v1/workers", new { name = "追溯测试", gender = "Male", birthYear = 1980, employer = "大英县农业技术推广中心", title = "高级农艺师", disciplineCodes = new[] { "21030" }, education = "大学本科", phone, regionCode = "510923101", isPublicProfile = false })).OkJsonAsync();
        var year = ChinaNowYear();
        var records = await (await daying.GetAsync($"/api/v1/indicators/trace?region=510923101&period={year}&indicator=W02&pageSize=500")).OkJsonAsync();
        Assert.Contains(records["records"]!.AsArray(), r => r!["sourceId"]?.GetValue<string>() == created["id"]!.GetValue<string>() && r["source"]!.GetValue<string>() == "ScienceWorker");

        // A page far past the end is empty; it does not overflow back to the first page.
        var far = await (await daying.GetAsync($"/api/v1/indicators/trace?region=510923101&period={year}&indicator=W02&pageSize=500&page=2147483647")).OkJsonAsync();
        Assert.Empty(far["records"]!.AsArray());
        Assert.True(far["total"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task The_townships_of_a_demo_county_rank_within_it_and_add_up_to_the_county()
    {
        var daying = await app.SignInAsync("daying");
        var townships = await app.QueryAsync(db => db.Regions.Where(r => r.ParentCode == "510923").Select(r => r.Code).ToListAsync());
        Assert.True(townships.Count >= 10, $"{townships.Count}");
        var ranking = await (await daying.GetAsync($"/api/v1/indicators/rankings?region={townships[0]}&period=2021&weightSet=0")).OkJsonAsync();
        Assert.Equal(townships.Count, ranking["peerCount"]!.GetValue<int>());
        var scores = ranking["entries"]!.AsArray().Select(e => e!["score"]?.GetValue<decimal?>()).ToList();
        Assert.All(scores, score => Assert.NotNull(score));
        Assert.True(scores.Distinct().Count() > townships.Count / 2, string.Join(", ", scores));

        // The townships' W02 (new workers) add up to the county's.
        async Task<decimal> W02(string region) =>
            (await (await daying.GetAsync($"/api/v1/indicators/values?region={region}&period=2021")).OkJsonAsync())["values"]!.AsArray()
                .First(v => v!["code"]!.GetValue<string>() == "W02")!["value"]!.GetValue<decimal>();
        var county = await W02("510923");
        var sum = 0m;
        foreach (var township in townships)
        {
            sum += await W02(township);
        }
        Assert.True(county > 0);
        Assert.Equal(county, sum);
    }

    private static int ChinaNowYear() => DateTimeOffset.UtcNow.ToOffset(Cst).Year;

    [Fact]
    public async Task Linkage_tasks_flag_progress_from_data_and_take_comments()
    {
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Cst).DateTime);
        var now = DateTimeOffset.UtcNow;
        await AddAsync(Worker("420704001", now.AddMinutes(-5)), Worker("420704", now.AddMinutes(-5)));
        var hubei = await AdminOfAsync("42");
        var onTrack = await (await hubei.PostJsonAsync("/api/v1/indicators/linkage-tasks", new
        {
            title = "新增注册科技工作者",
            indicatorCode = "W02",
            regionCodes = new[] { "420704" },
            target = 4,
            startsOn = today.AddDays(-10),
            dueOn = today.AddDays(10),
        })).OkJsonAsync();
        var task = onTrack.AsArray().Single()!;
        Assert.Equal(2m, task["actual"]!.GetValue<decimal>());
        Assert.Equal(50m, task["percent"]!.GetValue<decimal>());
        Assert.Equal("OnTrack", task["status"]!.GetValue<string>());

        var overdue = (await (await hubei.PostJsonAsync("/api/v1/indicators/linkage-tasks", new
        {
            title = "上月新增注册",
            indicatorCode = "W02",
            regionCodes = new[] { "420704", "420703" },
            target = 100,
            startsOn = today.AddDays(-20),
            dueOn = today.AddDays(-1),
        })).OkJsonAsync()).AsArray();
        Assert.Equal(2, overdue.Count);
        Assert.All(overdue, t => Assert.True(t!["overdue"]!.GetValue<bool>()));

        var county = await AdminOfAsync("420704");
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostJsonAsync("/api/v1/indicators/linkage-tasks", new { title = "自己给自己", indicatorCode = "W02", regionCodes = new[] { "420704" }, target = 1, startsOn = today, dueOn = today })).StatusCode);
        var id = task["id"]!.GetValue<string>();
        var commented = await (await county.PostJsonAsync($"/api/v1/indicators/linkage-tasks/{id}/comments", new { text = "已组织街道开展注册帮办" })).OkJsonAsync();
        Assert.Equal("已组织街道开展注册帮办", commented["comments"]!.AsArray().Single()!["text"]!.GetValue<string>());
        var mine = await (await county.GetAsync("/api/v1/indicators/linkage-tasks")).OkJsonAsync();
        Assert.Equal(2, mine.AsArray().Count); // its own two tasks, not 420703's
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("daying")).GetAsync($"/api/v1/indicators/linkage-tasks/{id}")).StatusCode);
        await (await hubei.PostJsonAsync("/api/v1/indicators/linkage-tasks", new { title = "超期", indicatorCode = "E04", regionCodes = new[] { "420704" }, target = 1, startsOn = today, dueOn = today }))
            .AssertValidationProblemAsync("indicatorCode");
        var export = await county.GetAsync("/api/v1/indicators/linkage-tasks/export.xlsx");
        var exported = MiniExcelLibs.MiniExcel.Query(await export.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, exported.Count);
        Assert.All(exported, r => Assert.Contains("湖北", r["下达单位地区"]!.ToString())); // names beside codes
    }

    [Fact]
    public async Task The_annual_report_docx_states_the_numbers_in_the_database()
    {
        // 东宝区 420802 in 荆门市.
        var at = new DateTimeOffset(2025, 9, 1, 10, 0, 0, Cst);
        var provider = Worker("420802001", at);
        var buyer = Org("420802", at);
        await AddAsync(provider, Worker("420802", at.AddDays(-400)), Worker("420802001", at), buyer, Org("420802", at.AddDays(1)));
        await AddAsync(AcceptedOrder(buyer, provider, "420802", 1_500_000m, at.AddDays(10)));
        var reporter = new Actor("report-staff", "报告测试", UserRole.AssociationAdmin, "420802");
        var utc = at.ToUniversalTime();
        var content = Kexie.Domain.Popularization.ScienceContent.Create(new(Kexie.Domain.Popularization.ScienceContentKind.RumourRebuttal, "辟谣", "<p>正文</p>", "东宝区科协", "420802"), reporter, utc);
        content.Submit(reporter, utc);
        content.Publish(reporter, utc.AddDays(1));
        var proposal = Kexie.Domain.ThinkTank.Proposal.Submit(new("建言", "内容", "甲", null, "420802001"), reporter, utc);
        proposal.Adopt(Kexie.Domain.ThinkTank.AdoptionLevel.County, "东宝区人民政府", null, reporter, utc.AddDays(5));
        await AddAsync(content, proposal);
        var admin = await AdminOfAsync("4208");
        // A target the city set for next year: the report's 下一年工作安排.
        await (await admin.PostJsonAsync("/api/v1/indicators/linkage-tasks", new { title = "2026年注册目标", indicatorCode = "W02", regionCodes = new[] { "420802" }, target = 1500, startsOn = "2026-01-01", dueOn = "2026-12-31" })).OkJsonAsync();

        var response = await admin.GetAsync("/api/v1/indicators/reports/annual?region=420802&year=2025&format=docx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var docx = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var text = string.Join("\n", docx.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));

        var end = new DateTimeOffset(2026, 1, 1, 0, 0, 0, Cst).ToUniversalTime();
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, Cst).ToUniversalTime();
        var workers = await app.QueryAsync(db => db.ScienceWorkers.CountAsync(w => w.RegionCode.StartsWith("420802") && w.CreatedAt < end));
        var newWorkers = await app.QueryAsync(db => db.ScienceWorkers.CountAsync(w => w.RegionCode.StartsWith("420802") && w.CreatedAt >= start && w.CreatedAt < end));
        var organizations = await app.QueryAsync(db => db.Organizations.CountAsync(o => o.RegionCode.StartsWith("420802") && o.CreatedAt < end));
        var deals = await app.QueryAsync(db => db.Orders.Where(o => o.RegionCode.StartsWith("420802") && o.AgreedAt >= start && o.AgreedAt < end).ToListAsync());
        Assert.Equal((2, 2, 3, 1), (newWorkers, organizations, workers, deals.Count)); // guards the fixture itself
        Assert.Contains($"截至2025年12月31日，全区累计注册科技工作者{workers}人；", text);
        Assert.Contains($"截至2025年12月31日，全区累计注册企事业单位{organizations}个，", text);
        Assert.Contains($"2025年，新增注册科技工作者{newWorkers}人", text);
        Assert.Contains($"成交交易订单{deals.Count}笔、金额{deals.Sum(d => d.ContractAmount!.Value) / 10_000m:0.##}万元", text);
        Assert.Contains("2025年，全区推送科普文章、视频、科学辟谣等科普内容1条，开展科普活动0场次、签到参与0人次，科普e站访问与互动0次。", text);
        Assert.Contains("四、服务党委政府科学决策\n2025年，全区智库课题立项0项，报送建言献策1条，建言献策被采纳1条。", text);
        Assert.DoesNotContain("自身建设", text); // no societies, agencies, experts or tickets: the part is left out
        Assert.Contains("五、下一年工作安排\n2026年，全区将按照上级联动任务推进工作：新增注册科技工作者不少于1,500人（12月31日前）。", text);

        var ranking = await (await admin.GetAsync("/api/v1/indicators/rankings?region=420802&period=2025")).OkJsonAsync();
        var own = ranking["entries"]!.AsArray().First(e => e!["regionCode"]!.GetValue<string>() == "420802")!;
        Assert.Contains($"位列{ranking["peerDescription"]!.GetValue<string>()}中第{own["rank"]!.GetValue<int>()}位", text);
        Assert.Contains("为提高全民科学素质服务", text);
        Assert.True(docx.MainDocumentPart.Document.Body.Elements<DocumentFormat.OpenXml.Wordprocessing.Table>().Count() >= 2);

        // The chart: the region's group scores beside the peer average, as numbers in the chart part.
        var chart = Assert.Single(docx.MainDocumentPart.ChartParts);
        var series = chart.ChartSpace!.Descendants<DocumentFormat.OpenXml.Drawing.Charts.BarChartSeries>().ToList();
        Assert.Equal(2, series.Count);
        Assert.Equal(own["regionName"]!.GetValue<string>(), series[0].SeriesText!.StringReference!.StringCache!.InnerText);
        var plotted = series[0].GetFirstChild<DocumentFormat.OpenXml.Drawing.Charts.Values>()!.Descendants<DocumentFormat.OpenXml.Drawing.Charts.NumericPoint>().Select(p => decimal.Parse(p.InnerText, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var groupScores = own["groups"]!.AsArray().Select(g => g!["score"]?.GetValue<decimal?>()).OfType<decimal>()
            .Select(v => decimal.Round(v, 2, MidpointRounding.AwayFromZero)).ToList();
        Assert.NotEmpty(groupScores);
        Assert.Equal(groupScores, plotted);
        Assert.Contains("附图　各服务类别得分", text);
        // Word opens what passes the Open XML schema validation.
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(docx).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        // A report of the current year speaks of today, not of a 31 December still to come; asOf picks another day.
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Cst).DateTime);
        using (var current = WordprocessingDocument.Open(new MemoryStream(await (await admin.GetAsync($"/api/v1/indicators/reports/annual?region=420802&year={today.Year}")).Content.ReadAsByteArrayAsync()), false))
        {
            Assert.Contains($"截至{today.Year}年{today.Month}月{today.Day}日，全区累计注册科技工作者", current.MainDocumentPart!.Document!.Body!.InnerText);
        }

        using (var asOf = WordprocessingDocument.Open(new MemoryStream(await (await admin.GetAsync("/api/v1/indicators/reports/annual?region=420802&year=2025&asOf=2025-09-01")).Content.ReadAsByteArrayAsync()), false))
        {
            var body = asOf.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("截至2025年9月1日，全区累计注册科技工作者3人；2025年以来，新增注册科技工作者2人", body);
            Assert.Contains("截至2025年9月1日，全区累计注册企事业单位1个，", body); // the second organization came on 2 September
        }

        await (await admin.GetAsync("/api/v1/indicators/reports/annual?region=420802&year=2025&asOf=2026-01-02")).AssertValidationProblemAsync("asOf");
        await (await admin.GetAsync($"/api/v1/indicators/reports/annual?region=420802&year={today.Year + 1}")).AssertValidationProblemAsync("year");

        var xlsx = await admin.GetAsync("/api/v1/indicators/reports/annual?region=420802&year=2025&format=xlsx");
        var sheets = MiniExcelLibs.MiniExcel.GetSheetNames(await xlsx.Content.ReadAsStreamAsync());
        Assert.Equal(["统计", "主要指标", "排名"], sheets);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("daying")).GetAsync("/api/v1/indicators/reports/annual?region=420802&year=2025")).StatusCode);
    }

    [Fact]
    public async Task A_report_covers_a_span_to_an_as_of_day_and_compares_with_the_same_days_a_year_earlier()
    {
        // 咸安区 421202: one worker in 2024's span, two in 2025's, one after 30 September 2025.
        await AddAsync(
            Worker("421202", new DateTimeOffset(2024, 6, 15, 10, 0, 0, Cst)),
            Worker("421202", new DateTimeOffset(2025, 6, 15, 10, 0, 0, Cst)),
            Worker("421202001", new DateTimeOffset(2025, 9, 30, 23, 30, 0, Cst)),
            Worker("421202", new DateTimeOffset(2025, 10, 15, 10, 0, 0, Cst)));
        var admin = await AdminOfAsync("4212");

        async Task<string> BodyAsync(string query)
        {
            var response = await admin.GetAsync($"/api/v1/indicators/reports/annual?region=421202&{query}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var docx = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
            var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(docx).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors)); // Word opens it
            return string.Join("\n", docx.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
        }

        var span = await BodyAsync("from=2025-03-01&asOf=2025-09-30");
        Assert.Contains("统计口径为北京时间2025年3月1日至9月30日", span);
        Assert.Contains("截至2025年9月30日，全区累计注册科技工作者3人；2025年3月1日至9月30日，新增注册科技工作者2人（较上年同期增长100%）", span);

        // A working year that ends on 20 December ("截止12月20日"), against 21 December 2023 to 20 December 2024.
        var working = await BodyAsync("from=2024-12-21&asOf=2025-12-20");
        Assert.Contains("截至2025年12月20日，全区累计注册科技工作者4人；2024年12月21日至2025年12月20日，新增注册科技工作者3人（较上年同期增长200%）", working);

        // From a day without an as-of day: a year later less a day.
        Assert.Contains("截至2026年2月28日，全区累计注册科技工作者4人；2025年3月1日至2026年2月28日，新增注册科技工作者3人", await BodyAsync("from=2025-03-01"));

        // The whole year compares with the whole previous year.
        Assert.Contains("2025年，新增注册科技工作者3人（较上年增长200%）", await BodyAsync("year=2025"));

        var xlsx = await admin.GetAsync("/api/v1/indicators/reports/annual?region=421202&from=2025-03-01&asOf=2025-09-30&format=xlsx");
        var row = MiniExcelLibs.MiniExcel.Query(await xlsx.Content.ReadAsStreamAsync(), useHeaderRow: true, sheetName: "主要指标").Cast<IDictionary<string, object?>>().First(r => Equals(r["指标代码"], "W02"));
        Assert.Equal((2m, 1m), (Convert.ToDecimal(row["2025年3月1日至9月30日"]), Convert.ToDecimal(row["上年同期"])));

        await (await admin.GetAsync("/api/v1/indicators/reports/annual?region=421202&from=2025-09-30&asOf=2025-03-01")).AssertValidationProblemAsync("asOf");
        await (await admin.GetAsync("/api/v1/indicators/reports/annual?region=421202&from=2024-01-01&asOf=2025-01-01")).AssertValidationProblemAsync("asOf");
        await (await admin.GetAsync("/api/v1/indicators/reports/annual?region=421202&from=2100-01-01")).AssertValidationProblemAsync("from");
        await (await admin.GetAsync("/api/v1/indicators/reports/annual?region=421202")).AssertValidationProblemAsync("year");
    }

    [Fact]
    public async Task A_span_report_ranks_over_its_own_days_and_plans_the_year_after_it()
    {
        // 恩施州 counties, 2017–2020 (no other test writes in Hubei before 2024): a working year from 21 December 2018 to
        // 20 December 2019. 建始县 422822 registers two workers on 25 December 2018 (in the span, calendar 2018), 巴东县
        // 422823 one in March 2019, 宣恩县 422825 one on 25 December 2019 (calendar 2019, after the span).
        const string jianshi = "422822", badong = "422823", xuanen = "422825";
        await AddAsync(
            Worker(jianshi, new DateTimeOffset(2018, 12, 25, 10, 0, 0, Cst)), Worker(jianshi + "001", new DateTimeOffset(2018, 12, 25, 11, 0, 0, Cst)),
            Worker(badong, new DateTimeOffset(2019, 3, 1, 10, 0, 0, Cst)),
            Worker(xuanen, new DateTimeOffset(2019, 12, 25, 10, 0, 0, Cst)));
        var admin = await AdminOfAsync("4228");
        async Task Assign(string title, decimal target, string startsOn, string dueOn) =>
            await (await admin.PostJsonAsync("/api/v1/indicators/linkage-tasks", new { title, indicatorCode = "W02", regionCodes = new[] { jianshi }, target, startsOn, dueOn })).OkJsonAsync();
        await Assign("2019年注册目标", 50, "2019-01-01", "2019-12-31"); // the span's own year: not the next
        await Assign("2020年注册目标", 100, "2020-01-01", "2020-12-31"); // the year after the span, to 31 December
        await Assign("2021年注册目标", 150, "2021-01-01", "2021-12-31");
        await NewestWeightsAreTheDefaultsAsync(); // the report ranks with the newest weights; another test publishes its own

        var response = await admin.GetAsync($"/api/v1/indicators/reports/annual?region={jianshi}&from=2018-12-21&asOf=2019-12-20");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var docx = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var text = string.Join("\n", docx.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(docx).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        // Against the database: the workers of each Hubei county registered in the span, and the counties ranked.
        var first = new DateTimeOffset(2018, 12, 21, 0, 0, 0, Cst).ToUniversalTime();
        var end = new DateTimeOffset(2019, 12, 21, 0, 0, 0, Cst).ToUniversalTime();
        var registered = (await app.QueryAsync(db => db.ScienceWorkers.Where(w => w.RegionCode.StartsWith("42") && w.CreatedAt < end).Select(w => new { w.RegionCode, w.CreatedAt }).ToListAsync()))
            .GroupBy(w => w.RegionCode[..6]).ToDictionary(g => g.Key, g => (Total: g.Count(), InSpan: g.Count(w => w.CreatedAt >= first)));
        var counties = await app.QueryAsync(db => db.Regions.Where(r => r.Level == Kexie.Domain.Regions.RegionLevel.County && r.Code.StartsWith("42")).ToDictionaryAsync(r => r.Code, r => r.Name));
        Assert.Equal((2, 2), registered[jianshi]); // guards the fixture: no other test registers Hubei workers before 2020
        Assert.Equal((1, 1), registered[badong]);
        Assert.False(registered.ContainsKey(xuanen));
        var name = counties[jianshi];
        Assert.Contains($"截至2019年12月20日，全县累计注册科技工作者{registered[jianshi].Total}人；2018年12月21日至2019年12月20日，新增注册科技工作者{registered[jianshi].InSpan}人，", text);

        // The ranking over the span's days: only the counties with workers in it have a score; 建始县 has the most. Hand
        // computation as for the townships: 为科技工作者服务 is the only group with data anywhere, W01 and W02 2 against 1, W03–W09
        // 0 of the group's weight of 10: 建始县 30, 巴东县 15 (docs/decisions.md, "indicator scoring"); the other groups 暂无数据.
        var ahead = registered.Count(r => r.Key != jianshi && r.Value.InSpan > registered[jianshi].InSpan);
        Assert.Equal(0, ahead);
        var rankingText = $"2018年12月21日至2019年12月20日，{name}精准绩效管理指标综合评分30分，位列全省{counties.Count}个县（市、区）中第1位；其中为科技工作者服务主要指标综合排名第1位。为企事业单位精准科技服务、为提高全民科学素质服务、为党委政府科学决策服务本期暂无数据，未参与评分。";
        Assert.True(text.Contains(rankingText, StringComparison.Ordinal), text);
        Assert.Contains($"附表2　2018年12月21日至2019年12月20日全省{counties.Count}个县（市、区）排名", text);
        var xlsx = await admin.GetAsync($"/api/v1/indicators/reports/annual?region={jianshi}&from=2018-12-21&asOf=2019-12-20&format=xlsx");
        var rows = MiniExcelLibs.MiniExcel.Query(await xlsx.Content.ReadAsStreamAsync(), useHeaderRow: true, sheetName: "排名").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(counties.Count, rows.Count);
        decimal? Number(object? value) => value is null ? null : Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture);
        var byCode = rows.ToDictionary(r => (string)r["地区代码"]!);
        Assert.Equal((1m, 30m), (Number(byCode[jianshi]["排名"]), Number(byCode[jianshi]["综合评分"])));
        Assert.Equal((2m, 15m), (Number(byCode[badong]["排名"]), Number(byCode[badong]["综合评分"])));
        Assert.All(rows.Where(r => !(registered.GetValueOrDefault((string)r["地区代码"]!).InSpan > 0)), r =>
        {
            Assert.Null(Number(r["排名"])); // the no-data rule on the county level: no score, no rank
            Assert.Null(Number(r["综合评分"]));
        });
        Assert.Null(Number(byCode[xuanen]["排名"]));

        // Calendar 2019 ranks otherwise (宣恩县's worker counts, 建始县's do not): that is the dashboards' 2019, not this span.
        var calendar = await (await admin.GetAsync($"/api/v1/indicators/rankings?region={jianshi}&period=2019&weightSet=0")).OkJsonAsync();
        Assert.NotNull(calendar["entries"]!.AsArray().First(e => e!["regionCode"]!.GetValue<string>() == xuanen)!["rank"]?.GetValue<int?>());

        // 下一年工作安排: the year after the span's last day; the 2020 task runs in it, the 2019 and 2021 tasks do not.
        Assert.Contains("2019年12月21日至2020年12月20日，全县将按照上级联动任务推进工作：新增注册科技工作者不少于100人（2020年12月31日前）。", text);
        Assert.DoesNotContain("不少于50人", text);
        Assert.DoesNotContain("不少于150人", text);

        // The calendar year 2019: the dashboards' ranking and the next calendar year's tasks.
        using var year = WordprocessingDocument.Open(new MemoryStream(await (await admin.GetAsync($"/api/v1/indicators/reports/annual?region={jianshi}&year=2019")).Content.ReadAsByteArrayAsync()), false);
        var yearText = string.Join("\n", year.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
        var own = calendar["entries"]!.AsArray().First(e => e!["regionCode"]!.GetValue<string>() == jianshi)!;
        Assert.Contains($"2019年，{name}精准绩效管理指标综合评分{AnnualReportNumber(own["score"]!.GetValue<decimal>())}分，位列全省{counties.Count}个县（市、区）中第{own["rank"]!.GetValue<int>()}位", yearText);
        Assert.Contains("2020年，全县将按照上级联动任务推进工作：新增注册科技工作者不少于100人（12月31日前）。", yearText);
    }

    private static string AnnualReportNumber(decimal value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class IndicatorSqliteTests(SqliteApp app) : IndicatorTests(app);

public sealed class IndicatorPostgresTests(PostgresApp app) : IndicatorTests(app);
