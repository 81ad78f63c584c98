using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Kexie.Domain.Market;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Market;

/// <summary>The market through the real host: the whole journey, review scope, illegal and concurrent transitions, bad input, overdue plans, the public view.</summary>
public abstract class MarketTests(KexieApp app)
{
    private const string DaYing = "510923";

    private static DateOnly ChinaToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Token() => Guid.NewGuid().ToString("N")[..8];

    private static object OfferBody(string title, string region = DaYing, decimal? priceMin = 1000m, decimal? priceMax = 5000m) => new
    {
        kind = "Service",
        title,
        description = "提供柑橘保鲜、化工废水处理工艺改进方面的技术咨询与现场指导。",
        disciplineCodes = new[] { "21030" },
        industryCodes = new[] { "2614" },
        regionCode = region,
        priceMode = "Range",
        priceMin,
        priceMax,
        priceUnit = "每次",
    };

    private static object NeedBody(string title, string region = DaYing, decimal? budgetMin = 10000m, decimal? budgetMax = 50000m, DateOnly? deadline = null, string visibility = "Public") => new
    {
        title,
        problem = "生产中含盐废水处理成本高，希望找到降低处理成本的工艺方案。",
        industryCodes = new[] { "2614" },
        disciplineCodes = new[] { "21030" },
        budgetMin,
        budgetMax,
        deadline = deadline ?? ChinaToday.AddDays(60),
        regionCode = region,
        visibility,
    };

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static string Str(JsonNode node, string name) => node[name]!.GetValue<string>();

    private async Task<string> PublishedOfferAsync(string title, string region = DaYing)
    {
        var worker = await app.SignInAsync("worker");
        var daying = await app.SignInAsync("daying");
        var id = Id(await (await worker.PostJsonAsync("/api/v1/offers", OfferBody(title, region))).OkJsonAsync());
        await (await worker.PostAsync($"/api/v1/offers/{id}/submit", null)).OkJsonAsync();
        await (await daying.PostAsync($"/api/v1/offers/{id}/publish", null)).OkJsonAsync();
        return id;
    }

    private async Task<string> PublishedNeedAsync(string title, string region = DaYing, string visibility = "Public")
    {
        var enterprise = await app.SignInAsync("enterprise");
        var daying = await app.SignInAsync("daying");
        var id = Id(await (await enterprise.PostJsonAsync("/api/v1/needs", NeedBody(title, region, visibility: visibility))).OkJsonAsync());
        await (await enterprise.PostAsync($"/api/v1/needs/{id}/submit", null)).OkJsonAsync();
        await (await daying.PostAsync($"/api/v1/needs/{id}/publish", null)).OkJsonAsync();
        return id;
    }

    private Task<(Guid Organization, Guid Worker)> PartiesAsync() => app.QueryAsync(async db =>
    {
        var org = await db.Users.Where(u => u.UserName == "enterprise").Select(u => u.OrganizationId).SingleAsync();
        var worker = await db.Users.Where(u => u.UserName == "worker").Select(u => u.ScienceWorkerId).SingleAsync();
        return (org!.Value, worker!.Value);
    });

    /// <summary>A direct inquiry between the demo enterprise and the demo worker, counted in the county itself.</summary>
    private async Task<string> DirectOrderAsync(string title)
    {
        var (organization, worker) = await PartiesAsync();
        var enterprise = await app.SignInAsync("enterprise");
        var created = await (await enterprise.PostJsonAsync("/api/v1/orders", new { title, buyerOrganizationId = organization, providerWorkerId = worker, regionCode = DaYing })).OkJsonAsync();
        Assert.Equal("Inquiry", Str(created, "status"));
        return Id(created);
    }

    private static async Task AssertConflictAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadNodeAsync();
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_whole_journey_from_offer_to_settled_and_rated_order_shows_in_the_region_counters()
    {
        var token = Token();
        var township = await app.QueryAsync(db => db.Regions.Where(r => r.ParentCode == DaYing).OrderByDescending(r => r.Code).Select(r => r.Code).FirstAsync());
        var worker = await app.SignInAsync("worker");
        var daying = await app.SignInAsync("daying");
        var enterprise = await app.SignInAsync("enterprise");
        var staff = await app.SignInAsync("daying-staff");
        var anonymous = app.Anonymous();

        // The worker drafts and submits an offer; the county association publishes it.
        var offer = await (await worker.PostJsonAsync("/api/v1/offers", OfferBody($"含盐废水处理工艺咨询{token}"))).OkJsonAsync();
        var offerId = Id(offer);
        Assert.Equal("Draft", Str(offer, "status"));
        Assert.Equal("Submitted", Str(await (await worker.PostAsync($"/api/v1/offers/{offerId}/submit", null)).OkJsonAsync(), "status"));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/offers/{offerId}")).StatusCode);
        var published = await (await daying.PostAsync($"/api/v1/offers/{offerId}/publish", null)).OkJsonAsync();
        Assert.Equal("Published", Str(published, "status"));
        Assert.Equal("已发布", Str(published, "statusName"));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/offers/{offerId}")).StatusCode);

        // The enterprise posts a need in one township; publishing opens its 一单一策 plan.
        var needId = Id(await (await enterprise.PostJsonAsync("/api/v1/needs", NeedBody($"含盐废水降本{token}", township))).OkJsonAsync());
        await (await enterprise.PostAsync($"/api/v1/needs/{needId}/submit", null)).OkJsonAsync();
        var need = await (await daying.PostAsync($"/api/v1/needs/{needId}/publish", null)).OkJsonAsync();
        Assert.Equal("Published", Str(need, "status"));
        Assert.NotNull(need["responsePlanId"]?.GetValue<string>());

        var staffId = await app.QueryAsync(db => db.Users.Where(u => u.UserName == "daying-staff").Select(u => u.Id).SingleAsync());
        var plan = await (await staff.GetAsync($"/api/v1/needs/{needId}/plan")).OkJsonAsync();
        Assert.Equal("New", Str(plan, "status"));
        Assert.Equal(staffId, Str(plan, "handlerUserId"));
        Assert.Equal("大英县科技云服务中心 王敏", Str(plan, "handlerName"));
        Assert.True(DateTimeOffset.Parse(Str(plan, "responseDueAt")) > DateTimeOffset.UtcNow);
        var candidates = plan["candidates"]!.AsArray();
        var offerCandidate = candidates.FirstOrDefault(c => Str(c!, "kind") == "Offer" && Str(c!, "targetId") == offerId);
        Assert.NotNull(offerCandidate);
        // The shared field by its name (21030 农艺学), never its code.
        Assert.Contains("农艺学", Str(offerCandidate!, "explanation"));
        Assert.DoesNotContain("21030", Str(offerCandidate!, "explanation"));
        Assert.Equal(plan["responseDueAt"]!.ToString(), (await (await enterprise.GetAsync($"/api/v1/needs/{needId}/plan")).OkJsonAsync())["responseDueAt"]!.ToString());

        // The handler contacts the candidate: the plan is answered.
        var planId = Id(plan);
        var contacted = await (await staff.PostJsonAsync($"/api/v1/plans/{planId}/contacts", new { contactedName = "李建国", channel = "Phone", note = "介绍需求，约定面谈", candidateId = Id(offerCandidate) })).OkJsonAsync();
        Assert.Equal("Responded", Str(contacted, "status"));
        Assert.False(contacted["respondedLate"]!.GetValue<bool>());

        // Inquiry → agreed → delivered → accepted → settled, rated by both sides.
        var order = await (await enterprise.PostJsonAsync("/api/v1/orders", new { offerId, needId, note = "希望下周面谈" })).OkJsonAsync();
        var orderId = Id(order);
        Assert.Equal("Inquiry", Str(order, "status"));
        Assert.Equal(township, Str(order, "regionCode"));
        Assert.Equal("Buyer", Str(order, "initiatedBy"));
        var contract = await MarketFiles.ContractAsync(enterprise, orderId);
        var agreed = await MarketFiles.AgreeAsync(enterprise, worker, orderId, 86000.50m, contract);
        Assert.Equal("Agreed", Str(agreed, "status"));
        Assert.Equal(contract, Str(agreed, "contractFileRef"));

        // The agreement is the need's deal: recorded on its plan in the same step.
        var dealt = await (await staff.GetAsync($"/api/v1/plans/{planId}")).OkJsonAsync();
        Assert.Equal("Deal", Str(dealt, "status"));
        Assert.Equal(orderId, Str(dealt, "dealOrderId"));
        Assert.Equal(86000.50m, agreed["contractAmount"]!.GetValue<decimal>());
        Assert.Equal("InDelivery", Str(await (await worker.PostJsonAsync($"/api/v1/orders/{orderId}/deliver", new { note = "已进场" })).OkJsonAsync(), "status"));
        Assert.Equal("Accepted", Str(await (await enterprise.PostJsonAsync($"/api/v1/orders/{orderId}/accept", new { note = "验收合格" })).OkJsonAsync(), "status"));
        Assert.Equal("Settled", Str(await (await worker.PostJsonAsync($"/api/v1/orders/{orderId}/settle", new { note = "已收款" })).OkJsonAsync(), "status"));
        await (await enterprise.PostJsonAsync($"/api/v1/orders/{orderId}/rate", new { stars = 5, comment = "专业、及时" })).OkJsonAsync();
        var rated = await (await worker.PostJsonAsync($"/api/v1/orders/{orderId}/rate", new { stars = 4, comment = "配合顺畅" })).OkJsonAsync();
        Assert.Equal(5, rated["buyerRating"]!["stars"]!.GetValue<int>());
        Assert.Equal(4, rated["providerRating"]!["stars"]!.GetValue<int>());
        var stored = await (await daying.GetAsync($"/api/v1/orders/{orderId}")).OkJsonAsync();
        Assert.Equal(["Inquiry", "Agreed", "InDelivery", "Accepted", "Settled"], stored["events"]!.AsArray().Select(e => Str(e!, "toStatus")).ToArray());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("shehong")).GetAsync($"/api/v1/orders/{orderId}")).StatusCode);

        // The deal was recorded once: recording it again by hand is out of order.
        await AssertConflictAsync(await staff.PostJsonAsync($"/api/v1/plans/{planId}/deal", new { orderId, note = "签约成交" }));

        // The township's counters for today (China dates) show the need, the order and its value.
        var stats = await (await anonymous.GetAsync($"/api/v1/market/stats?region={township}&from={ChinaToday:yyyy-MM-dd}&to={ChinaToday:yyyy-MM-dd}")).OkJsonAsync();
        Assert.Equal(1, stats["needsPublished"]!.GetValue<int>());
        Assert.Equal(1, stats["ordersCreated"]!.GetValue<int>());
        Assert.Equal(1, stats["deals"]!.GetValue<int>());
        Assert.Equal(86000.50m, stats["dealValueYuan"]!.GetValue<decimal>());
        Assert.Equal(1, stats["ordersSettled"]!.GetValue<int>());
        Assert.Equal(86000.50m, stats["settledValueYuan"]!.GetValue<decimal>());
        Assert.Equal(1, stats["plansResponded"]!.GetValue<int>());
        var yesterday = await (await anonymous.GetAsync($"/api/v1/market/stats?region={township}&from={ChinaToday.AddDays(-3):yyyy-MM-dd}&to={ChinaToday.AddDays(-1):yyyy-MM-dd}")).OkJsonAsync();
        Assert.Equal(0, yesterday["ordersCreated"]!.GetValue<int>());
        Assert.Equal(0m, yesterday["dealValueYuan"]!.GetValue<decimal>());
        var county = await (await anonymous.GetAsync($"/api/v1/market/stats?region={DaYing}")).OkJsonAsync();
        Assert.True(county["offersPublished"]!.GetValue<int>() >= 1);
        Assert.True(county["offersByKind"]!.AsArray().Single(k => Str(k!, "kind") == "Service")!["count"]!.GetValue<int>() >= 1);
        Assert.True(county["workersRegistered"]!.GetValue<int>() >= 120);
        Assert.True(county["organizationsRegistered"]!.GetValue<int>() >= 15);
        Assert.True(county["dealValueYuan"]!.GetValue<decimal>() >= 86000.50m);
    }

    [Fact]
    public async Task Illegal_transitions_are_refused_with_409_and_a_Chinese_message()
    {
        var enterprise = await app.SignInAsync("enterprise");
        var worker = await app.SignInAsync("worker");
        var id = await DirectOrderAsync($"非法流转测试{Token()}");

        await AssertConflictAsync(await enterprise.PostJsonAsync($"/api/v1/orders/{id}/accept", new { }));
        await AssertConflictAsync(await worker.PostJsonAsync($"/api/v1/orders/{id}/settle", new { }));
        await AssertConflictAsync(await enterprise.PostJsonAsync($"/api/v1/orders/{id}/rate", new { stars = 5 }));
        await AssertConflictAsync(await worker.PostJsonAsync($"/api/v1/orders/{id}/deliver", new { }));
        var cancelled = await (await enterprise.PostJsonAsync($"/api/v1/orders/{id}/cancel", new { reason = "需求已变更" })).OkJsonAsync();
        Assert.Equal("Cancelled", Str(cancelled, "status"));
        var again = await enterprise.PostJsonAsync($"/api/v1/orders/{id}/proposals", new { contractAmount = 100m, contractFileId = Guid.NewGuid() });
        await AssertConflictAsync(again);
        Assert.Contains("已取消", (await again.ReadNodeAsync())["detail"]!.GetValue<string>());

        // The wrong party is 403, not 409: the buyer cannot start delivery.
        var second = await DirectOrderAsync($"越权测试{Token()}");
        await MarketFiles.AgreeAsync(enterprise, worker, second, 1000m);
        var forbidden = await enterprise.PostJsonAsync($"/api/v1/orders/{second}/deliver", new { });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("供方", (await forbidden.ReadNodeAsync())["detail"]!.GetValue<string>());

        // Review workflow: publishing a draft is out of order.
        var daying = await app.SignInAsync("daying");
        var offerId = Id(await (await worker.PostJsonAsync("/api/v1/offers", OfferBody($"草稿{Token()}"))).OkJsonAsync());
        await AssertConflictAsync(await daying.PostAsync($"/api/v1/offers/{offerId}/publish", null));
        var events = await app.QueryAsync(db => db.Orders.Where(o => o.Id == Guid.Parse(id)).Select(o => o.Events.Count).SingleAsync());
        Assert.Equal(2, events);
    }

    [Fact]
    public async Task Of_two_concurrent_transitions_on_one_order_exactly_one_succeeds()
    {
        var worker = await app.SignInAsync("worker");
        var staff = await app.SignInAsync("daying-staff");
        var enterprise = await app.SignInAsync("enterprise");
        for (var round = 0; round < 3; round++)
        {
            var id = await DirectOrderAsync($"并发测试{Token()}");
            await MarketFiles.AgreeAsync(enterprise, worker, id, 2000m);
            var responses = await Task.WhenAll(
                worker.PostJsonAsync($"/api/v1/orders/{id}/deliver", new { note = "供方开始" }),
                staff.PostJsonAsync($"/api/v1/orders/{id}/deliver", new { note = "管理方开始" }));
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            var loser = Assert.Single(responses, r => r.StatusCode != HttpStatusCode.OK);
            await AssertConflictAsync(loser);
            var deliveries = await app.QueryAsync(db => db.Orders.Where(o => o.Id == Guid.Parse(id)).Select(o => o.Events.Count(e => e.To == OrderStatus.InDelivery)).SingleAsync());
            Assert.Equal(1, deliveries);
        }
    }

    [Fact]
    public async Task A_write_based_on_a_stale_version_is_refused_by_the_client_version_and_by_the_database()
    {
        var enterprise = await app.SignInAsync("enterprise");
        var worker = await app.SignInAsync("worker");
        var id = await DirectOrderAsync($"版本测试{Token()}");
        var contract = await MarketFiles.ContractAsync(enterprise, id);
        var read = await (await enterprise.GetAsync($"/api/v1/orders/{id}")).OkJsonAsync();
        var version = read["version"]!.GetValue<int>();

        using var first = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/orders/{id}/proposals") { Content = JsonContent(new { contractAmount = 500m, contractFileId = contract }) };
        first.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        Assert.Equal(HttpStatusCode.OK, (await enterprise.SendAsync(first)).StatusCode);
        using var staleConfirm = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/orders/{id}/confirm") { Content = JsonContent(new { proposalNumber = 1 }) };
        staleConfirm.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        await AssertConflictAsync(await worker.SendAsync(staleConfirm));
        await (await worker.PostJsonAsync($"/api/v1/orders/{id}/confirm", new { proposalNumber = 1 })).OkJsonAsync();
        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/orders/{id}/cancel") { Content = JsonContent(new { reason = "基于旧页面的操作" }) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        await AssertConflictAsync(await worker.SendAsync(stale));
        Assert.Equal("Agreed", Str(await (await enterprise.GetAsync($"/api/v1/orders/{id}")).OkJsonAsync(), "status"));

        // Below the API: two units of work that read the same row cannot both save.
        var orderId = Guid.Parse(id);
        var staffActor = new Kexie.Domain.Identity.Actor("x", "并发甲", Kexie.Domain.Identity.UserRole.AssociationAdmin, DaYing);
        await using var scopeA = app.Services.CreateAsyncScope();
        await using var scopeB = app.Services.CreateAsyncScope();
        var dbA = scopeA.ServiceProvider.GetRequiredService<Kexie.Data.KexieDbContext>();
        var dbB = scopeB.ServiceProvider.GetRequiredService<Kexie.Data.KexieDbContext>();
        var a = await dbA.Orders.SingleAsync(o => o.Id == orderId);
        var b = await dbB.Orders.SingleAsync(o => o.Id == orderId);
        a.StartDelivery(staffActor);
        b.Cancel(staffActor, "另一人同时取消");
        await dbA.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => dbB.SaveChangesAsync());
        Assert.Equal("InDelivery", Str(await (await enterprise.GetAsync($"/api/v1/orders/{id}")).OkJsonAsync(), "status"));
    }

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body, Json.Options), System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task Bad_input_is_400_naming_the_field()
    {
        var enterprise = await app.SignInAsync("enterprise");
        var worker = await app.SignInAsync("worker");
        await (await enterprise.PostJsonAsync("/api/v1/needs", NeedBody($"预算颠倒{Token()}", budgetMin: 50000m, budgetMax: 10000m))).AssertValidationProblemAsync("budgetMax");
        await (await enterprise.PostJsonAsync("/api/v1/needs", NeedBody($"过期需求{Token()}", deadline: ChinaToday.AddDays(-1)))).AssertValidationProblemAsync("deadline");
        await (await enterprise.PostJsonAsync("/api/v1/needs", NeedBody($"区划不存在{Token()}", region: "510999"))).AssertValidationProblemAsync("regionCode");
        await (await worker.PostJsonAsync("/api/v1/offers", OfferBody($"负价格{Token()}", priceMin: -1m))).AssertValidationProblemAsync("priceMin");
        await (await worker.PostJsonAsync("/api/v1/offers", new { kind = "Magic", title = "x" })).AssertValidationProblemAsync("kind");

        var id = await DirectOrderAsync($"负金额{Token()}");
        var contract = await MarketFiles.ContractAsync(enterprise, id);
        await (await enterprise.PostJsonAsync($"/api/v1/orders/{id}/proposals", new { contractAmount = -100m, contractFileId = contract })).AssertValidationProblemAsync("contractAmount");
        await (await enterprise.PostJsonAsync($"/api/v1/orders/{id}/proposals", new { contractAmount = 100.005m, contractFileId = contract })).AssertValidationProblemAsync("contractAmount");
        await (await enterprise.PostJsonAsync($"/api/v1/orders/{id}/proposals", new { contractAmount = 100m })).AssertValidationProblemAsync("contractFileId");
        await (await enterprise.PostJsonAsync($"/api/v1/orders/{id}/proposals", new { contractAmount = 100m, contractFileId = Guid.NewGuid() })).AssertValidationProblemAsync("contractFileId");
        var otherOrder = await DirectOrderAsync($"他单合同{Token()}");
        await (await enterprise.PostJsonAsync($"/api/v1/orders/{otherOrder}/proposals", new { contractAmount = 100m, contractFileId = contract })).AssertValidationProblemAsync("contractFileId");
        // Amounts as people write them: "5万" is 50,000 元; anything else is a 400 naming the field in Chinese.
        Assert.Contains("合同金额", await (await enterprise.PostJsonAsync($"/api/v1/orders/{id}/proposals", new { contractAmount = "五万", contractFileId = contract })).AssertValidationProblemAsync("contractAmount"));
        Assert.Contains("预算上限", await (await enterprise.PostJsonAsync("/api/v1/needs", new { title = $"坏预算{Token()}", problem = "预算写错了的需求", budgetMax = "很多" })).AssertValidationProblemAsync("budgetMax"));
        var wan = await (await enterprise.PostJsonAsync($"/api/v1/orders/{id}/proposals", new { contractAmount = "5万", contractFileId = contract })).OkJsonAsync();
        Assert.Equal(50_000m, wan["proposals"]!.AsArray()[^1]!["amount"]!.GetValue<decimal>());
        await (await enterprise.PostJsonAsync($"/api/v1/orders/{id}/cancel", new { reason = " " })).AssertValidationProblemAsync("reason");
        Assert.Equal("Inquiry", Str(await (await enterprise.GetAsync($"/api/v1/orders/{id}")).OkJsonAsync(), "status"));
        await (await (await app.SignInAsync("daying")).GetAsync("/api/v1/market/stats?region=51x")).AssertValidationProblemAsync("region");
    }

    [Fact]
    public async Task Another_county_cannot_review_or_close_a_DaYing_need()
    {
        var enterprise = await app.SignInAsync("enterprise");
        var shehong = await app.SignInAsync("shehong");
        var id = Id(await (await enterprise.PostJsonAsync("/api/v1/needs", NeedBody($"跨县审核{Token()}"))).OkJsonAsync());
        await (await enterprise.PostAsync($"/api/v1/needs/{id}/submit", null)).OkJsonAsync();

        var publish = await shehong.PostAsync($"/api/v1/needs/{id}/publish", null);
        Assert.Contains(publish.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        Assert.Equal(ReviewStatus.Submitted, await app.QueryAsync(db => db.Needs.Where(n => n.Id == Guid.Parse(id)).Select(n => n.Status).SingleAsync()));
        Assert.False(await app.QueryAsync(db => db.ResponsePlans.AnyAsync(p => p.NeedId == Guid.Parse(id))));
        var selfPublish = await enterprise.PostAsync($"/api/v1/needs/{id}/publish", null);
        Assert.Equal(HttpStatusCode.Forbidden, selfPublish.StatusCode);
        Assert.Contains("科协管理员", (await selfPublish.ReadNodeAsync())["detail"]!.GetValue<string>());

        await (await (await app.SignInAsync("daying")).PostAsync($"/api/v1/needs/{id}/publish", null)).OkJsonAsync();
        var close = await shehong.PostJsonAsync($"/api/v1/needs/{id}/close", new { reason = "越权关闭" });
        Assert.Equal(HttpStatusCode.Forbidden, close.StatusCode);
        Assert.Equal(ReviewStatus.Published, await app.QueryAsync(db => db.Needs.Where(n => n.Id == Guid.Parse(id)).Select(n => n.Status).SingleAsync()));
    }

    [Fact]
    public async Task An_unanswered_need_appears_overdue_for_its_region_until_someone_responds()
    {
        var token = Token();
        var id = await PublishedNeedAsync($"超期未响应{token}");
        var daying = await app.SignInAsync("daying");
        var staff = await app.SignInAsync("daying-staff");
        var planId = Id(await (await staff.GetAsync($"/api/v1/needs/{id}/plan")).OkJsonAsync());

        var fresh = await (await daying.GetAsync($"/api/v1/plans/overdue?region={DaYing}")).OkJsonAsync();
        Assert.DoesNotContain(fresh["items"]!.AsArray(), i => Str(i!, "planId") == planId);

        // Time passes: the need was published three days ago and its one-working-day deadline has gone by.
        var needId = Guid.Parse(id);
        var publishedAt = DateTimeOffset.UtcNow.AddDays(-3);
        await app.QueryAsync(async db =>
        {
            await db.Needs.Where(n => n.Id == needId).ExecuteUpdateAsync(s => s.SetProperty(n => n.PublishedAt, publishedAt));
            return await db.ResponsePlans.Where(p => p.NeedId == needId).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.CreatedAt, publishedAt)
                .SetProperty(p => p.ResponseDueAt, publishedAt.AddDays(1)));
        });

        var overdue = await (await daying.GetAsync($"/api/v1/plans/overdue?region={DaYing}")).OkJsonAsync();
        var item = overdue["items"]!.AsArray().Single(i => Str(i!, "planId") == planId)!;
        Assert.Equal($"超期未响应{token}", Str(item, "needTitle"));
        Assert.True(item["hoursOverdue"]!.GetValue<double>() >= 47);
        Assert.Contains(overdue["byRegion"]!.AsArray(), r => Str(r!, "regionCode") == DaYing && r!["count"]!.GetValue<int>() >= 1);
        Assert.True((await (await staff.GetAsync($"/api/v1/plans/{planId}")).OkJsonAsync())["isOverdue"]!.GetValue<bool>());
        var city = await (await (await app.SignInAsync("suining")).GetAsync("/api/v1/plans/overdue")).OkJsonAsync();
        Assert.Contains(city["items"]!.AsArray(), i => Str(i!, "planId") == planId);

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("shehong")).GetAsync($"/api/v1/plans/overdue?region={DaYing}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("worker")).GetAsync("/api/v1/plans/overdue")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/plans/overdue")).StatusCode);

        // Closing needs a reason; a late first contact answers it (and is marked late).
        await (await staff.PostJsonAsync($"/api/v1/plans/{planId}/close", new { reason = "" })).AssertValidationProblemAsync("reason");
        var answered = await (await staff.PostJsonAsync($"/api/v1/plans/{planId}/contacts", new { contactedName = "张伟", channel = "Visit", note = "上门了解情况" })).OkJsonAsync();
        Assert.Equal("Responded", Str(answered, "status"));
        Assert.True(answered["respondedLate"]!.GetValue<bool>());
        var after = await (await daying.GetAsync($"/api/v1/plans/overdue?region={DaYing}")).OkJsonAsync();
        Assert.DoesNotContain(after["items"]!.AsArray(), i => Str(i!, "planId") == planId);
    }

    [Fact]
    public async Task Keyword_search_finds_chinese_words_of_any_length_and_only_whole_substrings()
    {
        // Four rare characters (倀…) as a word no other record holds; PostgreSQL narrows by the bigram index first
        // (TextSearch), so every answer must equal the plain substring test SQLite runs.
        var word = string.Concat(Guid.NewGuid().ToByteArray()[..4].Select(b => (char)(0x5000 + b)));
        var anonymous = app.Anonymous();
        var offer = await PublishedOfferAsync($"检索{word}甲乙丙");
        var lookalike = await PublishedOfferAsync($"检索{word}甲乙，乙丙");
        var need = await PublishedNeedAsync($"需求检索{word}甲乙丙");
        async Task<string[]> Found(string list, string q) =>
            (await (await anonymous.GetAsync($"/api/v1/{list}?q={Uri.EscapeDataString(q)}&pageSize=50")).OkJsonAsync())["items"]!.AsArray().Select(i => Id(i!)).ToArray();
        async Task<int> Total(string list, string q) =>
            (await (await anonymous.GetAsync($"/api/v1/{list}?q={Uri.EscapeDataString(q)}&pageSize=50")).OkJsonAsync())["total"]!.GetValue<int>();

        Assert.Equal(new[] { offer, lookalike }.Order(), (await Found("offers", word)).Order());
        Assert.Equal(2, await Total("offers", word[1..3]));
        Assert.Equal([offer], await Found("offers", word + "甲乙丙"));
        Assert.Equal([lookalike], await Found("offers", word + "甲乙，"));
        Assert.Contains(offer, await Found("offers", "检索" + word[..1]));
        Assert.Empty(await Found("offers", word + "提供"));
        Assert.Empty(await Found("offers", word + "乙丙"));
        Assert.Equal(0, await Total("offers", word + "甲乙丙丁"));
        Assert.Equal([need], await Found("needs", word));
        Assert.Equal([need], await Found("needs", $" {word}甲乙丙 "));
        Assert.Equal(1, await Total("needs", word[2..] + "甲"));
        Assert.Empty(await Found("needs", word + "含盐"));
    }

    [Fact]
    public async Task Two_character_search_is_exact_within_each_column_and_never_across_them()
    {
        // On PostgreSQL a two-character text's one bigram is itself the substring test (TextSearch.IsExactBigram; both
        // are applied, the substring test as the cheap first one): the answers must be the substring test's — a pair spanning the title's end and the
        // description's start (提…) is no match, a doubled character and one outside the BMP are. Rare characters of CJK
        // extension A, so no other record holds the pairs.
        var b = Guid.NewGuid().ToByteArray();
        var (x, y, z) = ((char)(0x3400 + b[0]), (char)(0x3500 + b[1]), (char)(0x3600 + b[2]));
        var anonymous = app.Anonymous();
        var offer = await PublishedOfferAsync($"双字检索{x}{y}{y}\U00020000{z}");
        async Task<string[]> Found(string q) =>
            (await (await anonymous.GetAsync($"/api/v1/offers?q={Uri.EscapeDataString(q)}&pageSize=50")).OkJsonAsync())["items"]!.AsArray().Select(i => Id(i!)).ToArray();
        async Task<int> Total(string q) =>
            (await (await anonymous.GetAsync($"/api/v1/offers?q={Uri.EscapeDataString(q)}&pageSize=50")).OkJsonAsync())["total"]!.GetValue<int>();

        Assert.Equal([offer], await Found($"{x}{y}"));
        Assert.Equal(1, await Total($"{x}{y}"));
        Assert.Equal([offer], await Found($"{y}{y}"));
        Assert.Equal([offer], await Found($"\U00020000{z}"));
        Assert.Empty(await Found($"{y}{x}"));
        Assert.Empty(await Found($"{y}{y}{y}"));
        Assert.Equal(0, await Total($"{z}提"));
        Assert.Equal([offer], await Found($"{y}{y}\U00020000"));
    }

    [Fact]
    public async Task Anonymous_visitors_see_only_published_items()
    {
        var token = Token();
        var worker = await app.SignInAsync("worker");
        var enterprise = await app.SignInAsync("enterprise");
        var anonymous = app.Anonymous();
        var draftOffer = Id(await (await worker.PostJsonAsync("/api/v1/offers", OfferBody($"公开测试草稿{token}"))).OkJsonAsync());
        var publishedOffer = await PublishedOfferAsync($"公开测试已发布{token}");
        var draftNeed = Id(await (await enterprise.PostJsonAsync("/api/v1/needs", NeedBody($"公开测试需求草稿{token}"))).OkJsonAsync());
        var publicNeed = await PublishedNeedAsync($"公开测试公开需求{token}");
        var restrictedNeed = await PublishedNeedAsync($"公开测试定向需求{token}", visibility: "Restricted");

        var offers = await (await anonymous.GetAsync($"/api/v1/offers?q={token}&region={DaYing}&kind=Service&discipline=210&industry=26&priceMin=2000&priceMax=3000&sort=price")).OkJsonAsync();
        Assert.Equal([publishedOffer], offers["items"]!.AsArray().Select(i => Id(i!)).ToArray());
        Assert.Equal(0, (await (await anonymous.GetAsync($"/api/v1/offers?q={token}&status=Draft")).OkJsonAsync())["total"]!.GetValue<int>());
        Assert.Equal(0, (await (await anonymous.GetAsync($"/api/v1/offers?q={token}&priceMin=6000")).OkJsonAsync())["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/offers/{draftOffer}")).StatusCode);
        var mine = await (await worker.GetAsync($"/api/v1/offers?q={token}")).OkJsonAsync();
        Assert.Equal(2, mine["total"]!.GetValue<int>());

        var needs = await (await anonymous.GetAsync($"/api/v1/needs?q={token}&industry=2614&budgetMin=20000&from={ChinaToday:yyyy-MM-dd}")).OkJsonAsync();
        Assert.Equal([publicNeed], needs["items"]!.AsArray().Select(i => Id(i!)).ToArray());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/needs/{draftNeed}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/needs/{restrictedNeed}")).StatusCode);
        var signedIn = await (await worker.GetAsync($"/api/v1/needs?q={token}")).OkJsonAsync();
        Assert.Equal(2, signedIn["total"]!.GetValue<int>());
        Assert.Equal(3, (await (await enterprise.GetAsync($"/api/v1/needs?q={token}")).OkJsonAsync())["total"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync("/api/v1/offers", OfferBody("匿名发布"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/needs/{publicNeed}/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/orders")).StatusCode);
    }

    /// <summary>Publishes <paramref name="count"/> needs and offers; the first <paramref name="tied"/> of each share one publication instant.</summary>
    private async Task<(List<string> Needs, List<string> Offers)> PublishedWithTiesAsync(string prefix, string token, int count, int tied, int minutesAgo)
    {
        var needs = new List<string>();
        var offers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            needs.Add(await PublishedNeedAsync($"{prefix}需求{i}{token}"));
            offers.Add(await PublishedOfferAsync($"{prefix}成果{i}{token}"));
        }

        var tie = DateTimeOffset.UtcNow.AddMinutes(-minutesAgo);
        var (tiedNeeds, tiedOffers) = (needs.Take(tied).Select(Guid.Parse).ToList(), offers.Take(tied).Select(Guid.Parse).ToList());
        await app.QueryAsync(async db =>
        {
            await db.Needs.Where(n => tiedNeeds.Contains(n.Id)).ExecuteUpdateAsync(u => u.SetProperty(n => n.PublishedAt, tie));
            return await db.Offers.Where(o => tiedOffers.Contains(o.Id)).ExecuteUpdateAsync(u => u.SetProperty(o => o.PublishedAt, tie));
        });
        return (needs, offers);
    }

    [Fact]
    public async Task Cursor_pages_walk_the_same_rows_as_numbered_pages_ties_included()
    {
        var token = Token();
        // Three of each published at the same instant: the id breaks the tie, in the database's own order.
        var (needs, offers) = await PublishedWithTiesAsync("游标翻页", token, count: 5, tied: 3, minutesAgo: 5);

        var anonymous = app.Anonymous();
        foreach (var list in new[] { "needs", "offers" })
        {
            foreach (var sort in new[] { "newest", "oldest" })
            {
                var numbered = new List<string>();
                for (var page = 1; page <= 3; page++)
                {
                    var result = await (await anonymous.GetAsync($"/api/v1/{list}?q={token}&sort={sort}&pageSize=2&page={page}")).OkJsonAsync();
                    numbered.AddRange(result["items"]!.AsArray().Select(i => Id(i!)));
                }

                var walked = new List<string>();
                string? cursor = null;
                for (var step = 0; step < 5; step++)
                {
                    var result = await (await anonymous.GetAsync($"/api/v1/{list}?q={token}&sort={sort}&pageSize=2" + (cursor is null ? string.Empty : $"&after={cursor}"))).OkJsonAsync();
                    Assert.Equal(5, result["total"]!.GetValue<int>());
                    walked.AddRange(result["items"]!.AsArray().Select(i => Id(i!)));
                    cursor = result["nextCursor"]?.GetValue<string>();
                    if (cursor is null)
                    {
                        break;
                    }
                }

                Assert.Equal(5, numbered.Count);
                Assert.Equal(numbered, walked);
                Assert.Equal((list == "needs" ? needs : offers).Order(), walked.Order());
            }

            // A cursor only follows the publication-time order, and a malformed one is a 400 naming the parameter.
            var first = await (await anonymous.GetAsync($"/api/v1/{list}?q={token}&pageSize=2")).OkJsonAsync();
            var next = first["nextCursor"]!.GetValue<string>();
            Assert.Contains("after", await (await anonymous.GetAsync($"/api/v1/{list}?q={token}&sort=title&after={next}")).AssertValidationProblemAsync("after"));
            Assert.Contains("游标", await (await anonymous.GetAsync($"/api/v1/{list}?q={token}&after=abc")).AssertValidationProblemAsync("after"));
            Assert.Null((await (await anonymous.GetAsync($"/api/v1/{list}?q={token}&pageSize=5")).OkJsonAsync())["nextCursor"]?.GetValue<string>());
        }
    }

    [Fact]
    public async Task Deep_pages_by_number_are_read_after_the_key_of_the_row_before_them_and_equal_the_walk()
    {
        var token = Token();
        // Two of each published at the same instant, across the seek's boundary (rows 4 and 5 of the newest-first order).
        var (needs, offers) = await PublishedWithTiesAsync("深翻页", token, count: 6, tied: 2, minutesAgo: 7);

        var anonymous = app.Anonymous();
        foreach (var list in new[] { "needs", "offers" })
        {
            foreach (var sort in new[] { "newest", "oldest" })
            {
                var walked = new List<string>();
                string? cursor = null;
                do
                {
                    var result = await (await anonymous.GetAsync($"/api/v1/{list}?q={token}&sort={sort}&pageSize=1" + (cursor is null ? string.Empty : $"&after={cursor}"))).OkJsonAsync();
                    walked.AddRange(result["items"]!.AsArray().Select(i => Id(i!)));
                    cursor = result["nextCursor"]?.GetValue<string>();
                }
                while (cursor is not null && walked.Count < 10);

                // Pages 1–3 skip; from page SeekFromPage (4) on the page is read after the key of the row before it.
                Assert.Equal(4, Kexie.Web.Infrastructure.KeysetPaging.SeekFromPage);
                var numbered = new List<string>();
                for (var page = 1; page <= 6; page++)
                {
                    var result = await (await anonymous.GetAsync($"/api/v1/{list}?q={token}&sort={sort}&pageSize=1&page={page}")).OkJsonAsync();
                    Assert.Equal(page, result["page"]!.GetValue<int>());
                    Assert.Equal(6, result["total"]!.GetValue<int>());
                    Assert.Equal(page < 6, result["hasNext"]!.GetValue<bool>());
                    Assert.Equal(page < 6, result["nextCursor"]?.GetValue<string>() is not null);
                    Assert.Equal(page > 1, result["previousCursor"]?.GetValue<string>() is not null);
                    numbered.AddRange(result["items"]!.AsArray().Select(i => Id(i!)));
                }

                Assert.Equal(walked, numbered);
                Assert.Equal((list == "needs" ? needs : offers).Order(), numbered.Order());

                // A deep page of two: rows 7 and 8 of a list of six do not exist; a page past the end is empty, not the first.
                var third = await (await anonymous.GetAsync($"/api/v1/{list}?q={token}&sort={sort}&pageSize=2&page=3")).OkJsonAsync();
                Assert.Equal(walked.Skip(4), third["items"]!.AsArray().Select(i => Id(i!)));
                var past = await (await anonymous.GetAsync($"/api/v1/{list}?q={token}&sort={sort}&pageSize=2&page=5")).OkJsonAsync();
                Assert.Empty(past["items"]!.AsArray());
                Assert.False(past["hasNext"]!.GetValue<bool>());
                Assert.Null(past["nextCursor"]?.GetValue<string>());
            }

            // A bad page number is still a problem naming the field.
            await (await anonymous.GetAsync($"/api/v1/{list}?q={token}&page=abc")).AssertValidationProblemAsync("page");
        }
    }

    [Fact]
    public async Task The_list_pages_next_link_follows_the_cursor_and_shows_every_row_once()
    {
        var token = Token();
        var needs = new List<string>();
        var offers = new List<string>();
        for (var i = 0; i < 21; i++)
        {
            needs.Add(await PublishedNeedAsync($"页面游标需求{i:00}{token}"));
            offers.Add(await PublishedOfferAsync($"页面游标成果{i:00}{token}"));
        }

        var anonymous = app.Anonymous();
        foreach (var (path, prefix) in new[] { ("/Market/Needs", "页面游标需求"), ("/Market/Offers", "页面游标成果") })
        {
            var first = await anonymous.GetStringAsync($"{path}?q={token}");
            Assert.Contains("第 1 / 2 页", first);
            var next = System.Text.RegularExpressions.Regex.Match(first, "<a href=\"([^\"]+)\" rel=\"next\">").Groups[1].Value;
            next = System.Net.WebUtility.HtmlDecode(next);
            // 下一页 carries the last row's cursor (no skipping over earlier rows) and keeps the filter and the page label.
            Assert.Contains("after=", next);
            Assert.Contains("p=2", next);
            Assert.Contains($"q={token}", next);
            var second = await anonymous.GetStringAsync(next);
            Assert.Contains("第 2 / 2 页", second);
            Assert.DoesNotContain("rel=\"next\"", second);
            Assert.Contains("rel=\"prev\"", second);

            string[] Titles(string html) => System.Text.RegularExpressions.Regex.Matches(html, prefix + "\\d\\d" + token).Select(m => m.Value).Distinct().ToArray();
            var shown = Titles(first).Concat(Titles(second)).ToList();
            Assert.Equal(21, shown.Count);
            Assert.Equal(21, shown.Distinct().Count());
            // Newest first: the last one published opens the list, the first one published ends it.
            Assert.Equal($"{prefix}20{token}", Titles(first)[0]);
            Assert.Equal([$"{prefix}00{token}"], Titles(second));
        }
    }

    [Fact]
    public async Task Fair_projects_are_collected_selected_and_shown_in_the_public_catalogue()
    {
        var token = Token();
        var daying = await app.SignInAsync("daying");
        var worker = await app.SignInAsync("worker");
        var fair = await (await daying.PostJsonAsync("/api/v1/fairs", new { name = $"大英县科创会{token}", description = "常年开放", regionCode = DaYing })).OkJsonAsync();
        var fairId = Id(fair);
        var project = await (await worker.PostJsonAsync($"/api/v1/fairs/{fairId}/projects", new { category = "AchievementToCommercialise", title = $"柠檬保鲜成果{token}", description = "中试完成，寻求转化", regionCode = DaYing, disciplineCodes = new[] { "21030" } })).OkJsonAsync();
        var projectId = Id(project);
        var other = Id(await (await worker.PostJsonAsync($"/api/v1/fairs/{fairId}/projects", new { category = "ProblemToSolve", title = $"未入选项目{token}", description = "说明", regionCode = DaYing })).OkJsonAsync());
        await (await worker.PostAsync($"/api/v1/fairs/{fairId}/projects/{projectId}/submit", null)).OkJsonAsync();
        await (await worker.PostAsync($"/api/v1/fairs/{fairId}/projects/{other}/submit", null)).OkJsonAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostAsync($"/api/v1/fairs/{fairId}/projects/{projectId}/select", null)).StatusCode);
        Assert.Equal("已入选", Str(await (await daying.PostAsync($"/api/v1/fairs/{fairId}/projects/{projectId}/select", null)).OkJsonAsync(), "statusName"));
        await (await daying.PostJsonAsync($"/api/v1/fairs/{fairId}/projects/{other}/reject", new { reason = "不属于本届征集范围" })).OkJsonAsync();

        var catalogue = await (await app.Anonymous().GetAsync($"/api/v1/fairs/{fairId}/catalogue")).OkJsonAsync();
        Assert.Equal([projectId], catalogue.AsArray().Select(p => Id(p!)).ToArray());
        Assert.Empty((await (await app.Anonymous().GetAsync($"/api/v1/fairs/{fairId}/catalogue?category=ProblemToSolve")).OkJsonAsync()).AsArray());

        await (await daying.PostAsync($"/api/v1/fairs/{fairId}/close", null)).OkJsonAsync();
        await AssertConflictAsync(await worker.PostJsonAsync($"/api/v1/fairs/{fairId}/projects", new { category = "TechnologyToPromote", title = "闭幕后申报", description = "说明", regionCode = DaYing }));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("shehong")).PostAsync($"/api/v1/fairs/{fairId}/projects/{other}/select", null)).StatusCode);
    }

    [Fact]
    public async Task Service_tickets_are_recorded_by_staff_and_counted_per_staff_and_region()
    {
        var staff = await app.SignInAsync("daying-staff");
        var (organization, _) = await PartiesAsync();
        var staffId = await app.QueryAsync(db => db.Users.Where(u => u.UserName == "daying-staff").Select(u => u.Id).SingleAsync());
        var day = ChinaToday.AddDays(-400);
        await (await staff.PostJsonAsync("/api/v1/service-tickets", new { kind = "Visit", targetOrganizationId = organization, servedOn = day, regionCode = DaYing, durationMinutes = 90, notes = "上门了解技术需求" })).OkJsonAsync();
        await (await staff.PostJsonAsync("/api/v1/service-tickets", new { kind = "Training", targetText = "回马镇种植户", servedOn = day, regionCode = DaYing, participantCount = 45 })).OkJsonAsync();
        await (await staff.PostJsonAsync("/api/v1/service-tickets", new { kind = "Training", targetText = "缺人数", servedOn = day, regionCode = DaYing })).AssertValidationProblemAsync("participantCount");
        await (await staff.PostJsonAsync("/api/v1/service-tickets", new { kind = "Consultation", targetText = "未来", servedOn = ChinaToday.AddDays(2), regionCode = DaYing })).AssertValidationProblemAsync("servedOn");

        var counts = await (await staff.GetAsync($"/api/v1/service-tickets/counts?region={DaYing}&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}")).OkJsonAsync();
        var mine = counts["byStaff"]!.AsArray().Single(s => Str(s!, "key") == staffId)!;
        Assert.True(mine["tickets"]!.GetValue<int>() >= 2);
        Assert.True(mine["participants"]!.GetValue<int>() >= 45);
        Assert.Contains(counts["byRegion"]!.AsArray(), r => Str(r!, "key") == DaYing && Str(r!, "name") == "大英县");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("worker")).PostJsonAsync("/api/v1/service-tickets", new { kind = "Visit", targetText = "x", servedOn = day, regionCode = DaYing })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("shehong")).GetAsync($"/api/v1/service-tickets/counts?region={DaYing}")).StatusCode);
    }
}

public sealed class MarketSqliteTests(SqliteApp app) : MarketTests(app);

public sealed class MarketPostgresTests(PostgresApp app) : MarketTests(app);
