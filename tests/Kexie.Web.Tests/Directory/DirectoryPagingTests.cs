using System.Text.RegularExpressions;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.DirectoryLists;

/// <summary>
/// The directory lists (science workers, organizations) page by the API cursor: “下一页” carries the last row's
/// (region, name, id), every row shows once and in order; list counts stop at a cap and say “1万+”.
/// </summary>
public abstract class DirectoryPagingTests(KexieApp app)
{
    private const string DaYing = "510923";

    private static string Token() => Guid.NewGuid().ToString("N")[..8];

    private static string Next(string html) => System.Net.WebUtility.HtmlDecode(Regex.Match(html, "<a href=\"([^\"]+)\" rel=\"next\">").Groups[1].Value);

    [Fact]
    public async Task The_directory_pages_follow_the_cursor_and_show_every_row_once_in_order()
    {
        var token = Token();
        var daying = await app.SignInAsync("daying");
        // Two townships, so the order is by region first, then by name; a name with '.' and '%' travels in the cursor.
        var names = new List<(string Region, string Name)>();
        for (var i = 0; i < 21; i++)
        {
            var region = i % 2 == 0 ? "510923105" : "510923106";
            var name = i == 4 ? $"游.标%{i:00}{token}" : $"游标{i:00}{token}";
            names.Add((region, name));
            (await daying.PostJsonAsync("/api/v1/workers", new
            {
                name, gender = "Female", birthYear = 1985, employer = "大英县农业技术推广中心", title = "中级", disciplineCodes = new[] { "21030" },
                education = "大学本科", phone = KexieApp.NewPhone(), regionCode = region, isPublicProfile = i % 3 == 0,
            })).EnsureSuccessStatusCode();
            (await daying.PostJsonAsync("/api/v1/organizations", new { name, kind = "Enterprise", creditCode = AccessScopeTests.NewCreditCode(DaYing), industryCode = "3091", regionCode = region }))
                .EnsureSuccessStatusCode();
        }

        // The database's own order (its collation decides where '.' sorts), region first.
        var workerOrder = await app.QueryAsync(db => db.ScienceWorkers.Where(w => w.Name.EndsWith(token)).OrderBy(w => w.RegionCode).ThenBy(w => w.Name).ThenBy(w => w.Id).Select(w => w.Name).ToListAsync());
        var organizationOrder = await app.QueryAsync(db => db.Organizations.Where(o => o.Name.EndsWith(token)).OrderBy(o => o.RegionCode).ThenBy(o => o.Name).ThenBy(o => o.Id).Select(o => o.Name).ToListAsync());
        Assert.Equal(names.Select(n => n.Name).Order(), workerOrder.Order());
        Assert.Equal(workerOrder, organizationOrder);
        Assert.Equal(names.Where(n => n.Region == "510923105").Select(n => n.Name).Order(), workerOrder.Take(11).Order());
        var expected = workerOrder;
        foreach (var path in new[] { "/Workers", "/Organizations" })
        {
            var first = await daying.GetStringAsync($"{path}?q={token}");
            Assert.Contains("共 21 ", first);
            Assert.Contains("第 1 / 2 页", first);
            var next = Next(first);
            Assert.Contains("after=", next);
            Assert.Contains("p=2", next);
            Assert.Contains($"q={token}", next);
            var second = await daying.GetStringAsync(next);
            Assert.Contains("第 2 / 2 页", second);
            Assert.DoesNotContain("rel=\"next\"", second);

            string[] Shown(string html) => Regex.Matches(System.Net.WebUtility.HtmlDecode(html), $"游\\.?标%?\\d\\d{token}").Select(m => m.Value).Distinct().ToArray();
            Assert.Equal(expected, Shown(first).Concat(Shown(second)).ToList());
        }

        // The API: pages of 5 by nextCursor, in the same order, the last page without a cursor.
        foreach (var list in new[] { "workers", "organizations" })
        {
            var seen = new List<string>();
            string? cursor = null;
            var pages = 0;
            do
            {
                var page = await (await daying.GetAsync($"/api/v1/{list}?q={token}&pageSize=5" + (cursor is null ? string.Empty : $"&after={Uri.EscapeDataString(cursor)}"))).OkJsonAsync();
                Assert.Equal(21, page["total"]!.GetValue<int>());
                Assert.False(page["totalCapped"]!.GetValue<bool>());
                seen.AddRange(page["items"]!.AsArray().Select(w => w!["name"]!.GetValue<string>()));
                cursor = page["nextCursor"]?.GetValue<string>();
                Assert.Equal(cursor is not null, page["hasNext"]!.GetValue<bool>());
                pages++;
            }
            while (cursor is not null && pages < 10);

            Assert.Equal(5, pages);
            Assert.Equal(expected, seen);

            // Pages by number (a shared link): from page KeysetPaging.SeekFromPage on, read after the key of the row
            // before the page; the same rows in the same order, and a page past the end is empty.
            var numbered = new List<string>();
            for (var number = 1; number <= 11; number++)
            {
                var page = await (await daying.GetAsync($"/api/v1/{list}?q={token}&pageSize=2&page={number}")).OkJsonAsync();
                Assert.Equal(number, page["page"]!.GetValue<int>());
                Assert.Equal(number < 11, page["hasNext"]!.GetValue<bool>());
                Assert.Equal(number > 1, page["previousCursor"]?.GetValue<string>() is not null);
                numbered.AddRange(page["items"]!.AsArray().Select(w => w!["name"]!.GetValue<string>()));
            }

            Assert.Equal(expected, numbered);
            var past = await (await daying.GetAsync($"/api/v1/{list}?q={token}&pageSize=2&page=12")).OkJsonAsync();
            Assert.Empty(past["items"]!.AsArray());
            Assert.False(past["hasNext"]!.GetValue<bool>());
        }

        // A cursor that is not one is a problem naming the field, not a first page.
        var bad = await daying.GetAsync($"/api/v1/workers?q={token}&after=abc");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("after", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task List_counts_stop_at_the_cap_and_say_so()
    {
        var token = Token();
        var daying = await app.SignInAsync("daying");
        for (var i = 0; i < 6; i++)
        {
            (await daying.PostJsonAsync("/api/v1/workers", new
            {
                name = $"计数{i}{token}", gender = "Male", birthYear = 1980, employer = "大英县人民医院", title = "中级", disciplineCodes = new[] { "21030" },
                education = "大学本科", phone = KexieApp.NewPhone(), regionCode = DaYing, isPublicProfile = false,
            })).EnsureSuccessStatusCode();
        }

        // The shared count reads at most cap + 1 rows: six rows against a cap of 5 are "5+", against 6 exactly 6.
        Assert.Equal((5, true), await app.QueryAsync(db => ListCount.CountAsync(db.ScienceWorkers.Where(w => w.Name.EndsWith(token)), default, cap: 5)));
        Assert.Equal((6, false), await app.QueryAsync(db => ListCount.CountAsync(db.ScienceWorkers.Where(w => w.Name.EndsWith(token)), default, cap: 6)));
        Assert.Equal("1万+", ListCount.Label(ListCount.Cap, capped: true));
        Assert.Equal("5+", ListCount.Label(5, capped: true));
        Assert.Equal("9999", ListCount.Label(9999, capped: false));

        // A capped page says “第 N 页” without a page count and still offers the next page.
        var capped = new PagedResult<string>(["a"], ListCount.Cap, 3, 20) { TotalCapped = true, HasNext = true };
        var pager = Kexie.Web.Pages.PagerModel.Of(capped, "/Workers", new Dictionary<string, string?>());
        Assert.Equal("第 3 页", pager.Label);
        Assert.True(pager.HasNext);
        Assert.Equal("1万+", capped.TotalLabel);
    }
}

public sealed class DirectoryPagingSqliteTests(SqliteApp app) : DirectoryPagingTests(app);

public sealed class DirectoryPagingPostgresTests(PostgresApp app) : DirectoryPagingTests(app);
