using System.Text.Json.Nodes;
using Kexie.Domain.Market;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Market;

/// <summary>
/// The public needs and offers lists as a region's visitor reads them (issue 16, db14): a page is read keys first (the
/// ids of the page from the region index, then the rows by id, <see cref="KeysetPaging.PageAsync"/>'s <c>rowsById</c>)
/// and must show the same rows in the same order as the plain read — by cursor both ways and by number, deep pages
/// included; a sibling county's rows never show; a new record shows on the next request; a keyword search counts to
/// <see cref="ListCount.SearchCap"/> and says “1000+”. Counties of 凉山州 that no other test uses (513433–513435).
/// </summary>
public abstract class MarketListReadTests(KexieApp app)
{
    private const string Mianning = "513433";
    private const string Xichang = "513434";
    private const string Yuexi = "513435";
    private const string Xide = "513432";

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    /// <summary>
    /// Offers and needs placed in <paramref name="region"/> through the domain and SaveChanges (as the services write them;
    /// the API places a record in its party's county, and the demo parties are in 大英县): a provider worker and an
    /// organization of the demo, the province's admin publishing. Returns the ids, in the order given.
    /// </summary>
    private Task<List<string>> AddAsync(string region, params (string Kind, string Title, bool Publish)[] records) => app.QueryAsync(async db =>
    {
        var worker = await db.Users.SingleAsync(u => u.UserName == "worker");
        var enterprise = await db.Users.SingleAsync(u => u.UserName == "enterprise");
        var admin = (await db.Users.SingleAsync(u => u.UserName == "sichuan")).ToActor();
        var calendar = app.Services.GetRequiredService<IWorkingCalendar>();
        var codes = new MarketCodes(_ => true, _ => true);
        var ids = new List<string>();
        foreach (var (kind, title, publish) in records)
        {
            if (kind == "offer")
            {
                var offer = Offer.Create(
                    new OfferData(OfferKind.Service, title, "提供高原特色农产品加工与保鲜方面的技术咨询。", worker.ScienceWorkerId!.Value, null, null, ["21030"], ["2614"], region, PriceMode.Negotiable),
                    worker.ToActor(),
                    codes);
                offer.Submit(worker.ToActor());
                if (publish)
                {
                    offer.Publish(admin);
                }

                db.Offers.Add(offer);
                ids.Add(offer.Id.ToString());
            }
            else
            {
                var need = Need.Create(
                    new NeedData(title, "高海拔地区冬季果蔬储运损耗大，希望找到低成本的保鲜方案。", enterprise.OrganizationId!.Value, ["2614"], ["21030"], 10000m, 50000m, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60), region),
                    enterprise.ToActor(),
                    codes);
                need.Submit(enterprise.ToActor());
                if (publish && need.Publish(admin, calendar) is { } plan)
                {
                    db.ResponsePlans.Add(plan);
                }

                db.Needs.Add(need);
                ids.Add(need.Id.ToString());
            }

            // One save a record: each its own publication time.
            await db.SaveChangesAsync();
        }

        return ids;
    });

    /// <summary>Every id of the list, following nextCursor with pages of <paramref name="size"/>.</summary>
    private static async Task<List<string>> ByCursorAsync(HttpClient client, string list, string filter, int size)
    {
        var seen = new List<string>();
        string? cursor = null;
        for (var pages = 0; pages < 20; pages++)
        {
            var page = await (await client.GetAsync($"/api/v1/{list}?{filter}&pageSize={size}" + (cursor is null ? string.Empty : $"&after={Uri.EscapeDataString(cursor)}"))).OkJsonAsync();
            seen.AddRange(page["items"]!.AsArray().Select(i => Id(i!)));
            cursor = page["nextCursor"]?.GetValue<string>();
            Assert.Equal(cursor is not null, page["hasNext"]!.GetValue<bool>());
            if (cursor is null)
            {
                break;
            }
        }

        return seen;
    }

    [Fact]
    public async Task A_county_list_read_by_keys_shows_its_rows_once_in_order_and_no_sibling_county_rows()
    {
        var anonymous = app.Anonymous();
        var token = Guid.NewGuid().ToString("N")[..6];
        await AddAsync(Mianning, [.. Enumerable.Range(0, 5).SelectMany(i => new[] { ("offer", $"冕宁成果{i}{token}", true), ("need", $"冕宁需求{i}{token}", true) })]);
        var draft = (await AddAsync(Mianning, ("offer", $"冕宁待审{token}", false)))[0];
        var (sibling, siblingNeed) = await AddAsync(Xichang, ("offer", $"西昌成果{token}", true), ("need", $"西昌需求{token}", true)) is [var o, var n] ? (o, n) : default;

        async Task<List<string>> ExpectedAsync(string list) => list == "offers"
            ? (await app.QueryAsync(db => db.Offers.Where(o => o.RegionCode.StartsWith(Mianning) && o.Status == ReviewStatus.Published)
                .OrderByDescending(o => o.PublishedAt ?? o.CreatedAt).ThenBy(o => o.Id).Select(o => o.Id).ToListAsync())).ConvertAll(g => g.ToString())
            : (await app.QueryAsync(db => db.Needs.Where(n => n.RegionCode.StartsWith(Mianning) && n.Status == ReviewStatus.Published && n.Visibility == NeedVisibility.Public)
                .OrderByDescending(n => n.PublishedAt ?? n.CreatedAt).ThenBy(n => n.Id).Select(n => n.Id).ToListAsync())).ConvertAll(g => g.ToString());

        foreach (var list in new[] { "offers", "needs" })
        {
            var expected = await ExpectedAsync(list);
            Assert.Equal(5, expected.Count);
            Assert.DoesNotContain(draft, expected);
            Assert.Equal(expected, await ByCursorAsync(anonymous, list, $"region={Mianning}", 2));

            // By number, pages of one: 1–3 by the skip, 4–5 after the key of the row before; 6 is past the end.
            var numbered = new List<string>();
            for (var number = 1; number <= 6; number++)
            {
                var page = await (await anonymous.GetAsync($"/api/v1/{list}?region={Mianning}&pageSize=1&page={number}")).OkJsonAsync();
                Assert.Equal(5, page["total"]!.GetValue<int>());
                Assert.False(page["totalCapped"]!.GetValue<bool>());
                Assert.Equal(number < 5, page["hasNext"]!.GetValue<bool>());
                numbered.AddRange(page["items"]!.AsArray().Select(i => Id(i!)));
            }

            Assert.Equal(expected, numbered);

            // 上一页 from the third page of two: the rows before its first, read backwards and turned round.
            var second = await (await anonymous.GetAsync($"/api/v1/{list}?region={Mianning}&pageSize=2&page=2")).OkJsonAsync();
            var third = await (await anonymous.GetAsync($"/api/v1/{list}?region={Mianning}&pageSize=2&after={Uri.EscapeDataString(second["nextCursor"]!.GetValue<string>())}")).OkJsonAsync();
            Assert.Equal(expected[4..], third["items"]!.AsArray().Select(i => Id(i!)).ToList());
            var back = await (await anonymous.GetAsync($"/api/v1/{list}?region={Mianning}&pageSize=2&before={Uri.EscapeDataString(third["previousCursor"]!.GetValue<string>())}")).OkJsonAsync();
            Assert.Equal(expected[2..4], back["items"]!.AsArray().Select(i => Id(i!)).ToList());
        }

        Assert.DoesNotContain(sibling, await ByCursorAsync(anonymous, "offers", $"region={Mianning}", 20));
        Assert.DoesNotContain(siblingNeed, await ByCursorAsync(anonymous, "needs", $"region={Mianning}", 20));

        // A new record shows on the next request, first (newest); one in the sibling county does not.
        Assert.Contains("共 5 项", await anonymous.GetStringAsync($"/Market/Offers?region={Mianning}"));
        var newest = (await AddAsync(Mianning, ("offer", $"冕宁新成果{token}", true)))[0];
        await AddAsync(Xichang, ("offer", $"西昌新成果{token}", true));
        var after = await ByCursorAsync(anonymous, "offers", $"region={Mianning}", 20);
        Assert.Equal(newest, after[0]);
        Assert.Equal(6, after.Count);
        Assert.Contains("共 6 项", await anonymous.GetStringAsync($"/Market/Offers?region={Mianning}"));
        var newNeed = (await AddAsync(Mianning, ("need", $"冕宁新需求{token}", true)))[0];
        Assert.Equal(newNeed, (await ByCursorAsync(anonymous, "needs", $"region={Mianning}", 20))[0]);
        Assert.Contains($"冕宁新需求{token}", await anonymous.GetStringAsync($"/Market/Needs?region={Mianning}"));
    }

    /// <summary>
    /// Deep pages by number (from <see cref="KeysetPaging.SeekFromPage"/> on: the key of the row before the page, then the
    /// rows after it) with ties in the sort key: three needs and three offers share each publication time, so the id breaks
    /// the ties. Page by page, pages of one and of two, a county's list and the whole platform's list of one day (a day of
    /// 2025 no other test publishes on; on PostgreSQL the anonymous lists' partial order indexes of migration
    /// Perf18PublicListOrder serve that list) show the rows of the plain ordered read, each once, in that order.
    /// </summary>
    [Fact]
    public async Task Deep_pages_by_number_show_the_plain_orders_rows_once_and_in_order_with_ties_in_the_time()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var day = new DateOnly(2025, 1, 1).AddDays(Random.Shared.Next(300));
        var china = TimeSpan.FromHours(8);
        var (dayStart, dayEnd) = (new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), china).ToUniversalTime(), new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), china).ToUniversalTime());
        await app.QueryAsync(async db =>
        {
            var worker = await db.Users.SingleAsync(u => u.UserName == "worker");
            var enterprise = await db.Users.SingleAsync(u => u.UserName == "enterprise");
            var admin = (await db.Users.SingleAsync(u => u.UserName == "sichuan")).ToActor();
            var calendar = app.Services.GetRequiredService<IWorkingCalendar>();
            var codes = new MarketCodes(_ => true, _ => true);
            var created = dayStart.AddDays(-1);
            for (var i = 0; i < 12; i++)
            {
                // Times in groups of three: 0,0,0,1,1,1… minutes after ten in the morning of the day.
                var at = dayStart.AddHours(10).AddMinutes(i / 3);
                var offer = Offer.Create(
                    new OfferData(OfferKind.Service, $"喜德成果{i}{token}", "提供高原特色农产品加工与保鲜方面的技术咨询。", worker.ScienceWorkerId!.Value, null, null, ["21030"], ["2614"], Xide, PriceMode.Negotiable),
                    worker.ToActor(),
                    codes,
                    created);
                offer.Submit(worker.ToActor(), created);
                offer.Publish(admin, at);
                db.Offers.Add(offer);
                var need = Need.Create(
                    new NeedData($"喜德需求{i}{token}", "高海拔地区冬季果蔬储运损耗大，希望找到低成本的保鲜方案。", enterprise.OrganizationId!.Value, ["2614"], ["21030"], 10000m, 50000m, day.AddDays(60), Xide),
                    enterprise.ToActor(),
                    codes,
                    created);
                need.Submit(enterprise.ToActor(), created);
                if (need.Publish(admin, calendar, at: at) is { } plan)
                {
                    db.ResponsePlans.Add(plan);
                }

                db.Needs.Add(need);
            }

            return await db.SaveChangesAsync();
        });

        // The plain read: the published (public) rows, ordered in memory by time (newest first), then id.
        static List<string> Ordered<T>(IEnumerable<T> rows, Func<T, DateTimeOffset> at, Func<T, Guid> id) =>
            rows.OrderByDescending(at).ThenBy(id).Select(r => id(r).ToString()).ToList();
        var offers = await app.QueryAsync(db => db.Offers.Where(o => o.Status == ReviewStatus.Published)
            .Select(o => new { o.Id, o.RegionCode, At = o.PublishedAt ?? o.CreatedAt }).ToListAsync());
        var needs = await app.QueryAsync(db => db.Needs.Where(n => n.Status == ReviewStatus.Published && n.Visibility == NeedVisibility.Public)
            .Select(n => new { n.Id, n.RegionCode, At = n.PublishedAt ?? n.CreatedAt }).ToListAsync());
        var cases = new[]
        {
            ("offers", $"region={Xide}", Ordered(offers.Where(o => o.RegionCode == Xide), o => o.At, o => o.Id)),
            ("needs", $"region={Xide}", Ordered(needs.Where(n => n.RegionCode == Xide), n => n.At, n => n.Id)),
            ("offers", $"from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}", Ordered(offers.Where(o => o.At >= dayStart && o.At < dayEnd), o => o.At, o => o.Id)),
            ("needs", $"from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}", Ordered(needs.Where(n => n.At >= dayStart && n.At < dayEnd), n => n.At, n => n.Id)),
        };
        var anonymous = app.Anonymous();
        foreach (var (list, filter, expected) in cases)
        {
            Assert.True(expected.Count >= 12, $"{list}?{filter}: {expected.Count}");
            foreach (var size in new[] { 1, 2 })
            {
                var numbered = new List<string>();
                for (var number = 1; number <= (expected.Count / size) + 1; number++)
                {
                    var page = await (await anonymous.GetAsync($"/api/v1/{list}?{filter}&pageSize={size}&page={number}")).OkJsonAsync();
                    Assert.Equal(number * size < expected.Count, page["hasNext"]!.GetValue<bool>());
                    numbered.AddRange(page["items"]!.AsArray().Select(i => Id(i!)));
                }

                Assert.Equal(expected, numbered);
            }
        }
    }

    [Fact]
    public async Task A_keyword_search_counts_to_the_search_cap_and_says_so()
    {
        // A word of two rare CJK extension A characters, so no other record holds it; one offer more than the cap.
        var b = Guid.NewGuid().ToByteArray();
        var word = $"{(char)(0x3700 + b[0])}{(char)(0x3800 + b[1])}";
        var token = Guid.NewGuid().ToString("N")[..6];
        await app.QueryAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "worker");
            var admin = (await db.Users.SingleAsync(u => u.UserName == "sichuan")).ToActor();
            var provider = user.ToActor();
            var codes = new MarketCodes(_ => true, _ => true);
            var at = DateTimeOffset.UtcNow.AddDays(-3);
            for (var i = 0; i <= ListCount.SearchCap; i++)
            {
                var offer = Offer.Create(
                    new OfferData(OfferKind.Service, $"越西{word}成果{token}-{i}", "提供高原特色农产品加工方面的技术咨询。", user.ScienceWorkerId!.Value, null, null, ["21030"], ["2614"], Yuexi, PriceMode.Negotiable),
                    provider,
                    codes,
                    at);
                offer.Submit(provider, at.AddMinutes(1));
                offer.Publish(admin, at.AddMinutes(2 + i));
                db.Offers.Add(offer);
            }

            return await db.SaveChangesAsync();
        });

        var anonymous = app.Anonymous();
        var search = await (await anonymous.GetAsync($"/api/v1/offers?q={Uri.EscapeDataString(word)}&pageSize=20")).OkJsonAsync();
        Assert.Equal(ListCount.SearchCap, search["total"]!.GetValue<int>());
        Assert.True(search["totalCapped"]!.GetValue<bool>());
        Assert.True(search["hasNext"]!.GetValue<bool>());
        Assert.Equal(20, search["items"]!.AsArray().Count);
        Assert.Equal($"越西{word}成果{token}-{ListCount.SearchCap}", search["items"]![0]!["title"]!.GetValue<string>());
        Assert.Contains("共 1000+ 项", System.Net.WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/Market/Offers?q={Uri.EscapeDataString(word)}")));

        // Under the cap a search counts exactly; the county's list without a word counts to the list cap (10,000).
        var one = await (await anonymous.GetAsync($"/api/v1/offers?q={Uri.EscapeDataString($"{token}-1000")}")).OkJsonAsync();
        Assert.Equal(1, one["total"]!.GetValue<int>());
        Assert.False(one["totalCapped"]!.GetValue<bool>());
        var county = await (await anonymous.GetAsync($"/api/v1/offers?region={Yuexi}&pageSize=20")).OkJsonAsync();
        Assert.Equal(ListCount.SearchCap + 1, county["total"]!.GetValue<int>());
        Assert.False(county["totalCapped"]!.GetValue<bool>());
    }
}

public sealed class MarketListReadSqliteTests(SqliteApp app) : MarketListReadTests(app);

public sealed class MarketListReadPostgresTests(PostgresApp app) : MarketListReadTests(app);
