using System.IO.Compression;
using System.Text.RegularExpressions;
using Kexie.Domain.Identity;
using Kexie.Web.Features.Indicators;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kexie.E2E;

/// <summary>
/// 精准绩效 in the browser: 大英县's dashboard for 2020 (rank among Sichuan's 183 county-level units, the ECharts
/// charts, the peer grid, a trace to the records behind a value, the annual report as .docx), the same dashboard on
/// a phone, 联动调度 from 遂宁市 to 大英县 with 大英县's comment, and a new weight version by the province.
/// </summary>
public sealed class IndicatorJourneys(KexieApp app)
{
    private static string NewName(string stem) => stem + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    /// <summary>Console errors and uncaught exceptions of a page: a chart that fails to draw shows up here.</summary>
    private static List<string> WatchErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            // The browser's own favicon request is not the page's doing.
            if (message.Type == "error" && !message.Location.Contains("favicon.ico", StringComparison.Ordinal))
            {
                errors.Add(message.Text + " " + message.Location);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return errors;
    }

    private async Task<RankingEntryDto> ExpectedEntryAsync(string region, string period)
    {
        using var scope = app.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<IndicatorService>();
        var ranking = await service.RankingAsync(Actor.System, region, period, null, TestContext.Current.CancellationToken);
        Assert.Equal(183, ranking.PeerCount);
        return ranking.Entries.Single(e => e.RegionCode == region);
    }

    private static async Task ExpectChartsAsync(IPage page)
    {
        foreach (var id in new[] { "chart-radar", "chart-trend", "chart-ranking" })
        {
            await Expect(page.Locator($"#{id} canvas").First).ToBeVisibleAsync();
            var box = await page.Locator($"#{id} canvas").First.BoundingBoxAsync();
            Assert.True(box is { Width: > 200, Height: > 200 }, $"{id} drew no sizeable canvas");
        }

        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-charts", "3");
    }

    [Fact]
    public async Task Daying_sees_its_2020_rank_among_183_with_charts_traces_a_value_and_downloads_the_annual_report()
    {
        var page = await app.NewPageAsync();
        var errors = WatchErrors(page);
        await KexieApp.LoginAsync(page, "daying");
        await page.ClickAsync("#nav-indicators");
        await Expect(page).ToHaveURLAsync(new Regex("/Indicators$"));

        // The period picker: year 2020.
        await page.SelectOptionAsync("#kind", "year");
        await Expect(page.Locator("[data-period-number]")).ToBeHiddenAsync();
        await page.SelectOptionAsync("#year", "2020");
        await Expect(page.Locator("#region option:checked")).ToContainTextAsync("大英县");
        await page.ClickAsync("#dashboard-filters button[type=submit]");
        await Expect(page.Locator("#scope")).ToContainTextAsync("2020年");

        var expected = await ExpectedEntryAsync("510923", "2020");
        Assert.NotNull(expected.Rank);
        await Expect(page.Locator("#rank-headline")).ToContainTextAsync($"全省183个县（市、区）中第{expected.Rank}位");
        await Expect(page.Locator("#composite-rank")).ToHaveTextAsync($"第{expected.Rank}位");
        await Expect(page.Locator("#composite-score")).ToHaveTextAsync(expected.Score!.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));

        // Every group has a data source now: each shows a score.
        await Expect(page.Locator("#group-scores li[data-group=ScienceLiteracy] strong")).ToHaveTextAsync(new Regex(@"^\d+\.\d\d$"));
        await Expect(page.Locator("#group-scores li[data-group=DecisionSupport] strong")).ToHaveTextAsync(new Regex(@"^\d+\.\d\d$"));
        await Expect(page.Locator("#group-scores li[data-group=ServingScienceWorkers] strong")).ToHaveTextAsync(new Regex(@"^\d+\.\d\d$"));

        await ExpectChartsAsync(page);
        await Expect(page.Locator("#peer-grid tbody tr")).ToHaveCountAsync(183);
        await Expect(page.Locator("#peer-grid tr.own")).ToHaveAttributeAsync("data-region", "510923");
        await Expect(page.Locator("#peer-grid tr.own td").First).ToHaveTextAsync(expected.Rank!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#indicator-table tr[data-indicator=D01]")).Not.ToContainTextAsync("暂无数据");
        foreach (var export in new[] { "#export-values", "#export-explain", "#export-ranking" })
        {
            var href = await page.Locator(export).GetAttributeAsync("href");
            var response = await page.APIRequest.GetAsync(href!);
            Assert.Equal(200, response.Status);
            Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await response.BodyAsync())[..2]));
        }

        await KexieApp.ScreenshotAsync(page, "i01-indicators-dashboard-laptop");
        await page.Locator(".chart-grid").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(KexieApp.ScreenshotDir, "i01b-indicators-radar-trend.png") });

        // The explanation of a value, then the records behind it (own scope).
        await page.ClickAsync("#indicator-table tr[data-indicator=W02] a.explain-link");
        await Expect(page.Locator("#ind-W02")).ToContainTextAsync("新增注册科技工作者");
        await page.GoBackAsync();
        await page.ClickAsync("#indicator-table tr[data-indicator=W02] a.trace-link");
        await Expect(page).ToHaveURLAsync(new Regex("/Indicators/Trace\\?.*indicator=W02"));
        await Expect(page.Locator("#trace-title")).ToContainTextAsync("大英县");
        Assert.True(await page.Locator("#trace-records tbody tr").CountAsync() > 0, "the trace shows no records");
        await Expect(page.Locator("#trace-records")).ToContainTextAsync("2020-");
        await KexieApp.ScreenshotAsync(page, "i02-indicators-trace");

        // The annual report for 2020 as Word: a real .docx naming the county.
        await page.GoBackAsync();
        await Expect(page.Locator("#report-year option:checked")).ToHaveTextAsync("2020年");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#report-docx"));
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.True(bytes.Length > 1000, "the .docx is empty");
        using (var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read))
        {
            var entry = zip.GetEntry("word/document.xml") ?? throw new Xunit.Sdk.XunitException("word/document.xml is missing");
            using var reader = new StreamReader(entry.Open());
            var xml = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
            Assert.Contains("大英县", xml, StringComparison.Ordinal);
            Assert.Contains($"第{expected.Rank}位", xml, StringComparison.Ordinal);
        }

        // A peer's dashboard is visible, but its records are not: no trace links, and the trace page is refused.
        await page.ClickAsync("#peer-grid tr[data-region='510981'] a");
        await Expect(page.Locator("#scope")).ToContainTextAsync("射洪市");
        await Expect(page.Locator("#indicator-table a.trace-link")).ToHaveCountAsync(0);
        await Expect(page.Locator("#annual-report")).ToHaveCountAsync(0);
        await ExpectChartsAsync(page);
        Assert.Empty(errors);
        var refused = await page.GotoAsync("/Indicators/Trace?region=510981&period=2020&indicator=W02");
        Assert.Equal(403, refused!.Status);
        await Expect(page.Locator("main")).ToContainTextAsync("只能追溯本级及下级地区");
    }

    [Fact]
    public async Task The_dashboard_fits_a_390px_phone_with_its_charts_and_the_catalogue_is_public()
    {
        var page = await app.NewPageAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
        });
        var errors = WatchErrors(page);
        await KexieApp.LoginAsync(page, "daying");
        await page.GotoAsync("/Indicators?region=510923&period=2020");
        await ExpectChartsAsync(page);
        await Expect(page.Locator("#rank-headline")).ToContainTextAsync("全省183个县（市、区）中第");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the dashboard scrolls sideways by {overflow}px on a phone");
        await KexieApp.ScreenshotAsync(page, "i03-indicators-dashboard-phone");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(KexieApp.ScreenshotDir, "i03a-indicators-phone-top.png") });
        await page.Locator("#chart-ranking").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(KexieApp.ScreenshotDir, "i03b-indicators-phone-charts.png") });
        await page.Locator("#indicator-table").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(KexieApp.ScreenshotDir, "i03c-indicators-phone-table.png") });

        // A quarter: the trend covers 8 quarters.
        await page.GotoAsync("/Indicators?region=510923&period=2021Q2");
        await Expect(page.Locator("#scope")).ToContainTextAsync("2021年第2季度");
        await Expect(page.Locator("#number")).ToBeVisibleAsync();
        await Expect(page.Locator("#number option:checked")).ToHaveTextAsync("第2季度");
        await ExpectChartsAsync(page);

        // A year before any data ranks nobody (every county would tie), and says so.
        await page.GotoAsync("/Indicators?region=510923&period=2019");
        await Expect(page.Locator("#no-activity")).ToContainTextAsync("本期不排名");
        await Expect(page.Locator("#chart-ranking")).ToHaveCountAsync(0);
        Assert.Empty(errors);

        // The indicator catalogue, like the API's, needs no sign-in; the dashboard does.
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync("/Indicators/Catalogue");
        await Expect(visitor.Locator(".catalogue-table tr[data-indicator]")).ToHaveCountAsync(Kexie.Domain.Indicators.IndicatorCatalogue.All.Count);
        await Expect(visitor.Locator("tr[data-indicator=D01]")).Not.ToContainTextAsync("暂无数据");
        await visitor.GotoAsync("/Indicators");
        await Expect(visitor).ToHaveURLAsync(new Regex("/Account/Login"));
    }

    [Fact]
    public async Task Suining_assigns_a_linkage_task_to_Daying_who_comments_on_it()
    {
        var title = NewName("新增注册科技工作者联动");
        var suining = await app.NewPageAsync();
        var errors = WatchErrors(suining);
        await KexieApp.LoginAsync(suining, "suining");
        await suining.GotoAsync("/Indicators/Linkage");
        await suining.FillAsync("#Input_Title", title);
        await suining.SelectOptionAsync("#Input_IndicatorCode", "W02");
        await suining.SelectOptionAsync("#Input_RegionCodes", "510923");
        await suining.FillAsync("#Input_Target", "500");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        await suining.FillAsync("#Input_StartsOn", today.AddDays(-60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await suining.FillAsync("#Input_DueOn", today.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await suining.ClickAsync("#assign-submit");
        await Expect(suining.Locator(".notice")).ToContainTextAsync("已向大英县下达联动任务");
        var card = suining.Locator("#tasks-by-me .task-card", new() { HasText = title });
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card.Locator(".progress .bar")).ToHaveCountAsync(1);
        await Expect(card.Locator(".status-badge")).ToHaveTextAsync(new Regex("正常推进|进度滞后|已完成"));

        // A form error comes back in Chinese beside the field.
        await suining.FillAsync("#Input_Title", title + "X");
        await suining.SelectOptionAsync("#Input_IndicatorCode", "W02");
        await suining.SelectOptionAsync("#Input_RegionCodes", "510923");
        await suining.FillAsync("#Input_Target", "500");
        await suining.FillAsync("#Input_StartsOn", today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await suining.FillAsync("#Input_DueOn", today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await suining.ClickAsync("#assign-submit");
        await Expect(suining.Locator("[data-valmsg-for='Input.DueOn']")).ToHaveTextAsync("截止日期不能早于开始日期");
        await Expect(suining.Locator("#tasks-by-me .task-card", new() { HasText = title + "X" })).ToHaveCountAsync(0);

        var daying = await app.NewPageAsync();
        errors.AddRange(WatchErrors(daying));
        await KexieApp.LoginAsync(daying, "daying");
        await daying.GotoAsync("/Indicators/Linkage");
        var mine = daying.Locator("#tasks-to-me .task-card", new() { HasText = title });
        await Expect(mine).ToHaveCountAsync(1);
        await Expect(daying.Locator("#assign #Input_RegionCodes option[value='510923']")).ToHaveCountAsync(0);
        await mine.Locator("h3 a").ClickAsync();
        var comment = "已组织乡镇开展注册宣传，预计月底前完成" + Guid.NewGuid().ToString("N")[..4];
        await daying.FillAsync("#Text", comment);
        await daying.ClickAsync("#comment-form button[type=submit]");
        await Expect(daying.Locator(".notice")).ToContainTextAsync("已提交情况说明");
        await Expect(daying.Locator("#comments")).ToContainTextAsync(comment);
        await KexieApp.ScreenshotAsync(daying, "i04-linkage-task-comment");

        // The assigning level reads the comment on its own list.
        await suining.GotoAsync("/Indicators/Linkage");
        await Expect(suining.Locator("#tasks-by-me .task-card", new() { HasText = title })).ToContainTextAsync(comment);
        await KexieApp.ScreenshotAsync(suining, "i05-linkage-list");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_province_saves_a_new_weight_version_that_city_admins_cannot_create()
    {
        var city = await app.NewPageAsync();
        await KexieApp.LoginAsync(city, "suining");
        await city.GotoAsync("/Indicators/WeightSets");
        await Expect(city.Locator("#weight-sets tr[data-version='0']")).ToHaveCountAsync(1);
        await Expect(city.Locator("#new-weight-set")).ToHaveCountAsync(0);

        var province = await app.NewPageAsync();
        await KexieApp.LoginAsync(province, "sichuan");
        await province.GotoAsync("/Indicators/WeightSets");
        var name = NewName("省级权重复核");
        await province.FillAsync("#Name", name);
        await province.FillAsync("#Note", "与现行权重一致，仅复核留档");
        await province.ClickAsync("#new-weight-set button[type=submit]");
        await Expect(province.Locator(".notice")).ToContainTextAsync("已保存权重方案");
        var row = province.Locator("#weight-sets tbody tr", new() { HasText = name });
        await Expect(row).ToContainTextAsync("生效中");

        // The dashboard offers the version and names it.
        await province.GotoAsync("/Indicators?region=510923&period=2020");
        await Expect(province.Locator("#weightSet option", new() { HasText = name })).ToHaveCountAsync(1);
    }
}
