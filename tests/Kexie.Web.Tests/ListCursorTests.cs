using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests;

/// <summary>
/// The cursor lists (needs, offers, science workers, organizations): 上一页 reads backwards from the page's first row
/// (<c>before</c>) and gives the same pages as 下一页 did, ties included; a hand-edited or stale cursor on a list page
/// shows the first page with a notice, never the error page; the API answers a problem naming the parameter.
/// </summary>
public abstract class ListCursorTests(KexieApp app)
{
    private const string DaYing = "510923";

    private static string Token() => Guid.NewGuid().ToString("N")[..8];

    private static string Link(string html, string rel) => WebUtility.HtmlDecode(Regex.Match(html, $"<a href=\"([^\"]+)\" rel=\"{rel}\">").Groups[1].Value);

    private static List<string> Ids(JsonNode page) => page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();

    private async Task<List<string>> PublishedNeedsAndOffersAsync(string token, int count)
    {
        var enterprise = await app.SignInAsync("enterprise");
        var worker = await app.SignInAsync("worker");
        var daying = await app.SignInAsync("daying");
        var titles = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var title = $"上页{i:00}{token}";
            titles.Add(title);
            var need = (await (await enterprise.PostJsonAsync("/api/v1/needs", new
            {
                title, problem = "生产中含盐废水处理成本高，希望找到降低处理成本的工艺方案。", industryCodes = new[] { "2614" }, disciplineCodes = new[] { "21030" },
                budgetMin = 10000m, budgetMax = 50000m, deadline = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60), regionCode = DaYing, visibility = "Public",
            })).OkJsonAsync())["id"]!.GetValue<string>();
            await (await enterprise.PostAsync($"/api/v1/needs/{need}/submit", null)).OkJsonAsync();
            await (await daying.PostAsync($"/api/v1/needs/{need}/publish", null)).OkJsonAsync();
            var offer = (await (await worker.PostJsonAsync("/api/v1/offers", new
            {
                kind = "Service", title, description = "提供柑橘保鲜、化工废水处理工艺改进方面的技术咨询与现场指导。", disciplineCodes = new[] { "21030" },
                industryCodes = new[] { "2614" }, regionCode = DaYing, priceMode = "Range", priceMin = 1000m, priceMax = 5000m, priceUnit = "每次",
            })).OkJsonAsync())["id"]!.GetValue<string>();
            await (await worker.PostAsync($"/api/v1/offers/{offer}/submit", null)).OkJsonAsync();
            await (await daying.PostAsync($"/api/v1/offers/{offer}/publish", null)).OkJsonAsync();
        }

        // Three of each published at the same instant: the id breaks the tie, backwards as forwards.
        var tie = DateTimeOffset.UtcNow.AddMinutes(-5);
        await app.QueryAsync(async db =>
        {
            await db.Needs.Where(n => n.Title.EndsWith(token) && (n.Title.StartsWith("上页01") || n.Title.StartsWith("上页02") || n.Title.StartsWith("上页03")))
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.PublishedAt, tie));
            return await db.Offers.Where(o => o.Title.EndsWith(token) && (o.Title.StartsWith("上页01") || o.Title.StartsWith("上页02") || o.Title.StartsWith("上页03")))
                .ExecuteUpdateAsync(u => u.SetProperty(o => o.PublishedAt, tie));
        });
        return titles;
    }

    private async Task DirectoryRowsAsync(HttpClient daying, string token, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var region = i % 2 == 0 ? "510923105" : "510923106";
            var name = i == 3 ? $"上.页%{i:00}{token}" : $"上页{i:00}{token}";
            (await daying.PostJsonAsync("/api/v1/workers", new
            {
                name, gender = "Female", birthYear = 1985, employer = "大英县农业技术推广中心", title = "中级", disciplineCodes = new[] { "21030" },
                education = "大学本科", phone = KexieApp.NewPhone(), regionCode = region, isPublicProfile = true,
            })).EnsureSuccessStatusCode();
            (await daying.PostJsonAsync("/api/v1/organizations", new { name, kind = "Enterprise", creditCode = AccessScopeTests.NewCreditCode(DaYing), industryCode = "3091", regionCode = region }))
                .EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task The_previous_cursor_walks_back_through_the_same_pages_in_every_cursor_list()
    {
        var token = Token();
        await PublishedNeedsAndOffersAsync(token, 7);
        var daying = await app.SignInAsync("daying");
        await DirectoryRowsAsync(daying, token, 7);
        var lists = new[] { "needs?sort=newest", "needs?sort=oldest", "offers?sort=newest", "offers?sort=oldest", "workers?", "organizations?" };
        foreach (var list in lists)
        {
            // Forward by nextCursor in pages of 2 (4 pages for 7 rows), then back by previousCursor from the last page.
            var forward = new List<(List<string> Ids, string? Previous)>();
            string? cursor = null;
            do
            {
                var page = await (await daying.GetAsync($"/api/v1/{list}&q={token}&pageSize=2" + (cursor is null ? string.Empty : $"&after={Uri.EscapeDataString(cursor)}"))).OkJsonAsync();
                forward.Add((Ids(page), page["previousCursor"]?.GetValue<string>()));
                cursor = page["nextCursor"]?.GetValue<string>();
            }
            while (cursor is not null && forward.Count < 6);

            Assert.Equal(4, forward.Count);
            Assert.Null(forward[0].Previous);
            Assert.Equal(7, forward.SelectMany(p => p.Ids).Distinct().Count());
            var back = forward[^1].Previous;
            for (var index = forward.Count - 2; index >= 0; index--)
            {
                Assert.NotNull(back);
                var page = await (await daying.GetAsync($"/api/v1/{list}&q={token}&pageSize=2&before={Uri.EscapeDataString(back)}")).OkJsonAsync();
                Assert.Equal(forward[index].Ids, Ids(page));
                Assert.True(page["hasNext"]!.GetValue<bool>());
                back = page["previousCursor"]?.GetValue<string>();
            }

            // Back at the first page: no cursor before it.
            Assert.Null(back);

            // A malformed before is a problem naming it.
            Assert.Contains("before", await (await daying.GetAsync($"/api/v1/{list}&q={token}&before=abc")).AssertValidationProblemAsync("before"));
        }

        // The directory pages (20 rows a page, 21 rows): 下一页 then 上一页, which carries the second page's first row as
        // before= and shows the first page again.
        await DirectoryRowsAsync(daying, token + "b", 21);
        foreach (var path in new[] { "/Workers", "/Organizations" })
        {
            string[] Shown(string html) => Regex.Matches(WebUtility.HtmlDecode(html), $"上\\.?页%?\\d\\d{token}b").Select(m => m.Value).Distinct().ToArray();
            var first = await daying.GetStringAsync($"{path}?q={token}b");
            Assert.DoesNotContain("rel=\"prev\"", first);
            var second = await daying.GetStringAsync(Link(first, "next"));
            Assert.Contains("第 2 / 2 页", second);
            var previous = Link(second, "prev");
            Assert.Contains("before=", previous);
            Assert.Contains("p=1", previous);
            Assert.Contains($"q={token}b", previous);
            var again = await daying.GetStringAsync(previous);
            Assert.Contains("第 1 / 2 页", again);
            Assert.DoesNotContain("rel=\"prev\"", again);
            Assert.DoesNotContain(ListCursor.StaleNotice, again);
            Assert.Equal(Shown(first), Shown(again));
            Assert.Equal(21, Shown(first).Concat(Shown(second)).Distinct().Count());
        }
    }

    [Fact]
    public async Task A_bad_or_stale_cursor_on_a_list_page_shows_the_first_page_with_a_notice()
    {
        var token = Token();
        await PublishedNeedsAndOffersAsync(token, 2);
        var daying = await app.SignInAsync("daying");
        await DirectoryRowsAsync(daying, token, 2);
        foreach (var path in new[] { "/Market/Needs", "/Market/Offers", "/Workers", "/Organizations" })
        {
            var clean = await daying.GetStringAsync($"{path}?q={token}");
            Assert.DoesNotContain(ListCursor.StaleNotice, clean);
            // Malformed (hand-edited) cursors either way; well-formed ones that lead past every row (stale) after.
            var cases = new[] { "abc", "1.2.3" }.SelectMany(c => new[] { ("after", c), ("before", c) })
                .Concat([("after", $"9.0.{Guid.NewGuid():N}"), ("after", $"zz.zz.{Guid.NewGuid():N}")]);
            foreach (var (parameter, cursor) in cases)
            {
                {
                    var response = await daying.GetAsync($"{path}?q={token}&p=7&{parameter}={Uri.EscapeDataString(cursor)}");
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    var html = await response.Content.ReadAsStringAsync();
                    Assert.Contains(ListCursor.StaleNotice, html);
                    Assert.Contains($"上页00{token}", html);
                    Assert.Contains($"上页01{token}", html);
                    Assert.DoesNotContain("rel=\"prev\"", html);
                }
            }
        }

        // The API: a malformed cursor is a 400 problem naming the parameter, in Chinese.
        foreach (var list in new[] { "needs", "offers", "workers", "organizations" })
        {
            Assert.Contains("游标", await (await daying.GetAsync($"/api/v1/{list}?after=abc")).AssertValidationProblemAsync("after"));
            Assert.Contains("游标", await (await daying.GetAsync($"/api/v1/{list}?before=abc")).AssertValidationProblemAsync("before"));
        }
    }
}

public sealed class ListCursorSqliteTests(SqliteApp app) : ListCursorTests(app);

public sealed class ListCursorPostgresTests(PostgresApp app) : ListCursorTests(app);
