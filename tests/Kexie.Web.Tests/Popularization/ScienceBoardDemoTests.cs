using System.Net;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using Kexie.Domain.Indicators;
using Kexie.Web.Pages.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Popularization;

/// <summary>
/// 大英县's demo 科普宣传栏 and 宣传点 of 2020 ("设立疫情防控科普宣传点2个") reach S09 (content refreshes) and the annual report's sentence;
/// its 纲要实施成员单位 assessments reach S10 (share of 完成); the placeholder {科普宣传栏} is known to the template validator; the
/// records behind S09 and S10 open their board and unit.
/// </summary>
public abstract class ScienceBoardDemoTests(KexieApp app)
{
    private const string DaYing = "510923";

    [Fact]
    public async Task The_demo_boards_count_in_S09_and_the_report_and_the_assessments_in_S10()
    {
        var towns = Math.Min(10, await app.QueryAsync(db => db.Regions.CountAsync(r => r.ParentCode == DaYing)));
        var panels = Enumerable.Range(0, towns).Sum(i => 2 + (i % 3));
        var refreshes = ((towns + 2) * 4) + 10;
        var expected = $"2020年，在用科普宣传栏{towns}个（{panels}块）、科普画廊2个（20块）、科普宣传点2个；设立疫情防控科普宣传点2个；全年更新宣传内容{refreshes}期。";

        var stats = await (await app.Anonymous().GetAsync($"/api/v1/science-boards/statistics?region={DaYing}&year=2020")).OkJsonAsync();
        Assert.Equal(expected, stats["summary"]!.GetValue<string>());
        Assert.Equal("疫情防控", stats["newPointsByTheme"]!.AsArray().Single()!["name"]!.GetValue<string>());

        // The report refreshes the facts first, then speaks of them.
        var admin = await app.SignInAsync("daying");
        using var docx = WordprocessingDocument.Open(new MemoryStream(await (await admin.GetAsync($"/api/v1/indicators/reports/annual?region={DaYing}&year=2020")).Content.ReadAsByteArrayAsync()), false);
        Assert.Contains(expected, docx.MainDocumentPart!.Document!.Body!.InnerText);

        var values = (await (await admin.GetAsync($"/api/v1/indicators/values?region={DaYing}&period=2020")).OkJsonAsync())["values"]!.AsArray()
            .ToDictionary(v => v!["code"]!.GetValue<string>(), v => v!["value"]?.GetValue<decimal?>());
        Assert.Equal(refreshes, values["S09"]);
        // 27 of the demo's 30 units 完成 (90%): no test assesses a unit of 大英县 in 2020 (MemberUnitTests assess in 射洪市).
        Assert.Equal(90m, values["S10"]);
        var catalogue = await (await app.Anonymous().GetAsync("/api/v1/indicators/catalogue")).OkJsonAsync();
        Assert.Equal("期", catalogue.AsArray().First(i => i!["code"]!.GetValue<string>() == "S09")!["unit"]!.GetValue<string>());
        Assert.Equal("%", catalogue.AsArray().First(i => i!["code"]!.GetValue<string>() == "S10")!["unit"]!.GetValue<string>());

        // The placeholder is the validator's, and the source fills it.
        await using var scope = app.Services.CreateAsyncScope();
        var templates = scope.ServiceProvider.GetRequiredService<Kexie.Web.Features.Indicators.Report.ReportTemplateService>();
        var known = templates.Placeholders.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("科普宣传栏", known);
        Assert.Single(Kexie.Web.Features.Indicators.Report.ReportTemplate.Parse("# 服务全民科学素质提升\n{科普宣传栏}", known));
        var filled = new List<Kexie.Web.Features.Indicators.Report.ReportValue>();
        foreach (var source in scope.ServiceProvider.GetServices<Kexie.Web.Features.Indicators.Report.IReportStatisticSource>())
        {
            filled.AddRange(await source.ValuesAsync(new Kexie.Web.Features.Indicators.Report.ReportScope(DaYing, "大英县", new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31)), CancellationToken.None));
        }

        var board = Assert.Single(filled, v => v.Name == "科普宣传栏");
        Assert.Equal(expected, board.Text);
        Assert.True(board.HasData);
    }

    [Fact]
    public async Task The_records_behind_S09_and_S10_open_their_board_and_unit()
    {
        var refresh = await app.QueryAsync(db => db.ScienceBoardRefreshes.Where(x => x.RegionCode.StartsWith(DaYing) && x.Day.Year == 2020).OrderBy(x => x.Id).Select(x => new { x.Id, x.BoardId }).FirstAsync());
        var assessment = await app.QueryAsync(db => db.LiteracyMemberAssessments.Where(x => x.RegionCode == DaYing && x.Year == 2020).OrderBy(x => x.Id).Select(x => new { x.Id, x.MemberUnitId }).FirstAsync());
        var anonymous = app.Anonymous();
        var board = await anonymous.GetAsync(IndicatorsUi.SourceLink(FactSource.ScienceBoardRefresh, refresh.Id));
        Assert.Equal(HttpStatusCode.Redirect, board.StatusCode);
        Assert.Equal($"/Popularization/Boards/Details/{refresh.BoardId}", board.Headers.Location?.OriginalString);
        var unit = await anonymous.GetAsync(IndicatorsUi.SourceLink(FactSource.LiteracyMemberAssessment, assessment.Id));
        Assert.Equal(HttpStatusCode.Redirect, unit.StatusCode);
        Assert.Equal($"/Popularization/Literacy/MemberUnit/{assessment.MemberUnitId}?year=2020", unit.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/Popularization/Records/board-refresh/{Guid.NewGuid()}")).StatusCode);
        var page = await anonymous.GetStringAsync($"/Popularization/Boards/Details/{refresh.BoardId}");
        Assert.Contains("内容更新记录", page);
    }
}

public sealed class ScienceBoardDemoSqliteTests(SqliteApp app) : ScienceBoardDemoTests(app);

public sealed class ScienceBoardDemoPostgresTests(PostgresApp app) : ScienceBoardDemoTests(app);
