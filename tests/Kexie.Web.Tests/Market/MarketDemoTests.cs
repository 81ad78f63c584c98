using System.Text.Json.Nodes;

namespace Kexie.Web.Tests.Market;

/// <summary>A fresh demo database has a living market in 大英县: published offers and needs from CSL abstracts and a settled deal in 2025.</summary>
public abstract class MarketDemoTests(KexieApp app)
{
    [Fact]
    public async Task Fresh_demo_has_published_offers_needs_and_a_settled_order_in_2025()
    {
        using var anonymous = app.Anonymous();
        var offers = await (await anonymous.GetAsync("/api/v1/offers?region=510923")).OkJsonAsync();
        Assert.True(offers["total"]!.GetValue<int>() >= 25, offers.ToJsonString());
        Assert.All(offers["items"]!.AsArray(), o => Assert.StartsWith("510923", o!["regionCode"]!.GetValue<string>()));

        var stats = await (await anonymous.GetAsync("/api/v1/market/stats?region=510923&from=2025-01-01&to=2025-12-31")).OkJsonAsync();
        Assert.True(stats["offersPublished"]!.GetValue<int>() >= 25, stats.ToJsonString());
        Assert.True(stats["needsPublished"]!.GetValue<int>() >= 10, stats.ToJsonString());
        Assert.True(stats["ordersSettled"]!.GetValue<int>() >= 1, stats.ToJsonString());
        Assert.True(stats["settledValueYuan"]!.GetValue<decimal>() > 0, stats.ToJsonString());
        Assert.True(stats["deals"]!.GetValue<int>() >= 4, stats.ToJsonString());

        var sheHong = await (await anonymous.GetAsync("/api/v1/market/stats?region=510981&from=2025-01-01&to=2025-12-31")).OkJsonAsync();
        Assert.Equal(0, sheHong["offersPublished"]!.GetValue<int>());
        Assert.Equal(0, sheHong["ordersCreated"]!.GetValue<int>());
    }
}

public sealed class MarketDemoSqliteTests(SqliteApp app) : MarketDemoTests(app);

public sealed class MarketDemoPostgresTests(PostgresApp app) : MarketDemoTests(app);
