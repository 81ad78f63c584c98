using System.Net;

namespace Kexie.Web.Tests;

public abstract class RegionTreeTests(KexieApp app)
{
    [Fact]
    public async Task Sichuan_has_its_21_prefectures_and_183_county_level_units()
    {
        var client = app.Anonymous();
        var prefectures = (await (await client.GetAsync("/api/v1/regions/51/children")).OkJsonAsync()).AsArray();
        Assert.Equal(21, prefectures.Count);
        Assert.Contains(prefectures, p => p!["code"]!.GetValue<string>() == "5109" && p["name"]!.GetValue<string>() == "遂宁市");
        Assert.Equal(183, prefectures.Sum(p => p!["childCount"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_county_lists_its_townships_with_full_names()
    {
        var client = app.Anonymous();
        var county = await (await client.GetAsync("/api/v1/regions/510923")).OkJsonAsync();
        Assert.Equal("大英县", county["name"]!.GetValue<string>());
        Assert.Equal("四川省 遂宁市 大英县", county["fullName"]!.GetValue<string>());
        Assert.Equal("County", county["level"]!.GetValue<string>());
        var townships = (await (await client.GetAsync("/api/v1/regions/510923/children")).OkJsonAsync()).AsArray();
        Assert.Equal(10, townships.Count);
        Assert.Contains(townships, t => t!["name"]!.GetValue<string>() == "卓筒井镇" && t["code"]!.GetValue<string>() == "510923105");
    }

    [Fact]
    public async Task Ancestry_walks_up_to_the_province()
    {
        var ancestry = (await (await app.Anonymous().GetAsync("/api/v1/regions/510923105/ancestry")).OkJsonAsync()).AsArray();
        Assert.Equal(["51", "5109", "510923", "510923105"], ancestry.Select(r => r!["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_unknown_region_is_a_404_in_Chinese()
    {
        var response = await app.Anonymous().GetAsync("/api/v1/regions/519999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("不存在", (await response.ReadNodeAsync())["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Taxonomy_tables_are_loaded_from_the_standards()
    {
        var client = app.Anonymous();
        var agriculture = (await (await client.GetAsync("/api/v1/taxonomy/disciplines?parent=210")).OkJsonAsync()).AsArray();
        Assert.Contains(agriculture, d => d!["name"]!.GetValue<string>() == "农艺学");
        var sections = (await (await client.GetAsync("/api/v1/taxonomy/industries")).OkJsonAsync()).AsArray();
        Assert.Equal(20, sections.Count);
    }
}

public sealed class RegionTreeSqliteTests(SqliteApp app) : RegionTreeTests(app);

public sealed class RegionTreePostgresTests(PostgresApp app) : RegionTreeTests(app);
