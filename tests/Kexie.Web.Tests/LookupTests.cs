using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests;

/// <summary>Pickers by name: the code tables searched by Chinese name, pinyin initials (Unihan readings) and code.</summary>
public abstract class LookupTests(KexieApp app)
{
    private static List<(string Code, string Name)> Items(JsonNode list) =>
        list.AsArray().Select(i => (i!["code"]!.GetValue<string>(), i["name"]!.GetValue<string>())).ToList();

    private async Task<List<(string Code, string Name)>> SearchAsync(string kind, string query) =>
        Items(await (await app.Anonymous().GetAsync($"/api/v1/lookups/{kind}?{query}")).OkJsonAsync());

    [Fact]
    public async Task Industries_disciplines_and_regions_are_found_by_chinese_name_and_by_pinyin_initials()
    {
        // "cy": 茶叶种植 (0164); "茶": the tea industries, 精制茶加工 among them; shallower levels first.
        Assert.Contains(("0164", "茶叶种植"), await SearchAsync("industries", "q=cy&top=50"));
        var tea = await SearchAsync("industries", "q=" + Uri.EscapeDataString("茶"));
        Assert.Contains(tea, i => i.Code == "1530" && i.Name == "精制茶加工");
        Assert.All(tea, i => Assert.Contains("茶", i.Name));
        Assert.Equal("0164", (await SearchAsync("industries", "q=0164"))[0].Code);

        // Disciplines: 植物保护学 by "zwbh"; regions: 重庆 is cq (the heteronym 重 read chóng), 大英县 by "dyx".
        Assert.Contains(("21060", "植物保护学"), await SearchAsync("disciplines", "q=zwbh&top=50"));
        Assert.Equal(("50", "重庆市"), (await SearchAsync("regions", "q=cq"))[0]);
        Assert.Contains(("510923", "大英县"), await SearchAsync("regions", "q=dyx&top=50"));
        Assert.Equal("510923", (await SearchAsync("regions", "q=" + Uri.EscapeDataString("大英县")))[0].Code);

        // A picker shows the names of the codes a field already holds; nothing for an empty query; top is capped.
        Assert.Equal([("1530", "精制茶加工"), ("0164", "茶叶种植")], await SearchAsync("industries", "codes=1530,0164,9999"));
        Assert.Empty(await SearchAsync("industries", "q="));
        Assert.Equal(50, (await SearchAsync("regions", "q=s&top=500")).Count);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/api/v1/lookups/people?q=cy")).StatusCode);
    }

    [Fact]
    public async Task Places_near_the_person_come_first_among_equally_good_region_matches()
    {
        // "dy" starts the initials of 德阳市, 大邑县, 大英县 …: a visitor of 大英县's site (Site:RegionCode) and its staff get
        // 大英县 first; Sichuan's admin, whose region is the province, gets the province's shallowest match, 德阳市.
        Assert.Equal(("510923", "大英县"), (await SearchAsync("regions", "q=dy"))[0]);
        var staff = await app.SignInAsync("daying-staff");
        Assert.Equal("510923", Items(await (await staff.GetAsync("/api/v1/lookups/regions?q=dy")).OkJsonAsync())[0].Code);
        var sichuan = await app.SignInAsync("sichuan");
        Assert.Equal(("5106", "德阳市"), Items(await (await sichuan.GetAsync("/api/v1/lookups/regions?q=dy")).OkJsonAsync())[0]);
    }

    [Fact]
    public async Task The_forms_offer_pickers_and_defaults_from_the_signed_in_party()
    {
        // The need form of an organization user: the industry picker holds the organization's industry by default.
        var enterprise = await app.SignInAsync("enterprise");
        var page = await (await enterprise.GetAsync("/Market/Needs/Edit")).Content.ReadAsStringAsync();
        Assert.Contains("data-picker=\"industries\"", page);
        Assert.Contains("data-picker=\"regions\"", page);
        Assert.Contains("/js/picker.js", page);
        var industry = await app.QueryAsync(async db =>
        {
            var organization = await db.Users.Where(u => u.UserName == "enterprise").Select(u => u.OrganizationId).SingleAsync();
            return await db.Organizations.Where(o => o.Id == organization).Select(o => o.IndustryCode).SingleAsync();
        });
        Assert.False(string.IsNullOrEmpty(industry));
        Assert.Matches($"id=\"Input_IndustryCodes\"[^>]*value=\"{industry}\"|value=\"{industry}\"[^>]*id=\"Input_IndustryCodes\"", page);

        // The offer form of a worker: the worker's disciplines by default.
        var worker = await app.SignInAsync("worker");
        var offerPage = await (await worker.GetAsync("/Market/Offers/Edit")).Content.ReadAsStringAsync();
        var disciplines = await app.QueryAsync(async db =>
        {
            var self = await db.Users.Where(u => u.UserName == "worker").Select(u => u.ScienceWorkerId).SingleAsync();
            return (await db.ScienceWorkers.SingleAsync(w => w.Id == self)).DisciplineCodes;
        });
        Assert.NotEmpty(disciplines);
        Assert.Contains($"value=\"{string.Join(",", disciplines)}\"", offerPage);
        Assert.Contains("data-picker=\"disciplines\"", offerPage);

        // An inquiry started from a need's matches answers that need by default.
        var daying = await app.SignInAsync("daying");
        var published = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var id = (await (await enterprise.PostJsonAsync("/api/v1/needs", new { title = $"默认需求{i}{Guid.NewGuid():N}"[..20], problem = "询价默认关联需求的测试", industryCodes = new[] { "2614" }, regionCode = "510923" })).OkJsonAsync())["id"]!.GetValue<string>();
            await (await enterprise.PostAsync($"/api/v1/needs/{id}/submit", null)).OkJsonAsync();
            await (await daying.PostAsync($"/api/v1/needs/{id}/publish", null)).OkJsonAsync();
            published.Add(id);
        }

        var need = published[^1];
        var offer = (await (await enterprise.GetAsync("/api/v1/offers?region=510923&pageSize=1")).OkJsonAsync())["items"]!.AsArray()[0]!["id"]!.GetValue<string>();
        var inquiry = await (await enterprise.GetAsync($"/Market/Orders/Create?offer={offer}&need={need}")).Content.ReadAsStringAsync();
        Assert.Matches($"<option value=\"{need}\" selected=\"selected\">", inquiry);
        var plain = await (await enterprise.GetAsync($"/Market/Orders/Create?offer={offer}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("selected=\"selected\"", plain);
        var offerPageFromNeed = await (await enterprise.GetAsync($"/Market/Offers/Details/{offer}?need={need}")).Content.ReadAsStringAsync();
        Assert.Contains($"/Market/Orders/Create?offer={offer}&amp;need={need}", offerPageFromNeed);
    }
}

public sealed class LookupSqliteTests(SqliteApp app) : LookupTests(app);

public sealed class LookupPostgresTests(PostgresApp app) : LookupTests(app);
