using System.Diagnostics;
using System.Text.Json.Nodes;
using Kexie.Data;
using Kexie.Domain.Market;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Market;

/// <summary>
/// The public needs and offers lists answered from the node's memory for anonymous visitors (<see cref="PublicMarketCache"/>,
/// issue 16): a second identical request reads only the stamp, a record published, withdrawn or edited in the county shows on
/// the next request, a write in a sibling county keeps the entry, signed-in users neither get nor leave an entry, restricted
/// and draft records never show, two query strings never share an entry, and the page and the API agree. Counties of 凉山州
/// that no other test uses: 513436 and its sibling 513437.
/// Other tests write at the same time; a write whose region cannot be named moves every stamp, so a check that an entry is
/// kept is repeated (a few times) when the county's stamp moved meanwhile. The stamp is the public market's own
/// (<see cref="PublicMarketStamp"/>): drafts, submissions, plan contacts and order steps in the county keep the entry, a party's
/// rename does not.
/// </summary>
public abstract class PublicMarketCacheTests(KexieApp app)
{
    private const string County = "513436";
    private const string Sibling = "513437";

    private Task<long> StampAsync(string? scope) => app.QueryAsync(async db => (await PublicMarketStamp.ReadAsync(db, scope)).Version);

    /// <summary>Needs placed in <paramref name="region"/> through the domain and SaveChanges, as the services write them; returns their ids.</summary>
    private Task<List<Guid>> AddNeedsAsync(string region, params (string Title, bool Publish, NeedVisibility Visibility)[] needs) => app.QueryAsync(async db =>
    {
        var enterprise = await db.Users.SingleAsync(u => u.UserName == "enterprise");
        var admin = (await db.Users.SingleAsync(u => u.UserName == "sichuan")).ToActor();
        var calendar = app.Services.GetRequiredService<IWorkingCalendar>();
        var ids = new List<Guid>();
        foreach (var (title, publish, visibility) in needs)
        {
            var need = Need.Create(
                new NeedData(title, "山区道路边坡易发生滑塌，希望找到低成本的监测预警方案。", enterprise.OrganizationId!.Value, ["4812"], ["58020"], 20000m, 80000m, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90), region, visibility),
                enterprise.ToActor(),
                new MarketCodes(_ => true, _ => true));
            need.Submit(enterprise.ToActor());
            if (publish && need.Publish(admin, calendar) is { } plan)
            {
                db.ResponsePlans.Add(plan);
            }

            db.Needs.Add(need);
            await db.SaveChangesAsync();
            ids.Add(need.Id);
        }

        return ids;
    });

    /// <summary>A change of a saved need through the domain and SaveChanges.</summary>
    private Task ChangeNeedAsync(Guid id, Action<Need, Kexie.Domain.Identity.Actor, Kexie.Domain.Identity.Actor> change) => app.QueryAsync(async db =>
    {
        var enterprise = (await db.Users.SingleAsync(u => u.UserName == "enterprise")).ToActor();
        var admin = (await db.Users.SingleAsync(u => u.UserName == "sichuan")).ToActor();
        var need = await db.Needs.SingleAsync(n => n.Id == id);
        change(need, enterprise, admin);
        return await db.SaveChangesAsync();
    });

    /// <summary>A GET and the statements the host ran for it (EF's commands while that request was being answered).</summary>
    private static async Task<(HttpResponseMessage Response, string Body, List<string> Statements)> GetAsync(HttpClient client, string url)
    {
        using var probe = new StatementProbe(url);
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return (response, body, probe.Statements);
    }

    private static bool FromCache(HttpResponseMessage response) => response.Headers.Age is not null;

    /// <summary>Statements that read the lists' or their names' tables (anything but the stamp).</summary>
    private static List<string> ListReads(List<string> statements) => statements.Where(s => !s.Contains("FrontPageVersion", StringComparison.Ordinal)).ToList();

    private static List<string> Titles(JsonNode page) => page["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>()).ToList();

    /// <summary>
    /// Two requests for <paramref name="url"/>, <paramref name="between"/> run between them, while <paramref name="scope"/>'s
    /// stamp did not move from before the first to after the second (another test's write that moves every stamp: the pair
    /// is tried again, up to five times). Returns the second request.
    /// </summary>
    private async Task<(HttpResponseMessage Response, string Body, List<string> Statements)> SecondRequestAsync(HttpClient client, string url, string? scope, Func<Task>? between = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var stamp = await StampAsync(scope);
            await GetAsync(client, url);
            if (between is not null)
            {
                await between();
            }

            var second = await GetAsync(client, url);
            if (await StampAsync(scope) == stamp || attempt == 4)
            {
                return second;
            }
        }
    }

    [Fact]
    public async Task A_second_identical_anonymous_request_reads_only_the_stamp_page_and_api()
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        await AddNeedsAsync(County, ($"甘洛边坡监测{token}", true, NeedVisibility.Public));
        var anonymous = app.Anonymous();
        foreach (var url in new[] { $"/api/v1/needs?region={County}&q={token}", $"/Market/Needs?region={County}&q={token}", $"/api/v1/offers?region={County}&q={token}", $"/Market/Offers?region={County}&q={token}" })
        {
            // The first request reads the list (and is kept); the second is the kept answer, after one read of the stamp.
            var first = await GetAsync(anonymous, url);
            Assert.False(FromCache(first.Response), url);
            Assert.NotEmpty(ListReads(first.Statements));
            Assert.Single(first.Statements, s => s.Contains("FrontPageVersion", StringComparison.Ordinal));
            var second = await SecondRequestAsync(anonymous, url, County);
            Assert.True(FromCache(second.Response), url);
            Assert.Empty(ListReads(second.Statements));
            Assert.Single(second.Statements);
            Assert.Equal(first.Body, second.Body);
        }

        // Without a region filter the stamp is the whole platform's.
        var unfiltered = $"/api/v1/needs?q={token}";
        var again = await SecondRequestAsync(anonymous, unfiltered, null);
        Assert.True(FromCache(again.Response));
        Assert.Equal([$"甘洛边坡监测{token}"], Titles(JsonNode.Parse(again.Body)!));
    }

    [Fact]
    public async Task A_need_published_withdrawn_or_edited_in_the_county_shows_on_the_next_anonymous_request()
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        var anonymous = app.Anonymous();
        var api = $"/api/v1/needs?region={County}&q={token}";
        var page = $"/Market/Needs?region={County}&q={token}";
        Assert.Empty(Titles(JsonNode.Parse((await GetAsync(anonymous, api)).Body)!));
        Assert.Contains("共 0 项", (await GetAsync(anonymous, page)).Body);

        // Published: on the next request of the kept list.
        var id = (await AddNeedsAsync(County, ($"甘洛滑坡预警{token}", true, NeedVisibility.Public)))[0];
        var published = await GetAsync(anonymous, api);
        Assert.False(FromCache(published.Response));
        Assert.Equal([$"甘洛滑坡预警{token}"], Titles(JsonNode.Parse(published.Body)!));
        Assert.Contains($"甘洛滑坡预警{token}", (await GetAsync(anonymous, page)).Body);

        // Withdrawn: gone on the next request.
        await ChangeNeedAsync(id, (n, enterprise, _) => n.Withdraw(enterprise, "重新核实预算"));
        Assert.Empty(Titles(JsonNode.Parse((await GetAsync(anonymous, api)).Body)!));
        Assert.DoesNotContain($"甘洛滑坡预警{token}", (await GetAsync(anonymous, page)).Body);

        // Edited and published again: the new title on the next request, the old one gone.
        await ChangeNeedAsync(id, (n, enterprise, admin) =>
        {
            n.Update(new NeedData($"甘洛滑坡监测预警{token}", "山区道路边坡易发生滑塌，希望找到低成本的监测预警方案。", n.OrganizationId, ["4812"], ["58020"], 20000m, 90000m, n.Deadline, County), enterprise, new MarketCodes(_ => true, _ => true));
            n.Submit(enterprise);
            n.Publish(admin, app.Services.GetRequiredService<IWorkingCalendar>());
        });
        Assert.Equal([$"甘洛滑坡监测预警{token}"], Titles(JsonNode.Parse((await GetAsync(anonymous, api)).Body)!));
        var edited = (await GetAsync(anonymous, page)).Body;
        Assert.Contains($"甘洛滑坡监测预警{token}", edited);
        Assert.DoesNotContain($"甘洛滑坡预警{token}", edited);

        // Closed: gone.
        await ChangeNeedAsync(id, (n, enterprise, _) => n.Close(enterprise, "已自行解决"));
        Assert.Empty(Titles(JsonNode.Parse((await GetAsync(anonymous, api)).Body)!));
        Assert.DoesNotContain($"甘洛滑坡监测预警{token}", (await GetAsync(anonymous, page)).Body);
    }

    [Fact]
    public async Task A_write_in_a_sibling_county_keeps_the_entry_and_one_in_the_county_does_not()
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        await AddNeedsAsync(County, ($"甘洛隧道渗水{token}", true, NeedVisibility.Public));
        var anonymous = app.Anonymous();
        var url = $"/api/v1/needs?region={County}&q={token}";
        var kept = await SecondRequestAsync(anonymous, url, County, () => AddNeedsAsync(Sibling, ($"美姑隧道渗水{token}", true, NeedVisibility.Public)));
        Assert.True(FromCache(kept.Response));
        Assert.Empty(ListReads(kept.Statements));
        Assert.Equal([$"甘洛隧道渗水{token}"], Titles(JsonNode.Parse(kept.Body)!));

        // The sibling's own list and the city's show it at once (their stamps moved).
        Assert.Contains($"美姑隧道渗水{token}", Titles(JsonNode.Parse((await GetAsync(anonymous, $"/api/v1/needs?region={Sibling}&q={token}")).Body)!));
        var city = Titles(JsonNode.Parse((await GetAsync(anonymous, $"/api/v1/needs?region=5134&q={token}")).Body)!);
        Assert.Contains($"美姑隧道渗水{token}", city);
        Assert.Contains($"甘洛隧道渗水{token}", city);

        // A write in the county itself: read afresh.
        await AddNeedsAsync(County, ($"甘洛隧道渗水二期{token}", true, NeedVisibility.Public));
        var fresh = await GetAsync(anonymous, url);
        Assert.False(FromCache(fresh.Response));
        Assert.Equal(2, Titles(JsonNode.Parse(fresh.Body)!).Count);
    }

    [Fact]
    public async Task A_signed_in_user_neither_gets_nor_leaves_an_entry_and_restricted_or_draft_needs_never_show_anonymously()
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        await AddNeedsAsync(County,
            ($"甘洛公开需求{token}", true, NeedVisibility.Public),
            ($"甘洛限定需求{token}", true, NeedVisibility.Restricted),
            ($"甘洛待审需求{token}", false, NeedVisibility.Public));
        var staff = await app.SignInAsync("sichuan");
        var anonymous = app.Anonymous();
        var api = $"/api/v1/needs?region={County}&q={token}";
        var page = $"/Market/Needs?region={County}&q={token}";

        // Signed in first: read afresh, and nothing is left for the visitor (whose first request is read afresh too).
        foreach (var url in new[] { api, page })
        {
            var signedIn = await GetAsync(staff, url);
            Assert.False(FromCache(signedIn.Response));
            Assert.NotEmpty(ListReads(signedIn.Statements));
            Assert.Contains($"甘洛限定需求{token}", signedIn.Body);
            var again = await GetAsync(staff, url);
            Assert.False(FromCache(again.Response));
            Assert.NotEmpty(ListReads(again.Statements));

            var visitor = await GetAsync(anonymous, url);
            Assert.False(FromCache(visitor.Response), url);
            Assert.Contains($"甘洛公开需求{token}", visitor.Body);
            Assert.DoesNotContain($"甘洛限定需求{token}", visitor.Body);
            Assert.DoesNotContain($"甘洛待审需求{token}", visitor.Body);

            // The visitor's entry is not given to the signed-in user.
            var afterVisitor = await GetAsync(staff, url);
            Assert.False(FromCache(afterVisitor.Response));
            Assert.Contains($"甘洛限定需求{token}", afterVisitor.Body);

            var kept = await SecondRequestAsync(anonymous, url, County);
            Assert.True(FromCache(kept.Response));
            Assert.DoesNotContain($"甘洛限定需求{token}", kept.Body);
            Assert.DoesNotContain($"甘洛待审需求{token}", kept.Body);
        }

        // A bearer token is a signed-in user too.
        var bearer = app.Anonymous();
        var login = await (await bearer.PostAsync("/api/v1/auth/token", System.Net.Http.Json.JsonContent.Create(new { userName = "sichuan", password = Kexie.Data.Seeding.DemoSeeder.DemoPassword }))).OkJsonAsync();
        bearer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", login["accessToken"]!.GetValue<string>());
        var byToken = await GetAsync(bearer, api);
        Assert.False(FromCache(byToken.Response));
        Assert.Contains($"甘洛限定需求{token}", byToken.Body);
    }

    [Fact]
    public async Task Two_query_strings_never_share_an_entry_and_the_page_and_the_api_agree()
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        await AddNeedsAsync(County, ($"甘洛茶园{token}甲", true, NeedVisibility.Public), ($"甘洛茶园{token}乙", true, NeedVisibility.Public), ($"甘洛茶园{token}丙", true, NeedVisibility.Public));
        var anonymous = app.Anonymous();
        var all = Titles(JsonNode.Parse((await SecondRequestAsync(anonymous, $"/api/v1/needs?region={County}&q={token}", County)).Body)!);
        Assert.Equal([$"甘洛茶园{token}丙", $"甘洛茶园{token}乙", $"甘洛茶园{token}甲"], all);

        // Page size, page number, sort, search words: each its own entry.
        Assert.Equal(all[..1], Titles(JsonNode.Parse((await GetAsync(anonymous, $"/api/v1/needs?region={County}&q={token}&pageSize=1")).Body)!));
        Assert.Equal(all[1..2], Titles(JsonNode.Parse((await GetAsync(anonymous, $"/api/v1/needs?region={County}&q={token}&pageSize=1&page=2")).Body)!));
        Assert.Equal([.. all.AsEnumerable().Reverse()], Titles(JsonNode.Parse((await GetAsync(anonymous, $"/api/v1/needs?region={County}&q={token}&sort=oldest")).Body)!));
        Assert.Equal([$"甘洛茶园{token}乙"], Titles(JsonNode.Parse((await GetAsync(anonymous, $"/api/v1/needs?region={County}&q={Uri.EscapeDataString(token + "乙")}")).Body)!));
        Assert.Empty(Titles(JsonNode.Parse((await GetAsync(anonymous, $"/api/v1/needs?region={Sibling}&q={token}")).Body)!));

        // The page shows the API's rows, in its order, whether each was read afresh or kept.
        for (var i = 0; i < 2; i++)
        {
            var html = (await GetAsync(anonymous, $"/Market/Needs?region={County}&q={token}")).Body;
            var positions = all.Select(t => html.IndexOf(t, StringComparison.Ordinal)).ToList();
            Assert.All(positions, p => Assert.True(p >= 0));
            Assert.Equal(positions.Order().ToList(), positions);
            Assert.Contains("共 3 项", html);
        }
    }

    [Fact]
    public async Task Drafts_submissions_plan_contacts_and_order_steps_in_the_county_keep_the_entry()
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        var published = (await AddNeedsAsync(County, ($"甘洛桥梁检测{token}", true, NeedVisibility.Public)))[0];
        var anonymous = app.Anonymous();
        foreach (var url in new[] { $"/api/v1/needs?region={County}&q={token}", $"/Market/Needs?region={County}&q={token}", $"/api/v1/needs?q={token}" })
        {
            var scope = url.Contains("region=", StringComparison.Ordinal) ? County : null;
            var kept = await SecondRequestAsync(anonymous, url, scope, async () =>
            {
                var frontPage = await app.QueryAsync(async db => (await FrontPageStamp.ReadAsync(db, County)).Version);
                // A draft, a need submitted and awaiting review (both in the county, both with the search word).
                await AddNeedsAsync(County, ($"甘洛桥梁待审{token}", false, NeedVisibility.Public));
                await app.QueryAsync(async db =>
                {
                    var enterprise = await db.Users.SingleAsync(u => u.UserName == "enterprise");
                    db.Needs.Add(Need.Create(
                        new NeedData($"甘洛桥梁草稿{token}", "桥梁裂缝检测。", enterprise.OrganizationId!.Value, ["4812"], ["58020"], null, null, null, County),
                        enterprise.ToActor(),
                        new MarketCodes(_ => true, _ => true)));
                    return await db.SaveChangesAsync();
                });

                // A contact logged on the published need's plan, and an order in the county with a step.
                await app.QueryAsync(async db =>
                {
                    var admin = (await db.Users.SingleAsync(u => u.UserName == "sichuan")).ToActor();
                    var planId = await db.Needs.Where(n => n.Id == published).Select(n => n.ResponsePlanId).SingleAsync();
                    var plan = await db.ResponsePlans.SingleAsync(p => p.Id == planId);
                    plan.LogContact(admin, new ContactData("王工", ContactChannel.Phone, "约定现场查看"));
                    var buyer = await db.Users.Where(u => u.UserName == "enterprise").Select(u => u.OrganizationId!.Value).SingleAsync();
                    var provider = await db.ScienceWorkers.Select(w => w.Id).FirstAsync();
                    var order = Order.Create(new OrderData($"桥梁检测订单{token}", buyer, provider, County), Kexie.Domain.Identity.Actor.System);
                    db.Orders.Add(order);
                    await db.SaveChangesAsync();
                    order.Agree(Kexie.Domain.Identity.Actor.System, 30000m, "合同-测试");
                    return await db.SaveChangesAsync();
                });

                // The writes are counted: the front page's stamp of the county moved (the market's did not).
                Assert.NotEqual(frontPage, await app.QueryAsync(async db => (await FrontPageStamp.ReadAsync(db, County)).Version));
            });
            Assert.True(FromCache(kept.Response), url);
            Assert.Empty(ListReads(kept.Statements));
            Assert.Single(kept.Statements);
            Assert.Contains($"甘洛桥梁检测{token}", kept.Body);
            Assert.DoesNotContain($"甘洛桥梁待审{token}", kept.Body);
            Assert.DoesNotContain($"甘洛桥梁草稿{token}", kept.Body);
        }
    }

    [Fact]
    public async Task A_need_published_withdrawn_or_edited_and_a_partys_rename_move_the_markets_stamp()
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        var organization = Kexie.Domain.Directory.Organization.Create(
            new Kexie.Domain.Directory.OrganizationData("甘洛测试企业" + token, Kexie.Domain.Directory.OrganizationKind.Enterprise, Kexie.Data.Seeding.DemoSeeder.CreditCodeFor(County, Random.Shared, Kexie.Domain.Directory.OrganizationKind.Enterprise), null, County, null, null, null),
            _ => true);
        Guid id = default;
        await app.QueryAsync(async db =>
        {
            var admin = (await db.Users.SingleAsync(u => u.UserName == "sichuan")).ToActor();
            db.Organizations.Add(organization);
            var need = Need.Create(
                new NeedData($"甘洛水渠修复{token}", "水渠渗漏修复。", organization.Id, ["4812"], ["58020"], null, null, null, County),
                admin,
                new MarketCodes(_ => true, _ => true));
            need.Submit(admin);
            id = need.Id;
            db.Needs.Add(need);
            return await db.SaveChangesAsync();
        });
        var anonymous = app.Anonymous();
        var page = $"/Market/Needs?region={County}&q={token}";
        Assert.DoesNotContain($"甘洛水渠修复{token}", (await SecondRequestAsync(anonymous, page, County)).Body);

        async Task<string> MovesAsync(Func<Task> write)
        {
            var county = await StampAsync(County);
            await write();
            Assert.True(await StampAsync(County) > county);
            var fresh = await GetAsync(anonymous, page);
            Assert.False(FromCache(fresh.Response));
            Assert.NotEmpty(ListReads(fresh.Statements));
            return fresh.Body;
        }

        // Published: in the list; its sibling county's stamp is another's.
        Assert.Contains($"甘洛水渠修复{token}", await MovesAsync(() => app.QueryAsync(async db =>
        {
            var admin = (await db.Users.SingleAsync(u => u.UserName == "sichuan")).ToActor();
            var saved = await db.Needs.SingleAsync(n => n.Id == id);
            if (saved.Publish(admin, app.Services.GetRequiredService<IWorkingCalendar>()) is { } plan)
            {
                db.ResponsePlans.Add(plan);
            }

            return await db.SaveChangesAsync();
        })));

        // Its party renamed: the new name (every stamp moves, the sibling county's too: the party may have moved county since).
        var sibling = await StampAsync(Sibling);
        var renamed = await MovesAsync(() => app.QueryAsync(async db =>
        {
            var saved = await db.Organizations.SingleAsync(o => o.Id == organization.Id);
            db.Entry(saved).Property(o => o.Name).CurrentValue = "甘洛更名企业" + token;
            return await db.SaveChangesAsync();
        }));
        Assert.Contains("甘洛更名企业" + token, renamed);
        Assert.True(await StampAsync(Sibling) > sibling);

        // Edited while published (the closing date), then withdrawn: read afresh each time, then gone.
        await MovesAsync(() => app.QueryAsync(async db =>
        {
            var saved = await db.Needs.SingleAsync(n => n.Id == id);
            db.Entry(saved).Property(n => n.Deadline).CurrentValue = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60);
            return await db.SaveChangesAsync();
        }));
        Assert.DoesNotContain($"甘洛水渠修复{token}", await MovesAsync(() => app.QueryAsync(async db =>
        {
            var admin = (await db.Users.SingleAsync(u => u.UserName == "sichuan")).ToActor();
            var saved = await db.Needs.SingleAsync(n => n.Id == id);
            saved.Withdraw(admin, "重新核实");
            return await db.SaveChangesAsync();
        })));
    }

    [Fact]
    public async Task The_need_detail_page_reads_the_need_once_and_is_kept_under_the_platforms_stamp_and_the_match_index()
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        var id = (await AddNeedsAsync(County, ($"甘洛边坡治理{token}", true, NeedVisibility.Public)))[0];
        var anonymous = app.Anonymous();
        var url = $"/Market/Needs/Details/{id}";
        var host = app.Services.GetRequiredService<Kexie.Web.Features.Matching.MatchIndexHost>();
        await host.WhenReadyAsync();
        await host.PollOnceAsync();

        // The first request reads afresh: the need once, with its organization's industry (no second read of either for the
        // match candidates).
        var read = await GetAsync(anonymous, url);
        Assert.False(FromCache(read.Response));
        Assert.Contains($"甘洛边坡治理{token}", read.Body);
        // (Other statements of the page count needs; only the need's own read takes its whole row, problem statement included.)
        Assert.Single(read.Statements, s => s.Contains("\"Problem\"", StringComparison.Ordinal));
        Assert.DoesNotContain(read.Statements, s => s.Contains("\"IndustryCode\"", StringComparison.Ordinal) && !s.Contains("\"Problem\"", StringComparison.Ordinal));

        // Anonymous: the second request is the kept page, after one read of the stamp (tried again while other tests' writes
        // move the platform's stamp or the index between the two).
        var kept = await GetAsync(anonymous, url);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var before = (await StampAsync(null), host.Status().Version);
            var first = await GetAsync(anonymous, url);
            kept = await GetAsync(anonymous, url);
            if ((await StampAsync(null), host.Status().Version) == before)
            {
                Assert.Equal(first.Body, kept.Body);
                break;
            }
        }

        Assert.True(FromCache(kept.Response));
        Assert.Single(kept.Statements);
        Assert.Contains($"甘洛边坡治理{token}", kept.Body);

        // Withdrawn: the next request reads afresh and finds nothing to show.
        await ChangeNeedAsync(id, (n, enterprise, _) => n.Withdraw(enterprise, "重新核实"));
        var gone = await anonymous.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Null(gone.Headers.Age);
    }

    [Fact]
    public void The_stamp_of_a_filtered_list_is_its_countys_and_no_filter_is_the_platforms()
    {
        Assert.Equal("513436", PublicMarketCache.Scope("513436"));
        Assert.Equal("513436", PublicMarketCache.Scope("513436101"));
        Assert.Equal("5134", PublicMarketCache.Scope(" 5134 "));
        Assert.Null(PublicMarketCache.Scope(default(Microsoft.Extensions.Primitives.StringValues)));
        Assert.Null(PublicMarketCache.Scope(""));
        Assert.Null(PublicMarketCache.Scope("51343"));
        Assert.Null(PublicMarketCache.Scope(new Microsoft.Extensions.Primitives.StringValues(["513436", "513437"])));
    }
}

public sealed class PublicMarketCacheSqliteTests(SqliteApp app) : PublicMarketCacheTests(app);

public sealed class PublicMarketCachePostgresTests(PostgresApp app) : PublicMarketCacheTests(app);
