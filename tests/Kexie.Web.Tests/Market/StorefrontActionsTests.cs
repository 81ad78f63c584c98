using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Market;

/// <summary>
/// A storefront's <c>actions</c> are what its endpoints then allow, and its page shows its buttons from them: the county's
/// managers edit it and close or open it; another county's admin, a company user and anyone anonymous get none, and their
/// attempts are refused.
/// </summary>
public abstract class StorefrontActionsTests(KexieApp app)
{
    private static async Task<string[]> ActionsAsync(HttpClient client, string id) =>
        (await (await client.GetAsync($"/api/v1/storefronts/{id}")).OkJsonAsync())["storefront"]!["actions"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();

    [Fact]
    public async Task Listed_actions_succeed_unlisted_ones_are_refused_and_the_page_follows_them()
    {
        var daying = await app.SignInAsync("daying");
        var owner = await app.QueryAsync(db => db.ScienceWorkers
            .Where(w => w.RegionCode.StartsWith("510923") && w.IsPublicProfile && w.UserId == null && !db.Storefronts.Any(s => s.OwnerWorkerId == w.Id))
            .OrderBy(w => w.Id).Select(w => w.Id).FirstAsync());
        var id = (await (await daying.PostJsonAsync("/api/v1/storefronts", new { name = $"操作清单工作室{Guid.NewGuid():N}"[..16], introduction = "柑橘技术服务", regionCode = "510923", ownerWorkerId = owner })).OkJsonAsync())["id"]!.GetValue<string>();

        Assert.Equal(["edit", "close"], await ActionsAsync(daying, id));
        Assert.Contains("id=\"edit-storefront\"", await (await daying.GetAsync($"/Market/Storefronts/Details/{id}")).Content.ReadAsStringAsync());

        foreach (var stranger in new[] { await app.SignInAsync("shehong"), await app.SignInAsync("enterprise"), app.Anonymous() })
        {
            Assert.Empty(await ActionsAsync(stranger, id));
            Assert.DoesNotContain("storefront-actions", await (await stranger.GetAsync($"/Market/Storefronts/Details/{id}")).Content.ReadAsStringAsync());
            var close = await stranger.PostAsync($"/api/v1/storefronts/{id}/close", null);
            Assert.True(close.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"close: {close.StatusCode}");
        }

        await (await daying.PostAsync($"/api/v1/storefronts/{id}/close", null)).OkJsonAsync();
        Assert.Equal(["edit", "open"], await ActionsAsync(daying, id));
        var page = await (await daying.GetAsync($"/Market/Storefronts/Details/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("handler=Open", page);
        Assert.DoesNotContain("handler=Close", page);
        await (await daying.PostAsync($"/api/v1/storefronts/{id}/open", null)).OkJsonAsync();
        Assert.Equal(["edit", "close"], await ActionsAsync(await app.SignInAsync("daying-staff"), id));
    }
}

public sealed class StorefrontActionsSqliteTests(SqliteApp app) : StorefrontActionsTests(app);

public sealed class StorefrontActionsPostgresTests(PostgresApp app) : StorefrontActionsTests(app);
